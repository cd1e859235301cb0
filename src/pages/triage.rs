//! `/meldpunt` and `/meldpunt/:id`: the meldpunt's triage, for coordinators and admins.
//! Online only: notes never rest on a staff device. The list shows routing fields and
//! handling only; opening a note reads its body, which the server writes to the audit
//! log, so the detail is read exactly once per visit of the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::note::{NoteKind, NoteRouting, Urgency};
use omzien_core::staff::{
    NoteDetail, NoteListItem, NoteStatus, Referral, ReferralProblem, ReferralRequest,
    ReferralTarget, Role, StaffRef, StatusCounts,
};

use crate::api::{self, notes::NoteFilter};
use crate::browser::intl;
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t, t_string, td_string, use_i18n, Locale};
use crate::state::catalogue::{use_catalogue, CatalogueState};
use crate::state::network::{use_network, Network};
use crate::state::session::{use_session, SessionState};
use crate::store::StaffSession;
use crate::words;

/// Shown instead of the page when it cannot work: not signed in as meldpunt staff, or
/// no connection.
fn gate(access: Memo<(Option<Role>, bool)>) -> Option<AnyView> {
    let i18n = use_i18n();
    let (role, online) = access.get();
    match role {
        Some(role) if role.can_triage() => {}
        Some(_) => {
            return Some(
                view! {
                    <p class="notice">{move || t_string!(i18n, triage.coordinators_only)}</p>
                }
                .into_any(),
            )
        }
        None => {
            return Some(
                view! {
                    <p class="notice next-links">{move || t_string!(i18n, triage.for_meldpunt)}" "<A href="/medewerkers">{move || t_string!(i18n, triage.sign_in_first)}</A>"."</p>
                }
                .into_any(),
            )
        }
    }
    (!online).then(|| {
        view! {
            <p class="notice" data-testid="triage-offline"><strong>{move || t_string!(i18n, triage.offline)}</strong>
            " "{move || t_string!(i18n, triage.offline_more)}</p>
        }
        .into_any()
    })
}

/// Who is signed in and whether there is a connection: the page is redrawn only when
/// one of them really changes (the sync loop sets them again each round).
pub(crate) fn access(session: SessionState, network: Network) -> Memo<(Option<Role>, bool)> {
    Memo::new(move |_| (session.live().map(|s| s.role), network.online.get()))
}

/// Whether the one signed in may see notes at all (connection or not).
fn may_triage(access: Memo<(Option<Role>, bool)>) -> bool {
    access.with(|(role, _)| role.is_some_and(Role::can_triage))
}

fn token(session: SessionState) -> Option<String> {
    session.live().map(|s| s.token)
}

fn wijk_name(catalogue: CatalogueState, id: &str) -> String {
    catalogue.loaded.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| l.catalogue.wijk(id).map(|w| w.name.clone()))
            .unwrap_or_else(|| id.to_owned())
    })
}

/// A moment from the server (RFC 3339) as date and time in the chosen language, in this
/// device's time zone: "28 nov 2026 14:05" in Dutch.
pub(crate) fn when(locale: Locale, rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_owned();
    }
    intl::date_time(locale, ms)
}

/// A count in the chosen language's way: "1.234" in Dutch.
fn count(locale: Locale, n: u32) -> String {
    intl::number(locale, n)
}

/// What a coordinator just did, said back in the outcome line.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Done {
    Status(NoteStatus),
    Assigned,
    Referred(ReferralTarget),
}

/// Loading the next page of the list: under way, or what went wrong.
#[derive(Clone, Debug, Default, PartialEq)]
struct More {
    busy: bool,
    problem: Option<String>,
}

/// The list as far as it has been loaded: pages are added at the end, each note keeps
/// its place (and keyboard focus its note) as more come.
#[derive(Clone, Copy)]
struct Listing {
    notes: RwSignal<Vec<NoteListItem>>,
    counts: RwSignal<StatusCounts>,
    /// Where the next page starts; `None` when everything is here.
    next: RwSignal<Option<String>>,
    /// The status filter these notes were asked with: the total is its count.
    status: RwSignal<Option<NoteStatus>>,
    more: RwSignal<More>,
}

/// The id of a note's link in the list, to move focus to.
fn anchor(note_id: &str) -> String {
    format!("tr-melding-{note_id}")
}

