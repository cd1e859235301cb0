//! How search behaves, on the small sample catalogue and on the real one in `data/`.

use super::filter::Filter;
use super::index::SearchIndex;
use super::synonyms::synonyms;
use crate::catalogue::tests::sample;
use crate::catalogue::Catalogue;
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

// On the real catalogue, as residents will search it.

/// The agenda's activities from data/, without the made-up examples (which may change
/// as demonstrations need).
fn real() -> Catalogue {
    let activities: Vec<crate::model::Activity> =
        read(include_str!("../../../../data/activities.json"));
    Catalogue {
        organisations: read(include_str!("../../../../data/organisations.json")),
        activities: activities
            .into_iter()
            .filter(|a| !a.example || a.organisation_id != "voorbeeld")
            .collect(),
        wijken: read(include_str!("../../../../data/wijken.json")),
        ..Catalogue::default()
    }
}

fn read<T: serde::de::DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("data/ parses")
}

fn found_in(catalogue: &Catalogue, filter: &Filter) -> Vec<String> {
    SearchIndex::new(catalogue)
        .search(catalogue, filter)
        .into_iter()
        .map(|i| catalogue.activities[i].name.clone())
        .collect()
}

fn found(q: &str) -> Vec<String> {
    found_in(&real(), &query(q))
}

const WALK: &str = "Wandelen met Senver";

#[test]
fn other_forms_of_a_word_find_it() {
    for q in ["wandelingen", "wandeling", "wandel", "wandelen"] {
        assert_eq!(found(q).first().map(String::as_str), Some(WALK), "{q}");
    }
    assert!(found("eenzaamheid").len() > 10);
    assert!(found("eenzaam").contains(&"Meldpunt eenzaamheid".to_owned()));
}

#[test]
fn the_word_being_typed_finds_words_it_begins() {
    assert_eq!(found("wande"), vec![WALK]);
    assert_eq!(found("luisterl"), vec!["Praten met de Luisterlijn"]);
    assert!(found("huisbez").len() >= 2);
}

#[test]
fn a_compound_finds_what_its_first_part_finds() {
    // Not a word of the catalogue: "wandel" (of wandelen) + "groep".
    assert_eq!(found("wandelgroep"), vec![WALK]);
    // The last part alone does not count: a group of young people is no walk.
    assert!(
        !found("wandelgroep").contains(&"Groep voor jongeren die zich eenzaam voelen".to_owned())
    );
    // The first part through a synonym, the last part unknown.
    assert!(found("koffieochtend").contains(&"Week tegen Eenzaamheid".to_owned()));
    // "cursus", the last part of compounds the catalogue has.
    let courses = found("cursus");
    for name in [
        "Filosofiecursus bij Senver",
        "Computer- en internetcursus voor senioren",
    ] {
        assert!(courses.contains(&name.to_owned()), "{courses:?}");
    }
}

#[test]
fn a_compound_with_both_parts_ranks_above_one_with_the_first() {
    let c = real();
    let index = SearchIndex::new(&c);
    let relevance = |q: &str, name: &str| {
        index
            .matches(q)
            .into_iter()
            .find(|h| c.activities[h.activity].name == name)
            .map(|h| h.relevance)
    };
    // Dagtochten: "senioren" and "groep"; Cultuurkring: only "senioren".
    let both = relevance("seniorengroep", "Dagtochten met Senver").expect("found");
    let first = relevance("seniorengroep", "Cultuurkring van Senver").expect("found");
    assert!(both > first, "{both} {first}");
    assert!(relevance("senioren", "Cultuurkring van Senver") > Some(both));
}

#[test]
fn one_typo_is_forgiven_in_words_of_five_letters_or_more() {
    for q in ["wandlen", "wnadelen", "wandelne", "wandeleen", "wandelan"] {
        assert_eq!(found(q), vec![WALK], "{q}");
    }
    assert_eq!(
        found("luisterlijm").first().map(String::as_str),
        Some("Praten met de Luisterlijn")
    );
    // Four letters: "hlup" is not "hulp".
    assert!(found("hulp").contains(&"Hulp van het buurtteam".to_owned()));
    assert!(found("hlup").is_empty());
    // Two typos are another word.
    for q in ["wnadlen", "wnadelne", "wamdeln"] {
        assert!(found(q).is_empty(), "{q}");
    }
}

