//! `verslag --per KOLOM`: one report per unit (provider, cluster, …) plus an overview.
//!
//! The register is read and checked once; each unit's complaints are split off once; the Typst
//! engine and fonts are built once and shared. Units render in parallel, one plain thread per
//! core taking the next unit, so at most that many are in progress; Typst's memo cache keeps
//! only what the document before used (`report::typst::engine`), so a unit reuses the layout
//! the units share and a long run stays flat in memory. A unit that fails does not stop the
//! others: failures are listed at the end and the exit code is 1.

use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::export::xlsx::OVERZICHT;
use crate::register::{Closed, Klacht, Kolom, Register};
use crate::settings::Settings;
use crate::stats::{Periode, Waarde};
use crate::verslag::{write_atomic, write_report};

/// The value of a complaint in the unit column (`None` = unknown).
fn unit_of(kolom: Kolom, k: &Klacht) -> Option<&str> {
    match kolom {
        Kolom::Zorgaanbieder => k.zorgaanbieder.as_deref(),
        Kolom::Cluster => k.cluster.as_deref(),
        Kolom::SoortZorg => k.soort_zorg.as_deref(),
        Kolom::Klager => k.klager.map(Closed::label),
        Kolom::Kanaal => k.kanaal.map(Closed::label),
        Kolom::Soort => k.soort.map(Closed::label),
        Kolom::Regeling => k.regeling.map(Closed::label),
        Kolom::Zorgrelatie => k.zorgrelatie.map(Closed::label),
        _ => None,
    }
}

/// Columns a batch can split on.
const PER: [Kolom; 8] = [
    Kolom::Zorgaanbieder,
    Kolom::Cluster,
    Kolom::SoortZorg,
    Kolom::Regeling,
    Kolom::Klager,
    Kolom::Kanaal,
    Kolom::Soort,
    Kolom::Zorgrelatie,
];

/// A folder name from a unit's name: letters, digits, `-` and `_` only, at most 60
/// characters; the same name twice gets `-2`, `-3`, ….
pub fn folder_name(unit: &str, taken: &mut Vec<String>) -> String {
    let mut base: String = unit
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    base = base.chars().take(60).collect();
    if base.is_empty() {
        base = "eenheid".into();
    }
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{base}-{n}");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// One line of the overview.
struct Line {
    unit: String,
    folder: String,
    /// The overview's key figures as every output shows them (a number, or "< k" in a public
    /// version), or why the unit failed.
    result: std::result::Result<[Waarde; 4], String>,
    /// Texts cut to fit an Excel cell in this unit's tables.
    cut: Vec<String>,
}

/// Where a batch goes and how it reports: a plain description, so the command line and the
/// web page run the same batch.
pub struct Uitvoer<'a> {
    /// The folder that gets a folder per unit and the overview.
    pub uit: &'a Path,
    /// Public versions (`--publiek`).
    pub publiek: bool,
    /// No progress on the terminal.
    pub stil: bool,
    /// Called after each unit with (done, total).
    pub voortgang: Option<&'a (dyn Fn(usize, usize) + Sync)>,
}

/// The columns a batch can split on, by their contract names.
pub fn kolommen() -> Vec<&'static str> {
    PER.iter().map(|k| k.name()).collect()
}

