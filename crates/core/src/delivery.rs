//! TEMPORARY STUB (replaced by the r-core branch's real module).
use std::time::Duration;

use crate::outbox::{Entry, EntryState, Outbox};
use crate::wire::{Change, Mutation, PushResponse};

pub struct Rules {
    pub may_act_on_behalf: bool,
    pub visit_started: Option<f64>,
}

pub fn earlier_visitors(created_at: f64, visit_started: Option<f64>) -> bool {
    visit_started.is_some_and(|v| created_at < v)
}

pub struct Delivery {
    outbox: Outbox,
    rules: Rules,
}

pub struct Settlement {
    pub keep: Vec<Entry>,
    pub forget: Vec<String>,
}

impl Delivery {
    pub fn new(stored: Vec<Entry>, rules: Rules) -> Self {
        let entries = stored
            .into_iter()
            .filter(|e| rules.may_act_on_behalf || !e.mutation.change.needs_staff())
            .collect();
        Delivery {
            outbox: Outbox::restore(entries),
            rules,
        }
    }
    pub fn next_batch(&mut self, max: usize) -> Vec<Mutation> {
        self.outbox.start_batch(max)
    }
    pub fn failed(&mut self) {
        self.outbox.fail_batch();
    }
    pub fn answer(&mut self, response: &PushResponse) -> Settlement {
        self.outbox.finish_batch(response);
        let mut keep = Vec::new();
        let mut forget = Vec::new();
        for e in self.outbox.entries() {
            if !response.results.iter().any(|r| r.id == e.mutation.id) {
                continue;
            }
            if !matches!(e.state, EntryState::Done(_)) {
                continue;
            }
            if e.mutation.change.stays_after_answer()
                && !earlier_visitors(e.created_at, self.rules.visit_started)
            {
                keep.push(Entry {
                    mutation: Mutation {
                        id: e.mutation.id.clone(),
                        change: e.mutation.change.without_personal_data(),
                    },
                    state: e.state.clone(),
                    created_at: e.created_at,
                });
            } else {
                forget.push(e.mutation.id.clone());
            }
        }
        Settlement { keep, forget }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub unanswered: usize,
    pub unanswered_sign_ups: usize,
    pub waiting_for_staff: usize,
}

impl Outbox {
    pub fn counts(&self) -> Counts {
        let open = || {
            self.entries()
                .iter()
                .filter(|e| !matches!(e.state, EntryState::Done(_)))
        };
        Counts {
            unanswered: open().count(),
            unanswered_sign_ups: open()
                .filter(|e| {
                    matches!(
                        e.mutation.change,
                        Change::SignUp(_) | Change::CancelSignUp { .. }
                    )
                })
                .count(),
            waiting_for_staff: open().filter(|e| e.mutation.change.needs_staff()).count(),
        }
    }
}

#[derive(Default)]
pub struct Backoff {
    retry: Option<Duration>,
}
const FIRST: Duration = Duration::from_secs(15);
const MAX: Duration = Duration::from_secs(600);
impl Backoff {
    pub fn after_success(&mut self) -> Duration {
        self.retry = None;
        Duration::from_secs(300)
    }
    pub fn after_failure(&mut self) -> Duration {
        let wait = self.retry.unwrap_or(FIRST);
        self.retry = Some((wait * 2).min(MAX));
        wait
    }
    pub fn offline(&self) -> Duration {
        MAX
    }
    pub fn woken(&mut self) {
        self.retry = None;
    }
}
pub fn jitter(wait: Duration, random: f64) -> Duration {
    wait.mul_f64(0.8 + 0.4 * random)
}