#[test]
fn a_typo_ranks_below_the_word_itself() {
    let c = real();
    let index = SearchIndex::new(&c);
    let walk = c
        .activities
        .iter()
        .position(|a| a.name == WALK)
        .expect("walk");
    let relevance = |q: &str| {
        index
            .matches(q)
            .iter()
            .find(|h| h.activity == walk)
            .map(|h| h.relevance)
    };
    // "Wandelen" in the description outranks a typo of it in the name.
    assert!(relevance("wandelen") > relevance("wandlen"));
    assert!(relevance("wandlen") > Some(0));
}

#[test]
fn synonyms_find_what_the_catalogue_calls_it() {
    let coffee = found("koffie");
    assert!(
        coffee.contains(&"Week tegen Eenzaamheid".to_owned()),
        "{coffee:?}"
    );
    assert!(
        coffee.contains(&"Scrabbelen bij Senver".to_owned()),
        "{coffee:?}"
    );
    let buddy = found("buddy");
    assert!(
        buddy.contains(&"Een maatje via Maatjesproject".to_owned()),
        "{buddy:?}"
    );
    assert_eq!(
        found("taxi"),
        vec![
            "Buurtmobi Kerkelanden",
            "Uitjes met de Buurtmobi on tour bus"
        ]
    );
    // While typing: the start of a listed word.
    assert!(found("koff").contains(&"Week tegen Eenzaamheid".to_owned()));
}

#[test]
fn a_synonym_ranks_below_the_word_itself() {
    // "praten" or "praat" is in the first four; the Maatjes-service is found only as a
    // maatje, through the synonym list.
    let talk = found("praten");
    assert_eq!(talk[0], "Praten met de Luisterlijn");
    let maatjes = talk.iter().position(|n| n == "Maatjes-service van Senver");
    assert_eq!(maatjes, Some(4), "{talk:?}");
}

#[test]
fn every_synonym_finds_words_the_catalogue_has() {
    let index = SearchIndex::new(&real());
    for s in synonyms() {
        for word in &s.finds {
            assert!(
                index.has(word),
                "{word} ({}) is not in data/activities.json",
                s.reason
            );
        }
    }
}

#[test]
fn every_word_must_match_in_the_real_catalogue() {
    assert_eq!(found("wandelen senver"), vec![WALK]);
    assert!(found("wandelen jongeren").is_empty());
    // A synonym counts for its word.
    assert!(found("koffie senioren").contains(&"Scrabbelen bij Senver".to_owned()));
}

#[test]
fn location_wijk_and_organiser_words_are_found() {
    assert!(found("hoorneboeg").contains(&"Uit de Schaduw Festival".to_owned()));
    assert!(found("zuidwest").contains(&"Buurtmobi Kerkelanden".to_owned()));
    assert!(found("versa welzijn").contains(&"Opbouwwerk van Versa".to_owned()));
}

#[test]
fn matches_give_every_activity_for_an_empty_query() {
    let c = sample();
    let index = SearchIndex::new(&c);
    let all = index.matches("  ");
    assert_eq!(all.len(), c.activities.len());
    assert!(all.iter().all(|h| h.relevance == 0));
    let luister = index.matches("luister");
    assert_eq!(luister.len(), 2);
    assert!(luister.iter().all(|h| h.relevance > 0));
}

#[test]
fn nearest_offers_activities_with_some_of_the_words() {
    let c = real();
    let index = SearchIndex::new(&c);
    let f = query("wandelen zwemmen");
    assert!(index.search(&c, &f).is_empty());
    let near: Vec<&str> = index
        .nearest(&c, &f, 3)
        .into_iter()
        .map(|i| c.activities[i].name.as_str())
        .collect();
    assert_eq!(near.first(), Some(&WALK), "{near:?}");
    assert!(near.len() <= 3);
    // More of the words first.
    let f = query("senver wandelen zwemmen");
    let near = index.nearest(&c, &f, 5);
    assert_eq!(c.activities[near[0]].name, WALK);
}

