//! The catalogue: organisations, activities, wijken and the comparison figures.
//!
//! Field names follow Open Referral HSDS 3 where one fits (`name`, `description`,
//! `organization_id` is spelled `organisation_id` here), so the catalogue can be mapped
//! to HSDS later without renaming our own data.

use serde::{Deserialize, Serialize};

use crate::form::{filled, valid_email, valid_phone, Errors, Field, Rule};
use crate::schedule::{Date, Schedule, TimeOfDay};

/// An organisation that runs activities (Senver, Versa Welzijn, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub contact: Contact,
    /// Its place in the local coalition (pillar 5), where a source says so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_role: Option<NetworkRole>,
    /// Where in the agenda (or elsewhere) this record comes from.
    pub source: String,
}

/// The local coalition against loneliness (agenda, pillar 5 "Samenwerken").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NetworkRole {
    /// Leads the approach and lets the network grow: the municipality.
    Kartrekker,
    /// Works out the actions with the kartrekker; the first ambassadors.
    Kerngroep,
    /// Helps within its means: clubs, churches, housing, care, culture.
    Schilpartner,
    /// Meets lonely people in its daily work and notices them: shops, horeca, post.
    Signalerend,
}

impl NetworkRole {
    pub const ALL: [NetworkRole; 4] = [
        Self::Kartrekker,
        Self::Kerngroep,
        Self::Schilpartner,
        Self::Signalerend,
    ];
}

/// How to reach an organiser. Only facts from a source: an unknown field stays empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Where these details come from, when that is not the record's own source (the
    /// agenda gives no phone numbers; see `../shared/facts.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.website.is_none()
    }

    /// The phone number as a `tel:` link in international form, which every phone
    /// dials from anywhere: "088 0767 000" becomes `tel:+31880767000`.
    pub fn tel_href(&self) -> Option<String> {
        let phone = self.phone.as_deref()?;
        let digits: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        let international = match digits.strip_prefix('0') {
            Some(rest) if !rest.starts_with('0') => format!("+31{rest}"),
            Some(rest) => format!("+{}", &rest[1..]),
            None => digits,
        };
        Some(format!("tel:{international}"))
    }
}

/// Something that helps against loneliness: a walking group, a buddy, a helpline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    pub name: String,
    pub summary: String,
    #[serde(default)]
    pub description: String,
    pub kind: ActivityKind,
    pub organisation_id: String,
    pub loneliness_types: Vec<LonelinessType>,
    pub target_groups: Vec<TargetGroup>,
    /// The wijk it takes place in or serves; `None` means the whole city.
    #[serde(default)]
    pub wijk: Option<String>,
    #[serde(default)]
    pub location: Option<Location>,
    #[serde(default)]
    pub schedule: Schedule,
    /// Dated sessions the organiser has announced, beside (or instead of) the schedule.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Session>,
    /// `Some(true)` free, `Some(false)` costs money, `None` not known.
    #[serde(default)]
    pub free: Option<bool>,
    #[serde(default)]
    pub cost_note: Option<String>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub sign_up_required: Option<bool>,
    /// The organiser takes sign-ups through Omzien (the form on the activity page).
    #[serde(default)]
    pub sign_up_in_app: bool,
    /// Which contact detail the sign-up form asks for.
    #[serde(default)]
    pub sign_up_contact: crate::signup::ContactNeed,
    #[serde(default)]
    pub how_to_join: Option<String>,
    #[serde(default)]
    pub accessibility: Option<String>,
    /// BCP 47 language tags of the languages spoken at the activity.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub contact: Contact,
    /// True when some details (times, places) are examples, not facts from a source.
    #[serde(default)]
    pub example: bool,
    /// Residents, or the professionals, volunteers and shopkeepers around them
    /// (trainings in signalling, the symposium): those are listed apart.
    #[serde(default, skip_serializing_if = "Audience::is_residents")]
    pub audience: Audience,
    /// An organisation's whole offer ("Aanbod van MEE") rather than one thing to do:
    /// it helps to know it exists, but it is listed after what a visitor can join.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub general: bool,
    pub source: String,
    /// How many times staff changed this record in Omzien (0: as imported). An edit
    /// names the revision it was made on, so one made on an older version is not
    /// applied blindly (`edit.rs`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub revision: u32,
    /// The day the record was last changed or confirmed as still right, in Hilversum;
    /// set by the server ("Bijgewerkt op …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_on: Option<Date>,
}

