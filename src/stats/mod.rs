//! Stage 2, numbers: [`Register`] -> [`Figures`].
//!
//! Populations (contract): `instroom` counts every row received in the year; every other
//! breakdown counts the complaints taken into procedure (afhandeling not Melding or Niet
//! ontvankelijk). Deelklachten are the category mentions of those complaints. Doorlooptijd
//! and termijnen: those same complaints; open ones (no datum_afgehandeld) count as Lopend.
//!
//! `Figures` is the one source of every number: the PDF, the JSON and the XLSX all render it.
//!
//! A new table: build it with [`tabulate`] (whose module header says how a table declares what
//! the public version must know about it), set [`Table::totalen`] for a column that adds up to
//! a key figure and [`Table::relaties`] for a count it prints again, where it is made here.

pub mod bijschrift;
mod cell;
pub mod doelen;
pub mod eerder;
mod figures;
pub mod frame;
pub mod kerngetal;
pub mod options;
pub mod opvallend;
pub mod order;
mod period_counts;
pub mod periode;
pub mod privacy;
pub mod route;
pub mod signaal;
pub mod table;
pub mod tabulate;
pub mod termijn;
mod termijnen;
pub mod verantwoording;
pub mod volume;
pub mod werkdagen;

use chrono::Datelike;

use crate::error::Result;
use crate::register::{Instroom, Kolom, Register};
pub use figures::{Figures, Kerngetallen, Vergelijking};
use frame::Key;
pub use kerngetal::{Kerngetal, Waarde};
pub use options::Options;
pub use periode::Periode;
pub use table::{Cell, Kol, Plaats, Relatie, Rij, Row, RowKind, Table, TableId, Telt};
use tabulate::Shape;

/// A share in percent with one decimal; 0 for an empty population (never NaN).
pub fn pct(n: u64, of: u64) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 * 1000.0 / of as f64).round() / 10.0
    }
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

/// Which complaints a distribution counts.
#[derive(Debug, Clone, Copy)]
enum Populatie {
    /// Every row received in the period, every intake kind (the contract's `instroom`).
    Ontvangen,
    /// The complaints taken into procedure.
    InBehandeling,
}

impl Populatie {
    /// The key figure that counts it: a distribution's Aantal column adds up to it.
    fn kerngetal(self) -> Kerngetal {
        match self {
            Populatie::Ontvangen => Kerngetal::Ontvangen,
            Populatie::InBehandeling => Kerngetal::InBehandeling,
        }
    }
}

/// A distribution table: counts per value of one column.
struct Verdeling {
    id: TableId,
    /// The register column it needs: without it, there is no table.
    kolom: Kolom,
    key: Key,
    populatie: Populatie,
    /// Rows listed in this order even when zero (other values follow), with their keys.
    vast: fn() -> Vec<(Rij, String)>,
    shape: Shape,
    /// What the public version must know beyond the table's sums and its population's total
    /// (see `tabulate`'s module header).
    relaties: fn() -> Vec<Relatie>,
}

const GEEN: fn() -> Vec<(Rij, String)> = Vec::new;
const GEEN_RELATIES: fn() -> Vec<Relatie> = Vec::new;
const AANTAL: Shape = Shape {
    percentage: false,
    totaal: false,
};
const MET_TOTAAL: Shape = Shape {
    percentage: false,
    totaal: true,
};
const MET_PERCENTAGE: Shape = Shape {
    percentage: true,
    totaal: false,
};
const MET_BEIDE: Shape = Shape {
    percentage: true,
    totaal: true,
};

