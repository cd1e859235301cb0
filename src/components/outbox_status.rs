use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::AppData;

/// "2 aanmeldingen wachten op verbinding" / "Alles is verstuurd": what a senior needs
/// to know about the outbox, shown once this device has made a sign-up.
#[component]
pub fn OutboxStatus() -> impl IntoView {
    let data = expect_context::<AppData>();
    let text = move || match data.unsent.get() {
        0 => "Alles is verstuurd.".to_owned(),
        1 => "1 aanmelding wacht op verbinding.".to_owned(),
        n => format!("{n} aanmeldingen wachten op verbinding."),
    };
    view! {
        <div data-testid="outbox-status" class="outbox-status" role="status">
            {move || (!data.sign_ups.with(Vec::is_empty)).then(|| view! {
                <p>{text} " " <A href="/aanmeldingen">"Mijn aanmeldingen"</A></p>
            })}
        </div>
    }
}
