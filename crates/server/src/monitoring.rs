//! Tellen (issue 18): the counts the programme lead reads, from what the server already
//! keeps. Every number is computed here by SQL (counts and sums only, never a personal
//! field or a note's body) and protected by `omzien_core::disclosure` before it leaves
//! this module: a [`MonitoringReport`] holds no raw count, so no handler can send one.

use std::collections::{BTreeMap, HashMap};

use omzien_core::disclosure::Shown;
use omzien_core::model::{Activity, TargetGroup, Wijk};
use omzien_core::monitoring::{
    protect_one, tenths_of, CountList, CountTable, Half, Measure, MonitoringReport, Reach,
    ResponseTimes, Trend, TrendRow, WijkPicture, WijkRow, RESPONSE_DAYS_CAP, SIGN_UP_COLUMNS,
    TREND_HALVES,
};
use sqlx::AnyPool;

use crate::catalogue::today_in_hilversum;
use crate::db::Flag;

/// One more catalogue pull today. Only the day and the number: no cookie, device,
/// address or time, so the count cannot be tied to anyone.
pub async fn count_pull(pool: &AnyPool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO pull_counts (day, pulls) VALUES ($1, 1) \
         ON CONFLICT (day) DO UPDATE SET pulls = pull_counts.pulls + 1",
    )
    .bind(today_in_hilversum())
    .execute(pool)
    .await?;
    Ok(())
}

/// The current half year in Hilversum.
pub fn this_half() -> Half {
    Half::of(&today_in_hilversum()).unwrap_or(Half {
        year: 2026,
        half: 2,
    })
}

const NOTE_CHANNELS: [&str; 4] = ["self", "kiosk", "on_behalf", "unknown"];
const URGENCIES: [&str; 3] = ["normal", "this_week", "today"];
const OUTCOMES: [&str; 7] = [
    "open",
    "activity",
    "buurtteam",
    "welzijn_op_recept",
    "luisterlijn",
    "other",
    "no_referral",
];

