// The package's own lowering of the component's imports (src/imports.js's withLowering)
// against jco's: the same bindings instantiated twice, once with the import
// functions' `cabiLower` methods and once with plain functions (which the
// bindings hand to jco's trampolines), are given the same store answers, and
// must call the store with the same arguments and answer the same. The
// answers cover every field of every type the imports pass: each
// store-error case, connectors and summaries with and without a kind,
// secret and plain values, kind rules with every optional field set and
// none, text that is empty, not ASCII or outside the BMP, and lists that
// are empty.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { instantiate } from '../gen/connectors_update.js';
import { CORE_MODULES } from '../gen/core-modules.js';
import { CallContext, importObject } from '../src/imports.js';
import { StoreError } from '../src/errors.js';
import { action } from './helpers.js';

const modules = Object.fromEntries(CORE_MODULES.map((name) => [
  name, new WebAssembly.Module(readFileSync(new URL(`../gen/${name}`, import.meta.url))),
]));
const CABI_LOWER = Symbol.for('cabiLower');

/** An instance of the component whose imports are lowered by the package (`ours`) or by jco. */
function instance(ours) {
  let context;
  const imports = importObject(() => context);
  let lowered = 0;
  for (const functions of Object.values(imports)) {
    for (const [name, f] of Object.entries(functions)) {
      if (ours) {
        assert.equal(typeof f[CABI_LOWER], 'function', `${name} has no cabiLower`);
        const make = f[CABI_LOWER];
        f[CABI_LOWER] = (options) => { lowered += 1; return make(options); };
      } else {
        functions[name] = (...args) => f(...args);
      }
    }
  }
  const root = instantiate((name) => modules[name], imports, (module, coreImports) => new WebAssembly.Instance(module, coreImports));
  assert.equal(lowered, ours ? 7 : 0, 'the bindings did not take the package\'s lowering (built without importBindings: hybrid?)');
  return (store, tokens, run) => {
    context = new CallContext({ store, tokens, support: action.support });
    try {
      return { ok: run(root.action) };
    } catch (error) {
      return { thrown: error };
    } finally {
      context = undefined;
    }
  };
}

const ours = instance(true);
const jcos = instance(false);

const ODD = ['', 'plain', 'Grüße', '名前', '😀 emoji', 'a\u0000b', 'x'.repeat(300)];

const RICH_KIND = {
  kind: 'kind-😀',
  help: 'Hilfe für alle',
  properties: [
    {
      name: 'Every', required: true, secret: true, format: 'json-object', maxLength: 4294967295,
      json: { allowedKeys: ['a', 'ключ', ''], maxEntries: 0, stringsOnly: true, maxStringLength: 7 },
      immutable: true, writePermission: 'perm:写', deprecated: 'use Other', help: 'all set',
    },
    { name: 'None', format: 'text' },
    { name: 'Merge', format: 'json-object' },
    { name: 'NoKeys', format: 'json-array', json: { maxEntries: 3 } },
    ...['integer', 'boolean', 'url', 'duration', 'timestamp'].map((format) => ({ name: `F-${format}`, format, maxLength: 0 })),
  ],
  maxProperties: 12,
  allowUnknown: true,
};
const PLAIN_KIND = { kind: 'plain', properties: [] };

const ERRORS = [
  () => StoreError.notFound(),
  () => StoreError.permissionDenied('no grant for Ünïcode'),
  () => StoreError.permissionDenied('needs perm', 'Prop😀'),
  () => StoreError.conflict(18446744073709551615n),
  () => StoreError.conflict(7),
  () => StoreError.unavailable('down: 名前'),
  () => StoreError.invalid([]),
  () => StoreError.invalid([{ property: 'A', rule: 'max-bytes', message: 'too long' }, { property: '', rule: 'r', message: '😀' }]),
  () => StoreError.tampered('conn-1', 'Prop'),
  () => StoreError.key('no key'),
  () => StoreError.readOnly('/tmp/store', 'mounted read-only'),
  () => StoreError.schema('/tmp/store', 9, 4294967295),
];

/**
 * A store that answers from `answers` (a method's answer, or a function
 * that throws) and records each call's arguments.
 */
function scripted(answers) {
  const calls = [];
  const store = {};
  for (const method of ['get', 'findByName', 'rules', 'kinds', 'write']) {
    store[method] = (caller, ...args) => {
      calls.push([method, ...args]);
      const answer = answers[method];
      if (typeof answer === 'function') return answer(...args);
      if (answer === undefined) throw StoreError.notFound();
      return structuredClone(answer);
    };
  }
  const tokens = {
    resolve: (source, name) => {
      calls.push(['resolve', source, name]);
      const answer = answers.resolve;
      return typeof answer === 'function' ? answer(source, name) : answer;
    },
  };
  return { store, tokens, calls };
}

