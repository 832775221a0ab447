// The package's API over the real component: each call, its typed errors,
// a store that throws, and the canary secret in every output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  ConnectorsUpdateError, MapTokens, MemoryStore, StoreError, loadAction,
} from '../src/index.js';
import { kindRulesToWit } from '../src/convert.js';
import { CallContext, importObject, namesMatching } from '../src/imports.js';
import { CANARY, action, assertClean, seedStore, stepText } from './helpers.js';

const EXAMPLE_1 = stepText({
  EntryId: 'twitterConnectorId',
  Properties: [{ PropertyName: 'APIKey', PropertyValue: '[Form:Key]' }],
  PropertiesJson: '{ "Timeout": "30s" }',
});

test('a leading U+FEFF is a character of the step\'s text on its way to the store, as in the Rust harness', () => {
  // A default TextDecoder drops it: an EntryId "\uFEFFtwitterConnectorId" found
  // twitterConnectorId, and a value lost its first character.
  const store = seedStore();
  const bom = '\uFEFF';
  assert.throws(
    () => action.execute(stepText({ EntryId: `${bom}twitterConnectorId`, Properties: [{ PropertyName: 'Timeout', PropertyValue: '9s' }] }), { store }),
    (e) => e.code === 'connector-not-found',
  );
  action.execute(stepText({
    EntryId: 'twitterConnectorId',
    Properties: [{ PropertyName: 'Note', PropertyValue: `${bom}first` }],
    PropertiesJson: JSON.stringify({ Other: `${bom}second` }),
  }), { store });
  const stored = Object.fromEntries(store.record('twitterConnectorId').properties.map((p) => [p.name, p.value]));
  assert.equal(stored.Note, `${bom}first`);
  assert.equal(stored.Other, `${bom}second`);
});

test('execute runs the seed example on the MemoryStore and the secret stays secret', () => {
  const store = seedStore();
  const outcome = action.execute(EXAMPLE_1, { store, tokens: new MapTokens({ 'Form:Key': 'new_api_key_123' }) });
  assert.deepEqual(outcome, {
    id: 'twitterConnectorId', name: 'Twitter API', revisionBefore: 1, revisionAfter: 2,
    added: [], changed: ['APIKey', 'Timeout'], removed: [], unchanged: false, dryRun: false,
  });
  assert.equal(JSON.parse(JSON.stringify(outcome)).revisionAfter, 2, 'an outcome is plain JSON');
  const record = store.record('twitterConnectorId');
  assert.deepEqual(record.properties.find((p) => p.name === 'APIKey'), { name: 'APIKey', value: 'new_api_key_123', secret: true });
  assert.equal(store.get({}, 'twitterConnectorId').properties.find((p) => p.name === 'APIKey').value, undefined);
});

test('parseStep gives a step that execute and validate take, and refuses what is no step', () => {
  const step = action.parseStep(EXAMPLE_1);
  assert.equal(step.entryId, 'twitterConnectorId');
  assert.equal(step.expectedRevision, undefined);
  assert.deepEqual(action.validate(step), []);
  assert.throws(() => action.parseStep('{"EntryId": 1'), (e) => e instanceof ConnectorsUpdateError && e.code === 'invalid-json' && e.details.line === 1);
  assert.throws(() => action.parseStep(undefined), (e) => e.code === 'invalid-parameter');
  assert.throws(() => action.parseStep(stepText({ EntryId: 'x', Bogus: 1 })), (e) => e.code === 'invalid-parameter' && e.details.field === 'Bogus');
  const huge = stepText({ EntryId: 'x', PropertiesJson: `{"A": "${'x'.repeat(2 * 1024 * 1024)}"}` });
  assert.throws(() => action.parseStep(huge), (e) => e.code === 'limit-exceeded');
});

test('validate reports each problem at its field, errors and warnings apart', () => {
  const diagnostics = action.validate(stepText({
    EntryId: '',
    Properties: [{ PropertyName: 'APIKey', PropertyValue: 'x' }, { PropertyName: '', PropertyValue: 'y' }],
    PropertiesJson: '{ "apikey": "z" }',
  }));
  const at = diagnostics.map((d) => `${d.severity} ${d.field} ${d.code}`);
  assert.ok(at.includes('error EntryId invalid-parameter'), at.join('\n'));
  assert.ok(at.includes('error Properties[1].PropertyName invalid-parameter'), at.join('\n'));
  assert.ok(diagnostics.some((d) => d.severity === 'warning'), at.join('\n'));
  const text = action.validate('{"EntryId": 3, "DryRun": "yes"}').map((d) => d.field);
  assert.deepEqual(text.sort(), ['DryRun', 'EntryId']);
});