/// Whom an activity is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    #[default]
    Residents,
    /// Professionals, volunteers and shopkeepers who notice loneliness.
    Professionals,
    /// Both: listed with residents' activities and in the professionals' section
    /// (the symposium is "voor alle inwoners, ook voor professionals").
    Both,
}

impl Audience {
    pub fn is_residents(&self) -> bool {
        *self == Self::Residents
    }

    /// Whether an activity for `self` is listed for `wanted` (residents or
    /// professionals).
    pub fn reaches(self, wanted: Audience) -> bool {
        self == wanted || self == Self::Both
    }
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// One dated session: "donderdag 10 december, 10:00 tot 11:30, in Buurthuis De Geus".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub date: Date,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<TimeOfDay>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<TimeOfDay>,
    /// Where, when it is not the activity's usual place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// A made-up date to show how the app works, shown as such.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Location {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default = "default_city")]
    pub city: String,
}

fn default_city() -> String {
    "Hilversum".to_owned()
}

/// The agenda's three kinds of loneliness, each asking for different help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LonelinessType {
    Social,
    Emotional,
    Existential,
}

impl LonelinessType {
    pub const ALL: [LonelinessType; 3] = [Self::Social, Self::Emotional, Self::Existential];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Social => "social",
            Self::Emotional => "emotional",
            Self::Existential => "existential",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetGroup {
    Everyone,
    Children,
    Youth,
    Seniors,
    Newcomers,
    Carers,
}

impl TargetGroup {
    pub const ALL: [TargetGroup; 6] = [
        Self::Everyone,
        Self::Children,
        Self::Youth,
        Self::Seniors,
        Self::Newcomers,
        Self::Carers,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Everyone => "everyone",
            Self::Children => "children",
            Self::Youth => "youth",
            Self::Seniors => "seniors",
            Self::Newcomers => "newcomers",
            Self::Carers => "carers",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.slug() == slug)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Walking,
    Games,
    DayTrip,
    Course,
    Buddy,
    HomeVisit,
    Helpline,
    Workshop,
    Festival,
    Transport,
    Meeting,
    Volunteering,
    YouthWork,
    Coaching,
    Support,
    Campaign,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 16] = [
        Self::Walking,
        Self::Games,
        Self::DayTrip,
        Self::Course,
        Self::Buddy,
        Self::HomeVisit,
        Self::Helpline,
        Self::Workshop,
        Self::Festival,
        Self::Transport,
        Self::Meeting,
        Self::Volunteering,
        Self::YouthWork,
        Self::Coaching,
        Self::Support,
        Self::Campaign,
    ];

    /// As on the wire (`day_trip`), for a form's choices and a link's query.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Walking => "walking",
            Self::Games => "games",
            Self::DayTrip => "day_trip",
            Self::Course => "course",
            Self::Buddy => "buddy",
            Self::HomeVisit => "home_visit",
            Self::Helpline => "helpline",
            Self::Workshop => "workshop",
            Self::Festival => "festival",
            Self::Transport => "transport",
            Self::Meeting => "meeting",
            Self::Volunteering => "volunteering",
            Self::YouthWork => "youth_work",
            Self::Coaching => "coaching",
            Self::Support => "support",
            Self::Campaign => "campaign",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.slug() == slug)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Walking => "Wandelen",
            Self::Games => "Spelletjes",
            Self::DayTrip => "Dagje uit",
            Self::Course => "Cursus",
            Self::Buddy => "Maatje",
            Self::HomeVisit => "Huisbezoek",
            Self::Helpline => "Praten aan de telefoon of online",
            Self::Workshop => "Workshop",
            Self::Festival => "Festival",
            Self::Transport => "Vervoer",
            Self::Meeting => "Ontmoeten",
            Self::Volunteering => "Vrijwilligerswerk",
            Self::YouthWork => "Jongerenwerk",
            Self::Coaching => "Coaching",
            Self::Support => "Hulp en steun",
            Self::Campaign => "Actieweek",
        }
    }
}

