//! The half-yearly evaluation pack (issue 18, chapter 8): an HTML report that prints
//! well to PDF, with chapter 8's criteria as its sections, and a CSV per table. Made by
//! `omzien-server evaluation --half 2026-H2 --out DIR` and by the dashboard's button
//! (`GET /api/v1/monitoring/evaluation`).
//!
//! Every count comes from [`crate::monitoring::report`], so it was protected by
//! `omzien_core::disclosure` exactly as on the dashboard. The pack is reproducible: the
//! same database gives the same bytes, so nothing in it says when it was made; the only
//! day in it is the half year's last, which milestones are judged against (a milestone
//! done after the half counts as not done in it).

use std::fmt::Write as _;

use maud::{html, Markup, PreEscaped, DOCTYPE};
use omzien_core::disclosure::Shown;
use omzien_core::monitoring::{
    tenths, CountList, CountTable, EvaluationPack, Half, Measure, MilestoneState, MonitoringReport,
    PackFile, Programme, Story, RESPONSE_WORKING_DAYS, TARGET_TENTHS,
};
use sqlx::AnyPool;

use crate::programme::ProgrammeStoreError;
use crate::{monitoring, programme, vertellen};

#[derive(Debug, thiserror::Error)]
pub enum EvaluationError {
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
    #[error("the agenda: {0}")]
    Programme(#[from] ProgrammeStoreError),
    #[error("a CSV file: {0}")]
    Csv(#[from] csv::Error),
    #[error("a CSV file is not UTF-8: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

impl From<csv::IntoInnerError<csv::Writer<Vec<u8>>>> for EvaluationError {
    fn from(e: csv::IntoInnerError<csv::Writer<Vec<u8>>>) -> Self {
        EvaluationError::Csv(csv::Error::from(e.into_error()))
    }
}

/// A table of the report: its caption, column heads and rows of text, written both into
/// the HTML and as `<name>.csv`.
struct Table {
    name: &'static str,
    caption: String,
    head: Vec<String>,
    rows: Vec<Vec<String>>,
    /// Whether the last row is a total (a `<tfoot>` in the HTML).
    total_row: bool,
}

impl Table {
    fn csv(&self) -> Result<String, EvaluationError> {
        // As `/hsds/export.csv`: a byte-order mark and `;` for Dutch Excel, CRLF.
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::from("\u{feff}".as_bytes()));
        w.write_record(&self.head)?;
        for row in &self.rows {
            w.write_record(row)?;
        }
        Ok(String::from_utf8(w.into_inner()?)?)
    }

    fn html(&self) -> Markup {
        let (body, foot) = if self.total_row && !self.rows.is_empty() {
            self.rows.split_at(self.rows.len() - 1)
        } else {
            (&self.rows[..], &[][..])
        };
        let row = |cells: &Vec<String>| {
            html! {
                tr {
                    @for (i, cell) in cells.iter().enumerate() {
                        @if i == 0 { th scope="row" { (cell) } } @else { td { (cell) } }
                    }
                }
            }
        };
        html! {
            table id=(self.name) {
                caption { (self.caption) " " span.file { "(" (self.name) ".csv)" } }
                thead { tr { @for h in &self.head { th scope="col" { (h) } } } }
                tbody { @for r in body { (row(r)) } }
                @if !foot.is_empty() { tfoot { @for r in foot { (row(r)) } } }
            }
        }
    }
}

/// A count as the dashboard shows it, in Dutch, with a dot between thousands.
fn shown(count: Shown) -> String {
    match count {
        Shown::Count(n) => number(n),
        Shown::Small => "minder dan 10".to_owned(),
        Shown::Hidden => "verborgen".to_owned(),
    }
}

fn number(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

use omzien_core::schedule::MONTHS_NL as MONTHS;

fn month_name(month: &str) -> String {
    let m: usize = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "{} {}",
        MONTHS[m.clamp(1, 12) - 1],
        month.get(0..4).unwrap_or("")
    )
}

fn half_words(half: Half) -> String {
    if half.half == 1 {
        format!("1 januari tot en met 30 juni {}", half.year)
    } else {
        format!("1 juli tot en met 31 december {}", half.year)
    }
}

fn last_day(half: Half) -> String {
    if half.half == 1 {
        format!("{:04}-06-30", half.year)
    } else {
        format!("{:04}-12-31", half.year)
    }
}

fn measure_words(m: Measure) -> &'static str {
    match m {
        Measure::Participants => "deelnemers",
        Measure::SignUps => "aanmeldingen",
        Measure::Notes => "meldingen",
        Measure::Visits => "bezoeken",
    }
}

fn activities_words(n: u32) -> String {
    if n == 1 {
        "1 activiteit".to_owned()
    } else {
        format!("{} activiteiten", number(u64::from(n)))
    }
}

/// As `locales/nl/catalogue.json` words them for residents.
fn group_words(g: omzien_core::model::TargetGroup) -> &'static str {
    use omzien_core::model::TargetGroup as G;
    match g {
        G::Everyone => "Iedereen",
        G::Children => "Kinderen (tot 12 jaar)",
        G::Youth => "Jongeren (12 tot 25 jaar)",
        G::Seniors => "Ouderen (65 jaar en ouder)",
        G::Newcomers => "Nieuwkomers",
        G::Carers => "Mantelzorgers",
    }
}

