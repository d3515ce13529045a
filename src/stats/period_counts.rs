//! The key figures of a period and the counts of the termijnen table, counted straight from
//! the complaints: the second counter beside the tables (the tests hold the two against each
//! other).

use super::figures::Kerngetallen;
use super::{Options, Periode, frame, pct, termijn, werkdagen};
use crate::register::{Klacht, Kolom, Register};

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// What the key figures and the termijnen table count, for one period.
pub(super) struct PeriodCounts<'a> {
    /// Complaints in procedure received in the period.
    pub(super) in_year: Vec<&'a Klacht>,
    pub(super) kerngetallen: Kerngetallen,
    /// Closed within the legal term.
    pub(super) binnen_termijn: u64,
    /// Closed within the extended term.
    pub(super) binnen_verlenging: u64,
    /// (received, first contact) of the complaints with a first-contact date.
    pub(super) contacts: Vec<(chrono::NaiveDate, chrono::NaiveDate)>,
    /// Of those, first contact within the working-day term.
    pub(super) contact_werkdagen: u64,
}

fn median(sorted: &[i64]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2] as f64),
        _ => Some((sorted[n / 2 - 1] + sorted[n / 2]) as f64 / 2.0),
    }
}

/// The key figures of a period, counted straight from the complaints (the tables count the
/// same populations from frames, by key; the tests hold the two against each other).
///
/// `peildatum`: the day the term figures are measured on; a complaint closed after it counts
/// as open (afgehandeld, lopend, the doorlooptijden and the shares within the terms).
pub(super) fn count<'a>(
    register: &'a Register,
    periode: Periode,
    s: &Options,
    peildatum: Option<chrono::NaiveDate>,
) -> PeriodCounts<'a> {
    let received: Vec<&Klacht> = periode.klachten(register).collect();
    let in_year: Vec<&Klacht> = received
        .iter()
        .copied()
        .filter(|k| k.in_procedure())
        .collect();
    let mut closed: Vec<i64> = in_year
        .iter()
        .filter_map(|k| frame::doorlooptijd_op(k, peildatum))
        .collect();
    closed.sort_unstable();
    let n_closed = closed.len() as u64;
    let within = |t: termijn::Termijn| closed.partition_point(|&d| d <= t.dagen()) as u64;
    let (binnen_termijn, binnen_verlenging) = (
        within(s.termijnen.afhandeling),
        within(s.termijnen.verlenging),
    );
    let contacts: Vec<(chrono::NaiveDate, chrono::NaiveDate)> = in_year
        .iter()
        .filter_map(|k| k.datum_eerste_contact.map(|c| (k.datum_ontvangst, c)))
        .collect();
    let contact_werkdagen = contacts
        .iter()
        .filter(|(o, c)| werkdagen::binnen(*o, *c, s.eerste_contact_werkdagen))
        .count() as u64;
    let mean =
        (!closed.is_empty()).then(|| closed.iter().sum::<i64>() as f64 / closed.len() as f64);
    let count = |f: fn(&Klacht) -> bool| in_year.iter().filter(|k| f(k)).count() as u64;
    let einde = periode.tot_en_met();
    let noemer = match s.termijnen.noemer {
        termijn::Noemer::Afgehandeld => n_closed,
        termijn::Noemer::InBehandeling => in_year.len() as u64,
    };
    let kerngetallen = Kerngetallen {
        ontvangen: received.len() as u64,
        in_behandeling: in_year.len() as u64,
        deelklachten: in_year
            .iter()
            .map(|k| register.aantal_deelklachten(k) as u64)
            .sum(),
        afgehandeld: n_closed,
        lopend: in_year.len() as u64 - n_closed,
        afgehandeld_na_verslagjaar: in_year
            .iter()
            .filter(|k| k.datum_afgehandeld.is_some_and(|d| d > einde))
            .count() as u64,
        gemiddelde_doorlooptijd_weken: one_decimal(mean.unwrap_or(0.0) / 7.0),
        mediaan_doorlooptijd_weken: one_decimal(median(&closed).unwrap_or(0.0) / 7.0),
        binnen_6_weken_pct: pct(binnen_termijn, noemer),
        binnen_10_weken_pct: pct(binnen_verlenging, noemer),
        verlengd: count(|k| k.verlengd == Some(true)),
        eerste_contact_binnen_termijn_pct: register
            .has(Kolom::DatumEersteContact)
            .then(|| pct(contact_werkdagen, contacts.len() as u64)),
        bemiddelingsgesprekken: count(|k| k.bemiddelingsgesprek == Some(true)),
        geschillen: count(|k| k.geschil == Some(true)),
        met_verbetermaatregel: count(|k| k.verbetermaatregel),
    };
    PeriodCounts {
        in_year,
        kerngetallen,
        binnen_termijn,
        binnen_verlenging,
        contacts,
        contact_werkdagen,
    }
}
