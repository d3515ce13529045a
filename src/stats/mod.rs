//! Stage 2, numbers: [`Register`] -> [`Figures`], aggregated with polars.
//!
//! Populations (contract): `instroom` counts every row received in the year; every other
//! breakdown counts the complaints taken into procedure (afhandeling not Melding or Niet
//! ontvankelijk). Deelklachten are the category mentions of those complaints.
//!
//! `Figures` is the one source of every number: the PDF, the JSON and the XLSX all render it.

pub mod frame;
pub mod order;
pub mod table;
pub mod tables;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::register::{Excluded, Instroom, Kolom, Register};
use crate::settings::Settings;
use frame::Key;
pub use table::{Cell, Row, RowKind, Table, TableId};

/// The key figures of the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kerngetallen {
    /// Rows received in the year, every intake kind.
    pub ontvangen: u64,
    /// Complaints taken into procedure.
    pub in_behandeling: u64,
    /// Category mentions of the complaints in procedure.
    pub deelklachten: u64,
}

/// Every number of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Organisation.
    pub organisatie: String,
    /// Report year.
    pub jaar: i32,
    /// Complaints received in the year (rows), all intake kinds.
    pub aantal_klachten: u64,
    /// Deelklachten of the complaints in procedure.
    pub aantal_deelklachten: u64,
    /// Key figures.
    pub kerngetallen: Kerngetallen,
    /// The tables, in report order; a table is absent when its column is.
    pub tabellen: Vec<Table>,
    /// Rows left out because of errors.
    pub uitgesloten_rijen: Vec<Excluded>,
}

impl Figures {
    /// The table with an id, if present.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tabellen.iter().find(|t| t.id == id)
    }
}

/// Computes the figures of `jaar`.
pub fn compute(register: &Register, jaar: i32, settings: &Settings) -> Result<Figures> {
    let stats_err = |table: &'static str| move |source| Error::Stats { table, source };
    let frames = frame::build(register, jaar).map_err(stats_err("frame"))?;
    let mut tabellen = Vec::new();

    if register.has(Kolom::Cluster) {
        let id = TableId::KlagersPerClusterKwartaal;
        let counts = frame::count_by_quarter(&frames.in_procedure, Key::Cluster)
            .map_err(stats_err(id.as_str()))?;
        tabellen.push(tables::by_quarter(
            id,
            &counts,
            &settings.read.clusters.names(),
        ));
    }
    let id = TableId::CategorieenPerKwartaal;
    let counts = frame::count_by_quarter(&frames.deelklachten, Key::Categorie)
        .map_err(stats_err(id.as_str()))?;
    tabellen.push(tables::by_quarter(
        id,
        &counts,
        &settings.read.categorieen.names(),
    ));

    if register.has(Kolom::Klager) {
        let id = TableId::KlagersPerType;
        let counts =
            frame::count_by(&frames.in_procedure, Key::Klager).map_err(stats_err(id.as_str()))?;
        tabellen.push(tables::distribution(id, &counts, &[], true));
    }
    if register.has(Kolom::Afhandeling) {
        let id = TableId::Instroom;
        let counts =
            frame::count_by(&frames.klachten, Key::Instroom).map_err(stats_err(id.as_str()))?;
        let fixed: Vec<String> = Instroom::ALL
            .iter()
            .map(|i| i.label().to_string())
            .collect();
        tabellen.push(tables::distribution(id, &counts, &fixed, false));
    }

    let ontvangen = frames.klachten.height() as u64;
    let in_behandeling = frames.in_procedure.height() as u64;
    let deelklachten = frames.deelklachten.height() as u64;
    Ok(Figures {
        organisatie: settings.report.organisatie.clone(),
        jaar,
        aantal_klachten: ontvangen,
        aantal_deelklachten: deelklachten,
        kerngetallen: Kerngetallen {
            ontvangen,
            in_behandeling,
            deelklachten,
        },
        tabellen,
        uitgesloten_rijen: register.excluded.clone(),
    })
}

#[cfg(test)]
mod tests;
