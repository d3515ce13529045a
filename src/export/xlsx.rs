//! `tabellen-JJJJ.xlsx`: every table on its own sheet, plus the key figures.
//!
//! Numbers are stored as numbers (percentages as fractions with the `0,0%` display format, so
//! Excel NL shows "54,1%"), never as formulas. Labels that Excel would read as a formula
//! (`=`, `+`, `-`, `@`, TAB, CR at the start) get Excel's quote prefix. Text longer than an
//! Excel cell holds (32,767 characters) is cut and reported.

use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::{Error, Result};
use crate::stats::{Cell, Figures, Kerngetal, RowKind, Table, Waarde};

/// Excel's limit for the text of one cell.
pub const MAX_CELL: usize = 32_767;

/// The warning for a text cut to fit an Excel cell, naming the workbook.
pub fn cut_warning(workbook: &str, text: &str) -> String {
    format!(
        "waarschuwing: {workbook}: tekst \"{text}…\" is langer dan een Excel-cel toestaat ({} tekens) en is ingekort",
        crate::nl::getal(MAX_CELL as u64)
    )
}
/// Excel's limit for a sheet name.
const MAX_SHEET_NAME: usize = 31;

struct Formats {
    title: Format,
    header: Format,
    total_label: Format,
    total_number: Format,
    total_pct: Format,
    number: Format,
    pct: Format,
    text: Format,
    quoted: Format,
    hidden: Format,
    decimal: Format,
    rate: Format,
}

impl Formats {
    fn new() -> Self {
        let pct = "0.0%";
        let number = "#,##0";
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            header: Format::new()
                .set_bold()
                .set_border_bottom(FormatBorder::Thin),
            total_label: Format::new().set_bold().set_border_top(FormatBorder::Thin),
            total_number: Format::new()
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_num_format(number),
            total_pct: Format::new()
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_num_format(pct),
            number: Format::new().set_num_format(number),
            pct: Format::new().set_num_format(pct),
            text: Format::new(),
            quoted: Format::new().set_quote_prefix(),
            hidden: Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
            decimal: Format::new().set_num_format("0.0"),
            rate: Format::new().set_num_format("0.00"),
        }
    }
}

/// Whether Excel would take a text for a formula.
fn needs_quote(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Cuts a text to what one cell holds; reports when it did.
fn fit(s: &str, cut: &mut Vec<String>) -> String {
    if s.chars().count() <= MAX_CELL {
        s.to_string()
    } else {
        let short: String = s.chars().take(MAX_CELL).collect();
        cut.push(s.chars().take(40).collect());
        short
    }
}

fn xlsx_err(e: XlsxError) -> Error {
    Error::Export {
        what: "tabellen (XLSX)",
        message: e.to_string(),
    }
}

/// A unique sheet name of at most 31 characters without the characters Excel refuses.
pub fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .collect();
    let clean = clean.trim_matches('\'').to_string();
    let base: String = clean.chars().take(MAX_SHEET_NAME).collect();
    let mut name = if base.is_empty() {
        "Blad".to_string()
    } else {
        base.clone()
    };
    let mut n = 2;
    while taken
        .iter()
        .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!(" ({n})");
        let room = MAX_SHEET_NAME - suffix.chars().count();
        name = format!("{}{suffix}", base.chars().take(room).collect::<String>());
        n += 1;
    }
    taken.push(name.clone());
    name
}

fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    s: &str,
    f: &Formats,
    base: &Format,
    cut: &mut Vec<String>,
) -> Result<()> {
    let s = fit(s, cut);
    let format = if needs_quote(&s) { &f.quoted } else { base };
    ws.write_string_with_format(row, col, &s, format)
        .map_err(xlsx_err)?;
    Ok(())
}

