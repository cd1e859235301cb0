//! The meldpunt's key, in the coordinator's browser (docs/decisions.md "Sealed notes"):
//! setting the meldpunt up, choosing a passphrase, unlocking triage, a new key for new
//! notes, and giving a colleague access. Private keys exist in the clear only here, in
//! memory (`Unlocked`), until sign-out or the page closes; the server gets them
//! wrapped under a passphrase or sealed to a coordinator's own key.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::seal::{
    self, CoordinatorKey, Grants, KeyGrant, KeyRing, Keyring, MeldpuntKey, NewMeldpuntKey,
    SealError, Secret, SystemRng, MIN_PASSPHRASE,
};
use omzien_core::staff::Role;

use super::closed::CLOSED;
use crate::api;
use crate::browser::uuid::new_id;
use crate::components::set_title;
use crate::components::staff_only::StaffOnly;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_session;
use crate::store::StaffSession;
use crate::words;

/// The meldpunt's private keys, unlocked in this window. Never stored.
#[derive(Clone, Copy)]
pub struct Unlocked(pub RwSignal<Option<Keyring>>);

/// Made once by the staff app; forgotten at sign-out.
pub fn provide_unlocked() {
    let unlocked = Unlocked(RwSignal::new(None));
    provide_context(unlocked);
    let session = use_session();
    Effect::new(move |_| {
        if session.live().is_none() {
            unlocked.0.set(None);
        }
    });
}

pub fn use_unlocked() -> Unlocked {
    expect_context()
}

/// Why a step with the keys did not work, for the coordinator.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Server(String),
    Seal(SealError),
    Different,
    NoAccess,
}

impl Problem {
    fn words(&self, locale: Locale) -> String {
        match self {
            Problem::Server(message) => message.clone(),
            Problem::Seal(SealError::WrongPassphrase) => {
                td_string!(locale, keys.unlock.wrong).to_owned()
            }
            Problem::Seal(SealError::ShortPassphrase) => {
                td_string!(locale, keys.too_short).to_owned()
            }
            Problem::Seal(e) => sealed_words(locale, *e).to_owned(),
            Problem::Different => td_string!(locale, keys.different).to_owned(),
            Problem::NoAccess => td_string!(locale, keys.unlock.no_access).to_owned(),
        }
    }
}

impl From<api::ApiError> for Problem {
    fn from(e: api::ApiError) -> Self {
        Problem::Server(words::for_staff(&e))
    }
}

impl From<SealError> for Problem {
    fn from(e: SealError) -> Self {
        Problem::Seal(e)
    }
}

/// What a note page says when its sealed body does not open.
pub fn sealed_words(locale: Locale, error: SealError) -> &'static str {
    match error {
        SealError::UnknownKey => td_string!(locale, keys.sealed.unknown_key),
        _ => td_string!(locale, keys.sealed.tampered),
    }
}

/// Lets the browser draw "busy" before argon2 holds the page for a second or two.
async fn let_the_page_draw() {
    gloo_timers::future::TimeoutFuture::new(50).await;
}

/// Opens every meldpunt key sealed to this coordinator.
fn open_ring(ring: &KeyRing, own: &Secret) -> Result<Keyring, Problem> {
    let mut keyring = Keyring::default();
    for key in &ring.keys {
        if let Some(sealed) = &key.sealed_for_me {
            keyring.add(key.id.clone(), seal::open_key(own, &key.id, sealed)?);
        }
    }
    if keyring.is_empty() {
        return Err(Problem::NoAccess);
    }
    Ok(keyring)
}

async fn unlock(token: String, passphrase: String) -> Result<Keyring, Problem> {
    let ring = api::keys::ring(&token).await?;
    let Some(own) = ring.own.as_ref() else {
        return Err(Problem::NoAccess);
    };
    let own = seal::unwrap(&own.wrapped, &passphrase)?;
    open_ring(&ring, &own)
}

