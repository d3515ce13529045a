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

            datum_ontvangst: NaiveDate::parse_from_str(datum, "%Y-%m-%d").expect("test date"),
            datum_afgehandeld: None,
            datum_eerste_contact: None,
            zorgaanbieder: None,
            cluster: (!cluster.is_empty()).then(|| cluster.into()),
            soort_zorg: None,
            categorieen: cats.iter().map(|&c| c.into()).collect::<Vec<_>>().into(),
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
        compute(&self.register, Periode::jaar(jaar), &Options::default()).expect("computes")
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

/// Days after receipt at each doorlooptijd boundary, with the bucket the contract puts them in.
const GRENZEN: [(i64, &str); 8] = [
    (14, "0-2"),
    (15, "2-4"),
    (28, "2-4"),
    (29, "4-6"),
    (42, "4-6"),
    (43, "6-10"),
    (70, "6-10"),
    (71, ">10"),
];

#[test]
fn doorlooptijd_buckets_at_their_boundaries() {
    let mut b = Builder::new();
    b.register.columns.push(Kolom::DatumAfgehandeld);
    // 14, 15, 28, 29, 42, 43, 70, 71 days after 1 February 2024, and one open.
    for (days, _) in GRENZEN {
        let end = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap() + chrono::Duration::days(days);
        b = with_dates(b, "2024-02-01", Some(&end.format("%Y-%m-%d").to_string()));
    }
    // Each boundary on its own: the complaint lands in the bucket its label names.
    for (days, label) in GRENZEN {
        let mut one = Builder::new();
        one.register.columns.push(Kolom::DatumAfgehandeld);
        let end = NaiveDate::from_ymd_opt(2024, 2, 1).unwrap() + chrono::Duration::days(days);
        let one = with_dates(one, "2024-02-01", Some(&end.format("%Y-%m-%d").to_string()));
        let f = one.compute(2024);
        let t = f.table(TableId::Doorlooptijd).unwrap();
        assert_eq!(value(t, label, "Aantal"), Cell::Aantal(1), "{days} days");
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
fn a_quarter_that_stands_out_is_a_finding() {
    // Q1–Q3: 2 each; Q4: 10. The mean of the other quarters is 2, and 10 ≥ 2 × 4/3.
    let mut b = Builder::new();
    for (month, n) in [(1, 2), (4, 2), (7, 2), (10, 10)] {
        for i in 0..n {
            b = b.klacht(&format!("2024-{month:02}-{:02}", i + 1), "A", &["X"], None);
        }
    }
    let f = b.compute(2024);
    let q = f
        .opvallend
        .iter()
        .find(|o| o.soort == opvallend::Soort::KwartaalUitschieter)
        .expect("the busiest quarter is a finding");
    assert_eq!(
        q.tekst,
        "In het vierde kwartaal kwamen de meeste klachten binnen: 10 van de 16 (63%)."
    );
    // Evenly spread: no finding.
    let mut b = Builder::new();
    for month in [1, 4, 7, 10] {
        for i in 0..3 {
            b = b.klacht(&format!("2024-{month:02}-{:02}", i + 1), "A", &["X"], None);
        }
    }
    let f = b.compute(2024);
    assert!(
        f.opvallend
            .iter()
            .all(|o| o.soort != opvallend::Soort::KwartaalUitschieter)
    );
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
    let settings = Options {
        eerste_contact_werkdagen: 4,
        ..Options::default()
    };
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

    pub(super) fn arb_klacht() -> impl Strategy<Value = Klacht> {
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

                    datum_ontvangst: ontvangst,
                    datum_afgehandeld: dur.map(|n| ontvangst + chrono::Duration::days(n)),
                    datum_eerste_contact: dur.map(|n| ontvangst + chrono::Duration::days(n / 3)),
                    zorgaanbieder: None,
                    cluster: cl.map(|c| ["Noord", "Zuid", "3. Oost"][c].into()),
                    soort_zorg: None,
                    categorieen: categorieen.into(),
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

    pub(super) fn full_register(klachten: Vec<Klacht>) -> Register {
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
            let f = compute(&register, Periode::jaar(2024), &Options::default()).unwrap();
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
            let settings = Options::default();
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
                // And counted here, independently of `tel`: received in that quarter, and of
                // those the ones in procedure.
                let prev = periode.vorig_jaar();
                let received: Vec<&Klacht> = register
                    .klachten
                    .iter()
                    .filter(|k| k.datum_ontvangst >= prev.van() && k.datum_ontvangst <= prev.tot_en_met())
                    .collect();
                prop_assert_eq!(v.kerngetallen.ontvangen, received.len() as u64);
                let procedure = received
                    .iter()
                    .filter(|k| !matches!(k.afhandeling, Some(Afhandeling::Melding | Afhandeling::NietOntvankelijk)))
                    .count() as u64;
                prop_assert_eq!(v.kerngetallen.in_behandeling, procedure);
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

/// The disclosure attack on the public version: for every hidden count, the least and the
/// greatest value it can have given everything the public figures print (the JSON, of which
/// the PDF and the XLSX show a part), found with an integer linear program. The attacker is
/// written from the printed output alone: it reads which cells are "< k" and "x", and knows
/// how a jaarverslag adds up (Totaal rows and columns, a category's year total printed again
/// in the multi-year table, the key figures, the doorlooptijd and termijnen rows).
mod attack {
    use microlp::{ComparisonOp, OptimizationDirection, Problem};
    use serde_json::Value;
    use std::collections::HashMap;

    #[derive(Clone, Copy, Debug)]
    enum Term {
        Known(f64),
        Var(usize),
    }

    #[derive(Debug)]
    pub struct Hidden {
        pub name: String,
        pub key: (String, String, String),
        pub small: bool,
        /// A "< k" that may be 0: a part of a sum whose total is printed "< k".
        pub may_be_zero: bool,
    }

    #[derive(Default)]
    pub struct Model {
        pub hidden: Vec<Hidden>,
        terms: HashMap<(String, String, String), Term>,
        sums: Vec<(Vec<Term>, Term)>,
        pairs: Vec<(usize, usize)>,
        k: u32,
    }

    const BIG: i32 = 1_000;

    impl Model {
        fn term(&mut self, key: (String, String, String), v: &Value) -> Option<Term> {
            let t = match v {
                Value::Number(n) => Term::Known(n.as_f64()?),
                Value::String(s) => {
                    self.hidden.push(Hidden {
                        name: format!("{} / {} / {}", key.0, key.1, key.2),
                        key: key.clone(),
                        small: s.starts_with('<'),
                        may_be_zero: false,
                    });
                    Term::Var(self.hidden.len() - 1)
                }
                _ => return None,
            };
            self.terms.insert(key, t);
            Some(t)
        }

        fn get(&self, a: &str, b: &str, c: &str) -> Option<Term> {
            self.terms
                .get(&(a.to_string(), b.to_string(), c.to_string()))
                .copied()
        }

        /// A sum; the report's note says a 0 in a sum with a small total is shown as "< k" too,
        /// so its "< k" parts may be 0.
        fn sum(&mut self, parts: Vec<Option<Term>>, total: Option<Term>) {
            if let (Some(parts), Some(total)) =
                (parts.into_iter().collect::<Option<Vec<_>>>(), total)
                && !parts.is_empty()
            {
                if let Term::Var(t) = total
                    && self.hidden[t].small
                {
                    for p in &parts {
                        if let Term::Var(j) = p {
                            self.hidden[*j].may_be_zero = true;
                        }
                    }
                }
                self.sums.push((parts, total));
            }
        }

        fn same(&mut self, a: Option<Term>, b: Option<Term>) {
            self.sum(vec![a], b);
            if let (Some(Term::Var(a)), Some(Term::Var(b))) = (a, b) {
                self.pairs.push((a, b));
            }
        }

        /// A count printed twice is one count: when one of its places may show a 0 as "< k",
        /// so may the other.
        fn spread_zero(&mut self) {
            loop {
                let mut changed = false;
                for &(a, b) in &self.pairs {
                    let z = self.hidden[a].may_be_zero || self.hidden[b].may_be_zero;
                    for j in [a, b] {
                        if z && !self.hidden[j].may_be_zero {
                            self.hidden[j].may_be_zero = true;
                            changed = true;
                        }
                    }
                }
                if !changed {
                    break;
                }
            }
        }

        /// Checks the model against the true values: every sum holds and every hidden count
        /// lies within its bounds (a model that fails this would find wrong "disclosures").
        pub fn check(
            &self,
            truth: &dyn Fn(&(String, String, String)) -> u64,
        ) -> std::result::Result<(), String> {
            let value = |t: &Term| match t {
                Term::Known(x) => *x,
                Term::Var(j) => truth(&self.hidden[*j].key) as f64,
            };
            for (parts, total) in &self.sums {
                let sum: f64 = parts.iter().map(value).sum();
                if (sum - value(total)).abs() > 1e-9 {
                    let names = |t: &Term| match t {
                        Term::Known(x) => format!("{x}"),
                        Term::Var(j) => self.hidden[*j].name.clone(),
                    };
                    return Err(format!(
                        "the sum {:?} = {} does not hold",
                        parts.iter().map(names).collect::<Vec<_>>(),
                        names(total)
                    ));
                }
            }
            for h in &self.hidden {
                let v = truth(&h.key);
                let lo = if h.may_be_zero { 0 } else { 1 };
                if h.small && !(lo..self.k as u64).contains(&v) {
                    return Err(format!("{} = {v} is shown as < {}", h.name, self.k));
                }
                if !h.small && v != 0 && v < self.k as u64 {
                    return Err(format!("{} = {v} is shown as x", h.name));
                }
            }
            Ok(())
        }

        /// The least and greatest value hidden count `i` can take.
        pub fn range(&self, i: usize) -> (i64, i64) {
            let solve = |dir| {
                let mut p = Problem::new(dir);
                let vars: Vec<_> = self
                    .hidden
                    .iter()
                    .enumerate()
                    .map(|(j, h)| {
                        let obj = if j == i { 1.0 } else { 0.0 };
                        if h.small {
                            let lo = if h.may_be_zero { 0 } else { 1 };
                            p.add_integer_var(obj, (lo, self.k as i32 - 1))
                        } else {
                            p.add_integer_var(obj, (0, BIG))
                        }
                    })
                    .collect();
                // "x" is not small (the report says so): 0, or k and up.
                for (j, h) in self.hidden.iter().enumerate() {
                    if !h.small {
                        let b = p.add_binary_var(0.0);
                        p.add_constraint(
                            [(vars[j], 1.0), (b, -(self.k as f64))],
                            ComparisonOp::Ge,
                            0.0,
                        );
                        p.add_constraint(
                            [(vars[j], 1.0), (b, -f64::from(BIG))],
                            ComparisonOp::Le,
                            0.0,
                        );
                    }
                }
                for (parts, total) in &self.sums {
                    let mut expr = Vec::new();
                    let mut rhs = 0.0;
                    let mut add = |t: &Term, sign: f64| match t {
                        Term::Known(x) => rhs -= sign * x,
                        Term::Var(j) => expr.push((vars[*j], sign)),
                    };
                    for t in parts {
                        add(t, 1.0);
                    }
                    add(total, -1.0);
                    if !expr.is_empty() {
                        p.add_constraint(expr.as_slice(), ComparisonOp::Eq, rhs);
                    }
                }
                let s = p.solve().expect("the printed figures are consistent");
                s.into_solution().expect("solved").objective().round() as i64
            };
            (
                solve(OptimizationDirection::Minimize),
                solve(OptimizationDirection::Maximize),
            )
        }
    }

    /// The attacker's model of a public `cijfers` JSON.
    pub fn model(json: &Value) -> Model {
        let mut m = Model {
            k: json["publiek"].as_u64().expect("a public version") as u32,
            ..Model::default()
        };
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        let mut tables: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
        for t in json["tabellen"].as_array().unwrap() {
            let id = s(&t["id"]);
            let cols: Vec<String> = t["kolommen"].as_array().unwrap().iter().map(s).collect();
            let mut rows = Vec::new();
            for r in t["rijen"].as_array().unwrap() {
                let label = s(&r["label"]);
                for (c, v) in r["waarden"].as_array().unwrap().iter().enumerate() {
                    if cols[c] != "Percentage" {
                        m.term((id.clone(), label.clone(), cols[c].clone()), v);
                    }
                }
                rows.push(label);
            }
            tables.push((id, cols, rows));
        }
        for (block, key) in [("kerngetallen", "kern"), ("vergelijking", "vkern")] {
            let kern = if block == "kerngetallen" {
                &json["kerngetallen"]
            } else {
                &json["vergelijking"]["kerngetallen"]
            };
            if let Some(map) = kern.as_object() {
                for (name, v) in map {
                    if !name.ends_with("_pct") && !name.ends_with("_weken") {
                        m.term((key.into(), name.clone(), String::new()), v);
                    }
                }
            }
        }
        let kern = |m: &Model, name: &str| m.get("kern", name, "");
        let vkern = |m: &Model, name: &str| m.get("vkern", name, "");
        let periode = s(&json["periode"]["label"]).replace("-", " ");
        let periode = match periode.split_once(' ') {
            Some((y, q)) => format!("{q} {y}"),
            None => periode,
        };
        let vorige =
            json["vergelijking"]["periode"]["label"]
                .as_str()
                .map(|l| match l.split_once('-') {
                    Some((y, q)) => format!("{q} {y}"),
                    None => l.to_string(),
                });
        for (id, cols, rows) in &tables {
            let count_cols: Vec<&String> = cols.iter().filter(|c| *c != "Percentage").collect();
            let total_col = cols.last().is_some_and(|c| c.starts_with("Totaal"));
            let total_row = rows.last().is_some_and(|r| r == "Totaal");
            if total_col {
                for r in rows {
                    let parts = count_cols[..count_cols.len() - 1]
                        .iter()
                        .map(|c| m.get(id, r, c))
                        .collect();
                    let total = m.get(id, r, count_cols.last().unwrap());
                    m.sum(parts, total);
                }
            }
            if total_row && id != "termijnen" {
                for c in &count_cols {
                    let parts = rows[..rows.len() - 1]
                        .iter()
                        .map(|r| m.get(id, r, c))
                        .collect();
                    let total = m.get(id, "Totaal", c);
                    m.sum(parts, total);
                }
            }
            if [
                "regeling",
                "zorgrelatie",
                "soort_zorg",
                "kanaal",
                "doorlooptijd",
            ]
            .contains(&id.as_str())
            {
                let parts = rows.iter().map(|r| m.get(id, r, "Aantal")).collect();
                let total = kern(&m, "in_behandeling");
                m.sum(parts, total);
            }
        }
        // Printed twice.
        let period_col = |tables: &[(String, Vec<String>, Vec<String>)], id: &str| {
            tables.iter().find(|t| t.0 == id).map(|t| {
                if t.1.last().is_some_and(|c| c == "Totaal") {
                    "Totaal".to_string()
                } else {
                    t.1[0].clone()
                }
            })
        };
        if let Some(col) = period_col(&tables, "klagers_per_cluster_kwartaal") {
            let a = m.get("klagers_per_cluster_kwartaal", "Totaal", &col);
            let b = kern(&m, "in_behandeling");
            m.same(a, b);
            if let Some(v) = &vorige {
                let a = m.get("klagers_per_cluster_kwartaal", "Totaal", v);
                let b = vkern(&m, "in_behandeling");
                m.same(a, b);
            }
        }
        if let Some(col) = period_col(&tables, "categorieen_per_kwartaal") {
            let rows = tables
                .iter()
                .find(|t| t.0 == "categorieen_per_kwartaal")
                .unwrap()
                .2
                .clone();
            for r in &rows {
                let a = m.get("categorieen_per_kwartaal", r, &col);
                let b = m.get("categorieen_meerjarig", r, &periode);
                m.same(a, b);
                if let Some(v) = &vorige {
                    let a = m.get("categorieen_per_kwartaal", r, v);
                    let b = m.get("categorieen_meerjarig", r, v);
                    m.same(a, b);
                }
            }
            let a = m.get("categorieen_per_kwartaal", "Totaal", &col);
            let b = kern(&m, "deelklachten");
            m.same(a, b);
        }
        let a = m.get("categorieen_meerjarig", "Totaal", &periode);
        let b = kern(&m, "deelklachten");
        m.same(a, b);
        let a = m.get("klachten_per_jaar", &periode, "Aantal");
        let b = kern(&m, "in_behandeling");
        m.same(a, b);
        if let Some(v) = &vorige {
            let a = m.get("categorieen_meerjarig", "Totaal", v);
            let b = vkern(&m, "deelklachten");
            m.same(a, b);
            let a = m.get("klachten_per_jaar", v, "Aantal");
            let b = vkern(&m, "in_behandeling");
            m.same(a, b);
            let parts = vec![vkern(&m, "afgehandeld"), vkern(&m, "lopend")];
            let total = vkern(&m, "in_behandeling");
            m.sum(parts, total);
        }
        let a = m.get("instroom", "Totaal", "Aantal");
        let b = kern(&m, "ontvangen");
        m.same(a, b);
        let a = m.get("instroom", "In behandeling", "Aantal");
        let b = kern(&m, "in_behandeling");
        m.same(a, b);
        for id in ["klagers_per_type", "afhandeling"] {
            let a = m.get(id, "Totaal", "Aantal");
            let b = kern(&m, "in_behandeling");
            m.same(a, b);
        }
        let parts = vec![kern(&m, "afgehandeld"), kern(&m, "lopend")];
        let total = kern(&m, "in_behandeling");
        m.sum(parts, total);
        let a = m.get("doorlooptijd", "Lopend", "Aantal");
        let b = kern(&m, "lopend");
        m.same(a, b);
        let closed = ["0-2", "2-4", "4-6", "6-10", ">10"];
        let parts = closed
            .iter()
            .map(|l| m.get("doorlooptijd", l, "Aantal"))
            .collect();
        let total = kern(&m, "afgehandeld");
        m.sum(parts, total);
        // The default terms (6 and 10 weeks) sit on bucket boundaries.
        let term = |m: &Model, label: &str| m.get("termijnen", label, "Aantal");
        let parts = ["0-2", "2-4", "4-6"]
            .iter()
            .map(|l| m.get("doorlooptijd", l, "Aantal"))
            .collect();
        let total = term(&m, "Afgehandeld binnen 6 weken");
        m.sum(parts, total);
        let parts = ["0-2", "2-4", "4-6", "6-10"]
            .iter()
            .map(|l| m.get("doorlooptijd", l, "Aantal"))
            .collect();
        let total = term(&m, "Afgehandeld binnen 10 weken");
        m.sum(parts, total);
        let a = m.get("doorlooptijd", ">10", "Aantal");
        let b = term(&m, "Afgehandeld na meer dan 10 weken");
        m.same(a, b);
        let parts = vec![
            term(&m, "Afgehandeld binnen 10 weken"),
            term(&m, "Afgehandeld na meer dan 10 weken"),
        ];
        let total = kern(&m, "afgehandeld");
        m.sum(parts, total);
        let a = term(&m, "Nog lopend");
        let b = kern(&m, "lopend");
        m.same(a, b);
        m.spread_zero();
        m
    }

    /// A value of the figures before suppression, by the attacker's key.
    pub fn true_value(open: &Value, key: &(String, String, String)) -> u64 {
        let (a, b, c) = key;
        let v = match a.as_str() {
            "kern" => &open["kerngetallen"][b],
            "vkern" => &open["vergelijking"]["kerngetallen"][b],
            id => {
                let t = open["tabellen"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|t| t["id"] == *id)
                    .unwrap();
                let col = t["kolommen"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .position(|x| x == c)
                    .unwrap();
                let row = t["rijen"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["label"] == *b)
                    .unwrap();
                &row["waarden"][col]
            }
        };
        v.as_u64().expect("an unsuppressed count")
    }
}

mod disclosure {
    use super::properties::{arb_klacht, full_register};
    use super::*;
    use proptest::prelude::*;

    /// The attack on one public version: no hidden count of 1 or more is forced to one value
    /// (a hidden 0 protects nothing and discloses nothing when it is worked back).
    fn attack(open: &Figures, f: &Figures) -> std::result::Result<(), String> {
        let json = f.to_value();
        let open = open.to_value();
        let m = attack::model(&json);
        m.check(&|key| attack::true_value(&open, key))?;
        for (i, h) in m.hidden.iter().enumerate() {
            if attack::true_value(&open, &h.key) == 0 {
                continue;
            }
            let (lo, hi) = m.range(i);
            if lo == hi {
                return Err(format!(
                    "{} is forced to {lo}\n{}",
                    h.name,
                    serde_json::to_string(&json["tabellen"]).unwrap()
                ));
            }
        }
        // A finding never quotes a count that a table hides.
        for b in json["opvallend"].as_array().unwrap() {
            for bron in &f
                .opvallend
                .iter()
                .find(|x| x.tekst == b["tekst"])
                .unwrap()
                .bronnen
            {
                if bron.verborgen(f) {
                    return Err(format!("finding {} quotes a hidden count", b["soort"]));
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn no_hidden_count_can_be_worked_back(
            klachten in prop::collection::vec(arb_klacht(), 0..80),
            k in 3u32..=6,
            kwartaal in prop::option::of(1u8..=4),
        ) {
            let register = full_register(klachten);
            let periode = match kwartaal {
                Some(q) => Periode::kwartaal(2024, q).unwrap(),
                None => Periode::jaar(2024),
            };
            let mut f = compute(&register, periode, &Options::default()).unwrap();
            let open = f.clone();
            privacy::suppress(&mut f, k);
            if let Err(e) = attack(&open, &f) {
                prop_assert!(false, "{}", e);
            }
        }
    }

    /// The example register's public version (the case the issue found: Privacy's 2024 total
    /// printed in one table and worked back from another).
    #[test]
    fn the_example_public_version_withstands_the_attack() {
        let (reg, cfg) = (
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("data/voorbeeld/klachtenregister.csv"),
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/voorbeeld/config.toml"),
        );
        let settings = crate::settings::Settings::resolve(Some(&cfg), &Default::default()).unwrap();
        let checked = crate::register::load(&[reg], &settings.read).unwrap();
        let mut f = compute(&checked.value, Periode::jaar(2024), &settings.stats).unwrap();
        let open = f.clone();
        privacy::suppress(&mut f, 5);
        attack(&open, &f).unwrap();
        // The attack can see: unprotected, Privacy's "< 5" in 2023 follows from the year total.
        let json = f.to_value();
        let meer = json["tabellen"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == "categorieen_meerjarig")
            .unwrap();
        assert!(
            meer["rijen"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|r| r["waarden"].as_array().unwrap())
                .any(|v| v.is_string())
        );
    }
}

#[test]
fn labels_stored_apart_count_as_one_value() {
    // The frames count by a label's address and merge equal texts afterwards; the builder
    // gives every complaint its own copy of "Wonen", so this holds the merge to its promise.
    let b = Builder::new()
        .klacht("2024-01-10", "Wonen", &["A"], None)
        .klacht("2024-02-10", "Wonen", &["A"], None)
        .klacht("2024-05-10", "Zorg", &["A"], None);
    let first = b.register.klachten[0].cluster.clone().unwrap();
    let second = b.register.klachten[1].cluster.clone().unwrap();
    assert!(!std::ptr::eq(first.as_ptr(), second.as_ptr()));
    let f = b.compute(2024);
    let t = f.table(TableId::KlagersPerClusterKwartaal).unwrap();
    assert_eq!(value(t, "Wonen", "Totaal"), Cell::Aantal(2));
    assert_eq!(value(t, "Zorg", "Totaal"), Cell::Aantal(1));
    assert_eq!(t.rijen.iter().filter(|r| r.label == "Wonen").count(), 1);
}
