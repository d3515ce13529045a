//! Register -> polars DataFrames: the only place that knows the frames' column names.
//!
//! Frames for the report year: `klachten` (one row per complaint received in the year, every
//! intake kind), `in_procedure` (those taken into procedure) and `deelklachten` (one row per
//! category of a complaint in procedure; a complaint without category gives one row with a
//! null category, "Onbekend"). For the multi-year tables, `meerjarig` holds the deelklachten
//! and `meerjarig_klachten` the complaints in procedure of the comparison years.

use chrono::Datelike;
use polars::prelude::*;

use super::Periode;
use crate::register::{Closed, Klacht, Register};

const ID: &str = "id";
const IN_PROCEDURE: &str = "in_procedure";
/// Doorlooptijd in calendar days (null when still open).
const DOORLOOPTIJD: &str = "doorlooptijd_dagen";

/// A text column that can be counted by (null = unknown).
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

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Kwartaal => "kwartaal",
            Key::Jaar => "jaar",
            Key::Instroom => "instroom",
            Key::Cluster => "cluster",
            Key::Klager => "klager",
            Key::Categorie => "categorie",
            Key::Afhandeling => "afhandeling",
            Key::Regeling => "regeling",
            Key::Zorgrelatie => "zorgrelatie",
            Key::SoortZorg => "soort_zorg",
            Key::Kanaal => "kanaal",
            Key::Doorlooptijd => "doorlooptijd",
        }
    }
}

/// The doorlooptijd buckets, in table order.
pub const DOORLOOPTIJD_KLASSEN: [&str; 6] = ["0-2", "2-4", "4-6", "6-10", ">10", "Lopend"];

/// The contract: "`0-2` d ≤ 14, `2-4` 15–28, `4-6` 29–42, `6-10` 43–70, `>10` d > 70,
/// `Lopend` no datum_afgehandeld" (weeks; d in calendar days).
pub fn doorlooptijd_klasse(dagen: Option<i64>) -> &'static str {
    match dagen {
        None => "Lopend",
        Some(d) if d <= 14 => "0-2",
        Some(d) if d <= 28 => "2-4",
        Some(d) if d <= 42 => "4-6",
        Some(d) if d <= 70 => "6-10",
        Some(_) => ">10",
    }
}

/// Calendar days from receipt to closing (contract: datum_afgehandeld − datum_ontvangst).
pub fn doorlooptijd(k: &Klacht) -> Option<i64> {
    k.datum_afgehandeld
        .map(|a| (a - k.datum_ontvangst).num_days())
}

/// The frames of one report.
pub struct Frames {
    /// Every complaint received in the year.
    pub klachten: DataFrame,
    /// The complaints in procedure.
    pub in_procedure: DataFrame,
    /// Deelklachten of the complaints in procedure.
    pub deelklachten: DataFrame,
    /// Deelklachten of the complaints in procedure of all comparison years (the same quarter of
    /// each year in a quarterly report).
    pub meerjarig: DataFrame,
    /// Complaints in procedure of all comparison years (year and cluster).
    pub meerjarig_klachten: DataFrame,
}

fn labels<T: Closed>(
    rows: &[&Klacht],
    f: impl Fn(&Klacht) -> Option<T>,
) -> Vec<Option<&'static str>> {
    rows.iter().map(|k| f(k).map(Closed::label)).collect()
}

