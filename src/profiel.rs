//! Where the time goes: when the front end switches profiling on ([`enable`]), every pipeline
//! phase records its wall time, and the front end takes the records ([`take`]) and shows them
//! (`profiel: lezen 812 ms`). Off by default; then a phase costs one atomic load. No stage
//! prints: the command line turns `KLACHTVERSLAG_PROFIEL=1` into [`enable`] and prints.
//! `bench/run.sh` and docs/prestaties.md use it to show the profile.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The one switch, set once by the front end.
static ON: AtomicBool = AtomicBool::new(false);
/// What was measured since the last [`take`], in the order it finished.
static METINGEN: Mutex<Vec<Meting>> = Mutex::new(Vec::new());

/// One measured phase.
#[derive(Debug, Clone, PartialEq)]
pub struct Meting {
    /// The phase (`lezen`, `pdf: opmaak`, `typst: iter (2)`).
    pub fase: String,
    /// Its wall time.
    pub duur: Duration,
    /// A scope of Typst's own timing: shown to a tenth of a millisecond, as those are short.
    pub typst: bool,
}

impl std::fmt::Display for Meting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.typst {
            let ms = self.duur.as_secs_f64() * 1000.0;
            write!(f, "profiel: {} {ms:.1} ms", self.fase)
        } else {
            write!(f, "profiel: {} {} ms", self.fase, self.duur.as_millis())
        }
    }
}

/// Switches profiling on for the rest of the process.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

fn enabled() -> bool {
    ON.load(Ordering::Relaxed)
}

fn record(meting: Meting) {
    METINGEN
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push(meting);
}

/// The phases measured since the last call, in the order they finished.
pub fn take() -> Vec<Meting> {
    std::mem::take(&mut *METINGEN.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Runs `f`; when profiling is on, records how long it took under `fase`.
pub fn fase<T>(fase: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    record(Meting {
        fase: fase.to_string(),
        duur: start.elapsed(),
        typst: false,
    });
    out
}

/// Runs a Typst compile; when profiling is on, also records each of Typst's own timed scopes
/// that ran on the calling thread (`typst: iter (2)`), in order: how many layout passes a
/// document needed and what each cost.
pub fn typst<T>(f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    typst_timing::clear();
    typst_timing::enable();
    let out = f();
    typst_timing::disable();
    let mut json = Vec::new();
    if typst_timing::export_json(&mut json, |_| (String::new(), 0)).is_ok()
        && let Ok(serde_json::Value::Array(events)) = serde_json::from_slice(&json)
    {
        let main = events.first().and_then(|e| e["tid"].as_u64());
        let mut open: Vec<(String, f64)> = Vec::new();
        for e in events.iter().filter(|e| e["tid"].as_u64() == main) {
            let name = e["name"].as_str().unwrap_or("").to_string();
            let ts = e["ts"].as_f64().unwrap_or(0.0);
            match e["ph"].as_str() {
                Some("B") => open.push((name, ts)),
                Some("E") => {
                    if let Some((name, start)) = open.pop()
                        && open.len() <= 1
                    {
                        // Typst's timestamps are in microseconds.
                        record(Meting {
                            fase: format!("typst: {name}"),
                            duur: Duration::from_secs_f64((ts - start).max(0.0) / 1e6),
                            typst: true,
                        });
                    }
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phase_is_recorded_only_when_switched_on() {
        // Off: the phase runs and nothing is kept (the switch is process-wide, so this test
        // owns it: no other unit test enables it).
        assert_eq!(fase("uit", || 1), 1);
        assert!(take().iter().all(|m| m.fase != "uit"));
        enable();
        assert_eq!(fase("aan", || 2), 2);
        let metingen = take();
        let aan = metingen.iter().find(|m| m.fase == "aan").unwrap();
        assert!(!aan.typst);
        assert!(aan.to_string().starts_with("profiel: aan "));
        assert!(aan.to_string().ends_with(" ms"));
    }
}
