//! Every `/api/v1` endpoint and every endpoint outside it (the light page, `/hsds/…`,
//! the `.ics` feeds), once, for the tests that walk them all: who may call each
//! (`tests/authorization.rs`) and what a hostile client sends each (`tests/hostile.rs`).
//! When an endpoint is added, add it here.

/// Who an endpoint is for.
#[derive(Clone, Copy, Debug)]
pub enum Access {
    /// Anyone; a bearer token is not looked at.
    Public,
    /// Anyone, but a token that is sent must be live and of a role that may push: not
    /// a place manager's (the push).
    PublicCheckingToken,
    /// "On behalf" pushes: outreach workers, coordinators, admins.
    OnBehalf,
    /// Activity edits: organisers (whose organisation it must be is decided per item,
    /// `tests/edits.rs`), coordinators, editors, admins.
    EditActivities,
    /// Any signed-in staff member.
    SignedIn,
    /// Any signed-in staff member who may push sign-ups and notes: not a place manager.
    Pushers,
    /// Coordinators and admins.
    Triage,
    /// Admins.
    Audit,
    /// The catalogue's editors: coordinators, editors (redacteur) and admins.
    Editors,
    /// Staff accounts: admins.
    Accounts,
    /// The programme and its counts: the programme lead (kartrekker) and admins.
    Steer,
    /// Linking an activity to an agenda action: kartrekker, editors and admins.
    LinkActions,
    /// Recording a story: organisers, coordinators, kartrekker and admins.
    Tellers,
}

#[derive(Clone, Copy, Debug)]
pub enum Call {
    Health,
    Pull,
    PushKiosk,
    PushOnBehalf,
    PushEdit,
    SignIn,
    Me,
    SignOut,
    ListNotes,
    ListNotesPage,
    ReadNote,
    ChangeStatus,
    Assign,
    Refer,
    Audit,
    MyItems,
    Queue,
    Mine,
    One,
    Stale,
    Log,
    Publish,
    History,
    Revert,
    SignUps,
    ListUsers,
    AddUser,
    DisableUser,
    ProposeOrganisation,
    PublishOrganisation,
    EnableUser,
    AccountLog,
    Programme,
    EditAction,
    LinkActivity,
    Monitoring,
    Evaluation,
    AddStory,
    StoryActions,
    ListStories,
    DeleteStory,
    NewSurvey,
    SurveyPage,
    AnswerSurvey,
    LightPage,
    HsdsBase,
    HsdsServices,
    HsdsService,
    HsdsOrganizations,
    HsdsOrganization,
    HsdsServiceAtLocations,
    HsdsServiceAtLocation,
    HsdsTaxonomies,
    HsdsTaxonomy,
    HsdsTaxonomyTerms,
    HsdsTaxonomyTerm,
    CatalogueCsv,
    ActivityFeed,
    OrganisationFeed,
    KeyRing,
    ChoosePassphrase,
    NewKey,
    GrantKeys,
}