fn write_table(ws: &mut Worksheet, t: &Table, f: &Formats, cut: &mut Vec<String>) -> Result<()> {
    write_text(ws, 0, 0, &t.titel, f, &f.title, cut)?;
    write_text(ws, 1, 0, t.label_kop(), f, &f.header, cut)?;
    // Years from earlier reports (`[[eerder]]`) carry a `*`, explained under the table.
    let ster = |l: &str| match t.eerder.iter().any(|e| e == l) {
        true => format!("{l}*"),
        false => l.to_string(),
    };
    for (c, k) in t.kolommen.iter().enumerate() {
        write_text(ws, 1, c as u16 + 1, &ster(k), f, &f.header, cut)?;
    }
    for (r, row) in t.rijen.iter().enumerate() {
        let excel_row = r as u32 + 2;
        let total = row.kind == RowKind::Totaal;
        write_text(
            ws,
            excel_row,
            0,
            &ster(&row.label),
            f,
            if total { &f.total_label } else { &f.text },
            cut,
        )?;
        for (c, cell) in row.waarden.iter().enumerate() {
            let col = c as u16 + 1;
            match *cell {
                Cell::Aantal(n) => ws.write_number_with_format(
                    excel_row,
                    col,
                    n as f64,
                    if total { &f.total_number } else { &f.number },
                ),
                Cell::Percentage(p) => ws.write_number_with_format(
                    excel_row,
                    col,
                    p / 100.0,
                    if total { &f.total_pct } else { &f.pct },
                ),
                Cell::Verhouding(x) => ws.write_number_with_format(excel_row, col, x, &f.rate),
                // Not given: an empty cell.
                Cell::Geen => continue,
                // Public version: the text "< 5" or "x", never the number.
                hidden => ws.write_string_with_format(
                    excel_row,
                    col,
                    hidden.verborgen_tekst().unwrap_or_default(),
                    &f.hidden,
                ),
            }
            .map_err(xlsx_err)?;
        }
    }
    if !t.eerder.is_empty() {
        let row = t.rijen.len() as u32 + 3;
        let noot = crate::stats::eerder::noot(&t.eerder);
        write_text(ws, row, 0, &noot, f, &f.text, cut)?;
    }
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    ws.autofit();
    Ok(())
}

/// The sheet `doelen`: each goal with its status and result, then the goals per status with
/// their Totaal.
fn write_doelen(
    ws: &mut Worksheet,
    doelen: &crate::stats::doelen::Doelen,
    jaar: i32,
    f: &Formats,
    cut: &mut Vec<String>,
) -> Result<()> {
    let titel = format!("Doelen {jaar} en resultaat");
    write_text(ws, 0, 0, &titel, f, &f.title, cut)?;
    for (c, kop) in ["Doel", "Status", "Resultaat"].iter().enumerate() {
        write_text(ws, 1, c as u16, kop, f, &f.header, cut)?;
    }
    // Titles and results are sentences: they wrap in fixed columns instead of one long line.
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let mut row = 2;
    for d in &doelen.items {
        let status = d.status.map_or("Geen status", |s| s.label());
        let resultaat = d
            .resultaat
            .as_deref()
            .unwrap_or("resultaat niet beschreven");
        write_text(ws, row, 0, &d.titel, f, &wrap, cut)?;
        write_text(ws, row, 1, status, f, &wrap, cut)?;
        write_text(ws, row, 2, resultaat, f, &wrap, cut)?;
        row += 1;
    }
    row += 1;
    write_text(ws, row, 0, "Resultaat", f, &f.header, cut)?;
    write_text(ws, row, 1, "Aantal", f, &f.header, cut)?;
    for (label, n) in doelen.overzicht() {
        row += 1;
        write_text(ws, row, 0, label, f, &f.text, cut)?;
        ws.write_number_with_format(row, 1, n as f64, &f.number)
            .map_err(xlsx_err)?;
    }
    row += 1;
    write_text(ws, row, 0, "Totaal", f, &f.total_label, cut)?;
    ws.write_number_with_format(row, 1, doelen.totaal as f64, &f.total_number)
        .map_err(xlsx_err)?;
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    for (col, width) in [(0, 45.0), (1, 16.0), (2, 90.0)] {
        ws.set_column_width(col, width).map_err(xlsx_err)?;
    }
    Ok(())
}

