//! `klachtverslag verslag`: the annual report (PDF, JSON, XLSX, manifest).

use std::path::PathBuf;

use clap::Args;

use std::process::ExitCode;

use super::*;
use crate::stats::Periode;

#[derive(Debug, Args)]
#[command(next_help_heading = "Opties")]
pub(crate) struct VerslagArgs {
    #[command(flatten)]
    pub(crate) input: InputArgs,
    /// Verslagjaar (standaard: het laatste jaar in het register)
    #[arg(long, value_name = "JJJJ", value_parser = clap::value_parser!(i32).range(1990..=2200))]
    pub(crate) jaar: Option<i32>,
    /// Kwartaalrapportage over één kwartaal van het jaar (1–4), vergeleken met hetzelfde kwartaal een jaar eerder
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
    pub(crate) kwartaal: Option<u8>,
    /// Verslagperiode in één keer: een jaar (2024) of een kwartaal (2024-Q3); in plaats van --jaar en --kwartaal
    #[arg(long, value_name = "PERIODE", conflicts_with_all = ["jaar", "kwartaal"], value_parser = parse_periode)]
    pub(crate) periode: Option<Periode>,
    /// Map waarin het verslag komt (wordt aangemaakt als die niet bestaat)
    #[arg(long, value_name = "MAP")]
    pub(crate) uit: PathBuf,
    /// Stop bij fouten in het register in plaats van die rijen over te slaan
    #[arg(long)]
    pub(crate) streng: bool,
    /// Openbare versie: aantallen kleiner dan [privacy] kleine_aantallen (standaard 5) worden "< 5", met aanvullende onderdrukking zodat ze niet terug te rekenen zijn
    #[arg(long)]
    pub(crate) publiek: bool,
    /// Eén verslag per eenheid: zorgaanbieder, cluster, soort_zorg of een andere kolom; plus een overzicht van alle eenheden
    #[arg(long, value_name = "KOLOM")]
    pub(crate) per: Option<String>,
    /// Geen voortgang en geen samenvatting tonen (bij --per); waarschuwingen en fouten blijven
    #[arg(long)]
    pub(crate) stil: bool,
    /// Beknopt verslag: zonder inhoudsopgave, grafieken en de bijlage Verantwoording (de cijfers, JSON en XLSX zijn gelijk); met --per ruim een derde sneller
    #[arg(long)]
    pub(crate) beknopt: bool,
    /// Configuratie van vorig jaar: de plannen daarin ([[plan]]) zijn de doelen van dit verslag, met status en resultaat uit [[doel]] in --config (zelfde titel)
    #[arg(long, value_name = "BESTAND")]
    pub(crate) vorige_config: Option<PathBuf>,
    /// Map met eigen sjablonen (jaarverslag.typ, inleiding.tera, kader.tera, opvallend/*.tera) die de ingebouwde één voor één vervangen
    #[arg(long, value_name = "MAP")]
    pub(crate) sjablonen: Option<PathBuf>,
}

fn parse_periode(s: &str) -> std::result::Result<Periode, Explanation> {
    s.parse().map_err(Explanation)
}

/// The report period the arguments ask for: `--periode`, or `--jaar` (default: the latest
/// year in the register) with an optional `--kwartaal`. `None` when the register is empty and
/// no year was given.
fn periode(args: &VerslagArgs, years: &BTreeMap<i32, usize>) -> Option<Periode> {
    if let Some(p) = args.periode {
        return Some(p);
    }
    let jaar = args.jaar.or_else(|| years.keys().next_back().copied())?;
    match args.kwartaal {
        Some(q) => Periode::kwartaal(jaar, q),
        None => Some(Periode::jaar(jaar)),
    }
}

