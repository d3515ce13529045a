//! Step 4 of the page: every text and setting of the report, read from the session's config
//! document for the form (here) and written back into it from the form ([`toepassen`]). The
//! document is the one source: what the page shows is what the downloaded config holds.

mod toepassen;

pub(in crate::web) use toepassen::{logo_in_config, toepassen};

use std::collections::BTreeMap;

use serde::Serialize;

use super::sessie::Invoer;
use crate::config_edit::ConfigFile;
use crate::report::TEKSTEN;

/// A field the form could not take: its typed value (shown again in the field) and why, by the
/// field's name.
pub(super) type Invoerfouten = BTreeMap<String, (String, String)>;

/// The texts of the report's own chapters, in the order of the report.
pub(super) const HOOFDTEKSTEN: [(&str, &str, &str); 4] = [
    (
        "voorwoord",
        "Voorwoord",
        "Aan het begin van het verslag. Zonder voorwoord begint het verslag met de inleiding.",
    ),
    (
        "adviezen",
        "Adviezen",
        "Hoofdstuk Adviezen en plannen: wat de klachtenfunctionaris adviseert.",
    ),
    (
        "plannen",
        "Plannen",
        "Hoofdstuk Adviezen en plannen: wat de organisatie volgend jaar gaat doen.",
    ),
    (
        "kader",
        "Wettelijk kader",
        "Vervangt de standaardtekst over de Wkkgz en de klachtenregeling. Leeg: de standaardtekst.",
    ),
];

/// A text box.
#[derive(Serialize)]
pub(super) struct Tekstveld {
    /// `[teksten]` key.
    sleutel: &'static str,
    titel: &'static str,
    hulp: String,
    waarde: String,
}

/// A term of an open list (category, cluster) as a row of the form.
#[derive(Serialize)]
pub(super) struct Termrij {
    naam: String,
    omschrijving: String,
}

/// A unit's own texts (batches).
#[derive(Serialize)]
pub(super) struct Eenheidveld {
    naam: String,
    voorwoord: String,
    adviezen: String,
    plannen: String,
}

/// One checkbox of the regimes.
#[derive(Serialize)]
pub(super) struct Regimeveld {
    id: &'static str,
    naam: String,
    aan: bool,
}

/// A goal of the report year (a plan of last year) with what came of it.
#[derive(Serialize)]
pub(super) struct Doelveld {
    titel: String,
    /// `behaald`, `deels`, `niet`, `loopt door`, or empty.
    status: String,
    resultaat: String,
}

/// A plan for next year.
#[derive(Serialize)]
pub(super) struct Planveld {
    titel: String,
    toelichting: String,
}

/// A row of one of the config's own tables (`[[volume]]`, `[[eerder]]`, `[[signaal]]`): its
/// fields as text, by key.
pub(super) type Rij = BTreeMap<&'static str, String>;

/// Everything step 4 shows.
#[derive(Serialize)]
pub(super) struct Instellingen {
    /// `[termijnen] noemer`: `afgehandeld` or `in_behandeling`.
    noemer: String,
    /// `[termijnen] peildatum`, as written (empty: none).
    peildatum: String,
    /// `[register] rij = "deelklacht"`.
    per_deelklacht: bool,
    /// `[verslag] routes = "soort"`: the routes side by side.
    routes: bool,
    /// `[verslag] route_namen`: what the report calls the informal and the formal route.
    route_informeel: String,
    route_formeel: String,
    /// `[[volume]]` rows: jaar, aantal, eenheid, per.
    volumes: Vec<Rij>,
    /// `[[eerder]]` rows: jaar, ontvangen, in_behandeling, deelklachten, bron.
    eerder: Vec<Rij>,
    /// `[[signaal]]` rows: titel, kop, toelichting, totaal ("ja"/""), rijen ("naam: aantal"
    /// per line).
    signalen: Vec<Rij>,
    /// The report year (the goals' year), and the next (the plans').
    jaar: Option<i32>,
    doelen: Vec<Doelveld>,
    /// The statuses a goal can have: as the config writes them, and their label.
    statussen: Vec<(&'static str, &'static str)>,
    plannen: Vec<Planveld>,
    /// The config has plans and no goals: last year's plans, to take over as goals.
    plannen_overnemen: bool,
    hoofdteksten: Vec<Tekstveld>,
    verantwoording: Vec<Tekstveld>,
    eenheden: Vec<Eenheidveld>,
    eenheid_kolom: Option<&'static str>,
    organisatie: String,
    kleur: String,
    titel: String,
    auteur: String,
    datum: String,
    vergelijk_jaren: String,
    regimes: Vec<Regimeveld>,
    afhandeling: String,
    afhandeling_dagen: bool,
    verlenging: String,
    verlenging_dagen: bool,
    eerste_contact_werkdagen: String,
    kleine_aantallen: String,
    categorieen: Vec<Termrij>,
    categorieen_bron: &'static str,
    clusters: Vec<Termrij>,
    clusters_bron: &'static str,
}

