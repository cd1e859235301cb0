//! "Waarheen verwijzen?": which partners offer each kind of help in a wijk, for a
//! coordinator or outreach worker looking for where to send someone (pillar 5: partners
//! know each other's offer so they can refer to each other). Built from the catalogue
//! on the device, so it works on a home visit without signal too.

use crate::model::{Activity, ActivityKind, Audience, Organisation};
use crate::search::Filter;
use crate::Catalogue;

/// One kind of help with the partners that offer it.
#[derive(Debug)]
pub struct HelpKind<'a> {
    pub kind: ActivityKind,
    pub partners: Vec<Partner<'a>>,
}

/// An organisation with its activities of one kind that pass the filter.
#[derive(Debug)]
pub struct Partner<'a> {
    pub organisation_id: &'a str,
    /// `None` when the catalogue does not know the organisation (an import gap): the
    /// activities still show, under their id.
    pub organisation: Option<&'a Organisation>,
    /// With a wijk asked for, those in it first, then those for the whole city; by name.
    pub activities: Vec<&'a Activity>,
}

impl Partner<'_> {
    pub fn name(&self) -> &str {
        self.organisation.map_or(self.organisation_id, |o| &o.name)
    }

    /// Whether any of its activities is in the wijk itself, not only city-wide.
    fn local(&self) -> bool {
        self.activities.iter().any(|a| a.wijk.is_some())
    }
}

/// The partners by kind of help, in the order of `ActivityKind::ALL`, for residents
/// (trainings for professionals are not a place to send someone). `filter` narrows by
/// wijk (city-wide offer always counts), group and kind of loneliness; `only` keeps one
/// kind. Within a kind, partners with offer in the wijk itself come first when a wijk
/// was asked for; otherwise all are by name.
pub fn by_kind_of_help<'a>(
    catalogue: &'a Catalogue,
    filter: &Filter,
    only: Option<ActivityKind>,
) -> Vec<HelpKind<'a>> {
    let filter = Filter {
        audience: Audience::Residents,
        ..filter.clone()
    };
    ActivityKind::ALL
        .into_iter()
        .filter(|k| only.is_none_or(|o| o == *k))
        .filter_map(|kind| {
            let mut partners: Vec<Partner<'a>> = Vec::new();
            for a in catalogue
                .activities
                .iter()
                .filter(|a| a.kind == kind && filter.admits(a))
            {
                match partners
                    .iter_mut()
                    .find(|p| p.organisation_id == a.organisation_id)
                {
                    Some(p) => p.activities.push(a),
                    None => partners.push(Partner {
                        organisation_id: &a.organisation_id,
                        organisation: catalogue.organisation(&a.organisation_id),
                        activities: vec![a],
                    }),
                }
            }
            // The wijk's own offer first only when a wijk was asked for; else by name.
            let by_place = filter.wijk.is_some();
            for p in &mut partners {
                p.activities.sort_by(|a, b| {
                    (by_place && a.wijk.is_none(), &a.name)
                        .cmp(&(by_place && b.wijk.is_none(), &b.name))
                });
            }
            partners.sort_by(|a, b| {
                (by_place && !a.local(), a.name()).cmp(&(by_place && !b.local(), b.name()))
            });
            (!partners.is_empty()).then_some(HelpKind { kind, partners })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TargetGroup;

    fn catalogue() -> Catalogue {
        Catalogue {
            organisations: read(include_str!("../../../data/organisations.json")),
            activities: read(include_str!("../../../data/activities.json")),
            wijken: read(include_str!("../../../data/wijken.json")),
            ..Catalogue::default()
        }
    }

    fn read<T: serde::de::DeserializeOwned>(text: &str) -> T {
        serde_json::from_str(text).expect("data/ parses")
    }

    fn ids(kinds: &[HelpKind]) -> Vec<String> {
        kinds
            .iter()
            .flat_map(|k| k.partners.iter())
            .flat_map(|p| p.activities.iter().map(|a| a.id.clone()))
            .collect()
    }

    #[test]
    fn every_residents_activity_is_listed_once_without_a_filter() {
        let c = catalogue();
        let listed = ids(&by_kind_of_help(&c, &Filter::default(), None));
        let residents = c
            .activities
            .iter()
            .filter(|a| a.audience.reaches(Audience::Residents))
            .count();
        assert_eq!(listed.len(), residents);
        let mut unique = listed.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), listed.len(), "no activity twice");
    }

    #[test]
    fn trainings_for_professionals_are_not_a_referral() {
        let c = catalogue();
        let listed = ids(&by_kind_of_help(&c, &Filter::default(), None));
        for a in c
            .activities
            .iter()
            .filter(|a| a.audience == Audience::Professionals)
        {
            assert!(!listed.contains(&a.id), "{} is for professionals", a.id);
        }
    }

    #[test]
    fn a_wijk_keeps_its_own_and_the_city_wide_offer_with_its_own_first() {
        let c = catalogue();
        let wijk = c
            .activities
            .iter()
            .find_map(|a| a.wijk.clone())
            .expect("the seed has an activity in one wijk");
        let filter = Filter {
            wijk: Some(wijk.clone()),
            ..Filter::default()
        };
        let kinds = by_kind_of_help(&c, &filter, None);
        for p in kinds.iter().flat_map(|k| k.partners.iter()) {
            for a in &p.activities {
                assert!(a.wijk.as_deref().is_none_or(|w| w == wijk), "{}", a.id);
            }
            let local: Vec<bool> = p.activities.iter().map(|a| a.wijk.is_some()).collect();
            assert!(local.windows(2).all(|w| w[0] >= w[1]), "own wijk first");
        }
        for k in &kinds {
            let local: Vec<bool> = k.partners.iter().map(Partner::local).collect();
            assert!(
                local.windows(2).all(|w| w[0] >= w[1]),
                "local partners first"
            );
        }
        let everywhere = ids(&by_kind_of_help(&c, &Filter::default(), None)).len();
        let here = ids(&kinds).len();
        assert!(here < everywhere, "another wijk's offer is left out");
    }

    #[test]
    fn one_kind_and_a_group_narrow_the_list() {
        let c = catalogue();
        let kind = c.activities[0].kind;
        let kinds = by_kind_of_help(&c, &Filter::default(), Some(kind));
        assert_eq!(kinds.len(), 1);
        assert_eq!(kinds[0].kind, kind);
        let seniors = Filter {
            target_group: Some(TargetGroup::Youth),
            ..Filter::default()
        };
        for a in by_kind_of_help(&c, &seniors, None)
            .iter()
            .flat_map(|k| k.partners.iter())
            .flat_map(|p| p.activities.iter())
        {
            assert!(
                a.target_groups.contains(&TargetGroup::Youth)
                    || a.target_groups.contains(&TargetGroup::Everyone),
                "{}",
                a.id
            );
        }
    }

    #[test]
    fn a_partner_groups_its_activities_and_is_named_from_the_catalogue() {
        let c = catalogue();
        for p in by_kind_of_help(&c, &Filter::default(), None)
            .iter()
            .flat_map(|k| k.partners.iter())
        {
            assert!(p.organisation.is_some(), "{} is known", p.organisation_id);
            assert!(p
                .activities
                .iter()
                .all(|a| a.organisation_id == p.organisation_id));
        }
    }
}
