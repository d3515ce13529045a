//! `klachtverslag web`: the report without a terminal. A local web page, served by the same
//! binary, that takes a klachtenfunctionaris from the register export to the PDF in a few
//! clicks: choose the register, see the check, get the report and its downloads, edit the
//! texts, make the batch.
//!
//! Safety for a register full of care complaints: bound to 127.0.0.1 by default; a random token
//! made at start on every request (in the printed address, then a cookie); a Host header that is
//! not the server's own address is refused (DNS rebinding); everything the page needs is
//! embedded (no CDN); uploads live in memory only, per browser session, dropped after an hour
//! without use and at exit; an upload size limit; a strict Content-Security-Policy. A bad file,
//! a failing render or a panic in one request is a Dutch error page, and the server goes on.

pub mod sessie;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};

use crate::stats::Kerngetal;
use clap::Args;
use serde::Deserialize;

use crate::error::{Error, Result};
use sessie::{Invoer, Uitkomst};

/// The page template (tera, autoescaped), its style sheet and script: embedded.
const PAGINA: &str = include_str!("../../report-templates/web/pagina.html");
const CSS: &str = include_str!("../../report-templates/web/web.css");
const JS: &str = include_str!("../../report-templates/web/web.js");

/// Sessions without use for this long are dropped.
const SESSIE_DUUR: Duration = Duration::from_secs(60 * 60);
/// Problems shown in the page's table (all of them are in the CLI's `controleer`).
const MAX_PROBLEMEN: usize = 500;

#[derive(Debug, Args)]
#[command(next_help_heading = "Opties")]
pub(crate) struct WebArgs {
    /// Poort (standaard: een vrije poort)
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub(crate) poort: u16,
    /// Open de pagina in de standaardbrowser
    #[arg(long)]
    pub(crate) open: bool,
    /// Adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)
    #[arg(
        long,
        value_name = "IP",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    pub(crate) adres: IpAddr,
    /// Grootste upload in MB (standaard 200)
    #[arg(
        long,
        value_name = "MB",
        default_value_t = 200,
        hide_default_value = true
    )]
    pub(crate) max_mb: u64,
    /// Started by a double-click: the console window is the only way to stop it.
    #[arg(skip)]
    pub(crate) venster: bool,
}

impl WebArgs {
    /// What a start without a command serves: this computer only, a free port, the browser
    /// opened.
    pub(crate) fn double_click() -> Self {
        Self {
            poort: 0,
            open: true,
            adres: IpAddr::from([127, 0, 0, 1]),
            max_mb: 200,
            venster: true,
        }
    }
}

struct BatchStand {
    kolom: String,
    klaar: AtomicUsize,
    totaal: AtomicUsize,
    zip: Mutex<Option<std::result::Result<sessie::BatchKlaar, String>>>,
}

struct Sessie {
    invoer: Invoer,
    uitkomst: Option<Arc<Uitkomst>>,
    fout: Option<String>,
    batch: Option<Arc<BatchStand>>,
    laatst: Instant,
}

struct App {
    token: String,
    hosts: Vec<String>,
    max_bytes: usize,
    sessies: Mutex<HashMap<String, Sessie>>,
}

type Shared = Arc<App>;

/// Random hex from the operating system's generator.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system gives random bytes");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every file under a folder, with its path relative to it (`/` separated), sorted.
pub fn files_under(dir: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) -> Result<()> {
        let rd = std::fs::read_dir(dir).map_err(|source| Error::Read {
            path: dir.to_path_buf(),
            source,
        })?;
        for e in rd {
            let p = e
                .map_err(|source| Error::Read {
                    path: dir.to_path_buf(),
                    source,
                })?
                .path();
            if p.is_dir() {
                walk(base, &p, out)?;
            } else {
                let bytes = std::fs::read(&p).map_err(|source| Error::Read {
                    path: p.clone(),
                    source,
                })?;
                let rel = p
                    .strip_prefix(base)
                    .unwrap_or(&p)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, bytes));
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Runs `web` until Ctrl-C.
pub(crate) fn run(args: &WebArgs) -> Result<ExitCode> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Usage(format!("kan de webserver niet starten: {e}")))?;
    rt.block_on(serve(args))
}

