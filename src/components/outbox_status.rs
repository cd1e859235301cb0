use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::AppData;

/// "2 aanmeldingen wachten op verbinding" / "Alles is verstuurd": what a senior needs
/// to know about the outbox, shown once this device has made a sign-up; and a plain
/// warning while items wait in storage the browser may clear.
#[component]
pub fn OutboxStatus() -> impl IntoView {
    let data = expect_context::<AppData>();
    let text = move || {
        let (all, sign_ups) = (data.unsent.get(), data.unsent_sign_ups.get());
        match (all, all == sign_ups) {
            (0, _) => "Alles is verstuurd.".to_owned(),
            (1, true) => "1 aanmelding wacht op verbinding.".to_owned(),
            (n, true) => format!("{n} aanmeldingen wachten op verbinding."),
            (1, false) => "1 bericht wacht op verbinding.".to_owned(),
            (n, false) => format!("{n} berichten wachten op verbinding."),
        }
    };
    view! {
        <div data-testid="outbox-status" class="outbox-status" role="status">
            {move || (data.unsent.get() > 0 || !data.sign_ups.with(Vec::is_empty) || !data.notes.with(Vec::is_empty)).then(|| view! {
                <p>
                    {text}
                    // A device with only notes has no sign-ups to show.
                    {move || (data.notes.with(Vec::is_empty) || !data.sign_ups.with(Vec::is_empty)).then(|| view! { " " <A href="/aanmeldingen">"Mijn aanmeldingen"</A> })}
                    {move || (!data.notes.with(Vec::is_empty)).then(|| view! { " " <A href="/melden">"Mijn meldingen"</A> })}
                </p>
            })}
            // Items made on behalf of a resident go only with a staff sign-in.
            {move || (data.staff_waiting.get() > 0 && !data.live_session().is_some_and(|s| s.role.can_act_on_behalf())).then(|| view! {
                <p data-testid="sign-in-needed" class="warning">
                    {match data.staff_waiting.get() {
                        1 => "1 bericht namens een bewoner wacht tot een medewerker weer inlogt. ".to_owned(),
                        n => format!("{n} berichten namens een bewoner wachten tot een medewerker weer inlogt. "),
                    }}
                    "Ze blijven op dit apparaat bewaard. Daarna worden ze verstuurd. "
                    <A href="/medewerkers">"Inloggen voor medewerkers"</A>
                </p>
            })}
            // Chromium can drop a site's data when the disk runs full unless it has
            // promised not to; the person should know while something waits.
            {move || (data.unsent.get() > 0 && data.persistent.get() == Some(false)).then(|| view! {
                <p data-testid="storage-warning" class="warning">
                    "Let op: wat nog niet verstuurd is, staat alleen op dit apparaat. "
                    "Als het geheugen van het apparaat vol raakt, kan het verloren gaan. "
                    "Zorg daarom zo snel als je kunt voor verbinding met internet."
                </p>
            })}
        </div>
    }
}
