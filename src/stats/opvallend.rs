//! Opvallende zaken: findings computed from the figures, each as data (kind and numbers) plus a
//! Dutch sentence from a tera template (`report-templates/opvallend/<soort>.tera`, overridable
//! with `[teksten.opvallend] <soort> = "…"`).
//!
//! A finding is only made when it holds for the data: no change against a year that is not in
//! the register, no "largest cluster" with one cluster, nothing for an empty year.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::table::{Cell, Kol, Plaats, Rij, RowKind, TableId};
use super::termijn::Noemer;
use super::{Figures, Kerngetal, pct};
use crate::error::Result;
use crate::register::Klacht;
use crate::{nl, teksten};

/// A kind of finding; each has a default template
/// (`report-templates/opvallend/<naam>.tera`) that `[teksten.opvallend]` or `--sjablonen`
/// can replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
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

impl FindingKind {
    /// Every kind, in the order the report lists findings.
    pub const ALL: [FindingKind; 6] = [
        FindingKind::VeranderingJaar,
        FindingKind::KwartaalUitschieter,
        FindingKind::GrootsteCluster,
        FindingKind::MeestVoorkomendeCategorie,
        FindingKind::BinnenTermijn,
        FindingKind::LopendOverTermijn,
    ];

    /// The name in the config, the template file and the JSON.
    pub fn naam(self) -> &'static str {
        match self {
            FindingKind::VeranderingJaar => "verandering_jaar",
            FindingKind::KwartaalUitschieter => "kwartaal_uitschieter",
            FindingKind::GrootsteCluster => "grootste_cluster",
            FindingKind::MeestVoorkomendeCategorie => "meest_voorkomende_categorie",
            FindingKind::BinnenTermijn => "binnen_termijn",
            FindingKind::LopendOverTermijn => "lopend_over_termijn",
        }
    }

    /// The kind a config key or template file names.
    pub fn van_naam(naam: &str) -> Option<FindingKind> {
        FindingKind::ALL.into_iter().find(|s| s.naam() == naam)
    }

    /// The default template.
    pub fn sjabloon(self) -> &'static str {
        match self {
            FindingKind::VeranderingJaar => {
                include_str!("../../report-templates/opvallend/verandering_jaar.tera")
            }
            FindingKind::KwartaalUitschieter => {
                include_str!("../../report-templates/opvallend/kwartaal_uitschieter.tera")
            }
            FindingKind::GrootsteCluster => {
                include_str!("../../report-templates/opvallend/grootste_cluster.tera")
            }
            FindingKind::MeestVoorkomendeCategorie => {
                include_str!("../../report-templates/opvallend/meest_voorkomende_categorie.tera")
            }
            FindingKind::BinnenTermijn => {
                include_str!("../../report-templates/opvallend/binnen_termijn.tera")
            }
            FindingKind::LopendOverTermijn => {
                include_str!("../../report-templates/opvallend/lopend_over_termijn.tera")
            }
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bevinding {
    /// Kind.
    pub soort: FindingKind,
    /// The numbers (and names) the sentence is made of.
    pub getallen: Map<String, Value>,
    /// The Dutch sentence.
    pub tekst: String,
    /// Where the counts it quotes are printed, so a public version can leave out a finding
    /// that would give a hidden count back.
    #[serde(skip)]
    pub bronnen: Vec<Plaats>,
    /// The counts of complaints the sentence quotes (a public version quotes no small one).
    #[serde(skip)]
    pub aantallen: Vec<u64>,
}

/// Whether the public version hides a count a finding quotes: a hidden cell, a cell of a
/// table left out, or a hidden key figure. Found by typed keys, never by printed text.
pub fn verborgen(plaats: &Plaats, f: &Figures) -> bool {
    match plaats {
        Plaats::Cel { tabel, rij, kolom } => match f.table(*tabel) {
            // A table left out of the public version hides all its cells.
            None => f.weggelaten.contains(tabel),
            Some(t) => t
                .cel(rij, *kolom)
                .is_some_and(|(r, c)| t.rijen[r].waarden[c].is_verborgen()),
        },
        Plaats::Kern { naam, .. } => f.verborgen.contains_key(naam),
    }
}

fn aantal(c: &Cell) -> u64 {
    match c {
        Cell::Aantal(n) => *n,
        Cell::Percentage(_)
        | Cell::Verhouding(_)
        | Cell::Geen
        | Cell::Verborgen(_)
        | Cell::Afgeschermd => 0,
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
    soort: FindingKind,
    getallen: Vec<(&str, Getal)>,
    aandelen: &[(&str, Aandeel)],
    bronnen: Vec<Plaats>,
    overrides: &BTreeMap<FindingKind, String>,
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
    overrides: &BTreeMap<FindingKind, String>,
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
        let prev_row = t.rijen.iter().find(|r| r.key == Rij::Jaar(vorige.jaar));
        if let Some(p) = prev_row.map(|r| aantal(&r.waarden[0])).filter(|&p| p > 0) {
            let now = k.in_behandeling;
            let richting = match now.cmp(&p) {
                std::cmp::Ordering::Greater => "steeg",
                std::cmp::Ordering::Less => "daalde",
                std::cmp::Ordering::Equal => "bleef gelijk",
            };
            out.push(finding(
                FindingKind::VeranderingJaar,
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
                    Plaats::cel(
                        TableId::KlachtenPerJaar,
                        Rij::Jaar(vorige.jaar),
                        t.kolom_keys[0],
                    ),
                    Plaats::kern(Kerngetal::InBehandeling),
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
            FindingKind::KwartaalUitschieter,
            vec![
                ("kwartaal", Getal::Nummer(imax as i64 + 1)),
                ("kwartaal_naam", Getal::Tekst(names[imax].into())),
                ("aantal", Getal::Aantal(max)),
                ("totaal", Getal::Aantal(k.in_behandeling)),
            ],
            &[("aandeel_pct", Aandeel::Van(max, k.in_behandeling))],
            vec![
                Plaats::cel(
                    TableId::KlagersPerClusterKwartaal,
                    Rij::Totaal,
                    Kol::Kwartaal(imax as u8 + 1),
                ),
                Plaats::kern(Kerngetal::InBehandeling),
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
                FindingKind::GrootsteCluster,
                vec![
                    ("cluster", Getal::Tekst(known[i].label.clone())),
                    ("aantal", Getal::Aantal(n)),
                    ("totaal", Getal::Aantal(k.in_behandeling)),
                ],
                &[("aandeel_pct", Aandeel::Van(n, k.in_behandeling))],
                vec![
                    Plaats::cel(t.id, known[i].key.clone(), t.kolom_keys[period_column(t)]),
                    Plaats::kern(Kerngetal::InBehandeling),
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
            let mut bronnen = vec![
                Plaats::cel(t.id, row.key.clone(), t.kolom_keys[period_column(t)]),
                Plaats::kern(Kerngetal::Deelklachten),
            ];
            if let Some(m) = f.table(TableId::CategorieenMeerjarig)
                && let Some(col) = m
                    .kolom_keys
                    .iter()
                    .position(|c| *c == Kol::Jaar(vorige.jaar))
                && let Some(r) = m.rijen.iter().find(|r| r.key == row.key)
            {
                g.push(("vorig_jaar", Getal::Nummer(i64::from(f.jaar - 1))));
                g.push(("vorige_periode", Getal::Tekst(vorige.naam())));
                g.push(("vorig_aantal", Getal::Aantal(aantal(&r.waarden[col]))));
                bronnen.push(Plaats::cel(m.id, r.key.clone(), Kol::Jaar(vorige.jaar)));
            }
            out.push(finding(
                FindingKind::MeestVoorkomendeCategorie,
                g,
                &[("aandeel_pct", Aandeel::Van(n, k.deelklachten))],
                bronnen,
                overrides,
            )?);
        }
    }
    // Share closed within the handling term (the organisation's, or the legal one).
    // Of the closed complaints (the contract), or of every complaint in procedure
    // (`[termijnen] noemer`); the sentence says which, and the day measured on when one is set.
    let t = &extra.termijnen;
    if k.afgehandeld > 0 {
        let mut getallen = vec![
            ("afgehandeld", Getal::Aantal(k.afgehandeld)),
            ("binnen_termijn", Getal::Aantal(extra.binnen_termijn)),
            ("binnen_verlenging", Getal::Aantal(extra.binnen_verlenging)),
            ("termijn", Getal::Tekst(t.afhandeling.tekst())),
            ("termijn_naam", Getal::Tekst(t.naam())),
            ("verlenging", Getal::Tekst(t.verlenging.tekst())),
            ("wettelijk", Getal::Ja(t.wettelijk)),
        ];
        let mut bronnen = vec![
            Plaats::kern(Kerngetal::Afgehandeld),
            Plaats::kern(Kerngetal::BinnenTermijn),
            Plaats::kern(Kerngetal::BinnenVerlenging),
        ];
        let noemer = match t.noemer {
            Noemer::Afgehandeld => k.afgehandeld,
            Noemer::InBehandeling => {
                getallen.push(("noemer", Getal::Tekst("in_behandeling".into())));
                getallen.push(("in_behandeling", Getal::Aantal(k.in_behandeling)));
                bronnen.push(Plaats::kern(Kerngetal::InBehandeling));
                k.in_behandeling
            }
        };
        if let Some(p) = t.peildatum {
            getallen.push(("peildatum", Getal::Tekst(nl::datum(p))));
        }
        out.push(finding(
            FindingKind::BinnenTermijn,
            getallen,
            &[
                (
                    "binnen_termijn_pct",
                    Aandeel::Van(extra.binnen_termijn, noemer),
                ),
                (
                    "binnen_verlenging_pct",
                    Aandeel::Van(extra.binnen_verlenging, noemer),
                ),
            ],
            bronnen,
            overrides,
        )?);
    }
    // Open complaints already past the term at the end of the report period (not "today":
    // the report must not depend on the day it is made), or on the peildatum when one is set
    // (then a complaint closed after it was still open on it).
    let peildatum = t.peildatum.unwrap_or(f.periode.tot_en_met());
    let over = extra
        .in_year
        .iter()
        .filter(|k| super::termijn::afgehandeld_op(k.datum_afgehandeld, t.peildatum).is_none())
        .filter(|k| (peildatum - k.datum_ontvangst).num_days() > t.afhandeling.dagen())
        .count() as u64;
    if over > 0 {
        out.push(finding(
            FindingKind::LopendOverTermijn,
            vec![
                ("aantal", Getal::Aantal(over)),
                ("termijn", Getal::Tekst(t.afhandeling.tekst())),
                ("termijn_naam", Getal::Tekst(t.naam())),
                ("peildatum", Getal::Tekst(nl::datum(peildatum))),
            ],
            &[],
            vec![Plaats::kern(Kerngetal::Lopend)],
            overrides,
        )?);
    }
    Ok(out)
}
