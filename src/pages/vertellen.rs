//! Vertellen (issue 18, chapter 8): the story form (`/medewerkers/verhalen`, for
//! organisers, coordinators, the programme lead and admins), and on `/monitoring` the
//! latest stories, the partners' scores against the target of 7, the partner's
//! one-time survey link and the half-yearly evaluation pack. Online only: each is sent
//! or asked for at once and nothing waits on the device.

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::disclosure::Shown;
use omzien_core::monitoring::{
    tenths, Half, NewStory, NewSurvey, PackFile, PartnerScores, Story, TARGET_TENTHS,
};
use omzien_core::staff::Role;
use wasm_bindgen::{JsCast, JsValue};

use crate::api;
use crate::browser::intl;
use crate::components::set_title;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::components::Loading;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::state::contexts::use_catalogue;
use crate::words;

const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, monitoring.story_for_whom),
    sign_in_first: |l| td_string!(l, monitoring.sign_in_first),
    no_access: |l| td_string!(l, monitoring.story_no_access),
    offline: |l| td_string!(l, monitoring.offline),
    offline_more: |l| td_string!(l, monitoring.story_offline),
    offline_test_id: None,
};

fn shown(locale: Locale, count: Shown) -> String {
    match count {
        Shown::Count(n) => intl::number(locale, n as f64),
        Shown::Small => td_string!(locale, monitoring.small).to_owned(),
        Shown::Hidden => td_string!(locale, monitoring.hidden).to_owned(),
    }
}

fn wijk_name(locale: Locale, id: Option<&str>) -> String {
    let Some(id) = id else {
        return td_string!(locale, monitoring.whole_town).to_owned();
    };
    use_catalogue()
        .loaded
        .get_untracked()
        .and_then(|l| {
            l.catalogue
                .wijken
                .iter()
                .find(|w| w.id == id)
                .map(|w| w.name.clone())
        })
        .unwrap_or_else(|| id.to_owned())
}

#[component]
pub fn StoriesPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, monitoring.story_page_title)));
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, monitoring.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, monitoring.story_page_title)}</h1>
        <p>{move || t_string!(i18n, monitoring.story_page_intro)}</p>
        <StaffOnly need=Role::can_tell_stories words=CLOSED let:session>
            <StoryForm token=session.token />
        </StaffOnly>
    }
}