/// The distribution tables, in report order: a new one is one line here.
const VERDELINGEN: [Verdeling; 9] = [
    Verdeling {
        id: TableId::KlagersPerType,
        kolom: Kolom::Klager,
        key: Key::Klager,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: MET_BEIDE,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Instroom,
        kolom: Kolom::Afhandeling,
        key: Key::Instroom,
        populatie: Populatie::Ontvangen,
        vast: instroom_rijen,
        shape: MET_TOTAAL,
        relaties: instroom_relaties,
    },
    Verdeling {
        id: TableId::Afhandeling,
        kolom: Kolom::Afhandeling,
        key: Key::Afhandeling,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: MET_TOTAAL,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Tevredenheid,
        kolom: Kolom::Tevredenheid,
        key: Key::Tevredenheid,
        populatie: Populatie::InBehandeling,
        vast: tevredenheid_rijen,
        shape: MET_BEIDE,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Regeling,
        kolom: Kolom::Regeling,
        key: Key::Regeling,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: AANTAL,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Zorgrelatie,
        kolom: Kolom::Zorgrelatie,
        key: Key::Zorgrelatie,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: MET_PERCENTAGE,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::SoortZorg,
        kolom: Kolom::SoortZorg,
        key: Key::SoortZorg,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: AANTAL,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Kanaal,
        kolom: Kolom::Kanaal,
        key: Key::Kanaal,
        populatie: Populatie::InBehandeling,
        vast: GEEN,
        shape: AANTAL,
        relaties: GEEN_RELATIES,
    },
    Verdeling {
        id: TableId::Doorlooptijd,
        kolom: Kolom::DatumAfgehandeld,
        key: Key::Doorlooptijd,
        populatie: Populatie::InBehandeling,
        vast: doorlooptijd_klassen,
        shape: AANTAL,
        relaties: doorlooptijd_relaties,
    },
];

/// The labels of a closed list as fixed rows (zero rows included, in the list's order).
fn vaste_rijen<T: crate::register::Closed>() -> Vec<(Rij, String)> {
    T::ALL
        .iter()
        .map(|v| (Rij::Waarde(v.label().to_string()), v.label().to_string()))
        .collect()
}

fn tevredenheid_rijen() -> Vec<(Rij, String)> {
    vaste_rijen::<crate::register::Tevredenheid>()
}

fn instroom_rijen() -> Vec<(Rij, String)> {
    Instroom::ALL
        .iter()
        .map(|i| (Rij::Instroom(*i), i.label().to_string()))
        .collect()
}

/// The instroom row of the complaints in procedure is that key figure.
fn instroom_relaties() -> Vec<Relatie> {
    let rij = Rij::Instroom(Instroom::InBehandeling);
    vec![Relatie::Gelijk(
        Plaats::cel(TableId::Instroom, rij, Kol::Aantal),
        Plaats::kern(Kerngetal::InBehandeling),
    )]
}

fn doorlooptijd_klassen() -> Vec<(Rij, String)> {
    frame::Klasse::ALL
        .iter()
        .map(|k| (Rij::Doorlooptijd(*k), k.label().to_string()))
        .collect()
}

/// The Lopend row is the open complaints, the other buckets add up to the closed ones.
fn doorlooptijd_relaties() -> Vec<Relatie> {
    let cel = |k| Plaats::cel(TableId::Doorlooptijd, Rij::Doorlooptijd(k), Kol::Aantal);
    vec![
        Relatie::Gelijk(cel(frame::Klasse::Lopend), Plaats::kern(Kerngetal::Lopend)),
        Relatie::Som {
            delen: frame::Klasse::ALL
                .into_iter()
                .filter(|k| k.afgehandeld())
                .map(cel)
                .collect(),
            totaal: Plaats::kern(Kerngetal::Afgehandeld),
        },
    ]
}

/// What every table of one report is counted from.
struct Basis<'a> {
    register: &'a Register,
    periode: Periode,
    /// The day the term figures are measured on, when one is set.
    peildatum: Option<chrono::NaiveDate>,
    /// The report year and the comparison years, newest first.
    years: Vec<i32>,
    frames: frame::Frames<'a>,
    /// The comparison years taken from earlier reports (`[[eerder]]`): years the register
    /// does not have.
    eerder: Vec<&'a eerder::Eerder>,
    /// `[[volume]]`: the rates' denominators (none in a quarterly report).
    volumes: &'a [volume::Volume],
}

