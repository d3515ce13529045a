//! Opvallende zaken: findings computed from the figures, each as data (kind and numbers) plus a
//! Dutch sentence from a tera template (`report-templates/opvallend/<soort>.tera`, overridable
//! with `[teksten.opvallend] <soort> = "…"`).
//!
//! A finding is only made when it holds for the data: no change against a year that is not in
//! the register, no "largest cluster" with one cluster, nothing for an empty year.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::table::{Cell, RowKind, TableId};
use super::{Figures, Kerngetal, pct};
use crate::error::Result;
use crate::register::Klacht;
use crate::{nl, teksten};

/// A kind of finding; each has a default template
/// (`report-templates/opvallend/<naam>.tera`) that `[teksten.opvallend]` or `--sjablonen`
/// can replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Soort {
    /// Change against the same period a year earlier.
    VeranderingJaar,
    /// A quarter that stands out.
    KwartaalUitschieter,
    /// The cluster with the largest share.
    GrootsteCluster,
    /// The most frequent category.
    MeestVoorkomendeCategorie,
    /// Share closed within the terms.
    BinnenTermijn,
    /// Open complaints past the term.
    LopendOverTermijn,
}

impl Soort {
    /// Every kind, in the order the report lists findings.
    pub const ALL: [Soort; 6] = [
        Soort::VeranderingJaar,
        Soort::KwartaalUitschieter,
        Soort::GrootsteCluster,
        Soort::MeestVoorkomendeCategorie,
        Soort::BinnenTermijn,
        Soort::LopendOverTermijn,
    ];

