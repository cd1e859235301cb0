//! Every `/api/v1` endpoint, walked by everyone who might call it: nobody (a resident
//! at a kiosk), a staff member whose session expired, and each role. Each call must be
//! allowed, or refused with 401 (no live session) or 403 (the wrong role).
//!
//! When an endpoint is added, add it to `ENDPOINTS` (`common/endpoints.rs`); the test
//! also fails when a route it names stops existing (a 404 is neither allowed nor
//! refused).

mod common;

use std::sync::atomic::{AtomicU32, Ordering};

use common::endpoints::{Access, Call, ENDPOINTS};
use common::keys::PASSPHRASE;
use common::{add_user, client, note, sign_in, start, uuid, TestServer, PASSWORD};
use omzien_core::account::NewAccount;
use omzien_core::edit::{ActivityEdit, RevertRequest};
use omzien_core::model::Contact;
use omzien_core::new_organisation::NewOrganisation;
use omzien_core::seal::{
    new_key_pair, seal_key, wrap, CoordinatorKey, Grants, KeyGrant, MeldpuntKey, NewMeldpuntKey,
    SystemRng,
};
use omzien_core::signup::Channel;
use omzien_core::staff::{
    Assignment, NoteStatus, ReferralRequest, ReferralTarget, Role, SignInRequest, StatusChange,
};
use omzien_core::wire::{Change, Mutation, PushRequest};
use reqwest::StatusCode;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Who {
    Anonymous,
    Expired,
    Staff(Role),
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Expect {
    Allowed,
    Unauthorized,
    Forbidden,
}

fn expect(access: Access, who: Who) -> Expect {
    use Expect::*;
    let role = match who {
        Who::Anonymous => {
            return match access {
                Access::Public | Access::PublicCheckingToken => Allowed,
                _ => Unauthorized,
            }
        }
        Who::Expired => {
            return match access {
                Access::Public => Allowed,
                _ => Unauthorized,
            }
        }
        Who::Staff(role) => role,
    };
    if allowed(access).contains(&role) {
        Allowed
    } else {
        Forbidden
    }
}

/// The roles let in, spelled out here rather than asked of `Role`'s own rules, so a
/// change to those rules fails this walk instead of moving it along.
fn allowed(access: Access) -> &'static [Role] {
    use Role::*;
    match access {
        Access::Public | Access::SignedIn => &Role::ALL,
        // A place manager sets up kiosks; her session carries no sign-up or note, and
        // shows her none.
        Access::PublicCheckingToken | Access::Pushers => &[
            Coordinator,
            OutreachWorker,
            Organiser,
            Editor,
            Admin,
            Kartrekker,
        ],
        Access::OnBehalf => &[OutreachWorker, Coordinator, Admin],
        Access::EditActivities => &[Organiser, Coordinator, Editor, Admin],
        // An editor keeps the catalogue but never reads a concern note.
        Access::Triage => &[Coordinator, Admin],
        Access::Audit | Access::Accounts => &[Admin],
        Access::Editors => &[Coordinator, Editor, Admin],
        // Counts and the agenda: the programme lead and admins, nobody else.
        Access::Steer => &[Kartrekker, Admin],
        Access::LinkActions => &[Kartrekker, Editor, Admin],
        // Those who hear stories write them down; only those who steer read them back.
        Access::Tellers => &[Organiser, Coordinator, Kartrekker, Admin],
    }
}

static NEXT_ID: AtomicU32 = AtomicU32::new(1000);

struct Walk {
    server: TestServer,
    /// The note every note endpoint is called on.
    note_id: String,
    /// A coordinator to assign notes to.
    assignee: i64,
}

impl Walk {
    /// The token to send for `who`, fresh for each call (sign-out ends it).
    async fn token(&self, who: Who) -> Option<String> {
        match who {
            Who::Anonymous => None,
            Who::Expired => {
                let token = self.new_session(Role::Coordinator).await;
                sqlx::query(
                    "UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' \
                     WHERE token_hash = $1",
                )
                .bind(omzien_server::auth::token_hash(&token))
                .execute(&self.server.pool)
                .await
                .unwrap();
                Some(token)
            }
            Who::Staff(role) => Some(self.new_session(role).await),
        }
    }

    async fn new_session(&self, role: Role) -> String {
        sign_in(
            &self.server,
            &format!("{}@hilversum.example", role.as_str()),
        )
        .await
    }