impl Basis<'_> {
    /// The year headers of the tables over the years ("2024", or "Q3 2024" in a quarterly
    /// report), with their keys.
    fn headers(&self) -> Vec<(Kol, String)> {
        self.years
            .iter()
            .map(|y| (Kol::Jaar(*y), self.periode.in_jaar(*y).kort()))
            .collect()
    }

    /// A key figure of the period (`vorig`: of the comparison period, when the register
    /// reaches back to it).
    fn kern(&self, naam: Kerngetal, vorig: bool) -> Option<Plaats> {
        match vorig {
            false => Some(Plaats::kern(naam)),
            true => self.vergelijk().then(|| Plaats::kern_vorig(naam)),
        }
    }

    /// Whether the register reaches back to the comparison period.
    fn vergelijk(&self) -> bool {
        self.years.contains(&self.periode.vorig_jaar().jaar)
    }

    /// Clusters or categories by period: a year report by quarter; a quarterly report its
    /// quarter beside the same quarter a year earlier (when the register reaches back).
    ///
    /// The Totaal row of the period's column is the key figure of its population (complaints
    /// in procedure, or deelklachten), and so is the comparison column's; each category's
    /// count in these columns is printed again in the multi-year table.
    fn per_periode(&self, id: TableId, key: Key, order: &[String]) -> Table {
        let f = &self.frames;
        let (jaar, vorig) = (self.periode.jaar, self.periode.vorig_jaar().jaar);
        let mut t = if self.periode.is_kwartaal() {
            let counts = match key {
                Key::Cluster => frame::count_by_pair(f.meerjarig.klachten(), key, Key::Jaar),
                _ => frame::count_by_pair(f.meerjarig.deelklachten(), key, Key::Jaar),
            };
            let mut kolommen = vec![(Kol::Jaar(jaar), self.periode.kort())];
            if self.vergelijk() {
                kolommen.push((Kol::Jaar(vorig), self.periode.vorig_jaar().kort()));
            }
            tabulate::by_columns(id, &relabel_years(self.periode, counts), kolommen, order)
        } else {
            let period_frame = match key {
                Key::Cluster => &f.in_procedure,
                _ => &f.deelklachten,
            };
            let counts = frame::count_by_quarter(period_frame, key);
            tabulate::by_quarter(id, &counts, order)
        };
        // The period's column: the year's Totaal column, or the quarter's own column.
        let periode_kol = match self.periode.is_kwartaal() {
            true => Kol::Jaar(jaar),
            false => Kol::Totaal,
        };
        let mut kolommen = vec![(periode_kol, false)];
        if t.kolom_keys.contains(&Kol::Jaar(vorig)) {
            kolommen.push((Kol::Jaar(vorig), true));
        }
        let populatie = match key {
            Key::Cluster => Kerngetal::InBehandeling,
            _ => Kerngetal::Deelklachten,
        };
        for &(kol, is_vorig) in &kolommen {
            if let Some(kern) = self.kern(populatie, is_vorig) {
                t.totalen.push((kol, kern));
            }
        }
        if key == Key::Categorie && self.meerjarig_tabel() {
            let meer = |rij: &Rij, j| Plaats::cel(TableId::CategorieenMeerjarig, rij.clone(), j);
            let mut links = Vec::new();
            for r in &t.rijen {
                for &(kol, is_vorig) in &kolommen {
                    let j = Kol::Jaar(if is_vorig { vorig } else { jaar });
                    links.push(Relatie::Gelijk(
                        Plaats::cel(id, r.key.clone(), kol),
                        meer(&r.key, j),
                    ));
                }
            }
            t.relaties.extend(links);
        }
        t
    }

    /// Whether the report has the multi-year categories table.
    fn meerjarig_tabel(&self) -> bool {
        self.categorie_jaren().len() > 1
    }

    /// The earlier report's totals of a year, when the year is taken from one.
    fn eerder(&self, jaar: i32) -> Option<&eerder::Eerder> {
        self.eerder.iter().copied().find(|e| e.jaar == jaar)
    }

    /// The years of the multi-year categories table: an earlier report's year only when it
    /// gave its categories.
    fn categorie_jaren(&self) -> Vec<i32> {
        self.years
            .iter()
            .copied()
            .filter(|y| self.eerder(*y).is_none_or(|e| !e.categorieen.is_empty()))
            .collect()
    }

    /// Deelklachten per category over the years; the Totaal row of the period's year and of
    /// the comparison year are those periods' deelklachten.
    fn meerjarig(&self, order: &[String]) -> Table {
        let id = TableId::CategorieenMeerjarig;
        let mut counts = frame::count_by_pair(
            self.frames.meerjarig.deelklachten(),
            Key::Categorie,
            Key::Jaar,
        );
        for e in &self.eerder {
            for (c, n) in &e.categorieen {
                counts.push((Some(c.clone()), e.jaar.to_string(), *n));
            }
        }
        let jaren = self.categorie_jaren();
        let headers: Vec<(Kol, String)> = self
            .headers()
            .into_iter()
            .filter(|(k, _)| matches!(k, Kol::Jaar(y) if jaren.contains(y)))
            .collect();
        let mut t = tabulate::over_years(id, &relabel_years(self.periode, counts), &headers, order);
        for (jaar, vorig) in [(self.periode.jaar, false), (self.periode.jaar - 1, true)] {
            if let Some(kern) = self.kern(Kerngetal::Deelklachten, vorig)
                && t.kolom_keys.contains(&Kol::Jaar(jaar))
            {
                t.totalen.push((Kol::Jaar(jaar), kern));
            }
        }
        t.eerder = headers
            .iter()
            .filter(|(k, _)| matches!(k, Kol::Jaar(y) if self.eerder(*y).is_some()))
            .map(|(_, h)| h.clone())
            .collect();
        t
    }

    /// Complaints in procedure per year; the period's row and the comparison's are those
    /// periods' key figure.
    fn per_jaar(&self) -> Table {
        let id = TableId::KlachtenPerJaar;
        let mut counts: Vec<(Option<String>, u64)> =
            frame::count_by(self.frames.meerjarig.klachten(), Key::Jaar)
                .into_iter()
                .map(|(y, n)| (y.map(|y| year_header(self.periode, y)), n))
                .collect();
        counts.extend(
            self.eerder
                .iter()
                .map(|e| (Some(e.jaar.to_string()), e.in_behandeling)),
        );
        let jaren: Vec<(Rij, String)> = self
            .years
            .iter()
            .map(|y| (Rij::Jaar(*y), self.periode.in_jaar(*y).kort()))
            .collect();
        let mut t = tabulate::distribution(id, &counts, &jaren, AANTAL);
        for (jaar, vorig) in [(self.periode.jaar, false), (self.periode.jaar - 1, true)] {
            if let Some(kern) = self.kern(Kerngetal::InBehandeling, vorig) {
                let cel = Plaats::cel(id, Rij::Jaar(jaar), Kol::Aantal);
                t.relaties.push(Relatie::Gelijk(cel, kern));
            }
        }
        t.eerder = self
            .eerder
            .iter()
            .map(|e| self.periode.in_jaar(e.jaar).kort())
            .collect();
        volume::kolommen(&mut t, self.volumes);
        t
    }

    /// The verdicts: per complaint in procedure, or (one row per deelklacht) per deelklacht.
    /// An open complaint without a verdict yet is Lopend. The Aantal column adds up to the
    /// complaints in procedure, or to the deelklachten.
    fn oordeel(&self) -> Table {
        let lopend = crate::register::Closed::label(crate::register::Afhandeling::Lopend);
        let label = |oordeel: Option<crate::register::Oordeel>, k: &crate::register::Klacht| match (
            oordeel,
            k.datum_afgehandeld,
        ) {
            (Some(o), _) => Some(crate::register::Closed::label(o)),
            (None, None) => Some(lopend),
            (None, Some(_)) => None,
        };
        let mut counts: Vec<(Option<String>, u64)> = Vec::new();
        let mut tel = |l: Option<&str>| match counts.iter_mut().find(|(x, _)| x.as_deref() == l) {
            Some(c) => c.1 += 1,
            None => counts.push((l.map(str::to_string), 1)),
        };
        let per_deelklacht = self.register.rij_per == crate::register::RijPer::Deelklacht;
        for r in &self.frames.in_procedure {
            let k = r.klacht();
            if per_deelklacht {
                for (_, o) in self.register.deelklachten_van(k) {
                    tel(label(o, k));
                }
            } else {
                tel(label(k.oordeel, k));
            }
        }
        let (id, telt, kern) = match per_deelklacht {
            true => (
                TableId::OordeelPerDeelklacht,
                Telt::Deelklachten,
                Kerngetal::Deelklachten,
            ),
            false => (TableId::Oordeel, Telt::Klachten, Kerngetal::InBehandeling),
        };
        let vast = vaste_rijen::<crate::register::Oordeel>();
        let mut t = tabulate::distribution(id, &counts, &vast, MET_BEIDE);
        t.telt = Some(telt);
        t.totalen.push((Kol::Aantal, Plaats::kern(kern)));
        t
    }

    /// One line of [`VERDELINGEN`]: its Aantal column adds up to its population's key figure.
    fn verdeling(&self, v: &Verdeling) -> Table {
        let pop = match v.populatie {
            Populatie::Ontvangen => &self.frames.klachten,
            Populatie::InBehandeling => &self.frames.in_procedure,
        };
        let counts = match (v.key, self.peildatum) {
            // On a peildatum, a complaint closed after it is Lopend.
            (Key::Doorlooptijd, Some(p)) => frame::count_doorlooptijd_op(pop, Some(p)),
            _ => frame::count_by(pop.iter().copied(), v.key),
        };
        let mut t = tabulate::distribution(v.id, &counts, &(v.vast)(), v.shape);
        if v.id == TableId::Tevredenheid {
            t.telt = Some(Telt::Klachten);
        }
        t.totalen
            .push((Kol::Aantal, Plaats::kern(v.populatie.kerngetal())));
        t.relaties = (v.relaties)();
        t
    }
}

