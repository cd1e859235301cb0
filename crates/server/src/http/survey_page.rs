//! `/enquete/{token}`: the kernteam partner's half-yearly survey (chapter 8: results,
//! process and cooperation, each 1–10, and a comment), opened with the one-time link the
//! programme lead made. Plain HTML with maud, like the light page: no account, no
//! script, no stylesheet, a form that posts back here. Dutch only: the kernteam works
//! in Dutch. Answered once; a second answer with the same link is refused and says so.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Router};
use maud::{html, Markup, DOCTYPE};
use omzien_core::monitoring::{Half, Scores};
use serde::Deserialize;

use super::state::AppState;
use crate::vertellen::{self, Answer, SurveyState};

pub fn router() -> Router<AppState> {
    Router::new().route("/enquete/{token}", get(page).post(submit))
}

const QUESTIONS: [(&str, &str, &str); 3] = [
    (
        "results",
        "Resultaten",
        "Hoe tevreden bent u over wat de aanpak dit halfjaar heeft bereikt?",
    ),
    (
        "process",
        "Proces",
        "Hoe tevreden bent u over hoe het werk is gepland en uitgevoerd?",
    ),
    (
        "cooperation",
        "Samenwerking",
        "Hoe tevreden bent u over de samenwerking in het kernteam?",
    ),
];

async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match vertellen::survey(&state.pool, &token).await {
        Ok(SurveyState::Open { partner, half }) => {
            html_response(StatusCode::OK, form(&partner, half, None))
        }
        Ok(SurveyState::Answered) => html_response(StatusCode::GONE, already_answered()),
        Ok(SurveyState::Unknown) => html_response(StatusCode::NOT_FOUND, unknown()),
        Err(e) => {
            tracing::error!("survey page: database: {e}");
            html_response(StatusCode::INTERNAL_SERVER_ERROR, failed())
        }
    }
}

#[derive(Debug, Deserialize)]
struct Answers {
    #[serde(default)]
    results: String,
    #[serde(default)]
    process: String,
    #[serde(default)]
    cooperation: String,
    #[serde(default)]
    comment: String,
}

impl Answers {
    fn scores(&self) -> Option<Scores> {
        let score = |s: &str| s.trim().parse::<u8>().ok();
        let scores = Scores {
            results: score(&self.results)?,
            process: score(&self.process)?,
            cooperation: score(&self.cooperation)?,
        };
        scores.valid().then_some(scores)
    }
}

async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Form(answers): Form<Answers>,
) -> Response {
    let Some(scores) = answers.scores() else {
        // Said on the form again, with what was filled in: the page has no script to
        // check it before sending.
        return match vertellen::survey(&state.pool, &token).await {
            Ok(SurveyState::Open { partner, half }) => html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                form(&partner, half, Some(&answers)),
            ),
            Ok(SurveyState::Answered) => html_response(StatusCode::CONFLICT, already_answered()),
            Ok(SurveyState::Unknown) => html_response(StatusCode::NOT_FOUND, unknown()),
            Err(e) => {
                tracing::error!("survey page: database: {e}");
                html_response(StatusCode::INTERNAL_SERVER_ERROR, failed())
            }
        };
    };
    match vertellen::answer(&state.pool, &token, scores, &answers.comment).await {
        Ok(Answer::Stored) => {
            tracing::info!("partner survey answered");
            html_response(StatusCode::OK, thanks())
        }
        Ok(Answer::AlreadyAnswered) => html_response(StatusCode::CONFLICT, already_answered()),
        Ok(Answer::Unknown) => html_response(StatusCode::NOT_FOUND, unknown()),
        Err(e) => {
            tracing::error!("survey answer: database: {e}");
            html_response(StatusCode::INTERNAL_SERVER_ERROR, failed())
        }
    }
}

fn html_response(status: StatusCode, body: Markup) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // The link is a secret: no cache in between keeps the page.
            (header::CACHE_CONTROL, "no-store"),
        ],
        body.into_string(),
    )
        .into_response()
}

fn frame(title: &str, content: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) " – Omzien" }
            }
            body {
                main {
                    h1 { (title) }
                    (content)
                }
            }
        }
    }
}

fn half_words(half: Half) -> String {
    if half.half == 1 {
        format!("januari tot en met juni {}", half.year)
    } else {
        format!("juli tot en met december {}", half.year)
    }
}

fn form(partner: &str, half: Half, again: Option<&Answers>) -> Markup {
    let chosen = |key: &str| -> String {
        again.map_or_else(String::new, |a| match key {
            "results" => a.results.clone(),
            "process" => a.process.clone(),
            _ => a.cooperation.clone(),
        })
    };
    frame(
        "Hoe gaat de aanpak eenzaamheid?",
        html! {
            p {
                "Deze vragen zijn voor " strong { (partner) } ", partner in het kernteam van de "
                "aanpak eenzaamheid in Hilversum. Ze gaan over " (half_words(half)) "."
            }
            p {
                "Geef steeds een cijfer van 1 (heel slecht) tot 10 (uitstekend). De kartrekker "
                "ziet alleen het gemiddelde van alle partners, en pas als genoeg partners "
                "hebben geantwoord. U kunt de vragen één keer beantwoorden."
            }
            @if again.is_some() {
                p role="alert" id="fout" {
                    strong { "Kies bij elke vraag een cijfer van 1 tot 10." }
                }
            }
            form method="post" {
                @for (key, label, question) in QUESTIONS {
                    @let value = chosen(key);
                    p {
                        label for=(key) { strong { (label) } ": " (question) }
                        br;
                        select id=(key) name=(key) required {
                            option value="" selected[value.is_empty()] { "Kies een cijfer" }
                            @for n in 1..=10u8 {
                                @let n = n.to_string();
                                option value=(n) selected[value == n] { (n) }
                            }
                        }
                    }
                }
                p {
                    label for="comment" { strong { "Toelichting" } " (mag leeg blijven)" }
                    br;
                    textarea id="comment" name="comment" rows="5" cols="40" maxlength="2000" {
                        (again.map_or("", |a| a.comment.as_str()))
                    }
                }
                p { button type="submit" { "Antwoorden versturen" } }
            }
        },
    )
}

fn thanks() -> Markup {
    frame(
        "Dank u wel",
        html! {
            p role="status" { "Uw antwoorden zijn ontvangen. De link werkt nu niet meer." }
        },
    )
}

fn already_answered() -> Markup {
    frame(
        "Deze vragen zijn al beantwoord",
        html! {
            p role="alert" {
                "Met deze link zijn de vragen al een keer beantwoord. Nog een keer antwoorden "
                "kan niet: zo telt elke partner één keer mee. Klopt er iets niet? Neem dan "
                "contact op met de kartrekker eenzaamheid."
            }
        },
    )
}

fn unknown() -> Markup {
    frame(
        "Deze link werkt niet",
        html! {
            p {
                "We kennen deze link niet. Misschien is hij niet helemaal overgenomen, of "
                "heeft de kartrekker een nieuwe gemaakt. Vraag de kartrekker eenzaamheid om "
                "een nieuwe link."
            }
        },
    )
}

fn failed() -> Markup {
    frame(
        "Er ging iets mis",
        html! {
            p { "Het lukte nu niet. Probeer het later opnieuw." }
        },
    )
}
