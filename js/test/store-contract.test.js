// The store contract kit, checked itself, as tests/contract.rs checks the
// Rust kit: the package's MemoryStore keeps the contract, the clause names
// are the Rust kit's, and each deliberately broken store below (a
// MemoryStore behind a wrapper that makes one mistake, the same mistakes as
// the Rust test's) is caught by the clause that names the mistake, in words
// that name no value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  CLAUSE_NAMES, assertStore, checkStore, memoryStoreFor,
} from '../src/testing/index.js';
import { StoreError } from '../src/index.js';
import { action } from './helpers.js';

const memory = memoryStoreFor(action);
const GRANTEE = 'contract-grantee';

/** `caller`'s permissions, held by the fixture's grantee. */
const asGrantee = (caller) => ({ principal: GRANTEE, permissions: [...(caller.permissions ?? [])] });

/** A MemoryStore with one mistake, named as in tests/contract.rs. */
class Flawed {
  #declassified = new Set();

  constructor(inner, flaw, beside) {
    this.inner = inner;
    this.flaw = flaw;
    /** The connectors `inner` refused, which a HoldsIdNameCollisions store holds all the same. */
    this.beside = beside;
  }

  /** The connector with the secrets `which` picks shown as plain values. */
  #plain(id, connector, which) {
    const record = this.inner.record(id);
    return {
      ...connector,
      properties: connector.properties.map((p) => (p.secret && which(p.name)
        ? { name: p.name, value: record.properties.find((q) => q.name === p.name).value }
        : p)),
    };
  }

  #current(id, otherwise) {
    return this.inner.record(id)?.revision ?? otherwise;
  }

  /** Each merge turned into a set of what it must leave, written anew (RewritesNoOpMerge), or of the patch (MergeReplaces). */
  #unmerged(id, changes) {
    return changes.map((c) => {
      if (c.op !== 'merge') return c;
      let value = c.value;
      if (this.flaw === 'RewritesNoOpMerge') {
        const target = this.inner.record(id)?.properties.find((p) => p.name === c.name)?.value;
        let merged;
        try {
          merged = action.support.mergeValue(target, c.value);
        } catch {
          return c;
        }
        value = merged ?? JSON.stringify(JSON.parse(target));
      }
      return { name: c.name, op: 'set', value, secret: c.secret };
    });
  }

  get(caller, id) {
    let connector;
    try {
      connector = this.inner.get(caller, id);
    } catch (e) {
      if (this.flaw === 'MissingIsDenied' && e.kind === 'not-found') throw StoreError.permissionDenied('denied');
      if (this.flaw === 'IgnoresGrants' && e.kind === 'permission-denied') connector = this.inner.get(asGrantee(caller), id);
      else if (this.flaw === 'HoldsIdNameCollisions' && e.kind === 'not-found') connector = this.beside.get(caller, id);
      else throw e;
    }
    if (this.flaw === 'HandsOutSecrets') return this.#plain(id, connector, () => true);
    if (this.flaw === 'LosesSecrecy') return this.#plain(id, connector, (name) => this.#declassified.has(`${id}\u0000${name}`));
    if (this.flaw === 'SecretWithValue') {
      const plain = this.#plain(id, connector, () => true);
      return { ...plain, properties: plain.properties.map((p, i) => (connector.properties[i].secret ? { ...p, secret: true } : p)) };
    }
    return connector;
  }

  findByName(caller, name) {
    const all = () => ['c1', 'c2', 'c3'].map((id) => this.inner.record(id)).filter(Boolean);
    const summary = (r) => ({ id: r.id, name: r.name, kind: r.kind, revision: r.revision });
    if (this.flaw === 'FindIgnoresCase') return all().filter((r) => r.name.toLowerCase() === name.toLowerCase()).map(summary);
    if (this.flaw === 'IgnoresGrants') return all().filter((r) => r.name === name).map(summary);
    if (this.flaw === 'HoldsIdNameCollisions') return [...this.inner.findByName(caller, name), ...this.beside.findByName(caller, name)];
    return this.inner.findByName(caller, name);
  }

  rules(caller, kind) {
    return this.flaw === 'ForgetsRules' ? undefined : this.inner.rules(caller, kind);
  }

  kinds(caller) {
    return this.inner.kinds(caller);
  }

  write(caller, id, expected, changes, mode) {
    switch (this.flaw) {
      case 'IgnoresRevision': expected = this.#current(id, expected); break;
      case 'PreviewIgnoresRevision': if (mode === 'preview') expected = this.#current(id, expected); break;
      case 'RevisionBeforeAccess': {
        const current = this.#current(id, expected);
        if (current !== expected) throw StoreError.conflict(current);
        break;
      }
      case 'CommitsInPreview': mode = 'commit'; break;
      case 'MergeReplaces': case 'RewritesNoOpMerge': changes = this.#unmerged(id, changes); break;
      case 'IgnoresGrants': caller = asGrantee(caller); break;
      case 'PreviewSkipsPermissions':
        if (mode === 'preview') caller = { ...caller, permissions: [...(caller.permissions ?? []), 'update:connections_options'] };
        break;
      // As the stores did before issue 28: a secret, or a guarded value, sent as it is stored is left out, unchanged.
      case 'ComparesSecrets': case 'PermissionAfterCompare': {
        const record = this.inner.record(id);
        const rules = record?.kind ? this.inner.rules(caller, record.kind) : undefined;
        changes = changes.filter((c) => {
          if (c.op !== 'set') return true;
          const stored = record?.properties.find((p) => p.name === c.name);
          const wanted = this.flaw === 'ComparesSecrets'
            ? stored?.secret === true
            : rules?.properties.some((r) => r.name === c.name && r.writePermission);
          return !(wanted && stored?.value === c.value);
        });
        break;
      }
      case 'IgnoresValueLimit':
        try {
          return this.inner.write(caller, id, expected, changes, mode);
        } catch (e) {
          if (e.kind === 'invalid' && e.details.violations.every((v) => v.rule === 'max-bytes')) {
            return { revision: expected + (mode === 'commit' ? 1 : 0), changed: changes.map((c) => c.name) };
          }
          throw e;
        }
      case 'PartialWrite':
        if (mode === 'commit') {
          let revision = expected;
          const changed = [];
          for (const change of changes) {
            const r = this.inner.write(caller, id, revision, [change], mode);
            revision = r.revision;
            for (const name of r.changed) if (!changed.includes(name)) changed.push(name);
          }
          return { revision: expected + (changed.length ? 1 : 0), changed };
        }
        break;
      default:
    }
    const receipt = this.inner.write(caller, id, expected, changes, mode);
    const committed = mode === 'commit';
    if (this.flaw === 'ForgetsBump' && committed && receipt.changed.length) receipt.revision -= 1;
    if (this.flaw === 'BumpsOnNoOp' && committed && !receipt.changed.length) receipt.revision += 1;
    if (this.flaw === 'ReportsEveryName') receipt.changed = [...new Set(changes.map((c) => c.name))];
    if (this.flaw === 'LosesSecrecy' && committed) {
      for (const c of changes) {
        const key = `${id}\u0000${c.name}`;
        if (c.op === 'set' && !c.secret) this.#declassified.add(key);
        else this.#declassified.delete(key);
      }
    }
    return receipt;
  }
}

