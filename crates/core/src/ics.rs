//! An activity as an iCalendar file (RFC 5545) for "Zet in je agenda".
//!
//! The file is written here, line by line: TEXT values escaped (`\`, `,`, `;`, line
//! breaks, 3.3.11), every content line folded at 75 octets without splitting a
//! character (3.1), every line ended by CRLF. We first used the `icalendar` crate; it
//! cost the wasm 31 KB raw (chrono's date formatting, uuid, its property maps) for the
//! 60 lines below, and it cannot write a VTIMEZONE (its generic component gets a
//! DTSTAMP and UID that a VTIMEZONE must not have). See docs/benchmarks.md.
//!
//! Times are local Hilversum times with `TZID=Europe/Amsterdam` and that VTIMEZONE,
//! rather than floating times: Google Calendar, Apple Calendar and Outlook all read it,
//! and an activity at 10:00 stays at 10:00 Hilversum time on a phone set to another
//! zone, also across the change to and from summer time in a weekly rule. A date
//! without a time becomes an all-day event (`VALUE=DATE`).

use time::{Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday as TimeWeekday};

use crate::model::{Activity, Contact, Location};
use crate::schedule::{Date, Freq, Schedule, TimeOfDay};

/// The time zone of every time in the catalogue, Europe/Amsterdam, by the EU rule
/// since 1996: summer time from the last Sunday of March 02:00 to the last Sunday of
/// October 03:00 local time.
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\n\
TZID:Europe/Amsterdam\r\n\
BEGIN:DAYLIGHT\r\n\
TZOFFSETFROM:+0100\r\n\
TZOFFSETTO:+0200\r\n\
TZNAME:CEST\r\n\
DTSTART:19810329T020000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
END:DAYLIGHT\r\n\
BEGIN:STANDARD\r\n\
TZOFFSETFROM:+0200\r\n\
TZOFFSETTO:+0100\r\n\
TZNAME:CET\r\n\
DTSTART:19961027T030000\r\n\
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
END:STANDARD\r\n\
END:VTIMEZONE\r\n";

/// METHOD:PUBLISH makes Outlook offer "add to calendar" instead of treating the file as
/// a meeting invitation.
const HEADER: &str = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Gemeente Hilversum//Omzien//NL\r\n\
CALSCALE:GREGORIAN\r\n\
METHOD:PUBLISH\r\n";

const FOOTER: &str = "END:VCALENDAR\r\n";

/// "Now" in UTC, for DTSTAMP. Core has no clock: the caller passes it in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stamp(OffsetDateTime);

impl Stamp {
    pub fn from_unix_seconds(seconds: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp(seconds).ok().map(Stamp)
    }

    /// `20261128T140500Z`
    fn ics(self) -> String {
        let t = self.0;
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            t.year(),
            t.month() as u8,
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    }

    /// The date in Hilversum at this moment.
    pub fn amsterdam_date(self) -> Date {
        let utc = self.0;
        let summer = summer_time_starts(utc.year());
        let winter = summer_time_ends(utc.year());
        let at_one_utc = |d: time::Date| {
            PrimitiveDateTime::new(d, Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT))
                .assume_utc()
        };
        let hours = if utc >= at_one_utc(summer) && utc < at_one_utc(winter) {
            2
        } else {
            1
        };
        Date::from_time((utc + time::Duration::hours(hours)).date())
    }
}

/// Why an activity cannot go into a calendar (yet).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoCalendar {
    /// The catalogue gives no date (or rule with a time) to start from.
    NotKnown,
    /// Some details are examples, not facts: we would put a guess in someone's calendar.
    Example,
    /// The (last) date has passed.
    Over,
}

impl NoCalendar {
    /// Plain Dutch for the activity page.
    pub fn explain_nl(self) -> &'static str {
        match self {
            Self::NotKnown => {
                "We weten nog niet precies wanneer dit is. Daarom kun je het nog niet in je agenda zetten."
            }
            Self::Example => {
                "De tijden zijn nog niet zeker. Daarom kun je het nog niet in je agenda zetten."
            }
            Self::Over => "Deze activiteit is voorbij. Je kunt hem niet meer in je agenda zetten.",
        }
    }
}

/// Whether "Zet in je agenda" can be offered for this activity today.
pub fn calendar_check(activity: &Activity, today: Date) -> Result<(), NoCalendar> {
    first_date(activity, today).map(|_| ())
}

