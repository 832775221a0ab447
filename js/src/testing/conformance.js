// The conformance runner: every case of tests/conformance, run through the
// action against a store an engine builds, with the same expected outcomes
// and error codes as the Rust harness's runner. A failure names the case,
// what was expected and what was seen, never a value.
import { isDeepStrictEqual } from 'node:util';
import { ConnectorsUpdateError, StoreError } from '../errors.js';
import { MapTokens } from '../tokens.js';
import { kindRulesFromJson } from '../convert.js';
import { caseFiles, canaries, stepText } from './cases.js';

/** The outcome's fields in the cases' spelling (the CLI's JSON). */
const OUTCOME_KEYS = {
  id: 'id', name: 'name', revision_before: 'revisionBefore', revision_after: 'revisionAfter',
  added: 'added', changed: 'changed', removed: 'removed', unchanged: 'unchanged', dry_run: 'dryRun',
};

/**
 * Runs every conformance case against the stores `makeStore(fixture)`
 * builds, one fresh store per case. `fixture` is
 * `{ connectors: [{ id, name, kind?, properties: [{ name, value, secret? }] }], grants: [{ connector, principal }], kinds }`,
 * `kinds` the rules the store must declare (the built-in ones the connectors
 * name, and any kind the case declares itself).
 *
 * Through the contract alone a secret's value cannot be read, nor told from
 * another (a write that names a secret always changes it), so a secret the
 * case expects is checked to be a secret; with `reveal(store, id, name)`, the
 * store's own administrative read (the MemoryStore's `record`), what it holds
 * is checked too, as the Rust `check_conformance_revealing` does.
 *
 * @param {{ reveal?: (store: object, id: string, name: string) => string | undefined }} [options]
 * @returns {{ file: string, case: string, expected: string, seen: string }[]} every mismatch; empty when the store conforms
 */
export function checkConformance(action, makeStore, { reveal } = {}) {
  const failures = [];
  for (const file of caseFiles()) {
    for (const c of file.cases) {
      // A mismatch quotes what the action answered, which a broken store
      // may have filled with a value: the case's canaries are masked in it.
      const secrets = canaries(c, c.store ?? file.store);
      const mask = (text) => secrets.reduce((t, canary) => t.replaceAll(canary, '******'), String(text));
      const fail = (expected, seen) => failures.push({ file: file.file, case: c.name, expected: mask(expected), seen: mask(seen) });
      try {
        runCase(action, makeStore, reveal, file.store, c, fail);
      } catch (error) {
        fail('the case to run', `the runner stopped: ${error?.constructor?.name ?? typeof error} ${error instanceof ConnectorsUpdateError ? error.code : ''}`);
      }
    }
  }
  return failures;
}

/** `checkConformance`, throwing an error that lists every mismatch. */
export function assertConformance(action, makeStore, options) {
  const failures = checkConformance(action, makeStore, options);
  if (failures.length) {
    const lines = failures.map((f) => `- ${f.file}: ${f.case}: expected ${f.expected}; seen ${f.seen}`);
    throw new Error(`the store fails ${failures.length} conformance case(s):\n${lines.join('\n')}`);
  }
}

function runCase(action, makeStore, reveal, fileStore, c, fail) {
  const fixture = fixtureOf(action, c.store ?? fileStore);
  const inner = makeStore(fixture);
  const store = withRace(withFault(inner, c.fault, 'store'), c.race ?? 0);
  for (const value of Object.values(c.tokens ?? {})) {
    if (typeof value !== 'string') throw new TypeError('a case\'s token values must be text');
  }
  const big = Object.entries(c.bigTokens ?? {}).map(([k, v]) => [k, repeated(v)]);
  const tokens = withFault(new MapTokens({ ...c.tokens, ...Object.fromEntries(big) }), c.fault, 'tokens');
  const caller = c.caller ?? {};
  let answer;
  let error;
  try {
    switch (c.call ?? 'execute') {
      // Design time reads no connector, so it runs for no caller, as the Rust harness's does.
      case 'validate': answer = action.validate(stepText(c), { store }); break;
      case 'describe': answer = action.describe({ store }); break;
      default: answer = action.execute(stepText(c), { store, tokens, caller });
    }
  } catch (e) {
    if (!(e instanceof ConnectorsUpdateError)) throw e;
    error = e;
  }
  const printed = JSON.stringify(answer ?? error) + (error ? error.message : '');
  for (const canary of canaries(c, fixture)) {
    if (printed.includes(canary)) fail('no canary in the output', `a canary in the ${error ? 'error' : 'answer'}`);
  }
  compare(c.expect ?? {}, answer, error, fail);
  const revealed = reveal && ((id, name) => reveal(inner, id, name));
  for (const [id, want] of Object.entries(c.after ?? {})) checkAfter(inner, revealed, fixture, caller, id, want, fail);
}

/**
 * The case's store as a fixture: its connectors and grants, the built-in
 * kinds they name, and the kinds it declares itself (in the JSON the CLI's
 * `connector kinds` prints), as the Rust runner's `Fixture` holds them.
 */