/// The most units whose texts the page lists (a batch of hundreds keeps them in the config).
const MAX_EENHEDEN: usize = 60;

fn tekst(c: &ConfigFile, path: &[&str]) -> String {
    c.get_str(path).unwrap_or_default().to_string()
}

fn getal(c: &ConfigFile, path: &[&str]) -> String {
    c.get(path)
        .and_then(toml_edit::Item::as_integer)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

/// A term list for the form: the config's, or else the register's labels (most frequent
/// first) so a description or an order can be given without typing the names.
fn termen(
    c: &ConfigFile,
    lijst: &str,
    uit_register: impl FnOnce() -> Vec<String>,
) -> (Vec<Termrij>, &'static str) {
    let config = c.terms(lijst);
    if config.is_empty() {
        let rijen = uit_register()
            .into_iter()
            .map(|naam| Termrij {
                naam,
                omschrijving: String::new(),
            })
            .collect();
        (rijen, "register")
    } else {
        let rijen = config
            .into_iter()
            .map(|(naam, o)| Termrij {
                naam,
                omschrijving: o.unwrap_or_default(),
            })
            .collect();
        (rijen, "config")
    }
}

/// The labels of an open-list column in the register, most frequent first.
fn labels(register: &crate::register::Register, kolom: crate::register::Kolom) -> Vec<String> {
    use crate::register::Kolom;
    let mut n: BTreeMap<String, usize> = BTreeMap::new();
    for k in &register.klachten {
        match kolom {
            Kolom::Categorie => {
                for c in k.categorieen.iter() {
                    *n.entry(c.to_string()).or_default() += 1;
                }
            }
            Kolom::Cluster => {
                if let Some(c) = &k.cluster {
                    *n.entry(c.to_string()).or_default() += 1;
                }
            }
            _ => {}
        }
    }
    let mut v: Vec<(String, usize)> = n.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.into_iter().map(|(l, _)| l).collect()
}

/// Step 4's values: the config's, and the register's labels where the config has no list.
pub(super) fn lezen(
    invoer: &Invoer,
    invoerfouten: &Invoerfouten,
    register: &crate::register::Register,
    jaar: Option<i32>,
    gevraagd: &BTreeMap<String, Vec<String>>,
) -> Instellingen {
    use crate::register::Kolom;
    let c = &invoer.config;
    let veld = |(sleutel, titel, hulp): (&'static str, &'static str, &'static str)| Tekstveld {
        sleutel,
        titel,
        hulp: match gevraagd.get(sleutel) {
            Some(items) => format!("Hier vraagt de wet: {}.", crate::nl::opsomming(items)),
            None => hulp.to_string(),
        },
        waarde: tekst(c, &["teksten", sleutel]),
    };
    let (categorieen, categorieen_bron) =
        termen(c, "categorie", || labels(register, Kolom::Categorie));
    let (clusters, clusters_bron) = termen(c, "cluster", || labels(register, Kolom::Cluster));
    // Units of a batch: the clusters when the register has them, else the providers.
    let eenheid_kolom = [Kolom::Cluster, Kolom::Zorgaanbieder]
        .into_iter()
        .find(|k| register.has(*k));
    let eenheden = match eenheid_kolom {
        Some(Kolom::Cluster) => clusters.iter().map(|t| t.naam.clone()).collect(),
        Some(_) => {
            let mut v: Vec<String> = register
                .klachten
                .iter()
                .filter_map(|k| k.zorgaanbieder.as_ref().map(|z| z.to_string()))
                .collect();
            v.sort();
            v.dedup();
            v
        }
        None => Vec::new(),
    };
    let regimes: Vec<String> = c
        .get(&["verslag", "regimes"])
        .and_then(toml_edit::Item::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str().map(str::to_lowercase))
                .collect()
        })
        .unwrap_or_default();
    let g = getoond(c);
    let waarde = |k: &str| g.get(k).cloned().unwrap_or_default();
    let lijst = |naam: &str, velden: &[&str]| -> Vec<Vec<String>> {
        c.get(&[naam])
            .and_then(toml_edit::Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .map(|t| {
                        velden
                            .iter()
                            .map(|v| {
                                t.get(v)
                                    .and_then(toml_edit::Item::as_str)
                                    .unwrap_or_default()
                                    .to_string()
                            })
                            .collect()
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let doelen: Vec<Doelveld> = lijst("doel", &["titel", "status", "resultaat"])
        .into_iter()
        .map(|mut v| Doelveld {
            resultaat: v.pop().unwrap_or_default(),
            status: crate::stats::doelen::Status::parse(&v.pop().unwrap_or_default())
                .map(|s| s.config_waarde().to_string())
                .unwrap_or_default(),
            titel: v.pop().unwrap_or_default(),
        })
        .collect();
    let plannen: Vec<Planveld> = lijst("plan", &["titel", "toelichting"])
        .into_iter()
        .map(|mut v| Planveld {
            toelichting: v.pop().unwrap_or_default(),
            titel: v.pop().unwrap_or_default(),
        })
        .collect();
    let mut i = Instellingen {
        noemer: c
            .get_str(&["termijnen", "noemer"])
            .map(|n| n.trim().to_lowercase().replace(' ', "_"))
            .filter(|n| n == "in_behandeling")
            .unwrap_or_else(|| "afgehandeld".into()),
        peildatum: tekst(c, &["termijnen", "peildatum"]),
        routes: c.get_str(&["verslag", "routes"]).is_some(),
        route_informeel: tekst(c, &["verslag", "route_namen", "Informeel"]),
        route_formeel: tekst(c, &["verslag", "route_namen", "Formeel"]),
        per_deelklacht: c
            .get_str(&["register", "rij"])
            .is_some_and(|r| r.trim() == "deelklacht"),
        volumes: rijen(c, "volume", &["jaar", "aantal", "eenheid", "per"]),
        eerder: rijen(
            c,
            "eerder",
            &[
                "jaar",
                "ontvangen",
                "in_behandeling",
                "deelklachten",
                "bron",
            ],
        ),
        signalen: signalen(c),
        jaar,
        plannen_overnemen: doelen.is_empty() && !plannen.is_empty(),
        doelen,
        statussen: crate::stats::doelen::Status::ALL
            .iter()
            .map(|s| (s.config_waarde(), s.label()))
            .collect(),
        plannen,
        hoofdteksten: HOOFDTEKSTEN.into_iter().map(veld).collect(),
        verantwoording: TEKSTEN
            .into_iter()
            .map(|(sleutel, titel)| veld((sleutel, titel, "")))
            .collect(),
        eenheden: eenheden
            .into_iter()
            .take(MAX_EENHEDEN)
            .map(|naam| Eenheidveld {
                voorwoord: tekst(c, &["eenheid", &naam, "voorwoord"]),
                adviezen: tekst(c, &["eenheid", &naam, "adviezen"]),
                plannen: tekst(c, &["eenheid", &naam, "plannen"]),
                naam,
            })
            .collect(),
        eenheid_kolom: eenheid_kolom.map(|k| k.name()),
        organisatie: tekst(c, &["organisatie", "naam"]),
        kleur: waarde("organisatie.kleur"),
        titel: tekst(c, &["verslag", "titel"]),
        auteur: tekst(c, &["verslag", "auteur"]),
        datum: waarde("verslag.datum"),
        vergelijk_jaren: waarde("verslag.vergelijk_jaren"),
        // The checklists the program has, by their file's name ("wkkgz" → "Wkkgz").
        regimes: crate::verantwoording::CHECKLISTS
            .iter()
            .map(|(id, _)| Regimeveld {
                id,
                naam: id[..1].to_uppercase() + &id[1..],
                aan: regimes.iter().any(|r| r == id),
            })
            .collect(),
        afhandeling: waarde("termijnen.afhandeling"),
        afhandeling_dagen: waarde("termijnen.afhandeling_eenheid") == "dagen",
        verlenging: waarde("termijnen.verlenging"),
        verlenging_dagen: waarde("termijnen.verlenging_eenheid") == "dagen",
        eerste_contact_werkdagen: waarde("termijnen.eerste_contact_werkdagen"),
        kleine_aantallen: waarde("privacy.kleine_aantallen"),
        categorieen,
        categorieen_bron,
        clusters,
        clusters_bron,
    };
    // A value the settings refused is shown as typed, beside its reason.
    for (veld, (getypt, _)) in invoerfouten {
        let doel = match veld.as_str() {
            "organisatie.kleur" => &mut i.kleur,
            "verslag.datum" => &mut i.datum,
            "verslag.vergelijk_jaren" => &mut i.vergelijk_jaren,
            "privacy.kleine_aantallen" => &mut i.kleine_aantallen,
            "termijnen.eerste_contact_werkdagen" => &mut i.eerste_contact_werkdagen,
            "termijnen.afhandeling" => &mut i.afhandeling,
            "termijnen.verlenging" => &mut i.verlenging,
            _ => continue,
        };
        doel.clone_from(getypt);
    }
    i
}

/// The rows of a `[[list]]` with the given keys as text (strings, integers).
fn rijen(c: &ConfigFile, lijst: &str, keys: &[&'static str]) -> Vec<Rij> {
    c.get(&[lijst])
        .and_then(toml_edit::Item::as_array_of_tables)
        .map(|a| {
            a.iter()
                .map(|t| {
                    keys.iter()
                        .map(|k| {
                            let v = t.get(k).map_or(String::new(), |i| {
                                i.as_str()
                                    .map(str::to_string)
                                    .or_else(|| i.as_integer().map(|n| n.to_string()))
                                    .unwrap_or_default()
                            });
                            (*k, v)
                        })
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The `[[signaal]]` tables for the form: the rows as "naam: aantal" lines.
fn signalen(c: &ConfigFile) -> Vec<Rij> {
    let mut out = rijen(c, "signaal", &["titel", "kop", "toelichting"]);
    let tabellen: Vec<&toml_edit::Table> = c
        .get(&["signaal"])
        .and_then(toml_edit::Item::as_array_of_tables)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    for (rij, t) in out.iter_mut().zip(tabellen) {
        let regels: Vec<String> = t
            .get("rijen")
            .and_then(toml_edit::Item::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|r| {
                        let r = r.as_array()?;
                        let naam = r.get(0)?.as_str()?;
                        let n = r.get(1)?.as_integer()?;
                        Some(format!("{naam}: {n}"))
                    })
                    .collect()
            })
            .unwrap_or_default();
        rij.insert("rijen", regels.join("\n"));
        let totaal = t
            .get("totaal")
            .and_then(toml_edit::Item::as_bool)
            .unwrap_or(true);
        rij.insert("totaal", if totaal { "ja".into() } else { String::new() });
    }
    out
}

/// The simple settings as step 4 shows them: the config's value, or the default the report
/// uses without it (taken from the stages' own defaults, never written here again). Step 4
/// shows these, and writes back only what differs from them.
pub(super) fn getoond(c: &ConfigFile) -> BTreeMap<&'static str, String> {
    use crate::stats::termijn::{Termijn, WETTELIJK};
    let standaard = crate::stats::Options::default();
    let of = |path: &[&str], d: String| {
        let w = getal(c, path);
        if w.is_empty() { d } else { w }
    };
    let mut g = BTreeMap::from([
        (
            "organisatie.kleur",
            c.get_str(&["organisatie", "kleur"])
                .unwrap_or(crate::report::DEFAULT_KLEUR)
                .to_string(),
        ),
        ("verslag.datum", tekst(c, &["verslag", "datum"])),
        (
            "verslag.vergelijk_jaren",
            getal(c, &["verslag", "vergelijk_jaren"]),
        ),
        (
            "privacy.kleine_aantallen",
            of(
                &["privacy", "kleine_aantallen"],
                standaard.kleine_aantallen.to_string(),
            ),
        ),
        (
            "termijnen.eerste_contact_werkdagen",
            of(
                &["termijnen", "eerste_contact_werkdagen"],
                standaard.eerste_contact_werkdagen.to_string(),
            ),
        ),
    ]);
    for (veld, eenheid_veld, naam, wet) in [
        (
            "termijnen.afhandeling",
            "termijnen.afhandeling_eenheid",
            "afhandeling",
            WETTELIJK.0,
        ),
        (
            "termijnen.verlenging",
            "termijnen.verlenging_eenheid",
            "verlenging",
            WETTELIJK.1,
        ),
    ] {
        let dagen = getal(c, &["termijnen", &format!("{naam}_dagen")]);
        let (waarde, eenheid) = if !dagen.is_empty() {
            (dagen, "dagen")
        } else {
            let (n, e) = match wet {
                Termijn::Weken(n) => (n, "weken"),
                Termijn::Dagen(n) => (n, "dagen"),
            };
            (
                of(&["termijnen", &format!("{naam}_weken")], n.to_string()),
                e,
            )
        };
        g.insert(veld, waarde);
        g.insert(eenheid_veld, eenheid.to_string());
    }
    g
}
