//! `verslag --per KOLOM` on the command line: the batch's reports written into a folder per
//! unit, the overview beside them, progress on the terminal (unless `--stil`), and the failed
//! units listed at the end with exit code 1.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use super::schrijf::{write_atomic, write_rendered};
use crate::error::Result;
use crate::register::Register;
use crate::register::issue::shorten;
use crate::settings::Settings;
use crate::stats::Periode;

/// Where a batch goes and how it reports.
pub(super) struct Uitvoer<'a> {
    /// The folder that gets a folder per unit and the overview.
    pub(super) uit: &'a Path,
    /// Public versions (`--publiek`).
    pub(super) publiek: bool,
    /// No progress and no summary line (`--stil`).
    pub(super) stil: bool,
}

/// Runs the batch and writes it; exit 1 when a unit failed.
pub(super) fn run(
    per: &str,
    register: &Register,
    periode: Periode,
    settings: &Settings,
    uitvoer: &Uitvoer<'_>,
    logo: Option<&[u8]>,
) -> Result<ExitCode> {
    let bar = (!uitvoer.stil && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(0);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} eenheden · {per_sec} · nog {eta}",
            )
            .expect("valid progress template"),
        );
        bar
    });
    let verslag = |map: &str, r: crate::verslag::Rendered| {
        write_rendered(r, &uitvoer.uit.join(map)).map(|_| ())
    };
    let voortgang = |n: usize, total: usize| match &bar {
        Some(bar) => {
            bar.set_length(total as u64);
            bar.inc(1);
        }
        None if !uitvoer.stil && (n.is_multiple_of((total / 10).max(1)) || n == total) => {
            eprintln!("{n}/{total} eenheden klaar");
        }
        None => {}
    };
    let ontvanger = crate::batch::Ontvanger {
        verslag: &verslag,
        voortgang: &voortgang,
    };
    let batch = crate::batch::run(
        per,
        register,
        periode,
        settings,
        uitvoer.publiek,
        logo,
        &ontvanger,
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    // The library names the column; the command line names its own flag.
    let batch = batch.map_err(|e| match e {
        crate::error::Error::PerKolom { kolom, reden } => {
            crate::error::Error::Usage(format!("--per {kolom}: {reden}"))
        }
        e => e,
    })?;
    let kolom = batch.kolom;
    for naam in &batch.onbekend {
        eprintln!(
            "waarschuwing: configuratie [eenheid.\"{}\"]: geen eenheid met die naam in kolom {} (eenheden: {})",
            shorten(naam),
            kolom.name(),
            batch
                .eenheden
                .iter()
                .map(|e| shorten(&e.naam))
                .take(10)
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    for (name, bytes) in &batch.overzicht {
        write_atomic(&uitvoer.uit.join(name), bytes)?;
    }
    let [_, _, tabellen] = crate::verslag::file_names(periode);
    for e in &batch.eenheden {
        if let Ok(g) = &e.uitkomst {
            for w in &g.doelen {
                let w = w.strip_prefix("waarschuwing: ").unwrap_or(w);
                eprintln!("waarschuwing: {}: {w}", e.map);
            }
            for c in &g.cut {
                eprintln!(
                    "{}",
                    crate::export::xlsx::cut_warning(&format!("{}/{tabellen}", e.map), c)
                );
            }
        }
    }
    let total = batch.eenheden.len();
    let failed = batch.mislukt().count();
    if !uitvoer.stil {
        let label = periode.label();
        println!(
            "{} verslagen geschreven in {} (één map per {}), plus overzicht-{label}.xlsx en overzicht-{label}.pdf",
            total - failed,
            uitvoer.uit.display(),
            kolom.name()
        );
    }
    if !register.excluded.is_empty() {
        eprintln!(
            "let op: {} rijen met een fout zijn in geen enkel verslag meegeteld (zie 'controleer')",
            register.excluded.len()
        );
    }
    if failed == 0 {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("fout: {failed} van de {total} eenheden mislukt:");
    for (e, err) in batch.mislukt() {
        eprintln!(
            "  {} ({}): {}",
            shorten(&e.naam),
            e.map,
            crate::error::causes(err).join(": ")
        );
    }
    Ok(ExitCode::from(1))
}
