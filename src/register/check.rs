//! Checking a register file row by row as it is read: every cell interpreted, every problem
//! an [`Issue`].
//!
//! A row with an error (`Severity::Fout`) is left out and listed in `Register::excluded`;
//! a warning keeps the row and counts the value as "Onbekend" (or as written, for the open
//! lists). All problems of all rows are collected in one pass.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use chrono::{Datelike, NaiveDate};

use super::closed::{Closed, Lookup, NotInList, parse_ja_nee};
use super::headers::Kolom;
use super::issue::{Issue, IssueKind, Location, Severity};
use super::normalize::{clean, label_key};
use super::{Bron, Excluded, Klacht, Label, RawTable, Row};
use crate::register::ReadOptions;

/// The open lists without a configured vocabulary (soort_zorg, zorgaanbieder).
static NO_VOCABULARY: std::sync::LazyLock<crate::register::Vocabulary> =
    std::sync::LazyLock::new(crate::register::Vocabulary::default);

/// The labels of the open lists across all files: the first spelling of a value wins, so
/// "bejegening" and "Bejegening" are one row (by [`label_key`]); every such merge is reported.
#[derive(Default)]
pub(super) struct Labels {
    zorgaanbieder: FxHashMap<String, Label>,
    cluster: FxHashMap<String, Label>,
    categorie: FxHashMap<String, Label>,
    soort_zorg: FxHashMap<String, Label>,
    /// Rows per (column, label) and spelling as written, summed over the files; the first
    /// file a spelling was seen in.
    pub(super) rows: std::collections::BTreeMap<
        (Kolom, Label),
        std::collections::BTreeMap<String, (u64, usize)>,
    >,
}

/// Per-file state of the open lists: the memo of the cells seen in this file.
#[derive(Default)]
struct Spellings {
    /// What a cell's exact text gave before, per open-list column: the label(s) and the
    /// warnings. A register repeats a handful of values a million times; each distinct text
    /// is cleaned, screened for personal data and matched once, and replayed after that (the
    /// warnings again at each row's own rij).
    memo: [FxHashMap<Box<str>, Memo>; Kolom::ALL.len()],
}

/// A remembered open-list cell.
#[derive(Clone)]
struct Memo {
    /// Shared by every complaint with this cell: replaying it costs no allocation.
    labels: super::LabelList,
    warnings: Vec<IssueKind>,
    /// (label, spelling as written) of each value in the cell, for the merge report.
    spelled: Vec<(Label, String)>,
    /// Rows with exactly this cell.
    rows: u64,
}

/// What a file's header tells the row checks.
struct FileState {
    file: std::path::PathBuf,
    sheet: Option<String>,
    /// The header as written, per column (messages name the column as the user wrote it).
    written: HashMap<Kolom, String>,
    /// False when a required column is missing: no row of the file can be counted.
    usable: bool,
    /// The header's fields up to its last named column, and every header as written.
    width: u32,
    headers: Vec<String>,
    /// The CSV field separator.
    delimiter: Option<char>,
}

impl FileState {
    fn loc(&self, row: Option<u32>, column: Option<String>) -> Location {
        Location {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column,
        }
    }
}

/// Checks one file's rows as the reader hands them over ([`super::RowSink`]): the header's
/// problems at `begin`, then each row, into the shared register and issue list.
pub(super) struct FileCheck<'l, 's> {
    file_index: usize,
    /// What spans files (settings, klachtnummers seen, the register, the issues).
    loader: &'l mut super::Loader<'s>,
    state: Option<FileState>,
    spellings: Spellings,
    present: Vec<Kolom>,
    rows: usize,
    /// The klachtnummers are lent to the reader, which checks them ([`super::Row::eerder`]).
    lent: bool,
}

