//! The self-test: De Jong Gierveld's 6-item loneliness scale, and which offers fit the
//! outcome. Pure: the answers are never stored or sent; only an outcome the person
//! chooses to share (`Score::shared`, a `wire::SharedResult`) leaves the device
//! (docs/self-test.md).
//!
//! Source: J. de Jong Gierveld & T. van Tilburg (2006), "A 6-item scale for overall,
//! emotional, and social loneliness", Research on Aging 28(5), 582–598; Dutch wording
//! as used in the GGD health monitors.

use crate::catalogue::Catalogue;
use crate::model::{Activity, ActivityKind, LonelinessType};
use crate::wire::SharedResult;

/// The answers the scale allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Ja,
    MinOfMeer,
    Nee,
}

impl Answer {
    pub const ALL: [Answer; 3] = [Answer::Ja, Answer::MinOfMeer, Answer::Nee];

    pub fn label(self) -> &'static str {
        match self {
            Answer::Ja => "Ja",
            Answer::MinOfMeer => "Min of meer",
            Answer::Nee => "Nee",
        }
    }
}

/// Which part of loneliness an item measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// Worded as a lack: "ja" and "min of meer" count.
    Emotional,
    /// Worded as having: "nee" and "min of meer" count.
    Social,
}

pub struct Item {
    pub text: &'static str,
    pub part: Part,
}

/// The six statements in the published order (emotional and social items alternate
/// in some versions; the score does not depend on the order).
pub const ITEMS: [Item; 6] = [
    Item {
        text: "Ik ervaar een leegte om me heen.",
        part: Part::Emotional,
    },
    Item {
        text: "Er zijn genoeg mensen op wie ik in geval van narigheid kan terugvallen.",
        part: Part::Social,
    },
    Item {
        text: "Ik mis mensen om me heen.",
        part: Part::Emotional,
    },
    Item {
        text: "Er zijn veel mensen op wie ik volledig kan vertrouwen.",
        part: Part::Social,
    },
    Item {
        text: "Ik voel me vaak in de steek gelaten.",
        part: Part::Emotional,
    },
    Item {
        text: "Er zijn voldoende mensen met wie ik me nauw verbonden voel.",
        part: Part::Social,
    },
];

/// The outcome: a score per part (0–3 each) and the total (0–6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Score {
    pub emotional: u8,
    pub social: u8,
}

impl Score {
    pub fn total(self) -> u8 {
        self.emotional + self.social
    }

    /// The usual reading of the total: 0–1 not lonely, 2–4 moderately, 5–6 strongly.
    pub fn level(self) -> Level {
        match self.total() {
            0..=1 => Level::NotLonely,
            2..=4 => Level::Moderate,
            _ => Level::Strong,
        }
    }

    /// The outcome as shared for monitoring, if the person chooses to.
    pub fn shared(self, wijk: Option<String>) -> SharedResult {
        SharedResult {
            wijk,
            emotional: self.emotional,
            social: self.social,
        }
    }

    /// The kinds of loneliness worth suggesting offers for, strongest first: a part
    /// counts from a score of 2 of 3.
    pub fn kinds(self) -> Vec<LonelinessType> {
        let mut parts = [
            (self.social, LonelinessType::Social),
            (self.emotional, LonelinessType::Emotional),
        ];
        parts.sort_by_key(|&(score, _)| std::cmp::Reverse(score));
        parts
            .into_iter()
            .filter(|&(score, _)| score >= 2)
            .map(|(_, kind)| kind)
            .collect()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    NotLonely,
    Moderate,
    Strong,
}

/// Scores six answers, in the order of `ITEMS`.
pub fn score(answers: &[Answer; 6]) -> Score {
    let mut score = Score {
        emotional: 0,
        social: 0,
    };
    for (item, answer) in ITEMS.iter().zip(answers) {
        match (item.part, answer) {
            (Part::Emotional, Answer::Ja | Answer::MinOfMeer) => score.emotional += 1,
            (Part::Social, Answer::Nee | Answer::MinOfMeer) => score.social += 1,
            _ => {}
        }
    }
    score
}

/// The kinds of activity that fit each kind of loneliness, best first: company for
/// social loneliness, one close person for emotional, a meaningful role for existential.
pub fn fitting_kinds(kind: LonelinessType) -> &'static [ActivityKind] {
    use ActivityKind::*;
    match kind {
        LonelinessType::Social => &[Walking, Games, Meeting, DayTrip, Course, Workshop, Festival],
        LonelinessType::Emotional => &[Buddy, HomeVisit, Helpline],
        LonelinessType::Existential => &[Volunteering, Course, Workshop],
    }
}