    /// The account behind a token, if it is one.
    async fn user_of(&self, token: Option<&str>) -> Option<i64> {
        let token = token?;
        sqlx::query_scalar("SELECT user_id FROM sessions WHERE token_hash = $1")
            .bind(omzien_server::auth::token_hash(token))
            .fetch_optional(&self.server.pool)
            .await
            .unwrap()
    }

    /// `user`'s own public key, made and kept now (a real one: the server checks it).
    async fn own_key(&self, user: Option<i64>) -> String {
        let (own, public_key) = new_key_pair(&mut SystemRng);
        let Some(user) = user else {
            return public_key;
        };
        let wrapped = wrap(&own, PASSPHRASE, &mut SystemRng).unwrap();
        sqlx::query(
            "INSERT INTO coordinator_keys (user_id, public_key, wrapped) VALUES ($1, $2, $3) \
             ON CONFLICT (user_id) DO UPDATE SET public_key = excluded.public_key, wrapped = excluded.wrapped",
        )
        .bind(user)
        .bind(&public_key)
        .bind(serde_json::to_string(&wrapped).unwrap())
        .execute(&self.server.pool)
        .await
        .unwrap();
        public_key
    }

    async fn sql(&self, statement: &str) {
        sqlx::query(statement)
            .execute(&self.server.pool)
            .await
            .unwrap();
    }

