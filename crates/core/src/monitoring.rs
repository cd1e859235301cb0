//! Tellen (issue 18): what the programme lead sets beforehand per agenda action
//! (expected reach per half year, milestones) and what the server counts afterwards.
//! The wire types of `/api/v1/programme` and `/api/v1/monitoring`, and the rules both
//! sides share. Every count in a [`MonitoringReport`] is a [`Shown`]: it was protected
//! by [`crate::disclosure`] on the server, so no count under 10 ever travels.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::disclosure::{protect_list, protect_table, Shown};
use crate::programme::{Action, Budget, Pillar};
use crate::schedule::Date;

/// A half year, `2026-H2`: the period chapter 8 evaluates by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Half {
    pub year: u16,
    /// 1 (January–June) or 2 (July–December).
    pub half: u8,
}

impl Half {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, half) = text.split_once("-H")?;
        let year = year
            .parse::<u16>()
            .ok()
            .filter(|y| (2000..=2100).contains(y) && year.len() == 4)?;
        let half = match half {
            "1" => 1,
            "2" => 2,
            _ => return None,
        };
        Some(Half { year, half })
    }

    /// The half year a date (`YYYY-MM-DD`, or anything starting with `YYYY-MM`) falls in.
    pub fn of(date: &str) -> Option<Self> {
        let year = date.get(0..4)?.parse().ok()?;
        let month: u8 = date.get(5..7)?.parse().ok()?;
        match month {
            1..=6 => Some(Half { year, half: 1 }),
            7..=12 => Some(Half { year, half: 2 }),
            _ => None,
        }
    }

    /// Its six months, `YYYY-MM`, in order.
    pub fn months(self) -> Vec<String> {
        let first = if self.half == 1 { 1 } else { 7 };
        (first..first + 6)
            .map(|m| format!("{:04}-{m:02}", self.year))
            .collect()
    }

    /// Its first day and the first day after it, `YYYY-MM-DD`: `[start, end)` for a
    /// comparison of ISO dates or timestamps as text.
    pub fn bounds(self) -> (String, String) {
        if self.half == 1 {
            (
                format!("{:04}-01-01", self.year),
                format!("{:04}-07-01", self.year),
            )
        } else {
            (
                format!("{:04}-07-01", self.year),
                format!("{:04}-01-01", self.year + 1),
            )
        }
    }
}

impl fmt::Display for Half {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-H{}", self.year, self.half)
    }
}

/// What an action's reach is counted in. Kept small on purpose: each is something the
/// server already knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// People with a confirmed place (party sizes added up) in the action's activities.
    Participants,
    /// Confirmed sign-ups for the action's activities.
    SignUps,
    /// Concern notes received by the meldpunt (all of them: notes have no action).
    Notes,
    /// Catalogue pulls counted per day (all of them: a visit has no action).
    Visits,
}

impl Measure {
    pub const ALL: [Measure; 4] = [Self::Participants, Self::SignUps, Self::Notes, Self::Visits];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Participants => "participants",
            Self::SignUps => "sign_ups",
            Self::Notes => "notes",
            Self::Visits => "visits",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == text)
    }
}

/// The reach the programme lead expects of an action in a half year, and what she
/// counted of it outside Omzien afterwards (chapter 8's *tellen*: the people at a
/// training on an attendance list, visitors of a website).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectation {
    /// `2026-H2`
    pub half: String,
    pub measure: Measure,
    pub count: u32,
    /// Reached and counted elsewhere; added to what Omzien counts itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted: Option<u32>,
}

/// A milestone of an action: a name, when it is due, and when it was done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub name: String,
    /// `YYYY-MM-DD`
    pub due: String,
    /// `YYYY-MM-DD`, once done.
    #[serde(default)]
    pub done: Option<String>,
}

/// Where a milestone stands on a given day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneState {
    Done,
    /// Done, after its due date.
    DoneLate,
    /// Not done and its due date has passed.
    Late,
    Open,
}

impl Milestone {
    /// `today` as `YYYY-MM-DD`; ISO dates compare as text.
    pub fn state(&self, today: &str) -> MilestoneState {
        match &self.done {
            Some(done) if done.as_str() > self.due.as_str() => MilestoneState::DoneLate,
            Some(_) => MilestoneState::Done,
            None if today > self.due.as_str() => MilestoneState::Late,
            None => MilestoneState::Open,
        }
    }
}