test('describe lists the parameters, limits as numbers and the store\'s kinds', () => {
  const d = action.describe();
  assert.equal(d.actionType, 'Connectors.Update');
  assert.ok(d.parameters.some((p) => p.key === 'EntryId' && p.supportsTokens));
  assert.equal(typeof d.limits[0].max, 'number');
  assert.deepEqual(d.kinds.map((k) => k.kind), action.support.builtinKinds().map((k) => k.kind));
  const own = new MemoryStore(action, { kinds: [] });
  assert.deepEqual(action.describe({ store: own }).kinds, []);
});

test('the built-in kinds come from the component and equal the Rust harness\'s', () => {
  // The CLI scripts/test names (the one cargo test built), else cargo's.
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const cli = process.env.CONNECTORS_UPDATE_CLI;
  const [command, args] = cli
    ? [cli, ['connector', 'kinds']]
    : ['cargo', ['run', '--quiet', '-p', 'connectors-update', '--', 'connector', 'kinds']];
  const rust = JSON.parse(execFileSync(command, args, { cwd: root, encoding: 'utf8' }));
  const camel = (v) => {
    if (Array.isArray(v)) return v.map(camel);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null)
        .map(([k, x]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), camel(x)]));
    }
    return v;
  };
  const js = JSON.parse(JSON.stringify(action.support.builtinKinds()));
  assert.deepEqual(js, camel(rust));
});

test('every error is a ConnectorsUpdateError with the CLI\'s code and typed details', () => {
  const store = seedStore();
  const cases = [
    [stepText({ EntryId: 'nope', PropertiesJson: '{"A":"1"}' }), 'connector-not-found', { reference: 'nope' }],
    [stepText({ EntryId: 'twitterConnectorId', ExpectedRevision: 9, PropertiesJson: '{"A":"1"}' }), 'conflict', { connector: 'twitterConnectorId', expected: 9, actual: 1 }],
    [stepText({ EntryId: 'twitterConnectorId', Properties: [{ PropertyName: 'A', PropertyValue: '[T]' }] }), 'unresolved-token', { token: '[T]' }],
  ];
  for (const [text, code, details] of cases) {
    assert.throws(() => action.execute(text, { store }), (e) => {
      assert.ok(e instanceof ConnectorsUpdateError);
      assert.equal(e.code, code);
      for (const [k, v] of Object.entries(details)) assert.deepEqual(e.details[k], v);
      assert.equal(JSON.parse(JSON.stringify(e)).code, code);
      assertClean(code, e);
      return true;
    });
  }
  assert.equal(store.record('twitterConnectorId').revision, 1, 'nothing was written');
});

test('a StoreError thrown by a store is the typed error, and the action goes on', () => {
  const store = seedStore();
  const down = { ...bind(store), write() { throw StoreError.unavailable('the disk is full'); } };
  assert.throws(() => action.execute(EXAMPLE_1, { store: down, tokens: new MapTokens({ 'Form:Key': 'k' }) }),
    (e) => e.code === 'store-unavailable' && e.retryable);
  const outcome = action.execute(EXAMPLE_1, { store, tokens: new MapTokens({ 'Form:Key': 'k' }) });
  assert.equal(outcome.revisionAfter, 2);
});

test('anything else a store throws is host-failed, names no value, and leaves the instance usable', async () => {
  for (const instances of ['reuse', 'fresh']) {
    const seen = [];
    const a = await loadAction({ instances, onHostError: (error, call) => seen.push([error.message, call]) });
    {
      const store = seedStore(a);
      const broken = { ...bind(store), get() { throw new Error(`boom ${CANARY}`); } };
      assert.throws(() => a.execute(EXAMPLE_1, { store: broken, tokens: new MapTokens({ 'Form:Key': 'k' }) }), (e) => {
        assert.equal(e.code, 'host-failed');
        assert.match(e.message, /store\.get threw Error/);
        assertClean('host-failed', e);
        return true;
      });
      assert.deepEqual(seen, [[`boom ${CANARY}`, 'store.get']], 'the engine is told, the package prints nothing');
      const wrongShape = { ...bind(store), get() { return { id: 'x', name: 'n', revision: 'one', properties: [] }; } };
      assert.throws(() => a.execute(EXAMPLE_1, { store: wrongShape, tokens: new MapTokens({ 'Form:Key': 'k' }) }), (e) => e.code === 'host-failed');
      assert.equal(a.execute(EXAMPLE_1, { store, tokens: new MapTokens({ 'Form:Key': 'k' }) }).revisionAfter, 2);
      assert.equal(seen.length, 2, instances);
    }
  }
});

