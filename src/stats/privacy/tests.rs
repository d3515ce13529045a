use super::*;

use crate::stats::tabulate;

fn hidden_per_line(t: &Table) -> (Vec<usize>, Vec<usize>) {
    let h = Cell::is_verborgen;
    let rows = t
        .rijen
        .iter()
        .map(|r| r.waarden.iter().filter(|c| h(c)).count())
        .collect();
    let cols = (0..t.kolommen.len())
        .map(|c| t.rijen.iter().filter(|r| h(&r.waarden[c])).count())
        .collect();
    (rows, cols)
}

#[test]
fn a_finding_that_quotes_a_left_out_table_counts_as_hidden() {
    use crate::stats::opvallend::verborgen;
    use crate::stats::table::{Kol, Plaats, Rij};
    let mut f = Figures::leeg();
    let bron = Plaats::cel(TableId::Regeling, Rij::Waarde("Wkkgz".into()), Kol::Aantal);
    assert!(
        !verborgen(&bron, &f),
        "a table the report never had hides nothing"
    );
    f.weggelaten.push(TableId::Regeling);
    assert!(
        verborgen(&bron, &f),
        "a table left out hides every cell of it"
    );
}

#[test]
fn no_hidden_cell_stands_alone_in_a_row_or_column() {
    let mut t = tabulate::by_quarter(
        TableId::KlagersPerClusterKwartaal,
        &[
            (Some("A".into()), [10, 12, 9, 11]),
            (Some("B".into()), [8, 2, 7, 9]),
            (Some("C".into()), [6, 9, 12, 10]),
        ],
        &[],
    );
    suppress_table(&mut t, 5);
    let (rows, cols) = hidden_per_line(&t);
    assert!(rows.iter().all(|n| *n == 0 || *n >= 2), "{rows:?}");
    assert!(cols.iter().all(|n| *n == 0 || *n >= 2), "{cols:?}");
    // Rows by total: A 42, C 37, B 26.
    assert_eq!(t.rijen[2].label, "B");
    assert_eq!(
        t.rijen[2].waarden[1],
        Cell::Verborgen(5),
        "the 2 itself is hidden"
    );
    let secondary = t
        .rijen
        .iter()
        .flat_map(|r| &r.waarden)
        .filter(|c| **c == Cell::Afgeschermd)
        .count();
    // B's 2 pulls in B Q3 (7) and C Q2 (9); those pull in A Q3 (9) and C Q1 (6); A Q3
    // pulls in A Q1 (10). Every line then holds two.
    assert_eq!(secondary, 5, "the others are marked x: they are not small");
    let total: usize = rows.iter().sum();
    assert_eq!(total, 6);
}

#[test]
fn distribution_hides_a_second_cell_and_the_percentages() {
    let mut t = tabulate::distribution(
        TableId::KlagersPerType,
        &[
            (Some("Cliënt".into()), 30),
            (Some("Nabestaande".into()), 2),
            (Some("Gemachtigde".into()), 9),
        ],
        &[],
        tabulate::Shape {
            percentage: true,
            totaal: true,
        },
    );
    suppress_table(&mut t, 5);
    let hidden: Vec<&str> = t
        .rijen
        .iter()
        .filter(|r| r.waarden[0].is_verborgen())
        .map(|r| r.label.as_str())
        .collect();
    assert_eq!(hidden, ["Gemachtigde", "Nabestaande"]);
    assert!(
        t.rijen
            .iter()
            .all(|r| r.waarden[0] == r.waarden[1] || matches!(r.waarden[0], Cell::Aantal(_)))
    );
}
