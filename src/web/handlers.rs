//! One function per route: the form posts run the pipeline off the async threads and send the
//! browser back to the page; the downloads hand out the bytes made.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Form;
use axum::extract::{Multipart, Path as UrlPath, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::guard::te_groot;
use super::pagina::foutpagina;
use super::sessie::{self, Invoer};
use super::{BatchStand, Sessie, Shared, random_hex};
use crate::error::{Error, Result};

#[derive(Deserialize)]
pub(super) struct PaginaQuery {
    s: Option<String>,
}

pub(super) async fn pagina(State(app): State<Shared>, Query(q): Query<PaginaQuery>) -> Response {
    let mut sessies = app.sessies();
    let sessie = q.s.as_deref().and_then(|id| sessies.get_mut(id));
    let sessie = sessie.map(|s| {
        s.laatst = Instant::now();
        &*s
    });
    super::pagina::pagina(q.s.as_deref(), sessie)
}

/// Runs the pipeline off the async threads; a panic is a Dutch message, not a dead server.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> std::result::Result<T, String> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(crate::error::causes(&e).join(": ")),
        Err(e) if e.is_panic() => {
            let e = Error::Internal {
                what: "de verwerking is gestopt (dit is een fout in klachtverslag, niet in uw bestand); probeer het opnieuw of meld het".into(),
            };
            Err(e.to_string())
        }
        Err(e) => Err(format!("verwerking afgebroken: {e}")),
    }
}

/// A multipart error as a Dutch page: over the limit is 413, anything else 400.
fn upload_mislukt(e: &axum::extract::multipart::MultipartError, max: usize, wat: &str) -> Response {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        te_groot(max)
    } else {
        foutpagina(
            StatusCode::BAD_REQUEST,
            "Upload mislukt",
            &format!("{wat}: {e}"),
        )
    }
}

fn geen_register() -> Response {
    foutpagina(
        StatusCode::BAD_REQUEST,
        "Geen register",
        "Kies eerst een register.",
    )
}

fn verlopen() -> Response {
    foutpagina(
        StatusCode::NOT_FOUND,
        "Sessie verlopen",
        "Deze gegevens zijn niet meer in het geheugen (na een uur zonder gebruik, of na een herstart worden ze gewist). Kies het register opnieuw.",
    )
}

pub(super) async fn controle(State(app): State<Shared>, mut form: Multipart) -> Response {
    let mut invoer = Invoer::default();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                return upload_mislukt(&e, app.max_bytes, "Het formulier kon niet worden gelezen");
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file = field.file_name().map(|f| {
            Path::new(f)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "register".into())
        });
        let bytes = match field.bytes().await {
            Ok(b) => b.to_vec(),
            Err(e) => {
                return upload_mislukt(&e, app.max_bytes, "Het bestand kon niet worden ontvangen");
            }
        };
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "register" if !bytes.is_empty() || file.as_deref().is_some_and(|f| !f.is_empty()) => {
                if let Some(f) = file.filter(|f| !f.is_empty()) {
                    invoer.registers.push((f, bytes));
                }
            }
            "config" if !bytes.is_empty() => {
                invoer.config = Some((file.unwrap_or_else(|| "config.toml".into()), text()));
            }
            "logo" if !bytes.is_empty() => invoer.logo = Some(bytes),
            "organisatie" => invoer.organisatie = Some(text()),
            "kleur" => invoer.kleur = Some(text()),
            "periode" => invoer.periode = text(),
            "publiek" => invoer.publiek = true,
            "beknopt" => invoer.beknopt = true,
            _ => {}
        }
    }
    // A colour picker always sends a value: only a changed one overrides the config.
    if invoer.kleur.as_deref() == Some(crate::report::DEFAULT_KLEUR) && invoer.config.is_some() {
        invoer.kleur = None;
    }
    let id = random_hex(16);
    let run = invoer.clone();
    let result = blocking(move || sessie::verwerk(&run)).await;
    // The file bytes (which hold the omschrijvingen) are not kept: only their names, and the
    // register as read, which has no omschrijving.
    for (_, bytes) in &mut invoer.registers {
        *bytes = Vec::new();
    }
    let (uitkomst, fout) = match result {
        Ok(u) => (Some(Arc::new(u)), None),
        Err(e) => (None, Some(e)),
    };
    app.sessies().insert(
        id.clone(),
        Sessie {
            invoer,
            uitkomst,
            fout,
            batch: None,
            laatst: Instant::now(),
        },
    );
    Redirect::to(&format!("/?s={id}#controle")).into_response()
}

#[derive(Deserialize)]
pub(super) struct TekstenForm {
    voorwoord: String,
    adviezen: String,
    plannen: String,
}

pub(super) async fn teksten(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<TekstenForm>,
) -> Response {
    let Some((mut invoer, vorige)) = app
        .sessies()
        .get(&id)
        .map(|s| (s.invoer.clone(), s.uitkomst.clone()))
    else {
        return verlopen();
    };
    let Some(vorige) = vorige else {
        return geen_register();
    };
    invoer.teksten = Some([f.voorwoord, f.adviezen, f.plannen]);
    let run = invoer.clone();
    let result = blocking(move || sessie::opnieuw(&run, &vorige)).await;
    let mut sessies = app.sessies();
    let Some(s) = sessies.get_mut(&id) else {
        return verlopen();
    };
    s.invoer = invoer;
    s.laatst = Instant::now();
    match result {
        Ok(u) => {
            s.uitkomst = Some(Arc::new(u));
            s.fout = None;
        }
        Err(e) => s.fout = Some(e),
    }
    Redirect::to(&format!("/?s={id}#verslag")).into_response()
}

