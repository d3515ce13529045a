//! The output model of the numbers stage: [`Figures`], every number of one report, with the
//! key figures of the period and of the comparison period.

use serde::Serialize;

use super::kerngetal::Kerngetal;
use super::table::{Cell, Relatie, Table, TableId};
use super::{Periode, doelen, opvallend, termijn, verantwoording};
use crate::register::{Excluded, RijPer};

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
    /// Share of complaints with a first-contact date that had it within the working-day term;
    /// absent (left out of the JSON) when the register has no `datum_eerste_contact` column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eerste_contact_binnen_termijn_pct: Option<f64>,
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
    /// Taken from an earlier report (`[[eerder]]`): the key figures it gives (only those are
    /// published); `None` when counted from the register.
    #[serde(skip)]
    pub eerder: Option<Vec<Kerngetal>>,
}

impl Vergelijking {
    /// Whether a key figure of the comparison period is known (an earlier report gives only
    /// some).
    pub fn bekend(&self, k: Kerngetal) -> bool {
        self.eerder.as_ref().is_none_or(|b| b.contains(&k))
    }
}

/// Every number of one report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Whom the figures are about: the organisation, or "organisation – unit" in a batch.
    pub organisatie: String,
    /// Report year.
    pub jaar: i32,
    /// Report period: the year, or one quarter of it.
    pub periode: Periode,
    /// Complaints received in the period (rows), all intake kinds.
    pub aantal_klachten: u64,
    /// Deelklachten of the complaints in procedure.
    pub aantal_deelklachten: u64,
    /// What one row of the register is; only in the JSON when it is a deelklacht (then the
    /// rows sharing a klachtnummer were counted as one complaint).
    #[serde(skip_serializing_if = "RijPer::is_klacht")]
    pub rij_per: RijPer,
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
    /// The chapter *Doelen JJJJ en resultaat*: last year's plans with what came of them (set
    /// by the caller that knows the config: [`crate::doelen::beoordeel`]); absent without
    /// goals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doelen: Option<doelen::Doelen>,
    /// The register has the verbetermaatregel column (the report then says how many
    /// complaints led to a measure).
    #[serde(skip)]
    pub met_maatregelkolom: bool,
    /// The register has the verlengd column (the doorlooptijd legend then calls the band
    /// between the terms "verlengd").
    #[serde(skip)]
    pub met_verlengdkolom: bool,
    /// The categories have a configured order (`[[categorie]]`), which the multi-year table
    /// follows instead of its total.
    #[serde(skip)]
    pub vaste_categorievolgorde: bool,
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
    /// Facts among the key figures themselves ([`Relatie::tussen_kerngetallen`](super::Relatie::tussen_kerngetallen)); the tables carry
    /// their own ([`Table::relaties`]).
    #[serde(skip)]
    pub relaties: Vec<Relatie>,
    /// `[[volume]]`: the rates per volume of the years in `klachten_per_jaar`.
    #[serde(rename = "verhoudingsgetallen", skip_serializing_if = "Vec::is_empty")]
    pub verhoudingen: Vec<super::volume::Verhoudingsgetal>,
    /// `[[eerder]]`: the earlier years' totals this report uses (years the register does not
    /// have).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub eerdere_jaren: Vec<super::eerder::Eerder>,
    /// What the front end should tell about the config's totals and volumes (a year both in
    /// the register and in `[[eerder]]`, a year without a volume), one line each.
    #[serde(skip)]
    pub waarschuwingen: Vec<String>,
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
        // An earlier report's year: only the figures it gives, and where they come from.
        if let Some(verg) = self.vergelijking.as_ref().filter(|v| v.eerder.is_some()) {
            if let Some(kern) = v["vergelijking"]["kerngetallen"].as_object_mut() {
                kern.retain(|naam, _| {
                    Kerngetal::ALL
                        .iter()
                        .any(|k| k.naam() == naam && verg.bekend(*k))
                });
            }
            v["vergelijking"]["uit_eerder_verslag"] = true.into();
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
            eerste_contact_binnen_termijn_pct: Some(0.0),
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
            rij_per: RijPer::Klacht,
            kerngetallen,
            termijnen: termijn::Termijnen::default(),
            vergelijking: None,
            tabellen: Vec::new(),
            opvallend: Vec::new(),
            uitgesloten_rijen: Vec::new(),
            samengevoegd: Vec::new(),
            verantwoording: Vec::new(),
            doelen: None,
            met_maatregelkolom: false,
            met_verlengdkolom: false,
            vaste_categorievolgorde: false,
            publiek: None,
            weggelaten: Vec::new(),
            verborgen: Default::default(),
            verborgen_vergelijking: Default::default(),
            relaties: Vec::new(),
            verhoudingen: Vec::new(),
            eerdere_jaren: Vec::new(),
            waarschuwingen: Vec::new(),
        }
    }

    /// The table with an id, if present.
    pub fn table(&self, id: TableId) -> Option<&Table> {
        self.tabellen.iter().find(|t| t.id == id)
    }
}
