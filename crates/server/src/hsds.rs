//! The catalogue as Open Referral HSDS 3.0 (docs/interop.md has the field-by-field
//! mapping and what is lost each way).
//!
//! Only what residents see goes out: published records that are not withdrawn, the
//! rule of the catalogue pull. The HSDS answers are made from a [`Snapshot`] of those
//! records, kept in memory until the catalogue's version counter moves, so a page of 50
//! services out of 10,000 costs a filter over memory and 50 small serialisations
//! (docs/benchmarks.md), not a scan of the table with a JSON parse per row.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use omzien_core::model::{
    Activity, ActivityKind, Audience, Contact, Location, LonelinessType, NetworkRole, Organisation,
    TargetGroup, Wijk,
};
use omzien_core::schedule::{Date, Freq, Schedule, TimeOfDay, Weekday};
use omzien_core::Session;
use serde_json::{json, Map, Value};
use sqlx::AnyPool;
use uuid::Uuid;

/// Our own namespace for the UUIDs (v5) of records whose Omzien id is no UUID. Made
/// once, at random; it must never change, or every HSDS id changes with it.
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_2f6e_8a4b_4c3d_9e7f_0a1b_2c3d_4e5f);

pub const HSDS_VERSION: &str = "3.0";
pub const OPENAPI_URL: &str =
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json";

/// A stable UUID for a thing that has none of its own.
pub fn uuid_for(name: &str) -> String {
    Uuid::new_v5(&NAMESPACE, name.as_bytes()).to_string()
}

/// The HSDS id of a record: its own id when that is already a UUID (it came from HSDS),
/// else a UUID made from its kind and Omzien id, the same every time.
pub fn hsds_id(kind: &str, id: &str) -> String {
    match Uuid::try_parse(id) {
        Ok(uuid) if id.len() == 36 => uuid.to_string(),
        _ => uuid_for(&format!("{kind}:{id}")),
    }
}

// ---------------------------------------------------------------- the taxonomy

pub const TAXONOMY_NAME: &str = "Omzien";

pub fn taxonomy_id() -> String {
    uuid_for("taxonomy:omzien")
}

/// One term of the Omzien taxonomy. `code` is what docs/interop.md lists: a group
/// (`kind`) and its members (`kind/walking`).
#[derive(Clone, Debug)]
pub struct Term {
    pub code: String,
    pub name: String,
    pub description: String,
}

impl Term {
    fn new(
        code: impl Into<String>,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Term {
            code: code.into(),
            name: name.into(),
            description: description.into(),
        }
    }

    pub fn id(&self) -> String {
        term_id(&self.code)
    }

    fn parent(&self) -> Option<&str> {
        self.code.split_once('/').map(|(group, _)| group)
    }

    pub fn to_json(&self) -> Value {
        let mut term = json!({
            "id": self.id(),
            "code": self.code,
            "name": self.name,
            "description": self.description,
            "taxonomy": TAXONOMY_NAME,
            "taxonomy_id": taxonomy_id(),
            "language": "nld",
        });
        if let Some(parent) = self.parent() {
            term["parent_id"] = json!(term_id(parent));
        }
        term
    }
}

pub fn term_id(code: &str) -> String {
    uuid_for(&format!("term:{code}"))
}

pub fn loneliness_name(t: LonelinessType) -> &'static str {
    match t {
        LonelinessType::Social => "Sociale eenzaamheid: te weinig mensen om je heen",
        LonelinessType::Emotional => "Emotionele eenzaamheid: een hechte band missen",
        LonelinessType::Existential => "Existentiële eenzaamheid: je los voelen van het leven",
    }
}

pub fn target_name(t: TargetGroup) -> &'static str {
    match t {
        TargetGroup::Everyone => "Iedereen",
        TargetGroup::Children => "Kinderen",
        TargetGroup::Youth => "Jongeren",
        TargetGroup::Seniors => "Ouderen",
        TargetGroup::Newcomers => "Nieuwkomers",
        TargetGroup::Carers => "Mantelzorgers",
    }
}

