//! Properties of the tables over random registers: sums, totals, populations and quarters.

use super::*;
use crate::register::{Closed, Deelklacht, Kanaal, Oordeel, Regeling, Tevredenheid, Zorgrelatie};
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
        prop::option::of(0usize..3),
        prop::option::of(0usize..4),
    )
        .prop_map(|((y, m, d), dur, cl, cats, afh, reg, zr, kl, tevr, oord)| {
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
                tevredenheid: tevr.map(|i| Tevredenheid::ALL[i]),
                oordeel: oord.map(|i| Oordeel::ALL[i]),
            }
        })
}

/// A register with one row per deelklacht: complaints from [`arb_klacht`], each with its
/// own deelklachten (a category may come back; `None` is a deelklacht without category) and
/// a verdict per deelklacht.
pub(super) fn arb_deelklachten_register() -> impl Strategy<Value = Register> {
    prop::collection::vec(
        (
            arb_klacht(),
            prop::collection::vec(
                (prop::option::of(0usize..3), prop::option::of(0usize..4)),
                1..4,
            ),
        ),
        0..60,
    )
    .prop_map(|rows| {
        let mut register = full_register(Vec::new());
        register.rij_per = crate::register::RijPer::Deelklacht;
        for (i, (mut k, deel)) in rows.into_iter().enumerate() {
            k.bron = Bron {
                file: 0,
                row: i as u32 + 2,
            };
            k.oordeel = None;
            let deel: Vec<Deelklacht> = deel
                .into_iter()
                .map(|(c, o)| Deelklacht {
                    categorie: c.map(|c| format!("Cat {c}").into()),
                    oordeel: o.map(|o| Oordeel::ALL[o]),
                })
                .collect();
            k.categorieen = deel
                .iter()
                .filter_map(|d| d.categorie.clone())
                .collect::<Vec<_>>()
                .into();
            register.deelklachten.insert(k.bron, deel);
            register.klachten.push(k);
        }
        register
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
        prop_assert_eq!(total(TableId::Tevredenheid, "Aantal"), Cell::Aantal(k.in_behandeling));
        prop_assert_eq!(total(TableId::Oordeel, "Aantal"), Cell::Aantal(k.in_behandeling));
        prop_assert!(f.table(TableId::OordeelPerDeelklacht).is_none());
        let door: u64 = f.table(TableId::Doorlooptijd).unwrap().rijen.iter().map(|r| number(&r.waarden[0]) as u64).sum();
        prop_assert_eq!(door, k.in_behandeling);
        prop_assert_eq!(k.afgehandeld + k.lopend, k.in_behandeling);
        for p in [k.binnen_6_weken_pct, k.binnen_10_weken_pct, k.eerste_contact_binnen_termijn_pct.unwrap_or(0.0)] {
            prop_assert!((0.0..=100.0).contains(&p));
        }
        prop_assert!(k.binnen_6_weken_pct <= k.binnen_10_weken_pct);
        if let Some(pj) = f.table(TableId::KlachtenPerJaar) {
            prop_assert_eq!(value(pj, "2024", "Aantal"), Cell::Aantal(k.in_behandeling));
        }
    }

    /// One row per deelklacht: the verdicts and the categories count every deelklacht (a
    /// category that comes back counts again), the complaint-level tables every complaint.
    #[test]
    fn per_deelklacht_the_verdicts_count_deelklachten(register in arb_deelklachten_register()) {
        let f = compute(&register, Periode::jaar(2024), &Options::default()).unwrap();
        let k = &f.kerngetallen;
        let in_year: Vec<&Klacht> = register
            .klachten
            .iter()
            .filter(|x| x.datum_ontvangst.year() == 2024 && x.in_procedure())
            .collect();
        let deel: u64 = in_year.iter().map(|x| register.deelklachten[&x.bron].len() as u64).sum();
        prop_assert_eq!(k.deelklachten, deel);
        prop_assert_eq!(k.in_behandeling, in_year.len() as u64);
        let total = |id: TableId, col: &str| value(f.table(id).unwrap(), "Totaal", col);
        prop_assert_eq!(total(TableId::OordeelPerDeelklacht, "Aantal"), Cell::Aantal(deel));
        prop_assert_eq!(total(TableId::CategorieenPerKwartaal, "Totaal"), Cell::Aantal(deel));
        prop_assert_eq!(total(TableId::Tevredenheid, "Aantal"), Cell::Aantal(k.in_behandeling));
        prop_assert!(f.table(TableId::Oordeel).is_none());
        let gegrond = in_year
            .iter()
            .flat_map(|x| &register.deelklachten[&x.bron])
            .filter(|d| d.oordeel == Some(Oordeel::Gegrond))
            .count() as u64;
        prop_assert_eq!(value(f.table(TableId::OordeelPerDeelklacht).unwrap(), "Gegrond", "Aantal"), Cell::Aantal(gegrond));
        let cat0 = in_year
            .iter()
            .flat_map(|x| &register.deelklachten[&x.bron])
            .filter(|d| d.categorie.as_deref() == Some("Cat 0"))
            .count() as u64;
        let t = f.table(TableId::CategorieenPerKwartaal).unwrap();
        let shown = t.row("Cat 0").map_or(Cell::Aantal(0), |r| *r.waarden.last().unwrap());
        prop_assert_eq!(shown, Cell::Aantal(cat0));
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
