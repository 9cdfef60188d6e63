//! Export and import: the JSON backup (the saved document itself) and CSV of every entered figure.
//!
//! Imports never change anything by themselves: they produce a [`Plan`] (what would change, and
//! one error per bad row) that the user previews and then applies as one undoable operation.

use super::dataset::{Dataset, Lang};
use super::figures::{Figure, Period};
use super::number::{self, Field};
use super::saved::{self, Entries, LoadError};

/// Largest file accepted for import.
pub const MAX_IMPORT_BYTES: usize = 2 * 1024 * 1024;

/// CSV columns, in order.
pub const CSV_HEADER: [&str; 9] = [
    "indicator_id",
    "indicator",
    "unit",
    "period",
    "value",
    "growth_pct",
    "prev",
    "source",
    "note",
];

/// Neutralises a text cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR).
pub(crate) fn safe_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

/// All entered figures as CSV: UTF-8 with a byte-order mark so Excel reads the Chinese correctly.
/// The indicator's name and unit are in `lang`, the interface's language; the values are in that
/// unit as entered (133.61 under 亿元 / 100 million yuan). An import reads the id and the numbers
/// only, so a file in either language comes back the same.
pub fn to_csv(entries: &Entries, data: &Dataset, lang: Lang) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADER);
    for (id, figures) in &entries.figures {
        let (name, unit) = data
            .indicator(id)
            .map_or((String::new(), String::new()), |i| {
                (i.name.get(lang).to_string(), i.unit.get(lang).to_string())
            });
        for f in figures {
            let _ = w.write_record([
                safe_cell(id),
                safe_cell(&name),
                safe_cell(&unit),
                f.period.to_string(),
                num(f.value),
                num(f.growth),
                num(f.prev),
                safe_cell(&f.source),
                safe_cell(&f.note),
            ]);
        }
    }
    let body = w
        .into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    format!("\u{feff}{body}")
}

/// One figure an import would add or change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Indicator id.
    pub id: String,
    /// The figure now, if any.
    pub old: Option<Figure>,
    /// The figure after the import.
    pub new: Figure,
}

/// Why one row (or the whole file) was refused.
#[derive(Debug, Clone, PartialEq)]
pub enum RowProblem {
    /// The file is larger than [`MAX_IMPORT_BYTES`].
    TooLarge,
    /// Not CSV, or not a backup of this tracker.
    Unreadable(String),
    /// A required column is missing.
    MissingColumn(&'static str),
    /// No indicator has this id; it is not created.
    UnknownIndicator(String),
    /// Not a period code (M1…M12, Q1…Q4).
    BadPeriod(String),
    /// A number could not be read.
    BadNumber {
        /// Column name.
        column: &'static str,
        /// What was there.
        text: String,
        /// Why.
        error: number::NumberError,
    },
    /// A value far from the scale of the report's figures (a 万 or 亿 slip, most likely). Typed by
    /// hand it would need a second confirmation; an import cannot ask, so the row is refused.
    Implausible {
        /// Column name.
        column: &'static str,
        /// What was there.
        text: String,
        /// How far off, and the likely intended reading.
        warning: Box<number::ScaleWarning>,
    },
    /// Neither a value nor a growth rate.
    NoNumber,
    /// The same indicator and period twice in the file.
    Duplicate,
}

impl RowProblem {
    /// The problem in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            RowProblem::TooLarge => {
                if zh {
                    "文件过大（上限2 MB）。".into()
                } else {
                    "The file is too large (2 MB at most).".into()
                }
            }
            RowProblem::Unreadable(why) => {
                if zh {
                    format!("无法读取文件：{why}")
                } else {
                    format!("The file cannot be read: {why}")
                }
            }
            RowProblem::MissingColumn(c) => {
                if zh {
                    format!("缺少列“{c}”。")
                } else {
                    format!("The column “{c}” is missing.")
                }
            }
            RowProblem::UnknownIndicator(id) => {
                if zh {
                    format!("没有编号为“{id}”的指标，此行未导入。")
                } else {
                    format!("There is no indicator “{id}”; the row is not imported.")
                }
            }
            RowProblem::BadPeriod(p) => {
                if zh {
                    format!("时期“{p}”无效，应为 M1…M12 或 Q1…Q4。")
                } else {
                    format!("“{p}” is not a period: use M1…M12 or Q1…Q4.")
                }
            }
            RowProblem::BadNumber {
                column,
                text,
                error,
            } => {
                if zh {
                    format!("{column} “{text}”：{}", error.message(lang))
                } else {
                    format!("{column} “{text}”: {}", error.message(lang))
                }
            }
            RowProblem::Implausible {
                column,
                text,
                warning,
            } => {
                if zh {
                    format!(
                        "{column} “{text}”：{}此行未导入；请在文件中改正，或在指标页录入并确认。",
                        warning.message(lang)
                    )
                } else {
                    format!(
                        "{column} “{text}”: {} The row is not imported; correct it in the file, or \
                         enter it on the indicator's page and confirm it there.",
                        warning.message(lang)
                    )
                }
            }
            RowProblem::NoNumber => {
                if zh {
                    "此行既没有数值也没有增速。".into()
                } else {
                    "The row has neither a value nor a growth rate.".into()
                }
            }
            RowProblem::Duplicate => {
                if zh {
                    "同一指标、同一时期在文件中出现了两次。".into()
                } else {
                    "The same indicator and period appear twice in the file.".into()
                }
            }
        }
    }
}

