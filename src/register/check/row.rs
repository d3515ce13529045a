//! One row interpreted: every cell of the row read into a [`Klacht`], every problem an
//! [`Issue`].

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashMap;

use super::state::{FileState, Labels, Memo, NO_VOCABULARY, Spellings};
use crate::register::closed::{Closed, Lookup, NotInList, parse_ja_nee};
use crate::register::dates::parse_date;
use crate::register::headers::Kolom;
use crate::register::issue::{Issue, IssueKind, Severity};
use crate::register::normalize::{clean, label_key};
use crate::register::{Bron, Klacht, Label, ReadOptions, RowView};

pub(super) struct RowCheck<'a> {
    pub(super) row: &'a RowView<'a>,
    pub(super) options: &'a ReadOptions,
    pub(super) state: &'a FileState,
    pub(super) issues: Vec<Issue>,
    /// (label, spelling) of the open-list values met while computing a cell (for its memo).
    pub(super) spelled: Vec<(Label, String)>,
}

impl<'a> RowCheck<'a> {
    pub(super) fn header(&self, k: Kolom) -> String {
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
    pub(super) fn klacht(
        &mut self,
        file: usize,
        spellings: &mut Spellings,
        labels: &mut Labels,
    ) -> Option<(Klacht, std::borrow::Cow<'a, str>)> {
        // Copies of the shared references, so lookups need no clone while `self` is borrowed
        // mutably for the issues.
        let options = self.options;
        let row = self.row;
        let klachtnummer = crate::register::normalize::clean_cow(row.get(Kolom::Klachtnummer));
        if klachtnummer.is_empty() {
            self.push(
                Kolom::Klachtnummer,
                IssueKind::EmptyRequired,
                Severity::Fout,
            );
        }
        let ontvangst = match self.date(Kolom::DatumOntvangst) {
            DateCell::Date(d) => Some(d),
            DateCell::Empty => {
                self.push(
                    Kolom::DatumOntvangst,
                    IssueKind::EmptyRequired,
                    Severity::Fout,
                );
                None
            }
            DateCell::Unreadable => None,
        };
        let afgehandeld = self.date(Kolom::DatumAfgehandeld).date();
        let eerste_contact = self.date(Kolom::DatumEersteContact).date();
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
        let afhandeling = self.closed(&options.afhandeling);
        let cluster = self.open(Kolom::Cluster, &options.clusters, spellings, labels);
        let zorgaanbieder = self.open(Kolom::Zorgaanbieder, &NO_VOCABULARY, spellings, labels);
        let soort_zorg = self.open(Kolom::SoortZorg, &NO_VOCABULARY, spellings, labels);
        let categorieen = self.categories(spellings, labels);
        let in_procedure =
            crate::register::Instroom::van(afhandeling) == crate::register::Instroom::InBehandeling;
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
            klager: self.closed(&options.klager),
            kanaal: self.closed(&options.kanaal),
            soort: self.closed(&options.soort),
            regeling: self.closed(&options.regeling),
            afhandeling,
            zorgrelatie: self.closed(&options.zorgrelatie),
            bemiddelingsgesprek: self.ja_nee(Kolom::Bemiddelingsgesprek),
            verlengd: self.ja_nee(Kolom::Verlengd),
            geschil: self.ja_nee(Kolom::Geschil),
            verbetermaatregel: !crate::register::normalize::is_blank(
                self.row.get(Kolom::Verbetermaatregel),
            ),
            tevredenheid: self.closed(&options.tevredenheid),
            oordeel: self.closed(&options.oordeel),
        };
        (!klachtnummer.is_empty()).then_some((klacht, klachtnummer))
    }

    /// The date in column `k`; an unreadable one has its issue pushed.
    fn date(&mut self, k: Kolom) -> DateCell {
        let row = self.row;
        let raw = row.get(k).trim();
        if raw.is_empty() {
            return DateCell::Empty;
        }
        match parse_date(raw) {
            Ok(d) => {
                if self.options.vandaag.is_some_and(|today| d > today) {
                    let raw = raw.to_string();
                    self.push(k, IssueKind::FutureDate { raw }, Severity::Waarschuwing);
                } else if d.year() < 2000 {
                    let raw = raw.to_string();
                    self.push(k, IssueKind::EarlyDate { raw }, Severity::Waarschuwing);
                }
                DateCell::Date(d)
            }
            Err(hint) => {
                let raw = raw.to_string();
                self.push(k, IssueKind::BadDate { raw, hint }, Severity::Fout);
                DateCell::Unreadable
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
                    kolom: k,
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
        let (masked, found) = crate::register::privacy::mask(&value);
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
    ) -> crate::register::LabelList {
        if let Some(m) = spellings.memo[k as usize].get_mut(raw) {
            m.rows += 1;
            for w in &m.warnings {
                self.push(k, w.clone(), Severity::Waarschuwing);
            }
            return m.labels.clone();
        }
        let before = self.issues.len();
        let spelled_before = self.spelled.len();
        let labels: crate::register::LabelList = std::sync::Arc::new(first(self, raw));
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
        let length = value.chars().count();
        if length > crate::register::issue::MAX_LABEL_CHARS {
            self.push(
                k,
                IssueKind::LongLabel {
                    raw: value.clone(),
                    length,
                },
                Severity::Waarschuwing,
            );
        }
        if self
            .options
            .apart
            .iter()
            .any(|(kolom, spelling)| *kolom == k && *spelling == value)
        {
            // Kept apart by the config: its own label, never merged (a key no folded spelling
            // has).
            return spellings
                .entry(format!("\u{0}{value}"))
                .or_insert_with(|| value.as_str().into())
                .clone();
        }
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
                IssueKind::NotInVocabulary {
                    kolom: k,
                    raw: value.clone(),
                },
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

    fn categories(
        &mut self,
        spellings: &mut Spellings,
        labels: &mut Labels,
    ) -> crate::register::LabelList {
        let row = self.row;
        let vocabulary = &self.options.categorieen;
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

/// A date cell as read.
enum DateCell {
    Empty,
    Date(NaiveDate),
    /// Not a date; its issue is pushed.
    Unreadable,
}

impl DateCell {
    /// The date, when there is one.
    fn date(self) -> Option<NaiveDate> {
        match self {
            DateCell::Date(d) => Some(d),
            DateCell::Empty | DateCell::Unreadable => None,
        }
    }
}
