//! Looking items up by name in the lists a step's work meets once per row:
//! a connector's stored properties and a kind's rules. Searching such a list
//! for every row makes the work grow with rows times properties; a
//! [`ByName`] indexes the list once, when it is long enough for that to pay.

use foldhash::{HashMap, HashMapExt};
use std::cell::OnceCell;

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
}