const flawed = (flaw) => (fixture) => {
  if (flaw !== 'HoldsIdNameCollisions') return new Flawed(memory(fixture), flaw);
  const [inner, beside] = [memory({ ...fixture, connectors: [] }), memory({ ...fixture, connectors: [] })];
  for (const c of fixture.connectors) {
    try {
      inner.add(c);
    } catch {
      beside.add(c);
    }
  }
  return new Flawed(inner, flaw, beside);
};

/** The breaches of a store with `flaw`, which must be caught and must not hold the fixture's secret. */
function report(flaw) {
  const breaches = checkStore(action, flawed(flaw));
  assert.ok(breaches.length > 0, `a store that makes the mistake ${flaw} passed the check`);
  assert.ok(!JSON.stringify(breaches).includes('contract-secret-9c41'), `the report on ${flaw} holds the fixture's secret`);
  return breaches;
}

/** The breach of `clause` in the report on `flaw`. */
function caught(flaw, clause) {
  const breaches = report(flaw);
  const breach = breaches.find((b) => b.clause === clause);
  assert.ok(breach, `${flaw} was not caught by clause ${clause}: ${JSON.stringify(breaches, null, 1)}`);
  return breach;
}

function says(breach, expected, seen) {
  assert.deepEqual({ expected: breach.expected, seen: breach.seen }, { expected, seen });
}

