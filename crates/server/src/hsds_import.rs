//! `omzien-server import-hsds PATH`: organisations and activities from Open Referral
//! HSDS 3 data (docs/interop.md), as API answers in JSON (one file or a folder) or as
//! the tabular package of CSV files.
//!
//! Everything is checked before anything is written: one rejected record and nothing
//! changes, and the error lists every rejected record with its reason. Records keep
//! their HSDS id (a UUID is a valid Omzien id), so a second import of the same data
//! finds them and changes nothing; what staff made or changed in Omzien is left as it
//! is, as the import of data/ does. Fields Omzien does not model are counted in the
//! report, never dropped in silence.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use omzien_core::model::{
    Activity, ActivityKind, Audience, Contact, Location, LonelinessType, NetworkRole, Organisation,
    TargetGroup,
};
use omzien_core::schedule::{ByDay, Date, Freq, Schedule, TimeOfDay, Weekday};
use omzien_core::wire::RecordKind;
use omzien_core::Session;
use serde_json::{json, Map, Value};
use sqlx::AnyPool;

use crate::catalogue::{next_version, today_in_hilversum};
use crate::db::Flag;
use crate::hsds::{term_id, terms, TAXONOMY_NAME};

#[derive(Debug, thiserror::Error)]
pub enum HsdsImportError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid JSON: {source}")]
    Json {
        path: String,
        source: serde_json::Error,
    },
    #[error("{path} is not valid CSV: {source}")]
    Csv { path: String, source: csv::Error },
    #[error("{path} holds no HSDS services or organizations")]
    Nothing { path: String },
    #[error("nothing was imported: {} record(s) rejected:\n  {}", .0.len(), .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n  "))]
    Rejected(Vec<Rejected>),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("encoding a record: {0}")]
    Encode(#[from] serde_json::Error),
}

/// A record that cannot be imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejected {
    /// `service 3f1c… (Koffie-ochtend)`
    pub record: String,
    pub reason: String,
}

impl std::fmt::Display for Rejected {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.record, self.reason)
    }
}

/// What was read: HSDS services and organizations as JSON, whatever form they came in.
#[derive(Debug, Default)]
pub struct HsdsInput {
    pub services: Vec<Value>,
    pub organizations: Vec<Value>,
    /// Whole files or CSV tables Omzien has no place for (`funding.csv: 1 row(s)`).
    pub not_modelled: BTreeMap<String, usize>,
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct HsdsReport {
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Records staff made or changed in Omzien, left as they are: (kind, id).
    pub kept: Vec<(String, String)>,
    /// Fields Omzien does not model, with how often they were given
    /// (`service.alternate_name: 1`).
    pub not_modelled: BTreeMap<String, usize>,
}

pub struct ImportOptions {
    /// Names the source in each record (`HSDS: <source>`) and in `import_source`.
    pub source: String,
    /// Publish new records at once instead of leaving them in the editors' queue.
    pub publish: bool,
}

// ---------------------------------------------------------------- reading

/// A JSON file, a folder of JSON files, or a folder (or `datapackage.json`) of the
/// tabular package; a folder may hold both.
pub fn read_path(path: &Path) -> Result<HsdsInput, HsdsImportError> {
    let mut input = HsdsInput::default();
    let shown = path.display().to_string();
    let read_err = |source| HsdsImportError::Read {
        path: shown.clone(),
        source,
    };
    if path.is_dir() {
        let mut files: Vec<_> = std::fs::read_dir(path)
            .map_err(read_err)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .filter(|p| !p.ends_with("datapackage.json"))
            .collect();
        files.sort();
        for file in files {
            read_json_file(&file, &mut input)?;
        }
        for dir in [path.to_path_buf(), path.join("csv")] {
            if dir.join("services.csv").exists() {
                read_tabular(&dir, &mut input)?;
            }
        }
    } else if path.ends_with("datapackage.json") {
        read_tabular(path.parent().unwrap_or(Path::new(".")), &mut input)?;
    } else {
        read_json_file(path, &mut input)?;
    }
    if input.services.is_empty() && input.organizations.is_empty() {
        return Err(HsdsImportError::Nothing { path: shown });
    }
    Ok(input)
}

fn read_json_file(path: &Path, input: &mut HsdsInput) -> Result<(), HsdsImportError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| HsdsImportError::Read {
        path: shown.clone(),
        source,
    })?;
    let value: Value = serde_json::from_str(&text).map_err(|source| HsdsImportError::Json {
        path: shown,
        source,
    })?;
    take(value, input, path);
    Ok(())
}