/// A new own key under `passphrase`, kept by the server; with `set_up`, also the
/// meldpunt's first key, given to herself.
async fn choose(
    session: StaffSession,
    passphrase: String,
    set_up: bool,
) -> Result<Option<Keyring>, Problem> {
    let (own, public_key) = seal::new_key_pair(&mut SystemRng);
    let wrapped = seal::wrap(&own, &passphrase, &mut SystemRng)?;
    let key = CoordinatorKey {
        public_key: public_key.clone(),
        wrapped,
    };
    api::keys::choose_passphrase(&session.token, &key).await?;
    if !set_up {
        return Ok(None);
    }
    let (private, meldpunt_public) = seal::new_key_pair(&mut SystemRng);
    let id = new_id();
    let sealed = seal::seal_key(&public_key, &id, &private, &mut SystemRng)?;
    let request = NewMeldpuntKey {
        key: MeldpuntKey {
            id: id.clone(),
            public_key: meldpunt_public,
        },
        grants: vec![KeyGrant {
            key_id: id.clone(),
            user_id: session.user_id,
            sealed,
        }],
    };
    api::keys::new_key(&session.token, &request).await?;
    let mut keyring = Keyring::default();
    keyring.add(id, private);
    Ok(Some(keyring))
}

/// A new meldpunt key for new notes, given to everyone who has access now.
async fn rotate(session: StaffSession, mut keyring: Keyring) -> Result<Keyring, Problem> {
    let ring = api::keys::ring(&session.token).await?;
    let (private, public_key) = seal::new_key_pair(&mut SystemRng);
    let id = new_id();
    let mut grants = Vec::new();
    for colleague in &ring.colleagues {
        let (true, Some(public)) = (
            colleague.has_access || colleague.user_id == session.user_id,
            &colleague.public_key,
        ) else {
            continue;
        };
        grants.push(KeyGrant {
            key_id: id.clone(),
            user_id: colleague.user_id,
            sealed: seal::seal_key(public, &id, &private, &mut SystemRng)?,
        });
    }
    let request = NewMeldpuntKey {
        key: MeldpuntKey {
            id: id.clone(),
            public_key,
        },
        grants,
    };
    api::keys::new_key(&session.token, &request).await?;
    keyring.add(id, private);
    Ok(keyring)
}

/// Every unlocked key, sealed to a colleague's own key.
async fn give(
    session: StaffSession,
    keyring: Keyring,
    user_id: i64,
    public: String,
) -> Result<(), Problem> {
    let mut grants = Vec::new();
    for id in keyring.ids() {
        let key = keyring.get(id).ok_or(Problem::NoAccess)?;
        grants.push(KeyGrant {
            key_id: id.to_owned(),
            user_id,
            sealed: seal::seal_key(&public, id, key, &mut SystemRng)?,
        });
    }
    api::keys::grant(&session.token, &Grants { grants }).await?;
    Ok(())
}

/// The passphrase form: one field to unlock, two to choose one.
#[component]
pub fn UnlockForm() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let unlocked = use_unlocked();
    let passphrase = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(s) = session.live_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let given = passphrase.get_untracked();
        spawn_local(async move {
            let_the_page_draw().await;
            match unlock(s.token, given).await {
                Ok(keyring) => {
                    passphrase.set(String::new());
                    unlocked.0.set(Some(keyring));
                }
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <form class="unlock" on:submit=submit data-testid="unlock">
            <h2>{move || t_string!(i18n, keys.unlock.heading)}</h2>
            <p>{move || t_string!(i18n, keys.unlock.text)}</p>
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error" role="alert" id="sl-fout">{p.words(i18n.get_locale())}</p> })}
            <div class="utrecht-form-field field">
                <label for="sl-ontgrendel">{move || t_string!(i18n, keys.passphrase)}</label>
                <input id="sl-ontgrendel" type="password" autocomplete="current-password" maxlength="1024"
                    aria-describedby=move || problem.with(Option::is_some).then_some("sl-fout")
                    prop:value=move || passphrase.get()
                    on:input=move |ev| passphrase.set(event_target_value(&ev)) />
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || busy.get()>{move || if busy.get() {
                    t_string!(i18n, keys.unlock.busy)
                } else {
                    t_string!(i18n, keys.unlock.button)
                }}</button>
            </div>
        </form>
    }
}

/// `/medewerkers/meldpunt-sleutel`
#[component]
pub fn KeysPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, keys.title)));
    view! {
        <p class="back"><A href="/meldpunt">{move || t_string!(i18n, triage.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, keys.title)}</h1>
        <p>{move || t_string!(i18n, keys.intro)}</p>
        <StaffOnly need=Role::can_triage words=CLOSED let:session>
            <KeysView session=session />
        </StaffOnly>
    }
}

