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

/** The package's step (numbers) as the component's. */
export function stepToWit(step) {
  if (step === null || typeof step !== 'object') {
    throw new ConnectorsUpdateError('invalid-parameter', 'The step must be an object as parseStep returns it, or the text of a step file.', { field: 'Parameters' });
  }
  return {
    entryId: String(step.entryId ?? ''),
    properties: (step.properties ?? []).map((row) => ({
      name: String(row.name ?? ''),
      value: row.value === undefined || row.value === null ? undefined : String(row.value),
    })),
    propertiesJson: String(step.propertiesJson ?? ''),
    expectedRevision: step.expectedRevision === undefined || step.expectedRevision === null
      ? undefined
      : toRevision(step.expectedRevision, 'expectedRevision'),
    dryRun: Boolean(step.dryRun),
    mergeMode: step.mergeMode ?? 'replace',
  };
}

/** The component's step as the package's. */
export function stepFromWit(step) {
  return { ...step, expectedRevision: step.expectedRevision === undefined ? undefined : toNumber(step.expectedRevision) };
}

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
    case 'permission-denied': return { tag: 'permission-denied', val: { property: d.property, reason: String(d.reason ?? e.message) } };
    case 'conflict': return { tag: 'conflict', val: toRevision(d.actual, 'a conflict\'s revision') };
    case 'unavailable': return { tag: 'unavailable', val: e.message };
    case 'invalid': return { tag: 'invalid', val: (d.violations ?? []).map((v) => ({ property: String(v.property), rule: String(v.rule), message: String(v.message) })) };
    case 'tampered': return { tag: 'tampered', val: { connector: String(d.connector), property: String(d.property) } };
    case 'key': return { tag: 'key', val: e.message };
    case 'read-only': return { tag: 'read-only', val: { location: String(d.location ?? ''), why: String(d.why ?? e.message) } };
    case 'schema': return { tag: 'schema', val: { location: String(d.location ?? ''), found: Number(d.found), supported: Number(d.supported) } };
    default: throw new TypeError(`no store-error case '${e.kind}'`);
  }
}
