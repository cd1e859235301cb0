//! `/meldpunt/:id`: one note, for coordinators and admins. Opening it reads its body,
//! which the server writes to the audit log, so it is read exactly once per visit of
//! the page. Below the note, what a coordinator does with it: take it on, assign it,
//! refer it, close it.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::note::{NoteBody, NoteKind, NoteRouting};
use omzien_core::seal::SealError;
use omzien_core::signup::Channel;
use omzien_core::staff::{NoteDetail, NoteStatus, ReferralTarget, Role};

use super::closed::CLOSED;
use super::keys::{sealed_words, use_unlocked, UnlockForm, Unlocked};
use super::referral::ReferralForm;
use crate::api;
use crate::components::staff_only::{staff_access, StaffAccess, StaffOnly};
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::wijk_name_by_id;
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_session;
use crate::store::StaffSession;
use crate::words;
use crate::words::staff::when;

/// What a coordinator just did, said back in the outcome line.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Done {
    Status(NoteStatus),
    Assigned,
    Referred(ReferralTarget),
}

/// What the note's buttons ask of the server.
#[derive(Clone, Copy)]
enum Handle {
    Status(NoteStatus),
    AssignMe,
}

#[component]
pub fn TriageNotePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, triage.note_title)));
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let access = staff_access(Role::can_triage);
    // The token the note is read with: the first one that may, online. It stays while
    // the connection comes and goes, so the note is not read again; a sign-out (maybe
    // in another tab) forgets it, and a sign-in later reads the note again, audited too.
    let reader = Memo::new(move |before: Option<&Option<String>>| match access.get() {
        StaffAccess::Open(session) => before.cloned().flatten().or(Some(session.token)),
        StaffAccess::Offline => before.cloned().flatten(),
        StaffAccess::SignedOut | StaffAccess::NoAccess => None,
    });
    let note = LocalResource::new(move || {
        let (token, id) = (reader.get(), id.clone());
        async move {
            let token = token?;
            Some(
                api::notes::get(&token, &id)
                    .await
                    .map_err(|e| words::for_staff(&e)),
            )
        }
    });
    let allowed = Memo::new(move |_| access.with(StaffAccess::allowed));
    let unlocked = use_unlocked();
    view! {
        <p class="back"><A href="/meldpunt">{move || t_string!(i18n, triage.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, triage.note_title)}</h1>
        // Once read, the note stays on screen (also offline) until the page is left or
        // the coordinator signs out: then it leaves the screen at once.
        {move || match note.get().flatten() {
            // The body is opened here, with the keys unlocked in this window; until
            // then the page asks for the passphrase.
            Some(Ok(found)) if allowed.get() => match open_body(&found, unlocked) {
                Opened::Body(body) => view! { <NoteDetailView detail=found body=body /> }.into_any(),
                Opened::Locked => view! {
                    <p role="status">{move || t_string!(i18n, keys.sealed.locked)}</p>
                    <UnlockForm />
                }.into_any(),
                Opened::Refused(error) => view! {
                    <p class="utrecht-form-field-error-message field-error" role="alert" data-testid="sealed-refused">{move || sealed_words(i18n.get_locale(), error)}</p>
                }.into_any(),
            },
            answer => view! {
                <StaffOnly need=Role::can_triage words=CLOSED let:_session>
                    {match answer.clone() {
                        Some(Err(message)) => view! { <p class="utrecht-form-field-error-message field-error" role="alert">{message}</p> }.into_any(),
                        _ => view! { <p class="loading">{move || t_string!(i18n, triage.loading_note)}</p> }.into_any(),
                    }}
                </StaffOnly>
            }
            .into_any(),
        }}
    }
}

/// A note's body, opened or why not.
enum Opened {
    Body(NoteBody),
    /// Sealed, and the keys are not unlocked in this window.
    Locked,
    Refused(SealError),
}

fn open_body(detail: &NoteDetail, unlocked: Unlocked) -> Opened {
    match (&detail.sealed, &detail.body) {
        (Some(envelope), _) => unlocked.0.with(|keys| match keys {
            None => Opened::Locked,
            Some(keys) => match keys.open_body(&detail.note.id, envelope) {
                Ok(body) => Opened::Body(body),
                Err(error) => Opened::Refused(error),
            },
        }),
        (None, Some(body)) => Opened::Body(body.clone()),
        (None, None) => Opened::Refused(SealError::Tampered),
    }
}