pub const MAX_MILESTONES: usize = 20;
pub const MAX_EXPECTATIONS: usize = 20;
pub const MAX_MILESTONE_NAME: usize = 200;
pub const MAX_PLANNING: usize = 1000;

/// `PUT /api/v1/programme/actions/{id}`: what the programme lead keeps of an action.
/// The agenda's own words (name, description, target group) stay as the file has them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionEdit {
    pub planning: String,
    pub expectations: Vec<Expectation>,
    pub milestones: Vec<Milestone>,
}

impl ActionEdit {
    /// Every broken rule, in plain Dutch, for the form and for the server's 422.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.planning.trim().is_empty() || self.planning.chars().count() > MAX_PLANNING {
            problems.push(format!(
                "De planning moet 1 tot {MAX_PLANNING} tekens lang zijn."
            ));
        }
        if self.expectations.len() > MAX_EXPECTATIONS || self.milestones.len() > MAX_MILESTONES {
            problems.push(format!(
                "Een actie heeft hoogstens {MAX_EXPECTATIONS} verwachtingen en {MAX_MILESTONES} mijlpalen."
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for e in &self.expectations {
            if Half::parse(&e.half).is_none() {
                problems.push(format!(
                    "'{}' is geen halfjaar; schrijf het als 2026-H2.",
                    e.half
                ));
            } else if !seen.insert((e.half.as_str(), e.measure)) {
                problems.push(format!("Voor {} staat dezelfde maat twee keer.", e.half));
            }
        }
        for m in &self.milestones {
            let name = m.name.trim();
            if name.is_empty() || name.chars().count() > MAX_MILESTONE_NAME {
                problems.push(format!(
                    "De naam van een mijlpaal moet 1 tot {MAX_MILESTONE_NAME} tekens lang zijn."
                ));
            }
            for date in std::iter::once(&m.due).chain(m.done.as_ref()) {
                if Date::try_from(date.clone()).is_err() || date.len() != 10 {
                    problems.push(format!(
                        "'{date}' is geen datum; schrijf het als 2026-10-01."
                    ));
                }
            }
        }
        problems
    }
}

/// An action with what the programme lead keeps of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionPlan {
    pub action: Action,
    pub expectations: Vec<Expectation>,
    pub milestones: Vec<Milestone>,
    /// Activities linked to it (their ids).
    pub activities: Vec<String>,
}

/// `GET /api/v1/programme`: the agenda as the server keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Programme {
    pub source: String,
    pub pillars: Vec<Pillar>,
    pub actions: Vec<ActionPlan>,
    pub budget: Budget,
    /// Today in Hilversum, `YYYY-MM-DD`, for "late".
    pub today: String,
}

/// `PUT /api/v1/programme/activities/{id}/action`: the action an activity serves, or
/// none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityLink {
    pub action_id: Option<String>,
}

/// A protected table: rows × columns of counts with their totals.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountTable {
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

impl CountTable {
    /// Protects raw counts; `counts[r][c]` is row `r`, column `c`.
    pub fn protect(rows: Vec<String>, columns: Vec<String>, counts: &[Vec<u64>]) -> Self {
        let p = protect_table(counts);
        CountTable {
            rows,
            columns,
            cells: p.cells,
            row_totals: p.row_totals,
            column_totals: p.column_totals,
            total: p.total,
        }
    }

    /// The cell at (row, column) by name.
    pub fn cell(&self, row: &str, column: &str) -> Option<Shown> {
        let r = self.rows.iter().position(|x| x == row)?;
        let c = self.columns.iter().position(|x| x == column)?;
        Some(self.cells[r][c])
    }
}

/// A protected list of counts with its total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountList {
    pub labels: Vec<String>,
    pub counts: Vec<Shown>,
    pub total: Shown,
}

impl CountList {
    pub fn protect(labels: Vec<String>, counts: &[u64]) -> Self {
        let (counts, total) = protect_list(counts);
        CountList {
            labels,
            counts,
            total,
        }
    }

    pub fn get(&self, label: &str) -> Option<Shown> {
        let i = self.labels.iter().position(|x| x == label)?;
        Some(self.counts[i])
    }
}

/// A count on its own, protected: the threshold alone, for a number that is no cell
/// of a table with totals (participants of one action).
pub fn protect_one(count: u64) -> Shown {
    protect_list(&[count]).1
}

