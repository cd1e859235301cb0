//! `/meldpunt` and `/meldpunt/:id`: the meldpunt's triage, for coordinators and admins.
//! Online only: notes never rest on a staff device. The list shows routing fields and
//! handling only; opening a note reads its body, which the server writes to the audit
//! log, so the detail is read exactly once per visit of the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::note::{NoteKind, NoteRouting, ReporterRole, Urgency};
use omzien_core::signup::Channel;
use omzien_core::staff::{
    count_nl, NoteDetail, NoteListItem, NoteStatus, Referral, ReferralRequest, ReferralTarget,
    Role, StaffRef, StatusCounts,
};

use crate::components::{focus_by_id, set_title};
use crate::state::AppData;
use crate::store::StaffSession;
use crate::sync::{self, NoteFilter};

/// Shown instead of the page when it cannot work: not signed in as meldpunt staff, or
/// no connection.
fn gate(access: Memo<(Option<Role>, bool)>) -> Option<AnyView> {
    let (role, online) = access.get();
    match role {
        Some(role) if role.can_triage() => {}
        Some(_) => {
            return Some(
                view! {
                    <p class="notice">"Deze pagina is alleen voor coördinatoren van het meldpunt. Je account heeft geen toegang."</p>
                }
                .into_any(),
            )
        }
        None => {
            return Some(
                view! {
                    <p class="notice next-links">"Deze pagina is voor het meldpunt. "<A href="/medewerkers">"Log eerst in"</A>"."</p>
                }
                .into_any(),
            )
        }
    }
    (!online).then(|| {
        view! {
            <p class="notice" data-testid="triage-offline"><strong>"Er is nu geen verbinding."</strong>
            " Meldingen staan niet op dit apparaat. Je ziet ze alleen als er internet is."</p>
        }
        .into_any()
    })
}

/// Who is signed in and whether there is a connection: the page is redrawn only when
/// one of them really changes (the sync loop sets them again each round).
pub(crate) fn access(data: AppData) -> Memo<(Option<Role>, bool)> {
    Memo::new(move |_| (data.live_session().map(|s| s.role), data.online.get()))
}

/// Whether the one signed in may see notes at all (connection or not).
fn may_triage(access: Memo<(Option<Role>, bool)>) -> bool {
    access.with(|(role, _)| role.is_some_and(Role::can_triage))
}

fn token(data: AppData) -> Option<String> {
    data.live_session().map(|s| s.token)
}

fn wijk_name(data: AppData, id: &str) -> String {
    data.loaded.with_untracked(|l| {
        l.as_ref()
            .and_then(|l| l.catalogue.wijk(id).map(|w| w.name.clone()))
            .unwrap_or_else(|| id.to_owned())
    })
}