async fn serve(args: &WebArgs) -> Result<ExitCode> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(args.adres, args.poort))
        .await
        .map_err(|e| {
            Error::Usage(format!(
                "kan niet luisteren op {}:{}: {e}",
                args.adres, args.poort
            ))
        })?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("onbekend adres: {e}")))?;
    let token = random_hex(16);
    let mut hosts = vec![addr.to_string(), format!("localhost:{}", addr.port())];
    if args.adres.is_loopback() {
        hosts.push(format!("127.0.0.1:{}", addr.port()));
    }
    let app = Arc::new(App {
        token: token.clone(),
        hosts,
        max_bytes: usize::try_from(args.max_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX),
        sessies: Mutex::new(HashMap::new()),
    });
    if !args.adres.is_loopback() {
        eprintln!(
            "waarschuwing: de pagina is ook vanaf andere computers te bereiken op {addr}; het register bevat gegevens over klachten in de zorg. Gebruik dit alleen op een vertrouwd netwerk."
        );
    }
    let url = format!("http://{addr}/?token={token}");
    println!("klachtverslag web draait op {url}");
    if args.venster {
        println!(
            "De pagina opent in uw browser. Gebeurt dat niet, open dan het adres hierboven zelf."
        );
        println!("Laat dit venster open zolang u met de pagina werkt.");
        println!(
            "Stoppen: sluit dit venster (of druk op Ctrl+C). Alle geüploade gegevens worden dan gewist."
        );
    } else {
        println!("Open dit adres in uw browser. Stoppen: Ctrl-C.");
    }
    if args.open {
        open_browser(&url);
    }
    // Drop sessions that have not been used for an hour.
    let cleaner = app.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            if let Ok(mut s) = cleaner.sessies.lock() {
                s.retain(|_, v| v.laatst.elapsed() < SESSIE_DUUR);
            }
        }
    });
    let router = router(app.clone());
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("klachtverslag web gestopt; alle geüploade gegevens zijn gewist");
        })
        .await
        .map_err(|e| Error::Usage(format!("webserver: {e}")))?;
    Ok(ExitCode::SUCCESS)
}

/// Opens the address in the default browser. `KLACHTVERSLAG_BROWSER=nee` leaves it closed
/// (tests, and machines where no browser should start).
fn open_browser(url: &str) {
    if std::env::var_os("KLACHTVERSLAG_BROWSER").is_some_and(|v| v == "nee") {
        return;
    }
    let mut cmd = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        // The URL protocol handler opens the default browser; `explorer URL` does not on every
        // Windows version.
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let started = cmd
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if started.is_err() {
        eprintln!("kan de browser niet openen; open het adres hierboven zelf");
    }
}

fn router(app: Shared) -> Router {
    let limit = app.max_bytes;
    Router::new()
        .route("/", get(pagina))
        .route("/controle", post(controle))
        .route("/s/{id}/teksten", post(teksten))
        .route("/s/{id}/per", post(per))
        .route("/s/{id}/per/voortgang", get(voortgang))
        .route("/s/{id}/per.zip", get(per_zip))
        .route("/s/{id}/bestand/{soort}", get(bestand))
        .route(
            "/static/web.css",
            get(|| async { ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS) }),
        )
        .route(
            "/static/web.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    JS,
                )
            }),
        )
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(app.clone(), bewaking))
        .with_state(app)
}