#[component]
pub fn TriagePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, triage.title)));
    let (catalogue, session, network) = (use_catalogue(), use_session(), use_network());
    let filter = RwSignal::new(NoteFilter::default());
    // `None` until the first page has come (or could not come).
    let list = RwSignal::new(None::<Result<(), String>>);
    let listing = Listing {
        notes: RwSignal::new(Vec::new()),
        counts: RwSignal::new(StatusCounts::default()),
        next: RwSignal::new(None),
        status: RwSignal::new(None),
        more: RwSignal::new(More::default()),
    };
    // Each new first page counts up: an answer for an older filter is dropped.
    let asked = StoredValue::new(0u32);
    let access = access(session, network);
    Effect::new(move |_| {
        let wanted = filter.get();
        if !may_triage(access) && list.with_untracked(Option::is_some) {
            // Signed out, maybe in another tab: nothing of the list stays in memory.
            list.set(None);
            listing.notes.set(Vec::new());
            listing.next.set(None);
        }
        if gate(access).is_some() {
            return;
        }
        let Some(token) = token(session) else { return };
        let n = asked.get_value() + 1;
        asked.set_value(n);
        spawn_local(async move {
            let answer = api::notes::list(&token, &wanted, None).await;
            if asked.get_value() != n {
                return;
            }
            listing.more.set(More::default());
            match answer {
                Ok(page) => {
                    listing.status.set(NoteStatus::parse(&wanted.status));
                    listing.notes.set(page.notes);
                    listing.counts.set(page.counts);
                    listing.next.set(page.next);
                    list.set(Some(Ok(())));
                }
                Err(error) => list.set(Some(Err(words::for_staff(&error)))),
            }
        });
    });
    let load_more = move || {
        if listing.more.with_untracked(|m| m.busy) {
            return;
        }
        let (Some(after), Some(token)) = (listing.next.get_untracked(), token(session)) else {
            return;
        };
        let wanted = filter.get_untracked();
        let n = asked.get_value();
        listing.more.set(More {
            busy: true,
            problem: None,
        });
        spawn_local(async move {
            let answer = api::notes::list(&token, &wanted, Some(&after)).await;
            if asked.get_value() != n {
                return; // the filter changed meanwhile: a new first page is on its way
            }
            match answer {
                Ok(page) => {
                    let first_new = page.notes.first().map(|n| anchor(&n.id));
                    listing.notes.update(|all| all.extend(page.notes));
                    listing.counts.set(page.counts);
                    listing.next.set(page.next);
                    listing.more.set(More::default());
                    // Go on where the new notes start, not back at the top of the page.
                    if let Some(id) = first_new {
                        focus_by_id(&id);
                    }
                }
                Err(error) => listing.more.set(More {
                    busy: false,
                    problem: Some(words::for_staff(&error)),
                }),
            }
        });
    };
    let set = move |apply: fn(&mut NoteFilter, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            filter.update(|f| apply(f, value));
        }
    };
    view! {
        <h1 tabindex="-1">{move || t_string!(i18n, triage.title)}</h1>
        {move || gate(access).unwrap_or_else(|| view! {
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
                            let wijken = super::wijk_choices(&l.catalogue);
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
            {move || match list.get() {
                None => view! { <p class="loading">{move || t_string!(i18n, triage.loading_list)}</p> }.into_any(),
                Some(Err(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                Some(Ok(())) => note_list(catalogue, listing, load_more).into_any(),
            }}
        }.into_any())}
    }
}

/// The counts, the notes loaded so far and, while there are more, "Meer laden".
fn note_list(
    catalogue: CatalogueState,
    listing: Listing,
    load_more: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Listing {
        notes,
        counts,
        next,
        status,
        more,
    } = listing;
    let i18n = use_i18n();
    // The counts are for the whole filter; never fewer than are on screen (a note may
    // have changed since its page came).
    let total = move || {
        counts
            .with(|c| c.matching(status.get()))
            .max(notes.with(|n| u32::try_from(n.len()).unwrap_or(u32::MAX)))
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
                    shown = count(locale, notes.with(|n| u32::try_from(n.len()).unwrap_or(u32::MAX))),
                    total = count(locale, total()),
                )
            }}</p>
            // aria-disabled, not disabled: a disabled button would drop keyboard focus
            // while the next page loads.
            <p class="form-buttons">
                <button type="button" id="tr-meer" aria-describedby="tr-meer-uitleg"
                    aria-disabled=move || more.with(|m| m.busy).then_some("true")
                    on:click=move |_| load_more()>
                    {move || if more.with(|m| m.busy) { t_string!(i18n, triage.wait) } else { t_string!(i18n, triage.load_more) }}
                </button>
            </p>
            {move || more.with(|m| m.problem.clone()).map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        })}
    }
}

fn note_line(catalogue: CatalogueState, n: NoteListItem) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/meldpunt/{}", n.id);
    let wijk = wijk_name(catalogue, &n.routing.wijk);
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

