//! Build steps of the app:
//!
//! - The app's wasm is linked with its relocations kept, so that the build can split the pages
//!   not needed for the first view into parts of their own (`public/split.sh`, `src/ui/parts.rs`).
//! - The report's data (`data/indicators.json`) is embedded in two pieces, written to `OUT_DIR`:
//!   `indicators.json`, the file without its `quote` fields, which every page needs, and
//!   `quotes.json`, the report's words each 2022 result and target was read from, which only the
//!   pages that show them need (the section, indicator and all-indicators pages: parts fetched
//!   when first opened). Both are written compact; the data are the file's, unchanged.

use serde_json::{Map, Value};
use std::path::Path;

fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bin=xinyuan-tracker=--emit-relocs");
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/indicators.json");
    let out = std::env::var("OUT_DIR").unwrap_or_else(|_| fail("OUT_DIR is not set"));
    let text = std::fs::read_to_string("data/indicators.json")
        .unwrap_or_else(|e| fail(&format!("data/indicators.json: {e}")));
    let (data, quotes) = split_quotes(&text).unwrap_or_else(|e| fail(&e));
    write(&Path::new(&out).join("indicators.json"), &data);
    write(&Path::new(&out).join("quotes.json"), &quotes);
}

/// The data without its quotes, and the quotes: `{"<id>": {"base": "…", "targets": ["…"]}}`
/// (`base` only where the indicator has a 2022 result; one quote per target, in order).
fn split_quotes(text: &str) -> Result<(Value, Value), String> {
    let mut data: Value =
        serde_json::from_str(text).map_err(|e| format!("data/indicators.json: {e}"))?;
    let mut quotes = Map::new();
    let indicators = data
        .get_mut("indicators")
        .and_then(Value::as_array_mut)
        .ok_or("data/indicators.json: no \"indicators\" list")?;
    for ind in indicators {
        let id = ind
            .get("id")
            .and_then(Value::as_str)
            .ok_or("data/indicators.json: an indicator without an id")?
            .to_string();
        let mut mine = Map::new();
        if let Some(base) = ind.get_mut("base").and_then(Value::as_object_mut) {
            let quote = take_quote(base).ok_or(format!("{id}: its 2022 result has no quote"))?;
            mine.insert("base".into(), quote);
        }
        let mut targets = Vec::new();
        for target in ind
            .get_mut("targets")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            let target = target
                .as_object_mut()
                .ok_or(format!("{id}: a target is not an object"))?;
            targets.push(take_quote(target).ok_or(format!("{id}: a target has no quote"))?);
        }
        mine.insert("targets".into(), Value::Array(targets));
        if quotes.insert(id.clone(), Value::Object(mine)).is_some() {
            return Err(format!("data/indicators.json: the id {id} is given twice"));
        }
    }
    Ok((data, Value::Object(quotes)))
}

fn take_quote(fields: &mut Map<String, Value>) -> Option<Value> {
    fields.remove("quote").filter(Value::is_string)
}

fn write(path: &Path, value: &Value) {
    let text = serde_json::to_string(value).unwrap_or_else(|e| fail(&e.to_string()));
    std::fs::write(path, text).unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
}

fn fail(why: &str) -> ! {
    eprintln!("build.rs: {why}");
    std::process::exit(1)
}
