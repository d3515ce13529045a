//! Checking a register file row by row as it is read: every cell interpreted, every problem
//! an [`Issue`].
//!
//! A row with an error (`Severity::Fout`) is left out and listed in `Register::excluded`;
//! a warning keeps the row and counts the value as "Onbekend" (or as written, for the open
//! lists). All problems of all rows are collected in one pass.

use std::collections::HashMap;

use super::dates::parse_date;
use super::headers::Kolom;
use super::issue::{Issue, IssueKind, Location, Severity};
use super::{Excluded, RawTable, Register, RowView};
use crate::register::ReadOptions;

/// What the checks of all files build together: the register, the issues, the klachtnummers
/// seen, where each file stands and the labels of the open lists. The loader owns it between
/// files; a [`FileCheck`] adds to it.
#[derive(Default)]
pub(super) struct Shared {
    pub(super) register: Register,
    pub(super) issues: Vec<Issue>,
    pub(super) seen: super::klachtnummers::Klachtnummers,
    pub(super) sources: Vec<Location>,
    pub(super) labels: Labels,
    /// With one row per deelklacht: the complaints met so far, by klachtnummer.
    pub(super) groepen: deelklachten::Groepen,
}

/// Checks one file's rows as the reader hands them over ([`super::RowSink`]): the header's
/// problems at `begin`, then each row, into the shared register and issue list.
pub(super) struct FileCheck<'l> {
    file_index: usize,
    options: &'l ReadOptions,
    /// What spans files.
    shared: &'l mut Shared,
    /// Whether the klachtnummers may be lent to a reader that checks them itself.
    lend: bool,
    state: Option<FileState>,
    spellings: Spellings,
    present: Vec<Kolom>,
    rows: usize,
    /// The klachtnummers are lent to the reader, which checks them ([`super::RowView::duplicate`]).
    lent: bool,
}

impl<'l> FileCheck<'l> {
    pub(super) fn new(
        file_index: usize,
        options: &'l ReadOptions,
        shared: &'l mut Shared,
        lend: bool,
    ) -> Self {
        FileCheck {
            file_index,
            options,
            shared,
            lend,
            state: None,
            spellings: Spellings::default(),
            present: Vec::new(),
            rows: 0,
            lent: false,
        }
    }

    /// The columns the file has, its sheet, and how many data rows were read. The rows per
    /// spelling of this file go to the loader's merge report.
    pub(super) fn finish(self) -> (Vec<Kolom>, Option<String>, usize) {
        if let Some(state) = self.state.as_ref().filter(|s| s.usable)
            && self.rows == 0
        {
            self.shared.issues.push(Issue {
                at: state.loc(None, None),
                kind: IssueKind::NoRows,
                severity: Severity::Waarschuwing,
            });
        }
        if let Some(state) = &self.state {
            let kopregel = state
                .headers
                .iter()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect();
            self.shared
                .register
                .kopregels
                .insert(self.file_index, kopregel);
            for (k, written) in &state.written {
                self.shared
                    .register
                    .koppen
                    .insert((self.file_index, *k), written.clone());
            }
        }
        for (k, memo) in Kolom::ALL.iter().zip(&self.spellings.memo) {
            for m in memo.values() {
                for (label, spelling) in &m.spelled {
                    let e = self
                        .shared
                        .labels
                        .rows
                        .entry((*k, label.clone()))
                        .or_default()
                        .entry(spelling.clone())
                        .or_insert((0, self.file_index));
                    e.0 += m.rows;
                }
            }
        }
        (self.present, self.state.and_then(|s| s.sheet), self.rows)
    }
}

/// The cleaned klachtnummer of a row that counts for the duplicate check, or `None`: a row
/// counts when its klachtnummer is not empty and its datum_ontvangst reads as a date, exactly
/// the rows [`RowCheck::klacht`] makes a complaint of (the others are excluded for those
/// errors, and a later row with the same number is not a duplicate of them). A reader that
/// checks duplicates itself ([`super::RowSink::lend_klachtnummers`]) asks this.
pub(crate) fn counts_for_duplicates<'r>(
    klachtnummer: &'r str,
    datum_ontvangst: &str,
) -> Option<std::borrow::Cow<'r, str>> {
    let nummer = super::normalize::clean_cow(klachtnummer);
    let datum = datum_ontvangst.trim();
    (!nummer.is_empty() && !datum.is_empty() && parse_date(datum).is_ok()).then_some(nummer)
}

