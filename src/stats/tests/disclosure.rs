//! The disclosure attack run on public versions: random registers and the example register.

use super::properties::{arb_deelklachten_register, arb_klacht, full_register};
use super::*;
use proptest::prelude::*;

/// The attack on one public version: no hidden count of 1 or more is forced to one value
/// (a hidden 0 protects nothing and discloses nothing when it is worked back).
pub(super) fn attack(open: &Figures, f: &Figures) -> std::result::Result<(), String> {
    let json = f.to_value();
    let m = attack::model(f);
    m.check(&|key| attack::true_value(open, key))?;
    for (i, h) in m.hidden.iter().enumerate() {
        if attack::true_value(open, &h.key) == 0 {
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
            if crate::stats::opvallend::verborgen(bron, f) {
                return Err(format!("finding {} quotes a hidden count", b["soort"]));
            }
        }
    }
    Ok(())
}

/// The attack on one register: its figures for 2024 (or a quarter of it) with `options`, made
/// public with `k`; no hidden count may be worked back, and the routes' table is there when
/// the options ask for routes.
fn aanval(
    register: &Register,
    kwartaal: Option<u8>,
    options: &Options,
    k: u32,
) -> Result<(), TestCaseError> {
    let periode = match kwartaal {
        Some(q) => Periode::kwartaal(2024, q).unwrap(),
        None => Periode::jaar(2024),
    };
    let mut f = compute(register, periode, options).unwrap();
    if options.routes.is_some() {
        prop_assert!(f.table(TableId::RoutesNaastElkaar).is_some());
    }
    let open = f.clone();
    privacy::suppress(&mut f, k).unwrap();
    if let Err(e) = attack(&open, &f) {
        prop_assert!(false, "{}", e);
    }
    Ok(())
}

/// The default terms with the shares of every complaint in procedure (`noemer`) or of the
/// closed ones.
fn met_noemer(in_behandeling: bool) -> crate::stats::termijn::Termijnen {
    use crate::stats::termijn::Noemer;
    crate::stats::termijn::Termijnen {
        noemer: if in_behandeling {
            Noemer::InBehandeling
        } else {
            Noemer::Afgehandeld
        },
        ..Options::default().termijnen
    }
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
        aanval(&register, kwartaal, &Options::default(), k)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The same attack with the term settings of issue 25: shares of every complaint in
    /// procedure (`noemer = "in_behandeling"`) and the terms measured on a peildatum (the end
    /// of the period, or a fixed day after it), so complaints closed after it are open. The
    /// attacker's sums (doorlooptijd buckets = termijnen rows = key figures) must still hold
    /// on the true counts, and no hidden count may be worked back.
    #[test]
    fn no_hidden_count_can_be_worked_back_with_a_peildatum_and_noemer(
        klachten in prop::collection::vec(arb_klacht(), 0..80),
        k in 3u32..=6,
        kwartaal in prop::option::of(1u8..=4),
        vast in any::<bool>(),
        noemer in any::<bool>(),
    ) {
        use crate::stats::termijn::Peildatum;
        let register = full_register(klachten);
        let d = Options::default();
        let options = Options {
            peildatum: match vast {
                true => Peildatum::Datum(chrono::NaiveDate::from_ymd_opt(2025, 1, 15).unwrap()),
                false => Peildatum::EindePeriode,
            },
            termijnen: met_noemer(noemer),
            ..d
        };
        aanval(&register, kwartaal, &options, k)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// The same attack on registers with one row per deelklacht: the verdicts per deelklacht
    /// add up to the deelklachten, which the categories' tables print too.
    #[test]
    fn no_hidden_count_per_deelklacht_can_be_worked_back(
        register in arb_deelklachten_register(),
        k in 3u32..=6,
        kwartaal in prop::option::of(1u8..=4),
    ) {
        aanval(&register, kwartaal, &Options::default(), k)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The same attack with the routes side by side (`[verslag] routes = "soort"`): each
    /// route's row, its categories and the share within the term, beside the whole
    /// population's tables (some complaints without a soort: the Onbekend route).
    #[test]
    fn no_hidden_count_of_a_route_can_be_worked_back(
        klachten in prop::collection::vec(arb_klacht(), 0..80),
        soorten in prop::collection::vec(prop::option::of(0usize..2), 80),
        k in 3u32..=6,
        kwartaal in prop::option::of(1u8..=4),
        noemer in any::<bool>(),
    ) {
        use crate::register::{Closed, Soort};
        let klachten = klachten
            .into_iter()
            .zip(soorten)
            .map(|(mut k, s)| {
                k.soort = s.map(|i| Soort::ALL[i]);
                k
            })
            .collect();
        let register = full_register(klachten);
        let d = Options::default();
        let options = Options {
            routes: Some(crate::stats::route::RouteKolom::Soort),
            termijnen: met_noemer(noemer),
            ..d
        };
        aanval(&register, kwartaal, &options, k)?;
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
    privacy::suppress(&mut f, 5).unwrap();
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

/// The hospital fixture's public version (`fixtures/routes`): two routes of 6 and 12
/// complaints, most of their counts small.
#[test]
fn the_routes_fixture_public_version_withstands_the_attack() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/routes");
    let settings =
        crate::settings::Settings::resolve(Some(&dir.join("config.toml")), &Default::default())
            .unwrap();
    let checked = crate::register::load(&[dir.join("register.csv")], &settings.read).unwrap();
    for k in [3, 5] {
        let mut f = compute(&checked.value, Periode::jaar(2024), &settings.stats).unwrap();
        assert!(f.table(TableId::RoutesNaastElkaar).is_some());
        let open = f.clone();
        privacy::suppress(&mut f, k).unwrap();
        attack(&open, &f).unwrap();
    }
}
