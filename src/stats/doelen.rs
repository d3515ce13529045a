//! The chapter *Doelen JJJJ en resultaat* as it holds for this report (the `doelen` module
//! makes it): last year's plans as this year's goals, each with its status and the result the
//! config describes, and how many goals have each status. Carried with the figures, so the
//! JSON, the PDF, the XLSX, the texts' placeholders and the warnings all say the same.

use serde::{Deserialize, Serialize};

/// What came of a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Achieved.
    Behaald,
    /// Partly achieved.
    Deels,
    /// Not achieved.
    Niet,
    /// Still going on (carried into the next year).
    LooptDoor,
}

impl Status {
    /// Every status, in the order the report counts them.
    pub const ALL: [Status; 4] = [
        Status::Behaald,
        Status::Deels,
        Status::Niet,
        Status::LooptDoor,
    ];

    /// Its id in the JSON and the texts' scope (`loopt_door`).
    pub fn id(self) -> &'static str {
        match self {
            Status::Behaald => "behaald",
            Status::Deels => "deels",
            Status::Niet => "niet",
            Status::LooptDoor => "loopt_door",
        }
    }

    /// As a config writes it (`loopt door`).
    pub fn config_waarde(self) -> &'static str {
        match self {
            Status::LooptDoor => "loopt door",
            other => other.id(),
        }
    }

    /// As the report prints it.
    pub fn label(self) -> &'static str {
        match self {
            Status::Behaald => "Behaald",
            Status::Deels => "Deels behaald",
            Status::Niet => "Niet behaald",
            Status::LooptDoor => "Loopt door",
        }
    }

    /// A status as a person writes it: `behaald`, `deels`, `niet`, `loopt door`, also
    /// `deels behaald`, `niet behaald`, `loopt_door`; case and `_`/`-` between words do not
    /// count.
    pub fn parse(s: &str) -> Option<Status> {
        let key = s
            .to_lowercase()
            .replace(['_', '-'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match key.as_str() {
            "behaald" => Some(Status::Behaald),
            "deels" | "deels behaald" => Some(Status::Deels),
            "niet" | "niet behaald" => Some(Status::Niet),
            "loopt door" => Some(Status::LooptDoor),
            _ => None,
        }
    }

    /// The values a config may write, for messages.
    pub const KEUZE: &str = "behaald, deels, niet of loopt door";
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Status, D::Error> {
        let s = String::deserialize(d)?;
        Status::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("onbekende status \"{s}\" (kies {})", Status::KEUZE))
        })
    }
}

/// The chapter: the goals in order and the count per status (`totaal` is their sum).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doelen {
    /// Goals achieved.
    pub behaald: u64,
    /// Goals partly achieved.
    pub deels: u64,
    /// Goals not achieved.
    pub niet: u64,
    /// Goals still going on.
    pub loopt_door: u64,
    /// Goals without a status.
    pub zonder_status: u64,
    /// Every goal.
    pub totaal: u64,
    /// The goals, in the order of last year's plans (then the other configured goals).
    pub items: Vec<Doelresultaat>,
}

/// One goal as the report states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doelresultaat {
    /// The goal: last year's plan's title.
    pub titel: String,
    /// What came of it; `null` when not given.
    pub status: Option<Status>,
    /// What was done and what it led to (the config's text, rendered); `null` when not
    /// described (the report then prints "resultaat niet beschreven").
    pub resultaat: Option<String>,
    /// What to do when the result or the status is missing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actie: Option<String>,
}

impl Doelen {
    /// The chapter of these goals, counted.
    pub fn new(items: Vec<Doelresultaat>) -> Doelen {
        let count = |s: Option<Status>| items.iter().filter(|d| d.status == s).count() as u64;
        Doelen {
            behaald: count(Some(Status::Behaald)),
            deels: count(Some(Status::Deels)),
            niet: count(Some(Status::Niet)),
            loopt_door: count(Some(Status::LooptDoor)),
            zonder_status: count(None),
            totaal: items.len() as u64,
            items,
        }
    }

    /// The count of one status (`None`: without a status).
    pub fn aantal(&self, status: Option<Status>) -> u64 {
        match status {
            Some(Status::Behaald) => self.behaald,
            Some(Status::Deels) => self.deels,
            Some(Status::Niet) => self.niet,
            Some(Status::LooptDoor) => self.loopt_door,
            None => self.zonder_status,
        }
    }

    /// The overview's rows: each status with its count, "Geen status" only when a goal has
    /// none; the rows add up to [`Doelen::totaal`].
    pub fn overzicht(&self) -> Vec<(&'static str, u64)> {
        let mut rows: Vec<(&'static str, u64)> = Status::ALL
            .iter()
            .map(|s| (s.label(), self.aantal(Some(*s))))
            .collect();
        if self.zonder_status > 0 {
            rows.push(("Geen status", self.zonder_status));
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_as_people_write_them() {
        for (s, want) in [
            ("behaald", Some(Status::Behaald)),
            ("Deels behaald", Some(Status::Deels)),
            ("NIET", Some(Status::Niet)),
            ("niet_behaald", Some(Status::Niet)),
            ("loopt door", Some(Status::LooptDoor)),
            ("Loopt-door", Some(Status::LooptDoor)),
            ("  loopt   door ", Some(Status::LooptDoor)),
            ("klaar", None),
            ("", None),
        ] {
            assert_eq!(Status::parse(s), want, "{s:?}");
        }
    }

    #[test]
    fn the_overview_adds_up() {
        let d = |status| Doelresultaat {
            titel: "t".into(),
            status,
            resultaat: None,
            actie: None,
        };
        let doelen = Doelen::new(vec![
            d(Some(Status::Behaald)),
            d(Some(Status::Behaald)),
            d(Some(Status::LooptDoor)),
            d(None),
        ]);
        assert_eq!(
            doelen.overzicht(),
            [
                ("Behaald", 2),
                ("Deels behaald", 0),
                ("Niet behaald", 0),
                ("Loopt door", 1),
                ("Geen status", 1)
            ]
        );
        assert_eq!(
            doelen.overzicht().iter().map(|r| r.1).sum::<u64>(),
            doelen.totaal
        );
    }
}