#[test]
fn nearest_looks_outside_the_chosen_wijk() {
    let c = real();
    let index = SearchIndex::new(&c);
    let f = Filter {
        query: "buurtmobi".into(),
        wijk: Some("centrum".into()),
        ..Filter::default()
    };
    assert!(index.search(&c, &f).is_empty());
    let near: Vec<&str> = index
        .nearest(&c, &f, 5)
        .into_iter()
        .map(|i| c.activities[i].name.as_str())
        .collect();
    assert!(near.contains(&"Buurtmobi Kerkelanden"), "{near:?}");
    // In the wijk (or city-wide) first when they have as many of the words.
    let f = Filter {
        query: "senver".into(),
        wijk: Some("zuid".into()),
        ..Filter::default()
    };
    let sample = sample();
    let index = SearchIndex::new(&sample);
    let near: Vec<&str> = index
        .nearest(&sample, &f, 5)
        .into_iter()
        .map(|i| sample.activities[i].name.as_str())
        .collect();
    assert_eq!(near, vec!["Wandelgroep", "Filosofiecafé"]);
}

#[test]
fn nearest_without_words_relaxes_the_wijk() {
    let c = sample();
    let index = SearchIndex::new(&c);
    let f = Filter {
        wijk: Some("zuid".into()),
        target_group: Some(TargetGroup::Youth),
        ..Filter::default()
    };
    assert_eq!(names(&f), vec!["Luisterlijn"]);
    let near: Vec<&str> = index
        .nearest(&c, &f, 5)
        .into_iter()
        .map(|i| c.activities[i].name.as_str())
        .collect();
    assert_eq!(near, vec!["Luisterlijn", "Workshop jongeren"]);
}

#[test]
fn a_compound_the_catalogue_has_still_finds_what_its_parts_find() {
    // data/ with its examples: "Wandelgroep Oost" has the word itself, the agenda's
    // walk only its first part.
    let mut c = real();
    c.activities = read(include_str!("../../../../data/activities.json"));
    let names = found_in(&c, &query("wandelgroep"));
    assert_eq!(names.first().map(String::as_str), Some("Wandelgroep Oost"));
    assert!(names.contains(&WALK.to_owned()), "{names:?}");
}

#[test]
fn trainings_for_professionals_have_their_own_section() {
    let catalogue = real();
    let training = "Training: eenzaamheid herkennen en bespreken";
    let symposium = "Symposium over eenzaamheid";
    let residents = found_in(&catalogue, &Filter::default());
    assert!(
        !residents.contains(&training.to_owned()),
        "not in residents' list"
    );
    assert!(
        residents.contains(&symposium.to_owned()),
        "for residents too: {residents:?}"
    );
    assert!(
        !found("training").contains(&training.to_owned()),
        "nor their search"
    );
    let professionals = Filter {
        audience: crate::model::Audience::Professionals,
        ..Filter::default()
    };
    let theirs = found_in(&catalogue, &professionals);
    assert_eq!(
        theirs,
        ["Ambassadeur eenzaamheid worden", symposium, training]
    );
}

#[test]
fn an_index_built_in_slices_finds_what_one_built_at_once_finds() {
    let catalogue = real();
    let whole = SearchIndex::new(&catalogue);
    for slice in [1, 7, 50] {
        let mut builder = super::IndexBuilder::default();
        let mut steps = 0;
        while !builder.step(&catalogue, slice) {
            steps += 1;
        }
        assert!(steps >= (catalogue.activities.len() - 1) / slice);
        let sliced = builder.finish(&catalogue);
        for q in ["", "wandel", "wandlen", "koffie praten", "jongeren", "e"] {
            assert_eq!(
                sliced.search(&catalogue, &query(q)),
                whole.search(&catalogue, &query(q)),
                "{q:?} with slices of {slice}"
            );
            assert_eq!(sliced.matches(q), whole.matches(q), "{q:?}");
        }
    }
}

#[test]
fn a_query_without_words_needs_no_index() {
    assert!(!super::has_words(""));
    assert!(!super::has_words("  - , "));
    assert!(super::has_words("wandel"));
    assert!(super::has_words(" é "));
    let catalogue = sample();
    let all = SearchIndex::new(&catalogue).matches(" - ");
    assert_eq!(all.len(), catalogue.activities.len());
    assert!(all.iter().all(|h| h.relevance == 0));
}
