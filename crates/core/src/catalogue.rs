//! The whole catalogue as one value: what the server imports from `data/`, what the
//! app keeps in IndexedDB, and the rules that keep it consistent.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::edit::Freshness;
use crate::info::{Campaign, InfoPage};
use crate::model::{Activity, Figures, Organisation, Wijk};
use crate::wire::{Deleted, PullResponse, RecordKind};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub organisations: Vec<Organisation>,
    pub activities: Vec<Activity>,
    pub wijken: Vec<Wijk>,
    pub figures: Figures,
    #[serde(default)]
    pub info_pages: Vec<InfoPage>,
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    /// The server's thresholds for "Mogelijk niet meer actueel", from the last pull.
    #[serde(default)]
    pub freshness: Freshness,
    /// The meldpunt's key new notes are sealed to, from the last pull.
    #[serde(default)]
    pub meldpunt_key: Option<crate::seal::MeldpuntKey>,
}

/// A rule the catalogue breaks, said so that whoever edits `data/` can fix it.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CatalogueError {
    #[error("{kind} `{id}` appears more than once")]
    DuplicateId { kind: &'static str, id: String },
    #[error("{kind} `{id}`: field `{field}` is empty")]
    Empty {
        kind: &'static str,
        id: String,
        field: &'static str,
    },
    #[error("activity `{activity}` names organisation `{organisation}`, which does not exist")]
    UnknownOrganisation {
        activity: String,
        organisation: String,
    },
    #[error("activity `{activity}` names wijk `{wijk}`, which does not exist")]
    UnknownWijk { activity: String, wijk: String },
    #[error("{id}: percentage {value} is not between 0 and 100")]
    BadPercentage { id: String, value: String },
    #[error("{kind} `{id}`: ids use only a–z, 0–9 and '-'")]
    BadId { kind: &'static str, id: String },
    #[error("info page `{page}` links to `{href}`, which is not a path in the app")]
    BadLink { page: String, href: String },
    #[error("info page `{page}` has a cycle of {stages} stages; a cycle has 3 to 8")]
    BadCycle { page: String, stages: usize },
    #[error("campaign `{campaign}` names activity `{activity}`, which does not exist")]
    UnknownActivity { campaign: String, activity: String },
}

impl Catalogue {
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    pub fn wijk(&self, id: &str) -> Option<&Wijk> {
        self.wijken.iter().find(|w| w.id == id)
    }

    pub fn info_page(&self, id: &str) -> Option<&InfoPage> {
        self.info_pages.iter().find(|p| p.id == id)
    }

    pub fn is_empty(&self) -> bool {
        self.activities.is_empty() && self.wijken.is_empty()
    }

    /// Every rule broken, not just the first, so one edit round fixes them all.
    pub fn validate(&self) -> Result<(), Vec<CatalogueError>> {
        let mut errors = Vec::new();
        check_ids(
            "organisation",
            self.organisations.iter().map(|o| &o.id),
            &mut errors,
        );
        check_ids(
            "activity",
            self.activities.iter().map(|a| &a.id),
            &mut errors,
        );
        check_ids("wijk", self.wijken.iter().map(|w| &w.id), &mut errors);
        check_ids(
            "figure",
            self.figures.comparisons.iter().map(|c| &c.id),
            &mut errors,
        );

        check_ids(
            "info page",
            self.info_pages.iter().map(|p| &p.id),
            &mut errors,
        );
        check_ids(
            "campaign",
            self.campaigns.iter().map(|c| &c.id),
            &mut errors,
        );

        for o in &self.organisations {
            require("organisation", &o.id, "name", &o.name, &mut errors);
            require("organisation", &o.id, "source", &o.source, &mut errors);
        }
        for a in &self.activities {
            require("activity", &a.id, "name", &a.name, &mut errors);
            require("activity", &a.id, "summary", &a.summary, &mut errors);
            require("activity", &a.id, "source", &a.source, &mut errors);
            if self.organisation(&a.organisation_id).is_none() {
                errors.push(CatalogueError::UnknownOrganisation {
                    activity: a.id.clone(),
                    organisation: a.organisation_id.clone(),
                });
            }
            if let Some(w) = a.wijk.as_ref().filter(|w| self.wijk(w).is_none()) {
                errors.push(CatalogueError::UnknownWijk {
                    activity: a.id.clone(),
                    wijk: w.clone(),
                });
            }
        }
        for w in &self.wijken {
            require("wijk", &w.id, "source", &w.source, &mut errors);
            check_percent(&w.id, Some(w.lonely), &mut errors);
            check_percent(&w.id, Some(w.severely_lonely), &mut errors);
        }
        for c in &self.figures.comparisons {
            require("figure", &c.id, "source", &c.source, &mut errors);
            for value in [c.hilversum, c.region, c.netherlands] {
                check_percent(&c.id, value, &mut errors);
            }
        }
        for p in &self.info_pages {
            require("info page", &p.id, "title", &p.title, &mut errors);
            require("info page", &p.id, "source", &p.source, &mut errors);
            // Only paths inside the app: the pages must work offline, and an outside
            // address in the data would be a way to send residents anywhere.
            for link in p.sections.iter().flat_map(|s| &s.links) {
                if !is_app_path(&link.href) {
                    errors.push(CatalogueError::BadLink {
                        page: p.id.clone(),
                        href: link.href.clone(),
                    });
                }
            }
        }
        for p in &self.info_pages {
            for s in p.sections.iter().filter(|s| !s.cycle.is_empty()) {
                if !(MIN_CYCLE..=MAX_CYCLE).contains(&s.cycle.len()) {
                    errors.push(CatalogueError::BadCycle {
                        page: p.id.clone(),
                        stages: s.cycle.len(),
                    });
                }
            }
        }
        for c in &self.campaigns {
            require("campaign", &c.id, "name", &c.name, &mut errors);
            require("campaign", &c.id, "source", &c.source, &mut errors);
            for a in c.activity_ids.iter().filter(|a| self.activity(a).is_none()) {
                errors.push(CatalogueError::UnknownActivity {
                    campaign: c.id.clone(),
                    activity: a.clone(),
                });
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Applies a pull: upserts what changed and drops what was deleted. A `reset` pull
    /// (the server's data was replaced) starts from nothing.
    /// The whole catalogue as pages at `cursor`, the first replacing whatever a device
    /// had, each with at most `per_page` activities (the other kinds all in the first):
    /// applying them in turn gives this catalogue again. The app's store writes its
    /// log of pages anew as these when the log has grown long.
    pub fn as_pages(&self, cursor: u64, per_page: usize) -> Vec<PullResponse> {
        let mut chunks = self.activities.chunks(per_page.max(1));
        let first = PullResponse {
            cursor,
            more: chunks.len() > 1,
            reset: true,
            organisations: self.organisations.clone(),
            activities: chunks.next().map(<[_]>::to_vec).unwrap_or_default(),
            wijken: self.wijken.clone(),
            figures: Some(self.figures.clone()),
            info_pages: self.info_pages.clone(),
            campaigns: self.campaigns.clone(),
            deleted: Vec::new(),
            freshness: self.freshness,
            meldpunt_key: self.meldpunt_key.clone(),
        };
        let left = chunks.len();
        let rest = chunks.enumerate().map(|(i, chunk)| PullResponse {
            cursor,
            more: i + 1 < left,
            activities: chunk.to_vec(),
            freshness: self.freshness,
            meldpunt_key: self.meldpunt_key.clone(),
            ..PullResponse::default()
        });
        std::iter::once(first).chain(rest).collect()
    }

    pub fn apply(&mut self, pull: &PullResponse) {
        self.absorb(pull.clone());
    }

    /// `apply` for a page that is no longer needed: its records move into the
    /// catalogue instead of being copied (the app's start replays its stored pages so).
    pub fn absorb(&mut self, pull: PullResponse) {
        if pull.reset {
            *self = Catalogue::default();
        }
        upsert(&mut self.organisations, pull.organisations, |o| &o.id);
        upsert(&mut self.activities, pull.activities, |a| &a.id);
        upsert(&mut self.wijken, pull.wijken, |w| &w.id);
        upsert(&mut self.info_pages, pull.info_pages, |p| &p.id);
        upsert(&mut self.campaigns, pull.campaigns, |c| &c.id);
        if let Some(figures) = pull.figures {
            self.figures = figures;
        }
        self.freshness = pull.freshness;
        self.meldpunt_key = pull.meldpunt_key;
        let deleted = &pull.deleted;
        remove(
            &mut self.organisations,
            deleted,
            RecordKind::Organisation,
            |o| &o.id,
        );
        remove(&mut self.activities, deleted, RecordKind::Activity, |a| {
            &a.id
        });
        remove(&mut self.wijken, deleted, RecordKind::Wijk, |w| &w.id);
        remove(&mut self.info_pages, deleted, RecordKind::InfoPage, |p| {
            &p.id
        });
        remove(&mut self.campaigns, deleted, RecordKind::Campaign, |c| {
            &c.id
        });
        if pull.deleted.iter().any(|d| d.kind == RecordKind::Figures) {
            self.figures = Figures::default();
        }
    }
}

/// A diagram of fewer stages is no cycle, and more no longer fit the ring readably.
const MIN_CYCLE: usize = 3;
const MAX_CYCLE: usize = 8;

/// A path inside the app: `/` then only characters a path and query need. Browsers
/// read `/\host` and `//host` as another site, so a backslash or a second slash at the
/// start is refused along with everything unusual.
fn is_app_path(href: &str) -> bool {
    let mut chars = href.chars();
    chars.next() == Some('/')
        && !matches!(chars.next(), Some('/'))
        && href
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.?=&".contains(c))
}

/// Replaces the records that changed and appends the new ones (a record that comes
/// twice counts once, as its last, in the place of its first), in time linear in both
/// lists: a first sync brings 10,000 activities in pages, and a search of the list per
/// record made that quadratic. Records move; only ids are copied.
fn upsert<T>(into: &mut Vec<T>, changed: Vec<T>, id: impl Fn(&T) -> &String) {
    if changed.is_empty() {
        return;
    }
    let mut at: HashMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, old)| (id(old).clone(), i))
        .collect();
    into.reserve(changed.len());
    for new in changed {
        match at.get(id(&new).as_str()) {
            Some(&i) => into[i] = new,
            None => {
                at.insert(id(&new).clone(), into.len());
                into.push(new);
            }
        }
    }
}

/// Drops the records of `kind` that `deleted` names, in one pass over the list.
fn remove<T>(into: &mut Vec<T>, deleted: &[Deleted], kind: RecordKind, id: impl Fn(&T) -> &String) {
    let gone: HashSet<&str> = deleted
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.id.as_str())
        .collect();
    if !gone.is_empty() {
        into.retain(|item| !gone.contains(id(item).as_str()));
    }
}

fn check_ids<'a>(
    kind: &'static str,
    ids: impl Iterator<Item = &'a String>,
    errors: &mut Vec<CatalogueError>,
) {
    let mut seen = HashSet::new();
    for id in ids {
        let well_formed = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            errors.push(CatalogueError::BadId {
                kind,
                id: id.clone(),
            });
        }
        if !seen.insert(id) {
            errors.push(CatalogueError::DuplicateId {
                kind,
                id: id.clone(),
            });
        }
    }
}

