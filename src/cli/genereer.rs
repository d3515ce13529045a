//! `klachtverslag genereer`: write a synthetic register (deterministic by seed).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::schrijf::write_atomic;
use crate::error::Result;
use crate::genereer::{Opties, csv, xlsx};

#[derive(Debug, Args)]
#[command(next_help_heading = "Opties")]
pub(crate) struct GenereerArgs {
    /// Aantal rijen (klachten); standaard 1000
    #[arg(long, hide_default_value = true, default_value_t = 1000)]
    rijen: usize,
    /// Aantal jaren, tot en met --tot-jaar; standaard 4
    #[arg(long, hide_default_value = true, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=50))]
    jaren: u32,
    /// Laatste jaar; standaard 2024
    #[arg(long, hide_default_value = true, default_value_t = 2024, value_parser = clap::value_parser!(i32).range(1990..=2200))]
    tot_jaar: i32,
    /// Aantal zorgaanbieders (en clusters, hoogstens 12); standaard 10
    #[arg(long, hide_default_value = true, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    eenheden: u64,
    /// Aantal clusters (standaard: zoveel als zorgaanbieders, hoogstens 12)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=100_000))]
    clusters: Option<u64>,
    /// Startwaarde: hetzelfde zaad geeft hetzelfde register; standaard 1
    #[arg(long, hide_default_value = true, default_value_t = 1)]
    zaad: u64,
    /// Het bestand dat wordt geschreven: CSV, of XLSX als de naam op .xlsx eindigt
    #[arg(long, value_name = "BESTAND")]
    uit: PathBuf,
}

/// Runs `genereer`.
pub(super) fn run(args: &GenereerArgs) -> Result<ExitCode> {
    let o = Opties {
        rijen: args.rijen,
        jaren: args.jaren,
        tot_jaar: args.tot_jaar,
        eenheden: args.eenheden as usize,
        clusters: args.clusters.map(|c| c as usize),
        zaad: args.zaad,
    };
    let is_xlsx = args
        .uit
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let bytes = if is_xlsx {
        xlsx(&o).map_err(|e| crate::error::Error::Export {
            what: "het register (XLSX)",
            message: e.to_string(),
        })?
    } else {
        csv(&o).into_bytes()
    };
    write_atomic(&args.uit, &bytes)?;
    println!(
        "{} geschreven: {} verzonnen klachten over {} jaar",
        args.uit.display(),
        args.rijen,
        args.jaren
    );
    Ok(ExitCode::SUCCESS)
}
