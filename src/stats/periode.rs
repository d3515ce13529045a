//! The report period: a calendar year (jaarverslag) or one quarter of it (kwartaalrapportage).
//!
//! A complaint belongs to the period in which it was received (contract: year and quarter of
//! datum_ontvangst). A quarterly report compares with the same quarter of earlier years, so
//! seasonal patterns do not read as trends.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// The quarters' ordinals as a sentence says them ("het derde kwartaal").
pub const RANGTELWOORD: [&str; 4] = ["eerste", "tweede", "derde", "vierde"];

/// A year, or one quarter of a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Periode {
    /// The year.
    pub jaar: i32,
    /// The quarter (1–4); `None` for the whole year.
    pub kwartaal: Option<u8>,
}

impl Periode {
    /// The complaints of `register` received in this period (the contract: a complaint
    /// belongs to the period of its datum_ontvangst).
    pub fn klachten(
        self,
        register: &crate::register::Register,
    ) -> impl Iterator<Item = &crate::register::Klacht> {
        register
            .klachten
            .iter()
            .filter(move |k| self.contains(k.datum_ontvangst))
    }

    /// The whole year.
    pub fn jaar(jaar: i32) -> Periode {
        Periode {
            jaar,
            kwartaal: None,
        }
    }

    /// One quarter (1–4) of a year; `None` for another number.
    pub fn kwartaal(jaar: i32, kwartaal: u8) -> Option<Periode> {
        (1..=4).contains(&kwartaal).then_some(Periode {
            jaar,
            kwartaal: Some(kwartaal),
        })
    }

    /// The same part of another year (the comparison period).
    pub fn in_jaar(self, jaar: i32) -> Periode {
        Periode { jaar, ..self }
    }

    /// The same period one year earlier.
    pub fn vorig_jaar(self) -> Periode {
        self.in_jaar(self.jaar - 1)
    }

