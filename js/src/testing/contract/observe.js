// What a store answered, turned into breaches that name clauses,
// properties, revisions and error kinds, never a value: the Rust kit's
// host/src/testing/observe.rs, with JavaScript's names for the errors.
import { isDeepStrictEqual } from 'node:util';
import { StoreError } from '../../errors.js';
import { SECRET } from './fixture.js';

/** One clause a store broke. */
export class Breach extends Error {
  constructor(clause, expected, seen) {
    super(`${clause}: expected ${expected}; seen ${seen}`);
    this.clause = clause;
    this.expected = expected;
    this.seen = seen;
  }
}

/**
 * A breach. What it says of the store's answers (a property name, an id)
 * comes from the store, which may have put a secret there: masked.
 */
export const breach = (clause, expected, seen) => new Breach(clause, mask(expected), mask(seen));

const mask = (text) => String(text).replaceAll(SECRET, '******');

/** Names as the Rust kit lists them: `["A", "B"]`. */
export function list(names) {
  return Array.isArray(names) ? `[${names.map((n) => JSON.stringify(String(n))).join(', ')}]` : 'no list of names';
}

/** A revision as a breach names it: a number, or that it is none. */
export function revision(value) {
  const n = Number(value);
  return Number.isSafeInteger(n) ? String(n) : 'no revision';
}

/**
 * An error as a breach names it: its kind, and the revision or property it
 * carries; never its message, which a broken store may fill with a value.
 */
export function describe(error) {
  if (!(error instanceof StoreError)) return `a thrown ${error?.constructor?.name ?? typeof error}, not a StoreError`;
  const details = error.details ?? {};
  switch (error.kind) {
    case 'not-found': return 'StoreError.notFound()';
    case 'conflict': return `StoreError.conflict(${revision(details.actual)})`;
    case 'permission-denied':
      return typeof details.property === 'string'
        ? `StoreError.permissionDenied naming property '${details.property}'`
        : 'StoreError.permissionDenied naming no property';
    case 'invalid': return `StoreError.invalid naming ${list((details.violations ?? []).map((v) => v?.property))}`;
    case 'unavailable': return 'StoreError.unavailable';
    default: return 'a StoreError of another kind';
  }
}

/** A store's answer: `{ value }` or `{ error }`, whatever it threw. */
export function attempt(run) {
  try {
    return { value: run() };
  } catch (error) {
    return { error };
  }
}

export function describeReceipt(r) {
  return `revision ${revision(r?.revision)} with changed ${list(r?.changed)}`;
}

export function describeResult(result) {
  return 'error' in result ? describe(result.error) : `success: ${describeReceipt(result.value)}`;
}

/** The answer of `run`, or the breach that `what` failed. */
export function ok(clause, what, run) {
  const result = attempt(run);
  if ('error' in result) throw breach(clause, `${what} to succeed`, describe(result.error));
  return result.value;
}

/** A write that must succeed with exactly this receipt. */
export function receipt(clause, what, run, rev, changed) {
  const r = ok(clause, what, run);
  if (Number(r?.revision) !== rev || !isDeepStrictEqual(r?.changed, changed)) {
    throw breach(clause, `${what} to answer revision ${rev} with changed ${list(changed)}`, describeReceipt(r));
  }
}

/** A call that must be refused with an error `wanted` accepts. */
export function refused(clause, what, run, expected, wanted) {
  const result = attempt(run);
  if (!('error' in result)) throw breach(clause, `${what} to be refused with ${expected}`, 'success');
  if (!(result.error instanceof StoreError) || !wanted(result.error)) {
    throw breach(clause, `${what} to be refused with ${expected}`, describe(result.error));
  }
}

export const isNotFound = (e) => e.kind === 'not-found';
export const isDenied = (e) => e.kind === 'permission-denied';
export const isConflict = (actual) => (e) => e.kind === 'conflict' && Number(e.details?.actual) === actual;

/** What one property must be, for `state`. */
export const Text = (text) => ({ text });
export const Json = (json) => ({ json });
export const Secret = Object.freeze({ secret: true });
export const Absent = Object.freeze({ absent: true });

function words(expect) {
  if (expect.text !== undefined) return 'plain with the text it should hold';
  if (expect.json !== undefined) return 'plain with the JSON value RFC 7396 gives';
  return expect === Secret ? 'secret' : 'absent';
}

/** What `get` shows of one property, for a breach: no value. */
function describeValue(p) {
  if (!p) return 'no such property';
  if (p.secret === true) return p.value === undefined ? 'a secret (withheld)' : 'a secret with its value handed out';
  return 'a plain value';
}

function sameJson(a, b) {
  try {
    return isDeepStrictEqual(JSON.parse(a), JSON.parse(b));
  } catch {
    return false;
  }
}

function fits(expect, p) {
  if (expect === Absent) return !p;
  if (!p) return false;
  if (expect === Secret) return p.secret === true && p.value === undefined;
  if (p.secret === true || typeof p.value !== 'string') return false;
  return expect.text !== undefined ? p.value === expect.text : sameJson(p.value, expect.json);
}

/**
 * What connector `id` must look like after something: its revision, and
 * each named property plain with this text, secret, or absent.
 */
export function state(clause, when, store, caller, id, rev, expected) {
  const connector = ok(clause, `get of '${id}' ${when}`, () => store.get(caller, id));
  if (Number(connector?.revision) !== rev) {
    throw breach(clause, `'${id}' at revision ${rev} ${when}`, `revision ${revision(connector?.revision)}`);
  }
  const properties = Array.isArray(connector.properties) ? connector.properties : [];
  for (const [name, expect] of expected) {
    const p = properties.find((q) => q?.name === name);
    if (!fits(expect, p)) {
      const seen = (expect.text !== undefined || expect.json !== undefined) && p && p.secret !== true
        ? 'a plain value with other text'
        : describeValue(p);
      throw breach(clause, `property '${name}' of '${id}' ${words(expect)} ${when}`, seen);
    }
  }
  return connector;
}

/** Kind rules as a store may keep them (JSON has no `undefined`; a database may give `null`): options left out either way. */
export function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, canonical(v)]));
  }
  return value;
}
