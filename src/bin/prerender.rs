//! Puts the first views into a built site: `prerender [DIR]` renders the overview (in Chinese and
//! in English, with the published figures of `DIR/figures.json`) into `DIR/index.html`, and every
//! section and indicator page into `DIR/first/<zh|en>/…html`. Trunk runs
//! it after every build (Trunk.toml), on its staging folder; run it again on a site after its
//! `figures.json` is replaced, so that the first view shows the new figures too.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::path::PathBuf;
    use xinyuan_tracker::model::{publish, Dataset, Lang};
    use xinyuan_tracker::ui::first;

    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok())
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("dist"));
    let index_path = dir.join("index.html");
    let index = match std::fs::read_to_string(&index_path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("prerender: cannot read {}: {e}", index_path.display());
            return std::process::ExitCode::FAILURE;
        }
    };
    // The published figures, if the site has them: a file that cannot be read is left to the app,
    // which says so; the first view then shows none.
    let text = std::fs::read_to_string(dir.join(publish::FILE)).ok();
    let published = text
        .as_deref()
        .and_then(|t| publish::read(t, Dataset::embedded()).ok())
        .filter(|p| !p.entries.is_empty());
    let figures = published.is_some().then_some(text.as_deref()).flatten();
    let zh = first::overview_html(Lang::Zh, published.clone());
    let en = first::overview_html(Lang::En, published.clone());
    let Some(page) = first::insert(&index, &zh, &en, figures) else {
        eprintln!(
            "prerender: {} has no `{}…{}`",
            index_path.display(),
            first::MARKERS.0,
            first::MARKERS.1
        );
        return std::process::ExitCode::FAILURE;
    };
    if let Err(e) = std::fs::write(&index_path, page) {
        eprintln!("prerender: cannot write {}: {e}", index_path.display());
        return std::process::ExitCode::FAILURE;
    }
    let folder = dir.join(first::FOLDER);
    let _ = std::fs::remove_dir_all(&folder);
    let (mut files, mut bytes) = (0, 0);
    for (route, path) in first::pages(Dataset::embedded()) {
        for (lang, tag) in [(Lang::Zh, "zh"), (Lang::En, "en")] {
            let html = first::page_html(route.clone(), lang, published.clone());
            let file = folder.join(tag).join(format!("{path}.html"));
            let written = file
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| std::fs::write(&file, &html));
            if let Err(e) = written {
                eprintln!("prerender: cannot write {}: {e}", file.display());
                return std::process::ExitCode::FAILURE;
            }
            files += 1;
            bytes += html.len();
        }
    }
    println!(
        "prerender: first views written to {} ({} + {} bytes) and {} ({files} files, {bytes} bytes)",
        index_path.display(),
        zh.len(),
        en.len(),
        folder.display()
    );
    std::process::ExitCode::SUCCESS
}

#[cfg(target_arch = "wasm32")]
fn main() {}
