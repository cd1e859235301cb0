//! The agenda's actions on the server (issue 18): seeded from `data/actions.json` and
//! `data/budget.json` at every start and import, kept by the programme lead (planning,
//! expected reach, milestones) and linked to the activities that serve them.
//!
//! An import replaces what the files say (an action's name, description, target group,
//! the budget) and never what the programme lead keeps beside it: her planning,
//! expectations and milestones, and the links, live in columns and tables of their own.

use std::path::Path;

use omzien_core::monitoring::{ActionEdit, ActionPlan, Expectation, Measure, Milestone, Programme};
use omzien_core::programme::{Action, Actions, Budget, Pillar, ProgrammeError};
use sqlx::AnyPool;

use crate::catalogue::today_in_hilversum;
use crate::db::Flag;

#[derive(Debug, thiserror::Error)]
pub enum ProgrammeStoreError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid: {source}")]
    Parse {
        path: String,
        source: serde_json::Error,
    },
    #[error("the programme data is not consistent: {0}")]
    Invalid(#[from] ProgrammeError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored programme record is not valid JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("no such action")]
    NoSuchAction,
    #[error("no such activity")]
    NoSuchActivity,
    #[error("{0}")]
    Refused(String),
}

/// Reads and checks `actions.json` and `budget.json`.
pub fn read_data_dir(dir: &Path) -> Result<(Actions, Budget), ProgrammeStoreError> {
    fn load<T: serde::de::DeserializeOwned>(
        dir: &Path,
        name: &str,
    ) -> Result<T, ProgrammeStoreError> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|source| ProgrammeStoreError::Read {
            path: shown.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| ProgrammeStoreError::Parse {
            path: shown,
            source,
        })
    }
    let actions: Actions = load(dir, "actions.json")?;
    let budget: Budget = load(dir, "budget.json")?;
    actions.check()?;
    budget.check()?;
    Ok((actions, budget))
}

/// What a seed did: actions gone from the file that were kept because the programme
/// lead had planned them or linked activities to them.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub kept: Vec<String>,
}

/// Makes the stored agenda say what the files say, keeping the programme lead's own.
/// Safe to repeat.
pub async fn seed(
    pool: &AnyPool,
    actions: &Actions,
    budget: &Budget,
) -> Result<SeedReport, ProgrammeStoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM programme_pillars")
        .execute(&mut *tx)
        .await?;
    for pillar in &actions.pillars {
        sqlx::query("INSERT INTO programme_pillars (number, body) VALUES ($1, $2)")
            .bind(i64::from(pillar.number))
            .bind(serde_json::to_string(pillar)?)
            .execute(&mut *tx)
            .await?;
    }
    for (position, action) in actions.actions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO programme_actions (id, position, body) VALUES ($1, $2, $3) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, body = excluded.body",
        )
        .bind(&action.id)
        .bind(position as i64)
        .bind(serde_json::to_string(action)?)
        .execute(&mut *tx)
        .await?;
    }
    let stored: Vec<(String, Flag)> = sqlx::query_as(
        "SELECT a.id, a.planning IS NOT NULL \
             OR EXISTS (SELECT 1 FROM action_expectations e WHERE e.action_id = a.id) \
             OR EXISTS (SELECT 1 FROM action_milestones m WHERE m.action_id = a.id) \
             OR EXISTS (SELECT 1 FROM activity_actions l WHERE l.action_id = a.id) \
         FROM programme_actions a",
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut report = SeedReport::default();
    for (id, Flag(kept_by_lead)) in stored {
        if actions.actions.iter().any(|a| a.id == id) {
            continue;
        }
        if kept_by_lead {
            report.kept.push(id);
        } else {
            sqlx::query("DELETE FROM programme_actions WHERE id = $1")
                .bind(&id)
                .execute(&mut *tx)
                .await?;
        }
    }
    for (name, body) in [
        ("budget", serde_json::to_string(budget)?),
        ("source", serde_json::to_string(&actions.source)?),
    ] {
        sqlx::query(
            "INSERT INTO programme_documents (name, body) VALUES ($1, $2) \
             ON CONFLICT (name) DO UPDATE SET body = excluded.body",
        )
        .bind(name)
        .bind(body)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(report)
}

/// The agenda as kept, with every action's expectations, milestones and activities.
pub async fn programme(pool: &AnyPool) -> Result<Programme, ProgrammeStoreError> {
    let mut conn = pool.acquire().await?;
    let pillars: Vec<(String,)> =
        sqlx::query_as("SELECT body FROM programme_pillars ORDER BY number")
            .fetch_all(&mut *conn)
            .await?;
    let pillars = pillars
        .into_iter()
        .map(|(body,)| serde_json::from_str::<Pillar>(&body))
        .collect::<Result<Vec<_>, _>>()?;
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT id, body, planning FROM programme_actions ORDER BY position, id")
            .fetch_all(&mut *conn)
            .await?;
    let expectations: Vec<(String, String, String, i64, Option<i64>)> = sqlx::query_as(
        "SELECT action_id, half, measure, count, counted FROM action_expectations \
         ORDER BY half, measure",
    )
    .fetch_all(&mut *conn)
    .await?;
    let milestones: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT action_id, name, due, done FROM action_milestones ORDER BY position, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let links: Vec<(String, String)> =
        sqlx::query_as("SELECT action_id, activity_id FROM activity_actions ORDER BY activity_id")
            .fetch_all(&mut *conn)
            .await?;
    let mut actions = Vec::with_capacity(rows.len());
    for (id, body, planning) in rows {
        let mut action: Action = serde_json::from_str(&body)?;
        if let Some(planning) = planning {
            action.planning = planning;
        }
        actions.push(ActionPlan {
            expectations: expectations
                .iter()
                .filter(|e| e.0 == id)
                .filter_map(|(_, half, measure, count, counted)| {
                    Some(Expectation {
                        half: half.clone(),
                        measure: Measure::parse(measure)?,
                        count: u32::try_from(*count).ok()?,
                        counted: counted.and_then(|n| u32::try_from(n).ok()),
                    })
                })
                .collect(),
            milestones: milestones
                .iter()
                .filter(|m| m.0 == id)
                .map(|(_, name, due, done)| Milestone {
                    name: name.clone(),
                    due: due.clone(),
                    done: done.clone(),
                })
                .collect(),
            activities: links
                .iter()
                .filter(|l| l.0 == id)
                .map(|l| l.1.clone())
                .collect(),
            action,
        });
    }
    let document = |name: &'static str| async move {
        sqlx::query_scalar::<_, String>("SELECT body FROM programme_documents WHERE name = $1")
            .bind(name)
            .fetch_one(pool)
            .await
    };
    let budget: Budget = serde_json::from_str(&document("budget").await?)?;
    let source: String = serde_json::from_str(&document("source").await?)?;
    Ok(Programme {
        source,
        pillars,
        actions,
        budget,
        today: today_in_hilversum(),
    })
}

