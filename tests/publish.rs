//! Published figures (`model::publish`) and links that carry figures (`model::share`).
// Tests stop at the first thing that is not as expected.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use proptest::prelude::*;
use xinyuan_tracker::model::figures::{Figure, Period, Rev};
use xinyuan_tracker::model::publish::{self, Origin};
use xinyuan_tracker::model::saved::{self, Entries, LoadError, Op};
use xinyuan_tracker::model::share::{self, Offer, ShareError};
use xinyuan_tracker::model::sync::{Event, Replica};
use xinyuan_tracker::model::{Dataset, Lang};

fn data() -> &'static Dataset {
    Dataset::embedded()
}

fn put(e: &mut Entries, id: &str, f: Figure) {
    e.apply(Op::Put {
        id: id.into(),
        figure: f,
    });
}

fn figure(p: Period, value: f64, growth: f64, source: &str) -> Figure {
    Figure {
        value: Some(value),
        growth: Some(growth),
        source: source.into(),
        ..Figure::empty(p)
    }
}

const BASE: &str = "https://example.org/tracker/";

#[path = "support/memory.rs"]
mod memory;
#[path = "support/sample.rs"]
mod sample;
use memory::MemoryStorage as Memory;

fn full_year() -> Entries {
    sample::full_year(data())
}

// ---------------------------------------------------------------------------------------------
// Published file

#[test]
fn a_published_file_reads_back_its_figures_and_time_without_revisions_or_deletions() {
    let mut own = Entries::default();
    put(
        &mut own,
        "gdp",
        figure(Period::Quarter(3), 98.5, 6.2, "统计局"),
    );
    own.set(
        "gdp",
        Period::Quarter(3),
        own.figure("gdp", Period::Quarter(3)).cloned(),
        Rev(7, "k1".into()),
    );
    own.set("gdp", Period::Quarter(2), None, Rev(5, "k1".into()));
    let text = publish::file(&own, "2023-10-20T02:00:00.000Z");
    assert!(
        !text.contains("k1"),
        "no page ids in a published file: {text}"
    );
    let read = publish::read(&text, data()).unwrap();
    assert_eq!(read.at, "2023-10-20T02:00:00.000Z");
    assert_eq!(read.entries, publish::figures_only(&own));
    assert!(read.entries.removed.is_empty());
    assert!(read.skipped.is_empty());
    // The file is a JSON backup: the import reads it too.
    assert!(saved::decode(&text).is_ok());
}

#[test]
fn an_unreadable_or_newer_published_file_is_refused_whole() {
    assert!(matches!(
        publish::read("<html>404</html>", data()),
        Err(LoadError::NotJson(_))
    ));
    assert!(matches!(
        publish::read(r#"{"app":"other","schema":2}"#, data()),
        Err(LoadError::WrongApp)
    ));
    let newer = r#"{"app":"xinyuan-tracker","schema":9,"saved_at":"x","data":{"figures":{}}}"#;
    assert_eq!(publish::read(newer, data()), Err(LoadError::Newer(9)));
    let nan = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"x","data":{"figures":{"gdp":[{"period":"Q1"}]}}}"#;
    assert!(matches!(
        publish::read(nan, data()),
        Err(LoadError::Invalid(_))
    ));
}

#[test]
fn figures_of_indicators_this_report_lacks_are_left_out_and_named() {
    let text = r#"{"app":"xinyuan-tracker","schema":2,"saved_at":"2023-05-01T00:00:00Z","data":{"figures":{"gdp":[{"period":"Q1","growth":5.1}],"no_such":[{"period":"M3","value":1}]}}}"#;
    let read = publish::read(text, data()).unwrap();
    assert_eq!(read.skipped, vec!["no_such".to_string()]);
    assert_eq!(read.entries.len(), 1);
}

#[test]
fn publishing_says_what_it_adds_changes_and_leaves_out() {
    let mut published = Entries::default();
    put(
        &mut published,
        "gdp",
        figure(Period::Quarter(1), 20.0, 5.0, "a"),
    );
    put(
        &mut published,
        "gdp",
        figure(Period::Quarter(2), 45.0, 6.0, "a"),
    );
    put(
        &mut published,
        "fai",
        figure(Period::Month(3), 10.0, 17.0, "a"),
    );
    let mut own = published.clone();
    put(&mut own, "gdp", figure(Period::Quarter(2), 45.0, 6.5, "b"));
    put(&mut own, "gdp", figure(Period::Quarter(3), 70.0, 7.0, "b"));
    own.apply(Op::Delete {
        id: "fai".into(),
        period: Period::Month(3),
    });
    let c = publish::compare(&own, &published);
    assert_eq!(c.added, vec![("gdp".to_string(), Period::Quarter(3))]);
    assert_eq!(c.changed, vec![("gdp".to_string(), Period::Quarter(2))]);
    assert_eq!(c.left_out, vec![("fai".to_string(), Period::Month(3))]);
    assert_eq!(c.same, 1);
    assert!(publish::compare(&published, &published).is_unchanged());
}

