//! Vertellen (issue 18, chapter 8): stories about the programme's impact, and the
//! kernteam partners' half-yearly scores. Stories hold no resident's name and are read
//! back without their author; a partner's survey is opened by a one-time link whose
//! token the database keeps only as a hash.

use omzien_core::monitoring::{
    ActionChoice, Half, NewStory, NewSurvey, PartnerScores, Scores, Story, SurveyLink,
    LATEST_STORIES,
};
use sqlx::AnyPool;

use crate::auth::{new_token, token_hash};
use crate::catalogue::today_in_hilversum;
use crate::db::{json_field, Flag};
use crate::programme::ProgrammeStoreError;

/// Stores a story; refuses one without consent, text or a known action.
pub async fn add_story(
    pool: &AnyPool,
    story: &NewStory,
    by_user: i64,
) -> Result<i64, ProgrammeStoreError> {
    let problems = story.problems();
    if !problems.is_empty() {
        return Err(ProgrammeStoreError::Refused(problems.join(" ")));
    }
    let Flag(known) =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM programme_actions WHERE id = $1)")
            .bind(&story.action_id)
            .fetch_one(pool)
            .await?;
    if !known {
        return Err(ProgrammeStoreError::Refused(format!(
            "'{}' is geen actie van de agenda.",
            story.action_id
        )));
    }
    let wijk = story
        .wijk
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty());
    if let Some(wijk) = wijk {
        let Flag(known) = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM catalogue_records WHERE kind = 'wijk' AND id = $1)",
        )
        .bind(wijk)
        .fetch_one(pool)
        .await?;
        if !known {
            return Err(ProgrammeStoreError::Refused(format!(
                "'{wijk}' is geen wijk van Hilversum."
            )));
        }
    }
    let id = sqlx::query_scalar(
        "INSERT INTO stories (text, action_id, wijk, consent, day, created_by) \
         VALUES ($1, $2, $3, TRUE, $4, $5) RETURNING id",
    )
    .bind(story.text.trim())
    .bind(&story.action_id)
    .bind(wijk)
    .bind(today_in_hilversum())
    .bind(by_user)
    .fetch_one(pool)
    .await?;
    Ok(id)
}

/// Deletes a story (the programme lead or an admin: a teller withdrew consent, or a
/// name slipped in) and writes who did it to `story_audit` in the same transaction.
/// The text is not kept. `false` when there is no such story.
pub async fn delete_story(pool: &AnyPool, id: i64, by_user: i64) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let deleted = sqlx::query("DELETE FROM stories WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO story_audit (at, user_id, story_id, action) VALUES ($1, $2, $3, 'delete')",
    )
    .bind(crate::auth::iso(crate::auth::now_unix()))
    .bind(by_user)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The agenda's actions by name, in its order.
pub async fn action_choices(pool: &AnyPool) -> Result<Vec<ActionChoice>, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT id, body FROM programme_actions ORDER BY position, id")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, body)| {
            let pillar = json_field(Some(&body), "pillar").and_then(|p| p.as_i64());
            let name = json_field(Some(&body), "name")
                .and_then(|n| n.as_str().map(str::to_owned))
                .unwrap_or_else(|| id.clone());
            ActionChoice {
                id,
                pillar: pillar.and_then(|p| u8::try_from(p).ok()).unwrap_or(0),
                name,
            }
        })
        .collect())
}

/// The half's stories, newest first; at most `limit`.
pub async fn stories(pool: &AnyPool, half: Half, limit: usize) -> Result<Vec<Story>, sqlx::Error> {
    let (start, end) = half.bounds();
    type Row = (i64, String, Option<String>, Option<String>, String);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, text, action_id, wijk, day FROM stories \
         WHERE day >= $1 AND day < $2 ORDER BY day DESC, id DESC LIMIT $3",
    )
    .bind(start)
    .bind(end)
    .bind(i64::try_from(limit).unwrap_or(i64::MAX))
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, text, action_id, wijk, day)| Story {
            id,
            text,
            action_id,
            wijk,
            day,
        })
        .collect())
}

/// The dashboard's latest stories.
pub async fn latest_stories(pool: &AnyPool, half: Half) -> Result<Vec<Story>, sqlx::Error> {
    stories(pool, half, LATEST_STORIES).await
}

