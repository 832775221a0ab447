// An in-memory credential store that keeps the `CredentialStore` contract
// exactly as the Rust harness's `MemoryStore` does: secrets withheld from
// `get`, one compare-and-set `write` with previews, names reported as
// changed only when their value changed, merges of a secret done here and
// checked against the property's rule, grants, and write permissions. It
// declares the built-in kinds unless told otherwise. Values a merge needs
// merged or checked go to the action's own code (`action.support`), on an
// instance that can reach nothing.
import { StoreError } from './errors.js';

/** How a caller is named in a refusal, as the Rust harness names it. */
export function callerLabel(caller) {
  return caller?.principal === undefined ? 'an anonymous caller' : `principal '${caller.principal}'`;
}

export class MemoryStore {
  #support;
  /** id → record `{ id, name, kind, revision, properties: [{ name, value, secret }] }`. */
  #connectors = new Map();
  /** The declared kinds, in order. */
  #kinds = [];
  /** id → Set of principals. */
  #grants = new Map();

  /**
   * @param {{ support: object }} action the loaded action (`await loadAction()`), whose code merges and checks
   * @param {{ kinds?: object[] }} [options] the kinds to declare instead of the built-in ones
   */
  constructor(action, { kinds } = {}) {
    if (!action?.support) throw new TypeError('new MemoryStore(action): pass the loaded action, from await loadAction()');
    this.#support = action.support;
    for (const rules of kinds ?? this.#support.builtinKinds()) this.setRules(rules);
  }

  // -- Administration: not part of the contract, and free to reveal values.

  /** Declares a kind's rules, or replaces them where the kind stands. */
  setRules(rules) {
    const at = this.#kinds.findIndex((k) => k.kind === rules.kind);
    if (at >= 0) this.#kinds[at] = structuredClone(rules);
    else this.#kinds.push(structuredClone(rules));
  }

  /**
   * Adds a connector at revision 1: `{ id?, name, kind?, properties: [{ name, value, secret? }] }`.
   * A property its kind marks secret is stored as a secret. Refused (a
   * `TypeError` naming no value) for an empty name, an id already taken, an
   * id that is another connector's name or a name that is another's id (ids
   * and names never stand for each other), an unknown kind, a property name
   * holding an invisible character, a value over 65,536 bytes, or
   * properties that break the kind's rules.
   */
  add({ id, name, kind, properties = [] }) {
    // In the Rust MemoryStore's order: the kind, the connector, then the id.
    const rules = kind === undefined || kind === null ? undefined : this.#rulesOf(kind);
    if (kind !== undefined && kind !== null && !rules) {
      const known = this.#kinds.map((k) => k.kind);
      throw new TypeError(`there is no kind '${kind}'; ${known.length ? `the kinds are ${known.join(', ')}` : 'the store declares no kinds'} (names are case-sensitive)`);
    }
    if (typeof name !== 'string' || name.trim() === '') throw new TypeError('a connector needs a name');
    if (id !== undefined && String(id).trim() === '') throw new TypeError('a connector id may not be empty');
    const record = {
      id: id === undefined ? globalThis.crypto.randomUUID() : String(id),
      name,
      kind: kind ?? undefined,
      revision: 1,
      properties: properties.map((p) => {
        if (!p.name) throw new TypeError('a property name may not be empty');
        return { name: String(p.name), value: String(p.value), secret: Boolean(p.secret) || ruleOf(rules, p.name)?.secret === true };
      }),
    };
    // The action's own checks, names included; a connector of no kind is
    // checked against a kind with no rules, for its names alone.
    const changes = record.properties.map((p) => ({ name: p.name, op: { tag: 'set', val: { value: p.value, secret: p.secret } } }));
    const violations = this.#support.checkNewConnector(rules ?? NO_RULES, changes);
    if (violations.length) {
      const of = rules ? ` of kind '${rules.kind}'` : '';
      throw new TypeError(`the connector breaks the rules${of}: ${violations.map((v) => v.message).join(' ')}`);
    }
    for (const p of record.properties) {
      const size = valueSize(p.name, p.value);
      if (size) throw new TypeError(size.message);
    }
    if (this.#connectors.has(record.id)) throw new TypeError(`a connector with id '${record.id}' exists already`);
    // Ids and names never stand for each other (see `refuseIdNameCollision`).
    refuseIdNameCollision(
      record,
      [...this.#connectors.values()].some((c) => c.name === record.id),
      record.name !== record.id && this.#connectors.has(record.name),
    );
    this.#connectors.set(record.id, record);
    return structuredClone(record);
  }

  /** Lets `principal` use the connector `id`; once a connector has a grant, only its grantees may. */
  grant(id, principal) {
    this.#need(id);
    if (!this.#grants.has(id)) this.#grants.set(id, new Set());
    this.#grants.get(id).add(String(principal));
    return this.grants(id);
  }

  /** Takes a grant back. */
  revoke(id, principal) {
    this.#need(id);
    this.#grants.get(id)?.delete(String(principal));
    return this.grants(id);
  }

  /** Who may use connector `id`, sorted; empty when everyone may. */
  grants(id) {
    return [...(this.#grants.get(id) ?? [])].sort();
  }

  /** The connector as stored, values and secrets included: for administration and tests, never for the action. */
  record(id) {
    const record = this.#connectors.get(id);
    return record && structuredClone(record);
  }

  // -- The CredentialStore contract.

  /** The connector `id`, secret values withheld. */
  get(caller, id) {
    const record = this.#connectors.get(id);
    if (!record) throw refusal(StoreError.notFound);
    this.#authorize(id, caller);
    const rules = this.#rulesOf(record.kind);
    return {
      id: record.id,
      name: record.name,
      kind: record.kind,
      revision: record.revision,
      properties: record.properties.map((p) => (p.secret || ruleOf(rules, p.name)?.secret
        ? { name: p.name, secret: true }
        : { name: p.name, value: p.value })),
    };
  }

  /** Every connector named exactly `name` that the caller may use; a refusal when there are some and it may use none. */
  findByName(caller, name) {
    // In id order, as the Rust store lists them (the action's `candidates` keep it).
    const named = [...this.#connectors.values()].filter((c) => c.name === name)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const usable = named.filter((c) => this.#mayUse(c.id, caller));
    if (named.length > 0 && usable.length === 0) {
      throw StoreError.permissionDenied(`${callerLabel(caller)} has no grant on any connector of that name`);
    }
    return usable.map((c) => ({ id: c.id, name: c.name, kind: c.kind, revision: c.revision }));
  }

  /** The rules of `kind`, or undefined. */
  rules(caller, kind) {
    const rules = this.#rulesOf(kind);
    return rules && copy(rules);
  }

  /** Every declared kind, in order. */
  kinds() {
    return copy(this.#kinds);
  }

  /** The one compare-and-set write; see `CredentialStore.write`. */
  write(caller, id, expectedRevision, changes, mode) {
    const record = this.#connectors.get(id);
    if (!record) throw refusal(StoreError.notFound);
    this.#authorize(id, caller);
    if (record.revision !== Number(expectedRevision)) throw StoreError.conflict(record.revision);
    const rules = this.#rulesOf(record.kind);
    // Before any value is compared: a caller without the permission learns
    // nothing of a guarded value by naming it.
    checkWritePermissions(rules, caller, changes);
    const updated = copy(record);
    const changed = this.#apply(updated, changes, rules);
    this.#checkMergedValues(rules, changes, updated);
    if (mode === 'commit' && changed.length > 0) {
      updated.revision += 1;
      this.#connectors.set(id, updated);
    }
    return { revision: this.#connectors.get(id).revision, changed };
  }

  /**
   * Applies the changes in order, returning the names whose value or secrecy
   * changed, each once. A secret a change names (stored as one, marked as one,
   * or made one by the kind) is always changed, whatever it holds: whether it
   * equals the stored secret, or which keys a secret JSON value holds, is never told.
   */
  #apply(record, changes, rules) {
    const changed = [];
    const note = (name) => { if (!changed.includes(name)) changed.push(name); };
    for (const change of changes) {
      const at = record.properties.findIndex((p) => p.name === change.name);
      if (change.op === 'remove') {
        if (at >= 0) {
          record.properties.splice(at, 1);
          note(change.name);
        }
        continue;
      }
      let value = change.value;
      if (change.op === 'merge') {
        const target = at >= 0 ? record.properties[at].value : undefined;
        let merged;
        try {
          merged = this.#support.mergeValue(target, change.value);
        } catch (error) {
          if (!(error instanceof TypeError)) throw error;
          throw StoreError.unavailable(`the merge into property '${change.name}' was not given a JSON object`);
        }
        value = merged ?? target ?? '';
      }
      const secret = Boolean(change.secret) || ruleOf(rules, change.name)?.secret === true;
      if (at >= 0) {
        const p = record.properties[at];
        if (secret || p.secret || p.value !== value) {
          p.value = value;
          p.secret ||= secret;
          note(change.name);
        }
      } else {
        record.properties.push({ name: change.name, value, secret });
        note(change.name);
      }
    }
    return changed;
  }

  /**
   * Every value a change sets or merges is held to the per-value limit (a deep
   * merge can grow one past it); a secret merged here is seen only here: its
   * result is checked by the action's own rule checker.
   */
  #checkMergedValues(rules, changes, merged) {
    const violations = [];
    const touched = new Set(changes.filter((c) => c.op !== 'remove').map((c) => c.name));
    const seen = new Set();
    for (const p of merged.properties) {
      if (!touched.has(p.name) || seen.has(p.name)) continue;
      seen.add(p.name);
      const size = valueSize(p.name, p.value);
      if (size) violations.push(size);
    }
    for (const change of rules ? changes : []) {
      if (change.op !== 'merge') continue;
      const rule = ruleOf(rules, change.name);
      const property = merged.properties.find((p) => p.name === change.name);
      if (rule && property) violations.push(...this.#support.checkValue(rule, property.value, property.secret));
    }
    if (violations.length) throw StoreError.invalid(violations);
  }

  #rulesOf(kind) {
    return kind === undefined || kind === null ? undefined : this.#kinds.find((k) => k.kind === kind);
  }

  #mayUse(id, caller) {
    const grants = this.#grants.get(id);
    return !grants || grants.size === 0 || (caller?.principal !== undefined && grants.has(caller.principal));
  }

  #authorize(id, caller) {
    if (!this.#mayUse(id, caller)) throw StoreError.permissionDenied(`${callerLabel(caller)} has no grant on connector '${id}'`);
  }

  #need(id) {
    if (!this.#connectors.has(id)) throw new TypeError(`no connector has the id '${id}'`);
  }
}

/**
 * A copy of what the store holds (plain data: objects, arrays, text,
 * numbers, booleans, undefined), as `structuredClone` makes it and several
 * times faster: the store's reads and writes copy on every call. Anything
 * else (a `Map` a kind was given, say) is left to `structuredClone`.
 */
function copy(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = copy(value[i]);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  // An own `__proto__` key (a record built from parsed JSON may have one)
  // would set the copy's prototype instead: structuredClone copies it as data.
  if ((proto !== Object.prototype && proto !== null) || Object.hasOwn(value, '__proto__')) return structuredClone(value);
  // A spread copies the own enumerable keys at once (a plain object's
  // enumerable keys are its own), several times faster than adding them one
  // by one; only the values that are objects are then copied in turn.
  const out = { ...value };
  for (const key in out) {
    const v = out[key];
    if (v !== null && typeof v === 'object') out[key] = copy(v);
  }
  return out;
}

/**
 * The `StoreError` `make(...args)` builds, without a stack trace: the action
 * asks for an id that is no connector's on every step that names its
 * connector by name, and a refusal's stack, which the package never shows,
 * cost a fifth of such a call (an `Error` records its stack when made).
 */
function refusal(make, ...args) {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make(...args);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function ruleOf(rules, name) {
  return rules?.properties.find((r) => r.name === name);
}

/**
 * Refuses a write that names a property whose rule needs a permission the caller
 * does not hold, before any value is compared (the Rust `check_write_permissions`).
 */
function checkWritePermissions(rules, caller, changes) {
  if (!rules) return;
  for (const { name } of changes) {
    const permission = ruleOf(rules, name)?.writePermission;
    if (permission && !(caller?.permissions ?? []).includes(permission)) {
      throw StoreError.permissionDenied(
        `changing property '${name}' of a connector of kind '${rules.kind}' needs the permission '${permission}', which ${callerLabel(caller)} does not hold`,
        name,
      );
    }
  }
}

/** The rules of no kind: no rule, any name (for `add`'s name check alone). */
const NO_RULES = Object.freeze({ kind: '', help: '', properties: [], allowUnknown: true });

/** The most bytes a stored value may hold: the descriptor's `value-bytes` limit, as `value_size::MAX_VALUE_BYTES`. */
export const MAX_VALUE_BYTES = 64 * 1024;

const encoder = new TextEncoder();

/** The `max-bytes` violation of a value over the per-value limit, in the Rust `check_value_size`'s words, or undefined. */
function valueSize(name, value) {
  // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair, two
  // units, takes 4): text this short is under the limit without encoding it.
  if (value.length * 3 <= MAX_VALUE_BYTES || encoder.encode(value).length <= MAX_VALUE_BYTES) return undefined;
  return {
    property: name,
    rule: 'max-bytes',
    message: `Property '${name}' would hold more than ${MAX_VALUE_BYTES} bytes once written; a stored value may hold at most ${MAX_VALUE_BYTES} bytes (the action's per-value limit), so nothing was written. Send a smaller value, or remove keys from it.`,
  };
}

/** Refuses a new connector whose id is another's name or whose name is another's id, in the Rust store's words. */
function refuseIdNameCollision(record, idIsAName, nameIsAnId) {
  if (idIsAName) {
    throw new TypeError(`the id '${record.id}' is the name of another connector: ids and names never stand for each other, so a step naming it would be ambiguous; choose another id`);
  }
  if (nameIsAnId) {
    throw new TypeError(`the name '${record.name}' is the id of another connector: ids and names never stand for each other, so a step naming it would be ambiguous; choose another name`);
  }
}
