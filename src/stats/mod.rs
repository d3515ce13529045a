//! Stage 2, numbers: [`Register`] -> [`Figures`], aggregated with polars.
//!
//! Populations (contract): `instroom` counts every row received in the year; every other
//! breakdown counts the complaints taken into procedure (afhandeling not Melding or Niet
//! ontvankelijk). Deelklachten are the category mentions of those complaints. Doorlooptijd
//! and termijnen: those same complaints; open ones (no datum_afgehandeld) count as Lopend.
//!
//! `Figures` is the one source of every number: the PDF, the JSON and the XLSX all render it.

pub mod frame;
pub mod opvallend;
pub mod order;
pub mod privacy;
pub mod table;
pub mod tables;
pub mod werkdagen;

use chrono::Datelike;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::register::{Excluded, Instroom, Klacht, Kolom, Register};
use crate::settings::Settings;
use frame::Key;
pub use table::{Cell, Row, RowKind, Table, TableId};
use tables::Shape;

/// The key figures of the year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Kerngetallen {
    /// Rows received in the year, every intake kind.
    pub ontvangen: u64,
    /// Complaints taken into procedure.
    pub in_behandeling: u64,
    /// Category mentions of the complaints in procedure.
    pub deelklachten: u64,
    /// Complaints in procedure with a closing date.
    pub afgehandeld: u64,
    /// Complaints in procedure without a closing date.
    pub lopend: u64,
    /// Received in the year, closed after it (the register is read as exported).
    pub afgehandeld_na_verslagjaar: u64,
    /// Mean doorlooptijd of the closed complaints, weeks, one decimal (0 when none).
    pub gemiddelde_doorlooptijd_weken: f64,
    /// Median doorlooptijd of the closed complaints, weeks, one decimal (0 when none).
    pub mediaan_doorlooptijd_weken: f64,
    /// Share of the closed complaints closed within the legal term (6 weeks).
    pub binnen_6_weken_pct: f64,
    /// Share of the closed complaints closed within the extended term (10 weeks).
    pub binnen_10_weken_pct: f64,
    /// Complaints whose term was extended.
    pub verlengd: u64,
    /// Share of complaints with a first-contact date that had it within the working-day term.
    pub eerste_contact_binnen_termijn_pct: f64,
    /// Mediation meetings held.
    pub bemiddelingsgesprekken: u64,
    /// Complaints taken to the geschilleninstantie.
    pub geschillen: u64,
    /// Complaints with an improvement measure.
    pub met_verbetermaatregel: u64,
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
    /// Notable findings, each with its numbers and a Dutch sentence.
    pub opvallend: Vec<opvallend::Bevinding>,
    /// Rows left out because of errors.
    pub uitgesloten_rijen: Vec<Excluded>,
    /// Public version: small numbers below this k are hidden (`--publiek`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publiek: Option<u32>,
    /// Key figures hidden in the public version (shown as "< k").
    #[serde(skip)]
    pub verborgen: Vec<String>,
}

impl Figures {
    /// The figures as JSON, with hidden key figures as "< k": what every output shows.
    pub fn to_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).expect("Figures serialises");
        if let Some(k) = self.publiek {
            for name in &self.verborgen {
                v["kerngetallen"][name] = serde_json::Value::String(format!("< {k}"));
            }
        }
        v
    }

    /// The table with an id, if present.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tabellen.iter().find(|t| t.id == id)
    }
}

/// A share in percent with one decimal; 0 for an empty population (never NaN).
pub fn pct(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / of as f64).round() / 10.0
    }
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The report year and up to `n` earlier years found in the register, newest first.
pub fn comparison_years(register: &Register, jaar: i32, n: u32) -> Vec<i32> {
    let mut years: Vec<i32> = register
        .klachten
        .iter()
        .map(|k| k.datum_ontvangst.year())
        .filter(|y| *y < jaar)
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years.truncate(n as usize);
    years.insert(0, jaar);
    years
}

/// A distribution over the complaints in procedure, when the register has its column.
#[allow(clippy::too_many_arguments)]
fn simple(
    tabellen: &mut Vec<Table>,
    register: &Register,
    pop: &polars::prelude::DataFrame,
    id: TableId,
    kolom: Kolom,
    key: Key,
    fixed: Vec<String>,
    shape: Shape,
) -> Result<()> {
    if register.has(kolom) {
        let counts = frame::count_by(pop, key).map_err(|source| Error::Stats {
            table: id.as_str(),
            source,
        })?;
        tabellen.push(tables::distribution(id, &counts, &fixed, shape));
    }
    Ok(())
}

