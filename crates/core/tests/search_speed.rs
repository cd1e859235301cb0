//! Search stays fast at the scale of a region's offers: 10,000 activities. The bound
//! is generous so that a busy machine never fails it; `examples/search_bench` gives the
//! real numbers (docs/decisions.md, "Search").

#[path = "../examples/search_bench/corpus.rs"]
mod corpus;

use std::time::Instant;

use omzien_core::{Filter, SearchIndex};

#[test]
fn every_query_takes_well_under_a_keystroke_at_ten_thousand_activities() {
    let catalogue = corpus::corpus(10_000);
    let index = SearchIndex::new(&catalogue);
    for &query in corpus::QUERIES {
        let filter = Filter {
            query: query.to_owned(),
            ..Filter::default()
        };
        let started = Instant::now();
        for _ in 0..5 {
            std::hint::black_box(index.search(&catalogue, &filter));
        }
        let per_query = started.elapsed() / 5;
        assert!(per_query.as_millis() < 20, "{query}: {per_query:?}");
    }
}

#[test]
fn the_corpus_is_the_same_every_time() {
    let a = corpus::corpus(500);
    let b = corpus::corpus(500);
    assert_eq!(a, b);
    assert_eq!(a.activities.len(), 500);
    assert_eq!(corpus::corpus_json(&a), corpus::corpus_json(&b));
}
