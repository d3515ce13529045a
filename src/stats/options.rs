//! The numbers stage's options, resolved from the config by [`crate::settings`].

use std::collections::BTreeMap;

use super::opvallend::FindingKind;
use super::termijn::{Peildatum, Termijnen};

/// Everything the numbers stage needs: terms, windows, the small-number threshold, the row
/// order of the open lists and the findings' own sentences.
#[derive(Debug, Clone)]
pub struct Options {
    /// Earlier years in the multi-year tables (default 3).
    pub vergelijk_jaren: u32,
    /// First contact within N working days (default 5, the model regulation).
    pub eerste_contact_werkdagen: u32,
    /// Optional second KPI: first contact within N calendar days.
    pub eerste_contact_dagen: Option<u32>,
    /// The handling and extended terms (`[termijnen]`, default the Wkkgz's 6 and 10 weeks).
    pub termijnen: Termijnen,
    /// The day the term figures are measured on (`[termijnen] peildatum`; default the
    /// register as exported).
    pub peildatum: Peildatum,
    /// Published counts below this are small numbers (`[privacy] kleine_aantallen`, default 5).
    pub kleine_aantallen: u32,
    /// Row order of the clusters (the configured vocabulary; others follow).
    pub clusters: Vec<String>,
    /// Row order of the categories.
    pub categorieen: Vec<String>,
    /// The findings' sentences that replace the default templates, per kind.
    pub opvallend: BTreeMap<FindingKind, String>,
    /// `[[volume]]`: denominators per year, for the rates.
    pub volumes: Vec<super::volume::Volume>,
    /// `[[eerder]]`: earlier years' totals from earlier reports.
    pub eerder: Vec<super::eerder::Eerder>,
    /// `[[signaal]]`: tables of other signals.
    pub signalen: Vec<super::signaal::Signaal>,
    /// `[verslag] routes`: the column whose values are routes reported side by side.
    pub routes: Option<super::route::RouteKolom>,
    /// `[verslag] route_namen`: what the report calls a route, by its value
    /// (`Informeel = "Klachtenfunctionaris"`).
    pub route_namen: BTreeMap<String, String>,
}

impl Default for Options {
    /// The defaults a config without the keys gets: 3 comparison years, first contact within
    /// 5 working days (the model regulation), the Wkkgz's terms, small numbers below 5.
    fn default() -> Self {
        Options {
            vergelijk_jaren: 3,
            eerste_contact_werkdagen: 5,
            eerste_contact_dagen: None,
            termijnen: Termijnen::default(),
            peildatum: Peildatum::Export,
            kleine_aantallen: 5,
            clusters: Vec::new(),
            categorieen: Vec::new(),
            opvallend: BTreeMap::new(),
            volumes: Vec::new(),
            eerder: Vec::new(),
            signalen: Vec::new(),
            routes: None,
            route_namen: BTreeMap::new(),
        }
    }
}
