//! Rates per volume (`[[volume]]`): "2,35 klachten per 1.000 cliënten", "0,05% van de
//! verrichtingen". The config gives a denominator per year (and, in a batch, per unit under
//! `[eenheid."<naam>"]`); the numerator is the complaints taken into procedure of that year,
//! the count of `klachten_per_jaar`. A rate gives its count back (rate × volume), so the
//! public version hides a rate wherever it hides the count.
//!
//! A quarterly report has no rates: the volumes are a year's.

use serde::{Deserialize, Serialize};

use super::cell::Cell;
use super::table::{Kol, Rij, Table, TableId};
use super::{Figures, Periode};

/// One year's denominator, as the config gives it (`[[volume]]`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "VolumeRaw")]
pub struct Volume {
    /// The year.
    pub jaar: i32,
    /// How many (cliënten, verrichtingen, opnames) there were that year.
    pub aantal: u64,
    /// What is counted, plural: "cliënten".
    pub eenheid: String,
    /// The rate is per this many (1000: "per 1.000 cliënten"; 100: a percentage).
    pub per: u64,
}

/// `[[volume]]` as written, checked into a [`Volume`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VolumeRaw {
    jaar: i32,
    aantal: u64,
    eenheid: String,
    per: Option<u64>,
}

/// The bases a rate may be given per.
pub const PER: [u64; 4] = [100, 1_000, 10_000, 100_000];

impl TryFrom<VolumeRaw> for Volume {
    type Error = String;

    fn try_from(r: VolumeRaw) -> Result<Self, String> {
        let waar = format!("[[volume]] jaar = {}", r.jaar);
        if !(1990..=2200).contains(&r.jaar) {
            return Err(format!("{waar}: kies een jaar van 1990 tot en met 2200"));
        }
        if r.aantal == 0 {
            return Err(format!(
                "{waar}: aantal is 0; een verhoudingsgetal deelt door dit aantal, geef het aantal van dat jaar"
            ));
        }
        let eenheid = crate::register::normalize::clean(&r.eenheid);
        if eenheid.is_empty() {
            return Err(format!(
                "{waar}: eenheid is leeg; zeg wat er geteld is, bijvoorbeeld \"cliënten\""
            ));
        }
        let per = r.per.unwrap_or(1_000);
        if !PER.contains(&per) {
            return Err(format!(
                "{waar}: per = {per} kan niet; kies 100 (een percentage), 1000, 10000 of 100000"
            ));
        }
        Ok(Volume {
            jaar: r.jaar,
            aantal: r.aantal,
            eenheid,
            per,
        })
    }
}

/// A rate of one year: complaints in procedure per `per` of the volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verhoudingsgetal {
    /// What the volume counts: "cliënten".
    pub eenheid: String,
    /// Per how many.
    pub per: u64,
    /// The year.
    pub jaar: i32,
    /// The volume of that year.
    pub volume: u64,
    /// Complaints in procedure that year (hidden with the count in a public version).
    pub klachten: Cell,
    /// The rate, two decimals (hidden with the count).
    pub waarde: Cell,
}

impl Verhoudingsgetal {
    /// What the rate says, as a label: "klachten per 1.000 cliënten", "klachten in % van de
    /// verrichtingen".
    pub fn label(&self) -> String {
        match self.per {
            100 => format!("klachten in % van de {}", self.eenheid),
            _ => format!("klachten {}", kop(&self.eenheid, self.per).to_lowercase()),
        }
    }
}

/// The rate's column header: "Per 1.000 cliënten", or "% van de verrichtingen" for `per` 100.
pub fn kop(eenheid: &str, per: u64) -> String {
    match per {
        100 => format!("% van de {eenheid}"),
        _ => format!("Per {} {eenheid}", crate::nl::getal(per)),
    }
}

/// The volume's column header: "Cliënten".
pub fn volume_kop(eenheid: &str) -> String {
    let mut c = eenheid.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `n` per `per` of `volume`, two decimals (the volume is never 0: the config refuses it).
pub fn waarde(n: u64, volume: u64, per: u64) -> f64 {
    (n as f64 * per as f64 * 100.0 / volume.max(1) as f64).round() / 100.0
}

/// The units of the configured volumes, in the order the config first names them, each with
/// its `per`.
pub fn eenheden(volumes: &[Volume]) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for v in volumes {
        if !out.iter().any(|(e, _)| *e == v.eenheid) {
            out.push((v.eenheid.clone(), v.per));
        }
    }
    out
}

/// A rate as every output shows it: "2,35", or "0,05%" for a percentage.
pub fn tekst(x: f64, per: u64) -> String {
    match per {
        100 => format!("{}%", crate::nl::decimalen(x, 2)),
        _ => crate::nl::decimalen(x, 2),
    }
}