impl super::RowSink for FileCheck<'_> {
    fn lend_klachtnummers(&mut self) -> Option<(super::klachtnummers::Klachtnummers, usize)> {
        if !self.lend {
            return None;
        }
        self.lent = true;
        Some((std::mem::take(&mut self.shared.seen), self.file_index))
    }

    fn return_klachtnummers(&mut self, seen: super::klachtnummers::Klachtnummers) {
        self.shared.seen = seen;
    }

    fn begin(&mut self, mut table: RawTable) {
        self.present = table.header.columns.iter().map(|(k, _)| *k).collect();
        let issues = &mut self.shared.issues;
        issues.append(&mut table.issues);
        // Where this file's klachtnummers stand, for a later duplicate (index = file_index).
        self.shared.sources.push(Location {
            file: table.file.clone(),
            sheet: table.sheet.clone(),
            row: None,
            column: table
                .header
                .position(Kolom::Klachtnummer)
                .map(|i| table.header.headers[i].trim().to_string()),
        });
        let header = &table.header;
        let width = header
            .headers
            .iter()
            .rposition(|h| !h.trim().is_empty())
            .map_or(0, |i| i + 1);
        let mut state = FileState {
            file: table.file,
            sheet: table.sheet,
            written: HashMap::new(),
            usable: true,
            width: u32::try_from(width).unwrap_or(u32::MAX),
            headers: header
                .headers
                .iter()
                .map(|h| h.trim().to_string())
                .collect(),
            delimiter: table.delimiter,
        };
        // Title lines above the header (several systems export one or two): say where the
        // header was found, so the rij numbers in the messages can be checked in Excel.
        if table.header_row > 1 && !header.columns.is_empty() {
            issues.push(Issue {
                at: state.loc(Some(table.header_row), None),
                kind: IssueKind::HeaderBelowTop {
                    row: table.header_row,
                },
                severity: Severity::Waarschuwing,
            });
        }
        for (k, positions) in &header.duplicates {
            issues.push(Issue {
                at: state.loc(Some(table.header_row), None),
                kind: IssueKind::DuplicateColumn {
                    name: k.name(),
                    positions: positions.clone(),
                },
                severity: Severity::Waarschuwing,
            });
        }
        let last_named = header.headers.iter().rposition(|h| !h.trim().is_empty());
        let blank: Vec<usize> = header
            .headers
            .iter()
            .enumerate()
            .take(last_named.unwrap_or(0))
            .filter(|(_, h)| h.trim().is_empty())
            .map(|(i, _)| i + 1)
            .collect();
        if !blank.is_empty() {
            issues.push(Issue {
                at: state.loc(Some(table.header_row), None),
                kind: IssueKind::BlankHeader { positions: blank },
                severity: Severity::Waarschuwing,
            });
        }
        for &k in Kolom::REQUIRED {
            if header.position(k).is_none() {
                // Without its required columns no row of this file can be counted; the
                // file-level error says so, and `verslag` stops on it.
                state.usable = false;
                issues.push(Issue {
                    at: state.loc(None, None),
                    kind: IssueKind::MissingColumn {
                        name: k.name(),
                        found: header.written(),
                        suggestion: header.suggestion(k),
                    },
                    severity: Severity::Fout,
                });
            }
        }
        state.written = header
            .columns
            .iter()
            .map(|&(k, i)| (k, header.headers[i].trim().to_string()))
            .collect();
        self.state = Some(state);
    }

    fn row(&mut self, row: &RowView<'_>) {
        self.rows += 1;
        let Some(state) = self.state.as_ref().filter(|s| s.usable) else {
            return;
        };
        // A CSV row that does not fit the header: more filled fields shift every later
        // column (an unquoted separator inside a field), so the row cannot be counted; fewer
        // fields leave columns empty.
        let mut shape_issues = Vec::new();
        if let Some((total, filled)) = row.shape {
            if filled > state.width && state.width > 0 {
                shape_issues.push(Issue {
                    at: state.loc(Some(row.row), None),
                    kind: IssueKind::TooManyFields {
                        found: filled,
                        expected: state.width,
                        delimiter: state.delimiter.unwrap_or(';'),
                    },
                    severity: Severity::Fout,
                });
            } else if total < state.width {
                let missing: Vec<String> = state.headers[usize::try_from(total).unwrap_or(0)
                    ..usize::try_from(state.width).unwrap_or(0)]
                    .iter()
                    .filter(|h| !h.is_empty())
                    .cloned()
                    .collect();
                shape_issues.push(Issue {
                    at: state.loc(Some(row.row), None),
                    kind: IssueKind::TooFewFields {
                        found: total,
                        expected: state.width,
                        missing,
                    },
                    severity: Severity::Waarschuwing,
                });
            }
        }
        if row.ansi {
            shape_issues.push(Issue {
                at: state.loc(Some(row.row), None),
                kind: IssueKind::NotUtf8,
                severity: Severity::Waarschuwing,
            });
        }
        // A row with content only outside the contract columns (a note, a stray cell) is no
        // complaint; it is named, not counted.
        if Kolom::ALL.iter().all(|k| row.get(*k).trim().is_empty()) {
            self.shared.issues.push(Issue {
                at: state.loc(Some(row.row), None),
                kind: IssueKind::OnlyOutsideColumns,
                severity: Severity::Waarschuwing,
            });
            return;
        }
        let mut ctx = RowCheck {
            row,
            options: self.options,
            state,
            issues: shape_issues,
            spelled: Vec::new(),
        };
        let klacht = ctx.klacht(
            self.file_index,
            &mut self.spellings,
            &mut self.shared.labels,
        );
        let per_deelklacht = self.options.rij_per == crate::register::RijPer::Deelklacht;
        // With one row per deelklacht: the complaint this row belongs to (when it was met
        // before), or the klachtnummer of the complaint it starts.
        let mut eerder = None;
        let mut nieuw = None;
        let klacht = klacht.map(|(k, klachtnummer)| {
            if per_deelklacht {
                match self.shared.groepen.eerder(&klachtnummer) {
                    Some(e) => {
                        let conflicten = self.shared.groepen.conflicten(
                            &e,
                            &self.shared.register,
                            &k,
                            self.file_index,
                        );
                        for c in conflicten {
                            ctx.issues.push(Issue {
                                kind: IssueKind::DeelklachtConflict {
                                    id: klachtnummer.to_string(),
                                    rijen: c.rijen,
                                    eerder: c.eerder,
                                    hier: c.hier,
                                },
                                at: state.loc(Some(row.row), Some(ctx.header(c.kolom))),
                                severity: Severity::Fout,
                            });
                        }
                        eerder = Some(e);
                    }
                    None => nieuw = Some(klachtnummer.into_owned()),
                }
                return k;
            }
            // Only (file, rij) is kept per klachtnummer; the full location is built when a
            // duplicate needs it (a million rows, a million fewer allocations). A CSV reader
            // checked it on its own core already (`RowView::duplicate`).
            let eerder = if self.lent {
                row.duplicate.earlier()
            } else {
                self.shared
                    .seen
                    .first_or_insert(&klachtnummer, self.file_index, row.row)
            };
            if let Some((file, first_row)) = eerder {
                let mut first = self.shared.sources[file].clone();
                first.row = Some(first_row);
                ctx.issues.push(Issue {
                    kind: IssueKind::DuplicateId {
                        id: klachtnummer.into_owned(),
                        first: Box::new(first),
                    },
                    at: state.loc(Some(row.row), Some(ctx.header(Kolom::Klachtnummer))),
                    severity: Severity::Fout,
                });
            }
            k
        });
        let mut errors = ctx
            .issues
            .iter()
            .filter(|i| i.severity == Severity::Fout)
            .map(|i| match &i.at.column {
                Some(c) => format!("kolom {c}: {}", i.kind),
                None => i.kind.to_string(),
            })
            .peekable();
        match klacht {
            Some(k) if errors.peek().is_none() => match (eerder, nieuw) {
                (Some(e), _) => {
                    let register = &mut self.shared.register;
                    self.shared.groepen.add(register, e, k, self.file_index);
                }
                (None, Some(nummer)) => {
                    let register = &mut self.shared.register;
                    self.shared
                        .groepen
                        .begin(register, nummer, k, self.file_index);
                }
                (None, None) => self.shared.register.klachten.push(k),
            },
            _ => {
                let reason = errors.collect::<Vec<_>>().join("; ");
                // The row is not counted, so how its values would be counted is no news.
                ctx.issues
                    .retain(|i| i.severity == Severity::Fout || !i.kind.about_counting());
                self.shared.register.excluded.push(Excluded {
                    file: super::file_name(&state.file),
                    sheet: state.sheet.clone(),
                    row: row.row,
                    reason,
                })
            }
        }
        self.shared.issues.append(&mut ctx.issues);
    }
}

