//! The config's own figures beside the register's (`[[volume]]`, `[[eerder]]`,
//! `[[signaal]]`): their tables, and the disclosure attack on their public versions.

use super::disclosure::attack;
use super::properties::{arb_klacht, full_register};
use super::*;
use crate::stats::eerder::Eerder;
use crate::stats::signaal::Signaal;
use crate::stats::volume::Volume;
use chrono::Datelike;
use proptest::prelude::*;

fn eerder(jaar: i32, in_behandeling: u64, categorieen: &[(&str, u64)]) -> Eerder {
    let categorieen: std::collections::BTreeMap<String, u64> = categorieen
        .iter()
        .map(|(c, n)| (c.to_string(), *n))
        .collect();
    Eerder {
        jaar,
        ontvangen: None,
        in_behandeling,
        deelklachten: (!categorieen.is_empty()).then(|| categorieen.values().sum()),
        categorieen,
        bron: None,
    }
}

fn signaal(rijen: &[u64], totaal: bool) -> Signaal {
    Signaal {
        titel: "Meldingen".into(),
        kop: "Soort".into(),
        toelichting: String::new(),
        rijen: rijen
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("Soort {i}"), *n))
            .collect(),
        totaal,
    }
}

fn volume(jaar: i32, aantal: u64, per: u64) -> Volume {
    Volume {
        jaar,
        aantal,
        // One unit per base, as the config requires.
        eenheid: if per == 100 {
            "verrichtingen"
        } else {
            "cliënten"
        }
        .into(),
        per,
    }
}

/// Only the report year in the register: 2023 and 2022 come from earlier reports.
fn alleen_2024(klachten: Vec<crate::register::Klacht>) -> Register {
    full_register(
        klachten
            .into_iter()
            .filter(|k| k.datum_ontvangst.year() == 2024)
            .collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Earlier years, rates and signal tables in a public version: no hidden count can be
    /// worked back, not from a rate and its volume, not from a signal table's Totaal.
    #[test]
    fn the_config_figures_withstand_the_attack(
        klachten in prop::collection::vec(arb_klacht(), 0..60),
        k in 3u32..=6,
        vorig in 0u64..12,
        cats in prop::collection::vec(0u64..6, 4),
        rijen in prop::collection::vec(0u64..9, 1..5),
        totaal in any::<bool>(),
        klein_volume in any::<bool>(),
    ) {
        let register = alleen_2024(klachten);
        let cat: Vec<(String, u64)> = cats.iter().enumerate().map(|(i, n)| (format!("Cat {i}"), *n)).collect();
        let cat_refs: Vec<(&str, u64)> = cat.iter().map(|(c, n)| (c.as_str(), *n)).collect();
        let volume_2024 = if klein_volume { 40 } else { 12_000 };
        let s = Options {
            eerder: vec![eerder(2023, vorig, &cat_refs), eerder(2022, vorig + 1, &[])],
            volumes: vec![
                volume(2024, volume_2024, 1000),
                volume(2023, 900, 1000),
                volume(2023, 900, 100),
                volume(2024, 2_000, 100),
            ],
            signalen: vec![signaal(&rijen, totaal), signaal(&[3, 0, 7], true)],
            ..Options::default()
        };
        let mut f = compute(&register, Periode::jaar(2024), &s).unwrap();
        let open = f.clone();
        privacy::suppress(&mut f, k).unwrap();
        if let Err(e) = attack(&open, &f) {
            prop_assert!(false, "{}\n{}\n{}", e, serde_json::to_string(&f.to_value()["tabellen"]).unwrap(), serde_json::to_string(&f.to_value()["verhoudingsgetallen"]).unwrap());
        }
        // A rate is shown only beside a shown count.
        for v in &f.verhoudingen {
            prop_assert_eq!(matches!(v.waarde, Cell::Verhouding(_)), matches!(v.klachten, Cell::Aantal(_)));
        }
    }
}

/// The register wins over an earlier report's totals for a year it has, and says so.
#[test]
fn the_register_wins_over_an_earlier_total() {
    let register = Builder::new()
        .klacht("2023-03-01", "", &["A"], Some(Afhandeling::Gegrond))
        .klacht("2024-03-01", "", &["A"], Some(Afhandeling::Gegrond))
        .register;
    let s = Options {
        eerder: vec![
            eerder(2023, 40, &[]),
            eerder(2022, 9, &[]),
            eerder(2024, 1, &[]),
        ],
        ..Options::default()
    };
    let f = compute(&register, Periode::jaar(2024), &s).unwrap();
    let t = f.table(TableId::KlachtenPerJaar).unwrap();
    let rijen: Vec<(&str, Cell)> = t
        .rijen
        .iter()
        .map(|r| (r.label.as_str(), r.waarden[0]))
        .collect();
    assert_eq!(
        rijen,
        [
            ("2024", Cell::Aantal(1)),
            ("2023", Cell::Aantal(1)),
            ("2022", Cell::Aantal(9))
        ]
    );
    assert_eq!(t.eerder, ["2022"]);
    // The comparison year is the register's, so every key figure of it is known.
    assert!(f.vergelijking.as_ref().unwrap().eerder.is_none());
    assert_eq!(f.waarschuwingen.len(), 2, "{:?}", f.waarschuwingen);
    assert!(f.waarschuwingen[0].contains("jaar = 2023: het register heeft zelf klachten uit 2023 en die tellen (1 in behandeling); de configuratie noemt 40"), "{:?}", f.waarschuwingen);
    assert!(f.waarschuwingen[1].contains("jaar = 2024 ligt niet vóór het verslagjaar 2024"));
    // A quarterly report compares quarters: no year totals, no rates, no signals.
    let s = Options {
        volumes: vec![volume(2024, 1000, 1000)],
        signalen: vec![signaal(&[1], true)],
        ..s
    };
    let q = compute(&register, Periode::kwartaal(2024, 1).unwrap(), &s).unwrap();
    assert!(q.verhoudingen.is_empty() && q.eerdere_jaren.is_empty());
    assert!(
        q.tabellen
            .iter()
            .all(|t| !matches!(t.id, TableId::Signaal(_)))
    );
}

/// An earlier report's comparison year publishes only what that report gave.
#[test]
fn an_earlier_year_publishes_only_its_own_figures() {
    let register = Builder::new()
        .klacht("2024-03-01", "", &["A"], Some(Afhandeling::Gegrond))
        .register;
    let s = Options {
        eerder: vec![eerder(2023, 10, &[])],
        ..Options::default()
    };
    let f = compute(&register, Periode::jaar(2024), &s).unwrap();
    assert_eq!(
        f.kerngetal_vorig(Kerngetal::InBehandeling),
        Some(Waarde::Aantal(10))
    );
    assert_eq!(f.kerngetal_vorig(Kerngetal::Lopend), None);
    let v = f.to_value();
    let kern = v["vergelijking"]["kerngetallen"].as_object().unwrap();
    assert_eq!(kern.keys().collect::<Vec<_>>(), ["in_behandeling"]);
    assert_eq!(v["vergelijking"]["uit_eerder_verslag"], true);
    // Without its categories the year has no column in the multi-year categories table, and
    // with only the report year left there is no such table.
    assert!(f.table(TableId::CategorieenMeerjarig).is_none());
}
