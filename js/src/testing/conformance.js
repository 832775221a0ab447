// The conformance runner: every case of tests/conformance, run through the
// action against a store an engine builds, with the same expected outcomes
// and error codes as the Rust harness's runner. A failure names the case,
// what was expected and what was seen, never a value.
import { isDeepStrictEqual } from 'node:util';
import { ConnectorsUpdateError, StoreError } from '../errors.js';
import { MapTokens } from '../tokens.js';
import { caseFiles, canaries, stepText } from './cases.js';

/** The outcome's fields in the cases' spelling (the CLI's JSON). */
const OUTCOME_KEYS = {
  id: 'id', name: 'name', revision_before: 'revisionBefore', revision_after: 'revisionAfter',
  added: 'added', changed: 'changed', removed: 'removed', unchanged: 'unchanged', dry_run: 'dryRun',
};

/**
 * Runs every conformance case against the stores `makeStore(fixture)`
 * builds, one fresh store per case. `fixture` is
 * `{ connectors: [{ id, name, kind?, properties: [{ name, value, secret? }] }], grants: [{ connector, principal }] }`.
 *
 * @returns {{ file: string, case: string, expected: string, seen: string }[]} every mismatch; empty when the store conforms
 */
export function checkConformance(action, makeStore) {
  const failures = [];
  for (const file of caseFiles()) {
    for (const c of file.cases) {
      const fail = (expected, seen) => failures.push({ file: file.file, case: c.name, expected, seen });
      try {
        runCase(action, makeStore, file.store, c, fail);
      } catch (error) {
        fail('the case to run', `the runner stopped: ${error?.constructor?.name ?? typeof error} ${error instanceof ConnectorsUpdateError ? error.code : ''}`);
      }
    }
  }
  return failures;
}

/** `checkConformance`, throwing an error that lists every mismatch. */
export function assertConformance(action, makeStore) {
  const failures = checkConformance(action, makeStore);
  if (failures.length) {
    const lines = failures.map((f) => `- ${f.file}: ${f.case}: expected ${f.expected}; seen ${f.seen}`);
    throw new Error(`the store fails ${failures.length} conformance case(s):\n${lines.join('\n')}`);
  }
}

function runCase(action, makeStore, fileStore, c, fail) {
  const fixture = structuredClone(c.store ?? fileStore ?? { connectors: [] });
  fixture.grants ??= [];
  // The built-in kinds the connectors name, as the Rust runner's Fixture holds them.
  const named = new Set(fixture.connectors.map((x) => x.kind).filter(Boolean));
  fixture.kinds = action.support.builtinKinds().filter((k) => named.has(k.kind));
  const inner = makeStore(fixture);
  const store = withRace(withFault(inner, c.fault, 'store'), c.race ?? 0);
  for (const value of Object.values(c.tokens ?? {})) {
    if (typeof value !== 'string') throw new TypeError('a case\'s token values must be text');
  }
  const tokens = withFault(new MapTokens(c.tokens ?? {}), c.fault, 'tokens');
  const caller = c.caller ?? {};
  let outcome;
  let error;
  try {
    outcome = action.execute(stepText(c), { store, tokens, caller });
  } catch (e) {
    if (!(e instanceof ConnectorsUpdateError)) throw e;
    error = e;
  }
  const printed = JSON.stringify(outcome ?? error) + (error ? error.message : '');
  for (const canary of canaries(c, fixture)) {
    if (printed.includes(canary)) fail('no canary in the output', `a canary in the ${error ? 'error' : 'outcome'}`);
  }
  const expect = c.expect ?? {};
  if (expect.outcome) {
    if (error) return fail('an outcome', `error ${error.code}`);
    for (const [key, value] of Object.entries(expect.outcome)) {
      const seen = outcome[OUTCOME_KEYS[key]];
      if (!isDeepStrictEqual(seen, value)) fail(`${key} ${JSON.stringify(value)}`, `${key} ${JSON.stringify(seen)}`);
    }
  } else if (expect.error) {
    if (!error) return fail(`error ${expect.error.code}`, 'an outcome');
    const { code, ...details } = expect.error;
    if (error.code !== code) return fail(`error ${code}`, `error ${error.code}`);
    for (const [key, value] of Object.entries(details)) {
      if (!isDeepStrictEqual(error.details[key], value)) {
        fail(`${key} ${JSON.stringify(value)}`, `${key} ${JSON.stringify(error.details[key])}`);
      }
    }
  }
  for (const [id, want] of Object.entries(c.after ?? {})) checkAfter(inner, fixture, caller, id, want, fail);
}

