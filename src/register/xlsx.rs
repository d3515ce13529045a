//! Reading an XLSX export into a [`RawTable`] (calamine).
//!
//! Cells are streamed (`worksheet_cells_reader`), never loaded as a rectangular range, so
//! one stray cell in XFD1048576 costs one cell, not the whole sheet. Row numbers are the
//! ones Excel shows. Date cells (1900 and 1904 systems) become `jjjj-mm-dd` text, numbers
//! lose a spurious ".0", error cells (#N/A) are a warning.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};

use super::headers::HeaderRules;
use super::issue::{Issue, IssueKind, Location, Severity};
use super::{RawRow, RawTable, detect_header};
use crate::error::{Error, Result};

/// Rows scanned for the header.
const SNIFF_ROWS: u32 = 30;

/// A workbook read straight from the file's bytes (mapped, not copied).
type Book<'a> = Xlsx<Cursor<&'a [u8]>>;

fn open<'a>(path: &Path, bytes: &'a [u8]) -> Result<Book<'a>> {
    if !bytes.starts_with(b"PK") {
        return Err(Error::Unreadable {
            path: path.to_path_buf(),
            reason: "geen geldig Excel-bestand (.xlsx); is het misschien een CSV met de verkeerde extensie?".into(),
        });
    }
    Xlsx::new(Cursor::new(bytes)).map_err(|e| Error::Unreadable {
        path: path.to_path_buf(),
        reason: format!("geen geldig Excel-bestand: beschadigd of onvolledig ({e})"),
    })
}

/// Reads the sheet named `blad`, or else the only sheet that holds the required headers.
pub fn read(
    path: &Path,
    bytes: &[u8],
    rules: &HeaderRules,
    blad: Option<&str>,
) -> Result<RawTable> {
    let mut book = crate::profiel::fase("lezen: xlsx openen", || open(path, bytes))?;
    let names = book.sheet_names();
    let sheet = match blad {
        Some(b) => names
            .iter()
            .find(|n| n.as_str() == b || n.trim().eq_ignore_ascii_case(b.trim()))
            .cloned()
            .ok_or_else(|| Error::Unreadable {
                path: path.to_path_buf(),
                reason: format!(
                    "geen werkblad met de naam \"{b}\" (werkbladen: {})",
                    names.join(", ")
                ),
            })?,
        None => choose_sheet(path, &mut book, &names, rules)?,
    };
    read_sheet(path, bytes, &mut book, &sheet, rules)
}