/// Expected against reached for one action in the half year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reach {
    pub action_id: String,
    pub measure: Measure,
    /// `None` when no reach was set for this measure.
    pub expected: Option<u32>,
    /// Omzien's own count and what was counted elsewhere, together ([`Reach::new`]).
    pub reached: Shown,
    /// Of `reached`, what the programme lead counted outside Omzien, protected on its
    /// own. `None` when she entered nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counted_elsewhere: Option<Shown>,
}

impl Reach {
    /// Omzien's protected count (`in_omzien`) joined with the lead's own. The sum is
    /// shown only when both parts are: with one part shown and the sum, the other could
    /// be worked back, so the sum is then hidden.
    pub fn new(
        action_id: String,
        measure: Measure,
        expected: Option<u32>,
        in_omzien: Shown,
        counted: Option<u32>,
    ) -> Self {
        let counted_elsewhere = counted.map(|n| protect_one(u64::from(n)));
        let reached = match (in_omzien, counted_elsewhere) {
            (shown, None) => shown,
            (Shown::Count(a), Some(Shown::Count(b))) => Shown::Count(a + b),
            _ => Shown::Hidden,
        };
        Reach {
            action_id,
            measure,
            expected,
            reached,
            counted_elsewhere,
        }
    }
}

/// The sign-up columns of the tables, in this order.
pub const SIGN_UP_COLUMNS: [&str; 3] = ["confirmed", "waiting_list", "cancelled"];

/// `GET /api/v1/monitoring?half=2026-H2`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonitoringReport {
    pub half: String,
    /// One per action and measure with an expectation or linked activities.
    pub reach: Vec<Reach>,
    /// Rows: actions with linked activities (ids); columns: [`SIGN_UP_COLUMNS`].
    /// Sign-ups count by when they were made; a cancelled one only as cancelled.
    pub sign_ups_by_action: CountTable,
    /// Rows: wijk ids (`""` for an activity without a wijk).
    pub sign_ups_by_wijk: CountTable,
    /// Rows: the half's months, `YYYY-MM`.
    pub sign_ups_by_month: CountTable,
    /// Rows: activity ids with sign-ups in the half.
    pub sign_ups_by_activity: CountTable,
    /// Labels: `self`, `kiosk`, `on_behalf`.
    pub notes_by_channel: CountList,
    /// Labels: `normal`, `this_week`, `today`.
    pub notes_by_urgency: CountList,
    /// Labels: the last referral's target, `no_referral`, or `open` for a note still
    /// new or in progress.
    pub notes_by_outcome: CountList,
    /// Shared self-test outcomes by social score (labels `0`–`3`).
    pub self_tests_social: CountList,
    /// Shared self-test outcomes by emotional score (labels `0`–`3`).
    pub self_tests_emotional: CountList,
    /// Catalogue pulls per month (labels `YYYY-MM`).
    pub visits_by_month: CountList,
    /// The half's stories, newest first, at most [`LATEST_STORIES`].
    #[serde(default)]
    pub stories: Vec<Story>,
    /// What the kernteam partners said of the half.
    #[serde(default)]
    pub partner_scores: PartnerScores,
    /// Rows: [`crate::model::TargetGroup`] slugs; a sign-up counts once for each
    /// target group of its activity, so the rows can add up to more than the sign-ups.
    #[serde(default)]
    pub sign_ups_by_target_group: Option<CountTable>,
    /// The meldpunt's time to a first step on the half's notes.
    #[serde(default)]
    pub response_times: ResponseTimes,
    /// Reached per half year, this one and the ones before it.
    #[serde(default)]
    pub trend: Trend,
    /// Table 4 beside offer and reach per wijk.
    #[serde(default)]
    pub wijk_picture: WijkPicture,
}

/// Working days within which the meldpunt aims to take a first step on a note: the
/// "share within" of [`ResponseTimes`]. Five is one working week; the agenda names no
/// number, so this is our choice (docs/monitoring.md).
pub const RESPONSE_WORKING_DAYS: u32 = 5;

/// Notes whose first step took this many working days or more are counted together:
/// the median and the share need no finer tail.
pub const RESPONSE_DAYS_CAP: u32 = 30;

