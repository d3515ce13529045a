//! Registers with one row per deelklacht (`[register] rij = "deelklacht"`), as commissions
//! keep them: the rows that share a klachtnummer form one complaint.
//!
//! Each row is one deelklacht (its categorie, or each category of its cell, with its
//! oordeel). Every other column says something about the complaint: a filled cell must agree
//! with the complaint's earlier rows (a conflict is an error on the later row, which then
//! does not count), and an empty one takes the complaint's value, so a register that fills
//! those columns on the first row only (or in merged cells) reads the same.

use rustc_hash::FxHashMap;

use crate::register::headers::Kolom;
use crate::register::{Closed, Deelklacht, Klacht, Register};

/// The rows of one complaint so far.
pub(super) struct Groep {
    /// The complaint's index in [`Register::klachten`].
    index: usize,
    /// (file index, rij) of each row that counted.
    rijen: Vec<(usize, u32)>,
}

/// The complaints met so far, by klachtnummer.
#[derive(Default)]
pub(in crate::register) struct Groepen {
    by_nummer: FxHashMap<String, Groep>,
}

/// A row that belongs to a complaint seen before: where that complaint is.
pub(super) struct Eerder {
    index: usize,
    nummer: String,
}

/// A complaint-level cell of a row that differs from its complaint's.
pub(super) struct Conflict {
    /// The column.
    pub(super) kolom: Kolom,
    /// The complaint's value.
    pub(super) eerder: String,
    /// The row's value.
    pub(super) hier: String,
    /// The complaint's rows so far: rij, with the file's name when it is another file.
    pub(super) rijen: Vec<(Option<String>, u32)>,
}

/// The complaint-level columns: what a complaint's rows must agree on.
const KLACHTKOLOMMEN: [Kolom; 16] = [
    Kolom::DatumOntvangst,
    Kolom::DatumAfgehandeld,
    Kolom::DatumEersteContact,
    Kolom::Zorgaanbieder,
    Kolom::Cluster,
    Kolom::SoortZorg,
    Kolom::Klager,
    Kolom::Kanaal,
    Kolom::Soort,
    Kolom::Regeling,
    Kolom::Afhandeling,
    Kolom::Zorgrelatie,
    Kolom::Bemiddelingsgesprek,
    Kolom::Verlengd,
    Kolom::Geschil,
    Kolom::Tevredenheid,
];

/// A complaint's value in a complaint-level column, as the messages show it (`None`: empty).
fn waarde(k: &Klacht, kolom: Kolom) -> Option<String> {
    let datum = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%d-%m-%Y").to_string());
    let ja_nee = |b: Option<bool>| b.map(|b| if b { "ja" } else { "nee" }.to_string());
    let label = |l: Option<&str>| l.map(str::to_string);
    match kolom {
        Kolom::DatumOntvangst => datum(Some(k.datum_ontvangst)),
        Kolom::DatumAfgehandeld => datum(k.datum_afgehandeld),
        Kolom::DatumEersteContact => datum(k.datum_eerste_contact),
        Kolom::Zorgaanbieder => label(k.zorgaanbieder.as_deref()),
        Kolom::Cluster => label(k.cluster.as_deref()),
        Kolom::SoortZorg => label(k.soort_zorg.as_deref()),
        Kolom::Klager => label(k.klager.map(Closed::label)),
        Kolom::Kanaal => label(k.kanaal.map(Closed::label)),
        Kolom::Soort => label(k.soort.map(Closed::label)),
        Kolom::Regeling => label(k.regeling.map(Closed::label)),
        Kolom::Afhandeling => label(k.afhandeling.map(Closed::label)),
        Kolom::Zorgrelatie => label(k.zorgrelatie.map(Closed::label)),
        Kolom::Bemiddelingsgesprek => ja_nee(k.bemiddelingsgesprek),
        Kolom::Verlengd => ja_nee(k.verlengd),
        Kolom::Geschil => ja_nee(k.geschil),
        Kolom::Tevredenheid => label(k.tevredenheid.map(Closed::label)),
        _ => None,
    }
}

/// A row's deelklachten: each category of its cell with the row's oordeel, or one without
/// category (Onbekend).
fn van_rij(k: &Klacht) -> Vec<Deelklacht> {
    if k.categorieen.is_empty() {
        return vec![Deelklacht {
            categorie: None,
            oordeel: k.oordeel,
        }];
    }
    k.categorieen
        .iter()
        .map(|c| Deelklacht {
            categorie: Some(c.clone()),
            oordeel: k.oordeel,
        })
        .collect()
}

