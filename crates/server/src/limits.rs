//! Limits on what one source may push without a staff session, so that nobody can
//! bury the meldpunt's list, fill the disk or take an activity's places from one
//! device or one address. Why these shapes and numbers: docs/decisions.md, "Limits on
//! pushes".
//!
//! Every limit is a token bucket (GCRA: one number per bucket, the time its next token
//! is due). A push reads its buckets when it starts, under the write lock every push
//! takes, decides in memory and writes them back before it commits, so two pushes
//! cannot both spend one token. Where the buckets live follows who must share them:
//!
//! - on SQLite, one process serves everything: in its memory only, as before, so the
//!   device id never reaches the database and a restart forgets them;
//! - on PostgreSQL several instances may serve one database: in the table
//!   `push_buckets`, written in the push's own transaction, so every instance counts
//!   against the same buckets (docs/deploy.md). Buckets are named by a SHA-256 of the
//!   device id or address, never the id or address itself.
//!
//! Either way a bucket that is full again is forgotten (`Limiter::forget_idle`): nothing
//! is kept of a source that has stopped pushing for a day.
//!
//! A push is looked at mutation by mutation, in order; the first one that a limit holds
//! back ends the batch there. What came before it is applied and answered, the rest
//! waits on the device and comes again after `retry_after` — so nothing is lost and the
//! order of a device's items (a sign-up before its cancellation) holds.

use std::collections::{BTreeSet, HashMap};
use std::sync::Mutex;
use std::time::Duration;

use omzien_core::wire::{is_uuid, Change, Mutation};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, AnyPool};

use crate::sql::Sql;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const HOUR_MS: i64 = 60 * 60 * 1000;

/// A bucket that holds `burst` tokens and gains `per_hour` an hour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rate {
    pub burst: u32,
    pub per_hour: u32,
}

/// The settings (`OMZIEN_PUSH_…`, `OMZIEN_NOTES_…`, `OMZIEN_PLACES_…`; README).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PushLimits {
    /// Mutations per device: a kiosk that comes online with a day of sign-ups sends
    /// them at once.
    pub per_device: Rate,
    /// Mutations per address: a library or community centre has several devices
    /// behind one address.
    pub per_address: Rate,
    /// New concern notes per device, and per address, in 24 hours.
    pub notes_per_device_day: u32,
    pub notes_per_address_day: u32,
    /// Sign-ups for one activity per device, and per address, in 24 hours.
    pub places_per_device_day: u32,
    pub places_per_address_day: u32,
}

impl Default for PushLimits {
    fn default() -> Self {
        PushLimits {
            per_device: Rate {
                burst: 200,
                per_hour: 600,
            },
            per_address: Rate {
                burst: 1000,
                per_hour: 3600,
            },
            notes_per_device_day: 20,
            notes_per_address_day: 200,
            places_per_device_day: 10,
            places_per_address_day: 40,
        }
    }
}

impl PushLimits {
    /// So high that nothing is held back in practice: for benchmarks and for tests of
    /// other things than these limits.
    pub fn off() -> Self {
        let many = Rate {
            burst: 1_000_000,
            per_hour: 1_000_000,
        };
        PushLimits {
            per_device: many,
            per_address: many,
            notes_per_device_day: 1_000_000,
            notes_per_address_day: 1_000_000,
            places_per_device_day: 1_000_000,
            places_per_address_day: 1_000_000,
        }
    }
}

/// Who is pushing, as far as the limits can tell.
pub struct Source<'a> {
    /// The app's `x-omzien-device` header when it is a UUID; without one, the address
    /// stands in for the device, so leaving the header out gains nothing.
    pub device: Option<&'a str>,
    pub address: &'a str,
}

impl Source<'_> {
    fn device_key(&self) -> String {
        match self.device.filter(|d| is_uuid(d)) {
            Some(device) => format!("device:{}", device.to_ascii_lowercase()),
            None => format!("address:{}", self.address),
        }
    }
}

