//! [`Figures`] -> [`ReportContext`]: the typed value the Typst template reads.
//!
//! Everything the template shows is prepared here as text: Dutch number formatting, row
//! roles, section headings and explanations. The template only places it.

use serde::Serialize;

use crate::error::Result;
use crate::herkomst::Herkomst;
use crate::nl;

use super::grafiek::{self, Grafiek};
use super::label::{MAX_LABEL, truncate};
use crate::stats::{Cell, Figures, Kerngetal, Kol, RowKind, Table, bijschrift};
use crate::teksten as templates;

/// How many excluded rows the PDF lists; the JSON always has them all.
const MAX_EXCLUDED_LISTED: usize = 25;

/// The report's data, as the template receives it (JSON in `sys.inputs.data`).
#[derive(Debug, Serialize)]
pub struct ReportContext {
    /// Organisation.
    pub organisatie: String,
    /// Title.
    pub titel: String,
    /// Subtitle on the title page.
    pub ondertitel: String,
    /// Year.
    pub jaar: i32,
    /// The period as a header: "2024" or "Q3 2024".
    pub periode_kort: String,
    /// The period in a sentence: "2024" or "het derde kwartaal van 2024".
    pub periode_naam: String,
    /// The JSON file with every number (named where the PDF lists only the first rows).
    pub json_naam: String,
    /// Author.
    pub auteur: Option<String>,
    /// Report date in words.
    pub datum: Option<String>,
    /// House colour `#rrggbb`.
    pub kleur: String,
    /// Introduction paragraphs.
    pub inleiding: Vec<String>,
    /// Foreword paragraphs from the config.
    pub voorwoord: Option<Vec<String>>,
    /// Legal framework paragraphs (config or default).
    pub kader: Vec<String>,
    /// Advice paragraphs from the config.
    pub adviezen: Option<Vec<String>>,
    /// Plans paragraphs from the config.
    pub plannen: Option<Vec<String>>,
    /// `[[plan]]`: the plans as a list, under *Plannen* after the `plannen` text.
    pub planlijst: Vec<PlanContext>,
    /// The chapter *Doelen JJJJ en resultaat*, when there are goals.
    pub doelen: Option<DoelenContext>,
    /// The chapter *Klachtenregeling*: the verantwoording texts of the config, in order.
    pub klachtenregeling: Vec<TekstSectie>,
    /// How many complaints led to an improvement measure (when the register records it).
    pub maatregelen: Option<String>,
    /// The checklists of the law, item by item (annex *Verantwoording*).
    pub verantwoording: Vec<crate::stats::verantwoording::Regime>,
    /// Annex: category descriptions (name, description).
    pub categorieen: Vec<(String, String)>,
    /// Annex: where the figures come from.
    pub colofon: Herkomst,
    /// Key figures as tiles.
    pub tegels: Vec<Tegel>,
    /// Public version: k of the hidden small numbers.
    pub publiek: Option<u32>,
    /// `--beknopt`: no table of contents and no Verantwoording annex (and no charts: every
    /// table's `grafiek` is left empty).
    pub beknopt: bool,
    /// Public version: titles of the tables left out (too few complaints to protect).
    pub weggelaten: Vec<String>,
    /// Notable findings, one sentence each.
    pub opvallend: Vec<String>,
    /// Tables with numbered captions.
    pub tabellen: Vec<TableContext>,
    /// Opening of the chapter on handling and terms: the terms counted, and the legal ones
    /// beside them when the organisation's differ.
    pub afhandeling_inleiding: String,
    /// Data-quality note.
    pub datakwaliteit: String,
    /// Excluded rows (first ones).
    pub uitgesloten: Vec<crate::register::Excluded>,
    /// Spellings counted as one label ("categorie: 'A' en 'B' → 'B' (14 rijen)").
    pub samengevoegd: Vec<String>,
    /// How many more excluded rows there are.
    pub uitgesloten_meer: usize,
}

/// A section of the chapter *Klachtenregeling*: a config text under its heading.
#[derive(Debug, Serialize)]
pub struct TekstSectie {
    /// Its `[teksten]` key (the report's label is `tekst-<key>`).
    pub sleutel: &'static str,
    /// Heading.
    pub titel: &'static str,
    /// Paragraphs.
    pub alineas: Vec<String>,
}

/// A plan in the list under *Plannen*.
#[derive(Debug, Serialize)]
pub struct PlanContext {
    /// Its title.
    pub titel: String,
    /// Its explanation, in paragraphs (empty when none).
    pub toelichting: Vec<String>,
}

