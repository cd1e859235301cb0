//! Settings from the environment, with defaults that work from the repository root.

use std::net::SocketAddr;
use std::path::PathBuf;

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
}

#[derive(Debug, thiserror::Error)]
#[error("OMZIEN_ADDR `{0}` is not an address like 127.0.0.1:8080")]
pub struct BadAddr(String);

impl Config {
    pub fn from_env() -> Result<Self, BadAddr> {
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
        })
    }
}
