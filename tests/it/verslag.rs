//! The PDF and the privacy promise, end to end.

use crate::support::{Case, all_files, pdf_text};

fn render(case: &Case) -> Vec<u8> {
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
    assert!(
        out.stdout.contains("jaarverslag-2024.pdf geschreven"),
        "{}",
        out.stdout
    );
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

#[test]
fn same_input_gives_identical_pdf_bytes() {
    let case = Case::fixture("geldig-klein");
    let first = render(&case);
    let second = render(&case);
    assert!(first == second, "two runs gave different PDFs");
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
    assert!(text.contains("1 klacht of melding"), "{text}");
    assert!(
        text.contains("Deze is als klacht in behandeling genomen"),
        "{text}"
    );
    assert!(!text.contains("1 klachten"), "{text}");
}
