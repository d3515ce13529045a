//! `verslag --per KOLOM`: one report per unit (provider, cluster, …) plus an overview, as
//! values: each unit's report goes to the front end as soon as it is made, and the batch
//! returns every unit's outcome (its key figures, or its error) and the overview's bytes.
//!
//! The register is read and checked once; each unit's complaints are split off once; the Typst
//! engine and fonts are built once and shared. Units render in parallel, one plain thread per
//! core taking the next unit, so at most that many are in progress; Typst's memo cache keeps
//! only what the document before used (`report::typst::engine`), so a unit reuses the layout
//! the units share. A unit's files are handed over as soon as it is rendered and not kept, so
//! a long run stays flat in memory. A unit that fails does not stop the others: its error is
//! its outcome.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::{Error, Result};
use crate::export::xlsx::OVERZICHT;
use crate::register::{Closed, Klacht, Kolom, Register};
use crate::settings::Settings;
use crate::stats::{Periode, Waarde};
use crate::verslag::Rendered;
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

/// What a unit's report gave: the overview's key figures as every output shows them (a
/// number, or "< k" in a public version), and the texts cut to fit an Excel cell.
pub struct Gemaakt {
    /// Ontvangen, in behandeling, binnen de termijn, lopend ([`OVERZICHT`]).
    pub kerngetallen: [Waarde; 4],
    /// Texts cut to fit an Excel cell in this unit's tables.
    pub cut: Vec<String>,
    /// The unit's goals without a result or status ([`crate::doelen::waarschuwingen`]).
    pub doelen: Vec<String>,
}

/// One unit of a batch and its outcome.
pub struct Eenheid {
    /// The unit's name as it stands in the register ("Onbekend" when empty).
    pub naam: String,
    /// Its folder name ([`folder_name`]).
    pub map: String,
    /// Its report, or why it failed.
    pub uitkomst: std::result::Result<Gemaakt, Error>,
}

/// A finished batch: every unit's outcome, in natural order of their names, and the overview.
pub struct Batch {
    /// The column split on.
    pub kolom: Kolom,
    /// Every unit, ordered by name.
    pub eenheden: Vec<Eenheid>,
    /// `overzicht-<periode>.xlsx` and `overzicht-<periode>.pdf` as (file name, bytes), in the
    /// order they are written.
    pub overzicht: [(String, Vec<u8>); 2],
    /// Units with a `[eenheid."<naam>"]` section in the config that the register does not have.
    pub onbekend: Vec<String>,
}

impl Batch {
    /// The units that failed.
    pub fn mislukt(&self) -> impl Iterator<Item = (&Eenheid, &Error)> {
        self.eenheden
            .iter()
            .filter_map(|e| e.uitkomst.as_ref().err().map(|err| (e, err)))
    }
}

/// What the front end does with a batch while it runs. Both are called on the batch's worker
/// threads.
pub struct Ontvanger<'a> {
    /// Takes a unit's rendered report (called with the unit's folder name) as soon as it is
    /// made; the command line writes it, the web page keeps it for the ZIP. An error here is
    /// that unit's failure.
    pub verslag: &'a (dyn Fn(&str, Rendered) -> Result<()> + Sync),
    /// Called after each unit with (done, total).
    pub voortgang: &'a (dyn Fn(usize, usize) + Sync),
}

/// The columns a batch can split on, by their contract names.
pub fn kolommen() -> Vec<&'static str> {
    PER.iter().map(|k| k.name()).collect()
}

