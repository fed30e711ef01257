//! "Did you mean ...?": the closest name by edit distance, when it is close enough to be a typo.
//!
//! A KB has thousands of ids and a broken one is compared with all of them, so each candidate
//! is measured once ([`Candidates`]: its length in characters and a bag of its characters) and
//! most are ruled out by two lower bounds of the distance before any table is filled: the
//! difference in length, and half the difference of the bags (an insertion or a deletion
//! changes the bag by one, a substitution by two).

/// A set of names to suggest from, measured once.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    names: Vec<Candidate>,
}

#[derive(Debug, Clone)]
struct Candidate {
    name: Box<str>,
    chars: usize,
    bag: Bag,
}

/// How often each character occurs, folded into 32 buckets (a collision only lowers the bound).
type Bag = [u8; 32];

fn bag(s: &str) -> Bag {
    let mut bag = [0u8; 32];
    for c in s.chars() {
        let slot = &mut bag[c as usize % 32];
        *slot = slot.saturating_add(1);
    }
    bag
}

/// A lower bound of the edit distance between the strings of two bags.
fn bag_bound(a: &Bag, b: &Bag) -> usize {
    let l1: usize = a.iter().zip(b).map(|(x, y)| usize::from(x.abs_diff(*y))).sum();
    l1.div_ceil(2)
}

impl Candidates {
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        let names =
            names.into_iter().map(|n| Candidate { name: n.into(), chars: n.chars().count(), bag: bag(n) }).collect();
        Self { names }
    }

    /// The closest candidate to `name` (not `name` itself), if it is a typo away: within a third
    /// of its length, and at least 2. Ties go to the first in alphabetical order.
    pub fn closest(&self, name: &str) -> Option<&str> {
        let chars = name.chars().count();
        let limit = (chars / 3).max(2);
        let name_bag = bag(name);
        self.names
            .iter()
            .filter(|c| c.chars.abs_diff(chars) <= limit && &*c.name != name)
            .filter(|c| bag_bound(&c.bag, &name_bag) <= limit)
            .filter_map(|c| Some((edit_distance_within(name, &c.name, c.chars, limit)?, &*c.name)))
            .min()
            .map(|(_, c)| c)
    }
}

/// The closest of `candidates` to `name`, for a set used once.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let chars = name.chars().count();
    let limit = (chars / 3).max(2);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        // The distance is at least the difference in characters, and a character is at most 4 bytes.
        .filter(|c| c.len().abs_diff(name.len()) <= 4 * limit)
        .filter_map(|c| Some((edit_distance_within(name, c, c.chars().count(), limit)?, c)))
        .min()
        .map(|(_, c)| c)
}

/// The edit distance if it is at most `limit` (`n`: the characters of `b`): gives up on a row
/// whose every entry exceeds it, so a near-miss costs a few rows per candidate, not the whole
/// table. Ids and paths are short: up to 64 characters are compared without allocating.
fn edit_distance_within(a: &str, b: &str, n: usize, limit: usize) -> Option<usize> {
    const SHORT: usize = 64;
    let mut b_short = ['\0'; SHORT];
    let mut row_short = [0usize; SHORT + 1];
    let (b_long, mut row_long);
    let (b, row): (&[char], &mut [usize]) = if n <= SHORT {
        for (slot, c) in b_short.iter_mut().zip(b.chars()) {
            *slot = c;
        }
        (&b_short[..n], &mut row_short[..=n])
    } else {
        b_long = b.chars().collect::<Vec<char>>();
        row_long = vec![0; n + 1];
        (&b_long, &mut row_long)
    };
    for (j, cell) in row.iter_mut().enumerate() {
        *cell = j;
    }
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        let mut best = row[0];
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(cur).min(row[j]) };
            best = best.min(row[j + 1]);
            prev = cur;
        }
        if best > limit {
            return None;
        }
    }
    Some(row[n]).filter(|&d| d <= limit)
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    edit_distance_within(a, b, b.chars().count(), usize::MAX).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_typos_only() {
        assert_eq!(closest("gd-varaints", ["gd-variants", "lora"]), Some("gd-variants"));
        assert_eq!(closest("completely-else", ["gd-variants", "lora"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        // Past the 64 characters compared without allocating, and with a limit.
        let long = "a".repeat(70);
        assert_eq!(edit_distance(&long, &format!("{}bc", "a".repeat(68))), 2);
        assert_eq!(edit_distance("√dₖ", "dₖ"), 1);
        assert_eq!(edit_distance_within("abcdef", "uvwxyz", 6, 2), None);
        assert_eq!(edit_distance_within("abcdef", "abcxef", 6, 2), Some(1));
    }

    #[test]
    fn the_bounds_never_rule_out_the_answer() {
        let ids = ["gd-variants", "lora", "mixed-precision-00149", "mixed-precision-00194", "kv-cache", "√dₖ", "dₖ"];
        let measured = Candidates::new(ids);
        for probe in
            ["gd-varaints", "mixed-precision-0149", "mixed-precison-00194", "kv-cahe", "lorra", "xyz", "d", "√d"]
        {
            assert_eq!(measured.closest(probe), closest(probe, ids), "{probe}");
        }
        // Every candidate, against every other, gives the same answer with and without bounds.
        for a in ids {
            for b in ids {
                let d = edit_distance(a, b);
                assert!(bag_bound(&bag(a), &bag(b)) <= d, "{a} {b}");
                assert!(a.chars().count().abs_diff(b.chars().count()) <= d);
            }
        }
    }
}
