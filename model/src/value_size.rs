//! The per-value size limit on what is stored, not only on what a step
//! sends: a deep merge can grow a value past the limit one small patch at a
//! time, and a value added outside a step (the CLI's `connector add`) is
//! held to the same limit. The guest checks the values it merges; a store
//! checks what it merges itself (secrets) and every value it is given.

use crate::limits::LIMITS;
use crate::model::Violation;

/// The rule a [`Violation`] names for a value over the limit.
pub const RULE: &str = "max-bytes";

/// The most bytes a stored value may hold: the descriptor's per-value limit
/// ([`Limits::value_bytes`](crate::limits::Limits::value_bytes)).
pub const MAX_VALUE_BYTES: usize = LIMITS.value_bytes;

/// The violation of property `name` when its value, as it would be stored,
/// holds more than `limit` bytes. The message tells neither the value nor
/// its size, which for a secret merged in the store is the secret's.
pub fn check_value_size(name: &str, value: &str, limit: usize) -> Option<Violation> {
    (value.len() > limit).then(|| Violation {
        property: name.to_string(),
        rule: RULE.to_string(),
        message: format!(
            "Property '{name}' would hold more than {limit} bytes once written; a stored value may hold at most {limit} bytes (the action's per-value limit), so nothing was written. Send a smaller value, or remove keys from it."
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_at_the_limit_passes_and_one_byte_more_is_named() {
        assert_eq!(
            check_value_size("K", &"x".repeat(MAX_VALUE_BYTES), MAX_VALUE_BYTES),
            None
        );
        let v = check_value_size("K", &"x".repeat(MAX_VALUE_BYTES + 1), MAX_VALUE_BYTES)
            .expect("over the limit");
        assert_eq!((v.property.as_str(), v.rule.as_str()), ("K", RULE));
        assert!(!v.message.contains("xx"));
        assert!(!v.message.contains(&(MAX_VALUE_BYTES + 1).to_string()));
    }
}
