//! The populations of one report as frames (lists of rows borrowed from the register) and
//! the counts by key that the tables are made of.
//!
//! Frames for the report year: `klachten` (one row per complaint received in the year, every
//! intake kind), `in_procedure` (those taken into procedure) and `deelklachten` (one row per
//! category of a complaint in procedure; a complaint without category gives one row with a
//! null category, "Onbekend"). The multi-year tables count [`Meerjarig`]: the complaints in
//! procedure of all comparison years, and their deelklachten, read from the register as each
//! table counts them (in parallel), not copied into frames first (at 1M rows those frames were
//! two million rows built on one core before any table could start).

use chrono::Datelike;
use rustc_hash::FxHashMap;

use super::Periode;
use crate::register::{Closed, Klacht, Register};

/// What a frame can be counted by (a row without a value counts as unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// "Q1".."Q4" of datum_ontvangst.
    Kwartaal,
    /// Year of datum_ontvangst, as text.
    Jaar,
    /// Instroom label.
    Instroom,
    /// Cluster.
    Cluster,
    /// Klager label.
    Klager,
    /// Category of a deelklacht.
    Categorie,
    /// Afhandeling label.
    Afhandeling,
    /// Tevredenheid label.
    Tevredenheid,
    /// Regeling label.
    Regeling,
    /// Zorgrelatie label.
    Zorgrelatie,
    /// Soort zorg.
    SoortZorg,
    /// Kanaal label.
    Kanaal,
    /// Doorlooptijd bucket ("0-2" … ">10", "Lopend").
    Doorlooptijd,
}

/// A doorlooptijd bucket: the contract's rows of the doorlooptijd table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Klasse {
    /// Up to 2 weeks.
    TotTwee,
    /// 2 to 4 weeks.
    TotVier,
    /// 4 to 6 weeks.
    TotZes,
    /// 6 to 10 weeks.
    TotTien,
    /// More than 10 weeks.
    BovenTien,
    /// Not closed.
    Lopend,
}

impl Klasse {
    /// The buckets, in table order.
    pub const ALL: [Klasse; 6] = [
        Klasse::TotTwee,
        Klasse::TotVier,
        Klasse::TotZes,
        Klasse::TotTien,
        Klasse::BovenTien,
        Klasse::Lopend,
    ];

    /// The row label.
    pub fn label(self) -> &'static str {
        match self {
            Klasse::TotTwee => "0-2",
            Klasse::TotVier => "2-4",
            Klasse::TotZes => "4-6",
            Klasse::TotTien => "6-10",
            Klasse::BovenTien => ">10",
            Klasse::Lopend => "Lopend",
        }
    }

    /// The last day after receipt the bucket holds; `None` for the open-ended `>10` and for
    /// `Lopend`.
    pub fn tot_en_met(self) -> Option<i64> {
        match self {
            Klasse::TotTwee => Some(14),
            Klasse::TotVier => Some(28),
            Klasse::TotZes => Some(42),
            Klasse::TotTien => Some(70),
            Klasse::BovenTien | Klasse::Lopend => None,
        }
    }

    /// Whether it holds closed complaints (every bucket but `Lopend`).
    pub fn afgehandeld(self) -> bool {
        self != Klasse::Lopend
    }

    /// The contract: "`0-2` d ≤ 14, `2-4` 15–28, `4-6` 29–42, `6-10` 43–70, `>10` d > 70,
    /// `Lopend` no datum_afgehandeld" (weeks; d in calendar days).
    pub fn van(dagen: Option<i64>) -> Klasse {
        let Some(d) = dagen else {
            return Klasse::Lopend;
        };
        Klasse::ALL
            .into_iter()
            .find(|k| k.tot_en_met().is_some_and(|t| d <= t))
            .unwrap_or(Klasse::BovenTien)
    }
}

/// The bucket label of a doorlooptijd (see [`Klasse::van`]).
pub fn doorlooptijd_klasse(dagen: Option<i64>) -> &'static str {
    Klasse::van(dagen).label()
}

/// Calendar days from receipt to closing (contract: datum_afgehandeld − datum_ontvangst).
pub fn doorlooptijd(k: &Klacht) -> Option<i64> {
    k.datum_afgehandeld
        .map(|a| (a - k.datum_ontvangst).num_days())
}

/// The doorlooptijd as it stood on the peildatum: none for a complaint closed after it (see
/// [`super::termijn::afgehandeld_op`]).
pub fn doorlooptijd_op(k: &Klacht, peildatum: Option<chrono::NaiveDate>) -> Option<i64> {
    super::termijn::afgehandeld_op(k.datum_afgehandeld, peildatum)
        .map(|a| (a - k.datum_ontvangst).num_days())
}

