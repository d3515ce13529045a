//! The page and the error page: typed values rendered by tera, which escapes every value for
//! HTML (the templates end in `.html`), so nothing from a register or a form reaches the page
//! as markup.

use std::sync::LazyLock;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use std::collections::BTreeMap;

mod controle;

use controle::{Kolommen, Probleem, Samengevoegd, Waarde};

use super::{BatchStatus, Sessie};
use crate::register::{Kolom, Severity};
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
            include_str!("../../../report-templates/web/pagina.html"),
        ),
        (
            "fout.html",
            include_str!("../../../report-templates/web/fout.html"),
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
    /// Notes on the config's own figures (`[[eerder]]`, `[[volume]]`).
    cijfers_let_op: Vec<String>,
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
        // As step 4 labels its box.
        let titel = super::instellingen::HOOFDTEKSTEN
            .iter()
            .map(|(k, t, _)| (*k, *t))
            .chain(crate::report::TEKSTEN)
            .find(|(k, _)| *k == sleutel)
            .map_or(sleutel, |(_, t)| t);
        return titel.to_string();
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
        "routes" => "Routes naast elkaar",
        other => other,
    }
    .to_string()
}

/// Where a field stands on the page, for going to the first field with an error.
pub(super) fn volgorde(veld: &str) -> usize {
    const VOLGORDE: [&str; 16] = [
        "teksten.",
        "organisatie.",
        "logo",
        "verslag.datum",
        "periode",
        "privacy.",
        "verslag.",
        "regimes",
        "routes",
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

fn controle<'a>(s: &'a Sessie, u: &'a super::Uitkomst) -> Controle<'a> {
    let checked = &u.checked;
    Controle {
        problemen: controle::problemen(checked),
        problemen_meer: checked.issues.len().saturating_sub(MAX_PROBLEMEN),
        fouten_n: checked.count(Severity::Fout),
        waarschuwingen: checked.count(Severity::Waarschuwing),
        samenvatting: checked.samenvatting(),
        per_jaar: checked.value.per_jaar().into_iter().collect(),
        geen_verslag: u.geen_verslag.as_deref(),
        kolommen: controle::kolommen(s, checked),
        waarden: controle::waarden(s, checked),
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
        // What the command line says about the config's own figures (a year both in the
        // register and in `[[eerder]]`, a year without a volume), without its prefix.
        cijfers_let_op: f
            .waarschuwingen
            .iter()
            .map(|w| {
                w.trim_start_matches("waarschuwing: ")
                    .trim_start_matches("let op: ")
                    .to_string()
            })
            .collect(),
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
