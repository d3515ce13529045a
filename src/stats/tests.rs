//! Contract rules of the numbers, on registers built in memory.

use chrono::NaiveDate;

use super::*;
use crate::register::{Afhandeling, Bron, Klacht, Klager};

/// A tiny register builder: one complaint per call.
struct Builder {
    register: Register,
}

impl Builder {
    fn new() -> Self {
        Builder {
            register: Register {
                columns: vec![
                    Kolom::Klachtnummer,
                    Kolom::DatumOntvangst,
                    Kolom::Categorie,
                    Kolom::Cluster,
                    Kolom::Klager,
                    Kolom::Afhandeling,
                ],
                ..Register::default()
            },
        }
    }

    fn klacht(
        mut self,
        datum: &str,
        cluster: &str,
        cats: &[&str],
        afh: Option<Afhandeling>,
    ) -> Self {
        let n = self.register.klachten.len();
        self.register.klachten.push(Klacht {
            bron: Bron {
                file: 0,
                row: n as u32 + 2,
            },
            klachtnummer: format!("K{n}").into(),
            datum_ontvangst: NaiveDate::parse_from_str(datum, "%Y-%m-%d").expect("test date"),
            datum_afgehandeld: None,
            datum_eerste_contact: None,
            zorgaanbieder: None,
            cluster: (!cluster.is_empty()).then(|| cluster.into()),
            soort_zorg: None,
            categorieen: cats.iter().map(|&c| c.into()).collect(),
            klager: Some(Klager::Client),
            kanaal: None,
            soort: None,
            regeling: None,
            afhandeling: afh,
            zorgrelatie: None,
            bemiddelingsgesprek: None,
            verlengd: None,
            geschil: None,
            verbetermaatregel: false,
        });
        self
    }

    fn compute(&self, jaar: i32) -> Figures {
        compute(&self.register, Periode::jaar(jaar), &Settings::default()).expect("computes")
    }
}

fn value(t: &Table, row: &str, col: &str) -> Cell {
    let c = t.kolommen.iter().position(|k| k == col).expect("column");
    t.row(row).unwrap_or_else(|| panic!("row {row}")).waarden[c]
}

#[test]
fn quarters_follow_the_receipt_date_at_the_boundaries() {
    let f = Builder::new()
        .klacht("2024-03-31", "A", &["X"], None)
        .klacht("2024-04-01", "A", &["X"], None)
        .klacht("2024-09-30", "A", &["X"], None)
        .klacht("2024-10-01", "A", &["X"], None)
        .klacht("2024-12-31", "A", &["X"], None)
        .compute(2024);
    let t = f.table(TableId::KlagersPerClusterKwartaal).unwrap();
    assert_eq!(
        t.row("A").unwrap().waarden,
        [1, 1, 1, 2, 5].map(Cell::Aantal).to_vec()
    );
}

#[test]
fn other_years_are_not_counted() {
    let f = Builder::new()
        .klacht("2023-12-31", "A", &["X"], None)
        .klacht("2024-01-01", "A", &["X"], None)
        .klacht("2025-01-01", "A", &["X"], None)
        .compute(2024);
    assert_eq!(f.kerngetallen.ontvangen, 1);
}

#[test]
fn meldingen_and_niet_ontvankelijk_only_in_instroom() {
    let f = Builder::new()
        .klacht("2024-01-10", "A", &["X"], Some(Afhandeling::Bemiddeld))
        .klacht("2024-01-11", "A", &[], Some(Afhandeling::Melding))
        .klacht(
            "2024-05-11",
            "B",
            &["Y"],
            Some(Afhandeling::NietOntvankelijk),
        )
        .klacht("2024-05-12", "B", &["Y"], None)
        .compute(2024);
    assert_eq!(f.kerngetallen.ontvangen, 4);
    assert_eq!(f.aantal_klachten, 4);
    assert_eq!(f.kerngetallen.in_behandeling, 2);
    let instroom = f.table(TableId::Instroom).unwrap();
    assert_eq!(value(instroom, "In behandeling", "Aantal"), Cell::Aantal(2));
    assert_eq!(
        value(instroom, "Niet ontvankelijk", "Aantal"),
        Cell::Aantal(1)
    );
    assert_eq!(value(instroom, "Melding", "Aantal"), Cell::Aantal(1));
    assert_eq!(value(instroom, "Totaal", "Aantal"), Cell::Aantal(4));
    let cl = f.table(TableId::KlagersPerClusterKwartaal).unwrap();
    assert_eq!(value(cl, "Totaal", "Totaal"), Cell::Aantal(2));
    let ty = f.table(TableId::KlagersPerType).unwrap();
    assert_eq!(value(ty, "Totaal", "Aantal"), Cell::Aantal(2));
    let cat = f.table(TableId::CategorieenPerKwartaal).unwrap();
    assert_eq!(
        value(cat, "Y", "Q2"),
        Cell::Aantal(1),
        "the niet-ontvankelijke Y is not counted"
    );
}

