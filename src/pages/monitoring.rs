//! `/monitoring`: tellen (issue 18), for the programme lead and admins, online only.
//! Per pillar and action of the agenda what was expected and what the app counted,
//! the milestones, the sign-ups and concern notes counted coarsely, visits, chapter 9's
//! budget and chapter 8's indicators. Every number arrives already protected by the
//! server (`omzien_core::disclosure`): a small one says "minder dan 10", one left out
//! to protect it "verborgen".

use leptos::prelude::*;
use leptos_router::components::A;
use omzien_core::disclosure::Shown;
use omzien_core::model::TargetGroup;
use omzien_core::monitoring::{
    tenths, CountList, CountTable, Half, MilestoneState, MonitoringReport, Programme,
    ResponseTimes, Trend, WijkPicture, RESPONSE_WORKING_DAYS,
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
    let story_token = token.clone();
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
                let story_token = story_token.clone();
                Suspend::new(async move {
                    match report.await {
                        Err(message) => view! { <p class="notice" role="alert">{message}</p> }.into_any(),
                        Ok(report) => view! { <Report programme=programme.get_untracked() report=report token=story_token saved=saved /> }.into_any(),
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
fn Report(
    programme: Programme,
    report: MonitoringReport,
    token: String,
    saved: Callback<()>,
) -> impl IntoView {
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
                            <td></td>
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
                                    <td data-testid="counted-elsewhere">{r.counted_elsewhere.map(|c| shown(locale, c)).unwrap_or_default()}</td>
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
                        <th scope="col">{td_string!(locale, monitoring.counted_elsewhere)}</th>
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
            {report.sign_ups_by_target_group.clone().map(|table| {
                let rows = table
                    .rows
                    .iter()
                    .map(|slug| TargetGroup::from_slug(slug).map_or_else(|| slug.clone(), |g| words::activity::group_label(locale, g).to_owned()))
                    .collect();
                view! {
                    <Table id="mon-per-doelgroep" caption=td_string!(locale, monitoring.by_target_group) rows=rows table=table />
                    <p>{td_string!(locale, monitoring.by_target_group_note)}</p>
                }
            })}
        </section>
        <WijkView picture=report.wijk_picture.clone() />
        <TrendView trend=report.trend.clone() name_of=Callback::new({
            let name_of = name_of.clone();
            move |id: String| name_of(&id)
        }) />
        <section aria-labelledby="mon-meldingen-kop">
            <h2 id="mon-meldingen-kop">{td_string!(locale, monitoring.notes_title)}</h2>
            <List id="mon-kanaal" caption=td_string!(locale, monitoring.by_channel) labels=channels list=report.notes_by_channel.clone() />
            <List id="mon-haast" caption=td_string!(locale, monitoring.by_urgency) labels=urgencies list=report.notes_by_urgency.clone() />
            <List id="mon-uitkomst" caption=td_string!(locale, monitoring.by_outcome) labels=outcomes list=report.notes_by_outcome.clone() />
            <ResponseView times=report.response_times.clone() />
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
        <LatestStories stories=report.stories.clone() action_name=story_action token=token deleted=saved />
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

/// The meldpunt's time from a note received to its first step.
#[component]
fn ResponseView(times: ResponseTimes) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let days = RESPONSE_WORKING_DAYS.to_string();
    let within_label = words::fill(
        td_string!(locale, monitoring.response_within),
        &[("days", &days)],
    );
    let or_small = move |s: Option<Shown>| shown(locale, s.unwrap_or(Shown::Small));
    let median = times.median_days.map_or_else(
        || td_string!(locale, monitoring.not_shown).to_owned(),
        |d| {
            words::fill(
                td_string!(locale, monitoring.response_days),
                &[("days", &d.to_string())],
            )
        },
    );
    let share = times.share_within.map_or_else(
        || td_string!(locale, monitoring.not_shown).to_owned(),
        |p| format!("{p} %"),
    );
    view! {
        <h3 id="mon-reactie-kop">{td_string!(locale, monitoring.response_title)}</h3>
        <p>{words::fill(td_string!(locale, monitoring.response_explained), &[("days", &days)])}</p>
        <div class="table-wrap" role="region" aria-labelledby="mon-reactie-kop" tabindex="0">
            <table data-testid="mon-reactie">
                <tbody>
                    <tr><th scope="row">{td_string!(locale, monitoring.response_notes)}</th><td>{or_small(times.notes)}</td></tr>
                    <tr><th scope="row">{td_string!(locale, monitoring.response_median)}</th><td data-testid="response-median">{median}</td></tr>
                    <tr><th scope="row">{within_label}</th><td>{or_small(times.within)}</td></tr>
                    <tr><th scope="row">{td_string!(locale, monitoring.response_later)}</th><td>{or_small(times.later)}</td></tr>
                    <tr><th scope="row">{td_string!(locale, monitoring.response_share)}</th><td>{share}</td></tr>
                    <tr><th scope="row">{td_string!(locale, monitoring.response_waiting)}</th><td>{or_small(times.waiting)}</td></tr>
                </tbody>
            </table>
        </div>
    }
}

/// Reached per half year, as a table, and as a chart of reached against expected
/// where an expectation was set (the table is the chart's text).
#[component]
fn TrendView(trend: Trend, name_of: Callback<String, String>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let half_label = move |h: &str| {
        Half::parse(h).map_or_else(
            || h.to_owned(),
            |h| {
                words::fill(
                    td_string!(locale, monitoring.half_value),
                    &[("year", &h.year.to_string()), ("half", &h.half.to_string())],
                )
            },
        )
    };
    let groups: Vec<BarGroup> = trend
        .rows
        .iter()
        .filter(|r| r.expected.iter().any(|e| e.is_some_and(|e| e > 0)))
        .map(|r| BarGroup {
            label: format!(
                "{} ({})",
                name_of.run(r.action_id.clone()),
                measure_label(locale, r.measure)
            ),
            bars: trend
                .halves
                .iter()
                .zip(r.reached.iter().zip(&r.expected))
                .map(|(h, (reached, expected))| {
                    let label = half_label(h);
                    Bar {
                        label: ViewFn::from(move || label.clone()),
                        value: match (reached.count(), expected) {
                            (Some(n), Some(e)) if *e > 0 => Some(n as f64 / f64::from(*e) * 100.0),
                            _ => None,
                        },
                        highlight: false,
                    }
                })
                .collect(),
        })
        .collect();
    let chart = (!groups.is_empty()).then(|| {
        view! {
            <BarChart
                id="mon-trend-grafiek"
                title=move || td_string!(locale, monitoring.trend_chart_title)
                description=move || td_string!(locale, monitoring.trend_chart_description)
                groups=groups
            />
        }
    });
    let head = trend
        .halves
        .iter()
        .map(|h| view! { <th scope="col">{half_label(h)}</th> })
        .collect_view();
    let body = trend
        .rows
        .iter()
        .map(|r| {
            let name = format!(
                "{} ({})",
                name_of.run(r.action_id.clone()),
                measure_label(locale, r.measure)
            );
            let cells = r
                .reached
                .iter()
                .zip(&r.expected)
                .map(|(reached, expected)| {
                    let text = match expected {
                        Some(e) => words::fill(
                            td_string!(locale, monitoring.trend_cell),
                            &[("reached", &shown(locale, *reached)), ("expected", &intl::number(locale, *e))],
                        ),
                        None => shown(locale, *reached),
                    };
                    view! { <td>{text}</td> }
                })
                .collect_view();
            view! { <tr data-testid="trend-row" data-action=r.action_id.clone()><th scope="row">{name}</th>{cells}</tr> }
        })
        .collect_view();
    view! {
        <section aria-labelledby="mon-trend-kop">
            <h2 id="mon-trend-kop">{td_string!(locale, monitoring.trend_title)}</h2>
            <p>{td_string!(locale, monitoring.trend_explained)}</p>
            {if trend.rows.is_empty() {
                view! { <p>{td_string!(locale, monitoring.trend_none)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" role="region" aria-labelledby="mon-trend-titel" tabindex="0">
                        <table data-testid="mon-trend">
                            <caption id="mon-trend-titel">{td_string!(locale, monitoring.trend_caption)}</caption>
                            <thead><tr><th scope="col">{td_string!(locale, monitoring.action)}</th>{head}</tr></thead>
                            <tbody>{body}</tbody>
                        </table>
                    </div>
                    {chart}
                }.into_any()
            }}
        </section>
    }
}

/// Table 4 beside offer and reach per wijk, with the wijken that need a look.
#[component]
fn WijkView(picture: WijkPicture) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    let percent = move |t: u32| format!("{} %", tenths(t));
    let rows = picture
        .rows
        .iter()
        .map(|r| {
            let flag = if r.flagged {
                td_string!(locale, monitoring.wijk_flag)
            } else {
                td_string!(locale, monitoring.wijk_no_flag)
            };
            view! {
                <tr data-testid="wijk-row" data-wijk=r.wijk.clone() class:late=r.flagged>
                    <th scope="row">{r.name.clone()}</th>
                    <td>{percent(r.lonely)}</td>
                    <td>{percent(r.severely_lonely)}</td>
                    // Words with the number: an offer is no count of people, and
                    // every bare number on this page is a protected count.
                    <td>{if r.activities == 1 {
                        td_string!(locale, monitoring.wijk_activity_one).to_owned()
                    } else {
                        words::fill(td_string!(locale, monitoring.wijk_activities_count), &[("count", &intl::number(locale, r.activities))])
                    }}</td>
                    <td>{shown(locale, r.sign_ups)}</td>
                    <td data-testid="wijk-flag">{flag}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="mon-wijken-kop">
            <h2 id="mon-wijken-kop">{td_string!(locale, monitoring.wijk_title)}</h2>
            <p>{td_string!(locale, monitoring.wijk_rule)}</p>
            <div class="table-wrap" role="region" aria-labelledby="mon-wijken-titel" tabindex="0">
                <table data-testid="mon-wijkbeeld">
                    <caption id="mon-wijken-titel">{td_string!(locale, monitoring.wijk_caption)}</caption>
                    <thead><tr>
                        <th scope="col">{td_string!(locale, monitoring.wijk)}</th>
                        <th scope="col">{td_string!(locale, monitoring.wijk_lonely)}</th>
                        <th scope="col">{td_string!(locale, monitoring.wijk_severely)}</th>
                        <th scope="col">{td_string!(locale, monitoring.wijk_activities)}</th>
                        <th scope="col">{td_string!(locale, monitoring.wijk_sign_ups)}</th>
                        <th scope="col">{td_string!(locale, monitoring.wijk_attention)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="source">{words::fill(td_string!(locale, monitoring.source), &[("source", &picture.source)])}</p>
        </section>
    }
}
