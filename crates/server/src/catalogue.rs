//! The catalogue in SQLite: importing `data/` and answering pulls.

use std::collections::HashSet;
use std::path::Path;

use crate::db::Flag;
use omzien_core::edit::{Freshness, HistoryAction};
use omzien_core::ics::Stamp;
use omzien_core::model::{Activity, Organisation};
use omzien_core::schedule::Date;
use omzien_core::seal::MeldpuntKey;
use omzien_core::wire::{Deleted, PullResponse, RecordKind};
use omzien_core::{Catalogue, CatalogueError};
use serde::Serialize;
use sqlx::{Any, AnyPool, Transaction};

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
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
    #[error("the catalogue breaks {} rule(s):\n  {}", .0.len(), list(.0))]
    Invalid(Vec<CatalogueError>),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("encoding a record: {0}")]
    Encode(#[from] serde_json::Error),
}

fn list(errors: &[CatalogueError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n  ")
}

/// What an import changed; all zeros when the data was already there.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub changed: usize,
    pub deleted: usize,
    /// Records staff made or changed in Omzien, which the import left as they are
    /// (kind, id): the files are only their first version.
    pub kept: Vec<(String, String)>,
}

/// Reads `organisations.json`, `activities.json`, `wijken.json`, `figures.json`,
/// `info.json` and `campaigns.json`.
pub fn read_data_dir(dir: &Path) -> Result<Catalogue, ImportError> {
    fn load<T: serde::de::DeserializeOwned>(dir: &Path, name: &str) -> Result<T, ImportError> {
        let path = dir.join(name);
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(&path).map_err(|source| ImportError::Read {
            path: shown.clone(),
            source,
        })?;
        serde_json::from_str(&text).map_err(|source| ImportError::Parse {
            path: shown,
            source,
        })
    }
    Ok(Catalogue {
        organisations: load(dir, "organisations.json")?,
        activities: load(dir, "activities.json")?,
        wijken: load(dir, "wijken.json")?,
        figures: load(dir, "figures.json")?,
        info_pages: load(dir, "info.json")?,
        campaigns: load(dir, "campaigns.json")?,
        // A server setting, not part of `data/`.
        freshness: Default::default(),
        meldpunt_key: None,
    })
}

