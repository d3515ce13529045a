//! The page and the error page: typed values rendered by tera, which escapes every value for
//! HTML (the templates end in `.html`), so nothing from a register or a form reaches the page
//! as markup.

use std::sync::LazyLock;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use std::collections::BTreeMap;

use super::{BatchStatus, Sessie};
use crate::register::{Checked, IssueKind, Kolom, Register, Severity};
use crate::report::context::Tegel;
use crate::stats::Kerngetal;

/// Problems shown in the page's table (all of them are in the CLI's `controleer`).
const MAX_PROBLEMEN: usize = 500;

/// The tiles on the page: the report's, and how many were closed in time and are still open.
const TEGELS_PAGINA: [Kerngetal; 5] = [
    Kerngetal::Ontvangen,
    Kerngetal::InBehandeling,
    Kerngetal::Deelklachten,
    Kerngetal::BinnenTermijn,
    Kerngetal::Lopend,
];

/// The templates, parsed once; autoescaped by their `.html` names.
static TERA: LazyLock<Result<tera::Tera, String>> = LazyLock::new(|| {
    let mut t = tera::Tera::default();
    t.add_raw_templates([
        (
            "pagina.html",
            include_str!("../../report-templates/web/pagina.html"),
        ),
        (
            "fout.html",
            include_str!("../../report-templates/web/fout.html"),
        ),
    ])
    .map_err(|e| crate::error::causes(&e).join(": "))?;
    Ok(t)
});

fn render(template: &str, value: &impl Serialize) -> Result<String, String> {
    let tera = TERA.as_ref().map_err(Clone::clone)?;
    let context = tera::Context::from_serialize(value).map_err(|e| e.to_string())?;
    tera.render(template, &context)
        .map_err(|e| crate::error::causes(&e).join(": "))
}

/// The page: the form's choices, the check, the report, the batch.
#[derive(Serialize)]
struct Pagina<'a> {
    sessie: Option<&'a str>,
    /// The token the page's forms carry.
    formulier: &'a str,
    #[serde(flatten)]
    keuzes: Option<Keuzes<'a>>,
}

/// What the session chose in the form, and what came of it.
#[derive(Serialize)]
struct Keuzes<'a> {
    fout: Option<&'a str>,
    bestanden: Vec<&'a str>,
    config_naam: &'a str,
    /// Whether a config file was uploaded (else the page's choices start from none).
    config_geupload: bool,
    organisatie: Option<&'a str>,
    kleur: &'a str,
    periode: &'a str,
    publiek: bool,
    beknopt: bool,
    /// A logo is in the config (written there by the page or uploaded with it).
    logo: bool,
    /// Errors at fields, by the field's id-safe name (`teksten_voorwoord`).
    fouten: BTreeMap<String, String>,
    /// What the last change did.
    melding: Option<&'a super::Melding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    batch: Option<BatchStatus>,
    #[serde(flatten)]
    controle: Option<Controle<'a>>,
}

/// The check of the register.
#[derive(Serialize)]
struct Controle<'a> {
    problemen: Vec<Probleem<'a>>,
    problemen_meer: usize,
    fouten_n: usize,
    waarschuwingen: usize,
    samenvatting: String,
    per_jaar: Vec<(i32, usize)>,
    geen_verslag: Option<&'a str>,
    kolommen: Kolommen,
    waarden: Vec<Waarde>,
    /// Spellings of an open list counted as one label, each of which can be kept apart.
    samengevoegd: Vec<Samengevoegd>,
    instellingen: super::instellingen::Instellingen,
    /// The placeholders the texts can use, each with its value in this report.
    placeholders: Vec<(&'static str, String)>,
    kolommen_per: Vec<&'static str>,
    #[serde(flatten)]
    verslag: Option<Verslag<'a>>,
}

/// One row of the problems' table: a message, and the rows that have it.
#[derive(Serialize)]
struct Probleem<'a> {
    bestand: String,
    blad: Option<&'a str>,
    /// "14", or "3, 7, 12 en 25 andere".
    rij: Option<String>,
    kolom: Option<&'a str>,
    melding: String,
    ernst: &'static str,
}

