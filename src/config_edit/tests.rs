//! The config file edited in place: what each edit writes, and that the rest stays.
use super::*;

const FILE: &str = "# Configuratie van De Lindehof\r\n\r\n[organisatie]\r\nnaam = \"De Lindehof\" # zoals op het briefpapier\r\n\r\n# Koppen van onze export\r\n[kolommen]\r\n# datum_ontvangst = \"Datum binnenkomst\"\r\n\r\n[teksten]\r\n# het voorwoord\r\nvoorwoord = \"\"\"\r\nOud\r\n\"\"\"\r\n";

#[test]
fn comments_order_and_layout_are_kept_and_line_ends_are_lf() {
    let mut c = ConfigFile::parse(FILE).expect("valid");
    c.set_kolom("categorie", "Onderwerp");
    c.set_text(
        &["teksten", "voorwoord"],
        "Nieuw\r\nmet \"aanhalingstekens\"\r\n",
    );
    let out = c.to_string();
    assert!(!out.contains('\r'), "{out:?}");
    assert_eq!(
        out,
        "# Configuratie van De Lindehof\n\n[organisatie]\nnaam = \"De Lindehof\" # zoals op het briefpapier\n\n# Koppen van onze export\n[kolommen]\ncategorie = \"Onderwerp\"\n# datum_ontvangst = \"Datum binnenkomst\"\n\n[teksten]\n# het voorwoord\nvoorwoord = \"\"\"\nNieuw\nmet \"aanhalingstekens\"\n\"\"\"\n"
    );
    // And it reads back as the values that were set.
    let back = ConfigFile::parse(&out).expect("valid");
    assert_eq!(back.get_str(&["kolommen", "categorie"]), Some("Onderwerp"));
    assert_eq!(
        back.get_str(&["teksten", "voorwoord"]),
        Some("Nieuw\nmet \"aanhalingstekens\"\n")
    );
}

#[test]
fn new_sections_go_at_the_end_as_sections() {
    let mut c = ConfigFile::parse("[organisatie]\nnaam = \"X\"\n").expect("valid");
    c.add_alias("klager", "Cliënt", "patiënt");
    c.add_alias("klager", "Cliënt", "patiënt");
    c.add_alias("klager", "Cliënt", "bewoonster");
    c.set_value(&["privacy", "kleine_aantallen"], 10);
    c.set_text(&["eenheid", "2. Wonen Zuid", "voorwoord"], "Zuid");
    assert_eq!(
        c.to_string(),
        "[organisatie]\nnaam = \"X\"\n\n[waarden.klager]\n\"Cliënt\" = [\"patiënt\", \"bewoonster\"]\n\n[privacy]\nkleine_aantallen = 10\n\n[eenheid.\"2. Wonen Zuid\"]\nvoorwoord = \"Zuid\"\n"
    );
}

#[test]
fn an_empty_text_removes_its_key_and_an_inline_table_becomes_a_section() {
    let mut c = ConfigFile::parse("kolommen = { klager = \"Wie\" }\n[teksten]\nadviezen = \"A\"\n")
        .expect("valid");
    c.set_text(&["teksten", "adviezen"], "  \r\n");
    c.set_text(&["eenheid", "Noord", "voorwoord"], "");
    c.set_kolom("categorie", "Onderwerp");
    let out = c.to_string();
    assert!(!out.contains("adviezen"), "{out}");
    assert!(
        !out.contains("eenheid"),
        "an empty text makes no section: {out}"
    );
    let back = ConfigFile::parse(&out).expect("valid");
    assert_eq!(back.get_str(&["kolommen", "klager"]), Some("Wie"));
    assert_eq!(back.get_str(&["kolommen", "categorie"]), Some("Onderwerp"));
}