fn first_date(activity: &Activity, today: Date) -> Result<Date, NoCalendar> {
    if activity.example {
        return Err(NoCalendar::Example);
    }
    let schedule = &activity.schedule;
    // A rule without a time and without a first date ("every day", "every year") is
    // no event a calendar can show.
    if schedule.dtstart.is_none() && schedule.start_time.is_none() {
        return Err(NoCalendar::NotKnown);
    }
    // A yearly rule by weekday is not supported by `first_date`; it says `None`.
    let first = schedule.first_date(today).ok_or(NoCalendar::NotKnown)?;
    let last = match (schedule.freq, schedule.until) {
        (None, _) => Some(first),
        (Some(_), until) => until,
    };
    if last.is_some_and(|last| last < today) {
        return Err(NoCalendar::Over);
    }
    Ok(first)
}

/// What the file is made from.
pub struct CalendarRequest<'a> {
    pub activity: &'a Activity,
    /// The activity's contact, or its organiser's when it has none of its own.
    pub contact: &'a Contact,
    /// The absolute address of the activity's page: URL, and the UID's domain.
    pub page_url: &'a str,
    pub now: Stamp,
}

/// The activity as a complete `.ics` file, or why it cannot be one.
pub fn activity_ics(request: &CalendarRequest<'_>) -> Result<String, NoCalendar> {
    let a = request.activity;
    let schedule = &a.schedule;
    let first = first_date(a, request.now.amsterdam_date())?;

    let mut text = String::with_capacity(2048);
    text.push_str(HEADER);
    if schedule.start_time.is_some() {
        text.push_str(VTIMEZONE);
    }
    text.push_str("BEGIN:VEVENT\r\n");
    // The same UID every time: downloading again updates the event instead of adding
    // a second one.
    let uid = format!("{}@{}", a.id, host_of(request.page_url));
    content_line(&mut text, "UID", &escape_text(&uid));
    content_line(&mut text, "DTSTAMP", &request.now.ics());
    match schedule.start_time {
        Some(start) => {
            content_line(
                &mut text,
                "DTSTART;TZID=Europe/Amsterdam",
                &local_time(first, start),
            );
            if let Some(end) = schedule.end_time {
                // An end before the start is after midnight.
                let end_date = if end <= start { next_day(first) } else { first };
                content_line(
                    &mut text,
                    "DTEND;TZID=Europe/Amsterdam",
                    &local_time(end_date, end),
                );
            }
        }
        None => {
            content_line(&mut text, "DTSTART;VALUE=DATE", &ics_date(first));
            content_line(&mut text, "DTEND;VALUE=DATE", &ics_date(next_day(first)));
        }
    }
    if let Some(rule) = rrule(schedule) {
        content_line(&mut text, "RRULE", &rule);
    }
    content_line(&mut text, "SUMMARY", &escape_text(&a.name));
    let description = description(a, request.contact, request.page_url);
    content_line(&mut text, "DESCRIPTION", &escape_text(&description));
    if let Some(location) = &a.location {
        content_line(
            &mut text,
            "LOCATION",
            &escape_text(&location_text(location)),
        );
    }
    content_line(&mut text, "URL", request.page_url);
    text.push_str("END:VEVENT\r\n");
    text.push_str(FOOTER);
    Ok(text)
}

/// `omzien-<id>.ics`
pub fn file_name(activity: &Activity) -> String {
    format!("omzien-{}.ics", activity.id)
}

/// FREQ first (some readers insist), then INTERVAL, BYDAY, UNTIL.
fn rrule(schedule: &Schedule) -> Option<String> {
    let freq = match schedule.freq? {
        Freq::Daily => "DAILY",
        Freq::Weekly => "WEEKLY",
        Freq::Monthly => "MONTHLY",
        Freq::Yearly => "YEARLY",
    };
    let mut rule = format!("FREQ={freq}");
    if let Some(n) = schedule.interval.filter(|n| *n > 1) {
        rule.push_str(&format!(";INTERVAL={n}"));
    }
    if !schedule.by_day.is_empty() {
        let days: Vec<String> = schedule.by_day.iter().map(|&b| String::from(b)).collect();
        rule.push_str(&format!(";BYDAY={}", days.join(",")));
    }
    if let Some(until) = schedule.until {
        // RFC 5545 3.3.10: with a DATE start, UNTIL is a DATE; with a zoned DATE-TIME
        // start it must be UTC. "Tot en met" the last day: its end in Hilversum.
        let until = match schedule.start_time {
            None => ics_date(until),
            Some(_) => until_utc(until),
        };
        rule.push_str(&format!(";UNTIL={until}"));
    }
    Some(rule)
}

