//! One sort for the whole app, to keep the wasm small.
//!
//! The standard library's sorts are generic over the element type and the comparison: each call
//! with its own closure compiles to its own copy of the sort (a merge sort, a quicksort and their
//! small-slice paths: 3–4 kB of wasm), and the app's 16 sorts made 60 kB, 7 % of its code
//! (`scripts/size-report.sh --by-crate`). Here every sort goes through one copy: the slice's
//! positions are sorted, by a comparison behind a `dyn` reference (so the standard sort is made
//! once, for `usize` and that reference), and the slice is then put in that order in place.
//! What each call adds is that small, generic, permutation.
//!
//! The cost: a vector of positions and an indirect call per comparison. The app sorts at most a
//! few tens of thousands of items at load (a file's rows) and 88 on a date step (the ranking's
//! bars); both stay well under a millisecond.

use std::cmp::Ordering;

/// Sorts `v` by `compare`, stably: equal elements keep their order. The same result as
/// [`slice::sort_by`], through one shared copy of the standard sort (see the module's header).
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order: Vec<usize> = (0..v.len()).collect();
    {
        let items = &*v;
        let mut by_position = |a: &usize, b: &usize| compare(&items[*a], &items[*b]);
        let shared: &mut dyn FnMut(&usize, &usize) -> Ordering = &mut by_position;
        order.sort_by(shared);
    }
    permute(v, &mut order);
}

/// Sorts `v` by the key `key` gives each element, stably (as [`slice::sort_by_key`]).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in ascending order, stably (as [`slice::sort`]).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Puts `v` in the order `order` gives, in place: position `i` receives the element that was at
/// `order[i]`. Each cycle of the permutation is followed once, swapping as it goes; `order` is
/// used up (its entries are marked as they are placed).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    const PLACED: usize = usize::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != PLACED {
            let from = order[at];
            order[at] = PLACED;
            if from == start {
                // The cycle is closed: the element that was at `start` has reached `at`.
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_as_the_standard_sort() {
        // Pairs compared by their first member only: the second tells whether ties kept their order.
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e'), (3, 'f')];
        sort_by(&mut v, |a, b| a.0.cmp(&b.0));
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c'), (3, 'f')]);
        sort_by_key(&mut v, |p| std::cmp::Reverse(p.0));
        assert_eq!(v, [(3, 'a'), (3, 'c'), (3, 'f'), (2, 'd'), (1, 'b'), (1, 'e')]);
        let mut words = vec!["pear", "apple", "fig"];
        sort(&mut words);
        assert_eq!(words, ["apple", "fig", "pear"]);
    }

    #[test]
    fn short_and_sorted_slices_are_left_as_they_are() {
        let mut empty: Vec<u8> = vec![];
        sort(&mut empty);
        let mut one = vec![7];
        sort(&mut one);
        assert_eq!(one, [7]);
        let mut sorted: Vec<u32> = (0..50).collect();
        sort(&mut sorted);
        assert!(sorted.iter().copied().eq(0..50));
        let mut reversed: Vec<u32> = (0..50).rev().collect();
        sort(&mut reversed);
        assert!(reversed.iter().copied().eq(0..50), "one long cycle of swaps");
    }

    #[test]
    fn moves_elements_that_own_memory() {
        let mut v: Vec<String> = ["delta", "alpha", "charlie", "bravo"].map(String::from).to_vec();
        sort_by_key(&mut v, |s| s.len());
        assert_eq!(v, ["delta", "alpha", "bravo", "charlie"]);
    }

    // proptest is a native dev-dependency only (Cargo.toml).
    #[cfg(not(target_arch = "wasm32"))]
    mod random {
        use super::super::sort_by_key;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn agrees_with_the_standard_stable_sort(v in proptest::collection::vec((0u8..8, any::<u16>()), 0..300)) {
                let mut ours = v.clone();
                let mut std = v;
                sort_by_key(&mut ours, |p| p.0);
                std.sort_by_key(|p| p.0);
                prop_assert_eq!(ours, std);
            }
        }
    }
}