#[test]
fn a_figure_is_yours_only_where_it_differs_from_the_published_one() {
    let mut published = Entries::default();
    let same = figure(Period::Quarter(1), 20.0, 5.0, "a");
    put(&mut published, "gdp", same.clone());
    put(
        &mut published,
        "fai",
        figure(Period::Month(3), 10.0, 17.0, "a"),
    );
    let mut own = Entries::default();
    // Same content at another revision: not "yours".
    own.set(
        "gdp",
        Period::Quarter(1),
        Some(same.clone()),
        Rev(3, "p".into()),
    );
    put(&mut own, "fai", figure(Period::Month(3), 11.0, 17.0, "a"));
    put(&mut own, "fai", figure(Period::Month(4), 15.0, 16.0, "a"));
    let shown_gdp = own.figure("gdp", Period::Quarter(1)).unwrap();
    assert_eq!(
        publish::origin(&own, &published, "gdp", shown_gdp),
        Some(Origin::Published)
    );
    assert_eq!(
        publish::yours(&own, &published),
        vec![
            ("fai".to_string(), Period::Month(3)),
            ("fai".to_string(), Period::Month(4))
        ]
    );
    // With nothing published there is nothing to tell apart.
    assert_eq!(
        publish::origin(&own, &Entries::default(), "gdp", shown_gdp),
        None
    );
}

/// The keeper's loop and a visitor's, through the saving protocol: a visitor's own figure is kept
/// when the published file changes, dropping it shows the published one again, and undo brings
/// it back.
#[test]
fn a_visitors_own_figure_survives_a_new_published_file_and_dropping_it_shows_the_published_one() {
    const NOW: &str = "2023-11-01T00:00:00Z";
    let q3 = Period::Quarter(3);
    let mut first = Entries::default();
    put(&mut first, "gdp", figure(q3, 98.0, 6.0, "1-9月"));
    let mut second = first.clone();
    put(&mut second, "gdp", figure(q3, 98.5, 6.2, "1-9月（修订）"));
    put(
        &mut second,
        "fai",
        figure(Period::Month(9), 30.0, 18.0, "1-9月"),
    );

    let mut storage = Memory::default();
    let mut page = Replica::start("v1", &mut storage, NOW);
    page.step(Event::Published(first.clone()), &mut storage, NOW);
    assert_eq!(page.shown(), first);
    let mine = figure(q3, 99.0, 6.4, "my own");
    page.step(
        Event::Commit(Op::Put {
            id: "gdp".into(),
            figure: mine.clone(),
        }),
        &mut storage,
        NOW,
    );
    page.step(Event::Published(second.clone()), &mut storage, NOW);
    assert!(page.shown().figure("gdp", q3).unwrap().same_content(&mine));
    assert!(page.shown().figure("fai", Period::Month(9)).is_some());
    // A new page (a reload) reads the visitor's figure back from storage.
    let mut again = Replica::start("v2", &mut storage, NOW);
    again.step(Event::Published(second.clone()), &mut storage, NOW);
    assert!(again.shown().figure("gdp", q3).unwrap().same_content(&mine));
    // Drop mine: the published figure shows; undo brings mine back.
    let keys = publish::yours(&again.own(), again.published());
    assert_eq!(keys, vec![("gdp".to_string(), q3)]);
    again.step(Event::Commit(publish::drop_mine(&keys)), &mut storage, NOW);
    assert!(again
        .shown()
        .figure("gdp", q3)
        .unwrap()
        .same_content(second.figure("gdp", q3).unwrap()));
    assert!(publish::yours(&again.own(), again.published()).is_empty());
    again.step(Event::Undo, &mut storage, NOW);
    assert!(again.shown().figure("gdp", q3).unwrap().same_content(&mine));
}

// ---------------------------------------------------------------------------------------------
// Share links

fn id_strategy() -> impl Strategy<Value = String> {
    let ids: Vec<String> = data().indicators.iter().map(|i| i.id.clone()).collect();
    prop::sample::select(ids)
}