    async fn call(&self, call: Call, token: Option<&str>) -> StatusCode {
        let url = |path: &str| format!("{}/api/v1{path}", self.server.url);
        let open = |path: &str| format!("{}{path}", self.server.url);
        let note_url = |path: &str| url(&format!("/notes/{}{path}", self.note_id));
        let http = client();
        let request = match call {
            Call::Health => http.get(url("/health")),
            Call::Pull => http.get(url("/sync/pull")),
            Call::PushKiosk | Call::PushOnBehalf => {
                let channel = match call {
                    Call::PushKiosk => Channel::Kiosk,
                    _ => Channel::OnBehalf,
                };
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                http.post(url("/sync/push")).json(&PushRequest {
                    mutations: vec![note(n, channel)],
                })
            }
            Call::PushEdit => {
                let activity = serde_json::from_str(
                    r#"{"id": "senver-wandelen", "name": "Wandelen met Senver",
                        "summary": "Samen wandelen.", "kind": "walking",
                        "organisation_id": "senver", "loneliness_types": [],
                        "target_groups": [], "source": "test"}"#,
                )
                .unwrap();
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                http.post(url("/sync/push")).json(&PushRequest {
                    mutations: vec![Mutation {
                        id: uuid(n),
                        change: Change::EditActivity(Box::new(ActivityEdit {
                            activity,
                            base_revision: Some(0),
                        })),
                    }],
                })
            }
            Call::SignIn => http.post(url("/auth/sign-in")).json(&SignInRequest {
                email: "admin@hilversum.example".into(),
                password: PASSWORD.into(),
            }),
            Call::Me => http.get(url("/auth/me")),
            Call::SignOut => http.post(url("/auth/sign-out")),
            Call::ListNotes => http.get(url("/notes?status=new")),
            // A page end as `next` spells it: paging is the same endpoint, same rule.
            Call::ListNotesPage => http.get(url(
                "/notes?status=in_progress&limit=1&after=2~2026-01-01T00:00:00.000Z~00000000-0000-4000-8000-000000000000",
            )),
            Call::ReadNote => http.get(note_url("")),
            Call::ChangeStatus => http.post(note_url("/status")).json(&StatusChange {
                status: NoteStatus::InProgress,
            }),
            Call::Assign => http.post(note_url("/assignee")).json(&Assignment {
                assignee_id: Some(self.assignee),
            }),
            // "Iets anders": every role that may refer does, and the same place twice
            // would be refused for the second.
            Call::Refer => http.post(note_url("/referral")).json(&ReferralRequest {
                to: ReferralTarget::Other,
                activity_id: None,
                note: Some("De huisarts belt haar.".into()),
            }),
            Call::Audit => http.get(url("/audit")),
            Call::MyItems => http.get(url("/my/items")),
            Call::Queue => http.get(url("/catalogue/queue")),
            Call::Mine => http.get(url("/catalogue/mine")),
            Call::One => http.get(url("/catalogue/activities/senver-wandelen")),
            Call::Stale => http.get(url("/catalogue/stale")),
            Call::Log => http.get(url("/catalogue/log")),
            Call::Publish => {
                // A new activity waiting for an editor, for each call.
                let id = format!("wacht-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
                let version: i64 = sqlx::query_scalar(
                    "UPDATE sync_counter SET last_version = last_version + 1 RETURNING last_version",
                )
                .fetch_one(&self.server.pool)
                .await
                .unwrap();
                let mut body =
                    common::stored_body(&self.server, "activity", "senver-wandelen").await;
                body["id"] = id.clone().into();
                sqlx::query(
                    "INSERT INTO catalogue_records (kind, id, body, version, published, staff_edited) \
                     VALUES ('activity', $1, $2, $3, FALSE, TRUE)",
                )
                .bind(&id)
                .bind(body.to_string())
                .bind(version)
                .execute(&self.server.pool)
                .await
                .unwrap();
                http.post(url(&format!("/catalogue/activities/{id}/publish")))
            }
            Call::ProposeOrganisation => {
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                http.post(url("/catalogue/organisations")).json(&NewOrganisation {
                    name: format!("Buurthuis {n}"),
                    description: "Een buurthuis.".into(),
                    contact: Contact {
                        phone: Some("035 123 45 67".into()),
                        ..Contact::default()
                    },
                })
            }
            Call::PublishOrganisation => {
                // A new organisation waiting for an editor, for each call.
                let id = format!("wacht-org-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
                let version: i64 = sqlx::query_scalar(
                    "UPDATE sync_counter SET last_version = last_version + 1 RETURNING last_version",
                )
                .fetch_one(&self.server.pool)
                .await
                .unwrap();
                let mut body = common::stored_body(&self.server, "organisation", "senver").await;
                body["id"] = id.clone().into();
                body["name"] = id.clone().into();
                sqlx::query(
                    "INSERT INTO catalogue_records (kind, id, body, version, published, staff_edited) \
                     VALUES ('organisation', $1, $2, $3, FALSE, TRUE)",
                )
                .bind(&id)
                .bind(body.to_string())
                .bind(version)
                .execute(&self.server.pool)
                .await
                .unwrap();
                http.post(url(&format!("/catalogue/organisations/{id}/publish")))
            }
            Call::History => http.get(url("/catalogue/activities/senver-wandelen/history")),
            Call::Revert => http
                .post(url("/catalogue/activities/senver-wandelen/revert"))
                .json(&RevertRequest { to: 1 }),
            Call::SignUps => http.get(url("/catalogue/activities/senver-wandelen/sign-ups")),
            Call::ListUsers => http.get(url("/users")),
            Call::AddUser => {
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                http.post(url("/users")).json(&NewAccount {
                    email: format!("nieuw-{n}@hilversum.example"),
                    role: Role::Editor,
                    organisations: vec![],
                    password: PASSWORD.into(),
                })
            }
            Call::DisableUser => {
                // Someone else's account, fresh for each call.
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                let email = format!("weg-{n}@hilversum.example");
                let id = add_user(&self.server, &email, Role::OutreachWorker).await;
                http.post(url(&format!("/users/{id}/disable")))
            }
            Call::EnableUser => {
                // A disabled account, fresh for each call, so an allowed call turns it on.
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                let email = format!("terug-{n}@hilversum.example");
                let id = add_user(&self.server, &email, Role::OutreachWorker).await;
                sqlx::query("UPDATE users SET disabled = TRUE WHERE id = $1")
                    .bind(id)
                    .execute(&self.server.pool)
                    .await
                    .unwrap();
                http.post(url(&format!("/users/{id}/enable")))
            }
            Call::AccountLog => http.get(url("/users/log")),
            Call::KeyRing => http.get(url("/meldpunt/keys")),
            Call::ChoosePassphrase => {
                let (own, public_key) = new_key_pair(&mut SystemRng);
                http.post(url("/meldpunt/passphrase"))
                    .json(&CoordinatorKey {
                        public_key,
                        wrapped: wrap(&own, PASSPHRASE, &mut SystemRng).unwrap(),
                    })
            }
            Call::NewKey | Call::GrantKeys => {
                // The caller has her own key; for a new key the meldpunt has none yet
                // (the first), for a grant she holds the one she gives (to herself).
                let user = self.user_of(token).await;
                let public = self.own_key(user).await;
                let (private, public_key) = new_key_pair(&mut SystemRng);
                let key = MeldpuntKey {
                    id: common::keys::fresh_id(),
                    public_key,
                };
                let grant = KeyGrant {
                    key_id: key.id.clone(),
                    user_id: user.unwrap_or(1),
                    sealed: seal_key(&public, &key.id, &private, &mut SystemRng).unwrap(),
                };
                self.sql("DELETE FROM meldpunt_key_grants").await;
                self.sql("DELETE FROM meldpunt_keys").await;
                if matches!(call, Call::NewKey) {
                    http.post(url("/meldpunt/keys")).json(&NewMeldpuntKey {
                        key,
                        grants: vec![grant],
                    })
                } else {
                    sqlx::query(
                        "INSERT INTO meldpunt_keys (id, public_key, seq, created_by) VALUES ($1, $2, 1, 1)",
                    )
                    .bind(&key.id)
                    .bind(&key.public_key)
                    .execute(&self.server.pool)
                    .await
                    .unwrap();
                    if let Some(user) = user {
                        sqlx::query(
                            "INSERT INTO meldpunt_key_grants (key_id, user_id, sealed, granted_by) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(&key.id)
                        .bind(user)
                        .bind(serde_json::to_string(&grant.sealed).unwrap())
                        .bind(user)
                        .execute(&self.server.pool)
                        .await
                        .unwrap();
                    }
                    http.post(url("/meldpunt/grants")).json(&Grants {
                        grants: vec![grant],
                    })
                }
            }
            Call::Programme => http.get(url("/programme")),
            Call::EditAction => http.put(url("/programme/actions/meldpunt")).json(
                &omzien_core::monitoring::ActionEdit {
                    planning: "Start in 2024, daarna continu".into(),
                    expectations: vec![],
                    milestones: vec![],
                },
            ),
            Call::LinkActivity => http
                .put(url("/programme/activities/senver-wandelen/action"))
                .json(&omzien_core::monitoring::ActivityLink {
                    action_id: Some("meldpunt".into()),
                }),
            Call::Monitoring => http.get(url("/monitoring?half=2026-H2")),
            Call::Evaluation => http.get(url("/monitoring/evaluation?half=2026-H2")),
            Call::AddStory => http.post(url("/stories")).json(&omzien_core::monitoring::NewStory {
                text: "Ze gaat nu elke week mee wandelen.".into(),
                action_id: "meldpunt".into(),
                wijk: None,
                consent: true,
            }),
            Call::ListStories => http.get(url("/stories?half=2026-H2")),
            Call::StoryActions => http.get(url("/stories/actions")),
            Call::DeleteStory => {
                // A story of its own for each call: a deleted one is gone.
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO stories (text, action_id, consent, day) \
                     VALUES ('Weer onder de mensen.', 'meldpunt', TRUE, '2026-10-01') RETURNING id",
                )
                .fetch_one(&self.server.pool)
                .await
                .unwrap();
                http.delete(url(&format!("/stories/{id}")))
            }
            Call::NewSurvey => {
                // A partner of its own for each call: an answered link is not made again.
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                http.post(url("/programme/surveys"))
                    .json(&omzien_core::monitoring::NewSurvey {
                        partner: format!("Partner {n}"),
                        half: "2026-H2".into(),
                    })
            }
            Call::SurveyPage | Call::AnswerSurvey => {
                // A fresh, unanswered link for each call.
                let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
                let token = format!("{n:064x}");
                sqlx::query(
                    "INSERT INTO partner_surveys (partner, half, token_hash) VALUES ($1, '2026-H2', $2)",
                )
                .bind(format!("Enquête {n}"))
                .bind(omzien_server::auth::token_hash(&token))
                .execute(&self.server.pool)
                .await
                .unwrap();
                let path = open(&format!("/enquete/{token}"));
                if matches!(call, Call::SurveyPage) {
                    http.get(path)
                } else {
                    http.post(path).form(&[
                        ("results", "8"),
                        ("process", "7"),
                        ("cooperation", "9"),
                        ("comment", ""),
                    ])
                }
            }
            Call::LightPage => http.get(open("/a/senver-wandelen")),
            Call::HsdsBase => http.get(open("/hsds/")),
            Call::HsdsServices => http.get(open("/hsds/services?per_page=5")),
            Call::HsdsService => http.get(open("/hsds/services/senver-wandelen")),
            Call::HsdsOrganizations => http.get(open("/hsds/organizations")),
            Call::HsdsOrganization => http.get(open("/hsds/organizations/senver")),
            Call::HsdsServiceAtLocations => http.get(open("/hsds/service_at_locations")),
            Call::HsdsServiceAtLocation => {
                let list: serde_json::Value = client()
                    .get(open("/hsds/service_at_locations"))
                    .send()
                    .await
                    .unwrap()
                    .json()
                    .await
                    .unwrap();
                let id = list["contents"][0]["id"].as_str().unwrap().to_owned();
                http.get(open(&format!("/hsds/service_at_locations/{id}")))
            }
            Call::HsdsTaxonomies => http.get(open("/hsds/taxonomies")),
            Call::HsdsTaxonomy => http.get(open(&format!(
                "/hsds/taxonomies/{}",
                omzien_server::hsds::taxonomy_id()
            ))),
            Call::HsdsTaxonomyTerms => http.get(open("/hsds/taxonomy_terms")),
            Call::HsdsTaxonomyTerm => http.get(open(&format!(
                "/hsds/taxonomy_terms/{}",
                omzien_server::hsds::term_id("kind/walking")
            ))),
            Call::CatalogueCsv => http.get(open("/hsds/export.csv")),
            Call::ActivityFeed => http.get(open("/activiteiten/senver-wandelen.ics")),
            Call::OrganisationFeed => http.get(open("/organisaties/senver.ics")),
        };
        let request = match token {
            Some(token) => request.bearer_auth(token),
            None => request,
        };
        request.send().await.unwrap().status()
    }
}

#[tokio::test]
async fn every_role_over_every_endpoint() {
    let server = start().await;
    let mut assignee = 0;
    for role in Role::ALL {
        let id = add_user(
            &server,
            &format!("{}@hilversum.example", role.as_str()),
            role,
        )
        .await;
        if role == Role::Coordinator {
            assignee = id;
        }
    }
    let response = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&PushRequest {
            mutations: vec![note(1, Channel::Kiosk)],
        })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    // In progress first, so every allowed referral (and status call) succeeds.
    sqlx::query("UPDATE concern_notes SET status = 'in_progress'")
        .execute(&server.pool)
        .await
        .unwrap();
    let walk = Walk {
        server,
        note_id: uuid(1),
        assignee,
    };
    // History entry 1, for the revert: an editor's first edit of the walk.
    let admin = walk.token(Who::Staff(Role::Admin)).await;
    assert_eq!(
        walk.call(Call::PushEdit, admin.as_deref()).await,
        StatusCode::OK
    );
    let first: i64 = sqlx::query_scalar("SELECT MIN(id) FROM catalogue_history")
        .fetch_one(&walk.server.pool)
        .await
        .unwrap();
    assert_eq!(first, 1);