/// The doorlooptijd table's counts (bucket label, rows) as they stood on the peildatum.
pub fn count_doorlooptijd_op(
    frame: &Frame<'_>,
    peildatum: Option<chrono::NaiveDate>,
) -> Vec<(Option<String>, u64)> {
    let mut n = [0u64; Klasse::ALL.len()];
    for r in frame {
        let klasse = Klasse::van(doorlooptijd_op(r.klacht, peildatum));
        if let Some(i) = Klasse::ALL.iter().position(|k| *k == klasse) {
            n[i] += 1;
        }
    }
    Klasse::ALL
        .iter()
        .zip(n)
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (Some(k.label().to_string()), n))
        .collect()
}

/// One row of a frame: a complaint, and for a deelklacht its category (`None`: a complaint
/// without category, counted as Onbekend).
#[derive(Debug, Clone, Copy)]
pub struct Rij<'a> {
    klacht: &'a Klacht,
    categorie: Option<&'a str>,
}

/// A population: rows borrowed from the register.
pub type Frame<'a> = Vec<Rij<'a>>;

/// The frames of one report.
pub struct Frames<'a> {
    /// Every complaint received in the period.
    pub klachten: Frame<'a>,
    /// The complaints in procedure.
    pub in_procedure: Frame<'a>,
    /// Deelklachten of the complaints in procedure.
    pub deelklachten: Frame<'a>,
    /// The complaints in procedure of all comparison years (the same quarter of each year in
    /// a quarterly report).
    pub meerjarig: Meerjarig<'a>,
}

/// The complaints in procedure of the comparison years, read from the register when counted.
pub struct Meerjarig<'a> {
    register: &'a Register,
    periode: Periode,
    jaren: Vec<i32>,
}

impl<'a> Meerjarig<'a> {
    fn selected(&self) -> impl Iterator<Item = &'a Klacht> + '_ {
        self.register.klachten.iter().filter(|k| {
            k.in_procedure()
                && self.jaren.contains(&k.datum_ontvangst.year())
                && self.periode.zelfde_deel(k.datum_ontvangst)
        })
    }

    /// One row per complaint (year and cluster).
    pub fn klachten(&self) -> impl Iterator<Item = Rij<'a>> + '_ {
        self.selected().map(|klacht| Rij {
            klacht,
            categorie: None,
        })
    }

    /// One row per deelklacht (see [`per_categorie`]).
    pub fn deelklachten(&self) -> impl Iterator<Item = Rij<'a>> + '_ {
        let register = self.register;
        self.selected()
            .flat_map(move |k| rows_per_categorie(register, k))
    }
}

/// The outcome as the afhandeling table shows it: an open complaint without an outcome is
/// "Lopend", not unknown.
fn afhandeling_label(k: &Klacht) -> Option<&'static str> {
    match (k.afhandeling, k.datum_afgehandeld) {
        (Some(a), _) => Some(a.label()),
        (None, None) => Some(crate::register::Afhandeling::Lopend.label()),
        (None, Some(_)) => None,
    }
}

/// Whether the klager was satisfied, as its table shows it: an open complaint without an
/// answer yet is "Lopend", not unknown.
fn tevredenheid_label(k: &Klacht) -> Option<&'static str> {
    match (k.tevredenheid, k.datum_afgehandeld) {
        (Some(t), _) => Some(t.label()),
        (None, None) => Some(crate::register::Afhandeling::Lopend.label()),
        (None, Some(_)) => None,
    }
}

const KWARTALEN: [&str; 4] = ["Q1", "Q2", "Q3", "Q4"];

fn kwartaal_label(k: &Klacht) -> &'static str {
    KWARTALEN[(k.kwartaal().clamp(1, 4) - 1) as usize]
}

/// The year of receipt as text, without a new string per complaint (a million of them).
/// Parsed dates have four-digit years; any other year is made once and kept.
fn jaar_label(k: &Klacht) -> &'static str {
    static LABELS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| (0..=9999).map(|y: i32| y.to_string()).collect());
    static OTHER: std::sync::Mutex<Vec<(i32, &'static str)>> = std::sync::Mutex::new(Vec::new());
    let y = k.datum_ontvangst.year();
    if let Some(s) = usize::try_from(y).ok().and_then(|i| LABELS.get(i)) {
        return s;
    }
    let mut other = OTHER.lock().unwrap_or_else(|e| e.into_inner());
    match other.iter().find(|(o, _)| *o == y) {
        Some((_, s)) => s,
        None => {
            let s: &'static str = Box::leak(y.to_string().into_boxed_str());
            other.push((y, s));
            s
        }
    }
}

impl<'a> Rij<'a> {
    /// The complaint of the row.
    pub fn klacht(&self) -> &'a Klacht {
        self.klacht
    }

    /// The row's value of `key`; `None` = unknown.
    fn value(&self, key: Key) -> Option<&'a str> {
        let k = self.klacht;
        match key {
            Key::Kwartaal => Some(kwartaal_label(k)),
            Key::Jaar => Some(jaar_label(k)),
            Key::Instroom => Some(k.instroom().label()),
            Key::Cluster => k.cluster.as_deref(),
            Key::Klager => k.klager.map(Closed::label),
            Key::Categorie => self.categorie,
            Key::Afhandeling => afhandeling_label(k),
            Key::Tevredenheid => tevredenheid_label(k),
            Key::Regeling => k.regeling.map(Closed::label),
            Key::Zorgrelatie => k.zorgrelatie.map(Closed::label),
            Key::SoortZorg => k.soort_zorg.as_deref(),
            Key::Kanaal => k.kanaal.map(Closed::label),
            Key::Doorlooptijd => Some(doorlooptijd_klasse(doorlooptijd(k))),
        }
    }
}