/// The column mapping of step 2.
#[derive(Serialize)]
struct Kolommen {
    /// A required column is missing: the mapping is opened and comes first.
    open: bool,
    /// Every contract column with its header and choice.
    rijen: Vec<Kolomrij>,
    /// Every header of the files, for the choices.
    koppen: Vec<String>,
    /// Headers no contract column reads.
    niet_gelezen: Vec<String>,
}

/// One contract column in the mapping.
#[derive(Serialize)]
struct Kolomrij {
    naam: &'static str,
    verplicht: bool,
    /// The header it was read from, if any.
    gevonden: Option<String>,
    /// The header chosen in the config, or suggested for a missing required column.
    keuze: String,
}

/// An unknown value of a list, with how often it occurs and what it can become.
#[derive(Serialize)]
struct Waarde {
    lijst: &'static str,
    waarde: String,
    /// The value as shown: a long one shortened with "…" (the form keeps it whole).
    toon: String,
    rijen: usize,
    /// Open list (categorie, cluster): can become a term of its own.
    open: bool,
    opties: Vec<String>,
}

/// Spellings counted as one label.
#[derive(Serialize)]
struct Samengevoegd {
    kolom: &'static str,
    /// The label, shortened with "…" when long.
    label: String,
    /// (spelling, rows, the spelling shortened with "…" when long).
    spellingen: Vec<(String, u64, String)>,
}

/// The report made.
#[derive(Serialize)]
struct Verslag<'a> {
    klein: Vec<String>,
    k: u32,
    tegels: Vec<Tegel>,
    periode_naam: String,
    pdf_naam: &'a str,
    pagina_s: usize,
    verantwoording: Vec<Ontbreekt>,
    /// Goals without a result or status.
    doelen_open: Vec<String>,
    /// The period has no complaint: which periods have.
    lege_periode: Option<String>,
}

/// A checklist item the report does not cover yet, and the box that covers it.
#[derive(Serialize)]
struct Ontbreekt {
    tekst: String,
    veld: Option<String>,
}

/// The element id of a field of the page, by its form name (`teksten.voorwoord` →
/// `v-teksten-voorwoord`): where the page goes after a change with an error.
pub(super) fn veld_id(naam: &str) -> String {
    format!("v-{}", naam.replace('.', "-"))
}

/// Each placeholder with what it prints in this report.
fn plaatshouders(figures: &crate::stats::Figures) -> Vec<(&'static str, String)> {
    let scope = crate::report::context::scope(figures);
    crate::teksten::context("plaatshouders", &scope)
        .map(|c| crate::teksten::voorbeelden(&c))
        .unwrap_or_default()
}

/// A field's name as the page labels it, for the message after a change.
pub(super) fn veld_label(veld: &str) -> String {
    if let Some(sleutel) = veld.strip_prefix("teksten.") {
        let titel = crate::report::TEKSTEN
            .iter()
            .find(|(k, _)| *k == sleutel)
            .map(|(_, t)| *t);
        return titel
            .unwrap_or(match sleutel {
                "voorwoord" => "Voorwoord",
                "adviezen" => "Adviezen",
                "plannen" => "Plannen",
                "kader" => "Wettelijk kader",
                other => other,
            })
            .to_string();
    }
    match veld {
        "logo" => "Logo",
        "periode" => "Periode",
        "organisatie.kleur" => "Huiskleur",
        "verslag.datum" => "Datum van het verslag",
        "verslag.vergelijk_jaren" => "Eerdere jaren in de vergelijking",
        "privacy.kleine_aantallen" => "Kleine aantallen",
        "regimes" => "Verantwoording volgens",
        "termijnen.afhandeling" => "Afhandeltermijn",
        "termijnen.verlenging" => "Verlengde termijn",
        "termijnen.eerste_contact_werkdagen" => "Eerste contact",
        "cat" => "Categorieën",
        "clu" => "Clusters",
        "termijnen.noemer" => "Percentages binnen de termijn van",
        "termijnen.peildatum" => "Peildatum",
        "vol" => "Aantallen per jaar (verhoudingsgetallen)",
        "eer" => "Eerdere jaren uit eerdere verslagen",
        "sig" => "Andere signalen",
        other => other,
    }
    .to_string()
}

