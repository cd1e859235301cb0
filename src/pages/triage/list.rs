//! `/meldpunt`: the triage list, as a table in the wide staff layout. It shows routing
//! fields and handling only, never a note's body; the filters choose which notes (the
//! server filters, so the counts and pages are for the whole filter), the server sends
//! them a page at a time and "Meer laden" adds the next page. The column headers sort
//! the notes loaded, here on the device.

use std::cmp::Ordering;

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::note::Urgency;
use omzien_core::signup::Channel;
use omzien_core::staff::{NoteList, NoteListItem, NoteStatus, Role};

use super::closed::CLOSED;
use crate::api::{self, notes::NoteFilter};
use crate::browser::intl;
use crate::components::staff_only::StaffOnly;
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::{wijk_choices, wijk_name_by_id};
use crate::state::catalogue::CatalogueState;
use crate::state::contexts::use_catalogue;
use crate::words;
use crate::words::staff::when;

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
        <h1 tabindex="-1" class="staff-wide">{move || t_string!(i18n, triage.title)}</h1>
        <StaffOnly need=Role::can_triage words=CLOSED let:session>
            <p><A href="/medewerkers/meldpunt-sleutel">{move || t_string!(i18n, keys.link)}</A></p>
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
            <div class="utrecht-form-field field">
                <label for="tr-status">{move || t_string!(i18n, triage.filter.status)}</label>
                <select id="tr-status" on:change=set(|f, v| f.status = v)>
                    <option value="">{move || t_string!(i18n, triage.filter.all)}</option>
                    {NoteStatus::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected=move || filter.with(|f| f.status == s.as_str())>{move || words::note::status_words(i18n.get_locale(), s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field field">
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
            <div class="utrecht-form-field field">
                <label for="tr-urgentie">{move || t_string!(i18n, triage.filter.urgency)}</label>
                <select id="tr-urgentie" on:change=set(|f, v| f.urgency = v)>
                    <option value="">{move || t_string!(i18n, triage.filter.all)}</option>
                    {Urgency::ALL.into_iter().rev().map(|u| view! {
                        <option value=u.as_str() selected=move || filter.with(|f| f.urgency == u.as_str())>{move || words::note::urgency(i18n.get_locale(), u)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="utrecht-form-field field">
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
                let line = |template: &str, n: u32| words::fill(template, &[("n", &count(locale, n))]);
                view! {
                    <li>{line(td_string!(locale, triage.counts.new), c.new)}</li>
                    <li>{line(td_string!(locale, triage.counts.in_progress), c.in_progress)}</li>
                    <li>{line(td_string!(locale, triage.counts.referred), c.referred)}</li>
                    <li>{line(td_string!(locale, triage.counts.closed), c.closed)}</li>
                }
            }}
        </ul>
        <h2>{move || {
            let locale = i18n.get_locale();
            match total() {
                0 => td_string!(locale, triage.total.none).to_owned(),
                1 => td_string!(locale, triage.total.one).to_owned(),
                n => words::fill(td_string!(locale, triage.total.other), &[("n", &count(locale, n))]),
            }
        }}</h2>
        <NoteTable notes=notes />
        {move || next.with(Option::is_some).then(|| view! {
            <p id="tr-meer-uitleg">{move || {
                let locale = i18n.get_locale();
                words::fill(
                    td_string!(locale, triage.shown),
                    &[
                        ("shown", &count(locale, notes.with(|n| length(n)))),
                        ("total", &count(locale, total())),
                    ],
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
            {move || more.value().get().and_then(Result::err).map(|p| view! { <p class="utrecht-form-field-error-message field-error" role="alert">{p}</p> })}
        })}
    }
}

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Urgency,
    Wijk,
    Received,
    Status,
    Assignee,
    Channel,
}

/// How the table is sorted: a column, and whether from small to large.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Sort {
    column: Column,
    ascending: bool,
}

impl Sort {
    /// The server's own order: most urgent first (then oldest first).
    const SERVER: Sort = Sort {
        column: Column::Urgency,
        ascending: false,
    };

    /// After a click on `column`: the other way round on the same column; on another,
    /// the way a coordinator usually wants it first (most urgent, oldest, A to Z).
    fn clicked(self, column: Column) -> Sort {
        if self.column == column {
            Sort {
                column,
                ascending: !self.ascending,
            }
        } else {
            Sort {
                column,
                ascending: column != Column::Urgency,
            }
        }
    }

    fn aria(self, column: Column) -> &'static str {
        match (self.column == column, self.ascending) {
            (false, _) => "none",
            (true, true) => "ascending",
            (true, false) => "descending",
        }
    }
}

/// Where a status stands on the way through (`NoteStatus::ALL` is in that order).
fn status_rank(status: NoteStatus) -> usize {
    NoteStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or(usize::MAX)
}

fn channel_rank(channel: Channel) -> u8 {
    match channel {
        Channel::Own => 0,
        Channel::Kiosk => 1,
        Channel::OnBehalf => 2,
    }
}

/// The notes in `sort`'s order. Notes that are equal on the column keep the server's
/// order (sorting is stable), so a sort never shuffles them.
fn sorted(
    mut notes: Vec<NoteListItem>,
    sort: Sort,
    wijk_name: impl Fn(&str) -> String,
) -> Vec<NoteListItem> {
    if sort == Sort::SERVER {
        return notes;
    }
    let order = |a: &NoteListItem, b: &NoteListItem| -> Ordering {
        match sort.column {
            Column::Urgency => a.routing.urgency.cmp(&b.routing.urgency),
            Column::Wijk => wijk_name(&a.routing.wijk).cmp(&wijk_name(&b.routing.wijk)),
            // RFC 3339 in UTC from one server: as text, in time order.
            Column::Received => a.received_at.cmp(&b.received_at),
            Column::Status => status_rank(a.status).cmp(&status_rank(b.status)),
            // Nobody yet comes first from A to Z: those are the ones waiting.
            Column::Assignee => a
                .assignee
                .as_ref()
                .map(|x| &x.email)
                .cmp(&b.assignee.as_ref().map(|x| &x.email)),
            Column::Channel => {
                channel_rank(a.routing.channel).cmp(&channel_rank(b.routing.channel))
            }
        }
    };
    notes.sort_by(|a, b| {
        let o = order(a, b);
        if sort.ascending {
            o
        } else {
            o.reverse()
        }
    });
    notes
}

/// Days since `rfc3339`, on this device's clock; `None` when it cannot be read.
fn age_days(rfc3339: &str) -> Option<u32> {
    let then = js_sys::Date::parse(rfc3339);
    if then.is_nan() {
        return None;
    }
    let days = ((js_sys::Date::now() - then) / 86_400_000.0)
        .floor()
        .max(0.0);
    Some(days as u32)
}

fn age_words(locale: Locale, rfc3339: &str) -> String {
    match age_days(rfc3339) {
        None => String::new(),
        Some(0) => td_string!(locale, triage.table.today).to_owned(),
        Some(1) => td_string!(locale, triage.table.one_day).to_owned(),
        Some(n) => words::fill(
            td_string!(locale, triage.table.days),
            &[("n", &count(locale, n))],
        ),
    }
}

/// The notes as a table: one row per note, its link first. At 200 % zoom or on a
/// phone the table scrolls inside its own box, and a line above says so.
#[component]
fn NoteTable(notes: RwSignal<Vec<NoteListItem>>) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let sort = RwSignal::new(Sort::SERVER);
    let rows = move || sorted(notes.get(), sort.get(), |id| wijk_name_by_id(catalogue, id));
    let header = move |column: Column, label: fn(Locale) -> &'static str| {
        view! {
            <th scope="col" aria-sort=move || sort.get().aria(column)>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = s.clicked(column))>
                    {move || label(i18n.get_locale())}
                </button>
            </th>
        }
    };
    view! {
        <p class="scroll-hint" id="tr-schuif">{move || t_string!(i18n, triage.table.scroll_hint)}</p>
        <p class="hint" id="tr-sorteer">{move || t_string!(i18n, triage.table.sort_hint)}</p>
        <div class="table-wrap" role="region" aria-labelledby="tr-tabel" aria-describedby="tr-schuif" tabindex="0">
            <table class="triage-table" data-testid="triage-table" aria-describedby="tr-sorteer">
                <caption id="tr-tabel">{move || t_string!(i18n, triage.list_label)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, triage.table.note)}</th>
                        {header(Column::Urgency, |l| td_string!(l, triage.table.urgency))}
                        {header(Column::Wijk, |l| td_string!(l, triage.table.wijk))}
                        {header(Column::Received, |l| td_string!(l, triage.table.received))}
                        {header(Column::Status, |l| td_string!(l, triage.table.status))}
                        {header(Column::Assignee, |l| td_string!(l, triage.table.assignee))}
                        {header(Column::Channel, |l| td_string!(l, triage.table.channel))}
                    </tr>
                </thead>
                <tbody>
                    <For each=rows key=|n| n.id.clone() let:n>
                        {note_row(catalogue, n)}
                    </For>
                </tbody>
            </table>
        </div>
    }
}