/** The connector as the case expects it afterwards, read through the contract alone. */
function checkAfter(store, fixture, caller, id, want, fail) {
  const grantee = fixture.grants.find((g) => g.connector === id)?.principal;
  const reader = { principal: grantee ?? caller.principal, permissions: caller.permissions ?? [] };
  const got = store.get(reader, id);
  if (Number(got.revision) !== want.revision) fail(`${id} at revision ${want.revision}`, `revision ${got.revision}`);
  const names = got.properties.map((p) => p.name).sort();
  const wanted = Object.keys(want.properties).sort();
  if (!isDeepStrictEqual(names, wanted)) return fail(`${id} holding ${wanted.join(', ')}`, `it holds ${names.join(', ')}`);
  for (const p of got.properties) {
    const w = want.properties[p.name];
    if (typeof w === 'string') {
      if (p.secret) fail(`${id}.${p.name} plain`, 'a secret');
      else if (p.value !== w) fail(`${id}.${p.name} with the expected value`, 'another value');
    } else {
      if (!p.secret) { fail(`${id}.${p.name} secret`, 'a plain value'); continue; }
      const probe = store.write(reader, id, Number(got.revision), [{ name: p.name, op: 'set', value: w.secret, secret: true }], 'preview');
      if (probe.changed.length) fail(`${id}.${p.name} holding the expected secret`, 'a preview setting it reports a change');
    }
  }
}

/** `target` with the case's fault: its `call` throws the case's store error. */
function withFault(target, fault, side) {
  const calls = side === 'tokens' ? ['resolve'] : ['get', 'findByName', 'rules', 'kinds', 'write'];
  if (!fault || !calls.includes(fault.call)) return target;
  return new Proxy(target, {
    get(t, key) {
      if (key === fault.call) return () => { throw storeError(fault.error); };
      const v = t[key];
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** `store` beaten by another writer before each of the action's first `times` commits. */
function withRace(store, times) {
  if (!times) return store;
  let raced = 0;
  return new Proxy(store, {
    get(t, key) {
      if (key === 'write') {
        return (caller, id, expected, changes, mode) => {
          if (mode === 'commit' && raced < times) {
            raced += 1;
            const now = t.get(caller, id);
            t.write(caller, id, Number(now.revision), [{ name: 'Racer', op: 'set', value: String(raced), secret: false }], 'commit');
          }
          return t.write(caller, id, expected, changes, mode);
        };
      }
      const v = t[key];
      return typeof v === 'function' ? v.bind(t) : v;
    },
  });
}

/** A case's `{ kind, ...fields }` as a `StoreError`. */
function storeError(e) {
  switch (e.kind) {
    case 'unavailable': return StoreError.unavailable(e.message);
    case 'key': return StoreError.key(e.message);
    case 'conflict': return StoreError.conflict(e.actual);
    case 'not-found': return StoreError.notFound();
    case 'permission-denied': return StoreError.permissionDenied(e.reason, e.property);
    case 'tampered': return StoreError.tampered(e.connector, e.property);
    case 'read-only': return StoreError.readOnly(e.location, e.why);
    case 'schema': return StoreError.schema(e.location, e.found, e.supported);
    // As the Rust runner reads a case: any other kind is `unavailable`.
    default: return StoreError.unavailable(String(e.message ?? ''));
  }
}
