//! A large catalogue made from the real one, the same every time, to measure search
//! at the scale of a whole region's offers. Shared by `examples/search_bench` and
//! `tests/search_speed.rs`; written as JSON for a browser benchmark against MiniSearch.

use std::fmt::Write;
use std::path::Path;

use omzien_core::{Activity, Catalogue};

/// The catalogue in `data/`.
pub fn real() -> Catalogue {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).expect("data/ is readable");
    Catalogue {
        organisations: serde_json::from_str(&read("organisations.json")).expect("parses"),
        activities: serde_json::from_str(&read("activities.json")).expect("parses"),
        wijken: serde_json::from_str(&read("wijken.json")).expect("parses"),
        ..Catalogue::default()
    }
}

const HOBBIES: &[&str] = &[
    "wandel", "fiets", "zwem", "kook", "brei", "schilder", "zang", "dans", "lees", "tuin",
    "schaak", "bridge", "biljart", "yoga", "koor", "muziek", "foto", "computer", "taal",
    "handwerk", "koffie", "spel", "film", "kaart", "klus", "natuur", "gym", "theater",
];
const FORMS: &[&str] = &[
    "groep", "club", "ochtend", "middag", "avond", "cafe", "kring", "les", "uurtje", "tafel",
];
const SYLLABLES: &[&str] = &[
    "ber", "ken", "hof", "lan", "de", "wijk", "stein", "gaard", "ven", "ro", "mee", "zand", "bos",
    "hei", "kamp", "lo", "ter", "wa", "ni", "mer", "ak", "sel", "dorp", "burg",
];
const PLACES: &[&str] = &[
    "Buurthuis",
    "Wijkcentrum",
    "Kerk",
    "Bibliotheek",
    "Sporthal",
];

/// `n` activities: the real ones over and over, each with a made-up compound name
/// ("Fietsclub"), place ("Buurthuis Berkenhof") and wijk, and a sentence shuffled from
/// the real summaries, so the vocabulary grows like a real one (thousands of words).
pub fn corpus(n: usize) -> Catalogue {
    let base = real();
    let mut rng = fastrand::Rng::with_seed(20_240_929);
    let lexicon: Vec<&str> = base
        .activities
        .iter()
        .flat_map(|a| a.summary.split_whitespace())
        .collect();
    let mut catalogue = Catalogue {
        activities: Vec::with_capacity(n),
        ..base.clone()
    };
    for i in 0..n {
        let mut a: Activity = base.activities[i % base.activities.len()].clone();
        let place = format!(
            "{} {}",
            rng.choice(PLACES).expect("places"),
            capitalised(
                &(0..rng.usize(2..4))
                    .map(|_| *rng.choice(SYLLABLES).expect("syllables"))
                    .collect::<String>()
            )
        );
        let hobby = rng.choice(HOBBIES).expect("hobbies");
        let form = rng.choice(FORMS).expect("forms");
        a.id = format!("{}-{i}", a.id);
        if i % 2 == 1 {
            a.name = format!("{}{form} {}", capitalised(hobby), &place);
        }
        for _ in 0..rng.usize(4..9) {
            let _ = write!(a.summary, " {}", rng.choice(&lexicon).expect("words"));
        }
        a.location = Some(omzien_core::Location {
            name: place,
            ..Default::default()
        });
        a.wijk = rng
            .choice(&base.wijken)
            .filter(|_| rng.bool())
            .map(|w| w.id.clone());
        catalogue.activities.push(a);
    }
    catalogue
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// What residents type, as they type it: whole words, a word half typed, other forms,
/// compounds, typos, synonyms, two words, and a single letter.
pub const QUERIES: &[&str] = &[
    "wandelen",
    "wande",
    "wandelingen",
    "wandelgroep",
    "wandlen",
    "koffie",
    "koffieochtend",
    "praten",
    "luisterlijn",
    "luisterljn",
    "maatje",
    "senioren kerkelanden",
    "jongeren eenzaamheid",
    "vrijwilligers",
    "computercursus",
    "fietsclub",
    "huisbezoek senver",
    "spelletjes middag",
    "eenzaamheid",
    "zwemmen",
    "e",
];

/// The corpus as MiniSearch would index it: one flat record per activity with the
/// fields Omzien's index reads.
pub fn corpus_json(catalogue: &Catalogue) -> String {
    let records: Vec<serde_json::Value> = catalogue
        .activities
        .iter()
        .map(|a| {
            let organiser = catalogue
                .organisation(&a.organisation_id)
                .map(|o| o.name.clone());
            let wijk = a
                .wijk
                .as_deref()
                .and_then(|w| catalogue.wijk(w))
                .map(|w| w.name.clone());
            serde_json::json!({
                "id": a.id,
                "name": a.name,
                "summary": a.summary,
                "description": a.description,
                "kind": a.kind.label(),
                "organiser": organiser.unwrap_or_default(),
                "location": a.location.as_ref().map(|l| l.name.clone()).unwrap_or_default(),
                "wijk": wijk.unwrap_or_default(),
            })
        })
        .collect();
    serde_json::to_string(&records).expect("serialises")
}
