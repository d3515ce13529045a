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
use super::instellingen::Invoerfouten;
use super::pagina::foutpagina;
use super::sessie::{self, Invoer};
use super::{BatchStand, Sessie, Shared, random_hex};
use crate::config_edit::ConfigFile;
use crate::error::{Error, Result};

#[derive(Deserialize)]
pub(super) struct PaginaQuery {
    s: Option<String>,
}

pub(super) async fn pagina(State(app): State<Shared>, Query(q): Query<PaginaQuery>) -> Response {
    let Some(id) = q.s.as_deref() else {
        return super::pagina::pagina(None, None, &app.formulier);
    };
    let mut sessies = app.sessies();
    match sessies.get_mut(id) {
        Some(s) => {
            s.laatst = Instant::now();
            super::pagina::pagina(Some(id), Some(&*s), &app.formulier)
        }
        None => {
            drop(sessies);
            app.verlopen(id)
        }
    }
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

/// A multipart form's fields: (name, file name if a file, bytes). A multipart error is the
/// Dutch page to answer with.
async fn velden(
    mut form: Multipart,
    max: usize,
) -> std::result::Result<Vec<(String, Option<String>, Vec<u8>)>, Response> {
    let mut out = Vec::new();
    loop {
        let field = match form.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => return Ok(out),
            Err(e) => {
                return Err(upload_mislukt(
                    &e,
                    max,
                    "Het formulier kon niet worden gelezen",
                ));
            }
        };
        let name = field.name().unwrap_or("").to_string();
        let file = field.file_name().map(|f| {
            Path::new(f)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        match field.bytes().await {
            Ok(b) => out.push((name, file, b.to_vec())),
            Err(e) => {
                return Err(upload_mislukt(
                    &e,
                    max,
                    "Het bestand kon niet worden ontvangen",
                ));
            }
        }
    }
}

pub(super) async fn controle(State(app): State<Shared>, form: Multipart) -> Response {
    let velden = match velden(form, app.max_bytes).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mut invoer = Invoer::default();
    let mut config = None;
    let mut vorige = None;
    let (mut organisatie, mut kleur) = (None, None);
    for (name, file, bytes) in velden {
        let text = || String::from_utf8_lossy(&bytes).into_owned();
        match name.as_str() {
            "register" => {
                if let Some(f) = file.filter(|f| !f.is_empty()) {
                    invoer.registers.push((f, bytes));
                }
            }
            "config" if !bytes.is_empty() => {
                config = Some((
                    file.filter(|f| !f.is_empty())
                        .unwrap_or_else(|| "config.toml".into()),
                    text(),
                ));
            }
            "logo" if !bytes.is_empty() => invoer.logo = Some(bytes),
            "vorige_config" if !bytes.is_empty() => vorige = Some(text()),
            "organisatie" => organisatie = Some(text()),
            "kleur" => kleur = Some(text()),
            "periode" => invoer.periode = text(),
            "publiek" => invoer.publiek = true,
            "beknopt" => invoer.beknopt = true,
            _ => {}
        }
    }
    let mut fout = None;
    if let Some((naam, tekst)) = config {
        match ConfigFile::parse(&tekst) {
            Ok(c) => {
                invoer.config = c;
                invoer.config_naam = naam;
                invoer.config_geupload = true;
            }
            Err(e) => {
                fout = Some(format!(
                    "{naam} is geen configuratie die klachtverslag kan lezen ({e}). Kies het bestand config.toml dat u bij stap 4 downloadde, of laat het veld leeg."
                ))
            }
        }
    }
    // The short form writes into the config; a colour picker always sends a value, so only a
    // changed one (or one without a config) is written.
    if let Some(o) = organisatie
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        invoer.config.set_text(&["organisatie", "naam"], o);
    }
    if let Some(k) = kleur.as_deref().map(str::trim).filter(|k| !k.is_empty())
        && !k.eq_ignore_ascii_case(crate::report::DEFAULT_KLEUR)
        && crate::settings::kleur(k).is_ok()
    {
        invoer.config.set_text(&["organisatie", "kleur"], k);
    }
    // Last year's config beside this year's: its plans are this year's goals (those the
    // config does not have yet, without a result).
    if let Some(tekst) = vorige {
        match crate::doelen::doelen_uit_plannen(&tekst) {
            Ok(doelen) => {
                let er = invoer.config.doelen();
                for d in doelen {
                    if !er.iter().any(|t| {
                        crate::register::normalize::label_key(t)
                            == crate::register::normalize::label_key(&d.titel)
                    }) {
                        invoer.config.set_doel(&d.titel, None, "");
                    }
                }
            }
            Err(e) => fout = Some(format!("configuratie van vorig jaar: {e}")),
        }
    }
    super::instellingen::logo_in_config(&mut invoer);
    if invoer.registers.is_empty() {
        fout = Some("Kies eerst een klachtenregister (CSV of XLSX).".into());
    }
    let id = random_hex(16);
    let (uitkomst, fout) = match fout {
        Some(f) => (None, Some(f)),
        None => {
            let run = invoer.clone();
            match blocking(move || sessie::verwerk(&run, None, true)).await {
                Ok(u) => (Some(Arc::new(u)), None),
                Err(e) => (None, Some(e)),
            }
        }
    };
    app.nieuwe_sessie(
        id.clone(),
        Sessie {
            invoer,
            uitkomst,
            fout,
            invoerfouten: Default::default(),
            batch: None,
            laatst: Instant::now(),
            formulier: random_hex(16),
            melding: None,
        },
    );
    Redirect::to(&format!("/?s={id}#controle")).into_response()
}

/// Applies a change to a session's input and runs the pipeline again: the register is read
/// again only when the change touches how it is read. The page shows the outcome at `anker`
/// (or at the first field with an error).
async fn wijzig(
    app: &Shared,
    id: &str,
    anker: &'static str,
    wijziging: impl FnOnce(&mut Invoer) -> Invoerfouten,
) -> Response {
    let Some((mut invoer, vorige)) = app
        .sessies()
        .get(id)
        .map(|s| (s.invoer.clone(), s.uitkomst.clone()))
    else {
        return app.verlopen(id);
    };
    let voor = invoer.leesdeel();
    let invoerfouten = wijziging(&mut invoer);
    let herlees = vorige.is_none() || invoer.leesdeel() != voor;
    let run = invoer.clone();
    let result = blocking(move || sessie::verwerk(&run, vorige.as_deref(), herlees)).await;
    let mut sessies = app.sessies();
    let Some(s) = sessies.get_mut(id) else {
        return app.verlopen(id);
    };
    s.invoer = invoer;
    s.laatst = Instant::now();
    s.invoerfouten = invoerfouten;
    match result {
        Ok(u) => {
            s.uitkomst = Some(Arc::new(u));
            s.fout = None;
        }
        // The last good report stays; the error is shown above it.
        Err(e) => s.fout = Some(e),
    }
    let mut velden: Vec<&String> = s
        .invoerfouten
        .keys()
        .chain(s.uitkomst.iter().flat_map(|u| u.veldfouten.keys()))
        .collect();
    velden.sort_by_key(|k| super::pagina::volgorde(k));
    velden.dedup();
    let velden: Vec<(String, String)> = velden
        .into_iter()
        .map(|k| (super::pagina::veld_id(k), super::pagina::veld_label(k)))
        .collect();
    let tekst = match (&s.fout, s.uitkomst.as_deref()) {
        (Some(_), _) => "Dit lukte niet; de melding staat bij stap 2.".to_string(),
        (None, Some(u)) if anker == "controle" => format!(
            "Opnieuw gecontroleerd: {}.",
            crate::nl::opsomming(&[
                aantal(
                    u.checked.count(crate::register::Severity::Fout),
                    "fout",
                    "fouten"
                ),
                aantal(
                    u.checked.count(crate::register::Severity::Waarschuwing),
                    "waarschuwing",
                    "waarschuwingen"
                ),
            ])
        ),
        (None, Some(u)) => match &u.verslag {
            Some(v) => format!(
                "Verslag bijgewerkt: {}, {} pagina's.",
                v.figures.periode.naam(),
                v.pages
            ),
            None => "Bewaard; er is nog geen verslag (zie stap 2).".to_string(),
        },
        (None, None) => String::new(),
    };
    s.melding = Some(super::Melding {
        sectie: anker,
        tekst,
        velden,
    });
    Redirect::to(&format!("/?s={id}#melding-{anker}")).into_response()
}

/// "1 fout", "3 fouten".
fn aantal(n: usize, een: &str, meer: &str) -> String {
    format!("{n} {}", if n == 1 { een } else { meer })
}

/// The column mapping of step 2: `kolom.<contractnaam>` = a header of the file, or empty for
/// the automatic recognition.
pub(super) async fn kolommen(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    wijzig(&app, &id, "controle", move |invoer| {
        for (name, header) in &f {
            let Some(kolom) = name
                .strip_prefix("kolom.")
                .and_then(crate::register::Kolom::from_contract_name)
            else {
                continue;
            };
            // Free text never reaches a report: the omschrijving column cannot be read as
            // another column.
            let omschrijving = crate::register::HeaderRules::default().column_of(header)
                == Some(crate::register::Kolom::Omschrijving);
            if header.trim().is_empty() || omschrijving {
                invoer.config.remove(&["kolommen", kolom.name()]);
            } else {
                invoer.config.set_kolom(kolom.name(), header.trim());
            }
        }
        Invoerfouten::new()
    })
    .await
}

/// The values of step 2: per unknown value `waarde.<n>` (the value as written), `lijst.<n>`
/// (the column) and `keuze.<n>`: empty (leave it), `=Label` (count it as that value or term),
/// `+` (an open list: add it as a term of its own).
pub(super) async fn waarden(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    wijzig(&app, &id, "controle", move |invoer| {
        let get = |key: &str| f.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str());
        // Spellings to keep apart: `sv.<n>.kolom`, `sv.<n>.spelling`, and `sv.<n>.apart` when
        // ticked.
        for (name, _) in &f {
            let Some(n) = name
                .strip_prefix("sv.")
                .and_then(|r| r.strip_suffix(".apart"))
            else {
                continue;
            };
            if let (Some(kolom), Some(spelling)) = (
                get(&format!("sv.{n}.kolom")),
                get(&format!("sv.{n}.spelling")),
            ) && matches!(
                kolom,
                "categorie" | "cluster" | "soort_zorg" | "zorgaanbieder"
            ) {
                invoer.config.add_apart(kolom, spelling);
            }
        }
        for (name, keuze) in &f {
            let Some(n) = name.strip_prefix("keuze.") else {
                continue;
            };
            let (Some(lijst), Some(waarde)) =
                (get(&format!("lijst.{n}")), get(&format!("waarde.{n}")))
            else {
                continue;
            };
            let open = matches!(lijst, "categorie" | "cluster");
            match (keuze.as_str(), open) {
                ("+", true) => invoer.config.add_term(lijst, waarde),
                (k, true) if k.starts_with('=') => {
                    invoer.config.add_term_alias(lijst, &k[1..], waarde);
                }
                (k, false)
                    if k.starts_with('=')
                        && crate::register::Kolom::from_contract_name(lijst).is_some() =>
                {
                    invoer.config.add_alias(lijst, &k[1..], waarde);
                }
                _ => {}
            }
        }
        Invoerfouten::new()
    })
    .await
}

