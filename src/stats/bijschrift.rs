//! Every per-table text, for a year report and a quarterly report: the caption (in the JSON,
//! the XLSX and the PDF), the header of the label column, the section heading and explanation
//! above the table, and the chart's title. One home, so a table's texts are changed in one
//! place and the year and quarter versions stand side by side.

use super::Periode;
use super::table::TableId;
pub use super::table::TermijnRij;
use super::termijn::Termijnen;

/// A table's name: the caption of a year report's table (a public version lists the tables it
/// left out by it).
pub fn naam(id: TableId) -> &'static str {
    match id {
        TableId::KlagersPerClusterKwartaal => "Aantal klagers per cluster en kwartaal",
        TableId::CategorieenPerKwartaal => "Aantal deelklachten per categorie en kwartaal",
        TableId::CategorieenMeerjarig => "Deelklachten per categorie over meerdere jaren",
        TableId::KlachtenPerJaar => "Aantal klachten in behandeling per jaar",
        TableId::KlagersPerType => "Wie dienden een klacht in",
        TableId::Instroom => "Instroom: klachten, niet-ontvankelijke klachten en meldingen",
        TableId::Afhandeling => "Hoe de klachten zijn afgehandeld",
        TableId::Tevredenheid => "Naar tevredenheid van de klager opgelost (per klacht)",
        TableId::Oordeel => "Oordeel over de klachten (per klacht)",
        TableId::OordeelPerDeelklacht => "Oordeel per deelklacht (aantal deelklachten)",
        TableId::Regeling => "Klachten per regeling",
        TableId::Zorgrelatie => "Zorgrelatie bij het indienen van de klacht",
        TableId::SoortZorg => "Klachten per soort zorg",
        TableId::Kanaal => "Hoe de klachten binnenkwamen",
        TableId::Doorlooptijd => "Doorlooptijd van de klachten in weken",
        TableId::Termijnen => "Afhandeling binnen de termijnen",
        // Its caption is the config's title; this names the kind where no title is at hand.
        TableId::Signaal(_) => "Andere signalen",
        TableId::RoutesNaastElkaar => "Routes naast elkaar",
        TableId::RouteCategorieen(_) => "Deelklachten per categorie per route",
    }
}

/// The caption of a table with these columns. A quarterly report names its quarter (and the
/// same quarter a year earlier) in the by-period tables, and which quarter the tables over
/// the years compare.
pub fn titel(id: TableId, periode: Periode, kolommen: &[String], t: &Termijnen) -> String {
    if id == TableId::Termijnen && t.noemer == super::termijn::Noemer::InBehandeling {
        // The caption says what the shares are of when it is not the closed complaints.
        return format!("{}, als deel van alle klachten in behandeling", naam(id));
    }
    let Some(q) = periode.kwartaal else {
        return naam(id).to_string();
    };
    match id {
        TableId::KlagersPerClusterKwartaal => {
            format!("Aantal klagers per cluster in {}", kolommen.join(" en "))
        }
        TableId::CategorieenPerKwartaal => {
            format!(
                "Aantal deelklachten per categorie in {}",
                kolommen.join(" en ")
            )
        }
        TableId::CategorieenMeerjarig | TableId::KlachtenPerJaar => {
            format!("{} (Q{q})", naam(id))
        }
        _ => naam(id).to_string(),
    }
}

/// Header of the label column ("Cluster", "Categorie", …).
pub fn label_kop(id: TableId) -> &'static str {
    match id {
        TableId::KlagersPerClusterKwartaal => "Cluster",
        TableId::CategorieenPerKwartaal | TableId::CategorieenMeerjarig => "Categorie",
        TableId::KlachtenPerJaar => "Jaar",
        TableId::KlagersPerType => "Klager",
        TableId::Instroom => "Instroom",
        TableId::Afhandeling => "Afhandeling",
        TableId::Tevredenheid => "Uitkomst voor de klager",
        TableId::Oordeel | TableId::OordeelPerDeelklacht => "Oordeel",
        TableId::Regeling => "Regeling",
        TableId::Zorgrelatie => "Zorgrelatie",
        TableId::SoortZorg => "Soort zorg",
        TableId::Kanaal => "Kanaal",
        TableId::Doorlooptijd => "Weken",
        TableId::Termijnen => "Termijn",
        TableId::Signaal(_) => "Signaal",
        TableId::RoutesNaastElkaar => "Route",
        TableId::RouteCategorieen(_) => "Categorie",
    }
}

