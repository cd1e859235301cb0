//! The programme itself as data: the actions of the agenda's chapter 7 (per pillar, with
//! target group and planning, as the agenda words them) and chapter 9's budget table.
//! The programme lead counts what the app reaches against these (issue "Tellen en
//! vertellen"); `data/actions.json` and `data/budget.json` are the first version.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One of the six pillars (chapters 4.3 and 5; chapter 7 orders its tables by them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pillar {
    pub number: u8,
    pub id: String,
    pub name: String,
    /// The aim as chapter 7's table heading states it; pillars 3–6 have none there.
    pub aim: Option<String>,
}

/// One row of a chapter 7 table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: String,
    pub pillar: u8,
    pub name: String,
    pub description: String,
    /// "Doelgroep" as written; empty in the agenda for some rows.
    pub target_group: Option<String>,
    /// "Planning" as written: free text, because the agenda plans in words
    /// ("Start in 2024, daarna continu").
    pub planning: String,
    /// The first quarter the planning names (`2024-Q2`, or a bare year), for sorting
    /// and for "should have started by now"; `None` where the planning names no start.
    pub start_quarter: Option<String>,
    /// A row of the specification under another action (the communication plan's
    /// parts, the monitoring's evaluations).
    #[serde(default)]
    pub part_of: Option<String>,
    /// Where we read the agenda rather than copied it.
    #[serde(default)]
    pub note: Option<String>,
    pub source: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actions {
    pub source: String,
    pub pillars: Vec<Pillar>,
    pub actions: Vec<Action>,
}