/// One table to count.
enum Taak<'s> {
    PerPeriode(TableId, Key, &'s [String]),
    Meerjarig(&'s [String]),
    PerJaar,
    Verdeling(&'static Verdeling),
    Oordeel,
}

impl Basis<'_> {
    fn tel(&self, taak: &Taak<'_>) -> Table {
        match *taak {
            Taak::PerPeriode(id, key, order) => self.per_periode(id, key, order),
            Taak::Meerjarig(order) => self.meerjarig(order),
            Taak::PerJaar => self.per_jaar(),
            Taak::Verdeling(v) => self.verdeling(v),
            Taak::Oordeel => self.oordeel(),
        }
    }
}

/// Computes the figures of a period (a year, or one quarter of it).
///
/// The tables are counted in parallel (each from its own frame, read only), beside the key
/// figures of the period and of the comparison period; the order of the tables is the
/// report's, whatever finishes first.
pub fn compute(register: &Register, periode: Periode, s: &Options) -> Result<Figures> {
    use rayon::prelude::*;
    let (years, gebruikt, mut waarschuwingen) = match periode.is_kwartaal() || s.eerder.is_empty() {
        true => (
            comparison_years(register, periode, s.vergelijk_jaren),
            Vec::new(),
            Vec::new(),
        ),
        false => eerder::jaren(register, periode, s),
    };
    let peildatum = s.peildatum.op(periode, false);
    if let Some(p) = peildatum
        && p < periode.tot_en_met()
    {
        return Err(crate::error::Error::Usage(format!(
            "[termijnen] peildatum: {} ligt vóór het einde van de verslagperiode ({}); kies een datum op of na {} of \"einde_periode\"",
            crate::nl::datum(p),
            crate::nl::datum(periode.tot_en_met()),
            crate::nl::datum(periode.tot_en_met())
        )));
    }
    let frames = crate::profiel::fase("tellen: frames", || frame::build(register, periode, &years));
    let basis = Basis {
        register,
        periode,
        peildatum,
        years,
        frames,
        eerder: gebruikt,
        volumes: match periode.is_kwartaal() {
            true => &[],
            false => &s.volumes,
        },
    };

    let mut taken = Vec::new();
    if register.has(Kolom::Cluster) {
        taken.push(Taak::PerPeriode(
            TableId::KlagersPerClusterKwartaal,
            Key::Cluster,
            &s.clusters,
        ));
    }
    taken.push(Taak::PerPeriode(
        TableId::CategorieenPerKwartaal,
        Key::Categorie,
        &s.categorieen,
    ));
    if basis.meerjarig_tabel() {
        taken.push(Taak::Meerjarig(&s.categorieen));
    }
    taken.push(Taak::PerJaar);
    for v in &VERDELINGEN {
        if register.has(v.kolom) {
            taken.push(Taak::Verdeling(v));
        }
        // The verdicts follow the outcomes.
        if v.id == TableId::Tevredenheid && register.has(Kolom::Oordeel) {
            taken.push(Taak::Oordeel);
        }
    }

    let vorige = periode.vorig_jaar();
    let (mut tabellen, (counts, vergelijking)) = crate::profiel::fase("tellen: tabellen", || {
        rayon::join(
            || {
                taken
                    .par_iter()
                    .map(|t| basis.tel(t))
                    .collect::<Vec<Table>>()
            },
            || {
                rayon::join(
                    || period_counts::count(register, periode, s, peildatum),
                    || {
                        basis.vergelijk().then(|| match basis.eerder(vorige.jaar) {
                            Some(e) => Vergelijking {
                                periode: vorige,
                                kerngetallen: e.kerngetallen(),
                                eerder: Some(e.bekend()),
                            },
                            None => Vergelijking {
                                periode: vorige,
                                kerngetallen: period_counts::count(
                                    register,
                                    vorige,
                                    s,
                                    s.peildatum.op(vorige, true),
                                )
                                .kerngetallen,
                                eerder: None,
                            },
                        })
                    },
                )
            },
        )
    });
    if register.has(Kolom::DatumAfgehandeld) {
        tabellen.push(termijnen::termijnen(register, &counts, s));
    }
    for t in &mut tabellen {
        t.titel = bijschrift::titel(t.id, periode, &t.kolommen, &s.termijnen);
    }
    // `[verslag] routes`: the routes side by side, each with its categories.
    if let Some(kolom) = s.routes {
        if !register.has(kolom.kolom()) {
            return Err(crate::error::Error::Usage(format!(
                "[verslag] routes = \"{}\": het register heeft geen kolom {}; voeg die kolom toe of laat de instelling weg",
                kolom.naam(),
                kolom.naam()
            )));
        }
        let routes = route::tabellen(
            kolom,
            register,
            periode,
            s,
            peildatum,
            &basis.frames,
            &tabellen,
        );
        tabellen.extend(routes);
    }
    // The other signals are a year's totals: a quarterly report has none.
    if !periode.is_kwartaal() {
        tabellen.extend((1u8..).zip(&s.signalen).map(|(n, sg)| sg.table(n)));
    }
    let verhoudingen = volume::verhoudingen(&tabellen, basis.volumes);
    let eerdere_jaren: Vec<eerder::Eerder> = basis.eerder.iter().map(|e| (*e).clone()).collect();
    waarschuwingen.extend(volume::waarschuwingen(basis.volumes, &basis.years, periode));

    let kerngetallen = counts.kerngetallen.clone();
    let mut figures = Figures {
        organisatie: String::new(),
        jaar: periode.jaar,
        periode,
        aantal_klachten: kerngetallen.ontvangen,
        aantal_deelklachten: kerngetallen.deelklachten,
        rij_per: register.rij_per,
        kerngetallen,
        termijnen: termijn::Termijnen {
            peildatum,
            ..s.termijnen
        },
        vergelijking,
        tabellen,
        opvallend: Vec::new(),
        uitgesloten_rijen: register.excluded.clone(),
        samengevoegd: register.samengevoegd.clone(),
        verantwoording: Vec::new(),
        doelen: None,
        met_maatregelkolom: register.has(Kolom::Verbetermaatregel),
        met_verlengdkolom: register.has(Kolom::Verlengd),
        vaste_categorievolgorde: !s.categorieen.is_empty(),
        publiek: None,
        weggelaten: Vec::new(),
        verborgen: Default::default(),
        verborgen_vergelijking: Default::default(),
        relaties: Vec::new(),
        verhoudingen,
        eerdere_jaren,
        waarschuwingen,
    };
    // An earlier report's year gives no afgehandeld and lopend: no sum among them to state.
    figures.relaties = Relatie::tussen_kerngetallen(
        figures
            .vergelijking
            .as_ref()
            .is_some_and(|v| v.eerder.is_none()),
    );
    let mut per_kwartaal = [0u64; 4];
    for k in &counts.in_year {
        per_kwartaal[(k.kwartaal().clamp(1, 4) - 1) as usize] += 1;
    }
    let extra = opvallend::Extra {
        in_year: &counts.in_year,
        per_kwartaal,
        binnen_termijn: counts.binnen_termijn,
        binnen_verlenging: counts.binnen_verlenging,
        termijnen: figures.termijnen,
    };
    figures.opvallend = opvallend::find(&figures, &extra, &s.opvallend)?;
    Ok(figures)
}

#[cfg(test)]
mod tests;
