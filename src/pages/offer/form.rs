//! `/medewerkers/aanbod/:id` (and `/medewerkers/aanbod/nieuw`): a new or changed
//! activity, with what a visitor needs to go there. Works offline: the activity comes
//! from the server when there is a connection (it may not be published yet), else from
//! the catalogue on this device, and the change waits in the outbox. It names the
//! revision it was made on, so the server can tell when someone else came first.
//!
//! Fixed days are edited when they are weekly (most are); a schedule the form cannot
//! show (monthly, every other week, with a note) is shown in words and kept as it is.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use omzien_core::edit::{self, ActivityEdit};
use omzien_core::form::{Field as Rule, FieldError};
use omzien_core::model::Audience;
use omzien_core::schedule::{ByDay, Date, Freq, Schedule, TimeOfDay, Weekday};
use omzien_core::staff::Role;
use omzien_core::wire::{Change, Mutation};
use omzien_core::{Activity, ActivityKind, Location, LonelinessType, Session, TargetGroup};

use super::closed;
use crate::api::{self, ApiError};
use crate::browser::uuid;
use crate::components::field::{Check, Field};
use crate::components::form_errors::FormErrors;
use crate::components::staff_only::{staff_access, StaffAccess};
use crate::components::{focus_by_id, set_title, Loading};
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::wijk_choices;
use crate::state::contexts::{use_catalogue, use_outbox, use_session};
use crate::store::StaffSession;
use crate::words;

/// The address of a new activity's form.
const NEW: &str = "nieuw";

#[component]
pub fn EditActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let is_new = move || id.get() == NEW;
    Effect::new(move |_| {
        set_title(if is_new() {
            t_string!(i18n, offer.form.new_title)
        } else {
            t_string!(i18n, offer.form.title)
        })
    });
    let access = staff_access(Role::can_edit_activities);
    view! {
        <p class="back"><A href="/medewerkers/aanbod">{move || t_string!(i18n, offer.form.back)}</A></p>
        <h1 id="aanbod-kop" tabindex="-1">{move || if is_new() { t_string!(i18n, offer.form.new_title) } else { t_string!(i18n, offer.form.title) }}</h1>
        {move || {
            let access = access.get();
            closed(&access).unwrap_or_else(|| {
                let online = matches!(access, StaffAccess::Open(_));
                view! { <Loader id=id.get() online=online /> }.into_any()
            })
        }}
    }
}