    /// The name in the config, the template file and the JSON.
    pub fn naam(self) -> &'static str {
        match self {
            Soort::VeranderingJaar => "verandering_jaar",
            Soort::KwartaalUitschieter => "kwartaal_uitschieter",
            Soort::GrootsteCluster => "grootste_cluster",
            Soort::MeestVoorkomendeCategorie => "meest_voorkomende_categorie",
            Soort::BinnenTermijn => "binnen_termijn",
            Soort::LopendOverTermijn => "lopend_over_termijn",
        }
    }

    /// The kind a config key or template file names.
    pub fn van_naam(naam: &str) -> Option<Soort> {
        Soort::ALL.into_iter().find(|s| s.naam() == naam)
    }

    /// The default template.
    pub fn sjabloon(self) -> &'static str {
        match self {
            Soort::VeranderingJaar => {
                include_str!("../../report-templates/opvallend/verandering_jaar.tera")
            }
            Soort::KwartaalUitschieter => {
                include_str!("../../report-templates/opvallend/kwartaal_uitschieter.tera")
            }
            Soort::GrootsteCluster => {
                include_str!("../../report-templates/opvallend/grootste_cluster.tera")
            }
            Soort::MeestVoorkomendeCategorie => {
                include_str!("../../report-templates/opvallend/meest_voorkomende_categorie.tera")
            }
            Soort::BinnenTermijn => {
                include_str!("../../report-templates/opvallend/binnen_termijn.tera")
            }
            Soort::LopendOverTermijn => {
                include_str!("../../report-templates/opvallend/lopend_over_termijn.tera")
            }
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bevinding {
    /// Kind.
    pub soort: Soort,
    /// The numbers (and names) the sentence is made of.
    pub getallen: Map<String, Value>,
    /// The Dutch sentence.
    pub tekst: String,
    /// Where the counts it quotes are printed, so a public version can leave out a finding
    /// that would give a hidden count back.
    #[serde(skip)]
    pub bronnen: Vec<Bron>,
    /// The counts of complaints the sentence quotes (a public version quotes no small one).
    #[serde(skip)]
    pub aantallen: Vec<u64>,
}

/// A printed count a finding quotes.
#[derive(Debug, Clone, PartialEq)]
pub enum Bron {
    /// A table cell: table, row label, column header.
    Cel(TableId, String, String),
    /// A key figure of the period.
    Kerngetal(super::Kerngetal),
}

impl Bron {
    /// Whether the public version hides this count.
    pub fn verborgen(&self, f: &Figures) -> bool {
        match self {
            // A table left out of the public version hides all its cells.
            Bron::Cel(id, rij, kolom) => match f.table(*id) {
                None => f.weggelaten.contains(id),
                Some(t) => {
                    let c = t.kolommen.iter().position(|k| k == kolom);
                    let r = t.rijen.iter().find(|r| &r.label == rij);
                    match (r, c) {
                        (Some(r), Some(c)) => r.waarden[c].is_verborgen(),
                        _ => false,
                    }
                }
            },
            Bron::Kerngetal(k) => f.verborgen.contains_key(k),
        }
    }
}

fn aantal(c: &Cell) -> u64 {
    match c {
        Cell::Aantal(n) => *n,
        Cell::Percentage(_) | Cell::Verborgen(_) | Cell::Afgeschermd => 0,
    }
}

/// A share a sentence quotes, kept as its exact fraction so that it is rounded once: the JSON
/// gets one decimal, the sentence a whole percentage, both from the fraction itself (53 of 226
/// is 23.5 in the JSON and "23%" in the text, never "24%" from rounding 23.5 again).
#[derive(Debug, Clone, Copy)]
enum Aandeel {
    /// `n` of `of`.
    Van(u64, u64),
    /// The change from `prev` to `now`, relative to `prev`.
    Verandering { now: u64, prev: u64 },
}

impl Aandeel {
    /// One decimal, for the JSON.
    fn json(self) -> f64 {
        match self {
            Aandeel::Van(n, of) => pct(n, of),
            Aandeel::Verandering { now, prev } => {
                let sign = if now < prev { -1.0 } else { 1.0 };
                sign * pct(now.abs_diff(prev), prev)
            }
        }
    }

    /// A whole percentage, for the sentence ("23%", "−18%").
    fn tekst(self) -> String {
        match self {
            Aandeel::Van(n, of) => nl::procent_van(n, of),
            Aandeel::Verandering { now, prev } => format!(
                "{}{}",
                if now < prev { "−" } else { "+" },
                nl::procent_van(now.abs_diff(prev), prev)
            ),
        }
    }
}

/// A number or name a finding's sentence is made of. Its kind is declared where the finding
/// is made, so the sentence formats it right and the public version knows which are counts.
#[derive(Debug, Clone)]
enum Getal {
    /// A count of complaints: "1.234"; a public version never quotes a small one.
    Aantal(u64),
    /// A year or a quarter number: plain ("2024").
    Nummer(i64),
    /// A name or a phrase.
    Tekst(String),
    /// Yes or no.
    Ja(bool),
}

impl Getal {
    fn json(&self) -> Value {
        match self {
            Getal::Aantal(n) => json!(n),
            Getal::Nummer(n) => json!(n),
            Getal::Tekst(t) => json!(t),
            Getal::Ja(b) => json!(b),
        }
    }

    /// As the sentence shows it.
    fn shown(&self) -> Value {
        match self {
            Getal::Aantal(n) => Value::String(nl::getal(*n)),
            Getal::Nummer(n) => Value::String(n.to_string()),
            Getal::Tekst(t) => Value::String(t.clone()),
            Getal::Ja(b) => Value::Bool(*b),
        }
    }
}

fn finding(
    soort: Soort,
    getallen: Vec<(&str, Getal)>,
    aandelen: &[(&str, Aandeel)],
    bronnen: Vec<Bron>,
    overrides: &BTreeMap<Soort, String>,
) -> Result<Bevinding> {
    // The sentence's scope: the numbers formatted for it, shares from their exact fraction,
    // and the raw values under `raw.<name>` for conditions.
    let mut raw = Map::new();
    let mut ctx = Map::new();
    for (k, g) in &getallen {
        raw.insert((*k).to_string(), g.json());
        ctx.insert((*k).to_string(), g.shown());
    }
    for (k, a) in aandelen {
        raw.insert((*k).to_string(), json!(a.json()));
        ctx.insert((*k).to_string(), Value::String(a.tekst()));
    }
    ctx.insert("raw".into(), Value::Object(raw.clone()));
    let template = overrides
        .get(&soort)
        .map(String::as_str)
        .unwrap_or(soort.sjabloon());
    let tekst = teksten::render(
        &format!("opvallend/{}", soort.naam()),
        template,
        &Value::Object(ctx),
    )?;
    let aantallen = getallen
        .iter()
        .filter_map(|(_, g)| match g {
            Getal::Aantal(n) => Some(*n),
            _ => None,
        })
        .collect();
    Ok(Bevinding {
        soort,
        getallen: raw,
        tekst: tekst.trim().to_string(),
        bronnen,
        aantallen,
    })
}

/// Inputs that are not in the tables.
pub struct Extra<'a> {
    /// Complaints in procedure received in the year.
    pub in_year: &'a [&'a Klacht],
    /// Complaints per quarter (in procedure).
    pub per_kwartaal: [u64; 4],
    /// Closed complaints closed within the handling term (as counted for the termijnen table).
    pub binnen_termijn: u64,
    /// Closed complaints closed within the extended term.
    pub binnen_verlenging: u64,
    /// The handling and extended terms.
    pub termijnen: super::termijn::Termijnen,
}