/// A Dutch page with a status.
fn foutpagina(status: StatusCode, titel: &str, tekst: &str) -> Response {
    let body = format!(
        "<!doctype html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{t}</title><link rel=\"stylesheet\" href=\"/static/web.css\"></head><body><main><h1>{t}</h1><p>{x}</p><p><a href=\"/\">Terug naar het begin</a></p></main></body></html>",
        t = html_escape(titel),
        x = html_escape(tekst)
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// Host check (DNS rebinding), token (query once, then a cookie), size limit, security headers.
async fn bewaking(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    let mut resp = if !app.hosts.iter().any(|h| h == host) {
        foutpagina(
            StatusCode::MISDIRECTED_REQUEST,
            "Onbekend adres",
            "Deze pagina is alleen bereikbaar via het adres dat klachtverslag bij het starten toonde.",
        )
    } else if let Some(t) = query_token(req.uri().query()) {
        if t == app.token {
            // Remember the token in a cookie and drop it from the address bar.
            let mut r = Redirect::to(req.uri().path()).into_response();
            let cookie = format!(
                "klachtverslag={}; HttpOnly; SameSite=Strict; Path=/",
                app.token
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        } else {
            geen_toegang()
        }
    } else if cookie_token(req.headers()).as_deref() != Some(app.token.as_str()) {
        geen_toegang()
    } else if req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > app.max_bytes)
    {
        te_groot(app.max_bytes)
    } else {
        let r = next.run(req).await;
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            te_groot(app.max_bytes)
        } else {
            r
        }
    };
    let h = resp.headers_mut();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; object-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'",
    );
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::X_FRAME_OPTIONS, "SAMEORIGIN");
    set(h, header::CACHE_CONTROL, "no-store");
    resp
}

fn geen_toegang() -> Response {
    foutpagina(
        StatusCode::FORBIDDEN,
        "Geen toegang",
        "Open de pagina via het adres met het toegangsteken dat klachtverslag bij het starten toonde (…/?token=…).",
    )
}

fn te_groot(max: usize) -> Response {
    foutpagina(
        StatusCode::PAYLOAD_TOO_LARGE,
        "Bestand te groot",
        &format!(
            "De upload is groter dan {} MB. Start klachtverslag web met --max-mb om grotere bestanden toe te staan, of splits het register per jaar.",
            max / (1024 * 1024)
        ),
    )
}

fn query_token(q: Option<&str>) -> Option<String> {
    q?.split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .map(str::to_string)
}

fn cookie_token(h: &HeaderMap) -> Option<String> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("klachtverslag=").map(str::to_string))
}

#[derive(Deserialize)]
struct PaginaQuery {
    s: Option<String>,
}

async fn pagina(State(app): State<Shared>, Query(q): Query<PaginaQuery>) -> Response {
    let ctx = {
        let mut sessies = app.sessies.lock().expect("sessions lock");
        let sessie = q.s.as_deref().and_then(|id| sessies.get_mut(id));
        context(
            q.s.as_deref(),
            sessie.map(|s| {
                s.laatst = Instant::now();
                &*s
            }),
        )
    };
    match tera::Tera::one_off(PAGINA, &ctx, true) {
        Ok(html) => ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response(),
        Err(e) => foutpagina(
            StatusCode::INTERNAL_SERVER_ERROR,
            "Interne fout",
            &format!("De pagina kon niet worden opgebouwd: {e}"),
        ),
    }
}

