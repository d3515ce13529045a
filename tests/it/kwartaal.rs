//! Quarterly reports (`--periode 2024-Q4`, `--kwartaal 4`) on the hand-checked fixture; the
//! arithmetic is in fixtures/README.md ("Quarterly reports").

use crate::support::{Case, has, table};

fn rows(t: &serde_json::Value) -> Vec<(String, Vec<u64>)> {
    t["rijen"]
        .as_array()
        .expect("rijen")
        .iter()
        .map(|r| {
            let v = r["waarden"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().expect("a count"))
                .collect();
            (r["label"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

fn quarter(case: &Case, periode: &[&str]) -> crate::support::Output {
    let mut args = vec![
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--uit",
        "uit",
    ];
    args.extend_from_slice(periode);
    case.run(&args)
}

#[test]
fn quarter_counts_its_quarter_beside_the_same_quarter_a_year_earlier() {
    let case = Case::fixture("geldig-klein");
    let out = quarter(&case, &["--periode", "2024-Q4"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stdout, "kwartaalverslag-2024-Q4.pdf geschreven");
    has(&out.stdout, "in het vierde kwartaal van 2024");
    let json = case.json("uit/cijfers-2024-Q4.json");
    assert_eq!(json["periode"]["label"], "2024-Q4");
    assert_eq!(json["periode"]["van"], "2024-10-01");
    assert_eq!(json["periode"]["tot_en_met"], "2024-12-31");
    let k = &json["kerngetallen"];
    assert_eq!(
        (&k["ontvangen"], &k["in_behandeling"], &k["deelklachten"]),
        (&2.into(), &2.into(), &4.into())
    );
    let v = &json["vergelijking"];
    assert_eq!(v["periode"]["label"], "2023-Q4");
    assert_eq!(
        (
            &v["kerngetallen"]["ontvangen"],
            &v["kerngetallen"]["deelklachten"]
        ),
        (&1.into(), &1.into())
    );
    let clusters = table(&json, "klagers_per_cluster_kwartaal");
    assert_eq!(
        clusters["kolommen"],
        serde_json::json!(["Q4 2024", "Q4 2023"])
    );
    assert_eq!(
        rows(clusters),
        [
            ("Wonen".to_string(), vec![1, 1]),
            ("Zorg".to_string(), vec![1, 0]),
            ("Totaal".to_string(), vec![2, 1]),
        ]
    );
    let categories = table(&json, "categorieen_per_kwartaal");
    assert_eq!(
        rows(categories),
        [
            ("Communicatie".to_string(), vec![2, 0]),
            ("Financiën".to_string(), vec![1, 0]),
            ("Kwaliteit van zorg".to_string(), vec![1, 0]),
            ("Bejegening".to_string(), vec![0, 1]),
            ("Totaal".to_string(), vec![4, 1]),
        ]
    );
    assert_eq!(
        rows(table(&json, "klachten_per_jaar")),
        [
            ("Q4 2024".to_string(), vec![2]),
            ("Q4 2023".to_string(), vec![1])
        ]
    );
    // One quarter has no "busiest quarter"; open on 31-12-2024 for more than 42 days: K08.
    let kinds: Vec<&str> = json["opvallend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["soort"].as_str().unwrap())
        .collect();
    assert!(!kinds.contains(&"kwartaal_uitschieter"), "{kinds:?}");
    let lopend = json["opvallend"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["soort"] == "lopend_over_termijn")
        .expect("lopend_over_termijn");
    assert_eq!(lopend["getallen"]["aantal"], 1);

    let text = case.pdf_text("uit/kwartaalverslag-2024-Q4.pdf");
    for needle in [
        "Kwartaalrapportage klachten",
        "Q4 2024",
        "van 1 oktober tot en met 31 december 2024",
        "In het vierde kwartaal van 2024 ontving Stichting Testzorg 2 klachten en meldingen",
        "In het vierde kwartaal van 2023 kwam er 1 klacht of melding binnen, waarvan 1 in behandeling is genomen.",
        "Q4 2023: 1",
        "Aantal klagers per cluster in Q4 2024 en Q4 2023",
        "steeg van 1 in het vierde kwartaal van 2023 naar 2 in het vierde kwartaal van 2024",
    ] {
        has(&text, needle);
    }
    // The XLSX has the comparison column beside the key figures, and the quarter's columns.
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024-Q4.xlsx")).unwrap();
    let kern = book.worksheet_range("kerngetallen").unwrap();
    let text = |s: &str| Some(Data::String(s.into()));
    assert_eq!(
        kern.get_value((0, 0)).cloned(),
        text("Kerngetallen Stichting Testzorg Q4 2024")
    );
    assert_eq!(kern.get_value((1, 2)).cloned(), text("Q4 2023"));
    let ontvangen = kern
        .rows()
        .find(|r| r.get(3) == Some(&Data::String("ontvangen".into())))
        .expect("ontvangen row");
    assert_eq!(ontvangen[1..3], [Data::Float(2.0), Data::Float(1.0)]);
    let clusters = book
        .worksheet_range("klagers_per_cluster_kwartaal")
        .unwrap();
    assert_eq!(clusters.get_value((1, 1)).cloned(), text("Q4 2024"));
    assert_eq!(clusters.get_value((1, 2)).cloned(), text("Q4 2023"));
    let manifest = case.json("uit/manifest.json");
    assert_eq!(manifest["periode"], "2024-Q4");
}

#[test]
fn kwartaal_with_jaar_is_the_same_report_as_periode() {
    let a = Case::fixture("geldig-klein");
    let b = Case::fixture("geldig-klein");
    assert_eq!(quarter(&a, &["--periode", "2024-q4"]).code, 0);
    let out = quarter(&b, &["--jaar", "2024", "--kwartaal", "4"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for f in [
        "cijfers-2024-Q4.json",
        "kwartaalverslag-2024-Q4.pdf",
        "tabellen-2024-Q4.xlsx",
    ] {
        let read = |c: &Case| std::fs::read(c.path(&format!("uit/{f}"))).unwrap();
        assert!(read(&a) == read(&b), "{f} differs");
    }
}

#[test]
fn a_quarter_the_register_does_not_reach_back_to_has_no_comparison() {
    // The register starts on 15-12-2023: Q2 2023 is before it, so it is not shown as 0.
    let case = Case::fixture("geldig-klein");
    let out = quarter(&case, &["--periode", "2024-Q2"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024-Q2.json");
    assert!(
        json.get("vergelijking").is_none(),
        "{}",
        json["vergelijking"]
    );
    let k = &json["kerngetallen"];
    assert_eq!(
        (&k["ontvangen"], &k["in_behandeling"], &k["deelklachten"]),
        (&3.into(), &3.into(), &4.into())
    );
    let clusters = table(&json, "klagers_per_cluster_kwartaal");
    assert_eq!(clusters["kolommen"], serde_json::json!(["Q2 2024"]));
    assert_eq!(
        rows(clusters),
        [
            ("Zorg".to_string(), vec![2]),
            ("Onbekend".to_string(), vec![1]),
            ("Totaal".to_string(), vec![3]),
        ]
    );
    assert!(
        !json["tabellen"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["id"] == "categorieen_meerjarig"),
        "no earlier quarter, no multi-year table"
    );
}

#[test]
fn a_wrong_period_is_refused_in_dutch() {
    let case = Case::fixture("geldig-klein");
    let out = quarter(&case, &["--periode", "2024-Q5"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "\"2024-Q5\" is geen periode");
    let out = quarter(&case, &["--periode", "2024-Q3", "--jaar", "2024"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "gaat niet samen met");
    let out = quarter(&case, &["--kwartaal", "5"]);
    assert_eq!(out.code, 2);
    has(&out.stderr, "ongeldige waarde \"5\" voor --kwartaal");
    assert!(!case.path("uit").exists(), "nothing written");
}

#[test]
fn a_batch_runs_per_quarter_too() {
    let case = Case::fixture("geldig-klein");
    let out = quarter(&case, &["--periode", "2024-Q4", "--per", "cluster"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stdout,
        "plus overzicht-2024-Q4.xlsx en overzicht-2024-Q4.pdf",
    );
    assert!(case.path("uit/overzicht-2024-Q4.pdf").exists());
    // Wonen: K09 in Q4 2024, K10 in Q4 2023.
    let wonen = case.json("uit/wonen/cijfers-2024-Q4.json");
    assert_eq!(wonen["kerngetallen"]["ontvangen"], 1);
    assert_eq!(wonen["vergelijking"]["kerngetallen"]["ontvangen"], 1);
    assert!(case.path("uit/wonen/kwartaalverslag-2024-Q4.pdf").exists());
}