/// Renders the workbook. Returns the bytes and the texts that had to be cut.
///
/// The workbook's created and modified dates are the report date (as the PDF's), never the
/// clock, so identical runs give identical bytes; its title and author are the report's.
pub fn to_xlsx(
    figures: &Figures,
    report: &crate::report::Options,
) -> Result<(Vec<u8>, Vec<String>)> {
    let f = Formats::new();
    let mut book = Workbook::new();
    let datum = report
        .documentdatum
        .unwrap_or_else(|| figures.periode.tot_en_met());
    set_properties(
        &mut book,
        &format!("{} {} – tabellen", report.titel, figures.periode.kort()),
        report.auteur.as_deref().unwrap_or(&figures.organisatie),
        datum,
    )?;
    let mut taken = Vec::new();
    let mut cut = Vec::new();

    let ws = book.add_worksheet();
    ws.set_name(sheet_name("kerngetallen", &mut taken))
        .map_err(xlsx_err)?;
    write_text(
        ws,
        0,
        0,
        &format!(
            "Kerngetallen {} {}",
            figures.organisatie,
            figures.periode.kort()
        ),
        &f,
        &f.title,
        &mut cut,
    )?;
    write_text(ws, 1, 0, "Kerngetal", &f, &f.header, &mut cut)?;
    write_text(ws, 1, 1, "Waarde", &f, &f.header, &mut cut)?;
    // The same figures a year earlier, in a third column, when the register has them.
    let vorige = figures.vergelijking.as_ref().map(|v| v.periode.kort());
    // The id (the JSON's field name) last, for whoever links the workbook to the JSON.
    let id_col: u16 = if vorige.is_some() { 3 } else { 2 };
    if let Some(kop) = &vorige {
        write_text(ws, 1, 2, kop, &f, &f.header, &mut cut)?;
    }
    write_text(ws, 1, id_col, "Id", &f, &f.header, &mut cut)?;
    let in_verslag = Kerngetal::ALL
        .into_iter()
        .filter(|k| k.in_verslag(&figures.kerngetallen));
    for (row, k) in (2..).zip(in_verslag) {
        let label = k.label(&figures.termijnen);
        write_text(ws, row, 0, &label, &f, &f.text, &mut cut)?;
        write_waarde(ws, row, 1, figures.kerngetal(k), &f)?;
        if let Some(v) = figures.kerngetal_vorig(k) {
            write_waarde(ws, row, 2, v, &f)?;
        }
        write_text(ws, row, id_col, k.naam(), &f, &f.text, &mut cut)?;
    }
    // The rates of the report year (`[[volume]]`), beside the comparison year's.
    let vorig = figures.periode.vorig_jaar().jaar;
    let rates = figures
        .verhoudingen
        .iter()
        .filter(|v| v.jaar == figures.jaar);
    for (row, v) in (2 + Kerngetal::ALL.len() as u32..).zip(rates) {
        let label = v.label();
        let label = format!("{}{}", label[..1].to_uppercase(), &label[1..]);
        write_text(ws, row, 0, &label, &f, &f.text, &mut cut)?;
        write_rate(ws, row, 1, v, &f)?;
        let eerder = figures
            .verhoudingen
            .iter()
            .find(|w| w.eenheid == v.eenheid && w.jaar == vorig);
        if let (Some(w), true) = (eerder, vorige.is_some()) {
            write_rate(ws, row, 2, w, &f)?;
        }
        write_text(ws, row, id_col, "verhoudingsgetal", &f, &f.text, &mut cut)?;
    }
    // Comparison figures from an earlier report (`[[eerder]]`): said under the sheet.
    if figures
        .vergelijking
        .as_ref()
        .is_some_and(|v| v.eerder.is_some())
    {
        let row = 3 + Kerngetal::ALL.len() as u32 + figures.verhoudingen.len() as u32;
        let jaar = figures.periode.vorig_jaar().kort();
        write_text(
            ws,
            row,
            0,
            &format!(
                "De kolom {jaar} komt uit een eerder jaarverslag (het register gaat niet zo ver terug); daarin staan alleen de getallen die dat verslag gaf."
            ),
            &f,
            &f.text,
            &mut cut,
        )?;
    }
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    ws.autofit();

    for t in &figures.tabellen {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(t.id.as_str(), &mut taken))
            .map_err(xlsx_err)?;
        write_table(ws, t, &f, &mut cut)?;
    }
    if let Some(doelen) = &figures.doelen {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name("doelen", &mut taken))
            .map_err(xlsx_err)?;
        write_doelen(ws, doelen, figures.jaar, &f, &mut cut)?;
    }
    let bytes = save(&mut book)?;
    Ok((bytes, cut))
}