/// The limits in force, and the buckets when they are kept in this process.
pub struct Limiter {
    limits: PushLimits,
    /// `None`: in the database (`push_buckets`).
    memory: Option<Mutex<HashMap<String, i64>>>,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::new(PushLimits::default())
    }
}

impl Limiter {
    /// Buckets in this process's memory: for one server on its SQLite file.
    pub fn new(limits: PushLimits) -> Self {
        Limiter {
            limits,
            memory: Some(Mutex::default()),
        }
    }

    /// Buckets in the database, shared by every instance on it.
    pub fn shared(limits: PushLimits) -> Self {
        Limiter {
            limits,
            memory: None,
        }
    }

    /// Shared on PostgreSQL, in memory on SQLite.
    pub fn for_pool(limits: PushLimits, pool: &AnyPool) -> Self {
        if crate::db::pool_is_postgres(pool) {
            Limiter::shared(limits)
        } else {
            Limiter::new(limits)
        }
    }

    /// A gate for one push from `source`.
    pub fn gate<'a>(&'a self, source: &Source<'_>) -> Gate<'a> {
        Gate {
            limiter: Some(self),
            device: source.device_key(),
            address: format!("address:{}", source.address),
            now_ms: now_ms(),
            due: HashMap::new(),
            changed: BTreeSet::new(),
            held_for: None,
        }
    }

    fn memory(&self) -> Option<std::sync::MutexGuard<'_, HashMap<String, i64>>> {
        // A panic while the map was held leaves it whole: each entry is one number.
        self.memory
            .as_ref()
            .map(|m| m.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// Forgets the buckets that are full again: their source has not pushed for so long
    /// that it could push its whole burst now, so the entry says nothing any more.
    pub async fn forget_idle(&self, pool: &AnyPool) -> Result<(), sqlx::Error> {
        let now = now_ms();
        if let Some(mut memory) = self.memory() {
            memory.retain(|_, due| *due > now);
            return Ok(());
        }
        sqlx::query("DELETE FROM push_buckets WHERE due_ms <= $1")
            .bind(now)
            .execute(pool)
            .await?;
        Ok(())
    }
}

/// Every ten minutes, forgets idle sources (`Limiter::forget_idle`).
pub fn spawn_forgetting(limiter: std::sync::Arc<Limiter>, pool: AnyPool) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(10 * 60));
        loop {
            every.tick().await;
            if let Err(error) = limiter.forget_idle(&pool).await {
                tracing::warn!(%error, "could not forget idle push buckets");
            }
        }
    });
}