fn whole<'a>(klachten: impl Iterator<Item = &'a Klacht>) -> Frame<'a> {
    klachten
        .map(|klacht| Rij {
            klacht,
            categorie: None,
        })
        .collect()
}

/// One row per category of each complaint; a complaint without category is one row without.
fn per_categorie<'a>(
    register: &'a Register,
    klachten: impl Iterator<Item = &'a Klacht>,
) -> Frame<'a> {
    klachten
        .flat_map(|k| rows_per_categorie(register, k))
        .collect()
}

/// A complaint's rows per deelklacht ([`Register::deelklachten_van`]): per category, or one
/// row without category when it has none.
fn rows_per_categorie<'a>(
    register: &'a Register,
    klacht: &'a Klacht,
) -> impl Iterator<Item = Rij<'a>> + 'a {
    register
        .deelklachten_van(klacht)
        .map(move |(categorie, _)| Rij { klacht, categorie })
}

/// Builds the frames for the complaints received in `periode`; `jaren` are the comparison
/// years (the report year included), over the same part of each year.
pub fn build<'a>(register: &'a Register, periode: Periode, jaren: &[i32]) -> Frames<'a> {
    let klachten = whole(periode.klachten(register));
    let in_procedure: Frame<'a> = klachten
        .iter()
        .copied()
        .filter(|r| r.klacht.in_procedure())
        .collect();
    let deelklachten = per_categorie(register, in_procedure.iter().map(|r| r.klacht));
    Frames {
        klachten,
        in_procedure,
        deelklachten,
        meerjarig: Meerjarig {
            register,
            periode,
            jaren: jaren.to_vec(),
        },
    }
}

/// The values are labels shared by every row that has them (interned in the register, or a
/// closed list's static text): counting by the text's address is counting by the text, with
/// one merge by content afterwards for the rare equal texts at two addresses.
fn address(v: Option<&str>) -> (usize, usize) {
    v.map_or((0, 0), |s| (s.as_ptr() as usize, s.len()))
}

/// The values of `N` keys of a row, and how many rows have them.
type Counted<'a, const N: usize> = ([Option<&'a str>; N], u64);

/// Rows per value of `keys` (by address), merged by content and sorted, so the result does
/// not depend on the order of the rows.
fn counts<'a, const N: usize>(
    rows: impl Iterator<Item = Rij<'a>>,
    keys: [Key; N],
) -> Vec<Counted<'a, N>> {
    let mut by_address: FxHashMap<[(usize, usize); N], Counted<'a, N>> = FxHashMap::default();
    for r in rows {
        let values = keys.map(|k| r.value(k));
        by_address
            .entry(values.map(address))
            .or_insert((values, 0))
            .1 += 1;
    }
    let mut merged: Vec<Counted<'a, N>> = by_address.into_values().collect();
    merged.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    merged.dedup_by(|later, first| {
        let same = later.0 == first.0;
        if same {
            first.1 += later.1;
        }
        same
    });
    merged
}

/// Rows per value of `key` (`None` = unknown).
pub fn count_by<'a>(rows: impl Iterator<Item = Rij<'a>>, key: Key) -> Vec<(Option<String>, u64)> {
    counts(rows, [key])
        .into_iter()
        .map(|([v], n)| (v.map(str::to_string), n))
        .collect()
}

/// Rows per value of `key` and of `by` (e.g. quarter or year).
pub fn count_by_pair<'a>(
    rows: impl Iterator<Item = Rij<'a>>,
    key: Key,
    by: Key,
) -> Vec<(Option<String>, String, u64)> {
    counts(rows, [key, by])
        .into_iter()
        .map(|([k, b], n)| (k.map(str::to_string), b.unwrap_or_default().to_string(), n))
        .collect()
}

/// Rows per value of `key` and quarter.
pub fn count_by_quarter(frame: &Frame<'_>, key: Key) -> Vec<(Option<String>, [u64; 4])> {
    let mut result: Vec<(Option<String>, [u64; 4])> = Vec::new();
    for (label, q, n) in count_by_pair(frame.iter().copied(), key, Key::Kwartaal) {
        let i = KWARTALEN.iter().position(|k| *k == q).unwrap_or(0);
        match result.iter_mut().find(|(l, _)| *l == label) {
            Some(slot) => slot.1[i] += n,
            None => {
                let mut v = [0; 4];
                v[i] = n;
                result.push((label, v));
            }
        }
    }
    result
}