/// Computes the figures of `jaar`.
pub fn compute(register: &Register, jaar: i32, settings: &Settings) -> Result<Figures> {
    let s = &settings.stats;
    let err = |table: &'static str| move |source| Error::Stats { table, source };
    let years = comparison_years(register, jaar, s.vergelijk_jaren);
    let frames = frame::build(register, jaar, &years).map_err(err("frame"))?;
    let pop = &frames.in_procedure;
    let mut tabellen = Vec::new();
    let plain = Shape {
        percentage: false,
        totaal: false,
    };

    if register.has(Kolom::Cluster) {
        let id = TableId::KlagersPerClusterKwartaal;
        let counts = frame::count_by_quarter(pop, Key::Cluster).map_err(err(id.as_str()))?;
        tabellen.push(tables::by_quarter(
            id,
            &counts,
            &settings.read.clusters.names(),
        ));
    }
    let categories = settings.read.categorieen.names();
    let id = TableId::CategorieenPerKwartaal;
    let counts =
        frame::count_by_quarter(&frames.deelklachten, Key::Categorie).map_err(err(id.as_str()))?;
    tabellen.push(tables::by_quarter(id, &counts, &categories));
    if years.len() > 1 {
        let id = TableId::CategorieenMeerjarig;
        let counts = frame::count_by_pair(&frames.meerjarig, Key::Categorie, Key::Jaar)
            .map_err(err(id.as_str()))?;
        tabellen.push(tables::over_years(id, &counts, &years, &categories));
    }
    let id = TableId::KlachtenPerJaar;
    let counts =
        frame::count_by(&frames.meerjarig_klachten, Key::Jaar).map_err(err(id.as_str()))?;
    let year_rows: Vec<String> = years.iter().map(|y| y.to_string()).collect();
    tabellen.push(tables::distribution(id, &counts, &year_rows, plain));

    let with_pct = Shape {
        percentage: true,
        totaal: true,
    };
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::KlagersPerType,
        Kolom::Klager,
        Key::Klager,
        vec![],
        with_pct,
    )?;
    if register.has(Kolom::Afhandeling) {
        let id = TableId::Instroom;
        let counts = frame::count_by(&frames.klachten, Key::Instroom).map_err(err(id.as_str()))?;
        let fixed: Vec<String> = Instroom::ALL
            .iter()
            .map(|i| i.label().to_string())
            .collect();
        let shape = Shape {
            percentage: false,
            totaal: true,
        };
        tabellen.push(tables::distribution(id, &counts, &fixed, shape));
    }
    let with_total = Shape {
        percentage: false,
        totaal: true,
    };
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::Afhandeling,
        Kolom::Afhandeling,
        Key::Afhandeling,
        vec![],
        with_total,
    )?;
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::Regeling,
        Kolom::Regeling,
        Key::Regeling,
        vec![],
        plain,
    )?;
    let pct_only = Shape {
        percentage: true,
        totaal: false,
    };
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::Zorgrelatie,
        Kolom::Zorgrelatie,
        Key::Zorgrelatie,
        vec![],
        pct_only,
    )?;
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::SoortZorg,
        Kolom::SoortZorg,
        Key::SoortZorg,
        vec![],
        plain,
    )?;
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::Kanaal,
        Kolom::Kanaal,
        Key::Kanaal,
        vec![],
        plain,
    )?;
    let buckets: Vec<String> = frame::DOORLOOPTIJD_KLASSEN
        .iter()
        .map(|b| b.to_string())
        .collect();
    simple(
        &mut tabellen,
        register,
        pop,
        TableId::Doorlooptijd,
        Kolom::DatumAfgehandeld,
        Key::Doorlooptijd,
        buckets,
        plain,
    )?;

    let in_year: Vec<&Klacht> = register
        .klachten
        .iter()
        .filter(|k| k.datum_ontvangst.year() == jaar && k.in_procedure())
        .collect();
    let closed: Vec<i64> = in_year
        .iter()
        .filter_map(|k| frame::doorlooptijd(k))
        .collect();
    let n_closed = closed.len() as u64;
    let within = |weeks: u32| {
        closed
            .iter()
            .filter(|&&d| d <= i64::from(weeks) * 7)
            .count() as u64
    };
    let (binnen_term, binnen_verlenging) =
        (within(s.afhandeling_weken), within(s.verlenging_weken));
    let lopend = in_year.len() as u64 - n_closed;
    let contacts: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = in_year
        .iter()
        .filter_map(|k| k.datum_eerste_contact.map(|c| (k.datum_ontvangst, c)))
        .collect();
    let contact_werkdagen = contacts
        .iter()
        .filter(|(o, c)| werkdagen::werkdagen_tussen(*o, *c) <= s.eerste_contact_werkdagen)
        .count() as u64;

    if register.has(Kolom::DatumAfgehandeld) {
        let mut rows = vec![
            (
                format!("Afgehandeld binnen {} weken", s.afhandeling_weken),
                binnen_term,
                n_closed,
            ),
            (
                format!("Afgehandeld binnen {} weken", s.verlenging_weken),
                binnen_verlenging,
                n_closed,
            ),
            (
                format!("Afgehandeld na meer dan {} weken", s.verlenging_weken),
                n_closed - binnen_verlenging,
                n_closed,
            ),
        ];
        if register.has(Kolom::DatumEersteContact) {
            rows.push((
                format!(
                    "Eerste contact binnen {} werkdagen",
                    s.eerste_contact_werkdagen
                ),
                contact_werkdagen,
                contacts.len() as u64,
            ));
            if let Some(days) = s.eerste_contact_dagen {
                let n = contacts
                    .iter()
                    .filter(|(o, c)| (*c - *o).num_days() <= i64::from(days))
                    .count() as u64;
                rows.push((
                    format!("Eerste contact binnen {days} dagen"),
                    n,
                    contacts.len() as u64,
                ));
            }
        }
        rows.push(("Nog lopend".into(), lopend, in_year.len() as u64));
        tabellen.push(tables::indicators(TableId::Termijnen, rows));
    }

    let (mean, median) = frame::doorlooptijd_stats(pop).map_err(err("kerngetallen"))?;
    let count = |f: fn(&Klacht) -> bool| in_year.iter().filter(|k| f(k)).count() as u64;
    let kerngetallen = Kerngetallen {
        ontvangen: frames.klachten.height() as u64,
        in_behandeling: pop.height() as u64,
        deelklachten: frames.deelklachten.height() as u64,
        afgehandeld: n_closed,
        lopend,
        afgehandeld_na_verslagjaar: count(|k| {
            k.datum_afgehandeld
                .is_some_and(|d| d.year() > k.datum_ontvangst.year())
        }),
        gemiddelde_doorlooptijd_weken: one_decimal(mean.unwrap_or(0.0) / 7.0),
        mediaan_doorlooptijd_weken: one_decimal(median.unwrap_or(0.0) / 7.0),
        binnen_6_weken_pct: pct(binnen_term, n_closed),
        binnen_10_weken_pct: pct(binnen_verlenging, n_closed),
        verlengd: count(|k| k.verlengd == Some(true)),
        eerste_contact_binnen_termijn_pct: pct(contact_werkdagen, contacts.len() as u64),
        bemiddelingsgesprekken: count(|k| k.bemiddelingsgesprek == Some(true)),
        geschillen: count(|k| k.geschil == Some(true)),
        met_verbetermaatregel: count(|k| k.verbetermaatregel),
    };
    let mut per_kwartaal = [0u64; 4];
    for k in &in_year {
        per_kwartaal[(k.kwartaal().clamp(1, 4) - 1) as usize] += 1;
    }
    let mut figures = Figures {
        organisatie: settings.report.organisatie.clone(),
        jaar,
        aantal_klachten: kerngetallen.ontvangen,
        aantal_deelklachten: kerngetallen.deelklachten,
        kerngetallen,
        tabellen,
        opvallend: Vec::new(),
        uitgesloten_rijen: register.excluded.clone(),
        publiek: None,
        verborgen: Vec::new(),
    };
    let extra = opvallend::Extra {
        in_year: &in_year,
        per_kwartaal,
        binnen_termijn: binnen_term,
        weken: s.afhandeling_weken,
        verlenging_weken: s.verlenging_weken,
    };
    figures.opvallend = opvallend::find(&figures, &extra, &settings.report.teksten.opvallend)?;
    Ok(figures)
}

#[cfg(test)]
mod tests;