#[test]
fn deelklachten_count_every_category() {
    let f = Builder::new()
        .klacht("2024-02-01", "A", &["Bejegening", "Zorg"], None)
        .klacht("2024-02-02", "A", &["Zorg"], None)
        .klacht("2024-02-03", "A", &[], None)
        .compute(2024);
    assert_eq!(f.kerngetallen.in_behandeling, 3);
    assert_eq!(f.kerngetallen.deelklachten, 4);
    assert_eq!(f.aantal_deelklachten, 4);
    let t = f.table(TableId::CategorieenPerKwartaal).unwrap();
    let labels: Vec<&str> = t.rijen.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Zorg", "Bejegening", "Onbekend", "Totaal"]);
    assert_eq!(value(t, "Totaal", "Totaal"), Cell::Aantal(4));
}

#[test]
fn unknown_cluster_is_one_row_last() {
    let f = Builder::new()
        .klacht("2024-02-01", "", &["X"], None)
        .klacht("2024-02-01", "", &["X"], None)
        .klacht("2024-02-01", "Wonen", &["X"], None)
        .compute(2024);
    let t = f.table(TableId::KlagersPerClusterKwartaal).unwrap();
    let labels: Vec<&str> = t.rijen.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["Wonen", "Onbekend", "Totaal"]);
    assert_eq!(value(t, "Onbekend", "Q1"), Cell::Aantal(2));
}

#[test]
fn tables_need_their_columns() {
    let mut b = Builder::new().klacht("2024-02-01", "A", &["X"], None);
    b.register
        .columns
        .retain(|k| *k != Kolom::Cluster && *k != Kolom::Klager);
    let f = b.compute(2024);
    assert!(f.table(TableId::KlagersPerClusterKwartaal).is_none());
    assert!(f.table(TableId::KlagersPerType).is_none());
    assert!(f.table(TableId::CategorieenPerKwartaal).is_some());
}

#[test]
fn empty_year_gives_zeros() {
    let f = Builder::new()
        .klacht("2023-02-01", "A", &["X"], None)
        .compute(2024);
    assert_eq!(f.kerngetallen.ontvangen, 0);
    let t = f.table(TableId::KlagersPerType).unwrap();
    assert_eq!(value(t, "Totaal", "Percentage"), Cell::Percentage(0.0));
}

fn with_dates(mut b: Builder, ontvangst: &str, afgehandeld: Option<&str>) -> Builder {
    b = b.klacht(ontvangst, "A", &["X"], None);
    let k = b.register.klachten.last_mut().unwrap();
    k.datum_afgehandeld = afgehandeld.map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
    b
}

