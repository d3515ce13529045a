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
        "Open de pagina via het volledige adres uit het venster van klachtverslag: het eindigt op ?token= en een lange code. Is dat venster dicht, start klachtverslag dan opnieuw; het opent de pagina zelf.",
    )
}

/// An upload over the limit, with how to allow it.
pub(super) fn te_groot(max: usize) -> Response {
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
