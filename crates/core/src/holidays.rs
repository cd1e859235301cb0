//! The Netherlands' generally recognised public holidays, for counting working days.
//!
//! The list is the one of the Algemene termijnenwet, article 3
//! (<https://wetten.overheid.nl/BWBR0002448>): New Year's Day, Easter Monday, Ascension
//! Day, Whit Monday, Christmas Day and Boxing Day, King's Day and 5 May. The municipality's
//! own office days may differ (Good Friday is not on the list); the law's list is the one
//! a citizen can look up, so the meldpunt's time to a first step is counted against it.

use crate::schedule::Date;

/// Whether `date` is a public holiday on a day that would otherwise be a working day
/// or a weekend day alike: callers check the weekend themselves.
pub fn is_public_holiday(date: Date) -> bool {
    let (month, day) = (date.month(), date.day());
    // King's Day moves to 26 April when 27 April is a Sunday: a Saturday then, so no
    // working day is lost either way.
    if matches!(
        (month, day),
        (1, 1) | (4, 27) | (5, 5) | (12, 25) | (12, 26)
    ) {
        return true;
    }
    let Some(easter) = easter_sunday(date.year()) else {
        return false;
    };
    // Easter Monday, Ascension Day (39 days after Easter), Whit Monday (50 days after).
    matches!(easter.days_until(date), 1 | 39 | 50)
}

fn easter_sunday(year: i32) -> Option<Date> {
    let easter = computus::gregorian(year).ok()?;
    let month = time::Month::try_from(u8::try_from(easter.month).ok()?).ok()?;
    let day = u8::try_from(easter.day).ok()?;
    time::Date::from_calendar_date(easter.year, month, day)
        .ok()
        .map(Date::from_time)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::try_from(s.to_owned()).unwrap()
    }

    #[test]
    fn the_holidays_of_2026_and_2027() {
        // Easter 2026 is 5 April; 2027 is 28 March.
        for day in [
            "2026-01-01",
            "2026-04-06",
            "2026-04-27",
            "2026-05-05",
            "2026-05-14",
            "2026-05-25",
            "2026-12-25",
            "2026-12-26",
            "2027-03-29",
            "2027-05-06",
            "2027-05-17",
        ] {
            assert!(is_public_holiday(d(day)), "{day}");
        }
        for day in [
            "2026-04-03", // Good Friday: not on the law's list
            "2026-04-07",
            "2026-05-04",
            "2026-12-24",
            "2026-12-31",
            "2027-04-05",
        ] {
            assert!(!is_public_holiday(d(day)), "{day}");
        }
    }
}