/// Where a field stands on the page, for going to the first field with an error.
pub(super) fn volgorde(veld: &str) -> usize {
    const VOLGORDE: [&str; 15] = [
        "teksten.",
        "organisatie.",
        "logo",
        "verslag.datum",
        "periode",
        "privacy.",
        "verslag.",
        "regimes",
        "termijnen.",
        "cat",
        "clu",
        "vol",
        "eer",
        "sig",
        "e.",
    ];
    let tekst = crate::report::TEKSTEN
        .iter()
        .position(|(k, _)| veld == format!("teksten.{k}"))
        .map_or(0, |i| i + 1);
    VOLGORDE
        .iter()
        .position(|p| veld.starts_with(p))
        .unwrap_or(VOLGORDE.len())
        * 100
        + tekst
}

/// The page for a session (or the empty form).
pub(super) fn pagina(id: Option<&str>, sessie: Option<&Sessie>, start_formulier: &str) -> Response {
    let pagina = Pagina {
        sessie: sessie.and(id),
        formulier: sessie.map_or(start_formulier, |s| s.formulier.as_str()),
        keuzes: sessie.map(keuzes),
    };
    match render("pagina.html", &pagina) {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(e) => foutpagina(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Interne fout",
            &format!("De pagina kon niet worden opgebouwd: {e}"),
        ),
    }
}

fn keuzes(s: &Sessie) -> Keuzes<'_> {
    let i = &s.invoer;
    let mut fouten: BTreeMap<String, String> = BTreeMap::new();
    if let Some(u) = &s.uitkomst {
        for (k, v) in &u.veldfouten {
            fouten.insert(k.replace('.', "_"), v.clone());
        }
    }
    for (k, (_, v)) in &s.invoerfouten {
        fouten.insert(k.replace('.', "_"), v.clone());
    }
    Keuzes {
        fout: s.fout.as_deref(),
        bestanden: i.registers.iter().map(|(n, _)| n.as_str()).collect(),
        config_naam: &i.config_naam,
        config_geupload: i.config_geupload,
        organisatie: i.config.get_str(&["organisatie", "naam"]),
        kleur: i
            .config
            .get_str(&["organisatie", "kleur"])
            .unwrap_or(crate::report::DEFAULT_KLEUR),
        periode: &i.periode,
        publiek: i.publiek,
        beknopt: i.beknopt,
        logo: i
            .config
            .get_str(&["organisatie", "logo"])
            .is_some_and(|l| l.starts_with("data:")),
        fouten,
        melding: s.melding.as_ref(),
        batch: s.batch.as_ref().map(|b| b.status()),
        controle: s.uitkomst.as_deref().map(|u| controle(s, u)),
    }
}

/// The lists whose values the config can map (`[waarden.<lijst>]`).
const WAARDENLIJSTEN: [Kolom; 8] = [
    Kolom::Klager,
    Kolom::Kanaal,
    Kolom::Soort,
    Kolom::Regeling,
    Kolom::Afhandeling,
    Kolom::Zorgrelatie,
    Kolom::Tevredenheid,
    Kolom::Oordeel,
];

