//! The catalogue's filters besides the text: wijk, group, kind of loneliness, day, cost,
//! and the period ("Vandaag", "Deze week", "Dit weekend").

use crate::model::{Activity, Audience, LonelinessType, TargetGroup};
use crate::schedule::Weekday;
use crate::when::When;

/// What a resident has chosen on the catalogue page. The default matches everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    pub query: String,
    pub wijk: Option<String>,
    pub target_group: Option<TargetGroup>,
    pub loneliness: Option<LonelinessType>,
    pub day: Option<Weekday>,
    pub free_only: bool,
    /// Only what has a date in this period.
    pub when: Option<When>,
    /// Residents see their own activities; trainings for professionals and
    /// volunteers have a section of their own, not mixed in.
    pub audience: Audience,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        self.query.trim().is_empty() && self.admits_every_activity()
    }

    /// Whether every activity of the audience passes (the text query aside), so only
    /// the audience need be asked.
    pub fn admits_every_activity(&self) -> bool {
        self.wijk.is_none()
            && self.target_group.is_none()
            && self.loneliness.is_none()
            && self.day.is_none()
            && !self.free_only
            && self.when.is_none()
    }

    /// Whether the activity passes every filter except the text query.
    pub fn admits(&self, activity: &Activity) -> bool {
        activity.audience.reaches(self.audience)
            && (self.admits_every_activity() || self.narrows_to(activity))
    }

    fn narrows_to(&self, activity: &Activity) -> bool {
        // City-wide activities serve every wijk; "iedereen" includes every group.
        let wijk_ok = match (&self.wijk, &activity.wijk) {
            (None, _) | (Some(_), None) => true,
            (Some(wanted), Some(w)) => wanted == w,
        };
        let group_ok = self.target_group.is_none_or(|g| {
            activity.target_groups.contains(&g)
                || activity.target_groups.contains(&TargetGroup::Everyone)
        });
        let kind_ok = self
            .loneliness
            .is_none_or(|t| activity.loneliness_types.contains(&t));
        let day_ok = self.day.is_none_or(|d| {
            activity.schedule.weekdays().contains(&d)
                || activity.sessions.iter().any(|s| s.date.weekday() == d)
        });
        let free_ok = !self.free_only || activity.free == Some(true);
        let when_ok = self.when.is_none_or(|w| w.admits(activity));
        wijk_ok && group_ok && kind_ok && day_ok && free_ok && when_ok
    }
}
