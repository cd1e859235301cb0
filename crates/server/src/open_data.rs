//! The catalogue for other programs, beside HSDS (`hsds.rs`): calendar feeds a phone
//! subscribes to, schema.org JSON-LD for a page to embed, and a CSV file for
//! professionals who work in spreadsheets.

use omzien_core::ics::{feed_ics, CalendarRequest, Stamp};
use omzien_core::model::{Activity, Contact, Location, Organisation};
use omzien_core::schedule::{Freq, Schedule, Weekday};
use serde_json::{json, Value};

use crate::hsds::{loneliness_name, target_name, Snapshot};

/// `https://host` for links in what we give out, from the request's Host header:
/// `http` only for this machine (tests, a laptop), `https` for everything else, as
/// Omzien is only served over TLS (README, "Running it").
pub fn base_url(host: Option<&str>) -> String {
    let host = host.unwrap_or("localhost");
    let local =
        host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]");
    format!("{}://{host}", if local { "http" } else { "https" })
}

pub fn page_url(base: &str, activity_id: &str) -> String {
    format!("{base}/activiteiten/{activity_id}")
}

fn now() -> Stamp {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Stamp::from_unix_seconds(seconds).unwrap_or_else(|| Stamp::from_unix_seconds(0).expect("epoch"))
}

/// The activity's contact, or its organiser's when it has none of its own (as the
/// app's take-away does).
fn contact_of<'a>(a: &'a Activity, org: Option<&'a Organisation>) -> &'a Contact {
    match org {
        Some(o) if a.contact.is_empty() => &o.contact,
        _ => &a.contact,
    }
}

/// The `.ics` feed of these activities.
pub fn feed(snapshot: &Snapshot, activity_ids: &[&str], base: &str, name: &str) -> String {
    let now = now();
    let urls: Vec<String> = activity_ids.iter().map(|id| page_url(base, id)).collect();
    let entries: Vec<_> = activity_ids
        .iter()
        .filter_map(|id| snapshot.service(id))
        .collect();
    let requests: Vec<CalendarRequest<'_>> = entries
        .iter()
        .zip(&urls)
        .map(|(s, url)| CalendarRequest {
            activity: &s.activity,
            contact: contact_of(&s.activity, snapshot.service_org(s).map(|o| &o.org)),
            page_url: url,
            now,
        })
        .collect();
    feed_ics(&requests, name)
}

fn place(l: &Location) -> Value {
    let mut address = json!({
        "@type": "PostalAddress",
        "addressLocality": l.city,
        "addressCountry": "NL",
    });
    if let Some(street) = &l.address {
        address["streetAddress"] = json!(street);
    }
    if let Some(code) = &l.postal_code {
        address["postalCode"] = json!(code);
    }
    json!({ "@type": "Place", "name": l.name, "address": address })
}

fn day_uri(d: Weekday) -> String {
    let name = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ][d as usize];
    format!("https://schema.org/{name}")
}

/// A schema.org `Schedule` for a rule; `None` for a one-off date.
fn event_schedule(s: &Schedule) -> Option<Value> {
    let freq = s.freq?;
    let n = s.interval.unwrap_or(1).max(1);
    let repeat = match freq {
        Freq::Daily => format!("P{n}D"),
        Freq::Weekly => format!("P{n}W"),
        Freq::Monthly => format!("P{n}M"),
        Freq::Yearly => format!("P{n}Y"),
    };
    let mut v = json!({
        "@type": "Schedule",
        "repeatFrequency": repeat,
        "scheduleTimezone": omzien_core::ics::TIME_ZONE,
    });
    let days: Vec<String> = s.by_day.iter().map(|b| day_uri(b.day)).collect();
    if !days.is_empty() {
        v["byDay"] = json!(days);
    }
    if let Some(d) = s.dtstart {
        v["startDate"] = json!(String::from(d));
    }
    if let Some(d) = s.until {
        v["endDate"] = json!(String::from(d));
    }
    if let Some(t) = s.start_time {
        v["startTime"] = json!(format!("{t}:00"));
    }
    if let Some(t) = s.end_time {
        v["endTime"] = json!(format!("{t}:00"));
    }
    Some(v)
}