/// Chapter 9: amounts per line and year, in whole euros; `None` where the agenda has "-".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub source: String,
    pub currency: String,
    pub years: Vec<u16>,
    pub lines: Vec<BudgetLine>,
    pub totals: Vec<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetLine {
    pub id: String,
    pub name: String,
    pub amounts: Vec<Option<u64>>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProgrammeError {
    #[error("action `{0}` appears twice")]
    DuplicateAction(String),
    #[error("action `{action}` names pillar {pillar}, which does not exist")]
    UnknownPillar { action: String, pillar: u8 },
    #[error("action `{action}` is part of `{parent}`, which does not exist or is itself a part")]
    UnknownParent { action: String, parent: String },
    #[error("action `{action}`: start quarter `{value}` is not like 2024 or 2024-Q3")]
    BadQuarter { action: String, value: String },
    #[error("budget line `{0}` has a different number of amounts than there are years")]
    BudgetShape(String),
    #[error("the budget's total for {year} is {stated}, its lines add up to {summed}")]
    BudgetTotal { year: u16, stated: u64, summed: u64 },
}

impl Actions {
    /// Checks what a typo in the data file would break: ids, pillars, parents, quarters.
    pub fn check(&self) -> Result<(), ProgrammeError> {
        let mut seen = std::collections::HashSet::new();
        for action in &self.actions {
            if !seen.insert(action.id.as_str()) {
                return Err(ProgrammeError::DuplicateAction(action.id.clone()));
            }
            if !self.pillars.iter().any(|p| p.number == action.pillar) {
                return Err(ProgrammeError::UnknownPillar {
                    action: action.id.clone(),
                    pillar: action.pillar,
                });
            }
            if let Some(value) = &action.start_quarter {
                if Quarter::parse(value).is_none() {
                    return Err(ProgrammeError::BadQuarter {
                        action: action.id.clone(),
                        value: value.clone(),
                    });
                }
            }
        }
        for action in &self.actions {
            if let Some(parent) = &action.part_of {
                let top_level = self
                    .actions
                    .iter()
                    .any(|a| &a.id == parent && a.part_of.is_none());
                if !top_level {
                    return Err(ProgrammeError::UnknownParent {
                        action: action.id.clone(),
                        parent: parent.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

impl Budget {
    pub fn check(&self) -> Result<(), ProgrammeError> {
        for line in &self.lines {
            if line.amounts.len() != self.years.len() {
                return Err(ProgrammeError::BudgetShape(line.id.clone()));
            }
        }
        if self.totals.len() != self.years.len() {
            return Err(ProgrammeError::BudgetShape("totals".into()));
        }
        for (i, (&year, &stated)) in self.years.iter().zip(&self.totals).enumerate() {
            let summed = self.lines.iter().filter_map(|l| l.amounts[i]).sum();
            if summed != stated {
                return Err(ProgrammeError::BudgetTotal {
                    year,
                    stated,
                    summed,
                });
            }
        }
        Ok(())
    }
}

/// A planning quarter; a bare year means "some time that year" and sorts as its first
/// quarter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Quarter {
    pub year: u16,
    pub quarter: Option<u8>,
}

impl Quarter {
    pub fn parse(text: &str) -> Option<Self> {
        let (year, quarter) = match text.split_once("-Q") {
            Some((year, q)) => (
                year,
                Some(q.parse::<u8>().ok().filter(|q| (1..=4).contains(q))?),
            ),
            None => (text, None),
        };
        let year = year
            .parse::<u16>()
            .ok()
            .filter(|y| (2000..=2100).contains(y))?;
        Some(Quarter { year, quarter })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actions() -> Actions {
        serde_json::from_str(include_str!("../../../data/actions.json")).unwrap()
    }

    fn budget() -> Budget {
        serde_json::from_str(include_str!("../../../data/budget.json")).unwrap()
    }

    #[test]
    fn the_agendas_actions_are_consistent() {
        let actions = actions();
        actions.check().unwrap();
        assert_eq!(actions.pillars.len(), 6);
        // Every pillar of chapter 7 has at least one action of its own.
        for pillar in &actions.pillars {
            assert!(
                actions
                    .actions
                    .iter()
                    .any(|a| a.pillar == pillar.number && a.part_of.is_none()),
                "pillar {} has no action",
                pillar.number
            );
        }
        assert!(actions
            .actions
            .iter()
            .all(|a| a.source.contains("hoofdstuk 7")));
    }

    #[test]
    fn the_budget_adds_up_as_the_agenda_says() {
        let budget = budget();
        budget.check().unwrap();
        assert_eq!(budget.years.first(), Some(&2024));
        assert_eq!(budget.totals[0], 225_000);
    }

    #[test]
    fn a_wrong_total_is_named() {
        let mut budget = budget();
        budget.totals[1] += 1;
        assert_eq!(
            budget.check(),
            Err(ProgrammeError::BudgetTotal {
                year: 2025,
                stated: 215_001,
                summed: 215_000
            })
        );
    }

    #[test]
    fn broken_references_are_named() {
        let mut actions = actions();
        actions.actions[1].part_of = Some("nergens".into());
        assert!(matches!(
            actions.check(),
            Err(ProgrammeError::UnknownParent { .. })
        ));
        let mut actions = self::tests::actions();
        actions.actions[0].pillar = 9;
        assert!(matches!(
            actions.check(),
            Err(ProgrammeError::UnknownPillar { pillar: 9, .. })
        ));
        let mut actions = self::tests::actions();
        let copy = actions.actions[0].clone();
        actions.actions.push(copy);
        assert!(matches!(
            actions.check(),
            Err(ProgrammeError::DuplicateAction(_))
        ));
    }

    #[test]
    fn quarters_parse_and_sort() {
        assert_eq!(
            Quarter::parse("2024-Q3"),
            Some(Quarter {
                year: 2024,
                quarter: Some(3)
            })
        );
        assert_eq!(
            Quarter::parse("2024"),
            Some(Quarter {
                year: 2024,
                quarter: None
            })
        );
        for bad in ["2024-Q5", "24", "2024-Q", "Q3", ""] {
            assert_eq!(Quarter::parse(bad), None, "{bad}");
        }
        assert!(Quarter::parse("2024").unwrap() < Quarter::parse("2024-Q1").unwrap());
        assert!(Quarter::parse("2024-Q4").unwrap() < Quarter::parse("2025").unwrap());
    }
}