/// Working days (Monday to Friday, public holidays not: [`crate::holidays`]) after
/// `from` up to and including `to`: a step on the day of receipt is 0, on the next
/// Monday after a Friday note 1.
pub fn working_days(from: Date, to: Date) -> u32 {
    let mut days = 0;
    let mut day = from;
    while day < to && days < RESPONSE_DAYS_CAP {
        day = day.plus_days(1);
        let weekend = matches!(
            day.weekday(),
            crate::schedule::Weekday::Saturday | crate::schedule::Weekday::Sunday
        );
        if !weekend && !crate::holidays::is_public_holiday(day) {
            days += 1;
        }
    }
    days
}

/// The meldpunt's time from a note received to its first triage step (a status
/// change or a referral; opening or assigning a note is no step), in working days,
/// for the notes of the half that had one. Protected: the median only from at least
/// [`crate::disclosure::THRESHOLD`] notes, the share only when both its parts are
/// shown.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseTimes {
    /// Notes with a first step. `None` in a report from before this existed.
    pub notes: Option<Shown>,
    pub median_days: Option<u32>,
    /// Notes with a first step within [`RESPONSE_WORKING_DAYS`], and later.
    pub within: Option<Shown>,
    pub later: Option<Shown>,
    /// `within` as a whole percentage of `notes`.
    pub share_within: Option<u32>,
    /// Notes of the half still without a step (open), protected on their own.
    pub waiting: Option<Shown>,
}

impl ResponseTimes {
    /// `days[d]` notes took `d` working days (the last index: that many or more);
    /// `waiting` notes had no step yet.
    pub fn from_days(days: &[u64], waiting: u64) -> Self {
        let total: u64 = days.iter().sum();
        let limit = usize::try_from(RESPONSE_WORKING_DAYS).unwrap_or(usize::MAX);
        let within: u64 = days.iter().take(limit + 1).sum();
        let (parts, notes) = protect_list(&[within, total - within]);
        let median_days = notes.is_shown().then(|| {
            // The lower median: the day by which at least half had their first step.
            let half = total.div_ceil(2);
            let mut seen = 0;
            days.iter()
                .position(|n| {
                    seen += n;
                    seen >= half
                })
                .and_then(|d| u32::try_from(d).ok())
                .unwrap_or(RESPONSE_DAYS_CAP)
        });
        let share_within = match (parts[0], parts[1]) {
            (Shown::Count(w), Shown::Count(_)) if total > 0 => {
                u32::try_from((w * 100 + total / 2) / total).ok()
            }
            _ => None,
        };
        ResponseTimes {
            notes: Some(notes),
            median_days,
            within: Some(parts[0]),
            later: Some(parts[1]),
            share_within,
            waiting: Some(protect_one(waiting)),
        }
    }
}

/// Reached per half year for one action and measure: the trend over the last half
/// years. Each cell is the reached number as that half's report gave it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrendRow {
    pub action_id: String,
    pub measure: Measure,
    /// One per half of [`Trend::halves`], in that order.
    pub reached: Vec<Shown>,
    /// Expected per half, where the programme lead set it.
    pub expected: Vec<Option<u32>>,
}

/// The last [`TREND_HALVES`] half years up to the report's, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trend {
    pub halves: Vec<String>,
    pub rows: Vec<TrendRow>,
}

/// How many half years the trend shows (the report's own and the ones before it).
pub const TREND_HALVES: usize = 4;

impl Half {
    /// The half year before this one.
    pub fn previous(self) -> Half {
        if self.half == 2 {
            Half {
                year: self.year,
                half: 1,
            }
        } else {
            Half {
                year: self.year - 1,
                half: 2,
            }
        }
    }

    /// The last `n` half years up to and including this one, oldest first.
    pub fn last(self, n: usize) -> Vec<Half> {
        let mut halves = vec![self];
        while halves.len() < n {
            let before = halves[halves.len() - 1].previous();
            halves.push(before);
        }
        halves.reverse();
        halves
    }
}

/// One wijk next to the agenda's table 4: how lonely adults there are, and what the
/// offer and its reach were in the half.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WijkRow {
    pub wijk: String,
    pub name: String,
    /// Table 4: percentage of adults who feel lonely, and severely lonely, in tenths
    /// of a percent (524 is 52,4 %): whole numbers, the same on every machine.
    pub lonely: u32,
    pub severely_lonely: u32,
    /// Activities in the catalogue in this wijk (not withdrawn), today. Activities
    /// for the whole city are not counted here.
    pub activities: u32,
    /// Confirmed sign-ups in the half for activities in this wijk: the "Met plek"
    /// cell of the table by wijk.
    pub sign_ups: Shown,
    /// Loneliness at or above the city's median wijk and the offer or the reach in
    /// the lower half of the wijken ([`WijkPicture::flag`]).
    pub flagged: bool,
}