fn choose_sheet(
    path: &Path,
    book: &mut Book,
    names: &[String],
    rules: &HeaderRules,
) -> Result<String> {
    if names.len() == 1 {
        return Ok(names[0].clone());
    }
    let mut candidates = Vec::new();
    for name in names {
        let head = head_rows(path, book, name)?;
        let (_, map) = detect_header(head.iter().map(|(_, r)| r.as_slice()), rules);
        if super::Kolom::REQUIRED
            .iter()
            .all(|k| map.position(*k).is_some())
        {
            candidates.push(name.clone());
        }
    }
    match candidates.len() {
        1 => Ok(candidates.remove(0)),
        0 => Err(Error::Werkblad {
            path: path.to_path_buf(),
            reason: format!(
                "geen werkblad met de kolommen klachtnummer, datum_ontvangst en categorie (werkbladen: {})",
                names
                    .iter()
                    .map(|n| super::issue::shorten(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
        _ => Err(Error::Werkblad {
            path: path.to_path_buf(),
            reason: format!(
                "meerdere werkbladen lijken een klachtenregister: {}",
                candidates
                    .iter()
                    .map(|n| super::issue::shorten(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }),
    }
}

fn xlsx_error(path: &Path, e: calamine::XlsxError) -> Error {
    Error::Unreadable {
        path: path.to_path_buf(),
        reason: format!("Excel-bestand is beschadigd of onvolledig ({e})"),
    }
}

/// The first rows of a sheet as dense text rows, for header detection.
fn head_rows(path: &Path, book: &mut Book, sheet: &str) -> Result<Vec<(u32, Vec<String>)>> {
    let mut reader = book
        .worksheet_cells_reader(sheet)
        .map_err(|e| xlsx_error(path, e))?;
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    while let Some(cell) = reader.next_cell().map_err(|e| xlsx_error(path, e))? {
        let (r, c) = cell.get_position();
        if r >= SNIFF_ROWS {
            break;
        }
        // Header rows are narrow; a stray far-away cell must not allocate a huge row.
        if c >= 512 {
            continue;
        }
        let row = rows.entry(r).or_default();
        if row.len() <= c as usize {
            row.resize(c as usize + 1, String::new());
        }
        row[c as usize] = text(cell.get_value()).0;
    }
    Ok(rows.into_iter().map(|(r, v)| (r + 1, v)).collect())
}

fn read_sheet(
    path: &Path,
    bytes: &[u8],
    book: &mut Book,
    sheet: &str,
    rules: &HeaderRules,
) -> Result<RawTable> {
    let head = head_rows(path, book, sheet)?;
    let (index, header) = detect_header(head.iter().map(|(_, r)| r.as_slice()), rules);
    let header_row = head.get(index).map(|(r, _)| *r).unwrap_or(1);
    let by_position: BTreeMap<u32, super::Kolom> = header
        .columns
        .iter()
        .filter(|(k, _)| k.is_read())
        .map(|&(k, i)| (i as u32, k))
        .collect();
    let at = |rij: u32, c: u32| Location {
        file: path.to_path_buf(),
        sheet: Some(sheet.to_string()),
        row: Some(rij),
        column: Some(header.headers[c as usize].trim().to_string()),
    };
    // Merged regions stand at the end of the sheet's XML, and calamine finds them by parsing
    // the whole sheet: that second parse runs on the other core, beside the cells' own.
    let (merged, read) = std::thread::scope(|scope| {
        let merged = scope.spawn(|| {
            open(path, bytes)?
                .merge_cells_by_sheet_name(sheet)
                .map_err(|e| xlsx_error(path, e))
        });
        let read = (|| -> Result<(Vec<RawRow>, Vec<Issue>)> {
            let mut reader = book
                .worksheet_cells_reader(sheet)
                .map_err(|e| xlsx_error(path, e))?;
            let mut rows: Vec<RawRow> = Vec::new();
            let mut issues = Vec::new();
            // Whether the row has any non-empty cell at all, also outside the contract columns: an
            // otherwise empty row with only an omschrijving is still a row the user must hear about.
            let mut current: Option<(RawRow, bool)> = None;
            while let Some(cell) = reader
                .next_cell_with_formula_metadata()
                .map_err(|e| xlsx_error(path, e))?
            {
                let (r, c) = cell.pos;
                let rij = r + 1;
                if rij <= header_row {
                    continue;
                }
                if current.as_ref().is_none_or(|(row, _)| row.row != rij) {
                    if let Some((row, true)) = current.take() {
                        rows.push(row);
                    }
                    current = Some((RawRow::new(rij), false));
                }
                let (row, any) = current.as_mut().expect("set above");
                let Some(&k) = by_position.get(&c) else {
                    // Outside the contract columns (omschrijving among them): only whether it
                    // holds anything, without copying its text.
                    *any |= !is_blank(&cell.value);
                    continue;
                };
                // The cell's text goes straight into the row's own string.
                let mut error = None;
                row.set_with(k, |out| {
                    let start = out.len();
                    error = write_text(&cell.value, out);
                    *any |= !out[start..].trim().is_empty() || error.is_some();
                });
                {
                    let kind = match (error, &cell.formula) {
                        (Some(value), _) => Some(IssueKind::ExcelError { value }),
                        (None, Some(_)) if cell.value == DataRef::Empty => {
                            Some(IssueKind::FormulaWithoutValue)
                        }
                        _ => None,
                    };
                    if let Some(kind) = kind {
                        issues.push(Issue {
                            at: at(rij, c),
                            kind,
                            severity: Severity::Waarschuwing,
                        });
                    }
                }
            }
            if let Some((row, true)) = current.take() {
                rows.push(row);
            }
            Ok((rows, issues))
        })();
        let merged = crate::profiel::fase("lezen: xlsx, wachten op samengevoegde cellen", || {
            merged.join()
        })
        .unwrap_or_else(|_| {
            Err(Error::Unreadable {
                path: path.to_path_buf(),
                reason: "Excel-bestand kon niet worden gelezen (samengevoegde cellen)".into(),
            })
        });
        (merged, read)
    });
    let (mut rows, mut issues) = read?;
    let merged = merged?;
    fill_merged(
        &merged,
        &by_position,
        header_row,
        &mut rows,
        &mut issues,
        &at,
    );
    Ok(RawTable {
        file: path.to_path_buf(),
        sheet: Some(sheet.to_string()),
        encoding: None,
        delimiter: None,
        header,
        header_row,
        rows,
        issues,
    })
}

/// Merged cells: Excel keeps the value only in the top-left cell. For a contract column the
/// value is copied to every row of the region (a cluster merged over three complaints belongs
/// to all three), with a warning so that the user knows.
fn fill_merged(
    merged: &[calamine::Dimensions],
    by_position: &BTreeMap<u32, super::Kolom>,
    header_row: u32,
    rows: &mut [RawRow],
    issues: &mut Vec<Issue>,
    at: &dyn Fn(u32, u32) -> Location,
) {
    for region in merged {
        let (r0, c0) = region.start;
        let (r1, c1) = region.end;
        if r0 < header_row || (r1 == r0 && c1 == c0) {
            continue;
        }
        let columns: Vec<(u32, super::Kolom)> = (c0..=c1)
            .filter_map(|c| by_position.get(&c).map(|k| (c, *k)))
            .collect();
        if columns.is_empty() {
            continue;
        }
        let top_left = rows
            .iter()
            .find(|r| r.row == r0 + 1)
            .map(|r| {
                by_position
                    .get(&c0)
                    .map(|k| r.get(*k).to_string())
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        for row in rows.iter_mut().filter(|r| r.row > r0 && r.row <= r1 + 1) {
            for (_, k) in &columns {
                if row.get(*k).is_empty() {
                    row.set(*k, &top_left);
                }
            }
        }
        issues.push(Issue {
            at: at(r0 + 1, columns[0].0),
            kind: IssueKind::MergedCells {
                first_row: r0 + 1,
                last_row: r1 + 1,
                value: super::issue::shorten(&top_left),
            },
            severity: Severity::Waarschuwing,
        });
    }
}

/// Whether a cell is empty as text would be (white space only), without making the text.
fn is_blank(v: &DataRef<'_>) -> bool {
    match v {
        DataRef::Empty => true,
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
            s.trim().is_empty()
        }
        DataRef::SharedString(s) => s.trim().is_empty(),
        // An error value counts as content (the row is reported, not skipped).
        _ => false,
    }
}

/// A cell as text; the second value names an Excel error (#N/A) when the cell holds one.
fn text(v: &DataRef<'_>) -> (String, Option<String>) {
    let mut out = String::new();
    let error = write_text(v, &mut out);
    (out, error)
}

/// Appends a cell's text to `out`; returns the name of an Excel error (#N/A) when the cell
/// holds one (and then appends nothing).
fn write_text(v: &DataRef<'_>, out: &mut String) -> Option<String> {
    use std::fmt::Write;
    match v {
        // Display of f64 prints 12 for 12.0: numeric ids keep no ".0".
        DataRef::Int(i) => {
            let _ = write!(out, "{i}");
        }
        DataRef::Float(f) => {
            let _ = write!(out, "{f}");
        }
        DataRef::String(s) => out.push_str(s),
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::Bool(b) => out.push_str(if *b { "ja" } else { "nee" }),
        DataRef::DateTime(dt) => match dt.as_datetime() {
            Some(d) => {
                use chrono::Datelike;
                let d = d.date();
                let _ = write!(out, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day());
            }
            None => {
                let _ = write!(out, "{}", dt.as_f64());
            }
        },
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Error(e) => return Some(e.to_string()),
        DataRef::Empty => {}
    }
    None
}