const broke = (breaches, clause) => breaches.some((b) => b.clause === clause);

test('the MemoryStore keeps the contract, with or without grants and kinds', () => {
  assert.deepEqual(checkStore(action, memory), []);
  assert.deepEqual(checkStore(action, memory, { grants: false, kinds: false }), []);
  assert.doesNotThrow(() => assertStore(action, memory));
});

test('the clauses are the Rust kit\'s, by name and in its order', () => {
  // Each Rust module's CLAUSES array, in order, each function by the name its `const C` gives.
  const names = [];
  for (const file of ['reads', 'writes', 'access', 'kinds']) {
    const rust = readFileSync(new URL(`../../host/src/testing/${file}.rs`, import.meta.url), 'utf8');
    const named = new Map([...rust.matchAll(/fn (\w+)\(fresh[^{]*\{\s*const C: &str = "([^"]+)";/g)].map((m) => [m[1], m[2]]));
    const array = rust.match(/const CLAUSES: &\[Clause\] = &\[([^\]]*)\]/)[1];
    for (const fn of array.split(',').map((f) => f.trim()).filter(Boolean)) {
      assert.ok(named.has(fn), `${file}.rs: ${fn} has no const C`);
      names.push(named.get(fn));
    }
  }
  assert.equal(names.length, 30);
  assert.deepEqual([...CLAUSE_NAMES], names);
  // Every clause runs: a store that answers nothing (refusing one call as
  // unavailable, the next as not found) breaks each one.
  let calls = 0;
  const nothing = () => new Proxy({}, {
    get: () => () => { throw (calls++ % 2 ? StoreError.notFound() : StoreError.unavailable('down')); },
  });
  assert.deepEqual(checkStore(action, nothing).map((b) => b.clause), names);
});

test('assertStore throws one line per breach, and checkStore refuses a call without the action', () => {
  const breaches = report('ReportsEveryName');
  assert.throws(() => assertStore(action, flawed('ReportsEveryName')), (e) => {
    const lines = e.message.split('\n');
    return lines[0] === `the store breaks ${breaches.length} clause(s) of the CredentialStore contract:`
      && lines.length === breaches.length + 1 && lines[1].startsWith('- ');
  });
  assert.ok(broke(breaches, 'changed-names') && !broke(breaches, 'get'));
  assert.throws(() => checkStore(memory), TypeError);
});

test('a store that ignores the expected revision is caught', () => {
  says(caught('IgnoresRevision', 'expected-revision'),
    'a commit expecting revision 0 of a connector at revision 1 to be refused with StoreError.conflict(1), the current revision',
    'success');
});

test('a store that commits in preview is caught', () => {
  says(caught('CommitsInPreview', 'preview-writes-nothing'),
    'a preview setting A, adding B and setting the secret to its value marked not secret (its receipt holds the current revision) to answer revision 1 with changed ["A", "B", "Secret"]',
    'revision 2 with changed ["A", "B", "Secret"]');
});

test('a preview that skips the revision or a permission is caught', () => {
  says(caught('PreviewIgnoresRevision', 'preview-checks-revision'),
    'a preview expecting revision 2 of a connector at revision 1 to be refused with StoreError.conflict(1)', 'success');
  says(caught('PreviewSkipsPermissions', 'write-permission'),
    "a preview write [set display_name, set options] by a caller without options' write-permission to be refused with StoreError.permissionDenied naming property 'options'",
    'success');
  assert.ok(broke(report('PreviewIgnoresRevision'), 'preview-reports-as-commit'));
});

test('a store that forgets to bump the revision, or bumps it on a no-op, is caught', () => {
  says(caught('ForgetsBump', 'commit-bumps-revision'),
    'a commit setting A, adding B and removing an absent property to answer revision 2 with changed ["A", "B"]',
    'revision 1 with changed ["A", "B"]');
  says(caught('BumpsOnNoOp', 'no-op-keeps-revision'),
    'a commit with no changes to answer revision 1 with changed []', 'revision 2 with changed []');
});

test('a store that reports every name as changed is caught', () => {
  says(caught('ReportsEveryName', 'changed-names'),
    'a commit of [set Z, set A to its value, set B, set Z again] to answer revision 2 with changed ["Z", "B"]',
    'revision 2 with changed ["Z", "A", "B"]');
  assert.ok(broke(report('ReportsEveryName'), 'no-op-keeps-revision'));
});

test('a store that hands a secret out, with or without its secret mark, or loses secrecy, is caught', () => {
  says(caught('HandsOutSecrets', 'secrets-withheld'),
    "get of 'c1' to withhold every secret value ({ name, secret: true })", "property 'Secret' hands out a secret value");
  says(caught('HandsOutSecrets', 'get'), "property 'Secret' of 'c1' secret as added", 'a plain value');
  says(caught('SecretWithValue', 'get'), "property 'Secret' of 'c1' secret as added", 'a secret with its value handed out');
  assert.ok(broke(report('SecretWithValue'), 'secrets-withheld'));
  says(caught('LosesSecrecy', 'secrecy-is-sticky'),
    "property 'Secret' of 'c1' secret after a set marked not secret", 'a plain value');
});

test('a store that does not merge in the store, or rewrites the text on a no-op merge, is caught', () => {
  says(caught('MergeReplaces', 'merge-rfc7396'),
    "property 'J' of 'c2' plain with the JSON value RFC 7396 gives after the merge", 'a plain value with other text');
  says(caught('MergeReplaces', 'secret-merge'),
    'a preview merging into SJ a key whose value fits the per-value limit alone, but not once merged with what SJ holds to be refused with StoreError.invalid naming SJ (a store that replaced the secret instead of merging into it takes it)',
    'success');
  says(caught('RewritesNoOpMerge', 'no-op-merge-keeps-text'),
    'a commit of merges that change nothing to answer revision 1 with changed []', 'revision 2 with changed ["J"]');
  assert.ok(!broke(report('RewritesNoOpMerge'), 'merge-rfc7396'), 'it merges');
});

test('a store that applies part of a refused write is caught', () => {
  says(caught('PartialWrite', 'all-or-nothing'),
    "'c2' at revision 1 after a write refused at its second change (the first not applied)", 'revision 2');
  says(caught('PartialWrite', 'write-permission'),
    "'c3' at revision 1 after a refused commit write (its first change not applied)", 'revision 2');
});

test('broken reads are caught', () => {
  says(caught('FindIgnoresCase', 'find-by-name'),
    'findByName("One"), exact and case-sensitive, to give ids ["c1"]', '["c1", "c2"]');
  says(caught('MissingIsDenied', 'not-found'),
    'get of an id no connector has to be refused with StoreError.notFound()', 'StoreError.permissionDenied naming no property');
  says(caught('ForgetsRules', 'rules-and-kinds'), 'rules("rest-api") to be what kinds() lists for it', 'undefined');
  says(caught('ForgetsRules', 'kinds-declared'),
    "the store to declare the fixture's kind 'auth0-connection' as given (or the check to run with { kinds: false })", 'undefined');
});

test('broken access is caught, and without grants the access clauses are not run', () => {
  says(caught('IgnoresGrants', 'grantee-only'),
    "get of 'c1' (granted to another) by an anonymous caller to be refused with StoreError.permissionDenied", 'success');
  says(caught('IgnoresGrants', 'find-by-name-access'),
    "findByName by a caller with no grant to leave out 'c1' (or refuse)", "'c1' listed");
  says(caught('RevisionBeforeAccess', 'access-before-revision'),
    'a write by a caller with no grant, at a stale revision (the revision must not be told) to be refused with StoreError.permissionDenied',
    'StoreError.conflict(1)');
  assert.deepEqual(checkStore(action, flawed('IgnoresGrants'), { grants: false }), []);
});

test('a store that keeps kinds as JSON (no undefined, null for none) still declares them as given', () => {
  const viaJson = (fixture) => {
    const inner = memory(fixture);
    const roundTrip = (v) => JSON.parse(JSON.stringify(v, (_, x) => (x === undefined ? null : x)));
    return new Proxy(inner, {
      get(t, key) {
        if (key === 'rules') return (caller, kind) => { const r = t.rules(caller, kind); return r && roundTrip(r); };
        if (key === 'kinds') return (caller) => roundTrip(t.kinds(caller));
        return t[key].bind(t);
      },
    });
  };
  assert.deepEqual(checkStore(action, viaJson), []);
});

test('a store that answers in another shape is a breach naming the clause, not a crash', () => {
  const odd = (fixture) => {
    const inner = memory(fixture);
    return new Proxy(inner, { get: (t, key) => (key === 'get' ? () => 'no connector' : t[key].bind(t)) });
  };
  const breaches = checkStore(action, odd);
  assert.ok(broke(breaches, 'get') && broke(breaches, 'secrets-withheld'), JSON.stringify(breaches));
  for (const b of breaches) assert.ok(CLAUSE_NAMES.includes(b.clause), b.clause);
});

test('a store that crashes where it must refuse, or hides a secret in another field, is caught', () => {
  const crashes = (fixture) => {
    const inner = memory(fixture);
    return new Proxy(inner, {
      get(t, key) {
        if (key === 'write') {
          return (caller, id, expected, changes, mode) => {
            if (changes.some((c) => c.op === 'merge' && c.value.trim().startsWith('['))) throw new TypeError('not an object');
            return t.write(caller, id, expected, changes, mode);
          };
        }
        return t[key].bind(t);
      },
    });
  };
  const crashed = checkStore(action, crashes);
  assert.ok(broke(crashed, 'all-or-nothing') && broke(crashed, 'preview-reports-as-commit'), JSON.stringify(crashed));
  const hidden = (fixture) => {
    const inner = memory(fixture);
    return new Proxy(inner, {
      get(t, key) {
        if (key === 'get') return (caller, id) => ({ ...t.get(caller, id), raw: t.record(id).properties });
        if (key === 'findByName') {
          return (caller, name) => t.findByName(caller, name).map((s) => ({ ...s, revision: s.id === 'c1' ? 'contract-secret-9c41' : s.revision }));
        }
        return t[key].bind(t);
      },
    });
  };
  const found = checkStore(action, hidden);
  assert.ok(broke(found, 'secrets-withheld'), JSON.stringify(found));
  assert.ok(broke(found, 'find-by-name'), JSON.stringify(found));
  assert.ok(!JSON.stringify(found).includes('contract-secret-9c41'), JSON.stringify(found));
});

test('a store that tells a right guess of a secret from a wrong one is caught', () => {
  says(caught('ComparesSecrets', 'secret-named-is-changed'),
    'a preview write of a right guess of Secret to answer revision 1 with changed ["Secret"]', 'revision 1 with changed []');
  says(caught('PermissionAfterCompare', 'write-permission'),
    "a preview by that caller setting options to the value it holds to be refused with StoreError.permissionDenied naming property 'options'",
    'success');
});

test('a store that holds an id that is a name, or takes a value over the limit, is caught', () => {
  says(caught('HoldsIdNameCollisions', 'ids-and-names-apart'),
    "a connector whose id is c1's name 'One' to be refused when the store is built (ids and names never stand for each other)",
    'the store holds it');
  says(caught('IgnoresValueLimit', 'value-size-limit'),
    'a commit of a plain value one byte over the per-value limit to be refused with StoreError.invalid naming the property',
    'success');
});
