//! Referring a note: to the buurtteam, the GGD, an activity, …, with a short note for
//! the file. Shown on a note in progress or already referred. Nothing is chosen for the
//! coordinator and nothing goes before she confirms: a referral passes a person's
//! story on. Where the reporter said no to passing it on, the form gives way to why.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::partners::by_kind_of_help;
use omzien_core::staff::{
    NoteListItem, Referral, ReferralProblem, ReferralRequest, ReferralTarget, StaffRef,
};
use omzien_core::{ActivityKind, Filter};

use crate::api;
use crate::components::focus_by_id;
use crate::i18n::{t_string, td_string, use_i18n};
use crate::pages::catalogue::{wijk_options, Choice};
use crate::pages::partners::kind_choices;
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_session;
use crate::store::StaffSession;
use crate::words;

/// The referral form of note `note_id`. A referral sent updates `item` and `referrals`
/// and is said back through `referred`.
#[component]
pub fn ReferralForm(
    note_id: String,
    item: RwSignal<NoteListItem>,
    referrals: RwSignal<Vec<Referral>>,
    may_share: bool,
    referred: impl Fn(ReferralTarget) + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    if !may_share {
        return view! {
            <section aria-labelledby="tr-verwijs-kop">
                <h2 id="tr-verwijs-kop">{move || t_string!(i18n, triage.refer.heading)}</h2>
                <p class="utrecht-alert utrecht-alert--info notice" data-testid="refer-blocked">{move || t_string!(i18n, triage.refer.not_shared)}</p>
            </section>
        }
        .into_any();
    }
    let session = use_session();
    let catalogue = use_catalogue();
    let to = RwSignal::new(None::<ReferralTarget>);
    let no_target = RwSignal::new(false);
    // The request waiting for "Ja, doorverwijzen".
    let confirming = RwSignal::new(None::<ReferralRequest>);
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
                        to.set(None);
                        activity.set(String::new());
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
        let Some(target) = to.get_untracked() else {
            problem.set(None);
            no_target.set(true);
            focus_by_id("tr-verwijs-fout");
            return;
        };
        no_target.set(false);
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
        confirming.set(Some(request));
        focus_by_id("tr-bevestig");
    };
    let confirm = move |_| {
        let Some(request) = confirming.get_untracked() else {
            return;
        };
        confirming.set(None);
        if let Some(session) = session.live_untracked() {
            send.dispatch((session, request));
        }
    };
    let back = move |_| {
        confirming.set(None);
        focus_by_id("tr-naar");
    };
    // What the confirmation names: the place, and for an activity which one.
    let chosen_place = move || {
        let locale = i18n.get_locale();
        confirming.with(|c| {
            c.as_ref().map(|request| {
                let place = words::note::target_words(locale, request.to).to_owned();
                let activity = request.activity_id.as_ref().and_then(|id| {
                    catalogue
                        .loaded
                        .with(|l| l.as_ref()?.catalogue.activity(id).map(|a| a.name.clone()))
                });
                match activity {
                    Some(name) => format!("{place}: {name}"),
                    None => place,
                }
            })
        })
    };
    view! {
        <section aria-labelledby="tr-verwijs-kop">
            <h2 id="tr-verwijs-kop">{move || t_string!(i18n, triage.refer.heading)}</h2>
            <div id="tr-verwijs-fout" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || no_target.get() || problem.with(Option::is_some) || server_problem.with(Option::is_some)>
                {move || no_target.get().then(|| view! { <p class="utrecht-form-field-error-message field-error">{move || t_string!(i18n, triage.refer.choose_target)}</p> })}
                {move || problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{words::note::problem_words(i18n.get_locale(), p)}</p> })}
                {move || server_problem.get().map(|p| view! { <p class="utrecht-form-field-error-message field-error">{p}</p> })}
            </div>
            <form class="staff-form" on:submit=submit novalidate=true>
                <div class="utrecht-form-field field">
                    <label for="tr-naar">{move || t_string!(i18n, triage.refer.where_to)}</label>
                    <select id="tr-naar" prop:disabled=move || confirming.with(Option::is_some) on:change=move |ev| {
                        to.set(ReferralTarget::parse(&event_target_value(&ev)));
                    }>
                        <option value="" selected=move || to.get().is_none()>{move || t_string!(i18n, triage.refer.choose_where)}</option>
                        {ReferralTarget::ALL.into_iter().map(|t| view! {
                            <option value=t.as_str() selected=move || to.get() == Some(t)>{move || words::note::target_words(i18n.get_locale(), t)}</option>
                        }).collect_view()}
                    </select>
                </div>
                {move || (to.get() == Some(ReferralTarget::Activity)).then(|| view! {
                    <ActivityChoice activity=activity wijk=item.with_untracked(|i| i.routing.wijk.clone()) />
                })}
                <div class="utrecht-form-field field">
                    <label for="tr-notitie">{move || t_string!(i18n, triage.refer.note)}</label>
                    <textarea id="tr-notitie" rows="3" maxlength="500"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                </div>
                <div class="form-buttons">
                    <button type="submit" prop:disabled=move || send.pending().get() || confirming.with(Option::is_some)>{move || t_string!(i18n, triage.refer.submit)}</button>
                </div>
            </form>
            <div id="tr-bevestig" tabindex="-1" role="group" aria-labelledby="tr-bevestig-vraag" class="utrecht-alert utrecht-alert--info confirm" class:shown=move || confirming.with(Option::is_some)>
                {move || chosen_place().map(|place| view! {
                    <p id="tr-bevestig-vraag">{words::fill(t_string!(i18n, triage.refer.confirm_question), &[("to", &place)])}</p>
                    <div class="form-buttons">
                        <button type="button" on:click=confirm>{move || t_string!(i18n, triage.refer.confirm)}</button>
                        <button type="button" class="secondary" on:click=back>{move || t_string!(i18n, triage.refer.back)}</button>
                    </div>
                })}
            </div>
        </section>
    }
    .into_any()
}

