//! The outcome for the klager (tevredenheid), the verdict (oordeel) and registers with one
//! row per deelklacht (`[register] rij = "deelklacht"`), on the fixtures `tevredenheid`,
//! `deelklachten-per-rij` and `deelklachten-conflict` (their READMEs work the numbers out by
//! hand).

use crate::support::{Case, has, table};

/// (label, values) of every row of a JSON table.
fn rows(t: &serde_json::Value) -> Vec<(String, Vec<f64>)> {
    t["rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["label"].as_str().unwrap().to_string(),
                r["waarden"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect(),
            )
        })
        .collect()
}

fn want(rows: &[(&str, &[f64])]) -> Vec<(String, Vec<f64>)> {
    rows.iter()
        .map(|(l, v)| (l.to_string(), v.to_vec()))
        .collect()
}

#[test]
fn tevredenheid_and_oordeel_per_klacht_match_the_hand_count() {
    let case = Case::fixture("tevredenheid");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "register.csv, rij 10, kolom tevredenheid: onbekende waarde \"misschien\", telt als Onbekend",
    );
    let json = case.json("uit/cijfers-2024.json");
    assert!(json.get("rij_per").is_none(), "one row per complaint");
    assert_eq!(json["kerngetallen"]["in_behandeling"], 8);
    assert_eq!(json["aantal_deelklachten"], 9);
    let t = table(&json, "tevredenheid");
    assert_eq!(t["telt"], "klachten");
    assert_eq!(
        t["titel"],
        "Naar tevredenheid van de klager opgelost (per klacht)"
    );
    assert_eq!(
        rows(t),
        want(&[
            ("Naar tevredenheid opgelost", &[3.0, 37.5]),
            ("Deels naar tevredenheid opgelost", &[1.0, 12.5]),
            ("Niet naar tevredenheid opgelost", &[1.0, 12.5]),
            ("Lopend", &[1.0, 12.5]),
            ("Onbekend", &[2.0, 25.0]),
            ("Totaal", &[8.0, 100.0]),
        ])
    );
    let o = table(&json, "oordeel");
    assert_eq!(o["telt"], "klachten");
    assert_eq!(
        rows(o),
        want(&[
            ("Gegrond", &[1.0, 12.5]),
            ("Deels gegrond", &[1.0, 12.5]),
            ("Ongegrond", &[1.0, 12.5]),
            ("Geen oordeel", &[1.0, 12.5]),
            ("Lopend", &[1.0, 12.5]),
            ("Onbekend", &[3.0, 37.5]),
            ("Totaal", &[8.0, 100.0]),
        ])
    );
    // The outcome tables stand after the afhandeling, before the doorlooptijd.
    let ids: Vec<&str> = json["tabellen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let at = |id| ids.iter().position(|x| *x == id).unwrap();
    assert!(at("afhandeling") < at("tevredenheid"));
    assert!(at("tevredenheid") < at("oordeel"));
    assert!(at("oordeel") < at("doorlooptijd"));
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "Tevredenheid van de klager");
    has(
        &pdf,
        "Naar tevredenheid van de klager opgelost (per klacht)",
    );
    has(&pdf, "Oordeel over de klachten (per klacht)");
    has(&pdf, "geteld per klacht");
    // The XLSX has a sheet per new table with the same numbers.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    let sheet = book.worksheet_range("tevredenheid").unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String(t["titel"].as_str().unwrap().into()))
    );
    assert_eq!(
        sheet.get_value((2, 0)),
        Some(&Data::String("Naar tevredenheid opgelost".into()))
    );
    assert_eq!(sheet.get_value((2, 1)), Some(&Data::Float(3.0)));
    let sheet = book.worksheet_range("oordeel").unwrap();
    assert_eq!(sheet.get_value((8, 1)), Some(&Data::Float(8.0)));
}

