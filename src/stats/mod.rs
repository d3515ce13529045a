//! Stage 2, numbers: [`Register`] -> [`Figures`], aggregated with polars.
//!
//! Populations (contract): `instroom` counts every row received in the year; every other
//! breakdown counts the complaints taken into procedure (afhandeling not Melding or Niet
//! ontvankelijk). Deelklachten are the category mentions of those complaints. Doorlooptijd
//! and termijnen: those same complaints; open ones (no datum_afgehandeld) count as Lopend.
//!
//! `Figures` is the one source of every number: the PDF, the JSON and the XLSX all render it.

pub mod frame;
pub mod kerngetal;
pub mod options;
pub mod opvallend;
pub mod order;
pub mod periode;
pub mod privacy;
pub mod table;
pub mod tables;
pub mod termijn;
pub mod verantwoording;
pub mod werkdagen;

use chrono::Datelike;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::register::{Excluded, Instroom, Klacht, Kolom, Register};
use frame::Key;
pub use kerngetal::{Kerngetal, Waarde};
pub use options::Options;
pub use periode::Periode;
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
    /// Received in the period, closed after its end (the register is read as exported).
    pub afgehandeld_na_verslagjaar: u64,
    /// Mean doorlooptijd of the closed complaints, weeks, one decimal (0 when none).
    pub gemiddelde_doorlooptijd_weken: f64,
    /// Median doorlooptijd of the closed complaints, weeks, one decimal (0 when none).
    pub mediaan_doorlooptijd_weken: f64,
    /// Share of the closed complaints closed within the handling term (`[termijnen]`, 6 weeks
    /// by default; the contract's name keeps the 6).
    pub binnen_6_weken_pct: f64,
    /// Share of the closed complaints closed within the extended term (10 weeks by default).
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

/// The key figures of the comparison period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Vergelijking {
    /// The same period one year earlier.
    pub periode: Periode,
    /// Its key figures, counted by the same rules.
    pub kerngetallen: Kerngetallen,
}

/// Every number of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Organisation.
    pub organisatie: String,
    /// Report year.
    pub jaar: i32,
    /// Report period: the year, or one quarter of it.
    pub periode: Periode,
    /// Complaints received in the period (rows), all intake kinds.
    pub aantal_klachten: u64,
    /// Deelklachten of the complaints in procedure.
    pub aantal_deelklachten: u64,
    /// Key figures.
    pub kerngetallen: Kerngetallen,
    /// The terms the key figures `binnen_6_weken_pct` and `binnen_10_weken_pct` (contract
    /// names) and the termijnen table are measured against, from `[termijnen]`.
    pub termijnen: termijn::Termijnen,
    /// The key figures of the same period a year earlier, when the register reaches back to it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vergelijking: Option<Vergelijking>,
    /// The tables, in report order; a table is absent when its column is.
    pub tabellen: Vec<Table>,
    /// Notable findings, each with its numbers and a Dutch sentence.
    pub opvallend: Vec<opvallend::Bevinding>,
    /// Rows left out because of errors.
    pub uitgesloten_rijen: Vec<Excluded>,
    /// Open-list labels written in more than one way and counted as one.
    #[serde(
        rename = "samengevoegde_spellingen",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub samengevoegd: Vec<crate::register::Samenvoeging>,
    /// The checklists of the law this report answers to, item by item (set by the caller
    /// that knows the config: [`crate::verantwoording::beoordeel`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub verantwoording: Vec<verantwoording::Regime>,
    /// The register has the verbetermaatregel column (the report then says how many
    /// complaints led to a measure).
    #[serde(skip)]
    pub met_maatregelkolom: bool,
    /// Public version: small numbers below this k are hidden (`--publiek`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publiek: Option<u32>,
    /// Public version: tables left out because hiding cells could not protect a small count
    /// in them (a very small register).
    #[serde(rename = "weggelaten_tabellen", skip_serializing_if = "Vec::is_empty")]
    pub weggelaten: Vec<TableId>,
    /// Key figures hidden in the public version, with how: small ("< k") or hidden to protect
    /// a small count elsewhere ("x").
    #[serde(skip)]
    pub verborgen: std::collections::BTreeMap<Kerngetal, Cell>,
    /// Comparison key figures hidden in the public version.
    #[serde(skip)]
    pub verborgen_vergelijking: std::collections::BTreeMap<Kerngetal, Cell>,
}