#[component]
fn NoteDetailView(detail: NoteDetail, body: NoteBody) -> impl IntoView {
    let catalogue = use_catalogue();
    let session = use_session();
    let i18n = use_i18n();
    let item = RwSignal::new(detail.note.clone());
    let referrals = RwSignal::new(detail.referrals.clone());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Done>);
    let NoteRouting {
        kind,
        about,
        wijk,
        urgency,
        reporter_role,
        channel,
    } = detail.note.routing.clone();
    let id = detail.note.id.clone();
    let note_id = id.clone();

    // The buttons' requests, one at a time: the outcome line says what happened.
    let handle = Action::new_local(move |(session, handle): &(StaffSession, Handle)| {
        let (session, handle, id) = (session.clone(), *handle, id.clone());
        async move {
            let (answer, what) = match handle {
                Handle::Status(next) => (
                    api::notes::set_status(&session.token, &id, next).await,
                    Done::Status(next),
                ),
                Handle::AssignMe => (
                    api::notes::assign(&session.token, &id, Some(session.user_id)).await,
                    Done::Assigned,
                ),
            };
            match answer {
                Ok(updated) => {
                    item.set(updated);
                    problem.set(None);
                    done.set(Some(what));
                }
                Err(e) => problem.set(Some(words::for_staff(&e))),
            }
            focus_by_id("tr-uitkomst");
        }
    });
    let ask = move |what: Handle| {
        if let Some(session) = session.live_untracked() {
            handle.dispatch((session, what));
        }
    };
    let busy = move || handle.pending().get();
    let status_button = move |next: NoteStatus| {
        let label = move || match next {
            NoteStatus::InProgress => t_string!(i18n, triage.action.in_progress),
            NoteStatus::Closed => t_string!(i18n, triage.action.closed),
            NoteStatus::Referred => t_string!(i18n, triage.action.referred),
            NoteStatus::New => t_string!(i18n, triage.action.new),
        };
        view! {
            <button type="button" prop:disabled=busy on:click=move |_| ask(Handle::Status(next))>{label}</button>
        }
    };

    let signals = body.signals.clone();
    let consent = body.consent;
    let reporter = body.reporter.clone();
    let about_text = move || match (kind, about) {
        (NoteKind::WantsContact, _) | (_, omzien_core::note::About::Own) => {
            t_string!(i18n, triage.about_reporter)
        }
        _ => t_string!(i18n, triage.about_someone_else),
    };
    let received_at = detail.note.received_at.clone();
    let wijk = wijk_name_by_id(catalogue, &wijk);
    let contact = move || {
        if consent.may_contact_reporter {
            let parts: Vec<String> = [
                reporter.name.clone(),
                reporter.phone.clone(),
                reporter.email.clone(),
            ]
            .into_iter()
            .flatten()
            .collect();
            words::fill(
                t_string!(i18n, triage.body.may_contact),
                &[("details", &parts.join(", "))],
            )
        } else {
            t_string!(i18n, triage.body.no_contact).to_owned()
        }
    };

    view! {
        <div id="tr-uitkomst" tabindex="-1" role="status" class="receipt">
            {move || done.get().map(|d| {
                let locale = i18n.get_locale();
                let text = match d {
                    Done::Status(s) => words::fill(td_string!(locale, triage.status_now), &[("status", words::note::status_words(locale, s))]),
                    Done::Assigned => td_string!(locale, triage.assigned_to_you).to_owned(),
                    Done::Referred(to) => words::fill(td_string!(locale, triage.refer.done), &[("to", words::note::target_words(locale, to))]),
                };
                view! { <p><strong>{text}</strong></p> }
            })}
            {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{p}</p> })}
        </div>
        <h2>{move || words::note::kind(i18n.get_locale(), kind)}</h2>
        <dl class="facts" data-testid="note-facts">
            <dt>{move || t_string!(i18n, triage.facts.status)}</dt><dd>{move || words::note::status_words(i18n.get_locale(), item.with(|i| i.status))}</dd>
            <dt>{move || t_string!(i18n, triage.facts.assignee)}</dt><dd>{move || item.with(|i| i.assignee.as_ref().map(|a| a.email.clone())).unwrap_or_else(|| t_string!(i18n, triage.facts.nobody).to_owned())}</dd>
            <dt>{move || t_string!(i18n, triage.facts.wijk)}</dt><dd lang="nl">{wijk}</dd>
            <dt>{move || t_string!(i18n, triage.facts.urgency)}</dt><dd>{move || words::note::urgency(i18n.get_locale(), urgency)}</dd>
            <dt>{move || t_string!(i18n, triage.facts.about)}</dt><dd>{about_text}</dd>
            <dt>{move || t_string!(i18n, triage.facts.reporter)}</dt><dd>{move || words::note::role(i18n.get_locale(), reporter_role)}</dd>
            <dt>{move || t_string!(i18n, triage.facts.made)}</dt><dd>{move || match item.with(|i| i.pushed_by.as_ref().filter(|_| channel == Channel::OnBehalf).map(|p| p.email.clone())) {
                Some(who) => words::fill(t_string!(i18n, triage.channel.on_behalf_by), &[("who", &who)]),
                None => words::note::channel_words(i18n.get_locale(), channel).to_owned(),
            }}</dd>
            <dt>{move || t_string!(i18n, triage.facts.received)}</dt><dd>{move || when(i18n.get_locale(), &received_at)}</dd>
        </dl>
        <h2>{move || t_string!(i18n, triage.body.heading)}</h2>
        <dl class="facts" data-testid="note-body">
            {body.person_hint.clone().map(|h| view! { <dt>{move || t_string!(i18n, triage.body.who)}</dt><dd>{h}</dd> })}
            {(!signals.is_empty()).then(|| view! {
                <dt>{move || t_string!(i18n, triage.body.signals)}</dt>
                <dd><ul>{signals.into_iter().map(|s| view! { <li>{move || words::note::signal(i18n.get_locale(), s)}</li> }).collect_view()}</ul></dd>
            })}
            <dt>{move || t_string!(i18n, triage.body.story)}</dt><dd>{
                let story = body.story.clone();
                move || story.clone().unwrap_or_else(|| t_string!(i18n, triage.body.no_story).to_owned())
            }</dd>
            <dt>{move || t_string!(i18n, triage.body.contact)}</dt>
            <dd>{contact}</dd>
            <dt>{move || t_string!(i18n, triage.body.may_name)}</dt><dd>{move || words::staff::yes_no(i18n.get_locale(), consent.may_name_reporter)}</dd>
            <dt>{move || t_string!(i18n, triage.body.may_share)}</dt><dd>{move || words::staff::yes_no(i18n.get_locale(), consent.may_share_with_partners)}</dd>
        </dl>
        <h2>{move || t_string!(i18n, triage.handle)}</h2>
        <div class="form-buttons">
            {move || {
                let current = item.with(|i| i.status);
                [NoteStatus::InProgress, NoteStatus::Closed]
                    .into_iter()
                    .filter(|next| current.can_become(*next))
                    .map(status_button)
                    .collect_view()
            }}
            {move || {
                let me = session.live().map(|s| s.user_id);
                let mine = item.with(|i| i.assignee.as_ref().map(|a| a.id)) == me;
                let closed = item.with(|i| i.status == NoteStatus::Closed);
                (!mine && !closed).then(|| view! {
                    <button type="button" class="secondary" prop:disabled=busy on:click=move |_| ask(Handle::AssignMe)>{move || t_string!(i18n, triage.action.assign_me)}</button>
                })
            }}
        </div>
        {move || item.with(|i| matches!(i.status, NoteStatus::InProgress | NoteStatus::Referred)).then(|| view! {
            <ReferralForm note_id=note_id.clone() item=item referrals=referrals may_share=consent.may_share_with_partners referred=move |to| done.set(Some(Done::Referred(to))) />
        })}
        <h2>{move || t_string!(i18n, triage.referrals)}</h2>
        {move || {
            let list = referrals.get();
            let locale = i18n.get_locale();
            if list.is_empty() {
                return view! { <p>{td_string!(locale, triage.not_referred)}</p> }.into_any();
            }
            view! {
                <ul data-testid="referrals">
                    {list.into_iter().map(|r| {
                        let to = match (&r.to, &r.activity_id) {
                            (ReferralTarget::Activity, Some(a)) => {
                                let name = catalogue.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.catalogue.activity(a).map(|x| x.name.clone()))).unwrap_or_else(|| a.clone());
                                words::fill(td_string!(locale, triage.to_activity), &[("name", &name)])
                            }
                            (to, _) => words::note::target_words(locale, *to).to_owned(),
                        };
                        let note = r.note.map(|n| format!(" – {n}")).unwrap_or_default();
                        view! { <li>{to}{format!("{note} ({}, {})", r.by.email, when(locale, &r.at))}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
