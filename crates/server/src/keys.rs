//! The meldpunt's keys (docs/decisions.md "Sealed notes"): what the server keeps so that
//! coordinators can unlock triage in their browsers, and nothing that opens a note.
//!
//! The server stores public keys, each coordinator's own private key wrapped under her
//! passphrase, and the meldpunt's private keys sealed to each coordinator's own public
//! key. It checks who may do what (only a coordinator who can read the notes makes a
//! new key or gives access) and that every shape is right; the cryptography's checks
//! are in the browsers that open them.

use std::collections::HashSet;

use omzien_core::note::NoteBody;
use omzien_core::seal::{
    seal_body, well_formed_id, Colleague, CoordinatorKey, KeyEntry, KeyGrant, KeyRing, MeldpuntKey,
    NewMeldpuntKey, SystemRng,
};
use omzien_core::staff::Role;
use sqlx::{AnyConnection, AnyPool};

use crate::auth::iso;
use crate::auth::Staff;
use crate::db::Flag;

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    /// The request is malformed; worded for the coordinator.
    #[error("{0}")]
    Invalid(String),
    /// Not allowed now; worded for the coordinator.
    #[error("{0}")]
    Refused(String),
    #[error("sealing a stored note failed: {0}")]
    Seal(String),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    #[error("a stored key is not valid JSON: {0}")]
    Corrupt(#[from] serde_json::Error),
}

const NEEDS_ACCESS: &str =
    "Alleen een coördinator die de meldingen kan lezen, kan dit doen. Ontgrendel eerst het meldpunt.";

/// What the asking coordinator needs: her own wrapped key, every meldpunt key with her
/// grant of it, and her colleagues.
pub async fn ring(pool: &AnyPool, staff: &Staff) -> Result<KeyRing, KeyError> {
    let mut conn = pool.acquire().await?;
    let own: Option<(String, String)> =
        sqlx::query_as("SELECT public_key, wrapped FROM coordinator_keys WHERE user_id = $1")
            .bind(staff.user_id)
            .fetch_optional(&mut *conn)
            .await?;
    let own = match own {
        Some((public_key, wrapped)) => Some(CoordinatorKey {
            public_key,
            wrapped: serde_json::from_str(&wrapped)?,
        }),
        None => None,
    };
    let rows: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT k.id, k.public_key, k.created_at, g.sealed FROM meldpunt_keys k \
         LEFT JOIN meldpunt_key_grants g ON g.key_id = k.id AND g.user_id = $1 ORDER BY k.seq",
    )
    .bind(staff.user_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut keys = Vec::with_capacity(rows.len());
    for (id, public_key, created_at, sealed) in rows {
        keys.push(KeyEntry {
            id,
            public_key,
            created_at,
            sealed_for_me: sealed.map(|s| serde_json::from_str(&s)).transpose()?,
        });
    }
    let colleagues = colleagues(&mut conn).await?;
    Ok(KeyRing {
        own,
        keys,
        colleagues,
    })
}

async fn colleagues(conn: &mut AnyConnection) -> Result<Vec<Colleague>, KeyError> {
    let rows: Vec<(i64, String, String, Option<String>, Flag)> = sqlx::query_as(
        "SELECT u.id, u.email, u.role, c.public_key, EXISTS (SELECT 1 FROM meldpunt_key_grants g \
         WHERE g.user_id = u.id AND g.key_id = (SELECT id FROM meldpunt_keys ORDER BY seq DESC LIMIT 1)) \
         FROM users u LEFT JOIN coordinator_keys c ON c.user_id = u.id \
         WHERE u.disabled = FALSE ORDER BY u.email",
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, role, _, _)| Role::parse(role).is_some_and(Role::can_triage))
        .map(
            |(user_id, email, _, public_key, Flag(has_access))| Colleague {
                user_id,
                email,
                public_key,
                has_access,
            },
        )
        .collect())
}