/// Sorts one answer into services and organizations: a Page, an array, a service, an
/// organization (with its `services`), or something else (a taxonomy, a location, the
/// API's base), which is counted as not modelled.
fn take(value: Value, input: &mut HsdsInput, path: &Path) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| take(v, input, path)),
        Value::Object(mut m) => {
            if let Some(Value::Array(items)) = m.remove("contents") {
                return items.into_iter().for_each(|v| take(v, input, path));
            }
            let has = |k: &str| m.contains_key(k);
            let is_service = has("status") || has("service_at_locations") || has("organization");
            // What is left with a name is an organization, unless it is a location, a
            // service-at-location, a taxonomy (term) or the API's base.
            let not_an_organization = [
                "location_type",
                "location",
                "service_id",
                "code",
                "taxonomy",
                "term_uri",
                "version",
            ];
            let is_organization =
                (!is_service && has("name") && !not_an_organization.iter().any(|k| has(k)))
                    || has("services")
                    || has("legal_status");
            if is_service {
                input.services.push(Value::Object(m));
            } else if is_organization {
                if let Some(Value::Array(services)) = m.remove("services") {
                    let org_id = m.get("id").cloned().unwrap_or(Value::Null);
                    for mut s in services {
                        if s.get("organization_id").is_none() && s.get("organization").is_none() {
                            s["organization_id"] = org_id.clone();
                        }
                        input.services.push(s);
                    }
                }
                input.organizations.push(Value::Object(m));
            } else {
                let name = path
                    .file_name()
                    .map_or(String::new(), |n| n.to_string_lossy().into_owned());
                *input
                    .not_modelled
                    .entry(format!("{name}: not a service or organization"))
                    .or_default() += 1;
            }
        }
        _ => {}
    }
}

type Table = Vec<Map<String, Value>>;

fn read_csv(dir: &Path, name: &str) -> Result<Table, HsdsImportError> {
    let path = dir.join(name);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let shown = path.display().to_string();
    let mut reader = csv::Reader::from_path(&path).map_err(|source| HsdsImportError::Csv {
        path: shown.clone(),
        source,
    })?;
    let headers = reader
        .headers()
        .map_err(|source| HsdsImportError::Csv {
            path: shown.clone(),
            source,
        })?
        .clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|source| HsdsImportError::Csv {
            path: shown.clone(),
            source,
        })?;
        let mut row = Map::new();
        for (h, v) in headers.iter().zip(record.iter()) {
            if !v.is_empty() {
                row.insert(h.to_owned(), Value::String(v.to_owned()));
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

fn str_of<'a>(row: &'a Map<String, Value>, key: &str) -> Option<&'a str> {
    row.get(key).and_then(Value::as_str)
}

/// Children of a table by a parent column, without that column (the JSON form nests
/// them instead).
fn children(table: &Table, parent: &str, id: &str) -> Vec<Value> {
    table
        .iter()
        .filter(|r| str_of(r, parent) == Some(id))
        .map(|r| {
            let mut r = r.clone();
            r.remove(parent);
            Value::Object(r)
        })
        .collect()
}

