//! The order the catalogue shows its results in: what a visitor can go to soon, near
//! them, first. The rule and its reasons are in docs/decisions.md ("Ranking").

use crate::catalogue::Catalogue;
use crate::edit::Currency;
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
/// the better text match, then what nobody confirmed for months ("Mogelijk niet meer
/// actueel") last, then whole offers ("Aanbod van …"), then what happens soonest, then
/// what is most concrete, then by name.
///
/// For one search; a page that searches on every keystroke keeps a [`Standing`].
pub fn rank(
    catalogue: &Catalogue,
    hits: &[(usize, u32)],
    wijk: Option<&str>,
    today: Date,
) -> Ranked {
    Standing::new(catalogue, today).rank(catalogue, hits, wijk)
}

/// Each activity's place in the order apart from the text match: whole offer or not,
/// how soon, how concrete, its name. That depends on the catalogue and the date, not on
/// the query, so it is worked out once a day and a keystroke only sorts numbers: at
/// 10,000 activities, working it out per search took 8 ms natively for a one-letter
/// query, sorting takes a few hundred µs (docs/benchmarks.md).
pub struct Standing {
    today: Date,
    /// Per activity, smallest first: possibly out of date (1 bit), whole offer (1 bit),
    /// days until the next date (6 bits, `NOT_SOON` when not within `SOON_DAYS`), how
    /// little is concrete (3 bits), the place of its name in alphabetical order
    /// (21 bits: two million names).
    keys: Vec<u32>,
}

const NOT_SOON: u32 = SOON_DAYS as u32 + 1;
const NAME_BITS: u32 = 21;

impl Standing {
    pub fn new(catalogue: &Catalogue, today: Date) -> Self {
        let names: Vec<String> = catalogue.activities.iter().map(|a| fold(&a.name)).collect();
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_by(|a, b| names[*a as usize].cmp(&names[*b as usize]));
        let mut keys = vec![0; names.len()];
        for (place, &a) in (0u32..).zip(&by_name) {
            let activity = &catalogue.activities[a as usize];
            let soon = when::next_date(activity, today)
                .map(|date| today.days_until(date))
                .filter(|days| (0..=SOON_DAYS).contains(days))
                .map_or(NOT_SOON, |days| days as u32);
            let vague = 7 - u32::from(concreteness(catalogue, activity));
            let stale = catalogue.freshness.judge(activity.updated_on, today) == Currency::Stale;
            keys[a as usize] = u32::from(stale) << 31
                | u32::from(activity.general) << 30
                | soon << 24
                | vague << NAME_BITS
                | place.min((1 << NAME_BITS) - 1);
        }
        Standing { today, keys }
    }

    /// The date this standing was worked out for: make a new one when it is not today.
    pub fn today(&self) -> Date {
        self.today
    }

    /// [`rank`], with the work that does not depend on the query already done.
    pub fn rank(&self, catalogue: &Catalogue, hits: &[(usize, u32)], wijk: Option<&str>) -> Ranked {
        let mut keyed: Vec<(u64, u32)> = hits
            .iter()
            .filter_map(|&(i, relevance)| {
                let key = *self.keys.get(i)?;
                Some((
                    u64::from(u32::MAX - relevance) << 32 | u64::from(key),
                    i as u32,
                ))
            })
            .collect();
        keyed.sort_unstable();
        let mut ranked = Ranked::default();
        for (_, i) in keyed {
            let i = i as usize;
            let near = wijk.is_some() && catalogue.activities[i].wijk.as_deref() == wijk;
            if near {
                ranked.in_wijk.push(i);
            } else {
                ranked.others.push(i);
            }
        }
        ranked
    }
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
    fn what_nobody_confirmed_for_nine_months_comes_last() {
        let mut c = catalogue();
        let today = date("2026-12-04");
        let helpline = c.activities.iter().position(|a| a.name == "Luisterlijn");
        let Some(helpline) = helpline else {
            panic!("sample activities");
        };
        c.activities[helpline].updated_on = Some(date("2026-03-06"));
        let ranked = rank(&c, &all(&c), None, today);
        assert_eq!(ranked.others.first(), Some(&helpline), "273 days: not yet");
        c.activities[helpline].updated_on = Some(date("2026-03-01"));
        let ranked = rank(&c, &all(&c), None, today);
        assert_eq!(
            ranked.others.last(),
            Some(&helpline),
            "after the whole offers too"
        );
        c.freshness.stale_after_days = 400;
        let ranked = rank(&c, &all(&c), None, today);
        assert_eq!(
            ranked.others.first(),
            Some(&helpline),
            "the threshold is a setting"
        );
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
