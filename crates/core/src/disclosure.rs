//! Small numbers are never shown: the privacy rule for every count the programme lead
//! sees or exports (issue "Tellen en vertellen").
//!
//! A count below [`THRESHOLD`] could point to a person ("the 3 notes from Kerkelanden
//! this month"), so it is hidden (primary suppression). A table also shows its row and
//! column totals, and a single hidden cell in a line could be worked back as total minus
//! the rest; so wherever a line has exactly one hidden entry, a second one in that line
//! is hidden too (secondary suppression), the smallest shown cell, until no line has
//! exactly one. Totals take part like any cell: a total below the threshold is hidden,
//! and the row of totals must not give away one hidden total either.
//!
//! This is the rule statistical offices call cell suppression with the "at least two per
//! line" check (CBS, Eurostat's τ-ARGUS manual, chapter 4). It protects a table on its
//! own. Two tables of the same data cut two ways (by wijk, by month) can still be
//! combined; the reports keep such tables coarse (half years, whole wijken), and
//! `docs/privacy.md` says so.

/// No count below this is shown.
pub const THRESHOLD: u64 = 10;

/// A count as it may be shown. On the wire: `{"count": 12}`, `"small"` or `"hidden"`,
/// so a raw count under the threshold never leaves the server.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Shown {
    Count(u64),
    /// Below the threshold: shown as "minder dan 10".
    Small,
    /// Hidden so that a small one in its line cannot be worked back ("verborgen").
    /// Saying which hidden cell is the small one gives nothing away: it still lies
    /// anywhere between 0 and 9.
    Hidden,
}

impl Shown {
    pub fn count(self) -> Option<u64> {
        match self {
            Shown::Count(n) => Some(n),
            Shown::Small | Shown::Hidden => None,
        }
    }

    pub fn is_shown(self) -> bool {
        matches!(self, Shown::Count(_))
    }
}

/// A table of counts with its totals, as it may be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Protected {
    pub cells: Vec<Vec<Shown>>,
    pub row_totals: Vec<Shown>,
    pub column_totals: Vec<Shown>,
    pub total: Shown,
}

/// A list of counts with its total (one dimension, e.g. notes per channel).
pub fn protect_list(counts: &[u64]) -> (Vec<Shown>, Shown) {
    let table = protect_table(&[counts.to_vec()]);
    let cells = table.cells.into_iter().next().unwrap_or_default();
    (cells, table.total)
}

/// Protects a table whose rows all have the same length. The totals are computed here
/// from the cells, so what is shown always adds up.
pub fn protect_table(rows: &[Vec<u64>]) -> Protected {
    let width = rows.first().map_or(0, Vec::len);
    assert!(
        rows.iter().all(|r| r.len() == width),
        "every row of a table has the same number of cells"
    );
    let height = rows.len();

    // The table extended by its totals: column `width` holds the row totals, row
    // `height` the column totals, and the corner the grand total. Then every line,
    // totals included, is "cells add up to its last entry".
    let mut grid: Vec<Vec<u64>> = rows
        .iter()
        .map(|r| {
            let mut line = r.clone();
            line.push(r.iter().sum());
            line
        })
        .collect();
    let mut totals_row: Vec<u64> = (0..width)
        .map(|c| rows.iter().map(|r| r[c]).sum())
        .collect();
    totals_row.push(totals_row.iter().sum());
    grid.push(totals_row);

    let mut hidden: Vec<Vec<bool>> = grid
        .iter()
        .map(|line| line.iter().map(|&n| n < THRESHOLD).collect())
        .collect();

    // A line with a single row (or a single column) says nothing more than its total;
    // it is checked all the same: it then has two entries, cell and total, equal.
    loop {
        let mut changed = false;
        for r in 0..=height {
            let line: Vec<(usize, usize)> = (0..=width).map(|c| (r, c)).collect();
            changed |= hide_a_second(&grid, &mut hidden, &line);
        }
        for c in 0..=width {
            let line: Vec<(usize, usize)> = (0..=height).map(|r| (r, c)).collect();
            changed |= hide_a_second(&grid, &mut hidden, &line);
        }
        if !changed {
            break;
        }
    }

    let shown = |r: usize, c: usize| match (hidden[r][c], grid[r][c]) {
        (false, n) => Shown::Count(n),
        (true, n) if n < THRESHOLD => Shown::Small,
        (true, _) => Shown::Hidden,
    };
    Protected {
        cells: (0..height)
            .map(|r| (0..width).map(|c| shown(r, c)).collect())
            .collect(),
        row_totals: (0..height).map(|r| shown(r, width)).collect(),
        column_totals: (0..width).map(|c| shown(height, c)).collect(),
        total: shown(height, width),
    }
}