/// The tabular package, nested into the JSON form the rest of the import reads.
fn read_tabular(dir: &Path, input: &mut HsdsInput) -> Result<(), HsdsImportError> {
    let services = read_csv(dir, "services.csv")?;
    let organizations = read_csv(dir, "organizations.csv")?;
    let locations = read_csv(dir, "locations.csv")?;
    let addresses = read_csv(dir, "addresses.csv")?;
    let accessibility = read_csv(dir, "accessibility.csv")?;
    let sals = read_csv(dir, "service_at_location.csv")?;
    let schedules = read_csv(dir, "schedules.csv")?;
    let phones = read_csv(dir, "phones.csv")?;
    let languages = read_csv(dir, "languages.csv")?;
    let costs = read_csv(dir, "cost_options.csv")?;
    let attributes = read_csv(dir, "attributes.csv")?;
    let term_rows = read_csv(dir, "taxonomy_terms.csv")?;
    let term_by_id: HashMap<&str, &Map<String, Value>> = term_rows
        .iter()
        .filter_map(|t| Some((str_of(t, "id")?, t)))
        .collect();
    let attrs_of = |id: &str| -> Vec<Value> {
        attributes
            .iter()
            .filter(|a| str_of(a, "link_id") == Some(id))
            .map(|a| {
                let mut a = a.clone();
                if let Some(term) = str_of(&a, "taxonomy_term_id").and_then(|t| term_by_id.get(t)) {
                    a.insert("taxonomy_term".into(), Value::Object((*term).clone()));
                }
                a.remove("link_id");
                Value::Object(a)
            })
            .collect()
    };
    // Phones belong to the one row they name; the other id columns are empty.
    let phones_of = |column: &str, id: &str| -> Vec<Value> {
        children(&phones, column, id)
            .into_iter()
            .map(|mut p| {
                if let Some(m) = p.as_object_mut() {
                    m.retain(|k, _| !k.ends_with("_id"));
                }
                p
            })
            .collect()
    };
    for o in &organizations {
        let mut o = o.clone();
        let id = str_of(&o, "id").unwrap_or_default().to_owned();
        o.insert("phones".into(), json!(phones_of("organization_id", &id)));
        o.insert("attributes".into(), json!(attrs_of(&id)));
        input.organizations.push(Value::Object(o));
    }
    for s in &services {
        let mut s = s.clone();
        let id = str_of(&s, "id").unwrap_or_default().to_owned();
        s.insert("phones".into(), json!(phones_of("service_id", &id)));
        s.insert(
            "languages".into(),
            json!(children(&languages, "service_id", &id)),
        );
        s.insert(
            "cost_options".into(),
            json!(children(&costs, "service_id", &id)),
        );
        s.insert("attributes".into(), json!(attrs_of(&id)));
        s.insert(
            "schedules".into(),
            json!(children(&schedules, "service_id", &id)
                .into_iter()
                .filter(|x| x.get("service_at_location_id").is_none())
                .collect::<Vec<_>>()),
        );
        let mut nested_sals = Vec::new();
        for sal in children(&sals, "service_id", &id) {
            let mut sal = sal.as_object().cloned().unwrap_or_default();
            let sal_id = str_of(&sal, "id").unwrap_or_default().to_owned();
            if let Some(loc_id) = str_of(&sal, "location_id").map(str::to_owned) {
                if let Some(loc) = locations
                    .iter()
                    .find(|l| str_of(l, "id") == Some(loc_id.as_str()))
                {
                    let mut loc = loc.clone();
                    loc.insert(
                        "addresses".into(),
                        json!(children(&addresses, "location_id", &loc_id)),
                    );
                    loc.insert(
                        "accessibility".into(),
                        json!(children(&accessibility, "location_id", &loc_id)),
                    );
                    loc.remove("organization_id");
                    sal.insert("location".into(), Value::Object(loc));
                }
            }
            let sal_schedules: Vec<Value> = schedules
                .iter()
                .filter(|x| str_of(x, "service_at_location_id") == Some(sal_id.as_str()))
                .map(|x| {
                    let mut x = x.clone();
                    x.remove("service_id");
                    x.remove("service_at_location_id");
                    Value::Object(x)
                })
                .collect();
            sal.insert("schedules".into(), json!(sal_schedules));
            sal.insert("attributes".into(), json!(attrs_of(&sal_id)));
            nested_sals.push(Value::Object(sal));
        }
        s.insert("service_at_locations".into(), json!(nested_sals));
        input.services.push(Value::Object(s));
    }
    for table in [
        "contacts.csv",
        "funding.csv",
        "programs.csv",
        "required_documents.csv",
        "service_areas.csv",
        "metadata.csv",
        "organization_identifiers.csv",
        "meta_table_descriptions.csv",
    ] {
        let rows = read_csv(dir, table)?;
        if !rows.is_empty() {
            *input
                .not_modelled
                .entry(format!("{table} (rows)"))
                .or_default() += rows.len();
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- HSDS → Omzien

/// An HSDS id as an Omzien id: a–z, 0–9 and '-' (a UUID stays as it is, in lower case).
pub fn omzien_id(hsds: &str) -> String {
    let mut id: String = hsds
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    id.trim_matches('-').to_owned()
}

/// Text, or a number written as text (the tabular package and some JSON).
fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A phone number as people write it: the spec's own example quotes it
/// (`"\"+44 1234 234567\""`).
fn clean_phone(number: &str) -> String {
    number
        .trim()
        .trim_matches(|c| c == '"' || c == '\'')
        .trim()
        .to_owned()
}

/// Counts the fields of `obj` that are not in `used` and not empty.
fn leftovers(obj: &Value, used: &[&str], prefix: &str, report: &mut BTreeMap<String, usize>) {
    let Some(m) = obj.as_object() else { return };
    for (k, v) in m {
        let empty = match v {
            Value::Null => true,
            Value::String(s) => s.trim().is_empty(),
            Value::Array(a) => a.is_empty(),
            Value::Object(o) => o.is_empty(),
            _ => false,
        };
        if !empty && !used.contains(&k.as_str()) {
            *report.entry(format!("{prefix}.{k}")).or_default() += 1;
        }
    }
}

fn array<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The Omzien terms on a record: (code, value), from a term's code in the Omzien
/// taxonomy or from its id.
fn omzien_terms(
    v: &Value,
    by_id: &HashMap<String, String>,
    report: &mut BTreeMap<String, usize>,
    prefix: &str,
) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    for a in array(v, "attributes") {
        let term = a.get("taxonomy_term");
        let ours_by_code = term.and_then(|t| {
            let taxonomy = text(t.get("taxonomy"))
                .or_else(|| text(t.get("taxonomy_detail").and_then(|d| d.get("name"))));
            (taxonomy.as_deref() == Some(TAXONOMY_NAME))
                .then(|| text(t.get("code")))
                .flatten()
        });
        let term_id =
            text(a.get("taxonomy_term_id")).or_else(|| term.and_then(|t| text(t.get("id"))));
        let code = ours_by_code.or_else(|| term_id.and_then(|id| by_id.get(&id).cloned()));
        match code {
            Some(code) => out.push((code, text(a.get("value")))),
            None => {
                *report
                    .entry(format!("{prefix}.attributes (other taxonomies)"))
                    .or_default() += 1
            }
        }
    }
    out
}

struct Convert<'a> {
    source: &'a str,
    wijken: &'a HashSet<String>,
    term_by_id: HashMap<String, String>,
    report: BTreeMap<String, usize>,
    rejected: Vec<Rejected>,
}

fn label(kind: &str, v: &Value) -> String {
    format!(
        "{kind} {} ({})",
        text(v.get("id")).unwrap_or_else(|| "without id".to_owned()),
        text(v.get("name")).unwrap_or_else(|| "without name".to_owned())
    )
}

impl Convert<'_> {
    fn reject(&mut self, record: &str, reason: impl Into<String>) {
        self.rejected.push(Rejected {
            record: record.to_owned(),
            reason: reason.into(),
        });
    }

    fn organisation(&mut self, v: &Value) -> Option<Organisation> {
        let record = label("organization", v);
        let id = text(v.get("id"))
            .map(|i| omzien_id(&i))
            .filter(|i| !i.is_empty());
        let name = text(v.get("name"));
        let (Some(id), Some(name)) = (id, name) else {
            self.reject(&record, "an organization needs an id and a name");
            return None;
        };
        leftovers(
            v,
            &[
                "id",
                "name",
                "description",
                "email",
                "website",
                "phones",
                "attributes",
            ],
            "organization",
            &mut self.report,
        );
        let phones = array(v, "phones");
        if phones.len() > 1 {
            *self
                .report
                .entry("organization.phones (beyond the first)".into())
                .or_default() += phones.len() - 1;
        }
        for p in phones {
            leftovers(
                p,
                &["id", "number"],
                "organization.phones[]",
                &mut self.report,
            );
        }
        let mut network_role = None;
        for (code, _) in omzien_terms(
            v,
            &self.term_by_id.clone(),
            &mut self.report,
            "organization",
        ) {
            if let Some(slug) = code.strip_prefix("network/") {
                network_role = NetworkRole::ALL
                    .into_iter()
                    .find(|r| crate::hsds::network_slug(*r) == slug);
            }
        }
        Some(Organisation {
            id,
            name,
            description: text(v.get("description")).unwrap_or_default(),
            contact: Contact {
                phone: phones
                    .first()
                    .and_then(|p| text(p.get("number")))
                    .map(|n| clean_phone(&n)),
                email: text(v.get("email")),
                website: text(v.get("website")),
                source: None,
            },
            network_role,
            source: format!("HSDS: {}", self.source),
        })
    }

    fn date(&mut self, record: &str, field: &str, v: Option<&Value>) -> Option<Date> {
        let t = text(v)?;
        let day: String = t.chars().take(10).collect();
        match Date::try_from(day) {
            Ok(d) => Some(d),
            Err(_) => {
                self.reject(
                    record,
                    format!("{field} `{t}` is not a date like 2026-12-01"),
                );
                None
            }
        }
    }

    fn time(&mut self, record: &str, field: &str, v: Option<&Value>) -> Option<TimeOfDay> {
        let t = text(v)?;
        let hhmm: String = t.chars().take(5).collect();
        match TimeOfDay::try_from(hhmm) {
            Ok(x) => Some(x),
            Err(_) => {
                self.reject(record, format!("{field} `{t}` is not a time like 09:30"));
                None
            }
        }
    }

    /// One HSDS schedule as Omzien's parts.
    fn schedule(&mut self, record: &str, s: &Value) -> Schedule {
        let codes = omzien_terms(s, &self.term_by_id.clone(), &mut self.report, "schedule");
        let kept = codes
            .iter()
            .find(|(c, _)| c == "freq")
            .and_then(|(_, v)| v.clone());
        let mut freq = match text(s.get("freq")).map(|f| f.to_uppercase()).as_deref() {
            None => None,
            Some("WEEKLY") => Some(Freq::Weekly),
            Some("MONTHLY") => Some(Freq::Monthly),
            // Not in HSDS 3.0, but in RFC 5545 and some sources.
            Some("DAILY") => Some(Freq::Daily),
            Some("YEARLY") => Some(Freq::Yearly),
            Some(other) => {
                self.reject(record, format!("freq `{other}` is not WEEKLY or MONTHLY"));
                None
            }
        };
        match kept.as_deref() {
            Some("DAILY") => freq = Some(Freq::Daily),
            Some("YEARLY") => freq = Some(Freq::Yearly),
            _ => {}
        }
        let mut by_day = Vec::new();
        for part in text(s.get("byday"))
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            match ByDay::try_from(part.to_uppercase()) {
                Ok(b) => by_day.push(b),
                Err(e) => self.reject(record, e),
            }
        }
        // Our daily rule goes out as WEEKLY on all seven days.
        if freq == Some(Freq::Daily)
            && by_day.len() == 7
            && by_day.iter().all(|b| b.ordinal.is_none())
        {
            let days: HashSet<Weekday> = by_day.iter().map(|b| b.day).collect();
            if days.len() == 7 {
                by_day.clear();
            }
        }
        let interval = match s.get("interval").and_then(|i| text(Some(i))) {
            None => None,
            Some(t) => match t.parse::<f64>() {
                Ok(n) if n >= 1.0 && n.fract() == 0.0 && n < 1000.0 => {
                    Some(n as u32).filter(|n| *n > 1)
                }
                _ => {
                    self.reject(
                        record,
                        format!("interval `{t}` is not a whole number from 1"),
                    );
                    None
                }
            },
        };
        let dtstart = self.date(record, "dtstart", s.get("dtstart"));
        let until = self.date(record, "until", s.get("until"));
        let start_time = self.time(record, "opens_at", s.get("opens_at"));
        let end_time = self.time(record, "closes_at", s.get("closes_at"));
        let mut schedule = Schedule {
            freq,
            interval,
            by_day,
            dtstart,
            until,
            start_time,
            end_time,
            note: text(s.get("notes")),
        };
        let structured =
            schedule.freq.is_some() || schedule.dtstart.is_some() || schedule.start_time.is_some();
        let description = text(s.get("description"));
        let mut used = vec![
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "freq",
            "byday",
            "interval",
            "dtstart",
            "until",
            "opens_at",
            "closes_at",
            "notes",
            "attributes",
        ];
        match (&description, structured, &schedule.note) {
            (Some(d), false, None) => {
                schedule.note = Some(d.clone());
                used.push("description");
            }
            // Our own export's words for the parts.
            (Some(d), _, _) if *d == schedule.describe_nl() => used.push("description"),
            _ => {}
        }
        // valid_from/valid_to that only repeat dtstart/until say nothing more.
        let same = |field: &str, date: Option<Date>| {
            text(s.get(field)).is_none_or(|t| date.is_some_and(|d| t.starts_with(&String::from(d))))
        };
        if same("valid_from", schedule.dtstart) {
            used.push("valid_from");
        }
        if same("valid_to", schedule.until)
            || (schedule.freq.is_none() && same("valid_to", schedule.dtstart))
        {
            used.push("valid_to");
        }
        leftovers(s, &used, "schedule", &mut self.report);
        schedule
    }

    fn location(&mut self, sal: &Value) -> Option<(Location, Option<String>)> {
        let loc = sal.get("location")?;
        leftovers(
            sal,
            &[
                "id",
                "service_id",
                "location_id",
                "location",
                "schedules",
                "attributes",
            ],
            "service_at_location",
            &mut self.report,
        );
        leftovers(
            loc,
            &["id", "location_type", "name", "addresses", "accessibility"],
            "location",
            &mut self.report,
        );
        let addresses = array(loc, "addresses");
        if addresses.len() > 1 {
            *self
                .report
                .entry("location.addresses (beyond the first)".into())
                .or_default() += addresses.len() - 1;
        }
        let address = addresses.first();
        if let Some(a) = address {
            // Omzien keeps no province or country; an empty one (ours) is no loss.
            leftovers(
                a,
                &[
                    "id",
                    "address_1",
                    "city",
                    "postal_code",
                    "address_type",
                    "country",
                    "state_province",
                ],
                "address",
                &mut self.report,
            );
            if text(a.get("state_province")).is_some() {
                *self
                    .report
                    .entry("address.state_province".into())
                    .or_default() += 1;
            }
            if text(a.get("country")).is_some_and(|c| !c.eq_ignore_ascii_case("NL")) {
                *self
                    .report
                    .entry("address.country (not NL)".into())
                    .or_default() += 1;
            }
        }
        let access = array(loc, "accessibility");
        for x in access {
            leftovers(
                x,
                &["id", "description"],
                "location.accessibility[]",
                &mut self.report,
            );
        }
        let name = text(loc.get("name"))
            .or_else(|| address.and_then(|a| text(a.get("address_1"))))
            .unwrap_or_else(|| "Locatie".to_owned());
        Some((
            Location {
                name,
                address: address.and_then(|a| text(a.get("address_1"))),
                postal_code: address.and_then(|a| text(a.get("postal_code"))),
                city: address
                    .and_then(|a| text(a.get("city")))
                    .unwrap_or_else(|| "Hilversum".to_owned()),
            },
            access.first().and_then(|x| text(x.get("description"))),
        ))
    }

    fn activity(&mut self, v: &Value) -> Option<Activity> {
        let record = label("service", v);
        let errors_before = self.rejected.len();
        let id = text(v.get("id"))
            .map(|i| omzien_id(&i))
            .filter(|i| !i.is_empty());
        let Some(id) = id else {
            self.reject(&record, "a service needs an id");
            return None;
        };
        let Some(name) = text(v.get("name")) else {
            self.reject(&record, "a service needs a name");
            return None;
        };
        if let Some(status) = text(v.get("status")).filter(|s| s != "active") {
            self.reject(
                &record,
                format!("status `{status}`: only active services are imported"),
            );
        }
        let organisation_id = text(v.get("organization_id"))
            .or_else(|| v.get("organization").and_then(|o| text(o.get("id"))))
            .map(|o| omzien_id(&o));
        let Some(organisation_id) = organisation_id else {
            self.reject(
                &record,
                "a service needs its organization (organization_id)",
            );
            return None;
        };
        leftovers(
            v,
            &[
                "id",
                "organization_id",
                "name",
                "description",
                "url",
                "email",
                "status",
                "application_process",
                "fees_description",
                "last_modified",
                "phones",
                "schedules",
                "service_at_locations",
                "languages",
                "organization",
                "cost_options",
                "attributes",
            ],
            "service",
            &mut self.report,
        );

        let mut a = Activity {
            id,
            name: name.clone(),
            summary: String::new(),
            description: text(v.get("description")).unwrap_or_default(),
            kind: ActivityKind::Support,
            organisation_id,
            loneliness_types: Vec::new(),
            target_groups: Vec::new(),
            wijk: None,
            location: None,
            schedule: Schedule::default(),
            sessions: Vec::new(),
            free: None,
            cost_note: text(v.get("fees_description")),
            capacity: None,
            sign_up_required: None,
            sign_up_in_app: false,
            sign_up_contact: Default::default(),
            how_to_join: text(v.get("application_process")),
            accessibility: None,
            languages: Vec::new(),
            contact: Contact {
                phone: None,
                email: text(v.get("email")),
                website: text(v.get("url")),
                source: None,
            },
            example: false,
            audience: Audience::Residents,
            general: false,
            source: format!("HSDS: {}", self.source),
            revision: 0,
            updated_on: None,
        };

        let mut kind_given = false;
        let mut summary = None;
        for (code, value) in omzien_terms(v, &self.term_by_id.clone(), &mut self.report, "service")
        {
            let (group, slug) = code.split_once('/').unwrap_or((code.as_str(), ""));
            match group {
                "kind" => match ActivityKind::from_slug(slug) {
                    Some(k) => {
                        a.kind = k;
                        kind_given = true;
                    }
                    None => self.reject(&record, format!("kind `{slug}` is not an Omzien kind")),
                },
                "loneliness" => a.loneliness_types.extend(LonelinessType::from_slug(slug)),
                "target" => a.target_groups.extend(TargetGroup::from_slug(slug)),
                "wijk" if self.wijken.contains(slug) => a.wijk = Some(slug.to_owned()),
                "wijk" => self.reject(
                    &record,
                    format!("wijk `{slug}` is not a wijk of Hilversum in Omzien"),
                ),
                "audience" => {
                    a.audience = match slug {
                        "professionals" => Audience::Professionals,
                        "both" => Audience::Both,
                        _ => Audience::Residents,
                    }
                }
                "summary" => summary = value,
                "general" => a.general = true,
                "capacity" => match value.as_deref().map(str::parse::<u32>) {
                    Some(Ok(n)) => a.capacity = Some(n),
                    _ => self.reject(
                        &record,
                        format!("capacity `{}` is not a number", value.unwrap_or_default()),
                    ),
                },
                "sign-up-required" => a.sign_up_required = value.as_deref().map(|x| x == "true"),
                _ => {}
            }
        }
        if !kind_given {
            *self
                .report
                .entry("service: no Omzien kind (set to `support` for an editor to check)".into())
                .or_default() += 1;
        }
        match summary {
            Some(s) => {
                a.summary = s;
                if a.description == a.summary {
                    a.description.clear();
                }
            }
            None => a.summary = first_paragraph(&a.description).unwrap_or_else(|| name.clone()),
        }

        let phones = array(v, "phones");
        a.contact.phone = phones
            .first()
            .and_then(|p| text(p.get("number")))
            .map(|n| clean_phone(&n));
        if phones.len() > 1 {
            *self
                .report
                .entry("service.phones (beyond the first)".into())
                .or_default() += phones.len() - 1;
        }
        for p in phones {
            leftovers(p, &["id", "number"], "service.phones[]", &mut self.report);
        }
        for l in array(v, "languages") {
            leftovers(
                l,
                &["id", "code", "name"],
                "service.languages[]",
                &mut self.report,
            );
            if let Some(code) = text(l.get("code")).or_else(|| text(l.get("name"))) {
                a.languages.push(code);
            }
        }
        let costs = array(v, "cost_options");
        if !costs.is_empty() {
            let amounts: Vec<Option<f64>> = costs
                .iter()
                .map(|c| text(c.get("amount")).and_then(|t| t.parse::<f64>().ok()))
                .collect();
            a.free = Some(amounts.iter().all(|x| *x == Some(0.0)));
            for c in costs {
                let ours = matches!(
                    text(c.get("option")).as_deref(),
                    Some("Gratis" | "Niet gratis")
                );
                let used: &[&str] = if ours {
                    &["id", "option", "amount", "currency"]
                } else {
                    &["id", "amount", "currency"]
                };
                leftovers(c, used, "service.cost_options[]", &mut self.report);
            }
        }

        // Places: the first that is not only for sessions is the activity's own.
        let mut sal_places: HashMap<String, Location> = HashMap::new();
        let mut schedules: Vec<(Value, Option<Location>)> = array(v, "schedules")
            .iter()
            .map(|s| (s.clone(), None))
            .collect();
        for sal in array(v, "service_at_locations") {
            let session_only = omzien_terms(
                sal,
                &self.term_by_id.clone(),
                &mut BTreeMap::new(),
                "service_at_location",
            )
            .iter()
            .any(|(c, _)| c == "session");
            let Some((place, access)) = self.location(sal) else {
                continue;
            };
            if let Some(sal_id) = text(sal.get("id")) {
                sal_places.insert(sal_id, place.clone());
            }
            if !session_only && a.location.is_none() {
                a.location = Some(place.clone());
                a.accessibility = access;
                schedules.extend(array(sal, "schedules").iter().map(|s| (s.clone(), None)));
            } else {
                if !session_only {
                    *self.report.entry("service_at_locations beyond the first (Omzien keeps one place per activity)".into()).or_default() += 1;
                }
                schedules.extend(
                    array(sal, "schedules")
                        .iter()
                        .map(|s| (s.clone(), Some(place.clone()))),
                );
            }
        }
        // The same schedule may be given on the service and on its place.
        let mut seen = HashSet::new();
        schedules.retain(|(s, _)| text(s.get("id")).is_none_or(|id| seen.insert(id)));
        let mut main_taken = false;
        for (s, place) in schedules {
            let is_session = omzien_terms(
                &s,
                &self.term_by_id.clone(),
                &mut BTreeMap::new(),
                "schedule",
            )
            .iter()
            .any(|(c, _)| c == "session");
            let parsed = self.schedule(&record, &s);
            let place = place.or_else(|| {
                text(s.get("service_at_location_id")).and_then(|id| sal_places.get(&id).cloned())
            });
            let one_date =
                parsed.freq.is_none() && parsed.dtstart.is_some() && parsed.note.is_none();
            if is_session || (main_taken && one_date) {
                if let Some(date) = parsed.dtstart {
                    a.sessions.push(Session {
                        date,
                        start_time: parsed.start_time,
                        end_time: parsed.end_time,
                        location: place.filter(|p| Some(p) != a.location.as_ref()),
                        example: false,
                    });
                }
            } else if !main_taken {
                a.schedule = parsed;
                main_taken = true;
            } else {
                *self
                    .report
                    .entry(
                        "schedules beyond the first rule (Omzien keeps one rule per activity)"
                            .into(),
                    )
                    .or_default() += 1;
            }
        }
        let nested = v.get("organization").and_then(|o| text(o.get("id")));
        if nested.is_some_and(|o| omzien_id(&o) != a.organisation_id) {
            self.reject(&record, "organization and organization_id differ");
        }
        (self.rejected.len() == errors_before).then_some(a)
    }
}

