//! The public version reads the relations the tables declare by typed keys: printed labels
//! play no part, and a relation that names a cell the report does not have is an error.

use std::collections::BTreeSet;

use super::*;
use crate::stats::bijschrift::TermijnRij;
use crate::stats::frame::Klasse;

/// The figures of the example register.
fn voorbeeld(periode: Periode) -> Figures {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/voorbeeld");
    let cfg = dir.join("config.toml");
    let settings = crate::settings::Settings::resolve(Some(&cfg), &Default::default()).unwrap();
    let reg = dir.join("klachtenregister.csv");
    let checked = crate::register::load(&[reg], &settings.read).unwrap();
    compute(&checked.value, periode, &settings.stats).unwrap()
}

/// Every hidden place of a public version, by typed keys, with how it is shown.
fn hidden(f: &Figures) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for t in &f.tabellen {
        for r in &t.rijen {
            for (c, cell) in r.waarden.iter().enumerate() {
                if let Some(shown) = cell.verborgen_tekst() {
                    let kol = t.kolom_keys[c];
                    out.insert(format!("{} {:?} {kol:?}: {shown}", t.id.as_str(), r.key));
                }
            }
        }
    }
    for (vorig, map) in [(false, &f.verborgen), (true, &f.verborgen_vergelijking)] {
        for (k, cell) in map {
            let shown = cell.verborgen_tekst().unwrap_or_default();
            out.insert(format!("kern {} {vorig}: {shown}", k.naam()));
        }
    }
    for id in &f.weggelaten {
        out.insert(format!("weggelaten {}", id.as_str()));
    }
    out
}

/// Every row label and column header printed differently: the doorlooptijd's "Lopend", the
/// termijnen rows ("Nog lopend", "Afgehandeld binnen 6 weken"), the categories, "Totaal".
fn relabel(f: &mut Figures) {
    for t in &mut f.tabellen {
        for r in &mut t.rijen {
            r.label = format!("{} (hernoemd)", r.label);
        }
        for k in &mut t.kolommen {
            *k = format!("kolom {k}");
        }
    }
}

fn public(mut f: Figures, k: u32) -> Figures {
    privacy::suppress(&mut f, k).expect("the declared relations name existing cells");
    f
}

#[test]
fn renaming_every_label_hides_the_same_cells() {
    for periode in [Periode::jaar(2024), Periode::kwartaal(2024, 3).unwrap()] {
        let f = voorbeeld(periode);
        let mut renamed = f.clone();
        relabel(&mut renamed);
        let door = renamed.table(TableId::Doorlooptijd).unwrap();
        let (r, _) = door
            .cel(&Rij::Doorlooptijd(Klasse::Lopend), Kol::Aantal)
            .unwrap();
        assert_eq!(door.rijen[r].label, "Lopend (hernoemd)");
        for k in [3, 5, 10] {
            let (a, b) = (
                hidden(&public(f.clone(), k)),
                hidden(&public(renamed.clone(), k)),
            );
            assert!(!a.is_empty(), "{periode:?} k={k}: the example hides cells");
            assert_eq!(a, b, "{periode:?} k={k}");
        }
    }
}

#[test]
fn the_declared_links_decide_what_is_hidden() {
    // Without the links the doorlooptijd and termijnen tables declare (the rows a lookup by
    // label would miss after a rename), the example's public version hides less: the rename
    // test above compares two outcomes that depend on those links.
    let f = voorbeeld(Periode::jaar(2024));
    let mut unlinked = f.clone();
    for t in &mut unlinked.tabellen {
        if matches!(t.id, TableId::Doorlooptijd | TableId::Termijnen) {
            t.relaties.clear();
        }
    }
    let differs = [3, 5, 10]
        .into_iter()
        .any(|k| hidden(&public(f.clone(), k)) != hidden(&public(unlinked.clone(), k)));
    assert!(differs);
}