fn require(
    kind: &'static str,
    id: &str,
    field: &'static str,
    value: &str,
    errors: &mut Vec<CatalogueError>,
) {
    if value.trim().is_empty() {
        errors.push(CatalogueError::Empty {
            kind,
            id: id.to_owned(),
            field,
        });
    }
}

fn check_percent(id: &str, value: Option<f64>, errors: &mut Vec<CatalogueError>) {
    if let Some(v) = value.filter(|v| !(0.0..=100.0).contains(v)) {
        errors.push(CatalogueError::BadPercentage {
            id: id.to_owned(),
            value: v.to_string(),
        });
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::wire::Deleted;

    /// A small catalogue for tests: four activities covering each filter.
    pub(crate) fn sample() -> Catalogue {
        serde_json::from_str(include_str!("../tests/sample-catalogue.json"))
            .expect("sample catalogue parses")
    }

    #[test]
    fn info_links_stay_inside_the_app() {
        for ok in ["/", "/activiteiten?soort=social", "/weten/de-eerste-stap"] {
            assert!(is_app_path(ok), "{ok}");
        }
        for bad in [
            "//evil.nl",
            "/\\evil.nl",
            "/\\t/evil.nl",
            "https://evil.nl",
            "javascript:alert(1)",
            "/weten/<b>",
            "",
        ] {
            assert!(!is_app_path(bad), "{bad}");
        }
    }

    #[test]
    fn an_unknown_record_kind_is_skipped_not_fatal() {
        let pull: PullResponse = serde_json::from_str(
            r#"{"cursor": 3, "deleted": [{"kind": "poll", "id": "x"}, {"kind": "activity", "id": "y"}]}"#,
        )
        .unwrap();
        assert_eq!(pull.deleted[0].kind, RecordKind::Unknown);
        let mut c = Catalogue::default();
        c.apply(&pull);
    }

    #[test]
    fn sample_is_valid() {
        assert_eq!(sample().validate(), Ok(()));
    }

    #[test]
    fn validation_reports_every_broken_rule() {
        let mut c = sample();
        c.activities[1].id = c.activities[0].id.clone();
        c.activities[2].organisation_id = "nobody".into();
        c.activities[3].wijk = Some("atlantis".into());
        c.wijken[0].lonely = 140.0;
        c.organisations[0].source = " ".into();
        let errors = c.validate().unwrap_err();
        assert_eq!(errors.len(), 5, "{errors:#?}");
        assert!(errors
            .iter()
            .any(|e| matches!(e, CatalogueError::UnknownWijk { wijk, .. } if wijk == "atlantis")));
        let duplicate = errors
            .iter()
            .find(|e| matches!(e, CatalogueError::DuplicateId { .. }))
            .expect("duplicate reported");
        assert!(duplicate.to_string().contains("appears more than once"));
    }

    #[test]
    fn the_catalogue_as_pages_gives_it_back_over_anything() {
        let c = sample();
        assert!(c.activities.len() >= 3);
        for per_page in [1, 2, c.activities.len(), c.activities.len() + 5] {
            let mut other = sample();
            other.activities.truncate(1);
            other.activities[0].name = "Iets anders".into();
            let pages = c.as_pages(42, per_page);
            assert_eq!(pages.len(), c.activities.len().div_ceil(per_page));
            assert!(pages[0].reset);
            assert!(pages.iter().all(|p| p.cursor == 42));
            assert!(!pages.last().unwrap().more);
            for page in pages {
                other.absorb(page);
            }
            assert_eq!(other, c, "pages of {per_page}");
        }
        let empty = Catalogue::default().as_pages(3, 10);
        assert_eq!(empty.len(), 1);
        let mut other = sample();
        other.apply(&empty[0]);
        assert_eq!(other, Catalogue::default());
    }

    #[test]
    fn apply_upserts_and_deletes() {
        let mut c = sample();
        let mut changed = c.activities[0].clone();
        changed.name = "Nieuwe naam".into();
        let pull = PullResponse {
            cursor: 9,
            reset: false,
            activities: vec![changed],
            deleted: vec![Deleted {
                kind: RecordKind::Activity,
                id: c.activities[1].id.clone(),
            }],
            ..PullResponse::default()
        };
        let before = c.activities.len();
        c.apply(&pull);
        assert_eq!(c.activities.len(), before - 1);
        assert_eq!(c.activities[0].name, "Nieuwe naam");
    }

    #[test]
    fn pages_applied_in_turn_hold_each_record_once_in_the_order_it_came() {
        let all = sample().activities;
        assert!(all.len() >= 4);
        let mut c = Catalogue::default();
        c.apply(&PullResponse {
            reset: true,
            more: true,
            activities: all[..2].to_vec(),
            ..PullResponse::default()
        });
        // The next page brings the rest, and again the first record: it changed between
        // the pages, so it moved to the end of the versions.
        let mut again = all[0].clone();
        again.name = "Veranderd".into();
        let mut second = all[2..].to_vec();
        second.push(again);
        c.apply(&PullResponse {
            activities: second,
            ..PullResponse::default()
        });
        let ids: Vec<&str> = c.activities.iter().map(|a| a.id.as_str()).collect();
        let expected: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(c.activities[0].name, "Veranderd");
    }

    #[test]
    fn reset_pull_replaces_everything() {
        let mut c = sample();
        let pull = PullResponse {
            cursor: 1,
            reset: true,
            wijken: vec![c.wijken[0].clone()],
            ..PullResponse::default()
        };
        c.apply(&pull);
        assert!(c.activities.is_empty());
        assert_eq!(c.wijken.len(), 1);
    }
}