/// The wijk picture: every wijk of table 4 beside offer and reach.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WijkPicture {
    pub rows: Vec<WijkRow>,
    /// The table's year and source, as the agenda gives them.
    pub source: String,
}

impl WijkPicture {
    /// Flags a wijk where loneliness is high and the offer or the reach is low. High
    /// and low are relative to the other wijken, as the agenda gives no target per
    /// wijk: loneliness at or above the median of the wijken, and activities or
    /// sign-ups at or below their median. A sign-up count that is not shown ("minder
    /// dan 10" or "verborgen") counts as low: it is under 10 or could be.
    pub fn flag(rows: &mut [WijkRow]) {
        // Twice the median, so that the middle of an even count stays a whole number.
        fn twice_median(mut values: Vec<u64>) -> u64 {
            values.sort_unstable();
            let n = values.len();
            match n {
                0 => 0,
                _ if n % 2 == 1 => 2 * values[n / 2],
                _ => values[n / 2 - 1] + values[n / 2],
            }
        }
        let reach_of = |r: &WijkRow| r.sign_ups.count().unwrap_or(0);
        let lonely = twice_median(rows.iter().map(|r| u64::from(r.lonely)).collect());
        let offer = twice_median(rows.iter().map(|r| u64::from(r.activities)).collect());
        let reach = twice_median(rows.iter().map(reach_of).collect());
        for row in rows.iter_mut() {
            let low_offer = 2 * u64::from(row.activities) <= offer;
            let low_reach = !row.sign_ups.is_shown() || 2 * reach_of(row) <= reach;
            row.flagged = 2 * u64::from(row.lonely) >= lonely && (low_offer || low_reach);
        }
    }
}

/// A percentage of table 4 in tenths: 52.4 is 524.
pub fn tenths_of(percent: f64) -> u32 {
    let tenths = (percent * 10.0).round();
    if tenths.is_finite() && tenths >= 0.0 && tenths <= f64::from(u32::MAX) {
        tenths as u32
    } else {
        0
    }
}

/// How many stories the dashboard shows.
pub const LATEST_STORIES: usize = 20;
pub const MAX_STORY: usize = 2000;

/// `POST /api/v1/stories`: a story about the programme's impact (vertellen), as the
/// staff member or organiser who heard it writes it down. It holds no names of
/// residents: the form says so, and the teller agreed to its use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewStory {
    pub text: String,
    /// The agenda action it belongs to.
    pub action_id: String,
    /// The wijk's id; `None` for all of Hilversum.
    #[serde(default)]
    pub wijk: Option<String>,
    /// The teller agreed that the story is used (in the evaluation, anonymised).
    pub consent: bool,
}

impl NewStory {
    /// Every broken rule, in plain Dutch, for the server's 422.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let length = self.text.trim().chars().count();
        if length == 0 || length > MAX_STORY {
            problems.push(format!("Een verhaal is 1 tot {MAX_STORY} tekens lang."));
        }
        if self.action_id.trim().is_empty() {
            problems.push("Kies de actie waar het verhaal bij hoort.".to_owned());
        }
        if !self.consent {
            problems.push(
                "Zonder toestemming van de verteller bewaren we het verhaal niet.".to_owned(),
            );
        }
        problems
    }
}

/// A story as the programme lead reads it: no teller, no author.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: i64,
    pub text: String,
    pub action_id: Option<String>,
    pub wijk: Option<String>,
    /// `YYYY-MM-DD`, the day it was recorded (in Hilversum).
    pub day: String,
}

/// `GET /api/v1/stories/actions`: the agenda's actions by name, for the story form
/// (organisers may not read the programme itself: expectations and milestones are
/// the programme lead's).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionChoice {
    pub id: String,
    pub pillar: u8,
    pub name: String,
}

/// `GET /api/v1/stories?half=2026-H2`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stories {
    pub half: String,
    pub stories: Vec<Story>,
}

/// The partners' average score must be at least this (chapter 8), in tenths.
pub const TARGET_TENTHS: u32 = 70;

/// `POST /api/v1/programme/surveys`: a one-time link for one kernteam partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSurvey {
    /// The partner's organisation, as the kernteam knows it.
    pub partner: String,
    /// `2026-H2`
    pub half: String,
}

pub const MAX_PARTNER: usize = 120;