/// The activity as schema.org JSON-LD for its page to embed in a
/// `<script type="application/ld+json">`: an `Event` when it has a date to start from
/// (a schedule with a first date or an announced session), else a `Service` (a buddy,
/// a helpline). Example details are left out, as they are from calendars. Times are
/// local times in Hilversum (`scheduleTimezone`).
pub fn activity_json_ld(
    activity: &Activity,
    organisation: Option<&Organisation>,
    page_url: &str,
) -> Value {
    let a = activity;
    let mut v = json!({
        "@context": "https://schema.org",
        "name": a.name,
        "description": a.summary,
        "url": page_url,
    });
    let org = organisation.map(|o| {
        let mut org = json!({ "@type": "Organization", "name": o.name });
        if let Some(site) = &o.contact.website {
            org["url"] = json!(site);
        }
        org
    });
    if !a.languages.is_empty() {
        v["inLanguage"] = json!(a.languages);
    }
    if let Some(free) = a.free {
        v["isAccessibleForFree"] = json!(free);
    }
    let today = now().amsterdam_date();
    let session = a
        .sessions
        .iter()
        .filter(|s| !s.example && s.date >= today)
        .min_by_key(|s| s.date);
    let first = (!a.example)
        .then(|| a.schedule.first_date(today))
        .flatten()
        .filter(|_| a.schedule.dtstart.is_some() || a.schedule.start_time.is_some());
    let start = match (first, session) {
        (Some(d), _) => Some((d, a.schedule.start_time, a.schedule.end_time)),
        (None, Some(s)) => Some((s.date, s.start_time, s.end_time)),
        (None, None) => None,
    };
    match start {
        Some((date, start_time, end_time)) if !a.example => {
            v["@type"] = json!("Event");
            let stamp = |t: Option<omzien_core::schedule::TimeOfDay>| match t {
                Some(t) => format!("{}T{t}", String::from(date)),
                None => String::from(date),
            };
            v["startDate"] = json!(stamp(start_time));
            if end_time.is_some() {
                v["endDate"] = json!(stamp(end_time));
            }
            if first.is_some() {
                if let Some(schedule) = event_schedule(&a.schedule) {
                    v["eventSchedule"] = schedule;
                }
            }
            v["eventStatus"] = json!("https://schema.org/EventScheduled");
            v["eventAttendanceMode"] = json!("https://schema.org/OfflineEventAttendanceMode");
            let location = session
                .filter(|_| first.is_none())
                .and_then(|s| s.location.as_ref())
                .or(a.location.as_ref());
            v["location"] = match location {
                Some(l) => place(l),
                None => {
                    json!({ "@type": "Place", "name": "Hilversum", "address": { "@type": "PostalAddress", "addressLocality": "Hilversum", "addressCountry": "NL" } })
                }
            };
            if let Some(org) = org {
                v["organizer"] = org;
            }
        }
        _ => {
            v["@type"] = json!("Service");
            v["serviceType"] = json!(a.kind.label());
            v["areaServed"] = json!({ "@type": "City", "name": "Hilversum" });
            if let Some(org) = org {
                v["provider"] = org;
            }
            if let Some(l) = &a.location {
                v["availableChannel"] =
                    json!({ "@type": "ServiceChannel", "serviceLocation": place(l) });
            }
        }
    }
    v
}

/// The CSV export's columns, in order (docs/interop.md).
pub const CSV_COLUMNS: [&str; 24] = [
    "id",
    "naam",
    "samenvatting",
    "soort",
    "organisatie",
    "wijk",
    "soort eenzaamheid",
    "doelgroep",
    "publiek",
    "wanneer",
    "losse data",
    "locatie",
    "adres",
    "postcode",
    "plaats",
    "gratis",
    "kosten",
    "aanmelden nodig",
    "hoe meedoen",
    "telefoon",
    "e-mail",
    "website",
    "talen",
    "bijgewerkt op",
];

