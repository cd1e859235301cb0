//! Limits on what one source may push without a staff session, so that nobody can
//! bury the meldpunt's list, fill the disk or take an activity's places from one
//! device or one address. Why these shapes and numbers: docs/decisions.md, "Limits on
//! pushes".
//!
//! Every limit is a token bucket (governor's GCRA), kept in memory only: a restart
//! forgets them, and the device id never reaches the database. A push is looked at
//! mutation by mutation, in order; the first one that a limit holds back ends the
//! batch there. What came before it is applied and answered, the rest waits on the
//! device and comes again after `retry_after` — so nothing is lost and the order of a
//! device's items (a sign-up before its cancellation) holds.

use std::hash::Hash;
use std::num::NonZeroU32;
use std::time::Duration;

use governor::clock::{Clock, DefaultClock};
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use omzien_core::wire::{is_uuid, Change};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);
const HOUR: Duration = Duration::from_secs(60 * 60);

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

type Keyed<K> = RateLimiter<K, DefaultKeyedStateStore<K>, DefaultClock>;

fn keyed<K: Hash + Eq + Clone>(burst: u32, refill_every: Duration) -> Keyed<K> {
    let burst = NonZeroU32::new(burst.max(1)).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(refill_every.max(Duration::from_millis(1)))
        .unwrap_or_else(|| Quota::per_hour(burst))
        .allow_burst(burst);
    RateLimiter::dashmap(quota)
}

fn hourly<K: Hash + Eq + Clone>(rate: Rate) -> Keyed<K> {
    keyed(rate.burst, HOUR / rate.per_hour.max(1))
}

fn daily<K: Hash + Eq + Clone>(cap: u32) -> Keyed<K> {
    keyed(cap, DAY / cap.max(1))
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

pub struct Limiter {
    by_device: Keyed<String>,
    by_address: Keyed<String>,
    notes_by_device: Keyed<String>,
    notes_by_address: Keyed<String>,
    places_by_device: Keyed<(String, String)>,
    places_by_address: Keyed<(String, String)>,
    clock: DefaultClock,
}

impl Default for Limiter {
    fn default() -> Self {
        Limiter::new(PushLimits::default())
    }
}

impl Limiter {
    pub fn new(limits: PushLimits) -> Self {
        Limiter {
            by_device: hourly(limits.per_device),
            by_address: hourly(limits.per_address),
            notes_by_device: daily(limits.notes_per_device_day),
            notes_by_address: daily(limits.notes_per_address_day),
            places_by_device: daily(limits.places_per_device_day),
            places_by_address: daily(limits.places_per_address_day),
            clock: DefaultClock::default(),
        }
    }

    /// A gate for one push from `source`.
    pub fn gate<'a>(&'a self, source: &Source<'_>) -> Gate<'a> {
        Gate {
            limiter: Some(self),
            device: source.device_key(),
            address: source.address.to_owned(),
            held_for: None,
        }
    }

    /// Forgets sources whose buckets are full again; called now and then, so that a
    /// flood of made-up device ids does not stay in memory.
    pub fn forget_idle(&self) {
        self.by_device.retain_recent();
        self.by_address.retain_recent();
        self.notes_by_device.retain_recent();
        self.notes_by_address.retain_recent();
        self.places_by_device.retain_recent();
        self.places_by_address.retain_recent();
    }
}

/// Every ten minutes, forgets idle sources (`Limiter::forget_idle`).
pub fn spawn_forgetting(limiter: std::sync::Arc<Limiter>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(10 * 60));
        loop {
            every.tick().await;
            limiter.forget_idle();
        }
    });
}

/// Takes a token from `limiter` under `key`, or says how long until there is one.
fn take<K: Hash + Eq + Clone>(
    limiter: &Keyed<K>,
    key: &K,
    clock: &DefaultClock,
) -> Result<(), Duration> {
    limiter
        .check_key(key)
        .map_err(|not_until| not_until.wait_time_from(clock.now()))
}