/// A wijk with the agenda's table 4 figures (adults, 18 and older).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Wijk {
    pub id: String,
    pub name: String,
    /// Percentage of adults who feel lonely.
    pub lonely: f64,
    /// Percentage of adults who feel severely lonely.
    pub severely_lonely: f64,
    pub year: u16,
    pub source: String,
}

/// One row of the agenda's tables 1–3: a measure for Hilversum against the GGD region
/// (Gooi en Vechtstreek) and the Netherlands. A missing value is `None`, never 0.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub id: String,
    /// "Tabel 1" …, so a reader can find it in the agenda.
    pub table: String,
    /// What is measured, e.g. "Eenzaam", "Sterk eenzaam".
    pub measure: String,
    /// Who was asked, e.g. "18 jaar en ouder".
    pub group: String,
    pub hilversum: Option<f64>,
    pub region: Option<f64>,
    pub netherlands: Option<f64>,
    pub year: u16,
    pub source: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub comparisons: Vec<Comparison>,
}

impl Figures {
    /// The comparison row for all adults with this measure ("Eenzaam", "Sterk eenzaam").
    pub fn adults(&self, measure: &str) -> Option<&Comparison> {
        self.comparisons
            .iter()
            .find(|c| c.group == "18 jaar en ouder" && c.measure.eq_ignore_ascii_case(measure))
    }
}

impl Contact {
    /// A phone number, e-mail address and website that can be right, where given: the
    /// rules an activity's and an organisation's contact share.
    pub(crate) fn check(&self, errors: &mut Errors) {
        if filled(&self.phone).is_some_and(|p| !valid_phone(p)) {
            errors.fail(
                Field::Phone,
                Rule::Invalid,
                "Dit telefoonnummer klopt niet.",
            );
        }
        if filled(&self.email).is_some_and(|e| !valid_email(e)) {
            errors.fail(Field::Email, Rule::Invalid, "Dit e-mailadres klopt niet.");
        }
        if filled(&self.website).is_some_and(|w| !w.starts_with("https://")) {
            errors.fail(
                Field::Website,
                Rule::Invalid,
                "Een website begint met https://.",
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_round_trip() {
        for t in TargetGroup::ALL {
            assert_eq!(TargetGroup::from_slug(t.slug()), Some(t));
        }
        for t in LonelinessType::ALL {
            assert_eq!(LonelinessType::from_slug(t.slug()), Some(t));
        }
        assert_eq!(TargetGroup::from_slug("aliens"), None);
        for k in ActivityKind::ALL {
            assert_eq!(ActivityKind::from_slug(k.slug()), Some(k));
            let wire = serde_json::to_string(&k).expect("serialises");
            assert_eq!(
                wire,
                format!("\"{}\"", k.slug()),
                "the slug is the wire name"
            );
        }
    }

    #[test]
    fn phone_numbers_become_international_tel_links() {
        let tel = |phone: &str| {
            Contact {
                phone: Some(phone.to_owned()),
                ..Contact::default()
            }
            .tel_href()
        };
        assert_eq!(tel("088 0767 000").as_deref(), Some("tel:+31880767000"));
        assert_eq!(tel("035-123 45 67").as_deref(), Some("tel:+31351234567"));
        assert_eq!(tel("+31 35 123 4567").as_deref(), Some("tel:+31351234567"));
        assert_eq!(tel("0032 2 123 45 67").as_deref(), Some("tel:+3221234567"));
        assert_eq!(Contact::default().tel_href(), None);
    }
}