    /// First day.
    pub fn van(self) -> NaiveDate {
        let month = self.kwartaal.map_or(1, |q| u32::from(q) * 3 - 2);
        NaiveDate::from_ymd_opt(self.jaar, month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Last day.
    pub fn tot_en_met(self) -> NaiveDate {
        let (jaar, month) = match self.kwartaal {
            None | Some(4) => (self.jaar + 1, 1),
            Some(q) => (self.jaar, u32::from(q) * 3 + 1),
        };
        NaiveDate::from_ymd_opt(jaar, month, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(NaiveDate::MAX)
    }

    /// Whether a date falls in the period.
    pub fn contains(self, d: NaiveDate) -> bool {
        d.year() == self.jaar && self.zelfde_deel(d)
    }

    /// Whether a date falls in the same part of its own year (any year when the period is a
    /// whole year; the same quarter otherwise).
    pub fn zelfde_deel(self, d: NaiveDate) -> bool {
        self.kwartaal
            .is_none_or(|q| u32::from(q) == (d.month() - 1) / 3 + 1)
    }

    /// For file names and JSON: "2024" or "2024-Q3".
    pub fn label(self) -> String {
        match self.kwartaal {
            None => self.jaar.to_string(),
            Some(q) => format!("{}-Q{q}", self.jaar),
        }
    }

    /// A column or row header: "2024" or "Q3 2024".
    pub fn kort(self) -> String {
        match self.kwartaal {
            None => self.jaar.to_string(),
            Some(q) => format!("Q{q} {}", self.jaar),
        }
    }

    /// In a sentence: "2024" or "het derde kwartaal van 2024".
    pub fn naam(self) -> String {
        match self.kwartaal {
            None => self.jaar.to_string(),
            Some(q) => format!(
                "het {} kwartaal van {}",
                RANGTELWOORD[usize::from(q - 1)],
                self.jaar
            ),
        }
    }

    /// A quarterly report.
    pub fn is_kwartaal(self) -> bool {
        self.kwartaal.is_some()
    }
}

impl fmt::Display for Periode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// "2024", "2024-Q3", "2024Q3", "2024-K3" or "Q3-2024" (case-insensitive).
impl FromStr for Periode {
    type Err = String;

    fn from_str(s: &str) -> Result<Periode, String> {
        let fout = || {
            format!("\"{s}\" is geen periode; schrijf een jaar (2024) of een kwartaal (2024-Q3)")
        };
        let t = s.trim().to_ascii_uppercase().replace(['-', ' ', '/'], "");
        let year = |y: &str| {
            y.parse::<i32>()
                .ok()
                .filter(|y| (1990..=2200).contains(y) && y.to_string().len() == 4)
        };
        if let Some(j) = year(&t) {
            return Ok(Periode::jaar(j));
        }
        let split = |t: &str| -> Option<Periode> {
            for marker in ['Q', 'K'] {
                if let Some((a, b)) = t.split_once(marker) {
                    let (j, q) = if a.is_empty() {
                        (b.get(1..)?, b.get(..1)?)
                    } else {
                        (a, b)
                    };
                    return Periode::kwartaal(year(j)?, q.parse().ok()?);
                }
            }
            None
        };
        split(&t).ok_or_else(fout)
    }
}

/// As JSON: `{"label": "2024-Q3", "jaar": 2024, "kwartaal": 3, "van": …, "tot_en_met": …}`.
impl Serialize for Periode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Periode", 6)?;
        st.serialize_field("label", &self.label())?;
        st.serialize_field("naam", &self.naam())?;
        st.serialize_field("jaar", &self.jaar)?;
        st.serialize_field("kwartaal", &self.kwartaal)?;
        st.serialize_field("van", &self.van().format("%Y-%m-%d").to_string())?;
        st.serialize_field(
            "tot_en_met",
            &self.tot_en_met().format("%Y-%m-%d").to_string(),
        )?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn bounds_of_every_quarter_and_the_year() {
        let cases = [
            (Some(1), d(2024, 1, 1), d(2024, 3, 31)),
            (Some(2), d(2024, 4, 1), d(2024, 6, 30)),
            (Some(3), d(2024, 7, 1), d(2024, 9, 30)),
            (Some(4), d(2024, 10, 1), d(2024, 12, 31)),
            (None, d(2024, 1, 1), d(2024, 12, 31)),
        ];
        for (q, van, tm) in cases {
            let p = Periode {
                jaar: 2024,
                kwartaal: q,
            };
            assert_eq!((p.van(), p.tot_en_met()), (van, tm), "{p}");
            assert!(p.contains(van) && p.contains(tm));
            assert!(!p.contains(van.pred_opt().unwrap()) && !p.contains(tm.succ_opt().unwrap()));
        }
    }

    #[test]
    fn parses_the_spellings_users_write() {
        for s in [
            "2024-Q3", "2024q3", "2024 Q3", "2024-K3", "Q3-2024", "q3 2024",
        ] {
            assert_eq!(s.parse(), Ok(Periode::kwartaal(2024, 3).unwrap()), "{s}");
        }
        assert_eq!("2024".parse(), Ok(Periode::jaar(2024)));
        for s in [
            "2024-Q5",
            "2024-Q0",
            "24-Q3",
            "Q3",
            "derde kwartaal",
            "",
            "2024-Q33",
        ] {
            let e = s.parse::<Periode>().unwrap_err();
            assert!(e.contains("geen periode"), "{s}: {e}");
        }
    }

    #[test]
    fn names_for_files_headers_and_sentences() {
        let q = Periode::kwartaal(2024, 3).unwrap();
        assert_eq!(
            (q.label(), q.kort(), q.naam()),
            (
                "2024-Q3".into(),
                "Q3 2024".into(),
                "het derde kwartaal van 2024".into()
            )
        );
        assert_eq!(q.vorig_jaar().kort(), "Q3 2023");
        let y = Periode::jaar(2024);
        assert_eq!(
            (y.label(), y.kort(), y.naam()),
            ("2024".into(), "2024".into(), "2024".into())
        );
        assert!(y.zelfde_deel(d(2019, 5, 5)));
        assert!(q.zelfde_deel(d(2019, 8, 5)) && !q.zelfde_deel(d(2019, 10, 1)));
    }
}