/// The chapter *Doelen JJJJ en resultaat*.
#[derive(Debug, Serialize)]
pub struct DoelenContext {
    /// Heading: "Doelen 2024 en resultaat".
    pub titel: String,
    /// The opening paragraph.
    pub inleiding: String,
    /// The overview: goals per status, with a Totaal row.
    pub tabel: TableContext,
    /// The goals, in order.
    pub items: Vec<DoelContext>,
}

/// One goal in the chapter.
#[derive(Debug, Serialize)]
pub struct DoelContext {
    /// Its title (a heading).
    pub titel: String,
    /// Its status as printed ("Deels behaald", "geen status").
    pub status: String,
    /// What came of it, in paragraphs; `None`: "resultaat niet beschreven".
    pub resultaat: Option<Vec<String>>,
}

/// The chapter of the goals as the template draws it.
fn doelen_context(doelen: &crate::stats::doelen::Doelen, jaar: i32) -> DoelenContext {
    let rij = |label: &str, n: u64, totaal: bool| RowContext {
        label: label.to_string(),
        cellen: vec![nl::getal(n)],
        totaal,
        onbekend: false,
    };
    let mut rijen: Vec<RowContext> = doelen
        .overzicht()
        .into_iter()
        .map(|(label, n)| rij(label, n, false))
        .collect();
    rijen.push(rij("Totaal", doelen.totaal, true));
    DoelenContext {
        titel: format!("Doelen {jaar} en resultaat"),
        inleiding: format!(
            "De doelen voor {jaar} zijn de plannen uit het jaarverslag over {}. Per doel staat hieronder wat er is gedaan, wat het opleverde en of het doel is behaald; de tabel telt de doelen per uitkomst.",
            jaar - 1
        ),
        tabel: TableContext {
            id: "doelen",
            kop: format!("Doelen {jaar}"),
            titel: format!("Doelen {jaar} naar resultaat"),
            uitleg: String::new(),
            kop_label: "Resultaat".into(),
            kolommen: vec!["Aantal".into()],
            rijen,
            totaal_kolom: false,
            grafiek: None,
            hoofdstuk: "doelen",
            leeg: false,
            noot: None,
        },
        items: doelen
            .items
            .iter()
            .map(|d| DoelContext {
                titel: truncate(&d.titel, MAX_LABEL),
                status: d
                    .status
                    .map_or("geen status".to_string(), |s| s.label().to_string()),
                resultaat: d.resultaat.as_deref().map(paragraphs),
            })
            .collect(),
    }
}

/// A key-figure tile.
#[derive(Debug, Serialize)]
pub struct Tegel {
    /// Formatted number.
    pub waarde: String,
    /// What it counts.
    pub label: String,
    /// The same figure a year earlier ("Q3 2023: 38"), when the register reaches back.
    pub vergelijking: Option<String>,
}

/// The tiles on the report's title page.
pub const TEGELS_VERSLAG: [Kerngetal; 3] = [
    Kerngetal::Ontvangen,
    Kerngetal::InBehandeling,
    Kerngetal::Deelklachten,
];

impl Tegel {
    /// A key figure's tile (the report's title page, the web page): its value as every output
    /// shows it ("< 5" in a public version), a short label, and the same figure a year earlier.
    pub fn new(figures: &Figures, k: Kerngetal) -> Tegel {
        let label = match k {
            Kerngetal::Ontvangen => "ontvangen".to_string(),
            Kerngetal::InBehandeling => "in behandeling".to_string(),
            Kerngetal::Deelklachten => "deelklachten".to_string(),
            Kerngetal::Lopend => "lopend".to_string(),
            Kerngetal::BinnenTermijn => format!("binnen {}", figures.termijnen.afhandeling.tekst()),
            other => other.label(&figures.termijnen).to_lowercase(),
        };
        Tegel {
            waarde: figures.kerngetal(k).tekst(),
            label,
            vergelijking: figures.kerngetal_vorig(k).map(|v| {
                let uit_eerder = figures
                    .vergelijking
                    .as_ref()
                    .is_some_and(|v| v.eerder.is_some());
                format!(
                    "{}: {}{}",
                    figures.periode.vorig_jaar().kort(),
                    v.tekst(),
                    if uit_eerder { " (eerder verslag)" } else { "" }
                )
            }),
        }
    }
}