fn audience_slug(a: Audience) -> &'static str {
    match a {
        Audience::Residents => "residents",
        Audience::Professionals => "professionals",
        Audience::Both => "both",
    }
}

pub fn network_slug(r: NetworkRole) -> &'static str {
    match r {
        NetworkRole::Kartrekker => "kartrekker",
        NetworkRole::Kerngroep => "kerngroep",
        NetworkRole::Schilpartner => "schilpartner",
        NetworkRole::Signalerend => "signalerend",
    }
}

/// Every term, groups first; the wijken come from the catalogue.
pub fn terms(wijken: &[Wijk]) -> Vec<Term> {
    let mut t = vec![
        Term::new("kind", "Soort activiteit", "Wat voor activiteit het is."),
        Term::new("loneliness", "Soort eenzaamheid", "Tegen welke soort eenzaamheid het helpt (de drie soorten uit de agenda)."),
        Term::new("target", "Doelgroep", "Voor wie het is."),
        Term::new("wijk", "Wijk", "De wijk waar het is of die het bedient; zonder wijk: heel Hilversum."),
        Term::new("audience", "Publiek", "Voor inwoners, voor professionals en vrijwilligers die eenzaamheid opmerken, of voor allebei."),
        Term::new("network", "Rol in het netwerk", "De plek van een organisatie in de lokale coalitie tegen eenzaamheid."),
        Term::new("summary", "Samenvatting", "De korte tekst in de lijst; de waarde is de tekst."),
        Term::new("general", "Algemeen aanbod", "Het hele aanbod van een organisatie, geen losse activiteit."),
        Term::new("capacity", "Aantal plaatsen", "Hoeveel mensen mee kunnen doen; de waarde is het getal."),
        Term::new("sign-up-required", "Aanmelden nodig", "Of je je vooraf moet aanmelden; de waarde is true of false."),
        Term::new("session", "Losse datum", "Dit rooster is één aangekondigde datum, geen vast rooster."),
        Term::new("freq", "Herhaling", "Een herhaling die HSDS 3.0 niet kent (DAILY, YEARLY); de waarde is de FREQ uit RFC 5545."),
    ];
    for k in ActivityKind::ALL {
        t.push(Term::new(
            format!("kind/{}", k.slug()),
            k.label(),
            k.label(),
        ));
    }
    for l in LonelinessType::ALL {
        t.push(Term::new(
            format!("loneliness/{}", l.slug()),
            loneliness_name(l),
            loneliness_name(l),
        ));
    }
    for g in TargetGroup::ALL {
        t.push(Term::new(
            format!("target/{}", g.slug()),
            target_name(g),
            target_name(g),
        ));
    }
    for w in wijken {
        t.push(Term::new(
            format!("wijk/{}", w.id),
            w.name.clone(),
            format!("Wijk {}", w.name),
        ));
    }
    for (a, name) in [
        (Audience::Residents, "Inwoners"),
        (Audience::Professionals, "Professionals en vrijwilligers"),
        (Audience::Both, "Inwoners en professionals"),
    ] {
        t.push(Term::new(
            format!("audience/{}", audience_slug(a)),
            name,
            name,
        ));
    }
    for (r, name) in [
        (NetworkRole::Kartrekker, "Kartrekker"),
        (NetworkRole::Kerngroep, "Kerngroep"),
        (NetworkRole::Schilpartner, "Schilpartner"),
        (NetworkRole::Signalerend, "Signalerende partner"),
    ] {
        t.push(Term::new(
            format!("network/{}", network_slug(r)),
            name,
            name,
        ));
    }
    t
}

pub fn taxonomy_json() -> Value {
    json!({
        "id": taxonomy_id(),
        "name": TAXONOMY_NAME,
        "description": "Omzien's own terms for Hilversum's offer against loneliness: kind of activity, kind of loneliness, target group, wijk, audience and a few values HSDS 3.0 has no field for. Listed in docs/interop.md.",
        "version": "1",
    })
}