fn now_ms() -> i64 {
    let now = time::OffsetDateTime::now_utc();
    i64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// A bucket's name in `push_buckets`: what it limits and a SHA-256 of whom.
fn bucket(kind: &str, subject: &str) -> String {
    let digest = Sha256::digest(subject.as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("{kind}:{hex}")
}

/// Takes `n` tokens from a bucket of `burst` that gains one every `every_ms`, whose
/// next token is due at `due` (none: a full bucket); gives the new due time, or how
/// long until there are `n` tokens. More than the bucket can ever hold counts as a full
/// bucket: a party larger than the cap should wait for a day, not forever.
fn take(due: Option<i64>, now: i64, n: u32, burst: u32, every_ms: i64) -> Result<i64, i64> {
    let burst = i64::from(burst.max(1));
    let n = i64::from(n.max(1)).min(burst);
    let every_ms = every_ms.max(1);
    let next = due.unwrap_or(now).max(now) + n * every_ms;
    let allowed_at = next - burst * every_ms;
    if allowed_at <= now {
        Ok(next)
    } else {
        Err(allowed_at - now)
    }
}

/// The limits for one push. Staff pushes pass an open gate: a signed-in outreach
/// worker who signs up ten residents for one walk is accountable, not a flood.
pub struct Gate<'a> {
    limiter: Option<&'a Limiter>,
    device: String,
    address: String,
    now_ms: i64,
    /// The buckets this push may use, by name: when each one's next token is due.
    due: HashMap<String, i64>,
    changed: BTreeSet<String>,
    held_for: Option<Duration>,
}

impl Gate<'_> {
    pub fn open() -> Self {
        Gate {
            limiter: None,
            device: String::new(),
            address: String::new(),
            now_ms: 0,
            due: HashMap::new(),
            changed: BTreeSet::new(),
            held_for: None,
        }
    }

    /// Every bucket a change may take from, by kind and subject.
    fn buckets_of(&self, change: &Change) -> Vec<String> {
        // Without a device id the address stands in for the device, so the kind says
        // which of the two a bucket limits.
        let mut names = vec![
            bucket("push-device", &self.device),
            bucket("push-address", &self.address),
        ];
        match change {
            Change::ConcernNote(_) => {
                names.push(bucket("notes-device", &self.device));
                names.push(bucket("notes-address", &self.address));
            }
            Change::SignUp(request) => {
                let activity = &request.activity_id;
                names.push(bucket(
                    "places-device",
                    &format!("{}\n{activity}", self.device),
                ));
                names.push(bucket(
                    "places-address",
                    &format!("{}\n{activity}", self.address),
                ));
            }
            _ => {}
        }
        names
    }

    /// Reads the buckets this push's changes may take from. Called inside the push's
    /// write transaction, so no other push, on any instance, changes them meanwhile.
    pub async fn load(
        &mut self,
        conn: &mut AnyConnection,
        mutations: &[Mutation],
    ) -> Result<(), sqlx::Error> {
        let Some(limiter) = self.limiter else {
            return Ok(());
        };
        let names: BTreeSet<String> = mutations
            .iter()
            .flat_map(|m| self.buckets_of(&m.change))
            .collect();
        if let Some(memory) = limiter.memory() {
            self.due = names
                .into_iter()
                .filter_map(|name| memory.get(&name).map(|due| (name, *due)))
                .collect();
            return Ok(());
        }
        let mut select = Sql::new("SELECT bucket, due_ms FROM push_buckets WHERE bucket IN (");
        select.push_list(names).push(")");
        let rows: Vec<(String, i64)> = select.build_query_as().fetch_all(conn).await?;
        self.due = rows.into_iter().collect();
        Ok(())
    }

    /// Writes back the buckets this push took from, in its transaction.
    pub async fn store(&self, conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
        let Some(limiter) = self.limiter.filter(|_| !self.changed.is_empty()) else {
            return Ok(());
        };
        if let Some(mut memory) = limiter.memory() {
            for name in &self.changed {
                memory.insert(name.clone(), self.due[name]);
            }
            return Ok(());
        }
        let mut upsert = Sql::new("INSERT INTO push_buckets (bucket, due_ms) ");
        upsert.push_values(&self.changed, |row, name| {
            row.push_bind(name.clone()).push_bind(self.due[name]);
        });
        upsert.push(" ON CONFLICT (bucket) DO UPDATE SET due_ms = excluded.due_ms");
        upsert.build().execute(conn).await?;
        Ok(())
    }

    /// Takes `n` tokens from the bucket `name`, or says how long until there are.
    fn take(&mut self, name: String, n: u32, burst: u32, every_ms: i64) -> Result<(), i64> {
        let next = take(
            self.due.get(&name).copied(),
            self.now_ms,
            n,
            burst,
            every_ms,
        )?;
        self.due.insert(name.clone(), next);
        self.changed.insert(name);
        Ok(())
    }

    /// Whether this new (not replayed) change may be applied now; it takes its tokens
    /// when it may. Once one is held back, so is everything after it in the push.
    ///
    /// A change that passes one bucket and not the next has used a token of the first.
    /// The general buckets come first and the daily caps last: a change held back by a
    /// cap waits hours, so what it used up meanwhile is a token or two, not a device's
    /// day.
    pub fn admits(&mut self, change: &Change) -> bool {
        let Some(limits) = self.limiter.map(|l| l.limits) else {
            return true;
        };
        if self.held_for.is_some() {
            return false;
        }
        let hourly = |rate: Rate| (rate.burst, HOUR_MS / i64::from(rate.per_hour.max(1)));
        let daily = |cap: u32| (cap, DAY_MS / i64::from(cap.max(1)));
        let names = self.buckets_of(change);
        let mut plan = vec![
            (names[0].clone(), 1, hourly(limits.per_device)),
            (names[1].clone(), 1, hourly(limits.per_address)),
        ];
        match change {
            Change::ConcernNote(_) => {
                plan.push((names[2].clone(), 1, daily(limits.notes_per_device_day)));
                plan.push((names[3].clone(), 1, daily(limits.notes_per_address_day)));
            }
            Change::SignUp(request) => {
                // Places, not sign-ups: one sign-up may bring up to ten people.
                let places = u32::from(request.party_size);
                plan.push((
                    names[2].clone(),
                    places,
                    daily(limits.places_per_device_day),
                ));
                plan.push((
                    names[3].clone(),
                    places,
                    daily(limits.places_per_address_day),
                ));
            }
            _ => {}
        }
        for (name, n, (burst, every_ms)) in plan {
            if let Err(wait_ms) = self.take(name, n, burst, every_ms) {
                self.held_for = Some(Duration::from_millis(u64::try_from(wait_ms).unwrap_or(0)));
                return false;
            }
        }
        true
    }

    /// Whole seconds until what was held back may come again, if anything was.
    pub fn retry_after(&self) -> Option<u64> {
        self.held_for
            .map(|wait| wait.as_secs() + u64::from(wait.subsec_nanos() > 0))
            .map(|seconds| seconds.max(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> PushLimits {
        PushLimits {
            per_device: Rate {
                burst: 3,
                per_hour: 1,
            },
            per_address: Rate {
                burst: 5,
                per_hour: 1,
            },
            notes_per_device_day: 1,
            notes_per_address_day: 100,
            places_per_device_day: 100,
            places_per_address_day: 100,
        }
    }

    const SELF_TEST: fn() -> Change = || Change::ConfirmActivity {
        activity_id: "a".into(),
    };

    #[test]
    fn a_bucket_gives_its_burst_then_one_token_per_interval() {
        let (now, every) = (1_000_000, 1000);
        let mut due = None;
        for _ in 0..3 {
            due = Some(take(due, now, 1, 3, every).expect("within the burst"));
        }
        assert_eq!(take(due, now, 1, 3, every), Err(every));
        assert!(take(due, now + every, 1, 3, every).is_ok());
        // Full again after the burst's time: as if nothing had been taken.
        assert_eq!(take(due, now + 3 * every, 3, 3, every), Ok(now + 6 * every));
        // More than the bucket holds asks for a full bucket, not the impossible.
        assert_eq!(take(None, now, 50, 3, every), Ok(now + 3 * every));
    }

    #[test]
    fn a_device_gets_its_burst_then_waits_and_the_rest_of_its_push_waits_too() {
        let limiter = Limiter::new(limits());
        let device = "0b6f2d9e-1c3a-4f5b-8e7d-6a5b4c3d2e1f";
        let mut gate = limiter.gate(&Source {
            device: Some(device),
            address: "192.0.2.1",
        });
        let admitted: Vec<bool> = (0..5).map(|_| gate.admits(&SELF_TEST())).collect();
        assert_eq!(admitted, [true, true, true, false, false]);
        let wait = gate.retry_after().expect("held back");
        assert!(
            (1..=3600).contains(&wait),
            "about an hour for one token: {wait}"
        );
        // Device and address are buckets of their own, neither holding the id.
        assert_eq!(gate.changed.len(), 2);
        assert!(gate.changed.iter().all(|name| !name.contains(device)));
    }

    #[test]
    fn without_a_device_id_the_address_is_the_device() {
        let limiter = Limiter::new(limits());
        for device in [None, Some("not-a-uuid")] {
            let gate = limiter.gate(&Source {
                device,
                address: "192.0.2.9",
            });
            assert_eq!(gate.device, "address:192.0.2.9");
        }
    }

    #[test]
    fn an_open_gate_admits_everything() {
        let mut gate = Gate::open();
        assert!((0..1000).all(|_| gate.admits(&SELF_TEST())));
        assert_eq!(gate.retry_after(), None);
    }
}
