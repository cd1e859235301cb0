//! `/medewerkers`: staff sign in with e-mail and password; signed in, the page is her
//! start (what her role lets her do, one line each) and where she signs out. The session is
//! kept in IndexedDB (`src/store/`) so an outreach worker's tablet stays signed in
//! offline; the sync loop sends its token with every push.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::staff::Role;

use crate::browser::intl;
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_device;
use crate::state::contexts::use_network;
use crate::state::contexts::use_session;
use crate::state::session::SignInError;
use crate::store::kiosk::Kiosk;
use crate::words;

#[component]
pub fn StaffPage() -> impl IntoView {
    let i18n = use_i18n();
    let device = use_device();
    let session = use_session();
    // Only a real change of session redraws the form: what is typed must not vanish.
    let session = Memo::new(move |_| session.live());
    // Signed in, the page is her start: who she is and what her role lets her do.
    let signed_in = move || session.with(Option::is_some);
    Effect::new(move |_| {
        set_title(if signed_in() {
            t_string!(i18n, staff.home.title)
        } else {
            t_string!(i18n, staff.title)
        })
    });
    view! {
        <h1 id="mw-kop" tabindex="-1">{move || match session.get() {
            Some(s) => words::fill(t_string!(i18n, staff.home.heading), &[("email", &s.email)]),
            None => t_string!(i18n, staff.title).to_owned(),
        }}</h1>
        {move || (!signed_in()).then(|| view! { <p>{move || t_string!(i18n, staff.intro)}</p> })}
        {device.kiosk.is_some().then(|| view! {
            <p class="utrecht-alert utrecht-alert--info notice" data-testid="kiosk-notice">{move || t_string!(i18n, staff.kiosk_notice)}</p>
        })}
        {move || match session.get() {
            Some(session) => view! { <SignedIn email=session.email role=session.role /> }.into_any(),
            None => view! { <SignInForm /> }.into_any(),
        }}
    }
}

/// One thing a role can do: where it is, and one line of what it is for.
#[derive(Clone, Copy)]
struct Task {
    href: &'static str,
    link: fn(Locale) -> &'static str,
    what_for: fn(Locale) -> &'static str,
    may: fn(Role) -> bool,
}

/// Everything on the staff home, in the order a working day meets it. Each shows only
/// to the roles the page behind it lets in, so nobody is sent to a "no access" page.
const TASKS: [Task; 9] = [
    Task {
        href: "/meldpunt",
        link: |l| td_string!(l, staff.to_triage),
        what_for: |l| td_string!(l, staff.home.triage),
        may: Role::can_triage,
    },
    Task {
        href: "/medewerkers/namens",
        link: |l| td_string!(l, staff.to_my_items),
        what_for: |l| td_string!(l, staff.home.my_items),
        may: Role::can_act_on_behalf,
    },
    Task {
        href: "/medewerkers/aanbod",
        link: |l| td_string!(l, staff.to_offer),
        what_for: |l| td_string!(l, staff.home.offer),
        may: Role::can_edit_activities,
    },
    Task {
        href: "/medewerkers/redactie",
        link: |l| td_string!(l, staff.to_editors),
        what_for: |l| td_string!(l, staff.home.editors),
        may: Role::can_edit_catalogue,
    },
    Task {
        href: "/medewerkers/verwijzen",
        link: |l| td_string!(l, staff.to_partners),
        what_for: |l| td_string!(l, staff.home.partners),
        // Everyone but the place manager, who only sets up kiosks (below).
        may: Role::can_push,
    },
    Task {
        href: "/monitoring",
        link: |l| td_string!(l, staff.to_monitoring),
        what_for: |l| td_string!(l, staff.home.monitoring),
        may: Role::can_steer,
    },
    Task {
        href: "/medewerkers/verhalen",
        link: |l| td_string!(l, staff.to_stories),
        what_for: |l| td_string!(l, staff.home.stories),
        may: Role::can_tell_stories,
    },
    Task {
        href: "/medewerkers/logboek",
        link: |l| td_string!(l, staff.to_audit),
        what_for: |l| td_string!(l, staff.home.audit),
        may: Role::can_read_audit,
    },
    Task {
        href: "/medewerkers/accounts",
        link: |l| td_string!(l, staff.to_accounts),
        what_for: |l| td_string!(l, staff.home.accounts),
        may: Role::can_manage_accounts,
    },
];