// ---------------------------------------------------------------- the snapshot

pub struct OrgEntry {
    pub org: Organisation,
    pub hsds_id: String,
    pub modified: String,
    /// Lower-case name and description, for `search`.
    search: String,
}

pub struct ServiceEntry {
    pub activity: Activity,
    pub hsds_id: String,
    pub org: Option<usize>,
    pub modified: String,
    /// Lower-case name, texts and organisation, for `search`.
    search: String,
    /// The ids of its terms and their groups, for `taxonomy_term_id`.
    term_ids: Vec<String>,
}

/// What residents see, ready to answer HSDS requests from.
pub struct Snapshot {
    pub cursor: i64,
    pub organisations: Vec<OrgEntry>,
    pub services: Vec<ServiceEntry>,
    pub wijken: Vec<Wijk>,
    pub terms: Vec<Term>,
    service_index: HashMap<String, usize>,
    org_index: HashMap<String, usize>,
}

/// The last snapshot, made again when the catalogue's version counter moved.
#[derive(Default)]
pub struct Cache(Mutex<Option<Arc<Snapshot>>>);

type Row = (String, String, String, Option<String>, Option<String>);

impl Cache {
    pub async fn get(&self, pool: &AnyPool) -> Result<Arc<Snapshot>, SnapshotError> {
        let cursor: i64 = sqlx::query_scalar("SELECT last_version FROM sync_counter WHERE id = 1")
            .fetch_one(pool)
            .await?;
        if let Some(snapshot) = self.0.lock().map_err(|_| SnapshotError::Poisoned)?.clone() {
            if snapshot.cursor == cursor {
                return Ok(snapshot);
            }
        }
        let snapshot = Arc::new(Snapshot::load(pool).await?);
        *self.0.lock().map_err(|_| SnapshotError::Poisoned)? = Some(snapshot.clone());
        Ok(snapshot)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored record is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
    #[error("the open-data cache was poisoned by a panic")]
    Poisoned,
}

impl Snapshot {
    pub async fn load(pool: &AnyPool) -> Result<Snapshot, SnapshotError> {
        let mut tx = pool.begin().await?;
        let cursor: i64 = sqlx::query_scalar("SELECT last_version FROM sync_counter WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT kind, id, body, updated_on, modified_at FROM catalogue_records \
             WHERE deleted = FALSE AND published = TRUE AND body IS NOT NULL \
             AND kind IN ('organisation', 'activity', 'wijk')",
        )
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;

        let mut organisations = Vec::new();
        let mut activities = Vec::new();
        let mut wijken: Vec<Wijk> = Vec::new();
        for (kind, id, body, updated_on, modified) in rows {
            let modified = modified.unwrap_or_else(|| "1970-01-01T00:00:00.000Z".to_owned());
            match kind.as_str() {
                "organisation" => {
                    let org: Organisation = serde_json::from_str(&body)?;
                    organisations.push(OrgEntry {
                        search: format!("{} {}", org.name, org.description).to_lowercase(),
                        org,
                        hsds_id: hsds_id("organization", &id),
                        modified,
                    })
                }
                "activity" => {
                    let mut a: Activity = serde_json::from_str(&body)?;
                    a.updated_on = updated_on.and_then(|d| Date::try_from(d).ok());
                    activities.push((a, modified));
                }
                _ => wijken.push(serde_json::from_str(&body)?),
            }
        }
        organisations.sort_by(|a, b| a.org.name.cmp(&b.org.name).then(a.org.id.cmp(&b.org.id)));
        wijken.sort_by(|a, b| a.id.cmp(&b.id));
        let mut org_index = HashMap::new();
        for (i, o) in organisations.iter().enumerate() {
            org_index.insert(o.org.id.clone(), i);
            org_index.insert(o.hsds_id.clone(), i);
        }
        activities.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.id.cmp(&b.0.id)));
        let services: Vec<ServiceEntry> = activities
            .into_iter()
            .map(|(a, modified)| {
                let org = org_index.get(&a.organisation_id).copied();
                let org_name = org.map_or("", |i| organisations[i].org.name.as_str());
                let search = format!("{} {} {} {}", a.name, a.summary, a.description, org_name)
                    .to_lowercase();
                let mut term_ids: Vec<String> = service_terms(&a)
                    .iter()
                    .flat_map(|(code, _)| {
                        let mut ids = vec![term_id(code)];
                        if let Some((group, _)) = code.split_once('/') {
                            ids.push(term_id(group));
                        }
                        ids
                    })
                    .collect();
                term_ids.sort();
                term_ids.dedup();
                ServiceEntry {
                    hsds_id: hsds_id("service", &a.id),
                    org,
                    modified,
                    search,
                    term_ids,
                    activity: a,
                }
            })
            .collect();
        let mut service_index = HashMap::new();
        for (i, s) in services.iter().enumerate() {
            service_index.insert(s.activity.id.clone(), i);
            service_index.insert(s.hsds_id.clone(), i);
        }
        let terms = terms(&wijken);
        Ok(Snapshot {
            cursor,
            organisations,
            services,
            wijken,
            terms,
            service_index,
            org_index,
        })
    }

    /// By HSDS id or Omzien id.
    pub fn service(&self, id: &str) -> Option<&ServiceEntry> {
        self.service_index.get(id).map(|&i| &self.services[i])
    }

    pub fn organisation(&self, id: &str) -> Option<&OrgEntry> {
        self.org_index.get(id).map(|&i| &self.organisations[i])
    }

    pub fn service_org(&self, s: &ServiceEntry) -> Option<&OrgEntry> {
        s.org.map(|i| &self.organisations[i])
    }

    /// The services that pass every filter given, in name order.
    pub fn find_services<'a>(&'a self, q: &'a Filters) -> impl Iterator<Item = &'a ServiceEntry> {
        let words = q.search_words();
        let org = q
            .organization_id
            .as_deref()
            .map(|id| self.org_index.get(id).copied());
        self.services.iter().filter(move |s| {
            words.iter().all(|w| s.search.contains(w.as_str()))
                && org.is_none_or(|o| o.is_some() && s.org == o)
                && q.taxonomy_term_id
                    .as_deref()
                    .is_none_or(|t| s.term_ids.binary_search_by(|x| x.as_str().cmp(t)).is_ok())
                && q.modified_after
                    .as_deref()
                    .is_none_or(|after| s.modified.as_str() >= after)
        })
    }

    /// The organisations that pass every filter given; a taxonomy term matches the
    /// network group or the organisation's own role in it.
    pub fn find_organisations<'a>(&'a self, q: &'a Filters) -> impl Iterator<Item = &'a OrgEntry> {
        let words = q.search_words();
        let network = term_id("network");
        self.organisations.iter().filter(move |o| {
            words.iter().all(|w| o.search.contains(w.as_str()))
                && q.organization_id
                    .as_deref()
                    .is_none_or(|id| id == o.hsds_id || id == o.org.id)
                && q.modified_after
                    .as_deref()
                    .is_none_or(|after| o.modified.as_str() >= after)
                && q.taxonomy_term_id.as_deref().is_none_or(|t| {
                    o.org.network_role.is_some_and(|r| {
                        t == network || t == term_id(&format!("network/{}", network_slug(r)))
                    })
                })
        })
    }

    /// A service at a location by its id, with the service it belongs to.
    pub fn service_at_location(&self, id: &str) -> Option<(&ServiceEntry, Sal)> {
        self.services.iter().find_map(|s| {
            service_at_locations(&s.activity, &s.hsds_id)
                .into_iter()
                .find(|sal| sal.id == id)
                .map(|sal| (s, sal))
        })
    }
}

