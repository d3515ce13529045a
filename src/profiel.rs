//! Where the time goes: with `KLACHTVERSLAG_PROFIEL=1` every pipeline phase prints its wall
//! time to stderr (`profiel: lezen 812 ms`). Off by default; costs one env lookup per phase.
//! `bench/run.sh` and the README's Performance section use it to show the profile.

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