/// The column of a by-period table that covers the report period: Totaal in a year report
/// (rows × quarters + Totaal), the first column in a quarterly report (its quarter first).
fn period_column(t: &crate::stats::Table) -> usize {
    if t.has_total_column() {
        t.kolommen.len() - 1
    } else {
        0
    }
}

/// Computes the findings that hold for these figures.
pub fn find(
    f: &Figures,
    extra: &Extra<'_>,
    overrides: &BTreeMap<Soort, String>,
) -> Result<Vec<Bevinding>> {
    let mut out = Vec::new();
    let k = &f.kerngetallen;
    if k.in_behandeling == 0 {
        return Ok(out);
    }
    let vorige = f.periode.vorig_jaar();
    // Change against last year (the same quarter, in a quarterly report), when the register
    // reaches back to it.
    if let Some(t) = f.table(TableId::KlachtenPerJaar) {
        let prev = vorige.kort();
        if let Some(p) = t
            .row(&prev)
            .map(|r| aantal(&r.waarden[0]))
            .filter(|&p| p > 0)
        {
            let now = k.in_behandeling;
            let richting = match now.cmp(&p) {
                std::cmp::Ordering::Greater => "steeg",
                std::cmp::Ordering::Less => "daalde",
                std::cmp::Ordering::Equal => "bleef gelijk",
            };
            out.push(finding(
                Soort::VeranderingJaar,
                vec![
                    ("vorig_jaar", Getal::Nummer(i64::from(f.jaar - 1))),
                    ("vorig_aantal", Getal::Aantal(p)),
                    ("jaar", Getal::Nummer(i64::from(f.jaar))),
                    ("aantal", Getal::Aantal(now)),
                    ("vorige_periode", Getal::Tekst(vorige.naam())),
                    ("periode", Getal::Tekst(f.periode.naam())),
                    ("richting", Getal::Tekst(richting.into())),
                ],
                &[("verandering_pct", Aandeel::Verandering { now, prev: p })],
                vec![
                    Bron::Cel(TableId::KlachtenPerJaar, prev.clone(), "Aantal".into()),
                    Bron::Kerngetal(Kerngetal::InBehandeling),
                ],
                overrides,
            )?);
        }
    }
    // A quarter that stands out: at least 5 complaints and a third above the other quarters'
    // mean (a quarterly report has one quarter).
    let q = extra.per_kwartaal;
    let (imax, &max) = q
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
        .expect("4 quarters");
    let others = (q.iter().sum::<u64>() - max) as f64 / 3.0;
    if !f.periode.is_kwartaal() && max >= 5 && max as f64 >= others * 4.0 / 3.0 {
        let names = super::periode::RANGTELWOORD;
        out.push(finding(
            Soort::KwartaalUitschieter,
            vec![
                ("kwartaal", Getal::Nummer(imax as i64 + 1)),
                ("kwartaal_naam", Getal::Tekst(names[imax].into())),
                ("aantal", Getal::Aantal(max)),
                ("totaal", Getal::Aantal(k.in_behandeling)),
            ],
            &[("aandeel_pct", Aandeel::Van(max, k.in_behandeling))],
            vec![
                Bron::Cel(
                    TableId::KlagersPerClusterKwartaal,
                    super::table::TOTAAL.into(),
                    format!("Q{}", imax + 1),
                ),
                Bron::Kerngetal(Kerngetal::InBehandeling),
            ],
            overrides,
        )?);
    }
    // The cluster with the largest share, when there are at least two known clusters.
    if let Some(t) = f.table(TableId::KlagersPerClusterKwartaal) {
        let known: Vec<_> = t.rijen.iter().filter(|r| r.kind == RowKind::Data).collect();
        let totals: Vec<u64> = known
            .iter()
            .map(|r| aantal(&r.waarden[period_column(t)]))
            .collect();
        if known.iter().zip(&totals).filter(|(_, n)| **n > 0).count() >= 2 {
            let (i, &n) = totals
                .iter()
                .enumerate()
                .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))
                .expect("two");
            out.push(finding(
                Soort::GrootsteCluster,
                vec![
                    ("cluster", Getal::Tekst(known[i].label.clone())),
                    ("aantal", Getal::Aantal(n)),
                    ("totaal", Getal::Aantal(k.in_behandeling)),
                ],
                &[("aandeel_pct", Aandeel::Van(n, k.in_behandeling))],
                vec![
                    Bron::Cel(
                        t.id,
                        known[i].label.clone(),
                        t.kolommen[period_column(t)].clone(),
                    ),
                    Bron::Kerngetal(Kerngetal::InBehandeling),
                ],
                overrides,
            )?);
        }
    }
    // The most frequent category, with last year's count when the register has last year.
    if let Some(t) = f.table(TableId::CategorieenPerKwartaal) {
        let best = t
            .rijen
            .iter()
            .filter(|r| r.kind == RowKind::Data)
            .map(|r| (r, aantal(&r.waarden[period_column(t)])))
            .filter(|(_, n)| *n > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.label.cmp(&a.0.label)));
        if let Some((row, n)) = best {
            let mut g = vec![
                ("categorie", Getal::Tekst(row.label.clone())),
                ("aantal", Getal::Aantal(n)),
                ("totaal", Getal::Aantal(k.deelklachten)),
            ];
            let prev = vorige.kort();
            let mut bronnen = vec![
                Bron::Cel(
                    t.id,
                    row.label.clone(),
                    t.kolommen[period_column(t)].clone(),
                ),
                Bron::Kerngetal(Kerngetal::Deelklachten),
            ];
            if let Some(m) = f.table(TableId::CategorieenMeerjarig)
                && let Some(col) = m.kolommen.iter().position(|c| *c == prev)
                && let Some(r) = m.row(&row.label)
            {
                g.push(("vorig_jaar", Getal::Nummer(i64::from(f.jaar - 1))));
                g.push(("vorige_periode", Getal::Tekst(vorige.naam())));
                g.push(("vorig_aantal", Getal::Aantal(aantal(&r.waarden[col]))));
                bronnen.push(Bron::Cel(m.id, r.label.clone(), prev.clone()));
            }
            out.push(finding(
                Soort::MeestVoorkomendeCategorie,
                g,
                &[("aandeel_pct", Aandeel::Van(n, k.deelklachten))],
                bronnen,
                overrides,
            )?);
        }
    }
    // Share closed within the handling term (the organisation's, or the legal one).
    let t = &extra.termijnen;
    if k.afgehandeld > 0 {
        out.push(finding(
            Soort::BinnenTermijn,
            vec![
                ("afgehandeld", Getal::Aantal(k.afgehandeld)),
                ("binnen_termijn", Getal::Aantal(extra.binnen_termijn)),
                ("binnen_verlenging", Getal::Aantal(extra.binnen_verlenging)),
                ("termijn", Getal::Tekst(t.afhandeling.tekst())),
                ("termijn_naam", Getal::Tekst(t.naam())),
                ("verlenging", Getal::Tekst(t.verlenging.tekst())),
                ("wettelijk", Getal::Ja(t.wettelijk)),
            ],
            &[
                (
                    "binnen_termijn_pct",
                    Aandeel::Van(extra.binnen_termijn, k.afgehandeld),
                ),
                (
                    "binnen_verlenging_pct",
                    Aandeel::Van(extra.binnen_verlenging, k.afgehandeld),
                ),
            ],
            vec![
                Bron::Kerngetal(Kerngetal::Afgehandeld),
                Bron::Kerngetal(Kerngetal::BinnenTermijn),
                Bron::Kerngetal(Kerngetal::BinnenVerlenging),
            ],
            overrides,
        )?);
    }
    // Open complaints already past the term at the end of the report period (not "today":
    // the report must not depend on the day it is made).
    let peildatum = f.periode.tot_en_met();
    let over = extra
        .in_year
        .iter()
        .filter(|k| k.datum_afgehandeld.is_none())
        .filter(|k| (peildatum - k.datum_ontvangst).num_days() > t.afhandeling.dagen())
        .count() as u64;
    if over > 0 {
        out.push(finding(
            Soort::LopendOverTermijn,
            vec![
                ("aantal", Getal::Aantal(over)),
                ("termijn", Getal::Tekst(t.afhandeling.tekst())),
                ("termijn_naam", Getal::Tekst(t.naam())),
                ("peildatum", Getal::Tekst(nl::datum(peildatum))),
            ],
            &[],
            vec![Bron::Kerngetal(Kerngetal::Lopend)],
            overrides,
        )?);
    }
    Ok(out)
}