impl Tegel {
    /// The tiles of the rates (`[[volume]]`): the report year's, one per unit, with the
    /// comparison year's beside it ("2,35" / "klachten per 1.000 cliënten" / "2023: 2,80").
    pub fn verhoudingen(figures: &Figures) -> Vec<Tegel> {
        let toon = |v: &crate::stats::volume::Verhoudingsgetal| match v.waarde {
            Cell::Verhouding(x) => crate::stats::volume::tekst(x, v.per),
            other => format_cell(&other),
        };
        let vorig = figures.periode.vorig_jaar();
        figures
            .verhoudingen
            .iter()
            .filter(|v| v.jaar == figures.jaar)
            .map(|v| Tegel {
                waarde: toon(v),
                label: v.label(),
                vergelijking: figures
                    .verhoudingen
                    .iter()
                    .find(|w| w.eenheid == v.eenheid && w.jaar == vorig.jaar)
                    .map(|w| format!("{}: {}", vorig.kort(), toon(w))),
            })
            .collect()
    }
}

/// A table as the template draws it.
#[derive(Debug, Serialize)]
pub struct TableContext {
    /// Contract id.
    pub id: &'static str,
    /// Section heading.
    pub kop: String,
    /// Caption.
    pub titel: String,
    /// Explanation above the table (population).
    pub uitleg: String,
    /// Header of the label column.
    pub kop_label: String,
    /// Column headers.
    pub kolommen: Vec<String>,
    /// Rows with formatted cells.
    pub rijen: Vec<RowContext>,
    /// Last column is a Totaal column (bold).
    pub totaal_kolom: bool,
    /// A bar chart beside the table, where a picture says more.
    pub grafiek: Option<Grafiek>,
    /// Chapter: "cijfers" (who, what, where) or "afhandeling" (outcomes and terms).
    pub hoofdstuk: &'static str,
    /// No data at all: the template says so in one sentence instead of an empty table.
    pub leeg: bool,
    /// A note under the table: which years come from earlier reports (marked `*`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noot: Option<String>,
}

/// A row with formatted cells.
#[derive(Debug, Serialize)]
pub struct RowContext {
    /// Label.
    pub label: String,
    /// Cells, formatted.
    pub cellen: Vec<String>,
    /// The Totaal row.
    pub totaal: bool,
    /// The Onbekend row.
    pub onbekend: bool,
}

fn format_cell(c: &Cell) -> String {
    match c {
        Cell::Aantal(n) => nl::getal(*n),
        Cell::Percentage(p) => nl::procent(*p),
        Cell::Verhouding(x) => nl::decimalen(*x, 2),
        Cell::Geen => "–".into(),
        hidden => hidden.verborgen_tekst().unwrap_or_default(),
    }
}