fn figure_strategy() -> impl Strategy<Value = Figure> {
    let period = prop_oneof![
        (1u8..=12).prop_map(Period::Month),
        (1u8..=4).prop_map(Period::Quarter)
    ];
    // Numbers as people and releases write them: up to 12 significant digits (the JSON reader
    // is exact for these; a 17-digit binary fraction may come back one unit in the last place
    // off, which no figure of a release has).
    let number = prop_oneof![
        Just(None),
        (-999_999_999_999i64..999_999_999_999, 0i32..9)
            .prop_map(|(n, k)| Some(n as f64 / 10f64.powi(k))),
        (-100_000i64..100_000).prop_map(|n| Some(n as f64 / 100.0)),
    ];
    (
        period,
        number.clone(),
        number.clone(),
        number,
        ".{0,12}",
        ".{0,8}",
    )
        .prop_map(|(p, value, growth, prev, source, note)| Figure {
            value,
            growth,
            prev,
            source,
            note,
            ..Figure::empty(p)
        })
        .prop_filter("a figure has a number", Figure::is_usable)
}

fn entries_strategy() -> impl Strategy<Value = Entries> {
    prop::collection::vec((id_strategy(), figure_strategy()), 0..40).prop_map(|rows| {
        let mut e = Entries::default();
        for (id, f) in rows {
            put(&mut e, &id, f);
        }
        e
    })
}

proptest! {
    /// Every figure comes back exactly: numbers to the last bit, sources and notes as written.
    #[test]
    fn a_link_carries_every_figure_exactly(e in entries_strategy()) {
        let payload = share::encode(&e, data());
        prop_assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        let shared = share::decode(&payload, data()).unwrap();
        prop_assert!(!shared.latest_only);
        prop_assert_eq!(shared.figures, publish::figures_only(&e));
    }

    /// Any one character changed, any end cut off: the link is refused, or (where only padding
    /// bits of the last character changed) reads exactly as before; never other figures.
    #[test]
    fn a_changed_or_cut_link_is_refused(e in entries_strategy(), at in any::<prop::sample::Index>(), to in 0usize..64, cut in any::<prop::sample::Index>()) {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let payload = share::encode(&e, data());
        let expected = publish::figures_only(&e);
        let mut bytes = payload.clone().into_bytes();
        let i = at.index(bytes.len());
        bytes[i] = ALPHABET[to];
        let changed = String::from_utf8(bytes).unwrap();
        if changed != payload {
            match share::decode(&changed, data()) {
                Err(_) => {}
                Ok(got) => prop_assert_eq!(got.figures, expected.clone(), "changed at {}", i),
            }
        }
        let n = cut.index(payload.len());
        prop_assert!(share::decode(&payload[..n], data()).is_err(), "cut at {}", n);
    }
}

