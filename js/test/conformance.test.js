// The conformance cases of tests/conformance, the same files the Rust
// harness runs, against the package's MemoryStore; and the runner shown to
// catch a store that lies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConformance, memoryStoreFor } from '../src/testing/index.js';
import { action } from './helpers.js';

test('the MemoryStore passes every conformance case', () => {
  assert.deepEqual(checkConformance(action, memoryStoreFor(action)), []);
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
