//! An activity as an iCalendar file (RFC 5545) for "Zet in je agenda".
//!
//! The issue asks for a kept library, so the `icalendar` crate writes the file: it
//! escapes TEXT values (`\`, `,`, `;`, line breaks, 3.3.11), folds every content line
//! at 75 octets on a character boundary (3.1) and ends every line with CRLF. Around it
//! we only clean the text first (a lone CR and other control characters, which the
//! crate passes through) and give it our own UID and DTSTAMP (without them it would add
//! a random UUID and the device's clock). The tests below check the crate's output.
//!
//! Times are floating local times (3.3.5, form 1: no `Z`, no TZID), and the calendar
//! says `X-WR-TIMEZONE:Europe/Amsterdam`. A TZID would need a VTIMEZONE in the file,
//! and the crate cannot write one (its generic component always gets a DTSTAMP and a
//! UID, which a VTIMEZONE must not have). Every common calendar app shows a floating
//! time as that wall-clock time, which is what an activity in Hilversum at 10:00 means
//! to the people going; Apple and Google Calendar read `X-WR-TIMEZONE` for it, also
//! across summer time. A date without a time becomes an all-day event (`VALUE=DATE`).

use icalendar::{Calendar, Component, Event, EventLike, Property};
use time::{Month, OffsetDateTime, PrimitiveDateTime, Time, Weekday as TimeWeekday};

use crate::model::{Activity, Contact, Location};
use crate::schedule::{Date, Freq, Schedule, TimeOfDay};

/// The time zone of every time in the catalogue.
pub const TIME_ZONE: &str = "Europe/Amsterdam";

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
    let event = schedule_event(request)?;
    let mut calendar = calendar_head();
    calendar.push(event);
    Ok(calendar.to_string())
}

