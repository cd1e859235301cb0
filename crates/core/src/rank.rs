//! The order the catalogue shows its results in: what a visitor can go to soon, near
//! them, first. The rule and its reasons are in docs/decisions.md ("Ranking").

use std::cmp::Reverse;

use crate::catalogue::Catalogue;
use crate::model::Activity;
use crate::schedule::Date;
use crate::search::fold;
use crate::when;

/// A date further away than this does not count as "soon": a yearly festival in
/// seven months is not something to do now, whatever its date.
const SOON_DAYS: i64 = 31;

/// The results in two groups: in the wijk the visitor chose, and everywhere else the
/// filters let through (city-wide offers). Without a chosen wijk, all are in `others`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ranked {
    pub in_wijk: Vec<usize>,
    pub others: Vec<usize>,
}

impl Ranked {
    pub fn len(&self) -> usize {
        self.in_wijk.len() + self.others.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Orders `hits` (indices into `catalogue.activities`, each with how well the text
/// matched: higher is better, equal for every hit of an empty query). Within a group:
/// the better text match, then whole offers ("Aanbod van …") last, then what happens
/// soonest, then what is most concrete, then by name.
pub fn rank(
    catalogue: &Catalogue,
    hits: &[(usize, u32)],
    wijk: Option<&str>,
    today: Date,
) -> Ranked {
    let mut keyed: Vec<(Key, usize, bool)> = hits
        .iter()
        .filter_map(|&(i, relevance)| {
            let activity = catalogue.activities.get(i)?;
            let near = wijk.is_some() && activity.wijk.as_deref() == wijk;
            Some((key(catalogue, activity, relevance, today), i, near))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut ranked = Ranked::default();
    for (_, i, near) in keyed {
        if near {
            ranked.in_wijk.push(i);
        } else {
            ranked.others.push(i);
        }
    }
    ranked
}

/// Compared in field order, smallest first.
type Key = (Reverse<u32>, bool, i64, Reverse<u8>, String);

fn key(catalogue: &Catalogue, activity: &Activity, relevance: u32, today: Date) -> Key {
    let soon = when::next_date(activity, today)
        .map(|date| today.days_until(date))
        .filter(|days| *days <= SOON_DAYS)
        .unwrap_or(i64::MAX);
    (
        Reverse(relevance),
        activity.general,
        soon,
        Reverse(concreteness(catalogue, activity)),
        fold(&activity.name),
    )
}

/// How much a visitor can act on without asking around: a sign-up in the app, a known
/// place, a way to get in touch, a known day or time.
fn concreteness(catalogue: &Catalogue, activity: &Activity) -> u8 {
    let contact = !activity.contact.is_empty()
        || catalogue
            .organisation(&activity.organisation_id)
            .is_some_and(|o| !o.contact.is_empty());
    let known_time = !activity.schedule.is_empty() || !activity.sessions.is_empty();
    [
        activity.sign_up_in_app,
        activity.location.is_some(),
        contact,
        known_time,
    ]
    .into_iter()
    .map(u8::from)
    .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::tests::sample;
    use crate::model::{Location, Session};

    fn date(text: &str) -> Date {
        Date::try_from(text.to_owned()).expect("a date")
    }

    /// Every activity of `catalogue`, equally relevant (an empty query).
    fn all(catalogue: &Catalogue) -> Vec<(usize, u32)> {
        (0..catalogue.activities.len()).map(|i| (i, 0)).collect()
    }

    fn names(catalogue: &Catalogue, list: &[usize]) -> Vec<String> {
        list.iter()
            .map(|&i| catalogue.activities[i].name.clone())
            .collect()
    }

    /// The sample, plus a vague whole offer whose name sorts first, and a concrete
    /// session next week in Centrum.
    fn catalogue() -> Catalogue {
        let mut c = sample();
        let mut vague = c.activities[0].clone();
        vague.id = "aanbod".into();
        vague.name = "Aanbod van iedereen".into();
        vague.general = true;
        vague.schedule = Default::default();
        vague.sessions.clear();
        vague.wijk = None;
        c.activities.push(vague);
        let mut koffie = c.activities[0].clone();
        koffie.id = "koffie".into();
        koffie.name = "Koffie-inloop".into();
        koffie.general = false;
        koffie.wijk = Some("centrum".into());
        koffie.schedule = Default::default();
        koffie.sessions = vec![Session {
            date: date("2026-12-09"),
            start_time: None,
            end_time: None,
            location: Some(Location::default()),
            example: true,
        }];
        c.activities.push(koffie);
        c
    }

    #[test]
    fn the_chosen_wijk_comes_first_as_its_own_group() {
        let c = catalogue();
        let today = date("2026-12-04");
        let ranked = rank(&c, &all(&c), Some("centrum"), today);
        assert_eq!(
            names(&c, &ranked.in_wijk),
            ["Koffie-inloop", "Filosofiecafé", "Workshop jongeren"],
            "the coffee is soon; the philosophy café next month, the workshop was in 2025"
        );
        assert!(!ranked.others.is_empty());
        assert!(ranked
            .others
            .iter()
            .all(|&i| c.activities[i].wijk.as_deref() != Some("centrum")));
        let unchosen = rank(&c, &all(&c), None, today);
        assert!(unchosen.in_wijk.is_empty());
        assert_eq!(unchosen.len(), c.activities.len());
    }

    #[test]
    fn soon_before_later_and_whole_offers_last() {
        let c = catalogue();
        let ranked = rank(&c, &all(&c), None, date("2026-12-04"));
        let order = names(&c, &ranked.others);
        // Friday 4 December: the helpline is there every day, the walk every Tuesday
        // (the 8th), the coffee is on the 9th.
        assert_eq!(&order[..3], ["Luisterlijn", "Wandelgroep", "Koffie-inloop"]);
        assert_eq!(
            order.last().map(String::as_str),
            Some("Aanbod van iedereen")
        );
    }

    #[test]
    fn a_date_far_off_does_not_count_as_soon() {
        let c = catalogue();
        // From 10 December the coffee session is past, and the walk is five days off.
        let ranked = rank(&c, &all(&c), None, date("2026-12-10"));
        let order = names(&c, &ranked.others);
        assert_eq!(&order[..2], ["Luisterlijn", "Wandelgroep"]);
        let koffie = order.iter().position(|n| n == "Koffie-inloop");
        let vague = order.iter().position(|n| n == "Aanbod van iedereen");
        assert!(koffie < vague, "{order:?}");
    }

    #[test]
    fn a_better_text_match_comes_before_a_sooner_date() {
        let c = catalogue();
        let walk = c.activities.iter().position(|a| a.name == "Wandelgroep");
        let koffie = c.activities.iter().position(|a| a.name == "Koffie-inloop");
        let (Some(walk), Some(koffie)) = (walk, koffie) else {
            panic!("sample activities");
        };
        let ranked = rank(&c, &[(walk, 1), (koffie, 3)], None, date("2026-12-04"));
        assert_eq!(ranked.others, [koffie, walk]);
    }

    #[test]
    fn without_dates_the_more_concrete_comes_first() {
        let mut c = sample();
        for a in &mut c.activities {
            a.schedule = Default::default();
            a.sessions.clear();
            a.sign_up_in_app = false;
            a.location = None;
        }
        let last = c.activities.len() - 1;
        c.activities[last].sign_up_in_app = true;
        let ranked = rank(&c, &all(&c), None, date("2026-12-04"));
        assert_eq!(ranked.others[0], last);
    }
}
