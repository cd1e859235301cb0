//! An activity's facts in the chosen language: target groups, kinds of loneliness and of
//! activity, days, places, and why it cannot go into a calendar.

use omzien_core::ics::NoCalendar;
use omzien_core::model::{ActivityKind, LonelinessType, TargetGroup};
use omzien_core::Weekday;

use crate::i18n::{td_string, Locale};

/// A target group in the chosen language (core's `label()` is Dutch).
pub fn group_label(locale: Locale, group: TargetGroup) -> &'static str {
    match group {
        TargetGroup::Everyone => td_string!(locale, catalogue.group.everyone),
        TargetGroup::Children => td_string!(locale, catalogue.group.children),
        TargetGroup::Youth => td_string!(locale, catalogue.group.youth),
        TargetGroup::Seniors => td_string!(locale, catalogue.group.seniors),
        TargetGroup::Newcomers => td_string!(locale, catalogue.group.newcomers),
        TargetGroup::Carers => td_string!(locale, catalogue.group.carers),
    }
}

/// A kind of loneliness as a resident would say it, in the chosen language.
pub fn loneliness_label(locale: Locale, kind: LonelinessType) -> &'static str {
    match kind {
        LonelinessType::Social => td_string!(locale, catalogue.loneliness.social),
        LonelinessType::Emotional => td_string!(locale, catalogue.loneliness.emotional),
        LonelinessType::Existential => td_string!(locale, catalogue.loneliness.existential),
    }
}

/// What kind of activity, in the chosen language (core's `label()` stays Dutch: search
/// matches it).
pub fn kind_label(locale: Locale, kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Walking => td_string!(locale, catalogue.kind.walking),
        ActivityKind::Games => td_string!(locale, catalogue.kind.games),
        ActivityKind::DayTrip => td_string!(locale, catalogue.kind.day_trip),
        ActivityKind::Course => td_string!(locale, catalogue.kind.course),
        ActivityKind::Buddy => td_string!(locale, catalogue.kind.buddy),
        ActivityKind::HomeVisit => td_string!(locale, catalogue.kind.home_visit),
        ActivityKind::Helpline => td_string!(locale, catalogue.kind.helpline),
        ActivityKind::Workshop => td_string!(locale, catalogue.kind.workshop),
        ActivityKind::Festival => td_string!(locale, catalogue.kind.festival),
        ActivityKind::Transport => td_string!(locale, catalogue.kind.transport),
        ActivityKind::Meeting => td_string!(locale, catalogue.kind.meeting),
        ActivityKind::Volunteering => td_string!(locale, catalogue.kind.volunteering),
        ActivityKind::YouthWork => td_string!(locale, catalogue.kind.youth_work),
        ActivityKind::Coaching => td_string!(locale, catalogue.kind.coaching),
        ActivityKind::Support => td_string!(locale, catalogue.kind.support),
        ActivityKind::Campaign => td_string!(locale, catalogue.kind.campaign),
    }
}

pub fn day_name(locale: Locale, day: Weekday) -> &'static str {
    match day {
        Weekday::Monday => td_string!(locale, catalogue.day.mo),
        Weekday::Tuesday => td_string!(locale, catalogue.day.tu),
        Weekday::Wednesday => td_string!(locale, catalogue.day.we),
        Weekday::Thursday => td_string!(locale, catalogue.day.th),
        Weekday::Friday => td_string!(locale, catalogue.day.fr),
        Weekday::Saturday => td_string!(locale, catalogue.day.sa),
        Weekday::Sunday => td_string!(locale, catalogue.day.su),
    }
}

/// `place_text` for a wijk's name (`None`: the whole city). The word for "wijk" comes
/// before the name in every language (no `{{ name }}`: `t_string!` cannot fill one in).
pub fn place_in(locale: Locale, wijk: Option<&str>) -> String {
    match wijk {
        Some(name) => format!("{} {name}", td_string!(locale, catalogue.place.wijk)),
        None => td_string!(locale, catalogue.place.city).to_owned(),
    }
}

/// Why an activity cannot go into a calendar, in the chosen language.
pub fn no_calendar_text(locale: Locale, why: NoCalendar) -> &'static str {
    match why {
        NoCalendar::NotKnown => td_string!(locale, catalogue.take_away.not_known),
        NoCalendar::Example => td_string!(locale, catalogue.take_away.example),
        NoCalendar::Over => td_string!(locale, catalogue.take_away.over),
    }
}