#[test]
fn doorlooptijd_buckets_at_their_boundaries() {
    let mut b = Builder::new();
    b.register.columns.push(Kolom::DatumAfgehandeld);
    // 14, 15, 28, 29, 42, 43, 70, 71 days after 1 February 2024, and one open.
    for (days, _) in [
        (14, "0-2"),
        (15, "2-4"),
        (28, "2-4"),
        (29, "4-6"),
        (42, "4-6"),
        (43, "6-10"),
        (70, "6-10"),
        (71, ">10"),
    ] {
        let end = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap() + chrono::Duration::days(days);
        b = with_dates(b, "2024-02-01", Some(&end.format("%Y-%m-%d").to_string()));
    }
    b = with_dates(b, "2024-02-01", None);
    let f = b.compute(2024);
    let t = f.table(TableId::Doorlooptijd).unwrap();
    let counts: Vec<Cell> = t.rijen.iter().map(|r| r.waarden[0]).collect();
    assert_eq!(counts, [1, 2, 2, 2, 1, 1].map(Cell::Aantal).to_vec());
    let term = f.table(TableId::Termijnen).unwrap();
    // Closed: 8. Within 42 days: 14, 15, 28, 29, 42 = 5; within 70: + 43, 70 = 7.
    assert_eq!(
        value(term, "Afgehandeld binnen 6 weken", "Aantal"),
        Cell::Aantal(5)
    );
    assert_eq!(
        value(term, "Afgehandeld binnen 6 weken", "Percentage"),
        Cell::Percentage(62.5)
    );
    assert_eq!(
        value(term, "Afgehandeld binnen 10 weken", "Aantal"),
        Cell::Aantal(7)
    );
    assert_eq!(
        value(term, "Afgehandeld na meer dan 10 weken", "Aantal"),
        Cell::Aantal(1)
    );
    assert_eq!(value(term, "Nog lopend", "Aantal"), Cell::Aantal(1));
    assert_eq!(f.kerngetallen.afgehandeld, 8);
    assert_eq!(f.kerngetallen.lopend, 1);
    assert_eq!(f.kerngetallen.binnen_6_weken_pct, 62.5);
    assert_eq!(f.kerngetallen.binnen_10_weken_pct, 87.5);
    // Mean (14+15+28+29+42+43+70+71)/8 = 39 days = 5.57 weeks; median (29+42)/2 = 35.5 days = 5.07.
    assert_eq!(f.kerngetallen.gemiddelde_doorlooptijd_weken, 5.6);
    assert_eq!(f.kerngetallen.mediaan_doorlooptijd_weken, 5.1);
}

#[test]
fn closed_after_the_year_keeps_its_real_date() {
    let mut b = Builder::new();
    b.register.columns.push(Kolom::DatumAfgehandeld);
    b = with_dates(b, "2024-12-20", Some("2025-01-10"));
    b = with_dates(b, "2024-12-01", Some("2024-12-10"));
    let f = b.compute(2024);
    assert_eq!(f.kerngetallen.afgehandeld_na_verslagjaar, 1);
    assert_eq!(f.kerngetallen.afgehandeld, 2);
    let t = f.table(TableId::Doorlooptijd).unwrap();
    assert_eq!(
        value(t, "2-4", "Aantal"),
        Cell::Aantal(1),
        "21 days, closed in 2025"
    );
}

#[test]
fn first_contact_in_working_days_across_easter() {
    let mut b = Builder::new();
    b.register
        .columns
        .extend([Kolom::DatumAfgehandeld, Kolom::DatumEersteContact]);
    // Thursday 28-3-2024: Easter Monday 1-4 is no working day.
    for contact in ["2024-04-05", "2024-04-04"] {
        b = b.klacht("2024-03-28", "A", &["X"], None);
        b.register.klachten.last_mut().unwrap().datum_eerste_contact =
            Some(NaiveDate::parse_from_str(contact, "%Y-%m-%d").unwrap());
    }
    let f = b.compute(2024);
    // 28-3 → 5-4 is 5 working days (29, 2, 3, 4, 5): within 5. → 4-4 is 4. Both within.
    let t = f.table(TableId::Termijnen).unwrap();
    assert_eq!(
        value(t, "Eerste contact binnen 5 werkdagen", "Aantal"),
        Cell::Aantal(2)
    );
    let mut settings = Settings::default();
    settings.stats.eerste_contact_werkdagen = 4;
    let f = compute(&b.register, Periode::jaar(2024), &settings).unwrap();
    let t = f.table(TableId::Termijnen).unwrap();
    assert_eq!(
        value(t, "Eerste contact binnen 4 werkdagen", "Aantal"),
        Cell::Aantal(1)
    );
    assert_eq!(f.kerngetallen.eerste_contact_binnen_termijn_pct, 50.0);
}