/// The catalogue as a CSV file Excel opens as it is in the Netherlands: UTF-8 with a
/// byte-order mark (else Excel reads it as Windows-1252 and breaks every accent), `;`
/// between fields (Dutch Excel's list separator, as the decimal separator is a comma),
/// CRLF line ends, every field quoted when it must be.
pub fn catalogue_csv(snapshot: &Snapshot) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(CSV_COLUMNS)?;
        let yes_no = |b: Option<bool>| match b {
            Some(true) => "ja".to_owned(),
            Some(false) => "nee".to_owned(),
            None => String::new(),
        };
        for s in &snapshot.services {
            let a = &s.activity;
            let wijk = a
                .wijk
                .as_ref()
                .map(|id| {
                    snapshot
                        .wijken
                        .iter()
                        .find(|w| &w.id == id)
                        .map_or(id.clone(), |w| w.name.clone())
                })
                .unwrap_or_else(|| "heel Hilversum".to_owned());
            let list = |items: Vec<&str>| items.join(", ");
            let (when, dates) = if a.example {
                ("(voorbeeld)".to_owned(), String::new())
            } else {
                (
                    a.schedule.describe_nl(),
                    a.sessions
                        .iter()
                        .filter(|x| !x.example)
                        .map(|x| match x.start_time {
                            Some(t) => format!("{} {t}", String::from(x.date)),
                            None => String::from(x.date),
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            };
            let l = a.location.clone().unwrap_or_default();
            let contact = contact_of(a, snapshot.service_org(s).map(|o| &o.org));
            w.write_record([
                a.id.clone(),
                a.name.clone(),
                a.summary.clone(),
                a.kind.label().to_owned(),
                snapshot
                    .service_org(s)
                    .map(|o| o.org.name.clone())
                    .unwrap_or_default(),
                wijk,
                list(
                    a.loneliness_types
                        .iter()
                        .map(|t| loneliness_name(*t))
                        .collect(),
                ),
                list(a.target_groups.iter().map(|t| target_name(*t)).collect()),
                match a.audience {
                    omzien_core::model::Audience::Residents => "inwoners",
                    omzien_core::model::Audience::Professionals => "professionals",
                    omzien_core::model::Audience::Both => "inwoners en professionals",
                }
                .to_owned(),
                when,
                dates,
                l.name,
                l.address.unwrap_or_default(),
                l.postal_code.unwrap_or_default(),
                if a.location.is_some() {
                    l.city
                } else {
                    String::new()
                },
                yes_no(a.free),
                a.cost_note.clone().unwrap_or_default(),
                yes_no(a.sign_up_required),
                a.how_to_join.clone().unwrap_or_default(),
                contact.phone.clone().unwrap_or_default(),
                contact.email.clone().unwrap_or_default(),
                contact.website.clone().unwrap_or_default(),
                a.languages.join(", "),
                a.updated_on.map(String::from).unwrap_or_default(),
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn activity(json: &str) -> Activity {
        let mut base: Value = serde_json::from_str(
            r#"{"id":"koffie","name":"Koffie-ochtend","summary":"Samen koffie drinken.",
                "kind":"meeting","organisation_id":"versa","loneliness_types":["social"],
                "target_groups":["everyone"],"source":"test","free":true,
                "location":{"name":"Buurthuis De Geus","address":"Geus 1","postal_code":"1200 AA"}}"#,
        )
        .unwrap();
        let extra: Value = serde_json::from_str(json).unwrap();
        for (k, v) in extra.as_object().unwrap() {
            base[k] = v.clone();
        }
        serde_json::from_value(base).unwrap()
    }

    fn org() -> Organisation {
        serde_json::from_str(r#"{"id":"versa","name":"Versa Welzijn","source":"test"}"#).unwrap()
    }

    #[test]
    fn a_weekly_activity_is_an_event_with_its_schedule_and_place() {
        let a = activity(
            r#"{"schedule":{"freq":"WEEKLY","by_day":["TU"],"dtstart":"2026-01-06","start_time":"10:00","end_time":"11:30"}}"#,
        );
        let ld = activity_json_ld(
            &a,
            Some(&org()),
            "https://omzien.example/activiteiten/koffie",
        );
        assert_eq!(ld["@context"], "https://schema.org");
        assert_eq!(ld["@type"], "Event");
        assert!(ld["startDate"].as_str().unwrap().ends_with("T10:00"));
        assert_eq!(ld["eventSchedule"]["repeatFrequency"], "P1W");
        assert_eq!(
            ld["eventSchedule"]["byDay"][0],
            "https://schema.org/Tuesday"
        );
        assert_eq!(ld["location"]["@type"], "Place");
        assert_eq!(ld["location"]["address"]["postalCode"], "1200 AA");
        assert_eq!(ld["organizer"]["name"], "Versa Welzijn");
        assert_eq!(ld["isAccessibleForFree"], true);
    }

    #[test]
    fn without_a_date_or_with_example_details_it_is_a_service() {
        let buddy = activity(r#"{"kind":"buddy","schedule":{"note":"op afspraak"}}"#);
        let ld = activity_json_ld(
            &buddy,
            Some(&org()),
            "https://omzien.example/activiteiten/koffie",
        );
        assert_eq!(ld["@type"], "Service");
        assert_eq!(ld["provider"]["name"], "Versa Welzijn");
        assert!(ld.get("startDate").is_none() && ld.get("organizer").is_none());
        let example = activity(
            r#"{"example":true,"schedule":{"freq":"WEEKLY","by_day":["TU"],"start_time":"10:00"}}"#,
        );
        assert_eq!(
            activity_json_ld(&example, None, "https://x.example/a")["@type"],
            "Service"
        );
    }

    #[test]
    fn hosts_of_this_machine_get_http_others_https() {
        assert_eq!(base_url(Some("127.0.0.1:8080")), "http://127.0.0.1:8080");
        assert_eq!(
            base_url(Some("omzien.hilversum.nl")),
            "https://omzien.hilversum.nl"
        );
    }
}