/// Runs a batch: one report per value of column `per`, each handed to `ontvanger`, and the
/// overview. `Err` is a failure of the whole batch (an unknown column, no worker threads, a
/// bug); a unit's failure is that unit's outcome.
pub fn run(
    per: &str,
    register: &Register,
    periode: Periode,
    settings: &Settings,
    publiek: bool,
    logo: Option<&[u8]>,
    ontvanger: &Ontvanger<'_>,
) -> Result<Batch> {
    let kolom = Kolom::by_name(per)
        .filter(|k| PER.contains(k))
        .ok_or_else(|| Error::PerKolom {
            kolom: per.to_string(),
            reden: format!("kies een van {}", PER.map(|k| k.name()).join(", ")),
        })?;
    if !register.has(kolom) {
        return Err(Error::PerKolom {
            kolom: kolom.name().to_string(),
            reden: format!("het register heeft geen kolom {}", kolom.name()),
        });
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
            // The unit's own complaints' deelklachten (one row per deelklacht).
            let deelklachten = klachten
                .iter()
                .filter_map(|k| Some((k.bron, register.deelklachten.get(&k.bron)?.clone())))
                .collect();
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
                kopregels: register.kopregels.clone(),
                rij_per: register.rij_per,
                deelklachten,
            };
            (unit, folder, sub)
        })
        .collect();
    let total = jobs.len();
    let done = AtomicUsize::new(0);
    // One plain thread per core, each taking the next unit when it is done with one: at most
    // that many units are in progress, each holding its memory. A rayon pool would let a
    // thread that waits inside one unit's Typst layout start another unit on top of it, and
    // units would pile up. Typst's compiler recurses deeply, so the threads get 64 MiB of
    // stack (virtual: only what is touched is used); Typst's own parallel layout runs in the
    // global rayon pool, given the same in `cli::run`.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(jobs.len().max(1));
    let results: std::sync::Mutex<Vec<Eenheid>> = std::sync::Mutex::new(Vec::with_capacity(total));
    let one = |(unit, folder, sub): &(String, String, Register)| {
        let unit_settings = unit_settings(settings, unit, sub);
        let uitkomst = crate::verslag::render(sub, periode, &unit_settings, publiek, logo)
            .and_then(|r| {
                let gemaakt = Gemaakt {
                    kerngetallen: OVERZICHT.map(|k| r.figures.kerngetal(k)),
                    cut: r.cut.clone(),
                    doelen: crate::doelen::waarschuwingen(r.figures.doelen.as_ref()),
                };
                (ontvanger.verslag)(folder, r)?;
                Ok(gemaakt)
            });
        let n = done.fetch_add(1, Ordering::Relaxed) + 1;
        (ontvanger.voortgang)(n, total);
        Eenheid {
            naam: unit.clone(),
            map: folder.clone(),
            uitkomst,
        }
    };
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for _ in 0..workers {
            let spawned = std::thread::Builder::new()
                .stack_size(64 * 1024 * 1024)
                .spawn_scoped(scope, || {
                    while let Some(job) = jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let eenheid = one(job);
                        results
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(eenheid);
                    }
                });
            match spawned {
                Ok(h) => handles.push(h),
                // Fewer threads is slower, not wrong: the ones that started take every unit.
                Err(_) if !handles.is_empty() => break,
                Err(source) => return Err(Error::Threads { source }),
            }
        }
        for h in handles {
            // A unit's failure is its own outcome; a panic in a worker is a bug, reported whole.
            if h.join().is_err() {
                return Err(Error::Internal {
                    what: "een werkthread is gestopt; draai de opdracht opnieuw".into(),
                });
            }
        }
        Ok(())
    })?;
    let mut eenheden = results.into_inner().unwrap_or_else(|e| e.into_inner());
    eenheden.sort_by(|a, b| crate::stats::order::natural_cmp(&a.naam, &b.naam));
    let onbekend = settings
        .report
        .eenheden
        .keys()
        .filter(|naam| !eenheden.iter().any(|e| &e.naam == *naam))
        .cloned()
        .collect();
    let overzicht = overview(&eenheden, kolom, periode, settings)?;
    Ok(Batch {
        kolom,
        eenheden,
        overzicht,
        onbekend,
    })
}

/// A unit's settings: its name after the organisation's, its own texts, plans and goals
/// (`[eenheid."<naam>"]`, else a neutral voorwoord and no adviezen, plannen or doelen), and vocabularies
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
    // The organisation's plans and goals are not the unit's: only its own section's.
    s.report.plannen = eigen.plan;
    s.report.doelen = eigen.doel;
    // The organisation's volumes, earlier totals and other signals are not the unit's: its
    // rates come from its own `[[eenheid."<naam>".volume]]` (checked with the config).
    s.stats.volumes = eigen.volume;
    s.stats.eerder = Vec::new();
    s.stats.signalen = Vec::new();
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