impl Figures {
    /// The figures as JSON, with hidden key figures as "< k" or "x": what every output shows.
    pub fn to_value(&self) -> serde_json::Value {
        let mut v = serde_json::to_value(self).expect("Figures serialises");
        let shown = |c: &Cell| serde_json::to_value(c).expect("Cell serialises");
        for (k, cell) in &self.verborgen {
            v["kerngetallen"][k.naam()] = shown(cell);
        }
        for (k, cell) in &self.verborgen_vergelijking {
            v["vergelijking"]["kerngetallen"][k.naam()] = shown(cell);
        }
        v
    }

    /// Figures with nothing in them, for tests that build their own tables.
    #[cfg(test)]
    pub fn leeg() -> Figures {
        let kerngetallen = Kerngetallen {
            ontvangen: 0,
            in_behandeling: 0,
            deelklachten: 0,
            afgehandeld: 0,
            lopend: 0,
            afgehandeld_na_verslagjaar: 0,
            gemiddelde_doorlooptijd_weken: 0.0,
            mediaan_doorlooptijd_weken: 0.0,
            binnen_6_weken_pct: 0.0,
            binnen_10_weken_pct: 0.0,
            verlengd: 0,
            eerste_contact_binnen_termijn_pct: 0.0,
            bemiddelingsgesprekken: 0,
            geschillen: 0,
            met_verbetermaatregel: 0,
        };
        Figures {
            organisatie: String::new(),
            jaar: 2024,
            periode: Periode::jaar(2024),
            aantal_klachten: 0,
            aantal_deelklachten: 0,
            kerngetallen,
            termijnen: termijn::Termijnen::default(),
            vergelijking: None,
            tabellen: Vec::new(),
            opvallend: Vec::new(),
            uitgesloten_rijen: Vec::new(),
            samengevoegd: Vec::new(),
            verantwoording: Vec::new(),
            met_maatregelkolom: false,
            publiek: None,
            weggelaten: Vec::new(),
            verborgen: Default::default(),
            verborgen_vergelijking: Default::default(),
        }
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

/// The report year and up to `n` earlier comparison years, newest first.
///
/// A year report compares with the earlier years that have complaints in the register. A
/// quarterly report compares the same quarter of earlier years, from the first year whose
/// quarter the register reaches (its earliest receipt date is on or before the quarter's
/// end): a quarter without complaints in a covered year is a real 0, not a gap.
pub fn comparison_years(register: &Register, periode: Periode, n: u32) -> Vec<i32> {
    let jaar = periode.jaar;
    let mut years: Vec<i32> = if periode.is_kwartaal() {
        match register.klachten.iter().map(|k| k.datum_ontvangst).min() {
            Some(first) => (first.year()..jaar)
                .filter(|y| first <= periode.in_jaar(*y).tot_en_met())
                .collect(),
            None => Vec::new(),
        }
    } else {
        register
            .klachten
            .iter()
            .map(|k| k.datum_ontvangst.year())
            .filter(|y| *y < jaar)
            .collect()
    };
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

/// What the key figures and the termijnen table count, for one period.
struct Telling<'a> {
    /// Complaints in procedure received in the period.
    in_year: Vec<&'a Klacht>,
    kerngetallen: Kerngetallen,
    /// Closed within the legal term.
    binnen_term: u64,
    /// Closed within the extended term.
    binnen_verlenging: u64,
    /// (received, first contact) of the complaints with a first-contact date.
    contacts: Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Of those, first contact within the working-day term.
    contact_werkdagen: u64,
}

fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// The key figures of a period, counted straight from the complaints (the tables count the
/// same populations with polars; the tests hold the two against each other).
fn tel<'a>(register: &'a Register, periode: Periode, s: &Options) -> Telling<'a> {
    let received: Vec<&Klacht> = periode.klachten(register).collect();
    let in_year: Vec<&Klacht> = received
        .iter()
        .copied()
        .filter(|k| k.in_procedure())
        .collect();
    let mut closed: Vec<i64> = in_year
        .iter()
        .filter_map(|k| frame::doorlooptijd(k))
        .collect();
    closed.sort_unstable();
    let n_closed = closed.len() as u64;
    let within = |t: termijn::Termijn| closed.partition_point(|&d| d <= t.dagen()) as u64;
    let (binnen_term, binnen_verlenging) = (
        within(s.termijnen.afhandeling),
        within(s.termijnen.verlenging),
    );
    let contacts: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = in_year
        .iter()
        .filter_map(|k| k.datum_eerste_contact.map(|c| (k.datum_ontvangst, c)))
        .collect();
    let contact_werkdagen = contacts
        .iter()
        .filter(|(o, c)| werkdagen::werkdagen_tussen(*o, *c) <= s.eerste_contact_werkdagen)
        .count() as u64;
    let mean =
        (!closed.is_empty()).then(|| closed.iter().sum::<i64>() as f64 / closed.len() as f64);
    let count = |f: fn(&Klacht) -> bool| in_year.iter().filter(|k| f(k)).count() as u64;
    let einde = periode.tot_en_met();
    let kerngetallen = Kerngetallen {
        ontvangen: received.len() as u64,
        in_behandeling: in_year.len() as u64,
        deelklachten: in_year
            .iter()
            .map(|k| k.categorieen.len().max(1) as u64)
            .sum(),
        afgehandeld: n_closed,
        lopend: in_year.len() as u64 - n_closed,
        afgehandeld_na_verslagjaar: in_year
            .iter()
            .filter(|k| k.datum_afgehandeld.is_some_and(|d| d > einde))
            .count() as u64,
        gemiddelde_doorlooptijd_weken: one_decimal(mean.unwrap_or(0.0) / 7.0),
        mediaan_doorlooptijd_weken: one_decimal(median(&closed).unwrap_or(0.0) / 7.0),
        binnen_6_weken_pct: pct(binnen_term, n_closed),
        binnen_10_weken_pct: pct(binnen_verlenging, n_closed),
        verlengd: count(|k| k.verlengd == Some(true)),
        eerste_contact_binnen_termijn_pct: pct(contact_werkdagen, contacts.len() as u64),
        bemiddelingsgesprekken: count(|k| k.bemiddelingsgesprek == Some(true)),
        geschillen: count(|k| k.geschil == Some(true)),
        met_verbetermaatregel: count(|k| k.verbetermaatregel),
    };
    Telling {
        in_year,
        kerngetallen,
        binnen_term,
        binnen_verlenging,
        contacts,
        contact_werkdagen,
    }
}

