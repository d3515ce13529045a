//! cijfers-JJJJ.json against hand-computed expectations (see fixtures/README.md).

use crate::support::Case;

#[test]
fn geldig_klein_matches_the_hand_computed_figures() {
    let case = Case::fixture("geldig-klein");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = case.json("uit/cijfers-2024.json");
    let expected = case.json("expected.json");
    assert_eq!(
        got,
        expected,
        "\ngot:\n{}",
        serde_json::to_string_pretty(&got).unwrap()
    );
}

#[test]
fn xlsx_register_gives_the_same_figures_as_csv() {
    let case = Case::fixture("geldig-klein");
    crate::controleer::write_xlsx_copy(&case.path("register.csv"), &case.path("register.xlsx"));
    let out = case.verslag("register.xlsx", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        case.json("uit/cijfers-2024.json"),
        case.json("expected.json")
    );
}

#[test]
fn rows_with_errors_are_listed_not_counted() {
    let case = Case::fixture("fouten");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = case.json("uit/cijfers-2024.json");
    assert_eq!(got["kerngetallen"]["ontvangen"], 3);
    let rows: Vec<u64> = got["uitgesloten_rijen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rij"].as_u64().unwrap())
        .collect();
    assert_eq!(rows, [3, 4, 5, 7]);
    crate::support::has(&out.stderr, "4 rijen met een fout zijn niet meegeteld");
}

#[test]
fn streng_stops_on_row_errors() {
    let case = Case::fixture("fouten");
    let out = case.verslag("register.csv", &["--streng"]);
    assert_eq!(out.code, 1);
    assert!(!case.path("uit/cijfers-2024.json").exists());
}

#[test]
fn xlsx_tables_read_back_with_calamine() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let case = Case::fixture("geldig-klein");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).expect("xlsx opens");
    let names = book.sheet_names();
    let expected = case.json("expected.json");
    let ids: Vec<&str> = expected["tabellen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    let mut want = vec!["kerngetallen"];
    want.extend(&ids);
    assert_eq!(names, want);
    // Every table: title, header, then the same numbers as the JSON (percentages as fractions).
    for t in expected["tabellen"].as_array().unwrap() {
        let range = book.worksheet_range(t["id"].as_str().unwrap()).unwrap();
        assert_eq!(
            range.get_value((0, 0)),
            Some(&Data::String(t["titel"].as_str().unwrap().into()))
        );
        for (c, k) in t["kolommen"].as_array().unwrap().iter().enumerate() {
            assert_eq!(
                range.get_value((1, c as u32 + 1)),
                Some(&Data::String(k.as_str().unwrap().into()))
            );
        }
        for (r, row) in t["rijen"].as_array().unwrap().iter().enumerate() {
            let er = r as u32 + 2;
            assert_eq!(
                range.get_value((er, 0)),
                Some(&Data::String(row["label"].as_str().unwrap().into()))
            );
            for (c, v) in row["waarden"].as_array().unwrap().iter().enumerate() {
                let cell = range.get_value((er, c as u32 + 1)).expect("cell");
                let Data::Float(x) = cell else {
                    panic!("not a number: {cell:?}")
                };
                let pct = t["kolommen"][c] == "Percentage";
                let want = v.as_f64().unwrap() / if pct { 100.0 } else { 1.0 };
                assert!(
                    (x - want).abs() < 1e-9,
                    "{} r{r} c{c}: {x} != {want}",
                    t["id"]
                );
            }
        }
    }
    let k = book.worksheet_range("kerngetallen").unwrap();
    assert_eq!(
        k.get_value((2, 0)),
        Some(&Data::String("Ontvangen (klachten en meldingen)".into()))
    );
    assert_eq!(k.get_value((2, 1)), Some(&Data::Float(9.0)));
    // The JSON's id in the last column (after the comparison year 2023).
    assert_eq!(k.get_value((2, 3)), Some(&Data::String("ontvangen".into())));
}

#[test]
fn a_category_renamed_over_the_years_is_merged_through_aliases() {
    let case = Case::empty("hernoemd");
    std::fs::write(
        case.path("2023.csv"),
        "klachtnummer;datum_ontvangst;categorie\nA1;01-02-2023;Communicatie\nA2;01-03-2023;Bejegening\n",
    )
    .unwrap();
    std::fs::write(
        case.path("2024.csv"),
        "klachtnummer;datum_ontvangst;categorie\nB1;01-02-2024;Communicatie en informatie\n",
    )
    .unwrap();
    std::fs::write(
        case.path("config.toml"),
        "[[categorie]]\nnaam = \"Communicatie en informatie\"\naliassen = [\"Communicatie\"]\n\n[[categorie]]\nnaam = \"Bejegening\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "2023.csv",
        "2024.csv",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    let t = crate::support::table(&json, "categorieen_meerjarig");
    assert_eq!(
        t["kolommen"],
        serde_json::json!(["2024", "2023", "Totaal (2 jr)"])
    );
    assert_eq!(t["rijen"][0]["label"], "Communicatie en informatie");
    assert_eq!(t["rijen"][0]["waarden"], serde_json::json!([1, 1, 2]));
    assert_eq!(t["rijen"][1]["label"], "Bejegening");
    assert_eq!(t["rijen"][1]["waarden"], serde_json::json!([0, 1, 1]));
}
