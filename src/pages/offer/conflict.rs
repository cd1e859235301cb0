//! Someone changed an activity before the organiser's change arrived: nothing of hers
//! was stored. She sees both versions, field by field, and chooses: hers again on top
//! of the other (a new change, named on the stored revision), or the other one as it
//! is ("klopt", which confirms it), or edit once more starting from the other one.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::edit::ActivityEdit;
use omzien_core::edits::differences;
use omzien_core::wire::{Change, Mutation};
use omzien_core::Activity;

use crate::browser::uuid;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_outbox;
use crate::words;

#[component]
pub fn ConflictChoice(mine: Activity, current: Activity) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let rows = differences(&mine, &current);
    let edit = format!("/medewerkers/aanbod/{}", current.id);
    let problem = RwSignal::new(None);
    let choose = Action::new_local(move |change: &Change| {
        let mutation = Mutation {
            id: uuid::new_id(),
            change: change.clone(),
        };
        async move {
            if let Err(error) = outbox.queue(mutation).await {
                leptos::logging::error!("keeping the choice: {error}");
                problem.set(Some(error));
            }
        }
    });
    let keep_mine = Change::EditActivity(Box::new(ActivityEdit {
        base_revision: Some(current.revision),
        activity: mine,
    }));
    let keep_theirs = Change::ConfirmActivity {
        activity_id: current.id.clone(),
    };
    view! {
        <div class="conflict" data-testid="conflict">
            <p>{move || t_string!(i18n, offer.conflict.explain)}</p>
            <div class="table-wrap" role="region" aria-label=move || t_string!(i18n, offer.conflict.caption) tabindex="0">
                <table>
                    <caption>{move || t_string!(i18n, offer.conflict.caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{move || t_string!(i18n, offer.conflict.field)}</th>
                            <th scope="col">{move || t_string!(i18n, offer.conflict.mine)}</th>
                            <th scope="col">{move || t_string!(i18n, offer.conflict.theirs)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.into_iter().map(|d| {
                            let field = d.field.clone();
                            view! {
                                <tr>
                                    <th scope="row">{move || field_label(i18n.get_locale(), &field)}</th>
                                    <td lang="nl" data-testid="mine">{d.mine}</td>
                                    <td lang="nl" data-testid="theirs">{d.theirs}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {move || problem.get().map(|error| view! { <p role="alert" class="utrecht-alert utrecht-alert--info notice">{words::errors::not_saved(error)}</p> })}
            <div class="form-buttons">
                <button type="button" prop:disabled=move || choose.pending().get()
                    on:click=move |_| { choose.dispatch(keep_mine.clone()); }>{move || t_string!(i18n, offer.conflict.keep_mine)}</button>
                <button type="button" class="secondary" prop:disabled=move || choose.pending().get()
                    on:click=move |_| { choose.dispatch(keep_theirs.clone()); }>{move || t_string!(i18n, offer.conflict.keep_theirs)}</button>
            </div>
            <p class="next-links"><A href=edit>{move || t_string!(i18n, offer.conflict.edit_again)}</A></p>
        </div>
    }
}

/// A field of an activity, by its name on the wire, in words.
pub fn field_label(locale: Locale, field: &str) -> String {
    let text = match field {
        "name" => td_string!(locale, offer.fields.name),
        "summary" => td_string!(locale, offer.fields.summary),
        "description" => td_string!(locale, offer.fields.description),
        "kind" => td_string!(locale, offer.fields.kind),
        "organisation_id" => td_string!(locale, offer.fields.organisation),
        "wijk" => td_string!(locale, offer.fields.wijk),
        "location" => td_string!(locale, offer.fields.place),
        "accessibility" => td_string!(locale, offer.fields.accessibility),
        "sessions" => td_string!(locale, offer.fields.sessions),
        "schedule" => td_string!(locale, offer.fields.schedule),
        "contact" => td_string!(locale, offer.fields.contact),
        "free" | "cost_note" => td_string!(locale, offer.fields.cost),
        "capacity" => td_string!(locale, offer.fields.capacity),
        "sign_up_in_app" => td_string!(locale, offer.fields.sign_up_in_app),
        "target_groups" => td_string!(locale, offer.fields.target_groups),
        "loneliness_types" => td_string!(locale, offer.fields.loneliness_types),
        "languages" => td_string!(locale, offer.fields.languages),
        "audience" => td_string!(locale, offer.fields.audience),
        other => return other.to_owned(),
    };
    text.to_owned()
}
