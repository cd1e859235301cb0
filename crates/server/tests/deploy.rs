//! What docs/deploy.md promises, with real `omzien-server` processes on a real
//! PostgreSQL: two instances on one database (every sign-up pushed to both at once, and
//! still each mutation has one effect and no place is given twice), and a backup with
//! `pg_dump` restored with `pg_restore` into a database a server then runs on. Needs
//! `OMZIEN_TEST_PG_URL` (`make test-server` sets it); without it these say so and pass.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{client, new_pg_database, repo_data, uuid};
use omzien_core::signup::{Channel, SignUpRequest};
use omzien_core::wire::{Change, Mutation, Outcome, PushRequest, PushResponse};
use omzien_server::{catalogue, db};

const WALK: &str = "senver-wandelen";
const PLACES: u32 = 5;
const SIGN_UPS: u32 = 40;

/// A server process, stopped when the test ends, however it ends.
struct Instance {
    child: Child,
    url: String,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test cluster's URL, or `None` after saying why the test does nothing.
fn cluster() -> Option<String> {
    let url = std::env::var("OMZIEN_TEST_PG_URL").ok();
    if url.is_none() {
        eprintln!("SKIPPED: OMZIEN_TEST_PG_URL is not set (make test-server sets it)");
    }
    url
}

/// A client program of the newest PostgreSQL Debian installed (`pg_dump`, `pg_restore`).
fn pg_program(name: &str) -> std::path::PathBuf {
    let mut versions: Vec<_> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("Debian's postgresql package (scripts/install-tools --test)")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    versions.sort_by_key(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.parse::<u32>().ok())
    });
    versions
        .last()
        .expect("a PostgreSQL version")
        .join("bin")
        .join(name)
}

/// A new database on the cluster with the seed catalogue (as `edit` leaves it), and a
/// `dist/` for the servers to serve.
struct Setup {
    url: String,
    pool: sqlx::AnyPool,
    dist: tempfile::TempDir,
}