const SIGN_UP_HEADS: [&str; 3] = ["Met plek", "Wachtlijst", "Afgemeld"];

fn count_table(
    name: &'static str,
    caption: String,
    first: &str,
    names: &[String],
    table: &CountTable,
) -> Table {
    let mut head = vec![first.to_owned()];
    head.extend(SIGN_UP_HEADS.iter().map(|s| (*s).to_owned()));
    head.push("Totaal".to_owned());
    let mut rows: Vec<Vec<String>> = names
        .iter()
        .zip(table.cells.iter().zip(&table.row_totals))
        .map(|(n, (cells, total))| {
            let mut row = vec![n.clone()];
            row.extend(cells.iter().map(|c| shown(*c)));
            row.push(shown(*total));
            row
        })
        .collect();
    // A table without rows has no column totals of its own: each is a 0.
    let mut total = vec!["Totaal".to_owned()];
    total.extend(
        (0..SIGN_UP_HEADS.len())
            .map(|c| shown(table.column_totals.get(c).copied().unwrap_or(Shown::Small))),
    );
    total.push(shown(table.total));
    rows.push(total);
    Table {
        name,
        caption,
        head,
        rows,
        total_row: true,
    }
}

fn count_list(
    name: &'static str,
    caption: String,
    first: &str,
    names: &[String],
    list: &CountList,
) -> Table {
    let mut rows: Vec<Vec<String>> = names
        .iter()
        .zip(&list.counts)
        .map(|(n, c)| vec![n.clone(), shown(*c)])
        .collect();
    rows.push(vec!["Totaal".to_owned(), shown(list.total)]);
    Table {
        name,
        caption,
        head: vec![first.to_owned(), "Aantal".to_owned()],
        rows,
        total_row: true,
    }
}

/// Names of catalogue records by id (wijken, activities), for the tables' rows.
async fn names(
    pool: &AnyPool,
    kind: &str,
) -> Result<std::collections::HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT id, body FROM catalogue_records WHERE kind = $1")
            .bind(kind)
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, body)| {
            let name = crate::db::json_field(body.as_deref(), "name")
                .and_then(|n| n.as_str().map(str::to_owned))
                .unwrap_or_else(|| id.clone());
            (id, name)
        })
        .collect())
}

/// The pack for a half year: `evaluatie-2026-H2.html` first, then one CSV per table.
pub async fn pack(pool: &AnyPool, half: Half) -> Result<EvaluationPack, EvaluationError> {
    let report = monitoring::report(pool, half).await?;
    let programme = programme::programme(pool).await?;
    // Every story of the half, not only the dashboard's latest.
    let stories = vertellen::stories(pool, half, 10_000).await?;
    let wijken = names(pool, "wijk").await?;
    let activities = names(pool, "activity").await?;
    let (html, tables) = render(half, &report, &programme, &stories, &wijken, &activities);
    let mut files = vec![PackFile {
        name: format!("evaluatie-{half}.html"),
        media_type: "text/html;charset=utf-8".to_owned(),
        text: html,
    }];
    for table in &tables {
        files.push(PackFile {
            name: format!("evaluatie-{half}-{}.csv", table.name),
            media_type: "text/csv;charset=utf-8".to_owned(),
            text: table.csv()?,
        });
    }
    Ok(EvaluationPack {
        half: half.to_string(),
        files,
    })
}

