//! Links that carry figures: `…/#/s/<payload>`, where the payload is figures as compact JSON
//! compressed with zlib (DEFLATE with an Adler-32 check) and written in URL-safe base64. No
//! server is involved: the fragment never leaves the reader's browser.
//!
//! Payload, before compression: `[1, key, [source, …], [row, …]]`, with a fifth element `1` when
//! the link carries only the latest figure of each indicator. `key` is a checksum of the
//! report's indicator ids in order, so that a link names an indicator by its position in the
//! report and is refused by a build whose report data differs. Rows come in the report's order
//! of indicators; a row is `[steps from the previous row's indicator to this one's (from the
//! first indicator for the first row), period, value, growth, last year's figure, source's
//! position, note]`, with `null` for a number not given and its last fields left out where they
//! are empty. A link that does not decode (cut off, changed by hand, of another version) is
//! refused whole with a reason, and nothing changes.

use super::dataset::{Dataset, Lang};
use super::figures::{Figure, Period};
use super::saved::Entries;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

/// The fragment that opens a shared link, before its payload.
pub const PREFIX: &str = "#/s/";
/// The version written first in every payload.
pub const VERSION: u64 = 1;
/// The longest link offered for sharing, in characters: the length up to which links are
/// generally carried whole (browsers of old, proxies, the sitemap protocol, link previews of
/// chat apps). A longer link is refused with a message that says what to use instead.
pub const MAX_LINK: usize = 2000;
/// Largest payload accepted when opening a link, before decompression, in characters.
const MAX_PAYLOAD: usize = 64 * 1024;
/// Largest decompressed payload, in bytes: a bound on what a crafted link can make the page do.
const MAX_INFLATED: usize = 1 << 20;

/// Checksum of the report's indicator ids, in order.
fn key(data: &Dataset) -> u32 {
    let mut a = adler2::Adler32::new();
    for ind in &data.indicators {
        a.write_slice(ind.id.as_bytes());
        a.write_slice(b"\n");
    }
    a.checksum()
}

/// The payload of a link carrying `entries`' figures (without revisions or deletions). Figures
/// of indicators `data` does not have are left out.
pub fn encode(entries: &Entries, data: &Dataset) -> String {
    encode_as(entries, data, false)
}

/// The payload, marked as carrying only the latest figure of each indicator when it does.
fn encode_as(entries: &Entries, data: &Dataset, latest_only: bool) -> String {
    // A release's title is the source of many figures: each is written once.
    let mut sources: Vec<&str> = vec![""];
    let mut rows: Vec<Value> = Vec::new();
    let mut last = 0;
    for (i, ind) in data.indicators.iter().enumerate() {
        for f in entries.of(&ind.id) {
            let source = match sources.iter().position(|s| *s == f.source) {
                Some(i) => i,
                None => {
                    sources.push(&f.source);
                    sources.len() - 1
                }
            };
            let mut row = vec![
                Value::from(i - last),
                Value::from(f.period.to_string()),
                f.value.map_or(Value::Null, Value::from),
                f.growth.map_or(Value::Null, Value::from),
                f.prev.map_or(Value::Null, Value::from),
                Value::from(source),
                Value::from(f.note.clone()),
            ];
            while row
                .last()
                .is_some_and(|v| v.is_null() || v.as_u64() == Some(0) || v.as_str() == Some(""))
            {
                row.pop();
            }
            rows.push(Value::Array(row));
            last = i;
        }
    }
    // Plain rows of strings and finite numbers always serialise.
    let json = if latest_only {
        serde_json::to_vec(&(VERSION, key(data), sources, rows, 1))
    } else {
        serde_json::to_vec(&(VERSION, key(data), sources, rows))
    }
    .unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec_zlib(&json, 9);
    URL_SAFE_NO_PAD.encode(packed)
}

/// A link to `base` (the app's address, without fragment) carrying `entries`, or its length
/// when that is over [`MAX_LINK`].
pub fn link(base: &str, entries: &Entries, data: &Dataset) -> Result<String, TooLong> {
    link_as(base, entries, data, false)
}

fn link_as(
    base: &str,
    entries: &Entries,
    data: &Dataset,
    latest_only: bool,
) -> Result<String, TooLong> {
    let link = format!("{base}{PREFIX}{}", encode_as(entries, data, latest_only));
    let length = link.chars().count();
    if length > MAX_LINK {
        Err(TooLong {
            length,
            max: MAX_LINK,
        })
    } else {
        Ok(link)
    }
}

