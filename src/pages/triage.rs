//! `/meldpunt` and `/meldpunt/:id`: the meldpunt's triage, for coordinators and admins.
//! Online only: notes never rest on a staff device. The list shows routing fields and
//! handling only; opening a note reads its body, which the server writes to the audit
//! log, so the detail is read exactly once per visit of the page.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::note::{NoteKind, NoteRouting, Urgency};
use omzien_core::staff::{
    NoteDetail, NoteList, NoteListItem, NoteStatus, Referral, ReferralProblem, ReferralRequest,
    ReferralTarget, Role, StaffRef,
};

use crate::api::{self, notes::NoteFilter};
use crate::browser::intl;
use crate::components::staff_only::{staff_access, Closed, StaffAccess, StaffOnly};
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::pages::{wijk_choices, wijk_name_by_id};
use crate::state::catalogue::{use_catalogue, CatalogueState};
use crate::state::session::use_session;
use crate::store::StaffSession;
use crate::words;
use crate::words::staff::when;

/// What the triage pages say to whoever may not see notes, or not now.
const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, triage.for_meldpunt),
    sign_in_first: |l| td_string!(l, triage.sign_in_first),
    no_access: |l| td_string!(l, triage.coordinators_only),
    offline: |l| td_string!(l, triage.offline),
    offline_more: |l| td_string!(l, triage.offline_more),
    offline_test_id: Some("triage-offline"),
};

/// A count in the chosen language's way: "1.234" in Dutch.
fn count(locale: Locale, n: u32) -> String {
    intl::number(locale, n)
}

/// How many notes, as a count: a list is never longer than that.
fn length(notes: &[NoteListItem]) -> u32 {
    u32::try_from(notes.len()).unwrap_or(u32::MAX)
}

/// The id of a note's link in the list, to move focus to.
fn anchor(note_id: &str) -> String {
    format!("tr-melding-{note_id}")
}

#[component]
pub fn TriagePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, triage.title)));
    // The page's own: kept when the connection comes and goes, or another tab signs in.
    let filter = RwSignal::new(NoteFilter::default());
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, triage.title)}</h1>
        <StaffOnly need=Role::can_triage words=CLOSED let:session>
            <Filters filter=filter />
            <Notes token=session.token filter=filter />
        </StaffOnly>
    }
}