#[test]
fn terms_are_reordered_renamed_and_removed_with_their_comments_and_aliases() {
    let mut c = ConfigFile::parse(
        "# lijst\n[[categorie]]\n# eerste\nnaam = \"A\"\naliassen = [\"a1\"]\n\n[[categorie]]\nnaam = \"B\"\nomschrijving = \"Bee\"\n\n[[categorie]]\nnaam = \"C\"\n",
    )
    .expect("valid");
    c.set_terms(
        "categorie",
        &[
            (Some("B".into()), "B".into(), Some("Nieuw".into())),
            (Some("A".into()), "Anders".into(), None),
            (None, "D".into(), Some("Dee".into())),
        ],
    );
    c.add_term_alias("categorie", "D", "dee");
    c.add_term("categorie", "D");
    c.add_term("cluster", "Noord");
    let out = c.to_string();
    let back = ConfigFile::parse(&out).expect("valid");
    assert_eq!(
        back.terms("categorie"),
        vec![
            ("B".to_string(), Some("Nieuw".to_string())),
            ("Anders".to_string(), None),
            ("D".to_string(), Some("Dee".to_string())),
        ],
        "{out}"
    );
    assert!(out.contains("# eerste"), "{out}");
    assert!(out.contains("aliassen = [\"a1\", \"A\"]"), "{out}");
    assert!(out.contains("aliassen = [\"dee\"]"), "{out}");
    assert!(!out.contains("\"C\""), "{out}");
    assert_eq!(back.terms("cluster"), vec![("Noord".to_string(), None)]);
    // Saved again and again (every page submit): the order holds, the positions stay small.
    let mut c = back;
    for round in 0..40 {
        let mut terms: Vec<_> = c
            .terms("categorie")
            .into_iter()
            .map(|(n, o)| (Some(n.clone()), n, o))
            .collect();
        terms.reverse();
        c.set_terms("categorie", &terms);
        let names: Vec<String> = c.terms("categorie").into_iter().map(|t| t.0).collect();
        let mut expected = vec!["B", "Anders", "D"];
        if round % 2 == 0 {
            expected.reverse();
        }
        assert_eq!(names, expected, "round {round}");
        let reread = ConfigFile::parse(&c.to_string()).expect("valid");
        assert_eq!(
            reread
                .terms("categorie")
                .into_iter()
                .map(|t| t.0)
                .collect::<Vec<_>>(),
            expected
        );
    }
    let cfg: crate::settings::Config = toml::from_str(&out).expect("the config reads it");
    assert_eq!(cfg.categorie[1].aliassen, vec!["a1", "A"]);
}

#[test]
fn remove_takes_a_key_out() {
    let mut c = ConfigFile::parse("[kolommen]\ncategorie = \"X\"\n").expect("valid");
    c.remove(&["kolommen", "categorie"]);
    c.remove(&["bestaat", "niet"]);
    assert_eq!(c.get(&["kolommen", "categorie"]).map(|_| ()), None);
    assert_eq!(c.to_string(), "[kolommen]\n", "nothing made on the way");
}

#[test]
fn plans_are_listed_and_goals_set_by_title() {
    let mut c = ConfigFile::parse(
        "# plannen voor 2025\n[[plan]]\ntitel = \"Werkbezoeken\" # LVB\ntoelichting = \"Uitleg\"\n\n[[plan]]\ntitel = \"Workshops\"\n\n[[doel]]\ntitel = \"Poster\"\nstatus = \"niet\"\n",
    )
    .expect("valid");
    assert_eq!(
        c.plannen(),
        [
            Plan {
                titel: "Werkbezoeken".into(),
                toelichting: Some("Uitleg".into())
            },
            Plan {
                titel: "Workshops".into(),
                toelichting: None
            }
        ]
    );
    c.set_doel(
        " poster ",
        Some(Status::Behaald),
        "Hangt\r\nop elke locatie.",
    );
    c.set_doel("Workshops", Some(Status::LooptDoor), "");
    c.set_doel("Werkbezoeken", None, "Drie gedaan.");
    assert_eq!(
        c.to_string(),
        "# plannen voor 2025\n[[plan]]\ntitel = \"Werkbezoeken\" # LVB\ntoelichting = \"Uitleg\"\n\n[[plan]]\ntitel = \"Workshops\"\n\n[[doel]]\ntitel = \"Poster\"\nstatus = \"behaald\"\nresultaat = \"\"\"\nHangt\nop elke locatie.\"\"\"\n\n[[doel]]\ntitel = \"Workshops\"\nstatus = \"loopt door\"\n\n[[doel]]\ntitel = \"Werkbezoeken\"\nresultaat = \"Drie gedaan.\"\n"
    );
    // What was set reads back as the settings read it.
    let s = crate::settings::Settings::from_config(
        &crate::settings::ConfigBron::Upload {
            naam: std::path::Path::new("config.toml"),
            tekst: &c.to_string(),
        },
        &Default::default(),
    )
    .expect("valid config");
    let d = &s.report.doelen;
    assert_eq!(d.len(), 3);
    assert_eq!(d[0].status, Some(Status::Behaald));
    assert_eq!(d[1].status, Some(Status::LooptDoor));
    assert_eq!(d[2].resultaat.as_deref(), Some("Drie gedaan."));
    // An inline list of plans is read too, and a first goal makes the list.
    let mut c = ConfigFile::parse("plan = [{ titel = \"A\" }]\n[organisatie]\nnaam = \"X\"\n")
        .expect("valid");
    assert_eq!(c.plannen().len(), 1);
    c.set_doel("A", Some(Status::Deels), "Half.");
    let out = c.to_string();
    assert!(
        out.ends_with("[[doel]]\ntitel = \"A\"\nstatus = \"deels\"\nresultaat = \"Half.\"\n"),
        "{out}"
    );
}

#[test]
fn a_broken_file_names_its_line() {
    let e = ConfigFile::parse("[organisatie]\nnaam = \"X\"\nkleur = \n").unwrap_err();
    assert!(e.starts_with("regel 3: geen geldige TOML"), "{e}");
}
