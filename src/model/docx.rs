//! The bulletin as a Word document (.docx), made with `docx-rs`: A4, the title centred, the
//! headings as Word headings, the table as a Word table whose head row repeats and whose rows do
//! not split across pages, page numbers in the footer.
//!
//! The first visit does not carry this code: the app runs it in a Web Worker of its own
//! (`src/bin/docx_worker.rs`), fetched only when a document is asked for.

use super::bulletin::Bulletin;
use super::words::tr;
use super::Lang;
use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Style, StyleType,
    Table, TableCell, TableRow,
};

/// A4 in twentieths of a point.
const A4: (u32, u32) = (11_906, 16_838);

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

fn heading(t: &str, level: u8) -> Paragraph {
    text(t).style(&format!("Heading{level}"))
}

fn cell(t: &str, bold: bool) -> TableCell {
    let run = Run::new().add_text(t).size(18);
    let run = if bold { run.bold() } else { run };
    TableCell::new().add_paragraph(Paragraph::new().add_run(run))
}

/// The bulletin's document, as the bytes of a .docx file.
pub fn bulletin_docx(b: &Bulletin, lang: Lang) -> Result<Vec<u8>, String> {
    let body_font = RunFonts::new()
        .east_asia(tr(lang, "仿宋", "SimSun"))
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman");
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(
            PageMargin::new()
                .top(1134)
                .bottom(1247)
                .left(1020)
                .right(1020),
        )
        .default_fonts(body_font)
        .default_size(24)
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .size(36)
                .bold()
                .align(AlignmentType::Center),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .size(28)
                .bold(),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_page_num(PageNum::new()),
            ),
        )
        .add_paragraph(heading(&b.title, 1))
        .add_paragraph(text(&b.covers).align(AlignmentType::Center));
    let section = |doc: Docx, zh: &'static str, en: &'static str, paragraphs: &[&String]| {
        paragraphs
            .iter()
            .fold(doc.add_paragraph(heading(tr(lang, zh, en), 2)), |d, p| {
                d.add_paragraph(text(p))
            })
    };
    doc = section(
        doc,
        "一、主要预期目标",
        "1. The main expected targets",
        &[&b.headline],
    );
    let mut progress: Vec<&String> = b.groups.iter().collect();
    progress.push(&b.areas);
    doc = section(
        doc,
        "二、各项目标进展",
        "2. Progress by status and work area",
        &progress,
    );
    if let Some(c) = &b.changes {
        doc = section(doc, "三、与上期相比", "3. Since the previous release", &[c]);
    }
    if let Some(n) = &b.needs {
        doc = section(
            doc,
            "四、需要加力的目标",
            "4. What the rest of the year needs",
            &[n],
        );
    }
    doc = doc.add_paragraph(heading(
        tr(
            lang,
            "附表：目标完成情况",
            "Table: every target with a figure for the period",
        ),
        2,
    ));
    let mut rows = vec![TableRow::new(b.head.iter().map(|h| cell(h, true)).collect()).cant_split()];
    for l in &b.lines {
        let cells = [
            &l.name, &l.unit, &l.base, &l.target, &l.to_date, &l.measure, &l.pace, &l.gap,
            &l.status, &l.change,
        ];
        rows.push(
            TableRow::new(
                cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| cell(c, i == 0))
                    .collect(),
            )
            .cant_split(),
        );
    }
    doc = doc
        .add_table(Table::new(rows))
        .add_paragraph(text(&b.sources))
        .add_paragraph(text(&b.method));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
