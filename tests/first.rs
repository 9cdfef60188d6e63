//! The first view (`ui::first`): the overview rendered to HTML natively, by the app's components,
//! and put into `index.html`.
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use xinyuan_tracker::model::progress::assess_all;
use xinyuan_tracker::model::publish::{self, Published};
use xinyuan_tracker::model::{format, Dataset, Lang};
use xinyuan_tracker::ui::first;

#[path = "support/sample.rs"]
mod sample;

fn data() -> &'static Dataset {
    Dataset::embedded()
}

/// The values of an attribute, in document order.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let key = format!(" {name}=\"");
    html.split(&key)
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect()
}

#[test]
fn the_first_view_shows_every_main_target_with_its_2022_result_in_both_languages() {
    let zh = first::overview_html(Lang::Zh, None);
    let en = first::overview_html(Lang::En, None);
    assert!(zh.contains("<h1>2023年目标进度总览</h1>"), "{zh}");
    assert!(en.contains("<h1>2023 targets at a glance</h1>"), "{en}");
    for i in data().in_section("main") {
        for (html, l) in [(&zh, Lang::Zh), (&en, Lang::En)] {
            // Names may carry marked Chinese terms in English: compare the text without tags.
            let text = strip_tags(html);
            assert!(text.contains(i.name.get(l)), "{} missing in {l:?}", i.id);
            assert!(
                text.contains(&xinyuan_tracker::ui::text::base_text(i, l)),
                "2022 of {}",
                i.id
            );
            if let Some(t) = i.growth_target() {
                assert!(text.contains(&format::growth(t)), "target of {}", i.id);
            }
        }
    }
    // Nothing entered: every card says so.
    let statuses = attrs(&zh, "data-status");
    assert_eq!(statuses.len(), data().in_section("main").count());
    assert!(statuses.iter().all(|s| *s == "no-data"), "{statuses:?}");
    // Nothing from this browser: no banner, no notice.
    assert!(!zh.contains("data-testid=\"published\""));
    assert!(!zh.contains("data-testid=\"health\""));
}

#[test]
fn the_first_view_judges_the_published_figures_as_the_app_does() {
    let entries = sample::full_year(data());
    let file = publish::file(&entries, "2023-10-20T02:00:00.000Z");
    let published: Published = publish::read(&file, data()).unwrap();
    let zh = first::overview_html(Lang::Zh, Some(published.clone()));
    let all = assess_all(data(), &entries);
    let want: Vec<&str> = data()
        .in_section("main")
        .map(|i| all.status(&i.id).id())
        .collect();
    // The cards carry their status after the lagging list's entries: read the cards' own.
    let cards = zh.split("<ul class=\"cards\">").nth(1).unwrap();
    assert_eq!(attrs(cards, "data-status"), want);
    assert!(want.iter().any(|s| *s != "no-data"), "the sample is judged");
    assert!(
        strip_tags(&zh).contains("显示的是已发布的数据（"),
        "the published banner"
    );
    assert!(
        strip_tags(&zh).contains("发布于北京时间 2023-10-20 10:00"),
        "published at, Beijing time"
    );
    let en = first::overview_html(Lang::En, Some(published));
    assert!(strip_tags(&en).contains("published 2023-10-20 10:00 Beijing time"));
}

#[test]
fn the_first_view_goes_between_the_markers_and_can_be_put_there_again() {
    let index = include_str!("../index.html");
    let once = first::insert(
        index,
        "<main>zh</main>",
        "<main>en</main>",
        Some("{\"a\":\"</script>\"}"),
    )
    .expect("index.html has the markers");
    assert!(once.contains("<div class=\"first-view\" data-first=\"zh\"><main>zh</main></div><template data-first=\"en\"><div class=\"first-view\" data-first=\"en\"><main>en</main></div></template>"));
    // The page says it has its first views, so its loading line stays hidden while it streams in.
    assert!(
        once.contains("<html data-first-views lang=\"zh-CN\">"),
        "{once}"
    );
    // JSON inside a script element cannot end it early.
    assert!(once.contains("{\"a\":\"<\\/script>\"}</script>"), "{once}");
    assert_eq!(
        once.matches("</script>").count(),
        index.matches("</script>").count() + 1
    );
    // Again, with other figures (a site whose figures.json was replaced): replaced, not added.
    let twice = first::insert(&once, "<main>zh2</main>", "<main>en2</main>", None).unwrap();
    assert_eq!(
        twice.matches("class=\"first-view\"").count(),
        index.matches("class=\"first-view\"").count() + 2
    );
    assert!(twice.contains("zh2") && !twice.contains("<main>zh</main>"));
    assert_eq!(twice.matches("data-first-views").count(), 1);
    // No figures: the page says so (an empty file), and the app starts from that.
    assert!(twice.contains("<script type=\"application/json\" id=\"first-published\"></script>"));
    assert_eq!(first::insert("<html></html>", "", "", None), None);
}

#[test]
fn every_section_and_indicator_has_a_first_view_of_the_page_itself_not_a_loading_line() {
    use xinyuan_tracker::model::route::Route;
    let pages = first::pages(data());
    assert_eq!(pages.len(), data().sections.len() + data().indicators.len());
    for (route, path) in pages {
        for lang in [Lang::Zh, Lang::En] {
            let html = first::page_html(route.clone(), lang, None);
            let h1 = html
                .split("<h1>")
                .nth(1)
                .and_then(|h| h.split("</h1>").next())
                .unwrap_or_else(|| panic!("{path} ({lang:?}) has no heading: {html}"));
            let name = match &route {
                Route::Section(id) => data().section(id).unwrap().short.get(lang).to_string(),
                Route::Indicator(id) => data().indicator(id).unwrap().name.get(lang).to_string(),
                other => panic!("not a page with a first view of its own: {other:?}"),
            };
            assert!(strip_tags(h1).contains(&name), "{path} ({lang:?}): {h1}");
            assert!(
                !html.contains("class=\"loading\""),
                "{path} ({lang:?}) shows a loading line"
            );
        }
    }
}

#[test]
fn the_overview_marks_the_parts_listed_as_below_its_first_screen_and_nothing_before_them() {
    // Where they are on screen is checked in the browser (tests/e2e/first.rs).
    for lang in [Lang::Zh, Lang::En] {
        let html = first::overview_html(lang, None);
        let mark = format!(" {}", first::BELOW);
        let marked: Vec<&str> = html
            .match_indices(&mark)
            .map(|(at, _)| &html[html[..at].rfind('<').unwrap()..at])
            .collect();
        assert_eq!(marked, first::BELOW_FIRST_SCREEN, "{lang:?}");
        // The first screen: the heading, the lede, the targets behind their pace, the summary.
        let first_mark = html.find(&mark).unwrap();
        for above in [
            "<h1>",
            "class=\"lede\"",
            "data-testid=\"lagging\"",
            "data-testid=\"summary\"",
        ] {
            let at = html
                .find(above)
                .unwrap_or_else(|| panic!("{above} ({lang:?})"));
            assert!(
                at < first_mark,
                "{above} ({lang:?}) is marked as below the first screen"
            );
        }
        // Only the overview is marked.
        let section = first::page_html(
            xinyuan_tracker::model::route::Route::Section("main".into()),
            lang,
            None,
        );
        assert!(!section.contains(&mark), "{lang:?}");
    }
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in html.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
}
