//! `/monitoring`: tellen (issue 18), for the programme lead and admins, online only.
//! Per pillar and action of the agenda what was expected and what the app counted,
//! the milestones, the sign-ups and concern notes counted coarsely, visits, chapter 9's
//! budget and chapter 8's indicators. Every number arrives already protected by the
//! server (`omzien_core::disclosure`): a small one says "minder dan 10", one left out
//! to protect it "verborgen".

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::disclosure::Shown;
use omzien_core::monitoring::{
    CountList, CountTable, Half, MilestoneState, MonitoringReport, Programme,
};
use omzien_core::staff::Role;

use crate::api;
use crate::browser::intl;
use crate::components::bar_chart::{Bar, BarChart, BarGroup};
use crate::components::set_title;
use crate::components::staff_only::{Closed, StaffOnly};
use crate::components::Loading;
use crate::i18n::{t_string, td_string, use_i18n, Locale};
use crate::pages::monitoring_edit::{measure_label, ActionForm, LinkForm};
use crate::pages::vertellen::{
    EvaluationDownload, LatestStories, PartnerScoresView, SurveyLinkForm,
};
use crate::state::contexts::use_catalogue;
use crate::words;

const CLOSED: Closed = Closed {
    for_whom: |l| td_string!(l, monitoring.for_whom),
    sign_in_first: |l| td_string!(l, monitoring.sign_in_first),
    no_access: |l| td_string!(l, monitoring.no_access),
    offline: |l| td_string!(l, monitoring.offline),
    offline_more: |l| td_string!(l, monitoring.offline_not_here),
    offline_test_id: Some("monitoring-offline"),
};

#[component]
pub fn MonitoringPage() -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| set_title(t_string!(i18n, monitoring.title)));
    view! {
        <p class="back"><A href="/medewerkers">{move || t_string!(i18n, monitoring.back)}</A></p>
        <h1 tabindex="-1">{move || t_string!(i18n, monitoring.title)}</h1>
        <p>{move || t_string!(i18n, monitoring.intro)}</p>
        <StaffOnly need=Role::can_steer words=CLOSED let:session>
            <Dashboard token=session.token />
        </StaffOnly>
    }
}