/// (heading, explanation) of a table's section in the PDF; a quarterly report speaks of its
/// quarter, the termijnen section of the terms it measures against.
///
/// `vaste_volgorde`: the categories follow the configured order, not their total (the
/// multi-year table says which).
pub fn sectie(
    id: TableId,
    periode: Periode,
    termijnen: &Termijnen,
    vaste_volgorde: bool,
) -> (&'static str, String) {
    let (kop, uitleg) = jaar_sectie(id);
    // The day the terms were measured on, when one is set, closes the sections it applies to.
    let peil = |tekst: String| match termijnen.peildatum_uitleg() {
        Some(p) => format!("{tekst} {p}"),
        None => tekst,
    };
    if id == TableId::Termijnen {
        return (
            kop,
            peil(format!(
                "Gemeten aan {}, met verlenging {}. {}",
                termijnen.naam(),
                termijnen.verlenging.tekst(),
                termijnen.noemer_uitleg()
            )),
        );
    }
    if id == TableId::Doorlooptijd {
        return (kop, peil(uitleg.to_string()));
    }
    if id == TableId::CategorieenMeerjarig && vaste_volgorde {
        let wanneer = match periode.is_kwartaal() {
            true => "in dit kwartaal en hetzelfde kwartaal in de jaren ervoor",
            false => "in het verslagjaar en de jaren ervoor",
        };
        return (
            kop,
            format!(
                "De deelklachten per categorie {wanneer}, in de vaste volgorde van de categorieën."
            ),
        );
    }
    if !periode.is_kwartaal() {
        return (kop, uitleg.to_string());
    }
    let uitleg = match id {
        TableId::KlagersPerClusterKwartaal => "Het aantal klachten in behandeling per cluster in dit kwartaal en, waar het register zo ver teruggaat, in hetzelfde kwartaal een jaar eerder. Meldingen en niet-ontvankelijke klachten tellen hier niet mee.".to_string(),
        TableId::CategorieenPerKwartaal => format!("{uitleg} Naast dit kwartaal staat hetzelfde kwartaal een jaar eerder."),
        TableId::CategorieenMeerjarig => "De deelklachten per categorie in dit kwartaal en hetzelfde kwartaal in de jaren ervoor, gesorteerd op het totaal over die jaren.".to_string(),
        TableId::KlachtenPerJaar => "Het aantal klachten in behandeling in dit kwartaal en hetzelfde kwartaal in de jaren ervoor.".to_string(),
        TableId::Instroom => "Alles wat in het kwartaal binnenkwam: klachten die in behandeling zijn genomen, klachten die niet ontvankelijk waren en meldingen.".to_string(),
        // The other explanations do not name the period.
        _ => uitleg.to_string(),
    };
    (kop, uitleg)
}

/// What the explanation of a table adds when the register has one row per deelklacht: the
/// categories count every deelklacht, a category again each time it comes back in one
/// complaint; the tables per complaint count the rows of one complaint once.
pub fn per_deelklacht(id: TableId, rij_per: crate::register::RijPer) -> Option<&'static str> {
    if rij_per.is_klacht() {
        return None;
    }
    Some(match id {
        TableId::CategorieenPerKwartaal | TableId::CategorieenMeerjarig => {
            "Elke rij van het register is een deelklacht: een categorie die binnen één klacht vaker voorkomt, telt elke keer mee."
        }
        TableId::KlagersPerClusterKwartaal | TableId::KlachtenPerJaar => {
            "De rijen met hetzelfde klachtnummer zijn één klacht en tellen één keer."
        }
        _ => return None,
    })
}

