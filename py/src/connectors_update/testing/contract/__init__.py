"""The clauses of the store contract, one module per group as the Rust kit
(host/src/testing/) and the JavaScript kit (js/src/testing/contract/) split
them: the fixtures and callers, the observations that turn a store's answers
into breaches, then the reads, writes, access and kind clauses."""