/// A problem with its line number (1 is the header of a CSV file; 0 means the whole file).
#[derive(Debug, Clone, PartialEq)]
pub struct RowError {
    /// Line in the file.
    pub line: usize,
    /// What is wrong.
    pub problem: RowProblem,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Whether it replaces everything (a backup restore) rather than adding to what is there (CSV).
    pub replaces_all: bool,
    /// The entries after the import.
    pub result: Entries,
    /// Figures added or changed.
    pub changes: Vec<Change>,
    /// Figures that would be removed (a backup restore replaces everything).
    pub removed: usize,
    /// Rows refused.
    pub errors: Vec<RowError>,
}

/// A plan that imports nothing, for a file refused whole.
pub fn whole_file(problem: RowProblem) -> Plan {
    Plan {
        errors: vec![RowError { line: 0, problem }],
        ..Plan::default()
    }
}

/// Reads a file the user chose: a JSON backup (restores it: replaces everything) or CSV (adds or
/// replaces the figures it lists, keeps the others).
pub fn plan_import(text: &str, current: &Entries, data: &Dataset) -> Plan {
    if text.len() > MAX_IMPORT_BYTES {
        return whole_file(RowProblem::TooLarge);
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim_start().starts_with('{') {
        plan_json(text, current, data)
    } else {
        plan_csv(text, current, data)
    }
}

/// "Keep these in my figures": figures from elsewhere (a shared link) added to the current ones,
/// read and checked exactly as a CSV import of them would be; the others are kept.
pub fn plan_keep(incoming: &Entries, current: &Entries, data: &Dataset) -> Plan {
    plan_csv(&to_csv(incoming, data, Lang::Zh), current, data)
}

fn plan_json(text: &str, current: &Entries, data: &Dataset) -> Plan {
    let loaded = match saved::decode(text) {
        Ok(l) => l,
        Err(
            e @ (LoadError::NotJson(_)
            | LoadError::WrongApp
            | LoadError::Newer(_)
            | LoadError::Invalid(_)),
        ) => return whole_file(RowProblem::Unreadable(e.to_string())),
    };
    let mut result = loaded.entries;
    let unknown: Vec<String> = result.unknown_ids(data).map(str::to_string).collect();
    let errors = unknown
        .iter()
        .map(|id| RowError {
            line: 0,
            problem: RowProblem::UnknownIndicator(id.clone()),
        })
        .collect();
    for id in &unknown {
        result.figures.remove(id);
    }
    let mut changes = Vec::new();
    for (id, figures) in &result.figures {
        for f in figures {
            let old = current
                .of(id)
                .iter()
                .find(|o| o.period == f.period)
                .cloned();
            if old.as_ref() != Some(f) {
                changes.push(Change {
                    id: id.clone(),
                    old,
                    new: f.clone(),
                });
            }
        }
    }
    let removed = current
        .figures
        .iter()
        .map(|(id, list)| {
            list.iter()
                .filter(|f| !result.of(id).iter().any(|n| n.period == f.period))
                .count()
        })
        .sum();
    Plan {
        replaces_all: true,
        result,
        changes,
        removed,
        errors,
    }
}

impl Plan {
    /// The operation that carries the import out: a restore replaces everything; a CSV import puts
    /// each changed figure, so figures another tab saved meanwhile are kept.
    pub fn operation(&self) -> saved::Op {
        if self.replaces_all {
            saved::Op::ReplaceAll(self.result.clone())
        } else {
            saved::Op::Batch(
                self.changes
                    .iter()
                    .map(|c| saved::Op::Put {
                        id: c.id.clone(),
                        figure: c.new.clone(),
                    })
                    .collect(),
            )
        }
    }
}

fn plan_csv(text: &str, current: &Entries, data: &Dataset) -> Plan {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return whole_file(RowProblem::Unreadable(e.to_string())),
    };
    let col = |name: &str| headers.iter().position(|h| h.eq_ignore_ascii_case(name));
    let (Some(c_id), Some(c_period)) = (col("indicator_id"), col("period")) else {
        let missing = if col("indicator_id").is_none() {
            "indicator_id"
        } else {
            "period"
        };
        return whole_file(RowProblem::MissingColumn(missing));
    };
    let (c_value, c_growth, c_prev, c_source, c_note) = (
        col("value"),
        col("growth_pct"),
        col("prev"),
        col("source"),
        col("note"),
    );
    let mut plan = Plan {
        result: current.clone(),
        ..Plan::default()
    };
    let mut seen = std::collections::HashSet::new();
    // The line a record starts on in the file, as an editor counts it (the header is line 1): a
    // quoted cell can span lines and blank lines are skipped, so a record's index is not its line.
    let line_of = |p: Option<&csv::Position>, fallback: usize| {
        p.and_then(|p| usize::try_from(p.byte()).ok())
            .map_or(fallback, |at| line_at(text, at))
    };
    let mut last_line = 1;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                last_line = line_of(e.position(), last_line + 1);
                plan.errors.push(RowError {
                    line: last_line,
                    problem: RowProblem::Unreadable(e.to_string()),
                });
                continue;
            }
        };
        let line = line_of(record.position(), last_line + 1);
        last_line = line;
        let cell = |c: Option<usize>| c.and_then(|c| record.get(c)).unwrap_or("").to_string();
        let text_cell = |c: Option<usize>| {
            cell(c)
                .strip_prefix('\'')
                .map(str::to_string)
                .unwrap_or_else(|| cell(c))
        };
        match read_row(
            data,
            &text_cell(Some(c_id)),
            &cell(Some(c_period)),
            [&cell(c_value), &cell(c_growth), &cell(c_prev)],
        ) {
            Err(problem) => plan.errors.push(RowError { line, problem }),
            Ok((id, mut figure)) => {
                if !seen.insert((id.clone(), figure.period)) {
                    plan.errors.push(RowError {
                        line,
                        problem: RowProblem::Duplicate,
                    });
                    continue;
                }
                figure.source = text_cell(c_source);
                figure.note = text_cell(c_note);
                let old = current
                    .of(&id)
                    .iter()
                    .find(|o| o.period == figure.period)
                    .cloned();
                if old.as_ref() != Some(&figure) {
                    plan.result.apply(saved::Op::Put {
                        id: id.clone(),
                        figure: figure.clone(),
                    });
                    plan.changes.push(Change {
                        id,
                        old,
                        new: figure,
                    });
                }
            }
        }
    }
    plan
}