/// The query parameters that narrow a list (`modified_after` already in our form,
/// `YYYY-MM-DDTHH:MM:SS.mmmZ`, see [`normalise_modified_after`]).
#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub search: Option<String>,
    pub organization_id: Option<String>,
    pub taxonomy_term_id: Option<String>,
    pub modified_after: Option<String>,
}

impl Filters {
    fn search_words(&self) -> Vec<String> {
        self.search
            .as_deref()
            .unwrap_or("")
            .to_lowercase()
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }
}

/// `modified_after` as the spec's datetime (RFC 3339, any offset) or a date, made into
/// the UTC form `modified_at` is stored in so strings compare as times.
pub fn normalise_modified_after(text: &str) -> Option<String> {
    use time::format_description::well_known::Rfc3339;
    let at = if let Ok(t) = time::OffsetDateTime::parse(text, &Rfc3339) {
        t
    } else {
        let date = Date::try_from(text.to_owned()).ok()?;
        let month = time::Month::try_from(date.month()).ok()?;
        time::Date::from_calendar_date(date.year(), month, date.day())
            .ok()?
            .midnight()
            .assume_utc()
    };
    Some(crate::db::stored_time(at))
}

// ---------------------------------------------------------------- Omzien → HSDS

/// The Omzien terms of an activity: (code, value).
fn service_terms(a: &Activity) -> Vec<(String, Option<String>)> {
    let mut t = vec![(format!("kind/{}", a.kind.slug()), None)];
    for l in &a.loneliness_types {
        t.push((format!("loneliness/{}", l.slug()), None));
    }
    for g in &a.target_groups {
        t.push((format!("target/{}", g.slug()), None));
    }
    if let Some(w) = &a.wijk {
        t.push((format!("wijk/{w}"), None));
    }
    t.push((format!("audience/{}", audience_slug(a.audience)), None));
    t.push(("summary".to_owned(), Some(a.summary.clone())));
    if a.general {
        t.push(("general".to_owned(), None));
    }
    if let Some(c) = a.capacity {
        t.push(("capacity".to_owned(), Some(c.to_string())));
    }
    if let Some(r) = a.sign_up_required {
        t.push(("sign-up-required".to_owned(), Some(r.to_string())));
    }
    t
}