/// The first paragraph, cut at a word before 200 characters: a list's short text.
fn first_paragraph(text: &str) -> Option<String> {
    let first = text.split("\n\n").map(str::trim).find(|p| !p.is_empty())?;
    if first.chars().count() <= 200 {
        return Some(first.to_owned());
    }
    let cut: String = first.chars().take(200).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{cut}…"))
}

/// What the input becomes, or every reason it cannot.
pub struct Converted {
    pub organisations: Vec<Organisation>,
    pub activities: Vec<Activity>,
    pub not_modelled: BTreeMap<String, usize>,
}

/// Converts and checks everything; `known_orgs` and `wijken` are what Omzien holds.
pub fn convert(
    input: &HsdsInput,
    source: &str,
    known_orgs: &HashSet<String>,
    wijken: &HashSet<String>,
) -> Result<Converted, Vec<Rejected>> {
    let wijk_list: Vec<omzien_core::Wijk> = Vec::new();
    let mut term_by_id: HashMap<String, String> = terms(&wijk_list)
        .into_iter()
        .map(|t| (t.id(), t.code))
        .collect();
    for w in wijken {
        term_by_id.insert(term_id(&format!("wijk/{w}")), format!("wijk/{w}"));
    }
    let mut c = Convert {
        source,
        wijken,
        term_by_id,
        report: input.not_modelled.clone(),
        rejected: Vec::new(),
    };
    // The same record may come twice (a list and the full answer): the fuller wins.
    fn dedup(items: &[Value]) -> Vec<&Value> {
        let mut best: Vec<&Value> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        let size = |v: &Value| v.to_string().len();
        for v in items {
            let id = text(v.get("id")).map(|i| omzien_id(&i)).unwrap_or_default();
            match at.get(&id) {
                Some(&i) if !id.is_empty() => {
                    if size(v) > size(best[i]) {
                        best[i] = v;
                    }
                }
                _ => {
                    at.insert(id, best.len());
                    best.push(v);
                }
            }
        }
        best
    }
    let mut organisations: Vec<Organisation> = Vec::new();
    let mut org_values: Vec<&Value> = dedup(&input.organizations);
    // An organization only nested in its services comes in too.
    let nested: Vec<Value> = input
        .services
        .iter()
        .filter_map(|s| s.get("organization").cloned())
        .collect();
    for n in dedup(&nested) {
        let id = text(n.get("id")).map(|i| omzien_id(&i));
        if !org_values
            .iter()
            .any(|o| text(o.get("id")).map(|i| omzien_id(&i)) == id)
        {
            org_values.push(n);
        }
    }
    // Each organization once, from its fullest form; services never count it again.
    for o in &org_values {
        if let Some(org) = c.organisation(o) {
            organisations.push(org);
        }
    }
    let mut activities = Vec::new();
    for s in dedup(&input.services) {
        if let Some(a) = c.activity(s) {
            activities.push(a);
        }
    }
    let ours: HashSet<&str> = organisations.iter().map(|o| o.id.as_str()).collect();
    for a in &activities {
        if !ours.contains(a.organisation_id.as_str()) && !known_orgs.contains(&a.organisation_id) {
            c.reject(
                &format!("service {} ({})", a.id, a.name),
                format!(
                    "organization `{}` is neither in this import nor in Omzien",
                    a.organisation_id
                ),
            );
        }
    }
    if c.rejected.is_empty() {
        Ok(Converted {
            organisations,
            activities,
            not_modelled: c.report,
        })
    } else {
        Err(c.rejected)
    }
}