fn note_row(catalogue: CatalogueState, n: NoteListItem) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/meldpunt/{}", n.id);
    let wijk = wijk_name_by_id(catalogue, &n.routing.wijk);
    let (kind, urgency, status, channel) = (
        n.routing.kind,
        n.routing.urgency,
        n.status,
        n.routing.channel,
    );
    let received = n.received_at.clone();
    let assignee = n.assignee.map(|a| a.email);
    let pushed_by = n.pushed_by.map(|p| p.email);
    view! {
        <tr>
            <th scope="row"><A href=href attr:id=anchor(&n.id)>{move || words::note::kind(i18n.get_locale(), kind)}</A></th>
            <td class=format!("urgency-{}", urgency.as_str())>{move || words::note::urgency(i18n.get_locale(), urgency)}</td>
            <td lang="nl">{wijk}</td>
            <td>{move || {
                let locale = i18n.get_locale();
                words::fill(td_string!(locale, triage.table.age), &[
                    ("age", &age_words(locale, &received)),
                    ("when", &when(locale, &received)),
                ])
            }}</td>
            <td>{move || words::note::status_words(i18n.get_locale(), status)}</td>
            <td>{move || match &assignee {
                Some(email) => email.clone(),
                None => t_string!(i18n, triage.table.nobody).to_owned(),
            }}</td>
            <td>{move || {
                let locale = i18n.get_locale();
                match (&pushed_by, channel) {
                    (Some(who), Channel::OnBehalf) => words::fill(td_string!(locale, triage.channel.on_behalf_by), &[("who", who)]),
                    _ => words::note::channel_words(locale, channel).to_owned(),
                }
            }}</td>
        </tr>
    }
}
