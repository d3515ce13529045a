//! Step 4 of the page: every text and setting of the report, read from the session's config
//! document for the form and written back into it from the form. The document is the one
//! source: what the page shows is what the downloaded config holds.

use std::collections::BTreeMap;

use serde::Serialize;

use super::sessie::Invoer;
use crate::config_edit::ConfigFile;
use crate::report::TEKSTEN;

/// A field the form could not take: its typed value (shown again in the field) and why, by the
/// field's name.
pub(super) type Invoerfouten = BTreeMap<String, (String, String)>;

/// The texts of the report's own chapters, in the order of the report.
const HOOFDTEKSTEN: [(&str, &str, &str); 4] = [
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

/// The checklists the report can answer to.
const REGIMES: [(&str, &str); 3] = [("jeugdwet", "Jeugdwet"), ("wkkgz", "Wkkgz"), ("wmo", "Wmo")];

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
    naam: &'static str,
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

/// The statuses a goal can have, as the config writes them, with their label.
const STATUSSEN: [(&str, &str); 4] = [
    ("behaald", "Behaald"),
    ("deels", "Deels behaald"),
    ("niet", "Niet behaald"),
    ("loopt door", "Loopt door"),
];

/// A row of one of the config's own tables (`[[volume]]`, `[[eerder]]`, `[[signaal]]`): its
/// fields as text, by key.
type Rij = BTreeMap<&'static str, String>;

/// Everything step 4 shows.
#[derive(Serialize)]
pub(super) struct Instellingen {
    /// `[termijnen] noemer`: `afgehandeld` or `in_behandeling`.
    noemer: String,
    /// `[termijnen] peildatum`, as written (empty: none).
    peildatum: String,
    /// `[register] rij = "deelklacht"`.
    per_deelklacht: bool,
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
    statussen: [(&'static str, &'static str); 4],
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
    let termijn = |naam: &str, standaard: u32| {
        let dagen = getal(c, &["termijnen", &format!("{naam}_dagen")]);
        if dagen.is_empty() {
            let weken = getal(c, &["termijnen", &format!("{naam}_weken")]);
            let weken = if weken.is_empty() {
                standaard.to_string()
            } else {
                weken
            };
            (weken, false)
        } else {
            (dagen, true)
        }
    };
    let (afhandeling, afhandeling_dagen) = termijn("afhandeling", 6);
    let (verlenging, verlenging_dagen) = termijn("verlenging", 10);
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
        statussen: STATUSSEN,
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
        kleur: c
            .get_str(&["organisatie", "kleur"])
            .unwrap_or(crate::report::DEFAULT_KLEUR)
            .to_string(),
        titel: tekst(c, &["verslag", "titel"]),
        auteur: tekst(c, &["verslag", "auteur"]),
        datum: tekst(c, &["verslag", "datum"]),
        vergelijk_jaren: getal(c, &["verslag", "vergelijk_jaren"]),
        regimes: REGIMES
            .into_iter()
            .map(|(id, naam)| Regimeveld {
                id,
                naam,
                aan: regimes.iter().any(|r| r == id),
            })
            .collect(),
        afhandeling,
        afhandeling_dagen,
        verlenging,
        verlenging_dagen,
        eerste_contact_werkdagen: {
            let w = getal(c, &["termijnen", "eerste_contact_werkdagen"]);
            if w.is_empty() { "5".into() } else { w }
        },
        kleine_aantallen: {
            let k = getal(c, &["privacy", "kleine_aantallen"]);
            if k.is_empty() { "5".into() } else { k }
        },
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

/// Whether the settings can be resolved from the document; `Err` is the Dutch reason.
fn geldig(c: &ConfigFile) -> Result<(), String> {
    let tekst = c.to_string();
    let bron = crate::settings::ConfigBron::Upload {
        naam: std::path::Path::new("config.toml"),
        tekst: &tekst,
    };
    crate::settings::Settings::from_config(&bron, &crate::settings::Flags::default())
        .map(|_| ())
        .map_err(|e| match e {
            // The message without the file and the section: it stands at its field.
            crate::error::Error::Config { message, .. } => match message.split_once(": ") {
                Some((sectie, rest)) if sectie.starts_with('[') => rest.to_string(),
                _ => message,
            },
            e => crate::error::causes(&e).join(": "),
        })
}

/// The simple settings as step 4 shows them (the config's value, or the default it prints).
fn getoond(c: &ConfigFile) -> BTreeMap<&'static str, String> {
    let mut g = BTreeMap::new();
    let of = |w: String, standaard: &str| {
        if w.is_empty() {
            standaard.to_string()
        } else {
            w
        }
    };
    g.insert(
        "organisatie.kleur",
        c.get_str(&["organisatie", "kleur"])
            .unwrap_or(crate::report::DEFAULT_KLEUR)
            .to_string(),
    );
    g.insert("verslag.datum", tekst(c, &["verslag", "datum"]));
    g.insert(
        "verslag.vergelijk_jaren",
        getal(c, &["verslag", "vergelijk_jaren"]),
    );
    g.insert(
        "privacy.kleine_aantallen",
        of(getal(c, &["privacy", "kleine_aantallen"]), "5"),
    );
    g.insert(
        "termijnen.eerste_contact_werkdagen",
        of(getal(c, &["termijnen", "eerste_contact_werkdagen"]), "5"),
    );
    for (naam, standaard) in [("afhandeling", "6"), ("verlenging", "10")] {
        let dagen = getal(c, &["termijnen", &format!("{naam}_dagen")]);
        let (waarde, eenheid) = if dagen.is_empty() {
            (
                of(
                    getal(c, &["termijnen", &format!("{naam}_weken")]),
                    standaard,
                ),
                "weken",
            )
        } else {
            (dagen, "dagen")
        };
        g.insert(
            if naam == "afhandeling" {
                "termijnen.afhandeling"
            } else {
                "termijnen.verlenging"
            },
            waarde,
        );
        g.insert(
            if naam == "afhandeling" {
                "termijnen.afhandeling_eenheid"
            } else {
                "termijnen.verlenging_eenheid"
            },
            eenheid.to_string(),
        );
    }
    g
}

/// Makes a change to the document and takes it back when the settings refuse it, with the
/// reason for the field.
fn probeer(
    c: &mut ConfigFile,
    fouten: &mut Invoerfouten,
    veld: &str,
    getypt: &str,
    zet: &dyn Fn(&mut ConfigFile),
) {
    let voor = c.clone();
    zet(c);
    if let Err(e) = geldig(c) {
        *c = voor;
        fouten.insert(veld.to_string(), (getypt.to_string(), e));
    }
}

/// Writes step 4's form into the session: the texts and settings into the config document,
/// the period and versions into the session. A value the settings refuse (a date, a colour, a
/// term that does not fit) is not written: it comes back with its reason, and the typed value
/// stays in its field.
pub(super) fn toepassen(
    invoer: &mut Invoer,
    velden: Vec<(String, Option<String>, Vec<u8>)>,
) -> Invoerfouten {
    let mut fouten = Invoerfouten::new();
    let mut v: BTreeMap<String, String> = BTreeMap::new();
    let mut regimes = Vec::new();
    for (name, _, bytes) in velden {
        if name == "logo" {
            if !bytes.is_empty() {
                invoer.logo = Some(bytes);
            }
            continue;
        }
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if name == "regime" {
            regimes.push(text);
        } else {
            v.insert(name, text);
        }
    }
    let c = &mut invoer.config;
    let get = |k: &str| v.get(k).map(String::as_str);
    // Texts: any box that was sent.
    for (sleutel, _, _) in HOOFDTEKSTEN {
        if let Some(t) = get(&format!("teksten.{sleutel}")) {
            c.set_text(&["teksten", sleutel], t);
        }
    }
    for (sleutel, _) in TEKSTEN {
        if let Some(t) = get(&format!("teksten.{sleutel}")) {
            c.set_text(&["teksten", sleutel], t);
        }
    }
    for i in 0.. {
        let Some(naam) = get(&format!("e.{i}.naam")) else {
            break;
        };
        for key in ["voorwoord", "adviezen", "plannen"] {
            if let Some(t) = get(&format!("e.{i}.{key}")) {
                c.set_text(&["eenheid", naam, key], t);
            }
        }
    }
    // Plain texts of the title page.
    for (veld, path) in [
        ("organisatie.naam", ["organisatie", "naam"]),
        ("verslag.titel", ["verslag", "titel"]),
        ("verslag.auteur", ["verslag", "auteur"]),
    ] {
        if let Some(t) = get(veld) {
            c.set_text(&path, t.trim());
        }
    }
    // What the form showed: a value sent back unchanged is not written (an untouched form
    // leaves the file as it was, defaults not spelled out).
    let getoond = getoond(c);
    let veranderd = |veld: &str, waarde: &str| {
        getoond.get(veld).map(String::as_str).unwrap_or("") != waarde.trim()
    };
    let v: BTreeMap<String, String> = v
        .into_iter()
        .filter(|(k, val)| !getoond.contains_key(k.as_str()) || veranderd(k, val))
        .collect();
    let get = |k: &str| v.get(k).map(String::as_str);
    // Values the settings check: written one at a time, and taken back when refused.
    if let Some(k) = get("organisatie.kleur") {
        probeer(c, &mut fouten, "organisatie.kleur", k, &|c| {
            c.set_text(&["organisatie", "kleur"], k.trim())
        });
    }
    if let Some(d) = get("verslag.datum") {
        probeer(c, &mut fouten, "verslag.datum", d, &|c| {
            c.set_text(&["verslag", "datum"], d.trim())
        });
    }
    for (veld, path) in [
        ("verslag.vergelijk_jaren", ["verslag", "vergelijk_jaren"]),
        ("privacy.kleine_aantallen", ["privacy", "kleine_aantallen"]),
        (
            "termijnen.eerste_contact_werkdagen",
            ["termijnen", "eerste_contact_werkdagen"],
        ),
    ] {
        let Some(t) = get(veld).map(str::trim) else {
            continue;
        };
        if t.is_empty() {
            c.remove(&path);
            continue;
        }
        match t.parse::<i64>() {
            Ok(n) if n >= 0 => probeer(c, &mut fouten, veld, t, &|c| c.set_value(&path, n)),
            _ => {
                fouten.insert(
                    veld.to_string(),
                    (t.to_string(), format!("\"{t}\" is geen geheel getal")),
                );
            }
        }
    }
    for naam in ["afhandeling", "verlenging"] {
        // The unit alone changed: the number with it.
        let eenheid = get(&format!("termijnen.{naam}_eenheid")).or_else(|| {
            getoond
                .get(format!("termijnen.{naam}_eenheid").as_str())
                .map(String::as_str)
        });
        let dagen = eenheid == Some("dagen");
        let (weg, zet) = if dagen {
            ("weken", "dagen")
        } else {
            ("dagen", "weken")
        };
        let veld = format!("termijnen.{naam}");
        let eenheid_veranderd = v.contains_key(&format!("termijnen.{naam}_eenheid"));
        let Some(t) = get(&veld)
            .or_else(|| {
                eenheid_veranderd
                    .then(|| getoond.get(veld.as_str()).map(String::as_str))
                    .flatten()
            })
            .map(str::trim)
        else {
            continue;
        };
        let weg_key = format!("{naam}_{weg}");
        let zet_key = format!("{naam}_{zet}");
        match t.parse::<i64>() {
            Ok(n) if n > 0 => probeer(c, &mut fouten, &veld, t, &|c| {
                c.remove(&["termijnen", &weg_key]);
                c.set_value(&["termijnen", &zet_key], n);
            }),
            _ => {
                fouten.insert(
                    veld.clone(),
                    (t.to_string(), format!("\"{t}\" is geen aantal {zet}")),
                );
            }
        }
    }
    if get("regimes_gezet").is_some() {
        let voor = c.clone();
        if regimes.is_empty() {
            c.remove(&["verslag", "regimes"]);
        } else {
            let mut a = toml_edit::Array::new();
            for r in &regimes {
                a.push(r.as_str());
            }
            c.set_value(&["verslag", "regimes"], a);
        }
        if let Err(e) = geldig(c) {
            *c = voor;
            fouten.insert("regimes".into(), (String::new(), e));
        }
    }
    for (lijst, prefix) in [("categorie", "cat"), ("cluster", "clu")] {
        termen_toepassen(c, lijst, prefix, &v, &mut fouten);
    }
    doelen_toepassen(c, &v);
    buiten_register_toepassen(c, &v, &mut fouten);
    // The session's own choices.
    if let Some(p) = get("periode") {
        invoer.periode = p.trim().to_string();
    }
    if get("versies_gezet").is_some() {
        invoer.publiek = get("publiek").is_some();
        invoer.beknopt = get("beknopt").is_some();
    }
    if get("logo_weg").is_some() {
        invoer.logo = None;
        invoer.config.remove(&["organisatie", "logo"]);
    }
    logo_in_config(invoer);
    fouten
}

/// The rows of a term list in the form (`cat.<n>.was`, `.naam`, `.omschrijving`,
/// `.volgorde`) into `[[categorie]]`/`[[cluster]]`: in the order of the numbers given. Rows
/// taken from the register and left as they were write nothing.
fn termen_toepassen(
    c: &mut ConfigFile,
    lijst: &str,
    prefix: &str,
    v: &BTreeMap<String, String>,
    fouten: &mut Invoerfouten,
) {
    let Some(bron) = v.get(&format!("{prefix}.bron")) else {
        return;
    };
    let mut rijen = Vec::new();
    for i in 0.. {
        let key = |veld: &str| {
            v.get(&format!("{prefix}.{i}.{veld}"))
                .map(|s| s.trim().to_string())
        };
        let Some(naam) = key("naam") else { break };
        let was = key("was").filter(|w| !w.is_empty());
        let omschrijving = key("omschrijving").filter(|o| !o.is_empty());
        let volgorde = key("volgorde")
            .and_then(|o| o.replace(',', ".").parse::<f64>().ok())
            .unwrap_or((i + 1) as f64);
        rijen.push((volgorde, i, was, naam, omschrijving));
    }
    rijen.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    // The empty row for a new term, left empty, is no change.
    let gewijzigd = rijen
        .iter()
        .filter(|(_, _, was, naam, _)| was.is_some() || !naam.is_empty())
        .enumerate()
        .any(|(pos, (_, i, was, naam, o))| {
            pos != *i || o.is_some() || was.as_deref() != Some(naam.as_str())
        });
    if bron == "register" && !gewijzigd {
        return;
    }
    let mut namen: Vec<&str> = rijen
        .iter()
        .map(|r| r.3.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    namen.sort_unstable();
    if let Some(w) = namen.windows(2).find(|w| w[0] == w[1]) {
        fouten.insert(
            prefix.to_string(),
            (
                String::new(),
                format!(
                    "\"{}\" staat twee keer in de lijst; de lijst is niet gewijzigd",
                    w[0]
                ),
            ),
        );
        return;
    }
    let terms: Vec<(Option<String>, String, Option<String>)> = rijen
        .into_iter()
        .map(|(_, _, was, naam, o)| {
            // A row from the register is new to the config.
            let was = if bron == "register" { None } else { was };
            (was, naam, o)
        })
        .collect();
    c.set_terms(lijst, &terms);
}

/// The goals and plans of step 4 (`doel.<n>.was`, `.titel`, `.status`, `.resultaat`;
/// `plan.<n>.was`, `.titel`, `.toelichting`) into `[[doel]]` and `[[plan]]`. With
/// `plannen_als_doelen` the plans in the config (last year's) become the goals and the plan list
/// is emptied for this year's plans; the rows sent are then not applied.
fn doelen_toepassen(c: &mut ConfigFile, v: &BTreeMap<String, String>) {
    if v.contains_key("plannen_als_doelen") {
        let rows: Vec<crate::config_edit::ListRow<'_>> = c
            .plannen()
            .into_iter()
            .map(|p| (None, vec![("titel", Some(p.titel.into()))]))
            .collect();
        c.set_list("doel", "titel", &rows);
        c.set_list("plan", "titel", &[]);
        return;
    }
    let rows = |prefix: &str, keys: &[&'static str]| {
        if !v.contains_key(&format!("{prefix}.gezet")) {
            return None;
        }
        let mut rows = Vec::new();
        for i in 0.. {
            let get = |k: &str| v.get(&format!("{prefix}.{i}.{k}")).cloned();
            let Some(titel) = get("titel") else { break };
            let was = get("was").filter(|w| !w.is_empty());
            let mut values: Vec<(&str, Option<toml_edit::Value>)> =
                vec![("titel", Some(titel.trim().into()))];
            for k in keys {
                values.push((k, get(k).map(Into::into)));
            }
            rows.push((was, values));
        }
        Some(rows)
    };
    if let Some(mut rows) = rows("doel", &["status", "resultaat"]) {
        // A status the file writes otherwise ("deels behaald") but that means the same stays.
        let statussen: Vec<(String, String)> = c
            .get(&["doel"])
            .and_then(toml_edit::Item::as_array_of_tables)
            .map(|a| {
                a.iter()
                    .filter_map(|t| {
                        Some((
                            t.get("titel")?.as_str()?.to_string(),
                            t.get("status")?.as_str()?.to_string(),
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        for (was, values) in &mut rows {
            let Some(oud) = statussen
                .iter()
                .find(|(t, _)| Some(t) == was.as_ref())
                .map(|(_, s)| s)
            else {
                continue;
            };
            for (k, val) in values.iter_mut() {
                if *k == "status"
                    && let Some(nieuw) = val.as_ref().and_then(|v| v.as_str())
                    && crate::stats::doelen::Status::parse(nieuw)
                        == crate::stats::doelen::Status::parse(oud)
                {
                    *val = Some(oud.as_str().into());
                }
            }
        }
        c.set_list("doel", "titel", &rows);
    }
    if let Some(rows) = rows("plan", &["toelichting"]) {
        c.set_list("plan", "titel", &rows);
    }
}

/// A logo chosen on the page that the report can use goes into the config as a `data:` URL, so
/// the downloaded config brings it back next year; one it cannot use stays in the session, and
/// the report says why at the logo field.
pub(super) fn logo_in_config(invoer: &mut Invoer) {
    if let Some(bytes) = &invoer.logo
        && crate::report::logo_controleren(bytes).is_ok()
    {
        let url = crate::settings::logo_als_data_url(bytes);
        invoer.config.set_text(&["organisatie", "logo"], &url);
        invoer.logo = None;
    }
}

/// The terms' denominator and peildatum, the register's shape, and the config's own figures
/// (`[[volume]]`, `[[eerder]]`, `[[signaal]]`) from step 4. A setting is written only when it
/// differs from what holds now, so an untouched form leaves the file as it was; a list that
/// the settings refuse is not written and comes back with its reason.
fn buiten_register_toepassen(
    c: &mut ConfigFile,
    v: &BTreeMap<String, String>,
    fouten: &mut Invoerfouten,
) {
    use toml_edit::Value;
    let get = |k: &str| v.get(k).map(|s| s.trim().to_string());
    if let Some(n) = get("termijnen.noemer") {
        let nu = c
            .get_str(&["termijnen", "noemer"])
            .map(|n| n.trim().to_lowercase().replace(' ', "_"))
            .unwrap_or_else(|| "afgehandeld".into());
        if n != nu {
            let n2 = n.clone();
            probeer(c, fouten, "termijnen.noemer", &n, &move |c| {
                if n2 == "afgehandeld" {
                    c.remove(&["termijnen", "noemer"]);
                } else {
                    c.set_text(&["termijnen", "noemer"], &n2);
                }
            });
        }
    }
    if let Some(p) = get("termijnen.peildatum")
        && Some(p.as_str()) != c.get_str(&["termijnen", "peildatum"]).map(str::trim)
    {
        let p2 = p.clone();
        probeer(c, fouten, "termijnen.peildatum", &p, &move |c| {
            c.set_text(&["termijnen", "peildatum"], &p2)
        });
    }
    if v.contains_key("register.gezet") {
        let deelklacht = v.contains_key("register.deelklacht");
        let nu = c
            .get_str(&["register", "rij"])
            .is_some_and(|r| r.trim() == "deelklacht");
        if deelklacht != nu {
            if deelklacht {
                c.set_text(&["register", "rij"], "deelklacht");
            } else {
                c.remove(&["register", "rij"]);
            }
        }
    }
    // The rows of a list, `<prefix>.<n>.<key>`; numbers as numbers. A number that is none
    // is refused for the whole list.
    /// The rows sent for one list: each its values by key.
    type Rijen = Vec<Vec<(&'static str, Option<Value>)>>;
    let lijst = |prefix: &str, keys: &[(&'static str, bool)]| -> Option<Result<Rijen, String>> {
        if !v.contains_key(&format!("{prefix}.gezet")) {
            return None;
        }
        let mut rows = Vec::new();
        for i in 0.. {
            if !v.contains_key(&format!("{prefix}.{i}.{}", keys[0].0)) {
                break;
            }
            let mut row = Vec::new();
            let mut leeg = true;
            for (k, getal) in keys {
                let t = v
                    .get(&format!("{prefix}.{i}.{k}"))
                    .map(|s| s.trim())
                    .unwrap_or("");
                if t.is_empty() {
                    row.push((*k, None));
                    continue;
                }
                leeg = false;
                if *getal {
                    match t.replace('.', "").parse::<i64>() {
                        Ok(n) => row.push((*k, Some(Value::from(n)))),
                        Err(_) => return Some(Err(format!("\"{t}\" is geen geheel getal"))),
                    }
                } else {
                    row.push((*k, Some(Value::from(t))));
                }
            }
            if !leeg {
                rows.push(row);
            }
        }
        Some(Ok(rows))
    };
    for (prefix, naam, keys) in [
        (
            "vol",
            "volume",
            &[
                ("jaar", true),
                ("aantal", true),
                ("eenheid", false),
                ("per", true),
            ][..],
        ),
        (
            "eer",
            "eerder",
            &[
                ("jaar", true),
                ("ontvangen", true),
                ("in_behandeling", true),
                ("deelklachten", true),
                ("bron", false),
            ][..],
        ),
    ] {
        match lijst(prefix, keys) {
            None => {}
            Some(Err(e)) => {
                fouten.insert(prefix.to_string(), (String::new(), e));
            }
            Some(Ok(rows)) => {
                // An earlier year keeps its categories (not on the page) by its year.
                let rows: Vec<crate::config_edit::ListRow<'_>> = rows
                    .into_iter()
                    .map(|r| {
                        let was = r
                            .iter()
                            .find(|(k, _)| *k == "jaar")
                            .and_then(|(_, v)| v.as_ref())
                            .and_then(Value::as_integer)
                            .map(|n| n.to_string());
                        (was, r)
                    })
                    .collect();
                if rijen_gelijk(c, naam, keys, &rows) {
                    continue;
                }
                probeer(c, fouten, prefix, "", &|c| c.set_list(naam, "jaar", &rows));
            }
        }
    }
    // Signals: title, heading, text, a Totaal row or not, and the rows as "naam: aantal".
    if v.contains_key("sig.gezet") {
        let mut rows: Vec<crate::config_edit::ListRow<'_>> = Vec::new();
        let mut fout = None;
        for i in 0.. {
            let Some(titel) = get(&format!("sig.{i}.titel")) else {
                break;
            };
            if titel.is_empty() {
                continue;
            }
            let mut regels = toml_edit::Array::new();
            for regel in get(&format!("sig.{i}.rijen")).unwrap_or_default().lines() {
                let regel = regel.trim();
                if regel.is_empty() {
                    continue;
                }
                match regel
                    .rsplit_once(':')
                    .map(|(n, a)| (n.trim(), a.trim().replace('.', "").parse::<i64>()))
                {
                    Some((naam, Ok(n))) if !naam.is_empty() => {
                        let mut r = toml_edit::Array::new();
                        r.push(naam);
                        r.push(n);
                        regels.push(r);
                    }
                    _ => {
                        fout = Some(format!(
                            "\"{regel}\": schrijf elke regel als naam: aantal (bijvoorbeeld Calamiteiten: 3)"
                        ))
                    }
                }
            }
            let was = get(&format!("sig.{i}.was")).filter(|w| !w.is_empty());
            rows.push((
                was,
                vec![
                    ("titel", Some(titel.into())),
                    ("kop", get(&format!("sig.{i}.kop")).map(Into::into)),
                    (
                        "toelichting",
                        get(&format!("sig.{i}.toelichting")).map(Into::into),
                    ),
                    (
                        "totaal",
                        (!v.contains_key(&format!("sig.{i}.totaal"))).then(|| Value::from(false)),
                    ),
                    ("rijen", Some(Value::Array(regels))),
                ],
            ));
        }
        match fout {
            Some(e) => {
                fouten.insert("sig".into(), (String::new(), e));
            }
            None => {
                let nu = signalen(c);
                let zelfde = nu.len() == rows.len()
                    && nu.iter().zip(&rows).all(|(a, (_, r))| {
                        r.iter().all(|(k, val)| {
                            let tekst = match val {
                                Some(Value::String(s)) => s.value().clone(),
                                Some(Value::Boolean(b)) => {
                                    if *b.value() {
                                        "ja".into()
                                    } else {
                                        String::new()
                                    }
                                }
                                Some(Value::Array(a)) => a
                                    .iter()
                                    .filter_map(|r| {
                                        let r = r.as_array()?;
                                        Some(format!(
                                            "{}: {}",
                                            r.get(0)?.as_str()?,
                                            r.get(1)?.as_integer()?
                                        ))
                                    })
                                    .collect::<Vec<_>>()
                                    .join("\n"),
                                None if *k == "totaal" => "ja".into(),
                                _ => String::new(),
                            };
                            a.get(k).cloned().unwrap_or_default() == tekst
                        })
                    });
                if !zelfde {
                    probeer(c, fouten, "sig", "", &|c| {
                        c.set_list("signaal", "titel", &rows)
                    });
                }
            }
        }
    }
}

/// Whether the rows sent are the list as it stands (then nothing is written).
fn rijen_gelijk(
    c: &ConfigFile,
    naam: &str,
    keys: &[(&'static str, bool)],
    rows: &[crate::config_edit::ListRow<'_>],
) -> bool {
    let keys: Vec<&'static str> = keys.iter().map(|(k, _)| *k).collect();
    let nu = rijen(c, naam, &keys);
    nu.len() == rows.len()
        && nu.iter().zip(rows).all(|(a, (_, r))| {
            r.iter().all(|(k, val)| {
                let tekst = match val {
                    Some(toml_edit::Value::String(s)) => s.value().clone(),
                    Some(toml_edit::Value::Integer(n)) => n.value().to_string(),
                    _ => String::new(),
                };
                a.get(k).cloned().unwrap_or_default() == tekst
            })
        })
}