#[component]
fn StoryForm(token: String) -> impl IntoView {
    let i18n = use_i18n();
    let actions = LocalResource::new({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move {
                api::monitoring::story_actions(&token)
                    .await
                    .map_err(|e| words::for_staff(&e))
            }
        }
    });
    let text = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let wijk = RwSignal::new(String::new());
    let consent = RwSignal::new(false);
    let done = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let send = Action::new_local(move |story: &NewStory| {
        let (token, story) = (token.clone(), story.clone());
        async move {
            api::monitoring::add_story(&token, &story)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = send.value().get() {
            match result {
                Ok(()) => {
                    problem.set(None);
                    text.set(String::new());
                    consent.set(false);
                    done.set(true);
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    });
    let wijken = move || {
        use_catalogue()
            .loaded
            .get()
            .map(|l| {
                let mut w: Vec<(String, String)> = l
                    .catalogue
                    .wijken
                    .iter()
                    .map(|w| (w.id.clone(), w.name.clone()))
                    .collect();
                w.sort_by(|a, b| a.1.cmp(&b.1));
                w
            })
            .unwrap_or_default()
    };
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || Suspend::new(async move {
                match actions.await {
                    Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                    Ok(choices) => {
                        if action.get_untracked().is_empty() {
                            if let Some(first) = choices.first() {
                                action.set(first.id.clone());
                            }
                        }
                        view! {
                            <form data-testid="story-form" on:submit=move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                done.set(false);
                                send.dispatch(NewStory {
                                    text: text.get_untracked(),
                                    action_id: action.get_untracked(),
                                    wijk: Some(wijk.get_untracked()).filter(|w| !w.is_empty()),
                                    consent: consent.get_untracked(),
                                });
                            }>
                                <div class="field">
                                    <label for="verhaal-tekst">{move || t_string!(i18n, monitoring.story_text)}</label>
                                    <p class="hint" id="verhaal-geen-namen">{move || t_string!(i18n, monitoring.story_no_names)}</p>
                                    <textarea id="verhaal-tekst" rows="6" maxlength="2000" required
                                        aria-describedby="verhaal-geen-namen"
                                        prop:value=move || text.get()
                                        on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                                </div>
                                <div class="field">
                                    <label for="verhaal-actie">{move || t_string!(i18n, monitoring.story_action)}</label>
                                    <select id="verhaal-actie" on:change=move |ev| action.set(event_target_value(&ev))>
                                        {choices.into_iter().map(|c| {
                                            let value = c.id.clone();
                                            let id = c.id;
                                            view! { <option value=value selected=move || action.get() == id lang="nl">{c.name}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field">
                                    <label for="verhaal-wijk">{move || t_string!(i18n, monitoring.story_wijk)}</label>
                                    <select id="verhaal-wijk" on:change=move |ev| wijk.set(event_target_value(&ev))>
                                        <option value="" selected=move || wijk.get().is_empty()>{move || t_string!(i18n, monitoring.whole_town)}</option>
                                        {move || wijken().into_iter().map(|(id, name)| {
                                            let value = id.clone();
                                            view! { <option value=value selected=move || wijk.get() == id>{name}</option> }
                                        }).collect_view()}
                                    </select>
                                </div>
                                <div class="field field-check">
                                    <input type="checkbox" id="verhaal-toestemming" required
                                        prop:checked=move || consent.get()
                                        on:change=move |ev| consent.set(event_target_checked(&ev)) />
                                    <label for="verhaal-toestemming">{move || t_string!(i18n, monitoring.story_consent)}</label>
                                </div>
                                <p role="alert">{move || problem.get()}</p>
                                <p><button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, monitoring.story_save)}</button></p>
                                <p role="status" data-testid="story-saved">{move || done.get().then(|| t_string!(i18n, monitoring.story_saved))}</p>
                            </form>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The half's latest stories on the dashboard.
#[component]
pub fn LatestStories(
    stories: Vec<Story>,
    action_name: Callback<String, String>,
    token: String,
    /// After a deletion: the counts and stories are asked for again.
    deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    // The story whose deletion waits for a second click, so one slip deletes nothing.
    let confirming = RwSignal::new(None::<i64>);
    let problem = RwSignal::new(None::<String>);
    let remove = Action::new_local(move |id: &i64| {
        let (token, id) = (token.clone(), *id);
        async move {
            api::monitoring::delete_story(&token, id)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = remove.value().get() {
            match result {
                Ok(()) => {
                    problem.set(None);
                    deleted.run(());
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    });
    view! {
        <section aria-labelledby="mon-verhalen-kop">
            <h2 id="mon-verhalen-kop">{td_string!(locale, monitoring.stories_title)}</h2>
            {if stories.is_empty() {
                view! { <p>{td_string!(locale, monitoring.stories_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="stories" data-testid="stories">
                        {stories.into_iter().map(|s| {
                            let meta = words::fill(td_string!(locale, monitoring.story_meta), &[
                                ("day", &s.day),
                                ("action", &s.action_id.clone().map(|a| action_name.run(a)).unwrap_or_default()),
                                ("wijk", &wijk_name(locale, s.wijk.as_deref())),
                            ]);
                            let id = s.id;
                            view! {
                                <li>
                                    <blockquote lang="nl"><p>{s.text}</p></blockquote>
                                    <p class="hint">{meta}</p>
                                    {move || if confirming.get() == Some(id) {
                                        view! {
                                            <p>
                                                <button type="button" data-testid="story-delete-confirm" prop:disabled=move || remove.pending().get()
                                                    on:click=move |_| { remove.dispatch(id); }>
                                                    {td_string!(locale, monitoring.story_delete_confirm)}
                                                </button>
                                                " "
                                                <button type="button" class="secondary" on:click=move |_| confirming.set(None)>
                                                    {td_string!(locale, monitoring.story_delete_cancel)}
                                                </button>
                                            </p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <p><button type="button" class="secondary" data-testid="story-delete" on:click=move |_| confirming.set(Some(id))>
                                                {td_string!(locale, monitoring.story_delete)}
                                            </button></p>
                                        }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <p role="alert">{move || problem.get()}</p>
            <p><A href="/medewerkers/verhalen">{td_string!(locale, monitoring.stories_add)}</A></p>
        </section>
    }
}

/// The partners' average per question against the target of 7.
#[component]
pub fn PartnerScoresView(scores: PartnerScores) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let answered = scores.answered.unwrap_or(Shown::Small);
    let asked = omzien_core::monitoring::protect_one(u64::from(scores.asked));
    let summary = words::fill(
        td_string!(locale, monitoring.partners_answered),
        &[
            ("answered", &shown(locale, answered)),
            ("asked", &shown(locale, asked)),
        ],
    );
    let rows = [
        (
            td_string!(locale, monitoring.q_results),
            scores.averages.map(|a| a.results),
        ),
        (
            td_string!(locale, monitoring.q_process),
            scores.averages.map(|a| a.process),
        ),
        (
            td_string!(locale, monitoring.q_cooperation),
            scores.averages.map(|a| a.cooperation),
        ),
    ];
    view! {
        <section aria-labelledby="mon-partners-kop">
            <h2 id="mon-partners-kop">{td_string!(locale, monitoring.partners_title)}</h2>
            <p>{td_string!(locale, monitoring.partners_intro)}</p>
            <p data-testid="partners-answered">{summary}</p>
            {scores.averages.is_none().then(|| view! { <p class="notice">{td_string!(locale, monitoring.partners_hidden)}</p> })}
            <div class="table-wrap" role="region" aria-labelledby="mon-partners-titel" tabindex="0">
                <table data-testid="partner-scores">
                    <caption id="mon-partners-titel">{td_string!(locale, monitoring.partners_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, monitoring.question)}</th>
                        <th scope="col">{td_string!(locale, monitoring.average)}</th>
                        <th scope="col">{td_string!(locale, monitoring.target)}</th>
                        <th scope="col">{td_string!(locale, monitoring.target_met)}</th>
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(question, avg)| view! {
                            <tr>
                                <th scope="row">{question}</th>
                                <td>{avg.map_or_else(|| td_string!(locale, monitoring.not_shown).to_owned(), tenths)}</td>
                                <td>{tenths(TARGET_TENTHS)}</td>
                                <td>{match avg {
                                    Some(a) if a >= TARGET_TENTHS => td_string!(locale, monitoring.yes),
                                    Some(_) => td_string!(locale, monitoring.no),
                                    None => td_string!(locale, monitoring.unknown),
                                }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            {(!scores.comments.is_empty()).then(|| view! {
                <h3>{td_string!(locale, monitoring.partners_comments)}</h3>
                <ul>{scores.comments.into_iter().map(|c| view! { <li lang="nl">{c}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}

/// The programme lead makes a one-time link for a partner and the chosen half year.
#[component]
pub fn SurveyLinkForm(token: String, half: RwSignal<Half>) -> impl IntoView {
    let i18n = use_i18n();
    let partner = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let made = RwSignal::new(None::<(String, String)>);
    let send = Action::new_local(move |survey: &NewSurvey| {
        let (token, survey) = (token.clone(), survey.clone());
        async move {
            let result = api::monitoring::new_survey(&token, &survey)
                .await
                .map_err(|e| words::for_staff(&e));
            (survey.partner, result)
        }
    });
    Effect::new(move |_| {
        if let Some((who, result)) = send.value().get() {
            match result {
                Ok(link) => {
                    let origin = window().location().origin().unwrap_or_default();
                    problem.set(None);
                    made.set(Some((who, format!("{origin}{}", link.path))));
                    partner.set(String::new());
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    });
    view! {
        <section aria-labelledby="mon-enquete-kop">
            <h2 id="mon-enquete-kop">{move || t_string!(i18n, monitoring.survey_title)}</h2>
            <p>{move || t_string!(i18n, monitoring.survey_intro)}</p>
            <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                made.set(None);
                send.dispatch(NewSurvey {
                    partner: partner.get_untracked(),
                    half: half.get_untracked().to_string(),
                });
            }>
                <div class="field">
                    <label for="mon-partner">{move || t_string!(i18n, monitoring.survey_partner)}</label>
                    <input id="mon-partner" type="text" required maxlength="120" autocomplete="organization"
                        prop:value=move || partner.get()
                        on:input=move |ev| partner.set(event_target_value(&ev)) />
                </div>
                <p role="alert">{move || problem.get()}</p>
                <p><button type="submit" prop:disabled=move || send.pending().get()>{move || t_string!(i18n, monitoring.survey_make)}</button></p>
            </form>
            <div role="status">
                {move || made.get().map(|(who, url)| view! {
                    <p>{words::fill(t_string!(i18n, monitoring.survey_link), &[("partner", &who)])}</p>
                    <p class="qr-url"><span dir="ltr" data-testid="survey-link">{url}</span></p>
                    <p class="hint">{t_string!(i18n, monitoring.survey_link_once)}</p>
                })}
            </div>
        </section>
    }
}

/// Makes the chosen half's evaluation pack and offers each file as a download.
#[component]
pub fn EvaluationDownload(token: String, half: RwSignal<Half>) -> impl IntoView {
    let i18n = use_i18n();
    let problem = RwSignal::new(None::<String>);
    let files = RwSignal::new(Vec::<PackFile>::new());
    let make = Action::new_local(move |half: &Half| {
        let (token, half) = (token.clone(), *half);
        async move {
            api::monitoring::evaluation(&token, half)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    Effect::new(move |_| {
        if let Some(result) = make.value().get() {
            match result {
                Ok(pack) => {
                    problem.set(None);
                    files.set(pack.files);
                }
                Err(message) => problem.set(Some(message)),
            }
        }
    });
    // Another half: the files shown are no longer the chosen half's.
    Effect::new(move |_| {
        half.track();
        files.set(Vec::new());
    });
    view! {
        <section aria-labelledby="mon-evaluatie-kop">
            <h2 id="mon-evaluatie-kop">{move || t_string!(i18n, monitoring.pack_title)}</h2>
            <p>{move || t_string!(i18n, monitoring.pack_intro)}</p>
            <p><button type="button" data-testid="pack-make" prop:disabled=move || make.pending().get()
                on:click=move |_| { make.dispatch(half.get_untracked()); }>
                {move || t_string!(i18n, monitoring.pack_make)}
            </button></p>
            <p role="alert">{move || problem.get()}</p>
            <div role="status">
                {move || (!files.get().is_empty()).then(|| view! {
                    <p>{t_string!(i18n, monitoring.pack_ready)}</p>
                    <ul class="next-links" data-testid="pack-files">
                        {files.get().into_iter().map(|file| {
                            let label = words::fill(t_string!(i18n, monitoring.pack_download), &[("name", &file.name)]);
                            view! {
                                <li><button type="button" class="link" on:click=move |_| {
                                    if let Err(error) = save(&file) {
                                        leptos::logging::warn!("pack download: {}", crate::browser::js_error::describe(&error));
                                        problem.set(Some(td_string!(i18n.get_locale_untracked(), monitoring.pack_failed).to_owned()));
                                    }
                                }>{label}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
        </section>
    }
}

/// Hands a file to the browser as a download (a Blob behind an object URL).
fn save(file: &PackFile) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(&file.text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&file.media_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let link: web_sys::HtmlAnchorElement = document().create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(&file.name);
    link.click();
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(10),
    );
    Ok(())
}
