//! Command-line behaviour: Dutch help and errors, exit code 2 for fatal errors.

use crate::support::Case;

#[test]
fn help_is_dutch() {
    let out = Case::empty("help").run(&["--help"]);
    assert_eq!(out.code, 0);
    crate::support::has(&out.stdout, "Opdrachten");
    crate::support::has(&out.stdout, "Maak het jaarverslag");
    crate::support::has(&out.stdout, "Gebruik: klachtverslag <OPDRACHT>");
    assert!(!out.stdout.contains("Options"), "{}", out.stdout);
    let out = Case::empty("help-verslag").run(&["verslag", "--help"]);
    crate::support::has(&out.stdout, "Gebruik: klachtverslag verslag --register");
    crate::support::has(&out.stdout, "--periode <PERIODE>");
    crate::support::has(&out.stdout, "--register <BESTAND>");
    crate::support::has(&out.stdout, "Verslagjaar");
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
    crate::support::has(&out.stderr, "onbekende optie --regsiter");
    // An unknown command: every command is named.
    let out = Case::empty("usage4").run(&["maak"]);
    assert_eq!(out.code, 2);
    crate::support::has(
        &out.stderr,
        "onbekende opdracht maak (kies verslag, controleer, genereer of web)",
    );
}

#[test]
fn missing_file_is_fatal_with_cause() {
    let out = Case::empty("missing").run(&["controleer", "--register", "bestaat-niet.csv"]);
    assert_eq!(out.code, 2);
    crate::support::has(&out.stderr, "fout: kan bestaat-niet.csv niet lezen");
    crate::support::has(&out.stderr, "oorzaak:");
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
    crate::support::has(&out.stderr, "regel 3: onbekende sleutel \"kleurr\"");
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
    crate::support::has(&out.stderr, "0 fouten, 0 waarschuwingen");
    let pdf = std::fs::read(case.path("uit/jaarverslag-2024.pdf")).unwrap();
    let text = crate::support::pdf_text(&pdf);
    assert!(text.contains("Zorggroep De Lindehof"));
    assert!(!text.contains("ontevreden over"), "omschrijving leaked");
}

#[test]
fn a_typo_in_a_config_text_is_dutch_with_a_suggestion() {
    let case = Case::fixture("geldig-klein");
    std::fs::write(
        case.path("config.toml"),
        "[organisatie]\nnaam = \"Stichting Testzorg\"\n[teksten]\nvoorwoord = \"In {{ jaar }} deed {{ organsatie }} veel.\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    crate::support::has(
        &out.stderr,
        "fout: fout in sjabloon [teksten] voorwoord: {{ organsatie }} bestaat niet; bedoelt u {{ organisatie }}?\n",
    );
    assert!(!out.stderr.contains("__tera"), "{}", out.stderr);
    assert!(!case.path("uit/jaarverslag-2024.pdf").exists());

    // Template internals and the environment never reach a report.
    std::fs::write(
        case.path("config.toml"),
        "[teksten]\nplannen = \"{{ get_env(name='HOME') }}\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    crate::support::has(
        &out.stderr,
        "fout: fout in sjabloon [teksten] plannen: get_env() kan niet in een tekst van het verslag",
    );
}

#[test]
fn a_bad_logo_is_a_dutch_error_naming_the_file() {
    let case = Case::fixture("geldig-klein");
    let with_logo = |name: &str| {
        std::fs::write(
            case.path("config.toml"),
            format!("[organisatie]\nnaam = \"Stichting Testzorg\"\nlogo = \"{name}\"\n"),
        )
        .unwrap();
    };
    // A text file named .png.
    std::fs::write(case.path("nep.png"), "geen afbeelding").unwrap();
    with_logo("nep.png");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    crate::support::has(
        &out.stderr,
        "nep.png: het logo is geen PNG-, JPEG-, GIF-, WebP- of SVG-afbeelding\n",
    );
    assert!(
        !out.stderr.contains("unknown image format"),
        "{}",
        out.stderr
    );
    assert!(!case.path("uit/jaarverslag-2024.pdf").exists());
    // An SVG that links a file by an absolute path.
    std::fs::write(
        case.path("linkt.svg"),
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><image width="20" height="10" href="/abs/x.png"/></svg>"#,
    )
    .unwrap();
    with_logo("linkt.svg");
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    crate::support::has(
        &out.stderr,
        "linkt.svg: het logo is een SVG dat een ander bestand gebruikt (\"/abs/x.png\")",
    );
    assert!(!out.stderr.contains("absolute paths"), "{}", out.stderr);
}
