//! The PDF and the privacy promise, end to end.

use crate::support::{Case, all_files, pdf_text};

fn render(case: &Case) -> Vec<u8> {
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    crate::support::has(&out.stdout, "jaarverslag-2024.pdf geschreven");
    std::fs::read(case.path("uit/jaarverslag-2024.pdf")).expect("PDF written")
}

#[test]
fn pdf_holds_captions_and_key_numbers() {
    let case = Case::fixture("geldig-klein");
    let pdf = render(&case);
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_text(&pdf);
    for needle in [
        "Stichting Testzorg",
        "Jaarverslag klachten",
        "Inhoud",
        "Tabel 1 Aantal klagers per cluster en kwartaal",
        "Tabel 2 Aantal deelklachten per categorie en kwartaal",
        "Tabel 3 Deelklachten per categorie over meerdere jaren",
        "Tabel 5 Wie dienden een klacht in",
        "Tabel 6 Instroom",
        "Tabel 9 Afhandeling binnen de termijnen",
        "Afgehandeld binnen 6 weken 1 100,0%",
        "In 2024 ontving Stichting Testzorg 9 klachten en meldingen",
        "11 deelklachten",
        "57,1%",
        "1 februari 2025",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn no_omschrijving_reaches_any_output() {
    let case = Case::fixture("geldig-klein");
    let pdf = render(&case);
    let text = pdf_text(&pdf);
    assert!(!text.contains("GEHEIM"), "omschrijving in PDF text");
    assert!(!text.contains("Jansen"), "omschrijving in PDF text");
    for (path, bytes) in all_files(&case.path("uit")) {
        let hay = String::from_utf8_lossy(&bytes);
        assert!(
            !hay.contains("GEHEIM"),
            "omschrijving in {}",
            path.display()
        );
    }
}

/// The same register gives the same bytes: every output, from another folder, in another clock
/// second and time zone (a date or time read from the clock anywhere would show here).
#[test]
fn same_input_gives_identical_bytes_at_another_time() {
    let first = Case::fixture("geldig-klein");
    let out = first.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = Case::fixture("geldig-klein");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klachtverslag"))
        .current_dir(&second.dir)
        .env("TZ", "Pacific/Kiritimati")
        .args([
            "verslag",
            "--register",
            "register.csv",
            "--config",
            "config.toml",
            "--jaar",
            "2024",
            "--uit",
            "ander",
        ])
        .output()
        .expect("run klachtverslag");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = [
        "jaarverslag-2024.pdf",
        "cijfers-2024.json",
        "tabellen-2024.xlsx",
        "manifest.json",
    ];
    for name in names {
        let a = std::fs::read(first.path(&format!("uit/{name}"))).expect("written");
        let b = std::fs::read(second.path(&format!("ander/{name}"))).expect("written");
        assert!(a == b, "{name} differs between the two runs");
    }
}

#[test]
fn single_complaint_reads_well() {
    let case = Case::empty("een-klacht");
    std::fs::write(
        case.path("register.csv"),
        "klachtnummer;datum_ontvangst;categorie\nX1;12-03-2024;Bejegening\n",
    )
    .unwrap();
    std::fs::write(case.path("config.toml"), "").unwrap();
    let text = pdf_text(&render(&case));
    crate::support::has(&text, "1 klacht of melding");
    crate::support::has(&text, "Deze is als klacht in behandeling genomen");
    assert!(!text.contains("1 klachten"), "{text}");
}

#[test]
fn typst_markup_in_the_data_is_printed_literally_and_reads_no_file() {
    let case = Case::fixture("typst-opmaak");
    let pdf = render(&case);
    let text = pdf_text(&pdf);
    for literal in [
        "#read(\"/etc/passwd\")",
        "= Kop",
        "$x^2$",
        "*vet* en _schuin_",
        "Prijs [10] \\ #let x = 1",
        "<label> @ref",
        "`code` // commentaar",
        "#set page(fill: red) Stichting ][",
        "Verslag $x$ *",
        "Tekst met #strong[opmaak] en = kop en 2024.",
    ] {
        assert!(
            text.contains(literal),
            "{literal:?} not printed literally in:\n{text}"
        );
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = passwd.lines().next().unwrap_or("root:x:0:0");
    assert!(!text.contains(first), "a file was read into the report");
}

#[test]
fn report_has_kader_annex_colofon_and_figures() {
    let case = Case::fixture("geldig-klein");
    let pdf = render(&case);
    let text = pdf_text(&pdf);
    let sha =
        klachtverslag::register::sha256_hex(&std::fs::read(case.path("register.csv")).unwrap());
    for needle in [
        "Kader",
        "Wet kwaliteit, klachten en geschillen zorg",
        "Opvallende zaken",
        "3 van de 7 klachten (43%) komen uit Wonen.",
        "Figuur 1 Klachten per cluster en kwartaal",
        "Figuur 2 Deelklachten per categorie",
        "Bijlage A Verantwoording",
        "Bijlage B Colofon",
        "register.csv",
        &sha,
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn manifest_names_inputs_and_outputs_with_their_hashes() {
    let case = Case::fixture("geldig-klein");
    render(&case);
    let m = case.json("uit/manifest.json");
    let sha = |p: &str| klachtverslag::register::sha256_hex(&std::fs::read(case.path(p)).unwrap());
    assert_eq!(m["jaar"], 2024);
    assert_eq!(m["datum"], "2025-02-01");
    assert_eq!(m["invoer"][0]["naam"], "register.csv");
    assert_eq!(m["invoer"][0]["sha256"], sha("register.csv"));
    assert_eq!(m["invoer"][0]["rijen"], 11);
    assert_eq!(m["configuratie"]["sha256"], sha("config.toml"));
    let outputs: Vec<(&str, &str)> = m["uitvoer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["naam"].as_str().unwrap(), o["sha256"].as_str().unwrap()))
        .collect();
    assert_eq!(outputs.len(), 3);
    for (name, hash) in outputs {
        assert_eq!(hash, sha(&format!("uit/{name}")), "{name}");
    }
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(case.path("uit"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_year_without_complaints_says_so_instead_of_empty_tables() {
    let case = Case::fixture("geldig-klein");
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2030",
        "--uit",
        "uit",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    crate::support::has(
        &out.stderr,
        "waarschuwing: in 2030 staan geen klachten in het register; het register heeft klachten in 2023, 2024 en 2025\n",
    );
    assert!(
        case.path("uit/jaarverslag-2030.pdf").exists(),
        "the report is still made"
    );
    let text = case.pdf_text("uit/jaarverslag-2030.pdf");
    crate::support::has(&text, "Voor 2030 zijn er geen gegevens voor dit overzicht.");
    assert!(
        !text.contains("Tabel 1 Aantal klagers per cluster"),
        "{text}"
    );
}

#[test]
fn own_templates_replace_the_embedded_ones_file_by_file() {
    let case = Case::fixture("geldig-klein");
    std::fs::create_dir_all(case.path("sjablonen/opvallend")).unwrap();
    std::fs::write(
        case.path("sjablonen/kader.tera"),
        "Eigen kader van {{ organisatie }}.",
    )
    .unwrap();
    std::fs::write(
        case.path("sjablonen/opvallend/grootste_cluster.tera"),
        "Cluster {{ cluster }} had er {{ aantal }}.",
    )
    .unwrap();
    std::fs::write(case.path("logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\" height=\"10\"><rect width=\"20\" height=\"10\" fill=\"#2b5c8a\"/></svg>").unwrap();
    let mut config = std::fs::read_to_string(case.path("config.toml")).unwrap();
    config = config.replace("[organisatie]\n", "[organisatie]\nlogo = \"logo.svg\"\n");
    std::fs::write(case.path("config.toml"), config).unwrap();
    let out = case.verslag("register.csv", &["--sjablonen", "sjablonen"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    crate::support::has(&text, "Eigen kader van Stichting Testzorg.");
    crate::support::has(&text, "Cluster Wonen had er 3.");
    assert!(
        text.contains("Opvallende zaken"),
        "the other findings keep their default text"
    );
    let json = case.json("uit/cijfers-2024.json");
    assert_eq!(json["opvallend"][1]["tekst"], "Cluster Wonen had er 3.");

    std::fs::write(case.path("sjablonen/onbekend.typ"), "x").unwrap();
    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "uit2",
        "--sjablonen",
        "sjablonen",
    ]);
    assert_eq!(out.code, 2);
    crate::support::has(&out.stderr, "onbekend.typ: onbekend sjabloon");
}

#[test]
fn personal_data_is_named_not_printed_and_masked_everywhere() {
    let case = Case::fixture("persoonsgegevens");
    let out = case.run(&["controleer", "--register", "register.csv"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for e in [
        "waarschuwing: register.csv, rij 2, kolom cluster: bevat een telefoonnummer",
        "waarschuwing: register.csv, rij 3, kolom categorie: bevat een BSN",
        "waarschuwing: register.csv, rij 4, kolom soort_zorg: bevat een e-mailadres",
    ] {
        assert!(out.stderr.contains(e), "missing {e:?} in:\n{}", out.stderr);
    }
    let secrets = ["12345678", "111222333", "jansen@example"];
    for s in secrets {
        assert!(!out.stderr.contains(s), "{s} printed");
    }
    let out = case.verslag("register.csv", &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = case.pdf_text("uit/jaarverslag-2024.pdf");
    crate::support::has(&text, "Wonen (contact [verwijderd])");
    for s in secrets {
        assert!(!text.contains(s), "{s} in the PDF");
    }
    for (path, bytes) in all_files(&case.path("uit")) {
        let hay = String::from_utf8_lossy(&bytes);
        for s in secrets {
            assert!(!hay.contains(s), "{s} in {}", path.display());
        }
    }
    // The XLSX is compressed: read it back to look inside.
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(case.path("uit/tabellen-2024.xlsx")).unwrap();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).unwrap();
        for cell in range.used_cells() {
            let v = cell.2.to_string();
            for s in secrets {
                assert!(!v.contains(s), "{s} in sheet {name}");
            }
        }
    }
}

#[test]
fn public_version_hides_small_numbers_so_that_none_can_be_recomputed() {
    let case = Case::empty("publiek");
    let (reg, cfg) = crate::support::voorbeeld();
    let (reg, cfg) = (reg.as_str(), cfg.as_str());
    let out = case.run(&[
        "verslag",
        "--register",
        reg,
        "--config",
        cfg,
        "--jaar",
        "2024",
        "--uit",
        "intern",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // After a report: one line with the count and the way to the list, not the list itself.
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with("kleine aantallen:"))
        .unwrap_or_else(|| panic!("no small-count line in {}", out.stderr));
    assert!(
        line.ends_with("gebruik --publiek voor een openbare versie, of 'klachtverslag controleer' voor de lijst"),
        "{line}"
    );
    let count: usize = line["kleine aantallen: ".len()..]
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {line}"));
    assert!(
        !out.stderr.contains("tabel klagers_per_cluster_kwartaal"),
        "{}",
        out.stderr
    );
    // `controleer` lists them, with the same count.
    let list = case.run(&["controleer", "--register", reg, "--config", cfg]);
    crate::support::has(
        &list.stderr,
        &format!("kleine aantallen: {count} cellen in 2024 een aantal van 1 tot en met 4"),
    );
    crate::support::has(
        &list.stderr,
        "tabel klagers_per_cluster_kwartaal, rij 4. Dagbesteding, kolom Q3: 2",
    );

    let out = case.run(&[
        "verslag",
        "--register",
        reg,
        "--config",
        cfg,
        "--jaar",
        "2024",
        "--uit",
        "publiek",
        "--publiek",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let json = case.json("publiek/cijfers-2024.json");
    assert_eq!(json["publiek"], 5);
    let hidden = |v: &serde_json::Value| v.is_string();
    let mut hidden_cells = 0;
    for t in json["tabellen"].as_array().unwrap() {
        let cols = t["kolommen"].as_array().unwrap();
        let rows = t["rijen"].as_array().unwrap();
        for r in rows {
            for (c, v) in r["waarden"].as_array().unwrap().iter().enumerate() {
                if cols[c] != "Percentage"
                    && let Some(n) = v.as_u64()
                {
                    assert!(
                        n == 0 || n >= 5,
                        "{} {} {}: {n} published",
                        t["id"],
                        r["label"],
                        cols[c]
                    );
                }
                hidden_cells += usize::from(hidden(v));
            }
        }
        // No line with exactly one hidden count: it could be recomputed from its total.
        let count_cols: Vec<usize> = (0..cols.len())
            .filter(|c| cols[*c] != "Percentage")
            .collect();
        if t["id"] != "termijnen" {
            for &c in &count_cols {
                let n = rows.iter().filter(|r| hidden(&r["waarden"][c])).count();
                assert!(n != 1, "{} column {}: one hidden cell", t["id"], cols[c]);
            }
        }
        if cols.last().unwrap().as_str().unwrap().starts_with("Totaal") {
            for r in rows {
                let n = count_cols
                    .iter()
                    .filter(|c| hidden(&r["waarden"][**c]))
                    .count();
                assert!(n != 1, "{} row {}: one hidden cell", t["id"], r["label"]);
            }
        }
    }
    assert!(hidden_cells > 0);
    assert_eq!(json["kerngetallen"]["geschillen"], "< 5");
    // The counts a finding quotes, by the contract's names (written out here, not taken from
    // the code's own typing): none of them may be small in the public version.
    const COUNTS: [&str; 6] = [
        "aantal",
        "vorig_aantal",
        "totaal",
        "afgehandeld",
        "binnen_termijn",
        "binnen_verlenging",
    ];
    for b in json["opvallend"].as_array().unwrap() {
        for (name, v) in b["getallen"].as_object().unwrap() {
            if let Some(n) = v.as_u64().filter(|_| COUNTS.contains(&name.as_str())) {
                assert!(
                    n == 0 || n >= 5,
                    "finding {} quotes {name} = {n}",
                    b["soort"]
                );
            }
        }
        // And what a reader sees: no number from 1 to 4 in the sentence, except shares ("3%")
        // and the names it quotes ("1. Wonen Noord").
        let tekst = b["tekst"].as_str().unwrap();
        let mut zonder_namen = tekst.to_string();
        for v in b["getallen"].as_object().unwrap().values() {
            if let Some(naam) = v.as_str() {
                zonder_namen = zonder_namen.replace(naam, "");
            }
        }
        let mut rest = zonder_namen.as_str();
        while let Some(i) = rest.find(|c: char| c.is_ascii_digit()) {
            let digits: String = rest[i..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let after = rest[i + digits.len()..].chars().next();
            let n: u64 = digits.replace('.', "").parse().unwrap_or(0);
            assert!(
                !(1..5).contains(&n) || after == Some('%') || after == Some(','),
                "finding {} shows the small number {n}: {tekst}",
                b["soort"]
            );
            rest = &rest[i + digits.len()..];
        }
    }
    let text = case.pdf_text("publiek/jaarverslag-2024.pdf");
    crate::support::has(&text, "Openbare versie.");
    crate::support::has(&text, "< 5");
    assert!(
        !text.contains("liepen 4 klachten"),
        "a finding quotes a hidden number"
    );
}

#[test]
fn per_cluster_writes_a_folder_per_unit_and_an_overview() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let case = Case::fixture("geldig-klein");
    let out = case.verslag("register.csv", &["--per", "cluster"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    crate::support::has(&out.stdout, "3 verslagen geschreven");
    crate::support::has(&out.stderr, "3/3 eenheden klaar");
    for unit in ["onbekend", "wonen", "zorg"] {
        for file in [
            "jaarverslag-2024.pdf",
            "cijfers-2024.json",
            "tabellen-2024.xlsx",
            "manifest.json",
        ] {
            assert!(
                case.path(&format!("uit/{unit}/{file}")).exists(),
                "{unit}/{file}"
            );
        }
    }
    // Each unit counts only its own complaints (hand-counted from the fixture, 2024):
    // Wonen K01, K02, K06 (melding), K09; Zorg K03, K04, K07 (niet ontvankelijk), K08; Onbekend K05.
    let wonen = case.json("uit/wonen/cijfers-2024.json");
    assert_eq!(wonen["kerngetallen"]["ontvangen"], 4);
    assert_eq!(wonen["kerngetallen"]["in_behandeling"], 3);
    assert_eq!(wonen["organisatie"], "Stichting Testzorg – Wonen");
    let mut book: Xlsx<_> = open_workbook(case.path("uit/overzicht-2024.xlsx")).unwrap();
    let r = book.worksheet_range("overzicht").unwrap();
    let row = |i: u32| -> Vec<Data> {
        (0..6)
            .map(|c| r.get_value((i, c)).cloned().unwrap_or(Data::Empty))
            .collect()
    };
    assert_eq!(row(2)[0], Data::String("Onbekend".into()));
    assert_eq!(row(3)[0], Data::String("Wonen".into()));
    assert_eq!(row(3)[1], Data::Float(4.0));
    assert_eq!(row(3)[2], Data::Float(3.0));
    assert_eq!(row(4)[0], Data::String("Zorg".into()));
    assert_eq!(row(4)[1], Data::Float(4.0));
    assert_eq!(row(4)[5], Data::String("zorg".into()));
    let text = case.pdf_text("uit/overzicht-2024.pdf");
    crate::support::has(&text, "overzicht 2024 per cluster");

    let out = case.run(&[
        "verslag",
        "--register",
        "register.csv",
        "--jaar",
        "2024",
        "--uit",
        "x",
        "--per",
        "omschrijving",
    ]);
    assert_eq!(out.code, 2);
    crate::support::has(
        &out.stderr,
        "--per omschrijving: kies een van zorgaanbieder, cluster",
    );
}

/// `--stil` is quiet: no progress and nothing on stdout; every file is still written.
#[test]
fn a_quiet_batch_prints_nothing_on_stdout() {
    let case = Case::fixture("geldig-klein");
    let out = case.verslag("register.csv", &["--per", "cluster", "--stil"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(!out.stderr.contains("eenheden klaar"), "{}", out.stderr);
    assert!(case.path("uit/overzicht-2024.pdf").exists());
    assert!(case.path("uit/wonen/jaarverslag-2024.pdf").exists());
}

#[test]
fn a_failing_unit_does_not_stop_the_batch() {
    let case = Case::fixture("geldig-klein");
    // A file where the unit "Wonen" wants its folder: that unit cannot be written.
    std::fs::create_dir_all(case.path("uit")).unwrap();
    std::fs::write(case.path("uit/wonen"), "in de weg").unwrap();
    let out = case.verslag("register.csv", &["--per", "cluster", "--stil"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    crate::support::has(&out.stderr, "fout: 1 van de 3 eenheden mislukt:");
    crate::support::has(&out.stderr, "  Wonen (wonen): kan ");
    assert!(case.path("uit/zorg/jaarverslag-2024.pdf").exists());
    assert!(case.path("uit/onbekend/jaarverslag-2024.pdf").exists());
    assert!(case.path("uit/overzicht-2024.xlsx").exists());
}
