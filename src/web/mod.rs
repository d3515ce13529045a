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
//!
//! - [`server`]: bind, token, the sessions' cleaner, shutdown; the routes.
//! - [`guard`]: the middleware every request passes (Host, token, size, headers).
//! - [`handlers`]: one function per route.
//! - [`pagina`]: the page and the error page, typed and rendered by tera with autoescaping.
//! - [`sessie`]: one session's input and what the pipeline made of it.
//! - [`instellingen`]: step 4's texts and settings, read from and written into the session's
//!   config document.

mod guard;
mod handlers;
mod instellingen;
mod pagina;
mod server;
pub mod sessie;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

pub use server::{random_hex, run};
use sessie::{BatchKlaar, Invoer, Uitkomst};

/// How the page is served: the command line's `web` arguments, as plain values.
#[derive(Debug, Clone)]
pub struct Opties {
    /// The address to listen on (127.0.0.1: this computer only).
    pub adres: IpAddr,
    /// The port (0: a free one).
    pub poort: u16,
    /// Open the page in the default browser.
    pub open: bool,
    /// The largest upload, in bytes.
    pub max_bytes: usize,
    /// Started by a double-click: the console window is the only way to stop it, so the start
    /// says so.
    pub venster: bool,
}

/// A batch (`per eenheid`) of a session, running or done.
struct BatchStand {
    kolom: String,
    klaar: AtomicUsize,
    totaal: AtomicUsize,
    uitkomst: Mutex<Option<std::result::Result<BatchKlaar, String>>>,
}

/// A unit of a batch that failed, as the page shows it.
#[derive(serde::Serialize)]
struct Mislukt {
    eenheid: String,
    fout: String,
}

/// A batch's state, as the page and its progress JSON show it.
#[derive(serde::Serialize)]
struct BatchStatus {
    kolom: String,
    klaar: usize,
    totaal: usize,
    /// Done, and every unit made.
    gereed: bool,
    /// Why the batch failed, or how many of its units did.
    fout: Option<String>,
    /// The units that failed, by name, with their error.
    mislukt: Vec<Mislukt>,
    /// A ZIP to download: every report made, also when some units failed.
    zip: bool,
}

impl BatchStand {
    fn status(&self) -> BatchStatus {
        let uitkomst = self.uitkomst.lock().unwrap_or_else(|e| e.into_inner());
        let (gereed, fout, mislukt, zip) = match uitkomst.as_ref() {
            None => (false, None, Vec::new(), false),
            Some(Err(e)) => (false, Some(e.clone()), Vec::new(), false),
            Some(Ok(k)) if k.mislukt.is_empty() => (true, None, Vec::new(), true),
            Some(Ok(k)) => (
                false,
                Some(format!(
                    "{} van de {} eenheden mislukt",
                    k.mislukt.len(),
                    k.totaal
                )),
                k.mislukt
                    .iter()
                    .map(|(eenheid, fout)| Mislukt {
                        eenheid: eenheid.clone(),
                        fout: fout.clone(),
                    })
                    .collect(),
                true,
            ),
        };
        BatchStatus {
            kolom: self.kolom.clone(),
            klaar: self.klaar.load(Ordering::Relaxed),
            totaal: self.totaal.load(Ordering::Relaxed),
            gereed,
            fout,
            mislukt,
            zip,
        }
    }
}

/// One browser session.
struct Sessie {
    invoer: Invoer,
    /// The last report made; a later error leaves it on the page.
    uitkomst: Option<Arc<Uitkomst>>,
    /// Why the last change made no report (shown above the last good one).
    fout: Option<String>,
    /// Fields of the last form the settings refused: (typed value, why), by field name.
    invoerfouten: instellingen::Invoerfouten,
    batch: Option<Arc<BatchStand>>,
    laatst: Instant,
    /// The token the session's forms carry (`?f=`): a page of another origin cannot know it.
    formulier: String,
    /// What the last change did, shown where the page goes after it.
    melding: Option<Melding>,
}

/// What a change on the page did: a sentence at the top of its step, with a link to every
/// field that has an error.
#[derive(Clone, serde::Serialize)]
struct Melding {
    /// The step it stands in (`controle`, `teksten`).
    sectie: &'static str,
    tekst: String,
    /// (element id, label) of each field with an error.
    velden: Vec<(String, String)>,
}

impl Sessie {
    /// Bytes the session holds, roughly: the files, the register as read, the outputs.
    fn bytes(&self) -> usize {
        let uitkomst = self.uitkomst.as_ref().map_or(0, |u| {
            u.checked.value.klachten.len() * std::mem::size_of::<crate::register::Klacht>() * 2
                + u.verslag.as_ref().map_or(0, |v| {
                    v.files.iter().map(|(_, b)| b.len()).sum::<usize>() + v.manifest.len()
                })
        });
        let batch = self.batch.as_ref().map_or(0, |b| {
            b.uitkomst
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .as_ref()
                .and_then(|r| r.as_ref().ok())
                .map_or(0, |k| k.zip.len())
        });
        self.invoer.bytes() + uitkomst + batch
    }
}

/// Why a session is gone, for the page that asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weg {
    /// An hour without use.
    Verlopen,
    /// Dropped to make room for a newer one.
    Verdrongen,
}