#[test]
fn one_row_per_deelklacht_counts_complaints_once_and_deelklachten_each_time() {
    let case = Case::fixture("deelklachten-per-rij");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stderr, "0 fouten, 0 waarschuwingen");
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["rij_per"], "deelklacht");
    assert_eq!(json["aantal_klachten"], 5);
    assert_eq!(json["kerngetallen"]["in_behandeling"], 4);
    assert_eq!(json["aantal_deelklachten"], 8);
    assert_eq!(json["vergelijking"]["kerngetallen"]["deelklachten"], 2);
    let o = table(&json, "oordeel_per_deelklacht");
    assert_eq!(o["telt"], "deelklachten");
    assert_eq!(o["titel"], "Oordeel per deelklacht (aantal deelklachten)");
    assert_eq!(
        rows(o),
        want(&[
            ("Gegrond", &[1.0, 12.5]),
            ("Deels gegrond", &[2.0, 25.0]),
            ("Ongegrond", &[2.0, 25.0]),
            ("Geen oordeel", &[1.0, 12.5]),
            ("Lopend", &[2.0, 25.0]),
            ("Totaal", &[8.0, 100.0]),
        ])
    );
    assert!(
        json["tabellen"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != "oordeel")
    );
    // Bejegening: 4 deelklachten of 3 complaints (it comes back within C24-01).
    assert_eq!(
        rows(table(&json, "categorieen_per_kwartaal")),
        want(&[
            ("Bejegening", &[2.0, 0.0, 2.0, 0.0, 4.0]),
            ("Communicatie", &[1.0, 1.0, 0.0, 0.0, 2.0]),
            ("Medisch handelen", &[0.0, 1.0, 1.0, 0.0, 2.0]),
            ("Totaal", &[3.0, 2.0, 3.0, 0.0, 8.0]),
        ])
    );
    assert_eq!(
        rows(table(&json, "categorieen_meerjarig"))[0],
        ("Bejegening".to_string(), vec![4.0, 2.0, 6.0])
    );
    // The complaint-level tables count each complaint once; the second row of C24-01 leaves
    // cluster, klager and afhandeling empty and takes the complaint's.
    assert_eq!(
        rows(table(&json, "klagers_per_cluster_kwartaal")),
        want(&[
            ("Ziekenhuis A", &[1.0, 0.0, 1.0, 0.0, 2.0]),
            ("Ziekenhuis B", &[0.0, 1.0, 1.0, 0.0, 2.0]),
            ("Totaal", &[1.0, 1.0, 2.0, 0.0, 4.0]),
        ])
    );
    assert_eq!(
        rows(table(&json, "afhandeling")),
        want(&[
            ("Deels gegrond", &[2.0]),
            ("Lopend", &[1.0]),
            ("Ongegrond", &[1.0]),
            ("Totaal", &[4.0]),
        ])
    );
    assert_eq!(
        rows(table(&json, "doorlooptijd"))[3],
        ("6-10".to_string(), vec![3.0])
    );
    let pdf = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&pdf, "Oordeel per deelklacht (aantal deelklachten)");
    has(&pdf, "geteld per deelklacht");
    has(
        &pdf,
        "een categorie die binnen één klacht vaker voorkomt, telt elke keer mee",
    );
    has(
        &pdf,
        "De rijen met hetzelfde klachtnummer zijn één klacht en tellen één keer",
    );
}

