//! Settings from the environment, with defaults that work from the repository root.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::faults::{BadFaults, FaultPlan, ENV as FAULTS_ENV};
use crate::limits::{PushLimits, Rate};
use crate::serve::{
    Timeouts, DEFAULT_BODY_TIMEOUT_SECS, DEFAULT_HEADER_TIMEOUT_SECS, DEFAULT_REQUEST_TIMEOUT_SECS,
};

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
    /// `OMZIEN_SESSION_DAYS`: how long a staff session lasts, default 14.
    pub session_days: u32,
    /// `OMZIEN_NOTE_RETENTION_DAYS`: how long a closed concern note is kept, default 365.
    pub note_retention_days: u32,
    /// `OMZIEN_SIGN_UP_RETENTION_DAYS`: days after the activity (or the cancellation)
    /// that a sign-up keeps its name and contact, default 30.
    pub sign_up_retention_days: u32,
    /// `OMZIEN_AUDIT_RETENTION_DAYS`: days an audit row is kept in detail before it
    /// becomes a count per month, action and role, default 730.
    pub audit_retention_days: u32,
    /// `OMZIEN_CONFIRM_AFTER_DAYS` (default 183) and `OMZIEN_STALE_AFTER_DAYS` (274):
    /// when an organiser is asked "Klopt dit nog?", and when residents read "Mogelijk
    /// niet meer actueel".
    pub freshness: omzien_core::edit::Freshness,
    /// `OMZIEN_TRUST_FORWARDED_FOR`: `1` behind a reverse proxy that sets
    /// `X-Forwarded-For`; the sign-in rate limit then counts per real client. Off by
    /// default, because without such a proxy anyone could write that header.
    pub trust_forwarded_for: bool,
    /// `OMZIEN_SIGN_IN_ADDRESS_FAILURES`: failed sign-ins from one address, over all
    /// accounts, before that address is slowed down for 15 minutes; default 100.
    pub sign_in_address_failures: u32,
    /// `OMZIEN_HASHING_AT_ONCE`: password hashes (19 MiB each) at once; default 2.
    pub hashing_at_once: u32,
    /// Limits on pushes without a staff session (`limits.rs`): `OMZIEN_PUSH_DEVICE_BURST`
    /// (200) and `OMZIEN_PUSH_DEVICE_PER_HOUR` (600) mutations per device,
    /// `OMZIEN_PUSH_ADDRESS_BURST` (1000) and `OMZIEN_PUSH_ADDRESS_PER_HOUR` (3600) per
    /// address; `OMZIEN_NOTES_PER_DEVICE_DAY` (20) and `OMZIEN_NOTES_PER_ADDRESS_DAY`
    /// (200) concern notes; `OMZIEN_PLACES_PER_DEVICE_DAY` (10) and
    /// `OMZIEN_PLACES_PER_ADDRESS_DAY` (40) sign-ups for one activity.
    pub push_limits: PushLimits,
    /// Time limits on connections (`serve.rs`): `OMZIEN_HEADER_TIMEOUT_SECS` (15) for a
    /// request's headers and for an idle keep-alive connection,
    /// `OMZIEN_BODY_TIMEOUT_SECS` (30) of silence while a body arrives, and
    /// `OMZIEN_REQUEST_TIMEOUT_SECS` (60) for a whole request.
    pub timeouts: Timeouts,
    /// `OMZIEN_PULL_PAGE`: records in one page of the catalogue pull, default 1000
    /// (`pull_pages.rs`); at most 100,000.
    pub pull_page: usize,
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
    #[error("{name} `{value}` is not a whole number of days from 1 to 36500")]
    Days { name: &'static str, value: String },
    #[error("{name} `{value}` is not a whole number from 1 to 1000000")]
    Count { name: &'static str, value: String },
    #[error("{name} `{value}` is not a whole number of seconds from 1 to 3600")]
    Seconds { name: &'static str, value: String },
    #[error("{name} `{value}` is not a whole number from 1 to {max}")]
    Range {
        name: &'static str,
        value: String,
        max: u32,
    },
    #[error("{name} `{value}` is not 0 or 1")]
    Flag { name: &'static str, value: String },
    #[error(transparent)]
    Faults(#[from] BadFaults),
}

impl Config {
    /// The retention job's periods.
    pub fn retention(&self) -> crate::retention::Periods {
        crate::retention::Periods {
            note_days: self.note_retention_days,
            sign_up_days: self.sign_up_retention_days,
            audit_days: self.audit_retention_days,
        }
    }

    pub fn from_env() -> Result<Self, ConfigError> {
        Config::from_vars(|name| std::env::var(name).ok())
    }

    /// The settings from `lookup` (the environment, or a test's own values).
    pub fn from_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |name: &str, default: &str| {
            lookup(name)
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| default.to_owned())
        };
        let addr_text = var("OMZIEN_ADDR", "127.0.0.1:8080");
        let addr = addr_text.parse().map_err(|_| BadAddr(addr_text))?;
        let days = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            let value = var(name, &default.to_string());
            value
                .trim()
                .parse()
                .ok()
                .filter(|d| (1..=36_500).contains(d))
                .ok_or(ConfigError::Days { name, value })
        };
        let count = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            let value = var(name, &default.to_string());
            value
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=1_000_000).contains(n))
                .ok_or(ConfigError::Count { name, value })
        };
        let seconds = |name: &'static str, default: u64| -> Result<Duration, ConfigError> {
            let value = var(name, &default.to_string());
            value
                .trim()
                .parse()
                .ok()
                .filter(|s| (1..=3600).contains(s))
                .map(Duration::from_secs)
                .ok_or(ConfigError::Seconds { name, value })
        };
        let at_most = |name: &'static str, default: u32, max: u32| -> Result<u32, ConfigError> {
            let value = var(name, &default.to_string());
            value
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or(ConfigError::Range { name, value, max })
        };
        let flag = |name: &'static str| -> Result<bool, ConfigError> {
            match var(name, "0").trim() {
                "0" | "false" => Ok(false),
                "1" | "true" => Ok(true),
                other => Err(ConfigError::Flag {
                    name,
                    value: other.to_owned(),
                }),
            }
        };
        Ok(Config {
            addr,
            session_days: days("OMZIEN_SESSION_DAYS", crate::auth::DEFAULT_SESSION_DAYS)?,
            note_retention_days: days(
                "OMZIEN_NOTE_RETENTION_DAYS",
                crate::retention::DEFAULT_NOTE_RETENTION_DAYS,
            )?,
            sign_up_retention_days: days(
                "OMZIEN_SIGN_UP_RETENTION_DAYS",
                crate::retention::DEFAULT_SIGN_UP_RETENTION_DAYS,
            )?,
            audit_retention_days: days(
                "OMZIEN_AUDIT_RETENTION_DAYS",
                crate::retention::DEFAULT_AUDIT_RETENTION_DAYS,
            )?,
            freshness: {
                let default = omzien_core::edit::Freshness::default();
                omzien_core::edit::Freshness {
                    confirm_after_days: days(
                        "OMZIEN_CONFIRM_AFTER_DAYS",
                        default.confirm_after_days,
                    )?,
                    stale_after_days: days("OMZIEN_STALE_AFTER_DAYS", default.stale_after_days)?,
                }
            },
            trust_forwarded_for: flag("OMZIEN_TRUST_FORWARDED_FOR")?,
            pull_page: at_most(
                "OMZIEN_PULL_PAGE",
                crate::pull_pages::DEFAULT_PAGE as u32,
                100_000,
            )? as usize,
            sign_in_address_failures: count(
                "OMZIEN_SIGN_IN_ADDRESS_FAILURES",
                crate::auth::DEFAULT_ADDRESS_FAILURES,
            )?,
            // More than a machine has cores buys no speed, only memory.
            hashing_at_once: at_most(
                "OMZIEN_HASHING_AT_ONCE",
                crate::auth::DEFAULT_HASHING_AT_ONCE,
                64,
            )?,
            push_limits: {
                let default = PushLimits::default();
                PushLimits {
                    per_device: Rate {
                        burst: count("OMZIEN_PUSH_DEVICE_BURST", default.per_device.burst)?,
                        per_hour: count(
                            "OMZIEN_PUSH_DEVICE_PER_HOUR",
                            default.per_device.per_hour,
                        )?,
                    },
                    per_address: Rate {
                        burst: count("OMZIEN_PUSH_ADDRESS_BURST", default.per_address.burst)?,
                        per_hour: count(
                            "OMZIEN_PUSH_ADDRESS_PER_HOUR",
                            default.per_address.per_hour,
                        )?,
                    },
                    notes_per_device_day: count(
                        "OMZIEN_NOTES_PER_DEVICE_DAY",
                        default.notes_per_device_day,
                    )?,
                    notes_per_address_day: count(
                        "OMZIEN_NOTES_PER_ADDRESS_DAY",
                        default.notes_per_address_day,
                    )?,
                    places_per_device_day: count(
                        "OMZIEN_PLACES_PER_DEVICE_DAY",
                        default.places_per_device_day,
                    )?,
                    places_per_address_day: count(
                        "OMZIEN_PLACES_PER_ADDRESS_DAY",
                        default.places_per_address_day,
                    )?,
                }
            },
            timeouts: Timeouts {
                header: seconds("OMZIEN_HEADER_TIMEOUT_SECS", DEFAULT_HEADER_TIMEOUT_SECS)?,
                body: seconds("OMZIEN_BODY_TIMEOUT_SECS", DEFAULT_BODY_TIMEOUT_SECS)?,
                request: seconds("OMZIEN_REQUEST_TIMEOUT_SECS", DEFAULT_REQUEST_TIMEOUT_SECS)?,
            },
            database_url: var("DATABASE_URL", "sqlite://var/omzien.db"),
            dist_dir: var("OMZIEN_DIST", "dist").into(),
            data_dir: var("OMZIEN_DATA", "data").into(),
            faults: match lookup(FAULTS_ENV) {
                Some(text) => FaultPlan::parse(&text)?,
                None => FaultPlan::default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        Config::from_vars(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn timeouts_default_and_parse() {
        assert_eq!(config(&[]).unwrap().timeouts, Timeouts::default());
        assert_eq!(
            Timeouts::default(),
            Timeouts {
                header: Duration::from_secs(15),
                body: Duration::from_secs(30),
                request: Duration::from_secs(60),
            }
        );
        let set = config(&[
            ("OMZIEN_HEADER_TIMEOUT_SECS", "5"),
            ("OMZIEN_BODY_TIMEOUT_SECS", " 10 "),
            ("OMZIEN_REQUEST_TIMEOUT_SECS", "3600"),
        ])
        .unwrap();
        assert_eq!(
            set.timeouts,
            Timeouts {
                header: Duration::from_secs(5),
                body: Duration::from_secs(10),
                request: Duration::from_secs(3600),
            }
        );
        // Empty is unset, as for every setting.
        let empty = config(&[("OMZIEN_BODY_TIMEOUT_SECS", "")]).unwrap();
        assert_eq!(empty.timeouts.body, Duration::from_secs(30));
    }

    #[test]
    fn timeouts_out_of_range_are_refused_by_name() {
        for bad in ["0", "3601", "-1", "1.5", "15s", "soon"] {
            for name in [
                "OMZIEN_HEADER_TIMEOUT_SECS",
                "OMZIEN_BODY_TIMEOUT_SECS",
                "OMZIEN_REQUEST_TIMEOUT_SECS",
            ] {
                let error = config(&[(name, bad)]).unwrap_err();
                assert!(
                    matches!(&error, ConfigError::Seconds { name: n, value } if *n == name && value == bad),
                    "{name}={bad}: {error}"
                );
                assert!(error.to_string().contains(name), "{error}");
            }
        }
    }

    #[test]
    fn retention_periods_have_defaults_and_take_days() {
        let default = config(&[]).unwrap();
        assert_eq!(default.sign_up_retention_days, 30);
        assert_eq!(default.audit_retention_days, 730);
        let set = config(&[
            ("OMZIEN_SIGN_UP_RETENTION_DAYS", "14"),
            ("OMZIEN_AUDIT_RETENTION_DAYS", "365"),
        ])
        .unwrap();
        assert_eq!(
            set.retention(),
            crate::retention::Periods {
                note_days: 365,
                sign_up_days: 14,
                audit_days: 365,
            }
        );
        for name in [
            "OMZIEN_SIGN_UP_RETENTION_DAYS",
            "OMZIEN_AUDIT_RETENTION_DAYS",
        ] {
            let refused = config(&[(name, "0")]).unwrap_err().to_string();
            assert!(refused.contains(name), "{refused}");
        }
    }

    #[test]
    fn sign_in_settings_have_defaults_and_take_whole_numbers() {
        let default = config(&[]).unwrap();
        assert_eq!(default.sign_in_address_failures, 100);
        assert_eq!(default.hashing_at_once, 2);

        let set = config(&[
            ("OMZIEN_SIGN_IN_ADDRESS_FAILURES", "400"),
            ("OMZIEN_HASHING_AT_ONCE", " 4 "),
        ])
        .unwrap();
        assert_eq!(set.sign_in_address_failures, 400);
        assert_eq!(set.hashing_at_once, 4);

        for (name, value) in [
            ("OMZIEN_SIGN_IN_ADDRESS_FAILURES", "0"),
            ("OMZIEN_SIGN_IN_ADDRESS_FAILURES", "lots"),
            ("OMZIEN_HASHING_AT_ONCE", "0"),
            ("OMZIEN_HASHING_AT_ONCE", "65"),
            ("OMZIEN_HASHING_AT_ONCE", "-1"),
        ] {
            let refused = config(&[(name, value)]).unwrap_err().to_string();
            assert!(refused.contains(name), "{refused}");
            assert!(refused.contains(value), "{refused}");
        }
    }
}