fn kolommen(s: &Sessie, checked: &Checked<Register>) -> Kolommen {
    let register = &checked.value;
    let mut koppen: Vec<String> = Vec::new();
    for kop in register.kopregels.values().flatten() {
        if !koppen.contains(kop) {
            koppen.push(kop.clone());
        }
    }
    let mut missing = BTreeMap::new();
    for p in &checked.issues {
        if let IssueKind::MissingColumn {
            name,
            found,
            suggestion,
        } = &p.kind
        {
            missing.insert(*name, suggestion.clone());
            for kop in found {
                if !koppen.contains(kop) {
                    koppen.push(kop.clone());
                }
            }
        }
    }
    let gevonden = |k: Kolom| {
        register
            .koppen
            .iter()
            .filter(|((_, c), _)| *c == k)
            .map(|(_, h)| h.clone())
            .min()
    };
    // Free text never reaches a report: the omschrijving is no choice for another column.
    let regels = crate::register::HeaderRules::default();
    koppen.retain(|h| regels.column_of(h) != Some(Kolom::Omschrijving));
    let gelezen: Vec<&String> = register.koppen.values().collect();
    let niet_gelezen: Vec<String> = koppen
        .iter()
        .filter(|h| !gelezen.contains(h))
        .filter(|h| Kolom::by_name(h) != Some(Kolom::Omschrijving))
        .cloned()
        .collect();
    // One required column missing and one header of the file unused: that is the suggestion.
    let enige = match (missing.len(), niet_gelezen.as_slice()) {
        (1, [enige]) if missing.values().all(Option::is_none) => Some(enige),
        _ => None,
    };
    let rijen: Vec<Kolomrij> = Kolom::ALL
        .iter()
        .filter(|k| k.is_read())
        .map(|&k| Kolomrij {
            naam: k.name(),
            verplicht: Kolom::REQUIRED.contains(&k),
            gevonden: gevonden(k),
            keuze: s
                .invoer
                .config
                .get_str(&["kolommen", k.name()])
                .map(str::to_string)
                .or_else(|| missing.get(k.name()).cloned().flatten())
                .or_else(|| enige.filter(|_| missing.contains_key(k.name())).cloned())
                .unwrap_or_default(),
        })
        .collect();
    Kolommen {
        open: !missing.is_empty(),
        rijen,
        koppen,
        niet_gelezen,
    }
}

fn waarden(s: &Sessie, checked: &Checked<Register>) -> Vec<Waarde> {
    let mut out: Vec<Waarde> = Vec::new();
    for p in &checked.issues {
        let (kolom, raw, opties, open) = match &p.kind {
            IssueKind::UnknownValue {
                kolom,
                raw,
                allowed,
            } if WAARDENLIJSTEN.contains(kolom) => (*kolom, raw, allowed.clone(), false),
            IssueKind::NotInVocabulary { kolom, raw } => {
                let opties = s
                    .invoer
                    .config
                    .terms(kolom.name())
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect();
                (*kolom, raw, opties, true)
            }
            _ => continue,
        };
        match out
            .iter_mut()
            .find(|w| w.lijst == kolom.name() && w.waarde == *raw)
        {
            Some(w) => w.rijen += 1,
            None => out.push(Waarde {
                lijst: kolom.name(),
                toon: crate::register::issue::shorten(raw),
                waarde: raw.clone(),
                rijen: 1,
                open,
                opties,
            }),
        }
    }
    out
}

/// For each Verantwoording text, what the checklists of this report ask of it ("Jeugdwet art.
/// 4.3.1 onder d: korte beschrijving van de klachtenregeling").
fn gevraagd(u: &super::Uitkomst) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in u
        .verslag
        .iter()
        .flat_map(|v| v.figures.verantwoording.iter())
        .flat_map(|r| r.items.iter())
    {
        if let Some(t) = &item.tekst {
            out.entry(t.clone())
                .or_default()
                .push(format!("{} ({})", item.verwijzing, item.kort));
        }
    }
    out
}

/// A problem as the page words it: where the command line names the config key that fixes it,
/// the page points to its own table that does.
fn melding_pagina(kind: &IssueKind) -> String {
    let tekst = kind.to_string();
    match kind {
        IssueKind::MissingColumn { suggestion, .. } => {
            let basis = tekst.split("; bedoelt u").next().unwrap_or(&tekst);
            match suggestion {
                Some(s) => {
                    format!("{basis}; bedoelt u \"{s}\"? Kies die hierboven bij Kolommen koppelen")
                }
                None => format!("{basis}; kies hierboven bij Kolommen koppelen welke kolom het is"),
            }
        }
        IssueKind::UnknownValue { kolom, .. } if WAARDENLIJSTEN.contains(kolom) => tekst.replace(
            "; of voeg een alias toe in de configuratie onder [waarden])",
            "; of kies hierboven bij Onbekende waarden wat het is)",
        ),
        IssueKind::NotInVocabulary { .. } => {
            format!("{tekst} (of kies hierboven bij Onbekende waarden wat het is)")
        }
        _ => tekst,
    }
}