#[component]
fn SignedIn(email: String, role: Role) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let sign_out = Action::new_local(move |_: &()| async move {
        session.sign_out().await;
        focus_by_id("mw-kop");
    });
    view! {
        <div role="status" class="receipt" data-testid="signed-in">
            <p><strong>{move || words::fill(t_string!(i18n, staff.signed_in_as), &[("email", &email)])}</strong></p>
            <p>{move || {
                let locale = i18n.get_locale();
                words::fill(td_string!(locale, staff.role), &[("role", words::staff::role_label(locale, role))])
            }}</p>
        </div>
        // A place manager has no task here, only the kiosk set-up below.
        {TASKS.iter().any(|task| (task.may)(role)).then(|| view! {
            <h2 id="mw-taken">{move || t_string!(i18n, staff.home.tasks)}</h2>
            <ul class="staff-tasks" aria-labelledby="mw-taken" data-testid="staff-tasks">
                {TASKS.into_iter().filter(|task| (task.may)(role)).map(|task| view! {
                    <li>
                        <A href=task.href>{move || (task.link)(i18n.get_locale())}</A>
                        <p>{move || (task.what_for)(i18n.get_locale())}</p>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <h2>{move || t_string!(i18n, staff.home.done)}</h2>
        <p>{move || t_string!(i18n, staff.sign_out_hint)}</p>
        <p><button type="button" class="secondary" prop:disabled=move || sign_out.pending().get() on:click=move |_| { sign_out.dispatch(()); }>{move || t_string!(i18n, staff.sign_out)}</button></p>
        <KioskSetup />
    }
}

/// Turns this device into a kiosk for visitors. Leaving kiosk mode takes a staff
/// sign-in again.
#[component]
fn KioskSetup() -> impl IntoView {
    let i18n = use_i18n();
    let device = use_device();
    let idle = RwSignal::new(Kiosk::DEFAULT_IDLE);
    // Whether turning kiosk mode on failed.
    let problem = RwSignal::new(false);
    // Signs the staff member out and restarts as a kiosk; only a failure comes back.
    let become_kiosk = Action::new_local(move |kiosk: &Kiosk| {
        let kiosk = *kiosk;
        async move {
            if device.become_kiosk(kiosk).await.is_err() {
                problem.set(true);
                focus_by_id("kiosk-fout");
            }
        }
    });
    let turn_on = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        become_kiosk.dispatch(Kiosk {
            idle_seconds: idle.get_untracked(),
        });
    };
    view! {
        <h2>{move || t_string!(i18n, staff.kiosk.heading)}</h2>
        <p>{move || t_string!(i18n, staff.kiosk.explain)}</p>
        <div id="kiosk-fout" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || problem.get()>
            {move || problem.get().then(|| view! { <p><strong>{move || t_string!(i18n, staff.kiosk.cannot_remember)}</strong></p> })}
        </div>
        <form class="staff-form" on:submit=turn_on>
            <div class="utrecht-form-field field">
                <label for="kiosk-tijd">{move || t_string!(i18n, staff.kiosk.restart_after)}</label>
                <select id="kiosk-tijd" on:change=move |ev| {
                    if let Ok(seconds) = event_target_value(&ev).parse() {
                        idle.set(seconds);
                    }
                }>
                    {Kiosk::IDLE_CHOICES.into_iter().map(|seconds| view! {
                        <option value=seconds.to_string() selected=seconds == Kiosk::DEFAULT_IDLE>
                            {move || {
                                let locale = i18n.get_locale();
                                words::fill(td_string!(locale, staff.kiosk.idle_choice), &[("seconds", &intl::number(locale, seconds))])
                            }}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || become_kiosk.pending().get()>{move || t_string!(i18n, staff.kiosk.turn_on)}</button>
            </div>
        </form>
    }
}

/// What the sign-in form has to say.
#[derive(Clone, Debug, PartialEq)]
enum SignInProblem {
    FillIn,
    Offline,
    Wrong,
    TooManyAttempts {
        minutes: u64,
    },
    CannotKeep,
    /// Any other refusal, already in words (`words::for_staff`).
    Said(String),
}

impl SignInProblem {
    fn new(error: SignInError) -> SignInProblem {
        match error {
            SignInError::Wrong => SignInProblem::Wrong,
            SignInError::TooManyAttempts { retry_after } => SignInProblem::TooManyAttempts {
                minutes: retry_after.div_ceil(60).max(1),
            },
            SignInError::CannotKeep(error) => {
                leptos::logging::error!("keeping the session failed: {error}");
                SignInProblem::CannotKeep
            }
            SignInError::Api(error) => SignInProblem::Said(words::for_staff(&error)),
        }
    }

    fn text(&self, locale: Locale) -> AnyView {
        match self {
            SignInProblem::FillIn => td_string!(locale, staff.form.fill_in).into_any(),
            SignInProblem::Offline => td_string!(locale, staff.form.offline).into_any(),
            SignInProblem::Wrong => td_string!(locale, staff.errors.wrong_sign_in).into_any(),
            SignInProblem::TooManyAttempts { minutes: 1 } => {
                td_string!(locale, staff.errors.too_many_attempts_minute).into_any()
            }
            SignInProblem::TooManyAttempts { minutes } => {
                let minutes = intl::number(locale, *minutes as f64);
                words::fill(
                    td_string!(locale, staff.errors.too_many_attempts),
                    &[("minutes", &minutes)],
                )
                .into_any()
            }
            SignInProblem::CannotKeep => {
                td_string!(locale, staff.errors.cannot_keep_session).into_any()
            }
            SignInProblem::Said(text) => text.clone().into_any(),
        }
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let i18n = use_i18n();
    let network = use_network();
    let session = use_session();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<SignInProblem>);
    let sign_in = Action::new_local(move |(e, p): &(String, String)| {
        let (e, p) = (e.clone(), p.clone());
        async move {
            match session.sign_in(e, p).await {
                Ok(()) => {
                    problem.set(None);
                    password.set(String::new());
                    focus_by_id("mw-kop");
                }
                Err(error) => {
                    problem.set(Some(SignInProblem::new(error)));
                    focus_by_id("mw-fout");
                }
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sign_in.pending().get_untracked() {
            return;
        }
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if e.trim().is_empty() || p.is_empty() {
            problem.set(Some(SignInProblem::FillIn));
            focus_by_id("mw-fout");
            return;
        }
        if !network.online.get_untracked() {
            problem.set(Some(SignInProblem::Offline));
            focus_by_id("mw-fout");
            return;
        }
        sign_in.dispatch((e, p));
    };
    view! {
        <div id="mw-fout" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || problem.with(Option::is_some)>
            {move || problem.get().map(|p| view! { <p><strong>{move || p.text(i18n.get_locale())}</strong></p> })}
        </div>
        <form class="staff-form" on:submit=submit novalidate=true>
            <div class="utrecht-form-field field">
                <label for="mw-email">{move || t_string!(i18n, staff.form.email)}</label>
                <input id="mw-email" type="email" autocomplete="username" maxlength="254"
                    aria-describedby=move || problem.with(Option::is_some).then_some("mw-fout")
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev)) />
            </div>
            <div class="utrecht-form-field field">
                <label for="mw-wachtwoord">{move || t_string!(i18n, staff.form.password)}</label>
                <input id="mw-wachtwoord" type="password" autocomplete="current-password" maxlength="1024"
                    aria-describedby=move || problem.with(Option::is_some).then_some("mw-fout")
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || sign_in.pending().get()>{move || t_string!(i18n, staff.form.sign_in)}</button>
            </div>
        </form>
    }
}