// ---------------------------------------------------------------- writing

/// Converts, checks against the stored catalogue and writes, all in one transaction.
pub async fn import(
    pool: &AnyPool,
    input: &HsdsInput,
    options: &ImportOptions,
) -> Result<HsdsReport, HsdsImportError> {
    let mut tx = pool.begin().await?;
    let known_orgs: HashSet<String> = sqlx::query_scalar(
        "SELECT id FROM catalogue_records WHERE kind = 'organisation' AND deleted = FALSE",
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    let wijken: HashSet<String> = sqlx::query_scalar(
        "SELECT id FROM catalogue_records WHERE kind = 'wijk' AND deleted = FALSE",
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();
    let converted =
        convert(input, &options.source, &known_orgs, &wijken).map_err(HsdsImportError::Rejected)?;

    // Records of our own data/ are not replaced by another source.
    let mut rejected = Vec::new();
    let mut records: Vec<(RecordKind, &str, String, String)> = Vec::new();
    for o in &converted.organisations {
        records.push((
            RecordKind::Organisation,
            &o.id,
            serde_json::to_string(o)?,
            o.name.clone(),
        ));
    }
    for a in &converted.activities {
        records.push((
            RecordKind::Activity,
            &a.id,
            serde_json::to_string(a)?,
            a.name.clone(),
        ));
    }
    type Current = (Option<String>, Flag, Flag, Option<String>);
    let mut current: Vec<Option<Current>> = Vec::new();
    for (kind, id, _, name) in &records {
        let row: Option<Current> = sqlx::query_as(
            "SELECT body, deleted, staff_edited, import_source FROM catalogue_records WHERE kind = $1 AND id = $2",
        )
        .bind(kind.as_str())
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((_, _, Flag(false), None)) = &row {
            rejected.push(Rejected {
                record: format!("{} {id} ({name})", kind.as_str()),
                reason: "this id is already one of Omzien's own records (data/)".to_owned(),
            });
        }
        current.push(row);
    }
    if !rejected.is_empty() {
        return Err(HsdsImportError::Rejected(rejected));
    }

    let source = format!("hsds:{}", options.source);
    let today = today_in_hilversum();
    let mut report = HsdsReport {
        not_modelled: converted.not_modelled,
        ..HsdsReport::default()
    };
    for ((kind, id, body, _), now) in records.iter().zip(current) {
        match &now {
            Some((_, _, Flag(true), _)) => {
                report
                    .kept
                    .push((kind.as_str().to_owned(), (*id).to_owned()));
                continue;
            }
            Some((Some(old), Flag(false), _, _)) if old == body => {
                report.unchanged += 1;
                continue;
            }
            _ => {}
        }
        let created = now.is_none();
        let version = next_version(&mut tx).await?;
        sqlx::query(
            "INSERT INTO catalogue_records (kind, id, body, version, deleted, published, updated_on, import_source) \
             VALUES ($1, $2, $3, $4, FALSE, $5, $6, $7) \
             ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body, version = excluded.version, \
             deleted = FALSE, updated_on = excluded.updated_on, import_source = excluded.import_source",
        )
        .bind(kind.as_str())
        .bind(id)
        .bind(body)
        .bind(version)
        .bind(options.publish)
        .bind(&today)
        .bind(&source)
        .execute(&mut *tx)
        .await?;
        if created {
            report.created += 1;
            if !options.publish {
                // The editors' queue lists what waits by its "create" in the history.
                sqlx::query(
                    "INSERT INTO catalogue_history (kind, record_id, revision, action, body, previous, user_id, mutation_id) \
                     VALUES ($1, $2, 0, 'create', $3, NULL, NULL, NULL)",
                )
                .bind(kind.as_str())
                .bind(id)
                .bind(body)
                .execute(&mut *tx)
                .await?;
            }
        } else {
            report.updated += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}