/// 23:59:59 Hilversum time on `date`, in UTC.
fn until_utc(date: Date) -> String {
    let day = date.to_time();
    let summer = day >= summer_time_starts(day.year()) && day < summer_time_ends(day.year());
    let offset = UtcOffset::from_hms(if summer { 2 } else { 1 }, 0, 0).unwrap_or(UtcOffset::UTC);
    let local = PrimitiveDateTime::new(day, Time::from_hms(23, 59, 59).unwrap_or(Time::MIDNIGHT));
    Stamp(local.assume_offset(offset).to_offset(UtcOffset::UTC)).ics()
}

fn last_sunday(year: i32, month: Month) -> time::Date {
    let mut day =
        time::Date::from_calendar_date(year, month, month.length(year)).unwrap_or(time::Date::MIN);
    while day.weekday() != TimeWeekday::Sunday {
        day = day.previous_day().unwrap_or(time::Date::MIN);
    }
    day
}

fn summer_time_starts(year: i32) -> time::Date {
    last_sunday(year, Month::March)
}

fn summer_time_ends(year: i32) -> time::Date {
    last_sunday(year, Month::October)
}

fn ics_date(date: Date) -> String {
    let d = date.to_time();
    format!("{:04}{:02}{:02}", d.year(), d.month() as u8, d.day())
}

fn next_day(date: Date) -> Date {
    Date::from_time(date.to_time().next_day().unwrap_or(date.to_time()))
}

fn local_time(date: Date, time: TimeOfDay) -> String {
    format!("{}T{:02}{:02}00", ics_date(date), time.hour, time.minute)
}