test('a store that hands a secret value out anyway does not reach the guest', () => {
  const store = seedStore();
  const leaky = { ...bind(store), get(caller, id) { const c = store.get(caller, id); c.properties = c.properties.map((p) => ({ ...p, value: p.value ?? CANARY })); return c; } };
  const outcome = action.execute(stepText({ EntryId: 'twitterConnectorId', MergeMode: 'deep', PropertiesJson: '{"APIKey": {"a": 1}}' }), { store: leaky });
  assert.deepEqual(outcome.changed, ['APIKey']);
  // The guest could not merge into the secret it never saw: the store did.
  assert.equal(store.record('twitterConnectorId').properties[0].value, '{"a":1}');
});

test('a call from inside a store, made while another runs, gets an instance of its own', () => {
  const store = seedStore();
  let inner;
  const nested = { ...bind(store), get(caller, id) { inner = action.describe(); return store.get(caller, id); } };
  action.execute(EXAMPLE_1, { store: nested, tokens: new MapTokens({ 'Form:Key': 'k' }) });
  assert.equal(inner.actionType, 'Connectors.Update');
});

test('grants and write permissions are the store\'s, and a stranger is refused', () => {
  const store = seedStore();
  store.grant('twitterConnectorId', 'alice');
  const step = stepText({ EntryId: 'twitterConnectorId', PropertiesJson: '{"Timeout":"1s"}' });
  for (const caller of [{}, { principal: 'mallory' }, { principal: 'Alice' }]) {
    assert.throws(() => action.execute(step, { store, caller }), (e) => e.code === 'permission-denied');
  }
  assert.equal(action.execute(step, { store, caller: { principal: 'alice' } }).revisionAfter, 2);
});

test('the store-support functions are the component\'s and refuse what is not JSON', () => {
  const { mergeValue, checkValue } = action.support;
  assert.equal(mergeValue('{"a":1}', '{"b":2}'), '{"a":1,"b":2}');
  assert.equal(mergeValue('{"a":1}', '{"a":1}'), undefined, 'no change');
  assert.throws(() => mergeValue('{}', '[1]'), TypeError);
  const rule = action.support.builtinKinds().find((k) => k.kind === 'rest-api').properties.find((r) => r.name === 'Endpoint');
  assert.deepEqual(checkValue(rule, 'https://ok.example.com', false), []);
  assert.equal(checkValue(rule, CANARY, true)[0].rule, 'format');
  assertClean('violations', checkValue(rule, CANARY, true));
});

test('validate asks the store for the kinds naming the step\'s names, filtered by the component', () => {
  const kinds = action.support.builtinKinds();
  const found = action.support.kindsNaming(kinds, ['enabled_clients', 'Endpoint', 'enabled_clients', 'ENDPOINT', '']);
  assert.deepEqual(found.map((k) => [k.kind, k.properties.map((r) => r.name)]),
    kinds.filter((k) => k.properties.some((r) => ['enabled_clients', 'Endpoint'].includes(r.name)))
      .map((k) => [k.kind, k.properties.filter((r) => ['enabled_clients', 'Endpoint'].includes(r.name)).map((r) => r.name)]));
  assert.deepEqual(action.support.kindsNaming(kinds, []), []);
  // Through the import: a deprecated name warns at its cell; a store whose
  // kinds cannot be read leaves a warning saying so, not an error.
  const step = { entryId: 'x', properties: [{ name: 'enabled_clients', value: '[]' }] };
  const warned = action.validate(step);
  assert.ok(warned.some((d) => d.severity === 'warning' && d.code === 'deprecated-property' && d.field === 'Properties[0].PropertyName'), JSON.stringify(warned));
  const down = { kinds() { throw StoreError.unavailable('the database is down'); } };
  const unread = action.validate(step, { store: down });
  assert.ok(unread.every((d) => d.severity === 'warning') && unread.some((d) => /could not be read/.test(d.message)), JSON.stringify(unread));
});

