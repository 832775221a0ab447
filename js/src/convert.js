// The binding layer's conversions, one function per type, between jco's
// shapes of the WIT types (bigint revisions, `{ tag, val }` variants) and
// the package's (numbers, plain objects that JSON.stringify takes). No
// behaviour lives here.
import { ConnectorsUpdateError } from './errors.js';

/** A u64 from the component as a number (every revision a store reaches is far below 2^53). */
export const toNumber = (n) => (typeof n === 'bigint' ? Number(n) : n);

/**
 * A revision from a store as the u64 the component takes. A store may give
 * a number or a bigint; anything else is the store's bug.
 */
export function toRevision(n, what) {
  if (typeof n === 'bigint' && n >= 0n) return n;
  if (Number.isSafeInteger(n) && n >= 0) return BigInt(n);
  throw new TypeError(`${what} must be a whole number of 0 or more`);
}

const invalid = (field, message) => new ConnectorsUpdateError('invalid-parameter', `${field}: ${message}`, { field });

/**
 * The package's step (numbers) as the component's. A field of the wrong
 * type is `invalid-parameter` naming the step JSON's key, as the action
 * names it, never a coercion: `dryRun: 'false'` is refused, not a dry run.
 */
export function stepToWit(step) {
  if (step === null || typeof step !== 'object') {
    throw invalid('Parameters', 'the step must be an object as parseStep returns it, or the text of a step file.');
  }
  const text = (value, field, fallback = '') => {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'string') throw invalid(field, 'must be text.');
    return value;
  };
  if (step.properties !== undefined && !Array.isArray(step.properties)) throw invalid('Properties', 'must be a list of { name, value } rows.');
  const properties = (step.properties ?? []).map((row, i) => {
    if (row === null || typeof row !== 'object') throw invalid(`Properties[${i}]`, 'must be a { name, value } row.');
    return { name: text(row.name, `Properties[${i}].PropertyName`), value: row.value === undefined || row.value === null ? undefined : text(row.value, `Properties[${i}].PropertyValue`) };
  });
  const revision = step.expectedRevision;
  if (revision !== undefined && revision !== null && !(Number.isSafeInteger(revision) && revision >= 0) && !(typeof revision === 'bigint' && revision >= 0n)) {
    throw invalid('ExpectedRevision', 'must be a whole number of 1 or more.');
  }
  if (step.dryRun !== undefined && typeof step.dryRun !== 'boolean') throw invalid('DryRun', 'must be true or false.');
  const mergeMode = step.mergeMode ?? 'replace';
  if (mergeMode !== 'replace' && mergeMode !== 'deep') throw invalid('MergeMode', "must be 'replace' or 'deep'.");
  return {
    entryId: text(step.entryId, 'EntryId'),
    properties,
    propertiesJson: text(step.propertiesJson, 'PropertiesJson'),
    expectedRevision: revision === undefined || revision === null ? undefined : BigInt(revision),
    dryRun: step.dryRun === true,
    mergeMode,
  };
}

/** The component's step as the package's; a revision past 2^53 has no exact number, and is refused. */
export function stepFromWit(step) {
  const revision = step.expectedRevision;
  if (revision !== undefined && revision > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw invalid('ExpectedRevision', `must be at most ${Number.MAX_SAFE_INTEGER} in JavaScript.`);
  }
  return { ...step, expectedRevision: revision === undefined ? undefined : Number(revision) };
}

const FORMATS = new Set(['text', 'integer', 'boolean', 'url', 'duration', 'json-object', 'json-array', 'timestamp']);

/** A u32 of a rule, or a `TypeError` for anything else (jco would wrap it silently). */
function u32(value, what) {
  if (value === undefined || value === null) return undefined;
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new TypeError(`${what} must be a whole number from 0 to 4294967295`);
  return value;
}

/** A store's kind rules as the component's, checked here so that a malformed rule is the store's failure, not a trap. */
export function kindRulesToWit(k) {
  const str = (v, what) => {
    if (typeof v !== 'string') throw new TypeError(`${what} must be text`);
    return v;
  };
  const list = (v, what) => {
    if (!Array.isArray(v)) throw new TypeError(`${what} must be a list`);
    return v;
  };
  return {
    kind: str(k?.kind, 'a kind\'s name'),
    help: str(k.help ?? '', 'a kind\'s help'),
    properties: list(k.properties ?? [], 'a kind\'s properties').map((r) => {
      if (!FORMATS.has(r?.format)) throw new TypeError(`a rule's format must be one of ${[...FORMATS].join(', ')}`);
      return {
        name: str(r.name, 'a rule\'s name'),
        required: r.required === true,
        secret: r.secret === true,
        format: r.format,
        maxLength: u32(r.maxLength, 'a rule\'s maxLength'),
        json: r.json === undefined || r.json === null ? undefined : {
          allowedKeys: r.json.allowedKeys === undefined || r.json.allowedKeys === null ? undefined : list(r.json.allowedKeys, 'allowedKeys').map((key) => str(key, 'an allowed key')),
          maxEntries: u32(r.json.maxEntries, 'maxEntries'),
          stringsOnly: r.json.stringsOnly === true,
          maxStringLength: u32(r.json.maxStringLength, 'maxStringLength'),
        },
        immutable: r.immutable === true,
        writePermission: r.writePermission === undefined || r.writePermission === null ? undefined : str(r.writePermission, 'a writePermission'),
        deprecated: r.deprecated === undefined || r.deprecated === null ? undefined : str(r.deprecated, 'a deprecation'),
        help: str(r.help ?? '', 'a rule\'s help'),
      };
    }),
    maxProperties: u32(k.maxProperties, 'maxProperties'),
    allowUnknown: k.allowUnknown === true,
  };
}