mod deelklachten;
mod row;
mod state;
use row::RowCheck;
pub(super) use state::Labels;
use state::{FileState, Spellings};

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-file memo must not change what a row gets: a repeated cell gives the same
    /// labels and its warnings again, at its own rij.
    #[test]
    fn a_repeated_cell_gets_the_same_labels_and_its_own_warnings() {
        let csv = "klachtnummer,datum_ontvangst,cluster,categorie,klager\n\
                   K1,01-02-2024,Team 0612345678,bejegening; Bejegening|Zorg,Cliënt\n\
                   K2,02-02-2024,Team 0612345678,bejegening; Bejegening|Zorg,client\n\
                   K3,03-02-2024,Noord,Bejegening,CLIËNT\n";
        let options = ReadOptions::default();
        let mut loader = super::super::Loader::new(&options);
        loader
            .add(std::path::Path::new("r.csv"), csv.as_bytes())
            .expect("readable");
        let checked = loader.finish();
        let k = &checked.value.klachten;
        assert_eq!(k.len(), 3);
        assert_eq!(k[0].cluster, k[1].cluster);
        assert_eq!(k[0].cluster.as_deref(), Some("Team [verwijderd]"));
        let cats = |i: usize| {
            k[i].categorieen
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(cats(0), ["bejegening", "Zorg"]);
        assert_eq!(cats(1), cats(0));
        assert_eq!(cats(2), ["bejegening"], "first spelling wins across rows");
        assert!(
            k.iter()
                .all(|k| k.klager == Some(super::super::Klager::Client))
        );
        let rows_with = |pred: &dyn Fn(&IssueKind) -> bool| -> Vec<u32> {
            checked
                .issues
                .iter()
                .filter(|i| pred(&i.kind))
                .filter_map(|i| i.at.row)
                .collect()
        };
        assert_eq!(
            rows_with(&|k| matches!(k, IssueKind::PersonalData { .. })),
            [2, 3]
        );
        assert_eq!(
            rows_with(&|k| matches!(k, IssueKind::DuplicateCategory { .. })),
            [2, 3]
        );
    }

    /// A row that does not count gets its errors and the warnings that matter anyway (personal
    /// data, the file's shape), not how its values would have been counted.
    #[test]
    fn an_excluded_row_gets_no_counting_warnings() {
        let csv = "klachtnummer,datum_ontvangst,cluster,categorie,klager,afhandeling\n\
                   K1,31-02-2024,Team 0612345678,,Buurman,Gegrond\n\
                   K2,01-03-2024,Team 0612345678,,Buurman,Gegrond\n\
                   K3,01-03-2024,Noord,Bejegening; bejegening,Cliënt,Gegrond\n";
        let options = ReadOptions::default();
        let mut loader = super::super::Loader::new(&options);
        loader
            .add(std::path::Path::new("r.csv"), csv.as_bytes())
            .expect("readable");
        let checked = loader.finish();
        assert_eq!(checked.value.excluded.len(), 1);
        assert_eq!(checked.value.excluded[0].row, 2);
        let at = |row: u32| -> Vec<String> {
            checked
                .issues
                .iter()
                .filter(|i| i.at.row == Some(row))
                .map(|i| i.to_string())
                .collect()
        };
        let excluded = at(2);
        assert!(
            excluded.iter().any(|m| m.contains("is geen geldige datum")),
            "{excluded:?}"
        );
        assert!(
            excluded
                .iter()
                .any(|m| m.contains("bevat een telefoonnummer")),
            "personal data is named whether the row counts or not: {excluded:?}"
        );
        assert!(
            excluded
                .iter()
                .all(|m| !m.contains("telt als") && !m.contains("telt één keer")),
            "{excluded:?}"
        );
        assert_eq!(excluded.len(), 2, "{excluded:?}");
        // The same cells on a counted row keep their counting warnings (from the memo too).
        let counted = at(3);
        assert!(
            counted
                .iter()
                .any(|m| m.contains("onbekende waarde \"Buurman\", telt als Onbekend")),
            "{counted:?}"
        );
        assert!(
            counted
                .iter()
                .any(|m| m.contains("telt als deelklacht Onbekend")),
            "{counted:?}"
        );
        assert!(
            at(4)
                .iter()
                .any(|m| m.contains("staat dubbel bij deze klacht")),
            "{:?}",
            at(4)
        );
    }
}
