//! The bar charts beside the tables: which tables get one, the bars and their colours, and
//! the alt text generated from the data (PDF/UA). The template draws them from these values.

use serde::Serialize;

use super::label::{MAX_LABEL, truncate};
use crate::nl;
use crate::stats::bijschrift;
use crate::stats::frame::Klasse;
use crate::stats::termijn::Termijnen;
use crate::stats::{Cell, Periode, Rij, RowKind, Table, TableId};

/// A bar chart drawn by the template from these values.
#[derive(Debug, Serialize)]
pub struct Grafiek {
    /// Caption ("Figuur N …").
    pub titel: String,
    /// Alt text generated from the data, for screen readers and PDF/UA.
    pub alt: String,
    /// The bars, in display order.
    pub items: Vec<Staaf>,
    /// Legend: (label, colour); empty for a single series.
    pub legenda: Vec<(String, String)>,
}

/// One bar, possibly stacked from parts.
#[derive(Debug, Serialize)]
pub struct Staaf {
    /// Label.
    pub label: String,
    /// The parts' lengths (one part for a plain bar).
    pub delen: Vec<f64>,
    /// The parts' colours.
    pub kleuren: Vec<String>,
    /// The total as shown ("1.234").
    pub tekst: String,
}

/// Longest alt text of a chart.
const MAX_ALT: usize = 4_000;

/// Okabe–Ito colours: told apart with every common kind of colour blindness.
const PALET: [&str; 4] = ["#0072B2", "#E69F00", "#009E73", "#CC79A7"];
/// Doorlooptijd bands: within the legal term, within the extended term, beyond it, open.
const BINNEN: &str = "#0072B2";
const VERLENGD: &str = "#E69F00";
const TE_LAAT: &str = "#D55E00";
const LOPEND: &str = "#999999";

fn count(c: &Cell) -> u64 {
    match c {
        Cell::Aantal(n) => *n,
        Cell::Percentage(_)
        | Cell::Verhouding(_)
        | Cell::Geen
        | Cell::Verborgen(_)
        | Cell::Afgeschermd => 0,
    }
}

/// Which tables get a chart: categories, clusters (stacked by quarter), years, intake,
/// outcomes and the doorlooptijd (coloured by the 6- and 10-week terms). Onbekend and Totaal
/// rows are left out, except Lopend in the doorlooptijd.
///
/// `verlengd`: the register has a `verlengd` column, so the band between the two terms is
/// called the extended one; without it the legend only names the term.
pub(super) fn grafiek(
    t: &Table,
    kleur: &str,
    periode: Periode,
    termijnen: &Termijnen,
    verlengd: bool,
) -> Option<Grafiek> {
    // A bar would show what the public version hides.
    let hidden = Cell::is_verborgen;
    if t.rijen.iter().any(|r| r.waarden.iter().any(hidden)) {
        return None;
    }
    // A year report stacks the clusters' bars by quarter; a quarterly report draws its quarter.
    let stacked = t.id == TableId::KlagersPerClusterKwartaal && !periode.is_kwartaal();
    let banden = DoorlooptijdBanden::new(termijnen, verlengd);
    let titel = bijschrift::grafiek_titel(t.id, periode, stacked, banden.is_some(), termijnen)?;
    let total_col = if t.has_total_column() {
        t.kolommen.len() - 1
    } else {
        0
    };
    let rows = t.rijen.iter().filter(|r| match t.id {
        TableId::Doorlooptijd => r.kind != RowKind::Totaal,
        _ => r.kind == RowKind::Data && count(&r.waarden[total_col]) > 0,
    });
    let mut items: Vec<Staaf> = rows
        .map(|r| {
            let total = count(&r.waarden[total_col]);
            let (delen, kleuren) = if stacked {
                let parts: Vec<f64> = r.waarden[..4].iter().map(|c| count(c) as f64).collect();
                (parts, PALET.iter().map(|c| c.to_string()).collect())
            } else {
                let band = match (t.id, &banden) {
                    (TableId::Doorlooptijd, Some(b)) => b.kleur(&r.key),
                    _ => kleur,
                };
                (vec![total as f64], vec![band.to_string()])
            };
            Staaf {
                label: truncate(&r.label, MAX_LABEL),
                delen,
                kleuren,
                tekst: nl::getal(total),
            }
        })
        .collect();
    if t.id == TableId::KlachtenPerJaar {
        items.reverse();
    }
    if items.iter().all(|i| i.delen.iter().all(|d| *d == 0.0)) {
        return None;
    }
    let legenda: Vec<(String, String)> = match t.id {
        TableId::KlagersPerClusterKwartaal if stacked => t.kolommen[..4]
            .iter()
            .zip(PALET)
            .map(|(q, c)| (q.clone(), c.to_string()))
            .collect(),
        TableId::Doorlooptijd => banden.map(|b| b.legenda()).unwrap_or_default(),
        _ => Vec::new(),
    };
    let describe = |i: &Staaf| {
        if stacked {
            let parts: Vec<String> = t.kolommen[..4]
                .iter()
                .zip(&i.delen)
                .map(|(q, d)| format!("{q} {}", nl::getal(*d as u64)))
                .collect();
            format!("{} {} ({})", i.label, i.tekst, parts.join(", "))
        } else {
            format!("{} {}", i.label, i.tekst)
        }
    };
    let alt = truncate(
        &format!(
            "{}: {}",
            if stacked {
                "Gestapeld staafdiagram per kwartaal"
            } else {
                "Staafdiagram"
            },
            items.iter().map(describe).collect::<Vec<_>>().join(", ")
        ),
        MAX_ALT,
    );
    Some(Grafiek {
        titel,
        alt,
        items,
        legenda,
    })
}

