//! `/a/{id}`: the light page a visitor's phone opens from a kiosk's QR code. Plain HTML
//! under 20 KB with no script, that escapes what organisers typed, and a plain 404 for
//! anything a resident may not see.

mod common;

use common::{client, start, start_with};
use reqwest::StatusCode;

const MAX_BYTES: usize = 20 * 1024;

/// The page's one `<script>`: schema.org JSON-LD, which no browser runs. Fails when
/// there is any other script, or when the data does not parse.
fn json_ld(text: &str) -> serde_json::Value {
    let open = r#"<script type="application/ld+json">"#;
    assert_eq!(text.to_lowercase().matches("<script").count(), 1, "{text}");
    let start = text.find(open).expect("a JSON-LD element") + open.len();
    let end = start + text[start..].find("</script>").unwrap();
    serde_json::from_str(&text[start..end]).expect("JSON-LD parses")
}

#[tokio::test]
async fn an_activity_is_a_small_page_without_script_that_names_when_where_and_whom() {
    let server = start().await;
    let response = client()
        .get(format!("{}/a/voorbeeld-koffie-inloop", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let content_type = response.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "text/html; charset=utf-8");
    let text = response.text().await.unwrap();
    assert!(text.len() < MAX_BYTES, "{} bytes", text.len());
    let data = json_ld(&text);
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["name"], "Koffie-inloop");
    assert!(
        data["url"]
            .as_str()
            .unwrap()
            .ends_with("/activiteiten/voorbeeld-koffie-inloop"),
        "{data}"
    );
    assert!(!text.contains(".wasm"), "{text}");
    assert!(
        text.starts_with("<!DOCTYPE html><html lang=\"nl\">"),
        "{text}"
    );
    assert!(text.contains("<h1>Koffie-inloop"), "{text}");
    assert!(text.contains("Voorbeeld."), "{text}");
    for heading in ["Wanneer", "Waar", "Contact"] {
        assert!(
            text.contains(&format!("<dt>{heading}</dt>")),
            "{heading}: {text}"
        );
    }
    // Monday, Wednesday and Friday at half past nine: the next one is in the coming days.
    assert!(
        ["maandag", "woensdag", "vrijdag"]
            .iter()
            .any(|day| text.contains(&format!("De volgende keer: <strong>{day} "))),
        "{text}"
    );
    assert!(text.contains("09:30 tot 11:30 uur"), "{text}");
    assert!(
        text.contains(r#"href="/activiteiten/voorbeeld-koffie-inloop.ics""#),
        "{text}"
    );
    assert!(
        text.contains(r#"href="/activiteiten/voorbeeld-koffie-inloop""#),
        "{text}"
    );
}

#[tokio::test]
async fn a_phone_number_is_a_link_to_call() {
    let server = start().await;
    let text = client()
        .get(format!("{}/a/luisterlijn-gesprek", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The organisation's number, from its cited source (`data/README.md`).
    assert!(text.contains(r#"href="tel:+31880767000""#), "{text}");
}

#[tokio::test]
async fn what_organisers_typed_is_escaped() {
    let server = start_with(|catalogue| {
        let activity = catalogue
            .activities
            .iter_mut()
            .find(|a| a.id == "senver-wandelen")
            .unwrap();
        activity.name = r#"<script>alert("x")</script> & <b>vet</b>"#.into();
        activity.summary = r#""><img src=x onerror=alert(1)>"#.into();
    })
    .await;
    let text = client()
        .get(format!("{}/a/senver-wandelen", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    // The JSON-LD carries the same text, as JSON that cannot end its element.
    assert_eq!(
        json_ld(&text)["name"],
        r#"<script>alert("x")</script> & <b>vet</b>"#
    );
    assert!(!text.contains("<b>"), "{text}");
    assert!(!text.contains("<img"), "{text}");
    assert!(
        text.contains(
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;vet&lt;/b&gt;"
        ),
        "{text}"
    );
}

#[tokio::test]
async fn unknown_unpublished_and_withdrawn_activities_are_a_plain_404() {
    let server = start().await;
    sqlx::query(
        "UPDATE catalogue_records SET published = FALSE WHERE kind = 'activity' AND id = 'senver-scrabble'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    sqlx::query(
        "UPDATE catalogue_records SET deleted = TRUE WHERE kind = 'activity' AND id = 'senver-dagtochten'",
    )
    .execute(&server.pool)
    .await
    .unwrap();
    for id in [
        "bestaat-niet",
        "senver-scrabble",
        "senver-dagtochten",
        "%3Cb%3E",
    ] {
        let response = client()
            .get(format!("{}/a/{id}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{id}");
        let text = response.text().await.unwrap();
        assert!(
            text.contains("Deze activiteit is er niet (meer)"),
            "{id}: {text}"
        );
        assert!(!text.contains("<script"), "{text}");
        assert!(!text.contains("Scrabble"), "{id}: {text}");
    }
}