/// If exactly one entry of `line` is hidden, hides the smallest shown one (a total only
/// when no cell is left). Returns whether it hid something.
fn hide_a_second(grid: &[Vec<u64>], hidden: &mut [Vec<bool>], line: &[(usize, usize)]) -> bool {
    let hidden_count = line.iter().filter(|&&(r, c)| hidden[r][c]).count();
    if hidden_count != 1 {
        return false;
    }
    let last = *line.last().expect("a line has its total");
    let candidate = line
        .iter()
        .copied()
        .filter(|&(r, c)| !hidden[r][c])
        // Cells before the total; among equals the first, so the result is stable.
        .min_by_key(|&(r, c)| ((r, c) == last, grid[r][c]));
    match candidate {
        Some((r, c)) => {
            hidden[r][c] = true;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::{Count, Hidden, Small};

    /// The guarantee, checked on any table: nothing below the threshold is shown, what
    /// is shown is the true count, and no line has exactly one hidden entry.
    fn assert_safe(rows: &[Vec<u64>], p: &Protected) {
        let width = rows.first().map_or(0, Vec::len);
        let mut grid: Vec<Vec<(u64, Shown)>> = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                let mut line: Vec<(u64, Shown)> = row
                    .iter()
                    .enumerate()
                    .map(|(c, &n)| (n, p.cells[r][c]))
                    .collect();
                line.push((row.iter().sum(), p.row_totals[r]));
                line
            })
            .collect();
        let mut totals: Vec<(u64, Shown)> = (0..width)
            .map(|c| (rows.iter().map(|r| r[c]).sum(), p.column_totals[c]))
            .collect();
        totals.push((rows.iter().flatten().sum(), p.total));
        grid.push(totals);
        for line in &grid {
            for &(n, shown) in line {
                match shown {
                    Count(m) => {
                        assert_eq!(m, n);
                        assert!(m >= THRESHOLD, "{m} shown");
                    }
                    Small => assert!(n < THRESHOLD),
                    Hidden => assert!(n >= THRESHOLD),
                }
            }
            assert_ne!(
                line.iter().filter(|e| !e.1.is_shown()).count(),
                1,
                "{line:?}"
            );
        }
        for c in 0..=width {
            let hidden = grid.iter().filter(|line| !line[c].1.is_shown()).count();
            assert_ne!(hidden, 1, "column {c}");
        }
    }

    #[test]
    fn large_counts_are_all_shown() {
        let rows = vec![vec![12, 40], vec![25, 10]];
        let p = protect_table(&rows);
        assert_safe(&rows, &p);
        assert_eq!(
            p.cells,
            vec![vec![Count(12), Count(40)], vec![Count(25), Count(10)]]
        );
        assert_eq!(p.total, Count(87));
    }

    #[test]
    fn one_small_cell_takes_a_second_with_it_in_its_row_and_column() {
        // Notes per wijk (rows) and channel (columns).
        let rows = vec![vec![3, 40, 22], vec![15, 30, 18], vec![11, 12, 50]];
        let p = protect_table(&rows);
        assert_safe(&rows, &p);
        assert_eq!(p.cells[0][0], Small);
        // Row 0's smallest other cell, and column 0's smallest other cell.
        assert_eq!(p.cells[0][2], Hidden);
        assert_eq!(p.cells[2][0], Hidden);
        // Totals stay: each is 10 or more and its line has two hidden cells.
        assert_eq!(p.total, Count(201));
        assert_eq!(p.row_totals, vec![Count(65), Count(63), Count(73)]);
    }

    #[test]
    fn a_list_with_one_small_count_hides_the_next_smallest_too() {
        // Notes by channel: 4 by phone would otherwise be 100 − 60 − 36.
        let (cells, total) = protect_list(&[60, 4, 36]);
        assert_eq!(cells, vec![Count(60), Small, Hidden]);
        assert_eq!(total, Count(100));
    }

    #[test]
    fn a_small_total_hides_everything_in_its_line() {
        let (cells, total) = protect_list(&[3, 2]);
        assert_eq!(cells, vec![Small, Small]);
        assert_eq!(total, Small);
    }

    #[test]
    fn zero_is_a_small_number_too() {
        let (cells, _) = protect_list(&[0, 50, 50]);
        assert_eq!(cells[0], Small);
        assert_eq!(cells.iter().filter(|c| !c.is_shown()).count(), 2);
    }

    #[test]
    fn a_single_column_hides_a_total_when_one_cell_is_small() {
        // One cell per row: the row total equals the cell, both hidden together.
        let rows = vec![vec![4], vec![30], vec![25]];
        let p = protect_table(&rows);
        assert_safe(&rows, &p);
        assert_eq!(p.cells[0][0], Small);
        assert_eq!(p.row_totals[0], Small);
    }

    #[test]
    fn every_table_is_safe() {
        // Random tables with many small numbers, the hard case.
        let mut rng = fastrand::Rng::with_seed(10);
        for _ in 0..3000 {
            let height = rng.usize(1..6);
            let width = rng.usize(1..6);
            let rows: Vec<Vec<u64>> = (0..height)
                .map(|_| {
                    (0..width)
                        .map(|_| {
                            if rng.bool() {
                                rng.u64(0..10)
                            } else {
                                rng.u64(10..80)
                            }
                        })
                        .collect()
                })
                .collect();
            assert_safe(&rows, &protect_table(&rows));
        }
    }

    #[test]
    fn an_empty_table_shows_no_total() {
        let p = protect_table(&[]);
        assert_eq!(p.total, Small);
        assert!(p.cells.is_empty());
    }
}
