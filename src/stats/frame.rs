//! Register -> polars DataFrames: the only place that knows the frame's column names.
//!
//! Two frames for the report year: `klachten` (one row per complaint received in the year,
//! every intake kind) and `deelklachten` (one row per category mention of a complaint in
//! procedure; a complaint without category gives one row with a null category, "Onbekend").

use polars::prelude::*;

use crate::register::{Klacht, Register};

const ID: &str = "id";
const KWARTAAL: &str = "kwartaal";
const IN_PROCEDURE: &str = "in_procedure";

/// A column that can be counted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// Instroom label.
    Instroom,
    /// Cluster (null = unknown).
    Cluster,
    /// Klager label (null = unknown).
    Klager,
    /// Category of a deelklacht (null = none given).
    Categorie,
}

impl Key {
    fn name(self) -> &'static str {
        match self {
            Key::Instroom => "instroom",
            Key::Cluster => "cluster",
            Key::Klager => "klager",
            Key::Categorie => "categorie",
        }
    }
}

/// The frames of one report year.
pub struct Frames {
    /// Every complaint received in the year.
    pub klachten: DataFrame,
    /// The complaints in procedure (a filtered view of `klachten`).
    pub in_procedure: DataFrame,
    /// Deelklachten of the complaints in procedure.
    pub deelklachten: DataFrame,
}

/// Builds the frames for the complaints received in `jaar`.
pub fn build(register: &Register, jaar: i32) -> PolarsResult<Frames> {
    use chrono::Datelike;
    let rows: Vec<&Klacht> = register
        .klachten
        .iter()
        .filter(|k| k.datum_ontvangst.year() == jaar)
        .collect();
    let klachten = DataFrame::new_infer_height(vec![
        Column::new(ID.into(), (0..rows.len() as u32).collect::<Vec<u32>>()),
        Column::new(
            KWARTAAL.into(),
            rows.iter().map(|k| k.kwartaal()).collect::<Vec<u32>>(),
        ),
        Column::new(
            IN_PROCEDURE.into(),
            rows.iter().map(|k| k.in_procedure()).collect::<Vec<bool>>(),
        ),
        Column::new(
            Key::Instroom.name().into(),
            rows.iter()
                .map(|k| k.instroom().label())
                .collect::<Vec<&str>>(),
        ),
        Column::new(
            Key::Cluster.name().into(),
            rows.iter()
                .map(|k| k.cluster.as_deref())
                .collect::<Vec<Option<&str>>>(),
        ),
        Column::new(
            Key::Klager.name().into(),
            rows.iter()
                .map(|k| k.klager.map(crate::register::Closed::label))
                .collect::<Vec<Option<&str>>>(),
        ),
    ])?;
    let mask = klachten.column(IN_PROCEDURE)?.bool()?.clone();
    let in_procedure = klachten.filter(&mask)?;

    let mut ids = Vec::new();
    let mut kwartalen = Vec::new();
    let mut categorieen: Vec<Option<&str>> = Vec::new();
    for (i, k) in rows.iter().enumerate().filter(|(_, k)| k.in_procedure()) {
        if k.categorieen.is_empty() {
            ids.push(i as u32);
            kwartalen.push(k.kwartaal());
            categorieen.push(None);
        }
        for c in &k.categorieen {
            ids.push(i as u32);
            kwartalen.push(k.kwartaal());
            categorieen.push(Some(c.as_str()));
        }
    }
    let deelklachten = DataFrame::new_infer_height(vec![
        Column::new(ID.into(), ids),
        Column::new(KWARTAAL.into(), kwartalen),
        Column::new(Key::Categorie.name().into(), categorieen),
    ])?;
    Ok(Frames {
        klachten,
        in_procedure,
        deelklachten,
    })
}

fn counts(df: &DataFrame, keys: &[&str]) -> PolarsResult<DataFrame> {
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

fn labels(df: &DataFrame, key: Key) -> PolarsResult<Vec<Option<String>>> {
    Ok(df
        .column(key.name())?
        .str()?
        .iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

/// Rows per value of `key` (null = unknown).
pub fn count_by(df: &DataFrame, key: Key) -> PolarsResult<Vec<(Option<String>, u64)>> {
    let out = counts(df, &[key.name()])?;
    Ok(labels(&out, key)?
        .into_iter()
        .zip(count_column(&out)?)
        .collect())
}

/// Rows per value of `key` and quarter.
pub fn count_by_quarter(df: &DataFrame, key: Key) -> PolarsResult<Vec<(Option<String>, [u64; 4])>> {
    let out = counts(df, &[key.name(), KWARTAAL])?;
    let quarters: Vec<u32> = out
        .column(KWARTAAL)?
        .u32()?
        .iter()
        .map(|q| q.unwrap_or(1))
        .collect();
    let mut result: Vec<(Option<String>, [u64; 4])> = Vec::new();
    for ((label, q), n) in labels(&out, key)?
        .into_iter()
        .zip(quarters)
        .zip(count_column(&out)?)
    {
        let slot = match result.iter_mut().find(|(l, _)| *l == label) {
            Some(s) => s,
            None => {
                result.push((label, [0; 4]));
                result.last_mut().expect("just pushed")
            }
        };
        slot.1[(q.clamp(1, 4) - 1) as usize] += n;
    }
    Ok(result)
}