/**
 * A kind as the Rust harness and the CLI print it (`connector kinds`,
 * snake_case: `max_properties`, `write_permission`) in the package's shape
 * (`maxProperties`, `writePermission`), checked as a store's rules are.
 */
export function kindRulesFromJson(json) {
  // As the Rust harness reads it (serde's deny_unknown_fields): a field it
  // does not know is refused, so that a typo cannot weaken a rule.
  const camel = (value, known, what) => {
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${what} must be a JSON object`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      if (!known.includes(k)) throw new TypeError(`${what} has no field '${k}'; its fields are ${known.join(', ')}`);
      return [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v];
    }));
  };
  const kind = camel(json, KIND_FIELDS, 'a kind');
  if (Array.isArray(kind.properties)) {
    kind.properties = kind.properties.map((rule) => {
      const r = camel(rule, RULE_FIELDS, 'a property rule');
      if (r.json !== undefined && r.json !== null) r.json = camel(r.json, JSON_RULE_FIELDS, 'a JSON rule');
      return r;
    });
  }
  return kindRulesToWit(kind);
}

/** The fields of a kind, a property rule and a JSON rule, as the Rust harness's serde names them. */
const KIND_FIELDS = ['kind', 'help', 'properties', 'max_properties', 'allow_unknown'];
const RULE_FIELDS = ['name', 'required', 'secret', 'format', 'max_length', 'json', 'immutable', 'write_permission', 'deprecated', 'help'];
const JSON_RULE_FIELDS = ['allowed_keys', 'max_entries', 'strings_only', 'max_string_length'];

/** The component's outcome as the package's. */
export function outcomeFromWit(o) {
  return { ...o, revisionBefore: toNumber(o.revisionBefore), revisionAfter: toNumber(o.revisionAfter) };
}

/** The component's descriptor as the package's. */
export function descriptorFromWit(d) {
  return { ...d, limits: d.limits.map((l) => ({ ...l, max: toNumber(l.max) })) };
}

/** The component's `action-error` as the error the package throws. */
export function actionErrorFromWit(e) {
  const { message, ...rest } = e.val;
  const details = {};
  for (const [key, value] of Object.entries(rest)) details[key] = toNumber(value);
  return new ConnectorsUpdateError(e.tag, message, details);
}

/** A connector from a store (package shape) as the component's, secrets withheld. */
export function connectorToWit(c) {
  return {
    id: String(c.id),
    name: String(c.name),
    kind: c.kind === undefined || c.kind === null ? undefined : String(c.kind),
    revision: toRevision(c.revision, 'a connector\'s revision'),
    // A secret property's value is dropped here whatever the store put in
    // it: the guest is never handed one.
    properties: (c.properties ?? []).map((p) => ({
      name: String(p.name),
      value: p.secret ? { tag: 'secret' } : { tag: 'plain', val: String(p.value) },
    })),
  };
}

/** A connector summary from a store as the component's. */
export function summaryToWit(s) {
  return {
    id: String(s.id),
    name: String(s.name),
    kind: s.kind === undefined || s.kind === null ? undefined : String(s.kind),
    revision: toRevision(s.revision, 'a connector\'s revision'),
  };
}

/** A change from the component as the package's: `{ name, op, value?, secret? }`. */
export function changeFromWit(c) {
  if (c.op.tag === 'remove') return { name: c.name, op: 'remove' };
  return { name: c.name, op: c.op.tag, value: c.op.val.value, secret: c.op.val.secret };
}

/** A write receipt from a store as the component's. */
export function receiptToWit(r) {
  return { revision: toRevision(r.revision, 'a receipt\'s revision'), changed: (r.changed ?? []).map(String) };
}

/** A `StoreError` as the component's `store-error`. */
export function storeErrorToWit(e) {
  const d = e.details ?? {};
  switch (e.kind) {
    case 'not-found': return { tag: 'not-found' };
    case 'permission-denied': return { tag: 'permission-denied', val: { property: d.property === undefined || d.property === null ? undefined : String(d.property), reason: String(d.reason ?? e.message) } };
    case 'conflict': return { tag: 'conflict', val: toRevision(d.actual, 'a conflict\'s revision') };
    case 'unavailable': return { tag: 'unavailable', val: e.message };
    case 'invalid': return { tag: 'invalid', val: list(d.violations).map((v) => ({ property: String(v.property), rule: String(v.rule), message: String(v.message) })) };
    case 'tampered': return { tag: 'tampered', val: { connector: String(d.connector), property: String(d.property) } };
    case 'key': return { tag: 'key', val: e.message };
    case 'read-only': return { tag: 'read-only', val: { location: String(d.location ?? ''), why: String(d.why ?? e.message) } };
    case 'schema': return { tag: 'schema', val: { location: String(d.location ?? ''), found: u32(d.found, 'found'), supported: u32(d.supported, 'supported') } };
    default: throw new TypeError(`no store-error case '${e.kind}'`);
  }
}

function list(v) {
  if (!Array.isArray(v)) throw new TypeError('StoreError.invalid takes a list of violations');
  return v;
}
