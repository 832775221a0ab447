//! Looking items up by name in the lists a step's work meets once per row:
//! a connector's stored properties and a kind's rules. Searching such a list
//! for every row makes the work grow with rows times properties; a
//! [`ByName`] indexes the list once, when it is long enough for that to pay.
//! A list that is built row by row, one item per name, finds each name's
//! place with a [`NameIndex`].

use foldhash::{HashMap, HashMapExt};
use std::cell::OnceCell;
use std::hash::BuildHasher;

use crate::model::{PropertyRule, StoredProperty};

/// Something a list holds by name.
pub trait Named {
    /// Its name, exactly as written (names are case-sensitive).
    fn name(&self) -> &str;
}

impl Named for StoredProperty {
    fn name(&self) -> &str {
        &self.name
    }
}

/// A name in a list of names, such as a write receipt's.
impl Named for String {
    fn name(&self) -> &str {
        self
    }
}

impl Named for PropertyRule {
    fn name(&self) -> &str {
        &self.name
    }
}

/// Lists up to this long are searched in order: comparing a few names is
/// quicker than hashing them, and most connectors and kinds are this small.
const SEARCHED: usize = 8;

/// A list of named items, looked up by exact name. Where two items share a
/// name, the first is found, as a search from the start finds it
/// ([`Connector::property`](crate::model::Connector::property),
/// [`KindRules::rule`](crate::model::KindRules::rule)). A long list is
/// indexed on its first lookup, and each lookup after that is a hash.
pub struct ByName<'a, T> {
    items: &'a [T],
    index: OnceCell<HashMap<&'a str, &'a T>>,
}

impl<T> std::fmt::Debug for ByName<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ByName")
            .field("items", &self.items.len())
            .field("indexed", &self.index.get().is_some())
            .finish()
    }
}

impl<'a, T: Named> ByName<'a, T> {
    /// `items`, not yet indexed.
    pub fn new(items: &'a [T]) -> Self {
        ByName {
            items,
            index: OnceCell::new(),
        }
    }

    /// The first item called `name`, if any.
    pub fn get(&self, name: &str) -> Option<&'a T> {
        if self.items.len() <= SEARCHED {
            return self.items.iter().find(|item| item.name() == name);
        }
        let index = self.index.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.items.len());
            for item in self.items {
                index.entry(item.name()).or_insert(item);
            }
            index
        });
        index.get(name).copied()
    }
}

/// Where a name stands in a list that grows by one item per new name, such
/// as the updates collected from a step or the members of a JSON object:
/// a name is hashed once per lookup (and the listed names again only when
/// the index grows) and never copied, the list alone holds it. The index
/// does not hold the list; every call is handed a way to read the name at a
/// place, and the caller keeps the two in step by pushing an item after
/// every [`Place::New`] and after nothing else.
#[derive(Default)]
pub struct NameIndex {
    places: hashbrown::HashTable<usize>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for NameIndex {
    /// The count of names only: a name may be a step's text.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NameIndex")
            .field("names", &self.places.len())
            .finish()
    }
}

/// What [`NameIndex::place`] found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The name is already at this place in the list.
    Found(usize),
    /// The name is new and now indexed at the list's end: the caller pushes
    /// its item there.
    New(usize),
}

impl NameIndex {
    /// An empty index, with foldhash's per-index seed.
    pub fn new() -> Self {
        Self::default()
    }

    /// The place of `name` in a list of `len` items whose names `name_at`
    /// reads; a name not yet there is indexed at `len`, where the caller
    /// must then push it. While the caller keeps the list in step (see
    /// [`NameIndex`]), `name_at` is only asked for places below `len`; a
    /// debug build checks that the index holds exactly `len` names.
    pub fn place<'l>(
        &mut self,
        name: &str,
        len: usize,
        name_at: impl Fn(usize) -> &'l str,
    ) -> Place {
        debug_assert_eq!(
            self.places.len(),
            len,
            "a NameIndex out of step with its list"
        );
        let hash = self.hasher.hash_one(name);
        if let Some(&at) = self.places.find(hash, |&at| name_at(at) == name) {
            return Place::Found(at);
        }
        let hasher = &self.hasher;
        self.places
            .insert_unique(hash, len, |&at| hasher.hash_one(name_at(at)));
        Place::New(len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ValueFormat;

    fn rules(names: &[&str]) -> Vec<PropertyRule> {
        names
            .iter()
            .enumerate()
            .map(|(i, name)| PropertyRule {
                max_length: Some(i as u32),
                ..PropertyRule::new(*name, ValueFormat::Text)
            })
            .collect()
    }

    /// Short lists are searched and long ones indexed: both find the first
    /// of equal names, exactly (a name differing only in case is another).
    #[test]
    fn finds_the_first_of_equal_names_short_or_long() {
        for filler in [0, SEARCHED * 4] {
            let mut names: Vec<String> = (0..filler).map(|i| format!("F{i}")).collect();
            names.extend(["Key", "key", "Key"].map(String::from));
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            let list = rules(&names);
            let by_name = ByName::new(&list);
            let found = |name: &str| by_name.get(name).and_then(|r| r.max_length);
            assert_eq!(found("Key"), Some(filler as u32), "{filler}");
            assert_eq!(found("key"), Some(filler as u32 + 1), "{filler}");
            assert_eq!(found("KEY"), None, "{filler}");
            for (i, name) in names.iter().enumerate().take(filler) {
                assert_eq!(found(name), Some(i as u32));
            }
        }
    }

    /// Each name gets one place, the first it was given; names that differ
    /// only in case or by a character are other names; the index keeps
    /// its places when it grows past its first capacity.
    #[test]
    fn a_name_index_gives_each_name_its_first_place() {
        let mut list: Vec<String> = Vec::new();
        let mut index = NameIndex::new();
        let mut place = |list: &mut Vec<String>, name: &str| {
            let found = index.place(name, list.len(), |at| list[at].as_str());
            if let Place::New(at) = found {
                assert_eq!(at, list.len());
                list.push(name.to_string());
            }
            found
        };
        assert_eq!(place(&mut list, "Key"), Place::New(0));
        assert_eq!(place(&mut list, "key"), Place::New(1));
        assert_eq!(place(&mut list, "Key"), Place::Found(0));
        assert_eq!(place(&mut list, ""), Place::New(2));
        assert_eq!(place(&mut list, "Key "), Place::New(3));
        for i in 0..1000 {
            assert_eq!(place(&mut list, &format!("P{i}")), Place::New(4 + i));
        }
        for i in 0..1000 {
            assert_eq!(place(&mut list, &format!("P{i}")), Place::Found(4 + i));
        }
        assert_eq!(place(&mut list, "key"), Place::Found(1));
        assert_eq!(list.len(), 1004);
        assert_eq!(format!("{index:?}"), "NameIndex { names: 1004 }");
    }

    /// A caller that misses a push is caught in a debug build, before a
    /// lookup could read past its list.
    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "out of step")]
    fn a_name_index_out_of_step_with_its_list_is_caught() {
        let list = ["A".to_string()];
        let mut index = NameIndex::new();
        assert_eq!(index.place("A", 0, |at| list[at].as_str()), Place::New(0));
        // "A" was pushed; "B" is not, and the next call says the list has one.
        assert_eq!(index.place("B", 1, |at| list[at].as_str()), Place::New(1));
        index.place("C", 1, |at| list[at].as_str());
    }
}
