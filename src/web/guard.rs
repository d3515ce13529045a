//! The guard every request passes before its handler: the Host header must be the server's own
//! address (DNS rebinding), the token must come once in the address and then as a cookie, an
//! upload over the limit is refused, and every answer gets the security headers.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::Shared;
use super::pagina::foutpagina;

/// Host check, token (query once, then a cookie), size limit, security headers.
pub(super) async fn bewaking(State(app): State<Shared>, req: Request, next: Next) -> Response {
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
    } else if req.method() == axum::http::Method::GET && req.uri().path().starts_with("/static/") {
        // The style sheet and script are constants of the program and hold no data: without
        // them the page that asks for the token would be unstyled.
        next.run(req).await
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
    } else if req.method() != axum::http::Method::GET && !eigen_herkomst(&app, req.headers()) {
        foutpagina(
            StatusCode::FORBIDDEN,
            "Geweigerd",
            "Dit formulier kwam niet van de pagina van klachtverslag zelf en is daarom niet uitgevoerd. Gebruik de knoppen op de pagina.",
        )
    } else if req.method() != axum::http::Method::GET && !formulier_klopt(&app, &req) {
        foutpagina(
            StatusCode::FORBIDDEN,
            "Formulier verlopen",
            "Dit formulier hoort bij een pagina die niet meer geldt (klachtverslag is opnieuw gestart, of de sessie is gewist). Laad de pagina opnieuw en probeer het nog eens.",
        )
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
    // same-origin: the page's own posts carry its origin (with no-referrer a browser sends
    // `Origin: null`, which the origin check refuses), and no address leaves the computer.
    set(h, header::REFERRER_POLICY, "same-origin");
    set(h, header::X_FRAME_OPTIONS, "SAMEORIGIN");
    set(h, header::CACHE_CONTROL, "no-store");
    resp
}

fn geen_toegang() -> Response {
    foutpagina(
        StatusCode::FORBIDDEN,
        "Geen toegang",
        "Open de pagina via het volledige adres uit het venster van klachtverslag: het eindigt op ?token= en een lange code. Is dat venster dicht, start klachtverslag dan opnieuw; het opent de pagina zelf.",
    )
}

/// An upload over the limit, with how to allow it.
pub(super) fn te_groot(max: usize) -> Response {
    foutpagina(
        StatusCode::PAYLOAD_TOO_LARGE,
        "Bestand te groot",
        &format!(
            "De upload is groter dan {} MB. Splits het register, bijvoorbeeld in één bestand per jaar, en kies die bestanden samen.",
            max / (1024 * 1024)
        ),
    )
}

fn query_token(q: Option<&str>) -> Option<String> {
    query(q, "token")
}

fn query(q: Option<&str>, key: &str) -> Option<String> {
    q?.split('&')
        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
        .map(str::to_string)
}

/// A state-changing request must come from the server's own page: its Origin (or, without
/// one, its Referer) is one of the server's own addresses. A page on another port of the
/// same computer is another origin, although the browser sends it the cookie (same site).
fn eigen_herkomst(app: &super::App, h: &HeaderMap) -> bool {
    let eigen = |url: &str| {
        app.hosts.iter().any(|host| {
            let base = format!("http://{host}");
            url == base || url.starts_with(&format!("{base}/"))
        })
    };
    match h.get(header::ORIGIN).map(|v| v.to_str().unwrap_or("")) {
        Some(origin) => eigen(origin),
        None => h
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .is_some_and(eigen),
    }
}

/// A form carries the token of its page (`?f=`): the start page's for a new register, the
/// session's for a session's forms.
fn formulier_klopt(app: &super::App, req: &Request) -> bool {
    let Some(f) = query(req.uri().query(), "f") else {
        return false;
    };
    let path = req.uri().path();
    match path
        .strip_prefix("/s/")
        .and_then(|rest| rest.split('/').next())
    {
        Some(id) => app
            .sessies()
            .get(id)
            // A session that is gone gets its own message from the handler.
            .is_none_or(|s| s.formulier == f),
        None => f == app.formulier,
    }
}

fn cookie_token(h: &HeaderMap) -> Option<String> {
    h.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix("klachtverslag=").map(str::to_string))
}