async fn set_up(cluster: &str, edit: impl FnOnce(&mut omzien_core::Catalogue)) -> Setup {
    let url = new_pg_database(cluster).await;
    let pool = db::connect(&url).await.unwrap();
    let mut data = catalogue::read_data_dir(&repo_data()).unwrap();
    edit(&mut data);
    catalogue::import(&pool, &data).await.unwrap();
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!doctype html>").unwrap();
    Setup { url, pool, dist }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

async fn instance(database_url: &str, dist: &std::path::Path) -> Instance {
    instance_with(database_url, dist, &[]).await
}

async fn instance_with(
    database_url: &str,
    dist: &std::path::Path,
    env: &[(&str, &str)],
) -> Instance {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_omzien-server"))
        .envs(env.iter().copied())
        .env("DATABASE_URL", database_url)
        .env("OMZIEN_ADDR", format!("127.0.0.1:{port}"))
        .env("OMZIEN_DIST", dist)
        .env("OMZIEN_DATA", repo_data())
        // One address and one device push every sign-up here; the limits are not tested.
        .env("OMZIEN_PLACES_PER_DEVICE_DAY", "1000")
        .env("OMZIEN_PLACES_PER_ADDRESS_DAY", "1000")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("the server binary runs");
    let instance = Instance {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    for _ in 0..200 {
        if let Ok(answer) = client()
            .get(format!("{}/api/v1/health", instance.url))
            .send()
            .await
        {
            if answer.status().is_success() {
                return instance;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server on port {port} did not start");
}

fn sign_up(n: u32) -> Mutation {
    Mutation {
        id: uuid(n),
        change: Change::SignUp(SignUpRequest {
            activity_id: WALK.into(),
            first_name: "Joke".into(),
            phone: Some("06 12345678".into()),
            email: None,
            party_size: 1,
            note: None,
            channel: Channel::Kiosk,
            consent: true,
            share_with_organiser: false,
            cancel_secret: None,
        }),
    }
}

async fn push(url: String, mutation: Mutation) -> (Outcome, bool) {
    let answer: PushResponse = client()
        .post(format!("{url}/api/v1/sync/push"))
        .json(&PushRequest {
            mutations: vec![mutation],
        })
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let result = &answer.results[0];
    (result.outcome.clone(), result.replayed)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_apply_each_push_once_and_never_overbook() {
    let Some(cluster) = cluster() else {
        return;
    };
    // The catalogue with a walk of few places, written before either server starts.
    let Setup { url, pool, dist } = set_up(&cluster, |data| {
        let walk = data.activities.iter_mut().find(|a| a.id == WALK).unwrap();
        walk.capacity = Some(PLACES);
    })
    .await;
    let a = instance(&url, dist.path()).await;
    let b = instance(&url, dist.path()).await;

    // Every sign-up to both instances at once, as a device does that retries on another
    // instance when the first answer is slow.
    let mut pushes = Vec::new();
    for n in 1..=SIGN_UPS {
        for server in [&a.url, &b.url] {
            pushes.push(tokio::spawn(push(server.clone(), sign_up(n))));
        }
    }
    let mut answers = Vec::new();
    for push in pushes {
        answers.push(push.await.unwrap());
    }

    for (n, pair) in answers.chunks(2).enumerate() {
        assert_eq!(
            pair[0].0,
            pair[1].0,
            "sign-up {}: both answers agree",
            n + 1
        );
        assert!(
            pair[0].1 != pair[1].1,
            "sign-up {}: one answer applies it, the other repeats it: {pair:?}",
            n + 1
        );
    }
    let confirmed = answers
        .iter()
        .filter(|(outcome, replayed)| *outcome == Outcome::Confirmed && !replayed)
        .count();
    assert_eq!(confirmed, PLACES as usize);
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        count("SELECT COUNT(*) FROM sign_ups").await,
        i64::from(SIGN_UPS)
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM applied_mutations").await,
        i64::from(SIGN_UPS)
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM sign_ups WHERE place = 'confirmed'").await,
        i64::from(PLACES)
    );
    assert_eq!(
        count("SELECT taken FROM places_taken WHERE activity_id = 'senver-wandelen'").await,
        i64::from(PLACES)
    );
}

/// docs/deploy.md, "Backup and restore": what a backup holds comes back whole, and a
/// device that pushes again after the restore is answered from the restored record of
/// its push, not given a second place.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_into_a_database_a_server_runs_on() {
    let Some(cluster) = cluster() else {
        return;
    };
    let Setup { url, pool, dist } = set_up(&cluster, |_| {}).await;
    let before = instance(&url, dist.path()).await;
    assert_eq!(
        push(before.url.clone(), sign_up(1)).await,
        (Outcome::Confirmed, false)
    );
    drop(before);

    let file = dist.path().join("omzien.dump");
    let dumped = Command::new(pg_program("pg_dump"))
        .args(["--format=custom", "--file"])
        .arg(&file)
        .arg(&url)
        .status()
        .unwrap();
    assert!(dumped.success(), "pg_dump");
    let restored_url = new_pg_database(&cluster).await;
    let restored = Command::new(pg_program("pg_restore"))
        .args(["--no-owner", "--exit-on-error", "--dbname"])
        .arg(&restored_url)
        .arg(&file)
        .status()
        .unwrap();
    assert!(restored.success(), "pg_restore");

    // The restored database as the server finds it: migrations all applied (their
    // checksums checked), the catalogue, the sign-up and its answer.
    let after = instance(&restored_url, dist.path()).await;
    let restored_pool = db::connect(&restored_url).await.unwrap();
    for table in [
        "catalogue_records",
        "sign_ups",
        "applied_mutations",
        "places_taken",
    ] {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let (old, new): (i64, i64) = (
            sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap(),
            sqlx::query_scalar(&sql)
                .fetch_one(&restored_pool)
                .await
                .unwrap(),
        );
        assert_eq!(old, new, "{table}");
    }
    assert_eq!(
        push(after.url.clone(), sign_up(1)).await,
        (Outcome::Confirmed, true)
    );
    // And it takes new work: the identity columns go on from the restored rows.
    assert_eq!(
        push(after.url.clone(), sign_up(2)).await,
        (Outcome::Confirmed, false)
    );
    let pulled: serde_json::Value = client()
        .get(format!("{}/api/v1/sync/pull?cursor=0", after.url))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        pulled["activities"]
            .as_array()
            .is_some_and(|a| !a.is_empty()),
        "{pulled}"
    );
}

/// The push limits count per device across instances: a device that pushes its burst
/// to one instance finds the other one's bucket empty too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_devices_push_limit_holds_across_instances() {
    let Some(cluster) = cluster() else {
        return;
    };
    let Setup { url, pool, dist } = set_up(&cluster, |_| {}).await;
    let small = [
        ("OMZIEN_PUSH_DEVICE_BURST", "3"),
        ("OMZIEN_PUSH_DEVICE_PER_HOUR", "1"),
    ];
    let a = instance_with(&url, dist.path(), &small).await;
    let b = instance_with(&url, dist.path(), &small).await;
    let device = "0b6f2d9e-1c3a-4f5b-8e7d-6a5b4c3d2e1f";
    let push_from = |server: &str, n: u32| {
        client()
            .post(format!("{server}/api/v1/sync/push"))
            .header("x-omzien-device", device)
            .json(&PushRequest {
                mutations: vec![sign_up(n)],
            })
            .send()
    };
    for (server, n) in [(&a.url, 1), (&b.url, 2), (&a.url, 3)] {
        let answer = push_from(server, n).await.unwrap();
        assert_eq!(answer.status(), 200, "push {n} is within the burst");
    }
    let fourth = push_from(&b.url, 4).await.unwrap();
    assert_eq!(
        fourth.status(),
        429,
        "the other instance knows the bucket is empty"
    );
    // Only a hash of the device id is kept, never the id.
    let names: Vec<String> = sqlx::query_scalar("SELECT bucket FROM push_buckets")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(!names.is_empty());
    assert!(names
        .iter()
        .all(|n| !n.contains(device) && !n.contains("127.0.0.1")));
}