fn text(name: Key, values: Vec<Option<&str>>) -> Column {
    Column::new(name.name().into(), values)
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

/// Builds the frames for the complaints received in `periode`; `jaren` are the comparison
/// years (the report year included), over the same part of each year.
pub fn build(register: &Register, periode: Periode, jaren: &[i32]) -> PolarsResult<Frames> {
    let rows: Vec<&Klacht> = periode.klachten(register).collect();
    let dagen: Vec<Option<i64>> = rows.iter().map(|k| doorlooptijd(k)).collect();
    let klachten = DataFrame::new_infer_height(vec![
        Column::new(ID.into(), (0..rows.len() as u32).collect::<Vec<u32>>()),
        text(
            Key::Kwartaal,
            rows.iter().map(|k| Some(kwartaal_label(k))).collect(),
        ),
        Column::new(
            IN_PROCEDURE.into(),
            rows.iter().map(|k| k.in_procedure()).collect::<Vec<bool>>(),
        ),
        text(
            Key::Instroom,
            rows.iter().map(|k| Some(k.instroom().label())).collect(),
        ),
        text(
            Key::Cluster,
            rows.iter().map(|k| k.cluster.as_deref()).collect(),
        ),
        text(
            Key::SoortZorg,
            rows.iter().map(|k| k.soort_zorg.as_deref()).collect(),
        ),
        text(Key::Klager, labels(&rows, |k| k.klager)),
        text(
            Key::Afhandeling,
            rows.iter().map(|k| afhandeling_label(k)).collect(),
        ),
        text(Key::Regeling, labels(&rows, |k| k.regeling)),
        text(Key::Zorgrelatie, labels(&rows, |k| k.zorgrelatie)),
        text(Key::Kanaal, labels(&rows, |k| k.kanaal)),
        Column::new(DOORLOOPTIJD.into(), dagen.clone()),
        text(
            Key::Doorlooptijd,
            dagen
                .iter()
                .map(|d| Some(doorlooptijd_klasse(*d)))
                .collect(),
        ),
    ])?;
    let mask = klachten.column(IN_PROCEDURE)?.bool()?.clone();
    let in_procedure = klachten.filter(&mask)?;
    let deelklachten = deelklachten_frame(rows.iter().copied().filter(|k| k.in_procedure()))?;

    let multi: Vec<&Klacht> = register
        .klachten
        .iter()
        .filter(|k| {
            k.in_procedure()
                && jaren.contains(&k.datum_ontvangst.year())
                && periode.zelfde_deel(k.datum_ontvangst)
        })
        .collect();
    let meerjarig = deelklachten_frame(multi.iter().copied())?;
    let year_labels: Vec<&str> = multi.iter().map(|k| jaar_label(k)).collect();
    let meerjarig_klachten = DataFrame::new_infer_height(vec![
        Column::new(ID.into(), (0..multi.len() as u32).collect::<Vec<u32>>()),
        Column::new(Key::Jaar.name().into(), year_labels),
        text(
            Key::Cluster,
            multi.iter().map(|k| k.cluster.as_deref()).collect(),
        ),
    ])?;
    Ok(Frames {
        klachten,
        in_procedure,
        deelklachten,
        meerjarig,
        meerjarig_klachten,
    })
}

fn deelklachten_frame<'a>(klachten: impl Iterator<Item = &'a Klacht>) -> PolarsResult<DataFrame> {
    let mut ids = Vec::new();
    let mut kwartalen = Vec::new();
    let mut jaren: Vec<&str> = Vec::new();
    let mut categorieen: Vec<Option<&str>> = Vec::new();
    for (i, k) in klachten.enumerate() {
        let mut push = |c: Option<&'a str>| {
            ids.push(i as u32);
            kwartalen.push(kwartaal_label(k));
            jaren.push(jaar_label(k));
            categorieen.push(c);
        };
        if k.categorieen.is_empty() {
            push(None);
        }
        for c in &k.categorieen {
            push(Some(&**c));
        }
    }
    DataFrame::new_infer_height(vec![
        Column::new(ID.into(), ids),
        Column::new(Key::Kwartaal.name().into(), kwartalen),
        Column::new(Key::Jaar.name().into(), jaren),
        Column::new(Key::Categorie.name().into(), categorieen),
    ])
}

fn group_counts(df: &DataFrame, keys: &[&str]) -> PolarsResult<DataFrame> {
    let mut cols: Vec<&str> = keys.to_vec();
    cols.push(ID);
    df.select(cols)?.group_by(keys)?.select([ID]).count()
}

fn count_column(df: &DataFrame) -> PolarsResult<Vec<u64>> {
    let last = df
        .columns()
        .last()
        .ok_or_else(|| polars_err!(NoData: "lege groepering"))?;
    let c = last.cast(&DataType::UInt64)?;
    Ok(c.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn strings(df: &DataFrame, key: Key) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(key.name())?
        .str()?
        .iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

/// Rows per value of `key` (null = unknown).
pub fn count_by(df: &DataFrame, key: Key) -> PolarsResult<Vec<(Option<String>, u64)>> {
    let out = group_counts(df, &[key.name()])?;
    Ok(strings(&out, key)?
        .into_iter()
        .zip(count_column(&out)?)
        .collect())
}

/// Rows per value of `key` and of `by` (e.g. quarter or year).
pub fn count_by_pair(
    df: &DataFrame,
    key: Key,
    by: Key,
) -> PolarsResult<Vec<(Option<String>, String, u64)>> {
    let out = group_counts(df, &[key.name(), by.name()])?;
    let second = strings(&out, by)?;
    Ok(strings(&out, key)?
        .into_iter()
        .zip(second)
        .zip(count_column(&out)?)
        .map(|((k, b), n)| (k, b.unwrap_or_default(), n))
        .collect())
}

/// Rows per value of `key` and quarter.
pub fn count_by_quarter(df: &DataFrame, key: Key) -> PolarsResult<Vec<(Option<String>, [u64; 4])>> {
    let mut result: Vec<(Option<String>, [u64; 4])> = Vec::new();
    for (label, q, n) in count_by_pair(df, key, Key::Kwartaal)? {
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
    Ok(result)
}
