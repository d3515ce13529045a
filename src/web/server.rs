//! Starting and stopping the page's server: bind, a fresh token, the address printed, the
//! sessions dropped after an hour without use, and everything dropped at Ctrl-C.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::routing::{get, post};

use super::{App, Opties, Shared, guard, handlers};
use crate::error::{Error, Result};

/// The page's style sheet and script: embedded.
const CSS: &str = include_str!("../../report-templates/web/web.css");
const JS: &str = include_str!("../../report-templates/web/web.js");

/// Sessions without use for this long are dropped.
const SESSIE_DUUR: Duration = Duration::from_secs(60 * 60);

/// Random hex from the operating system's generator.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).expect("the operating system gives random bytes");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// Serves the page until Ctrl-C.
pub fn run(opties: &Opties) -> Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|source| Error::Server {
            what: "kan de webserver niet starten".into(),
            source,
        })?;
    rt.block_on(serve(opties))
}

async fn serve(opties: &Opties) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(opties.adres, opties.poort))
        .await
        .map_err(|source| Error::Server {
            what: format!("kan niet luisteren op {}:{}", opties.adres, opties.poort),
            source,
        })?;
    let addr = listener.local_addr().map_err(|source| Error::Server {
        what: "onbekend adres".into(),
        source,
    })?;
    let token = random_hex(16);
    let mut hosts = vec![addr.to_string(), format!("localhost:{}", addr.port())];
    if opties.adres.is_loopback() {
        hosts.push(format!("127.0.0.1:{}", addr.port()));
    }
    let app = Arc::new(App {
        token: token.clone(),
        formulier: random_hex(16),
        hosts,
        max_bytes: opties.max_bytes,
        sessies: Mutex::new(Default::default()),
    });
    if !opties.adres.is_loopback() {
        eprintln!(
            "waarschuwing: de pagina is ook vanaf andere computers te bereiken op {addr}; het register bevat gegevens over klachten in de zorg. Gebruik dit alleen op een vertrouwd netwerk."
        );
    }
    let url = format!("http://{addr}/?token={token}");
    println!("klachtverslag web draait op {url}");
    if opties.venster {
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
    if opties.open {
        open_browser(&url);
    }
    // Drop sessions that have not been used for an hour.
    let cleaner = app.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(Duration::from_secs(60)).await;
            cleaner.sessies().opruimen(SESSIE_DUUR);
        }
    });
    axum::serve(listener, router(app))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
            eprintln!("klachtverslag web gestopt; alle geüploade gegevens zijn gewist");
        })
        .await
        .map_err(|source| Error::Server {
            what: "webserver".into(),
            source,
        })
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
        .route("/", get(handlers::pagina))
        .route("/controle", post(handlers::controle))
        .route("/leeg-register.xlsx", get(handlers::leeg))
        .route("/s/{id}/kolommen", post(handlers::kolommen))
        .route("/s/{id}/waarden", post(handlers::waarden))
        .route("/s/{id}/instellingen", post(handlers::instellingen))
        .route("/s/{id}/per", post(handlers::per))
        .route("/s/{id}/per/voortgang", get(handlers::voortgang))
        .route("/s/{id}/per.zip", get(handlers::per_zip))
        .route("/s/{id}/bestand/{soort}", get(handlers::bestand))
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
        .fallback(|| async {
            super::pagina::foutpagina(
                axum::http::StatusCode::NOT_FOUND,
                "Pagina niet gevonden",
                "Dit adres bestaat niet in klachtverslag.",
            )
        })
        .layer(DefaultBodyLimit::max(limit))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::bewaking,
        ))
        .with_state(app)
}