fn column(state: &str) -> usize {
    SIGN_UP_COLUMNS
        .iter()
        .position(|c| *c == state)
        .unwrap_or(0)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Everything counted for a half year, protected, with the trend over the half years
/// before it.
pub async fn report(pool: &AnyPool, half: Half) -> Result<MonitoringReport, sqlx::Error> {
    let mut report = half_report(pool, half).await?;
    let halves = half.last(TREND_HALVES);
    let mut earlier = Vec::new();
    for h in &halves[..halves.len() - 1] {
        earlier.push(half_report(pool, *h).await?);
    }
    earlier.push(report.clone());
    report.trend = trend(&earlier);
    Ok(report)
}

/// Reached per half for every action and measure that has a reached number in one
/// of the halves: each cell is that half's own protected number, so the trend shows
/// nothing its reports do not.
fn trend(reports: &[MonitoringReport]) -> Trend {
    let mut keys: Vec<(String, Measure)> = Vec::new();
    for r in reports.iter().rev() {
        for reach in &r.reach {
            let key = (reach.action_id.clone(), reach.measure);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    // In the order of the latest report (the agenda's), older-only rows after.
    let rows = keys
        .into_iter()
        .map(|(action_id, measure)| {
            let find = |r: &MonitoringReport| {
                r.reach
                    .iter()
                    .find(|x| x.action_id == action_id && x.measure == measure)
                    .cloned()
            };
            TrendRow {
                reached: reports
                    .iter()
                    .map(|r| find(r).map_or(Shown::Count(0), |x| x.reached))
                    .map(|shown| match shown {
                        // An action with nothing linked that half reached none; zero
                        // is under 10 and is shown as such.
                        Shown::Count(0) => Shown::Small,
                        other => other,
                    })
                    .collect(),
                expected: reports
                    .iter()
                    .map(|r| find(r).and_then(|x| x.expected))
                    .collect(),
                action_id,
                measure,
            }
        })
        .collect();
    Trend {
        halves: reports.iter().map(|r| r.half.clone()).collect(),
        rows,
    }
}

/// One half year's counts, protected.
async fn half_report(pool: &AnyPool, half: Half) -> Result<MonitoringReport, sqlx::Error> {
    let (start, end) = half.bounds();
    let months = half.months();
    let mut conn = pool.acquire().await?;

    // Sign-ups, by when they were made (UTC), and what became of them. From the
    // personal table by COUNT and SUM only; the activity's wijk from the catalogue.
    let counted: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT s.activity_id, substr(s.created_at, 1, 7), \
                CASE WHEN s.cancelled_at IS NOT NULL THEN 'cancelled' ELSE s.place END, \
                COUNT(*), CAST(SUM(s.party_size) AS BIGINT) \
         FROM sign_ups s \
         WHERE s.created_at >= $1 AND s.created_at < $2 \
         GROUP BY 1, 2, 3",
    )
    .bind(&start)
    .bind(&end)
    .fetch_all(&mut *conn)
    .await?;
    // Each activity's wijk from its record ('' when it has none or is gone).
    let activity_wijk: HashMap<String, String> = sqlx::query_as::<_, (String, Option<String>)>(
        "SELECT id, body FROM catalogue_records WHERE kind = 'activity'",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .filter_map(|(id, body)| {
        let wijk = crate::db::json_field(body.as_deref(), "wijk")?;
        Some((id, wijk.as_str()?.to_owned()))
    })
    .collect();
    let sign_ups: Vec<(String, String, String, String, i64, i64)> = counted
        .into_iter()
        .map(|(activity, month, state, n, people)| {
            let wijk = activity_wijk.get(&activity).cloned().unwrap_or_default();
            (activity, wijk, month, state, n, people)
        })
        .collect();
    let links: HashMap<String, String> = sqlx::query_as::<_, (String, String)>(
        "SELECT activity_id, action_id FROM activity_actions",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .collect();
    // Actions with linked activities, in the agenda's order.
    let linked_actions: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM programme_actions a \
         WHERE EXISTS (SELECT 1 FROM activity_actions l WHERE l.action_id = a.id) \
         ORDER BY position, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut wijken: Vec<String> = sqlx::query_scalar(
        "SELECT id FROM catalogue_records WHERE kind = 'wijk' AND deleted = FALSE ORDER BY id",
    )
    .fetch_all(&mut *conn)
    .await?;

    let mut by_action = vec![vec![0u64; 3]; linked_actions.len()];
    let mut people_by_action: HashMap<&str, u64> = HashMap::new();
    let mut by_wijk: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let mut by_month = vec![vec![0u64; 3]; months.len()];
    let mut by_activity: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for (activity, wijk, month, state, n, people) in &sign_ups {
        let (c, n) = (column(state), to_u64(*n));
        if let Some(action) = links.get(activity) {
            if let Some(row) = linked_actions.iter().position(|a| a == action) {
                by_action[row][c] += n;
                if state == "confirmed" {
                    *people_by_action.entry(action.as_str()).or_default() += to_u64(*people);
                }
            }
        }
        by_wijk.entry(wijk.clone()).or_insert_with(|| vec![0; 3])[c] += n;
        if let Some(row) = months.iter().position(|m| m == month) {
            by_month[row][c] += n;
        }
        by_activity
            .entry(activity.clone())
            .or_insert_with(|| vec![0; 3])[c] += n;
    }
    // Every wijk is a row, also without sign-ups: a row that appears only when someone
    // signed up would say so by itself.
    for wijk in by_wijk.keys() {
        if !wijken.contains(wijk) {
            wijken.push(wijk.clone());
        }
    }
    let wijk_counts: Vec<Vec<u64>> = wijken
        .iter()
        .map(|w| by_wijk.get(w).cloned().unwrap_or_else(|| vec![0; 3]))
        .collect();
    let columns = || SIGN_UP_COLUMNS.map(String::from).to_vec();
    let sign_ups_by_action = CountTable::protect(linked_actions.clone(), columns(), &by_action);
    let sign_ups_by_wijk = CountTable::protect(wijken, columns(), &wijk_counts);
    let sign_ups_by_month = CountTable::protect(months.clone(), columns(), &by_month);
    let (activity_rows, activity_counts): (Vec<String>, Vec<Vec<u64>>) =
        by_activity.into_iter().unzip();
    let sign_ups_by_activity = CountTable::protect(activity_rows, columns(), &activity_counts);

    // The activities as the catalogue has them now: their target groups, and the
    // offer per wijk. A withdrawn activity has no body any more.
    let bodies: Vec<(String, Option<String>, Flag)> = sqlx::query_as(
        "SELECT id, body, deleted FROM catalogue_records WHERE kind = $1 ORDER BY id",
    )
    .bind("activity")
    .fetch_all(&mut *conn)
    .await?;
    let catalogue: HashMap<String, (Activity, bool)> = bodies
        .into_iter()
        .filter_map(|(id, body, Flag(deleted))| {
            let activity = serde_json::from_str::<Activity>(body.as_deref()?).ok()?;
            Some((id, (activity, !deleted)))
        })
        .collect();
    let mut by_group = vec![vec![0u64; 3]; TargetGroup::ALL.len()];
    for (activity, _, _, state, n, _) in &sign_ups {
        if let Some((a, _)) = catalogue.get(activity) {
            for group in &a.target_groups {
                if let Some(row) = TargetGroup::ALL.iter().position(|g| g == group) {
                    by_group[row][column(state)] += to_u64(*n);
                }
            }
        }
    }
    let sign_ups_by_target_group = CountTable::protect(
        TargetGroup::ALL
            .iter()
            .map(|g| g.slug().to_owned())
            .collect(),
        columns(),
        &by_group,
    );
    let wijk_picture = wijk_picture(&mut conn, &catalogue, &sign_ups_by_wijk).await?;

    // Concern notes: the routing fields only, never a body. Live notes, and what
    // retention left of closed ones (`closed_note_counts`, which keeps no channel).
    let live: Vec<(String, String, String, i64)> = sqlx::query_as(
        "SELECT n.channel, n.urgency, \
                CASE WHEN n.status IN ('new', 'in_progress') THEN 'open' ELSE COALESCE( \
                    (SELECT r.target FROM note_referrals r WHERE r.note_id = n.id \
                     ORDER BY r.id DESC LIMIT 1), 'no_referral') END, \
                COUNT(*) \
         FROM concern_notes n WHERE n.received_at >= $1 AND n.received_at < $2 \
         GROUP BY 1, 2, 3",
    )
    .bind(&start)
    .bind(&end)
    .fetch_all(&mut *conn)
    .await?;
    let kept: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT urgency, outcome, CAST(SUM(count) AS BIGINT) FROM closed_note_counts \
         WHERE month >= $1 AND month <= $2 GROUP BY 1, 2",
    )
    .bind(&months[0])
    .bind(&months[5])
    .fetch_all(&mut *conn)
    .await?;
    let mut channels = [0u64; 4];
    let mut urgencies = [0u64; 3];
    let mut outcomes = [0u64; 7];
    let mut add = |channel: &str, urgency: &str, outcome: &str, n: u64| {
        let at = |list: &[&str], x: &str| list.iter().position(|l| *l == x);
        if let Some(i) = at(&NOTE_CHANNELS, channel) {
            channels[i] += n;
        }
        if let Some(i) = at(&URGENCIES, urgency) {
            urgencies[i] += n;
        }
        let outcome = at(&OUTCOMES, outcome).unwrap_or(OUTCOMES.len() - 2);
        outcomes[outcome] += n;
    };
    for (channel, urgency, outcome, n) in &live {
        add(channel, urgency, outcome, to_u64(*n));
    }
    for (urgency, outcome, n) in &kept {
        add("unknown", urgency, outcome, to_u64(*n));
    }
    let labels = |list: &[&str]| list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let notes_by_channel = CountList::protect(labels(&NOTE_CHANNELS), &channels);
    let notes_by_urgency = CountList::protect(labels(&URGENCIES), &urgencies);
    let notes_by_outcome = CountList::protect(labels(&OUTCOMES), &outcomes);

    // Time to the first step: dates only, from the audit log's first status change or
    // referral, and what retention kept of deleted notes.
    let steps: Vec<(String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT n.received_at, ({}) FROM concern_notes n \
         WHERE n.received_at >= $1 AND n.received_at < $2",
        crate::retention::FIRST_STEP
    ))
    .bind(&start)
    .bind(&end)
    .fetch_all(&mut *conn)
    .await?;
    let kept_steps: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT working_days, CAST(SUM(count) AS BIGINT) FROM note_response_counts \
         WHERE month >= $1 AND month <= $2 GROUP BY working_days",
    )
    .bind(&months[0])
    .bind(&months[5])
    .fetch_all(&mut *conn)
    .await?;
    let cap = usize::try_from(RESPONSE_DAYS_CAP).unwrap_or(30);
    let mut days = vec![0u64; cap + 1];
    let mut waiting = 0u64;
    for (received, step) in &steps {
        match step
            .as_deref()
            .and_then(|s| crate::retention::step_days(received, s))
        {
            Some(d) => days[usize::try_from(d).unwrap_or(cap).min(cap)] += 1,
            None => waiting += 1,
        }
    }
    for (d, n) in &kept_steps {
        days[usize::try_from(*d).unwrap_or(cap).min(cap)] += to_u64(*n);
    }
    let response_times = ResponseTimes::from_days(&days, waiting);

    // Shared self-test outcomes: already counts per month.
    let tests: Vec<(i64, i64, i64)> = sqlx::query_as(
        "SELECT social, emotional, CAST(SUM(count) AS BIGINT) FROM self_test_counts \
         WHERE month >= $1 AND month <= $2 GROUP BY 1, 2",
    )
    .bind(&months[0])
    .bind(&months[5])
    .fetch_all(&mut *conn)
    .await?;
    let (mut social, mut emotional) = ([0u64; 4], [0u64; 4]);
    for (s, e, n) in &tests {
        if let (Ok(s), Ok(e)) = (usize::try_from(*s), usize::try_from(*e)) {
            if s < 4 && e < 4 {
                social[s] += to_u64(*n);
                emotional[e] += to_u64(*n);
            }
        }
    }
    let scores = || (0..4).map(|s| s.to_string()).collect::<Vec<_>>();
    let self_tests_social = CountList::protect(scores(), &social);
    let self_tests_emotional = CountList::protect(scores(), &emotional);

    let pulls: Vec<(String, i64)> = sqlx::query_as(
        "SELECT substr(day, 1, 7), CAST(SUM(pulls) AS BIGINT) FROM pull_counts \
         WHERE day >= $1 AND day < $2 GROUP BY 1",
    )
    .bind(&start)
    .bind(&end)
    .fetch_all(&mut *conn)
    .await?;
    let visits: Vec<u64> = months
        .iter()
        .map(|m| {
            pulls
                .iter()
                .find(|(month, _)| month == m)
                .map_or(0, |(_, n)| to_u64(*n))
        })
        .collect();
    let visits_by_month = CountList::protect(months.clone(), &visits);

    // Expected against reached: each reached number is a cell or total shown above
    // (or, for participants, one number protected on its own), so the comparison adds
    // nothing to what the tables give away.
    let expectations: Vec<(String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT e.action_id, e.measure, e.count, e.counted FROM action_expectations e \
         JOIN programme_actions a ON a.id = e.action_id \
         WHERE e.half = $1 ORDER BY a.position, e.measure",
    )
    .bind(half.to_string())
    .fetch_all(&mut *conn)
    .await?;
    let reached = |action: &str, measure: Measure| -> Shown {
        match measure {
            Measure::SignUps => sign_ups_by_action
                .cell(action, "confirmed")
                .unwrap_or(Shown::Small),
            Measure::Participants => {
                protect_one(people_by_action.get(action).copied().unwrap_or(0))
            }
            Measure::Notes => notes_by_channel.total,
            Measure::Visits => visits_by_month.total,
        }
    };
    let mut reach: Vec<Reach> = Vec::new();
    for (action, measure, count, counted) in &expectations {
        let Some(measure) = Measure::parse(measure) else {
            continue;
        };
        reach.push(Reach::new(
            action.clone(),
            measure,
            u32::try_from(*count).ok(),
            reached(action, measure),
            counted.and_then(|n| u32::try_from(n).ok()),
        ));
    }
    for action in &linked_actions {
        if !reach.iter().any(|r| &r.action_id == action) {
            reach.push(Reach::new(
                action.clone(),
                Measure::SignUps,
                None,
                reached(action, Measure::SignUps),
                None,
            ));
        }
    }

    drop(conn);
    let stories = crate::vertellen::latest_stories(pool, half).await?;
    let partner_scores = crate::vertellen::partner_scores(pool, half).await?;
    Ok(MonitoringReport {
        half: half.to_string(),
        reach,
        sign_ups_by_action,
        sign_ups_by_wijk,
        sign_ups_by_month,
        sign_ups_by_activity,
        notes_by_channel,
        notes_by_urgency,
        notes_by_outcome,
        self_tests_social,
        self_tests_emotional,
        visits_by_month,
        stories,
        partner_scores,
        sign_ups_by_target_group: Some(sign_ups_by_target_group),
        response_times,
        trend: Trend::default(),
        wijk_picture,
    })
}

/// Every wijk of table 4 with its offer (residents' activities in the catalogue that
/// are not withdrawn) and reach (the confirmed cell of the table by wijk), flagged by
/// [`WijkPicture::flag`].
async fn wijk_picture(
    conn: &mut sqlx::AnyConnection,
    catalogue: &HashMap<String, (Activity, bool)>,
    by_wijk: &CountTable,
) -> Result<WijkPicture, sqlx::Error> {
    let bodies: Vec<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records WHERE kind = $1 AND deleted = FALSE ORDER BY id",
    )
    .bind("wijk")
    .fetch_all(&mut *conn)
    .await?;
    let wijken: Vec<Wijk> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str(b).ok())
        .collect();
    let mut rows: Vec<WijkRow> = wijken
        .iter()
        .map(|w| WijkRow {
            wijk: w.id.clone(),
            name: w.name.clone(),
            lonely: tenths_of(w.lonely),
            severely_lonely: tenths_of(w.severely_lonely),
            activities: u32::try_from(
                catalogue
                    .values()
                    .filter(|(a, live)| {
                        *live && a.audience.is_residents() && a.wijk.as_deref() == Some(&w.id)
                    })
                    .count(),
            )
            .unwrap_or(u32::MAX),
            sign_ups: by_wijk.cell(&w.id, "confirmed").unwrap_or(Shown::Small),
            flagged: false,
        })
        .collect();
    WijkPicture::flag(&mut rows);
    let source = wijken
        .first()
        .map(|w| format!("{} ({})", w.source, w.year))
        .unwrap_or_default();
    Ok(WijkPicture { rows, source })
}
