//! How search behaves, on the small sample catalogue and on the real one in `data/`.

use super::filter::Filter;
use super::index::SearchIndex;
use crate::catalogue::tests::sample;
use crate::model::{LonelinessType, TargetGroup};
use crate::schedule::Weekday;

fn names(filter: &Filter) -> Vec<String> {
    let catalogue = sample();
    let index = SearchIndex::new(&catalogue);
    index
        .search(&catalogue, filter)
        .into_iter()
        .map(|i| catalogue.activities[i].name.clone())
        .collect()
}

fn query(q: &str) -> Filter {
    Filter {
        query: q.to_owned(),
        ..Filter::default()
    }
}

#[test]
fn empty_query_lists_everything_by_name() {
    assert_eq!(
        names(&Filter::default()),
        vec![
            "Filosofiecafé",
            "Luisterlijn",
            "Wandelgroep",
            "Workshop jongeren"
        ]
    );
}

#[test]
fn search_matches_without_accents_in_any_case() {
    assert_eq!(names(&query("FILOSOFIECAFE")), vec!["Filosofiecafé"]);
    assert_eq!(names(&query("café")), vec!["Filosofiecafé"]);
}

#[test]
fn search_matches_organiser_summary_and_kind() {
    assert_eq!(
        names(&query("senver")),
        vec!["Filosofiecafé", "Wandelgroep"]
    );
    assert_eq!(names(&query("dag en nacht")), vec!["Luisterlijn"]);
    assert_eq!(names(&query("wandelen")), vec!["Wandelgroep"]);
}

#[test]
fn every_word_must_match() {
    assert_eq!(names(&query("senver wandel")), vec!["Wandelgroep"]);
    assert!(names(&query("senver zwemmen")).is_empty());
}

#[test]
fn name_matches_rank_above_other_matches() {
    // "luister" is in Luisterlijn's name and in the philosophy café's summary.
    assert_eq!(
        names(&query("luister")),
        vec!["Luisterlijn", "Filosofiecafé"]
    );
}

#[test]
fn wijk_filter_keeps_that_wijk_and_city_wide_offers() {
    let f = Filter {
        wijk: Some("centrum".into()),
        ..Filter::default()
    };
    assert_eq!(
        names(&f),
        vec!["Filosofiecafé", "Luisterlijn", "Workshop jongeren"]
    );
}

#[test]
fn target_group_filter_includes_offers_for_everyone() {
    let f = Filter {
        target_group: Some(TargetGroup::Youth),
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Luisterlijn", "Workshop jongeren"]);
}

#[test]
fn loneliness_type_day_and_free_filters() {
    let f = Filter {
        loneliness: Some(LonelinessType::Existential),
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Filosofiecafé", "Workshop jongeren"]);
    let f = Filter {
        day: Some(Weekday::Tuesday),
        ..Filter::default()
    };
    // The helpline is there every day.
    assert_eq!(names(&f), vec!["Luisterlijn", "Wandelgroep"]);
    let f = Filter {
        day: Some(Weekday::Sunday),
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Luisterlijn", "Workshop jongeren"]);
    let f = Filter {
        free_only: true,
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Luisterlijn", "Wandelgroep"]);
}

#[test]
fn filters_and_query_combine() {
    let f = Filter {
        query: "senver".into(),
        free_only: true,
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Wandelgroep"]);
}
