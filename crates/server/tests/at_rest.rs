//! The database at rest: its folder and files are readable by the server's own user
//! only, since they hold concern notes and residents' contact details.
#![cfg(unix)]

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use omzien_server::db;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[tokio::test]
async fn a_new_database_and_its_folder_are_the_servers_alone() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("var");
    let file = folder.join("omzien.db");
    let pool = db::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    // A write, so that SQLite has made its -wal and -shm files.
    sqlx::query("CREATE TABLE probe (x)")
        .execute(&pool)
        .await
        .unwrap();

    assert_eq!(mode(&folder), 0o700, "folder");
    for suffix in ["", "-wal", "-shm"] {
        let path = folder.join(format!("omzien.db{suffix}"));
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[tokio::test]
async fn a_database_left_readable_by_others_is_tightened_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("omzien.db");
    let url = format!("sqlite://{}", file.display());
    db::connect(&url).await.unwrap().close().await;
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();

    let _pool = db::connect(&url).await.unwrap();
    assert_eq!(mode(&file), 0o600);
}
