//! Omzien's sync server: serves the built PWA and the `/api/v1` JSON API over SQLite.

pub mod accounts;
pub mod audit;
pub mod auth;
pub mod catalogue;
pub mod config;
pub mod db;
pub mod editing;
pub mod evaluation;
pub mod faults;
pub mod hsds;
pub mod hsds_import;
pub mod http;
pub mod keys;
pub mod limits;
pub mod migrate;
pub mod monitoring;
pub mod my_items;
pub mod open_data;
pub mod programme;
pub mod pull_pages;
pub mod push;
pub mod retention;
pub mod serve;
pub mod sql;
pub mod triage;
pub mod vertellen;

pub use config::Config;
pub use http::{app, AppState};