impl Groepen {
    /// The complaint a row with this klachtnummer belongs to, when it was met before.
    pub(super) fn eerder(&self, nummer: &str) -> Option<Eerder> {
        self.by_nummer.get(nummer).map(|g| Eerder {
            index: g.index,
            nummer: nummer.to_string(),
        })
    }

    /// The complaint-level cells of `row` that differ from its complaint's (`file`: this
    /// row's file, whose name the message leaves out).
    pub(super) fn conflicten(
        &self,
        eerder: &Eerder,
        register: &Register,
        row: &Klacht,
        file: usize,
    ) -> Vec<Conflict> {
        let Some(groep) = self.by_nummer.get(&eerder.nummer) else {
            return Vec::new();
        };
        let klacht = &register.klachten[eerder.index];
        let rijen: Vec<(Option<String>, u32)> = groep
            .rijen
            .iter()
            .map(|&(f, r)| {
                let name = (f != file)
                    .then(|| register.files.get(f).map(|p| crate::register::file_name(p)))
                    .flatten();
                (name, r)
            })
            .collect();
        KLACHTKOLOMMEN
            .iter()
            .filter_map(|&kolom| match (waarde(klacht, kolom), waarde(row, kolom)) {
                (Some(eerder), Some(hier)) if eerder != hier => Some(Conflict {
                    kolom,
                    eerder,
                    hier,
                    rijen: rijen.clone(),
                }),
                _ => None,
            })
            .collect()
    }

    /// A row of a new complaint: it starts its complaint and its deelklachten.
    pub(super) fn begin(
        &mut self,
        register: &mut Register,
        nummer: String,
        mut k: Klacht,
        file: usize,
    ) {
        register.deelklachten.insert(k.bron, van_rij(&k));
        // The verdict is the deelklachten's, not the complaint's.
        k.oordeel = None;
        let row = k.bron.row;
        self.by_nummer.insert(
            nummer,
            Groep {
                index: register.klachten.len(),
                rijen: vec![(file, row)],
            },
        );
        register.klachten.push(k);
    }

    /// A further row of a complaint (without conflicts): its deelklachten are added, and the
    /// complaint's empty cells take the row's values.
    pub(super) fn add(
        &mut self,
        register: &mut Register,
        eerder: Eerder,
        row: Klacht,
        file: usize,
    ) {
        if let Some(g) = self.by_nummer.get_mut(&eerder.nummer) {
            g.rijen.push((file, row.bron.row));
        }
        let klacht = &mut register.klachten[eerder.index];
        register
            .deelklachten
            .entry(klacht.bron)
            .or_default()
            .extend(van_rij(&row));
        if !row.categorieen.is_empty() {
            let mut all: Vec<crate::register::Label> = klacht.categorieen.to_vec();
            all.extend(row.categorieen.iter().cloned());
            klacht.categorieen = all.into();
        }
        fn fill<T>(slot: &mut Option<T>, v: Option<T>) {
            if slot.is_none() {
                *slot = v;
            }
        }
        fill(&mut klacht.datum_afgehandeld, row.datum_afgehandeld);
        fill(&mut klacht.datum_eerste_contact, row.datum_eerste_contact);
        fill(&mut klacht.zorgaanbieder, row.zorgaanbieder);
        fill(&mut klacht.cluster, row.cluster);
        fill(&mut klacht.soort_zorg, row.soort_zorg);
        fill(&mut klacht.klager, row.klager);
        fill(&mut klacht.kanaal, row.kanaal);
        fill(&mut klacht.soort, row.soort);
        fill(&mut klacht.regeling, row.regeling);
        fill(&mut klacht.afhandeling, row.afhandeling);
        fill(&mut klacht.zorgrelatie, row.zorgrelatie);
        fill(&mut klacht.bemiddelingsgesprek, row.bemiddelingsgesprek);
        fill(&mut klacht.verlengd, row.verlengd);
        fill(&mut klacht.geschil, row.geschil);
        fill(&mut klacht.tevredenheid, row.tevredenheid);
        // A measure recorded on any deelklacht is a measure for the complaint (free text:
        // never compared).
        klacht.verbetermaatregel |= row.verbetermaatregel;
    }
}
