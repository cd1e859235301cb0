//! Pull pages, each built and compressed once per catalogue version and then served to
//! every device that asks for it: a hundred kiosks starting fresh ask for the same
//! pages, and at 10,000 activities building one full pull took about 100 ms and
//! compressing it another 100–160 ms per request (issue 19).
//!
//! A page is fully named by where it starts (the cursor asked for, 0 for a reset), the
//! catalogue's version counter and the meldpunt's newest key (which does not move the
//! counter). When the counter moves, the old pages go.

use std::collections::HashMap;
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use omzien_core::edit::Freshness;
use sqlx::AnyPool;
use tokio::sync::OnceCell;

use crate::catalogue::{self, PullError};

/// Records per page. At 10,000 activities a page of 1,000 is about 1 MB of JSON and
/// 80 KB brotli: few enough round trips, and a page an old tablet writes to IndexedDB
/// in one short transaction.
pub const DEFAULT_PAGE: usize = 1000;

/// Pages kept at most; small pulls from many different cursors must not fill memory.
const MAX_PAGES: usize = 256;

/// Brotli quality 9: at 1 MB of JSON close to the best size, yet a few tens of ms,
/// paid once per page and catalogue version.
const BROTLI_QUALITY: u32 = 9;
const BROTLI_WINDOW: u32 = 22;

/// How a page goes over the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    /// The best one an `Accept-Encoding` header allows; brotli first.
    pub fn choose(accept: Option<&str>) -> Encoding {
        let accepted = |name: &str| {
            accept.is_some_and(|accept| {
                accept.split(',').any(|part| {
                    let mut pieces = part.split(';').map(str::trim);
                    let coding = pieces.next().unwrap_or_default();
                    let refused = pieces.any(|p| {
                        p.strip_prefix("q=")
                            .and_then(|q| q.trim().parse::<f32>().ok())
                            .is_some_and(|q| q <= 0.0)
                    });
                    coding.eq_ignore_ascii_case(name) && !refused
                })
            })
        };
        if accepted("br") {
            Encoding::Brotli
        } else if accepted("gzip") {
            Encoding::Gzip
        } else {
            Encoding::Identity
        }
    }

    pub fn header(self) -> Option<&'static str> {
        match self {
            Encoding::Brotli => Some("br"),
            Encoding::Gzip => Some("gzip"),
            Encoding::Identity => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Key {
    since: u64,
    version: u64,
    meldpunt_key: Option<String>,
}

/// One page: its JSON, and each compressed form once it was first asked for.
pub struct Page {
    json: Bytes,
    brotli: OnceCell<Bytes>,
    gzip: OnceCell<Bytes>,
}

impl Page {
    /// The page's bytes in `encoding`, compressing it the first time.
    pub async fn bytes(&self, encoding: Encoding) -> Result<Bytes, PagesError> {
        let cell = match encoding {
            Encoding::Identity => return Ok(self.json.clone()),
            Encoding::Brotli => &self.brotli,
            Encoding::Gzip => &self.gzip,
        };
        cell.get_or_try_init(|| {
            let json = self.json.clone();
            async move {
                tokio::task::spawn_blocking(move || compress(&json, encoding))
                    .await
                    .map_err(|_| PagesError::Compress)?
            }
        })
        .await
        .cloned()
    }
}

fn compress(json: &[u8], encoding: Encoding) -> Result<Bytes, PagesError> {
    let started = Instant::now();
    let mut out = Vec::with_capacity(json.len() / 8);
    match encoding {
        Encoding::Brotli => {
            let mut writer =
                brotli::CompressorWriter::new(&mut out, 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW);
            writer.write_all(json).map_err(|_| PagesError::Compress)?;
            writer.flush().map_err(|_| PagesError::Compress)?;
        }
        Encoding::Gzip => {
            let mut writer = flate2::write::GzEncoder::new(&mut out, flate2::Compression::new(6));
            writer.write_all(json).map_err(|_| PagesError::Compress)?;
            writer.finish().map_err(|_| PagesError::Compress)?;
        }
        Encoding::Identity => out.extend_from_slice(json),
    }
    tracing::debug!(
        ?encoding,
        json = json.len(),
        compressed = out.len(),
        ms = started.elapsed().as_secs_f64() * 1000.0,
        "pull page compressed"
    );
    Ok(Bytes::from(out))
}

#[derive(Debug, thiserror::Error)]
pub enum PagesError {
    #[error(transparent)]
    Pull(#[from] PullError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("encoding a pull page: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("compressing a pull page failed")]
    Compress,
    #[error("the pull page cache was poisoned by a panic")]
    Poisoned,
}

/// The pages of the current catalogue version.
pub struct PullPages {
    page: usize,
    pages: Mutex<HashMap<Key, Arc<OnceCell<Arc<Page>>>>>,
}

impl Default for PullPages {
    fn default() -> Self {
        PullPages::new(DEFAULT_PAGE)
    }
}

impl PullPages {
    pub fn new(page: usize) -> Self {
        PullPages {
            page: page.max(1),
            pages: Mutex::default(),
        }
    }

    pub fn page_size(&self) -> usize {
        self.page
    }

    /// The page that starts after `cursor`, built once for everyone who asks for it.
    pub async fn get(
        &self,
        pool: &AnyPool,
        cursor: u64,
        freshness: Freshness,
    ) -> Result<Arc<Page>, PagesError> {
        let mut tx = pool.begin().await?;
        let version: i64 = sqlx::query_scalar("SELECT last_version FROM sync_counter WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let meldpunt_key: Option<String> =
            sqlx::query_scalar("SELECT id FROM meldpunt_keys ORDER BY seq DESC LIMIT 1")
                .fetch_optional(&mut *tx)
                .await?;
        tx.commit().await?;
        let version = u64::try_from(version).unwrap_or(0);
        let key = Key {
            // A cursor from the future is answered as one from 0 (`catalogue::pull`).
            since: if cursor > version { 0 } else { cursor },
            version,
            meldpunt_key,
        };
        let cell = {
            let mut pages = self.pages.lock().map_err(|_| PagesError::Poisoned)?;
            if !pages.contains_key(&key) {
                pages.retain(|k, _| k.version == version);
                if pages.len() >= MAX_PAGES {
                    pages.clear();
                }
            }
            pages.entry(key.clone()).or_default().clone()
        };
        let page = cell
            .get_or_try_init(|| async {
                let started = Instant::now();
                let response = catalogue::pull(pool, key.since, freshness, self.page).await?;
                let json = serde_json::to_vec(&response)?;
                tracing::debug!(
                    since = key.since,
                    bytes = json.len(),
                    ms = started.elapsed().as_secs_f64() * 1000.0,
                    "pull page built"
                );
                Ok::<_, PagesError>(Arc::new(Page {
                    json: Bytes::from(json),
                    brotli: OnceCell::new(),
                    gzip: OnceCell::new(),
                }))
            })
            .await?;
        Ok(page.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::Encoding;

    #[test]
    fn brotli_first_then_gzip_then_none() {
        assert_eq!(
            Encoding::choose(Some("gzip, deflate, br")),
            Encoding::Brotli
        );
        assert_eq!(Encoding::choose(Some("gzip;q=1.0, br;q=0")), Encoding::Gzip);
        assert_eq!(Encoding::choose(Some("deflate")), Encoding::Identity);
        assert_eq!(Encoding::choose(None), Encoding::Identity);
        assert_eq!(Encoding::choose(Some("zstd, BR")), Encoding::Brotli);
    }
}