/// The workbook's bytes, the same on every operating system.
pub(crate) fn save(book: &mut Workbook) -> Result<Vec<u8>> {
    let mut bytes = book.save_to_buffer().map_err(xlsx_err)?;
    made_on_unix(&mut bytes);
    Ok(bytes)
}

/// The zip writer records the system that made each entry in its central directory header
/// (MS-DOS on Windows, Unix elsewhere); nothing else in the file depends on the system. Every
/// entry is marked as made on Unix, so the same report has the same bytes, and the same
/// SHA-256 in its manifest, on Windows and Linux. A byte layout that is not the one expected
/// is left as it is.
fn made_on_unix(zip: &mut [u8]) {
    const UNIX: u8 = 3;
    const EOCD: [u8; 4] = [0x50, 0x4b, 0x05, 0x06];
    const CENTRAL: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let u16_at = |b: &[u8], i: usize| b.get(i..i + 2).map(|s| u16::from_le_bytes([s[0], s[1]]));
    let u32_at = |b: &[u8], i: usize| {
        b.get(i..i + 4)
            .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    };
    // The end-of-central-directory record is the last 22 bytes: no archive comment is written.
    let Some(end) = zip.len().checked_sub(22) else {
        return;
    };
    if zip[end..end + 4] != EOCD {
        return;
    }
    let (Some(entries), Some(start)) = (u16_at(zip, end + 10), u32_at(zip, end + 16)) else {
        return;
    };
    let mut at = start as usize;
    for _ in 0..entries {
        if zip.get(at..at + 4) != Some(&CENTRAL[..]) {
            return;
        }
        let (Some(name), Some(extra), Some(comment)) = (
            u16_at(zip, at + 28),
            u16_at(zip, at + 30),
            u16_at(zip, at + 32),
        ) else {
            return;
        };
        // "Version made by": the spec version, then the system.
        zip[at + 5] = UNIX;
        at += 46 + usize::from(name) + usize::from(extra) + usize::from(comment);
    }
}

/// A key figure as a cell: a count, a share in percent, weeks, or hidden ("< 5") in a public
/// version, as text.
fn write_waarde(ws: &mut Worksheet, row: u32, col: u16, w: Waarde, f: &Formats) -> Result<()> {
    match w {
        Waarde::Aantal(n) => ws.write_number_with_format(row, col, n as f64, &f.number),
        Waarde::Percentage(x) => ws.write_number_with_format(row, col, x / 100.0, &f.pct),
        Waarde::Weken(x) => ws.write_number_with_format(row, col, x, &f.decimal),
        Waarde::Verborgen(_) => ws.write_string_with_format(row, col, w.tekst(), &f.hidden),
    }
    .map(|_| ())
    .map_err(xlsx_err)
}

/// A rate as a cell: a number with two decimals (a percentage's too: the label says "%"), or
/// hidden ("x") in a public version.
fn write_rate(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: &crate::stats::volume::Verhoudingsgetal,
    f: &Formats,
) -> Result<()> {
    match v.waarde {
        Cell::Verhouding(x) => ws.write_number_with_format(row, col, x, &f.rate),
        other => ws.write_string_with_format(
            row,
            col,
            other.verborgen_tekst().unwrap_or_default(),
            &f.hidden,
        ),
    }
    .map(|_| ())
    .map_err(xlsx_err)
}

/// The key figures a batch overview shows per unit, in its columns.
pub const OVERZICHT: [Kerngetal; 4] = [
    Kerngetal::Ontvangen,
    Kerngetal::InBehandeling,
    Kerngetal::BinnenTermijn,
    Kerngetal::Lopend,
];

/// One line of a batch overview.
#[derive(Debug, Clone)]
pub struct OverzichtRij {
    /// The unit's name.
    pub eenheid: String,
    /// The folder that holds its report.
    pub map: String,
    /// Its key figures in the overview's columns ([`OVERZICHT`]); `None` when the unit failed.
    pub kerngetallen: Option<[Waarde; 4]>,
}

fn set_properties(
    book: &mut Workbook,
    titel: &str,
    auteur: &str,
    datum: chrono::NaiveDate,
) -> Result<()> {
    use chrono::Datelike;
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(datum.year()).unwrap_or(1900),
        datum.month() as u8,
        datum.day() as u8,
    )
    .map_err(xlsx_err)?;
    let props = rust_xlsxwriter::DocProperties::new()
        .set_title(titel)
        .set_author(auteur)
        .set_creation_datetime(&date);
    book.set_properties(&props);
    Ok(())
}