/** Runs `run` against a store answering `answers`, with both lowerings, and checks they agree. */
function same(what, answers, run) {
  const a = scripted(answers);
  const b = scripted(answers);
  const mine = ours(a.store, a.tokens, run);
  const theirs = jcos(b.store, b.tokens, run);
  assert.deepStrictEqual(a.calls, b.calls, `${what}: the store was called differently`);
  assert.deepStrictEqual(mine, theirs, `${what}: the action answered differently`);
  return mine;
}

const connector = (name, properties, kind) => ({
  id: `id-${name}`, name, kind, revision: 3, properties,
});

test('describe relays every field of the kinds a store declares, as jco lowers them', () => {
  const described = same('kinds', { kinds: [RICH_KIND, PLAIN_KIND] }, (a) => a.describe());
  assert.equal(described.ok.kinds.length, 2);
  same('no kinds', { kinds: [] }, (a) => a.describe());
  for (const error of ERRORS) same(`kinds refused: ${error().kind}`, { kinds: () => { throw error(); } }, (a) => a.describe());
});

test('execute reads connectors, summaries, rules and tokens and writes changes as jco passes them', () => {
  const steps = [
    { entryId: 'Twitter API', properties: [{ name: 'APIKey', value: '[Form:Key]' }], propertiesJson: '{ "Timeout": "30s" }', dryRun: false, mergeMode: 'replace' },
    { entryId: 'Twitter API', properties: [{ name: 'NoKeys', value: '[1]' }], propertiesJson: '{ "Gone": null, "Merge": { "a": "😀" }, "Obj": { "k": 1 } }', dryRun: true, mergeMode: 'deep', expectedRevision: 3n },
    { entryId: 'id-Twitter API', properties: [{ name: 'None', value: '名前 😀' }], propertiesJson: '', dryRun: false, mergeMode: 'deep' },
  ];
  for (const value of ODD) {
    const stored = connector('Twitter API', [
      { name: 'APIKey', value: { tag: 'secret' } }, { name: 'Every', value: { tag: 'secret' } },
      { name: 'None', value: { tag: 'plain', val: value } }, { name: 'Gone', value: { tag: 'plain', val: '' } },
      { name: 'Merge', value: { tag: 'secret' } }, { name: 'Obj', value: { tag: 'plain', val: JSON.stringify({ s: value }) } },
    ], RICH_KIND.kind);
    for (const [i, step] of steps.entries()) {
      same(`step ${i}, value ${JSON.stringify(value)}`, {
        get: (id) => { if (id !== stored.id) throw StoreError.notFound(); return { ...stored, properties: stored.properties.map((p) => (p.value.tag === 'secret' ? { name: p.name, secret: true } : { name: p.name, value: p.value.val })) }; },
        findByName: [{ id: stored.id, name: stored.name, kind: stored.kind, revision: 3 }, { id: 'other', name: 'Twitter API', revision: 9 }].slice(0, value === '' ? 2 : 1),
        rules: RICH_KIND,
        write: { revision: 4, changed: ['APIKey', value] },
        resolve: value || undefined,
      }, (a) => a.execute(step));
    }
  }
});

test('every store-error from every import reaches the action as jco lowers it', () => {
  const step = { entryId: 'Twitter API', properties: [{ name: 'APIKey', value: '[Form:Key]' }], propertiesJson: '', dryRun: false, mergeMode: 'replace' };
  const good = {
    get: (id) => { if (id !== 'id-1') throw StoreError.notFound(); return { id: 'id-1', name: 'Twitter API', revision: 1, properties: [] }; },
    findByName: [{ id: 'id-1', name: 'Twitter API', revision: 1 }],
    rules: undefined,
    write: { revision: 2, changed: [] },
    resolve: 'k',
  };
  for (const method of ['get', 'findByName', 'rules', 'write', 'resolve']) {
    for (const error of ERRORS) {
      const answers = { ...good, [method]: () => { throw error(); } };
      if (method === 'rules') answers.get = () => ({ id: 'id-1', name: 'Twitter API', kind: 'k', revision: 1, properties: [] });
      same(`${method} refused: ${error().kind} ${error().message}`, answers, (a) => a.execute(step));
    }
  }
});

test('validate asks for the rules of the names a step writes as jco passes them', () => {
  const names = ['Every', 'none', 'NOKEYS', '名前', ''];
  for (const [i, rows] of [names, [], ['😀']].entries()) {
    const step = { entryId: 'x', properties: rows.map((name) => ({ name, value: '1' })), propertiesJson: '{"F-integer": "x"}', dryRun: false, mergeMode: 'replace' };
    same(`validate ${i}`, { kinds: [RICH_KIND, PLAIN_KIND] }, (a) => a.validate(step));
    for (const error of ERRORS) same(`validate ${i} refused: ${error().kind}`, { kinds: () => { throw error(); } }, (a) => a.validate(step));
  }
});
