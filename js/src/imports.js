// The component's imports for one call: the engine's store and token
// source, bound to the call's caller, each answer converted and each
// refusal turned into the WIT's `store-error`. The guest sees a result for
// every import, never an exception, so the instance stays usable whatever a
// store throws.
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
  // Lowered by the package (withLowering, below), not by jco's trampolines.
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

// -- The imports lowered by the package itself. Each function of the import
// object above gets a `Symbol.for('cabiLower')` method, which the bindings
// (transpiled with jco's `importBindings: 'hybrid'`) call once per instance
// with the guest's memory and `cabi_realloc`, and whose answer, a core
// function, the guest then calls in place of jco's own trampoline. jco's
// trampoline runs its async-task bookkeeping (a task and a subtask per call,
// made and retired) around each import call: about 40% of a reused
// `execute`'s time, for imports that are all synchronous.
//
// The lifting and lowering here are the canonical ABI's for the WIT types
// (wit/credential-store.wit, wit/tokens.wit, wit/types.wit), with jco's own
// conventions: strings decoded and encoded as UTF-8 the way its bindings do,
// the same checks on what the guest passes (a list's alignment, a bool or a
// discriminant out of range is a `TypeError`), and each import function
// called with the same arguments, in jco's shapes, as jco calls it. The
// import functions never throw (CallContext.answer turns every failure into
// a `store-error`), so what jco does with an exception does not arise.
// test/abi.test.js checks every type here against jco's own trampolines.
// This is no module of its own because the designer page serves the
// package's modules from a fixed list (cli/src/designer/assets.rs).

const CABI_LOWER = Symbol.for('cabiLower');
// A leading U+FEFF is a character of the guest's text, not a byte-order mark to drop.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const encoder = new TextEncoder();

/** The value formats (`value-format`), in the WIT's order. */
const FORMATS = ['text', 'integer', 'boolean', 'url', 'duration', 'json-object', 'json-array', 'timestamp'];
const FORMAT_CASE = new Map(FORMATS.map((f, i) => [f, i]));

/** The `store-error` cases, in the WIT's order. */
const STORE_ERROR_CASE = new Map([
  'not-found', 'permission-denied', 'conflict', 'unavailable', 'invalid', 'tampered', 'key', 'read-only', 'schema',
].map((c, i) => [c, i]));

/**
 * The guest's memory as one call of an import sees it: a `DataView`, taken
 * anew after each `cabi_realloc` (the guest's only code that runs while an
 * import lowers its answer, and the only way its memory grows).
 */
class Guest {
  constructor(memory, realloc) {
    this.memory = memory;
    this.realloc = realloc;
    this.view = new DataView(memory.buffer);
  }

  alloc(align, size) {
    const ptr = this.realloc(0, 0, align, size);
    if (this.view.buffer !== this.memory.buffer) this.view = new DataView(this.memory.buffer);
    return ptr;
  }

  string(ptr, len) {
    return decoder.decode(new Uint8Array(this.memory.buffer, ptr, len));
  }

  /** A list's base address, which must be aligned as its elements are. */
  list(base, align) {
    if (base % align !== 0) throw new TypeError(`list pointer [${base}] is not aligned to ${align}`);
    return base;
  }

  bool(at) {
    const b = this.view.getUint8(at);
    if (b > 1) throw new TypeError('invalid variant discriminant for bool');
    return b === 1;
  }

  /** Writes `s` as a (pointer, length) pair at `at`: jco's `_utf8AllocateAndEncode`. */
  putString(at, s) {
    if (typeof s !== 'string') throw new TypeError(`expected a string, received [${typeof s}]`);
    let ptr = 1;
    let len = 0;
    if (s.length > 0) {
      len = utf8Length(s);
      ptr = this.alloc(1, len);
      const { read, written } = encoder.encodeInto(s, new Uint8Array(this.memory.buffer, ptr, len));
      if (read !== s.length || written !== len) throw new Error('failed to encode whole string');
    }
    this.view.setUint32(at, ptr, true);
    this.view.setUint32(at + 4, len, true);
  }

  putOptionString(at, s) {
    if (s === undefined || s === null) {
      this.view.setUint8(at, 0);
    } else {
      this.view.setUint8(at, 1);
      this.putString(at + 4, s);
    }
  }

  putOptionU32(at, n) {
    if (n === undefined || n === null) {
      this.view.setUint8(at, 0);
    } else {
      this.view.setUint8(at, 1);
      this.view.setUint32(at + 4, n >>> 0, true);
    }
  }

  putU64(at, n) {
    this.view.setBigUint64(at, BigInt.asUintN(64, BigInt(n)), true);
  }

