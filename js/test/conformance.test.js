// The conformance cases of tests/conformance, the same files the Rust
// harness runs, against the package's MemoryStore; and the runner shown to
// catch a store that lies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConformance, memoryStoreFor } from '../src/testing/index.js';
import { action } from './helpers.js';

/** A secret's value, as the MemoryStore's administration reads it. */
const reveal = (store, id, name) => store.record(id)?.properties.find((p) => p.name === name)?.value;

test('the MemoryStore passes every conformance case', () => {
  assert.deepEqual(checkConformance(action, memoryStoreFor(action), { reveal }), []);
});

test('the runner sees a secret holding another value only when it can read it', () => {
  assert.deepEqual(checkConformance(action, memoryStoreFor(action)), []);
  const lying = (store, id, name) => `${reveal(store, id, name)}-other`;
  const found = checkConformance(action, memoryStoreFor(action), { reveal: lying });
  assert.ok(found.some((f) => f.expected.endsWith('holding the expected secret')), JSON.stringify(found));
  assert.ok(!JSON.stringify(found).includes('canary'), 'no canary in the mismatches');
});

test('a store that writes nothing fails the cases that write, and only those', () => {
  const forgetful = (fixture) => {
    const store = memoryStoreFor(action)(fixture);
    return new Proxy(store, {
      get(t, key) {
        if (key === 'write') {
          return (caller, id, expected, changes) => {
            t.write(caller, id, expected, changes, 'preview');
            return { revision: expected, changed: [] };
          };
        }
        return t[key].bind(t);
      },
    });
  };
  const cases = checkConformance(action, forgetful).map((f) => f.case);
  assert.ok(cases.includes('example 1 updates the key and the timeout'), cases.join('\n'));
  assert.ok(!cases.includes('a step that changes nothing writes nothing'), cases.join('\n'));
});

test('a store that declares none of its kinds fails the design-time and kind cases', () => {
  const kindless = (fixture) => {
    const store = memoryStoreFor(action)(fixture);
    return new Proxy(store, {
      get(t, key) {
        if (key === 'kinds') return () => [];
        if (key === 'rules') return () => undefined;
        return t[key].bind(t);
      },
    });
  };
  const found = checkConformance(action, kindless);
  const cases = found.map((f) => f.case);
  for (const name of [
    "describe lists the store's own kind after the built-in ones",
    "a name the store's kind deprecates is a warning at its cell",
    'a merged result that breaks the kind\'s rules is validation-failed, with every violation',
  ]) assert.ok(cases.includes(name), `${name} not failed:\n${cases.join('\n')}`);
  assert.ok(!cases.includes('a complete step has no diagnostics'), cases.join('\n'));
  assert.ok(!JSON.stringify(found).includes('canary'), 'a mismatch names a value');
});