fn jaar_sectie(id: TableId) -> (&'static str, &'static str) {
    match id {
        TableId::KlagersPerClusterKwartaal => (
            "Klagers per cluster",
            "Het aantal klachten in behandeling per cluster, naar het kwartaal waarin de klacht binnenkwam. Meldingen en niet-ontvankelijke klachten tellen hier niet mee.",
        ),
        TableId::CategorieenPerKwartaal => (
            "Waar gingen de klachten over",
            "Eén klacht kan over meer onderwerpen gaan: elke vastgelegde categorie telt als een deelklacht. Daardoor is het totaal hier hoger dan het aantal klachten.",
        ),
        TableId::CategorieenMeerjarig => (
            "Categorieën over de jaren",
            "De deelklachten per categorie in het verslagjaar en de jaren ervoor, gesorteerd op het totaal over die jaren.",
        ),
        TableId::KlachtenPerJaar => (
            "Klachten per jaar",
            "Het aantal klachten in behandeling in het verslagjaar en de jaren ervoor.",
        ),
        TableId::Afhandeling => (
            "Afhandeling",
            "Hoe de klachten in behandeling zijn afgehandeld. Klachten die nog niet zijn afgerond staan als Lopend.",
        ),
        TableId::Tevredenheid => (
            "Tevredenheid van de klager",
            "Of de klacht naar tevredenheid van de klager is opgelost, geteld per klacht in behandeling. Klachten die nog niet zijn afgerond en waarvan de uitkomst nog niet is vastgelegd, staan als Lopend.",
        ),
        TableId::Oordeel => (
            "Oordeel",
            "Het oordeel over de klachten in behandeling, geteld per klacht: één oordeel per klacht, ook als de klacht over meer onderwerpen ging. Klachten die nog niet zijn afgerond en nog geen oordeel hebben, staan als Lopend.",
        ),
        TableId::OordeelPerDeelklacht => (
            "Oordeel per deelklacht",
            "Het oordeel over elke deelklacht van de klachten in behandeling, geteld per deelklacht: één klacht kan deelklachten met een verschillend oordeel hebben, en het totaal is het aantal deelklachten, niet het aantal klachten. Deelklachten van klachten die nog niet zijn afgerond en nog geen oordeel hebben, staan als Lopend.",
        ),
        TableId::Regeling => ("Regeling", "Onder welke wet de klacht viel."),
        TableId::Zorgrelatie => (
            "Zorgrelatie",
            "Of de zorgrelatie nog liep toen de klacht werd ingediend.",
        ),
        TableId::SoortZorg => (
            "Soort zorg",
            "De klachten in behandeling naar de soort zorg waarover ze gingen.",
        ),
        TableId::Kanaal => ("Kanaal", "Hoe de klachten binnenkwamen."),
        TableId::Doorlooptijd => (
            "Doorlooptijd",
            "De tijd van ontvangst tot afhandeling in weken (kalenderdagen gedeeld door 7). Klachten die nog niet zijn afgehandeld staan als Lopend.",
        ),
        // Said by `Termijnen::noemer_uitleg`, which knows the denominator.
        TableId::Termijnen => ("Termijnen", ""),
        TableId::KlagersPerType => (
            "Wie dienden een klacht in",
            "De klachten in behandeling naar wie de klacht indiende.",
        ),
        TableId::Instroom => (
            "Instroom",
            "Alles wat in het verslagjaar binnenkwam: klachten die in behandeling zijn genomen, klachten die niet ontvankelijk waren en meldingen.",
        ),
        // The heading and the explanation are the config's (`Table::eigen`).
        TableId::Signaal(_) => ("Andere signalen", ""),
        // The heading and the explanation are made with the table (`Table::eigen`).
        TableId::RoutesNaastElkaar | TableId::RouteCategorieen(_) => ("Routes naast elkaar", ""),
    }
}

/// The PDF chapter a table stands in: "cijfers" (who, what, where), "afhandeling"
/// (outcomes and terms) "signalen" (the config's other signals, `[[signaal]]`) or "routes" (`[verslag] routes`).
pub fn hoofdstuk(id: TableId) -> &'static str {
    match id {
        TableId::Afhandeling
        | TableId::Tevredenheid
        | TableId::Oordeel
        | TableId::OordeelPerDeelklacht
        | TableId::Doorlooptijd
        | TableId::Termijnen => "afhandeling",
        TableId::Signaal(_) => "signalen",
        TableId::RoutesNaastElkaar | TableId::RouteCategorieen(_) => "routes",
        _ => "cijfers",
    }
}

/// The title of a table's chart, for the tables that have one. `gestapeld`: the clusters'
/// bars stacked by quarter (a year report); `banden`: the doorlooptijd bars coloured by the
/// terms (only when the terms fall on bucket boundaries).
pub fn grafiek_titel(
    id: TableId,
    periode: Periode,
    gestapeld: bool,
    banden: bool,
    termijnen: &Termijnen,
) -> Option<String> {
    Some(match id {
        TableId::CategorieenPerKwartaal => "Deelklachten per categorie".into(),
        TableId::KlagersPerClusterKwartaal if gestapeld => {
            "Klachten per cluster en kwartaal".into()
        }
        TableId::KlagersPerClusterKwartaal => format!("Klachten per cluster in {}", periode.kort()),
        TableId::KlachtenPerJaar => "Klachten in behandeling per jaar".into(),
        TableId::Doorlooptijd if banden => format!(
            "Doorlooptijd in weken, gekleurd naar {} termijnen van {} en {}",
            if termijnen.wettelijk {
                "de wettelijke"
            } else {
                "de eigen"
            },
            termijnen.afhandeling.tekst(),
            termijnen.verlenging.tekst()
        ),
        TableId::Doorlooptijd => "Doorlooptijd in weken".into(),
        TableId::Instroom => "Instroom".into(),
        TableId::Afhandeling => "Afhandeling van de klachten".into(),
        _ => return None,
    })
}

/// The rows of the termijnen table, by the terms of the config.
pub fn termijn_rij(wat: TermijnRij, t: &Termijnen) -> String {
    match wat {
        TermijnRij::BinnenTermijn => format!("Afgehandeld binnen {}", t.afhandeling.tekst()),
        TermijnRij::BinnenVerlenging => format!("Afgehandeld binnen {}", t.verlenging.tekst()),
        TermijnRij::NaVerlenging => format!("Afgehandeld na meer dan {}", t.verlenging.tekst()),
        TermijnRij::EersteContactWerkdagen(n) => format!("Eerste contact binnen {n} werkdagen"),
        TermijnRij::EersteContactDagen(n) => format!("Eerste contact binnen {n} dagen"),
        TermijnRij::Lopend => "Nog lopend".into(),
    }
}