/// The latest figure of each indicator: what progress is judged on.
pub fn latest(entries: &Entries) -> Entries {
    let mut out = Entries::default();
    for (id, list) in &entries.figures {
        if let Some(f) = list.last() {
            out.figures.insert(id.clone(), vec![f.clone()].into());
        }
    }
    out
}

/// What "Share" offers.
#[derive(Debug, Clone, PartialEq)]
pub enum Offer {
    /// A link with every figure shown.
    All(String),
    /// Every figure would make too long a link: a link with the latest figure of each indicator.
    Latest {
        /// The link.
        link: String,
        /// How many figures it carries.
        figures: usize,
        /// The link with every figure, which was too long.
        all: TooLong,
    },
    /// Even the latest figures make too long a link.
    TooLong(TooLong),
}

/// The link "Share" offers for the figures shown: every figure if that fits in [`MAX_LINK`], else
/// the latest figure of each indicator, else none.
pub fn offer(base: &str, shown: &Entries, data: &Dataset) -> Offer {
    match link(base, shown, data) {
        Ok(l) => Offer::All(l),
        Err(all) => {
            let latest = latest(shown);
            match link_as(base, &latest, data, true) {
                Ok(link) => Offer::Latest {
                    link,
                    figures: latest.len(),
                    all,
                },
                Err(e) => Offer::TooLong(e),
            }
        }
    }
}

/// A link longer than chat apps carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong {
    /// Its length, in characters.
    pub length: usize,
    /// The most offered.
    pub max: usize,
}

impl TooLong {
    /// Why no link is offered and what to use instead, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "链接太长（{} 个字符，聊天软件一般只能完整传送 {} 个字符以内的链接）。数据较多时，请发布数据文件（“导入导出”页的“发布”），或发送备份文件（JSON）。",
                self.length, self.max
            ),
            Lang::En => format!(
                "The link would be too long ({} characters; chat apps carry links of up to about {} whole). With this many figures, publish the figures file (Publish, on the Import / export page) or send the backup (JSON) instead.",
                self.length, self.max
            ),
        }
    }
}

/// Why a shared link cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// Not URL-safe base64, or too long.
    #[error("not a link of this tracker")]
    NotALink,
    /// The compressed data is cut off or was changed (its check does not match).
    #[error("cut off or changed")]
    Damaged,
    /// Made by a newer version of the tracker.
    #[error("version {0}")]
    Newer(u64),
    /// Made by a build whose report data has other indicators.
    #[error("another report's indicators")]
    OtherReport,
    /// It decodes, but its figures are not this report's: the position of the first that is
    /// not (1 is the first), or 0 when the list itself is not.
    #[error("figure {0}")]
    Invalid(usize),
    /// The part of the app that reads links could not be fetched (`ui::parts`): the link was not
    /// read.
    #[error("not fetched")]
    NotFetched,
}

impl ShareError {
    /// Why the link cannot be opened, for the user, in their language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::NotALink, Lang::Zh) => "这不是本工具的数据链接，或链接不完整。".into(),
            (ShareError::NotALink, Lang::En) => {
                "This is not a figures link of this tracker, or it is incomplete.".into()
            }
            (ShareError::Damaged, Lang::Zh) => {
                "链接不完整或已被改动（可能在转发时被截断），无法读取。请让对方重新发送。".into()
            }
            (ShareError::Damaged, Lang::En) => "The link is incomplete or was changed (perhaps cut off when it was passed on), so it cannot be read. Ask for it to be sent again.".into(),
            (ShareError::Newer(v), Lang::Zh) => {
                format!("链接由更新版本的本工具生成（第 {v} 版）；请刷新页面以使用新版本。")
            }
            (ShareError::Newer(v), Lang::En) => format!(
                "A newer version of the tracker made this link (version {v}); reload the page to use the newer version."
            ),
            (ShareError::OtherReport, Lang::Zh) => "链接由指标数据不同的另一版本生成，无法对应到本页的指标。请刷新页面；如仍无法打开，请让对方重新发送。".into(),
            (ShareError::OtherReport, Lang::En) => "Another version of the tracker, with other indicators, made this link, so its figures cannot be matched to this page's. Reload the page; if it still fails, ask for the link to be sent again.".into(),
            (ShareError::Invalid(0), Lang::Zh) => "链接中的数据无法使用。".into(),
            (ShareError::Invalid(0), Lang::En) => "The figures in the link cannot be used.".into(),
            (ShareError::Invalid(n), Lang::Zh) => {
                format!("链接中的第 {n} 个数据无法使用（指标、时期或数字不对）。")
            }
            (ShareError::Invalid(n), Lang::En) => format!(
                "Figure {n} in the link cannot be used (its indicator, period or numbers are wrong)."
            ),
            (ShareError::NotFetched, Lang::Zh) => "读取链接所需的部分未能加载，可能是网络中断了。联网后请刷新页面。".into(),
            (ShareError::NotFetched, Lang::En) => "The part of the tracker that reads links could not be loaded; the connection may have dropped. Reload the page once you are online.".into(),
        }
    }
}