test('kinds-naming, decided in the package for ASCII names, answers as the action does', () => {
  // ASCII names are compared with toLowerCase (Rust's to_lowercase there);
  // any other text goes to the action. Both must be the action's own answer,
  // for names that match, differ, or only look alike.
  let seed = 7;
  const next = (n) => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const pick = (alphabet) => Array.from({ length: next(5) }, () => alphabet[next(alphabet.length)]).join('');
  const ascii = Array.from({ length: 300 }, () => pick('aAbBzZ_-09 '));
  const tricky = ['İd', 'id', 'ID', 'straße', 'STRASSE', 'Kelvin\u212a', 'kelvink', 'ΣΑΣ', 'σας', 'ǅ', 'ǆ', 'Ⅻ', 'ⅻ', 'I', 'ı'];
  const mixed = Array.from({ length: 100 }, () => pick(['a', 'A', 'ß', 'ẞ', 'İ', 'i', 'ı', 'K', 'k', '\u212a', 'Σ', 'ς', 'σ']));
  const rule = (name) => ({ name, format: 'text' });
  for (const [candidates, names] of [
    [[...new Set(ascii.slice(0, 150))], ascii.slice(150)],
    [tricky, tricky],
    [[...new Set(mixed.slice(0, 50))], mixed.slice(50)],
    [['APIKey', 'Timeout'], ['apikey', 'İd']],
    [['APIKey'], []],
  ]) {
    const probe = kindRulesToWit({ kind: '', properties: candidates.map(rule) });
    const expected = new Set(action.support.kindsNaming([probe], names).flatMap((k) => k.properties.map((r) => r.name)));
    assert.deepEqual(namesMatching(action.support, candidates, names), expected, JSON.stringify(names));
    // Through the import, over kinds that split the names between them.
    const kinds = [
      { kind: 'odd', help: 'h', properties: candidates.filter((_, i) => i % 2).map(rule), maxProperties: 9, allowUnknown: true },
      { kind: 'even', properties: candidates.filter((_, i) => !(i % 2)).map(rule) },
      { kind: 'none', properties: [] },
    ];
    const imports = importObject(() => new CallContext({ store: { kinds: () => kinds }, support: action.support }));
    const answer = imports['workflow:connectors/credential-store'].kindsNaming(names);
    assert.deepEqual(answer, { tag: 'ok', val: action.support.kindsNaming(kinds.map(kindRulesToWit), names) });
  }
});

test('a MemoryStore refuses a connector that breaks its kind, naming no value', () => {
  const store = new MemoryStore(action);
  assert.throws(() => store.add({ name: 'x', kind: 'rest-api', properties: [{ name: 'Endpoint', value: CANARY }] }), (e) => {
    assert.match(e.message, /Endpoint/);
    assertClean('add', e);
    return true;
  });
  assert.throws(() => store.add({ name: 'x', kind: 'no-such-kind' }), /there is no kind 'no-such-kind'/);
  assert.throws(() => store.add({ name: '' }), /needs a name/);
  assert.throws(() => new MemoryStore(), /loadAction/);
});

function bind(store) {
  return Object.fromEntries(['get', 'findByName', 'rules', 'kinds', 'write'].map((m) => [m, store[m].bind(store)]));
}

test('a step object of the wrong shape is invalid-parameter naming the field, and the instance goes on', () => {
  const store = seedStore();
  const base = action.parseStep(EXAMPLE_1);
  const cases = [
    [{ expectedRevision: '1' }, 'ExpectedRevision'], [{ expectedRevision: -1 }, 'ExpectedRevision'],
    [{ properties: 'x' }, 'Properties'], [{ mergeMode: 'Deep' }, 'MergeMode'],
    [{ dryRun: 'false' }, 'DryRun'], [{ entryId: 5 }, 'EntryId'],
  ];
  for (const [change, field] of cases) {
    for (const run of [() => action.execute({ ...base, ...change }, { store }), () => action.validate({ ...base, ...change })]) {
      assert.throws(run, (e) => e instanceof ConnectorsUpdateError && e.code === 'invalid-parameter' && e.details.field === field, field);
    }
  }
  assert.throws(() => action.parseStep(stepText({ EntryId: 'x', ExpectedRevision: 9007199254740993 })), (e) => e.code === 'invalid-parameter');
  assert.equal(store.record('twitterConnectorId').revision, 1);
  assert.equal(action.execute(base, { store, tokens: new MapTokens({ 'Form:Key': 'k' }) }).revisionAfter, 2);
});

test('a store whose rules are malformed fails as the host, not as a trap, and is told', async () => {
  const seen = [];
  const a = await loadAction({ onHostError: (_, call) => seen.push(call) });
  const store = seedStore(a);
  const odd = { ...bind(store), rules: () => ({ kind: 'k', properties: [{ name: 'x', format: 'Text' }] }), kinds: () => [{ kind: 'k', maxProperties: 2 ** 32 + 1, properties: [] }] };
  const step = stepText({ EntryId: 'oauthConnectorId', PropertiesJson: '{"ClientId": "c"}' });
  assert.throws(() => a.execute(step, { store: odd }), (e) => e.code === 'host-failed');
  assert.throws(() => a.describe({ store: odd }), (e) => e.code === 'host-failed');
  assert.deepEqual(seen, ['store.rules', 'store.kinds']);
  assert.equal(a.execute(step, { store }).revisionAfter, 2);
});

