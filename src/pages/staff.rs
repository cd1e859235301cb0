//! `/medewerkers`: staff sign in with e-mail and password, and sign out. The session is
//! kept in IndexedDB (`src/store/`) so an outreach worker's tablet stays signed in
//! offline; the sync loop sends its token with every push.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::{focus_by_id, set_title};
use crate::state::AppData;
use crate::store::kiosk::Kiosk;

#[component]
pub fn StaffPage() -> impl IntoView {
    set_title("Inloggen voor medewerkers");
    let data = expect_context::<AppData>();
    // Only a real change of session redraws the form: what is typed must not vanish.
    let session = Memo::new(move |_| data.live_session());
    view! {
        <h1 id="mw-kop" tabindex="-1">"Inloggen voor medewerkers"</h1>
        <p>"Deze pagina is voor medewerkers van het meldpunt, outreachmedewerkers en organisaties. Inwoners hebben geen account nodig."</p>
        {data.kiosk.is_some().then(|| view! {
            <p class="notice" data-testid="kiosk-notice">"Dit apparaat staat in de kioskstand. Log je in als medewerker? Dan gaat de kioskstand uit."</p>
        })}
        {move || match session.get() {
            Some(session) => view! { <SignedIn email=session.email role=session.role.label_nl() triage=session.role.can_triage() audit=session.role.can_read_audit() /> }.into_any(),
            None => view! { <SignInForm /> }.into_any(),
        }}
    }
}

#[component]
fn SignedIn(email: String, role: &'static str, triage: bool, audit: bool) -> impl IntoView {
    let data = expect_context::<AppData>();
    let busy = RwSignal::new(false);
    let sign_out = move |_| {
        busy.set(true);
        spawn_local(async move {
            data.sign_out().await;
            busy.set(false);
            focus_by_id("mw-kop");
        });
    };
    view! {
        <div role="status" class="receipt" data-testid="signed-in">
            <p><strong>{format!("Je bent ingelogd als {email}.")}</strong></p>
            <p>{format!("Rol: {role}.")}</p>
        </div>
        {triage.then(|| view! { <p class="next-links"><A href="/meldpunt">"Naar de meldingen (meldpunt)"</A></p> })}
        {audit.then(|| view! { <p class="next-links"><A href="/medewerkers/logboek">"Logboek: wie opende welke melding"</A></p> })}
        <p>"Ben je klaar? Log dan uit. Zeker op een apparaat dat je deelt."</p>
        <p><button type="button" class="secondary" prop:disabled=move || busy.get() on:click=sign_out>"Uitloggen"</button></p>
        <KioskSetup />
    }
}

/// Turns this device into a kiosk for visitors. Leaving kiosk mode takes a staff
/// sign-in again.
#[component]
fn KioskSetup() -> impl IntoView {
    let data = expect_context::<AppData>();
    let idle = RwSignal::new(Kiosk::DEFAULT_IDLE);
    let problem = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let turn_on = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        busy.set(true);
        spawn_local(async move {
            let kiosk = Kiosk {
                idle_seconds: idle.get_untracked(),
            };
            if let Err(message) = data.become_kiosk(kiosk).await {
                problem.set(Some(message));
                busy.set(false);
                focus_by_id("kiosk-fout");
            }
        });
    };
    view! {
        <h2>"Kioskstand"</h2>
        <p>"Staat dit apparaat op een openbare plek, zoals in de bibliotheek? Zet dan de kioskstand aan. Als niemand het apparaat een tijdje gebruikt, begint Omzien opnieuw. Het wist dan alles wat een bezoeker heeft ingevuld. Jij wordt meteen uitgelogd."</p>
        <div id="kiosk-fout" tabindex="-1" role="alert" class="error-summary" class:shown=move || problem.with(Option::is_some)>
            {move || problem.get().map(|p| view! { <p><strong>{p}</strong></p> })}
        </div>
        <form class="staff-form" on:submit=turn_on>
            <div class="field">
                <label for="kiosk-tijd">"Opnieuw beginnen na"</label>
                <select id="kiosk-tijd" on:change=move |ev| {
                    if let Ok(seconds) = event_target_value(&ev).parse() {
                        idle.set(seconds);
                    }
                }>
                    {Kiosk::IDLE_CHOICES.into_iter().map(|seconds| view! {
                        <option value=seconds.to_string() selected=seconds == Kiosk::DEFAULT_IDLE>
                            {format!("{seconds} seconden zonder gebruik")}
                        </option>
                    }).collect_view()}
                </select>
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || busy.get()>"Zet de kioskstand aan"</button>
            </div>
        </form>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let data = expect_context::<AppData>();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (e, p) = (email.get_untracked(), password.get_untracked());
        if e.trim().is_empty() || p.is_empty() {
            problem.set(Some("Vul je e-mailadres en je wachtwoord in.".to_owned()));
            focus_by_id("mw-fout");
            return;
        }
        if !data.online.get_untracked() {
            problem.set(Some(
                "Er is nu geen verbinding. Inloggen kan alleen met internet.".to_owned(),
            ));
            focus_by_id("mw-fout");
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match data.sign_in(e, p).await {
                Ok(()) => {
                    problem.set(None);
                    password.set(String::new());
                    focus_by_id("mw-kop");
                }
                Err(message) => {
                    problem.set(Some(message));
                    focus_by_id("mw-fout");
                }
            }
            busy.set(false);
        });
    };
    view! {
        <div id="mw-fout" tabindex="-1" role="alert" class="error-summary" class:shown=move || problem.with(Option::is_some)>
            {move || problem.get().map(|p| view! { <p><strong>{p}</strong></p> })}
        </div>
        <form class="staff-form" on:submit=submit novalidate=true>
            <div class="field">
                <label for="mw-email">"E-mailadres"</label>
                <input id="mw-email" type="email" autocomplete="username" maxlength="254"
                    aria-describedby=move || problem.with(Option::is_some).then_some("mw-fout")
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev)) />
            </div>
            <div class="field">
                <label for="mw-wachtwoord">"Wachtwoord"</label>
                <input id="mw-wachtwoord" type="password" autocomplete="current-password" maxlength="1024"
                    aria-describedby=move || problem.with(Option::is_some).then_some("mw-fout")
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </div>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || busy.get()>"Inloggen"</button>
            </div>
        </form>
    }
}