impl NewSurvey {
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let length = self.partner.trim().chars().count();
        if length == 0 || length > MAX_PARTNER {
            problems.push(format!(
                "De naam van de partner is 1 tot {MAX_PARTNER} tekens lang."
            ));
        }
        if Half::parse(&self.half).is_none() {
            problems.push(format!(
                "'{}' is geen halfjaar; schrijf het als 2026-H2.",
                self.half
            ));
        }
        problems
    }
}

/// The answer to [`NewSurvey`]: the link's path, shown once (the server keeps only a
/// hash of its token).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyLink {
    /// `/enquete/<token>`
    pub path: String,
}

/// A partner's three scores, 1–10.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores {
    pub results: u8,
    pub process: u8,
    pub cooperation: u8,
}

impl Scores {
    pub fn valid(self) -> bool {
        [self.results, self.process, self.cooperation]
            .iter()
            .all(|s| (1..=10).contains(s))
    }
}

/// Averages in tenths (`73` is 7,3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Averages {
    pub results: u32,
    pub process: u32,
    pub cooperation: u32,
}

/// The partners' scores of a half: how many answered (protected like every count),
/// and the averages only when that many may be shown, so no partner's score can be
/// read from a mean of a few.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerScores {
    /// Links made for the half (a number the programme lead made herself).
    pub asked: u32,
    pub answered: Option<Shown>,
    pub averages: Option<Averages>,
    /// The partners' comments, in no particular order of partner (sorted by text).
    pub comments: Vec<String>,
}

impl PartnerScores {
    /// From every answer of the half.
    pub fn from_answers(asked: u32, answers: &[Scores], mut comments: Vec<String>) -> Self {
        let answered = protect_one(answers.len() as u64);
        let averages = answered.is_shown().then(|| {
            let n = answers.len() as u32;
            // Rounded half up, in tenths, in whole numbers: the same on every machine.
            let mean = |f: fn(&Scores) -> u8| {
                let sum: u32 = answers.iter().map(|a| u32::from(f(a))).sum();
                (sum * 20 + n) / (2 * n)
            };
            Averages {
                results: mean(|a| a.results),
                process: mean(|a| a.process),
                cooperation: mean(|a| a.cooperation),
            }
        });
        if !answered.is_shown() {
            comments.clear();
        }
        comments.sort();
        PartnerScores {
            asked,
            answered: Some(answered),
            averages,
            comments,
        }
    }
}

/// Tenths as Dutch text: `73` is `7,3`.
pub fn tenths(n: u32) -> String {
    format!("{},{}", n / 10, n % 10)
}

/// One file of the evaluation pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackFile {
    pub name: String,
    pub media_type: String,
    pub text: String,
}