#[component]
pub fn TriageNotePage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, triage.note_title)));
    let (session, network) = (use_session(), use_network());
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let detail = RwSignal::new(None::<Result<NoteDetail, String>>);
    // Read once: every read is an audit row.
    let read = StoredValue::new(false);
    let access = access(session, network);
    let note_id = id.clone();
    Effect::new(move |_| {
        if !may_triage(access) {
            // Signed out, maybe in another tab: the note leaves the screen at once. A
            // sign-in later reads it again (and that read is audited too).
            if detail.with_untracked(Option::is_some) {
                detail.set(None);
            }
            read.set_value(false);
            return;
        }
        if read.get_value() || gate(access).is_some() {
            return;
        }
        let Some(token) = token(session) else { return };
        read.set_value(true);
        let note_id = note_id.clone();
        spawn_local(async move {
            detail.set(Some(
                api::notes::get(&token, &note_id)
                    .await
                    .map_err(|e| words::for_staff(&e)),
            ));
        });
    });
    view! {
        <p class="back"><A href="/meldpunt">{move || t_string!(i18n, triage.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, triage.note_title)}</h1>
        // Once read, the note stays on screen (also offline) until the page is left or
        // the coordinator signs out.
        {move || match (detail.get(), gate(access)) {
            (Some(Ok(found)), _) => view! { <NoteDetailView detail=found /> }.into_any(),
            (_, Some(shown)) => shown,
            (None, None) => view! { <p class="loading">{move || t_string!(i18n, triage.loading_note)}</p> }.into_any(),
            (Some(Err(message)), None) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
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
    let busy = RwSignal::new(false);
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

    let status_button = {
        let id = id.clone();
        move |next: NoteStatus| {
            let id = id.clone();
            let label = move || match next {
                NoteStatus::InProgress => t_string!(i18n, triage.action.in_progress),
                NoteStatus::Closed => t_string!(i18n, triage.action.closed),
                NoteStatus::Referred => t_string!(i18n, triage.action.referred),
                NoteStatus::New => t_string!(i18n, triage.action.new),
            };
            view! {
                <button type="button" prop:disabled=move || busy.get() on:click=move |_| {
                    let Some(token) = token(session) else { return };
                    let id = id.clone();
                    busy.set(true);
                    spawn_local(async move {
                        match api::notes::set_status(&token, &id, next).await {
                            Ok(updated) => {
                                item.set(updated);
                                problem.set(None);
                                done.set(Some(Done::Status(next)));
                            }
                            Err(e) => problem.set(Some(words::for_staff(&e))),
                        }
                        busy.set(false);
                        focus_by_id("tr-uitkomst");
                    });
                }>{label}</button>
            }
        }
    };

    let assign = {
        let id = id.clone();
        move |_| {
            let Some(StaffSession { token, user_id, .. }) = session.live() else {
                return;
            };
            let id = id.clone();
            busy.set(true);
            spawn_local(async move {
                match api::notes::assign(&token, &id, Some(user_id)).await {
                    Ok(updated) => {
                        item.set(updated);
                        problem.set(None);
                        done.set(Some(Done::Assigned));
                    }
                    Err(e) => problem.set(Some(words::for_staff(&e))),
                }
                busy.set(false);
                focus_by_id("tr-uitkomst");
            });
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
    let wijk = wijk_name(catalogue, &wijk);
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
                    .map(status_button.clone())
                    .collect_view()
            }}
            {move || {
                let me = session.live().map(|s| s.user_id);
                let mine = item.with(|i| i.assignee.as_ref().map(|a| a.id)) == me;
                let closed = item.with(|i| i.status == NoteStatus::Closed);
                (!mine && !closed).then(|| view! {
                    <button type="button" class="secondary" prop:disabled=move || busy.get() on:click=assign.clone()>{move || t_string!(i18n, triage.action.assign_me)}</button>
                })
            }}
        </div>
        {move || item.with(|i| matches!(i.status, NoteStatus::InProgress | NoteStatus::Referred)).then(|| view! {
            <ReferralForm note_id=id.clone() item=item referrals=referrals done=done />
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

#[component]
fn ReferralForm(
    note_id: String,
    item: RwSignal<NoteListItem>,
    referrals: RwSignal<Vec<Referral>>,
    done: RwSignal<Option<Done>>,
) -> impl IntoView {
    let catalogue = use_catalogue();
    let session = use_session();
    let i18n = use_i18n();
    let to = RwSignal::new(ReferralTarget::Buurtteam);
    let activity = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<ReferralProblem>);
    let server_problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
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
        let Some(session) = session.live() else {
            return;
        };
        let id = note_id.clone();
        busy.set(true);
        spawn_local(async move {
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
                    done.set(Some(Done::Referred(request.to)));
                    focus_by_id("tr-uitkomst");
                }
                Err(e) => {
                    server_problem.set(Some(words::for_staff(&e)));
                    focus_by_id("tr-verwijs-fout");
                }
            }
            busy.set(false);
        });
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
                    <button type="submit" prop:disabled=move || busy.get()>{move || t_string!(i18n, triage.refer.submit)}</button>
                </div>
            </form>
        </section>
    }
}
