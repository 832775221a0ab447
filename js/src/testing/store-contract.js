// The store contract checker: a store an engine builds, run through the
// clauses of the `CredentialStore` contract (the Rust kit's
// `connectors_update::testing::check_store`, clause for clause where the
// names match), one fresh store per clause, writing only through the
// contract. A breach names its clause, what was expected and what was seen,
// never a value.
import { isDeepStrictEqual } from 'node:util';
import { StoreError } from '../errors.js';

const SECRET = 'contract-secret-9c41';
const JSON_TEXT = '{ "a": 1,  "n": { "x": 1 } }';
const SECRET_JSON = '{ "k": "contract-secret-9c41" }';
const KIND = 'auth0-connection';
const ANYONE = Object.freeze({ permissions: [] });
const ADMIN = Object.freeze({ permissions: ['update:connections_options'] });

/** Two connectors without a kind: c1 `One` (A, Secret), c2 `one` (J, T, SJ). */
function base() {
  return {
    connectors: [
      { id: 'c1', name: 'One', properties: [{ name: 'A', value: '1' }, { name: 'Secret', value: SECRET, secret: true }] },
      { id: 'c2', name: 'one', properties: [{ name: 'J', value: JSON_TEXT }, { name: 'T', value: 'text' }, { name: 'SJ', value: SECRET_JSON, secret: true }] },
    ],
    grants: [],
  };
}

/** `base` and c3 of the built-in kind auth0-connection. */
function kinded() {
  const f = base();
  f.connectors.push({ id: 'c3', name: 'Three', kind: KIND, properties: [
    { name: 'name', value: 'contract' }, { name: 'options', value: '{"o": 1}' }, { name: 'metadata', value: '{"team": "a"}' }] });
  return f;
}

const set = (name, value, secret = false) => ({ name, op: 'set', value, secret });
const merge = (name, patch, secret = false) => ({ name, op: 'merge', value: patch, secret });
const remove = (name) => ({ name, op: 'remove' });

class Breach extends Error {
  constructor(clause, expected, seen) {
    super(`${clause}: expected ${expected}; seen ${seen}`);
    this.clause = clause;
    this.expected = expected;
    this.seen = seen;
  }
}

/** What a refusal or an answer was, in words that name no value. */
function describe(run) {
  try {
    const v = run();
    return { ok: v };
  } catch (e) {
    return { error: e instanceof StoreError ? e : undefined, thrown: e instanceof StoreError ? `StoreError ${e.kind}` : `a ${e?.constructor?.name ?? typeof e}` };
  }
}

function expectReceipt(C, what, store, args, revision, changed) {
  const r = describe(() => store.write(...args));
  if (!r.ok) throw new Breach(C, `${what} to succeed`, r.thrown);
  if (Number(r.ok.revision) !== revision) throw new Breach(C, `${what} to leave revision ${revision}`, `the receipt says revision ${r.ok.revision}`);
  if (!isDeepStrictEqual(r.ok.changed, changed)) throw new Breach(C, `${what} to report [${changed.join(', ')}] changed`, `[${r.ok.changed.join(', ')}]`);
}

function expectRefusal(C, what, store, args, kind, check = () => true) {
  const r = describe(() => store.write(...args));
  if (r.ok) throw new Breach(C, `${what} to be refused with StoreError ${kind}`, 'it succeeded');
  if (!r.error || r.error.kind !== kind || !check(r.error)) throw new Breach(C, `${what} to be refused with StoreError ${kind}`, r.thrown);
}

/** The connector's revision and plain values as the contract shows them; a secret's value by a preview that must change nothing. */
function expectState(C, when, store, caller, id, revision, values) {
  const c = store.get(caller, id);
  if (Number(c.revision) !== revision) throw new Breach(C, `revision ${revision} ${when}`, `revision ${c.revision}`);
  for (const [name, want] of Object.entries(values)) {
    const p = c.properties.find((q) => q.name === name);
    if (want === undefined) {
      if (p) throw new Breach(C, `no ${name} ${when}`, `${name} is there`);
      continue;
    }
    if (!p) throw new Breach(C, `${name} ${when}`, `no ${name}`);
    if (want.secret !== undefined) {
      if (!p.secret || 'value' in p && p.value !== undefined) throw new Breach(C, `${name} withheld as a secret ${when}`, 'its value handed out');
      const probe = store.write(caller, id, Number(c.revision), [set(name, want.secret, true)], 'preview');
      if (probe.changed.length) throw new Breach(C, `${name} to hold the expected secret ${when}`, 'a preview setting it reports a change');
    } else if (want.json !== undefined) {
      if (p.secret || !isDeepStrictEqual(JSON.parse(p.value), JSON.parse(want.json))) throw new Breach(C, `${name} to hold the merged JSON ${when}`, 'another value');
    } else if (p.secret || p.value !== want) {
      throw new Breach(C, `${name} with the expected value ${when}`, p.secret ? 'a secret' : 'another value');
    }
  }
}

