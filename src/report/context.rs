//! [`Figures`] -> [`ReportContext`]: the typed value the Typst template reads.
//!
//! Everything the template shows is prepared here as text: Dutch number formatting, row
//! roles, section headings and explanations. The template only places it.

use serde::Serialize;

use crate::error::Result;
use crate::herkomst::Herkomst;
use crate::nl;

use crate::stats::termijn::Termijnen;
use crate::stats::{Cell, Figures, Kerngetal, Periode, RowKind, Table, TableId};
use crate::teksten as templates;

/// Longest label the PDF prints; longer ones are cut with "…" (the JSON and XLSX keep them).
/// A PDF/A string holds at most 32,767 characters, and a 100,000-character label in a table
/// helps no reader.
const MAX_LABEL: usize = 300;
/// Longest alt text of a chart.
const MAX_ALT: usize = 4_000;

/// Cuts a text to `max` characters, marking the cut.
fn kort(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

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
    pub kerncijfers: Vec<Kerncijfer>,
    /// Public version: k of the hidden small numbers.
    pub publiek: Option<u32>,
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

/// A key-figure tile.
#[derive(Debug, Serialize)]
pub struct Kerncijfer {
    /// Formatted number.
    pub waarde: String,
    /// What it counts.
    pub label: String,
    /// The same figure a year earlier ("Q3 2023: 38"), when the register reaches back.
    pub vergelijking: Option<String>,
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
}

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
        Cell::Percentage(_) | Cell::Verborgen(_) | Cell::Afgeschermd => 0,
    }
}

