//! Other signals beside the complaints (`[[signaal]]`): meldingen to the inspectorate or the
//! board, incidents by kind, claims. The provider has them as totals, so the config gives each
//! table's rows; they are printed as small tables of their own (a chapter *Andere signalen*),
//! in the JSON and the XLSX, and the public version protects their cells like every table's
//! (their Totaal row is the sum of the rows by its shape; they share no count with the
//! complaints).

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::table::{Cell, EigenTekst, Kol, Rij, Row, RowKind, TOTAAL, Table, TableId};

/// One table of other signals, as the config gives it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "SignaalRaw")]
pub struct Signaal {
    /// The caption and section heading: "Meldingen aan de IGJ".
    pub titel: String,
    /// Header of the label column (default "Soort").
    pub kop: String,
    /// A paragraph above the table (empty when none).
    pub toelichting: String,
    /// (label, count) in the config's order.
    pub rijen: Vec<(String, u64)>,
    /// A Totaal row under the rows (`totaal = false` when the rows are not parts of one
    /// whole, as "ingediend" and "afgewezen" claims).
    pub totaal: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignaalRaw {
    titel: String,
    kop: Option<String>,
    toelichting: Option<String>,
    rijen: Vec<SignaalRij>,
    totaal: Option<bool>,
}

/// `["Calamiteiten", 3]`: a label and a count.
#[derive(Debug)]
struct SignaalRij(String, u64);

const RIJ_VORM: &str =
    "[[signaal]] rijen: elke rij is [\"naam\", aantal], bijvoorbeeld [\"Calamiteiten\", 3]";

impl<'de> Deserialize<'de> for SignaalRij {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SignaalRij;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(RIJ_VORM)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SignaalRij, A::Error> {
                let naam: String = seq
                    .next_element()
                    .map_err(|_| de::Error::custom(RIJ_VORM))?
                    .ok_or_else(|| de::Error::custom(RIJ_VORM))?;
                let aantal: u64 = seq
                    .next_element()
                    .map_err(|_| {
                        de::Error::custom(format!(
                            "{RIJ_VORM}; bij \"{naam}\" is het aantal geen geheel getal van 0 of meer"
                        ))
                    })?
                    .ok_or_else(|| de::Error::custom(format!("{RIJ_VORM}; bij \"{naam}\" ontbreekt het aantal")))?;
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(format!(
                        "{RIJ_VORM}; bij \"{naam}\" staat meer dan een naam en een aantal"
                    )));
                }
                Ok(SignaalRij(naam, aantal))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<SignaalRij, E> {
                Err(E::custom(format!("{RIJ_VORM}; \"{v}\" heeft geen aantal")))
            }
        }
        d.deserialize_any(V)
    }
}

impl TryFrom<SignaalRaw> for Signaal {
    type Error = String;

    fn try_from(r: SignaalRaw) -> Result<Self, String> {
        let clean = crate::register::normalize::clean;
        let titel = clean(&r.titel);
        if titel.is_empty() {
            return Err("[[signaal]]: titel is leeg; geef de tabel een titel, bijvoorbeeld \"Meldingen aan de IGJ\"".into());
        }
        let waar = format!("[[signaal]] titel = \"{titel}\"");
        if r.rijen.is_empty() {
            return Err(format!("{waar}: rijen is leeg; geef minstens één rij"));
        }
        let mut rijen: Vec<(String, u64)> = Vec::new();
        for SignaalRij(naam, n) in r.rijen {
            let naam = clean(&naam);
            if naam.is_empty() {
                return Err(format!("{waar}: een rij heeft geen naam"));
            }
            let key = crate::register::normalize::label_key(&naam);
            if key == crate::register::normalize::label_key(TOTAAL) {
                return Err(format!(
                    "{waar}: een rij \"{naam}\" kan niet; de tabel krijgt zelf een rij Totaal"
                ));
            }
            if let Some((prev, _)) = rijen
                .iter()
                .find(|(p, _)| crate::register::normalize::label_key(p) == key)
            {
                return Err(format!(
                    "{waar}: rij \"{naam}\" staat er dubbel in (ook als \"{prev}\")"
                ));
            }
            rijen.push((naam, n));
        }
        Ok(Signaal {
            titel,
            kop: r
                .kop
                .map(|k| clean(&k))
                .filter(|k| !k.is_empty())
                .unwrap_or_else(|| "Soort".into()),
            toelichting: r
                .toelichting
                .map(|t| t.trim().to_string())
                .unwrap_or_default(),
            rijen,
            totaal: r.totaal.unwrap_or(true),
        })
    }
}

