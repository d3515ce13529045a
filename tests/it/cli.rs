//! Command-line behaviour: Dutch help and errors, exit code 2 for fatal errors.

use crate::support::Case;

#[test]
fn help_is_dutch() {
    let out = Case::empty("help").run(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Opdrachten"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Maak het jaarverslag"),
        "{}",
        out.stdout
    );
    let out = Case::empty("help-verslag").run(&["verslag", "--help"]);
    assert!(
        out.stdout.contains("--register <BESTAND>"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Verslagjaar"), "{}", out.stdout);
}

#[test]
fn usage_errors_are_dutch_with_exit_2() {
    let out = Case::empty("usage").run(&["verslag", "--jaar", "2024"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.starts_with("fout: ontbrekend argument"),
        "{}",
        out.stderr
    );
    let out = Case::empty("usage2").run(&["controleer", "--regsiter", "x.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("onbekende optie --regsiter"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_file_is_fatal_with_cause() {
    let out = Case::empty("missing").run(&["controleer", "--register", "bestaat-niet.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("fout: kan bestaat-niet.csv niet lezen"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("oorzaak:"), "{}", out.stderr);
}

#[test]
fn unknown_config_key_is_named() {
    let case = Case::fixture("geldig-klein");
    std::fs::write(
        case.path("fout.toml"),
        "[organisatie]\nnaam = \"X\"\nkleurr = \"#000000\"\n",
    )
    .unwrap();
    let out = case.run(&[
        "controleer",
        "--register",
        "register.csv",
        "--config",
        "fout.toml",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("regel 3: onbekende sleutel \"kleurr\""),
        "{}",
        out.stderr
    );
}

#[test]
fn example_register_renders() {
    let case = Case::empty("voorbeeld");
    let (reg, cfg) = crate::support::voorbeeld();
    let out = case.run(&[
        "verslag",
        "--register",
        &reg,
        "--config",
        &cfg,
        "--jaar",
        "2024",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("0 fouten, 0 waarschuwingen"),
        "{}",
        out.stderr
    );
    let pdf = std::fs::read(case.path("uit/jaarverslag-2024.pdf")).unwrap();
    let text = crate::support::pdf_text(&pdf);
    assert!(text.contains("Zorggroep De Lindehof"));
    assert!(!text.contains("ontevreden over"), "omschrijving leaked");
}
