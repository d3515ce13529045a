//! Step 4's form written into the session: texts and settings into the config document, a
//! value the settings refuse taken back with its reason, and a value sent back as shown left
//! as the file writes it.

use std::collections::BTreeMap;

use super::super::sessie::Invoer;
use super::{HOOFDTEKSTEN, Invoerfouten, getoond};
use crate::config_edit::ConfigFile;
use crate::report::TEKSTEN;

mod lijsten;

use lijsten::{buiten_register_toepassen, doelen_toepassen, termen_toepassen};

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
pub(in crate::web) fn toepassen(
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

/// A logo chosen on the page that the report can use goes into the config as a `data:` URL, so
/// the downloaded config brings it back next year; one it cannot use stays in the session, and
/// the report says why at the logo field.
pub(in crate::web) fn logo_in_config(invoer: &mut Invoer) {
    if let Some(bytes) = &invoer.logo
        && crate::report::logo_controleren(bytes).is_ok()
        && let Some(url) = crate::settings::logo_als_data_url(bytes)
    {
        invoer.config.set_text(&["organisatie", "logo"], &url);
        invoer.logo = None;
    }
}