#[test]
fn links_that_are_not_the_trackers_say_why() {
    assert_eq!(share::decode("", data()), Err(ShareError::NotALink));
    assert_eq!(
        share::decode("not base64!", data()),
        Err(ShareError::NotALink)
    );
    assert_eq!(share::decode("AAAA", data()), Err(ShareError::Damaged));
    let zlib = |json: &str| {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(
            miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 9),
        )
    };
    assert_eq!(
        share::decode(&zlib("[9,0,[],[]]"), data()),
        Err(ShareError::Newer(9))
    );
    assert_eq!(
        share::decode(&zlib("[1,12345,[],[]]"), data()),
        Err(ShareError::OtherReport)
    );
    // A valid link's key, with a row that names no indicator, or no number.
    let good = share::encode(&Entries::default(), data());
    let key = {
        let packed =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, good)
                .unwrap();
        let json = miniz_oxide::inflate::decompress_to_vec_zlib(&packed).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
        v[1].as_u64().unwrap()
    };
    for (rows, n) in [
        (r#"[[99999,"M1",1]]"#, 1),
        (r#"[[0,"M13",1]]"#, 1),
        (r#"[[0,"M1"]]"#, 1),
        (r#"[[0,"M1",1],[0,"M1",2]]"#, 2),
        (r#"[[0,"M1",1,null,null,5]]"#, 1),
    ] {
        let link = zlib(&format!(r#"[1,{key},[""],{rows}]"#));
        assert_eq!(
            share::decode(&link, data()),
            Err(ShareError::Invalid(n)),
            "{rows}"
        );
    }
    // The second figure is the one named.
    let link = zlib(&format!(r#"[1,{key},[""],[[0,"M1",1],[0,"M2"]]]"#));
    assert_eq!(share::decode(&link, data()), Err(ShareError::Invalid(2)));
    assert!(ShareError::Invalid(2).message(Lang::Zh).contains("第 2 个"));
    for e in [
        ShareError::NotALink,
        ShareError::Damaged,
        ShareError::Newer(2),
        ShareError::OtherReport,
        ShareError::Invalid(0),
        ShareError::Invalid(3),
    ] {
        assert!(e.message(Lang::Zh).chars().any(|c| c > '\u{3000}'));
        assert!(e.message(Lang::En).is_ascii());
    }
}

/// The link of a full year of every indicator is measured and refused; the latest figure of each
/// indicator fits. The numbers are printed for the README (`cargo test --test publish -- --nocapture`).
#[test]
fn a_full_year_is_too_long_for_a_link_and_the_latest_figures_fit() {
    let year = full_year();
    let all = share::link(BASE, &year, data()).unwrap_err();
    let latest = share::latest(&year);
    match share::offer(BASE, &year, data()) {
        Offer::Latest {
            link,
            figures,
            all: too_long,
        } => {
            assert_eq!(too_long, all);
            assert_eq!(figures, data().indicators.len());
            assert!(link.len() <= share::MAX_LINK);
            assert_eq!(
                share::decode(
                    link.strip_prefix(&format!("{BASE}{}", share::PREFIX))
                        .unwrap(),
                    data()
                )
                .unwrap(),
                share::Shared {
                    figures: latest.clone(),
                    latest_only: true
                }
            );
            println!(
                "share link: full year {} figures {} characters; latest of each indicator {} figures {} characters (limit {})",
                year.len(),
                all.length,
                figures,
                link.len(),
                share::MAX_LINK
            );
        }
        other => panic!("{other:?}"),
    }
    let message = all.message(Lang::Zh);
    assert!(message.contains(&all.length.to_string()) && message.contains("发布"));
    // A release's worth of figures goes whole.
    let mut release = Entries::default();
    for (id, list) in latest.figures.iter().take(30) {
        put(&mut release, id, list[0].clone());
    }
    assert!(matches!(
        share::offer(BASE, &release, data()),
        Offer::All(_)
    ));
}

#[test]
fn a_qr_code_is_an_svg_element_sized_by_the_page() {
    let svg = share::qr_svg("https://example.org/tracker/#/bulletin/M9").unwrap();
    println!("{}", &svg[..200.min(svg.len())]);
    assert!(svg.starts_with("<svg") && svg.contains("viewBox") && svg.contains("<path"));
    // The element's own size is left to the page's style (28 mm in print).
    let tag = &svg[..svg.find('>').unwrap()];
    assert!(!tag.contains("width=") && !tag.contains("height="), "{tag}");
}

/// A grid or a pasted release that gives only a growth rate where a published figure stands
/// starts from the published figure: its value, last year's figure and note stay in view.
#[test]
fn an_update_over_a_published_figure_keeps_what_it_does_not_change() {
    const NOW: &str = "2023-11-01T00:00:00Z";
    let q3 = Period::Quarter(3);
    let mut published = Entries::default();
    put(
        &mut published,
        "gdp",
        Figure {
            prev: Some(92.0),
            note: "初步核算".into(),
            ..figure(q3, 98.5, 6.2, "统计局")
        },
    );
    let mut storage = Memory::default();
    let mut page = Replica::start("v1", &mut storage, NOW);
    page.step(Event::Published(published.clone()), &mut storage, NOW);
    // Another figure of the same indicator is not touched by the update and stays published.
    let update = Op::Update {
        id: "gdp".into(),
        period: q3,
        value: None,
        growth: Some(6.4),
        source: None,
    };
    page.step(Event::Commit(update), &mut storage, NOW);
    let shown = page.shown();
    let f = shown.figure("gdp", q3).unwrap();
    assert_eq!(
        (
            f.value,
            f.growth,
            f.prev,
            f.note.as_str(),
            f.source.as_str()
        ),
        (Some(98.5), Some(6.4), Some(92.0), "初步核算", "统计局")
    );
    assert_eq!(
        publish::yours(&page.own(), page.published()),
        vec![("gdp".to_string(), q3)]
    );
    // An update that changes nothing of the published figure makes nothing "yours".
    let mut page = Replica::start("v2", &mut Memory::default(), NOW);
    page.step(Event::Published(published), &mut storage, NOW);
    let same = Op::Update {
        id: "gdp".into(),
        period: q3,
        value: Some(98.5),
        growth: Some(6.2),
        source: None,
    };
    page.step(Event::Commit(same), &mut Memory::default(), NOW);
    assert!(page.own().is_empty(), "{:?}", page.own());
}