#[test]
fn a_relation_with_a_cell_the_report_lacks_is_an_error() {
    let f = voorbeeld(Periode::jaar(2024));
    let term = |wat| Plaats::cel(TableId::Termijnen, Rij::Termijn(wat), Kol::Aantal);
    let broken = [
        // A row that is not there (a first-contact row with a term the config does not use).
        Relatie::Gelijk(
            term(TermijnRij::EersteContactDagen(99)),
            Plaats::kern(Kerngetal::Lopend),
        ),
        // A column that is not there.
        Relatie::Gelijk(
            Plaats::cel(
                TableId::Termijnen,
                Rij::Termijn(TermijnRij::Lopend),
                Kol::Totaal,
            ),
            Plaats::kern(Kerngetal::Lopend),
        ),
        // A share is not a count.
        Relatie::Gelijk(
            Plaats::cel(
                TableId::Termijnen,
                Rij::Termijn(TermijnRij::Lopend),
                Kol::Percentage,
            ),
            Plaats::kern(Kerngetal::Lopend),
        ),
        // A key figure that is not a count.
        Relatie::Som {
            delen: vec![term(TermijnRij::BinnenTermijn)],
            totaal: Plaats::kern(Kerngetal::GemiddeldeDoorlooptijd),
        },
    ];
    for r in broken {
        let mut g = f.clone();
        let t = g.tabellen.iter_mut().find(|t| t.id == TableId::Termijnen);
        t.unwrap().relaties.push(r.clone());
        let e = privacy::suppress(&mut g, 5).expect_err("a relation with a missing cell");
        assert!(e.to_string().starts_with("interne fout"), "{r:?}: {e}");
    }
    // A table the report never had (not one left out of the public version).
    let mut g = f.clone();
    g.tabellen.retain(|t| t.id != TableId::CategorieenMeerjarig);
    let e = privacy::suppress(&mut g, 5).expect_err("the categories link to a missing table");
    assert!(e.to_string().contains("categorieen_meerjarig"), "{e}");
    // A comparison key figure in a report without a comparison.
    let mut g = f.clone();
    g.vergelijking = None;
    g.relaties = crate::stats::Relatie::tussen_kerngetallen(true);
    assert!(privacy::suppress(&mut g, 5).is_err());
}

#[test]
fn a_table_left_out_takes_its_relations_with_it() {
    // The links of the categories to the multi-year table are facts about a table the
    // public version left out: not an error, and nothing of the table is printed.
    let mut f = voorbeeld(Periode::jaar(2024));
    f.tabellen.retain(|t| t.id != TableId::CategorieenMeerjarig);
    f.weggelaten.push(TableId::CategorieenMeerjarig);
    privacy::suppress(&mut f, 5).expect("a left-out table is not a missing cell");
}

#[test]
fn a_table_without_declarations_is_protected_by_its_shape() {
    // A newcomer's table made with `tabulate` and nothing declared: its Totaal row and column
    // are sums the public version keeps.
    let t = tabulate::by_quarter(
        TableId::KlagersPerClusterKwartaal,
        &[(Some("A".into()), [3, 0, 1, 7]), (None, [0, 2, 0, 0])],
        &[],
    );
    assert!(t.relaties.is_empty() && t.totalen.is_empty());
    let sommen = t.sommen();
    // Three rows across (A, Onbekend, Totaal) and five columns down.
    assert_eq!(sommen.len(), 3 + 5);
    let a_across = Relatie::Som {
        delen: (1..=4)
            .map(|q| Plaats::cel(t.id, Rij::Waarde("A".into()), Kol::Kwartaal(q)))
            .collect(),
        totaal: Plaats::cel(t.id, Rij::Waarde("A".into()), Kol::Totaal),
    };
    assert!(sommen.contains(&a_across));
    let q2_down = Relatie::Som {
        delen: vec![
            Plaats::cel(t.id, Rij::Waarde("A".into()), Kol::Kwartaal(2)),
            Plaats::cel(t.id, Rij::Onbekend, Kol::Kwartaal(2)),
        ],
        totaal: Plaats::cel(t.id, Rij::Totaal, Kol::Kwartaal(2)),
    };
    assert!(sommen.contains(&q2_down));
}