  /** A list of `size`-byte elements aligned to `align`, each written by `put(address, element)`, as a (pointer, length) pair at `at`. */
  putList(at, items, align, size, put) {
    const base = this.alloc(align, items.length * size);
    for (let i = 0; i < items.length; i++) put(base + i * size, items[i]);
    this.view.setUint32(at, base, true);
    this.view.setUint32(at + 4, items.length, true);
  }

  // -- The WIT's records and variants, each at its address.

  /** `connector-summary`: 40 bytes, aligned to 8. */
  summary(at, s) {
    this.putString(at, s.id);
    this.putString(at + 8, s.name);
    this.putOptionString(at + 16, s.kind);
    this.putU64(at + 32, s.revision);
  }

  /** `connector`: 48 bytes, aligned to 8; a `stored-property` is 20 bytes. */
  connector(at, c) {
    this.summary(at, c);
    this.putList(at + 40, c.properties, 4, 20, (p, property) => {
      this.putString(p, property.name);
      const { value } = property;
      if (value.tag === 'plain') {
        this.view.setUint8(p + 8, 0);
        this.putString(p + 12, value.val);
      } else if (value.tag === 'secret') {
        this.view.setUint8(p + 8, 1);
      } else {
        throw new TypeError(`invalid variant tag value \`${JSON.stringify(value.tag)}\` specified for \`StoredValue\``);
      }
    });
  }

  /** `kind-rules`: 36 bytes, aligned to 4. */
  kindRules(at, k) {
    this.putString(at, k.kind);
    this.putString(at + 8, k.help);
    this.putList(at + 16, k.properties, 4, 92, (r, rule) => this.propertyRule(r, rule));
    this.putOptionU32(at + 24, k.maxProperties);
    this.view.setUint8(at + 32, k.allowUnknown ? 1 : 0);
  }

  /** `property-rule`: 92 bytes, aligned to 4. */
  propertyRule(at, r) {
    this.putString(at, r.name);
    this.view.setUint8(at + 8, r.required ? 1 : 0);
    this.view.setUint8(at + 9, r.secret ? 1 : 0);
    const format = FORMAT_CASE.get(r.format);
    if (format === undefined) throw new TypeError(`"${r.format}" is not one of the cases of value-format`);
    this.view.setUint8(at + 10, format);
    this.putOptionU32(at + 12, r.maxLength);
    const { json } = r;
    if (json === undefined || json === null) {
      this.view.setUint8(at + 20, 0);
    } else {
      this.view.setUint8(at + 20, 1);
      if (json.allowedKeys === undefined || json.allowedKeys === null) {
        this.view.setUint8(at + 24, 0);
      } else {
        this.view.setUint8(at + 24, 1);
        this.putList(at + 28, json.allowedKeys, 4, 8, (p, key) => this.putString(p, key));
      }
      this.putOptionU32(at + 36, json.maxEntries);
      this.view.setUint8(at + 44, json.stringsOnly ? 1 : 0);
      this.putOptionU32(at + 48, json.maxStringLength);
    }
    this.view.setUint8(at + 56, r.immutable ? 1 : 0);
    this.putOptionString(at + 60, r.writePermission);
    this.putOptionString(at + 72, r.deprecated);
    this.putString(at + 84, r.help);
  }

  /** `store-error`: its case at `at`, its payload at `at + 8`. */
  storeError(at, e) {
    const tag = STORE_ERROR_CASE.get(e.tag);
    if (tag === undefined) throw new TypeError(`invalid variant tag value \`${JSON.stringify(e.tag)}\` specified for \`StoreError\``);
    this.view.setUint8(at, tag);
    const p = at + 8;
    const v = e.val;
    switch (e.tag) {
      case 'not-found': break;
      case 'permission-denied': this.putOptionString(p, v.property); this.putString(p + 12, v.reason); break;
      case 'conflict': this.putU64(p, v); break;
      case 'unavailable': case 'key': this.putString(p, v); break;
      case 'invalid': this.putList(p, v, 4, 24, (q, violation) => {
        this.putString(q, violation.property);
        this.putString(q + 8, violation.rule);
        this.putString(q + 16, violation.message);
      }); break;
      case 'tampered': this.putString(p, v.connector); this.putString(p + 8, v.property); break;
      case 'read-only': this.putString(p, v.location); this.putString(p + 8, v.why); break;
      case 'schema': this.putString(p, v.location); this.view.setUint32(p + 8, v.found >>> 0, true); this.view.setUint32(p + 12, v.supported >>> 0, true); break;
      default: break;
    }
  }

  /**
   * A `result<T, store-error>` at `at`: an ok value written by `ok(at + 8,
   * value)`, or the error's. `answer` is what an import function returns
   * (`{ tag: 'ok' | 'err', val }`, as CallContext.answer makes it).
   */
  result(at, answer, ok) {
    if (answer.tag === 'ok') {
      this.view.setUint8(at, 0);
      ok(at + 8, answer.val);
    } else if (answer.tag === 'err') {
      this.view.setUint8(at, 1);
      this.storeError(at + 8, answer.val);
    } else {
      throw new TypeError('invalid variant specified for result');
    }
  }

