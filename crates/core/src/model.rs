//! The catalogue: organisations, activities, wijken and the comparison figures.
//!
//! Field names follow Open Referral HSDS 3 where one fits (`name`, `description`,
//! `organization_id` is spelled `organisation_id` here), so the catalogue can be mapped
//! to HSDS later without renaming our own data.

use serde::{Deserialize, Serialize};

use crate::schedule::Schedule;

/// An organisation that runs activities (Senver, Versa Welzijn, …).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub contact: Contact,
    /// Where in the agenda (or elsewhere) this record comes from.
    pub source: String,
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
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.phone.is_none() && self.email.is_none() && self.website.is_none()
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
    pub source: String,
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
    }
}
