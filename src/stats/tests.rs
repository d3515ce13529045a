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
            klachtnummer: format!("K{n}"),
            datum_ontvangst: NaiveDate::parse_from_str(datum, "%Y-%m-%d").expect("test date"),
            datum_afgehandeld: None,
            datum_eerste_contact: None,
            cluster: (!cluster.is_empty()).then(|| cluster.to_string()),
            soort_zorg: None,
            categorieen: cats.iter().map(|c| c.to_string()).collect(),
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
        compute(&self.register, jaar, &Settings::default()).expect("computes")
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
