//! Step 4's lists written into the config: the categories and clusters, the goals and
//! plans, and the figures from outside the register (`[[volume]]`, `[[eerder]]`,
//! `[[signaal]]`), with the terms' denominator and peildatum and the register's shape.

use std::collections::BTreeMap;

use super::super::{Invoerfouten, rijen, signalen};
use super::probeer;
use crate::config_edit::ConfigFile;

/// The rows of a term list in the form (`cat.<n>.was`, `.naam`, `.omschrijving`,
/// `.volgorde`) into `[[categorie]]`/`[[cluster]]`: in the order of the numbers given. Rows
/// taken from the register and left as they were write nothing.
pub(super) fn termen_toepassen(
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
pub(super) fn doelen_toepassen(c: &mut ConfigFile, v: &BTreeMap<String, String>) {
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
/// The terms' denominator and peildatum, the register's shape, and the config's own figures
/// (`[[volume]]`, `[[eerder]]`, `[[signaal]]`) from step 4. A setting is written only when it
/// differs from what holds now, so an untouched form leaves the file as it was; a list that
/// the settings refuse is not written and comes back with its reason.
pub(super) fn buiten_register_toepassen(
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
    // Routes side by side, and what the report calls them (only what changed is written).
    if v.contains_key("routes.gezet") {
        let aan = v.contains_key("routes.aan");
        let nu = c.get_str(&["verslag", "routes"]).is_some();
        if aan != nu {
            if aan {
                c.set_text(&["verslag", "routes"], "soort");
            } else {
                c.remove(&["verslag", "routes"]);
                c.remove(&["verslag", "route_namen"]);
            }
        }
        if aan {
            for (route, veld) in [
                ("Informeel", "routes.informeel"),
                ("Formeel", "routes.formeel"),
            ] {
                let naam = get(veld).unwrap_or_default();
                let pad = ["verslag", "route_namen", route];
                if c.get_str(&pad).unwrap_or("") != naam {
                    let naam2 = naam.clone();
                    probeer(c, fouten, "routes", &naam, &move |c| {
                        if naam2.is_empty() {
                            c.remove(&pad);
                        } else {
                            c.set_text(&pad, &naam2);
                        }
                    });
                }
            }
        }
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
    // The rows sent for one list: each its values by key.
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
                let shown: Vec<&'static str> = keys.iter().map(|(k, _)| *k).collect();
                if rijen_gelijk(&rijen(c, naam, &shown), &rows) {
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
                let zelfde = rijen_gelijk(&nu, &rows);
                if !zelfde {
                    probeer(c, fouten, "sig", "", &|c| {
                        c.set_list("signaal", "titel", &rows)
                    });
                }
            }
        }
    }
}
/// Whether the rows sent are the list as the form showed it (then nothing is written).
fn rijen_gelijk(nu: &[super::super::Rij], rows: &[crate::config_edit::ListRow<'_>]) -> bool {
    nu.len() == rows.len()
        && nu.iter().zip(rows).all(|(a, (_, r))| {
            r.iter()
                .all(|(k, val)| a.get(k).cloned().unwrap_or_default() == als_tekst(k, val.as_ref()))
        })
}

/// A value as the form shows it: a text, a number, "ja" for a ticked box (and for `totaal`,
/// which is true unless written), a signal's rows as "naam: aantal" lines.
fn als_tekst(key: &str, val: Option<&toml_edit::Value>) -> String {
    use toml_edit::Value;
    match val {
        Some(Value::String(s)) => s.value().clone(),
        Some(Value::Integer(n)) => n.value().to_string(),
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
        None if key == "totaal" => "ja".into(),
        _ => String::new(),
    }
}