/// The page's data: the form's choices, the check, the report.
fn context(id: Option<&str>, s: Option<&Sessie>) -> tera::Context {
    let mut ctx = tera::Context::new();
    ctx.insert(
        "placeholders",
        &[
            "jaar",
            "organisatie",
            "periode.naam",
            "kerngetallen.ontvangen",
            "kerngetallen.in_behandeling",
            "kerngetallen.deelklachten",
            "kerngetallen.binnen_6_weken_pct",
            "jaar + 1",
        ],
    );
    let Some(s) = s else {
        ctx.insert("sessie", &Option::<String>::None);
        return ctx;
    };
    ctx.insert("sessie", &id);
    ctx.insert("fout", &s.fout);
    let i = &s.invoer;
    ctx.insert(
        "bestanden",
        &i.registers
            .iter()
            .map(|(n, _)| n.clone())
            .collect::<Vec<_>>(),
    );
    ctx.insert("organisatie", &i.organisatie);
    ctx.insert(
        "kleur",
        &i.kleur
            .clone()
            .unwrap_or_else(|| crate::report::DEFAULT_KLEUR.into()),
    );
    ctx.insert("periode", &i.periode);
    ctx.insert("publiek", &i.publiek);
    ctx.insert("beknopt", &i.beknopt);
    if let Some(b) = &s.batch {
        let zip = b.zip.lock().expect("batch lock");
        ctx.insert(
            "batch",
            &serde_json::json!({
                "kolom": b.kolom,
                "klaar": b.klaar.load(Ordering::Relaxed),
                "totaal": b.totaal.load(Ordering::Relaxed),
                "gereed": matches!(*zip, Some(Ok(_))),
                "fout": zip.as_ref().and_then(|r| r.as_ref().err()),
            }),
        );
    }
    let Some(u) = &s.uitkomst else { return ctx };
    use crate::register::Severity;
    let issues = &u.checked.issues;
    let problemen: Vec<serde_json::Value> = issues
        .iter()
        .take(MAX_PROBLEMEN)
        .map(|p| {
            serde_json::json!({
                "bestand": crate::register::file_name(&p.at.file),
                "blad": p.at.sheet,
                "rij": p.at.row,
                "kolom": p.at.column,
                "melding": p.kind.to_string(),
                "ernst": if p.severity == Severity::Fout { "fout" } else { "waarschuwing" },
            })
        })
        .collect();
    ctx.insert("problemen", &problemen);
    ctx.insert(
        "problemen_meer",
        &issues.len().saturating_sub(MAX_PROBLEMEN),
    );
    ctx.insert("fouten", &u.checked.count(Severity::Fout));
    ctx.insert("waarschuwingen", &u.checked.count(Severity::Waarschuwing));
    ctx.insert("samenvatting", &u.checked.samenvatting());
    let per_jaar: Vec<(i32, usize)> = u.checked.value.per_jaar().into_iter().collect();
    ctx.insert("per_jaar", &per_jaar);
    ctx.insert("geen_verslag", &u.geen_verslag);
    let teksten = &u.settings.report.teksten;
    ctx.insert(
        "teksten",
        &serde_json::json!({
            "voorwoord": teksten.voorwoord.clone().unwrap_or_default(),
            "adviezen": teksten.adviezen.clone().unwrap_or_default(),
            "plannen": teksten.plannen.clone().unwrap_or_default(),
        }),
    );
    let kolommen: Vec<&str> = crate::batch::kolommen()
        .into_iter()
        .filter(|k| crate::register::Kolom::by_name(k).is_some_and(|kol| u.checked.value.has(kol)))
        .collect();
    ctx.insert("kolommen_per", &kolommen);
    if let Some(v) = &u.verslag {
        let f = &v.figures;
        let k = u.settings.stats.kleine_aantallen;
        // In a public version nothing small is printed, so the list is empty.
        let klein: Vec<String> = crate::stats::privacy::small_cells(f, k)
            .iter()
            .take(50)
            .map(|c| c.to_string())
            .collect();
        ctx.insert("klein", &klein);
        ctx.insert("k", &k);
        let tegel = |k: Kerngetal, label: &str| {
            serde_json::json!({
                "waarde": f.kerngetal(k).tekst(),
                "label": label,
            })
        };
        ctx.insert(
            "tegels",
            &vec![
                tegel(Kerngetal::Ontvangen, "ontvangen"),
                tegel(Kerngetal::InBehandeling, "in behandeling"),
                tegel(Kerngetal::Deelklachten, "deelklachten"),
                tegel(
                    Kerngetal::BinnenTermijn,
                    &format!("binnen {}", f.termijnen.afhandeling.tekst()),
                ),
                tegel(Kerngetal::Lopend, "lopend"),
            ],
        );
        ctx.insert("periode_naam", &f.periode.naam());
        ctx.insert("pdf_naam", &v.files[0].0);
        ctx.insert("pagina_s", &v.pages);
        let missing: Vec<String> = crate::verantwoording::waarschuwingen(&f.verantwoording)
            .into_iter()
            .map(|w| {
                w.trim_start_matches("waarschuwing: verantwoording: ")
                    .to_string()
            })
            .collect();
        ctx.insert("verantwoording", &missing);
    }
    ctx
}