/// Writes the pack's files into `dir` (made when missing); returns their paths.
pub async fn write_pack(
    pool: &AnyPool,
    half: Half,
    dir: &std::path::Path,
) -> Result<Vec<std::path::PathBuf>, WriteError> {
    let pack = pack(pool, half).await?;
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for file in pack.files {
        let path = dir.join(&file.name);
        std::fs::write(&path, file.text)?;
        written.push(path);
    }
    Ok(written)
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Pack(#[from] EvaluationError),
    #[error("cannot write the pack: {0}")]
    Io(#[from] std::io::Error),
}

const STYLE: &str = "\
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#1a1a1a}\
h1,h2{line-height:1.2}h2{border-bottom:2px solid #1a1a1a;margin-top:2.5rem}\
table{border-collapse:collapse;margin:1rem 0;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}\
th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left;vertical-align:top}td{font-variant-numeric:tabular-nums}\
tfoot th,tfoot td{font-weight:bold}.file{font-weight:normal;color:#444}\
blockquote{border-left:4px solid #666;margin:1rem 0;padding:.25rem 1rem}\
figure{margin:1rem 0}svg text{font-size:12px;fill:#1a1a1a}.bar{fill:#154273}.target{stroke:#a00;stroke-width:2}\
@media print{body{max-width:none;padding:0}h2{break-after:avoid}table,figure,blockquote{break-inside:avoid}a{color:inherit}}";

fn render(
    half: Half,
    report: &MonitoringReport,
    programme: &Programme,
    stories: &[Story],
    wijken: &std::collections::HashMap<String, String>,
    activities: &std::collections::HashMap<String, String>,
) -> (String, Vec<Table>) {
    let action_name = |id: &str| {
        programme
            .actions
            .iter()
            .find(|a| a.action.id == id)
            .map_or_else(|| id.to_owned(), |a| a.action.name.clone())
    };
    let pillar_of = |id: &str| {
        programme
            .actions
            .iter()
            .find(|a| a.action.id == id)
            .map_or(0, |a| a.action.pillar)
    };
    let end = last_day(half);
    let title = format!("Evaluatie aanpak eenzaamheid Hilversum, {half}");

    // Relevance: where the sign-ups come from, and what residents' self-tests say.
    let wijk_rows: Vec<String> = report
        .sign_ups_by_wijk
        .rows
        .iter()
        .map(|id| {
            if id.is_empty() {
                "Geen wijk".to_owned()
            } else {
                wijken.get(id).cloned().unwrap_or_else(|| id.clone())
            }
        })
        .collect();
    let by_wijk = count_table(
        "aanmeldingen-per-wijk",
        "Tabel: aanmeldingen per wijk".to_owned(),
        "Wijk",
        &wijk_rows,
        &report.sign_ups_by_wijk,
    );
    let scores: Vec<String> = (0..4).map(|s| format!("Score {s}")).collect();
    let social = count_list(
        "zelftest-sociaal",
        "Tabel: gedeelde uitkomsten van de zelftest, sociale eenzaamheid".to_owned(),
        "Score (0 tot 3)",
        &scores,
        &report.self_tests_social,
    );
    let emotional = count_list(
        "zelftest-emotioneel",
        "Tabel: gedeelde uitkomsten van de zelftest, emotionele eenzaamheid".to_owned(),
        "Score (0 tot 3)",
        &scores,
        &report.self_tests_emotional,
    );

    // Execution against chapter 7's planning: the milestones, judged on the half's
    // last day.
    let mut stone_rows = Vec::new();
    let mut open_points = Vec::new();
    for plan in &programme.actions {
        for m in &plan.milestones {
            let mut m = m.clone();
            m.done = m.done.filter(|d| d.as_str() <= end.as_str());
            let state = m.state(&end);
            let words = match state {
                MilestoneState::Done => "klaar",
                MilestoneState::DoneLate => "klaar, later dan gepland",
                MilestoneState::Late => "te laat",
                MilestoneState::Open => "nog niet klaar",
            };
            if state == MilestoneState::Late {
                open_points.push(format!(
                    "Mijlpaal \"{}\" van {} was op {} niet klaar (gepland: {}).",
                    m.name, plan.action.name, end, m.due
                ));
            }
            stone_rows.push(vec![
                plan.action.name.clone(),
                m.name.clone(),
                m.due.clone(),
                m.done.clone().unwrap_or_default(),
                words.to_owned(),
            ]);
        }
    }
    let milestones = Table {
        name: "mijlpalen",
        caption: format!("Tabel: mijlpalen per actie, stand op {end}"),
        head: ["Actie", "Mijlpaal", "Gepland", "Klaar op", "Stand"]
            .map(String::from)
            .to_vec(),
        rows: stone_rows,
        total_row: false,
    };
    let planning = Table {
        name: "planning",
        caption: "Tabel: de acties van hoofdstuk 7 en hun planning".to_owned(),
        head: ["Actie", "Pijler", "Planning"].map(String::from).to_vec(),
        rows: programme
            .actions
            .iter()
            .map(|a| {
                vec![
                    a.action.name.clone(),
                    format!("Pijler {}", a.action.pillar),
                    a.action.planning.clone(),
                ]
            })
            .collect(),
        total_row: false,
    };

    // Effectiveness: expected against reached.
    let mut reach_rows = Vec::new();
    let mut bars: Vec<(String, Option<u64>)> = Vec::new();
    for r in &report.reach {
        let name = action_name(&r.action_id);
        let expected = r
            .expected
            .map_or_else(|| "niet ingevuld".to_owned(), |n| number(u64::from(n)));
        let share = match (r.expected, r.reached) {
            (Some(e), Shown::Count(n)) if e > 0 => {
                let pct = (n * 100 + u64::from(e) / 2) / u64::from(e);
                bars.push((format!("{name} ({})", measure_words(r.measure)), Some(pct)));
                format!("{pct}%")
            }
            (Some(e), _) if e > 0 => {
                bars.push((format!("{name} ({})", measure_words(r.measure)), None));
                "niet te tonen".to_owned()
            }
            _ => String::new(),
        };
        if r.expected.is_none() {
            open_points.push(format!(
                "Voor {name} is nog geen verwacht bereik ingevuld voor {half}."
            ));
        }
        reach_rows.push(vec![
            name,
            format!("Pijler {}", pillar_of(&r.action_id)),
            measure_words(r.measure).to_owned(),
            expected,
            shown(r.reached),
            r.counted_elsewhere.map(shown).unwrap_or_default(),
            share,
        ]);
    }
    let reach = Table {
        name: "verwacht-en-bereikt",
        caption: "Tabel: verwacht en bereikt per actie".to_owned(),
        head: [
            "Actie",
            "Pijler",
            "Wat we tellen",
            "Verwacht",
            "Bereikt",
            "Waarvan buiten Omzien geteld",
            "Bereikt als deel van verwacht",
        ]
        .map(String::from)
        .to_vec(),
        rows: reach_rows,
        total_row: false,
    };
    let action_rows: Vec<String> = report
        .sign_ups_by_action
        .rows
        .iter()
        .map(|id| action_name(id))
        .collect();
    let by_action = count_table(
        "aanmeldingen-per-actie",
        "Tabel: aanmeldingen per actie".to_owned(),
        "Actie",
        &action_rows,
        &report.sign_ups_by_action,
    );
    let month_rows: Vec<String> = report
        .sign_ups_by_month
        .rows
        .iter()
        .map(|m| month_name(m))
        .collect();
    let by_month = count_table(
        "aanmeldingen-per-maand",
        "Tabel: aanmeldingen per maand".to_owned(),
        "Maand",
        &month_rows,
        &report.sign_ups_by_month,
    );
    let activity_rows: Vec<String> = report
        .sign_ups_by_activity
        .rows
        .iter()
        .map(|id| activities.get(id).cloned().unwrap_or_else(|| id.clone()))
        .collect();
    let by_activity = count_table(
        "aanmeldingen-per-activiteit",
        "Tabel: aanmeldingen per activiteit".to_owned(),
        "Activiteit",
        &activity_rows,
        &report.sign_ups_by_activity,
    );
    let channel_names: Vec<String> = report
        .notes_by_channel
        .labels
        .iter()
        .map(|l| {
            match l.as_str() {
                "self" => "Zelf gemeld",
                "kiosk" => "Via een zuil",
                "on_behalf" => "Door een medewerker, namens iemand",
                _ => "Al verwijderd (kanaal niet bewaard)",
            }
            .to_owned()
        })
        .collect();
    let by_channel = count_list(
        "meldingen-per-kanaal",
        "Tabel: zorgmeldingen per kanaal".to_owned(),
        "Kanaal",
        &channel_names,
        &report.notes_by_channel,
    );
    let outcome_names: Vec<String> = report
        .notes_by_outcome
        .labels
        .iter()
        .map(|l| {
            match l.as_str() {
                "open" => "Nog open",
                "activity" => "Verwezen naar een activiteit",
                "buurtteam" => "Verwezen naar het buurtteam",
                "welzijn_op_recept" => "Verwezen naar Welzijn op Recept",
                "luisterlijn" => "Verwezen naar De Luisterlijn",
                "other" => "Ergens anders heen verwezen",
                _ => "Zonder verwijzing gesloten",
            }
            .to_owned()
        })
        .collect();
    let by_outcome = count_list(
        "meldingen-per-uitkomst",
        "Tabel: zorgmeldingen per uitkomst".to_owned(),
        "Uitkomst",
        &outcome_names,
        &report.notes_by_outcome,
    );
    let month_labels: Vec<String> = report
        .visits_by_month
        .labels
        .iter()
        .map(|m| month_name(m))
        .collect();
    let visits = count_list(
        "bezoeken-per-maand",
        "Tabel: bezoeken aan het aanbod per maand (keren dat een apparaat het aanbod ophaalde)"
            .to_owned(),
        "Maand",
        &month_labels,
        &report.visits_by_month,
    );

    // Efficiency: chapter 9's budget, the half's year first.
    let budget = &programme.budget;
    let euro = |a: Option<u64>| a.map_or_else(|| "–".to_owned(), |n| format!("€ {}", number(n)));
    let mut budget_rows: Vec<Vec<String>> = budget
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![l.name.clone()];
            row.extend(l.amounts.iter().map(|a| euro(*a)));
            row
        })
        .collect();
    let mut totals = vec!["Totaal".to_owned()];
    totals.extend(budget.totals.iter().map(|t| euro(Some(*t))));
    budget_rows.push(totals);
    let mut budget_head = vec!["Onderdeel".to_owned()];
    budget_head.extend(budget.years.iter().map(u16::to_string));
    let budget_table = Table {
        name: "begroting",
        caption: "Tabel: begroting uit hoofdstuk 9".to_owned(),
        head: budget_head,
        rows: budget_rows,
        total_row: true,
    };

    // Satisfaction: the partners' scores, and residents' words.
    let ps = &report.partner_scores;
    let answered = ps.answered.unwrap_or(Shown::Small);
    let score_rows: Vec<Vec<String>> = [
        ("Resultaten", ps.averages.map(|a| a.results)),
        ("Proces", ps.averages.map(|a| a.process)),
        ("Samenwerking", ps.averages.map(|a| a.cooperation)),
    ]
    .into_iter()
    .map(|(q, avg)| {
        vec![
            q.to_owned(),
            avg.map_or_else(|| "niet te tonen".to_owned(), tenths),
            tenths(TARGET_TENTHS),
            match avg {
                Some(a) if a >= TARGET_TENTHS => "ja".to_owned(),
                Some(_) => "nee".to_owned(),
                None => "onbekend".to_owned(),
            },
        ]
    })
    .collect();
    if ps.averages.is_some_and(|a| {
        [a.results, a.process, a.cooperation]
            .iter()
            .any(|s| *s < TARGET_TENTHS)
    }) {
        open_points.push(
            "Het gemiddelde cijfer van de partners ligt op minstens één vraag onder de 7."
                .to_owned(),
        );
    }
    let partner_table = Table {
        name: "partners",
        caption: format!(
            "Tabel: gemiddeld cijfer van de kernteampartners (geantwoord: {} van {} gevraagd)",
            shown(answered),
            shown(omzien_core::monitoring::protect_one(u64::from(ps.asked)))
        ),
        head: ["Vraag", "Gemiddeld cijfer", "Doel", "Doel gehaald"]
            .map(String::from)
            .to_vec(),
        rows: score_rows,
        total_row: false,
    };
    let story_table = Table {
        name: "verhalen",
        caption: "Tabel: verhalen van het halfjaar (met toestemming, zonder namen)".to_owned(),
        head: ["Datum", "Actie", "Wijk", "Verhaal"]
            .map(String::from)
            .to_vec(),
        rows: stories
            .iter()
            .map(|s| {
                vec![
                    s.day.clone(),
                    s.action_id.as_deref().map_or_else(String::new, action_name),
                    s.wijk.as_ref().map_or_else(
                        || "Heel Hilversum".to_owned(),
                        |w| wijken.get(w).cloned().unwrap_or_else(|| w.clone()),
                    ),
                    s.text.clone(),
                ]
            })
            .collect(),
        total_row: false,
    };
    if stories.is_empty() {
        open_points.push(format!(
            "Er zijn in {half} geen verhalen opgeschreven: vraag deelnemers en partners ernaar."
        ));
    }

    let chart = bar_chart(&bars);

    // Relevance, further: table 4 beside offer and reach, and the target groups.
    let wijk_picture = Table {
        name: "wijkbeeld",
        caption: "Tabel: eenzaamheid (tabel 4), aanbod en bereik per wijk".to_owned(),
        head: [
            "Wijk",
            "Eenzaam",
            "Sterk eenzaam",
            "Activiteiten",
            "Aanmeldingen met plek",
            "Aandacht",
        ]
        .map(String::from)
        .to_vec(),
        rows: report
            .wijk_picture
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.name.clone(),
                    format!("{}%", tenths(r.lonely)),
                    format!("{}%", tenths(r.severely_lonely)),
                    // Words with the number: an offer is no count of people, and
                    // a bare number under 10 in the report is always a mistake.
                    activities_words(r.activities),
                    shown(r.sign_ups),
                    if r.flagged { "ja" } else { "nee" }.to_owned(),
                ]
            })
            .collect(),
        total_row: false,
    };
    for r in report.wijk_picture.rows.iter().filter(|r| r.flagged) {
        open_points.push(format!(
            "In {} voelt {}% van de volwassenen zich eenzaam, en het aanbod ({}) of het bereik ({} aanmeldingen met plek) is laag.",
            r.name,
            tenths(r.lonely),
            activities_words(r.activities),
            shown(r.sign_ups)
        ));
    }
    let group_names: Vec<String> = report
        .sign_ups_by_target_group
        .as_ref()
        .map(|t| {
            t.rows
                .iter()
                .map(|slug| {
                    omzien_core::model::TargetGroup::from_slug(slug)
                        .map_or_else(|| slug.clone(), |g| group_words(g).to_owned())
                })
                .collect()
        })
        .unwrap_or_default();
    let by_group = report.sign_ups_by_target_group.as_ref().map(|t| {
        count_table(
            "aanmeldingen-per-doelgroep",
            "Tabel: aanmeldingen per doelgroep van de activiteit (een aanmelding telt bij elke doelgroep van de activiteit)".to_owned(),
            "Doelgroep",
            &group_names,
            t,
        )
    });

    // The meldpunt's time to a first step.
    let rt = &report.response_times;
    let or_small = |s: Option<Shown>| shown(s.unwrap_or(Shown::Small));
    let not_shown = "niet te tonen (minder dan 10 meldingen)".to_owned();
    let response = Table {
        name: "tijd-tot-eerste-stap",
        caption: "Tabel: werkdagen van melding tot de eerste stap van het meldpunt".to_owned(),
        head: ["Wat", "Waarde"].map(String::from).to_vec(),
        rows: vec![
            vec![
                "Meldingen met een eerste stap".to_owned(),
                or_small(rt.notes),
            ],
            vec![
                "Middelste waarde".to_owned(),
                rt.median_days
                    .map_or_else(|| not_shown.clone(), |d| format!("{d} werkdagen")),
            ],
            vec![
                format!("Binnen {RESPONSE_WORKING_DAYS} werkdagen"),
                or_small(rt.within),
            ],
            vec!["Later".to_owned(), or_small(rt.later)],
            vec![
                "Deel binnen het doel".to_owned(),
                rt.share_within
                    .map_or_else(|| not_shown.clone(), |p| format!("{p}%")),
            ],
            vec!["Nog zonder stap".to_owned(), or_small(rt.waiting)],
        ],
        total_row: false,
    };

    // The trend: reached per half year, each that half's own protected number.
    let trend_half = |h: &str| Half::parse(h).map_or_else(|| h.to_owned(), |h| h.to_string());
    let mut trend_head = vec!["Actie".to_owned()];
    trend_head.extend(report.trend.halves.iter().map(|h| trend_half(h)));
    let mut trend_bars: Vec<(String, Option<u64>)> = Vec::new();
    let trend_rows = report
        .trend
        .rows
        .iter()
        .map(|r| {
            let name = format!(
                "{} ({})",
                action_name(&r.action_id),
                measure_words(r.measure)
            );
            let mut row = vec![name.clone()];
            for ((h, reached), expected) in
                report.trend.halves.iter().zip(&r.reached).zip(&r.expected)
            {
                match expected {
                    Some(e) => {
                        row.push(format!(
                            "{} (verwacht {})",
                            shown(*reached),
                            number(u64::from(*e))
                        ));
                        if *e > 0 {
                            let pct = reached
                                .count()
                                .map(|n| (n * 100 + u64::from(*e) / 2) / u64::from(*e));
                            trend_bars.push((format!("{name}, {h}"), pct));
                        }
                    }
                    None => row.push(shown(*reached)),
                }
            }
            row
        })
        .collect();
    let trend = Table {
        name: "verloop",
        caption: "Tabel: bereikt per halfjaar (verwacht tussen haakjes)".to_owned(),
        head: trend_head,
        rows: trend_rows,
        total_row: false,
    };
    let trend_chart = chart_svg(
        "verloop-grafiek",
        "Bereikt als deel van verwacht, per halfjaar",
        "Figuur: bereikt als deel van verwacht, per actie en halfjaar. De streep staat bij 100%. \
         Dezelfde getallen staan in de tabel \"bereikt per halfjaar\".",
        &trend_bars,
    );

    let html = html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                // A file on its own, opened from disk or printed: no server, no CSP.
                style { (PreEscaped(STYLE)) }
            }
            body {
                main {
                    h1 { (title) }
                    p { "Periode: " (half_words(half)) ". Stand van de mijlpalen op " (end) "." }
                    p {
                        "Dit verslag volgt de criteria van hoofdstuk 8 van de Uitvoeringsagenda "
                        "Eenzaamheid Hilversum 2024–2030. Alle getallen komen uit Omzien. Een getal "
                        "onder de 10 staat er als \"minder dan 10\"; \"verborgen\" is een getal dat is "
                        "weggelaten zodat een klein getal niet uit het totaal te halen is. Elke tabel "
                        "staat ook als CSV-bestand in het pakket (de naam staat bij de tabel)."
                    }
                    nav aria-labelledby="inhoud" {
                        h2 id="inhoud" { "Inhoud" }
                        ol {
                            li { a href="#relevantie" { "Relevantie" } }
                            li { a href="#uitvoering" { "Uitvoering tegen de planning" } }
                            li { a href="#effectiviteit" { "Effectiviteit: verwacht en bereikt" } }
                            li { a href="#efficientie" { "Efficiëntie: de begroting" } }
                            li { a href="#tevredenheid" { "Tevredenheid" } }
                            li { a href="#lessen" { "Lessen en open punten" } }
                        }
                    }
                    section aria-labelledby="relevantie" {
                        h2 id="relevantie" { "1. Relevantie" }
                        p {
                            "Sluit het aanbod aan bij waar eenzaamheid speelt? Hoofdstuk 8 noemt twee "
                            "indicatoren van DIN Sociaal Domein uit de Hilversum Monitor: het deel van de "
                            "inwoners dat zich vaak of heel vaak eenzaam voelt, en het deel met genoeg "
                            "contacten. Die cijfers staan niet in Omzien; leg ze naast de tabellen hieronder."
                        }
                        (by_wijk.html())
                        h3 { "De wijken naast tabel 4" }
                        p {
                            "Per wijk het deel van de volwassenen dat zich eenzaam voelt (tabel 4 van de "
                            "agenda), naast het aanbod (activiteiten voor inwoners in die wijk, zoals de "
                            "catalogus ze nu heeft) en het bereik (aanmeldingen met plek in dit halfjaar). "
                            "Aandacht: de eenzaamheid is even hoog of hoger dan in de middelste wijk, en het "
                            "aanbod of het bereik is even laag of lager dan in de middelste wijk; een bereik "
                            "onder de 10 telt als laag. Bron: " (report.wijk_picture.source) "."
                        }
                        (wijk_picture.html())
                        @if let Some(t) = &by_group { (t.html()) }
                        (social.html())
                        (emotional.html())
                    }
                    section aria-labelledby="uitvoering" {
                        h2 id="uitvoering" { "2. Uitvoering tegen de planning van hoofdstuk 7" }
                        (planning.html())
                        @if milestones.rows.is_empty() {
                            p { "Er zijn nog geen mijlpalen ingevuld." }
                        } @else {
                            (milestones.html())
                        }
                    }
                    section aria-labelledby="effectiviteit" {
                        h2 id="effectiviteit" { "3. Effectiviteit: verwacht en bereikt" }
                        (reach.html())
                        (chart)
                        (by_action.html())
                        (by_month.html())
                        (by_activity.html())
                        (by_channel.html())
                        (by_outcome.html())
                        h3 { "Tijd tot de eerste stap van het meldpunt" }
                        p {
                            "Werkdagen (maandag tot en met vrijdag; feestdagen tellen als werkdag) van het "
                            "binnenkomen van een melding tot de eerste stap: een nieuwe status of een "
                            "doorverwijzing. Openen of toewijzen telt niet. Het doel hier is "
                            (RESPONSE_WORKING_DAYS) " werkdagen."
                        }
                        (response.html())
                        (visits.html())
                        h3 { "Het verloop over de halve jaren" }
                        p {
                            "Elk getal is dat van het rapport van dat halfjaar, met dezelfde regel voor "
                            "kleine aantallen."
                        }
                        (trend.html())
                        (trend_chart)
                    }
                    section aria-labelledby="efficientie" {
                        h2 id="efficientie" { "4. Efficiëntie: de begroting van hoofdstuk 9" }
                        p { "Bron: " (budget.source) }
                        (budget_table.html())
                    }
                    section aria-labelledby="tevredenheid" {
                        h2 id="tevredenheid" { "5. Tevredenheid" }
                        h3 { "Kernteampartners" }
                        p {
                            "Doel: gemiddeld minstens een 7 voor resultaten, proces en samenwerking. "
                            "Het gemiddelde staat er alleen als 10 of meer partners antwoordden, "
                            "zodat niemands cijfer te herleiden is."
                        }
                        (partner_table.html())
                        @if !ps.comments.is_empty() {
                            h3 { "Toelichting van de partners" }
                            @for c in &ps.comments { blockquote { p { (c) } } }
                        }
                        h3 { "Wat inwoners vertellen" }
                        @if stories.is_empty() {
                            p { "Er zijn dit halfjaar geen verhalen opgeschreven." }
                        } @else {
                            @for s in stories {
                                blockquote {
                                    p { (s.text) }
                                    p.file {
                                        (s.day) " · "
                                        (s.action_id.as_deref().map_or_else(String::new, action_name))
                                    }
                                }
                            }
                            (story_table.html())
                        }
                    }
                    section aria-labelledby="lessen" {
                        h2 id="lessen" { "6. Lessen en open punten" }
                        p { "Open punten uit de getallen, om met het kernteam te bespreken:" }
                        @if open_points.is_empty() {
                            p { "Geen." }
                        } @else {
                            ul { @for p in &open_points { li { (p) } } }
                        }
                        p { "Lessen van het kernteam:" }
                        ul { li { "(In te vullen na het gesprek met het kernteam.)" } }
                    }
                }
            }
        }
    };
    let mut tables = vec![by_wijk, wijk_picture];
    tables.extend(by_group);
    tables.extend([
        social,
        emotional,
        planning,
        milestones,
        reach,
        by_action,
        by_month,
        by_activity,
        by_channel,
        by_outcome,
        visits,
        budget_table,
        partner_table,
        story_table,
        response,
        trend,
    ]);
    (html.into_string(), tables)
}

