//! Where the time goes: with `KLACHTVERSLAG_PROFIEL=1` every pipeline phase prints its wall
//! time to stderr (`profiel: lezen 812 ms`). Off by default; costs one env lookup per phase.
//! `bench/run.sh` and docs/prestaties.md use it to show the profile.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("KLACHTVERSLAG_PROFIEL").is_some_and(|v| v == "1"))
}

/// Runs `f`; when profiling is on, prints how long it took under `fase`.
pub fn fase<T>(fase: &str, f: impl FnOnce() -> T) -> T {
    if !enabled() {
        return f();
    }
    let start = Instant::now();
    let out = f();
    eprintln!("profiel: {fase} {} ms", start.elapsed().as_millis());
    out
}

/// Runs a Typst compile; when profiling is on, also prints each of Typst's own timed scopes
/// that ran on the calling thread (`profiel: typst: iter (2) 8.5 ms`), in order: how
/// many layout passes a document needed and what each cost.
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
                        eprintln!("profiel: typst: {name} {:.1} ms", (ts - start) / 1000.0);
                    }
                }
                _ => {}
            }
        }
    }
    out
}
