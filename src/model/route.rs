//! The app's URLs. Routes live in the fragment (`#/indicator/gdp`) so every page survives a reload
//! and can be shared from any static host, under any sub-path, with no server configuration.

use super::progress::Status;

/// A page of the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The overview of the main targets and the status summary.
    Overview,
    /// Every indicator in one table, with search, a section filter and a status filter.
    All {
        /// Search text.
        query: String,
        /// Section id to show, or all.
        section: Option<String>,
        /// Statuses to show (in the order of [`Status::ALL`], each once), or all when empty.
        status: Vec<Status>,
    },
    /// One section of the report.
    Section(String),
    /// One indicator.
    Indicator(String),
    /// A grid to enter one period's figures for many indicators.
    Grid,
    /// Export, import and reset.
    Data,
    /// The terms used and how status is judged. Its parts are reached as `#/glossary#status`.
    Glossary,
    /// The progress bulletin of the release that ends in a month (`#/bulletin/M9`), or of the
    /// latest release.
    Bulletin(Option<u8>),
    /// Figures shared by link (`#/s/<payload>`, see [`super::share`]), shown on the overview.
    Shared(String),
}

impl Route {
    /// Reads a location fragment (with or without the leading `#`).
    pub fn parse(hash: &str) -> Route {
        let h = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = h.split_once('?').unwrap_or((h, ""));
        let mut parts = path.split('/').filter(|p| !p.is_empty());
        match (parts.next(), parts.next()) {
            (Some("all"), _) => {
                let mut q = String::new();
                let mut section = None;
                let mut status = Vec::new();
                for pair in query.split('&') {
                    match pair.split_once('=') {
                        Some(("q", v)) => q = decode(v),
                        Some(("section", v)) if !v.is_empty() => section = Some(decode(v)),
                        Some(("status", v)) => status = statuses(&decode(v)),
                        _ => {}
                    }
                }
                Route::All {
                    query: q,
                    section,
                    status,
                }
            }
            (Some("section"), Some(id)) => Route::Section(decode(id)),
            (Some("entry"), _) => Route::Grid,
            (Some("data"), _) => Route::Data,
            (Some(p), _) if p.split('#').next() == Some("glossary") => Route::Glossary,
            (Some("indicator"), Some(id)) => Route::Indicator(decode(id)),
            (Some("bulletin"), p) => Route::Bulletin(p.and_then(month_of)),
            (Some("s"), Some(payload)) => Route::Shared(payload.to_string()),
            _ => Route::Overview,
        }
    }

    /// The fragment for this route, with the leading `#`.
    pub fn href(&self) -> String {
        match self {
            Route::Overview => "#/".into(),
            Route::All {
                query,
                section,
                status,
            } => {
                let mut params = Vec::new();
                if !query.is_empty() {
                    params.push(format!("q={}", encode(query)));
                }
                if let Some(s) = section {
                    params.push(format!("section={}", encode(s)));
                }
                // In the order of `Status::ALL`, each once, as `parse` reads them back.
                let ids: Vec<&str> = Status::ALL
                    .into_iter()
                    .filter(|s| status.contains(s))
                    .map(Status::id)
                    .collect();
                if !ids.is_empty() {
                    params.push(format!("status={}", ids.join(",")));
                }
                if params.is_empty() {
                    "#/all".into()
                } else {
                    format!("#/all?{}", params.join("&"))
                }
            }
            Route::Section(id) => format!("#/section/{}", encode(id)),
            Route::Indicator(id) => format!("#/indicator/{}", encode(id)),
            Route::Grid => "#/entry".into(),
            Route::Data => "#/data".into(),
            Route::Glossary => "#/glossary".into(),
            Route::Bulletin(None) => "#/bulletin".into(),
            Route::Bulletin(Some(m)) => format!("#/bulletin/M{m}"),
            Route::Shared(payload) => format!("{}{payload}", super::share::PREFIX),
        }
    }
}

/// The last month of a period code (`M9`, `Q3`), if it is one.
fn month_of(code: &str) -> Option<u8> {
    code.parse::<super::figures::Period>()
        .ok()
        .filter(|p| p.is_valid())
        .map(super::figures::Period::end_month)
}