/// Figures opened from a link.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    /// The figures.
    pub figures: Entries,
    /// Whether the link carries only the latest figure of each indicator (every figure made too
    /// long a link).
    pub latest_only: bool,
}

/// Reads a link's payload (what follows [`PREFIX`]). Every figure must belong to an indicator of
/// `data`, at a period of the year, with at least one finite number, once.
pub fn decode(payload: &str, data: &Dataset) -> Result<Shared, ShareError> {
    if payload.is_empty() || payload.len() > MAX_PAYLOAD {
        return Err(ShareError::NotALink);
    }
    let packed = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| ShareError::NotALink)?;
    let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| ShareError::Damaged)?;
    let doc: Vec<Value> = serde_json::from_slice(&json).map_err(|_| ShareError::Damaged)?;
    let version = doc
        .first()
        .and_then(Value::as_u64)
        .ok_or(ShareError::Damaged)?;
    if version > VERSION {
        return Err(ShareError::Newer(version));
    }
    if doc.get(1).and_then(Value::as_u64) != Some(u64::from(key(data))) {
        return Err(ShareError::OtherReport);
    }
    let latest_only = match doc.get(4) {
        None => false,
        Some(v) if v.as_u64() == Some(1) => true,
        Some(_) => return Err(ShareError::Invalid(0)),
    };
    let sources: Vec<String> = doc
        .get(2)
        .cloned()
        .and_then(|v| serde_json::from_value(v).ok())
        .ok_or(ShareError::Invalid(0))?;
    let rows = doc
        .get(3)
        .and_then(Value::as_array)
        .ok_or(ShareError::Invalid(0))?;
    let mut entries = Entries::default();
    let mut at = 0usize;
    for (n, row) in rows.iter().enumerate() {
        let bad = || ShareError::Invalid(n + 1);
        let row = row.as_array().ok_or_else(bad)?;
        let field = |k: usize| row.get(k).unwrap_or(&Value::Null);
        let number = |k: usize| match field(k) {
            Value::Null => Ok(None),
            v => v.as_f64().map(Some).ok_or_else(bad),
        };
        at = field(0)
            .as_u64()
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| at.checked_add(i))
            .ok_or_else(bad)?;
        let ind = data.indicators.get(at).ok_or_else(bad)?;
        let period: Period = field(1)
            .as_str()
            .and_then(|p| p.parse().ok())
            .filter(|p: &Period| p.is_valid())
            .ok_or_else(bad)?;
        let source = match field(5) {
            Value::Null => Some(""),
            v => v
                .as_u64()
                .and_then(|i| sources.get(usize::try_from(i).ok()?))
                .map(String::as_str),
        }
        .ok_or_else(bad)?;
        let note = match field(6) {
            Value::Null => Some(""),
            v => v.as_str(),
        }
        .ok_or_else(bad)?;
        let figure = Figure {
            value: number(2)?,
            growth: number(3)?,
            prev: number(4)?,
            source: source.to_string(),
            note: note.to_string(),
            ..Figure::empty(period)
        };
        if row.len() > 7 || !figure.is_usable() || entries.figure(&ind.id, period).is_some() {
            return Err(bad());
        }
        entries.apply(super::saved::Op::Put {
            id: ind.id.clone(),
            figure,
        });
    }
    Ok(Shared {
        figures: entries,
        latest_only,
    })
}

/// A QR code of `text` (a page's address) as an SVG element whose size is set by the page
/// (`viewBox` in modules, quiet zone included), or `None` if it is too long for a QR code.
pub fn qr_svg(text: &str) -> Option<String> {
    let code =
        qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let side = code.width() + 8;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build();
    // An element to put in the page: without the XML declaration, its size left to the style.
    let start = svg.find("<svg")?;
    Some(svg[start..].replacen(&format!(r#" width="{side}" height="{side}""#), "", 1))
}
