//! `[verslag] routes = "soort"`: the routes a complaint can take (the klachtenfunctionaris
//! for an informal complaint, the klachtencommissie for a formal one) as separate
//! populations, side by side, as a hospital reports them: never summed.
//!
//! Two kinds of table: `routes_naast_elkaar` (one row per route, the route's own key figures
//! as columns, no Totaal row and no Totaal column) and `route_N_categorieen` (the N-th route's
//! deelklachten per category). The whole-population report stays as it is.
//!
//! What the public version must know (see `tabulate`'s module header): per route, afgehandeld
//! and lopend add up to in behandeling; the routes' rows add up to the whole population's key
//! figures (every complaint has a route, Onbekend included) and to the termijnen table's
//! count within the term; a route's category table adds up to that route's deelklachten; and
//! a category's counts over the routes add up to its count in the categories table.

use chrono::NaiveDate;

use super::frame::{self, Frames, Key};
use super::table::{EigenTekst, Kol, Plaats, Relatie, Rij, Row, RowKind, Table, TableId};
use super::table::{ONBEKEND, TermijnRij};
use super::tabulate::{self, Shape};
use super::{Kerngetal, Options, Periode, period_counts};
use crate::register::{Closed, Kolom, Register, Soort};

/// How many routes a report can set side by side (the ids of their category tables).
pub const MAX_ROUTES: usize = 8;

/// The ids of the routes' category tables (a table id is a `&'static str` everywhere).
pub(super) const ROUTE_IDS: [&str; MAX_ROUTES] = [
    "route_1_categorieen",
    "route_2_categorieen",
    "route_3_categorieen",
    "route_4_categorieen",
    "route_5_categorieen",
    "route_6_categorieen",
    "route_7_categorieen",
    "route_8_categorieen",
];

/// The register column whose values are the routes (`[verslag] routes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteKolom {
    /// `soort`: Formeel (the klachtencommissie) and Informeel (the klachtenfunctionaris).
    Soort,
}

impl<'de> serde::Deserialize<'de> for RouteKolom {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match crate::register::normalize::label_key(&s).as_str() {
            "soort" => Ok(RouteKolom::Soort),
            _ => Err(serde::de::Error::custom(format!(
                "[verslag] routes: onbekende kolom \"{s}\" (kies \"soort\": Formeel en Informeel als twee routes)"
            ))),
        }
    }
}

impl RouteKolom {
    /// The column's values (the routes), in the contract's order.
    pub fn waarden(self) -> Vec<String> {
        match self {
            RouteKolom::Soort => Soort::ALL.iter().map(|v| v.label().to_string()).collect(),
        }
    }

    /// The config's value.
    pub fn naam(self) -> &'static str {
        match self {
            RouteKolom::Soort => "soort",
        }
    }

    /// The register column it needs.
    pub fn kolom(self) -> Kolom {
        match self {
            RouteKolom::Soort => Kolom::Soort,
        }
    }
}

/// A column of the side-by-side table: one of a route's own key figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Maat {
    /// Rows received, every intake kind.
    Ontvangen,
    /// Complaints in procedure.
    InBehandeling,
    /// Their deelklachten.
    Deelklachten,
    /// Closed ones.
    Afgehandeld,
    /// Closed within the handling term.
    BinnenTermijn,
    /// The share closed within the handling term (of the term's denominator): not a count.
    BinnenTermijnPct,
    /// Open ones.
    Lopend,
}

impl Maat {
    /// The columns in print order.
    pub const ALL: [Maat; 7] = [
        Maat::Ontvangen,
        Maat::InBehandeling,
        Maat::Deelklachten,
        Maat::Afgehandeld,
        Maat::BinnenTermijn,
        Maat::BinnenTermijnPct,
        Maat::Lopend,
    ];

    /// Whether the column holds counts.
    pub fn is_aantal(self) -> bool {
        self != Maat::BinnenTermijnPct
    }

    /// The whole population's key figure the routes' counts add up to.
    fn kerngetal(self) -> Option<Kerngetal> {
        match self {
            Maat::Ontvangen => Some(Kerngetal::Ontvangen),
            Maat::InBehandeling => Some(Kerngetal::InBehandeling),
            Maat::Deelklachten => Some(Kerngetal::Deelklachten),
            Maat::Afgehandeld => Some(Kerngetal::Afgehandeld),
            Maat::Lopend => Some(Kerngetal::Lopend),
            Maat::BinnenTermijn | Maat::BinnenTermijnPct => None,
        }
    }