#[component]
fn KeysView(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let unlocked = use_unlocked();
    let version = RwSignal::new(0u32);
    let token = session.token.clone();
    let ring = LocalResource::new(move || {
        version.track();
        let token = token.clone();
        async move {
            api::keys::ring(&token)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    let reload = move || version.update(|v| *v += 1);
    // Only whether: a new key added to the ring must not redraw what is on screen.
    let is_unlocked = Memo::new(move |_| unlocked.0.with(Option::is_some));
    view! {
        {move || match ring.get() {
            None => view! { <p class="loading">{move || t_string!(i18n, keys.loading)}</p> }.into_any(),
            Some(Err(message)) => view! { <p class="utrecht-form-field-error-message field-error" role="alert">{message}</p> }.into_any(),
            Some(Ok(ring)) => {
                let session = session.clone();
                if ring.own.is_none() {
                    return view! { <ChooseForm session=session set_up=ring.keys.is_empty() done=reload /> }.into_any();
                }
                if ring.keys.is_empty() {
                    return view! { <ChooseForm session=session set_up=true done=reload /> }.into_any();
                }
                view! {
                    {move || match is_unlocked.get() {
                        false => view! { <UnlockForm /> }.into_any(),
                        true => view! {
                            <p class="receipt" role="status" data-testid="unlocked"><strong>{move || t_string!(i18n, keys.unlocked)}</strong></p>
                            <div class="form-buttons">
                                <button type="button" class="secondary" on:click=move |_| unlocked.0.set(None)>{move || t_string!(i18n, keys.lock)}</button>
                            </div>
                        }.into_any(),
                    }}
                    {move || is_unlocked.get().then(|| view! {
                        <Colleagues session=session.clone() ring=ring.clone() done=reload />
                        <Rotate session=session.clone() />
                    })}
                }.into_any()
            }
        }}
    }
}

/// Choosing a passphrase; with `set_up`, also making the meldpunt's first key.
#[component]
fn ChooseForm(
    session: StaffSession,
    set_up: bool,
    done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let unlocked = use_unlocked();
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let chosen = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (a, b) = (first.get_untracked(), second.get_untracked());
        if a.chars().count() < MIN_PASSPHRASE {
            problem.set(Some(Problem::Seal(SealError::ShortPassphrase)));
            return;
        }
        if a != b {
            problem.set(Some(Problem::Different));
            return;
        }
        busy.set(true);
        problem.set(None);
        let session = session.clone();
        spawn_local(async move {
            let_the_page_draw().await;
            match choose(session, a, set_up).await {
                Ok(keyring) => {
                    first.set(String::new());
                    second.set(String::new());
                    if keyring.is_some() {
                        unlocked.0.set(keyring);
                        done();
                    } else {
                        chosen.set(true);
                    }
                }
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        {move || chosen.get().then(|| view! { <p class="receipt" role="status">{move || t_string!(i18n, keys.unlock.no_access)}</p> })}
        <form class="unlock" on:submit=submit data-testid="choose-passphrase">
            <h2>{move || if set_up { t_string!(i18n, keys.setup.heading) } else { t_string!(i18n, keys.choose.heading) }}</h2>
            <p>{move || if set_up { t_string!(i18n, keys.setup.text) } else { t_string!(i18n, keys.choose.text) }}</p>
            <p class="warning" id="sl-waarschuwing"><strong>{move || t_string!(i18n, keys.setup.warning)}</strong></p>
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error" role="alert" id="sl-fout">{p.words(i18n.get_locale())}</p> })}
            <div class="utrecht-form-field field">
                <label for="sl-zin">{move || t_string!(i18n, keys.passphrase)}</label>
                <input id="sl-zin" type="password" autocomplete="new-password" maxlength="1024"
                    aria-describedby="sl-waarschuwing"
                    prop:value=move || first.get()
                    on:input=move |ev| first.set(event_target_value(&ev)) />
            </div>
            <div class="utrecht-form-field field">
                <label for="sl-zin-2">{move || t_string!(i18n, keys.repeat)}</label>
                <input id="sl-zin-2" type="password" autocomplete="new-password" maxlength="1024"
                    prop:value=move || second.get()
                    on:input=move |ev| second.set(event_target_value(&ev)) />
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || busy.get()>{move || match (busy.get(), set_up) {
                    (true, _) => t_string!(i18n, keys.unlock.busy),
                    (false, true) => t_string!(i18n, keys.setup.button),
                    (false, false) => t_string!(i18n, keys.choose.button),
                }}</button>
            </div>
        </form>
    }
}

#[component]
fn Colleagues(
    session: StaffSession,
    ring: KeyRing,
    done: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let unlocked = use_unlocked();
    let problem = RwSignal::new(None::<Problem>);
    let given = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let others: Vec<_> = ring
        .colleagues
        .into_iter()
        .filter(|c| c.user_id != session.user_id)
        .collect();
    let rows = others
        .into_iter()
        .map(|c| {
            let email = c.email.clone();
            let button_key = c.public_key.clone();
            let line = move || {
                let locale = i18n.get_locale();
                let text = match (&c.public_key, c.has_access) {
                    (_, true) => td_string!(locale, keys.colleagues.has_access),
                    (None, false) => td_string!(locale, keys.colleagues.no_passphrase),
                    (Some(_), false) => td_string!(locale, keys.colleagues.waiting),
                };
                words::fill(text, &[("email", &c.email)])
            };
            let button = match (button_key, c.has_access) {
                (Some(public), false) => {
                    let session = session.clone();
                    let label_email = email.clone();
                    let user_id = c.user_id;
                    Some(view! {
                        <button type="button" prop:disabled=move || busy.get() on:click=move |_| {
                            let Some(keyring) = unlocked.0.get_untracked() else { return };
                            let (session, public, email) = (session.clone(), public.clone(), email.clone());
                            busy.set(true);
                            spawn_local(async move {
                                match give(session, keyring, user_id, public).await {
                                    Ok(()) => {
                                        problem.set(None);
                                        given.set(Some(email));
                                        done();
                                    }
                                    Err(e) => problem.set(Some(e)),
                                }
                                busy.set(false);
                            });
                        }>{move || words::fill(t_string!(i18n, keys.colleagues.give), &[("email", &label_email)])}</button>
                    })
                }
                _ => None,
            };
            view! { <li>{line}" "{button}</li> }
        })
        .collect_view();
    view! {
        <h2>{move || t_string!(i18n, keys.colleagues.heading)}</h2>
        <div role="status">
            {move || given.get().map(|email| view! { <p class="receipt"><strong>{words::fill(t_string!(i18n, keys.colleagues.given), &[("email", &email)])}</strong></p> })}
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{p.words(i18n.get_locale())}</p> })}
        </div>
        <ul data-testid="colleagues">{rows}</ul>
    }
}

#[component]
fn Rotate(session: StaffSession) -> impl IntoView {
    let i18n = use_i18n();
    let unlocked = use_unlocked();
    let problem = RwSignal::new(None::<Problem>);
    let made = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let click = move |_| {
        let Some(keyring) = unlocked.0.get_untracked() else {
            return;
        };
        let session = session.clone();
        busy.set(true);
        spawn_local(async move {
            match rotate(session, keyring).await {
                Ok(keyring) => {
                    unlocked.0.set(Some(keyring));
                    problem.set(None);
                    made.set(true);
                }
                Err(e) => problem.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2>{move || t_string!(i18n, keys.rotate.heading)}</h2>
        <p>{move || t_string!(i18n, keys.rotate.text)}</p>
        <div role="status">
            {move || made.get().then(|| view! { <p class="receipt"><strong>{move || t_string!(i18n, keys.rotate.done)}</strong></p> })}
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{p.words(i18n.get_locale())}</p> })}
        </div>
        <div class="form-buttons">
            <button type="button" class="secondary" prop:disabled=move || busy.get() on:click=click>{move || t_string!(i18n, keys.rotate.button)}</button>
        </div>
    }
}
