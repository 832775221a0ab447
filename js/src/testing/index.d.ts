// `connectors-update/testing`: the kit that proves a store keeps the
// action's behaviour, with the same cases as the Rust harness's kit.
import type { Action, CredentialStore } from '../index.js';

/** What a store must hold when a case starts. */
export interface Fixture {
  connectors: { id: string; name: string; kind?: string; properties: { name: string; value: string; secret?: boolean }[] }[];
  grants: { connector: string; principal: string }[];
  /** The built-in kinds the connectors name, which the store must declare. */
  kinds?: import('../index.js').KindRules[];
}

/** One case that came out otherwise than its file says, naming no value. */
export interface Mismatch {
  file: string;
  case: string;
  expected: string;
  seen: string;
}

/** Runs every conformance case against a fresh store per case; empty when the store conforms. */
export function checkConformance(action: Action, makeStore: (fixture: Fixture) => CredentialStore): Mismatch[];
/** `checkConformance`, throwing an error listing every mismatch. */
export function assertConformance(action: Action, makeStore: (fixture: Fixture) => CredentialStore): void;
/** A `makeStore` that builds the package's `MemoryStore`. */
export function memoryStoreFor(action: Action): (fixture: Fixture) => CredentialStore;

/** One clause of the store contract a store broke, naming no value. */
export interface Breach {
  clause: string;
  expected: string;
  seen: string;
}

/** Runs the store contract's clauses (the Rust kit's, by name) against a fresh store per clause; empty when the store keeps it. */
export function checkStore(makeStore: (fixture: Fixture & { grants: Fixture['grants'] }) => CredentialStore, options?: { grants?: boolean; kinds?: boolean }): Breach[];
/** `checkStore`, throwing an error listing every breach. */
export function assertStore(makeStore: (fixture: Fixture) => CredentialStore, options?: { grants?: boolean; kinds?: boolean }): void;