    let everyone: Vec<Who> = [Who::Anonymous, Who::Expired]
        .into_iter()
        .chain(Role::ALL.map(Who::Staff))
        .collect();
    let mut problems = Vec::new();
    let mut calls = 0;
    for (call, name, access) in ENDPOINTS {
        for &who in &everyone {
            let token = walk.token(who).await;
            let status = walk.call(call, token.as_deref()).await;
            calls += 1;
            let got = match status {
                StatusCode::UNAUTHORIZED => Some(Expect::Unauthorized),
                StatusCode::FORBIDDEN => Some(Expect::Forbidden),
                s if s.is_success() => Some(Expect::Allowed),
                _ => None,
            };
            let wanted = expect(access, who);
            if got != Some(wanted) {
                problems.push(format!("{name} as {who:?}: {status}, wanted {wanted:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(calls, ENDPOINTS.len() * everyone.len());
}

#[tokio::test]
async fn residents_can_never_list_or_read_notes() {
    let server = start().await;
    let response = client()
        .post(format!("{}/api/v1/sync/push", server.url))
        .json(&PushRequest {
            mutations: vec![note(1, Channel::Kiosk)],
        })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    for path in [
        "/notes".to_owned(),
        format!("/notes/{}", uuid(1)),
        "/audit".to_owned(),
        "/my/items".to_owned(),
    ] {
        let response = client()
            .get(format!("{}/api/v1{path}", server.url))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{path}");
        let text = response.text().await.unwrap();
        assert!(!text.contains("nummer 12"), "{text}");
    }
}
