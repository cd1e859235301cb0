//! The self-test: six statements of De Jong Gierveld's scale (`omzien_core::selftest`),
//! an outcome in kind words, and offers that fit. The answers live in this page's
//! memory only: nothing is stored or sent, and leaving the page forgets them, unless
//! the person chooses to share the two scores (and their wijk) for monitoring.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use omzien_core::selftest::{score, suggest, Answer, Level, Score, SharedResult, ITEMS};
use omzien_core::wire::{Change, Mutation};
use omzien_core::LonelinessType;

use super::catalogue::place_text;
use super::with_catalogue;
use crate::components::{focus_by_id, set_title};
use crate::state::{new_id, AppData};

/// Not part of the scale: the agenda's third kind, asked apart and never scored.
const MEANING: &str = "Ik mis iets zinvols om te doen, of het gevoel dat ik ertoe doe.";

#[component]
pub fn SelfTestPage() -> impl IntoView {
    set_title("Zelftest eenzaamheid");
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
        <h1 id="zt-kop" tabindex="-1">"Zelftest: voel ik me eenzaam?"</h1>
        <p class="lead">"Zes korte zinnen. Kies bij elke zin wat het best bij je past. Het duurt twee minuten."</p>
        <div class="notice">
            <p><strong>"Deze test is alleen voor jou."</strong>" We bewaren en versturen je antwoorden niet. Ga je weg van deze pagina, dan zijn ze weg."</p>
        </div>
        <div id="zt-fouten" tabindex="-1" role="alert" class="error-summary" class:shown=move || missing.with(|m| !m.is_empty())>
            {move || missing.with(|m| !m.is_empty()).then(|| view! {
                <p><strong>"Je bent nog niet klaar."</strong></p>
                <p>{move || missing.with(|m| {
                    let numbers: Vec<String> = m.iter().map(|i| (i + 1).to_string()).collect();
                    format!("Kies nog een antwoord bij zin {}.", numbers.join(", "))
                })}</p>
            })}
        </div>
        <form class="self-test" on:submit=submit novalidate=true>
            {ITEMS.iter().enumerate().map(|(i, item)| {
                let name = format!("zt-{}", i + 1);
                let invalid = move || missing.with(|m| m.contains(&i));
                view! {
                    <fieldset class="question" class:invalid=invalid>
                        <legend><span class="question-number">{format!("Zin {} van 6. ", i + 1)}</span>{item.text}</legend>
                        <AnswerChoice name=name value=answers[i] />
                    </fieldset>
                }
            }).collect_view()}
            <fieldset class="question">
                <legend>
                    <span class="question-number">"Extra vraag, hoort niet bij de test. "</span>{MEANING}
                </legend>
                <AnswerChoice name="zt-zin".to_owned() value=meaning />
            </fieldset>
            {with_catalogue(move |loaded| {
                let wijken = super::wijk_choices(&loaded.catalogue);
                view! {
                    <div class="field">
                        <label for="zt-wijk">"In welke wijk woon je? (mag leeg blijven)"</label>
                        <p class="hint" id="zt-wijk-uitleg">"Dan zie je eerst activiteiten dicht bij huis."</p>
                        <select id="zt-wijk" aria-describedby="zt-wijk-uitleg" on:change=move |ev| wijk.set(event_target_value(&ev))>
                            <option value="">"Zeg ik liever niet"</option>
                            {wijken.into_iter().map(|(id, name)| {
                                let selected = wijk.get_untracked() == id;
                                view! { <option value=id selected=selected>{name}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
            <button type="submit">"Bekijk de uitkomst"</button>
        </form>
        <section id="zt-uitkomst" tabindex="-1" aria-labelledby="zt-uitkomst-kop" class="self-test-outcome" class:shown=move || outcome.with(Option::is_some)>
            {move || outcome.get().map(|(s, wants_meaning)| view! {
                <h2 id="zt-uitkomst-kop">"Jouw uitkomst"</h2>
                {outcome_text(s)}
                <Suggestions score=s wants_meaning=wants_meaning wijk=wijk.get_untracked() />
                <ShareResult score=s wijk=wijk.get_untracked() />
                <p><button type="button" class="secondary" on:click=start_over>"Opnieuw beginnen"</button></p>
            })}
        </section>
    }
}

#[component]
fn AnswerChoice(name: String, value: RwSignal<Option<Answer>>) -> impl IntoView {
    view! {
        <div class="answers">
            {Answer::ALL.into_iter().map(|answer| {
                let id = format!("{name}-{}", answer_slug(answer));
                view! {
                    <label class="answer" for=id.clone()>
                        <input type="radio" id=id.clone() name=name.clone()
                            prop:checked=move || value.get() == Some(answer)
                            on:change=move |_| value.set(Some(answer)) />
                        <span>{answer.label()}</span>
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
    let (headline, more) = match s.level() {
        Level::NotLonely => (
            "Je voelt je op dit moment weinig of niet eenzaam.",
            "Fijn! Dat kan veranderen, bijvoorbeeld na een verhuizing of een verlies. Kom dan gerust terug.",
        ),
        Level::Moderate => (
            "Je voelt je soms eenzaam.",
            "Dat overkomt veel mensen. In Hilversum voelt bijna de helft van de volwassenen zich weleens eenzaam. Je hoeft het niet alleen op te lossen.",
        ),
        Level::Strong => (
            "Je voelt je erg eenzaam.",
            "Dat is zwaar. Je hoeft het niet alleen te dragen. Praat erover met iemand, dat kan vandaag al.",
        ),
    };
    view! {
        <p class="outcome-headline" data-testid="zt-niveau"><strong>{headline}</strong></p>
        <p>{more}</p>
        <ul class="outcome-parts">
            <li data-testid="zt-sociaal">{format!("Mensen om je heen: {} van de 3 zinnen wijzen op een tekort.", s.social)}</li>
            <li data-testid="zt-emotioneel">{format!("Een hechte band: {} van de 3 zinnen wijzen op een gemis.", s.emotional)}</li>
        </ul>
        <p class="hint">"Dit is geen diagnose. De test laat zien hoe je je nu voelt. De zinnen komen uit een bekende test van onderzoekers De Jong Gierveld en Van Tilburg."</p>
    }
}

#[component]
fn Suggestions(score: Score, wants_meaning: bool, wijk: String) -> impl IntoView {
    let mut kinds = score.kinds();
    if wants_meaning {
        kinds.push(LonelinessType::Existential);
    }
    let wijk = (!wijk.is_empty()).then_some(wijk);
    with_catalogue(move |loaded| {
        if kinds.is_empty() {
            return view! {
                <p>"Zin om iets te doen met anderen? "<A href="/activiteiten">"Bekijk alle activiteiten"</A>"."</p>
            }
            .into_any();
        }
        let sections = kinds
            .iter()
            .map(|&kind| {
                let found = suggest(&loaded.catalogue, kind, wijk.as_deref(), 4);
                let (heading, why) = match kind {
                    LonelinessType::Social => ("Samen met anderen", "Je mist mensen om je heen. Dan helpt het om samen iets te doen, in een groep."),
                    LonelinessType::Emotional => ("Eén persoon die er voor je is", "Je mist een hechte band. Dan helpt vaak een vast contact: een maatje, iemand die langskomt of iemand die luistert."),
                    LonelinessType::Existential => ("Iets zinvols doen", "Je mist iets zinvols. Dan helpt het om iets te doen dat ertoe doet, bijvoorbeeld vrijwilligerswerk."),
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
                                        <A href=href>{name}</A>
                                        <span class="suggestion-place">{format!(" ({place})")}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p><A href=all>"Meer activiteiten zoals deze"</A></p>
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
    let data = expect_context::<AppData>();
    let state = RwSignal::new(Share::NotYet);
    let wijk = (!wijk.is_empty()).then_some(wijk);
    let wijk_name = wijk.as_ref().and_then(|id| {
        data.loaded
            .get_untracked()
            .and_then(|loaded| loaded.catalogue.wijk(id).map(|w| w.name.clone()))
    });
    let what = match wijk_name {
        Some(name) => format!("Dan sturen we alleen je twee scores en je wijk ({name})."),
        None => "Dan sturen we alleen je twee scores.".to_owned(),
    };
    let share = move |_| {
        if state.get_untracked() != Share::NotYet {
            return;
        }
        state.set(Share::Saving);
        let mutation = Mutation {
            id: new_id(),
            change: Change::SelfTestResult(SharedResult::new(score, wijk.clone())),
        };
        spawn_local(async move {
            state.set(match data.queue(mutation).await {
                Ok(()) => Share::Saved,
                Err(message) => Share::Failed(message),
            });
            // The button is gone; keep keyboard focus on what replaced it.
            focus_by_id("zt-gedeeld");
        });
    };
    view! {
        <section class="share" aria-labelledby="zt-delen-kop">
            <h3 id="zt-delen-kop">"Help de gemeente, zonder je naam"</h3>
            <p>"Wil je je uitkomst delen? " {what} " Niet je antwoorden en niet je naam. Zo ziet de gemeente waar eenzaamheid speelt."</p>
            <p>"Delen hoeft niet. Deel je niet, dan bewaren en versturen we niets."</p>
            {move || (state.get() != Share::Saved).then(|| view! {
                <button type="button" class="secondary" on:click=share.clone() prop:disabled=move || state.get() == Share::Saving>
                    "Deel mijn uitkomst zonder naam"
                </button>
            })}
            <p id="zt-gedeeld" tabindex="-1" role="status" data-testid="zt-gedeeld">
                {move || match state.get() {
                    Share::Saved => Some("Bedankt! We versturen je uitkomst zonder naam, nu of zodra er verbinding is.".to_owned()),
                    Share::Failed(message) => Some(message.to_owned()),
                    _ => None,
                }}
            </p>
        </section>
    }
}