/// `GET /api/v1/monitoring/evaluation?half=2026-H2`: the half-yearly evaluation, an
/// HTML report and a CSV per table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationPack {
    pub half: String,
    pub files: Vec<PackFile>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_parse_print_and_bound() {
        let h = Half::parse("2026-H2").unwrap();
        assert_eq!(h.to_string(), "2026-H2");
        assert_eq!(h.months().first().unwrap(), "2026-07");
        assert_eq!(h.months().last().unwrap(), "2026-12");
        assert_eq!(
            h.bounds(),
            ("2026-07-01".to_owned(), "2027-01-01".to_owned())
        );
        assert_eq!(
            Half::parse("2027-H1").unwrap().bounds().1,
            "2027-07-01".to_owned()
        );
        for bad in ["2026-H3", "2026", "26-H1", "2026-h1", "", "2026-H"] {
            assert_eq!(Half::parse(bad), None, "{bad}");
        }
        assert_eq!(Half::of("2026-06-30"), Half::parse("2026-H1"));
        assert_eq!(Half::of("2026-07-01T00:00:00Z"), Half::parse("2026-H2"));
        assert_eq!(Half::of("2026-13-01"), None);
    }

    #[test]
    fn milestones_are_late_or_done() {
        let m = |due: &str, done: Option<&str>| Milestone {
            name: "Plan klaar".into(),
            due: due.into(),
            done: done.map(Into::into),
        };
        let today = "2026-10-01";
        assert_eq!(m("2026-09-30", None).state(today), MilestoneState::Late);
        assert_eq!(m("2026-10-01", None).state(today), MilestoneState::Open);
        assert_eq!(
            m("2026-09-30", Some("2026-09-01")).state(today),
            MilestoneState::Done
        );
        assert_eq!(
            m("2026-09-30", Some("2026-10-01")).state(today),
            MilestoneState::DoneLate
        );
    }

    #[test]
    fn an_edit_names_every_broken_rule() {
        let good = ActionEdit {
            planning: "Start in 2024".into(),
            expectations: vec![Expectation {
                half: "2026-H2".into(),
                measure: Measure::SignUps,
                count: 40,
                counted: None,
            }],
            milestones: vec![Milestone {
                name: "Training gegeven".into(),
                due: "2026-11-01".into(),
                done: None,
            }],
        };
        assert!(good.problems().is_empty());
        let mut bad = good.clone();
        bad.planning = " ".into();
        bad.expectations.push(bad.expectations[0].clone());
        bad.expectations.push(Expectation {
            half: "2026-Q3".into(),
            measure: Measure::Visits,
            count: 1,
            counted: None,
        });
        bad.milestones[0].due = "1 november".into();
        bad.milestones[0].name = String::new();
        assert_eq!(bad.problems().len(), 5, "{:?}", bad.problems());
    }

    #[test]
    fn partner_averages_only_from_enough_answers() {
        let a = |r, p, c| Scores {
            results: r,
            process: p,
            cooperation: c,
        };
        let few = PartnerScores::from_answers(9, &[a(8, 6, 7); 9], vec!["Goed".into()]);
        assert_eq!(few.answered, Some(Shown::Small));
        assert_eq!(few.averages, None);
        assert!(
            few.comments.is_empty(),
            "a comment of few could be told apart"
        );
        let mut answers = vec![a(8, 6, 7); 9];
        answers.push(a(7, 10, 1));
        let enough = PartnerScores::from_answers(10, &answers, vec![]);
        assert_eq!(enough.answered, Some(Shown::Count(10)));
        let avg = enough.averages.unwrap();
        // 79/10 = 7,9; 64/10 = 6,4; 64/10 = 6,4.
        assert_eq!((avg.results, avg.process, avg.cooperation), (79, 64, 64));
        assert_eq!(tenths(avg.results), "7,9");
        assert!(!a(0, 5, 5).valid() && !a(5, 11, 5).valid() && a(1, 10, 5).valid());
    }

    #[test]
    fn a_story_needs_consent_text_and_action() {
        let good = NewStory {
            text: "Sinds de wandelgroep heeft ze weer iemand om mee te praten.".into(),
            action_id: "meldpunt".into(),
            wijk: None,
            consent: true,
        };
        assert!(good.problems().is_empty());
        let bad = NewStory {
            text: " ".into(),
            action_id: String::new(),
            consent: false,
            ..good
        };
        assert_eq!(bad.problems().len(), 3);
    }

    #[test]
    fn counts_travel_protected() {
        let table = CountTable::protect(
            vec!["a".into(), "b".into(), "c".into()],
            SIGN_UP_COLUMNS.map(String::from).to_vec(),
            &[vec![12, 0, 0], vec![3, 0, 0], vec![11, 0, 0]],
        );
        assert_eq!(table.cell("a", "confirmed"), Some(Shown::Count(12)));
        assert_eq!(table.cell("b", "confirmed"), Some(Shown::Small));
        // The 11 is hidden, or 26 − 12 − 11 would give the 3 away.
        assert_eq!(table.cell("c", "confirmed"), Some(Shown::Hidden));
        let json = serde_json::to_string(&table).unwrap();
        assert!(!json.contains(":3") && !json.contains("11"), "{json}");
        assert!(json.contains("{\"count\":12}") && json.contains("\"small\""));
        assert_eq!(protect_one(9), Shown::Small);
        assert_eq!(protect_one(10), Shown::Count(10));
    }

    #[test]
    fn working_days_skip_the_weekend() {
        let d = |s: &str| Date::try_from(s.to_owned()).unwrap();
        // 2026-10-02 is a Friday.
        assert_eq!(working_days(d("2026-10-02"), d("2026-10-02")), 0);
        assert_eq!(working_days(d("2026-10-02"), d("2026-10-04")), 0);
        assert_eq!(working_days(d("2026-10-02"), d("2026-10-05")), 1);
        assert_eq!(working_days(d("2026-10-02"), d("2026-10-09")), 5);
        assert_eq!(
            working_days(d("2026-10-02"), d("2027-10-09")),
            RESPONSE_DAYS_CAP
        );
        assert_eq!(working_days(d("2026-10-09"), d("2026-10-02")), 0);
    }

    #[test]
    fn reach_adds_what_was_counted_elsewhere_only_where_no_part_is_hidden() {
        let reach = |omzien, counted| {
            let r = Reach::new("a".into(), Measure::Participants, Some(50), omzien, counted);
            (r.reached, r.counted_elsewhere)
        };
        assert_eq!(reach(Shown::Count(12), None), (Shown::Count(12), None));
        assert_eq!(
            reach(Shown::Count(12), Some(30)),
            (Shown::Count(42), Some(Shown::Count(30)))
        );
        // 3 at the training: shown as small, and the sum would give the 3 away.
        assert_eq!(
            reach(Shown::Count(12), Some(3)),
            (Shown::Hidden, Some(Shown::Small))
        );
        // Omzien's part is small: the sum minus the 30 would give it away.
        assert_eq!(
            reach(Shown::Small, Some(30)),
            (Shown::Hidden, Some(Shown::Count(30)))
        );
        assert_eq!(reach(Shown::Small, None), (Shown::Small, None));
    }

    #[test]
    fn working_days_skip_public_holidays() {
        // Thursday 24 December 2026: Friday and Saturday are Christmas, Monday the 28th is
        // the first working day after it.
        let d = |s: &str| Date::try_from(s.to_owned()).unwrap();
        assert_eq!(working_days(d("2026-12-24"), d("2026-12-28")), 1);
        // Easter Monday 6 April and King's Day (Monday 27 April 2026).
        assert_eq!(working_days(d("2026-04-03"), d("2026-04-07")), 1);
        assert_eq!(working_days(d("2026-04-24"), d("2026-04-28")), 1);
    }

    #[test]
    fn response_times_only_from_enough_notes() {
        let mut days = vec![0u64; RESPONSE_DAYS_CAP as usize + 1];
        days[0] = 4;
        days[1] = 4;
        days[3] = 4;
        days[8] = 10;
        let r = ResponseTimes::from_days(&days, 3);
        assert_eq!(r.notes, Some(Shown::Count(22)));
        // 11th of 22 notes: within 3 working days.
        assert_eq!(r.median_days, Some(3));
        assert_eq!(r.within, Some(Shown::Count(12)));
        assert_eq!(r.later, Some(Shown::Count(10)));
        assert_eq!(r.share_within, Some(55));
        assert_eq!(r.waiting, Some(Shown::Small));
        days[8] = 5;
        let few_late = ResponseTimes::from_days(&days, 0);
        assert_eq!(few_late.later, Some(Shown::Small));
        assert_eq!(few_late.within, Some(Shown::Hidden));
        assert_eq!(
            few_late.share_within, None,
            "the share would give the 5 away"
        );
        let few = ResponseTimes::from_days(&[3, 2, 1], 0);
        assert_eq!((few.notes, few.median_days), (Some(Shown::Small), None));
    }

    #[test]
    fn trend_halves_go_back_over_the_year() {
        let h = Half::parse("2026-H1").unwrap();
        let names: Vec<String> = h.last(4).iter().map(ToString::to_string).collect();
        assert_eq!(names, ["2024-H2", "2025-H1", "2025-H2", "2026-H1"]);
    }

    #[test]
    fn a_wijk_is_flagged_where_loneliness_is_high_and_offer_or_reach_low() {
        let row = |wijk: &str, lonely: f64, activities: u32, sign_ups: Shown| WijkRow {
            wijk: wijk.into(),
            name: wijk.into(),
            lonely: tenths_of(lonely),
            severely_lonely: 0,
            activities,
            sign_ups,
            flagged: false,
        };
        let mut rows = vec![
            row("centrum", 52.4, 10, Shown::Count(40)),
            row("noordoost", 51.0, 2, Shown::Count(30)),
            row("zuid", 50.0, 9, Shown::Small),
            row("meent", 44.8, 1, Shown::Small),
            row("west", 41.8, 8, Shown::Count(12)),
        ];
        WijkPicture::flag(&mut rows);
        let flagged: Vec<&str> = rows
            .iter()
            .filter(|r| r.flagged)
            .map(|r| r.wijk.as_str())
            .collect();
        // Centrum: high, but offer and reach above the median. Meent: low offer, but
        // loneliness under the median.
        assert_eq!(flagged, ["noordoost", "zuid"]);
        assert_eq!(tenths_of(52.4), 524);
    }
}