fn attribute(
    snapshot_terms: &[Term],
    link_id: &str,
    entity: &str,
    code: &str,
    value: Option<String>,
) -> Value {
    let term = snapshot_terms
        .iter()
        .find(|t| t.code == code)
        .cloned()
        // A wijk no longer in the catalogue still says which it was.
        .unwrap_or_else(|| Term::new(code, code, code));
    let mut attr = json!({
        "id": uuid_for(&format!("attribute:{link_id}:{code}")),
        "link_id": link_id,
        "link_entity": entity,
        "taxonomy_term_id": term.id(),
        "taxonomy_term": term.to_json(),
    });
    if let Some(v) = value {
        attr["value"] = json!(v);
    }
    attr
}

fn put(map: &mut Map<String, Value>, key: &str, value: Option<&String>) {
    if let Some(v) = value.filter(|v| !v.trim().is_empty()) {
        map.insert(key.to_owned(), json!(v));
    }
}

fn phones(owner: &str, contact: &Contact) -> Value {
    json!(contact
        .phone
        .iter()
        .map(|n| json!({"id": uuid_for(&format!("phone:{owner}:{n}")), "number": n}))
        .collect::<Vec<_>>())
}

/// The list form of an organisation (`/organizations`, a service's `organization`).
pub fn organisation_list_json(o: &OrgEntry) -> Value {
    let mut m = Map::new();
    m.insert("id".into(), json!(o.hsds_id));
    m.insert("name".into(), json!(o.org.name));
    m.insert("description".into(), json!(o.org.description));
    put(&mut m, "email", o.org.contact.email.as_ref());
    put(&mut m, "website", o.org.contact.website.as_ref());
    Value::Object(m)
}

/// `/organizations/{id}`: with its phones and its role in the network.
pub fn organisation_full_json(snapshot: &Snapshot, o: &OrgEntry) -> Value {
    let mut v = organisation_list_json(o);
    v["phones"] = phones(&o.hsds_id, &o.org.contact);
    let attrs: Vec<Value> = o
        .org
        .network_role
        .iter()
        .map(|r| {
            attribute(
                &snapshot.terms,
                &o.hsds_id,
                "organization",
                &format!("network/{}", network_slug(*r)),
                None,
            )
        })
        .collect();
    v["attributes"] = json!(attrs);
    v
}