mod properties {
    use super::*;
    use crate::register::{Closed, Kanaal, Regeling, Zorgrelatie};
    use proptest::prelude::*;

    fn arb_klacht() -> impl Strategy<Value = Klacht> {
        (
            (2022i32..=2024, 1u32..=12, 1u32..=28),
            prop::option::of(0i64..120),
            prop::option::of(0usize..3),
            prop::collection::vec(0usize..4, 0..4),
            prop::option::of(0usize..11),
            prop::option::of(0usize..4),
            prop::option::of(0usize..2),
            prop::option::of(0usize..6),
        )
            .prop_map(|((y, m, d), dur, cl, cats, afh, reg, zr, kl)| {
                let ontvangst = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let mut categorieen: Vec<crate::register::Label> =
                    cats.iter().map(|c| format!("Cat {c}").into()).collect();
                categorieen.dedup();
                Klacht {
                    bron: Bron { file: 0, row: 2 },
                    klachtnummer: "".into(),
                    datum_ontvangst: ontvangst,
                    datum_afgehandeld: dur.map(|n| ontvangst + chrono::Duration::days(n)),
                    datum_eerste_contact: dur.map(|n| ontvangst + chrono::Duration::days(n / 3)),
                    zorgaanbieder: None,
                    cluster: cl.map(|c| ["Noord", "Zuid", "3. Oost"][c].into()),
                    soort_zorg: None,
                    categorieen,
                    klager: kl.map(|i| Klager::ALL[i]),
                    kanaal: Some(Kanaal::Email),
                    soort: None,
                    regeling: reg.map(|i| Regeling::ALL[i]),
                    afhandeling: afh.map(|i| Afhandeling::ALL[i]),
                    zorgrelatie: zr.map(|i| Zorgrelatie::ALL[i]),
                    bemiddelingsgesprek: None,
                    verlengd: None,
                    geschil: None,
                    verbetermaatregel: false,
                }
            })
    }

    fn full_register(klachten: Vec<Klacht>) -> Register {
        Register {
            klachten,
            columns: Kolom::ALL.to_vec(),
            ..Register::default()
        }
    }