pub const ENDPOINTS: [(Call, &str, Access); 63] = [
    (Call::Health, "GET /health", Access::Public),
    (Call::Pull, "GET /sync/pull", Access::Public),
    (
        Call::PushKiosk,
        "POST /sync/push (kiosk)",
        Access::PublicCheckingToken,
    ),
    (
        Call::PushOnBehalf,
        "POST /sync/push (on behalf)",
        Access::OnBehalf,
    ),
    (
        Call::PushEdit,
        "POST /sync/push (activity edit)",
        Access::EditActivities,
    ),
    (Call::SignIn, "POST /auth/sign-in", Access::Public),
    (Call::Me, "GET /auth/me", Access::SignedIn),
    (Call::SignOut, "POST /auth/sign-out", Access::SignedIn),
    (Call::ListNotes, "GET /notes", Access::Triage),
    (
        Call::ListNotesPage,
        "GET /notes (a later page)",
        Access::Triage,
    ),
    (Call::ReadNote, "GET /notes/{id}", Access::Triage),
    (
        Call::ChangeStatus,
        "POST /notes/{id}/status",
        Access::Triage,
    ),
    (Call::Assign, "POST /notes/{id}/assignee", Access::Triage),
    (Call::Refer, "POST /notes/{id}/referral", Access::Triage),
    (Call::Audit, "GET /audit", Access::Audit),
    (Call::MyItems, "GET /my/items", Access::Pushers),
    (Call::Queue, "GET /catalogue/queue", Access::Editors),
    (Call::Mine, "GET /catalogue/mine", Access::EditActivities),
    (
        Call::One,
        "GET /catalogue/activities/{id}",
        Access::EditActivities,
    ),
    (Call::Stale, "GET /catalogue/stale", Access::Editors),
    (Call::Log, "GET /catalogue/log", Access::Editors),
    (
        Call::Publish,
        "POST /catalogue/activities/{id}/publish",
        Access::Editors,
    ),
    (
        Call::History,
        "GET /catalogue/activities/{id}/history",
        Access::Editors,
    ),
    (
        Call::Revert,
        "POST /catalogue/activities/{id}/revert",
        Access::Editors,
    ),
    // Names only for the activity's own organisers (`tests/sign_up_names.rs`).
    (
        Call::SignUps,
        "GET /catalogue/activities/{id}/sign-ups",
        Access::EditActivities,
    ),
    (Call::ListUsers, "GET /users", Access::Accounts),
    (Call::AddUser, "POST /users", Access::Accounts),
    (
        Call::DisableUser,
        "POST /users/{id}/disable",
        Access::Accounts,
    ),
    (
        Call::ProposeOrganisation,
        "POST /catalogue/organisations",
        Access::EditActivities,
    ),
    (
        Call::PublishOrganisation,
        "POST /catalogue/organisations/{id}/publish",
        Access::Editors,
    ),
    (
        Call::EnableUser,
        "POST /users/{id}/enable",
        Access::Accounts,
    ),
    (Call::AccountLog, "GET /users/log", Access::Accounts),
    (Call::Programme, "GET /programme", Access::Steer),
    (
        Call::EditAction,
        "PUT /programme/actions/{id}",
        Access::Steer,
    ),
    (
        Call::LinkActivity,
        "PUT /programme/activities/{id}/action",
        Access::LinkActions,
    ),
    (Call::Monitoring, "GET /monitoring", Access::Steer),
    (
        Call::Evaluation,
        "GET /monitoring/evaluation",
        Access::Steer,
    ),
    (Call::AddStory, "POST /stories", Access::Tellers),
    (Call::StoryActions, "GET /stories/actions", Access::Tellers),
    (Call::ListStories, "GET /stories", Access::Steer),
    (Call::DeleteStory, "DELETE /stories/{id}", Access::Steer),
    (Call::NewSurvey, "POST /programme/surveys", Access::Steer),
    // Outside `/api/v1` (`url_path`): the partner's survey, opened with its link.
    (
        Call::SurveyPage,
        "GET /enquete/{id} (partner survey)",
        Access::Public,
    ),
    (
        Call::AnswerSurvey,
        "POST /enquete/{id} (partner survey)",
        Access::Public,
    ),
    (Call::KeyRing, "GET /meldpunt/keys", Access::Triage),
    (
        Call::ChoosePassphrase,
        "POST /meldpunt/passphrase",
        Access::Triage,
    ),
    (Call::NewKey, "POST /meldpunt/keys", Access::Triage),
    (Call::GrantKeys, "POST /meldpunt/grants", Access::Triage),
    // Outside `/api/v1` (see `url_path`): the page a kiosk's QR code opens.
    (Call::LightPage, "GET /a/{id} (light page)", Access::Public),
    // Open data, outside /api/v1 (`url_path`): read-only and public.
    (Call::HsdsBase, "GET /hsds/", Access::Public),
    (Call::HsdsServices, "GET /hsds/services", Access::Public),
    (Call::HsdsService, "GET /hsds/services/{id}", Access::Public),
    (
        Call::HsdsOrganizations,
        "GET /hsds/organizations",
        Access::Public,
    ),
    (
        Call::HsdsOrganization,
        "GET /hsds/organizations/{id}",
        Access::Public,
    ),
    (
        Call::HsdsServiceAtLocations,
        "GET /hsds/service_at_locations",
        Access::Public,
    ),
    (
        Call::HsdsServiceAtLocation,
        "GET /hsds/service_at_locations/{id}",
        Access::Public,
    ),
    (Call::HsdsTaxonomies, "GET /hsds/taxonomies", Access::Public),
    (
        Call::HsdsTaxonomy,
        "GET /hsds/taxonomies/{id}",
        Access::Public,
    ),
    (
        Call::HsdsTaxonomyTerms,
        "GET /hsds/taxonomy_terms",
        Access::Public,
    ),
    (
        Call::HsdsTaxonomyTerm,
        "GET /hsds/taxonomy_terms/{id}",
        Access::Public,
    ),
    (Call::CatalogueCsv, "GET /hsds/export.csv", Access::Public),
    (
        Call::ActivityFeed,
        "GET /activiteiten/{id}.ics",
        Access::Public,
    ),
    (
        Call::OrganisationFeed,
        "GET /organisaties/{id}.ics",
        Access::Public,
    ),
];

/// The path on the server of a path from [`method_and_path`]: under `/api/v1`, but for
/// the light page and open data.
pub fn url_path(path: &str) -> String {
    let outside = [
        "/a/",
        "/hsds/",
        "/activiteiten/",
        "/organisaties/",
        "/enquete/",
    ];
    if outside.iter().any(|p| path.starts_with(p)) {
        path.to_owned()
    } else {
        format!("/api/v1{path}")
    }
}

/// The method and path (under `/api/v1` but for the light page and open data, with
/// `{id}` where an id goes) of an endpoint's name in [`ENDPOINTS`], e.g.
/// `("POST", "/sync/push")`.
pub fn method_and_path(name: &str) -> (&str, &str) {
    let (method, rest) = name.split_once(' ').expect("a name starts with its method");
    let path = rest.split_once(" (").map_or(rest, |(path, _)| path);
    (method, path)
}
