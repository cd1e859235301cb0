//! When an activity happens, seen from today: its dated sessions and its recurring
//! schedule taken together, and the periods a visitor picks first ("Vandaag", "Deze
//! week", "Dit weekend").

use crate::model::{Activity, Location};
use crate::schedule::{Date, TimeOfDay, Weekday};

/// How far ahead "the next date" looks: a yearly festival is still worth naming.
const HORIZON_DAYS: i64 = 400;

/// A period of days counted from today, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    Today,
    /// Today and the six days after it: on a Friday, "this week" still means the
    /// coming days, not the one day left before Sunday.
    ThisWeek,
    /// The coming Saturday and Sunday; on a Sunday, only today.
    Weekend,
}

impl Period {
    pub const ALL: [Period; 3] = [Self::Today, Self::ThisWeek, Self::Weekend];

    /// Its name in addresses (`/activiteiten?wanneer=deze-week`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Today => "vandaag",
            Self::ThisWeek => "deze-week",
            Self::Weekend => "weekend",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// The first and last day of the period.
    pub fn days(self, today: Date) -> (Date, Date) {
        match self {
            Self::Today => (today, today),
            Self::ThisWeek => (today, today.plus_days(6)),
            Self::Weekend => {
                let to_saturday = (Weekday::Saturday as i64 - today.weekday() as i64).max(0);
                let saturday = today.plus_days(to_saturday);
                let sunday = today.plus_days(Weekday::Sunday as i64 - today.weekday() as i64);
                (saturday, sunday)
            }
        }
    }
}

/// A period as chosen on a given day, so a filter can say which dates it admits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    pub period: Period,
    pub today: Date,
}

impl When {
    pub fn admits(self, activity: &Activity) -> bool {
        let (from, to) = self.period.days(self.today);
        !occurrences(activity, from, to).is_empty()
    }
}

/// A date on which an activity happens, with its times and place as far as known.
#[derive(Clone, Debug, PartialEq)]
pub struct Occurrence {
    pub date: Date,
    pub start_time: Option<TimeOfDay>,
    pub end_time: Option<TimeOfDay>,
    pub location: Option<Location>,
    /// A made-up date (an example session, or an example activity's schedule).
    pub example: bool,
}

/// Every date from `from` to `to` (both included), earliest first. A dated session
/// replaces what the schedule says for that day: it is the organiser's latest word.
pub fn occurrences(activity: &Activity, from: Date, to: Date) -> Vec<Occurrence> {
    let mut found: Vec<Occurrence> = activity
        .sessions
        .iter()
        .filter(|s| s.date >= from && s.date <= to)
        .map(|s| Occurrence {
            date: s.date,
            start_time: s.start_time,
            end_time: s.end_time,
            location: s.location.as_ref().or(activity.location.as_ref()).cloned(),
            example: s.example || activity.example,
        })
        .collect();
    let schedule = &activity.schedule;
    for date in schedule.dates(from, to) {
        if !activity.sessions.iter().any(|s| s.date == date) {
            found.push(Occurrence {
                date,
                start_time: schedule.start_time,
                end_time: schedule.end_time,
                location: activity.location.clone(),
                example: activity.example,
            });
        }
    }
    found.sort_by_key(|o| (o.date, o.start_time));
    found
}

/// The first date from today on, without building the dates after it: the ranking
/// asks this of every activity at every keystroke.
pub fn next_date(activity: &Activity, today: Date) -> Option<Date> {
    let session = activity
        .sessions
        .iter()
        .map(|s| s.date)
        .filter(|d| *d >= today)
        .min();
    let last = session.unwrap_or_else(|| today.plus_days(HORIZON_DAYS));
    let scheduled = activity.schedule.date_iter(today, last).next();
    match (session, scheduled) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// The next `n` dates from today on, earliest first.
pub fn next(activity: &Activity, today: Date, n: usize) -> Vec<Occurrence> {
    let mut found = occurrences(activity, today, today.plus_days(HORIZON_DAYS));
    found.truncate(n);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::tests::sample;
    use crate::model::Session;

    fn date(text: &str) -> Date {
        Date::try_from(text.to_owned()).expect("a date")
    }

    #[test]
    fn periods_count_from_today() {
        // Friday 4 December 2026.
        let friday = date("2026-12-04");
        assert_eq!(Period::Today.days(friday), (friday, friday));
        assert_eq!(Period::ThisWeek.days(friday), (friday, date("2026-12-10")));
        assert_eq!(
            Period::Weekend.days(friday),
            (date("2026-12-05"), date("2026-12-06"))
        );
        let saturday = date("2026-12-05");
        assert_eq!(
            Period::Weekend.days(saturday),
            (saturday, date("2026-12-06"))
        );
        let sunday = date("2026-12-06");
        assert_eq!(Period::Weekend.days(sunday), (sunday, sunday));
        let monday = date("2026-12-07");
        assert_eq!(
            Period::Weekend.days(monday),
            (date("2026-12-12"), date("2026-12-13"))
        );
        for p in Period::ALL {
            assert_eq!(Period::from_slug(p.slug()), Some(p));
        }
    }

    #[test]
    fn sessions_and_schedule_merge_in_date_order() {
        let mut walk = sample()
            .activities
            .into_iter()
            .find(|a| a.name == "Wandelgroep")
            .expect("the sample walk");
        // Every Tuesday at 10:00 in the sample; add a Thursday session and move one
        // Tuesday's start.
        walk.sessions = vec![
            Session {
                date: date("2026-12-10"),
                start_time: Some(TimeOfDay {
                    hour: 14,
                    minute: 0,
                }),
                end_time: None,
                location: None,
                example: true,
            },
            Session {
                date: date("2026-12-08"),
                start_time: Some(TimeOfDay { hour: 9, minute: 0 }),
                end_time: None,
                location: None,
                example: false,
            },
        ];
        let found = occurrences(&walk, date("2026-12-04"), date("2026-12-15"));
        let dates: Vec<String> = found.iter().map(|o| String::from(o.date)).collect();
        assert_eq!(dates, ["2026-12-08", "2026-12-10", "2026-12-15"]);
        assert_eq!(
            found[0].start_time.map(|t| t.hour),
            Some(9),
            "the session wins"
        );
        assert!(found[1].example && !found[0].example);
        assert_eq!(
            next(&walk, date("2026-12-09"), 1)[0].date,
            date("2026-12-10")
        );
    }

    #[test]
    fn a_period_admits_what_happens_in_it() {
        let catalogue = sample();
        let walk = catalogue
            .activities
            .iter()
            .find(|a| a.name == "Wandelgroep")
            .expect("the sample walk");
        let on = |today: &str, period| {
            When {
                period,
                today: date(today),
            }
            .admits(walk)
        };
        // Tuesdays only: 8 December 2026 is a Tuesday.
        assert!(on("2026-12-08", Period::Today));
        assert!(!on("2026-12-09", Period::Today));
        assert!(on("2026-12-09", Period::ThisWeek));
        assert!(!on("2026-12-09", Period::Weekend));
    }
}