#[component]
fn Filters(filter: RwSignal<NoteFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let set = move |apply: fn(&mut NoteFilter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| apply(f, value));
        }
    };
    view! {
        <form class="triage-filters" aria-label=move || t_string!(i18n, triage.filter.label) on:submit=|ev| ev.prevent_default()>
            <div class="field">
                <label for="tr-status">{move || t_string!(i18n, triage.filter.status)}</label>
                <select id="tr-status" on:change=set(|f, v| f.status = v)>
                    <option value="">{move || t_string!(i18n, triage.filter.all)}</option>
                    {NoteStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || filter.with(|f| f.status == s.as_str())>{move || words::note::status_words(i18n.get_locale(), s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tr-wijk">{move || t_string!(i18n, triage.filter.wijk)}</label>
                <select id="tr-wijk" on:change=set(|f, v| f.wijk = v)>
                    <option value="">{move || t_string!(i18n, triage.filter.all_wijken)}</option>
                    {move || catalogue.loaded.get().map(|l| {
                        let wijken = wijk_choices(&l.catalogue);
                        wijken.into_iter().map(|(id, name)| {
                            let chosen = id.clone();
                            view! { <option value=id lang="nl" selected=move || filter.with(|f| f.wijk == chosen)>{name}</option> }
                        }).collect_view()
                    })}
                </select>
            </div>
            <div class="field">
                <label for="tr-urgentie">{move || t_string!(i18n, triage.filter.urgency)}</label>
                <select id="tr-urgentie" on:change=set(|f, v| f.urgency = v)>
                    <option value="">{move || t_string!(i18n, triage.filter.all)}</option>
                    {Urgency::ALL.into_iter().rev().map(|u| view! {
                        <option value=u.as_str() selected=move || filter.with(|f| f.urgency == u.as_str())>{move || words::note::urgency(i18n.get_locale(), u)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tr-leeftijd">{move || t_string!(i18n, triage.filter.received)}</label>
                <select id="tr-leeftijd" on:change=set(|f, v| f.older_than_days = v)>
                    {["", "2", "7", "30"].into_iter().map(|v| view! {
                        <option value=v selected=move || filter.with(|f| f.older_than_days == v)>{move || {
                            let locale = i18n.get_locale();
                            match v {
                                "2" => td_string!(locale, triage.filter.older_2),
                                "7" => td_string!(locale, triage.filter.older_7),
                                "30" => td_string!(locale, triage.filter.older_30),
                                _ => td_string!(locale, triage.filter.any_time),
                            }
                        }}</option>
                    }).collect_view()}
                </select>
            </div>
        </form>
    }
}

/// A first page, with what it was asked with: the next pages are asked the same way.
#[derive(Clone)]
struct FirstPage {
    token: String,
    filter: NoteFilter,
    page: NoteList,
}

/// The notes for the filter chosen. A new filter asks for a new first page; the list on
/// screen stays until it comes, and an answer for an older filter never has the last
/// word (the resource keeps only its latest answer).
#[component]
fn Notes(token: String, filter: RwSignal<NoteFilter>) -> impl IntoView {
    let i18n = use_i18n();
    let first = LocalResource::new(move || {
        let (token, filter) = (token.clone(), filter.get());
        async move {
            match api::notes::list(&token, &filter, None).await {
                Ok(page) => Ok(FirstPage {
                    token,
                    filter,
                    page,
                }),
                Err(error) => Err(words::for_staff(&error)),
            }
        }
    });
    move || match first.get() {
        None => view! { <p class="loading">{move || t_string!(i18n, triage.loading_list)}</p> }
            .into_any(),
        Some(Err(message)) => {
            view! { <p class="field-error" role="alert">{message}</p> }.into_any()
        }
        Some(Ok(first)) => view! { <Listing first=first /> }.into_any(),
    }
}

/// The counts, the notes loaded so far and, while there are more, "Meer laden". Pages
/// are added at the end, so each note keeps its place (and keyboard focus its note) as
/// more come. A new filter makes a new listing: a page still on its way for the old
/// one then lands nowhere.
#[component]
fn Listing(first: FirstPage) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let FirstPage {
        token,
        filter,
        page,
    } = first;
    let status = NoteStatus::parse(&filter.status);
    let notes = RwSignal::new(page.notes);
    let counts = RwSignal::new(page.counts);
    // Where the next page starts; `None` when everything is here.
    let next = RwSignal::new(page.next);
    let more = Action::new_local(move |after: &String| {
        let (token, filter, after) = (token.clone(), filter.clone(), after.clone());
        async move {
            let page = api::notes::list(&token, &filter, Some(&after))
                .await
                .map_err(|error| words::for_staff(&error))?;
            let first_new = page.notes.first().map(|n| anchor(&n.id));
            if notes.try_update(|all| all.extend(page.notes)).is_none() {
                return Ok(()); // this listing is gone: the filter changed meanwhile
            }
            counts.set(page.counts);
            next.set(page.next);
            // Go on where the new notes start, not back at the top of the page.
            if let Some(id) = first_new {
                focus_by_id(&id);
            }
            Ok::<(), String>(())
        }
    });
    let load_more = move |_| {
        if more.pending().get_untracked() {
            return;
        }
        if let Some(after) = next.get_untracked() {
            more.clear();
            more.dispatch(after);
        }
    };
    // The counts are for the whole filter; never fewer than are on screen (a note may
    // have changed since its page came).
    let total = move || {
        counts
            .with(|c| c.matching(status))
            .max(notes.with(|n| length(n)))
    };
    view! {
        <h2>{move || t_string!(i18n, triage.counts.heading)}</h2>
        <ul class="counts" data-testid="triage-counts">
            {move || {
                let c = counts.get();
                let locale = i18n.get_locale();
                view! {
                    <li>{t!(i18n, triage.counts.new, n = count(locale, c.new))}</li>
                    <li>{t!(i18n, triage.counts.in_progress, n = count(locale, c.in_progress))}</li>
                    <li>{t!(i18n, triage.counts.referred, n = count(locale, c.referred))}</li>
                    <li>{t!(i18n, triage.counts.closed, n = count(locale, c.closed))}</li>
                }
            }}
        </ul>
        <h2>{move || {
            let locale = i18n.get_locale();
            match total() {
                0 => td_string!(locale, triage.total.none).into_any(),
                1 => td_string!(locale, triage.total.one).into_any(),
                n => t!(i18n, triage.total.other, n = count(locale, n)).into_any(),
            }
        }}</h2>
        <ul class="triage-list" aria-label=move || t_string!(i18n, triage.list_label)>
            <For each=move || notes.get() key=|n| n.id.clone() let:n>
                {note_line(catalogue, n)}
            </For>
        </ul>
        {move || next.with(Option::is_some).then(|| view! {
            <p id="tr-meer-uitleg">{move || {
                let locale = i18n.get_locale();
                t!(
                    i18n,
                    triage.shown,
                    shown = count(locale, notes.with(|n| length(n))),
                    total = count(locale, total()),
                )
            }}</p>
            // aria-disabled, not disabled: a disabled button would drop keyboard focus
            // while the next page loads.
            <p class="form-buttons">
                <button type="button" id="tr-meer" aria-describedby="tr-meer-uitleg"
                    aria-disabled=move || more.pending().get().then_some("true")
                    on:click=load_more>
                    {move || if more.pending().get() { t_string!(i18n, triage.wait) } else { t_string!(i18n, triage.load_more) }}
                </button>
            </p>
            {move || more.value().get().and_then(Result::err).map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        })}
    }
}

fn note_line(catalogue: CatalogueState, n: NoteListItem) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/meldpunt/{}", n.id);
    let wijk = wijk_name_by_id(catalogue, &n.routing.wijk);
    let kind = n.routing.kind;
    let title = move || format!("{} – {}", words::note::kind(i18n.get_locale(), kind), wijk);
    let line = move || {
        let locale = i18n.get_locale();
        let facts = t!(
            i18n,
            triage.line,
            status = words::note::status_words(locale, n.status),
            urgency = words::note::urgency(locale, n.routing.urgency),
            received = when(locale, &n.received_at),
        );
        let assignee = match &n.assignee {
            Some(a) => t!(i18n, triage.line_assignee, email = a.email.clone()).into_any(),
            None => td_string!(locale, triage.line_no_assignee).into_any(),
        };
        (facts, assignee)
    };
    view! {
        <li>
            <A href=href attr:id=anchor(&n.id)>{title}</A>
            <p>{line}</p>
        </li>
    }
}

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
    view! {
        <p class="back"><A href="/meldpunt">{move || t_string!(i18n, triage.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, triage.note_title)}</h1>
        // Once read, the note stays on screen (also offline) until the page is left or
        // the coordinator signs out: then it leaves the screen at once.
        {move || match note.get().flatten() {
            Some(Ok(found)) if allowed.get() => view! { <NoteDetailView detail=found /> }.into_any(),
            answer => view! {
                <StaffOnly need=Role::can_triage words=CLOSED let:_session>
                    {match answer.clone() {
                        Some(Err(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                        _ => view! { <p class="loading">{move || t_string!(i18n, triage.loading_note)}</p> }.into_any(),
                    }}
                </StaffOnly>
            }
            .into_any(),
        }}
    }
}

#[component]
fn NoteDetailView(detail: NoteDetail) -> impl IntoView {
    let catalogue = use_catalogue();
    let session = use_session();
    let i18n = use_i18n();
    let item = RwSignal::new(detail.note.clone());
    let referrals = RwSignal::new(detail.referrals.clone());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<Done>);
    let body = detail.body;
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
            t!(i18n, triage.body.may_contact, details = parts.join(", ")).into_any()
        } else {
            t_string!(i18n, triage.body.no_contact).into_any()
        }
    };

    view! {
        <div id="tr-uitkomst" tabindex="-1" role="status" class="receipt">
            {move || done.get().map(|d| {
                let locale = i18n.get_locale();
                let text = match d {
                    Done::Status(s) => t!(i18n, triage.status_now, status = words::note::status_words(locale, s)).into_any(),
                    Done::Assigned => td_string!(locale, triage.assigned_to_you).into_any(),
                    Done::Referred(to) => t!(i18n, triage.refer.done, to = words::note::target_words(locale, to)).into_any(),
                };
                view! { <p><strong>{text}</strong></p> }
            })}
            {move || problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
        </div>
        <h2>{move || words::note::kind(i18n.get_locale(), kind)}</h2>
        <dl class="facts" data-testid="note-facts">
            <dt>{move || t_string!(i18n, triage.facts.status)}</dt><dd>{move || words::note::status_words(i18n.get_locale(), item.with(|i| i.status))}</dd>
            <dt>{move || t_string!(i18n, triage.facts.assignee)}</dt><dd>{move || item.with(|i| i.assignee.as_ref().map(|a| a.email.clone())).unwrap_or_else(|| t_string!(i18n, triage.facts.nobody).to_owned())}</dd>
            <dt>{move || t_string!(i18n, triage.facts.wijk)}</dt><dd lang="nl">{wijk}</dd>
            <dt>{move || t_string!(i18n, triage.facts.urgency)}</dt><dd>{move || words::note::urgency(i18n.get_locale(), urgency)}</dd>
            <dt>{move || t_string!(i18n, triage.facts.about)}</dt><dd>{about_text}</dd>
            <dt>{move || t_string!(i18n, triage.facts.reporter)}</dt><dd>{move || words::note::role(i18n.get_locale(), reporter_role)}</dd>
            <dt>{move || t_string!(i18n, triage.facts.made)}</dt><dd>{move || words::note::channel_words(i18n.get_locale(), channel)}</dd>
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
            <ReferralForm note_id=note_id.clone() item=item referrals=referrals referred=move |to| done.set(Some(Done::Referred(to))) />
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
                                t!(i18n, triage.to_activity, name = name).into_any()
                            }
                            (to, _) => words::note::target_words(locale, *to).into_any(),
                        };
                        let note = r.note.map(|n| format!(" – {n}")).unwrap_or_default();
                        view! { <li>{to}{format!("{note} ({}, {})", r.by.email, when(locale, &r.at))}</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

/// The referral form of note `note_id`. A referral sent updates `item` and `referrals`
/// and is said back through `referred`.
#[component]
fn ReferralForm(
    note_id: String,
    item: RwSignal<NoteListItem>,
    referrals: RwSignal<Vec<Referral>>,
    referred: impl Fn(ReferralTarget) + Copy + 'static,
) -> impl IntoView {
    let catalogue = use_catalogue();
    let session = use_session();
    let i18n = use_i18n();
    let to = RwSignal::new(ReferralTarget::Buurtteam);
    let activity = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<ReferralProblem>);
    let server_problem = RwSignal::new(None::<String>);
    let send = Action::new_local(
        move |(session, request): &(StaffSession, ReferralRequest)| {
            let (session, request, id) = (session.clone(), request.clone(), note_id.clone());
            async move {
                match api::notes::refer(&session.token, &id, &request).await {
                    Ok(updated) => {
                        item.set(updated);
                        referrals.update(|r| {
                            r.push(Referral {
                                to: request.to,
                                activity_id: request.activity_id.clone(),
                                note: request.note.clone(),
                                by: StaffRef {
                                    id: session.user_id,
                                    email: session.email.clone(),
                                },
                                at: js_sys::Date::new_0().to_iso_string().into(),
                            })
                        });
                        note.set(String::new());
                        server_problem.set(None);
                        referred(request.to);
                        focus_by_id("tr-uitkomst");
                    }
                    Err(e) => {
                        server_problem.set(Some(words::for_staff(&e)));
                        focus_by_id("tr-verwijs-fout");
                    }
                }
            }
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = to.get_untracked();
        let text = note.get_untracked().trim().to_owned();
        let request = ReferralRequest {
            to: target,
            activity_id: (target == ReferralTarget::Activity)
                .then(|| activity.get_untracked())
                .filter(|a| !a.is_empty()),
            note: (!text.is_empty()).then_some(text),
        };
        if let Err(message) = request.validate() {
            problem.set(Some(message));
            focus_by_id("tr-verwijs-fout");
            return;
        }
        problem.set(None);
        if let Some(session) = session.live_untracked() {
            send.dispatch((session, request));
        }
    };
    view! {
        <section aria-labelledby="tr-verwijs-kop">
            <h2 id="tr-verwijs-kop">{move || t_string!(i18n, triage.refer.heading)}</h2>
            <div id="tr-verwijs-fout" tabindex="-1" role="alert" class="error-summary" class:shown=move || problem.with(Option::is_some) || server_problem.with(Option::is_some)>
                {move || problem.get().map(|p| view! { <p class="field-error">{words::note::problem_words(i18n.get_locale(), p)}</p> })}
                {move || server_problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
            </div>
            <form class="staff-form" on:submit=submit novalidate=true>
                <div class="field">
                    <label for="tr-naar">{move || t_string!(i18n, triage.refer.where_to)}</label>
                    <select id="tr-naar" on:change=move |ev| {
                        if let Some(t) = ReferralTarget::parse(&event_target_value(&ev)) { to.set(t); }
                    }>
                        {ReferralTarget::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || to.get() == t>{move || words::note::target_words(i18n.get_locale(), t)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || (to.get() == ReferralTarget::Activity).then(|| view! {
                    <div class="field">
                        <label for="tr-activiteit">{move || t_string!(i18n, triage.refer.which_activity)}</label>
                        <select id="tr-activiteit" on:change=move |ev| activity.set(event_target_value(&ev))>
                            <option value="">{move || t_string!(i18n, triage.refer.choose_activity)}</option>
                            {catalogue.loaded.with_untracked(|l| l.as_ref().map(|l| {
                                let mut all: Vec<(String, String)> = l.catalogue.activities.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
                                all.sort_by(|a, b| a.1.cmp(&b.1));
                                all.into_iter().map(|(id, name)| {
                                    let chosen = id.clone();
                                    view! { <option value=id lang="nl" selected=move || activity.with(|a| *a == chosen)>{name}</option> }
                                }).collect_view()
                            }))}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="tr-notitie">{move || t_string!(i18n, triage.refer.note)}</label>
                    <textarea id="tr-notitie" rows="3" maxlength="500"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <div class="form-buttons">
                    <button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, triage.refer.submit)}</button>
                </div>
            </form>
        </section>
    }
}
