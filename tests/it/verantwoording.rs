//! The report says which legal items it covers, and warns about the ones still missing.

use crate::support::{Case, has, voorbeeld};

/// A Jeugdwet register without texts: every item a text must cover is a warning in
/// `controleer` and `verslag`, "niet beschreven" in the annex and `gedekt: false` in the JSON;
/// the number and nature of the complaints and their follow-up are covered by the tables; the
/// colofon names the 1 June deadline and the recipients.
#[test]
fn missing_items_are_warned_about_and_printed_as_not_described() {
    let case = Case::fixture("verantwoording");
    let warning = "waarschuwing: verantwoording: Jeugdwet art. 4.3.1 onder f (samenstelling klachtencommissie) ontbreekt: vul [teksten] klachtencommissie in";
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stderr, warning);
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(&out.stderr, warning);
    assert!(
        !out.stderr.contains("onder h ("),
        "h is covered by the tables"
    );
    let json = case.json("uit/cijfers-2024.json");
    let regimes = json["verantwoording"].as_array().unwrap();
    // Jeugdwet from the register's regeling column; the Wzd has no checklist.
    assert_eq!(regimes.len(), 1);
    assert_eq!(regimes[0]["id"], "jeugdwet");
    let items = regimes[0]["items"].as_array().unwrap();
    assert_eq!(items.len(), 11);
    let item = |v: &str| items.iter().find(|i| i["verwijzing"] == v).unwrap();
    assert_eq!(item("Jeugdwet art. 4.3.1 onder f")["gedekt"], false);
    assert_eq!(item("Jeugdwet art. 4.3.1 onder h")["gedekt"], true);
    assert_eq!(
        item("Jeugdwet art. 4.3.1 onder h")["waar"],
        "tabel-categorieen_per_kwartaal"
    );
    assert_eq!(
        item("Jeugdwet art. 4.3.1 onder c")["waar"],
        "tabel-afhandeling"
    );
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&text, "Verantwoording");
    has(
        &text,
        "Jeugdwet art. 4.3.1 onder f: samenstelling klachtencommissie niet beschreven",
    );
    has(
        &text,
        "vóór 1 juni 2025 openbaar gemaakt en toegezonden aan Onze Ministers",
    );

    // With the text in the config the item is covered, and the annex points to it.
    std::fs::write(
        case.path("config.toml"),
        "[teksten]\nklachtencommissie = \"De commissie bestaat uit een jurist (voorzitter), een orthopedagoog en een ervaringsdeskundige.\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains(warning), "{}", out.stderr);
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    has(&text, "De commissie bestaat uit een jurist (voorzitter)");
    has(
        &text,
        "Jeugdwet art. 4.3.1 onder f: samenstelling klachtencommissie",
    );
    has(&text, "Samenstelling van de klachtencommissie (p.");
}

/// The example config covers every Wkkgz item: no warning, and every item points to a
/// section of the report with its page (the data items to their tables).
#[test]
fn the_example_report_has_a_complete_verantwoording() {
    let case = Case::empty("verantwoording-voorbeeld");
    let (reg, cfg) = voorbeeld();
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
    assert!(!out.stderr.contains("verantwoording:"), "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    let items = json["verantwoording"][0]["items"].as_array().unwrap();
    assert!(items.iter().all(|i| i["gedekt"] == true), "{items:?}");
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    assert!(!text.contains("niet beschreven"));
    has(
        &text,
        "Wkcz art. 2 lid 7 onder e: aantal en aard van de klachten 2.3 Waar gingen de klachten over (p.",
    );
    has(&text, "Wkkgz art. 17: termijnen van afhandeling");
    has(&text, "Verbetermaatregelen");
    has(&text, "5.1 De klachtenregeling (p.");
    // The config text itself is in the chapter Klachtenregeling.
    has(
        &text,
        "De klachtenregeling van Zorggroep De Lindehof volgt de Wkkgz.",
    );
}

/// A checklist in `--sjablonen MAP/verantwoording/` replaces the embedded one: the law
/// changed, the report follows without a new release.
#[test]
fn an_overriding_checklist_changes_the_list_without_a_rebuild() {
    let case = Case::fixture("verantwoording");
    std::fs::create_dir_all(case.path("eigen/verantwoording")).unwrap();
    std::fs::write(
        case.path("eigen/verantwoording/jeugdwet.toml"),
        "naam = \"Jeugdwet (gewijzigd)\"\nbron = \"Jeugdwet, tekst per 1 januari 2027\"\nregelingen = [\"Jeugdwet\"]\n\n[[item]]\nverwijzing = \"Jeugdwet art. 4.3.1 nieuw\"\nkort = \"een nieuw onderdeel\"\ntekst = \"bekendmaking\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &["--sjablonen", "eigen"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    has(
        &out.stderr,
        "waarschuwing: verantwoording: Jeugdwet art. 4.3.1 nieuw (een nieuw onderdeel) ontbreekt: vul [teksten] bekendmaking in",
    );
    assert!(!out.stderr.contains("onder f"), "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["verantwoording"][0]["naam"], "Jeugdwet (gewijzigd)");
    assert_eq!(
        json["verantwoording"][0]["items"].as_array().unwrap().len(),
        1
    );
    // A checklist that points to a text key that does not exist is refused in Dutch.
    std::fs::write(
        case.path("eigen/verantwoording/jeugdwet.toml"),
        "naam = \"x\"\nbron = \"y\"\n[[item]]\nverwijzing = \"z\"\nkort = \"z\"\ntekst = \"bestaatniet\"\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &["--sjablonen", "eigen"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    has(&out.stderr, "tekst = \"bestaatniet\" is geen tekstsleutel");
    // Regimes from the config.
    std::fs::write(
        case.path("config.toml"),
        "[verslag]\nregimes = [\"wkkgz\", \"wmo\"]\n",
    )
    .unwrap();
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("uit/cijfers-2024.json");
    let ids: Vec<&str> = json["verantwoording"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["wkkgz", "wmo"]);
}
