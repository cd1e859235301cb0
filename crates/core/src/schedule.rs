//! When an activity happens, as the parts of an RFC 5545 recurrence rule.
//!
//! We keep the parts (FREQ, INTERVAL, BYDAY, DTSTART, UNTIL) rather than an RRULE
//! string so the catalogue can be filtered by day without a parser in the browser, and
//! an `.ics` file can still be written from it later.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Dutch month names, January first.
pub const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Schedule {
    /// RFC 5545 FREQ; `None` with a `dtstart` means a one-off date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<Freq>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval: Option<u32>,
    /// RFC 5545 BYDAY values: `MO`, or with an ordinal for monthly rules: `1TU`, `-1FR`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_day: Vec<ByDay>,
    /// First (or only) date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dtstart: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Date>,
    /// Local time in Hilversum, `HH:MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<TimeOfDay>,
    /// Words for what the parts cannot say: "op afspraak", "dag en nacht".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Freq {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Self::Monday,
        Self::Tuesday,
        Self::Wednesday,
        Self::Thursday,
        Self::Friday,
        Self::Saturday,
        Self::Sunday,
    ];

    /// The RFC 5545 two-letter code.
    pub fn code(self) -> &'static str {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][self as usize]
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn name_nl(self) -> &'static str {
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ][self as usize]
    }
}

/// One BYDAY entry: a weekday, optionally the n-th in the month (negative: from the end).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ByDay {
    pub ordinal: Option<i8>,
    pub day: Weekday,
}

impl TryFrom<String> for ByDay {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad = || format!("BYDAY `{text}` is not like MO, 1TU or -1FR");
        if text.len() < 2 || !text.is_char_boundary(text.len() - 2) {
            return Err(bad());
        }
        let (number, code) = text.split_at(text.len() - 2);
        let day = Weekday::from_code(code).ok_or_else(bad)?;
        let ordinal = match number {
            "" => None,
            n => match n.parse::<i8>() {
                Ok(o) if o != 0 && (-5..=5).contains(&o) => Some(o),
                _ => return Err(bad()),
            },
        };
        Ok(ByDay { ordinal, day })
    }
}

impl From<ByDay> for String {
    fn from(by_day: ByDay) -> String {
        match by_day.ordinal {
            Some(o) => format!("{o}{}", by_day.day.code()),
            None => by_day.day.code().to_owned(),
        }
    }
}

/// A calendar date, `YYYY-MM-DD`, checked on the way in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date(time::Date);

impl Date {
    pub(crate) fn from_time(date: time::Date) -> Self {
        Date(date)
    }

    pub(crate) fn to_time(self) -> time::Date {
        self.0
    }

    pub fn weekday(self) -> Weekday {
        Weekday::ALL[self.0.weekday().number_days_from_monday() as usize]
    }

    /// The date `days` later (earlier when negative); the same date past year 9999.
    pub fn plus_days(self, days: i64) -> Date {
        Date(
            self.0
                .checked_add(time::Duration::days(days))
                .unwrap_or(self.0),
        )
    }

    /// Days from `self` to `later`; negative when `later` is earlier.
    pub fn days_until(self, later: Date) -> i64 {
        (later.0 - self.0).whole_days()
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// 1 for January.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// Dutch, as on a poster: "zondag 29 juni 2025".
    pub fn long_nl(self) -> String {
        format!(
            "{} {} {}",
            self.weekday().name_nl(),
            self.day_month_nl(),
            self.0.year()
        )
    }

    /// "29 juni": for what happens on the same date every year.
    pub fn day_month_nl(self) -> String {
        format!(
            "{} {}",
            self.0.day(),
            MONTHS_NL[self.0.month() as usize - 1]
        )
    }
}

impl TryFrom<String> for Date {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad = || format!("date `{text}` is not a real date like 2025-06-29");
        let mut parts = text.splitn(3, '-');
        let mut next = || parts.next().and_then(|p| p.parse::<i32>().ok());
        let (year, month, day) = (next(), next(), next());
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(bad());
        };
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
            .ok_or_else(bad)?;
        let day = u8::try_from(day).map_err(|_| bad())?;
        time::Date::from_calendar_date(year, month, day)
            .map(Date)
            .map_err(|_| bad())
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            date.0.year(),
            date.0.month() as u8,
            date.0.day()
        )
    }
}

