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
            tevredenheid: None,
            oordeel: None,
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
        .find(|o| o.soort == opvallend::FindingKind::KwartaalUitschieter)
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
            .all(|o| o.soort != opvallend::FindingKind::KwartaalUitschieter)
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
    assert_eq!(f.kerngetallen.eerste_contact_binnen_termijn_pct, Some(50.0));
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

mod aanvulling;
mod attack;
mod disclosure;
mod properties;
mod relaties;
