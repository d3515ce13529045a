//! cijfers-JJJJ.json against hand-computed expectations (see fixtures/README.md).

use crate::support::Case;

#[test]
fn geldig_klein_matches_the_hand_computed_figures() {
    let case = Case::fixture("geldig-klein");
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
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
    let out = case.run(&[
        "verslag",
        "--register",
        "register.xlsx",
        "--config",
        "config.toml",
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        case.json("uit/cijfers-2024.json"),
        case.json("expected.json")
    );
}

#[test]
fn rows_with_errors_are_listed_not_counted() {
    let case = Case::fixture("fouten");
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
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
    assert!(
        out.stderr
            .contains("4 rijen met een fout zijn niet meegeteld"),
        "{}",
        out.stderr
    );
}

#[test]
fn streng_stops_on_row_errors() {
    let case = Case::fixture("fouten");
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "uit",
        "--streng",
    ]);
    assert_eq!(out.code, 1);
    assert!(!case.path("uit/cijfers-2024.json").exists());
}