/// Which activity: narrowed by kind of help and wijk (the note's wijk at the start,
/// city-wide offer always in), grouped by kind, each with its organisation, as the
/// "Waarheen verwijzen?" page lists them; that page is a link away for more.
#[component]
fn ActivityChoice(activity: RwSignal<String>, wijk: String) -> impl IntoView {
    let i18n = use_i18n();
    let catalogue = use_catalogue();
    let known = catalogue.loaded.with_untracked(|l| {
        l.as_ref()
            .is_some_and(|l| l.catalogue.wijk(&wijk).is_some())
    });
    let filter = RwSignal::new(Filter {
        wijk: known.then(|| wijk.clone()),
        ..Filter::default()
    });
    let kind = RwSignal::new(None::<ActivityKind>);
    let guide = format!("/medewerkers/verwijzen?wijk={wijk}");
    // The options follow the catalogue and the choices; the fields are drawn once, so a
    // pull in the background does not take the focus from a coordinator choosing.
    let choices = Memo::new(move |_| {
        let locale = i18n.get_locale();
        catalogue.loaded.with(|l| {
            l.as_ref()
                .map(|loaded| {
                    by_kind_of_help(&loaded.catalogue, &filter.get(), kind.get())
                        .into_iter()
                        .map(|k| {
                            let options: Vec<(String, String)> = k
                                .partners
                                .iter()
                                .flat_map(|p| {
                                    p.activities.iter().map(move |a| {
                                        (a.id.clone(), format!("{} · {}", a.name, p.name()))
                                    })
                                })
                                .collect();
                            (words::activity::kind_label(locale, k.kind), options)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // A choice narrowed away is no choice: the coordinator would refer to an activity
    // she no longer sees.
    let narrow = move || activity.set(String::new());
    let ready = Memo::new(move |_| catalogue.loaded.with(Option::is_some));
    move || {
        ready.get().then(|| {
            let loaded = catalogue.loaded.get_untracked()?;
            let c = &loaded.catalogue;
            let wijken = wijk_options(c);
            Some(view! {
                <Choice id="tr-hulp" label=|l| td_string!(l, triage.refer.kind) any=|l| td_string!(l, triage.refer.any_kind) options=kind_choices(c)
                    selected=Signal::derive(move || kind.get().map(|k| k.slug().to_owned()).unwrap_or_default())
                    on_change=Callback::new(move |v: String| { kind.set(ActivityKind::from_slug(&v)); narrow(); }) />
                <Choice id="tr-wijk" label=|l| td_string!(l, triage.refer.wijk) any=|l| td_string!(l, triage.refer.any_wijk) options=wijken
                    selected=Signal::derive(move || filter.with(|f| f.wijk.clone().unwrap_or_default()))
                    on_change=Callback::new(move |v: String| { filter.update(|f| f.wijk = Some(v).filter(|v| !v.is_empty())); narrow(); }) />
                <div class="utrecht-form-field field">
                    <label for="tr-activiteit">{move || t_string!(i18n, triage.refer.which_activity)}</label>
                    <select id="tr-activiteit" on:change=move |ev| activity.set(event_target_value(&ev))>
                        <option value="" selected=move || activity.with(String::is_empty)>{move || t_string!(i18n, triage.refer.choose_activity)}</option>
                        {move || choices.get().into_iter().map(|(label, options)| view! {
                            <optgroup label=label>
                                {options.into_iter().map(|(id, name)| {
                                    let chosen = id.clone();
                                    view! { <option value=id lang="nl" selected=move || activity.with(|a| *a == chosen)>{name}</option> }
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <p class="next-links"><A href=guide.clone()>{move || t_string!(i18n, triage.refer.guide)}</A></p>
            })
        })
        .flatten()
    }
}