/// Which tables get a chart: categories, clusters (stacked by quarter), years, intake,
/// outcomes and the doorlooptijd (coloured by the 6- and 10-week terms). Onbekend and Totaal
/// rows are left out, except Lopend in the doorlooptijd.
fn grafiek(t: &Table, kleur: &str, periode: Periode, termijnen: &Termijnen) -> Option<Grafiek> {
    // A bar would show what the public version hides.
    let hidden = Cell::is_verborgen;
    if t.rijen.iter().any(|r| r.waarden.iter().any(hidden)) {
        return None;
    }
    // A year report stacks the clusters' bars by quarter; a quarterly report draws its quarter.
    let stacked = t.id == TableId::KlagersPerClusterKwartaal && !periode.is_kwartaal();
    let per_cluster = format!("Klachten per cluster in {}", periode.kort());
    let banden = DoorlooptijdBanden::new(termijnen);
    let doorlooptijd = match &banden {
        Some(_) => format!(
            "Doorlooptijd in weken, gekleurd naar {} termijnen van {} en {}",
            if termijnen.wettelijk {
                "de wettelijke"
            } else {
                "de eigen"
            },
            termijnen.afhandeling.tekst(),
            termijnen.verlenging.tekst()
        ),
        None => "Doorlooptijd in weken".to_string(),
    };
    let titel = match t.id {
        TableId::CategorieenPerKwartaal => "Deelklachten per categorie",
        TableId::KlagersPerClusterKwartaal if stacked => "Klachten per cluster en kwartaal",
        TableId::KlagersPerClusterKwartaal => &per_cluster,
        TableId::KlachtenPerJaar => "Klachten in behandeling per jaar",
        TableId::Doorlooptijd => &doorlooptijd,
        TableId::Instroom => "Instroom",
        TableId::Afhandeling => "Afhandeling van de klachten",
        _ => return None,
    };
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
                    (TableId::Doorlooptijd, Some(b)) => b.kleur(&r.label),
                    _ => kleur,
                };
                (vec![total as f64], vec![band.to_string()])
            };
            Staaf {
                label: kort(&r.label, MAX_LABEL),
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
    let alt = kort(
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
        titel: titel.into(),
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
}

/// The doorlooptijd buckets and their upper bounds in days (`>10` and Lopend have none).
const KLASSE_GRENS: [(&str, i64); 4] = [("0-2", 14), ("2-4", 28), ("4-6", 42), ("6-10", 70)];

impl DoorlooptijdBanden {
    fn new(termijnen: &Termijnen) -> Option<Self> {
        let on_boundary = |d: i64| KLASSE_GRENS.iter().any(|(_, g)| *g == d);
        (on_boundary(termijnen.afhandeling.dagen()) && on_boundary(termijnen.verlenging.dagen()))
            .then_some(DoorlooptijdBanden {
                termijnen: *termijnen,
            })
    }

    fn kleur(&self, klasse: &str) -> &'static str {
        if klasse == "Lopend" {
            return LOPEND;
        }
        match KLASSE_GRENS.iter().find(|(k, _)| *k == klasse) {
            Some((_, g)) if *g <= self.termijnen.afhandeling.dagen() => BINNEN,
            Some((_, g)) if *g <= self.termijnen.verlenging.dagen() => VERLENGD,
            _ => TE_LAAT,
        }
    }

    fn legenda(&self) -> Vec<(String, String)> {
        let t = &self.termijnen;
        let mut out = vec![(format!("binnen {}", t.afhandeling.tekst()), BINNEN)];
        if t.verlenging.dagen() > t.afhandeling.dagen() {
            out.push((
                format!("binnen {} (verlengd)", t.verlenging.tekst()),
                VERLENGD,
            ));
        }
        out.push((format!("meer dan {}", t.verlenging.tekst()), TE_LAAT));
        out.push(("lopend".into(), LOPEND));
        out.into_iter().map(|(l, c)| (l, c.to_string())).collect()
    }
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

/// (heading, explanation) of a table's section; a quarterly report speaks of its quarter.
fn section(id: TableId, periode: Periode, termijnen: &Termijnen) -> (&'static str, String) {
    let (kop, uitleg) = section_text(id);
    if id == TableId::Termijnen {
        return (
            kop,
            format!(
                "Gemeten aan {}, met verlenging {}. {uitleg}",
                termijnen.naam(),
                termijnen.verlenging.tekst()
            ),
        );
    }
    if !periode.is_kwartaal() {
        return (kop, uitleg.to_string());
    }
    let uitleg = match id {
        TableId::KlagersPerClusterKwartaal => "Het aantal klachten in behandeling per cluster in dit kwartaal en, waar het register zo ver teruggaat, in hetzelfde kwartaal een jaar eerder. Meldingen en niet-ontvankelijke klachten tellen hier niet mee.".to_string(),
        TableId::CategorieenPerKwartaal => format!("{uitleg} Naast dit kwartaal staat hetzelfde kwartaal een jaar eerder."),
        TableId::CategorieenMeerjarig => "De deelklachten per categorie in dit kwartaal en hetzelfde kwartaal in de jaren ervoor, gesorteerd op het totaal over die jaren.".to_string(),
        TableId::KlachtenPerJaar => "Het aantal klachten in behandeling in dit kwartaal en hetzelfde kwartaal in de jaren ervoor.".to_string(),
        TableId::Instroom => "Alles wat in het kwartaal binnenkwam: klachten die in behandeling zijn genomen, klachten die niet ontvankelijk waren en meldingen.".to_string(),
        // The other explanations do not name the period.
        _ => uitleg.to_string(),
    };
    (kop, uitleg)
}

fn section_text(id: TableId) -> (&'static str, &'static str) {
    match id {
        TableId::KlagersPerClusterKwartaal => (
            "Klagers per cluster",
            "Het aantal klachten in behandeling per cluster, naar het kwartaal waarin de klacht binnenkwam. Meldingen en niet-ontvankelijke klachten tellen hier niet mee.",
        ),
        TableId::CategorieenPerKwartaal => (
            "Waar gingen de klachten over",
            "Eén klacht kan over meer onderwerpen gaan: elke vastgelegde categorie telt als een deelklacht. Daardoor is het totaal hier hoger dan het aantal klachten.",
        ),
        TableId::CategorieenMeerjarig => (
            "Categorieën over de jaren",
            "De deelklachten per categorie in het verslagjaar en de jaren ervoor, gesorteerd op het totaal over die jaren.",
        ),
        TableId::KlachtenPerJaar => (
            "Klachten per jaar",
            "Het aantal klachten in behandeling in het verslagjaar en de jaren ervoor.",
        ),
        TableId::Afhandeling => (
            "Afhandeling",
            "Hoe de klachten in behandeling zijn afgehandeld. Klachten die nog niet zijn afgerond staan als Lopend.",
        ),
        TableId::Regeling => ("Regeling", "Onder welke wet de klacht viel."),
        TableId::Zorgrelatie => (
            "Zorgrelatie",
            "Of de zorgrelatie nog liep toen de klacht werd ingediend.",
        ),
        TableId::SoortZorg => (
            "Soort zorg",
            "De klachten in behandeling naar de soort zorg waarover ze gingen.",
        ),
        TableId::Kanaal => ("Kanaal", "Hoe de klachten binnenkwamen."),
        TableId::Doorlooptijd => (
            "Doorlooptijd",
            "De tijd van ontvangst tot afhandeling in weken (kalenderdagen gedeeld door 7). Klachten die nog niet zijn afgehandeld staan als Lopend.",
        ),
        TableId::Termijnen => (
            "Termijnen",
            "De percentages van de afhandeling gaan over de afgehandelde klachten, die van het eerste contact over de klachten waarbij de datum van het eerste contact is vastgelegd.",
        ),
        TableId::KlagersPerType => (
            "Wie dienden een klacht in",
            "De klachten in behandeling naar wie de klacht indiende.",
        ),
        TableId::Instroom => (
            "Instroom",
            "Alles wat in het verslagjaar binnenkwam: klachten die in behandeling zijn genomen, klachten die niet ontvankelijk waren en meldingen.",
        ),
    }
}

fn format_cell(c: &Cell) -> String {
    match c {
        Cell::Aantal(n) => nl::getal(*n),
        Cell::Percentage(p) => nl::procent(*p),
        hidden => hidden.verborgen_tekst().unwrap_or_default(),
    }
}

fn table_context(t: &Table, kleur: &str, f: &Figures) -> TableContext {
    let periode = f.periode;
    let (kop, uitleg) = section(t.id, periode, &f.termijnen);
    TableContext {
        id: t.id.as_str(),
        kop: kop.into(),
        titel: t.titel.clone(),
        uitleg,
        kop_label: t.id.label_kop().into(),
        kolommen: t.kolommen.clone(),
        rijen: t
            .rijen
            .iter()
            .map(|r| RowContext {
                label: kort(&r.label, MAX_LABEL),
                cellen: r.waarden.iter().map(format_cell).collect(),
                totaal: r.kind == RowKind::Totaal,
                onbekend: r.kind == RowKind::Onbekend,
            })
            .collect(),
        totaal_kolom: t.has_total_column(),
        grafiek: grafiek(t, kleur, periode, &f.termijnen),
        hoofdstuk: match t.id {
            TableId::Afhandeling | TableId::Doorlooptijd | TableId::Termijnen => "afhandeling",
            _ => "cijfers",
        },
        leeg: t
            .rijen
            .iter()
            .filter(|r| r.kind != RowKind::Totaal)
            .all(|r| {
                r.waarden
                    .iter()
                    .all(|c| matches!(c, Cell::Aantal(0) | Cell::Percentage(_)))
            }),
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
        shown["kerngetallen"][k.naam()] = Value::String(figures.kerngetal(k).tekst());
        if let Some(v) = figures.kerngetal_vorig(k) {
            shown["vergelijking"]["kerngetallen"][k.naam()] = Value::String(v.tekst());
        }
    }
    shown["aantal_klachten"] = Value::String(crate::nl::getal(figures.aantal_klachten));
    shown["aantal_deelklachten"] = Value::String(crate::nl::getal(figures.aantal_deelklachten));
    shown["raw"] = raw;
    shown
}

/// Builds the context.
pub fn build(
    figures: &Figures,
    settings: &super::Options,
    herkomst: &Herkomst,
) -> Result<ReportContext> {
    let scope = scope(figures);
    let kern = |k: Kerngetal| figures.kerngetal(k).tekst();
    let sj = &settings.sjablonen;
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
    let voorwoord = text("voorwoord", &settings.teksten.voorwoord)?;
    let kader = match text("kader", &settings.teksten.kader)? {
        Some(k) => k,
        None => paragraphs(&templates::render_in(
            "kader",
            sj.kader.as_deref().unwrap_or(templates::KADER),
            &tera,
        )?),
    };
    let mut klachtenregeling = Vec::new();
    for (sleutel, titel) in super::TEKSTEN {
        let t = settings.teksten.verantwoording(sleutel).cloned();
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
    let adviezen = text("adviezen", &settings.teksten.adviezen)?;
    let plannen = text("plannen", &settings.teksten.plannen)?;
    let excluded = &figures.uitgesloten_rijen;
    let datakwaliteit = format!(
        "{} {} uit het register kon{} niet worden meegeteld, omdat er een fout in staat. Hieronder staat waarom; na herstel in het register tellen ze bij een volgende run mee.",
        nl::getal(excluded.len() as u64),
        if excluded.len() == 1 { "rij" } else { "rijen" },
        if excluded.len() == 1 { "" } else { "den" },
    );
    let periode = figures.periode;
    let tegel = |k: Kerngetal, label: &str| Kerncijfer {
        waarde: kern(k),
        label: label.into(),
        vergelijking: figures
            .kerngetal_vorig(k)
            .map(|v| format!("{}: {}", periode.vorig_jaar().kort(), v.tekst())),
    };
    let van = nl::datum(periode.van());
    let van = van
        .strip_suffix(&format!(" {}", periode.jaar))
        .unwrap_or(&van);
    let titel = if periode.is_kwartaal() {
        settings.titel.replace("Jaarverslag", "Kwartaalrapportage")
    } else {
        settings.titel.clone()
    };
    Ok(ReportContext {
        organisatie: figures.organisatie.clone(),
        titel,
        ondertitel: format!(
            "Klachten, meldingen en hun afhandeling van {van} tot en met {}",
            nl::datum(periode.tot_en_met())
        ),
        jaar: figures.jaar,
        periode_kort: periode.kort(),
        periode_naam: periode.naam(),
        json_naam: format!("cijfers-{}.json", periode.label()),
        auteur: settings.auteur.clone(),
        datum: settings.datum.map(nl::datum),
        kleur: settings.kleur.clone(),
        inleiding,
        voorwoord,
        kader,
        adviezen,
        plannen,
        klachtenregeling,
        maatregelen,
        verantwoording: figures.verantwoording.clone(),
        categorieen: settings
            .categorieen
            .iter()
            .map(|(n, o)| (kort(n, MAX_LABEL), kort(o, 4 * MAX_LABEL)))
            .collect(),
        colofon: herkomst.clone(),
        kerncijfers: vec![
            tegel(Kerngetal::Ontvangen, "ontvangen"),
            tegel(Kerngetal::InBehandeling, "in behandeling"),
            tegel(Kerngetal::Deelklachten, "deelklachten"),
        ],
        opvallend: figures
            .opvallend
            .iter()
            .map(|b| kort(&b.tekst, 2 * MAX_LABEL))
            .collect(),
        publiek: figures.publiek,
        weggelaten: figures
            .weggelaten
            .iter()
            .map(|id| id.titel().to_string())
            .collect(),
        tabellen: figures
            .tabellen
            .iter()
            .map(|t| table_context(t, &settings.kleur, figures))
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
                kort(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{Row, tables};

    #[test]
    fn alt_text_is_generated_from_the_data() {
        let t = tables::by_quarter(
            TableId::KlagersPerClusterKwartaal,
            &[
                (Some("Wonen".into()), [1, 0, 2, 0]),
                (Some("Zorg".into()), [0, 1, 0, 0]),
            ],
            &[],
        );
        let g = grafiek(&t, "#000000", Periode::jaar(2024), &Termijnen::default()).expect("chart");
        assert_eq!(
            g.alt,
            "Gestapeld staafdiagram per kwartaal: Wonen 3 (Q1 1, Q2 0, Q3 2, Q4 0), Zorg 1 (Q1 0, Q2 1, Q3 0, Q4 0)"
        );
        assert_eq!(g.legenda.len(), 4);
    }

    #[test]
    fn no_chart_without_data() {
        let t = Table {
            id: TableId::CategorieenPerKwartaal,
            titel: String::new(),
            kolommen: vec!["Q1".into(), "Totaal".into()],
            rijen: vec![Row {
                label: "Totaal".into(),
                waarden: vec![Cell::Aantal(0), Cell::Aantal(0)],
                kind: RowKind::Totaal,
            }],
        };
        assert!(grafiek(&t, "#000000", Periode::jaar(2024), &Termijnen::default()).is_none());
    }
}