function fixtureOf(action, stored) {
  const fixture = structuredClone(stored ?? { connectors: [] });
  fixture.grants ??= [];
  const named = new Set(fixture.connectors.map((x) => x.kind).filter(Boolean));
  const kinds = action.support.builtinKinds().filter((k) => named.has(k.kind));
  // A kind the case declares replaces a built-in one of its name where it stands, or comes after, in order.
  for (const own of (fixture.kinds ?? []).map(kindRulesFromJson)) {
    const at = kinds.findIndex((k) => k.kind === own.kind);
    if (at >= 0) kinds[at] = own;
    else kinds.push(own);
  }
  fixture.kinds = kinds;
  return fixture;
}

/** A missing optional detail is `undefined` here and `null` in the Rust harness's JSON: the cases say `null`. */
const detail = (v) => (v === undefined ? null : v);

/** The expected outcome, diagnostics, descriptor or error against the answer. */
function compare(expect, answer, error, fail) {
  if (expect.diagnostics) {
    if (error) return fail('diagnostics', `error ${error.code}`);
    const brief = (list) => list.map((d) => ['severity', 'field', 'code'].map((k) => d[k] ?? '-').join(' '));
    const wanted = brief(expect.diagnostics);
    const seen = brief(answer);
    if (!isDeepStrictEqual(wanted, seen)) fail(`diagnostics [${wanted.join('; ')}]`, `[${seen.join('; ')}]`);
    return undefined;
  }
  if (expect.describe) {
    if (error) return fail('a descriptor', `error ${error.code}`);
    for (const [list, key] of [['kinds', 'kind'], ['parameters', 'key']]) {
      const wanted = expect.describe[list];
      if (wanted === undefined || wanted === null) continue;
      const seen = answer[list].map((item) => item[key]);
      if (!isDeepStrictEqual(seen, wanted)) fail(`${list} ${JSON.stringify(wanted)}`, `${list} ${JSON.stringify(seen)}`);
    }
    return undefined;
  }
  if (expect.outcome) {
    if (error) return fail('an outcome', `error ${error.code}`);
    for (const [key, value] of Object.entries(expect.outcome)) {
      const seen = answer[OUTCOME_KEYS[key]];
      if (!isDeepStrictEqual(seen, value)) fail(`${key} ${JSON.stringify(value)}`, `${key} ${JSON.stringify(seen)}`);
    }
  } else if (expect.error) {
    if (!error) return fail(`error ${expect.error.code}`, 'an outcome');
    const { code, ...details } = expect.error;
    if (error.code !== code) return fail(`error ${code}`, `error ${error.code}`);
    for (const [key, value] of Object.entries(details)) {
      if (!isDeepStrictEqual(detail(error.details[key]), value)) {
        fail(`${key} ${JSON.stringify(value)}`, `${key} ${JSON.stringify(detail(error.details[key]))}`);
      }
    }
  }
  return undefined;
}

/** The connector as the case expects it afterwards, read through the contract, and a secret through `reveal` when there is one. */
function checkAfter(store, reveal, fixture, caller, id, want, fail) {
  const grantee = fixture.grants.find((g) => g.connector === id)?.principal;
  const reader = { principal: grantee ?? caller.principal, permissions: caller.permissions ?? [] };
  let got;
  try {
    got = store.get(reader, id);
  } catch (e) {
    return fail(`${id} readable`, e instanceof StoreError ? `StoreError ${e.kind}` : `a thrown ${e?.constructor?.name ?? typeof e}`);
  }
  const revision = Number(got?.revision);
  if (revision !== want.revision) fail(`${id} at revision ${want.revision}`, `revision ${Number.isSafeInteger(revision) ? revision : 'none'}`);
  const properties = Array.isArray(got?.properties) ? got.properties : [];
  // Sorted, duplicates kept, as the Rust runner compares them.
  const names = properties.map((p) => String(p?.name)).sort();
  const wanted = Object.keys(want.properties).sort();
  if (!isDeepStrictEqual(names, wanted)) return fail(`${id} holding ${wanted.join(', ')}`, `it holds ${names.join(', ')}`);
  for (const p of properties) {
    const w = want.properties[p.name];
    if (typeof w === 'string') {
      if (p.secret) fail(`${id}.${p.name} plain`, 'a secret');
      else if (p.value !== w) fail(`${id}.${p.name} with the expected value`, 'another value');
    } else if (w && typeof w === 'object' && 'count' in w) {
      if (p.secret) fail(`${id}.${p.name} plain`, 'a secret');
      else if (p.value !== repeated(w)) fail(`${id}.${p.name} with the expected value`, 'another value');
    } else if (w && typeof w === 'object') {
      if (!p.secret) { fail(`${id}.${p.name} secret`, 'a plain value'); continue; }
      let held;
      try {
        held = reveal ? reveal(id, p.name) : w.secret;
      } catch {
        held = undefined;
      }
      if (held !== w.secret) fail(`${id}.${p.name} holding the expected secret`, 'another value, or none');
    } else {
      fail(`${id}.${p.name} given in the case as text or {"secret": text}`, 'another JSON value in the case');
    }
  }
}

/** `{ text, count }`: the text repeated `count` times. */
const repeated = (v) => String(v.text).repeat(v.count);

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
