// The store contract checker: a store an engine builds, run through every
// clause of the `CredentialStore` contract, clause for clause and name for
// name the Rust kit's `connectors_update::testing::check_store`
// (host/src/testing/), one fresh store per clause, writing only through
// the contract. A breach names its clause, what was expected and what was
// seen, never a value.
import { StoreError } from '../errors.js';
import { KIND } from './contract/fixture.js';
import { Breach } from './contract/observe.js';
import { CLAUSES as READS } from './contract/reads.js';
import { CLAUSES as WRITES } from './contract/writes.js';
import { CLAUSES as ACCESS } from './contract/access.js';
import { CLAUSES as KINDS } from './contract/kinds.js';

/** Each clause's name, as the Rust kit and `Breach.clause` give it, in the order they run. */
export const CLAUSE_NAMES = Object.freeze([
  'get', 'not-found', 'secrets-withheld', 'find-by-name', 'ids-and-names-apart', 'rules-and-kinds',
  'expected-revision', 'commit-bumps-revision', 'no-op-keeps-revision', 'changed-names', 'preview-writes-nothing',
  'preview-checks-revision', 'preview-reports-as-commit', 'removal', 'secrecy-is-sticky', 'merge-rfc7396',
  'no-op-merge-keeps-text', 'secret-merge', 'secret-named-is-changed', 'value-size-limit', 'all-or-nothing',
  'open-without-grants', 'grantee-only', 'access-before-revision', 'find-by-name-access',
  'kinds-declared', 'kind-makes-secret', 'write-permission', 'revision-before-changes', 'merged-values',
]);

/** Every clause, in the order of CLAUSE_NAMES. */
const ALL = [...READS, ...WRITES, ...ACCESS, ...KINDS];

/**
 * Runs every clause of the store contract against the stores
 * `makeStore(fixture)` builds, one fresh store per clause.
 *
 * @param {{ support: object }} action the loaded action, whose built-in kind the kind clauses declare
 * @param {(fixture: object) => object} makeStore
 * @param {{ grants?: boolean, kinds?: boolean }} [options] `false` leaves out the clauses a store cannot take part in
 * @returns {{ clause: string, expected: string, seen: string }[]} every breach; empty when the store keeps the contract
 */
export function checkStore(action, makeStore, { grants = true, kinds = true } = {}) {
  if (!action?.support || typeof makeStore !== 'function') {
    throw new TypeError('checkStore(action, makeStore, options): pass the loaded action and a function that builds a store from a fixture');
  }
  const rules = action.support.builtinKinds().find((k) => k.kind === KIND);
  const kit = { fresh: makeStore, rules };
  const clauses = [...READS, ...WRITES, ...(grants ? ACCESS : []), ...(kinds ? KINDS : [])];
  const breaches = [];
  clauses.forEach((run) => {
    const clause = CLAUSE_NAMES[ALL.indexOf(run)];
    try {
      run(kit);
    } catch (e) {
      if (e instanceof Breach) {
        breaches.push({ clause: e.clause, expected: e.expected, seen: e.seen });
        return;
      }
      // The store's answer had another shape than the contract's (a kit
      // bug shows here too): named by the clause, never by the message.
      const what = e instanceof StoreError ? `StoreError ${e.kind}` : `a ${e?.constructor?.name ?? typeof e}`;
      breaches.push({ clause, expected: 'the clause to run to its end', seen: `it stopped on ${what} while reading the store's answers` });
    }
  });
  return breaches;
}

/** `checkStore`, throwing an error that lists every breach. */
export function assertStore(action, makeStore, options) {
  const breaches = checkStore(action, makeStore, options);
  if (breaches.length) {
    throw new Error(`the store breaks ${breaches.length} clause(s) of the CredentialStore contract:\n${breaches.map((b) => `- ${b.clause}: expected ${b.expected}; seen ${b.seen}`).join('\n')}`);
  }
}