    fn kop(self, s: &Options) -> String {
        match self {
            Maat::Ontvangen => "Ontvangen".into(),
            Maat::InBehandeling => "In behandeling".into(),
            Maat::Deelklachten => "Deelklachten".into(),
            Maat::Afgehandeld => "Afgehandeld".into(),
            Maat::BinnenTermijn => format!("Binnen {}", s.termijnen.afhandeling.tekst()),
            Maat::BinnenTermijnPct => "Binnen termijn %".into(),
            Maat::Lopend => "Lopend".into(),
        }
    }
}

/// One route: its label (`None`: complaints without a value, Onbekend) and its complaints.
struct Route {
    label: Option<String>,
    register: Register,
}

/// The route tables of a report: the side-by-side table, then each route's categories.
///
/// `tabellen`: the report's tables so far (the categories and termijnen tables the routes'
/// counts add up to).
#[allow(clippy::too_many_arguments)]
pub(super) fn tabellen(
    kolom: RouteKolom,
    register: &Register,
    periode: Periode,
    s: &Options,
    peildatum: Option<NaiveDate>,
    frames: &Frames<'_>,
    tabellen: &[Table],
) -> Vec<Table> {
    let waarde = |k: &crate::register::Klacht| match kolom {
        RouteKolom::Soort => k.soort.map(|v| v.label().to_string()),
    };
    let mut labels: Vec<Option<String>> = kolom.waarden().into_iter().map(Some).collect();
    // Onbekend only when a complaint of the period has no route: its row keeps the sums.
    if periode.klachten(register).any(|k| waarde(k).is_none()) {
        labels.push(None);
    }
    let routes: Vec<Route> = labels
        .into_iter()
        .map(|label| {
            let mut sub = register.clone();
            sub.klachten.retain(|k| waarde(k) == label);
            Route {
                label,
                register: sub,
            }
        })
        .collect();
    // What the report calls a route: its own name (`[verslag] route_namen`), else the value.
    let naam = |r: &Route| match &r.label {
        Some(l) => s.route_namen.get(l).cloned().unwrap_or_else(|| l.clone()),
        None => ONBEKEND.to_string(),
    };
    let key = |r: &Route| match &r.label {
        Some(l) => Rij::Waarde(l.clone()),
        None => Rij::Onbekend,
    };
    let id = TableId::RoutesNaastElkaar;
    let cel = |rij: Rij, m: Maat| Plaats::cel(id, rij, Kol::Route(m));

    // The side-by-side table.
    let mut rijen = Vec::new();
    let mut relaties = Vec::new();
    for r in &routes {
        let c = period_counts::count(&r.register, periode, s, peildatum);
        let k = &c.kerngetallen;
        let waarden = Maat::ALL
            .iter()
            .map(|m| match m {
                Maat::Ontvangen => super::Cell::Aantal(k.ontvangen),
                Maat::InBehandeling => super::Cell::Aantal(k.in_behandeling),
                Maat::Deelklachten => super::Cell::Aantal(k.deelklachten),
                Maat::Afgehandeld => super::Cell::Aantal(k.afgehandeld),
                Maat::BinnenTermijn => super::Cell::Aantal(c.binnen_termijn),
                Maat::BinnenTermijnPct => super::Cell::Percentage(k.binnen_6_weken_pct),
                Maat::Lopend => super::Cell::Aantal(k.lopend),
            })
            .collect();
        relaties.push(Relatie::Som {
            delen: vec![cel(key(r), Maat::Afgehandeld), cel(key(r), Maat::Lopend)],
            totaal: cel(key(r), Maat::InBehandeling),
        });
        rijen.push(Row {
            label: naam(r),
            waarden,
            kind: match r.label {
                Some(_) => RowKind::Data,
                None => RowKind::Onbekend,
            },
            key: key(r),
        });
    }
    let kolommen = Maat::ALL
        .iter()
        .map(|m| (Kol::Route(*m), m.kop(s)))
        .collect();
    let mut naast = Table::new(id, kolommen, rijen);
    naast.titel = format!("Routes naast elkaar ({})", periode.kort());
    naast.eigen = Some(EigenTekst {
        label_kop: "Route".into(),
        uitleg: format!(
            "De klachten per route (kolom {} van het register). Elke route is een eigen groep klachten met eigen cijfers: de routes worden niet bij elkaar opgeteld. Binnen termijn % is het deel van de {} dat binnen {} is afgehandeld.",
            kolom.naam(),
            match s.termijnen.noemer {
                super::termijn::Noemer::Afgehandeld => "afgehandelde klachten",
                super::termijn::Noemer::InBehandeling => "klachten in behandeling",
            },
            s.termijnen.afhandeling.tekst()
        ),
    });
    // Every complaint has a route: the rows add up to the whole population's figures.
    for m in Maat::ALL {
        if let Some(kern) = m.kerngetal() {
            naast.totalen.push((Kol::Route(m), Plaats::kern(kern)));
        }
    }
    let termijn = Plaats::cel(
        TableId::Termijnen,
        Rij::Termijn(TermijnRij::BinnenTermijn),
        Kol::Aantal,
    );
    if tabellen.iter().any(|t| {
        t.id == TableId::Termijnen
            && t.cel(&Rij::Termijn(TermijnRij::BinnenTermijn), Kol::Aantal)
                .is_some()
    }) {
        naast.relaties.push(Relatie::Som {
            delen: routes
                .iter()
                .map(|r| cel(key(r), Maat::BinnenTermijn))
                .collect(),
            totaal: termijn,
        });
    }
    naast.relaties.extend(relaties);
    let mut out = vec![naast];

    // Each route's categories.
    let hoofd = tabellen
        .iter()
        .find(|t| t.id == TableId::CategorieenPerKwartaal);
    let hoofd_kol = match periode.is_kwartaal() {
        true => Kol::Jaar(periode.jaar),
        false => Kol::Totaal,
    };
    let vast: Vec<(Rij, String)> = s
        .categorieen
        .iter()
        .map(|c| (Rij::Waarde(c.clone()), c.clone()))
        .collect();
    let shape = Shape {
        percentage: true,
        totaal: true,
    };
    let mut per_categorie: Vec<(Rij, Vec<Plaats>)> = Vec::new();
    for (n, r) in (1u8..).zip(&routes) {
        let counts = frame::count_by(
            frames
                .deelklachten
                .iter()
                .copied()
                .filter(|d| waarde(d.klacht()) == r.label),
            Key::Categorie,
        );
        let tid = TableId::RouteCategorieen(n);
        let mut t = tabulate::distribution(tid, &counts, &vast, shape);
        t.titel = format!("Deelklachten per categorie, route {}", naam(r));
        t.telt = Some(super::Telt::Deelklachten);
        t.eigen = Some(EigenTekst {
            label_kop: "Categorie".into(),
            uitleg: String::new(),
        });
        t.totalen
            .push((Kol::Aantal, cel(key(r), Maat::Deelklachten)));
        for row in t.rijen.iter().filter(|x| x.kind != RowKind::Totaal) {
            let plaats = Plaats::cel(tid, row.key.clone(), Kol::Aantal);
            match per_categorie.iter_mut().find(|(k, _)| *k == row.key) {
                Some((_, delen)) => delen.push(plaats),
                None => per_categorie.push((row.key.clone(), vec![plaats])),
            }
        }
        out.push(t);
    }
    // A category's count over the routes is its count in the categories table.
    if let (Some(hoofd), Some(eerste)) = (hoofd, out.get_mut(1)) {
        for (rij, delen) in per_categorie {
            if hoofd.cel(&rij, hoofd_kol).is_some() {
                eerste.relaties.push(Relatie::Som {
                    delen,
                    totaal: Plaats::cel(TableId::CategorieenPerKwartaal, rij, hoofd_kol),
                });
            }
        }
    }
    out
}

/// Public version: a route's share within the term gives its counts back (share × the
/// denominator is the count within the term): hidden ("x") when the count within the term,
/// the closed complaints or the complaints in procedure of that route are hidden.
pub(super) fn verberg(f: &mut super::Figures) {
    let Some(t) = f
        .tabellen
        .iter_mut()
        .find(|t| t.id == TableId::RoutesNaastElkaar)
    else {
        return;
    };
    let col = |m: Maat| t.kolom_keys.iter().position(|k| *k == Kol::Route(m));
    let (Some(pc), Some(b), Some(a), Some(i)) = (
        col(Maat::BinnenTermijnPct),
        col(Maat::BinnenTermijn),
        col(Maat::Afgehandeld),
        col(Maat::InBehandeling),
    ) else {
        return;
    };
    for r in &mut t.rijen {
        if [b, a, i].iter().any(|&c| r.waarden[c].is_verborgen()) {
            r.waarden[pc] = super::Cell::Afgeschermd;
        }
    }
}