fn table_context(t: &Table, kleur: &str, f: &Figures, beknopt: bool) -> TableContext {
    let periode = f.periode;
    let (kop, mut uitleg) =
        bijschrift::sectie(t.id, periode, &f.termijnen, f.vaste_categorievolgorde);
    if let Some(zin) = bijschrift::per_deelklacht(t.id, f.rij_per) {
        uitleg = format!("{uitleg} {zin}");
    }
    // A table of the config's own (`[[signaal]]`) has its title as heading and its own text.
    let (kop, uitleg) = match &t.eigen {
        Some(e) => (truncate(&t.titel, MAX_LABEL), e.uitleg.clone()),
        None => (kop.to_string(), uitleg),
    };
    // Rates (`[[volume]]`): say what they divide.
    let uitleg = match t.kolom_keys.iter().any(|k| matches!(k, Kol::Verhouding(_))) {
        true => format!(
            "{uitleg} Het verhoudingsgetal deelt het aantal klachten in behandeling door het aantal van dat jaar dat de organisatie opgeeft; – betekent dat dat aantal niet is opgegeven."
        ),
        false => uitleg,
    };
    // Years from earlier reports carry a `*`, explained under the table.
    let ster = |l: &str| match t.eerder.iter().any(|e| e == l) {
        true => format!("{l}*"),
        false => l.to_string(),
    };
    TableContext {
        id: t.id.as_str(),
        kop,
        titel: t.titel.clone(),
        uitleg,
        kop_label: t.label_kop().into(),
        kolommen: t.kolommen.iter().map(|k| ster(k)).collect(),
        rijen: t
            .rijen
            .iter()
            .map(|r| RowContext {
                label: ster(&truncate(&r.label, MAX_LABEL)),
                cellen: r.waarden.iter().map(format_cell).collect(),
                totaal: r.kind == RowKind::Totaal,
                onbekend: r.kind == RowKind::Onbekend,
            })
            .collect(),
        totaal_kolom: t.has_total_column(),
        grafiek: (!beknopt)
            .then(|| grafiek::grafiek(t, kleur, periode, &f.termijnen, f.met_verlengdkolom))
            .flatten(),
        hoofdstuk: bijschrift::hoofdstuk(t.id),
        // A config table's zeros are its numbers ("0 calamiteiten gemeld"), not missing data.
        leeg: t.eigen.is_none()
            && t.rijen
                .iter()
                .filter(|r| r.kind != RowKind::Totaal)
                .all(|r| {
                    r.waarden
                        .iter()
                        .all(|c| matches!(c, Cell::Aantal(0) | Cell::Percentage(_)))
                }),
        noot: (!t.eerder.is_empty()).then(|| crate::stats::eerder::noot(&t.eerder)),
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(String::from)
        .collect()
}

/// The scope of the report's texts (introduction, kader, `[teksten]`): the figures as every
/// output shows them, with each count and share formatted the Dutch way (`{{
/// kerngetallen.ontvangen }}` → "1.496", `binnen_6_weken_pct` → "75,0%"), and the same
/// values unformatted under `raw` for conditions (`{% if raw.kerngetallen.ontvangen == 1 %}`).
/// Years (`{{ jaar }}`, `{{ jaar + 1 }}`) stay numbers.
pub fn scope(figures: &Figures) -> serde_json::Value {
    use crate::stats::Kerngetal;
    use serde_json::Value;
    let raw = figures.to_value();
    let mut shown = raw.clone();
    for k in Kerngetal::ALL {
        if !k.in_verslag(&figures.kerngetallen) {
            continue;
        }
        shown["kerngetallen"][k.naam()] = Value::String(figures.kerngetal(k).tekst());
        if let Some(v) = figures.kerngetal_vorig(k) {
            shown["vergelijking"]["kerngetallen"][k.naam()] = Value::String(v.tekst());
        }
    }
    // A batch unit's name is part of the organisation ("Zorggroep – Woongroep …"): the texts
    // print it as the PDF does, cut like every label.
    shown["organisatie"] = Value::String(truncate(&figures.organisatie, MAX_LABEL));
    shown["aantal_klachten"] = Value::String(crate::nl::getal(figures.aantal_klachten));
    shown["aantal_deelklachten"] = Value::String(crate::nl::getal(figures.aantal_deelklachten));
    // The counts of the goals (`{{ doelen.behaald }}`), zero when there are none, so a text
    // that names them works with and without the chapter.
    let doelen = figures
        .doelen
        .clone()
        .unwrap_or_else(|| crate::stats::doelen::Doelen::new(Vec::new()));
    let mut raw = raw;
    raw["doelen"] = serde_json::to_value(&doelen).expect("Doelen serialises");
    shown["doelen"] = raw["doelen"].clone();
    for (naam, n) in [
        ("behaald", doelen.behaald),
        ("deels", doelen.deels),
        ("niet", doelen.niet),
        ("loopt_door", doelen.loopt_door),
        ("zonder_status", doelen.zonder_status),
        ("totaal", doelen.totaal),
    ] {
        shown["doelen"][naam] = Value::String(crate::nl::getal(n));
    }
    shown["raw"] = raw;
    shown
}

/// Builds the context.
pub fn build(
    figures: &Figures,
    options: &super::Options,
    herkomst: &Herkomst,
) -> Result<ReportContext> {
    let scope = scope(figures);
    let kern = |k: Kerngetal| figures.kerngetal(k).tekst();
    let sj = &options.sjablonen;
    // One tera context for all of the report's texts.
    let tera = templates::context("inleiding", &scope)?;
    let inleiding = paragraphs(&templates::render_in(
        "inleiding",
        sj.inleiding.as_deref().unwrap_or(templates::INLEIDING),
        &tera,
    )?);
    let text = |name: &str, t: &Option<String>| -> Result<Option<Vec<String>>> {
        t.as_ref()
            .map(|t| {
                templates::render_in(&format!("[teksten] {name}"), t, &tera).map(|s| paragraphs(&s))
            })
            .transpose()
    };
    let voorwoord = text("voorwoord", &options.teksten.voorwoord)?;
    let kader = match text("kader", &options.teksten.kader)? {
        Some(k) => k,
        None => paragraphs(&templates::render_in(
            "kader",
            sj.kader.as_deref().unwrap_or(templates::KADER),
            &tera,
        )?),
    };
    let mut klachtenregeling = Vec::new();
    for (sleutel, titel) in super::TEKSTEN {
        let t = options.teksten.verantwoording(sleutel).cloned();
        if let Some(alineas) = text(sleutel, &t)? {
            klachtenregeling.push(TekstSectie {
                sleutel,
                titel,
                alineas,
            });
        }
    }
    let maatregelen = figures.met_maatregelkolom.then(|| {
        let totaal = kern(Kerngetal::InBehandeling);
        format!(
            "Bij {} van de {totaal} {} in behandeling is een verbetermaatregel vastgelegd. Welke maatregelen dat waren, staat in het register; dit verslag noemt alleen het aantal.",
            kern(Kerngetal::MetVerbetermaatregel),
            if totaal == "1" { "klacht" } else { "klachten" }
        )
    });
    let adviezen = text("adviezen", &options.teksten.adviezen)?;
    let plannen = text("plannen", &options.teksten.plannen)?;
    let mut planlijst = Vec::new();
    for p in &options.plannen {
        let titel = crate::register::normalize::clean(&p.titel);
        let toelichting = match &p.toelichting {
            Some(t) => paragraphs(&templates::render_in(
                &format!("[[plan]] \"{titel}\" toelichting"),
                t,
                &tera,
            )?),
            None => Vec::new(),
        };
        planlijst.push(PlanContext {
            titel: truncate(&titel, MAX_LABEL),
            toelichting,
        });
    }
    let excluded = &figures.uitgesloten_rijen;
    let datakwaliteit = format!(
        "{} {} uit het register kon{} niet worden meegeteld, omdat er een fout in staat. Hieronder staat waarom; na herstel in het register tellen ze bij een volgende run mee.",
        nl::getal(excluded.len() as u64),
        if excluded.len() == 1 { "rij" } else { "rijen" },
        if excluded.len() == 1 { "" } else { "den" },
    );
    let periode = figures.periode;
    let van = nl::datum(periode.van());
    let van = van
        .strip_suffix(&format!(" {}", periode.jaar))
        .unwrap_or(&van);
    let titel = if periode.is_kwartaal() {
        options.titel.replace("Jaarverslag", "Kwartaalrapportage")
    } else {
        options.titel.clone()
    };
    Ok(ReportContext {
        // Both reach the PDF's metadata too, whose strings PDF/A caps at 32,767 characters.
        organisatie: truncate(&figures.organisatie, MAX_LABEL),
        titel: truncate(&titel, MAX_LABEL),
        ondertitel: format!(
            "Klachten, meldingen en hun afhandeling van {van} tot en met {}",
            nl::datum(periode.tot_en_met())
        ),
        jaar: figures.jaar,
        periode_kort: periode.kort(),
        periode_naam: periode.naam(),
        json_naam: format!("cijfers-{}.json", periode.label()),
        auteur: options.auteur.clone(),
        datum: options.datum.map(nl::datum),
        kleur: options.kleur.clone(),
        inleiding,
        voorwoord,
        kader,
        adviezen,
        plannen,
        planlijst,
        doelen: figures
            .doelen
            .as_ref()
            .map(|d| doelen_context(d, figures.jaar)),
        klachtenregeling,
        maatregelen,
        verantwoording: figures.verantwoording.clone(),
        categorieen: options
            .categorieen
            .iter()
            .map(|(n, o)| (truncate(n, MAX_LABEL), truncate(o, 4 * MAX_LABEL)))
            .collect(),
        colofon: herkomst.clone(),
        tegels: TEGELS_VERSLAG
            .iter()
            .map(|k| Tegel::new(figures, *k))
            .chain(Tegel::verhoudingen(figures))
            .collect(),
        opvallend: figures
            .opvallend
            .iter()
            .map(|b| truncate(&b.tekst, 2 * MAX_LABEL))
            .collect(),
        publiek: figures.publiek,
        beknopt: options.beknopt,
        weggelaten: figures
            .weggelaten
            .iter()
            .map(|id| bijschrift::naam(*id).to_string())
            .collect(),
        tabellen: figures
            .tabellen
            .iter()
            .map(|t| table_context(t, &options.kleur, figures, options.beknopt))
            .collect(),
        afhandeling_inleiding: format!(
            "Hoe de klachten zijn afgehandeld en of dat binnen de termijnen gebeurde. {}",
            figures.termijnen.uitleg(&figures.organisatie)
        ),
        datakwaliteit,
        uitgesloten: excluded.iter().take(MAX_EXCLUDED_LISTED).cloned().collect(),
        samengevoegd: figures
            .samengevoegd
            .iter()
            .map(|m| {
                truncate(
                    &format!(
                        "{}: {}",
                        m.kolom.replace('_', " "),
                        crate::register::issue::merge_text(&m.label, &m.spellingen)
                    ),
                    2 * MAX_LABEL,
                )
            })
            .collect(),
        uitgesloten_meer: excluded.len().saturating_sub(MAX_EXCLUDED_LISTED),
    })
}