/// A new one-time link for a partner and half year. A link not yet answered is
/// replaced (the old one stops working: the programme lead lost it, or sent it to the
/// wrong person); an answered one is not.
pub async fn new_survey(
    pool: &AnyPool,
    survey: &NewSurvey,
    by_user: i64,
) -> Result<SurveyLink, ProgrammeStoreError> {
    let problems = survey.problems();
    if !problems.is_empty() {
        return Err(ProgrammeStoreError::Refused(problems.join(" ")));
    }
    let token = new_token();
    let stored = sqlx::query(
        "INSERT INTO partner_surveys (partner, half, token_hash, created_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (partner, half) DO UPDATE SET token_hash = excluded.token_hash, \
             created_by = excluded.created_by, created_at = excluded.created_at \
         WHERE partner_surveys.answered_at IS NULL",
    )
    .bind(survey.partner.trim())
    .bind(&survey.half)
    .bind(token_hash(&token))
    .bind(by_user)
    .execute(pool)
    .await?;
    if stored.rows_affected() == 0 {
        return Err(ProgrammeStoreError::Refused(format!(
            "{} heeft de vragen over {} al beantwoord; een nieuwe link is niet nodig.",
            survey.partner.trim(),
            survey.half
        )));
    }
    Ok(SurveyLink {
        path: format!("/enquete/{token}"),
    })
}

/// Where a survey link stands.
#[derive(Debug, PartialEq, Eq)]
pub enum SurveyState {
    Unknown,
    Answered,
    Open { partner: String, half: Half },
}

pub async fn survey(pool: &AnyPool, token: &str) -> Result<SurveyState, sqlx::Error> {
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT partner, half, answered_at FROM partner_surveys WHERE token_hash = $1",
    )
    .bind(token_hash(token))
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        None => SurveyState::Unknown,
        Some((_, _, Some(_))) => SurveyState::Answered,
        Some((partner, half, None)) => match Half::parse(&half) {
            Some(half) => SurveyState::Open { partner, half },
            None => SurveyState::Unknown,
        },
    })
}

pub const MAX_COMMENT: usize = 2000;

/// What became of an answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    Stored,
    /// The link was used before: this answer is not stored.
    AlreadyAnswered,
    Unknown,
}

/// Stores the answer, once: the first answer sets `answered_at` and any later one
/// finds it set.
pub async fn answer(
    pool: &AnyPool,
    token: &str,
    scores: Scores,
    comment: &str,
) -> Result<Answer, sqlx::Error> {
    let comment = comment.trim();
    let comment: String = comment.chars().take(MAX_COMMENT).collect();
    let stored = sqlx::query(
        "UPDATE partner_surveys SET results = $1, process = $2, cooperation = $3, comment = $4, \
             answered_at = $5 \
         WHERE token_hash = $6 AND answered_at IS NULL",
    )
    .bind(i64::from(scores.results))
    .bind(i64::from(scores.process))
    .bind(i64::from(scores.cooperation))
    .bind(Some(comment).filter(|c| !c.is_empty()))
    .bind(crate::auth::iso_now())
    .bind(token_hash(token))
    .execute(pool)
    .await?;
    if stored.rows_affected() == 1 {
        return Ok(Answer::Stored);
    }
    Ok(match survey(pool, token).await? {
        SurveyState::Unknown => Answer::Unknown,
        SurveyState::Answered | SurveyState::Open { .. } => Answer::AlreadyAnswered,
    })
}

/// The partners' scores of a half, protected (`PartnerScores::from_answers`).
pub async fn partner_scores(pool: &AnyPool, half: Half) -> Result<PartnerScores, sqlx::Error> {
    let asked: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM partner_surveys WHERE half = $1")
        .bind(half.to_string())
        .fetch_one(pool)
        .await?;
    let rows: Vec<(i64, i64, i64, Option<String>)> = sqlx::query_as(
        "SELECT results, process, cooperation, comment FROM partner_surveys \
         WHERE half = $1 AND answered_at IS NOT NULL",
    )
    .bind(half.to_string())
    .fetch_all(pool)
    .await?;
    let answers: Vec<Scores> = rows
        .iter()
        // A CHECK keeps every score 1 to 10.
        .map(|(results, process, cooperation, _)| Scores {
            results: u8::try_from(*results).unwrap_or(0),
            process: u8::try_from(*process).unwrap_or(0),
            cooperation: u8::try_from(*cooperation).unwrap_or(0),
        })
        .collect();
    let comments = rows.into_iter().filter_map(|r| r.3).collect();
    Ok(PartnerScores::from_answers(
        u32::try_from(asked).unwrap_or(0),
        &answers,
        comments,
    ))
}