/// Takes `n` tokens at once, or none and says how long until there are `n`. More than
/// the bucket can ever hold counts as a full bucket: a party larger than the cap
/// should wait for a day, not forever.
fn take_many<K: Hash + Eq + Clone>(
    limiter: &Keyed<K>,
    key: &K,
    n: u32,
    clock: &DefaultClock,
) -> Result<(), Duration> {
    let n = NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN);
    let taken = match limiter.check_key_n(key, n) {
        Ok(taken) => taken,
        Err(governor::InsufficientCapacity(most)) => {
            let most = NonZeroU32::new(most).unwrap_or(NonZeroU32::MIN);
            match limiter.check_key_n(key, most) {
                Ok(taken) => taken,
                // Cannot happen (`most` is what the bucket holds); if it did, wait.
                Err(_) => return Err(DAY),
            }
        }
    };
    taken.map_err(|not_until| not_until.wait_time_from(clock.now()))
}

/// The limits for one push. Staff pushes pass an open gate: a signed-in outreach
/// worker who signs up ten residents for one walk is accountable, not a flood.
pub struct Gate<'a> {
    limiter: Option<&'a Limiter>,
    device: String,
    address: String,
    held_for: Option<Duration>,
}

impl Gate<'_> {
    pub fn open() -> Self {
        Gate {
            limiter: None,
            device: String::new(),
            address: String::new(),
            held_for: None,
        }
    }

    /// Whether this new (not replayed) change may be applied now; it takes its tokens
    /// when it may. Once one is held back, so is everything after it in the push.
    ///
    /// governor cannot look without taking, so a change that passes one bucket and not
    /// the next has used a token of the first. The general buckets come first and the
    /// daily caps last: a change held back by a cap waits hours, so what it used up
    /// meanwhile is a token or two, not a device's day.
    pub fn admits(&mut self, change: &Change) -> bool {
        let Some(limiter) = self.limiter else {
            return true;
        };
        if self.held_for.is_some() {
            return false;
        }
        let clock = &limiter.clock;
        let result = (|| {
            take(&limiter.by_device, &self.device, clock)?;
            take(&limiter.by_address, &self.address, clock)?;
            match change {
                Change::ConcernNote(_) => {
                    take(&limiter.notes_by_device, &self.device, clock)?;
                    take(&limiter.notes_by_address, &self.address, clock)?;
                }
                Change::SignUp(request) => {
                    // Places, not sign-ups: one sign-up may bring up to ten people.
                    let places = u32::from(request.party_size);
                    let activity = &request.activity_id;
                    let by_device = (self.device.clone(), activity.clone());
                    take_many(&limiter.places_by_device, &by_device, places, clock)?;
                    let by_address = (self.address.clone(), activity.clone());
                    take_many(&limiter.places_by_address, &by_address, places, clock)?;
                }
                _ => {}
            }
            Ok(())
        })();
        match result {
            Ok(()) => true,
            Err(wait) => {
                self.held_for = Some(wait);
                false
            }
        }
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
        // Another device at the same address still has its own bucket, until the
        // address's is empty.
        let mut other = limiter.gate(&Source {
            device: Some("1b6f2d9e-1c3a-4f5b-8e7d-6a5b4c3d2e1f"),
            address: "192.0.2.1",
        });
        let admitted: Vec<bool> = (0..3).map(|_| other.admits(&SELF_TEST())).collect();
        assert_eq!(admitted, [true, true, false], "the address had 5");
    }

    #[test]
    fn without_a_device_id_the_address_is_the_device() {
        let limiter = Limiter::new(limits());
        for device in [None, Some("not-a-uuid")] {
            let mut gate = limiter.gate(&Source {
                device,
                address: "192.0.2.9",
            });
            while gate.admits(&SELF_TEST()) {}
        }
        let mut gate = limiter.gate(&Source {
            device: None,
            address: "192.0.2.9",
        });
        assert!(
            !gate.admits(&SELF_TEST()),
            "3 for the 'device', then nothing"
        );
    }

    #[test]
    fn an_open_gate_admits_everything() {
        let mut gate = Gate::open();
        assert!((0..1000).all(|_| gate.admits(&SELF_TEST())));
        assert_eq!(gate.retry_after(), None);
    }
}