/// Step 4: every text and setting, in one form (so nothing typed in one part is lost by
/// saving another), multipart for the logo.
pub(super) async fn instellingen(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    form: Multipart,
) -> Response {
    let velden = match velden(form, app.max_bytes).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    wijzig(&app, &id, "teksten", move |invoer| {
        super::instellingen::toepassen(invoer, velden)
    })
    .await
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
            return app.verlopen(&id);
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
        return app.verlopen(&id);
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
        return app.verlopen(&id);
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
            return app.verlopen(&id);
        };
        s.laatst = Instant::now();
        (s.uitkomst.clone(), s.invoer.clone())
    };
    match soort.as_str() {
        // The uploaded config with every choice of the page in it, comments and order kept.
        "config" => {
            return download(
                &invoer.config_naam,
                "application/toml; charset=utf-8",
                invoer.config.to_string().into_bytes(),
                false,
            );
        }
        "leeg-register" => {
            let settings = uitkomst.as_ref().map(|u| u.settings.read.clone());
            return leeg_register(settings.as_ref());
        }
        _ => {}
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

/// An empty register to start the next year with: the contract's headers, dates as dates,
/// dropdowns for the closed lists and for the config's categories and clusters.
fn leeg_register(read: Option<&crate::register::ReadOptions>) -> Response {
    let standaard;
    let read = match read {
        Some(r) => r,
        None => {
            standaard = crate::settings::Settings::default().read;
            &standaard
        }
    };
    match crate::export::sjabloon::register_template(read) {
        Ok(bytes) => download(
            "klachtenregister-leeg.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            bytes,
            false,
        ),
        Err(e) => foutpagina(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Leeg register",
            &crate::error::causes(&e).join(": "),
        ),
    }
}

/// The empty register from the start page, before any upload (the defaults' lists).
pub(super) async fn leeg() -> Response {
    leeg_register(None)
}
