// The component's imports for one call: the engine's store and token
// source, bound to the call's caller, each answer converted and each
// refusal turned into the WIT's `store-error`. The guest sees a result for
// every import, never an exception, so the instance stays usable whatever a
// store throws.
import { withLowering } from './abi.js';
import { StoreError } from './errors.js';
import {
  changeFromWit, connectorToWit, kindRulesToWit, receiptToWit, storeErrorToWit, summaryToWit, toNumber,
} from './convert.js';

/**
 * What one call knows about its host side: the store, the token source, the
 * caller, and the first import that threw something other than a
 * `StoreError` (the call then ends with `host-failed`).
 */
export class CallContext {
  constructor({ store, tokens, caller, onHostError, support }) {
    this.store = store;
    /** The action's `store-support`, which decides `kinds-naming` for names that are not ASCII. */
    this.support = support;
    this.tokens = tokens;
    this.caller = normalizeCaller(caller);
    this.onHostError = onHostError;
    /** `{ call, error }` of the first import that failed unexpectedly, if one did. */
    this.failure = undefined;
    /** The revision a committed write of this call reached, if one did. */
    this.committed = undefined;
  }

  /**
   * Runs one import: an ok result, or the store's refusal as a WIT error.
   * After an unexpected failure every later import is refused at once, as
   * the Rust harness makes no store call after a store panics.
   */
  answer(call, run) {
    if (this.failure) return { tag: 'err', val: { tag: 'unavailable', val: `the host already failed in ${this.failure.call}` } };
    try {
      return { tag: 'ok', val: run() };
    } catch (error) {
      if (error instanceof StoreError) {
        try {
          return { tag: 'err', val: storeErrorToWit(error) };
        } catch (malformed) {
          error = malformed;
        }
      }
      this.failure = { call, error };
      // The engine may log its own error; the package never prints it, since
      // its message may hold a value.
      if (this.onHostError) {
        try { this.onHostError(error, call); } catch { /* a logger's failure changes nothing */ }
      }
      return { tag: 'err', val: { tag: 'unavailable', val: `the host's ${call} failed` } };
    }
  }
}

/** A caller as the package passes it to a store: `{ principal?, permissions: string[] }`, frozen. */
export function normalizeCaller(caller) {
  // The caller of most calls (none given), made once: it is frozen.
  if (caller === undefined) return ANONYMOUS;
  const principal = caller.principal === undefined || caller.principal === null ? undefined : String(caller.principal);
  const permissions = Object.freeze([...(caller.permissions ?? [])].map(String));
  return Object.freeze({ principal, permissions });
}

const ANONYMOUS = Object.freeze({ principal: undefined, permissions: Object.freeze([]) });

/** The jco import object whose functions answer from `context()`, the current call's context. */
export function importObject(context) {
  const store = {
    get: (id) => context().answer('store.get', () => {
      const c = context();
      return connectorToWit(need(c.store, 'get').call(c.store, c.caller, id));
    }),
    findByName: (name) => context().answer('store.findByName', () => {
      const c = context();
      return need(c.store, 'findByName').call(c.store, c.caller, name).map(summaryToWit);
    }),
    rules: (kind) => context().answer('store.rules', () => {
      const c = context();
      const rules = need(c.store, 'rules').call(c.store, c.caller, kind);
      return rules === undefined || rules === null ? undefined : kindRulesToWit(rules);
    }),
    kinds: () => context().answer('store.kinds', () => {
      const c = context();
      return [...need(c.store, 'kinds').call(c.store, c.caller)].map(kindRulesToWit);
    }),
    kindsNaming: (names) => context().answer('store.kinds', () => {
      const c = context();
      const kinds = [...need(c.store, 'kinds').call(c.store, c.caller)].map(kindRulesToWit);
      const candidates = new Set();
      for (const k of kinds) for (const r of k.properties) candidates.add(r.name);
      const kept = namesMatching(c.support, [...candidates], names);
      // What the action's kinds_naming answers: each kind, in order, with
      // only its rules for those names; a kind with none left out.
      const naming = [];
      for (const k of kinds) {
        const properties = k.properties.filter((r) => kept.has(r.name));
        if (properties.length > 0) naming.push({ ...k, properties });
      }
      return naming;
    }),
    write: (id, expectedRevision, changes, mode) => context().answer('store.write', () => {
      const c = context();
      const receipt = receiptToWit(need(c.store, 'write').call(
        c.store, c.caller, id, toNumber(expectedRevision), changes.map(changeFromWit), mode,
      ));
      if (mode === 'commit' && receipt.changed.length > 0) c.committed = toNumber(receipt.revision);
      return receipt;
    }),
  };
  const tokens = {
    resolve: (source, name) => context().answer('tokens.resolve', () => {
      const c = context();
      if (!c.tokens) return undefined;
      const value = c.tokens.resolve(source, name);
      return value === undefined || value === null ? undefined : String(value);
    }),
  };
  // Lowered by the package (abi.js), not by jco's trampolines.
  return withLowering({
    'workflow:connectors/credential-store': store,
    'workflow:connectors/tokens': tokens,
    'workflow:connectors/types': {},
  });
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Which of `candidates` (rule names) name one of `names`, as the action
 * compares names: Unicode lowercase (Rust's `to_lowercase`). For ASCII text
 * that is exactly `toLowerCase`, and is decided here; any other text goes to
 * the action itself (store-support's `kindsNaming`, handed the names alone as
 * one kind), whose lowercase JavaScript's does not always equal. Answering
 * `kinds-naming` through store-support's instance lowered every declared rule
 * into it and lifted the kept ones back, most of `validate`'s time.
 */
export function namesMatching(support, candidates, names) {
  if (candidates.every((n) => ASCII.test(n)) && names.every((n) => ASCII.test(n))) {
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    return new Set(candidates.filter((n) => wanted.has(n.toLowerCase())));
  }
  const probe = kindRulesToWit({ kind: '', properties: candidates.map((name) => ({ name, format: 'text' })) });
  return new Set(support.kindsNaming([probe], names).flatMap((k) => k.properties.map((r) => r.name)));
}

function need(store, method) {
  if (!store || typeof store[method] !== 'function') {
    throw new TypeError(`the store has no ${method} method`);
  }
  return store[method];
}
