//! The termijnen table: how many complaints were closed within the terms, had first contact
//! within its term, or are still open; and how its rows relate to the key figures and, when
//! the terms fall on bucket boundaries, to the doorlooptijd table.

use super::{
    Kerngetal, Kol, Options, Plaats, Relatie, Rij, Table, TableId, bijschrift, frame,
    period_counts, tabulate, termijn,
};
use crate::register::{Kolom, Register};

/// The termijnen table: closed within the terms, first contact within its term, still open.
pub(super) fn termijnen(
    register: &Register,
    counts: &period_counts::PeriodCounts<'_>,
    s: &Options,
) -> Table {
    use bijschrift::{TermijnRij, termijn_rij};
    let k = &counts.kerngetallen;
    let t = &s.termijnen;
    let n_closed = k.afgehandeld;
    // The shares of the closed rows: of the closed complaints (the contract), or of every
    // complaint in procedure (`[termijnen] noemer`), as the section above the table says.
    let noemer = match t.noemer {
        termijn::Noemer::Afgehandeld => n_closed,
        termijn::Noemer::InBehandeling => k.in_behandeling,
    };
    let row = |wat: TermijnRij, n: u64, of: u64| (Rij::Termijn(wat), termijn_rij(wat, t), n, of);
    let mut rows = vec![
        row(TermijnRij::BinnenTermijn, counts.binnen_termijn, noemer),
        row(
            TermijnRij::BinnenVerlenging,
            counts.binnen_verlenging,
            noemer,
        ),
        row(
            TermijnRij::NaVerlenging,
            n_closed - counts.binnen_verlenging,
            noemer,
        ),
    ];
    let contacts = &counts.contacts;
    if register.has(Kolom::DatumEersteContact) {
        let werkdagen = TermijnRij::EersteContactWerkdagen(s.eerste_contact_werkdagen);
        rows.push(row(
            werkdagen,
            counts.contact_werkdagen,
            contacts.len() as u64,
        ));
        if let Some(days) = s.eerste_contact_dagen {
            let n = contacts
                .iter()
                .filter(|(o, c)| (*c - *o).num_days() <= i64::from(days))
                .count() as u64;
            let dagen = TermijnRij::EersteContactDagen(days);
            rows.push(row(dagen, n, contacts.len() as u64));
        }
    }
    rows.push(row(TermijnRij::Lopend, k.lopend, k.in_behandeling));
    let mut table = tabulate::indicators(TableId::Termijnen, rows);
    table.relaties = termijn_relaties(t);
    table
}

/// What the termijnen table's rows are: closed within the extended term and after it are the
/// closed complaints, Nog lopend the open ones; and when both terms fall on doorlooptijd
/// bucket boundaries, each of the first three rows is a sum of buckets.
fn termijn_relaties(t: &termijn::Termijnen) -> Vec<Relatie> {
    use bijschrift::TermijnRij;
    use frame::Klasse;
    let term = |wat| Plaats::cel(TableId::Termijnen, Rij::Termijn(wat), Kol::Aantal);
    let mut out = vec![
        Relatie::Som {
            delen: vec![
                term(TermijnRij::BinnenVerlenging),
                term(TermijnRij::NaVerlenging),
            ],
            totaal: Plaats::kern(Kerngetal::Afgehandeld),
        },
        Relatie::Gelijk(term(TermijnRij::Lopend), Plaats::kern(Kerngetal::Lopend)),
    ];
    let (afh, verl) = (t.afhandeling.dagen(), t.verlenging.dagen());
    let on = |d: i64| Klasse::ALL.iter().any(|k| k.tot_en_met() == Some(d));
    if on(afh) && on(verl) {
        let klasse = |k| Plaats::cel(TableId::Doorlooptijd, Rij::Doorlooptijd(k), Kol::Aantal);
        let closed = || Klasse::ALL.into_iter().filter(|k| k.afgehandeld());
        let upto = |d: i64| -> Vec<Plaats> {
            closed()
                .filter(|k| k.tot_en_met().is_some_and(|g| g <= d))
                .map(klasse)
                .collect()
        };
        let beyond: Vec<Plaats> = closed()
            .filter(|k| k.tot_en_met().is_none_or(|g| g > verl))
            .map(klasse)
            .collect();
        for (delen, wat) in [
            (upto(afh), TermijnRij::BinnenTermijn),
            (upto(verl), TermijnRij::BinnenVerlenging),
            (beyond, TermijnRij::NaVerlenging),
        ] {
            out.push(Relatie::Som {
                delen,
                totaal: term(wat),
            });
        }
    }
    out
}
