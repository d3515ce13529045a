//! [`Figures`] -> [`ReportContext`]: the typed value the Typst template reads.
//!
//! Everything the template shows is prepared here as text: Dutch number formatting, row
//! roles, section headings and explanations. The template only places it.

use serde::Serialize;

use crate::error::Result;
use crate::herkomst::Herkomst;
use crate::nl;
use crate::settings::ReportSettings;
use crate::stats::{Cell, Figures, RowKind, Table, TableId};
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
    /// Annex: category descriptions (name, description).
    pub categorieen: Vec<(String, String)>,
    /// Annex: where the figures come from.
    pub colofon: Herkomst,
    /// Key figures as tiles.
    pub kerncijfers: Vec<Kerncijfer>,
    /// Notable findings, one sentence each.
    pub opvallend: Vec<String>,
    /// Tables with numbered captions.
    pub tabellen: Vec<TableContext>,
    /// Data-quality note.
    pub datakwaliteit: String,
    /// Excluded rows (first ones).
    pub uitgesloten: Vec<crate::register::Excluded>,
    /// How many more excluded rows there are.
    pub uitgesloten_meer: usize,
}

/// A key-figure tile.
#[derive(Debug, Serialize)]
pub struct Kerncijfer {
    /// Formatted number.
    pub waarde: String,
    /// What it counts.
    pub label: String,
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
}

/// One bar.
#[derive(Debug, Serialize)]
pub struct Staaf {
    /// Label.
    pub label: String,
    /// Length (count).
    pub waarde: f64,
    /// The number as shown ("1.234").
    pub tekst: String,
}

/// Which tables get a chart, and of which rows: the Totaal column per row (Onbekend and the
/// Totaal row left out), or the single Aantal column.
fn grafiek(t: &Table) -> Option<Grafiek> {
    let (titel, newest_last) = match t.id {
        TableId::CategorieenPerKwartaal => ("Deelklachten per categorie", false),
        TableId::KlagersPerClusterKwartaal => ("Klachten per cluster", false),
        TableId::KlachtenPerJaar => ("Klachten in behandeling per jaar", true),
        TableId::Doorlooptijd => (
            "Doorlooptijd in weken (de wettelijke termijn is 6 weken, met verlenging 10)",
            false,
        ),
        _ => return None,
    };
    let col = if t.has_total_column() {
        t.kolommen.len() - 1
    } else {
        0
    };
    let mut items: Vec<Staaf> = t
        .rijen
        .iter()
        .filter(|r| {
            r.kind == RowKind::Data || (t.id == TableId::Doorlooptijd && r.kind != RowKind::Totaal)
        })
        .map(|r| {
            let n = match r.waarden[col] {
                Cell::Aantal(n) => n,
                Cell::Percentage(_) => 0,
            };
            Staaf {
                label: r.label.clone(),
                waarde: n as f64,
                tekst: nl::getal(n),
            }
        })
        .collect();
    if newest_last {
        items.reverse();
    }
    if items.iter().all(|i| i.waarde == 0.0) {
        return None;
    }
    let alt = format!(
        "Staafdiagram: {}",
        items
            .iter()
            .map(|i| format!("{} {}", i.label, i.tekst))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Some(Grafiek {
        titel: titel.into(),
        alt,
        items,
    })
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

fn section(id: TableId) -> (&'static str, &'static str) {
    // (heading, explanation)
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
            "De wettelijke termijn is zes weken, met verlenging tien. De percentages van de afhandeling gaan over de afgehandelde klachten, die van het eerste contact over de klachten waarbij de datum van het eerste contact is vastgelegd.",
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
    }
}

fn table_context(t: &Table) -> TableContext {
    let (kop, uitleg) = section(t.id);
    TableContext {
        id: t.id.as_str(),
        kop: kop.into(),
        titel: t.titel.clone(),
        uitleg: uitleg.into(),
        kop_label: t.id.label_kop().into(),
        kolommen: t.kolommen.clone(),
        rijen: t
            .rijen
            .iter()
            .map(|r| RowContext {
                label: r.label.clone(),
                cellen: r.waarden.iter().map(format_cell).collect(),
                totaal: r.kind == RowKind::Totaal,
                onbekend: r.kind == RowKind::Onbekend,
            })
            .collect(),
        totaal_kolom: t.has_total_column(),
        grafiek: grafiek(t),
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

/// Builds the context.
pub fn build(
    figures: &Figures,
    settings: &ReportSettings,
    herkomst: &Herkomst,
) -> Result<ReportContext> {
    let k = &figures.kerngetallen;
    let scope = serde_json::to_value(figures).expect("Figures serialises");
    let sj = &settings.sjablonen;
    let inleiding = paragraphs(&templates::render(
        "inleiding",
        sj.inleiding.as_deref().unwrap_or(templates::INLEIDING),
        &scope,
    )?);
    let text = |name: &str, t: &Option<String>| -> Result<Option<Vec<String>>> {
        t.as_ref()
            .map(|t| {
                templates::render(&format!("[teksten] {name}"), t, &scope).map(|s| paragraphs(&s))
            })
            .transpose()
    };
    let voorwoord = text("voorwoord", &settings.teksten.voorwoord)?;
    let kader = match text("kader", &settings.teksten.kader)? {
        Some(k) => k,
        None => paragraphs(&templates::render(
            "kader",
            sj.kader.as_deref().unwrap_or(templates::KADER),
            &scope,
        )?),
    };
    let adviezen = text("adviezen", &settings.teksten.adviezen)?;
    let plannen = text("plannen", &settings.teksten.plannen)?;
    let excluded = &figures.uitgesloten_rijen;
    let datakwaliteit = format!(
        "{} {} uit het register kon{} niet worden meegeteld, omdat er een fout in staat. Hieronder staat waarom; na herstel in het register tellen ze bij een volgende run mee.",
        nl::getal(excluded.len() as u64),
        if excluded.len() == 1 { "rij" } else { "rijen" },
        if excluded.len() == 1 { "" } else { "den" },
    );
    Ok(ReportContext {
        organisatie: figures.organisatie.clone(),
        titel: settings.titel.clone(),
        ondertitel: format!(
            "Klachten, meldingen en hun afhandeling van 1 januari tot en met 31 december {}",
            figures.jaar
        ),
        jaar: figures.jaar,
        auteur: settings.auteur.clone(),
        datum: settings.datum.map(nl::datum),
        kleur: settings.kleur.clone(),
        inleiding,
        voorwoord,
        kader,
        adviezen,
        plannen,
        categorieen: settings.categorieen.clone(),
        colofon: herkomst.clone(),
        kerncijfers: vec![
            Kerncijfer {
                waarde: nl::getal(k.ontvangen),
                label: "ontvangen".into(),
            },
            Kerncijfer {
                waarde: nl::getal(k.in_behandeling),
                label: "in behandeling".into(),
            },
            Kerncijfer {
                waarde: nl::getal(k.deelklachten),
                label: "deelklachten".into(),
            },
        ],
        opvallend: figures.opvallend.iter().map(|b| b.tekst.clone()).collect(),
        tabellen: figures.tabellen.iter().map(table_context).collect(),
        datakwaliteit,
        uitgesloten: excluded.iter().take(MAX_EXCLUDED_LISTED).cloned().collect(),
        uitgesloten_meer: excluded.len().saturating_sub(MAX_EXCLUDED_LISTED),
    })
}
