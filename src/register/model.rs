//! The checked register: complaints ([`Klacht`]), where each stands in the input, the rows
//! left out, and how a complaint entered ([`Instroom`]).

use std::path::PathBuf;

use chrono::NaiveDate;

use super::{
    Afhandeling, Kanaal, Klager, Kolom, Label, LabelList, Oordeel, Regeling, Soort, Tevredenheid,
    Zorgrelatie,
};

/// One complaint (klacht): one klager's complaint, one row of the register.
#[derive(Debug, Clone, PartialEq)]
pub struct Klacht {
    /// Where the row stands (file index into [`Register::files`], rij).
    pub bron: Bron,
    /// Date received: decides the year and the quarter.
    pub datum_ontvangst: NaiveDate,
    /// Date closed; `None` = still open (lopend).
    pub datum_afgehandeld: Option<NaiveDate>,
    /// First contact with the klager.
    pub datum_eerste_contact: Option<NaiveDate>,
    /// Care provider (for batch runs per provider); `None` = unknown.
    pub zorgaanbieder: Option<Label>,
    /// Organisational unit; `None` = unknown.
    pub cluster: Option<Label>,
    /// Kind of care; `None` = unknown.
    pub soort_zorg: Option<Label>,
    /// The deelklachten: distinct categories, in register order. Empty = none given. Shared
    /// by every complaint whose category cell reads the same (a million complaints, a few
    /// dozen lists).
    pub categorieen: LabelList,
    /// Who complained.
    pub klager: Option<Klager>,
    /// Channel.
    pub kanaal: Option<Kanaal>,
    /// Formal or informal.
    pub soort: Option<Soort>,
    /// Legal regime.
    pub regeling: Option<Regeling>,
    /// How it ended.
    pub afhandeling: Option<Afhandeling>,
    /// Care relation.
    pub zorgrelatie: Option<Zorgrelatie>,
    /// Mediation meeting held.
    pub bemiddelingsgesprek: Option<bool>,
    /// Term extended.
    pub verlengd: Option<bool>,
    /// Taken to the geschilleninstantie.
    pub geschil: Option<bool>,
    /// An improvement measure was recorded.
    pub verbetermaatregel: bool,
    /// Whether it was resolved to the klager's satisfaction.
    pub tevredenheid: Option<Tevredenheid>,
    /// The verdict on the complaint. In a register with one row per deelklacht the verdict
    /// is per deelklacht ([`Register::deelklachten`]) and this is `None`.
    pub oordeel: Option<Oordeel>,
}

/// Where a complaint stands in the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Bron {
    /// Index into [`Register::files`]; a u32 keeps a `Klacht` small ([`Bron::file_index`]
    /// gives it as an index).
    pub file: u32,
    /// Rij as the user sees it.
    pub row: u32,
}

impl Bron {
    /// The index into [`Register::files`].
    pub fn file_index(&self) -> usize {
        self.file as usize
    }
}

/// A row left out of the figures because of an error, with the reason. The JSON and the
/// report keep the contract's Dutch field names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Excluded {
    /// File name (no directories: the output may be published).
    #[serde(rename = "bestand")]
    pub file: String,
    /// Sheet, for XLSX.
    #[serde(rename = "blad", skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// Rij as the user sees it in Excel or as the CSV line.
    #[serde(rename = "rij")]
    pub row: u32,
    /// Dutch reason(s).
    #[serde(rename = "reden")]
    pub reason: String,
}

/// The checked register: every readable complaint of every file.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// The complaints, in file and row order.
    pub klachten: Vec<Klacht>,
    /// Contract columns present in every file read (a table needs its columns).
    pub columns: Vec<Kolom>,
    /// The files read, in `--register` order.
    pub files: Vec<PathBuf>,
    /// The sheet read from each file (XLSX), so the user can see which one was used.
    pub sheets: Vec<Option<String>>,
    /// SHA-256 (hex) of each file as read: the colofon and manifest name exactly which data
    /// the figures come from.
    pub sha256: Vec<String>,
    /// Rows left out because of errors.
    pub excluded: Vec<Excluded>,
    /// Rows read per file (data rows, after the header).
    pub rows_read: Vec<usize>,
    /// Open-list labels written in more than one way and counted as one.
    pub samengevoegd: Vec<Samenvoeging>,
    /// Each file's header of a column as written, by (file index, column): messages about
    /// values found after reading name the column the way the user sees it.
    pub koppen: std::collections::HashMap<(usize, Kolom), String>,
    /// Each file's header row as written (non-empty headers, in file order), by file index:
    /// the page offers them when a column has to be mapped by hand.
    pub kopregels: std::collections::BTreeMap<usize, Vec<String>>,
    /// What one row of the register is: a complaint (the contract), or one deelklacht of a
    /// complaint whose rows share its klachtnummer (`[register] rij = "deelklacht"`).
    pub rij_per: RijPer,
    /// With one row per deelklacht: every complaint's deelklachten, in register order, by the
    /// complaint's [`Bron`] (its first row). Empty with one row per complaint, whose
    /// deelklachten are its categories.
    pub deelklachten: rustc_hash::FxHashMap<Bron, Vec<Deelklacht>>,
}

/// What one row of a register stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RijPer {
    /// One row per complaint; a repeated klachtnummer is an error (the contract).
    #[default]
    Klacht,
    /// One row per deelklacht, as registers kept by a klachtencommissie: rows sharing a
    /// klachtnummer form one complaint, their complaint-level columns must agree, and a
    /// category may come back within one complaint (each time one deelklacht).
    Deelklacht,
}

