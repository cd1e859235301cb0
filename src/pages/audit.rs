//! `/medewerkers/logboek`: the audit log, for admins. Who opened or changed which note,
//! and when: newest first, the last 500 entries. The server keeps this log also after a
//! note itself has been deleted.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::staff::{AuditAction, AuditLog};

use super::triage::{access, when};
use crate::components::set_title;
use crate::state::AppData;
use crate::sync;

fn action_label(action: AuditAction) -> &'static str {
    match action {
        AuditAction::Read => "Melding geopend",
        AuditAction::Status => "Status veranderd",
        AuditAction::Assign => "Toegewezen",
        AuditAction::Referral => "Doorverwezen",
    }
}

#[component]
pub fn AuditPage() -> impl IntoView {
    set_title("Logboek van het meldpunt");
    let data = expect_context::<AppData>();
    let log = RwSignal::new(None::<Result<AuditLog, String>>);
    let access = access(data);
    Effect::new(move |_| {
        let (role, online) = access.get();
        let Some(token) = data.live_session().map(|s| s.token) else {
            return;
        };
        if !online || !role.is_some_and(|r| r.can_read_audit()) {
            return;
        }
        spawn_local(async move {
            log.set(Some(sync::audit(&token).await.map_err(|e| e.for_staff())));
        });
    });
    view! {
        <p class="back"><A href="/medewerkers">"Terug naar de pagina voor medewerkers"</A></p>
        <h1 tabindex="-1">"Logboek van het meldpunt"</h1>
        <p>"Hier zie je wie welke melding heeft geopend of veranderd, en wanneer. Het nieuwste staat bovenaan."</p>
        {move || {
            let (role, online) = access.get();
            match role {
                None => view! {
                    <p class="notice next-links">"Deze pagina is voor beheerders. "<A href="/medewerkers">"Log eerst in"</A>"."</p>
                }.into_any(),
                Some(role) if !role.can_read_audit() => view! {
                    <p class="notice">"Deze pagina is alleen voor beheerders. Je account heeft geen toegang."</p>
                }.into_any(),
                Some(_) if !online => view! {
                    <p class="notice"><strong>"Er is nu geen verbinding."</strong>" Het logboek staat niet op dit apparaat."</p>
                }.into_any(),
                Some(_) => match log.get() {
                    None => view! { <crate::components::Loading /> }.into_any(),
                    Some(Err(message)) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                    Some(Ok(log)) if log.entries.is_empty() => view! {
                        <p>"Er staat nog niets in het logboek."</p>
                    }.into_any(),
                    Some(Ok(log)) => view! { <AuditTable log=log /> }.into_any(),
                },
            }
        }}
    }
}

#[component]
fn AuditTable(log: AuditLog) -> impl IntoView {
    view! {
        <div class="table-wrap" role="region" aria-labelledby="logboek-titel" tabindex="0">
            <table data-testid="audit-log">
                <caption id="logboek-titel">{format!("De laatste {} regels", log.entries.len())}</caption>
                <thead>
                    <tr>
                        <th scope="col">"Wanneer"</th>
                        <th scope="col">"Wie"</th>
                        <th scope="col">"Wat"</th>
                        <th scope="col">"Melding"</th>
                    </tr>
                </thead>
                <tbody>
                    {log.entries.into_iter().map(|entry| {
                        let what = match entry.detail {
                            Some(detail) => format!("{}: {detail}", action_label(entry.action)),
                            None => action_label(entry.action).to_owned(),
                        };
                        let short = entry.note_id.chars().take(8).collect::<String>();
                        view! {
                            <tr>
                                <td>{when(crate::i18n::use_i18n().get_locale_untracked(), &entry.at)}</td>
                                <td>{entry.user.email}</td>
                                <td>{what}</td>
                                <td><span title=entry.note_id>{short}</span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