/// The list form of a service.
pub fn service_list_json(snapshot: &Snapshot, s: &ServiceEntry) -> Value {
    let a = &s.activity;
    let mut m = Map::new();
    m.insert("id".into(), json!(s.hsds_id));
    if let Some(o) = snapshot.service_org(s) {
        m.insert("organization_id".into(), json!(o.hsds_id));
    }
    m.insert("name".into(), json!(a.name));
    let description = if a.description.trim().is_empty() {
        &a.summary
    } else {
        &a.description
    };
    m.insert("description".into(), json!(description));
    put(&mut m, "url", a.contact.website.as_ref());
    put(&mut m, "email", a.contact.email.as_ref());
    m.insert("status".into(), json!("active"));
    put(&mut m, "application_process", a.how_to_join.as_ref());
    put(&mut m, "fees_description", a.cost_note.as_ref());
    m.insert("last_modified".into(), json!(s.modified));
    if let Some(o) = snapshot.service_org(s) {
        m.insert("organization".into(), organisation_list_json(o));
    }
    Value::Object(m)
}

/// `/services/{id}`: everything Omzien knows of the activity.
pub fn service_full_json(snapshot: &Snapshot, s: &ServiceEntry) -> Value {
    let a = &s.activity;
    let mut v = service_list_json(snapshot, s);
    v["phones"] = phones(&s.hsds_id, &a.contact);
    v["languages"] = json!(a
        .languages
        .iter()
        .map(
            |code| json!({"id": uuid_for(&format!("language:{}:{code}", s.hsds_id)), "code": code})
        )
        .collect::<Vec<_>>());
    v["cost_options"] = json!(match a.free {
        Some(true) => vec![
            json!({"id": uuid_for(&format!("cost:{}", s.hsds_id)), "option": "Gratis", "amount": 0, "currency": "EUR"})
        ],
        Some(false) => vec![
            json!({"id": uuid_for(&format!("cost:{}", s.hsds_id)), "option": "Niet gratis", "currency": "EUR"})
        ],
        None => vec![],
    });
    v["attributes"] = json!(service_terms(a)
        .into_iter()
        .map(|(code, value)| attribute(&snapshot.terms, &s.hsds_id, "service", &code, value))
        .collect::<Vec<_>>());

    let sals = service_at_locations(a, &s.hsds_id);
    let mut schedules = Vec::new();
    // Example details are guesses: they go to no other site (the attribute is absent
    // and the times with it), as they go into nobody's calendar.
    if !a.example {
        if !a.schedule.is_empty() || a.schedule.start_time.is_some() {
            schedules.push(schedule_json(
                snapshot,
                &a.schedule,
                &s.hsds_id,
                "main",
                None,
            ));
        }
        for session in a.sessions.iter().filter(|x| !x.example) {
            let sal = session
                .location
                .as_ref()
                .and_then(|l| sals.iter().find(|x| x.location == *l))
                .map(|x| x.id.as_str());
            schedules.push(session_json(snapshot, session, &s.hsds_id, sal));
        }
    }
    v["schedules"] = json!(schedules);
    v["service_at_locations"] = json!(sals
        .iter()
        .map(|x| sal_json(snapshot, x, a, &s.hsds_id, false))
        .collect::<Vec<_>>());
    if let Some(o) = snapshot.service_org(s) {
        v["organization"] = organisation_list_json(o);
    }
    v
}

/// A place an activity happens: its usual place first, then those of sessions
/// elsewhere.
pub struct Sal {
    pub id: String,
    pub location: Location,
    pub session_only: bool,
}

pub fn location_id(l: &Location) -> String {
    uuid_for(&format!(
        "location:{}|{}|{}|{}",
        l.name,
        l.address.as_deref().unwrap_or(""),
        l.postal_code.as_deref().unwrap_or(""),
        l.city
    ))
}