const CLAUSES = {
  'get-withholds-secrets'(fresh) {
    const C = 'get-withholds-secrets';
    const store = fresh(base());
    const c = store.get(ANYONE, 'c1');
    const s = c.properties.find((p) => p.name === 'Secret');
    if (!s?.secret || s.value !== undefined) throw new Breach(C, 'Secret withheld ({ name, secret: true })', 'its value handed out');
    if (c.properties.find((p) => p.name === 'A')?.value !== '1') throw new Breach(C, 'A plain, "1"', 'another value');
    const missing = describe(() => store.get(ANYONE, 'nope'));
    if (missing.ok || missing.error?.kind !== 'not-found') throw new Breach(C, 'an unknown id refused with StoreError not-found', missing.ok ? 'a connector' : missing.thrown);
  },
  'find-by-name'(fresh) {
    const C = 'find-by-name';
    const store = fresh(base());
    const ids = store.findByName(ANYONE, 'One').map((s) => s.id);
    if (!isDeepStrictEqual(ids, ['c1'])) throw new Breach(C, "'One' to find c1 only (names are case-sensitive)", `[${ids.join(', ')}]`);
    if (store.findByName(ANYONE, 'Nobody').length) throw new Breach(C, "'Nobody' to find none", 'some');
  },
  'expected-revision'(fresh) {
    const C = 'expected-revision';
    for (const stale of [0, 2, 7]) {
      const store = fresh(base());
      expectRefusal(C, `a commit expecting revision ${stale} of a connector at revision 1`, store,
        [ANYONE, 'c1', stale, [set('A', '2')], 'commit'], 'conflict', (e) => Number(e.details.actual) === 1);
      expectState(C, 'after a refused write', store, ANYONE, 'c1', 1, { A: '1' });
    }
  },
  'commit-bumps-once'(fresh) {
    const C = 'commit-bumps-once';
    const store = fresh(base());
    expectReceipt(C, 'a commit of two changes at revision 1', store, [ANYONE, 'c1', 1, [set('A', '2'), set('B', 'b')], 'commit'], 2, ['A', 'B']);
    expectState(C, 'after it', store, ANYONE, 'c1', 2, { A: '2', B: 'b' });
  },
  'no-op-keeps-revision'(fresh) {
    const C = 'no-op-keeps-revision';
    const store = fresh(base());
    expectReceipt(C, 'a commit setting A to the value it holds', store, [ANYONE, 'c1', 1, [set('A', '1')], 'commit'], 1, []);
    expectState(C, 'after it', store, ANYONE, 'c1', 1, { A: '1' });
  },
  'changed-names'(fresh) {
    const C = 'changed-names';
    const store = fresh(base());
    expectReceipt(C, 'a commit setting A anew, T as it is, removing a name that is not there and adding N', store,
      [ANYONE, 'c2', 1, [set('T', 'text'), remove('Missing'), set('N', 'n')], 'commit'], 2, ['N']);
  },
  'preview-writes-nothing'(fresh) {
    const C = 'preview-writes-nothing';
    const store = fresh(base());
    expectReceipt(C, 'a preview of a change', store, [ANYONE, 'c1', 1, [set('A', '2'), remove('Secret')], 'preview'], 1, ['A', 'Secret']);
    expectState(C, 'after a preview', store, ANYONE, 'c1', 1, { A: '1', Secret: { secret: SECRET } });
  },
  'preview-checks-revision'(fresh) {
    const C = 'preview-checks-revision';
    const store = fresh(base());
    expectRefusal(C, 'a preview expecting revision 5', store, [ANYONE, 'c1', 5, [set('A', '2')], 'preview'], 'conflict');
  },
  'secrecy-is-sticky'(fresh) {
    const C = 'secrecy-is-sticky';
    const store = fresh(base());
    expectReceipt(C, 'a commit setting Secret, not marked secret', store, [ANYONE, 'c1', 1, [set('Secret', 'other-secret', false)], 'commit'], 2, ['Secret']);
    expectState(C, 'after it', store, ANYONE, 'c1', 2, { Secret: { secret: 'other-secret' } });
    expectReceipt(C, 'a commit making A secret', store, [ANYONE, 'c1', 2, [set('A', '1', true)], 'commit'], 3, ['A']);
    expectState(C, 'after it', store, ANYONE, 'c1', 3, { A: { secret: '1' } });
  },
  'merge-rfc7396'(fresh) {
    const C = 'merge-rfc7396';
    const store = fresh(base());
    expectReceipt(C, 'a merge into J and into the secret SJ', store,
      [ANYONE, 'c2', 1, [merge('J', '{"n": {"x": null, "y": 2}, "b": 3}'), merge('SJ', '{"r": "eu"}', true)], 'commit'], 2, ['J', 'SJ']);
    expectState(C, 'after the merge', store, ANYONE, 'c2', 2, { J: { json: '{"a": 1, "n": {"y": 2}, "b": 3}' } });
    const c = store.get(ANYONE, 'c2');
    const probe = store.write(ANYONE, 'c2', 2, [merge('SJ', '{"r": "eu", "k": "contract-secret-9c41"}', true)], 'preview');
    if (probe.changed.length || !c.properties.find((p) => p.name === 'SJ')?.secret) throw new Breach(C, 'SJ merged in the store and secret', 'another value');
  },
  'no-op-merge-keeps-text'(fresh) {
    const C = 'no-op-merge-keeps-text';
    const store = fresh(base());
    expectReceipt(C, 'a merge that changes nothing, into J and the secret SJ', store,
      [ANYONE, 'c2', 1, [merge('J', '{"a": 1}'), merge('SJ', '{"k": "contract-secret-9c41"}', true)], 'commit'], 1, []);
    expectState(C, 'after it', store, ANYONE, 'c2', 1, { J: JSON_TEXT, SJ: { secret: SECRET_JSON } });
  },
  'all-or-nothing'(fresh) {
    const C = 'all-or-nothing';
    const store = fresh(kinded());
    expectRefusal(C, 'a commit setting display_name, then merging a number into metadata (strings only)', store,
      [ADMIN, 'c3', 1, [set('display_name', 'x'), merge('metadata', '{"size": 5}')], 'commit'], 'invalid');
    expectState(C, 'after a refused write', store, ADMIN, 'c3', 1, { display_name: undefined, metadata: '{"team": "a"}' });
  },
  'merged-values'(fresh) {
    const C = 'merged-values';
    for (const mode of ['commit', 'preview']) {
      const store = fresh(kinded());
      expectRefusal(C, `a ${mode} merging a number into metadata, whose rule takes only strings`, store,
        [ADMIN, 'c3', 1, [merge('metadata', '{"size": 5}')], mode], 'invalid', (e) => e.details.violations.some((v) => v.property === 'metadata'));
    }
  },
  'write-permission'(fresh) {
    const C = 'write-permission';
    const store = fresh(kinded());
    expectRefusal(C, 'a caller without update:connections_options changing options', store,
      [ANYONE, 'c3', 1, [set('options', '{"o": 2}')], 'commit'], 'permission-denied');
    expectReceipt(C, 'the same write by a caller with it', store, [ADMIN, 'c3', 1, [set('options', '{"o": 2}')], 'commit'], 2, ['options']);
  },
  grants(fresh) {
    const C = 'grants';
    const f = base();
    f.grants = [{ connector: 'c1', principal: 'alice' }];
    const store = fresh(f);
    for (const caller of [ANYONE, { principal: 'mallory', permissions: [] }, { principal: 'Alice', permissions: [] }]) {
      const who = caller.principal ?? 'an anonymous caller';
      const got = describe(() => store.get(caller, 'c1'));
      if (got.ok || got.error?.kind !== 'permission-denied') throw new Breach(C, `${who} refused c1`, got.ok ? 'the connector' : got.thrown);
      expectRefusal(C, `a write to c1 by ${who}, at a wrong revision`, store, [caller, 'c1', 9, [set('A', '2')], 'commit'], 'permission-denied');
    }
    expectReceipt(C, 'a write by the grantee', store, [{ principal: 'alice', permissions: [] }, 'c1', 1, [set('A', '2')], 'commit'], 2, ['A']);
  },
};