/// Runs `verslag`.
pub(super) fn run(args: &VerslagArgs) -> Result<ExitCode> {
    crate::report::typst::warm_up();
    // `--beknopt` turns brief reports on; `[verslag] beknopt = true` in the config does too.
    let (mut settings, checked) = load(&args.input, args.sjablonen.as_deref(), args.beknopt)?;
    if let Some(pad) = &args.vorige_config {
        let tekst = std::fs::read_to_string(pad).map_err(|source| Error::Read {
            path: pad.clone(),
            source,
        })?;
        let naam = crate::register::file_name(pad);
        let waarschuwingen = crate::doelen::vorige_config(&mut settings.report, &naam, &tekst)
            .map_err(|message| Error::Config {
                path: pad.clone(),
                message,
            })?;
        for w in waarschuwingen {
            eprintln!("{w}");
        }
    }
    print_issues(&checked.issues);
    if checked.file_error() {
        eprintln!("{}", checked.samenvatting());
        eprintln!("fout: er is geen verslag gemaakt; herstel eerst de fouten hierboven");
        return Ok(ExitCode::from(1));
    }
    if args.streng && checked.count(Severity::Fout) > 0 {
        eprintln!("{}", checked.samenvatting());
        eprintln!("fout: er is geen verslag gemaakt (--streng); herstel eerst de fouten hierboven");
        return Ok(ExitCode::from(1));
    }
    let years = checked.value.per_jaar();
    let Some(periode) = periode(args, &years) else {
        eprintln!(
            "fout: het register bevat geen enkele bruikbare klacht; er is geen verslag gemaakt"
        );
        return Ok(ExitCode::from(1));
    };
    let jaar = periode.jaar;
    if args.jaar.is_none() && args.periode.is_none() {
        eprintln!(
            "verslagjaar {jaar} (het laatste jaar in het register; kies een ander met --jaar)"
        );
    }
    if let Some(leeg) = crate::verslag::lege_periode(&checked.value, periode) {
        eprintln!("waarschuwing: {leeg}");
    }

    // A configured logo that cannot be shown stops the run before any work: the report was
    // asked for with that logo, and one published without it should be a choice.
    let logo = match &settings.report.logo {
        // Written into the config itself (as the page does): checked like a file.
        _ if settings.report.logo_ingebed.is_some() => {
            let bytes = settings.report.logo_ingebed.clone().unwrap_or_default();
            crate::report::logo_controleren(&bytes).map_err(|message| Error::Logo {
                path: args.input.config.clone(),
                message,
            })?;
            Some(bytes)
        }
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|source| Error::Read {
                path: path.clone(),
                source,
            })?;
            crate::report::logo_controleren(&bytes).map_err(|message| Error::Logo {
                path: Some(path.clone()),
                message,
            })?;
            Some(bytes)
        }
        None => None,
    };
    if let Some(per) = &args.per {
        let uitvoer = super::per::Uitvoer {
            uit: &args.uit,
            publiek: args.publiek,
            stil: args.stil,
        };
        return super::per::run(
            per,
            &checked.value,
            periode,
            &settings,
            &uitvoer,
            logo.as_deref(),
        );
    }
    let k = settings.stats.kleine_aantallen;
    if args.publiek {
        eprintln!(
            "openbare versie: aantallen van 1 tot en met {} zijn verborgen als \"< {k}\"",
            k - 1
        );
    }
    let rendered = crate::verslag::render(
        &checked.value,
        periode,
        &settings,
        args.publiek,
        logo.as_deref(),
    )?;
    let w = super::schrijf::write_rendered(rendered, &args.uit)?;
    if !args.publiek {
        print_small_cells(&w.figures, k, false);
    }
    for line in crate::verantwoording::waarschuwingen(&w.figures.verantwoording) {
        eprintln!("{line}");
    }
    for line in crate::doelen::waarschuwingen(w.figures.doelen.as_ref()) {
        eprintln!("{line}");
    }
    // `[[eerder]]` and `[[volume]]`: a year both in the register and in the config, a year
    // without a volume.
    for line in &w.figures.waarschuwingen {
        eprintln!("{line}");
    }
    for c in &w.cut {
        eprintln!(
            "{}",
            crate::export::xlsx::cut_warning(&w.xlsx_path.display().to_string(), c)
        );
    }
    let excluded = w.figures.uitgesloten_rijen.len();
    if excluded > 0 {
        eprintln!(
            "let op: {excluded} {} met een fout {} niet meegeteld (zie de bijlage Datakwaliteit en uitgesloten_rijen in {})",
            if excluded == 1 { "rij" } else { "rijen" },
            if excluded == 1 { "is" } else { "zijn" },
            w.json_path.display()
        );
    }
    eprintln!("{}", checked.samenvatting());
    println!(
        "{} geschreven ({} pagina's): {} klachten ontvangen in {}, {} in behandeling, {} deelklachten",
        w.pdf_path.display(),
        w.pages,
        w.figures.kerngetallen.ontvangen,
        periode.naam(),
        w.figures.kerngetallen.in_behandeling,
        w.figures.kerngetallen.deelklachten,
    );
    println!("{} geschreven", w.json_path.display());
    println!("{} geschreven", w.xlsx_path.display());
    Ok(ExitCode::SUCCESS)
}