/// The problems' table: the first [`MAX_PROBLEMEN`] problems, those with the same message in
/// the same file and column as one row with their row numbers.
fn problemen(checked: &Checked<Register>) -> Vec<Probleem<'_>> {
    let mut rijen: Vec<(Probleem<'_>, Vec<u32>)> = Vec::new();
    // (bestand, blad, kolom, melding) → its row in the table.
    type Sleutel<'a> = (String, Option<&'a str>, Option<&'a str>, String);
    let mut index: std::collections::HashMap<Sleutel<'_>, usize> = std::collections::HashMap::new();
    for p in checked.issues.iter().take(MAX_PROBLEMEN) {
        let probleem = Probleem {
            bestand: crate::register::file_name(&p.at.file),
            blad: p.at.sheet.as_deref(),
            rij: None,
            kolom: p.at.column.as_deref(),
            melding: melding_pagina(&p.kind),
            ernst: if p.severity == Severity::Fout {
                "fout"
            } else {
                "waarschuwing"
            },
        };
        let key = (
            probleem.bestand.clone(),
            probleem.blad,
            probleem.kolom,
            probleem.melding.clone(),
        );
        let i = *index.entry(key).or_insert_with(|| {
            rijen.push((probleem, Vec::new()));
            rijen.len() - 1
        });
        if let Some(r) = p.at.row {
            rijen[i].1.push(r);
        }
    }
    rijen
        .into_iter()
        .map(|(mut p, r)| {
            p.rij = match r.len() {
                0 => None,
                1..=4 => Some(r.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
                n => Some(format!(
                    "{} en {} andere",
                    r[..3]
                        .iter()
                        .map(u32::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                    n - 3
                )),
            };
            p
        })
        .collect()
}

fn controle<'a>(s: &'a Sessie, u: &'a super::Uitkomst) -> Controle<'a> {
    let checked = &u.checked;
    Controle {
        problemen: problemen(checked),
        problemen_meer: checked.issues.len().saturating_sub(MAX_PROBLEMEN),
        fouten_n: checked.count(Severity::Fout),
        waarschuwingen: checked.count(Severity::Waarschuwing),
        samenvatting: checked.samenvatting(),
        per_jaar: checked.value.per_jaar().into_iter().collect(),
        geen_verslag: u.geen_verslag.as_deref(),
        kolommen: kolommen(s, checked),
        waarden: waarden(s, checked),
        samengevoegd: checked
            .value
            .samengevoegd
            .iter()
            .map(|m| Samengevoegd {
                kolom: m.kolom,
                label: crate::register::issue::shorten(&m.label),
                spellingen: m
                    .spellingen
                    .iter()
                    .map(|(sp, n)| (sp.clone(), *n, crate::register::issue::shorten(sp)))
                    .collect(),
            })
            .collect(),
        instellingen: super::instellingen::lezen(
            &s.invoer,
            &s.invoerfouten,
            &checked.value,
            u.periode.map(|p| p.jaar),
            &gevraagd(u),
        ),
        placeholders: u
            .verslag
            .as_ref()
            .map(|v| plaatshouders(&v.figures))
            .unwrap_or_default(),
        kolommen_per: crate::batch::kolommen()
            .into_iter()
            .filter(|k| Kolom::by_name(k).is_some_and(|kol| checked.value.has(kol)))
            .collect(),
        verslag: u.verslag.as_ref().map(|v| verslag(u, v)),
    }
}

fn verslag<'a>(u: &super::Uitkomst, v: &'a crate::verslag::Rendered) -> Verslag<'a> {
    let f = &v.figures;
    let k = u.settings.stats.kleine_aantallen;
    Verslag {
        // In a public version nothing small is printed, so the list is empty.
        klein: crate::stats::privacy::small_cells(f, k)
            .iter()
            .take(50)
            .map(|c| c.to_string())
            .collect(),
        k,
        tegels: TEGELS_PAGINA
            .iter()
            .map(|k| {
                let mut t = Tegel::new(f, *k);
                // Beside each other on the page, "in behandeling" and "lopend" read as two
                // kinds of open complaints: say what each counts.
                match k {
                    Kerngetal::InBehandeling => t.label = "in behandeling genomen".into(),
                    Kerngetal::Lopend => t.label = "nog niet afgehandeld".into(),
                    _ => {}
                }
                t
            })
            .collect(),
        periode_naam: f.periode.naam(),
        lege_periode: u
            .periode
            .and_then(|p| crate::verslag::lege_periode(&u.checked.value, p)),
        pdf_naam: &v.files[0].0,
        pagina_s: v.pages,
        doelen_open: f
            .doelen
            .iter()
            .flat_map(|d| d.items.iter())
            .filter(|d| d.actie.is_some())
            .map(|d| {
                format!(
                    "doel \"{}\": {}",
                    d.titel,
                    if d.resultaat.is_none() {
                        "resultaat niet beschreven"
                    } else {
                        "geen status"
                    }
                )
            })
            .collect(),
        verantwoording: ontbreekt(f),
    }
}

