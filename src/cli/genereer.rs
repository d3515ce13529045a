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
    /// Een leeg register (XLSX) om het nieuwe jaar in bij te houden: de kolommen, datums als datum en keuzelijsten (met --config ook de categorieën en clusters)
    #[arg(long, conflicts_with_all = ["rijen", "jaren", "tot_jaar", "eenheden", "clusters", "zaad"])]
    leeg: bool,
    /// Configuratiebestand (TOML) voor de keuzelijsten van --leeg
    #[arg(long, value_name = "BESTAND", requires = "leeg")]
    config: Option<PathBuf>,
}

/// Runs `genereer`.
pub(super) fn run(args: &GenereerArgs) -> Result<ExitCode> {
    if args.leeg {
        return empty_register(args);
    }
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

/// `genereer --leeg`: the empty register, with the config's categories and clusters.
fn empty_register(args: &GenereerArgs) -> Result<ExitCode> {
    let is_xlsx = args
        .uit
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(crate::error::Error::Usage(format!(
            "--leeg schrijft een Excel-bestand: geef --uit een naam die op .xlsx eindigt (niet {})",
            args.uit.display()
        )));
    }
    let flags = crate::settings::Flags::default();
    let settings = crate::settings::Settings::resolve(args.config.as_deref(), &flags)?;
    let bytes = crate::export::sjabloon::register_template(&settings.read)?;
    write_atomic(&args.uit, &bytes)?;
    println!(
        "{} geschreven: een leeg klachtenregister met keuzelijsten",
        args.uit.display()
    );
    Ok(ExitCode::SUCCESS)
}