impl Signaal {
    /// The table: the rows in the config's order with their Aantal, and a Totaal row.
    pub fn table(&self, n: u8) -> Table {
        let rij = |label: &str, key: Rij, aantal: u64| Row {
            label: label.to_string(),
            waarden: vec![Cell::Aantal(aantal)],
            kind: if key == Rij::Totaal {
                RowKind::Totaal
            } else {
                RowKind::Data
            },
            key,
        };
        let mut rijen: Vec<Row> = self
            .rijen
            .iter()
            .map(|(l, a)| rij(l, Rij::Waarde(l.clone()), *a))
            .collect();
        if self.totaal {
            let totaal = self.rijen.iter().map(|(_, a)| a).sum();
            rijen.push(rij(TOTAAL, Rij::Totaal, totaal));
        }
        let mut t = Table::new(
            TableId::Signaal(n),
            vec![(Kol::Aantal, "Aantal".into())],
            rijen,
        );
        t.titel.clone_from(&self.titel);
        t.eigen = Some(EigenTekst {
            label_kop: self.kop.clone(),
            uitleg: self.toelichting.clone(),
        });
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Signaal>, String> {
        #[derive(Deserialize)]
        struct C {
            signaal: Vec<Signaal>,
        }
        toml::from_str::<C>(text)
            .map(|c| c.signaal)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn rows_are_a_name_and_a_count() {
        let s = parse("[[signaal]]\ntitel = \"Meldingen aan de IGJ\"\nrijen = [[\"Calamiteiten\", 3], [\"Geweld\", 1]]\n").unwrap();
        let t = s[0].table(1);
        assert_eq!(t.id.as_str(), "signaal_1");
        assert_eq!(t.titel, "Meldingen aan de IGJ");
        assert_eq!(t.rijen.last().unwrap().waarden, vec![Cell::Aantal(4)]);
        assert_eq!(t.label_kop(), "Soort");
        let s = parse("[[signaal]]\ntitel = \"Claims\"\ntotaal = false\nrijen = [[\"Ingediend\", 6], [\"Afgewezen\", 4]]\n").unwrap();
        assert_eq!(s[0].table(2).rijen.len(), 2);
        for (text, says) in [
            (
                "rijen = [[\"A\", \"3\"]]",
                "bij \"A\" is het aantal geen geheel getal",
            ),
            ("rijen = [[\"A\"]]", "bij \"A\" ontbreekt het aantal"),
            ("rijen = [[\"A\", 1, 2]]", "meer dan een naam en een aantal"),
            (
                "rijen = [[\"A\", -1]]",
                "bij \"A\" is het aantal geen geheel getal",
            ),
            ("rijen = [\"A\"]", "\"A\" heeft geen aantal"),
            ("rijen = []", "rijen is leeg"),
            (
                "rijen = [[\"A\", 1], [\"a \", 2]]",
                "rij \"a\" staat er dubbel in",
            ),
            (
                "rijen = [[\"Totaal\", 1]]",
                "de tabel krijgt zelf een rij Totaal",
            ),
        ] {
            let e = parse(&format!("[[signaal]]\ntitel = \"X\"\n{text}\n")).unwrap_err();
            assert!(e.contains(says), "{text}: {e}");
        }
        let e = parse("[[signaal]]\ntitel = \" \"\nrijen = [[\"A\", 1]]\n").unwrap_err();
        assert!(e.contains("titel is leeg"), "{e}");
    }
}
