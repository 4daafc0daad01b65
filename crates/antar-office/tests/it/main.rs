//! The crate's integration tests in one binary (one link instead of one per file); each
//! module is what used to be a file of its own under tests/.

// A failed setup in a test should panic loudly.
#![allow(clippy::unwrap_used)]

mod common;

mod api;
mod backup_cli;
mod cli_control_chars;
mod cli_passwords;
mod cli_pipe;
mod cli_review;
mod cli_words;
mod copy_to_postgres;
mod courier_returns;
mod custody;
mod demo;
mod field_roles;
mod fuzz;
mod gzip;
mod handover_counts;
mod import;
mod import_excel;
mod office_kill;
mod phone_form;
mod photos;
mod protocol_v1;
mod revoke;
mod serve_stop;
mod two_offices;
mod visit_api;
mod visits;
mod web_auth;
mod web_browser;
mod web_cancel;
mod web_find;
mod web_flow;
mod web_home;
mod web_narrow;
mod web_paging;
mod web_print;
mod web_review;
mod web_standard;
mod web_visit_day;
mod web_visits;
mod web_xlsx;