/// A year as the frames write it ("2023") as the period's header ("Q3 2023" in a quarterly
/// report; unchanged in a year report).
fn year_header(periode: Periode, y: String) -> String {
    y.parse().map_or(y, |j| periode.in_jaar(j).kort())
}

/// Relabels (label, year, count) to the period's headers.
fn relabel_years(
    periode: Periode,
    counts: Vec<(Option<String>, String, u64)>,
) -> Vec<(Option<String>, String, u64)> {
    counts
        .into_iter()
        .map(|(l, y, n)| (l, year_header(periode, y), n))
        .collect()
}

/// Computes the figures of a period (a year, or one quarter of it).
pub fn compute(register: &Register, periode: Periode, s: &Options) -> Result<Figures> {
    let jaar = periode.jaar;
    let err = |table: &'static str| move |source| Error::Stats { table, source };
    let years = comparison_years(register, periode, s.vergelijk_jaren);
    let headers: Vec<String> = years.iter().map(|y| periode.in_jaar(*y).kort()).collect();
    let frames = frame::build(register, periode, &years).map_err(err("frame"))?;
    let pop = &frames.in_procedure;
    let mut tabellen = Vec::new();
    let plain = Shape {
        percentage: false,
        totaal: false,
    };
    // A year report splits by quarter; a quarterly report sets its quarter beside the same
    // quarter a year earlier (when the register reaches back that far).
    let vorige = periode.vorig_jaar();
    let vergelijk = years.contains(&vorige.jaar);
    // A table over the years of a quarterly report says which quarter it compares.
    let same_quarter = |mut t: Table| {
        if let Some(q) = periode.kwartaal {
            t.titel = format!("{} (Q{q})", t.titel);
        }
        t
    };
    let by_period = |id: TableId,
                     period_frame: &polars::prelude::DataFrame,
                     multi: &polars::prelude::DataFrame,
                     key: Key,
                     vocabulary: &[String]|
     -> Result<Table> {
        if periode.is_kwartaal() {
            let counts = relabel_years(
                periode,
                frame::count_by_pair(multi, key, Key::Jaar).map_err(err(id.as_str()))?,
            );
            let mut kolommen = vec![periode.kort()];
            if vergelijk {
                kolommen.push(vorige.kort());
            }
            let mut t = tables::by_columns(id, &counts, kolommen, vocabulary);
            let wat = match id {
                TableId::KlagersPerClusterKwartaal => "Aantal klagers per cluster",
                _ => "Aantal deelklachten per categorie",
            };
            t.titel = format!("{wat} in {}", t.kolommen.join(" en "));
            Ok(t)
        } else {
            let counts = frame::count_by_quarter(period_frame, key).map_err(err(id.as_str()))?;
            Ok(tables::by_quarter(id, &counts, vocabulary))
        }
    };

    if register.has(Kolom::Cluster) {
        tabellen.push(by_period(
            TableId::KlagersPerClusterKwartaal,
            pop,
            &frames.meerjarig_klachten,
            Key::Cluster,
            &s.clusters,
        )?);
    }
    let categories = &s.categorieen;
    tabellen.push(by_period(
        TableId::CategorieenPerKwartaal,
        &frames.deelklachten,
        &frames.meerjarig,
        Key::Categorie,
        &categories,
    )?);
    if years.len() > 1 {
        let id = TableId::CategorieenMeerjarig;
        let counts = frame::count_by_pair(&frames.meerjarig, Key::Categorie, Key::Jaar)
            .map_err(err(id.as_str()))?;
        let t = tables::over_years(id, &relabel_years(periode, counts), &headers, &categories);
        tabellen.push(same_quarter(t));
    }
    let id = TableId::KlachtenPerJaar;
    let counts: Vec<(Option<String>, u64)> = frame::count_by(&frames.meerjarig_klachten, Key::Jaar)
        .map_err(err(id.as_str()))?
        .into_iter()
        .map(|(y, n)| (y.map(|y| year_header(periode, y)), n))
        .collect();
    tabellen.push(same_quarter(tables::distribution(
        id, &counts, &headers, plain,
    )));

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

    let telling = tel(register, periode, s);
    let k = &telling.kerngetallen;
    if register.has(Kolom::DatumAfgehandeld) {
        let n_closed = k.afgehandeld;
        let mut rows = vec![
            (
                format!("Afgehandeld binnen {}", s.termijnen.afhandeling.tekst()),
                telling.binnen_term,
                n_closed,
            ),
            (
                format!("Afgehandeld binnen {}", s.termijnen.verlenging.tekst()),
                telling.binnen_verlenging,
                n_closed,
            ),
            (
                format!("Afgehandeld na meer dan {}", s.termijnen.verlenging.tekst()),
                n_closed - telling.binnen_verlenging,
                n_closed,
            ),
        ];
        let contacts = &telling.contacts;
        if register.has(Kolom::DatumEersteContact) {
            rows.push((
                format!(
                    "Eerste contact binnen {} werkdagen",
                    s.eerste_contact_werkdagen
                ),
                telling.contact_werkdagen,
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
        rows.push(("Nog lopend".into(), k.lopend, k.in_behandeling));
        tabellen.push(tables::indicators(TableId::Termijnen, rows));
    }

    let mut per_kwartaal = [0u64; 4];
    for k in &telling.in_year {
        per_kwartaal[(k.kwartaal().clamp(1, 4) - 1) as usize] += 1;
    }
    let vergelijking = vergelijk.then(|| Vergelijking {
        periode: vorige,
        kerngetallen: tel(register, vorige, s).kerngetallen,
    });
    let kerngetallen = telling.kerngetallen.clone();
    let mut figures = Figures {
        organisatie: String::new(),
        jaar,
        periode,
        aantal_klachten: kerngetallen.ontvangen,
        aantal_deelklachten: kerngetallen.deelklachten,
        kerngetallen,
        termijnen: s.termijnen,
        vergelijking,
        tabellen,
        opvallend: Vec::new(),
        uitgesloten_rijen: register.excluded.clone(),
        samengevoegd: register.samengevoegd.clone(),
        verantwoording: Vec::new(),
        met_maatregelkolom: register.has(Kolom::Verbetermaatregel),
        publiek: None,
        weggelaten: Vec::new(),
        verborgen: Default::default(),
        verborgen_vergelijking: Default::default(),
    };
    let extra = opvallend::Extra {
        in_year: &telling.in_year,
        per_kwartaal,
        binnen_termijn: telling.binnen_term,
        binnen_verlenging: telling.binnen_verlenging,
        termijnen: s.termijnen,
    };
    figures.opvallend = opvallend::find(&figures, &extra, &s.opvallend)?;
    Ok(figures)
}

#[cfg(test)]
mod tests;
