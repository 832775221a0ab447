// `connectors-update/testing`: the kit that proves a store keeps the
// action's behaviour, with the same cases as the Rust harness's kit.
import type { Action, CredentialStore } from '../index.js';

/** What a store must hold when a case starts. */
export interface Fixture {
  connectors: { id: string; name: string; kind?: string; properties: { name: string; value: string; secret?: boolean }[] }[];
  grants: { connector: string; principal: string }[];
  /**
   * The kinds the store must declare (beside its built-in ones): the
   * built-in kind the contract's clauses use, and any kind a conformance
   * case declares itself, such as a secret JSON rule only a merge in the
   * store can break. The package's `MemoryStore` takes them with `setRules`.
   */
  kinds: import('../index.js').KindRules[];
}

/** One case that came out otherwise than its file says, naming no value. */
export interface Mismatch {
  file: string;
  case: string;
  expected: string;
  seen: string;
}

/** Runs every conformance case against a fresh store per case; empty when the store conforms. */
export function checkConformance<S extends CredentialStore>(
  action: Action, makeStore: (fixture: Fixture) => S, options?: ConformanceOptions<S>): Mismatch[];
/** `checkConformance`, throwing an error listing every mismatch. */
export function assertConformance<S extends CredentialStore>(
  action: Action, makeStore: (fixture: Fixture) => S, options?: ConformanceOptions<S>): void;
/**
 * How the conformance runner reads a secret: through the contract it cannot
 * (a write that names a secret always changes it), so without `reveal` it
 * checks only that each expected secret is a secret.
 */
export interface ConformanceOptions<S> {
  /** The store's own administrative read of a value: `undefined` when it holds none. */
  reveal?: (store: S, id: string, name: string) => string | undefined;
}
/** A `makeStore` that builds the package's `MemoryStore`. */
export function memoryStoreFor(action: Action): (fixture: Fixture) => CredentialStore;

/** One clause of the store contract a store broke, naming no value. */
export interface Breach {
  clause: string;
  expected: string;
  seen: string;
}

/**
 * Runs every clause of the store contract (the Rust kit's, by name and in
 * its order) against a fresh store per clause, built by `makeStore` from
 * the clause's fixture; empty when the store keeps the contract. The kind
 * clauses declare a built-in kind, which `action` gives. `grants: false`
 * leaves out the access clauses (for a store whose access is not by
 * grants), `kinds: false` the kind clauses (for a store that cannot
 * declare that kind).
 */
export function checkStore(action: Action, makeStore: (fixture: Fixture) => CredentialStore, options?: { grants?: boolean; kinds?: boolean }): Breach[];
/** `checkStore`, throwing an error listing every breach. */
export function assertStore(action: Action, makeStore: (fixture: Fixture) => CredentialStore, options?: { grants?: boolean; kinds?: boolean }): void;
/** The clauses' names, as a `Breach` names them, in the order they run. */
export const CLAUSE_NAMES: readonly string[];