/// The overview of a batch, one line per unit: XLSX and PDF as (file name, bytes).
fn overview(
    eenheden: &[Eenheid],
    kolom: Kolom,
    periode: Periode,
    settings: &Settings,
) -> Result<[(String, Vec<u8>); 2]> {
    let (kort, label) = (periode.kort(), periode.label());
    // The terms as the units' reports measure them: on the peildatum of this period, if set.
    let t = &crate::stats::termijn::Termijnen {
        peildatum: settings.stats.peildatum.op(periode, false),
        ..settings.stats.termijnen
    };
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
    let rows: Vec<crate::export::xlsx::OverzichtRij> = eenheden
        .iter()
        .map(|e| crate::export::xlsx::OverzichtRij {
            eenheid: e.naam.clone(),
            map: e.map.clone(),
            kerngetallen: e.uitkomst.as_ref().ok().map(|g| g.kerngetallen),
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

    let overzicht = crate::report::typst::Overzicht {
        titel: format!(
            "{} – overzicht {kort} per {}",
            settings.report.titel,
            kolom.name().replace('_', " ")
        ),
        organisatie: settings.report.organisatie.clone(),
        kleur: settings.report.kleur.clone(),
        toelichting: format!(
            "Eén regel per {}; het volledige verslag staat in de map met dezelfde naam. Binnen {}: het deel van {} dat binnen {} is afgehandeld.{}",
            kolom.name().replace('_', " "),
            t.afhandeling.tekst(),
            t.noemer.tekst(),
            t.naam(),
            t.peildatum_uitleg()
                .map(|p| format!(" {p}"))
                .unwrap_or_default()
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
    Ok([
        (format!("overzicht-{label}.xlsx"), xlsx),
        (format!("overzicht-{label}.pdf"), pdf),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A unit whose report cannot be made comes back as that unit's error; the other units'
    /// reports reach the front end and the overview lists every unit.
    #[test]
    fn a_failed_unit_is_a_value_and_the_others_are_made() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/geldig-klein");
        let mut settings =
            Settings::resolve(Some(&dir.join("config.toml")), &Default::default()).unwrap();
        let checked = crate::register::load(&[dir.join("register.csv")], &settings.read).unwrap();
        settings.date_from(&checked.value);
        // A text that names a value the texts do not have: this unit's render fails.
        settings.report.eenheden.insert(
            "Wonen".into(),
            crate::report::EenheidTeksten {
                voorwoord: Some("Over {{ bestaat_niet }} klachten.".into()),
                ..Default::default()
            },
        );
        let made = std::sync::Mutex::new(Vec::new());
        let verslag = |map: &str, r: Rendered| {
            made.lock()
                .unwrap()
                .push((map.to_string(), r.files[0].0.clone()));
            Ok(())
        };
        let ontvanger = Ontvanger {
            verslag: &verslag,
            voortgang: &|_, _| {},
        };
        let batch = run(
            "cluster",
            &checked.value,
            Periode::jaar(2024),
            &settings,
            false,
            None,
            &ontvanger,
        )
        .unwrap();
        let namen: Vec<&str> = batch.eenheden.iter().map(|e| e.naam.as_str()).collect();
        assert_eq!(namen, ["Onbekend", "Wonen", "Zorg"]);
        let mislukt: Vec<_> = batch.mislukt().collect();
        assert_eq!(mislukt.len(), 1);
        assert_eq!(mislukt[0].0.map, "wonen");
        assert!(
            matches!(mislukt[0].1, Error::Template { .. }),
            "{}",
            mislukt[0].1
        );
        assert!(
            mislukt[0].1.to_string().contains("[teksten] voorwoord"),
            "{}",
            mislukt[0].1
        );
        let mut made = made.into_inner().unwrap();
        made.sort();
        assert_eq!(
            made,
            [
                ("onbekend".to_string(), "jaarverslag-2024.pdf".to_string()),
                ("zorg".to_string(), "jaarverslag-2024.pdf".to_string())
            ]
        );
        assert_eq!(batch.overzicht[0].0, "overzicht-2024.xlsx");
        assert!(batch.overzicht[1].1.starts_with(b"%PDF"));
    }

    /// The library's message names the column, not a command-line flag: the page shows it too.
    #[test]
    fn an_unknown_column_is_a_neutral_message() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/geldig-klein");
        let settings = Settings::default();
        let checked = crate::register::load(&[dir.join("register.csv")], &settings.read).unwrap();
        let ontvanger = Ontvanger {
            verslag: &|_, _| Ok(()),
            voortgang: &|_, _| {},
        };
        let run_per = |per: &str| {
            run(
                per,
                &checked.value,
                Periode::jaar(2024),
                &settings,
                false,
                None,
                &ontvanger,
            )
            .err()
            .expect("refused")
            .to_string()
        };
        let m = run_per("omschrijving");
        assert!(
            m.starts_with("\"omschrijving\" kan niet: kies een van zorgaanbieder, cluster"),
            "{m}"
        );
        assert_eq!(
            run_per("zorgaanbieder"),
            "\"zorgaanbieder\" kan niet: het register heeft geen kolom zorgaanbieder"
        );
    }

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