/// How the doorlooptijd chart colours its bars: by the terms, when each term ends on a bucket
/// boundary (2, 4, 6 or 10 weeks); a bucket that a term cuts through cannot be coloured
/// honestly, so then the chart is one colour and the termijnen table tells the shares.
struct DoorlooptijdBanden {
    termijnen: Termijnen,
    /// The register says which complaints had their term extended.
    verlengd: bool,
}

impl DoorlooptijdBanden {
    fn new(termijnen: &Termijnen, verlengd: bool) -> Option<Self> {
        let on_boundary = |d: i64| Klasse::ALL.iter().any(|k| k.tot_en_met() == Some(d));
        (on_boundary(termijnen.afhandeling.dagen()) && on_boundary(termijnen.verlenging.dagen()))
            .then_some(DoorlooptijdBanden {
                termijnen: *termijnen,
                verlengd,
            })
    }

    /// The colour of a bucket's bar, by the row's key (never its label).
    fn kleur(&self, rij: &Rij) -> &'static str {
        let Rij::Doorlooptijd(klasse) = rij else {
            return TE_LAAT;
        };
        if *klasse == Klasse::Lopend {
            return LOPEND;
        }
        match klasse.tot_en_met() {
            Some(g) if g <= self.termijnen.afhandeling.dagen() => BINNEN,
            Some(g) if g <= self.termijnen.verlenging.dagen() => VERLENGD,
            _ => TE_LAAT,
        }
    }

    fn legenda(&self) -> Vec<(String, String)> {
        let t = &self.termijnen;
        let mut out = vec![(format!("binnen {}", t.afhandeling.tekst()), BINNEN)];
        if t.verlenging.dagen() > t.afhandeling.dagen() {
            // "(verlengd)" only when the register records the extensions: without that
            // column a complaint closed in the ninth week may never have been extended.
            let label = match self.verlengd {
                true => format!("binnen {} (verlengd)", t.verlenging.tekst()),
                false => format!("binnen {}", t.verlenging.tekst()),
            };
            out.push((label, VERLENGD));
        }
        out.push((format!("meer dan {}", t.verlenging.tekst()), TE_LAAT));
        out.push(("lopend".into(), LOPEND));
        out.into_iter().map(|(l, c)| (l, c.to_string())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Kol, Rij, Row, tabulate};

    #[test]
    fn alt_text_is_generated_from_the_data() {
        let t = tabulate::by_quarter(
            TableId::KlagersPerClusterKwartaal,
            &[
                (Some("Wonen".into()), [1, 0, 2, 0]),
                (Some("Zorg".into()), [0, 1, 0, 0]),
            ],
            &[],
        );
        let g = grafiek(
            &t,
            "#000000",
            Periode::jaar(2024),
            &Termijnen::default(),
            true,
        )
        .expect("chart");
        assert_eq!(
            g.alt,
            "Gestapeld staafdiagram per kwartaal: Wonen 3 (Q1 1, Q2 0, Q3 2, Q4 0), Zorg 1 (Q1 0, Q2 1, Q3 0, Q4 0)"
        );
        assert_eq!(g.legenda.len(), 4);
    }

    #[test]
    fn no_chart_without_data() {
        let t = Table::new(
            TableId::CategorieenPerKwartaal,
            vec![
                (Kol::Kwartaal(1), "Q1".into()),
                (Kol::Totaal, "Totaal".into()),
            ],
            vec![Row {
                label: "Totaal".into(),
                waarden: vec![Cell::Aantal(0), Cell::Aantal(0)],
                kind: RowKind::Totaal,
                key: Rij::Totaal,
            }],
        );
        assert!(
            grafiek(
                &t,
                "#000000",
                Periode::jaar(2024),
                &Termijnen::default(),
                true
            )
            .is_none()
        );
    }
}