/// Runs a batch.
pub fn run(
    per: &str,
    register: &Register,
    periode: Periode,
    settings: &Settings,
    args: &Uitvoer<'_>,
    logo: Option<&[u8]>,
) -> Result<ExitCode> {
    let kolom = Kolom::by_name(per)
        .filter(|k| PER.contains(k))
        .ok_or_else(|| {
            Error::Usage(format!(
                "--per {per}: kies een van {}",
                PER.map(|k| k.name()).join(", ")
            ))
        })?;
    if !register.has(kolom) {
        return Err(Error::Usage(format!(
            "--per {}: het register heeft geen kolom {}",
            kolom.name(),
            kolom.name()
        )));
    }
    // Split once: every complaint goes to exactly one unit ("Onbekend" when empty).
    let mut units: BTreeMap<String, Vec<Klacht>> = BTreeMap::new();
    for k in &register.klachten {
        let unit = unit_of(kolom, k).unwrap_or("Onbekend");
        match units.get_mut(unit) {
            Some(v) => v.push(k.clone()),
            None => {
                units.insert(unit.to_string(), vec![k.clone()]);
            }
        }
    }
    let mut taken = Vec::new();
    let jobs: Vec<(String, String, Register)> = units
        .into_iter()
        .map(|(unit, klachten)| {
            let folder = folder_name(&unit, &mut taken);
            let sub = Register {
                klachten,
                columns: register.columns.clone(),
                files: register.files.clone(),
                sheets: register.sheets.clone(),
                sha256: register.sha256.clone(),
                rows_read: register.rows_read.clone(),
                // Rows with errors have no trustworthy unit: they are listed once, in the
                // overview's note and in the terminal output.
                excluded: Vec::new(),
                // Listed once, for the whole register (terminal and `controleer`).
                samengevoegd: Vec::new(),
                koppen: register.koppen.clone(),
            };
            (unit, folder, sub)
        })
        .collect();
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    let bar = (!args.stil && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} eenheden · {per_sec} · nog {eta}",
            )
            .expect("valid progress template"),
        );
        bar
    });
    let plain_step = (total / 10).max(1);
    // One plain thread per core, each taking the next unit when it is done with one: at most
    // that many units are in progress, each holding its memory. (A rayon pool lets a thread
    // that waits inside one unit's Typst layout start another unit on top of it; units then
    // pile up: 3 GB at 1,000 units, measured.) Typst's compiler recurses deeply, so the
    // threads get 64 MiB of stack (virtual: only what is touched is used); Typst's own
    // parallel layout runs in the global rayon pool, given the same in `cli::run`.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    let results: std::sync::Mutex<Vec<Line>> = std::sync::Mutex::new(Vec::with_capacity(total));
    let one = |(unit, folder, sub): &(String, String, Register)| {
        let dir = args.uit.join(folder);
        let unit_settings = unit_settings(settings, unit, sub);
        let mut cut = Vec::new();
        let result = write_report(sub, periode, &unit_settings, args.publiek, logo, &dir)
            .map(|w| {
                cut = w.cut.clone();
                OVERZICHT.map(|k| w.figures.kerngetal(k))
            })
            .map_err(|e| crate::error::causes(&e).join(": "));
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(f) = args.voortgang {
            f(n, total);
        }
        match &bar {
            Some(bar) => bar.inc(1),
            None if !args.stil && (n.is_multiple_of(plain_step) || n == total) => {
                eprintln!("{n}/{total} eenheden klaar");
            }
            None => {}
        }
        Line {
            unit: unit.clone(),
            folder: folder.clone(),
            result,
            cut,
        }
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(64 * 1024 * 1024)
                .spawn_scoped(scope, || {
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let line = one(job);
                        results.lock().unwrap_or_else(|e| e.into_inner()).push(line);
                    }
                });
            match spawned {
                Ok(h) => handles.push(h),
                // Fewer threads is slower, not wrong: the ones that started take every unit.
                Err(_) if !handles.is_empty() => break,
                Err(e) => return Err(Error::Usage(format!("kan geen werkthreads starten: {e}"))),
            }
        }
        for h in handles {
            // A unit's failure is its own Line; a panic in a worker is a bug, reported whole.
            if h.join().is_err() {
                return Err(Error::Usage(
                    "interne fout: een werkthread is gestopt; draai de opdracht opnieuw".into(),
                ));
            }
        }
        Ok(())
    })?;
    let mut lines = results.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    lines.sort_by(|a, b| crate::stats::order::natural_cmp(&a.unit, &b.unit));
    for naam in settings.report.eenheden.keys() {
        if !lines.iter().any(|l| &l.unit == naam) {
            eprintln!(
                "waarschuwing: configuratie [eenheid.\"{naam}\"]: geen eenheid met die naam in kolom {} (eenheden: {})",
                kolom.name(),
                lines
                    .iter()
                    .map(|l| l.unit.as_str())
                    .take(10)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
    }
    write_overview(&lines, kolom, periode, settings, args.uit)?;
    let label = periode.label();
    let [_, _, tabellen] = crate::verslag::file_names(periode);
    for l in &lines {
        for c in &l.cut {
            eprintln!(
                "{}",
                crate::export::xlsx::cut_warning(&format!("{}/{tabellen}", l.folder), c)
            );
        }
    }
    let failed: Vec<&Line> = lines.iter().filter(|l| l.result.is_err()).collect();
    println!(
        "{} verslagen geschreven in {} (één map per {}), plus overzicht-{label}.xlsx en overzicht-{label}.pdf",
        total - failed.len(),
        args.uit.display(),
        kolom.name()
    );
    if !register.excluded.is_empty() {
        eprintln!(
            "let op: {} rijen met een fout zijn in geen enkel verslag meegeteld (zie 'controleer')",
            register.excluded.len()
        );
    }
    if failed.is_empty() {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("fout: {} van de {total} eenheden mislukt:", failed.len());
        for l in failed {
            if let Err(e) = &l.result {
                eprintln!("  {} ({}): {e}", l.unit, l.folder);
            }
        }
        Ok(ExitCode::from(1))
    }
}

/// The key figures of the overview, one column each.
/// A unit's settings: its name after the organisation's, its own texts
/// (`[eenheid."<naam>"]`, else a neutral voorwoord and no adviezen or plannen), and vocabularies
/// narrowed to the clusters and categories the unit has, so its tables show the unit and not
/// every other unit's zero rows.
fn unit_settings(settings: &Settings, unit: &str, sub: &Register) -> Settings {
    let mut s = settings.clone();
    s.report.organisatie = format!("{} – {unit}", settings.report.organisatie);
    let eigen = settings
        .report
        .eenheden
        .get(unit)
        .cloned()
        .unwrap_or_default();
    let t = &mut s.report.teksten;
    t.voorwoord = eigen
        .voorwoord
        .or_else(|| Some(crate::report::EENHEID_VOORWOORD.to_string()));
    t.adviezen = eigen.adviezen;
    t.plannen = eigen.plannen;
    let has_cluster = |naam: &str| {
        sub.klachten
            .iter()
            .any(|k| k.cluster.as_deref() == Some(naam))
    };
    let has_categorie = |naam: &str| {
        sub.klachten
            .iter()
            .any(|k| k.categorieen.iter().any(|c| &**c == naam))
    };
    s.stats.clusters.retain(|c| has_cluster(c));
    s.stats.categorieen.retain(|c| has_categorie(c));
    s
}

fn write_overview(
    lines: &[Line],
    kolom: Kolom,
    periode: Periode,
    settings: &Settings,
    uit: &Path,
) -> Result<()> {
    let (kort, label) = (periode.kort(), periode.label());
    let t = &settings.stats.termijnen;
    let eenheid = {
        let naam = kolom.name().replace('_', " ");
        let mut c = naam.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let kolommen = [
        eenheid.clone(),
        "Ontvangen".into(),
        "In behandeling".into(),
        format!("Binnen {}", t.afhandeling.tekst()),
        "Lopend".into(),
    ];
    let rows: Vec<crate::export::xlsx::OverzichtRij> = lines
        .iter()
        .map(|l| crate::export::xlsx::OverzichtRij {
            eenheid: l.unit.clone(),
            map: l.folder.clone(),
            kerngetallen: l.result.as_ref().ok().copied(),
        })
        .collect();
    let titel_xlsx = format!("Overzicht {kort} per {}", kolom.name().replace('_', " "));
    let xlsx = crate::export::xlsx::overview_to_xlsx(
        &titel_xlsx,
        &kolommen,
        &rows,
        settings
            .report
            .documentdatum
            .unwrap_or_else(|| periode.tot_en_met()),
        &settings.report.organisatie,
    )?;
    write_atomic(&uit.join(format!("overzicht-{label}.xlsx")), &xlsx)?;
    let overzicht = crate::report::typst::Overzicht {
        titel: format!(
            "{} – overzicht {kort} per {}",
            settings.report.titel,
            kolom.name().replace('_', " ")
        ),
        organisatie: settings.report.organisatie.clone(),
        kleur: settings.report.kleur.clone(),
        toelichting: format!(
            "Eén regel per {}; het volledige verslag staat in de map met dezelfde naam. Binnen {}: het deel van de afgehandelde klachten dat binnen {} is afgehandeld.",
            kolom.name().replace('_', " "),
            t.afhandeling.tekst(),
            t.naam()
        ),
        kolommen: kolommen.clone(),
        rijen: rows
            .iter()
            .map(|r| crate::report::typst::OverzichtRegel::new(&r.eenheid, r.kerngetallen))
            .collect(),
    };
    let pdf = crate::report::typst::compile_overview(
        &overzicht,
        settings
            .report
            .documentdatum
            .unwrap_or_else(|| periode.tot_en_met()),
    )?;
    write_atomic(&uit.join(format!("overzicht-{label}.pdf")), &pdf)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_are_safe_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(
            folder_name("3. Specialistische Zorg", &mut taken),
            "3-specialistische-zorg"
        );
        assert_eq!(
            folder_name("3/Specialistische:Zorg", &mut taken),
            "3-specialistische-zorg-2"
        );
        assert_eq!(folder_name("../..", &mut taken), "eenheid");
        assert_eq!(folder_name("Zorg & Welzijn", &mut taken), "zorg-welzijn");
    }
}