/// "28-11-2026 14:05" in this device's time zone.
pub(crate) fn when(rfc3339: &str) -> String {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return rfc3339.to_owned();
    }
    let d = js_sys::Date::new(&ms.into());
    format!(
        "{}-{}-{} {:02}:{:02}",
        d.get_date(),
        d.get_month() + 1,
        d.get_full_year(),
        d.get_hours(),
        d.get_minutes()
    )
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
    set_title("Meldingen");
    let data = expect_context::<AppData>();
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
    let access = access(data);
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
        let Some(token) = token(data) else { return };
        let n = asked.get_value() + 1;
        asked.set_value(n);
        spawn_local(async move {
            let answer = sync::notes(&token, &wanted, None).await;
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
                Err(error) => list.set(Some(Err(error.for_staff()))),
            }
        });
    });
    let load_more = move || {
        if listing.more.with_untracked(|m| m.busy) {
            return;
        }
        let (Some(after), Some(token)) = (listing.next.get_untracked(), token(data)) else {
            return;
        };
        let wanted = filter.get_untracked();
        let n = asked.get_value();
        listing.more.set(More {
            busy: true,
            problem: None,
        });
        spawn_local(async move {
            let answer = sync::notes(&token, &wanted, Some(&after)).await;
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
                    problem: Some(error.for_staff()),
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
        <h1 tabindex="-1">"Meldingen"</h1>
        {move || gate(access).unwrap_or_else(|| view! {
            <form class="triage-filters" aria-label="Filters" on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="tr-status">"Status"</label>
                    <select id="tr-status" on:change=set(|f, v| f.status = v)>
                        <option value="">"Alle"</option>
                        {NoteStatus::ALL.into_iter().map(|s| view! {
                            <option value=s.as_str() selected=move || filter.with(|f| f.status == s.as_str())>{s.label_nl()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="tr-wijk">"Wijk"</label>
                    <select id="tr-wijk" on:change=set(|f, v| f.wijk = v)>
                        <option value="">"Alle wijken"</option>
                        {move || data.loaded.get().map(|l| {
                            let wijken = super::wijk_choices(&l.catalogue);
                            wijken.into_iter().map(|(id, name)| {
                                let chosen = id.clone();
                                view! { <option value=id selected=move || filter.with(|f| f.wijk == chosen)>{name}</option> }
                            }).collect_view()
                        })}
                    </select>
                </div>
                <div class="field">
                    <label for="tr-urgentie">"Haast"</label>
                    <select id="tr-urgentie" on:change=set(|f, v| f.urgency = v)>
                        <option value="">"Alle"</option>
                        {Urgency::ALL.into_iter().rev().map(|u| view! {
                            <option value=u.as_str() selected=move || filter.with(|f| f.urgency == u.as_str())>{u.label_nl()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="tr-leeftijd">"Ontvangen"</label>
                    <select id="tr-leeftijd" on:change=set(|f, v| f.older_than_days = v)>
                        {[("", "Wanneer dan ook"), ("2", "Meer dan 2 dagen geleden"), ("7", "Meer dan een week geleden"), ("30", "Meer dan een maand geleden")].into_iter().map(|(v, label)| view! {
                            <option value=v selected=move || filter.with(|f| f.older_than_days == v)>{label}</option>
                        }).collect_view()}
                    </select>
                </div>
            </form>
            {move || match list.get() {
                None => view! { <p class="loading">"Even geduld, de meldingen worden geladen…"</p> }.into_any(),
                Some(Err(message)) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                Some(Ok(())) => note_list(data, listing, load_more).into_any(),
            }}
        }.into_any())}
    }
}

/// The counts, the notes loaded so far and, while there are more, "Meer laden".
fn note_list(
    data: AppData,
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
    // The counts are for the whole filter; never fewer than are on screen (a note may
    // have changed since its page came).
    let total = move || {
        counts
            .with(|c| c.matching(status.get()))
            .max(notes.with(|n| u32::try_from(n.len()).unwrap_or(u32::MAX)))
    };
    view! {
        <h2>"Aantallen"</h2>
        <ul class="counts" data-testid="triage-counts">
            {move || {
                let c = counts.get();
                view! {
                    <li>{format!("Nieuw: {}", count_nl(c.new))}</li>
                    <li>{format!("In behandeling: {}", count_nl(c.in_progress))}</li>
                    <li>{format!("Doorverwezen: {}", count_nl(c.referred))}</li>
                    <li>{format!("Afgerond: {}", count_nl(c.closed))}</li>
                }
            }}
        </ul>
        <h2>{move || match total() { 0 => "Geen meldingen gevonden".to_owned(), 1 => "1 melding".to_owned(), n => format!("{} meldingen", count_nl(n)) }}</h2>
        <ul class="triage-list" aria-label="Meldingen">
            <For each=move || notes.get() key=|n| n.id.clone() let:n>
                {note_line(data, n)}
            </For>
        </ul>
        {move || next.with(Option::is_some).then(|| view! {
            <p id="tr-meer-uitleg">{move || format!(
                "Je ziet {} van de {} meldingen.",
                count_nl(notes.with(|n| u32::try_from(n.len()).unwrap_or(u32::MAX))),
                count_nl(total()),
            )}</p>
            // aria-disabled, not disabled: a disabled button would drop keyboard focus
            // while the next page loads.
            <p class="form-buttons">
                <button type="button" id="tr-meer" aria-describedby="tr-meer-uitleg"
                    aria-disabled=move || more.with(|m| m.busy).then_some("true")
                    on:click=move |_| load_more()>
                    {move || if more.with(|m| m.busy) { "Even geduld…" } else { "Meer laden" }}
                </button>
            </p>
            {move || more.with(|m| m.problem.clone()).map(|p| view! { <p class="field-error" role="alert">{p}</p> })}
        })}
    }
}

fn note_line(data: AppData, n: NoteListItem) -> impl IntoView {
    let href = format!("/meldpunt/{}", n.id);
    let title = format!(
        "{} – {}",
        n.routing.kind.label_nl(),
        wijk_name(data, &n.routing.wijk)
    );
    view! {
        <li>
            <A href=href attr:id=anchor(&n.id)>{title}</A>
            <p>
                {format!("Status: {}. Haast: {}. Ontvangen: {}. ", n.status.label_nl(), n.routing.urgency.label_nl(), when(&n.received_at))}
                {match &n.assignee { Some(a) => format!("Behandelaar: {}.", a.email), None => "Nog geen behandelaar.".to_owned() }}
            </p>
        </li>
    }
}

#[component]
pub fn TriageNotePage() -> impl IntoView {
    set_title("Melding");
    let data = expect_context::<AppData>();
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").unwrap_or_default());
    let detail = RwSignal::new(None::<Result<NoteDetail, String>>);
    // Read once: every read is an audit row.
    let read = StoredValue::new(false);
    let access = access(data);
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
        let Some(token) = token(data) else { return };
        read.set_value(true);
        let note_id = note_id.clone();
        spawn_local(async move {
            detail.set(Some(
                sync::note(&token, &note_id)
                    .await
                    .map_err(|e| e.for_staff()),
            ));
        });
    });
    view! {
        <p class="back"><A href="/meldpunt">"Terug naar alle meldingen"</A></p>
        <h1 tabindex="-1">"Melding"</h1>
        // Once read, the note stays on screen (also offline) until the page is left or
        // the coordinator signs out.
        {move || match (detail.get(), gate(access)) {
            (Some(Ok(found)), _) => view! { <NoteDetailView detail=found /> }.into_any(),
            (_, Some(shown)) => shown,
            (None, None) => view! { <p class="loading">"Even geduld, de melding wordt geladen…"</p> }.into_any(),
            (Some(Err(message)), None) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
        }}
    }
}

fn role_label(role: ReporterRole) -> &'static str {
    role.label_nl()
}

fn channel_nl(channel: Channel) -> &'static str {
    match channel {
        Channel::Own => "Op een eigen apparaat",
        Channel::Kiosk => "Op een zuil in de bibliotheek",
        Channel::OnBehalf => "Door een medewerker, namens een bewoner",
    }
}

fn yes_no(value: bool) -> &'static str {
    if value {
        "Ja"
    } else {
        "Nee"
    }
}

#[component]
fn NoteDetailView(detail: NoteDetail) -> impl IntoView {
    let data = expect_context::<AppData>();
    let item = RwSignal::new(detail.note.clone());
    let referrals = RwSignal::new(detail.referrals.clone());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
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
            let label = match next {
                NoteStatus::InProgress => "Neem in behandeling",
                NoteStatus::Closed => "Rond af",
                NoteStatus::Referred => "Doorverwezen",
                NoteStatus::New => "Nieuw",
            };
            view! {
                <button type="button" prop:disabled=move || busy.get() on:click=move |_| {
                    let Some(token) = token(data) else { return };
                    let id = id.clone();
                    busy.set(true);
                    spawn_local(async move {
                        match sync::set_status(&token, &id, next).await {
                            Ok(updated) => {
                                item.set(updated);
                                problem.set(None);
                                done.set(Some(format!("De status is nu: {}.", next.label_nl())));
                            }
                            Err(e) => problem.set(Some(e.for_staff())),
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
            let Some(StaffSession { token, user_id, .. }) = data.live_session() else {
                return;
            };
            let id = id.clone();
            busy.set(true);
            spawn_local(async move {
                match sync::assign(&token, &id, Some(user_id)).await {
                    Ok(updated) => {
                        item.set(updated);
                        problem.set(None);
                        done.set(Some("Je bent nu de behandelaar.".to_owned()));
                    }
                    Err(e) => problem.set(Some(e.for_staff())),
                }
                busy.set(false);
                focus_by_id("tr-uitkomst");
            });
        }
    };

    let signals: Vec<&'static str> = body.signals.iter().map(|s| s.label_nl()).collect();
    let consent = body.consent;
    let reporter = body.reporter.clone();
    let about_text = match (kind, about) {
        (NoteKind::WantsContact, _) | (_, omzien_core::note::About::Own) => "Over de melder zelf",
        _ => "Over iemand anders",
    };

    view! {
        <div id="tr-uitkomst" tabindex="-1" role="status" class="receipt">
            {move || done.get().map(|d| view! { <p><strong>{d}</strong></p> })}
            {move || problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
        </div>
        <h2>{kind.label_nl()}</h2>
        <dl class="facts" data-testid="note-facts">
            <dt>"Status"</dt><dd>{move || item.with(|i| i.status.label_nl())}</dd>
            <dt>"Behandelaar"</dt><dd>{move || item.with(|i| i.assignee.as_ref().map(|a| a.email.clone()).unwrap_or_else(|| "Nog niemand".to_owned()))}</dd>
            <dt>"Wijk"</dt><dd>{wijk_name(data, &wijk)}</dd>
            <dt>"Haast"</dt><dd>{urgency.label_nl()}</dd>
            <dt>"Gaat over"</dt><dd>{about_text}</dd>
            <dt>"Melder"</dt><dd>{role_label(reporter_role)}</dd>
            <dt>"Gemaakt"</dt><dd>{channel_nl(channel)}</dd>
            <dt>"Ontvangen"</dt><dd>{when(&detail.note.received_at)}</dd>
        </dl>
        <h2>"Wat de melder schrijft"</h2>
        <dl class="facts" data-testid="note-body">
            {body.person_hint.clone().map(|h| view! { <dt>"Over wie"</dt><dd>{h}</dd> })}
            {(!signals.is_empty()).then(|| view! {
                <dt>"Wat de melder ziet"</dt>
                <dd><ul>{signals.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></dd>
            })}
            <dt>"Verhaal"</dt><dd>{body.story.clone().unwrap_or_else(|| "Geen verhaal.".to_owned())}</dd>
            <dt>"Contact met de melder"</dt>
            <dd>{if consent.may_contact_reporter {
                let parts: Vec<String> = [reporter.name, reporter.phone, reporter.email].into_iter().flatten().collect();
                format!("Mag gebeld of gemaild worden: {}", parts.join(", "))
            } else {
                "Wil niet gebeld of gemaild worden.".to_owned()
            }}</dd>
            <dt>"Mag de naam van de melder genoemd worden?"</dt><dd>{yes_no(consent.may_name_reporter)}</dd>
            <dt>"Mag de melding naar een partner?"</dt><dd>{yes_no(consent.may_share_with_partners)}</dd>
        </dl>
        <h2>"Behandelen"</h2>
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
                let me = data.live_session().map(|s| s.user_id);
                let mine = item.with(|i| i.assignee.as_ref().map(|a| a.id)) == me;
                let closed = item.with(|i| i.status == NoteStatus::Closed);
                (!mine && !closed).then(|| view! {
                    <button type="button" class="secondary" prop:disabled=move || busy.get() on:click=assign.clone()>"Wijs aan mij toe"</button>
                })
            }}
        </div>
        {move || item.with(|i| matches!(i.status, NoteStatus::InProgress | NoteStatus::Referred)).then(|| view! {
            <ReferralForm note_id=id.clone() item=item referrals=referrals done=done />
        })}
        <h2>"Doorverwijzingen"</h2>
        {move || {
            let list = referrals.get();
            if list.is_empty() {
                return view! { <p>"Nog niet doorverwezen."</p> }.into_any();
            }
            view! {
                <ul data-testid="referrals">
                    {list.into_iter().map(|r| {
                        let to = match (&r.to, &r.activity_id) {
                            (ReferralTarget::Activity, Some(a)) => {
                                let name = data.loaded.with_untracked(|l| l.as_ref().and_then(|l| l.catalogue.activity(a).map(|x| x.name.clone()))).unwrap_or_else(|| a.clone());
                                format!("Activiteit: {name}")
                            }
                            (to, _) => to.label_nl().to_owned(),
                        };
                        let note = r.note.map(|n| format!(" – {n}")).unwrap_or_default();
                        view! { <li>{format!("{to}{note} ({}, {})", r.by.email, when(&r.at))}</li> }
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
    done: RwSignal<Option<String>>,
) -> impl IntoView {
    let data = expect_context::<AppData>();
    let to = RwSignal::new(ReferralTarget::Buurtteam);
    let activity = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<&'static str>);
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
        let Some(session) = data.live_session() else {
            return;
        };
        let id = note_id.clone();
        busy.set(true);
        spawn_local(async move {
            match sync::refer(&session.token, &id, &request).await {
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
                    done.set(Some(format!(
                        "Doorverwezen naar: {}.",
                        request.to.label_nl()
                    )));
                    focus_by_id("tr-uitkomst");
                }
                Err(e) => {
                    server_problem.set(Some(e.for_staff()));
                    focus_by_id("tr-verwijs-fout");
                }
            }
            busy.set(false);
        });
    };
    view! {
        <section aria-labelledby="tr-verwijs-kop">
            <h2 id="tr-verwijs-kop">"Doorverwijzen"</h2>
            <div id="tr-verwijs-fout" tabindex="-1" role="alert" class="error-summary" class:shown=move || problem.with(Option::is_some) || server_problem.with(Option::is_some)>
                {move || problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
                {move || server_problem.get().map(|p| view! { <p class="field-error">{p}</p> })}
            </div>
            <form class="staff-form" on:submit=submit novalidate=true>
                <div class="field">
                    <label for="tr-naar">"Waarheen?"</label>
                    <select id="tr-naar" on:change=move |ev| {
                        if let Some(t) = ReferralTarget::parse(&event_target_value(&ev)) { to.set(t); }
                    }>
                        {ReferralTarget::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || to.get() == t>{t.label_nl()}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || (to.get() == ReferralTarget::Activity).then(|| view! {
                    <div class="field">
                        <label for="tr-activiteit">"Welke activiteit?"</label>
                        <select id="tr-activiteit" on:change=move |ev| activity.set(event_target_value(&ev))>
                            <option value="">"Kies een activiteit"</option>
                            {data.loaded.with_untracked(|l| l.as_ref().map(|l| {
                                let mut all: Vec<(String, String)> = l.catalogue.activities.iter().map(|a| (a.id.clone(), a.name.clone())).collect();
                                all.sort_by(|a, b| a.1.cmp(&b.1));
                                all.into_iter().map(|(id, name)| {
                                    let chosen = id.clone();
                                    view! { <option value=id selected=move || activity.with(|a| *a == chosen)>{name}</option> }
                                }).collect_view()
                            }))}
                        </select>
                    </div>
                })}
                <div class="field">
                    <label for="tr-notitie">"Korte notitie (bij \u{2018}Iets anders\u{2019} verplicht)"</label>
                    <textarea id="tr-notitie" rows="3" maxlength="500"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <div class="form-buttons">
                    <button type="submit" prop:disabled=move || busy.get()>"Doorverwijzen"</button>
                </div>
            </form>
        </section>
    }
}
