//! Collecting into a `Vec` with one plain loop. `iter.map(f).collect()` instantiates the
//! iterator adapters' code (`Map::next`/`fold`, `Vec`'s `from_iter`, and for a `Result` or an
//! `Option` `GenericShunt::next`) for each call site; in the wasm that measured about half a KB
//! per fallible site and a few dozen bytes per infallible one (`docs/size.md`, issue 19/20).
//! Same items, same order, same first error.

use std::cmp::Ordering;

/// `items.into_iter().map(f).collect::<Result<Vec<_>, _>>()` written as a loop: the same vector
/// and the same first error, without the iterator adapters (`GenericShunt`, `from_iter`) that
/// `collect` instantiates for each call site — about half a KB of wasm each.
pub fn try_map<T, U, E>(
    items: impl IntoIterator<Item = T>,
    mut f: impl FnMut(T) -> std::result::Result<U, E>,
) -> std::result::Result<Vec<U>, E> {
    let mut out = Vec::new();
    for item in items {
        out.push(f(item)?);
    }
    Ok(out)
}

/// `items.into_iter().map(f).collect::<Vec<_>>()` written as a loop (the capacity from the
/// iterator's lower bound, as `collect` takes it): the same vector without the iterator adapter
/// code `collect` instantiates for each call site.
pub fn map_vec<T, U>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(T) -> U) -> Vec<U> {
    let items = items.into_iter();
    let mut out = Vec::with_capacity(items.size_hint().0);
    for item in items {
        out.push(f(item));
    }
    out
}

/// `items.into_iter().filter_map(f).collect::<Vec<_>>()` written as a loop: the same items in
/// the same order, without the `FilterMap::next` and `Vec::from_iter` (which peels the first
/// item, so the closure is inlined twice) that `collect` instantiates for each call site. A
/// `.filter(p).map(g)` is `filter_map_vec(items, |x| p(&x).then(|| g(x)))`.
pub fn filter_map_vec<T, U>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(T) -> Option<U>) -> Vec<U> {
    let mut out = Vec::new();
    for item in items {
        if let Some(x) = f(item) {
            out.push(x);
        }
    }
    out
}

/// `items.into_iter().flat_map(f).collect::<Vec<_>>()` written as a loop: the same items in the
/// same order, without `FlatMap::next` and `Vec::from_iter` per call site.
pub fn flat_map_vec<T, I: IntoIterator>(items: impl IntoIterator<Item = T>, mut f: impl FnMut(T) -> I) -> Vec<I::Item> {
    let mut out = Vec::new();
    for item in items {
        out.extend(f(item));
    }
    out
}

/// The indices `0..len`, stably ordered by `cmp` (equal items keep their index order): a
/// bottom-up merge sort.
pub fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = from.clone();
    let mut width = 1;
    while width < len {
        let mut start = 0;
        while start < len {
            let mid = len.min(start + width);
            let end = len.min(mid + width);
            let (mut i, mut j) = (start, mid);
            for slot in &mut to[start..end] {
                // The left run wins ties, which keeps the sort stable.
                if j == end || (i < mid && cmp(from[i], from[j]) != Ordering::Greater) {
                    *slot = from[i];
                    i += 1;
                } else {
                    *slot = from[j];
                    j += 1;
                }
            }
            start = end;
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}