#[test]
fn a_conflict_within_one_complaint_names_the_rows_and_the_column() {
    let case = Case::fixture("deelklachten-conflict");
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    has(
        &out.stderr,
        "fout: register.csv, rij 3, kolom cluster: klacht \"K1\" staat ook op rij 2 met \"Noord\", hier met \"Zuid\"; alle rijen van één klacht moeten in deze kolom hetzelfde hebben (of leeg zijn). De rij telt niet mee",
    );
    has(
        &out.stderr,
        "fout: register.csv, rij 5, kolom datum_ontvangst: klacht \"K2\" staat ook op rij 4 met \"03-03-2024\", hier met \"04-03-2024\"",
    );
    // Rij 5 did not count, so rij 6 is held against rij 4 only.
    has(
        &out.stderr,
        "fout: register.csv, rij 6, kolom klager: klacht \"K2\" staat ook op rij 4 met \"Verwant/vertegenwoordiger\", hier met \"Cliënt\"",
    );
    // The report leaves the conflicting rows out and lists them; the other rows count.
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["uitgesloten_rijen"].as_array().unwrap().len(), 3);
    assert_eq!(json["kerngetallen"]["in_behandeling"], 2);
    assert_eq!(json["aantal_deelklachten"], 2);
    let out = case.verslag("register.csv", &["--streng"]);
    assert_ne!(out.code, 0);
}

/// Without `[register] rij = "deelklacht"` a repeated klachtnummer stays a duplicate.
#[test]
fn without_the_setting_a_repeated_klachtnummer_is_a_duplicate() {
    let case = Case::fixture("deelklachten-conflict");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 1);
    has(
        &out.stderr,
        "fout: register.csv, rij 3, kolom klachtnummer: klachtnummer \"K1\" komt al voor in register.csv, rij 2, kolom klachtnummer",
    );
    assert!(!out.stderr.contains("staat ook op"), "{}", out.stderr);
}

#[test]
fn a_wrong_register_shape_is_named_with_key_and_line() {
    let case = Case::fixture("deelklachten-per-rij");
    std::fs::write(
        case.path("config.toml"),
        "[organisatie]\nnaam = \"X\"\n\n[register]\nrij = \"per deelklacht\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    has(
        &out.stderr,
        "regel 5: [register] rij: \"per deelklacht\" is geen keuze (kies \"klacht\"",
    );
    std::fs::write(
        case.path("config.toml"),
        "[waarden.oordeel]\n\"Half gegrond\" = [\"half\"]\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    has(
        &out.stderr,
        "[waarden.oordeel]: \"Half gegrond\" is geen waarde van deze lijst (toegestaan: Gegrond, Deels gegrond, Ongegrond, Geen oordeel)",
    );
}

/// The public version hides the small counts of the new tables like every other table's
/// (the disclosure attack in `stats::tests` works them over on random registers).
#[test]
fn the_public_version_covers_the_outcome_tables() {
    for fixture in ["tevredenheid", "deelklachten-per-rij"] {
        let case = Case::fixture(fixture);
        let out = case.verslag("register.csv", &["--publiek"]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let json = case.json("uit/cijfers-2024.json");
        let hidden = |id: &str| -> bool {
            json["weggelaten_tabellen"]
                .as_array()
                .is_some_and(|w| w.iter().any(|x| x == id))
                || table(&json, id)["rijen"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|r| r["waarden"].as_array().unwrap())
                    .all(|v| !v.is_u64() || v.as_u64() == Some(0) || v.as_u64() >= Some(5))
        };
        let ids: &[&str] = match fixture {
            "tevredenheid" => &["tevredenheid", "oordeel"],
            _ => &["oordeel_per_deelklacht"],
        };
        for id in ids {
            assert!(hidden(id), "{fixture}: {id} shows a small count");
        }
    }
}

/// Both PDF checkers (PDF/A-2a, PDF/UA-1) on reports with the new tables.
#[test]
fn reports_with_the_outcome_tables_pass_the_pdf_checkers() {
    let mut pdfs = Vec::new();
    let keep = Case::empty("uitkomst-pdf");
    for fixture in ["tevredenheid", "deelklachten-per-rij"] {
        let case = Case::fixture(fixture);
        let out = case.verslag("register.csv", &[]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        let to = keep.path(&format!("{fixture}.pdf"));
        std::fs::copy(case.path("uit/jaarverslag-2024.pdf"), &to).unwrap();
        pdfs.push(to.to_string_lossy().into_owned());
    }
    crate::zinnen::conform(&pdfs);
}
