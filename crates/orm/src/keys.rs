//! Row keys, and hash maps for folding rows by them (eager loading, time travel). The keys are the ORM's own (ids, short texts), not a
//! learner's input to a long-lived table, so they use a multiply-rotate hash (FxHash's) instead
//! of std's SipHash, which took most of the time of grouping 10,000 rows.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use crate::value::Value;

/// FxHash: one rotate, xor and multiply per word.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &byte in chunks.remainder() {
            self.add(u64::from(byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }

    fn write_usize(&mut self, word: usize) {
        self.add(word as u64);
    }
}

/// A map keyed by row keys.
pub(crate) type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A set of row keys.
pub(crate) type KeySet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

/// The key of a row at its primary key columns: one column's without allocating, or several's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum RowKey {
    /// A single-column key (the usual `id`).
    One(GroupKey),
    /// A composite key.
    Many(Vec<GroupKey>),
}

/// A value as a hash key, for grouping rows by a key column (`Value` holds floats and JSON, so it
/// is not `Hash` itself).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum GroupKey {
    Int(i64),
    Text(String),
    Other(String),
}

impl GroupKey {
    /// The key of a value; null keys group nothing.
    pub(crate) fn of(value: Option<&Value>) -> Option<GroupKey> {
        match value? {
            Value::Null => None,
            Value::Int(i) => Some(GroupKey::Int(*i)),
            Value::Text(t) => Some(GroupKey::Text(t.clone())),
            other => Some(GroupKey::Other(crate::value::sql_literal(other))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_alike_and_near_ids_apart() {
        let build = BuildHasherDefault::<KeyHasher>::default();
        let one = |k: &RowKey| build.hash_one(k);
        assert_eq!(one(&RowKey::One(GroupKey::Int(7))), one(&RowKey::One(GroupKey::Int(7))));
        assert_ne!(one(&RowKey::One(GroupKey::Int(7))), one(&RowKey::One(GroupKey::Int(8))));
        let text = |t: &str| one(&RowKey::One(GroupKey::Text(t.into())));
        assert_ne!(text("ab"), text("ba"));
        assert_ne!(text("a long text of more than eight bytes"), text("a long text of more than eight bytez"));
    }
}