/// A local time of day, `HH:MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeOfDay {
    pub hour: u8,
    pub minute: u8,
}

impl TryFrom<String> for TimeOfDay {
    type Error = String;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        let bad = || format!("time `{text}` is not like 09:30");
        let (h, m) = text.split_once(':').ok_or_else(bad)?;
        if h.len() != 2 || m.len() != 2 {
            return Err(bad());
        }
        let hour: u8 = h.parse().map_err(|_| bad())?;
        let minute: u8 = m.parse().map_err(|_| bad())?;
        if hour > 23 || minute > 59 {
            return Err(bad());
        }
        Ok(TimeOfDay { hour, minute })
    }
}

impl From<TimeOfDay> for String {
    fn from(t: TimeOfDay) -> String {
        t.to_string()
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Schedule {
    /// The weekdays it happens on: the BYDAY days, every day for a daily rule, or the
    /// weekday of a one-off date. Empty when no weekday is known (or it changes, as
    /// for a yearly date).
    pub fn weekdays(&self) -> Vec<Weekday> {
        let mut days: Vec<Weekday> = match (self.freq, self.by_day.is_empty()) {
            (_, false) => self.by_day.iter().map(|b| b.day).collect(),
            (Some(Freq::Daily), true) => Weekday::ALL.to_vec(),
            (None, true) => self.dtstart.map(Date::weekday).into_iter().collect(),
            (Some(_), true) => Vec::new(),
        };
        days.sort();
        days.dedup();
        days
    }

    /// The first date the schedule gives on or after its start: `dtstart` itself for a
    /// one-off date, else the first date the rule gives counting from `dtstart` (RFC 5545
    /// wants DTSTART to be one of the rule's dates). Without `dtstart` a rule counts from
    /// `today`, but only when it has no INTERVAL: "every other week" needs to know which
    /// week it started. `None` when the parts give no date (or none up to UNTIL).
    pub fn first_date(&self, today: Date) -> Option<Date> {
        let anchor = match (self.dtstart, self.freq) {
            (Some(date), _) => date,
            (None, Some(_)) if self.interval.unwrap_or(1) <= 1 => today,
            (None, _) => return None,
        };
        let Some(freq) = self.freq else {
            return Some(anchor);
        };
        let interval = i64::from(self.interval.unwrap_or(1).max(1));
        let start = anchor.0;
        // Ten years of days is more than any rule here needs to give its first date.
        let first = (0..3660)
            .filter_map(|n| start.checked_add(time::Duration::days(n)))
            .find(|&day| self.gives(freq, interval, start, day))?;
        match self.until {
            Some(until) if first > until.0 => None,
            _ => Some(Date(first)),
        }
    }

    /// Every date from `from` to `to` (both included) the schedule gives. A rule
    /// without `dtstart` counts from `from`, as `first_date` does, and gives nothing when
    /// it does not say which day (a weekly rule without BYDAY, "om de 2 weken").
    pub fn dates(&self, from: Date, to: Date) -> Vec<Date> {
        self.date_iter(from, to).collect()
    }

    /// The same dates, one at a time, so "the next date" stops at the first.
    pub fn date_iter(&self, from: Date, to: Date) -> impl Iterator<Item = Date> + '_ {
        let (first, last, rule) = match self.freq {
            None => match self.dtstart.filter(|d| *d >= from && *d <= to) {
                Some(d) => (d, d, None),
                None => (to.plus_days(1), to, None),
            },
            Some(freq) => {
                let interval = i64::from(self.interval.unwrap_or(1).max(1));
                let anchor = match self.dtstart {
                    Some(date) => Some(date),
                    None if interval == 1 && (freq == Freq::Daily || !self.by_day.is_empty()) => {
                        Some(from)
                    }
                    None => None,
                };
                match anchor {
                    Some(anchor) => {
                        let last = match self.until {
                            Some(until) if until < to => until,
                            _ => to,
                        };
                        (anchor.max(from), last, Some((freq, interval, anchor)))
                    }
                    None => (to.plus_days(1), to, None),
                }
            }
        };
        let days = first.days_until(last).max(-1) + 1;
        (0..days)
            .map(move |n| first.plus_days(n))
            .filter(move |day| match rule {
                Some((freq, interval, anchor)) => self.gives(freq, interval, anchor.0, day.0),
                None => true,
            })
    }

    /// Whether the rule (counted from `start`) gives `day`.
    fn gives(&self, freq: Freq, interval: i64, start: time::Date, day: time::Date) -> bool {
        let weekday = Date(day).weekday();
        let on_day = |b: &ByDay| b.day == weekday && b.ordinal.is_none_or(|n| ordinal_fits(n, day));
        match freq {
            Freq::Daily => {
                (day - start).whole_days() % interval == 0
                    && (self.by_day.is_empty() || self.by_day.iter().any(on_day))
            }
            Freq::Weekly => {
                let weeks = (monday_of(day) - monday_of(start)).whole_weeks();
                weeks % interval == 0
                    && if self.by_day.is_empty() {
                        weekday == Date(start).weekday()
                    } else {
                        self.by_day.iter().any(|b| b.day == weekday)
                    }
            }
            Freq::Monthly => {
                let months = |d: time::Date| i64::from(d.year()) * 12 + d.month() as i64;
                (months(day) - months(start)) % interval == 0
                    && if self.by_day.is_empty() {
                        day.day() == start.day()
                    } else {
                        self.by_day.iter().any(on_day)
                    }
            }
            // A yearly rule by weekday ("the last Sunday of September") is not in our data.
            Freq::Yearly => {
                self.by_day.is_empty()
                    && i64::from(day.year() - start.year()) % interval == 0
                    && (day.month(), day.day()) == (start.month(), start.day())
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.freq.is_none() && self.dtstart.is_none() && self.note.is_none()
    }

    /// Plain Dutch: "Elke dinsdag, 10:00 tot 11:30". Empty when nothing is known.
    pub fn describe_nl(&self) -> String {
        let mut parts = Vec::new();
        if let Some(when) = self.describe_days() {
            parts.push(when);
        }
        match (self.start_time, self.end_time) {
            (Some(s), Some(e)) => parts.push(format!("{s} tot {e}")),
            (Some(s), None) => parts.push(format!("vanaf {s}")),
            _ => {}
        }
        if let Some(note) = &self.note {
            parts.push(note.clone());
        }
        parts.join(", ")
    }

    fn describe_days(&self) -> Option<String> {
        let Some(freq) = self.freq else {
            return self.dtstart.map(|d| capitalise_first(&d.long_nl()));
        };
        let every_n = self.interval.filter(|n| *n > 1);
        let days = join_nl(self.by_day.iter().map(ByDay::name_nl));
        let no_days = self.by_day.is_empty();
        let text = match (freq, every_n) {
            (Freq::Daily, None) => "Elke dag".to_owned(),
            (Freq::Daily, Some(n)) => format!("Om de {n} dagen"),
            (Freq::Weekly, None) if no_days => "Elke week".to_owned(),
            (Freq::Weekly, None) => format!("Elke {days}"),
            (Freq::Weekly, Some(n)) if no_days => format!("Om de {n} weken"),
            (Freq::Weekly, Some(n)) => format!("Om de {n} weken op {days}"),
            (Freq::Monthly, None) if no_days => "Elke maand".to_owned(),
            (Freq::Monthly, None) => format!("Elke maand op de {days}"),
            (Freq::Monthly, Some(n)) if no_days => format!("Om de {n} maanden"),
            (Freq::Monthly, Some(n)) => format!("Om de {n} maanden op de {days}"),
            (Freq::Yearly, _) => match self.dtstart {
                Some(date) => format!("Elk jaar op {}", date.day_month_nl()),
                None => "Elk jaar".to_owned(),
            },
        };
        Some(match self.until {
            Some(until) => format!("{text} (tot en met {})", until.long_nl()),
            None => text,
        })
    }
}

impl ByDay {
    fn name_nl(&self) -> String {
        match self.ordinal {
            Some(-1) => format!("laatste {}", self.day.name_nl()),
            Some(n) => format!("{n}e {}", self.day.name_nl()),
            None => self.day.name_nl().to_owned(),
        }
    }
}

fn monday_of(day: time::Date) -> time::Date {
    day - time::Duration::days(i64::from(day.weekday().number_days_from_monday()))
}

/// `1TU` is the first Tuesday of the month, `-1FR` the last Friday.
fn ordinal_fits(ordinal: i8, day: time::Date) -> bool {
    let from_start = (day.day() as i8 - 1) / 7 + 1;
    let from_end = (day.month().length(day.year()) as i8 - day.day() as i8) / 7 + 1;
    ordinal == from_start || ordinal == -from_end
}

fn join_nl(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(json: &str) -> Schedule {
        serde_json::from_str(json).expect("valid schedule")
    }

    #[test]
    fn dates_in_a_period_follow_the_rule() {
        let d = |t: &str| Date::try_from(t.to_owned()).expect("a date");
        let texts = |s: &Schedule, from, to| -> Vec<String> {
            s.dates(d(from), d(to))
                .into_iter()
                .map(String::from)
                .collect()
        };
        let tuesdays = schedule(r#"{"freq":"WEEKLY","by_day":["TU"]}"#);
        assert_eq!(
            texts(&tuesdays, "2026-12-01", "2026-12-14"),
            ["2026-12-01", "2026-12-08"]
        );
        let fortnightly = schedule(
            r#"{"freq":"WEEKLY","interval":2,"by_day":["TU"],"dtstart":"2026-11-24","until":"2026-12-31"}"#,
        );
        assert_eq!(
            texts(&fortnightly, "2026-12-01", "2027-01-31"),
            ["2026-12-08", "2026-12-22"]
        );
        let once = schedule(r#"{"dtstart":"2026-12-05"}"#);
        assert_eq!(texts(&once, "2026-12-01", "2026-12-07"), ["2026-12-05"]);
        assert!(texts(&once, "2026-12-06", "2026-12-07").is_empty());
        // "Every other week" without a start, or "weekly" without a day: no dates.
        let unknown = schedule(r#"{"freq":"WEEKLY","interval":2,"by_day":["TU"]}"#);
        assert!(texts(&unknown, "2026-12-01", "2026-12-31").is_empty());
        let no_day = schedule(r#"{"freq":"WEEKLY"}"#);
        assert!(texts(&no_day, "2026-12-01", "2026-12-31").is_empty());
    }

    #[test]
    fn by_day_parses_plain_and_ordinal_days() {
        let b = ByDay::try_from("MO".to_owned()).unwrap();
        assert_eq!((b.ordinal, b.day), (None, Weekday::Monday));
        let b = ByDay::try_from("-1FR".to_owned()).unwrap();
        assert_eq!((b.ordinal, b.day), (Some(-1), Weekday::Friday));
        assert!(ByDay::try_from("XX".to_owned()).is_err());
        assert!(ByDay::try_from("0MO".to_owned()).is_err());
        assert!(ByDay::try_from("é".to_owned()).is_err());
    }

    #[test]
    fn dates_are_checked_and_know_their_weekday() {
        let d = Date::try_from("2025-06-29".to_owned()).unwrap();
        assert_eq!(d.weekday(), Weekday::Sunday);
        assert_eq!(d.long_nl(), "zondag 29 juni 2025");
        assert!(Date::try_from("2025-02-30".to_owned()).is_err());
        assert!(Date::try_from("29 juni".to_owned()).is_err());
    }

    #[test]
    fn times_are_checked() {
        assert!(TimeOfDay::try_from("09:30".to_owned()).is_ok());
        assert!(TimeOfDay::try_from("24:00".to_owned()).is_err());
        assert!(TimeOfDay::try_from("9:30".to_owned()).is_err());
    }

    #[test]
    fn weekly_schedule_describes_itself_in_dutch() {
        let s = schedule(
            r#"{"freq":"WEEKLY","by_day":["TU","TH"],"start_time":"10:00","end_time":"11:30"}"#,
        );
        assert_eq!(
            s.describe_nl(),
            "Elke dinsdag en donderdag, 10:00 tot 11:30"
        );
        assert_eq!(s.weekdays(), vec![Weekday::Tuesday, Weekday::Thursday]);
    }

    #[test]
    fn one_off_date_gives_its_weekday_and_date() {
        let s = schedule(r#"{"dtstart":"2025-06-29"}"#);
        assert_eq!(s.weekdays(), vec![Weekday::Sunday]);
        assert_eq!(s.describe_nl(), "Zondag 29 juni 2025");
    }

    #[test]
    fn a_daily_rule_happens_on_every_weekday() {
        let s = schedule(r#"{"freq":"DAILY","note":"dag en nacht"}"#);
        assert_eq!(s.weekdays(), Weekday::ALL.to_vec());
    }

    #[test]
    fn monthly_with_ordinal_and_note() {
        let s = schedule(r#"{"freq":"MONTHLY","by_day":["1WE"],"note":"aanmelden nodig"}"#);
        assert_eq!(
            s.describe_nl(),
            "Elke maand op de 1e woensdag, aanmelden nodig"
        );
    }

    #[test]
    fn yearly_on_a_date_names_the_date_but_no_weekday() {
        let s = schedule(r#"{"freq":"YEARLY","dtstart":"2024-06-29"}"#);
        assert_eq!(s.describe_nl(), "Elk jaar op 29 juni");
        assert!(s.weekdays().is_empty(), "the weekday changes every year");
    }

    fn date(text: &str) -> Date {
        Date::try_from(text.to_owned()).unwrap()
    }

    #[test]
    fn first_date_of_a_weekly_rule_is_its_first_day_on_or_after_dtstart() {
        // 2025-01-01 is a Wednesday; the first Tuesday or Thursday after it is 2 January.
        let s = schedule(r#"{"freq":"WEEKLY","by_day":["TU","TH"],"dtstart":"2025-01-01"}"#);
        assert_eq!(s.first_date(date("2026-11-28")), Some(date("2025-01-02")));
        // Every other week, counted from the week of dtstart (Monday 30 December): its
        // Monday lies before dtstart, the week of 6 January is an "off" week.
        let s =
            schedule(r#"{"freq":"WEEKLY","interval":2,"by_day":["MO"],"dtstart":"2025-01-01"}"#);
        assert_eq!(s.first_date(date("2026-11-28")), Some(date("2025-01-13")));
    }

    #[test]
    fn first_date_of_a_monthly_ordinal_rule() {
        let s = schedule(r#"{"freq":"MONTHLY","by_day":["1WE"],"dtstart":"2025-01-02"}"#);
        assert_eq!(s.first_date(date("2020-01-01")), Some(date("2025-02-05")));
        let s = schedule(r#"{"freq":"MONTHLY","by_day":["-1FR"],"dtstart":"2025-01-01"}"#);
        assert_eq!(s.first_date(date("2020-01-01")), Some(date("2025-01-31")));
    }

    #[test]
    fn first_date_without_dtstart_counts_from_today_only_without_interval() {
        let s = schedule(r#"{"freq":"WEEKLY","by_day":["TU"],"start_time":"10:00"}"#);
        // 2026-11-28 is a Saturday.
        assert_eq!(s.first_date(date("2026-11-28")), Some(date("2026-12-01")));
        let s = schedule(r#"{"freq":"WEEKLY","interval":2,"by_day":["TU"]}"#);
        assert_eq!(s.first_date(date("2026-11-28")), None);
        assert_eq!(Schedule::default().first_date(date("2026-11-28")), None);
        let s = schedule(r#"{"dtstart":"2025-06-29"}"#);
        assert_eq!(s.first_date(date("2026-11-28")), Some(date("2025-06-29")));
    }

    #[test]
    fn first_date_after_until_is_none() {
        let s = schedule(
            r#"{"freq":"WEEKLY","by_day":["MO"],"dtstart":"2025-01-01","until":"2025-01-05"}"#,
        );
        assert_eq!(s.first_date(date("2020-01-01")), None);
    }

    #[test]
    fn unknown_schedule_says_nothing() {
        let s = Schedule::default();
        assert!(s.is_empty());
        assert_eq!(s.describe_nl(), "");
        assert!(s.weekdays().is_empty());
    }
}
