//! The page and the error page: typed values rendered by tera, which escapes every value for
//! HTML (the templates end in `.html`), so nothing from a register or a form reaches the page
//! as markup.

use std::sync::LazyLock;

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::{BatchStatus, Sessie};
use crate::register::Severity;
use crate::report::context::Tegel;
use crate::stats::Kerngetal;

/// Problems shown in the page's table (all of them are in the CLI's `controleer`).
const MAX_PROBLEMEN: usize = 500;

/// The placeholders the texts can use, listed above the text fields.
const PLACEHOLDERS: [&str; 8] = [
    "jaar",
    "organisatie",
    "periode.naam",
    "kerngetallen.ontvangen",
    "kerngetallen.in_behandeling",
    "kerngetallen.deelklachten",
    "kerngetallen.binnen_6_weken_pct",
    "jaar + 1",
];

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
    placeholders: [&'static str; 8],
    sessie: Option<&'a str>,
    #[serde(flatten)]
    keuzes: Option<Keuzes<'a>>,
}

/// What the session chose in the form, and what came of it.
#[derive(Serialize)]
struct Keuzes<'a> {
    fout: Option<&'a str>,
    bestanden: Vec<&'a str>,
    organisatie: Option<&'a str>,
    kleur: &'a str,
    periode: &'a str,
    publiek: bool,
    beknopt: bool,
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
    fouten: usize,
    waarschuwingen: usize,
    samenvatting: String,
    per_jaar: Vec<(i32, usize)>,
    geen_verslag: Option<&'a str>,
    teksten: Teksten<'a>,
    kolommen_per: Vec<&'static str>,
    #[serde(flatten)]
    verslag: Option<Verslag<'a>>,
}

/// One row of the problems' table.
#[derive(Serialize)]
struct Probleem<'a> {
    bestand: String,
    blad: Option<&'a str>,
    rij: Option<u32>,
    kolom: Option<&'a str>,
    melding: String,
    ernst: &'static str,
}

/// The texts as the report has them, for the text fields.
#[derive(Serialize)]
struct Teksten<'a> {
    voorwoord: &'a str,
    adviezen: &'a str,
    plannen: &'a str,
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
    verantwoording: Vec<String>,
}

/// The page for a session (or the empty form).
pub(super) fn pagina(id: Option<&str>, sessie: Option<&Sessie>) -> Response {
    let pagina = Pagina {
        placeholders: PLACEHOLDERS,
        sessie: sessie.and(id),
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
    Keuzes {
        fout: s.fout.as_deref(),
        bestanden: i.registers.iter().map(|(n, _)| n.as_str()).collect(),
        organisatie: i.organisatie.as_deref(),
        kleur: i.kleur.as_deref().unwrap_or(crate::report::DEFAULT_KLEUR),
        periode: &i.periode,
        publiek: i.publiek,
        beknopt: i.beknopt,
        batch: s.batch.as_ref().map(|b| b.status()),
        controle: s.uitkomst.as_deref().map(controle),
    }
}

fn controle(u: &super::Uitkomst) -> Controle<'_> {
    let checked = &u.checked;
    let teksten = &u.settings.report.teksten;
    Controle {
        problemen: checked
            .issues
            .iter()
            .take(MAX_PROBLEMEN)
            .map(|p| Probleem {
                bestand: crate::register::file_name(&p.at.file),
                blad: p.at.sheet.as_deref(),
                rij: p.at.row,
                kolom: p.at.column.as_deref(),
                melding: p.kind.to_string(),
                ernst: if p.severity == Severity::Fout {
                    "fout"
                } else {
                    "waarschuwing"
                },
            })
            .collect(),
        problemen_meer: checked.issues.len().saturating_sub(MAX_PROBLEMEN),
        fouten: checked.count(Severity::Fout),
        waarschuwingen: checked.count(Severity::Waarschuwing),
        samenvatting: checked.samenvatting(),
        per_jaar: checked.value.per_jaar().into_iter().collect(),
        geen_verslag: u.geen_verslag.as_deref(),
        teksten: Teksten {
            voorwoord: teksten.voorwoord.as_deref().unwrap_or_default(),
            adviezen: teksten.adviezen.as_deref().unwrap_or_default(),
            plannen: teksten.plannen.as_deref().unwrap_or_default(),
        },
        kolommen_per: crate::batch::kolommen()
            .into_iter()
            .filter(|k| {
                crate::register::Kolom::by_name(k).is_some_and(|kol| checked.value.has(kol))
            })
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
        tegels: TEGELS_PAGINA.iter().map(|k| Tegel::new(f, *k)).collect(),
        periode_naam: f.periode.naam(),
        pdf_naam: &v.files[0].0,
        pagina_s: v.pages,
        verantwoording: crate::verantwoording::waarschuwingen(&f.verantwoording)
            .into_iter()
            .map(|w| {
                w.trim_start_matches("waarschuwing: verantwoording: ")
                    .to_string()
            })
            .collect(),
    }
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
            placeholders: PLACEHOLDERS,
            sessie: None,
            keuzes: None,
        };
        let html = render("pagina.html", &pagina).unwrap();
        assert!(html.contains("1. Register kiezen"), "{html}");
        assert!(!html.contains("2. Controle</h2>"), "{html}");
    }
}