/// Reached as a share of expected, as an SVG bar chart with a title and description
/// that are read out; the table above it holds the same numbers.
fn bar_chart(bars: &[(String, Option<u64>)]) -> Markup {
    chart_svg(
        "grafiek",
        "Bereikt als deel van verwacht",
        "Figuur: bereikt als deel van verwacht, per actie. De streep staat bij 100%. \
         Dezelfde getallen staan in de tabel \"verwacht en bereikt\".",
        bars,
    )
}

/// A bar chart of percentages with its own ids, title and caption.
fn chart_svg(id: &str, heading: &str, caption: &str, bars: &[(String, Option<u64>)]) -> Markup {
    if bars.is_empty() {
        return html! {};
    }
    let row = 28u64;
    let label_width = 300u64;
    let scale = 2u64; // px per percent; bars stop at 150%.
    let width = label_width + 150 * scale + 60;
    let height = row * bars.len() as u64 + 30;
    let mut description = String::from("Per actie met een verwachting: ");
    for (i, (label, pct)) in bars.iter().enumerate() {
        if i > 0 {
            description.push_str("; ");
        }
        match pct {
            Some(p) => {
                let _ = write!(description, "{label}: {p}%");
            }
            None => {
                let _ = write!(description, "{label}: niet te tonen");
            }
        }
    }
    description.push('.');
    let target_x = label_width + 100 * scale;
    html! {
        figure {
            svg role="img" aria-labelledby=(format!("{id}-titel {id}-uitleg"))
                viewBox=(format!("0 0 {width} {height}")) width=(width) height=(height)
                xmlns="http://www.w3.org/2000/svg" {
                title id=(format!("{id}-titel")) { (heading) }
                desc id=(format!("{id}-uitleg")) { (description) }
                @for (i, (label, pct)) in bars.iter().enumerate() {
                    @let y = i as u64 * row + 10;
                    text x="0" y=(y + 16) { (label) }
                    @if let Some(p) = pct {
                        rect.bar x=(label_width) y=(y + 4) height="16" width=((*p).min(150) * scale) {}
                        text x=(label_width + (*p).min(150) * scale + 4) y=(y + 16) { (p) "%" }
                    } @else {
                        text x=(label_width) y=(y + 16) { "niet te tonen" }
                    }
                }
                line.target x1=(target_x) x2=(target_x) y1="0" y2=(height) {}
                text x=(target_x + 4) y=(height - 4) { "100% = verwacht" }
            }
            figcaption { (caption) }
        }
    }
}