    fn number(c: &Cell) -> f64 {
        match c {
            Cell::Aantal(n) => *n as f64,
            Cell::Percentage(p) => *p,
            _ => panic!("hidden cell in a test without suppression"),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn totals_sums_percentages_and_populations_agree(klachten in prop::collection::vec(arb_klacht(), 0..60)) {
            let register = full_register(klachten);
            let f = compute(&register, Periode::jaar(2024), &Settings::default()).unwrap();
            for t in &f.tabellen {
                for r in &t.rijen {
                    for (c, cell) in r.waarden.iter().enumerate() {
                        let x = number(cell);
                        prop_assert!(x.is_finite() && x >= 0.0);
                        if t.kolommen[c] == "Percentage" {
                            prop_assert!(x <= 100.0, "{} {}: {x}", t.id.as_str(), r.label);
                        }
                    }
                    if t.has_total_column() {
                        let n = r.waarden.len();
                        let body: f64 = r.waarden[..n - 1].iter().map(number).sum();
                        prop_assert_eq!(body, number(&r.waarden[n - 1]));
                    }
                }
                if let Some(total) = t.rijen.last().filter(|r| r.kind == RowKind::Totaal) {
                    for c in 0..t.kolommen.len() {
                        let body: f64 = t.rijen[..t.rijen.len() - 1].iter().map(|r| number(&r.waarden[c])).sum();
                        prop_assert!((body - number(&total.waarden[c])).abs() < 1e-6, "{} column {c}", t.id.as_str());
                    }
                }
            }
            let k = &f.kerngetallen;
            let total = |id: TableId, col: &str| value(f.table(id).unwrap(), "Totaal", col);
            prop_assert_eq!(total(TableId::KlagersPerClusterKwartaal, "Totaal"), Cell::Aantal(k.in_behandeling));
            prop_assert_eq!(total(TableId::KlagersPerType, "Aantal"), Cell::Aantal(k.in_behandeling));
            prop_assert_eq!(total(TableId::Afhandeling, "Aantal"), Cell::Aantal(k.in_behandeling));
            prop_assert_eq!(total(TableId::Instroom, "Aantal"), Cell::Aantal(k.ontvangen));
            prop_assert_eq!(value(f.table(TableId::Instroom).unwrap(), "In behandeling", "Aantal"), Cell::Aantal(k.in_behandeling));
            prop_assert_eq!(total(TableId::CategorieenPerKwartaal, "Totaal"), Cell::Aantal(k.deelklachten));
            let door: u64 = f.table(TableId::Doorlooptijd).unwrap().rijen.iter().map(|r| number(&r.waarden[0]) as u64).sum();
            prop_assert_eq!(door, k.in_behandeling);
            prop_assert_eq!(k.afgehandeld + k.lopend, k.in_behandeling);
            for p in [k.binnen_6_weken_pct, k.binnen_10_weken_pct, k.eerste_contact_binnen_termijn_pct] {
                prop_assert!((0.0..=100.0).contains(&p));
            }
            prop_assert!(k.binnen_6_weken_pct <= k.binnen_10_weken_pct);
            if let Some(pj) = f.table(TableId::KlachtenPerJaar) {
                prop_assert_eq!(value(pj, "2024", "Aantal"), Cell::Aantal(k.in_behandeling));
            }
        }

        #[test]
        fn four_quarters_add_up_to_the_year(klachten in prop::collection::vec(arb_klacht(), 0..60)) {
            let register = full_register(klachten);
            let settings = Settings::default();
            let year = compute(&register, Periode::jaar(2024), &settings).unwrap();
            let yk = serde_json::to_value(&year.kerngetallen).unwrap();
            let mut sums = std::collections::BTreeMap::<String, u64>::new();
            let year_clusters = year.table(TableId::KlagersPerClusterKwartaal).unwrap();
            for q in 1..=4u8 {
                let periode = Periode::kwartaal(2024, q).unwrap();
                let f = compute(&register, periode, &settings).unwrap();
                let fk = serde_json::to_value(&f.kerngetallen).unwrap();
                for (name, v) in fk.as_object().unwrap() {
                    if let Some(n) = v.as_u64() {
                        *sums.entry(name.clone()).or_default() += n;
                    }
                }
                // Every cluster's quarter column equals its column in the year table.
                let t = f.table(TableId::KlagersPerClusterKwartaal).unwrap();
                prop_assert_eq!(&t.kolommen[0], &format!("Q{q} 2024"));
                for r in &t.rijen {
                    let in_year = year_clusters.row(&r.label).map_or(Cell::Aantal(0), |yr| yr.waarden[usize::from(q) - 1]);
                    prop_assert_eq!(&r.waarden[0], &in_year, "Q{} {}", q, r.label);
                }
                // The comparison is the quarter a year earlier, counted by the same rules.
                let earlier = compute(&register, periode.vorig_jaar(), &settings).unwrap();
                let first = register.klachten.iter().map(|k| k.datum_ontvangst).min();
                let reaches = first.is_some_and(|d| d <= periode.vorig_jaar().tot_en_met());
                prop_assert_eq!(f.vergelijking.is_some(), reaches);
                let Some(v) = f.vergelijking.as_ref() else { continue };
                prop_assert_eq!(v.periode, periode.vorig_jaar());
                prop_assert_eq!(&v.kerngetallen, &earlier.kerngetallen);
                if t.kolommen.len() == 2 {
                    let total = t.rijen.last().unwrap();
                    prop_assert_eq!(&total.waarden[1], &Cell::Aantal(earlier.kerngetallen.in_behandeling));
                }
            }
            // Counts that are not "after the period" add up; afgehandeld_na_verslagjaar does
            // not (a complaint closed in the next quarter of the same year is "after" it).
            for (name, n) in sums {
                if name != "afgehandeld_na_verslagjaar" {
                    prop_assert_eq!(Some(n), yk[&name].as_u64(), "{}", name);
                }
            }
        }
    }
}
