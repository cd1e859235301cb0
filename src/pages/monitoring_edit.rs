//! On `/monitoring`: the programme lead sets an action's planning, expected reach and
//! milestones, and says which action an activity serves. Online only, like the page:
//! both are sent at once and nothing waits on the device.

use leptos::prelude::*;
use omzien_core::monitoring::{
    ActionEdit, ActivityLink, Expectation, Measure, Milestone, Programme,
};

use crate::api;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_catalogue;
use crate::words;

#[derive(Clone, Copy)]
struct ExpRow {
    key: u32,
    half: RwSignal<String>,
    measure: RwSignal<Measure>,
    count: RwSignal<String>,
    counted: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct StoneRow {
    key: u32,
    name: RwSignal<String>,
    due: RwSignal<String>,
    done: RwSignal<String>,
}

/// What a measure counts, in words.
pub(super) fn measure_label(locale: Locale, measure: Measure) -> &'static str {
    match measure {
        Measure::Participants => td_string!(locale, monitoring.measures.participants),
        Measure::SignUps => td_string!(locale, monitoring.measures.sign_ups),
        Measure::Notes => td_string!(locale, monitoring.measures.notes),
        Measure::Visits => td_string!(locale, monitoring.measures.visits),
    }
}

/// The form for one action; `saved` runs after the server took it.
#[component]
pub fn ActionForm(
    programme: RwSignal<Programme>,
    token: String,
    saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(String::new());
    let planning = RwSignal::new(String::new());
    let exps: RwSignal<Vec<ExpRow>> = RwSignal::new(Vec::new());
    let stones: RwSignal<Vec<StoneRow>> = RwSignal::new(Vec::new());
    let next = StoredValue::new(0u32);
    let key = move || {
        let k = next.get_value();
        next.set_value(k + 1);
        k
    };
    let exp_row = move |e: Option<&Expectation>| ExpRow {
        key: key(),
        half: RwSignal::new(e.map(|e| e.half.clone()).unwrap_or_default()),
        measure: RwSignal::new(e.map_or(Measure::SignUps, |e| e.measure)),
        count: RwSignal::new(e.map(|e| e.count.to_string()).unwrap_or_default()),
        counted: RwSignal::new(
            e.and_then(|e| e.counted)
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
    };
    let stone_row = move |m: Option<&Milestone>| StoneRow {
        key: key(),
        name: RwSignal::new(m.map(|m| m.name.clone()).unwrap_or_default()),
        due: RwSignal::new(m.map(|m| m.due.clone()).unwrap_or_default()),
        done: RwSignal::new(m.and_then(|m| m.done.clone()).unwrap_or_default()),
    };
    let choose = move |id: String| {
        let plan =
            programme.with_untracked(|p| p.actions.iter().find(|a| a.action.id == id).cloned());
        if let Some(plan) = plan {
            planning.set(plan.action.planning.clone());
            exps.set(plan.expectations.iter().map(|e| exp_row(Some(e))).collect());
            stones.set(plan.milestones.iter().map(|m| stone_row(Some(m))).collect());
        }
        chosen.set(id);
    };
    let problems = RwSignal::new(Vec::<String>::new());
    let not_a_count = RwSignal::new(false);
    let done = RwSignal::new(false);
    let save = Action::new_local(move |(id, edit): &(String, ActionEdit)| {
        let (token, id, edit) = (token.clone(), id.clone(), edit.clone());
        async move {
            let result = api::monitoring::edit_action(&token, &id, &edit)
                .await
                .map_err(|e| words::for_staff(&e));
            (id, edit, result)
        }
    });
    Effect::new(move |_| {
        if let Some((id, edit, result)) = save.value().get() {
            match result {
                Ok(()) => {
                    programme.update(|p| {
                        if let Some(plan) = p.actions.iter_mut().find(|a| a.action.id == id) {
                            plan.action.planning = edit.planning.clone();
                            plan.expectations = edit.expectations.clone();
                            plan.milestones = edit.milestones.clone();
                        }
                    });
                    done.set(true);
                    saved.run(());
                }
                Err(message) => problems.set(vec![message]),
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let edit = ActionEdit {
            planning: planning.get_untracked(),
            expectations: exps
                .get_untracked()
                .iter()
                .map(|r| Expectation {
                    half: r.half.get_untracked().trim().to_owned(),
                    measure: r.measure.get_untracked(),
                    count: r.count.get_untracked().trim().parse().unwrap_or(0),
                    counted: r.counted.get_untracked().trim().parse().ok(),
                })
                .collect(),
            milestones: stones
                .get_untracked()
                .iter()
                .map(|r| Milestone {
                    name: r.name.get_untracked(),
                    due: r.due.get_untracked(),
                    done: Some(r.done.get_untracked()).filter(|d| !d.is_empty()),
                })
                .collect(),
        };
        let found = edit.problems();
        // Typed numbers that are no count would otherwise go as 0 or as nothing.
        let unreadable = exps.get_untracked().iter().any(|r| {
            let counted = r.counted.get_untracked();
            r.count.get_untracked().trim().parse::<u32>().is_err()
                || (!counted.trim().is_empty() && counted.trim().parse::<u32>().is_err())
        });
        not_a_count.set(unreadable);
        problems.set(found.clone());
        if found.is_empty() && !unreadable {
            save.dispatch((chosen.get_untracked(), edit));
        }
    };
    let actions = programme.with_untracked(|p| {
        p.actions
            .iter()
            .map(|a| (a.action.id.clone(), a.action.name.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="mon-bewerk-kop">
            <h2 id="mon-bewerk-kop">{move || t_string!(i18n, monitoring.edit_title)}</h2>
            <p>{move || t_string!(i18n, monitoring.edit_intro)}</p>
            <div class="field">
                <label for="mon-actie">{move || t_string!(i18n, monitoring.edit_action)}</label>
                <select id="mon-actie" on:change=move |ev| choose(event_target_value(&ev))>
                    <option value="" selected=move || chosen.get().is_empty()>{move || t_string!(i18n, monitoring.choose)}</option>
                    {actions.into_iter().map(|(id, name)| view! { <option value=id lang="nl">{name}</option> }).collect_view()}
                </select>
            </div>
            <Show when=move || !chosen.get().is_empty()>
                <form on:submit=submit novalidate>
                    <div class="field">
                        <label for="mon-planning">{move || t_string!(i18n, monitoring.planning)}</label>
                        <textarea id="mon-planning" rows="3" prop:value=move || planning.get() on:input=move |ev| planning.set(event_target_value(&ev))></textarea>
                    </div>
                    <fieldset>
                        <legend>{move || t_string!(i18n, monitoring.expectations)}</legend>
                        <ul class="plain">
                            <For each=move || exps.get() key=|r| r.key let:r>
                                <li class="session-row">
                                    <div class="field">
                                        <label for=format!("mon-half-{}", r.key)>{move || t_string!(i18n, monitoring.expectation_half)}</label>
                                        <input id=format!("mon-half-{}", r.key) type="text" prop:value=move || r.half.get() on:input=move |ev| r.half.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=format!("mon-maat-{}", r.key)>{move || t_string!(i18n, monitoring.expectation_measure)}</label>
                                        <select id=format!("mon-maat-{}", r.key) on:change=move |ev| {
                                            if let Some(m) = Measure::parse(&event_target_value(&ev)) { r.measure.set(m); }
                                        }>
                                            {Measure::ALL.into_iter().map(|m| view! {
                                                <option value=m.as_str() selected=move || r.measure.get() == m>{move || measure_label(i18n.get_locale(), m)}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                    <div class="field">
                                        <label for=format!("mon-aantal-{}", r.key)>{move || t_string!(i18n, monitoring.expectation_count)}</label>
                                        <input id=format!("mon-aantal-{}", r.key) type="number" min="0" inputmode="numeric" prop:value=move || r.count.get() on:input=move |ev| r.count.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=format!("mon-geteld-{}", r.key)>{move || t_string!(i18n, monitoring.expectation_counted)}</label>
                                        <input id=format!("mon-geteld-{}", r.key) type="number" min="0" inputmode="numeric" prop:value=move || r.counted.get() on:input=move |ev| r.counted.set(event_target_value(&ev)) />
                                    </div>
                                    <button type="button" class="secondary" on:click=move |_| exps.update(|v| v.retain(|x| x.key != r.key))>{move || t_string!(i18n, monitoring.remove)}</button>
                                </li>
                            </For>
                        </ul>
                        <button type="button" class="secondary" on:click=move |_| exps.update(|v| v.push(exp_row(None)))>{move || t_string!(i18n, monitoring.add_expectation)}</button>
                    </fieldset>
                    <fieldset>
                        <legend>{move || t_string!(i18n, monitoring.milestones)}</legend>
                        <ul class="plain">
                            <For each=move || stones.get() key=|r| r.key let:r>
                                <li class="session-row">
                                    <div class="field">
                                        <label for=format!("mon-mijlpaal-{}", r.key)>{move || t_string!(i18n, monitoring.milestone_name)}</label>
                                        <input id=format!("mon-mijlpaal-{}", r.key) type="text" prop:value=move || r.name.get() on:input=move |ev| r.name.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=format!("mon-klaar-op-{}", r.key)>{move || t_string!(i18n, monitoring.milestone_due)}</label>
                                        <input id=format!("mon-klaar-op-{}", r.key) type="date" prop:value=move || r.due.get() on:input=move |ev| r.due.set(event_target_value(&ev)) />
                                    </div>
                                    <div class="field">
                                        <label for=format!("mon-klaar-{}", r.key)>{move || t_string!(i18n, monitoring.milestone_done)}</label>
                                        <input id=format!("mon-klaar-{}", r.key) type="date" prop:value=move || r.done.get() on:input=move |ev| r.done.set(event_target_value(&ev)) />
                                    </div>
                                    <button type="button" class="secondary" on:click=move |_| stones.update(|v| v.retain(|x| x.key != r.key))>{move || t_string!(i18n, monitoring.remove)}</button>
                                </li>
                            </For>
                        </ul>
                        <button type="button" class="secondary" on:click=move |_| stones.update(|v| v.push(stone_row(None)))>{move || t_string!(i18n, monitoring.add_milestone)}</button>
                    </fieldset>
                    <div role="alert" data-testid="edit-problems">
                        // The rules' words are Dutch (core); this one is the page's.
                        {move || not_a_count.get().then(|| view! { <p>{move || t_string!(i18n, monitoring.not_a_count)}</p> })}
                        {move || {
                            let found = problems.get();
                            (!found.is_empty()).then(|| view! {
                                <ul lang="nl">{found.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            })
                        }}
                    </div>
                    <p><button type="submit" prop:disabled=move || save.pending().get()>{move || t_string!(i18n, monitoring.save)}</button></p>
                    <p role="status" data-testid="edit-saved">{move || done.get().then(|| t_string!(i18n, monitoring.saved))}</p>
                </form>
            </Show>
        </section>
    }
}

/// Which action an activity serves.
#[component]
pub fn LinkForm(
    programme: RwSignal<Programme>,
    token: String,
    saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut activities: Vec<(String, String)> = use_catalogue()
        .loaded
        .get_untracked()
        .map(|l| {
            l.catalogue
                .activities
                .iter()
                .map(|a| (a.id.clone(), a.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    activities.sort_by(|a, b| a.1.cmp(&b.1));
    let first = activities.first().map(|a| a.0.clone()).unwrap_or_default();
    let activity = RwSignal::new(first);
    let current = move || {
        let id = activity.get();
        programme.with(|p| {
            p.actions
                .iter()
                .find(|a| a.activities.contains(&id))
                .map(|a| a.action.id.clone())
                .unwrap_or_default()
        })
    };
    let action = RwSignal::new(String::new());
    Effect::new(move |_| action.set(current()));
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let send = Action::new_local(move |(activity, action): &(String, String)| {
        let (token, activity, action) = (token.clone(), activity.clone(), action.clone());
        async move {
            let link = ActivityLink {
                action_id: Some(action.clone()).filter(|a| !a.is_empty()),
            };
            let result = api::monitoring::link(&token, &activity, &link)
                .await
                .map_err(|e| words::for_staff(&e));
            (activity, action, result)
        }
    });
    Effect::new(move |_| {
        if let Some((activity, action, result)) = send.value().get() {
            match result {
                Ok(()) => {
                    programme.update(|p| {
                        for plan in &mut p.actions {
                            plan.activities.retain(|a| a != &activity);
                            if plan.action.id == action {
                                plan.activities.push(activity.clone());
                            }
                        }
                    });
                    problem.set(None);
                    done.set(true);
                    saved.run(());
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    });
    let actions = programme.with_untracked(|p| {
        p.actions
            .iter()
            .map(|a| (a.action.id.clone(), a.action.name.clone()))
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="mon-koppel-kop">
            <h2 id="mon-koppel-kop">{move || t_string!(i18n, monitoring.link_title)}</h2>
            <p>{move || t_string!(i18n, monitoring.link_intro)}</p>
            <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                done.set(false);
                send.dispatch((activity.get_untracked(), action.get_untracked()));
            }>
                <div class="field">
                    <label for="mon-activiteit">{move || t_string!(i18n, monitoring.link_activity)}</label>
                    <select id="mon-activiteit" on:change=move |ev| { done.set(false); activity.set(event_target_value(&ev)); }>
                        {activities.into_iter().map(|(id, name)| {
                            let value = id.clone();
                            view! { <option value=value selected=move || activity.get() == id lang="nl">{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="mon-koppel-actie">{move || t_string!(i18n, monitoring.link_action)}</label>
                    <select id="mon-koppel-actie" on:change=move |ev| action.set(event_target_value(&ev))>
                        <option value="" selected=move || action.get().is_empty()>{move || t_string!(i18n, monitoring.no_action)}</option>
                        {actions.into_iter().map(|(id, name)| {
                            let value = id.clone();
                            view! { <option value=value selected=move || action.get() == id lang="nl">{name}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <p role="alert">{move || problem.get()}</p>
                <p><button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, monitoring.link_save)}</button></p>
                <p role="status" data-testid="link-saved">{move || done.get().then(|| t_string!(i18n, monitoring.linked))}</p>
            </form>
        </section>
    }
}