/// Replaces what the programme lead keeps of an action.
pub async fn edit_action(
    pool: &AnyPool,
    id: &str,
    edit: &ActionEdit,
    by_user: i64,
) -> Result<(), ProgrammeStoreError> {
    let problems = edit.problems();
    if !problems.is_empty() {
        return Err(ProgrammeStoreError::Refused(problems.join(" ")));
    }
    let mut tx = pool.begin().await?;
    let body: String = sqlx::query_scalar("SELECT body FROM programme_actions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(ProgrammeStoreError::NoSuchAction)?;
    let file_planning =
        crate::db::json_field(Some(&body), "planning").and_then(|p| p.as_str().map(str::to_owned));
    // The file's own words are no edit: an import may still change them.
    let planning = edit.planning.trim();
    let planning = (file_planning.as_deref() != Some(planning)).then_some(planning);
    sqlx::query(
        "UPDATE programme_actions SET planning = $1, edited_by = $2, edited_at = $3 \
         WHERE id = $4",
    )
    .bind(planning)
    .bind(by_user)
    .bind(crate::auth::iso_now())
    .bind(id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM action_expectations WHERE action_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for e in &edit.expectations {
        sqlx::query(
            "INSERT INTO action_expectations (action_id, half, measure, count, counted) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(&e.half)
        .bind(e.measure.as_str())
        .bind(i64::from(e.count))
        .bind(e.counted.map(i64::from))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("DELETE FROM action_milestones WHERE action_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    for (position, m) in edit.milestones.iter().enumerate() {
        sqlx::query(
            "INSERT INTO action_milestones (action_id, position, name, due, done) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(m.name.trim())
        .bind(&m.due)
        .bind(&m.done)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Links an activity to the action it serves, or unlinks it.
pub async fn link_activity(
    pool: &AnyPool,
    activity_id: &str,
    action_id: Option<&str>,
    by_user: i64,
) -> Result<(), ProgrammeStoreError> {
    let mut tx = pool.begin().await?;
    let exists: Option<i64> = sqlx::query_scalar(
        "SELECT 1 FROM catalogue_records WHERE kind = 'activity' AND id = $1 AND deleted = FALSE",
    )
    .bind(activity_id)
    .fetch_optional(&mut *tx)
    .await?;
    if exists.is_none() {
        return Err(ProgrammeStoreError::NoSuchActivity);
    }
    match action_id {
        None => {
            sqlx::query("DELETE FROM activity_actions WHERE activity_id = $1")
                .bind(activity_id)
                .execute(&mut *tx)
                .await?;
        }
        Some(action_id) => {
            let known: Option<i64> =
                sqlx::query_scalar("SELECT 1 FROM programme_actions WHERE id = $1")
                    .bind(action_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            if known.is_none() {
                return Err(ProgrammeStoreError::Refused(format!(
                    "De actie '{action_id}' bestaat niet in de uitvoeringsagenda."
                )));
            }
            sqlx::query(
                "INSERT INTO activity_actions (activity_id, action_id, set_by, set_at) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (activity_id) DO UPDATE SET action_id = excluded.action_id, \
                 set_by = excluded.set_by, set_at = excluded.set_at",
            )
            .bind(activity_id)
            .bind(action_id)
            .bind(by_user)
            .bind(crate::auth::iso_now())
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}
