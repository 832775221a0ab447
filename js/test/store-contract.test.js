// The store contract kit, checked itself: the package's MemoryStore keeps
// the contract, and each deliberately broken store below (a MemoryStore
// behind a wrapper that makes one mistake) is caught by the clause that
// names the mistake, in words that name no value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkStore, memoryStoreFor } from '../src/testing/index.js';
import { action } from './helpers.js';

const memory = memoryStoreFor(action);

/** A MemoryStore whose `write` is `flawed(inner, ...args)`. */
function flawed(write) {
  return (fixture) => {
    const inner = memory(fixture);
    return new Proxy(inner, {
      get(t, key) {
        if (key === 'write') return (...args) => write(t, ...args);
        return t[key].bind(t);
      },
    });
  };
}

const clauses = (breaches) => breaches.map((b) => b.clause);

test('the MemoryStore keeps the contract', () => {
  assert.deepEqual(checkStore(memory), []);
});

test('a store that ignores the expected revision is caught', () => {
  const b = checkStore(flawed((t, caller, id, _expected, changes, mode) => t.write(caller, id, t.get(caller, id).revision, changes, mode)));
  assert.ok(clauses(b).includes('expected-revision'), JSON.stringify(b));
});

test('a store that commits in preview is caught', () => {
  const b = checkStore(flawed((t, caller, id, expected, changes) => t.write(caller, id, expected, changes, 'commit')));
  assert.ok(clauses(b).includes('preview-writes-nothing'), JSON.stringify(b));
});

test('a store that forgets to bump the revision is caught', () => {
  const b = checkStore(flawed((t, ...args) => {
    const r = t.write(...args);
    return { ...r, revision: args[2] };
  }));
  assert.ok(clauses(b).includes('commit-bumps-once'), JSON.stringify(b));
});

test('a store that reports every name as changed is caught', () => {
  const b = checkStore(flawed((t, caller, id, expected, changes, mode) => {
    const r = t.write(caller, id, expected, changes, mode);
    return { ...r, changed: changes.map((c) => c.name) };
  }));
  assert.ok(clauses(b).includes('changed-names'), JSON.stringify(b));
});

test('a store that rewrites a secret on a merge that changes nothing is caught', () => {
  // It merges right, but stores the result as serde or JSON.stringify
  // prints it even when the merge changed nothing: the text moves.
  const b = checkStore(flawed((t, caller, id, expected, changes, mode) => {
    const stored = (name) => t.record(id)?.properties.find((p) => p.name === name)?.value;
    const rewritten = changes.map((c) => {
      if (c.op !== 'merge') return c;
      const target = stored(c.name);
      const merged = action.support.mergeValue(target, c.value) ?? JSON.stringify(JSON.parse(target ?? '{}'));
      return { name: c.name, op: 'set', value: merged, secret: c.secret };
    });
    return t.write(caller, id, expected, rewritten, mode);
  }));
  assert.ok(clauses(b).includes('no-op-merge-keeps-text'), JSON.stringify(b));
});

test('a store that hands secrets out, or ignores grants, is caught, and no breach names a value', () => {
  const leaky = (fixture) => {
    const inner = memory(fixture);
    return new Proxy(inner, {
      get(t, key) {
        if (key === 'get') {
          return (caller, id) => {
            const c = t.get(caller, id);
            const record = t.record(id);
            return { ...c, properties: record.properties.map((p) => ({ name: p.name, value: p.value, secret: false })) };
          };
        }
        return t[key].bind(t);
      },
    });
  };
  const b = checkStore(leaky);
  assert.ok(clauses(b).includes('get-withholds-secrets'), JSON.stringify(b));
  assert.ok(!JSON.stringify(b).includes('contract-secret'), 'a breach names the secret');
  const open = (fixture) => memory({ ...fixture, grants: [] });
  assert.ok(clauses(checkStore(open)).includes('grants'));
  assert.deepEqual(checkStore(open, { grants: false }), []);
});