/// Runs the pipeline off the async threads; a panic is a Dutch message, not a dead server.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> std::result::Result<T, String> {
    match tokio::task::spawn_blocking(f).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(crate::error::causes(&e).join(": ")),
        Err(e) if e.is_panic() => Err(
            "interne fout bij het verwerken (dit is een fout in klachtverslag, niet in uw bestand); probeer het opnieuw of meld het".into(),
        ),
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

async fn controle(State(app): State<Shared>, mut form: Multipart) -> Response {
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
    app.sessies.lock().expect("sessions lock").insert(
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
struct TekstenForm {
    voorwoord: String,
    adviezen: String,
    plannen: String,
}

async fn teksten(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<TekstenForm>,
) -> Response {
    let Some((mut invoer, vorige)) = app
        .sessies
        .lock()
        .expect("sessions lock")
        .get(&id)
        .map(|s| (s.invoer.clone(), s.uitkomst.clone()))
    else {
        return verlopen();
    };
    let Some(vorige) = vorige else {
        return foutpagina(
            StatusCode::BAD_REQUEST,
            "Geen register",
            "Kies eerst een register.",
        );
    };
    invoer.teksten = Some([f.voorwoord, f.adviezen, f.plannen]);
    let run = invoer.clone();
    let result = blocking(move || sessie::opnieuw(&run, &vorige)).await;
    let mut sessies = app.sessies.lock().expect("sessions lock");
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

fn verlopen() -> Response {
    foutpagina(
        StatusCode::NOT_FOUND,
        "Sessie verlopen",
        "Deze gegevens zijn niet meer in het geheugen (na een uur zonder gebruik, of na een herstart worden ze gewist). Kies het register opnieuw.",
    )
}

#[derive(Deserialize)]
struct PerForm {
    kolom: String,
}

async fn per(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Form(f): Form<PerForm>,
) -> Response {
    let (invoer, uitkomst, stand) = {
        let mut sessies = app.sessies.lock().expect("sessions lock");
        let Some(s) = sessies.get_mut(&id) else {
            return verlopen();
        };
        let Some(u) = s.uitkomst.clone() else {
            return foutpagina(
                StatusCode::BAD_REQUEST,
                "Geen register",
                "Kies eerst een register.",
            );
        };
        let stand = Arc::new(BatchStand {
            kolom: f.kolom.clone(),
            klaar: AtomicUsize::new(0),
            totaal: AtomicUsize::new(0),
            zip: Mutex::new(None),
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
        *stand.zip.lock().expect("batch lock") = Some(result);
    });
    Redirect::to(&format!("/?s={id}#per")).into_response()
}

async fn voortgang(State(app): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    let sessies = app.sessies.lock().expect("sessions lock");
    let Some(b) = sessies.get(&id).and_then(|s| s.batch.clone()) else {
        return verlopen();
    };
    let zip = b.zip.lock().expect("batch lock");
    let body = serde_json::json!({
        "klaar": b.klaar.load(Ordering::Relaxed),
        "totaal": b.totaal.load(Ordering::Relaxed),
        "gereed": matches!(*zip, Some(Ok(_))),
        "fout": zip.as_ref().and_then(|r| r.as_ref().err()),
    });
    (
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

async fn per_zip(State(app): State<Shared>, UrlPath(id): UrlPath<String>) -> Response {
    let sessies = app.sessies.lock().expect("sessions lock");
    let Some(b) = sessies.get(&id).and_then(|s| s.batch.clone()) else {
        return verlopen();
    };
    let zip = b.zip.lock().expect("batch lock");
    match zip.as_ref() {
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

async fn bestand(
    State(app): State<Shared>,
    UrlPath((id, soort)): UrlPath<(String, String)>,
) -> Response {
    let (uitkomst, invoer) = {
        let mut sessies = app.sessies.lock().expect("sessions lock");
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
                Err(e) => foutpagina(StatusCode::INTERNAL_SERVER_ERROR, "ZIP", &e.to_string()),
            }
        }
        _ => foutpagina(
            StatusCode::NOT_FOUND,
            "Onbekend bestand",
            "Dit bestand bestaat niet.",
        ),
    }
}