async fn log(
    conn: &mut AnyConnection,
    staff: &Staff,
    action: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO meldpunt_key_log (at, user_id, action, detail) VALUES ($1, $2, $3, $4)",
    )
    .bind(iso(crate::auth::now_unix()))
    .bind(staff.user_id)
    .bind(action)
    .bind(detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Keeps a coordinator's own key, wrapped under the passphrase she chose. A new one
/// replaces the old (a forgotten passphrase): her grants were sealed to the old key,
/// so they go, and a colleague gives her access again.
pub async fn set_own(pool: &AnyPool, staff: &Staff, key: &CoordinatorKey) -> Result<(), KeyError> {
    if !key.well_formed() {
        return Err(KeyError::Invalid(
            "Deze sleutel heeft niet de goede vorm.".to_owned(),
        ));
    }
    let mut tx = crate::db::write(pool).await?;
    let replaced = sqlx::query("DELETE FROM meldpunt_key_grants WHERE user_id = $1")
        .bind(staff.user_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query(
        "INSERT INTO coordinator_keys (user_id, public_key, wrapped, created_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id) DO UPDATE SET public_key = excluded.public_key, \
         wrapped = excluded.wrapped, created_at = excluded.created_at",
    )
    .bind(staff.user_id)
    .bind(&key.public_key)
    .bind(serde_json::to_string(&key.wrapped)?)
    .bind(crate::auth::iso_now())
    .execute(&mut *tx)
    .await?;
    let detail = format!("{replaced} grants dropped");
    log(&mut tx, staff, "passphrase", &detail).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks grants against who may hold them, and stores them.
async fn store_grants(
    conn: &mut AnyConnection,
    staff: &Staff,
    grants: &[KeyGrant],
) -> Result<(), KeyError> {
    for grant in grants {
        if !well_formed_id(&grant.key_id) || !grant.sealed.well_formed() {
            return Err(KeyError::Invalid(
                "Een sleutel voor een collega heeft niet de goede vorm.".to_owned(),
            ));
        }
        let holder: Option<(String, Flag, Flag)> = sqlx::query_as(
            "SELECT u.role, u.disabled, EXISTS (SELECT 1 FROM coordinator_keys c WHERE c.user_id = u.id) \
             FROM users u WHERE u.id = $1",
        )
        .bind(grant.user_id)
        .fetch_optional(&mut *conn)
        .await?;
        match holder {
            Some((role, Flag(false), Flag(true)))
                if Role::parse(&role).is_some_and(Role::can_triage) => {}
            _ => return Err(KeyError::Invalid(
                "Je kunt alleen toegang geven aan een coördinator die al een wachtwoordzin koos."
                    .to_owned(),
            )),
        }
        sqlx::query(
            "INSERT INTO meldpunt_key_grants (key_id, user_id, sealed, granted_by, granted_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key_id, user_id) DO UPDATE SET \
             sealed = excluded.sealed, granted_by = excluded.granted_by, granted_at = excluded.granted_at",
        )
        .bind(&grant.key_id)
        .bind(grant.user_id)
        .bind(serde_json::to_string(&grant.sealed)?)
        .bind(staff.user_id)
        .bind(iso(crate::auth::now_unix()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn holds(conn: &mut AnyConnection, user: i64, key_id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM meldpunt_key_grants WHERE user_id = $1 AND key_id = $2)",
    )
    .bind(user)
    .bind(key_id)
    .fetch_one(&mut *conn)
    .await
    .map(|Flag(holds)| holds)
}

/// The meldpunt's first key, or a new one for new notes (old keys stay, for old
/// notes). Only a coordinator with her own key may make the first; a new one only a
/// coordinator who holds the newest, and it must be given to everyone who holds that.
/// With the first key, bodies still kept in the clear are sealed to it.
pub async fn new_key(
    pool: &AnyPool,
    staff: &Staff,
    request: &NewMeldpuntKey,
) -> Result<usize, KeyError> {
    let key = &request.key;
    let probe = seal_body(key, &key.id, &(), &mut SystemRng);
    if !well_formed_id(&key.id) || key.public_key.len() != 64 || probe.is_err() {
        return Err(KeyError::Invalid(
            "Deze sleutel heeft niet de goede vorm.".to_owned(),
        ));
    }
    if request.grants.iter().any(|g| g.key_id != key.id) {
        return Err(KeyError::Invalid(
            "Elke toegang moet voor de nieuwe sleutel zijn.".to_owned(),
        ));
    }
    let mut tx = crate::db::write(pool).await?;
    let newest: Option<(String, i64)> =
        sqlx::query_as("SELECT id, seq FROM meldpunt_keys ORDER BY seq DESC LIMIT 1")
            .fetch_optional(&mut *tx)
            .await?;
    let given: HashSet<i64> = request.grants.iter().map(|g| g.user_id).collect();
    if !given.contains(&staff.user_id) {
        return Err(KeyError::Invalid(
            "Geef de nieuwe sleutel ook aan jezelf.".to_owned(),
        ));
    }
    if let Some((newest_id, _)) = &newest {
        if !holds(&mut tx, staff.user_id, newest_id).await? {
            return Err(KeyError::Refused(NEEDS_ACCESS.to_owned()));
        }
        let holders: Vec<i64> = sqlx::query_scalar(
            "SELECT g.user_id FROM meldpunt_key_grants g JOIN users u ON u.id = g.user_id \
             WHERE g.key_id = $1 AND u.disabled = FALSE",
        )
        .bind(newest_id)
        .fetch_all(&mut *tx)
        .await?;
        if holders.iter().any(|h| !given.contains(h)) {
            return Err(KeyError::Refused(
                "Geef de nieuwe sleutel aan iedereen die nu toegang heeft.".to_owned(),
            ));
        }
    }
    let Flag(taken) =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM meldpunt_keys WHERE id = $1)")
            .bind(&key.id)
            .fetch_one(&mut *tx)
            .await?;
    if taken {
        return Err(KeyError::Refused("Deze sleutel is er al.".to_owned()));
    }
    let seq = newest.as_ref().map_or(1, |(_, seq)| seq + 1);
    sqlx::query(
        "INSERT INTO meldpunt_keys (id, public_key, seq, created_by, created_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&key.id)
    .bind(key.public_key.to_ascii_lowercase())
    .bind(seq)
    .bind(staff.user_id)
    .bind(iso(crate::auth::now_unix()))
    .execute(&mut *tx)
    .await?;
    store_grants(&mut tx, staff, &request.grants).await?;
    // Devices pull only when the cursor moved: a new key is a change they must pull.
    sqlx::query("UPDATE sync_counter SET last_version = last_version + 1 WHERE id = 1")
        .execute(&mut *tx)
        .await?;
    let sealed = if newest.is_none() {
        seal_plain_bodies(&mut tx, key).await?
    } else {
        0
    };
    let detail = format!(
        "{} ({} grants, {sealed} stored notes sealed)",
        key.id,
        request.grants.len()
    );
    log(&mut tx, staff, "new_key", &detail).await?;
    tx.commit().await?;
    if sealed > 0 {
        // SQLite: the plain bodies were overwritten in place (`secure_delete`, db.rs);
        // this moves the new pages from the write-ahead log into the file and empties
        // the log, so no copy of the old text is left in either. PostgreSQL keeps the
        // old row versions in the table's file until it is rewritten, so it is
        // rewritten; its write-ahead log keeps them until the log is recycled
        // (docs/deploy.md).
        let wipe = if crate::db::pool_is_postgres(pool) {
            "VACUUM FULL concern_note_bodies"
        } else {
            "PRAGMA wal_checkpoint(TRUNCATE)"
        };
        sqlx::query(wipe).execute(pool).await?;
    }
    Ok(sealed)
}

/// Seals every body kept in the clear (from before the meldpunt had a key) to `key`.
async fn seal_plain_bodies(conn: &mut AnyConnection, key: &MeldpuntKey) -> Result<usize, KeyError> {
    let plain: Vec<(String, String)> =
        sqlx::query_as("SELECT note_id, body FROM concern_note_bodies WHERE sealed = FALSE")
            .fetch_all(&mut *conn)
            .await?;
    for (id, body) in &plain {
        let body: NoteBody = serde_json::from_str(body)?;
        let envelope =
            seal_body(key, id, &body, &mut SystemRng).map_err(|e| KeyError::Seal(e.to_string()))?;
        sqlx::query("UPDATE concern_note_bodies SET body = $1, sealed = TRUE WHERE note_id = $2")
            .bind(serde_json::to_string(&envelope)?)
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(plain.len())
}

/// Gives colleagues meldpunt keys, sealed to their own keys in the giver's browser.
/// The giver must hold every key she gives.
pub async fn grant(pool: &AnyPool, staff: &Staff, grants: &[KeyGrant]) -> Result<(), KeyError> {
    if grants.is_empty() {
        return Err(KeyError::Invalid("Er is niets om te geven.".to_owned()));
    }
    let mut tx = crate::db::write(pool).await?;
    for grant in grants {
        if !holds(&mut tx, staff.user_id, &grant.key_id).await? {
            return Err(KeyError::Refused(NEEDS_ACCESS.to_owned()));
        }
    }
    store_grants(&mut tx, staff, grants).await?;
    let mut users: Vec<String> = grants.iter().map(|g| g.user_id.to_string()).collect();
    users.dedup();
    let detail = format!("{} keys to user {}", grants.len(), users.join(", "));
    log(&mut tx, staff, "grant", &detail).await?;
    tx.commit().await?;
    Ok(())
}