/// What the checklists still miss: one line per text box (named as the box is labelled, with
/// every article it answers), then the items no text covers.
fn ontbreekt(f: &crate::stats::Figures) -> Vec<Ontbreekt> {
    let mut per_vak: Vec<(String, Vec<String>)> = Vec::new();
    let mut overig = Vec::new();
    for i in f
        .verantwoording
        .iter()
        .flat_map(|r| r.items.iter())
        .filter(|i| !i.gedekt)
    {
        match &i.tekst {
            Some(t) => {
                let artikel = format!("{} ({})", i.verwijzing, i.kort);
                match per_vak.iter_mut().find(|(k, _)| k == t) {
                    Some((_, a)) => a.push(artikel),
                    None => per_vak.push((t.clone(), vec![artikel])),
                }
            }
            None => overig.push(Ontbreekt {
                tekst: format!("{} ({}) ontbreekt", i.verwijzing, i.kort),
                veld: None,
            }),
        }
    }
    per_vak
        .into_iter()
        .map(|(t, artikelen)| {
            let veld = format!("teksten.{t}");
            Ontbreekt {
                tekst: format!(
                    "«{}» ontbreekt: {}",
                    veld_label(&veld),
                    crate::nl::opsomming(&artikelen)
                ),
                veld: Some(veld_id(&veld)),
            }
        })
        .chain(overig)
        .collect()
}

/// The error page: a Dutch title and text, with a status.
pub(super) fn foutpagina(status: StatusCode, titel: &str, tekst: &str) -> Response {
    // Should the template itself fail, the text still reaches the user, as plain text.
    // Without the token every page is refused: a link back to the start would lead here again.
    let terug = status != StatusCode::FORBIDDEN;
    let (html, body) = match fout_html(titel, tekst, terug) {
        Ok(body) => ("text/html; charset=utf-8", body),
        Err(_) => ("text/plain; charset=utf-8", format!("{titel}\n\n{tekst}")),
    };
    (status, [(header::CONTENT_TYPE, html)], body).into_response()
}

/// The error page's HTML.
fn fout_html(titel: &str, tekst: &str, terug: bool) -> Result<String, String> {
    #[derive(Serialize)]
    struct Fout<'a> {
        titel: &'a str,
        tekst: &'a str,
        terug: bool,
    }
    render(
        "fout.html",
        &Fout {
            titel,
            tekst,
            terug,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_error_page_escapes_what_it_shows() {
        let html = fout_html(
            "Fout & <b>titel</b>",
            "bestand \"<script>x</script>\"",
            true,
        )
        .unwrap();
        assert!(
            html.contains("<h1>Fout &amp; &lt;b&gt;titel&lt;&#x2F;b&gt;</h1>"),
            "{html}"
        );
        assert!(
            html.contains("<p>bestand &quot;&lt;script&gt;x&lt;&#x2F;script&gt;&quot;</p>"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
    }

    #[test]
    fn the_empty_form_renders() {
        let pagina = Pagina {
            sessie: None,
            formulier: "f",
            keuzes: None,
        };
        let html = render("pagina.html", &pagina).unwrap();
        assert!(html.contains("1. Register kiezen"), "{html}");
        assert!(!html.contains("2. Controle</h2>"), "{html}");
    }
}
