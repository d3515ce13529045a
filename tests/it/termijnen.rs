//! Issue 25, items 4, 5 and 9: the denominator of the shares within the terms, the peildatum
//! the terms are measured on, and the smaller points (the configured category order over the
//! years, near-identical spellings, no first-contact share without its column, the
//! doorlooptijd legend without a `verlengd` column). The expected numbers are worked out by
//! hand in `fixtures/README.md`.

use crate::support::{Case, has, table};

fn rows(t: &serde_json::Value) -> Vec<(String, Vec<serde_json::Value>)> {
    t["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["waarden"].as_array().unwrap().clone(),
            )
        })
        .collect()
}

fn findings(j: &serde_json::Value) -> Vec<String> {
    j["opvallend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["tekst"].as_str().unwrap().to_string())
        .collect()
}

/// The register read as exported (no peildatum): the complaints closed in January 2025 count
/// as closed, as the report has always counted them.
#[test]
fn without_a_peildatum_the_register_counts_as_exported() {
    let case = Case::fixture("termijn-peildatum");
    std::fs::write(
        case.path("config.toml"),
        "[organisatie]\nnaam = \"Ziekenhuis Peildatum\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let k = &j["kerngetallen"];
    assert_eq!(k["afgehandeld"], 10);
    assert_eq!(k["lopend"], 1);
    assert_eq!(k["afgehandeld_na_verslagjaar"], 3);
    assert_eq!(k["binnen_6_weken_pct"], 50.0);
    assert_eq!(k["binnen_10_weken_pct"], 80.0);
    assert!(j["termijnen"].get("peildatum").is_none());
    assert!(j["termijnen"].get("noemer").is_none());
    // Only the complaint without a closing date is open on 31 December, 15 days: no finding.
    assert!(!findings(&j).iter().any(|f| f.starts_with("Op 31 december")));
}

#[test]
fn a_peildatum_counts_complaints_closed_after_it_as_open() {
    let case = Case::fixture("termijn-peildatum");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    let k = &j["kerngetallen"];
    assert_eq!(k["afgehandeld"], 7);
    assert_eq!(k["lopend"], 4);
    // Closed after the year all the same: the count keeps the real dates.
    assert_eq!(k["afgehandeld_na_verslagjaar"], 3);
    assert_eq!(k["binnen_6_weken_pct"], 57.1);
    assert_eq!(k["binnen_10_weken_pct"], 85.7);
    assert_eq!(k["gemiddelde_doorlooptijd_weken"], 6.2);
    assert_eq!(k["mediaan_doorlooptijd_weken"], 5.0);
    assert_eq!(j["termijnen"]["peildatum"], "2024-12-31");
    // The comparison year is measured on 31 December 2023: V01 and V03 were open then.
    let v = &j["vergelijking"]["kerngetallen"];
    assert_eq!(
        (v["afgehandeld"].as_u64(), v["lopend"].as_u64()),
        (Some(1), Some(2))
    );
    let door: Vec<u64> = rows(table(&j, "doorlooptijd"))
        .iter()
        .map(|(_, w)| w[0].as_u64().unwrap())
        .collect();
    assert_eq!(door, [2, 1, 1, 2, 1, 4]);
    let term = rows(table(&j, "termijnen"));
    let got: Vec<(u64, f64)> = term
        .iter()
        .map(|(_, w)| (w[0].as_u64().unwrap(), w[1].as_f64().unwrap()))
        .collect();
    assert_eq!(got, [(4, 57.1), (6, 85.7), (1, 14.3), (4, 36.4)]);
    let f = findings(&j);
    assert!(f.contains(&"Van de 7 afgehandelde klachten is 57% binnen de wettelijke termijn van 6 weken afgehandeld, en 86% binnen 10 weken (stand op 31 december 2024).".to_string()), "{f:?}");
    assert!(f.contains(&"Op 31 december 2024 liepen 2 klachten al langer dan de wettelijke termijn van 6 weken.".to_string()), "{f:?}");
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(
        &pdf,
        "Gemeten op 31 december 2024: een klacht die daarna is afgehandeld, telt hier als lopend.",
    );
    // "einde_periode" is the same day in a year report.
    std::fs::write(
        case.path("config.toml"),
        "[termijnen]\npeildatum = \"einde_periode\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "eind",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let e = case.json("eind/cijfers-2024.json");
    assert_eq!(e["kerngetallen"], j["kerngetallen"]);
    assert_eq!(e["vergelijking"], j["vergelijking"]);
}

#[test]
fn the_denominator_is_said_in_every_sentence_and_caption() {
    let case = Case::fixture("termijn-noemer");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    assert_eq!(j["kerngetallen"]["binnen_6_weken_pct"], 45.5);
    assert_eq!(j["kerngetallen"]["binnen_10_weken_pct"], 72.7);
    assert_eq!(j["termijnen"]["noemer"], "in_behandeling");
    let t = table(&j, "termijnen");
    assert_eq!(
        t["titel"],
        "Afhandeling binnen de termijnen, als deel van alle klachten in behandeling"
    );
    let pct: Vec<f64> = rows(t)
        .iter()
        .map(|(_, w)| w[1].as_f64().unwrap())
        .collect();
    assert_eq!(pct, [45.5, 72.7, 18.2, 9.1]);
    let f = findings(&j);
    assert!(f.contains(&"Van alle 11 klachten in behandeling, ook de nog lopende, is 45% binnen de wettelijke termijn van 6 weken afgehandeld, en 73% binnen 10 weken.".to_string()), "{f:?}");
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(
        &pdf,
        "De percentages van de afhandeling gaan over alle klachten in behandeling (ook de nog lopende)",
    );
    has(
        &pdf,
        "Afhandeling binnen de termijnen, als deel van alle klachten in behandeling",
    );
    // The XLSX names the key figure's population too.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).unwrap();
    let labels: Vec<String> = sheet
        .rows()
        .filter_map(|r| match &r[0] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(
        labels.contains(&"Afgehandeld binnen 6 weken (van alle klachten in behandeling)".into()),
        "{labels:?}"
    );
    // The public version protects the shares with the count they are taken of.
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "pub",
        "--publiek",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let p = case.json("pub/cijfers-2024.json");
    for (label, w) in rows(table(&p, "termijnen")) {
        // No small count printed, and no share of a hidden count.
        assert!(
            !w[0].as_u64().is_some_and(|n| (1..5).contains(&n)),
            "{label}: {w:?}"
        );
        if w[0].is_string() {
            assert!(w[1].is_string(), "{label}: {w:?}");
        }
    }
}

#[test]
fn bad_term_settings_are_refused_in_dutch_with_key_and_line() {
    let case = Case::fixture("termijn-peildatum");
    for (regel, verwacht) in [
        (
            "noemer = \"ontvangen\"",
            "regel 2: [termijnen] noemer: onbekende waarde \"ontvangen\" (kies \"afgehandeld\" of \"in_behandeling\")",
        ),
        (
            "peildatum = \"31-02-2024\"",
            "regel 2: [termijnen] peildatum: \"31-02-2024\" is geen geldige datum",
        ),
        (
            "peildatum = \"30-06-2024\"",
            "[termijnen] peildatum: 30 juni 2024 ligt vóór het einde van de verslagperiode (31 december 2024)",
        ),
    ] {
        std::fs::write(case.path("config.toml"), format!("[termijnen]\n{regel}\n")).unwrap();
        let out = case.verslag("register.csv", &[]);
        assert_eq!(out.code, 2, "{regel}: {}", out.stderr);
        has(&out.stderr, verwacht);
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    }
}

#[test]
fn the_smaller_points_of_issue_25() {
    let case = Case::fixture("bijna-gelijk");
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "register.csv, kolom categorie: bijna gelijk: 'Behandel technisch' (5 rijen) en 'Behandeltechnisch' (1 rij) verschillen alleen in spaties of leestekens en tellen als 2 aparte rijen; bedoelen ze hetzelfde, voeg dan een alias toe: [[categorie]] naam = \"Behandel technisch\", aliassen = [\"Behandeltechnisch\"]",
    );
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let j = case.json("uit/cijfers-2024.json");
    // The configured order, not the total over the years (Behandel technisch has 5).
    let meer: Vec<String> = rows(table(&j, "categorieen_meerjarig"))
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(
        meer,
        [
            "Bejegening",
            "Wachttijd",
            "Behandel technisch",
            "Behandeltechnisch",
            "Totaal"
        ]
    );
    // No datum_eerste_contact column: the share is left out, not 0.0.
    assert!(
        j["kerngetallen"]
            .get("eerste_contact_binnen_termijn_pct")
            .is_none()
    );
    assert!(
        j["vergelijking"]["kerngetallen"]
            .get("eerste_contact_binnen_termijn_pct")
            .is_none()
    );
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "in de vaste volgorde van de categorieën");
    // No verlengd column: the band between the terms is not called extended.
    has(&pdf, "binnen 10 weken");
    assert!(!pdf.contains("(verlengd)"), "{pdf}");
    // Both spellings configured: meant to differ, no warning.
    std::fs::write(
        case.path("config.toml"),
        "[[categorie]]\nnaam = \"Behandel technisch\"\n[[categorie]]\nnaam = \"Behandeltechnisch\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
    ]);
    assert!(!out.stderr.contains("bijna gelijk"), "{}", out.stderr);
    // Without a vocabulary the multi-year table keeps its order by total.
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "zonder",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stderr, "bijna gelijk");
    let j = case.json("zonder/cijfers-2024.json");
    let first = &rows(table(&j, "categorieen_meerjarig"))[0].0;
    assert_eq!(first, "Behandel technisch");
}