pub fn service_at_locations(a: &Activity, service_id: &str) -> Vec<Sal> {
    let mut out: Vec<Sal> = Vec::new();
    let add = |l: &Location, session_only: bool, out: &mut Vec<Sal>| {
        if !out.iter().any(|x| x.location == *l) {
            out.push(Sal {
                id: uuid_for(&format!("sal:{service_id}:{}", location_id(l))),
                location: l.clone(),
                session_only,
            });
        }
    };
    if let Some(l) = &a.location {
        add(l, false, &mut out);
    }
    if !a.example {
        for s in a.sessions.iter().filter(|s| !s.example) {
            if let Some(l) = &s.location {
                add(l, true, &mut out);
            }
        }
    }
    out
}

/// One service-at-location: the list form (with the service it belongs to) or the full
/// form (the place's address and accessibility).
pub fn sal_json(
    snapshot: &Snapshot,
    sal: &Sal,
    a: &Activity,
    service_id: &str,
    list: bool,
) -> Value {
    let l = &sal.location;
    let loc_id = location_id(l);
    let mut location = json!({
        "id": loc_id,
        "location_type": "physical",
        "name": l.name,
    });
    if list {
        // The list form names the place and the service; addresses, accessibility and
        // attributes are in the full form (`/service_at_locations/{id}`).
        let mut v = json!({
            "id": sal.id,
            "service_id": service_id,
            "location_id": loc_id,
            "location": location,
        });
        if let Some(s) = snapshot.service(service_id) {
            v["service"] = service_list_json(snapshot, s);
        }
        return v;
    }
    if let Some(address) = &l.address {
        location["addresses"] = json!([{
            "id": uuid_for(&format!("address:{loc_id}")),
            "address_1": address,
            "city": l.city,
            // HSDS requires these; Omzien does not keep a province.
            "state_province": "",
            "postal_code": l.postal_code.clone().unwrap_or_default(),
            "country": "NL",
            "address_type": "physical",
        }]);
    }
    if !sal.session_only {
        if let Some(text) = &a.accessibility {
            location["accessibility"] = json!([{
                "id": uuid_for(&format!("accessibility:{}", sal.id)),
                "description": text,
            }]);
        }
    }
    let mut v = json!({
        "id": sal.id,
        "service_id": service_id,
        "location_id": loc_id,
        "location": location,
    });
    if sal.session_only {
        v["attributes"] = json!([attribute(
            &snapshot.terms,
            &sal.id,
            "service_at_location",
            "session",
            None
        )]);
    }
    v
}

fn hhmmss(t: TimeOfDay) -> String {
    format!("{t}:00")
}