test('connectors sharing a name are listed by id, as the Rust store lists them', () => {
  const store = new MemoryStore(action);
  store.add({ id: 'z', name: 'Twin' });
  store.add({ id: 'a', name: 'Twin' });
  assert.throws(() => action.execute(stepText({ EntryId: 'Twin', PropertiesJson: '{"A":"1"}' }), { store }),
    (e) => e.code === 'ambiguous-connector' && JSON.stringify(e.details.candidates) === '["a","z"]');
});

test('kindRulesFromJson reads a kind as the CLI prints it and refuses a field it does not know', async () => {
  const { kindRulesFromJson } = await import('../src/index.js');
  const rules = kindRulesFromJson({ kind: 'vault', allow_unknown: true, properties: [{ name: 'Creds', format: 'json-object', secret: true, json: { strings_only: true } }] });
  assert.equal(rules.allowUnknown, true);
  assert.equal(rules.properties[0].json.stringsOnly, true);
  for (const typo of [
    { kind: 'k', allowUnknown: true },
    { kind: 'k', properties: [{ name: 'A', format: 'text', secrets: true }] },
    { kind: 'k', properties: [{ name: 'A', format: 'json-object', json: { stringsOnly: true } }] },
    { kind: 'k', properties: [{ name: 'A', format: 'json' }] },
    [],
  ]) assert.throws(() => kindRulesFromJson(typo), TypeError, JSON.stringify(typo));
  // Every built-in kind, printed by the CLI, reads back as the component declares it.
  const printed = JSON.parse(execFileSync(process.env.CONNECTORS_UPDATE_CLI ?? '../target/debug/connectors-update', ['connector', 'kinds']));
  assert.deepEqual(printed.map(kindRulesFromJson), action.support.builtinKinds());
});

test('with instances: fresh, no call runs in memory another call left; a reused instance keeps it', async () => {
  // Every WebAssembly.Instance the package makes, recorded with its memory:
  // the guest's memory is the main core module's, the one instance per call
  // that `fresh` must renew.
  const Real = WebAssembly.Instance;
  const memories = [];
  WebAssembly.Instance = function Instance(module, imports) {
    const instance = new Real(module, imports);
    const memory = Object.values(instance.exports).find((e) => e instanceof WebAssembly.Memory);
    if (memory) memories.push(memory);
    return instance;
  };
  const holds = (memory, text) => Buffer.from(memory.buffer).includes(Buffer.from(text));
  try {
    for (const instances of ['fresh', 'reuse']) {
      const a = await loadAction({ instances });
      const store = seedStore(a);
      const first = `${CANARY}-first-${instances}`;
      // While the guest writes, its changes (the token's value) are in its
      // memory; once the call ends, the allocator may have reused the bytes.
      let heldWhileWriting = false;
      const write = store.write.bind(store);
      store.write = (...args) => {
        heldWhileWriting ||= holds(memories.at(-1), first);
        return write(...args);
      };
      a.execute(EXAMPLE_1, { store, tokens: new MapTokens({ 'Form:Key': first }) });
      store.write = write;
      const afterFirst = memories.at(-1);
      assert.ok(heldWhileWriting, 'the first call\'s token value passed through the guest\'s memory');
      a.execute(EXAMPLE_1, { store, tokens: new MapTokens({ 'Form:Key': 'second' }) });
      const second = memories.at(-1);
      if (instances === 'fresh') {
        assert.notEqual(second, afterFirst, 'the second call ran on a new main instance');
        assert.ok(!holds(second, first), 'the second call\'s memory holds nothing of the first');
      } else {
        assert.equal(second, afterFirst, 'a reused instance keeps its memory, which is why fresh exists');
      }
    }
  } finally {
    WebAssembly.Instance = Real;
  }
});

test('a kind given as parsed JSON with an own __proto__ key is answered as data, never as the copy\'s prototype', async () => {
  const rules = JSON.parse('{"kind": "odd", "properties": [{"name": "A", "format": "text"}], "__proto__": {"allowUnknown": true, "injected": 1}}');
  const store = new MemoryStore(action, { kinds: [rules] });
  for (const answered of [store.rules(undefined, 'odd'), store.kinds()[0]]) {
    assert.equal(Object.getPrototypeOf(answered), Object.prototype);
    assert.equal(answered.allowUnknown, undefined, 'nothing is inherited from the __proto__ key');
    assert.deepEqual(answered.__proto__, { allowUnknown: true, injected: 1 });
  }
});