/// Finds the activity to change: the server's version online, else this device's.
#[component]
fn Loader(id: String, online: bool) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let catalogue = use_catalogue();
    let found = LocalResource::new(move || {
        let (id, session) = (id.clone(), session.live());
        async move {
            let session = session?;
            if id == NEW {
                return Some(Ok((session, None)));
            }
            if online {
                match api::catalogue::one(&session.token, &id).await {
                    Ok(own) => return Some(Ok((session, Some(own.activity)))),
                    Err(ApiError::Unreachable(error)) => {
                        leptos::logging::warn!("the activity to change: {error}");
                    }
                    Err(error) => return Some(Err(words::for_staff(&error))),
                }
            }
            // Offline: her organisations' activities on this device.
            let local = catalogue.loaded.get_untracked().and_then(|l| {
                l.catalogue.activity(&id).cloned().filter(|a| {
                    session.role.can_edit_catalogue()
                        || session.organisations.contains(&a.organisation_id)
                })
            });
            match local {
                Some(activity) => Some(Ok((session, Some(activity)))),
                None => Some(Err(td_string!(
                    i18n.get_locale_untracked(),
                    offer.form.not_found
                )
                .to_owned())),
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match found.await {
                    None => ().into_any(),
                    Some(Err(message)) => view! { <p class="utrecht-alert utrecht-alert--error notice" role="alert" data-testid="not-yours">{message}</p> }.into_any(),
                    // The form's choices (organisations, wijken) come from the catalogue on
                    // the device: wait for it, once; a later pull must not wipe what is typed.
                    Some(Ok((session, base))) => {
                        let ready = Memo::new(move |_| catalogue.loaded.with(Option::is_some));
                        (move || ready.get().then(|| view! { <ActivityForm session=session.clone() base=base.clone() /> })).into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// One dated session as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct SessionRow {
    key: u32,
    date: String,
    start: String,
    end: String,
}

#[component]
fn ActivityForm(session: StaffSession, base: Option<Activity>) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let catalogue = use_catalogue();
    let loaded = catalogue.loaded.get_untracked();
    let base_revision = base.as_ref().map(|a| a.revision);
    // The organisations she may offer for follow the catalogue: one published a moment
    // ago arrives with the pull that runs after the form opens from the device's copy.
    let organisations = {
        let session = session.clone();
        Memo::new(move |_| {
            catalogue.loaded.with(|l| {
                l.as_ref()
                    .map(|l| offered_organisations(&l.catalogue, &session))
                    .unwrap_or_default()
            })
        })
    };
    let wijken = loaded
        .as_ref()
        .map(|l| wijk_choices(&l.catalogue))
        .unwrap_or_default();
    let start = base
        .clone()
        .unwrap_or_else(|| blank(&session, &organisations.get_untracked()));
    let activity_id = start.id.clone();
    let waiting = {
        let id = activity_id.clone();
        Memo::new(move |_| outbox.shown.with(|o| o.edit_waiting(&id)))
    };

    let name = RwSignal::new(start.name.clone());
    let summary = RwSignal::new(start.summary.clone());
    let description = RwSignal::new(start.description.clone());
    let kind = RwSignal::new(start.kind);
    let picked = RwSignal::new(start.organisation_id.clone());
    // A new activity's organisation: the one she picked while it is offered, else her
    // first one that is (the list follows the catalogue). A change keeps its own.
    let organisation = {
        let session = session.clone();
        Memo::new(move |_| {
            let picked = picked.get();
            organisations.with(|offered| {
                if base_revision.is_some() || offered.iter().any(|(id, _)| *id == picked) {
                    picked
                } else {
                    blank(&session, offered).organisation_id
                }
            })
        })
    };
    let wijk = RwSignal::new(start.wijk.clone().unwrap_or_default());
    let place = RwSignal::new(
        start
            .location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
    );
    let address = RwSignal::new(
        start
            .location
            .as_ref()
            .and_then(|l| l.address.clone())
            .unwrap_or_default(),
    );
    let accessibility = RwSignal::new(start.accessibility.clone().unwrap_or_default());
    let sessions = RwSignal::new(
        start
            .sessions
            .iter()
            .zip(1..)
            .map(|(s, key)| SessionRow {
                key,
                date: String::from(s.date),
                start: s.start_time.map(|t| t.to_string()).unwrap_or_default(),
                end: s.end_time.map(|t| t.to_string()).unwrap_or_default(),
            })
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(start.sessions.len() as u32 + 1);
    let phone = RwSignal::new(start.contact.phone.clone().unwrap_or_default());
    let email = RwSignal::new(start.contact.email.clone().unwrap_or_default());
    let website = RwSignal::new(start.contact.website.clone().unwrap_or_default());
    let free = RwSignal::new(match start.free {
        Some(true) => "free",
        Some(false) => "paid",
        None => "",
    });
    let cost_note = RwSignal::new(start.cost_note.clone().unwrap_or_default());
    let capacity = RwSignal::new(start.capacity.map(|c| c.to_string()).unwrap_or_default());
    let sign_up_in_app = RwSignal::new(start.sign_up_in_app);
    let groups = RwSignal::new(start.target_groups.clone());
    let audience = RwSignal::new(start.audience);
    let languages = RwSignal::new(start.languages.clone());
    let weekly = is_plain_weekly(&start.schedule);
    let days = RwSignal::new(start.schedule.weekdays());
    let time = |t: Option<TimeOfDay>| t.map(|t| t.to_string()).unwrap_or_default();
    let day_start = RwSignal::new(time(start.schedule.start_time));
    let day_end = RwSignal::new(time(start.schedule.end_time));
    let fixed_days_in_words = start.schedule.describe_nl();
    let types = RwSignal::new(start.loneliness_types.clone());

    let errors = FormErrors::new();
    let saved = RwSignal::new(false);
    let withdrawn = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let problem = RwSignal::new(None);
    let start = StoredValue::new(start);

    // The activity as the form has it now; broken dates and numbers as field errors.
    let build = move || -> Result<Activity, Vec<FieldError>> {
        let mut a = start.get_value();
        let mut broken = Vec::new();
        let text = |s: RwSignal<String>| s.get_untracked().trim().to_owned();
        let optional = |s: RwSignal<String>| Some(text(s)).filter(|t| !t.is_empty());
        a.name = text(name);
        if base_revision.is_none() {
            a = with_new_id(a);
        }
        a.summary = text(summary);
        a.description = text(description);
        a.kind = kind.get_untracked();
        if base_revision.is_none() {
            a.organisation_id = organisation.get_untracked();
        }
        a.wijk = optional(wijk);
        a.location = optional(place).map(|name| Location {
            name,
            address: optional(address),
            ..a.location.clone().unwrap_or_default()
        });
        a.accessibility = optional(accessibility);
        a.sessions = Vec::new();
        for row in sessions.get_untracked() {
            if row.date.is_empty() {
                continue;
            }
            let time = |t: &str| (!t.is_empty()).then(|| TimeOfDay::try_from(t.to_owned()));
            match (
                Date::try_from(row.date.clone()),
                time(&row.start).transpose(),
                time(&row.end).transpose(),
            ) {
                (Ok(date), Ok(start_time), Ok(end_time)) => a.sessions.push(Session {
                    date,
                    start_time,
                    end_time,
                    location: None,
                    example: false,
                }),
                _ => broken.push(FieldError::new(
                    Rule::Session,
                    omzien_core::form::Rule::Invalid,
                    "Een datum of tijd klopt niet.",
                )),
            }
        }
        a.sessions.sort_by_key(|s| (s.date, s.start_time));
        if weekly {
            let time = |t: String| (!t.is_empty()).then(|| TimeOfDay::try_from(t)).transpose();
            match (time(text(day_start)), time(text(day_end))) {
                (Ok(start_time), Ok(end_time)) => {
                    let mut chosen = days.get_untracked();
                    chosen.sort();
                    a.schedule = if chosen.is_empty() {
                        Schedule::default()
                    } else {
                        Schedule {
                            freq: Some(Freq::Weekly),
                            by_day: chosen
                                .into_iter()
                                .map(|day| ByDay { ordinal: None, day })
                                .collect(),
                            start_time,
                            end_time,
                            ..Schedule::default()
                        }
                    };
                }
                _ => broken.push(FieldError::new(
                    Rule::Session,
                    omzien_core::form::Rule::Invalid,
                    "Een datum of tijd klopt niet.",
                )),
            }
        }
        a.contact.phone = optional(phone);
        a.contact.email = optional(email);
        a.contact.website = optional(website);
        a.free = match free.get_untracked() {
            "free" => Some(true),
            "paid" => Some(false),
            _ => None,
        };
        a.cost_note = optional(cost_note);
        a.capacity = match optional(capacity).map(|c| c.parse::<u32>()) {
            None => None,
            Some(Ok(n)) => Some(n),
            Some(Err(_)) => {
                broken.push(FieldError::new(
                    Rule::Capacity,
                    omzien_core::form::Rule::Invalid,
                    "Vul een aantal plekken in, of laat het leeg.",
                ));
                None
            }
        };
        a.sign_up_in_app = sign_up_in_app.get_untracked();
        a.target_groups = groups.get_untracked();
        a.audience = audience.get_untracked();
        a.languages = languages.get_untracked();
        a.loneliness_types = types.get_untracked();
        // Whatever a visitor reads here, the organiser wrote: no longer an example.
        a.example = false;
        if broken.is_empty() {
            Ok(a)
        } else {
            Err(broken)
        }
    };

    let send = Action::new_local(move |mutation: &Mutation| {
        let mutation = mutation.clone();
        async move {
            let withdrawal = matches!(mutation.change, Change::WithdrawActivity { .. });
            match outbox.queue(mutation).await {
                Ok(()) => {
                    withdrawn.set(withdrawal);
                    saved.set(true);
                    focus_by_id("aanbod-opgeslagen");
                }
                Err(error) => {
                    leptos::logging::error!("keeping the change: {error}");
                    problem.set(Some(error));
                }
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        let change = build().and_then(|activity| {
            let edit = ActivityEdit {
                activity,
                base_revision,
            };
            edit.validate().map(|()| edit)
        });
        match change {
            Err(found) => {
                errors.0.set(found);
                focus_by_id("aanbod-fout");
            }
            Ok(edit) => {
                errors.0.set(Vec::new());
                send.dispatch(Mutation {
                    id: uuid::new_id(),
                    change: Change::EditActivity(Box::new(edit)),
                });
            }
        }
    };

    let text_input = move |id: &'static str,
                           rule: Rule,
                           label: fn(Locale) -> &'static str,
                           value: RwSignal<String>,
                           kind: &'static str| {
        view! {
            <Field id=id errors=errors rule=rule label=move || label(i18n.get_locale()) let:control>
                <input id=control.id type=kind aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </Field>
        }
    };
    let plain_input = move |id: &'static str,
                            label: fn(Locale) -> &'static str,
                            value: RwSignal<String>| {
        view! {
            <div class="utrecht-form-field field">
                <label for=id>{move || label(i18n.get_locale())}</label>
                <input id=id type="text" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
            </div>
        }
    };
    let is_new = base_revision.is_none();
    let several = Memo::new(move |_| organisations.with(|o| o.len() > 1));

    view! {
        {move || waiting.get().then(|| view! {
            <p class="utrecht-alert utrecht-alert--info notice" data-testid="edit-waiting">{move || t_string!(i18n, offer.form.waiting)}</p>
        })}
        {move || saved.get().then(|| view! {
            <div id="aanbod-opgeslagen" tabindex="-1" role="status" class="receipt" data-testid="edit-saved">
                {move || if withdrawn.get() {
                    view! { <p><strong>{move || t_string!(i18n, offer.form.withdrawn)}</strong></p> }.into_any()
                } else {
                    view! {
                        <p><strong>{move || t_string!(i18n, offer.form.saved)}</strong></p>
                        <p>{move || if is_new { t_string!(i18n, offer.form.saved_new) } else { t_string!(i18n, offer.form.saved_explain) }}</p>
                    }.into_any()
                }}
                <p class="next-links"><A href="/medewerkers/aanbod">{move || t_string!(i18n, offer.form.to_list)}</A></p>
            </div>
        })}
        {move || problem.get().map(|error| view! { <p role="alert" class="utrecht-alert utrecht-alert--info notice">{words::errors::not_saved(error)}</p> })}
        <div hidden=move || saved.get() || waiting.get()>
        {errors.summary("aanbod-fout")}
        <form class="staff-form" on:submit=submit novalidate=true>
            {text_input("ak-naam", Rule::ActivityName, |l| td_string!(l, offer.fields.name), name, "text")}
            <Field id="ak-kort" errors=errors rule=Rule::Summary label=move || t_string!(i18n, offer.fields.summary) hint=move || t_string!(i18n, offer.form.summary_hint) let:control>
                <textarea id=control.id rows="2" aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || summary.get() on:input=move |ev| summary.set(event_target_value(&ev))></textarea>
            </Field>
            <Field id="ak-beschrijving" errors=errors rule=Rule::Description label=move || t_string!(i18n, offer.fields.description) let:control>
                <textarea id=control.id rows="5" aria-invalid=control.invalid() aria-describedby=control.described()
                    prop:value=move || description.get() on:input=move |ev| description.set(event_target_value(&ev))></textarea>
            </Field>
            <div class="utrecht-form-field field">
                <label for="ak-soort">{move || t_string!(i18n, offer.fields.kind)}</label>
                <select id="ak-soort" on:change=move |ev| {
                    let chosen = event_target_value(&ev);
                    if let Some(k) = ActivityKind::ALL.into_iter().find(|k| format!("{k:?}") == chosen) {
                        kind.set(k);
                    }
                }>
                    {ActivityKind::ALL.into_iter().map(|k| view! {
                        <option value=format!("{k:?}") selected=move || kind.get() == k>{move || words::activity::kind_label(i18n.get_locale(), k)}</option>
                    }).collect_view()}
                </select>
            </div>
            {move || (is_new && several.get()).then(|| view! {
                <div class="utrecht-form-field field">
                    <label for="ak-organisatie">{move || t_string!(i18n, offer.fields.organisation)}</label>
                    <select id="ak-organisatie" on:change=move |ev| picked.set(event_target_value(&ev))>
                        {move || organisations.get().into_iter().map(|(id, name)| {
                            let chosen = id.clone();
                            view! { <option value=id selected=move || organisation.get() == chosen lang="nl">{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
            })}

            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.sessions)}</legend>
                <p class="hint">{move || t_string!(i18n, offer.form.sessions_hint)}</p>
                {errors.line(Rule::Session, "ak-data-fout")}
                <ul class="plain sessions">
                    <For each=move || sessions.get() key=|row| row.key let:row>
                        <SessionInputs key=row.key rows=sessions />
                    </For>
                </ul>
                <button type="button" class="secondary" on:click=move |_| {
                    let key = next_key.get_value();
                    next_key.set_value(key + 1);
                    sessions.update(|rows| rows.push(SessionRow { key, ..Default::default() }));
                    focus_by_id(&format!("ak-datum-{key}"));
                }>{move || t_string!(i18n, offer.form.add_session)}</button>
            </fieldset>

            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.schedule)}</legend>
                {if weekly {
                    view! {
                        <p class="hint">{move || t_string!(i18n, offer.form.schedule_hint)}</p>
                        {Weekday::ALL.into_iter().map(|d| {
                            let id = format!("ak-dag-{}", d.code());
                            view! {
                                <div class="utrecht-form-field field field-check">
                                    <input id=id.clone() type="checkbox" prop:checked=move || days.with(|l| l.contains(&d))
                                        on:change=move |ev| toggle(days, d, event_target_checked(&ev)) />
                                    <label for=id>{move || words::activity::day_name(i18n.get_locale(), d)}</label>
                                </div>
                            }
                        }).collect_view()}
                        <div class="utrecht-form-field field">
                            <label for="ak-dag-begin">{move || t_string!(i18n, offer.form.start)}</label>
                            <input id="ak-dag-begin" type="time" prop:value=move || day_start.get() on:input=move |ev| day_start.set(event_target_value(&ev)) />
                        </div>
                        <div class="utrecht-form-field field">
                            <label for="ak-dag-eind">{move || t_string!(i18n, offer.form.end)}</label>
                            <input id="ak-dag-eind" type="time" prop:value=move || day_end.get() on:input=move |ev| day_end.set(event_target_value(&ev)) />
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <p lang="nl" data-testid="fixed-days">{fixed_days_in_words}</p>
                        <p class="hint">{move || t_string!(i18n, offer.form.schedule_kept)}</p>
                    }.into_any()
                }}
            </fieldset>

            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.place)}</legend>
                <div class="utrecht-form-field field">
                    <label for="ak-wijk">{move || t_string!(i18n, offer.fields.wijk)}</label>
                    <select id="ak-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                        <option value="" selected=move || wijk.get().is_empty()>{move || t_string!(i18n, offer.form.whole_city)}</option>
                        {wijken.into_iter().map(|(id, name)| {
                            let chosen = id.clone();
                            view! { <option value=id selected=move || wijk.get() == chosen lang="nl">{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                {plain_input("ak-plek", |l| td_string!(l, offer.form.place_name), place)}
                {plain_input("ak-adres", |l| td_string!(l, offer.form.address), address)}
                {plain_input("ak-toegankelijk", |l| td_string!(l, offer.fields.accessibility), accessibility)}
            </fieldset>

            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.contact)}</legend>
                {text_input("ak-telefoon", Rule::Phone, |l| td_string!(l, offer.form.phone), phone, "tel")}
                {text_input("ak-email", Rule::Email, |l| td_string!(l, offer.form.email), email, "email")}
                {text_input("ak-website", Rule::Website, |l| td_string!(l, offer.form.website), website, "url")}
            </fieldset>

            <fieldset>
                <legend>{move || t_string!(i18n, offer.form.joining)}</legend>
                <div class="utrecht-form-field field">
                    <label for="ak-kosten">{move || t_string!(i18n, offer.fields.cost)}</label>
                    <select id="ak-kosten" on:change=move |ev| free.set(match event_target_value(&ev).as_str() { "free" => "free", "paid" => "paid", _ => "" })>
                        <option value="" selected=move || free.get().is_empty()>{move || t_string!(i18n, offer.form.cost_unknown)}</option>
                        <option value="free" selected=move || free.get() == "free">{move || t_string!(i18n, offer.form.cost_free)}</option>
                        <option value="paid" selected=move || free.get() == "paid">{move || t_string!(i18n, offer.form.cost_paid)}</option>
                    </select>
                </div>
                {plain_input("ak-kosten-uitleg", |l| td_string!(l, offer.form.cost_note), cost_note)}
                {text_input("ak-plekken", Rule::Capacity, |l| td_string!(l, offer.fields.capacity), capacity, "text")}
                <Check id="ak-app" checked=sign_up_in_app errors=errors label=move || t_string!(i18n, offer.fields.sign_up_in_app) />
            </fieldset>

            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.target_groups)}</legend>
                {TargetGroup::ALL.into_iter().map(|g| {
                    let id = format!("ak-groep-{}", g.slug());
                    view! {
                        <div class="utrecht-form-field field field-check">
                            <input id=id.clone() type="checkbox" prop:checked=move || groups.with(|l| l.contains(&g))
                                on:change=move |ev| toggle(groups, g, event_target_checked(&ev)) />
                            <label for=id>{move || words::activity::group_label(i18n.get_locale(), g)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.loneliness_types)}</legend>
                {LonelinessType::ALL.into_iter().map(|t| {
                    let id = format!("ak-soort-{}", t.slug());
                    view! {
                        <div class="utrecht-form-field field field-check">
                            <input id=id.clone() type="checkbox" prop:checked=move || types.with(|l| l.contains(&t))
                                on:change=move |ev| toggle(types, t, event_target_checked(&ev)) />
                            <label for=id>{move || words::activity::loneliness_label(i18n.get_locale(), t)}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <div class="utrecht-form-field field">
                <label for="ak-publiek">{move || t_string!(i18n, offer.fields.audience)}</label>
                <select id="ak-publiek" on:change=move |ev| audience.set(match event_target_value(&ev).as_str() {
                    "professionals" => Audience::Professionals,
                    "both" => Audience::Both,
                    _ => Audience::Residents,
                })>
                    <option value="residents" selected=move || audience.get() == Audience::Residents>{move || t_string!(i18n, offer.form.audience_residents)}</option>
                    <option value="professionals" selected=move || audience.get() == Audience::Professionals>{move || t_string!(i18n, offer.form.audience_professionals)}</option>
                    <option value="both" selected=move || audience.get() == Audience::Both>{move || t_string!(i18n, offer.form.audience_both)}</option>
                </select>
            </div>
            <fieldset>
                <legend>{move || t_string!(i18n, offer.fields.languages)}</legend>
                {LANGUAGES.into_iter().map(|(tag, name)| {
                    let id = format!("ak-taal-{tag}");
                    let code = tag.to_owned();
                    let chosen = code.clone();
                    view! {
                        <div class="utrecht-form-field field field-check">
                            <input id=id.clone() type="checkbox" prop:checked=move || languages.with(|l| l.contains(&chosen))
                                on:change=move |ev| toggle(languages, code.clone(), event_target_checked(&ev)) />
                            <label for=id lang=tag>{name}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>

            <p class="hint">{move || if is_new { t_string!(i18n, offer.form.new_explain) } else { t_string!(i18n, offer.form.live_explain) }}</p>
            <div class="form-buttons">
                <button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, offer.form.save)}</button>
            </div>
        </form>
        {(!is_new).then(|| {
            let id = activity_id.clone();
            view! {
                <section class="withdraw" aria-labelledby="intrekken">
                    <h2 id="intrekken">{move || t_string!(i18n, offer.form.withdraw_heading)}</h2>
                    <p>{move || t_string!(i18n, offer.form.withdraw_explain)}</p>
                    <p class="form-buttons" hidden=move || asking.get()>
                        <button type="button" class="secondary" on:click=move |_| { asking.set(true); focus_by_id("intrekken-zeker"); }>
                            {move || t_string!(i18n, offer.form.withdraw)}
                        </button>
                    </p>
                    <div hidden=move || !asking.get()>
                        <p id="intrekken-zeker" tabindex="-1"><strong>{move || t_string!(i18n, offer.form.withdraw_sure)}</strong></p>
                        <p class="form-buttons">
                            <button type="button" prop:disabled=move || send.pending().get() on:click=move |_| {
                                send.dispatch(Mutation {
                                    id: uuid::new_id(),
                                    change: Change::WithdrawActivity { activity_id: id.clone() },
                                });
                            }>{move || t_string!(i18n, offer.form.withdraw_yes)}</button>
                            <button type="button" class="secondary" on:click=move |_| asking.set(false)>
                                {move || t_string!(i18n, offer.form.withdraw_no)}
                            </button>
                        </p>
                    </div>
                </section>
            }
        })}
        </div>
    }
}

/// The languages an organiser can tick, each named in itself (as the language
/// switch does): the app's five and the ones most spoken by newcomers in the region.
const LANGUAGES: [(&str, &str); 8] = [
    ("nl", "Nederlands"),
    ("en", "English"),
    ("ar", "العربية"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("pl", "Polski"),
    ("de", "Deutsch"),
    ("fr", "Français"),
];

/// Every week on some days, at one time: what the form's fixed days can show. No
/// schedule at all counts too (the organiser may add days).
fn is_plain_weekly(s: &Schedule) -> bool {
    let plain = s.interval.is_none_or(|i| i == 1)
        && s.by_day.iter().all(|d| d.ordinal.is_none())
        && s.note.is_none()
        && s.until.is_none();
    let nothing = s.freq.is_none() && s.dtstart.is_none() && s.by_day.is_empty();
    plain && (nothing || s.freq == Some(Freq::Weekly))
}

fn toggle<T: PartialEq + Send + Sync + 'static>(list: RwSignal<Vec<T>>, item: T, on: bool) {
    list.update(|l| {
        l.retain(|x| *x != item);
        if on {
            l.push(item);
        }
    });
}

/// Date, start and end of one session, with a button to take it off.
#[component]
fn SessionInputs(key: u32, rows: RwSignal<Vec<SessionRow>>) -> impl IntoView {
    let i18n = use_i18n();
    let get = move |pick: fn(&SessionRow) -> String| {
        move || {
            rows.with(|r| r.iter().find(|s| s.key == key).map(pick))
                .unwrap_or_default()
        }
    };
    let set = move |put: fn(&mut SessionRow, String)| {
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            rows.update(|r| {
                if let Some(row) = r.iter_mut().find(|s| s.key == key) {
                    put(row, value);
                }
            });
        }
    };
    let (date_id, start_id, end_id) = (
        format!("ak-datum-{key}"),
        format!("ak-begin-{key}"),
        format!("ak-eind-{key}"),
    );
    view! {
        <li class="session-row">
            <div class="utrecht-form-field field">
                <label for=date_id.clone()>{move || t_string!(i18n, offer.form.date)}</label>
                <input id=date_id type="date"
                    prop:value=get(|s| s.date.clone()) on:input=set(|s, v| s.date = v) />
            </div>
            <div class="utrecht-form-field field">
                <label for=start_id.clone()>{move || t_string!(i18n, offer.form.start)}</label>
                <input id=start_id type="time" prop:value=get(|s| s.start.clone()) on:input=set(|s, v| s.start = v) />
            </div>
            <div class="utrecht-form-field field">
                <label for=end_id.clone()>{move || t_string!(i18n, offer.form.end)}</label>
                <input id=end_id type="time" prop:value=get(|s| s.end.clone()) on:input=set(|s, v| s.end = v) />
            </div>
            <button type="button" class="secondary" on:click=move |_| rows.update(|r| r.retain(|s| s.key != key))>
                {move || t_string!(i18n, offer.form.remove_session)}
            </button>
        </li>
    }
}

/// The organisations a new activity can be offered for: all for an editor, her own for
/// an organiser; by name, as a list to choose from is read (the catalogue keeps the
/// order records came in).
fn offered_organisations(
    catalogue: &omzien_core::Catalogue,
    session: &StaffSession,
) -> Vec<(String, String)> {
    let mut offered: Vec<(String, String)> = catalogue
        .organisations
        .iter()
        .filter(|o| session.role.can_edit_catalogue() || session.organisations.contains(&o.id))
        .map(|o| (o.id.clone(), o.name.clone()))
        .collect();
    offered.sort_by_cached_key(|(_, name)| omzien_core::fold(name));
    offered
}

/// A new activity's first version: the organiser's first organisation that the form
/// offers (one still waiting for an editor is not in the catalogue yet), an id made
/// from the name when saved.
fn blank(session: &StaffSession, organisations: &[(String, String)]) -> Activity {
    let offered = |id: &String| organisations.iter().any(|(o, _)| o == id);
    let organisation_id = session
        .organisations
        .iter()
        .find(|id| offered(id))
        .cloned()
        .or_else(|| organisations.first().map(|(id, _)| id.clone()))
        .unwrap_or_default();
    Activity {
        id: String::new(),
        name: String::new(),
        summary: String::new(),
        description: String::new(),
        kind: ActivityKind::Meeting,
        organisation_id,
        loneliness_types: Vec::new(),
        target_groups: Vec::new(),
        wijk: None,
        location: None,
        schedule: Default::default(),
        sessions: Vec::new(),
        free: None,
        cost_note: None,
        capacity: None,
        sign_up_required: None,
        sign_up_in_app: false,
        sign_up_contact: Default::default(),
        how_to_join: None,
        accessibility: None,
        languages: vec!["nl".into()],
        contact: Default::default(),
        example: false,
        general: false,
        audience: Default::default(),
        source: "Ingevoerd in Omzien door de organisatie".into(),
        revision: 0,
        updated_on: None,
    }
}

/// A new activity gets its id from its name when it is saved.
pub fn with_new_id(mut activity: Activity) -> Activity {
    if activity.id.is_empty() {
        let suffix: String = uuid::new_id()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .take(4)
            .collect();
        activity.id = edit::new_id(&activity.name, &suffix);
    }
    activity
}