impl<'l, 's> FileCheck<'l, 's> {
    pub(super) fn new(file_index: usize, loader: &'l mut super::Loader<'s>) -> Self {
        FileCheck {
            file_index,
            loader,
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
            self.loader.issues.push(Issue {
                at: state.loc(None, None),
                kind: IssueKind::NoRows,
                severity: Severity::Waarschuwing,
            });
        }
        if let Some(state) = &self.state {
            for (k, written) in &state.written {
                self.loader
                    .register
                    .koppen
                    .insert((self.file_index, *k), written.clone());
            }
        }
        for (k, memo) in Kolom::ALL.iter().zip(&self.spellings.memo) {
            for m in memo.values() {
                for (label, spelling) in &m.spelled {
                    let e = self
                        .loader
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
/// checks duplicates itself ([`super::RowSink::leen_klachtnummers`]) asks this.
pub(crate) fn telt_voor_dubbel<'r>(
    klachtnummer: &'r str,
    datum_ontvangst: &str,
) -> Option<std::borrow::Cow<'r, str>> {
    let nummer = super::normalize::clean_cow(klachtnummer);
    let datum = datum_ontvangst.trim();
    (!nummer.is_empty() && !datum.is_empty() && parse_date(datum).is_ok()).then_some(nummer)
}

impl super::RowSink for FileCheck<'_, '_> {
    fn leen_klachtnummers(&mut self) -> Option<(super::klachtnummers::Klachtnummers, usize)> {
        if !self.loader.lend {
            return None;
        }
        self.lent = true;
        Some((std::mem::take(&mut self.loader.seen), self.file_index))
    }

    fn klachtnummers_terug(&mut self, seen: super::klachtnummers::Klachtnummers) {
        self.loader.seen = seen;
    }

    fn begin(&mut self, mut table: RawTable) {
        self.present = table.header.columns.iter().map(|(k, _)| *k).collect();
        let issues = &mut self.loader.issues;
        issues.append(&mut table.issues);
        // Where this file's klachtnummers stand, for a later duplicate (index = file_index).
        self.loader.sources.push(Location {
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

    fn row(&mut self, row: &Row<'_>) {
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
            self.loader.issues.push(Issue {
                at: state.loc(Some(row.row), None),
                kind: IssueKind::Malformed {
                    reason: "rij heeft alleen gegevens buiten de klachtkolommen; telt niet mee als klacht".into(),
                },
                severity: Severity::Waarschuwing,
            });
            return;
        }
        let mut ctx = RowCheck {
            row,
            settings: self.loader.settings,
            state,
            issues: shape_issues,
            spelled: Vec::new(),
        };
        let klacht = ctx.klacht(
            self.file_index,
            &mut self.spellings,
            &mut self.loader.labels,
        );
        let klacht = klacht.map(|(k, klachtnummer)| {
            // Only (file, rij) is kept per klachtnummer; the full location is built when a
            // duplicate needs it (a million rows, a million fewer allocations). A CSV reader
            // checked it on its own core already (`Row::eerder`).
            let eerder = if self.lent {
                row.eerder.flatten()
            } else {
                self.loader
                    .seen
                    .first_or_insert(&klachtnummer, self.file_index, row.row)
            };
            if let Some((file, first_row)) = eerder {
                let mut first = self.loader.sources[file].clone();
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
            Some(k) if errors.peek().is_none() => self.loader.register.klachten.push(k),
            _ => {
                let reden = errors.collect::<Vec<_>>().join("; ");
                self.loader.register.excluded.push(Excluded {
                    bestand: super::file_name(&state.file),
                    blad: state.sheet.clone(),
                    rij: row.row,
                    reden,
                })
            }
        }
        self.loader.issues.append(&mut ctx.issues);
    }
}

struct RowCheck<'a> {
    row: &'a Row<'a>,
    settings: &'a ReadOptions,
    state: &'a FileState,
    issues: Vec<Issue>,
    /// (label, spelling) of the open-list values met while computing a cell (for its memo).
    spelled: Vec<(Label, String)>,
}

impl<'a> RowCheck<'a> {
    fn header(&self, k: Kolom) -> String {
        self.state
            .written
            .get(&k)
            .cloned()
            .unwrap_or_else(|| k.name().to_string())
    }

    fn push(&mut self, k: Kolom, kind: IssueKind, severity: Severity) {
        let at = self.state.loc(Some(self.row.row), Some(self.header(k)));
        self.issues.push(Issue { at, kind, severity });
    }

    /// Interprets the row, with its klachtnummer (cleaned). `None` when a required value is
    /// missing or unreadable (the issues say why).
    fn klacht(
        &mut self,
        file: usize,
        spellings: &mut Spellings,
        labels: &mut Labels,
    ) -> Option<(Klacht, std::borrow::Cow<'a, str>)> {
        // Copies of the shared references, so lookups need no clone while `self` is borrowed
        // mutably for the issues.
        let settings = self.settings;
        let row = self.row;
        let klachtnummer = super::normalize::clean_cow(row.get(Kolom::Klachtnummer));
        if klachtnummer.is_empty() {
            self.push(
                Kolom::Klachtnummer,
                IssueKind::EmptyRequired,
                Severity::Fout,
            );
        }
        let ontvangst = match self.date(Kolom::DatumOntvangst) {
            Some(Some(d)) => Some(d),
            Some(None) => {
                self.push(
                    Kolom::DatumOntvangst,
                    IssueKind::EmptyRequired,
                    Severity::Fout,
                );
                None
            }
            None => None,
        };
        let afgehandeld = self.date(Kolom::DatumAfgehandeld).flatten();
        let eerste_contact = self.date(Kolom::DatumEersteContact).flatten();
        if let (Some(start), Some(end)) = (ontvangst, afgehandeld)
            && end < start
        {
            self.push(
                Kolom::DatumAfgehandeld,
                IssueKind::EndBeforeStart {
                    start: start.format("%d-%m-%Y").to_string(),
                    end: end.format("%d-%m-%Y").to_string(),
                },
                Severity::Fout,
            );
        }
        if let (Some(start), Some(contact)) = (ontvangst, eerste_contact)
            && contact < start
        {
            self.push(
                Kolom::DatumEersteContact,
                IssueKind::ContactBeforeReceipt {
                    start: start.format("%d-%m-%Y").to_string(),
                    contact: contact.format("%d-%m-%Y").to_string(),
                },
                Severity::Waarschuwing,
            );
        }
        let afhandeling = self.closed(&settings.afhandeling);
        let cluster = self.open(Kolom::Cluster, &settings.clusters, spellings, labels);
        let zorgaanbieder = self.open(Kolom::Zorgaanbieder, &NO_VOCABULARY, spellings, labels);
        let soort_zorg = self.open(Kolom::SoortZorg, &NO_VOCABULARY, spellings, labels);
        let categorieen = self.categories(spellings, labels);
        let in_procedure = super::Instroom::van(afhandeling) == super::Instroom::InBehandeling;
        if categorieen.is_empty() && in_procedure && !klachtnummer.is_empty() {
            self.push(
                Kolom::Categorie,
                IssueKind::MissingCategory,
                Severity::Waarschuwing,
            );
        }
        let klacht = Klacht {
            bron: Bron {
                file: u32::try_from(file).unwrap_or(u32::MAX),
                row: self.row.row,
            },
            datum_ontvangst: ontvangst?,
            datum_afgehandeld: afgehandeld,
            datum_eerste_contact: eerste_contact,
            zorgaanbieder,
            cluster,
            soort_zorg,
            categorieen,
            klager: self.closed(&settings.klager),
            kanaal: self.closed(&settings.kanaal),
            soort: self.closed(&settings.soort),
            regeling: self.closed(&settings.regeling),
            afhandeling,
            zorgrelatie: self.closed(&settings.zorgrelatie),
            bemiddelingsgesprek: self.ja_nee(Kolom::Bemiddelingsgesprek),
            verlengd: self.ja_nee(Kolom::Verlengd),
            geschil: self.ja_nee(Kolom::Geschil),
            verbetermaatregel: !super::normalize::is_blank(self.row.get(Kolom::Verbetermaatregel)),
        };
        (!klachtnummer.is_empty()).then_some((klacht, klachtnummer))
    }

    /// `None` = unreadable (issue pushed), `Some(None)` = empty.
    fn date(&mut self, k: Kolom) -> Option<Option<NaiveDate>> {
        let row = self.row;
        let raw = row.get(k).trim();
        if raw.is_empty() {
            return Some(None);
        }
        match parse_date(raw) {
            Ok(d) => {
                if self.settings.vandaag.is_some_and(|today| d > today) {
                    let raw = raw.to_string();
                    self.push(k, IssueKind::FutureDate { raw }, Severity::Waarschuwing);
                } else if d.year() < 2000 {
                    self.push(
                        k,
                        IssueKind::Malformed {
                            reason: format!("datum {raw} ligt voor 2000; klopt het jaartal?"),
                        },
                        Severity::Waarschuwing,
                    );
                }
                Some(Some(d))
            }
            Err(hint) => {
                let raw = raw.to_string();
                self.push(k, IssueKind::BadDate { raw, hint }, Severity::Fout);
                None
            }
        }
    }

    fn closed<T: Closed>(&mut self, lookup: &Lookup<T>) -> Option<T> {
        let k =
            Kolom::from_contract_name(T::KOLOM).expect("every closed list is a contract column");
        let parsed = lookup.parse(self.row.get(k));
        self.known(k, parsed, Lookup::<T>::labels)
    }

    fn ja_nee(&mut self, k: Kolom) -> Option<bool> {
        let parsed = parse_ja_nee(self.row.get(k));
        self.known(k, parsed, || vec!["ja".into(), "nee".into()])
    }

    /// A closed-list value, or a warning naming the allowed values when the cell holds
    /// another (the value then counts as unknown).
    fn known<V>(
        &mut self,
        k: Kolom,
        parsed: Result<Option<V>, NotInList>,
        allowed: impl FnOnce() -> Vec<String>,
    ) -> Option<V> {
        parsed.unwrap_or_else(|NotInList| {
            let raw = self.row.get(k).to_string();
            self.push(
                k,
                IssueKind::UnknownValue {
                    raw,
                    allowed: allowed(),
                },
                Severity::Waarschuwing,
            );
            None
        })
    }

    /// Masks personal data in a published value, with a warning per kind found.
    fn masked(&mut self, k: Kolom, value: String) -> String {
        let (masked, found) = super::privacy::mask(&value);
        let mut named: Vec<&'static str> = found.iter().map(|p| p.naam()).collect();
        named.dedup();
        for what in named {
            self.push(k, IssueKind::PersonalData { what }, Severity::Waarschuwing);
        }
        masked
    }

    fn open(
        &mut self,
        k: Kolom,
        vocabulary: &crate::register::Vocabulary,
        spellings: &mut Spellings,
        labels: &mut Labels,
    ) -> Option<Label> {
        let row = self.row;
        let memo = self.memo(k, row.get(k), spellings, |check, raw| {
            let map = match k {
                Kolom::Zorgaanbieder => &mut labels.zorgaanbieder,
                Kolom::SoortZorg => &mut labels.soort_zorg,
                _ => &mut labels.cluster,
            };
            let value = check.masked(k, clean(raw));
            if value.is_empty() {
                return Vec::new();
            }
            vec![check.canonical(k, value, vocabulary, map)]
        });
        memo.first().cloned()
    }

    /// A cell of an open-list column, through the per-file memo: computed by `first` the first
    /// time its exact text is seen, replayed (labels, and the warnings at this row) after.
    fn memo(
        &mut self,
        k: Kolom,
        raw: &str,
        spellings: &mut Spellings,
        first: impl FnOnce(&mut Self, &str) -> Vec<Label>,
    ) -> super::LabelList {
        if let Some(m) = spellings.memo[k as usize].get_mut(raw) {
            m.rows += 1;
            for w in &m.warnings {
                self.push(k, w.clone(), Severity::Waarschuwing);
            }
            return m.labels.clone();
        }
        let before = self.issues.len();
        let spelled_before = self.spelled.len();
        let labels: super::LabelList = std::sync::Arc::new(first(self, raw));
        let spelled = self.spelled.split_off(spelled_before);
        // Only warnings come from these columns; an error would make the row's own reason.
        let warnings = self.issues[before..]
            .iter()
            .filter(|i| i.severity == Severity::Waarschuwing)
            .map(|i| i.kind.clone())
            .collect();
        spellings.memo[k as usize].insert(
            raw.into(),
            Memo {
                labels: labels.clone(),
                warnings,
                spelled,
                rows: 1,
            },
        );
        labels
    }

    fn canonical(
        &mut self,
        k: Kolom,
        value: String,
        vocabulary: &crate::register::Vocabulary,
        spellings: &mut FxHashMap<String, Label>,
    ) -> Label {
        if let Some(name) = vocabulary.lookup(&value) {
            let name: Label = name.into();
            // A spelling of the configured name itself is a merge to report; a configured
            // alias is the user's own decision.
            if label_key(&value) == label_key(&name) {
                self.spelled.push((name.clone(), value));
            }
            return name;
        }
        if !vocabulary.is_empty() {
            self.push(
                k,
                IssueKind::NotInVocabulary { raw: value.clone() },
                Severity::Waarschuwing,
            );
        }
        let label = spellings
            .entry(label_key(&value))
            .or_insert_with(|| value.as_str().into())
            .clone();
        self.spelled.push((label.clone(), value));
        label
    }

    fn categories(&mut self, spellings: &mut Spellings, labels: &mut Labels) -> super::LabelList {
        let row = self.row;
        let vocabulary = &self.settings.categorieen;
        self.memo(
            Kolom::Categorie,
            row.get(Kolom::Categorie),
            spellings,
            |check, raw| {
                let mut out: Vec<Label> = Vec::new();
                for part in raw.split([';', '|']) {
                    let value = check.masked(Kolom::Categorie, clean(part));
                    if value.is_empty() {
                        continue;
                    }
                    let name =
                        check.canonical(Kolom::Categorie, value, vocabulary, &mut labels.categorie);
                    if out.contains(&name) {
                        check.push(
                            Kolom::Categorie,
                            IssueKind::DuplicateCategory {
                                raw: name.to_string(),
                            },
                            Severity::Waarschuwing,
                        );
                    } else {
                        out.push(name);
                    }
                }
                out
            },
        )
    }
}

/// The two shapes nearly every cell has, jjjj-mm-dd and dd-mm-jjjj (any of `-`, `/`, `.`),
/// read without splitting: the same result as the general path below (a unit test holds the
/// two together), a million cells faster. `None`: another shape, for the general path.
fn parse_date_fast(b: &[u8]) -> Option<Result<NaiveDate, Option<String>>> {
    if b.len() != 10 {
        return None;
    }
    let sep = |i: usize| matches!(b[i], b'-' | b'/' | b'.');
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = if sep(4) && sep(7) {
        (num(0..4)?, num(5..7)?, num(8..10)?)
    } else if sep(2) && sep(5) {
        (num(6..10)?, num(3..5)?, num(0..2)?)
    } else {
        return None;
    };
    Some(
        NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(|| Some("deze dag bestaat niet".into())),
    )
}

/// Parses a date as Dutch registers write it: dd-mm-jjjj, d-m-jjjj or jjjj-mm-dd (also with
/// `/` or `.`, and with a time after it). Strict calendar: 31-02-2024 is an error. On failure
/// returns a hint where one helps.
pub fn parse_date(raw: &str) -> Result<NaiveDate, Option<String>> {
    let raw = raw.trim();
    // A time part ("2024-03-01 00:00:00", "2024-03-01T09:30") is ignored.
    let date = raw.split([' ', 'T']).next().unwrap_or(raw);
    match parse_date_fast(date.as_bytes()) {
        Some(parsed) => parsed,
        None => parse_date_general(date),
    }
}

/// The date part of a cell in any shape `parse_date` accepts, with the hints it gives.
fn parse_date_general(date: &str) -> Result<NaiveDate, Option<String>> {
    if !date.is_empty() && date.chars().all(|c| c.is_ascii_digit()) {
        return Err(excel_serial_hint(date));
    }
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(None);
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = if parts[0].len() == 4 {
        (num(parts[0]), num(parts[1]), num(parts[2]))
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (num(parts[2]), num(parts[1]), num(parts[0]))
    } else if parts[2].len() == 2 {
        return Err(Some("gebruik een jaartal van vier cijfers".into()));
    } else {
        return Err(None);
    };
    match (y, m, d) {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y as i32, m, d)
            .ok_or_else(|| Some("deze dag bestaat niet".into())),
        _ => Err(None),
    }
}

/// A bare number in a date column is often an Excel serial date that lost its format.
fn excel_serial_hint(digits: &str) -> Option<String> {
    let n: i64 = digits.parse().ok()?;
    if !(1..=100_000).contains(&n) {
        return None;
    }
    let date = excel_serial_to_date(n as f64)?;
    Some(format!(
        "dit lijkt een Excel-datumgetal; dat staat voor {}. Geef de kolom in Excel de opmaak Datum en exporteer opnieuw",
        date.format("%d-%m-%Y")
    ))
}

/// Converts an Excel serial date of the 1900 date system to a date: for the hint on a bare
/// number in a CSV date column (Excel on Windows writes 1900 serials; the 1904 system of XLSX
/// files is read by calamine from the workbook's own setting).
pub fn excel_serial_to_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || serial < 0.0 {
        return None;
    }
    let days = serial.floor() as i64;
    let base = if days < 60 {
        // Serial 1 is 1-1-1900.
        NaiveDate::from_ymd_opt(1899, 12, 31)?
    } else if days == 60 {
        // Excel's 29-02-1900 does not exist.
        return None;
    } else {
        // From 1-3-1900 on, Excel's count is one ahead of the calendar.
        NaiveDate::from_ymd_opt(1899, 12, 30)?
    };
    base.checked_add_signed(chrono::Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_date_shapes_read_as_the_general_path_does() {
        let seps = ['-', '/', '.'];
        for (y, m, d) in [
            (2024, 2, 29),
            (2023, 2, 29),
            (2024, 13, 1),
            (2024, 0, 10),
            (2024, 12, 31),
            (1999, 1, 1),
            (2024, 4, 31),
        ] {
            for s1 in seps {
                for s2 in seps {
                    for text in [
                        format!("{y:04}{s1}{m:02}{s2}{d:02}"),
                        format!("{d:02}{s1}{m:02}{s2}{y:04}"),
                    ] {
                        let fast = parse_date_fast(text.as_bytes()).expect("a fast shape");
                        assert_eq!(fast, parse_date_general(&text), "{text}");
                        assert_eq!(parse_date(&text), fast, "{text}");
                    }
                }
            }
        }
        // Other shapes are left to the general path.
        for text in [
            "2024-3-01",
            "1-3-2024",
            "20240301",
            "2024-03-01x",
            "24-03-2024-",
        ] {
            assert!(parse_date_fast(text.as_bytes()).is_none(), "{text}");
        }
        assert!(parse_date_fast(b"2024-0a-01").is_none());
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dutch_and_iso_dates() {
        assert_eq!(parse_date("01-02-2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("1-2-2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("2024-02-01"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("01/02/2024"), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("2024-02-01 00:00:00"), Ok(d(2024, 2, 1)));
    }

    #[test]
    fn impossible_dates_are_errors_not_rolled_over() {
        assert_eq!(
            parse_date("31-02-2024"),
            Err(Some("deze dag bestaat niet".into()))
        );
        assert_eq!(
            parse_date("29-02-2023"),
            Err(Some("deze dag bestaat niet".into()))
        );
        assert_eq!(parse_date("29-02-2024"), Ok(d(2024, 2, 29)));
        assert!(parse_date("morgen").is_err());
        assert!(
            parse_date("1-2-24")
                .unwrap_err()
                .unwrap()
                .contains("vier cijfers")
        );
    }

    #[test]
    fn excel_serial_in_csv_gets_a_hint() {
        let hint = parse_date("45352").unwrap_err().unwrap();
        assert!(hint.contains("01-03-2024"), "{hint}");
    }

    #[test]
    fn excel_serials_both_systems() {
        assert_eq!(excel_serial_to_date(45352.0), Some(d(2024, 3, 1)));
        assert_eq!(excel_serial_to_date(1.0), Some(d(1900, 1, 1)));
        assert_eq!(
            excel_serial_to_date(60.0),
            None,
            "Excel's 29-02-1900 does not exist"
        );
        assert_eq!(excel_serial_to_date(61.0), Some(d(1900, 3, 1)));
    }

    /// The per-file memo must not change what a row gets: a repeated cell gives the same
    /// labels and its warnings again, at its own rij.
    #[test]
    fn a_repeated_cell_gets_the_same_labels_and_its_own_warnings() {
        let csv = "klachtnummer,datum_ontvangst,cluster,categorie,klager\n\
                   K1,01-02-2024,Team 0612345678,bejegening; Bejegening|Zorg,Cliënt\n\
                   K2,02-02-2024,Team 0612345678,bejegening; Bejegening|Zorg,client\n\
                   K3,03-02-2024,Noord,Bejegening,CLIËNT\n";
        let settings = ReadOptions::default();
        let mut loader = super::super::Loader::new(&settings);
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
}
