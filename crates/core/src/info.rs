//! Information pages ("Weten") and campaign periods: content as data, kept in `data/`,
//! pulled and stored like the catalogue so it reads offline, and editable without a
//! new build of the app.

use serde::{Deserialize, Serialize};

/// One page of plain-Dutch information, e.g. "Wat is eenzaamheid?".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfoPage {
    /// The page's address: `/weten/{id}`.
    pub id: String,
    pub title: String,
    /// One or two sentences under the title and on the overview.
    pub summary: String,
    /// Place on the overview, lowest first.
    pub order: u32,
    /// Who the page is written for.
    #[serde(default)]
    pub audience: Audience,
    pub sections: Vec<InfoSection>,
    /// Where the content comes from (chapter of the agenda, a published scale, ...).
    pub source: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Anyone: someone who feels lonely, or wants to know about it.
    #[default]
    Everyone,
    /// Neighbours, shopkeepers, volunteers and professionals who notice someone.
    OthersWhoNotice,
}

/// A part of a page under its own heading. Every list may be empty; the page shows
/// paragraphs, then the bullet list, then the numbered steps, then the cycle.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfoSection {
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
    /// Bullet points.
    #[serde(default)]
    pub list: Vec<String>,
    /// Numbered steps, in order.
    #[serde(default)]
    pub steps: Vec<String>,
    /// Stages that lead into each other and back to the first (the downward spiral):
    /// drawn as a diagram, with the same stages as a numbered list for everyone.
    #[serde(default)]
    pub cycle: Vec<String>,
    /// Links inside the app, e.g. to the catalogue filtered on a kind of loneliness.
    #[serde(default)]
    pub links: Vec<InfoLink>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfoLink {
    pub text: String,
    /// An app path such as `/activiteiten?soort=emotional`; never an outside address.
    pub href: String,
}

/// A yearly campaign, featured on the home page during its dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Every year from `start` to `end`, both included; may run over New Year.
    pub start: MonthDay,
    pub end: MonthDay,
    /// Activities to show with it.
    #[serde(default)]
    pub activity_ids: Vec<String>,
    pub source: String,
}

/// A day of the year without the year, written `"MM-DD"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MonthDay {
    pub month: u8,
    pub day: u8,
}

impl TryFrom<String> for MonthDay {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a day of the year written MM-DD");
        let (month, day) = text.split_once('-').ok_or_else(bad)?;
        if month.len() != 2 || day.len() != 2 {
            return Err(bad());
        }
        let month: u8 = month.parse().map_err(|_| bad())?;
        let day: u8 = day.parse().map_err(|_| bad())?;
        let days_in_month = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return Err(bad()),
        };
        if !(1..=days_in_month).contains(&day) {
            return Err(bad());
        }
        Ok(MonthDay { month, day })
    }
}

impl From<MonthDay> for String {
    fn from(d: MonthDay) -> String {
        format!("{:02}-{:02}", d.month, d.day)
    }
}

impl Campaign {
    /// Whether `today` falls in the campaign; a period like 12-15 → 01-06 runs over
    /// New Year.
    pub fn is_on(&self, today: MonthDay) -> bool {
        if self.start <= self.end {
            self.start <= today && today <= self.end
        } else {
            today >= self.start || today <= self.end
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> MonthDay {
        MonthDay::try_from(text.to_owned()).unwrap()
    }

    fn campaign(start: &str, end: &str) -> Campaign {
        Campaign {
            id: "c".into(),
            name: "C".into(),
            summary: String::new(),
            start: day(start),
            end: day(end),
            activity_ids: vec![],
            source: String::new(),
        }
    }

    #[test]
    fn month_days_are_checked() {
        assert_eq!(day("02-29"), MonthDay { month: 2, day: 29 });
        for bad in ["2-1", "13-01", "04-31", "00-10", "01-00", "0101", "aa-bb"] {
            assert!(MonthDay::try_from(bad.to_owned()).is_err(), "{bad}");
        }
        assert_eq!(String::from(day("09-24")), "09-24");
    }

    #[test]
    fn a_campaign_is_on_during_its_days_also_over_new_year() {
        let week = campaign("09-24", "10-04");
        assert!(week.is_on(day("09-24")) && week.is_on(day("10-01")) && week.is_on(day("10-04")));
        assert!(!week.is_on(day("09-23")) && !week.is_on(day("10-05")));
        let christmas = campaign("12-15", "01-06");
        assert!(christmas.is_on(day("12-31")) && christmas.is_on(day("01-01")));
        assert!(christmas.is_on(day("12-15")) && christmas.is_on(day("01-06")));
        assert!(!christmas.is_on(day("01-07")) && !christmas.is_on(day("12-14")));
    }
}