/// The volume and rate columns of `klachten_per_jaar`, one pair per unit (the table's Aantal
/// column is its first): a year without a volume gets "–" in both.
pub(super) fn kolommen(t: &mut Table, volumes: &[Volume]) {
    let eenheden = eenheden(volumes);
    if eenheden.is_empty() {
        return;
    }
    for (i, (eenheid, per)) in (0u8..).zip(&eenheden) {
        t.kolommen.push(volume_kop(eenheid));
        t.kolom_keys.push(Kol::Volume(i));
        t.kolommen.push(kop(eenheid, *per));
        t.kolom_keys.push(Kol::Verhouding(i));
        for r in &mut t.rijen {
            let n = match (&r.key, r.waarden.first()) {
                (Rij::Jaar(_), Some(Cell::Aantal(n))) => Some(*n),
                _ => None,
            };
            let v = match r.key {
                Rij::Jaar(y) => volumes
                    .iter()
                    .find(|v| v.jaar == y && v.eenheid == *eenheid),
                _ => None,
            };
            match (n, v) {
                (Some(n), Some(v)) => {
                    r.waarden.push(Cell::Aantal(v.aantal));
                    r.waarden.push(Cell::Verhouding(waarde(n, v.aantal, v.per)));
                }
                _ => {
                    r.waarden.push(Cell::Geen);
                    r.waarden.push(Cell::Geen);
                }
            }
        }
    }
}

/// The rates of the years in `klachten_per_jaar` that have a volume, unit by unit, newest
/// year first (the key figures show the report year's, beside the comparison year's).
pub(super) fn verhoudingen(tabellen: &[Table], volumes: &[Volume]) -> Vec<Verhoudingsgetal> {
    let Some(t) = tabellen.iter().find(|t| t.id == TableId::KlachtenPerJaar) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (eenheid, per) in eenheden(volumes) {
        for r in &t.rijen {
            let (Rij::Jaar(jaar), Some(Cell::Aantal(n))) = (&r.key, r.waarden.first()) else {
                continue;
            };
            if let Some(v) = volumes
                .iter()
                .find(|v| v.jaar == *jaar && v.eenheid == eenheid)
            {
                out.push(Verhoudingsgetal {
                    eenheid: eenheid.clone(),
                    per,
                    jaar: *jaar,
                    volume: v.aantal,
                    klachten: Cell::Aantal(*n),
                    waarde: Cell::Verhouding(waarde(*n, v.aantal, per)),
                });
            }
        }
    }
    out
}

/// A unit with volumes for other years but none for the report year gives no rate in the key
/// figures: say so.
pub(super) fn waarschuwingen(volumes: &[Volume], years: &[i32], periode: Periode) -> Vec<String> {
    let jaar = periode.jaar;
    eenheden(volumes)
        .into_iter()
        .filter(|(e, _)| !volumes.iter().any(|v| v.jaar == jaar && v.eenheid == *e))
        .map(|(e, _)| {
            let andere: Vec<String> = years
                .iter()
                .filter(|y| volumes.iter().any(|v| v.jaar == **y && v.eenheid == e))
                .map(i32::to_string)
                .collect();
            format!(
                "waarschuwing: [[volume]]: geen aantal {e} voor {jaar}; het verslag geeft het verhoudingsgetal alleen voor {}",
                match andere.is_empty() {
                    true => "geen enkel jaar in de tabel".to_string(),
                    false => crate::nl::opsomming(&andere),
                }
            )
        })
        .collect()
}

/// Public version: a rate is hidden wherever the count it is taken from is hidden (in
/// `klachten_per_jaar`, which the public version has already protected), and with the whole
/// table when that table is left out.
pub fn verberg(f: &mut Figures) {
    let tabel = f.table(TableId::KlachtenPerJaar).cloned();
    for v in &mut f.verhoudingen {
        let cel = tabel.as_ref().map(|t| {
            t.cel(&Rij::Jaar(v.jaar), Kol::Aantal)
                .map_or(Cell::Afgeschermd, |(r, c)| t.rijen[r].waarden[c])
        });
        match cel {
            Some(Cell::Aantal(_)) => {}
            Some(hidden) => {
                v.klachten = hidden;
                v.waarde = Cell::Afgeschermd;
            }
            None => {
                v.klachten = Cell::Afgeschermd;
                v.waarde = Cell::Afgeschermd;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_and_their_words() {
        assert_eq!(waarde(29, 12_345, 1000), 2.35);
        assert_eq!(waarde(5, 10_000, 100), 0.05);
        assert_eq!(tekst(2.35, 1000), "2,35");
        assert_eq!(tekst(0.05, 100), "0,05%");
        assert_eq!(kop("cliënten", 1000), "Per 1.000 cliënten");
        assert_eq!(kop("verrichtingen", 100), "% van de verrichtingen");
        assert_eq!(volume_kop("cliënten"), "Cliënten");
    }
}