#[derive(Deserialize)]
pub(super) struct PerForm {
    kolom: String,
}

pub(super) async fn per(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<PerForm>,
) -> Response {
    let (invoer, uitkomst, stand) = {
        let mut sessies = app.sessies();
        let Some(s) = sessies.get_mut(&id) else {
            return verlopen();
        };
        let Some(u) = s.uitkomst.clone() else {
            return geen_register();
        };
        let stand = Arc::new(BatchStand {
            kolom: f.kolom.clone(),
            klaar: AtomicUsize::new(0),
            totaal: AtomicUsize::new(0),
            uitkomst: Mutex::new(None),
        });
        s.batch = Some(stand.clone());
        s.laatst = Instant::now();
        (s.invoer.clone(), u, stand)
    };
    // The batch runs on its own; the page polls its progress, other requests go on.
    let kolom = f.kolom;
    tokio::spawn(async move {
        let progress = stand.clone();
        let result = blocking(move || {
            sessie::batch(&uitkomst, &invoer, &kolom, &|klaar, totaal| {
                progress.klaar.store(klaar, Ordering::Relaxed);
                progress.totaal.store(totaal, Ordering::Relaxed);
            })
        })
        .await;
        *stand.uitkomst.lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
    });
    Redirect::to(&format!("/?s={id}#per")).into_response()
}

pub(super) async fn voortgang(State(app): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    let Some(b) = app.sessies().get(&id).and_then(|s| s.batch.clone()) else {
        return verlopen();
    };
    match serde_json::to_string(&b.status()) {
        Ok(body) => ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
        Err(e) => foutpagina(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Interne fout",
            &e.to_string(),
        ),
    }
}

pub(super) async fn per_zip(State(app): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    let Some(b) = app.sessies().get(&id).and_then(|s| s.batch.clone()) else {
        return verlopen();
    };
    let uitkomst = b.uitkomst.lock().unwrap_or_else(|e| e.into_inner());
    match uitkomst.as_ref() {
        Some(Ok(klaar)) => download(
            &format!("verslagen-per-{}.zip", b.kolom),
            "application/zip",
            klaar.zip.clone(),
            false,
        ),
        Some(Err(e)) => foutpagina(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Verslagen per eenheid mislukt",
            e,
        ),
        None => foutpagina(
            StatusCode::ACCEPTED,
            "Nog bezig",
            "De verslagen per eenheid worden nog gemaakt; probeer het zo opnieuw.",
        ),
    }
}

fn download(name: &str, mime: &'static str, bytes: Vec<u8>, inline: bool) -> Response {
    let disposition = format!(
        "{}; filename=\"{}\"",
        if inline { "inline" } else { "attachment" },
        name.replace('"', "")
    );
    let mut r = (StatusCode::OK, [(header::CONTENT_TYPE, mime)], bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    r
}

pub(super) async fn bestand(
    State(app): State<Shared>,
    UrlPath((id, soort)): UrlPath<(String, String)>,
) -> Response {
    let (uitkomst, invoer) = {
        let mut sessies = app.sessies();
        let Some(s) = sessies.get_mut(&id) else {
            return verlopen();
        };
        s.laatst = Instant::now();
        (s.uitkomst.clone(), s.invoer.clone())
    };
    if soort == "config" {
        return match sessie::config_toml(&invoer) {
            Ok(t) => download(
                "config.toml",
                "application/toml; charset=utf-8",
                t.into_bytes(),
                false,
            ),
            Err(e) => foutpagina(StatusCode::BAD_REQUEST, "Configuratie", &e.to_string()),
        };
    }
    let Some(v) = uitkomst.as_ref().and_then(|u| u.verslag.as_ref()) else {
        return foutpagina(
            StatusCode::NOT_FOUND,
            "Geen verslag",
            "Er is (nog) geen verslag gemaakt.",
        );
    };
    let [(pdf_n, pdf), (json_n, json), (xlsx_n, xlsx)] = &v.files;
    match soort.as_str() {
        "pdf" => download(pdf_n, "application/pdf", pdf.clone(), true),
        "json" => download(json_n, "application/json", json.clone(), false),
        "xlsx" => download(
            xlsx_n,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            xlsx.clone(),
            false,
        ),
        "manifest" => download(
            "manifest.json",
            "application/json",
            v.manifest.clone(),
            false,
        ),
        "zip" => {
            let mut files: Vec<(String, Vec<u8>)> = v.files.to_vec();
            files.push(("manifest.json".into(), v.manifest.clone()));
            match sessie::zip(&files) {
                Ok(z) => download(&pdf_n.replace(".pdf", ".zip"), "application/zip", z, false),
                Err(e) => foutpagina(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "ZIP",
                    &crate::error::causes(&e).join(": "),
                ),
            }
        }
        _ => foutpagina(
            StatusCode::NOT_FOUND,
            "Onbekend bestand",
            "Dit bestand bestaat niet.",
        ),
    }
}