/// The overview of a batch: one row per unit, numbers as numbers, with the folder that holds
/// the unit's report. Dated like the reports, never by the clock.
pub fn overview_to_xlsx(
    titel: &str,
    kolommen: &[String; 5],
    rows: &[OverzichtRij],
    datum: chrono::NaiveDate,
    auteur: &str,
) -> Result<Vec<u8>> {
    let f = Formats::new();
    let mut book = Workbook::new();
    set_properties(&mut book, titel, auteur, datum)?;
    let ws = book.add_worksheet();
    ws.set_name("overzicht").map_err(xlsx_err)?;
    let mut cut = Vec::new();
    write_text(ws, 0, 0, titel, &f, &f.title, &mut cut)?;
    for (c, k) in kolommen.iter().enumerate() {
        write_text(ws, 1, c as u16, k, &f, &f.header, &mut cut)?;
    }
    write_text(ws, 1, 5, "Map", &f, &f.header, &mut cut)?;
    for (r, row) in rows.iter().enumerate() {
        let er = r as u32 + 2;
        write_text(ws, er, 0, &row.eenheid, &f, &f.text, &mut cut)?;
        match &row.kerngetallen {
            Some(k) => {
                for (c, v) in k.iter().enumerate() {
                    write_waarde(ws, er, c as u16 + 1, *v, &f)?;
                }
            }
            None => write_text(ws, er, 1, "mislukt", &f, &f.text, &mut cut)?,
        }
        write_text(ws, er, 5, &row.map, &f, &f.text, &mut cut)?;
    }
    ws.set_freeze_panes(2, 0).map_err(xlsx_err)?;
    ws.autofit();
    save(&mut book)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every central directory entry of a saved workbook says Unix, and the workbook still
    /// reads (what a Windows build writes differs only in that byte).
    #[test]
    fn every_entry_is_marked_as_made_on_unix() {
        let mut book = Workbook::new();
        book.add_worksheet()
            .write_string(0, 0, "klacht")
            .expect("a cell");
        let mut bytes = book.save_to_buffer().expect("a workbook");
        // Mark every entry as made on MS-DOS, as the writer does on Windows.
        let mut dos = 0;
        for i in 0..bytes.len().saturating_sub(4) {
            if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
                bytes[i + 5] = 0;
                dos += 1;
            }
        }
        assert!(dos >= 5, "{dos} entries");
        made_on_unix(&mut bytes);
        let mut unix = 0;
        for i in 0..bytes.len().saturating_sub(4) {
            if bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02] {
                assert_eq!(bytes[i + 5], 3);
                unix += 1;
            }
        }
        assert_eq!(unix, dos);
        let mut read: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("it reads");
        let range = calamine::Reader::worksheet_range_at(&mut read, 0)
            .expect("a sheet")
            .expect("it reads");
        assert_eq!(
            range.get_value((0, 0)).map(ToString::to_string).as_deref(),
            Some("klacht")
        );
    }

    #[test]
    fn formula_triggers_are_quoted() {
        for s in ["=SOM(A1)", "+31", "-x", "@cmd", "\tx", "\rx"] {
            assert!(needs_quote(s), "{s:?}");
        }
        assert!(!needs_quote("Bejegening"));
    }

    #[test]
    fn sheet_names_are_short_unique_and_clean() {
        let mut taken = Vec::new();
        let a = sheet_name(
            "een/heel[lange]naam die niet in een tabblad past",
            &mut taken,
        );
        let b = sheet_name(
            "een/heel[lange]naam die niet in een tabblad past",
            &mut taken,
        );
        assert!(a.chars().count() <= 31 && b.chars().count() <= 31);
        assert_ne!(a.to_lowercase(), b.to_lowercase());
        assert!(!a.contains('/') && !a.contains('['));
        assert!(b.ends_with(" (2)"));
    }

    #[test]
    fn long_text_is_cut_and_reported() {
        let mut cut = Vec::new();
        let long = "x".repeat(MAX_CELL + 10);
        assert_eq!(fit(&long, &mut cut).chars().count(), MAX_CELL);
        assert_eq!(cut.len(), 1);
    }
}