/// Folds `name:value` into physical lines of at most 75 octets, each ended by CRLF;
/// a continuation line starts with one space (RFC 5545 3.1). Only whole characters
/// move to the next line, so no line holds a broken UTF-8 sequence.
fn content_line(out: &mut String, name: &str, value: &str) {
    const LIMIT: usize = 75;
    let mut octets = 0;
    for c in name
        .chars()
        .chain(std::iter::once(':'))
        .chain(value.chars())
    {
        if octets + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// A TEXT value (RFC 5545 3.3.11): `\`, `;` and `,` escaped, every line break as `\n`.
/// Other control characters have no place in TEXT and are dropped.
fn escape_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

fn description(a: &Activity, contact: &Contact, page_url: &str) -> String {
    let mut lines = vec![a.summary.clone(), String::new()];
    let when = a.schedule.describe_nl();
    if !when.is_empty() {
        lines.push(format!("Wanneer: {when}"));
    }
    if let Some(phone) = &contact.phone {
        lines.push(format!("Telefoon: {phone}"));
    }
    if let Some(email) = &contact.email {
        lines.push(format!("E-mail: {email}"));
    }
    if let Some(website) = &contact.website {
        lines.push(format!("Website: {website}"));
    }
    lines.push(format!("Meer informatie: {page_url}"));
    lines.join("\n")
}

fn location_text(l: &Location) -> String {
    let mut parts = vec![l.name.clone()];
    parts.extend(l.address.clone());
    match &l.postal_code {
        Some(code) => parts.push(format!("{code} {}", l.city)),
        None if l.address.is_some() => parts.push(l.city.clone()),
        None => {}
    }
    parts.join(", ")
}

/// `https://omzien.example:8080/activiteiten/x` → `omzien.example:8080`
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split('/').next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActivityKind, LonelinessType, TargetGroup};

    const URL: &str = "https://omzien.example/activiteiten/wandelen";

    fn activity(schedule: &str) -> Activity {
        Activity {
            id: "wandelen".to_owned(),
            name: "Wandelen in het Spanderswoud".to_owned(),
            summary: "Samen wandelen, daarna koffie; iedereen is welkom, ook met rollator."
                .to_owned(),
            description: String::new(),
            kind: ActivityKind::Walking,
            organisation_id: "senver".to_owned(),
            loneliness_types: vec![LonelinessType::Social],
            target_groups: vec![TargetGroup::Seniors],
            wijk: None,
            location: Some(Location {
                name: "Buurthuis De Koepel".to_owned(),
                address: Some("Kerkstraat 1".to_owned()),
                postal_code: Some("1211 AA".to_owned()),
                city: "Hilversum".to_owned(),
            }),
            schedule: serde_json::from_str(schedule).expect("valid schedule"),
            free: Some(true),
            cost_note: None,
            capacity: None,
            sign_up_required: None,
            sign_up_in_app: false,
            sign_up_contact: Default::default(),
            how_to_join: None,
            accessibility: None,
            languages: vec![],
            contact: Contact::default(),
            example: false,
            source: "test".to_owned(),
        }
    }

    fn contact() -> Contact {
        Contact {
            phone: Some("035 123 45 67".to_owned()),
            email: None,
            website: None,
        }
    }

    /// 28 November 2026, 14:05:09 UTC.
    fn now() -> Stamp {
        Stamp::from_unix_seconds(1_795_874_709).unwrap()
    }

    fn ics(a: &Activity) -> String {
        let contact = contact();
        activity_ics(&CalendarRequest {
            activity: a,
            contact: &contact,
            page_url: URL,
            now: now(),
        })
        .expect("an .ics file")
    }

    /// The content lines with folding undone (RFC 5545 3.1).
    fn unfolded(text: &str) -> Vec<String> {
        text.replace("\r\n ", "")
            .split("\r\n")
            .map(str::to_owned)
            .collect()
    }

    /// The first line of property `name` in the VEVENT.
    fn line<'a>(lines: &'a [String], name: &str) -> &'a str {
        lines
            .iter()
            .skip_while(|l| *l != "BEGIN:VEVENT")
            .find(|l| l.starts_with(&format!("{name}:")) || l.starts_with(&format!("{name};")))
            .unwrap_or_else(|| panic!("no {name} line"))
    }

    const WEEKLY: &str = r#"{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2026-12-01","start_time":"10:00","end_time":"11:30"}"#;

    #[test]
    fn stamp_is_utc_and_knows_the_date_in_hilversum() {
        assert_eq!(now().ics(), "20261128T140509Z");
        // 23:30 UTC on 28 November is 00:30 on 29 November in Hilversum (CET, +1).
        let late = Stamp::from_unix_seconds(1_795_908_600).unwrap();
        assert_eq!(String::from(late.amsterdam_date()), "2026-11-29");
        // 22:30 UTC on 1 July is 00:30 on 2 July (CEST, +2).
        let summer = Stamp::from_unix_seconds(1_782_945_000).unwrap();
        assert_eq!(summer.ics(), "20260701T223000Z");
        assert_eq!(String::from(summer.amsterdam_date()), "2026-07-02");
    }

    #[test]
    fn every_line_ends_with_crlf_and_there_are_no_bare_line_feeds() {
        let text = ics(&activity(WEEKLY));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
    }

    #[test]
    fn a_weekly_activity_has_uid_dtstamp_zoned_times_and_rrule() {
        let text = ics(&activity(WEEKLY));
        let lines = unfolded(&text);
        assert_eq!(line(&lines, "UID"), "UID:wandelen@omzien.example");
        assert_eq!(line(&lines, "DTSTAMP"), "DTSTAMP:20261128T140509Z");
        assert_eq!(
            line(&lines, "DTSTART"),
            "DTSTART;TZID=Europe/Amsterdam:20261201T100000"
        );
        assert_eq!(
            line(&lines, "DTEND"),
            "DTEND;TZID=Europe/Amsterdam:20261201T113000"
        );
        assert_eq!(line(&lines, "RRULE"), "RRULE:FREQ=WEEKLY;BYDAY=TU");
        assert_eq!(
            line(&lines, "SUMMARY"),
            "SUMMARY:Wandelen in het Spanderswoud"
        );
        assert_eq!(line(&lines, "URL"), format!("URL:{URL}"));
        assert_eq!(
            line(&lines, "LOCATION"),
            r"LOCATION:Buurthuis De Koepel\, Kerkstraat 1\, 1211 AA Hilversum"
        );
        // A TZID needs its VTIMEZONE in the same file, with both of its rules.
        assert!(lines.iter().any(|l| l == "TZID:Europe/Amsterdam"));
        assert!(lines
            .iter()
            .any(|l| l == "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
        assert!(lines
            .iter()
            .any(|l| l == "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("UID")).count(),
            1,
            "only the event has a UID"
        );
        assert_eq!(lines.iter().filter(|l| l.starts_with("DTSTAMP")).count(), 1);
        let order: Vec<&str> = lines
            .iter()
            .filter(|l| l.starts_with("BEGIN:") || l.starts_with("END:"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            order,
            [
                "BEGIN:VCALENDAR",
                "BEGIN:VTIMEZONE",
                "BEGIN:DAYLIGHT",
                "END:DAYLIGHT",
                "BEGIN:STANDARD",
                "END:STANDARD",
                "END:VTIMEZONE",
                "BEGIN:VEVENT",
                "END:VEVENT",
                "END:VCALENDAR"
            ]
        );
    }

    #[test]
    fn the_vtimezone_starts_its_rules_on_a_last_sunday() {
        assert_eq!(
            last_sunday(1981, Month::March),
            time::Date::from_calendar_date(1981, Month::March, 29).unwrap()
        );
        assert_eq!(
            last_sunday(1996, Month::October),
            time::Date::from_calendar_date(1996, Month::October, 27).unwrap()
        );
    }

    #[test]
    fn dtstart_is_moved_to_the_first_date_the_rule_gives() {
        // 2026-12-02 is a Wednesday: the first Tuesday on or after it is 8 December.
        let a = activity(
            r#"{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2026-12-02","start_time":"10:00"}"#,
        );
        let lines = unfolded(&ics(&a));
        assert_eq!(
            line(&lines, "DTSTART"),
            "DTSTART;TZID=Europe/Amsterdam:20261208T100000"
        );
        assert!(
            !lines.iter().any(|l| l.starts_with("DTEND")),
            "no end time, no DTEND"
        );
    }

    #[test]
    fn monthly_by_ordinal_day_with_interval_and_until_in_utc() {
        let a = activity(
            r#"{"freq":"MONTHLY","interval":2,"by_day":["1WE","-1FR"],"dtstart":"2026-12-01","until":"2027-06-30","start_time":"14:00","end_time":"16:00"}"#,
        );
        let lines = unfolded(&ics(&a));
        // The first Wednesday of December 2026 is the 2nd.
        assert_eq!(
            line(&lines, "DTSTART"),
            "DTSTART;TZID=Europe/Amsterdam:20261202T140000"
        );
        // 30 June is in summer time: 23:59:59 in Hilversum is 21:59:59 UTC.
        assert_eq!(
            line(&lines, "RRULE"),
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE,-1FR;UNTIL=20270630T215959Z"
        );
        let winter = activity(
            r#"{"freq":"WEEKLY","by_day":["MO"],"dtstart":"2026-12-01","until":"2027-01-31","start_time":"14:00"}"#,
        );
        let lines = unfolded(&ics(&winter));
        assert_eq!(
            line(&lines, "RRULE"),
            "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T225959Z"
        );
    }

    #[test]
    fn a_one_off_date_without_a_time_is_an_all_day_event_without_rrule_or_vtimezone() {
        let a = activity(r#"{"dtstart":"2026-12-19"}"#);
        let lines = unfolded(&ics(&a));
        assert_eq!(line(&lines, "DTSTART"), "DTSTART;VALUE=DATE:20261219");
        assert_eq!(line(&lines, "DTEND"), "DTEND;VALUE=DATE:20261220");
        assert!(!lines.iter().any(|l| l.starts_with("RRULE")));
        assert!(
            !lines.iter().any(|l| l.contains("VTIMEZONE")),
            "no TZID, so no VTIMEZONE"
        );
    }

    #[test]
    fn a_yearly_date_without_a_time_has_a_date_until() {
        let a = activity(r#"{"freq":"YEARLY","dtstart":"2024-06-29","until":"2030-06-29"}"#);
        let lines = unfolded(&ics(&a));
        assert_eq!(line(&lines, "DTSTART"), "DTSTART;VALUE=DATE:20240629");
        assert_eq!(line(&lines, "RRULE"), "RRULE:FREQ=YEARLY;UNTIL=20300629");
    }

    #[test]
    fn an_end_before_the_start_is_the_next_day() {
        let a = activity(r#"{"dtstart":"2026-12-31","start_time":"21:00","end_time":"01:00"}"#);
        let lines = unfolded(&ics(&a));
        assert_eq!(
            line(&lines, "DTEND"),
            "DTEND;TZID=Europe/Amsterdam:20270101T010000"
        );
    }

    #[test]
    fn text_values_escape_backslash_comma_semicolon_and_line_breaks() {
        let mut a = activity(WEEKLY);
        a.name = "Koffie, thee; en \\ meer\r\nNieuwe regel\rnog een\u{7}".to_owned();
        let lines = unfolded(&ics(&a));
        assert_eq!(
            line(&lines, "SUMMARY"),
            r"SUMMARY:Koffie\, thee\; en \\ meer\nNieuwe regel\nnog een"
        );
        let description = line(&lines, "DESCRIPTION");
        assert!(description.contains(r"daarna koffie\; iedereen is welkom\, ook met rollator.\n\nWanneer: Elke dinsdag\, 10:00 tot 11:30"), "{description}");
        assert!(description.contains(r"\nTelefoon: 035 123 45 67\nMeer informatie: https://omzien.example/activiteiten/wandelen"), "{description}");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut a = activity(WEEKLY);
        // Two- and three-byte characters, so that byte 75 often falls inside one.
        a.name = "Ontmoeten bij de café’s en crèches — één keer per week ".repeat(6);
        let text = ics(&a);
        for physical in text.split("\r\n") {
            assert!(
                physical.len() <= 75,
                "{} octets: {physical}",
                physical.len()
            );
        }
        // Every physical line is valid UTF-8 on its own: no character was split.
        let bytes = text.as_bytes();
        for piece in bytes.split(|&b| b == b'\n') {
            assert!(std::str::from_utf8(piece).is_ok());
        }
        let lines = unfolded(&text);
        assert_eq!(line(&lines, "SUMMARY"), format!("SUMMARY:{}", a.name));
        assert!(text.contains("\r\n "), "the summary was folded");
    }

    #[test]
    fn a_line_of_exactly_75_octets_is_not_folded_and_76_is() {
        let mut out = String::new();
        content_line(&mut out, "SUMMARY", &"a".repeat(75 - 8));
        assert_eq!(out.len(), 77);
        assert!(!out.contains("\r\n "));
        let mut out = String::new();
        content_line(&mut out, "SUMMARY", &"a".repeat(76 - 8));
        assert_eq!(out, format!("SUMMARY:{}\r\n a\r\n", "a".repeat(67)));
        // A two-octet character that would end at octet 76 moves whole to the next line.
        let mut out = String::new();
        content_line(&mut out, "SUMMARY", &format!("{}é", "a".repeat(74 - 8)));
        assert_eq!(out, format!("SUMMARY:{}\r\n é\r\n", "a".repeat(66)));
    }

    #[test]
    fn no_calendar_without_a_date_for_an_example_or_when_it_is_over() {
        let today = now().amsterdam_date();
        for unknown in [
            r#"{}"#,
            r#"{"note":"op afspraak"}"#,
            r#"{"freq":"DAILY","note":"dag en nacht"}"#,
            r#"{"freq":"YEARLY","note":"tijdens de Week tegen Eenzaamheid"}"#,
            r#"{"freq":"WEEKLY","interval":2,"by_day":["TU"],"start_time":"10:00"}"#,
        ] {
            assert_eq!(
                calendar_check(&activity(unknown), today),
                Err(NoCalendar::NotKnown),
                "{unknown}"
            );
        }
        let mut example = activity(WEEKLY);
        example.example = true;
        assert_eq!(calendar_check(&example, today), Err(NoCalendar::Example));
        let over = activity(r#"{"dtstart":"2025-06-29"}"#);
        assert_eq!(calendar_check(&over, today), Err(NoCalendar::Over));
        let ended = activity(
            r#"{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2025-01-01","until":"2025-12-31","start_time":"10:00"}"#,
        );
        assert_eq!(calendar_check(&ended, today), Err(NoCalendar::Over));
        let contact = contact();
        let request = CalendarRequest {
            activity: &over,
            contact: &contact,
            page_url: URL,
            now: now(),
        };
        assert_eq!(activity_ics(&request), Err(NoCalendar::Over));
    }

    #[test]
    fn a_weekly_rule_with_a_time_but_no_dtstart_starts_at_the_next_day_it_gives() {
        let a = activity(r#"{"freq":"WEEKLY","by_day":["TU"],"start_time":"10:00"}"#);
        let lines = unfolded(&ics(&a));
        // 28 November 2026 is a Saturday.
        assert_eq!(
            line(&lines, "DTSTART"),
            "DTSTART;TZID=Europe/Amsterdam:20261201T100000"
        );
    }

    #[test]
    fn a_yearly_seed_date_without_a_time_can_go_in_a_calendar() {
        // data/: "uit-de-schaduw-festival", every year on 29 June.
        let a = activity(r#"{"freq":"YEARLY","dtstart":"2024-06-29"}"#);
        assert_eq!(calendar_check(&a, now().amsterdam_date()), Ok(()));
    }
}