/// The statuses named in a comma-separated list of ids, in the order of [`Status::ALL`], each
/// once; unknown ids are left out.
fn statuses(list: &str) -> Vec<Status> {
    let ids: Vec<&str> = list.split(',').map(str::trim).collect();
    Status::ALL
        .into_iter()
        .filter(|s| ids.contains(&s.id()))
        .collect()
}

/// Percent-encodes everything but unreserved ASCII.
fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes percent-encoding; invalid sequences stay as they are.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |j: usize| bytes.get(j).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip_through_the_fragment() {
        let routes = [
            Route::Overview,
            Route::All {
                query: String::new(),
                section: None,
                status: vec![],
            },
            Route::All {
                query: "游客 840".into(),
                section: Some("a3".into()),
                status: vec![],
            },
            Route::All {
                query: String::new(),
                section: None,
                status: vec![Status::Behind],
            },
            Route::All {
                query: "gdp".into(),
                section: Some("main".into()),
                status: vec![Status::Behind, Status::FarBehind],
            },
            Route::All {
                query: String::new(),
                section: Some("a4".into()),
                status: Status::ALL.to_vec(),
            },
            Route::Section("a4".into()),
            Route::Indicator("gdp".into()),
            Route::Grid,
            Route::Data,
            Route::Glossary,
            Route::Bulletin(None),
            Route::Bulletin(Some(11)),
        ];
        for r in routes {
            assert_eq!(Route::parse(&r.href()), r, "{}", r.href());
        }
    }

    #[test]
    fn the_glossary_is_reached_with_or_without_a_part() {
        assert_eq!(Route::parse("#/glossary"), Route::Glossary);
        assert_eq!(Route::parse("#/glossary#status"), Route::Glossary);
        assert_eq!(Route::parse("#/glossary/"), Route::Glossary);
        assert_eq!(Route::parse("#/glossaryx"), Route::Overview);
        assert_eq!(Route::Glossary.href(), "#/glossary");
        assert_eq!(Route::parse("#/bulletin/M9"), Route::Bulletin(Some(9)));
        assert_eq!(Route::parse("#/bulletin/Q3"), Route::Bulletin(Some(9)));
        assert_eq!(Route::parse("#/bulletin/M13"), Route::Bulletin(None));
        assert_eq!(Route::parse("#/bulletin"), Route::Bulletin(None));
        assert_eq!(Route::Bulletin(Some(9)).href(), "#/bulletin/M9");
    }

    #[test]
    fn unknown_fragments_go_to_the_overview() {
        assert_eq!(Route::parse(""), Route::Overview);
        assert_eq!(Route::parse("#"), Route::Overview);
        assert_eq!(Route::parse("#/nonsense/x"), Route::Overview);
        assert_eq!(Route::parse("#/indicator"), Route::Overview);
        assert_eq!(
            Route::parse("#/all?q=%E6%B8%B8%E5%AE%A2"),
            Route::All {
                query: "游客".into(),
                section: None,
                status: vec![]
            }
        );
        assert_eq!(
            Route::parse("#/all?q=%ZZ"),
            Route::All {
                query: "%ZZ".into(),
                section: None,
                status: vec![]
            }
        );
    }

    #[test]
    fn a_status_filter_is_read_in_a_fixed_order_and_unknown_statuses_are_ignored() {
        let all = |status: Vec<Status>| Route::All {
            query: String::new(),
            section: None,
            status,
        };
        assert_eq!(
            Route::parse("#/all?status=behind"),
            all(vec![Status::Behind])
        );
        assert_eq!(
            Route::parse("#/all?status=far-behind,behind,behind,nonsense"),
            all(vec![Status::Behind, Status::FarBehind])
        );
        assert_eq!(
            Route::parse("#/all?status=far-behind%2Cbehind"),
            all(vec![Status::Behind, Status::FarBehind])
        );
        assert_eq!(Route::parse("#/all?status="), all(vec![]));
        assert_eq!(Route::parse("#/all?status=nonsense"), all(vec![]));
        // However the list was given, the link written is the same one.
        assert_eq!(
            all(vec![Status::FarBehind, Status::Behind, Status::FarBehind]).href(),
            "#/all?status=behind,far-behind"
        );
        assert_eq!(
            Route::parse("#/all?section=a3&status=no-data&q=x"),
            Route::All {
                query: "x".into(),
                section: Some("a3".into()),
                status: vec![Status::NoData]
            }
        );
    }
}