/// At most this many sessions are kept; the oldest is dropped first.
const MAX_SESSIES: usize = 8;
/// At most this many bytes are kept over all sessions (the newest is always kept).
const MAX_SESSIE_BYTES: usize = 1024 * 1024 * 1024;
/// Ids of dropped sessions remembered for their message.
const MAX_WEG: usize = 1000;

/// The sessions, with the ids of those dropped.
#[derive(Default)]
struct Sessies {
    open: HashMap<String, Sessie>,
    weg: HashMap<String, Weg>,
}

impl Sessies {
    fn get(&self, id: &str) -> Option<&Sessie> {
        self.open.get(id)
    }

    fn get_mut(&mut self, id: &str) -> Option<&mut Sessie> {
        self.open.get_mut(id)
    }

    fn vergeet(&mut self, id: String, waarom: Weg) {
        self.open.remove(&id);
        if self.weg.len() >= MAX_WEG {
            self.weg.clear();
        }
        self.weg.insert(id, waarom);
    }

    /// Adds a session, dropping the least recently used ones beyond the caps.
    fn nieuw(&mut self, id: String, sessie: Sessie, max_aantal: usize, max_bytes: usize) {
        self.open.insert(id.clone(), sessie);
        loop {
            let totaal: usize = self.open.values().map(Sessie::bytes).sum();
            if self.open.len() <= max_aantal && (totaal <= max_bytes || self.open.len() == 1) {
                break;
            }
            let Some(oudste) = self
                .open
                .iter()
                .filter(|(k, _)| **k != id)
                .min_by_key(|(_, s)| s.laatst)
                .map(|(k, _)| k.clone())
            else {
                break;
            };
            self.vergeet(oudste, Weg::Verdrongen);
        }
    }

    /// Drops the sessions not used for `duur`.
    fn opruimen(&mut self, duur: std::time::Duration) {
        let oud: Vec<String> = self
            .open
            .iter()
            .filter(|(_, s)| s.laatst.elapsed() >= duur)
            .map(|(k, _)| k.clone())
            .collect();
        for id in oud {
            self.vergeet(id, Weg::Verlopen);
        }
    }
}

/// The server's state.
struct App {
    token: String,
    /// The token of the start page's form (no session yet).
    formulier: String,
    hosts: Vec<String>,
    max_bytes: usize,
    sessies: Mutex<Sessies>,
}

impl App {
    /// The sessions; a panic while one request held them does not lock out the others.
    fn sessies(&self) -> std::sync::MutexGuard<'_, Sessies> {
        self.sessies.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Keeps a new session within the caps.
    fn nieuwe_sessie(&self, id: String, sessie: Sessie) {
        self.sessies()
            .nieuw(id, sessie, MAX_SESSIES, MAX_SESSIE_BYTES);
    }

    /// The page for a session that is not (or no longer) there, saying why.
    fn verlopen(&self, id: &str) -> axum::response::Response {
        let waarom = self.sessies().weg.get(id).copied();
        let (titel, tekst) = match waarom {
            Some(Weg::Verlopen) => (
                "Sessie verlopen",
                "Deze gegevens zijn na een uur zonder gebruik uit het geheugen gewist. Kies het register opnieuw; met de gedownloade configuratie komen uw keuzes terug.",
            ),
            Some(Weg::Verdrongen) => (
                "Sessie gesloten",
                "Er waren meer registers tegelijk open dan klachtverslag in het geheugen houdt; de oudste is gewist. Kies het register opnieuw; met de gedownloade configuratie komen uw keuzes terug.",
            ),
            None => (
                "Onbekende sessie",
                "Dit adres hoort niet bij een register dat hier is gekozen (of klachtverslag is opnieuw gestart). Begin op de startpagina.",
            ),
        };
        pagina::foutpagina(axum::http::StatusCode::NOT_FOUND, titel, tekst)
    }
}

type Shared = Arc<App>;

#[cfg(test)]
mod tests {
    use super::*;

    fn stand(uitkomst: Option<std::result::Result<BatchKlaar, String>>) -> BatchStand {
        BatchStand {
            kolom: "cluster".into(),
            klaar: AtomicUsize::new(3),
            totaal: AtomicUsize::new(3),
            uitkomst: Mutex::new(uitkomst),
        }
    }

    #[test]
    fn a_batch_with_a_failed_unit_is_not_gereed() {
        let klaar = |mislukt: Vec<(String, String)>| {
            Some(Ok(BatchKlaar {
                zip: b"PK".to_vec(),
                totaal: 3,
                mislukt,
            }))
        };
        let s = stand(klaar(Vec::new())).status();
        assert!(s.gereed && s.zip && s.fout.is_none());
        let s = stand(klaar(vec![("Wonen".into(), "fout in sjabloon".into())])).status();
        assert!(!s.gereed);
        assert!(s.zip, "the other units can still be downloaded");
        assert_eq!(s.fout.as_deref(), Some("1 van de 3 eenheden mislukt"));
        assert_eq!(s.mislukt[0].eenheid, "Wonen");
        assert_eq!(s.mislukt[0].fout, "fout in sjabloon");
        let s = stand(Some(Err("geen verslagperiode".into()))).status();
        assert!(!s.gereed && !s.zip);
        assert_eq!(s.fout.as_deref(), Some("geen verslagperiode"));
        let s = stand(None).status();
        assert!(!s.gereed && s.fout.is_none() && s.klaar == 3);
    }
}