impl RijPer {
    /// The contract's shape, one row per complaint.
    pub fn is_klacht(&self) -> bool {
        *self == RijPer::Klacht
    }
}

/// One deelklacht of a complaint in a register with one row per deelklacht: its category
/// (`None`: none given, counted as Onbekend) and its verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deelklacht {
    /// The category.
    pub categorie: Option<Label>,
    /// The verdict on this deelklacht.
    pub oordeel: Option<Oordeel>,
}

/// Spellings of an open-list label that were counted as one (see [`normalize::label_key`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Samenvoeging {
    /// Contract name of the column.
    pub kolom: &'static str,
    /// The label the report uses.
    pub label: String,
    /// Every spelling with its rows, most rows first.
    pub spellingen: Vec<(String, u64)>,
}

impl Register {
    /// Whether the register has a column.
    pub fn has(&self, k: Kolom) -> bool {
        self.columns.contains(&k)
    }

    /// The header of column `k` as file `file` wrote it (the contract name if it has none).
    pub fn kop(&self, file: usize, k: Kolom) -> String {
        self.koppen
            .get(&(file, k))
            .cloned()
            .unwrap_or_else(|| k.name().to_string())
    }

    /// A complaint's deelklachten as (category, verdict): with one row per deelklacht as
    /// registered; with one row per complaint, its categories (one without category when it
    /// has none), each with the complaint's verdict.
    pub fn deelklachten_van<'a>(
        &'a self,
        k: &'a Klacht,
    ) -> impl Iterator<Item = (Option<&'a str>, Option<Oordeel>)> + 'a {
        let eigen = match self.rij_per {
            RijPer::Deelklacht => self.deelklachten.get(&k.bron),
            RijPer::Klacht => None,
        };
        let (eigen, per_klacht) = match eigen {
            Some(d) => (
                Some(d.iter().map(|d| (d.categorie.as_deref(), d.oordeel))),
                None,
            ),
            None => {
                let geen = k.categorieen.is_empty().then_some((None, k.oordeel));
                let cats = k.categorieen.iter().map(|c| (Some(&**c), k.oordeel));
                (None, Some(geen.into_iter().chain(cats)))
            }
        };
        eigen
            .into_iter()
            .flatten()
            .chain(per_klacht.into_iter().flatten())
    }

    /// How many deelklachten a complaint has (at least one: a complaint without category is
    /// one deelklacht, Onbekend).
    pub fn aantal_deelklachten(&self, k: &Klacht) -> usize {
        match self.rij_per {
            RijPer::Deelklacht => self.deelklachten.get(&k.bron).map_or(0, Vec::len).max(1),
            RijPer::Klacht => k.categorieen.len().max(1),
        }
    }

    /// Complaints received per year (every intake kind), oldest year first.
    pub fn per_jaar(&self) -> std::collections::BTreeMap<i32, usize> {
        use chrono::Datelike;
        let mut years = std::collections::BTreeMap::new();
        for k in &self.klachten {
            *years.entry(k.datum_ontvangst.year()).or_insert(0) += 1;
        }
        years
    }
}

/// How a complaint entered: the contract's `instroom` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Instroom {
    /// Taken into procedure: every afhandeling but Melding and Niet ontvankelijk.
    InBehandeling,
    /// Not admissible.
    NietOntvankelijk,
    /// A report (melding), not a complaint.
    Melding,
}

impl Instroom {
    /// All, in the contract's row order.
    pub const ALL: [Instroom; 3] = [
        Instroom::InBehandeling,
        Instroom::NietOntvankelijk,
        Instroom::Melding,
    ];

    /// Dutch row label.
    pub fn label(self) -> &'static str {
        match self {
            Instroom::InBehandeling => "In behandeling",
            Instroom::NietOntvankelijk => "Niet ontvankelijk",
            Instroom::Melding => "Melding",
        }
    }

    /// The contract: "complaints taken into procedure: rows whose afhandeling is not
    /// `Melding` or `Niet ontvankelijk`". An empty afhandeling counts as in procedure.
    pub fn van(afhandeling: Option<Afhandeling>) -> Instroom {
        match afhandeling {
            Some(Afhandeling::Melding) => Instroom::Melding,
            Some(Afhandeling::NietOntvankelijk) => Instroom::NietOntvankelijk,
            _ => Instroom::InBehandeling,
        }
    }
}

impl Klacht {
    /// How the complaint entered ([`Instroom::van`] its afhandeling).
    pub fn instroom(&self) -> Instroom {
        Instroom::van(self.afhandeling)
    }

    /// Whether the complaint counts in every breakdown but `instroom`.
    pub fn in_procedure(&self) -> bool {
        self.instroom() == Instroom::InBehandeling
    }

    /// Quarter (1–4) of the receipt date.
    pub fn kwartaal(&self) -> u32 {
        use chrono::Datelike;
        self.datum_ontvangst.month0() / 3 + 1
    }
}

#[cfg(test)]
mod size {
    /// A register holds a million of these: the size is part of the memory budget (docs/prestaties.md). A field that makes it grow should be a decision, not an accident.
    #[test]
    fn a_klacht_stays_small() {
        assert!(
            std::mem::size_of::<super::Klacht>() <= 64,
            "{}",
            std::mem::size_of::<super::Klacht>()
        );
        assert_eq!(std::mem::size_of::<Option<super::Label>>(), 8);
    }
}