/// The line (1 is the first) of the record that starts at byte `at` of `text`. The reader gives
/// the position where it began to look for the record, which can be before blank lines it then
/// skipped: those are passed over.
fn line_at(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let (before, after) = bytes.split_at(at.min(bytes.len()));
    let newlines = |b: &[u8]| b.iter().filter(|&&c| c == b'\n').count();
    let blank = after
        .iter()
        .take_while(|&&c| c == b'\n' || c == b'\r')
        .count();
    newlines(before) + newlines(&after[..blank]) + 1
}

fn read_row(
    data: &Dataset,
    id: &str,
    period: &str,
    numbers: [&str; 3],
) -> Result<(String, Figure), RowProblem> {
    let ind = data
        .indicator(id)
        .ok_or_else(|| RowProblem::UnknownIndicator(id.to_string()))?;
    let period: Period = period
        .parse()
        .map_err(|_| RowProblem::BadPeriod(period.to_string()))?;
    let unit = ind.unit.zh.as_str();
    // The same parser and the same scale check as the entry form and the grid; a value the form
    // would ask to confirm is refused here, since an import cannot ask.
    let read =
        |column: &'static str, text: &str, field: Field<'_>| -> Result<Option<f64>, RowProblem> {
            if text.trim().is_empty() {
                return Ok(None);
            }
            let parsed = number::parse(text, field).map_err(|error| RowProblem::BadNumber {
                column,
                text: text.to_string(),
                error,
            })?;
            if let Field::Value { .. } = field {
                if let Some(warning) = number::scale_check(&parsed, ind, period) {
                    return Err(RowProblem::Implausible {
                        column,
                        text: text.to_string(),
                        warning: Box::new(warning),
                    });
                }
            }
            Ok(Some(parsed.value))
        };
    let value = read("value", numbers[0], Field::Value { unit })?;
    let growth = read("growth_pct", numbers[1], Field::Growth)?;
    let prev = read("prev", numbers[2], Field::Value { unit })?;
    if value.is_none() && growth.is_none() {
        return Err(RowProblem::NoNumber);
    }
    Ok((
        ind.id.clone(),
        Figure {
            value,
            growth,
            prev,
            ..Figure::empty(period)
        },
    ))
}
