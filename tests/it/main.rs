//! The single integration-test binary: runs the real `klachtverslag` on fixtures.

mod aanvulling;
mod cijfers;
mod cli;
mod controleer;
mod doelen;
mod invoer;
mod kwartaal;
mod pagina;
mod pagina_lijsten;
mod routes;
mod server;
mod support;
mod termijnen;
mod uitkomst;
mod verantwoording;
mod verslag;
mod web;
mod zinnen;