/**
 * Runs every clause of the store contract against the stores
 * `makeStore(fixture)` builds, one fresh store per clause.
 *
 * @param {(fixture: object) => object} makeStore
 * @param {{ grants?: boolean, kinds?: boolean }} [options] `false` leaves out the clauses a store cannot take part in
 * @returns {{ clause: string, expected: string, seen: string }[]} every breach; empty when the store keeps the contract
 */
export function checkStore(makeStore, { grants = true, kinds = true } = {}) {
  const breaches = [];
  const skip = new Set([...(grants ? [] : ['grants']), ...(kinds ? [] : ['all-or-nothing', 'merged-values', 'write-permission'])]);
  for (const [clause, run] of Object.entries(CLAUSES)) {
    if (skip.has(clause)) continue;
    try {
      run(makeStore);
    } catch (e) {
      breaches.push(e instanceof Breach
        ? { clause: e.clause, expected: e.expected, seen: e.seen }
        : { clause, expected: 'the clause to run', seen: `the store threw ${e instanceof StoreError ? `StoreError ${e.kind}` : `a ${e?.constructor?.name ?? typeof e}`}` });
    }
  }
  return breaches;
}

/** `checkStore`, throwing an error that lists every breach. */
export function assertStore(makeStore, options) {
  const breaches = checkStore(makeStore, options);
  if (breaches.length) {
    throw new Error(`the store breaks ${breaches.length} clause(s) of the CredentialStore contract:\n${breaches.map((b) => `- ${b.clause}: expected ${b.expected}; seen ${b.seen}`).join('\n')}`);
  }
}
