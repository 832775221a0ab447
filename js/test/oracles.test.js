// Nothing to guess, nothing to capture, through the npm package: a right and
// a wrong guess of a secret get the same answer for any caller; a caller
// without a property's permission is refused for naming it; ids and names
// never stand for each other; no stored value grows past the per-value limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryStore } from '../src/index.js';
import { CANARY, action, assertClean, stepText } from './helpers.js';

const OPTIONS = 'update:connections_options';

function store() {
  const s = new MemoryStore(action);
  s.add({ id: 'api', name: 'Api', kind: 'rest-api', properties: [{ name: 'APIKey', value: CANARY }] });
  s.add({
    id: 'conn', name: 'Conn', kind: 'auth0-connection', properties: [
      { name: 'name', value: 'conn' },
      { name: 'options', value: JSON.stringify({ client_id: 'c', client_secret: CANARY }) },
    ],
  });
  return s;
}

/** What a caller sees of one step on a fresh store, and what it left there. */
function answer(parameters, caller) {
  const s = store();
  let seen;
  try {
    seen = { outcome: action.execute(stepText(parameters), { store: s, caller }) };
  } catch (e) {
    assertClean('error', e);
    seen = { code: e.code, message: e.message, details: e.details };
  }
  assertClean('answer', seen);
  return { seen, revisions: ['api', 'conn'].map((id) => s.record(id).revision) };
}

test('a right and a wrong guess of a plain secret get the same answer', () => {
  for (const DryRun of [true, false]) {
    const [right, wrong] = [CANARY, 'a-wrong-guess'].map((value) => answer(
      { EntryId: 'api', Properties: [{ PropertyName: 'APIKey', PropertyValue: value }], DryRun }, {}));
    assert.deepEqual(right, wrong);
    assert.deepEqual(right.seen.outcome.changed, ['APIKey']);
  }
});

test('a guess inside a guarded secret is refused alike without the permission, and changes it alike with it', () => {
  const guesses = [
    { client_secret: null }, { no_such_key: null }, { client_secret: CANARY }, { client_secret: 'a-wrong-guess' },
  ];
  for (const [caller, check] of [
    [{ principal: 'mallory' }, (a) => assert.equal(a.seen.code, 'permission-denied')],
    [{ principal: 'deployer', permissions: [OPTIONS] }, (a) => assert.deepEqual(a.seen.outcome.changed, ['options'])],
  ]) {
    for (const DryRun of [true, false]) {
      const answers = guesses.map((g) => answer(
        { EntryId: 'conn', PropertiesJson: JSON.stringify({ options: g }), MergeMode: 'deep', DryRun }, caller));
      check(answers[0]);
      for (const other of answers.slice(1)) assert.deepEqual(other, answers[0]);
    }
  }
});

test('the MemoryStore refuses an id that is a name or a name that is an id', () => {
  const s = store();
  assert.throws(() => s.add({ id: 'Api', name: 'decoy', properties: [] }), /ids and names never stand for each other/);
  assert.throws(() => s.add({ id: 'decoy', name: 'api', properties: [] }), /ids and names never stand for each other/);
  s.add({ id: 'Self', name: 'Self', properties: [] });
  s.add({ id: 'api2', name: 'Api', properties: [] });
});

test('deep merges cannot grow a value past the per-value limit, and the limit is the descriptor\'s', () => {
  const limit = action.describe().limits.find((l) => l.key === 'value-bytes').max;
  assert.equal(limit, 65536);
  const s = new MemoryStore(action);
  s.add({ id: 'grow', name: 'Grow', properties: [{ name: 'P', value: '{}' }, { name: 'S', value: '{}', secret: true }] });
  for (const name of ['P', 'S']) {
    const codes = [0, 1, 2, 3].map((n) => {
      try {
        action.execute(stepText({
          EntryId: 'grow', MergeMode: 'deep', PropertiesJson: JSON.stringify({ [name]: { [`k${n}`]: 'v'.repeat(30000) } }),
        }), { store: s });
        return 'ok';
      } catch (e) {
        assert.equal(e.details.violations[0].rule, 'max-bytes');
        return e.code;
      }
    });
    assert.deepEqual(codes, ['ok', 'ok', 'validation-failed', 'validation-failed'], name);
    assert.ok(s.record('grow').properties.find((p) => p.name === name).value.length <= limit);
  }
  assert.throws(() => s.add({ id: 'big', name: 'Big', properties: [{ name: 'S', value: 'v'.repeat(limit + 1), secret: true }] }),
    /at most 65536 bytes/);
});

test('the MemoryStore refuses a name holding an invisible character, of a kind or of none, naming it escaped', () => {
  const s = new MemoryStore(action);
  for (const kind of [undefined, 'rest-api']) {
    for (const name of ['API\u200bKey', 'API\u202eKey', 'Key\u0007']) {
      assert.throws(() => s.add({ id: 'n', name: 'N', kind, properties: [{ name: 'APIKey', value: 'k' }, { name, value: 'v' }] }),
        (e) => e instanceof TypeError && /U\+[0-9A-F]{4}/.test(e.message) && !/[\u200b\u202e\u0007]/.test(e.message));
    }
  }
  assert.throws(() => s.add({ id: 'n', name: 'N', kind: 'rest-api', properties: [{ name: 'ApiKey', value: 'k' }] }), /APIKey/);
  assert.equal(s.record('n'), undefined);
});