/// Up to `max` activities for this kind of loneliness: tagged for it and of a fitting
/// kind; those in `wijk` first, then city-wide ones, then the rest.
pub fn suggest<'a>(
    catalogue: &'a Catalogue,
    kind: LonelinessType,
    wijk: Option<&str>,
    max: usize,
) -> Vec<&'a Activity> {
    let kinds = fitting_kinds(kind);
    let mut found: Vec<&Activity> = catalogue
        .activities
        .iter()
        .filter(|a| a.loneliness_types.contains(&kind) && kinds.contains(&a.kind))
        .collect();
    let nearness = |a: &Activity| match (&a.wijk, wijk) {
        (Some(own), Some(wanted)) if own == wanted => 0,
        (None, _) => 1,
        _ => 2,
    };
    let rank = |a: &Activity| {
        kinds
            .iter()
            .position(|k| *k == a.kind)
            .unwrap_or(usize::MAX)
    };
    found.sort_by(|a, b| (nearness(a), rank(a), &a.name).cmp(&(nearness(b), rank(b), &b.name)));
    found.truncate(max);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every one of the 3^6 = 729 answer combinations against the published rule,
    /// written out independently of `score`: an emotional item counts for "ja" and
    /// "min of meer"; a social item for "nee" and "min of meer".
    #[test]
    fn all_729_combinations_score_by_the_published_rule() {
        let emotional_items = [0, 2, 4];
        let social_items = [1, 3, 5];
        let mut seen = 0;
        for n in 0..729u32 {
            let mut answers = [Answer::Ja; 6];
            let mut rest = n;
            for slot in &mut answers {
                *slot = Answer::ALL[(rest % 3) as usize];
                rest /= 3;
            }
            let expected_emotional = emotional_items
                .iter()
                .filter(|&&i| answers[i] != Answer::Nee)
                .count() as u8;
            let expected_social = social_items
                .iter()
                .filter(|&&i| answers[i] != Answer::Ja)
                .count() as u8;
            let got = score(&answers);
            assert_eq!(got.emotional, expected_emotional, "{answers:?}");
            assert_eq!(got.social, expected_social, "{answers:?}");
            assert_eq!(got.total(), expected_emotional + expected_social);
            assert!(got.total() <= 6);
            seen += 1;
        }
        assert_eq!(seen, 729);
    }

    #[test]
    fn every_score_the_test_gives_may_be_shared() {
        for answer in Answer::ALL {
            let shared = score(&[answer; 6]).shared(Some("centrum".into()));
            assert_eq!(shared.validate(), Ok(()), "{answer:?}");
        }
        let most = score(&[Answer::MinOfMeer; 6]);
        assert_eq!((most.emotional, most.social), (3, 3));
        assert_eq!(most.emotional, SharedResult::MAX_PART);
        assert_eq!(most.social, SharedResult::MAX_PART);
    }

    #[test]
    fn the_items_are_three_emotional_and_three_social() {
        let emotional = ITEMS.iter().filter(|i| i.part == Part::Emotional).count();
        assert_eq!((emotional, ITEMS.len() - emotional), (3, 3));
    }

    #[test]
    fn levels_and_kinds() {
        let s = |emotional, social| Score { emotional, social };
        assert_eq!(s(0, 1).level(), Level::NotLonely);
        assert_eq!(s(1, 1).level(), Level::Moderate);
        assert_eq!(s(3, 2).level(), Level::Strong);
        assert_eq!(s(0, 3).kinds(), vec![LonelinessType::Social]);
        assert_eq!(s(3, 0).kinds(), vec![LonelinessType::Emotional]);
        assert_eq!(
            s(2, 3).kinds(),
            vec![LonelinessType::Social, LonelinessType::Emotional]
        );
        assert!(s(1, 1).kinds().is_empty());
    }

    #[test]
    fn suggestions_fit_the_kind_and_put_the_wijk_first() {
        let catalogue: Catalogue =
            serde_json::from_str(include_str!("../tests/sample-catalogue.json")).unwrap();
        for kind in LonelinessType::ALL {
            for a in suggest(&catalogue, kind, None, 10) {
                assert!(a.loneliness_types.contains(&kind));
                assert!(fitting_kinds(kind).contains(&a.kind));
            }
        }
        // The fitting activity that sorts last moves to a wijk: asked for that wijk,
        // it comes first.
        let mut catalogue = catalogue;
        let last = suggest(&catalogue, LonelinessType::Social, None, 100)
            .last()
            .map(|a| a.id.clone())
            .expect("the sample has a social activity");
        let moved = catalogue
            .activities
            .iter_mut()
            .find(|a| a.id == last)
            .unwrap();
        moved.wijk = Some("oost".into());
        let near = suggest(&catalogue, LonelinessType::Social, Some("oost"), 100);
        assert_eq!(near[0].id, last);
        let far = suggest(&catalogue, LonelinessType::Social, Some("west"), 100);
        assert_eq!(far.last().unwrap().id, last);
    }
}