/// The agenda first (it says what day it is on the server), then the chosen half.
#[component]
fn Dashboard(token: String) -> impl IntoView {
    let programme = LocalResource::new({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move {
                api::monitoring::programme(&token)
                    .await
                    .map_err(|e| words::for_staff(&e))
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    match programme.await {
                        Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                        Ok(programme) => view! { <HalfYear programme=programme token=token /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The halves from the agenda's start (2024) to today's, newest first.
fn halves(today: Half) -> Vec<Half> {
    let mut all = Vec::new();
    let mut h = today;
    while h.year >= 2024 {
        all.push(h);
        h = if h.half == 2 {
            Half {
                year: h.year,
                half: 1,
            }
        } else {
            Half {
                year: h.year - 1,
                half: 2,
            }
        };
    }
    all
}

#[component]
fn HalfYear(programme: Programme, token: String) -> impl IntoView {
    let form_token = token.clone();
    let survey_token = token.clone();
    let pack_token = token.clone();
    let i18n = use_i18n();
    let today = Half::of(&programme.today).unwrap_or(Half {
        year: 2026,
        half: 2,
    });
    let half = RwSignal::new(today);
    let report = LocalResource::new(move || {
        let token = token.clone();
        let half = half.get();
        async move {
            api::monitoring::report(&token, half)
                .await
                .map_err(|e| words::for_staff(&e))
        }
    });
    let label = move |h: Half| {
        words::fill(
            t_string!(i18n, monitoring.half_value),
            &[("year", &h.year.to_string()), ("half", &h.half.to_string())],
        )
    };
    let programme = RwSignal::new(programme);
    // After an edit or a link: the counts again, with the new expectation or action.
    let saved = Callback::new(move |()| report.refetch());
    view! {
        <div class="field">
            <label for="mon-half">{move || t_string!(i18n, monitoring.half)}</label>
            <select id="mon-half" on:change=move |ev| {
                if let Some(h) = Half::parse(&event_target_value(&ev)) {
                    half.set(h);
                }
            }>
                {halves(today).into_iter().map(|h| view! {
                    <option value=h.to_string() selected=move || half.get() == h>{move || label(h)}</option>
                }).collect_view()}
            </select>
        </div>
        <p class="notice" data-testid="small-numbers">{move || t_string!(i18n, monitoring.small_explained)}</p>
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                // Drawn again in the other language when it changes.
                let _ = i18n.get_locale();
                Suspend::new(async move {
                    match report.await {
                        Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                        Ok(report) => view! { <Report programme=programme.get_untracked() report=report /> }.into_any(),
                    }
                })
            }}
        </Suspense>
        {move || {
            let _ = i18n.get_locale();
            view! {
                <Milestones programme=programme.get() />
                <BudgetTable programme=programme.get_untracked() />
            }
        }}
        <Indicators />
        <SurveyLinkForm token=survey_token half=half />
        <EvaluationDownload token=pack_token half=half />
        <ActionForm programme=programme token=form_token.clone() saved=saved />
        <LinkForm programme=programme token=form_token saved=saved />
    }
}

/// A protected count in words.
fn shown(locale: Locale, count: Shown) -> String {
    match count {
        Shown::Count(n) => intl::number(locale, n as f64),
        Shown::Small => td_string!(locale, monitoring.small).to_owned(),
        Shown::Hidden => td_string!(locale, monitoring.hidden).to_owned(),
    }
}

#[component]
fn Report(programme: Programme, report: MonitoringReport) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let name_of = {
        let programme = programme.clone();
        move |id: &str| {
            programme
                .actions
                .iter()
                .find(|a| a.action.id == id)
                .map_or_else(|| id.to_owned(), |a| a.action.name.clone())
        }
    };
    let pillars = programme.pillars.iter().map(|pillar| {
        let caption = words::fill(
            td_string!(locale, monitoring.pillar),
            &[("number", &pillar.number.to_string()), ("name", &pillar.name)],
        );
        let rows = programme
            .actions
            .iter()
            .filter(|a| a.action.pillar == pillar.number)
            .flat_map(|a| {
                let reach: Vec<_> = report
                    .reach
                    .iter()
                    .filter(|r| r.action_id == a.action.id)
                    .cloned()
                    .collect();
                let name = a.action.name.clone();
                let id = a.action.id.clone();
                if reach.is_empty() {
                    vec![view! {
                        <tr data-testid="reach" data-action=id>
                            <th scope="row">{name}</th>
                            <td>{td_string!(locale, monitoring.budget_none)}</td>
                            <td>{td_string!(locale, monitoring.no_expectation)}</td>
                            <td>{td_string!(locale, monitoring.not_counted)}</td>
                        </tr>
                    }
                    .into_any()]
                } else {
                    reach
                        .into_iter()
                        .map(|r| {
                            let expected = r.expected.map_or_else(
                                || td_string!(locale, monitoring.no_expectation).to_owned(),
                                |n| intl::number(locale, n),
                            );
                            view! {
                                <tr data-testid="reach" data-action=id.clone() data-measure=r.measure.as_str()>
                                    <th scope="row">{name.clone()}</th>
                                    <td>{measure_label(locale, r.measure)}</td>
                                    <td>{expected}</td>
                                    <td data-testid="reached">{shown(locale, r.reached)}</td>
                                </tr>
                            }
                            .into_any()
                        })
                        .collect()
                }
            })
            .collect_view();
        let caption_id = format!("mon-pijler-{}", pillar.number);
        let labelled_by = caption_id.clone();
        view! {
            <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
                <table data-testid="reach-table">
                    <caption id=caption_id>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, monitoring.action)}</th>
                        <th scope="col">{td_string!(locale, monitoring.measure)}</th>
                        <th scope="col">{td_string!(locale, monitoring.expected)}</th>
                        <th scope="col">{td_string!(locale, monitoring.reached)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    }).collect_view();

    // The chart: per action with an expectation, reached as a share of it.
    let groups: Vec<BarGroup> = programme
        .pillars
        .iter()
        .filter_map(|pillar| {
            let bars: Vec<Bar> = report
                .reach
                .iter()
                .filter(|r| {
                    r.expected.is_some_and(|e| e > 0)
                        && programme
                            .actions
                            .iter()
                            .any(|a| a.action.id == r.action_id && a.action.pillar == pillar.number)
                })
                .map(|r| {
                    let expected = f64::from(r.expected.unwrap_or(1));
                    let label = format!(
                        "{} ({})",
                        name_of(&r.action_id),
                        measure_label(locale, r.measure)
                    );
                    Bar {
                        label: ViewFn::from(move || label.clone()),
                        value: r.reached.count().map(|n| n as f64 / expected * 100.0),
                        highlight: false,
                    }
                })
                .collect();
            (!bars.is_empty()).then(|| BarGroup {
                label: words::fill(
                    td_string!(locale, monitoring.pillar),
                    &[
                        ("number", &pillar.number.to_string()),
                        ("name", &pillar.name),
                    ],
                ),
                bars,
            })
        })
        .collect();
    let chart = (!groups.is_empty()).then(|| {
        view! {
            <BarChart
                id="mon-bereik"
                title=move || td_string!(locale, monitoring.chart_title)
                description=move || td_string!(locale, monitoring.chart_description)
                groups=groups
            />
        }
    });

    let action_rows: Vec<String> = report
        .sign_ups_by_action
        .rows
        .iter()
        .map(|id| name_of(id))
        .collect();
    let month_rows = report.sign_ups_by_month.rows.clone();
    let wijk_names = use_catalogue().loaded.get_untracked();
    let wijk_rows: Vec<String> = report
        .sign_ups_by_wijk
        .rows
        .iter()
        .map(|id| {
            if id.is_empty() {
                return td_string!(locale, monitoring.no_wijk).to_owned();
            }
            wijk_names
                .as_ref()
                .and_then(|l| l.catalogue.wijken.iter().find(|w| &w.id == id))
                .map_or_else(|| id.clone(), |w| w.name.clone())
        })
        .collect();
    let channel = |l: &str| match l {
        "self" => td_string!(locale, monitoring.channels.own),
        "kiosk" => td_string!(locale, monitoring.channels.kiosk),
        "on_behalf" => td_string!(locale, monitoring.channels.on_behalf),
        _ => td_string!(locale, monitoring.channels.unknown),
    };
    let urgency = |l: &str| match l {
        "today" => td_string!(locale, monitoring.urgencies.today),
        "this_week" => td_string!(locale, monitoring.urgencies.this_week),
        _ => td_string!(locale, monitoring.urgencies.normal),
    };
    let outcome = |l: &str| match l {
        "open" => td_string!(locale, monitoring.outcomes.open),
        "activity" => td_string!(locale, monitoring.outcomes.activity),
        "buurtteam" => td_string!(locale, monitoring.outcomes.buurtteam),
        "welzijn_op_recept" => td_string!(locale, monitoring.outcomes.welzijn_op_recept),
        "luisterlijn" => td_string!(locale, monitoring.outcomes.luisterlijn),
        "other" => td_string!(locale, monitoring.outcomes.other),
        _ => td_string!(locale, monitoring.outcomes.no_referral),
    };
    let labels = |list: &CountList, word: &dyn Fn(&str) -> &'static str| -> Vec<String> {
        list.labels.iter().map(|l| word(l).to_owned()).collect()
    };
    let channels = labels(&report.notes_by_channel, &channel);
    let urgencies = labels(&report.notes_by_urgency, &urgency);
    let outcomes = labels(&report.notes_by_outcome, &outcome);
    let months = report.visits_by_month.labels.clone();
    let score = |list: &CountList| -> Vec<String> {
        list.labels
            .iter()
            .map(|l| words::fill(td_string!(locale, monitoring.score), &[("score", l)]))
            .collect()
    };
    let social = score(&report.self_tests_social);
    let emotional = score(&report.self_tests_emotional);
    let linked = !report.sign_ups_by_action.rows.is_empty();
    let story_action = Callback::new({
        let name_of = name_of.clone();
        move |id: String| name_of(&id)
    });
    view! {
        <section aria-labelledby="mon-bereik-kop">
            <h2 id="mon-bereik-kop">{td_string!(locale, monitoring.reach_title)}</h2>
            {pillars}
            {chart}
        </section>
        <section aria-labelledby="mon-aanmeldingen-kop">
            <h2 id="mon-aanmeldingen-kop">{td_string!(locale, monitoring.sign_ups_title)}</h2>
            {if linked {
                view! { <Table id="mon-per-actie" caption=td_string!(locale, monitoring.by_action) rows=action_rows table=report.sign_ups_by_action.clone() /> }.into_any()
            } else {
                view! { <p>{td_string!(locale, monitoring.none_linked)}</p> }.into_any()
            }}
            <Table id="mon-per-maand" caption=td_string!(locale, monitoring.by_month) rows=month_rows table=report.sign_ups_by_month.clone() />
            <Table id="mon-per-wijk" caption=td_string!(locale, monitoring.by_wijk) rows=wijk_rows table=report.sign_ups_by_wijk.clone() />
        </section>
        <section aria-labelledby="mon-meldingen-kop">
            <h2 id="mon-meldingen-kop">{td_string!(locale, monitoring.notes_title)}</h2>
            <List id="mon-kanaal" caption=td_string!(locale, monitoring.by_channel) labels=channels list=report.notes_by_channel.clone() />
            <List id="mon-haast" caption=td_string!(locale, monitoring.by_urgency) labels=urgencies list=report.notes_by_urgency.clone() />
            <List id="mon-uitkomst" caption=td_string!(locale, monitoring.by_outcome) labels=outcomes list=report.notes_by_outcome.clone() />
        </section>
        <section aria-labelledby="mon-zelftest-kop">
            <h2 id="mon-zelftest-kop">{td_string!(locale, monitoring.self_tests_title)}</h2>
            <p>{td_string!(locale, monitoring.self_tests_explained)}</p>
            <List id="mon-sociaal" caption=td_string!(locale, monitoring.by_social) labels=social list=report.self_tests_social.clone() />
            <List id="mon-emotioneel" caption=td_string!(locale, monitoring.by_emotional) labels=emotional list=report.self_tests_emotional.clone() />
        </section>
        <section aria-labelledby="mon-bezoeken-kop">
            <h2 id="mon-bezoeken-kop">{td_string!(locale, monitoring.visits_title)}</h2>
            <p>{td_string!(locale, monitoring.visits_explained)}</p>
            <List id="mon-bezoeken" caption=td_string!(locale, monitoring.by_month) labels=months list=report.visits_by_month.clone() />
        </section>
        <PartnerScoresView scores=report.partner_scores.clone() />
        <LatestStories stories=report.stories.clone() action_name=story_action />
    }
}

/// A protected table with its totals, rows named by `rows`.
#[component]
fn Table(
    id: &'static str,
    caption: &'static str,
    rows: Vec<String>,
    table: CountTable,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let column = |c: &str| match c {
        "confirmed" => td_string!(locale, monitoring.columns.confirmed),
        "waiting_list" => td_string!(locale, monitoring.columns.waiting_list),
        _ => td_string!(locale, monitoring.columns.cancelled),
    };
    let caption_id = format!("{id}-titel");
    let labelled_by = caption_id.clone();
    let body = rows
        .into_iter()
        .zip(table.cells.iter().zip(&table.row_totals))
        .map(|(name, (cells, total))| {
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    {cells.iter().map(|c| view! { <td>{shown(locale, *c)}</td> }).collect_view()}
                    <td>{shown(locale, *total)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table data-testid=id>
                <caption id=caption_id>{caption}</caption>
                <thead><tr>
                    <th scope="col">{td_string!(locale, monitoring.row)}</th>
                    {table.columns.iter().map(|c| view! { <th scope="col">{column(c)}</th> }).collect_view()}
                    <th scope="col">{td_string!(locale, monitoring.columns.total)}</th>
                </tr></thead>
                <tbody>{body}</tbody>
                <tfoot><tr>
                    <th scope="row">{td_string!(locale, monitoring.total)}</th>
                    {table.column_totals.iter().map(|c| view! { <td>{shown(locale, *c)}</td> }).collect_view()}
                    <td>{shown(locale, table.total)}</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// A protected list with its total.
#[component]
fn List(
    id: &'static str,
    caption: &'static str,
    labels: Vec<String>,
    list: CountList,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let caption_id = format!("{id}-titel");
    let labelled_by = caption_id.clone();
    view! {
        <div class="table-wrap" role="region" aria-labelledby=labelled_by tabindex="0">
            <table data-testid=id>
                <caption id=caption_id>{caption}</caption>
                <thead><tr>
                    <th scope="col">{td_string!(locale, monitoring.row)}</th>
                    <th scope="col">{td_string!(locale, monitoring.count)}</th>
                </tr></thead>
                <tbody>
                    {labels.into_iter().zip(list.counts.iter()).map(|(label, c)| view! {
                        <tr><th scope="row">{label}</th><td>{shown(locale, *c)}</td></tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr>
                    <th scope="row">{td_string!(locale, monitoring.total)}</th>
                    <td>{shown(locale, list.total)}</td>
                </tr></tfoot>
            </table>
        </div>
    }
}

/// Milestones that are late or done, and the open ones, per action.
#[component]
fn Milestones(programme: Programme) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let today = programme.today.clone();
    let rows: Vec<_> = programme
        .actions
        .iter()
        .flat_map(|a| {
            a.milestones
                .iter()
                .map(|m| (a.action.name.clone(), m.clone(), m.state(&today)))
                .collect::<Vec<_>>()
        })
        .collect();
    let state = move |s: MilestoneState| match s {
        MilestoneState::Done => td_string!(locale, monitoring.states.done),
        MilestoneState::DoneLate => td_string!(locale, monitoring.states.done_late),
        MilestoneState::Late => td_string!(locale, monitoring.states.late),
        MilestoneState::Open => td_string!(locale, monitoring.states.open),
    };
    view! {
        <section aria-labelledby="mon-mijlpalen-kop">
            <h2 id="mon-mijlpalen-kop">{td_string!(locale, monitoring.milestones_title)}</h2>
            {if rows.is_empty() {
                view! { <p>{td_string!(locale, monitoring.milestones_none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" role="region" aria-labelledby="mon-mijlpalen-kop" tabindex="0">
                        <table data-testid="milestones">
                            <thead><tr>
                                <th scope="col">{td_string!(locale, monitoring.action)}</th>
                                <th scope="col">{td_string!(locale, monitoring.milestone)}</th>
                                <th scope="col">{td_string!(locale, monitoring.due)}</th>
                                <th scope="col">{td_string!(locale, monitoring.state)}</th>
                            </tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(action, m, s)| view! {
                                    <tr class:late=s == MilestoneState::Late>
                                        <td>{action}</td>
                                        <th scope="row">{m.name}</th>
                                        <td>{m.due}</td>
                                        <td>{state(s)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn BudgetTable(programme: Programme) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let budget = programme.budget;
    let amount = move |a: Option<u64>| {
        a.map_or_else(
            || td_string!(locale, monitoring.budget_none).to_owned(),
            |n| intl::number(locale, n as f64),
        )
    };
    view! {
        <section aria-labelledby="mon-budget-kop">
            <h2 id="mon-budget-kop">{td_string!(locale, monitoring.budget_title)}</h2>
            <p>{td_string!(locale, monitoring.budget_caption)}</p>
            <div class="table-wrap" role="region" aria-labelledby="mon-budget-kop" tabindex="0">
                <table data-testid="budget">
                    <thead><tr>
                        <th scope="col">{td_string!(locale, monitoring.budget_line)}</th>
                        {budget.years.iter().map(|y| view! { <th scope="col">{y.to_string()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {budget.lines.iter().map(|line| view! {
                            <tr>
                                <th scope="row">{line.name.clone()}</th>
                                {line.amounts.iter().map(|a| view! { <td>{amount(*a)}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">{td_string!(locale, monitoring.budget_total)}</th>
                        {budget.totals.iter().map(|t| view! { <td>{amount(Some(*t))}</td> }).collect_view()}
                    </tr></tfoot>
                </table>
            </div>
            <p class="source">{words::fill(td_string!(locale, monitoring.source), &[("source", &budget.source)])}</p>
        </section>
    }
}

#[component]
fn Indicators() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section aria-labelledby="mon-din-kop">
            <h2 id="mon-din-kop">{move || t_string!(i18n, monitoring.din_title)}</h2>
            <p>{move || t_string!(i18n, monitoring.din_intro)}</p>
            <ul>
                <li>{move || t_string!(i18n, monitoring.din_lonely)}</li>
                <li>{move || t_string!(i18n, monitoring.din_contacts)}</li>
            </ul>
        </section>
    }
}
