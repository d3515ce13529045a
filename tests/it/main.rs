//! The single integration-test binary: runs the real `klachtverslag` on fixtures.

mod cijfers;
mod cli;
mod controleer;
mod doelen;
mod invoer;
mod kwartaal;
mod support;
mod verantwoording;
mod verslag;
mod web;
mod zinnen;
