use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::intl;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::state::contexts::use_outbox;
use crate::state::contexts::use_session;
use crate::words;

/// "2 aanmeldingen wachten op verbinding" / "Alles is verstuurd": what a senior needs
/// to know about the outbox, shown once this device has made a sign-up; and a plain
/// warning while items wait in storage the browser may clear.
#[component]
pub fn OutboxStatus() -> impl IntoView {
    let outbox = use_outbox();
    let session = use_session();
    let i18n = use_i18n();
    let text = move || {
        let (all, sign_ups) = (outbox.counts.get().unanswered, outbox.counts.get().sign_ups);
        let locale = i18n.get_locale();
        let count = intl::number(locale, all as f64);
        let template = match (all, all == sign_ups) {
            (0, _) => td_string!(locale, common.outbox.all_sent),
            (1, true) => td_string!(locale, common.outbox.one_sign_up_waiting),
            (_, true) => td_string!(locale, common.outbox.sign_ups_waiting),
            (1, false) => td_string!(locale, common.outbox.one_message_waiting),
            (_, false) => td_string!(locale, common.outbox.messages_waiting),
        };
        words::fill(template, &[("count", &count)])
    };
    let staff_waiting = move || {
        let locale = i18n.get_locale();
        match outbox.counts.get().needing_staff {
            1 => td_string!(locale, common.outbox.one_staff_message_waiting).to_owned(),
            n => words::fill(
                td_string!(locale, common.outbox.staff_messages_waiting),
                &[("count", &intl::number(locale, n as f64))],
            ),
        }
    };
    view! {
        <div data-testid="outbox-status" class="outbox-status" role="status">
            {move || (outbox.counts.get().unanswered > 0 || !outbox.sign_ups.with(Vec::is_empty) || !outbox.notes.with(Vec::is_empty)).then(|| view! {
                <p>
                    {text}
                    // A device with only notes has no sign-ups to show.
                    {move || (outbox.notes.with(Vec::is_empty) || !outbox.sign_ups.with(Vec::is_empty)).then(|| view! { " " <A href="/aanmeldingen">{move || t_string!(i18n, common.outbox.my_sign_ups)}</A> })}
                    {move || (!outbox.notes.with(Vec::is_empty)).then(|| view! { " " <A href="/melden">{move || t_string!(i18n, common.outbox.my_notes)}</A> })}
                </p>
            })}
            // Items made on behalf of a resident go only with a staff sign-in.
            {move || (outbox.counts.get().needing_staff > 0 && !session.live().is_some_and(|s| s.role.can_act_on_behalf())).then(|| view! {
                <p data-testid="sign-in-needed" class="utrecht-alert utrecht-alert--warning warning">
                    {staff_waiting} " "
                    {move || t_string!(i18n, common.outbox.staff_messages_kept)} " "
                    <A href="/medewerkers">{move || t_string!(i18n, common.outbox.staff_sign_in)}</A>
                </p>
            })}
            // Chromium can drop a site's data when the disk runs full unless it has
            // promised not to; the person should know while something waits.
            {move || (outbox.counts.get().unanswered > 0 && outbox.persistent.get() == Some(false)).then(|| view! {
                <p data-testid="storage-warning" class="utrecht-alert utrecht-alert--warning warning">
                    {move || t_string!(i18n, common.outbox.storage_warning)}
                </p>
            })}
        </div>
    }
}