/// Several activities as one calendar a phone subscribes to (`/activiteiten/{id}.ics`,
/// `/organisaties/{id}.ics`): per activity its schedule as one event with its RRULE, as
/// in [`activity_ics`], and every announced session still to come as an event of its
/// own. What cannot go into a calendar (examples, past or unknown dates) is left out,
/// so the feed can be empty but is never refused: a subscription keeps working when an
/// activity gets dates later.
pub fn feed_ics(requests: &[CalendarRequest<'_>], name: &str) -> String {
    let mut calendar = calendar_head();
    calendar
        .append_property(Property::new("X-WR-CALNAME", clean(name)))
        // How often a subscribing calendar should look again (RFC 7986 and Outlook's own).
        .append_property(
            Property::new("REFRESH-INTERVAL", "PT12H")
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", "PT12H"));
    for request in requests {
        if let Ok(event) = schedule_event(request) {
            calendar.push(event);
        }
        for event in session_events(request) {
            calendar.push(event);
        }
    }
    calendar.to_string()
}

fn calendar_head() -> Calendar {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//Gemeente Hilversum//Omzien//NL"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        // METHOD:PUBLISH makes Outlook offer "add to calendar" instead of treating the
        // file as a meeting invitation.
        .append_property(Property::new("METHOD", "PUBLISH"))
        .append_property(Property::new("X-WR-TIMEZONE", TIME_ZONE));
    calendar
}

/// The announced sessions from today on, each an event; none for an example activity
/// or a made-up date.
fn session_events(request: &CalendarRequest<'_>) -> Vec<Event> {
    let a = request.activity;
    let today = request.now.amsterdam_date();
    if a.example {
        return Vec::new();
    }
    a.sessions
        .iter()
        .filter(|s| !s.example && s.date >= today)
        .map(|s| {
            let mut event = Event::new();
            event.uid(&format!(
                "{}-{}@{}",
                a.id,
                ics_date(s.date),
                host_of(request.page_url)
            ));
            event.add_property("DTSTAMP", request.now.ics());
            match s.start_time {
                Some(start) => {
                    event.add_property("DTSTART", local_time(s.date, start));
                    if let Some(end) = s.end_time {
                        let end_date = if end <= start {
                            next_day(s.date)
                        } else {
                            s.date
                        };
                        event.add_property("DTEND", local_time(end_date, end));
                    }
                }
                None => {
                    event.append_property(all_day("DTSTART", s.date));
                    event.append_property(all_day("DTEND", next_day(s.date)));
                }
            }
            event.summary(&clean(&a.name));
            event.description(&clean(&description(a, request.contact, request.page_url)));
            if let Some(location) = s.location.as_ref().or(a.location.as_ref()) {
                event.location(&clean(&location_text(location)));
            }
            event.url(request.page_url);
            event.done()
        })
        .collect()
}

/// The activity's schedule as one event (with its RRULE), or why it cannot be one.
fn schedule_event(request: &CalendarRequest<'_>) -> Result<Event, NoCalendar> {
    let a = request.activity;
    let schedule = &a.schedule;
    let first = first_date(a, request.now.amsterdam_date())?;

    let mut event = Event::new();
    // The same UID every time: downloading again updates the event instead of adding
    // a second one.
    event.uid(&format!("{}@{}", a.id, host_of(request.page_url)));
    event.add_property("DTSTAMP", request.now.ics());
    match schedule.start_time {
        Some(start) => {
            event.add_property("DTSTART", local_time(first, start));
            if let Some(end) = schedule.end_time {
                // An end before the start is after midnight.
                let end_date = if end <= start { next_day(first) } else { first };
                event.add_property("DTEND", local_time(end_date, end));
            }
        }
        None => {
            event.append_property(all_day("DTSTART", first));
            event.append_property(all_day("DTEND", next_day(first)));
        }
    }
    if let Some(rule) = rrule(schedule) {
        event.add_property("RRULE", rule);
    }
    event.summary(&clean(&a.name));
    event.description(&clean(&description(a, request.contact, request.page_url)));
    if let Some(location) = &a.location {
        event.location(&clean(&location_text(location)));
    }
    event.url(request.page_url);
    Ok(event.done())
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
        // RFC 5545 3.3.10: UNTIL has the value type of DTSTART, so a DATE with a
        // DATE start and a floating local time with a floating start. "Tot en met"
        // the last day: its last second.
        let until = match schedule.start_time {
            None => ics_date(until),
            Some(_) => format!("{}T235959", ics_date(until)),
        };
        rule.push_str(&format!(";UNTIL={until}"));
    }
    Some(rule)
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

/// A floating local time (3.3.5, form 1): `20261201T100000`.
fn local_time(date: Date, time: TimeOfDay) -> String {
    format!("{}T{:02}{:02}00", ics_date(date), time.hour, time.minute)
}

fn all_day(key: &str, date: Date) -> Property {
    Property::new(key, ics_date(date))
        .add_parameter("VALUE", "DATE")
        .done()
}

/// Line breaks as `\n` (which the crate escapes as `\\n`); the crate leaves a lone CR
/// and other control characters as they are, and they have no place in a TEXT value
/// (3.3.11), so they go: a CR becomes a line break, the rest is dropped.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
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
            sessions: vec![],
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
            general: false,
            audience: Default::default(),
            source: "test".to_owned(),
            revision: 0,
            updated_on: None,
        }
    }

    fn contact() -> Contact {
        Contact {
            phone: Some("035 123 45 67".to_owned()),
            email: None,
            website: None,
            source: None,
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
    fn a_weekly_activity_has_uid_dtstamp_floating_times_and_rrule() {
        let text = ics(&activity(WEEKLY));
        let lines = unfolded(&text);
        assert_eq!(line(&lines, "UID"), "UID:wandelen@omzien.example");
        assert_eq!(line(&lines, "DTSTAMP"), "DTSTAMP:20261128T140509Z");
        assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261201T100000");
        assert_eq!(line(&lines, "DTEND"), "DTEND:20261201T113000");
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
        // Ours, not the crate's defaults (a random UUID, the device's clock).
        assert_eq!(lines.iter().filter(|l| l.starts_with("UID")).count(), 1);
        assert_eq!(lines.iter().filter(|l| l.starts_with("DTSTAMP")).count(), 1);
        assert!(
            !text.contains("ICALENDAR-RS"),
            "our PRODID, not the crate's"
        );
        let order: Vec<&str> = lines
            .iter()
            .filter(|l| l.starts_with("BEGIN:") || l.starts_with("END:"))
            .map(String::as_str)
            .collect();
        assert_eq!(
            order,
            [
                "BEGIN:VCALENDAR",
                "BEGIN:VEVENT",
                "END:VEVENT",
                "END:VCALENDAR"
            ]
        );
    }

    #[test]
    fn times_are_floating_local_times_with_x_wr_timezone_and_no_vtimezone() {
        let text = ics(&activity(
            r#"{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2026-12-01","until":"2027-06-29","start_time":"10:00","end_time":"11:30"}"#,
        ));
        let lines = unfolded(&text);
        assert_eq!(
            &lines[..6],
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Gemeente Hilversum//Omzien//NL",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "X-WR-TIMEZONE:Europe/Amsterdam",
            ]
        );
        // Form 1 of RFC 5545 3.3.5: no TZID, no Z; UNTIL of the same type (3.3.10).
        assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261201T100000");
        assert_eq!(line(&lines, "DTEND"), "DTEND:20261201T113000");
        assert_eq!(
            line(&lines, "RRULE"),
            "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270629T235959"
        );
        assert!(!text.contains("TZID"), "{text}");
        assert!(!text.contains("VTIMEZONE"), "{text}");
        // Only DTSTAMP is in UTC.
        let utc: Vec<&String> = lines.iter().filter(|l| l.ends_with('Z')).collect();
        assert_eq!(utc, ["DTSTAMP:20261128T140509Z"]);
    }

    #[test]
    fn summer_time_is_known_for_the_date_in_hilversum() {
        assert_eq!(
            last_sunday(2027, Month::March),
            time::Date::from_calendar_date(2027, Month::March, 28).unwrap()
        );
        assert_eq!(
            last_sunday(2026, Month::October),
            time::Date::from_calendar_date(2026, Month::October, 25).unwrap()
        );
    }

    #[test]
    fn dtstart_is_moved_to_the_first_date_the_rule_gives() {
        // 2026-12-02 is a Wednesday: the first Tuesday on or after it is 8 December.
        let a = activity(
            r#"{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2026-12-02","start_time":"10:00"}"#,
        );
        let lines = unfolded(&ics(&a));
        assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261208T100000");
        assert!(
            !lines.iter().any(|l| l.starts_with("DTEND")),
            "no end time, no DTEND"
        );
    }

    #[test]
    fn monthly_by_ordinal_day_with_interval_and_a_floating_until() {
        let a = activity(
            r#"{"freq":"MONTHLY","interval":2,"by_day":["1WE","-1FR"],"dtstart":"2026-12-01","until":"2027-06-30","start_time":"14:00","end_time":"16:00"}"#,
        );
        let lines = unfolded(&ics(&a));
        // The first Wednesday of December 2026 is the 2nd.
        assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261202T140000");
        // The last second of 30 June, local time like DTSTART (not UTC).
        assert_eq!(
            line(&lines, "RRULE"),
            "RRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=1WE,-1FR;UNTIL=20270630T235959"
        );
        let winter = activity(
            r#"{"freq":"WEEKLY","by_day":["MO"],"dtstart":"2026-12-01","until":"2027-01-31","start_time":"14:00"}"#,
        );
        let lines = unfolded(&ics(&winter));
        assert_eq!(
            line(&lines, "RRULE"),
            "RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270131T235959"
        );
    }

    #[test]
    fn a_one_off_date_without_a_time_is_an_all_day_event_without_rrule() {
        let a = activity(r#"{"dtstart":"2026-12-19"}"#);
        let lines = unfolded(&ics(&a));
        assert_eq!(line(&lines, "DTSTART"), "DTSTART;VALUE=DATE:20261219");
        assert_eq!(line(&lines, "DTEND"), "DTEND;VALUE=DATE:20261220");
        assert!(!lines.iter().any(|l| l.starts_with("RRULE")));
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
        assert_eq!(line(&lines, "DTEND"), "DTEND:20270101T010000");
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

    /// One property as the crate writes it: folded, CRLF at the end.
    fn written(name: &str, value: &str) -> String {
        Property::new(name, value)
            .try_into()
            .expect("a content line")
    }

    #[test]
    fn the_crate_folds_at_exactly_75_octets_and_never_inside_a_character() {
        let out = written("SUMMARY", &"a".repeat(75 - 8));
        assert_eq!(out.len(), 77);
        assert!(!out.contains("\r\n "));
        let out = written("SUMMARY", &"a".repeat(76 - 8));
        assert_eq!(out, format!("SUMMARY:{}\r\n a\r\n", "a".repeat(67)));
        // A two-octet character that would end at octet 76 moves whole to the next line.
        let out = written("SUMMARY", &format!("{}é", "a".repeat(74 - 8)));
        assert_eq!(out, format!("SUMMARY:{}\r\n é\r\n", "a".repeat(66)));
        // Three-octet characters from the first octet on: lines of 75, then 1 + 72.
        let out = written("SUMMARY", &"€".repeat(40));
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        assert_eq!(
            out.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "€".repeat(40))
        );
    }

    #[test]
    fn the_crate_does_not_escape_a_lone_cr_or_drop_control_characters_so_we_clean_first() {
        // What the crate does with them on its own: both go into the file as they are,
        // and a bare CR would end the content line for some readers.
        let raw = written("SUMMARY", "een\rtwee\u{7}");
        assert_eq!(raw, "SUMMARY:een\rtwee\u{7}\r\n");
        assert_eq!(
            written("SUMMARY", &clean("een\rtwee\u{7}\r\ndrie\tvier")),
            "SUMMARY:een\\ntwee\\ndrie\tvier\r\n"
        );
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
        assert_eq!(line(&lines, "DTSTART"), "DTSTART:20261201T100000");
    }

    #[test]
    fn a_yearly_seed_date_without_a_time_can_go_in_a_calendar() {
        // data/: "uit-de-schaduw-festival", every year on 29 June.
        let a = activity(r#"{"freq":"YEARLY","dtstart":"2024-06-29"}"#);
        assert_eq!(calendar_check(&a, now().amsterdam_date()), Ok(()));
    }

    #[test]
    fn a_feed_holds_each_schedule_and_every_session_still_to_come() {
        let mut weekly = activity(WEEKLY);
        weekly.sessions = serde_json::from_str(
            r#"[{"date":"2026-12-10","start_time":"19:00","end_time":"21:00",
                 "location":{"name":"Bibliotheek","city":"Hilversum"}},
                {"date":"2026-01-10","start_time":"19:00"},
                {"date":"2026-12-12","example":true}]"#,
        )
        .unwrap();
        let mut sessions_only = activity("{}");
        sessions_only.id = "lezing".to_owned();
        sessions_only.sessions = serde_json::from_str(r#"[{"date":"2026-12-19"}]"#).unwrap();
        let mut example = activity(WEEKLY);
        example.id = "voorbeeld".to_owned();
        example.example = true;
        let contact = contact();
        let request = |a| CalendarRequest {
            activity: a,
            contact: &contact,
            page_url: URL,
            now: now(),
        };
        let text = feed_ics(
            &[request(&weekly), request(&sessions_only), request(&example)],
            "Senver; activiteiten",
        );
        let lines = unfolded(&text);
        let uids: Vec<&str> = lines
            .iter()
            .filter(|l| l.starts_with("UID:"))
            .map(String::as_str)
            .collect();
        // The session of January has passed; an example gives nothing.
        assert_eq!(
            uids,
            [
                "UID:wandelen@omzien.example",
                "UID:wandelen-20261210@omzien.example",
                "UID:lezing-20261219@omzien.example"
            ]
        );
        assert!(lines.contains(&"DTSTART:20261210T190000".to_owned()));
        assert!(lines.contains(&"DTEND:20261210T210000".to_owned()));
        assert!(lines.contains(&"LOCATION:Bibliotheek".to_owned()));
        assert!(lines.contains(&"DTSTART;VALUE=DATE:20261219".to_owned()));
        assert!(lines.contains(&"X-WR-CALNAME:Senver\\; activiteiten".to_owned()));
        assert_eq!(lines.iter().filter(|l| *l == "BEGIN:VEVENT").count(), 3);
        // Nothing to show is still a calendar a phone can subscribe to.
        let empty = feed_ics(&[request(&example)], "Leeg");
        assert!(empty.contains("BEGIN:VCALENDAR") && !empty.contains("BEGIN:VEVENT"));
    }
}