/// Makes the stored catalogue equal to `catalogue`, except for records staff made or
/// changed in Omzien: those are kept as they are and listed in the report. Idempotent:
/// records whose content is unchanged keep their version, so a second import changes
/// nothing and the cursor stays put; records no longer present become tombstones.
pub async fn import(pool: &AnyPool, catalogue: &Catalogue) -> Result<ImportReport, ImportError> {
    catalogue.validate().map_err(ImportError::Invalid)?;

    let mut records: Vec<(RecordKind, &str, String)> = Vec::new();
    push_all(
        &mut records,
        RecordKind::Organisation,
        &catalogue.organisations,
        |o| &o.id,
    )?;
    push_all(
        &mut records,
        RecordKind::Activity,
        &catalogue.activities,
        |a| &a.id,
    )?;
    push_all(&mut records, RecordKind::Wijk, &catalogue.wijken, |w| &w.id)?;
    push_all(
        &mut records,
        RecordKind::InfoPage,
        &catalogue.info_pages,
        |p| &p.id,
    )?;
    push_all(
        &mut records,
        RecordKind::Campaign,
        &catalogue.campaigns,
        |c| &c.id,
    )?;
    records.push((
        RecordKind::Figures,
        FIGURES_ID,
        serde_json::to_string(&catalogue.figures)?,
    ));

    let today = today_in_hilversum();
    let mut tx = pool.begin().await?;
    let mut report = ImportReport::default();
    let staff_made: HashSet<(String, String)> =
        sqlx::query_as("SELECT kind, id FROM catalogue_records WHERE staff_edited = TRUE")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .collect();
    let is_staff_made =
        |kind: &str, id: &str| staff_made.contains(&(kind.to_owned(), id.to_owned()));
    for (kind, id, body) in &records {
        if is_staff_made(kind.as_str(), id) {
            report
                .kept
                .push((kind.as_str().to_owned(), (*id).to_owned()));
        } else if upsert(&mut tx, *kind, id, body, &today).await? {
            report.changed += 1;
        }
    }

    let keep: HashSet<(&str, &str)> = records.iter().map(|(k, id, _)| (k.as_str(), *id)).collect();
    // Only what data/ brought: records from another source (`import-hsds`) stay.
    let live: Vec<(String, String)> = sqlx::query_as(
        "SELECT kind, id FROM catalogue_records WHERE deleted = FALSE AND import_source IS NULL",
    )
    .fetch_all(&mut *tx)
    .await?;
    for (kind, id) in live {
        if keep.contains(&(kind.as_str(), id.as_str())) {
            continue;
        }
        if is_staff_made(&kind, &id) {
            report.kept.push((kind, id));
        } else {
            let version = next_version(&mut tx).await?;
            sqlx::query(
                "UPDATE catalogue_records SET deleted = TRUE, body = NULL, version = $1 \
                 WHERE kind = $2 AND id = $3",
            )
            .bind(version)
            .bind(&kind)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
            report.deleted += 1;
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// The one figures record: the comparisons travel as a single document.
const FIGURES_ID: &str = "comparisons";

fn push_all<'a, T: Serialize>(
    into: &mut Vec<(RecordKind, &'a str, String)>,
    kind: RecordKind,
    items: &'a [T],
    id: impl Fn(&'a T) -> &'a String,
) -> Result<(), serde_json::Error> {
    for item in items {
        into.push((kind, id(item).as_str(), serde_json::to_string(item)?));
    }
    Ok(())
}

/// Today's date in Hilversum, `YYYY-MM-DD`.
pub fn today_in_hilversum() -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    Stamp::from_unix_seconds(now)
        .map(|s| String::from(s.amsterdam_date()))
        .unwrap_or_default()
}

/// Writes the record when its body differs; returns whether it did.
async fn upsert(
    tx: &mut Transaction<'_, Any>,
    kind: RecordKind,
    id: &str,
    body: &str,
    today: &str,
) -> Result<bool, sqlx::Error> {
    let current: Option<(Option<String>, Flag)> =
        sqlx::query_as("SELECT body, deleted FROM catalogue_records WHERE kind = $1 AND id = $2")
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    if let Some((Some(old), Flag(false))) = &current {
        if old == body {
            return Ok(false);
        }
    }
    let version = next_version(tx).await?;
    sqlx::query(
        "INSERT INTO catalogue_records (kind, id, body, version, deleted, updated_on) \
         VALUES ($1, $2, $3, $4, FALSE, $5) \
         ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body, \
         version = excluded.version, deleted = FALSE, updated_on = excluded.updated_on",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(body)
    .bind(version)
    .bind(today)
    .execute(&mut **tx)
    .await?;
    Ok(true)
}

/// Stores a record staff made or changed: a new version, so devices pull it (when
/// `published`), marked as staff's so an import leaves it alone.
pub async fn store_staff_record(
    tx: &mut Transaction<'_, Any>,
    kind: RecordKind,
    id: &str,
    body: &str,
    published: bool,
    updated_on: Option<Date>,
) -> Result<(), sqlx::Error> {
    let version = next_version(tx).await?;
    sqlx::query(
        "INSERT INTO catalogue_records \
         (kind, id, body, version, deleted, published, staff_edited, updated_on) \
         VALUES ($1, $2, $3, $4, FALSE, $5, TRUE, $6) \
         ON CONFLICT (kind, id) DO UPDATE SET body = excluded.body, version = excluded.version, \
         deleted = FALSE, published = excluded.published, staff_edited = TRUE, \
         updated_on = COALESCE(excluded.updated_on, catalogue_records.updated_on)",
    )
    .bind(kind.as_str())
    .bind(id)
    .bind(body)
    .bind(version)
    .bind(published)
    .bind(updated_on.map(String::from))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Marks a record withdrawn by staff: devices get a tombstone at their next pull; the
/// body stays for the history, and staff's mark keeps an import from bringing it back.
pub async fn withdraw_record(
    tx: &mut Transaction<'_, Any>,
    kind: RecordKind,
    id: &str,
) -> Result<(), sqlx::Error> {
    let version = next_version(tx).await?;
    sqlx::query(
        "UPDATE catalogue_records SET deleted = TRUE, version = $1, staff_edited = TRUE \
         WHERE kind = $2 AND id = $3",
    )
    .bind(version)
    .bind(kind.as_str())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A live activity as staff may change it: its JSON and whether it is published.
pub async fn live_activity(
    tx: &mut Transaction<'_, Any>,
    id: &str,
) -> Result<Option<(String, bool)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT body, published FROM catalogue_records \
         WHERE kind = 'activity' AND id = $1 AND deleted = FALSE",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
    .map(|row| row.map(|(body, Flag(published))| (body, published)))
}

/// One change by staff to an activity or organisation, for its history.
pub struct HistoryRow<'a> {
    pub kind: RecordKind,
    pub record_id: &'a str,
    pub revision: u32,
    pub action: HistoryAction,
    /// The record after the change, and before it (none for a new one).
    pub body: &'a str,
    pub previous: Option<&'a str>,
    pub user_id: i64,
    /// The push that made it, when a push did.
    pub mutation_id: Option<&'a str>,
}

pub async fn record_history(
    tx: &mut Transaction<'_, Any>,
    row: &HistoryRow<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO catalogue_history (kind, record_id, revision, action, body, previous, \
         user_id, mutation_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(row.kind.as_str())
    .bind(row.record_id)
    .bind(i64::from(row.revision))
    .bind(row.action.as_str())
    .bind(row.body)
    .bind(row.previous)
    .bind(row.user_id)
    .bind(row.mutation_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub(crate) async fn next_version(tx: &mut Transaction<'_, Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE sync_counter SET last_version = last_version + 1 WHERE id = 1 \
         RETURNING last_version",
    )
    .fetch_one(&mut **tx)
    .await
}

/// The newest version; 0 before the first import.
pub async fn current_cursor(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let v: i64 = sqlx::query_scalar("SELECT last_version FROM sync_counter WHERE id = 1")
        .fetch_one(pool)
        .await?;
    Ok(u64::try_from(v).unwrap_or(0))
}

#[derive(Debug, thiserror::Error)]
pub enum PullError {
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error(transparent)]
    Corrupt(#[from] serde_json::Error),
}

/// version, kind, id, body (none once deleted), deleted, updated_on.
type PulledRow = (i64, String, String, Option<String>, Flag, Option<String>);

/// What changed after `cursor`, at most `page` records of it, oldest change first. A
/// cursor from the future (the database was replaced since the client last pulled)
/// gets the catalogue from the start with `reset`. With `more`, the answer's cursor is
/// the version of its last record: the next page starts after it.
pub async fn pull(
    pool: &AnyPool,
    cursor: u64,
    freshness: Freshness,
    page: usize,
) -> Result<PullResponse, PullError> {
    let page = page.max(1);
    // One transaction, so the cursor we hand out matches the rows we read.
    let mut tx = pool.begin().await?;
    let last: i64 = sqlx::query_scalar("SELECT last_version FROM sync_counter WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    let last = u64::try_from(last).unwrap_or(0);
    // From 0 the answer is everything, so "drop what you had" is always right; it also
    // lets an app that must start over (a newer app version, see src/store/) just ask
    // from 0. Only a first page can be from 0: the next ones start at its cursor.
    let reset = cursor == 0 || cursor > last;
    let since = if reset { 0 } else { cursor };
    let since_db = i64::try_from(since).unwrap_or(i64::MAX);

    // One row more than a page, to know whether another page follows.
    let mut rows: Vec<PulledRow> = sqlx::query_as(
        "SELECT version, kind, id, body, deleted, updated_on FROM catalogue_records \
         WHERE version > $1 AND published = TRUE ORDER BY version LIMIT $2",
    )
    .bind(since_db)
    .bind(i64::try_from(page).unwrap_or(i64::MAX).saturating_add(1))
    .fetch_all(&mut *tx)
    .await?;
    let meldpunt_key: Option<(String, String)> =
        sqlx::query_as("SELECT id, public_key FROM meldpunt_keys ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    tx.commit().await?;

    let more = rows.len() > page;
    rows.truncate(page);
    let cursor = match rows.last() {
        Some((version, ..)) if more => u64::try_from(*version).unwrap_or(last),
        _ => last,
    };
    let mut response = PullResponse {
        cursor,
        more,
        reset,
        freshness,
        meldpunt_key: meldpunt_key.map(|(id, public_key)| MeldpuntKey { id, public_key }),
        ..PullResponse::default()
    };
    for (_, kind, id, body, Flag(deleted), updated_on) in rows {
        let Some(kind) = RecordKind::parse(&kind) else {
            continue; // the CHECK constraint makes this unreachable
        };
        match (deleted, body) {
            // A client starting from nothing has nothing to delete.
            (true, _) if since == 0 => {}
            (true, _) | (false, None) => response.deleted.push(Deleted { kind, id }),
            (false, Some(body)) => match kind {
                RecordKind::Organisation => {
                    response.organisations.push(serde_json::from_str(&body)?)
                }
                RecordKind::Activity => {
                    let mut activity: Activity = serde_json::from_str(&body)?;
                    // The column is the truth: confirming changes it, not the body.
                    activity.updated_on = updated_on.and_then(|d| Date::try_from(d).ok());
                    response.activities.push(activity);
                }
                RecordKind::Wijk => response.wijken.push(serde_json::from_str(&body)?),
                RecordKind::Figures => response.figures = Some(serde_json::from_str(&body)?),
                RecordKind::InfoPage => response.info_pages.push(serde_json::from_str(&body)?),
                RecordKind::Campaign => response.campaigns.push(serde_json::from_str(&body)?),
                RecordKind::Unknown => {} // `parse` never returns it
            },
        }
    }
    Ok(response)
}

/// A published, not withdrawn activity with its organisation (when that is live too),
/// for the light page (`http/light_page.rs`). `None` for anything a resident may not see.
pub async fn published_activity(
    pool: &AnyPool,
    id: &str,
) -> Result<Option<(Activity, Option<Organisation>)>, PublishedError> {
    // No id holds a NUL, and PostgreSQL refuses one in a query's text.
    if id.contains('\0') {
        return Ok(None);
    }
    let body: Option<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records \
         WHERE kind = 'activity' AND id = $1 AND deleted = FALSE AND published = TRUE",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(body) = body else {
        return Ok(None);
    };
    let activity: Activity = serde_json::from_str(&body)?;
    let organisation: Option<String> = sqlx::query_scalar(
        "SELECT body FROM catalogue_records \
         WHERE kind = 'organisation' AND id = $1 AND deleted = FALSE AND published = TRUE",
    )
    .bind(&activity.organisation_id)
    .fetch_optional(pool)
    .await?;
    let organisation = organisation
        .map(|body| serde_json::from_str(&body))
        .transpose()?;
    Ok(Some((activity, organisation)))
}

#[derive(Debug, thiserror::Error)]
pub enum PublishedError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("stored record is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}
