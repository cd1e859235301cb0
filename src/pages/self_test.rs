//! The self-test: six statements of De Jong Gierveld's scale (`omzien_core::selftest`),
//! an outcome in kind words, and offers that fit. The answers live in this page's
//! memory only: nothing is stored or sent, and leaving the page forgets them, unless
//! the person chooses to share the two scores (and their wijk) for monitoring.
//!
//! The six statements and their answers are a validated Dutch instrument: they stay
//! Dutch (`lang="nl"`) in every language, and the page says so once. Everything else,
//! including the extra question about meaning, is in the chosen language.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::selftest::{score, suggest, Answer, Level, Score, ITEMS};
use omzien_core::wire::{Change, Mutation};
use omzien_core::LonelinessType;

use super::catalogue::place_text;
use super::with_catalogue;
use crate::browser::intl::number;
use crate::browser::uuid::new_id;
use crate::components::{focus_by_id, set_title};
use crate::i18n::{t_string, use_i18n, Locale};
use crate::state::contexts::use_catalogue;
use crate::state::contexts::use_outbox;
use crate::words;

#[component]
pub fn SelfTestPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, info.self_test.page_title)));
    let answers: [RwSignal<Option<Answer>>; 6] = std::array::from_fn(|_| RwSignal::new(None));
    let meaning = RwSignal::new(None::<Answer>);
    let wijk = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<(Score, bool)>);
    let missing = RwSignal::new(Vec::<usize>::new());

    // An outcome belongs to the answers it came from: any change takes it away, so
    // what is shown, and what may be shared, is never stale.
    Effect::new(move |_| {
        for answer in answers {
            answer.track();
        }
        meaning.track();
        wijk.track();
        outcome.set(None);
    });

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let open: Vec<usize> = (0..6)
            .filter(|&i| answers[i].get_untracked().is_none())
            .collect();
        if !open.is_empty() {
            missing.set(open);
            outcome.set(None);
            focus_by_id("zt-fouten");
            return;
        }
        missing.set(Vec::new());
        let given = std::array::from_fn(|i| answers[i].get_untracked().unwrap_or(Answer::Nee));
        let wants_meaning = matches!(
            meaning.get_untracked(),
            Some(Answer::Ja | Answer::MinOfMeer)
        );
        outcome.set(Some((score(&given), wants_meaning)));
        focus_by_id("zt-uitkomst");
    };
    let start_over = move |_| {
        for a in answers {
            a.set(None);
        }
        meaning.set(None);
        outcome.set(None);
        missing.set(Vec::new());
        focus_by_id("zt-kop");
    };

    view! {
        <h1 id="zt-kop" tabindex="-1">{move || t_string!(i18n, info.self_test.heading)}</h1>
        <p class="lead">{move || t_string!(i18n, info.self_test.lead)}</p>
        {move || (i18n.get_locale() != Locale::nl).then(|| view! {
            <p class="hint" data-testid="zt-nederlands">{t_string!(i18n, info.self_test.dutch_only)}</p>
        })}
        <div class="utrecht-alert utrecht-alert--info notice">
            <p><strong>{move || t_string!(i18n, info.self_test.private_title)}</strong>{move || t_string!(i18n, info.self_test.private_text)}</p>
        </div>
        <div id="zt-fouten" tabindex="-1" role="alert" class="utrecht-alert utrecht-alert--error error-summary" class:shown=move || missing.with(|m| !m.is_empty())>
            {move || missing.with(|m| !m.is_empty()).then(|| view! {
                <p><strong>{move || t_string!(i18n, info.self_test.not_done)}</strong></p>
                <p>{move || missing.with(|m| {
                    let locale = i18n.get_locale();
                    let numbers: Vec<String> = m.iter().map(|&i| number(locale, (i + 1) as f64)).collect();
                    let numbers = numbers.join(", ");
                    words::fill(t_string!(i18n, info.self_test.answer_missing), &[("numbers", &numbers)])
                })}</p>
            })}
        </div>
        <form class="self-test" on:submit=submit novalidate=true>
            {ITEMS.iter().enumerate().map(|(i, item)| {
                let name = format!("zt-{}", i + 1);
                let invalid = move || missing.with(|m| m.contains(&i));
                view! {
                    <fieldset class="question" class:invalid=invalid>
                        <legend>
                            <span class="question-number">{move || words::fill(t_string!(i18n, info.self_test.statement_number), &[("number", &number(i18n.get_locale(), (i + 1) as f64))])}</span>
                            <span lang="nl">{item.text}</span>
                        </legend>
                        <AnswerChoice name=name value=answers[i] dutch=true />
                    </fieldset>
                }
            }).collect_view()}
            <fieldset class="question">
                <legend>
                    <span class="question-number">{move || t_string!(i18n, info.self_test.extra_number)}</span>
                    // Not part of the scale: the agenda's third kind, asked apart and never scored.
                    {move || t_string!(i18n, info.self_test.meaning_question)}
                </legend>
                <AnswerChoice name="zt-zin".to_owned() value=meaning dutch=false />
            </fieldset>
            {with_catalogue(move |loaded| {
                let wijken = super::wijk_choices(&loaded.catalogue);
                view! {
                    <div class="utrecht-form-field field">
                        <label for="zt-wijk">{move || t_string!(i18n, info.self_test.wijk_label)}</label>
                        <p class="hint" id="zt-wijk-uitleg">{move || t_string!(i18n, info.self_test.wijk_hint)}</p>
                        <select id="zt-wijk" aria-describedby="zt-wijk-uitleg" on:change=move |ev| wijk.set(event_target_value(&ev))>
                            <option value="">{move || t_string!(i18n, info.self_test.wijk_none)}</option>
                            {wijken.into_iter().map(|(id, name)| {
                                let selected = wijk.get_untracked() == id;
                                view! { <option value=id selected=selected lang="nl">{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
            <button type="submit">{move || t_string!(i18n, info.self_test.submit)}</button>
        </form>
        <section id="zt-uitkomst" tabindex="-1" aria-labelledby="zt-uitkomst-kop" class="self-test-outcome" class:shown=move || outcome.with(Option::is_some)>
            {move || outcome.get().map(|(s, wants_meaning)| view! {
                <h2 id="zt-uitkomst-kop">{move || t_string!(i18n, info.self_test.outcome_heading)}</h2>
                {outcome_text(s)}
                <Suggestions score=s wants_meaning=wants_meaning wijk=wijk.get_untracked() />
                <ShareResult score=s wijk=wijk.get_untracked() />
                <p><button type="button" class="secondary" on:click=start_over>{move || t_string!(i18n, info.self_test.start_over)}</button></p>
            })}
        </section>
    }
}

#[component]
fn AnswerChoice(
    name: String,
    value: RwSignal<Option<Answer>>,
    /// The scale's own answers stay Dutch; the extra question's follow the language.
    dutch: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="answers">
            {Answer::ALL.into_iter().map(|answer| {
                let id = format!("{name}-{}", answer_slug(answer));
                view! {
                    <label class="answer" for=id.clone()>
                        <input type="radio" id=id.clone() name=name.clone()
                            prop:checked=move || value.get() == Some(answer)
                            on:change=move |_| value.set(Some(answer)) />
                        {if dutch {
                            view! { <span lang="nl">{answer.label()}</span> }.into_any()
                        } else {
                            view! { <span>{move || words::display::answer_text(i18n.get_locale(), answer)}</span> }.into_any()
                        }}
                    </label>
                }
            }).collect_view()}
        </div>
    }
}

fn answer_slug(answer: Answer) -> &'static str {
    match answer {
        Answer::Ja => "ja",
        Answer::MinOfMeer => "min-of-meer",
        Answer::Nee => "nee",
    }
}

fn outcome_text(s: Score) -> impl IntoView {
    let i18n = use_i18n();
    let level = s.level();
    let headline = move || match level {
        Level::NotLonely => t_string!(i18n, info.self_test.level.not_lonely).to_string(),
        Level::Moderate => t_string!(i18n, info.self_test.level.moderate).to_string(),
        Level::Strong => t_string!(i18n, info.self_test.level.strong).to_string(),
    };
    let more = move || match level {
        Level::NotLonely => t_string!(i18n, info.self_test.level.not_lonely_more).to_string(),
        Level::Moderate => t_string!(i18n, info.self_test.level.moderate_more).to_string(),
        Level::Strong => t_string!(i18n, info.self_test.level.strong_more).to_string(),
    };
    view! {
        <p class="outcome-headline" data-testid="zt-niveau"><strong>{headline}</strong></p>
        <p>{more}</p>
        <ul class="outcome-parts">
            <li data-testid="zt-sociaal">{move || words::fill(t_string!(i18n, info.self_test.social_part), &[("count", &number(i18n.get_locale(), s.social as f64))])}</li>
            <li data-testid="zt-emotioneel">{move || words::fill(t_string!(i18n, info.self_test.emotional_part), &[("count", &number(i18n.get_locale(), s.emotional as f64))])}</li>
        </ul>
        <p class="hint">{move || t_string!(i18n, info.self_test.not_a_diagnosis)}</p>
    }
}

#[component]
fn Suggestions(score: Score, wants_meaning: bool, wijk: String) -> impl IntoView {
    let i18n = use_i18n();
    let mut kinds = score.kinds();
    if wants_meaning {
        kinds.push(LonelinessType::Existential);
    }
    let wijk = (!wijk.is_empty()).then_some(wijk);
    with_catalogue(move |loaded| {
        if kinds.is_empty() {
            return view! {
                <p>
                    {move || t_string!(i18n, info.self_test.tips.fancy_something)}
                    <A href="/activiteiten">{move || t_string!(i18n, info.self_test.tips.all_activities)}</A>
                    "."
                </p>
            }
            .into_any();
        }
        let sections = kinds
            .iter()
            .map(|&kind| {
                let found = suggest(&loaded.catalogue, kind, wijk.as_deref(), 4);
                let heading = move || match kind {
                    LonelinessType::Social => t_string!(i18n, info.self_test.tips.social_heading).to_string(),
                    LonelinessType::Emotional => t_string!(i18n, info.self_test.tips.emotional_heading).to_string(),
                    LonelinessType::Existential => t_string!(i18n, info.self_test.tips.meaning_heading).to_string(),
                };
                let why = move || match kind {
                    LonelinessType::Social => t_string!(i18n, info.self_test.tips.social_why).to_string(),
                    LonelinessType::Emotional => t_string!(i18n, info.self_test.tips.emotional_why).to_string(),
                    LonelinessType::Existential => t_string!(i18n, info.self_test.tips.meaning_why).to_string(),
                };
                let all = format!("/activiteiten?soort={}", kind.slug());
                view! {
                    <section class="suggestions" data-testid=format!("zt-tips-{}", kind.slug())>
                        <h3>{heading}</h3>
                        <p>{why}</p>
                        <ul class="suggestion-list">
                            {found.into_iter().map(|a| {
                                let href = format!("/activiteiten/{}", a.id);
                                let place = place_text(&loaded.catalogue, a);
                                let name = a.name.clone();
                                view! {
                                    <li>
                                        <A href=href attr:lang="nl">{name}</A>
                                        <span class="suggestion-place">{format!(" ({place})")}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p><A href=all>{move || t_string!(i18n, info.self_test.tips.more_like_these)}</A></p>
                    </section>
                }
            })
            .collect_view();
        sections.into_any()
    })
}

#[derive(Clone, Copy, PartialEq)]
enum Share {
    NotYet,
    Saving,
    Saved,
    Failed(&'static str),
}

/// Sharing is a choice, made after seeing the outcome; it goes through the outbox
/// like everything else, so it also works offline, and leaves the device once sent.
#[component]
fn ShareResult(score: Score, wijk: String) -> impl IntoView {
    let catalogue = use_catalogue();
    let outbox = use_outbox();
    let i18n = use_i18n();
    let state = RwSignal::new(Share::NotYet);
    let wijk = (!wijk.is_empty()).then_some(wijk);
    let wijk_name = wijk.as_ref().and_then(|id| {
        catalogue
            .loaded
            .get_untracked()
            .and_then(|loaded| loaded.catalogue.wijk(id).map(|w| w.name.clone()))
    });
    let what = move || match &wijk_name {
        Some(name) => words::fill(
            t_string!(i18n, info.self_test.share.what_with_wijk),
            &[("name", name)],
        ),
        None => t_string!(i18n, info.self_test.share.what).to_owned(),
    };
    let share = move |_| {
        if state.get_untracked() != Share::NotYet {
            return;
        }
        state.set(Share::Saving);
        let mutation = Mutation {
            id: new_id(),
            change: Change::SelfTestResult(score.shared(wijk.clone())),
        };
        spawn_local(async move {
            state.set(match outbox.queue(mutation).await {
                Ok(()) => Share::Saved,
                Err(error) => Share::Failed(words::not_saved(error)),
            });
            // The button is gone; keep keyboard focus on what replaced it.
            focus_by_id("zt-gedeeld");
        });
    };
    view! {
        <section class="share" aria-labelledby="zt-delen-kop">
            <h3 id="zt-delen-kop">{move || t_string!(i18n, info.self_test.share.heading)}</h3>
            <p>
                {move || t_string!(i18n, info.self_test.share.question)}
                {what}
                {move || t_string!(i18n, info.self_test.share.not_answers)}
            </p>
            <p>{move || t_string!(i18n, info.self_test.share.optional)}</p>
            {move || (state.get() != Share::Saved).then(|| view! {
                <button type="button" class="secondary" on:click=share.clone() prop:disabled=move || state.get() == Share::Saving>
                    {move || t_string!(i18n, info.self_test.share.button)}
                </button>
            })}
            <p id="zt-gedeeld" tabindex="-1" role="status" data-testid="zt-gedeeld">
                {move || match state.get() {
                    Share::Saved => Some(t_string!(i18n, info.self_test.share.thanks).to_string()),
                    Share::Failed(message) => Some(message.to_owned()),
                    _ => None,
                }}
            </p>
        </section>
    }
}