fn schedule_json(
    snapshot: &Snapshot,
    s: &Schedule,
    service_id: &str,
    tag: &str,
    sal: Option<&str>,
) -> Value {
    let id = uuid_for(&format!("schedule:{service_id}:{tag}"));
    let mut v = json!({ "id": id, "service_id": service_id });
    if let Some(sal) = sal {
        v["service_at_location_id"] = json!(sal);
    }
    let interval = s.interval.filter(|n| *n > 1);
    // HSDS 3.0 knows WEEKLY and MONTHLY only (docs/interop.md): a daily rule is every
    // weekday of the week; "every n days" and yearly dates go without `freq`, and an
    // Omzien attribute keeps the rule for a reader (and for our own import) that knows.
    let (freq, byday, kept) = match s.freq {
        Some(Freq::Weekly) => (Some("WEEKLY"), join_days(s), None),
        Some(Freq::Monthly) => (Some("MONTHLY"), join_days(s), None),
        Some(Freq::Daily) if interval.is_none() && s.by_day.is_empty() => (
            Some("WEEKLY"),
            Some(Weekday::ALL.map(|d| d.code()).join(",")),
            Some("DAILY"),
        ),
        Some(Freq::Daily) => (None, join_days(s), Some("DAILY")),
        Some(Freq::Yearly) => (None, join_days(s), Some("YEARLY")),
        None => (None, join_days(s), None),
    };
    if let Some(f) = freq {
        v["freq"] = json!(f);
    }
    if let Some(n) = interval {
        v["interval"] = json!(n);
    }
    if let Some(d) = byday {
        v["byday"] = json!(d);
    }
    if let Some(d) = s.dtstart {
        v["dtstart"] = json!(String::from(d));
        v["valid_from"] = json!(String::from(d));
        if s.freq.is_none() {
            v["valid_to"] = json!(String::from(d));
        }
    }
    if let Some(d) = s.until {
        v["until"] = json!(String::from(d));
        v["valid_to"] = json!(String::from(d));
    }
    if let Some(t) = s.start_time {
        v["opens_at"] = json!(hhmmss(t));
    }
    if let Some(t) = s.end_time {
        v["closes_at"] = json!(hhmmss(t));
    }
    let words = s.describe_nl();
    if !words.is_empty() {
        v["description"] = json!(words);
    }
    if let Some(n) = &s.note {
        v["notes"] = json!(n);
    }
    if let Some(k) = kept {
        v["attributes"] = json!([attribute(
            &snapshot.terms,
            &id,
            "schedule",
            "freq",
            Some(k.to_owned())
        )]);
    }
    v
}

fn join_days(s: &Schedule) -> Option<String> {
    (!s.by_day.is_empty()).then(|| {
        s.by_day
            .iter()
            .map(|&b| String::from(b))
            .collect::<Vec<_>>()
            .join(",")
    })
}

fn session_json(
    snapshot: &Snapshot,
    session: &Session,
    service_id: &str,
    sal: Option<&str>,
) -> Value {
    let schedule = Schedule {
        dtstart: Some(session.date),
        start_time: session.start_time,
        end_time: session.end_time,
        ..Schedule::default()
    };
    let tag = format!(
        "session:{}:{}",
        String::from(session.date),
        session
            .start_time
            .map(|t| t.to_string())
            .unwrap_or_default()
    );
    let mut v = schedule_json(snapshot, &schedule, service_id, &tag, sal);
    let id = v["id"].as_str().unwrap_or_default().to_owned();
    v["attributes"] = json!([attribute(&snapshot.terms, &id, "schedule", "session", None)]);
    v
}

/// The spec's Page object around one page of `items`.
pub fn page(total: usize, page_number: usize, per_page: usize, contents: Vec<Value>) -> Value {
    let total_pages = total.div_ceil(per_page);
    json!({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": contents.len(),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": contents.is_empty(),
        "contents": contents,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuids_and_stable_and_an_hsds_uuid_stays_itself() {
        let a = hsds_id("service", "senver-wandelen");
        assert_eq!(a, hsds_id("service", "senver-wandelen"));
        assert_ne!(a, hsds_id("organization", "senver-wandelen"));
        assert!(Uuid::try_parse(&a).is_ok());
        let theirs = "ac148810-d857-441c-9679-408f346de14b";
        assert_eq!(hsds_id("service", theirs), theirs);
    }

    #[test]
    fn modified_after_takes_offsets_and_dates() {
        assert_eq!(
            normalise_modified_after("2026-12-06T10:00:00+01:00").as_deref(),
            Some("2026-12-06T09:00:00.000Z")
        );
        assert_eq!(
            normalise_modified_after("2026-12-06").as_deref(),
            Some("2026-12-06T00:00:00.000Z")
        );
        assert_eq!(normalise_modified_after("gisteren"), None);
    }

    #[test]
    fn a_page_says_where_it_is() {
        let p = page(101, 3, 50, vec![json!(1)]);
        assert_eq!(p["total_pages"], 3);
        assert_eq!(p["last_page"], true);
        assert_eq!(p["first_page"], false);
        assert_eq!(p["size"], 1);
        let empty = page(0, 1, 50, vec![]);
        assert_eq!(empty["empty"], true);
        assert_eq!(empty["total_pages"], 0);
    }
}
