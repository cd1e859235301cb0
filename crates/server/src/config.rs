//! Settings from the environment, with defaults that work from the repository root.

use std::net::SocketAddr;
use std::path::PathBuf;

use crate::faults::{BadFaults, FaultPlan, ENV as FAULTS_ENV};

#[derive(Clone, Debug)]
pub struct Config {
    /// `OMZIEN_ADDR`, default 127.0.0.1:8080.
    pub addr: SocketAddr,
    /// `DATABASE_URL`, default a SQLite file under `var/`.
    pub database_url: String,
    /// `OMZIEN_DIST`: the built PWA, default `dist`.
    pub dist_dir: PathBuf,
    /// `OMZIEN_DATA`: the seed catalogue, default `data`.
    pub data_dir: PathBuf,
    /// `OMZIEN_TEST_FAULTS`: answers to lose on purpose, for tests only (`faults.rs`).
    /// Empty unless the variable is set.
    pub faults: FaultPlan,
}

#[derive(Debug, thiserror::Error)]
#[error("OMZIEN_ADDR `{0}` is not an address like 127.0.0.1:8080")]
pub struct BadAddr(String);

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(transparent)]
    Addr(#[from] BadAddr),
    #[error(transparent)]
    Faults(#[from] BadFaults),
}

impl Config {
    pub fn from_env() -> Result<Self, ConfigError> {
        let var = |name: &str, default: &str| {
            std::env::var(name)
                .ok()
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let addr_text = var("OMZIEN_ADDR", "127.0.0.1:8080");
        let addr = addr_text.parse().map_err(|_| BadAddr(addr_text))?;
        Ok(Config {
            addr,
            database_url: var("DATABASE_URL", "sqlite://var/omzien.db"),
            dist_dir: var("OMZIEN_DIST", "dist").into(),
            data_dir: var("OMZIEN_DATA", "data").into(),
            faults: match std::env::var(FAULTS_ENV) {
                Ok(text) => FaultPlan::parse(&text)?,
                Err(_) => FaultPlan::default(),
            },
        })
    }
}