  /** `change`: 24 bytes, aligned to 4, lifted as jco lifts it: `{ name, op: { tag, val? } }`. */
  change(at) {
    const name = this.string(this.view.getUint32(at, true), this.view.getUint32(at + 4, true));
    const tag = this.view.getUint8(at + 8);
    if (tag === 2) return { name, op: { tag: 'remove' } };
    if (tag > 2) throw new TypeError('invalid variant discriminant for ChangeOp');
    const value = this.string(this.view.getUint32(at + 12, true), this.view.getUint32(at + 16, true));
    return { name, op: { tag: tag === 0 ? 'set' : 'merge', val: { value, secret: this.bool(at + 20) } } };
  }
}

/** The bytes `s` takes in UTF-8, a lone surrogate as U+FFFD (3 bytes), as `encodeInto` writes it. */
function utf8Length(s) {
  let len = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x80) len += 1;
    else if (ch < 0x800) len += 2;
    else if (ch >= 0xd800 && ch <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      len += 4;
      i++;
    } else len += 3;
  }
  return len;
}

/** Each import's core function's body, given its import function `f` (jco's shapes in and out) and the guest's memory `g`. */
const LOWERINGS = {
  'workflow:connectors/credential-store': {
    get: (f, g, ptr, len, ret) => {
      const answer = f(g.string(ptr, len));
      g.result(ret, answer, (at, c) => g.connector(at, c));
    },
    findByName: (f, g, ptr, len, ret) => {
      const answer = f(g.string(ptr, len));
      g.result(ret, answer, (at, list) => g.putList(at, list, 8, 40, (p, s) => g.summary(p, s)));
    },
    rules: (f, g, ptr, len, ret) => {
      const answer = f(g.string(ptr, len));
      g.result(ret, answer, (at, k) => {
        if (k === undefined || k === null) {
          g.view.setUint8(at, 0);
        } else {
          g.view.setUint8(at, 1);
          g.kindRules(at + 4, k);
        }
      });
    },
    kinds: (f, g, ret) => {
      const answer = f();
      g.result(ret, answer, (at, list) => g.putList(at, list, 4, 36, (p, k) => g.kindRules(p, k)));
    },
    kindsNaming: (f, g, ptr, len, ret) => {
      const base = g.list(ptr, 4);
      const names = [];
      for (let i = 0; i < len; i++) {
        const at = base + i * 8;
        names.push(g.string(g.view.getUint32(at, true), g.view.getUint32(at + 4, true)));
      }
      const answer = f(names);
      g.result(ret, answer, (at, list) => g.putList(at, list, 4, 36, (p, k) => g.kindRules(p, k)));
    },
    write: (f, g, idPtr, idLen, revision, changesPtr, changesLen, mode, ret) => {
      const id = g.string(idPtr, idLen);
      const base = g.list(changesPtr, 4);
      const changes = [];
      for (let i = 0; i < changesLen; i++) changes.push(g.change(base + i * 24));
      if (mode !== 0 && mode !== 1) throw new TypeError('invalid discriminant specified for WriteMode');
      const answer = f(id, BigInt.asUintN(64, BigInt(revision)), changes, mode === 0 ? 'commit' : 'preview');
      g.result(ret, answer, (at, receipt) => {
        g.putU64(at, receipt.revision);
        g.putList(at + 8, receipt.changed, 4, 8, (p, name) => g.putString(p, name));
      });
    },
  },
  'workflow:connectors/tokens': {
    resolve: (f, g, hasSource, sourcePtr, sourceLen, namePtr, nameLen, ret) => {
      if (hasSource !== 0 && hasSource !== 1) throw new TypeError('invalid variant discriminant for option');
      const source = hasSource === 1 ? g.string(sourcePtr, sourceLen) : undefined;
      const answer = f(source, g.string(namePtr, nameLen));
      g.result(ret, answer, (at, value) => g.putOptionString(at, value));
    },
  },
};

/**
 * `imports` (jco's import object), its functions each given the
 * `Symbol.for('cabiLower')` method that makes its core function. The
 * functions are unchanged, and bindings made without `hybrid` ignore it.
 */
function withLowering(imports) {
  for (const [iface, functions] of Object.entries(LOWERINGS)) {
    for (const [name, lowering] of Object.entries(functions)) {
      const f = imports[iface][name];
      // One `Guest` per import call: its view is of the memory as it is then
      // (a fresh instance's forwarders hand over a new memory per call). No
      // import takes more than seven core arguments.
      f[CABI_LOWER] = ({ memory, realloc }) => (a, b, c, d, e, g, h) => lowering(f, new Guest(memory, realloc), a, b, c, d, e, g, h);
    }
  }
  return imports;
}
