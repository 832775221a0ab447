// The clauses of `write`: revisions, previews, the changes, merges,
// secrecy and atomicity, on connectors without a kind or grants (the Rust
// kit's host/src/testing/writes.rs).
import { isDeepStrictEqual } from 'node:util';
import { StoreError } from '../../errors.js';
import { MAX_VALUE_BYTES } from '../../memory-store.js';
import {
  JSON_TEXT, SECRET, anyone, base, mergeIn, remove, set, setSecret,
} from './fixture.js';
import {
  Absent, Json, Secret, Text, attempt, breach, describe, describeReceipt, describeResult, isConflict, ok,
  receipt, refused, state,
} from './observe.js';

function expectedRevision({ fresh }) {
  const C = 'expected-revision';
  for (const stale of [0, 2, 7]) {
    const store = fresh(base());
    refused(C, `a commit expecting revision ${stale} of a connector at revision 1`,
      () => store.write(anyone(), 'c1', stale, [set('A', '2')], 'commit'),
      'StoreError.conflict(1), the current revision', isConflict(1));
    state(C, 'after a refused write', store, anyone(), 'c1', 1, [['A', Text('1')]]);
  }
  // The revision a refusal names is the current one, not the first.
  const store = fresh(base());
  ok(C, 'a commit at revision 1', () => store.write(anyone(), 'c1', 1, [set('A', '2')], 'commit'));
  refused(C, 'a second commit expecting revision 1, now stale',
    () => store.write(anyone(), 'c1', 1, [set('A', '3')], 'commit'), 'StoreError.conflict(2)', isConflict(2));
  state(C, 'after a refused write', store, anyone(), 'c1', 2, [['A', Text('2')]]);
}

function commitBumpsRevision({ fresh }) {
  const C = 'commit-bumps-revision';
  const store = fresh(base());
  receipt(C, 'a commit setting A, adding B and removing an absent property',
    () => store.write(anyone(), 'c1', 1, [set('A', '2'), set('B', 'b'), remove('Missing')], 'commit'), 2, ['A', 'B']);
  state(C, 'after the commit', store, anyone(), 'c1', 2, [['A', Text('2')], ['B', Text('b')], ['Missing', Absent]]);
  receipt(C, 'a second commit at revision 2', () => store.write(anyone(), 'c1', 2, [set('A', '3')], 'commit'), 3, ['A']);
  state(C, 'after two commits', store, anyone(), 'c1', 3, [['A', Text('3')]]);
}

function noOpKeepsRevision({ fresh }) {
  const C = 'no-op-keeps-revision';
  const store = fresh(base());
  for (const [what, changes] of [
    ['a commit with no changes', []],
    ['a commit setting A to its value and removing an absent property', [set('A', '1'), remove('Missing')]],
  ]) {
    receipt(C, what, () => store.write(anyone(), 'c1', 1, changes, 'commit'), 1, []);
  }
  state(C, 'after commits that change nothing', store, anyone(), 'c1', 1, []);
}

function changedNames({ fresh }) {
  const C = 'changed-names';
  const store = fresh(base());
  receipt(C, 'a commit of [set Z, set A to its value, set B, set Z again]',
    () => store.write(anyone(), 'c1', 1, [set('Z', '1'), set('A', '1'), set('B', 'b'), set('Z', '2')], 'commit'), 2, ['Z', 'B']);
  state(C, 'after the commit', store, anyone(), 'c1', 2, [['Z', Text('2')], ['A', Text('1')], ['B', Text('b')]]);
}

function previewWritesNothing({ fresh }) {
  const C = 'preview-writes-nothing';
  const store = fresh(base());
  receipt(C, 'a preview setting A, adding B and setting the secret to its value marked not secret (its receipt holds the current revision)',
    () => store.write(anyone(), 'c1', 1, [set('A', '2'), set('B', 'b'), set('Secret', SECRET)], 'preview'), 1, ['A', 'B', 'Secret']);
  state(C, 'after a preview', store, anyone(), 'c1', 1, [['A', Text('1')], ['B', Absent]]);
  receipt(C, 'a commit at revision 1 after a preview', () => store.write(anyone(), 'c1', 1, [set('A', '2')], 'commit'), 2, ['A']);
}

function previewChecksRevision({ fresh }) {
  const C = 'preview-checks-revision';
  const store = fresh(base());
  refused(C, 'a preview expecting revision 2 of a connector at revision 1',
    () => store.write(anyone(), 'c1', 2, [set('A', '2')], 'preview'), 'StoreError.conflict(1)', isConflict(1));
}

/** Each write a preview must answer exactly as a commit would, revision aside: [what, id, expected revision, changes]. */
const SCENARIOS = [
  ['a write that sets, adds and removes', 'c1', 1, [set('A', '2'), set('B', 'b'), remove('Secret')]],
  ['a write that changes nothing', 'c1', 1, [set('A', '1')]],
  ['a write at a stale revision', 'c1', 3, [set('A', '2')]],
  ['a write that merges', 'c2', 1, [mergeIn('J', '{"b": 2}'), mergeIn('J', '{"a": 1}')]],
  ['a write whose merge patch is no JSON object', 'c2', 1, [set('T', 'new'), mergeIn('J', '[1]')]],
];

function previewReportsAsCommit({ fresh }) {
  const C = 'preview-reports-as-commit';
  for (const [what, id, expected, changes] of SCENARIOS) {
    const preview = attempt(() => fresh(base()).write(anyone(), id, expected, changes, 'preview'));
    const commit = attempt(() => fresh(base()).write(anyone(), id, expected, changes, 'commit'));
    let same = false;
    if (!('error' in preview) && !('error' in commit)) {
      const c = commit.value;
      const current = c.changed.length === 0 ? Number(c.revision) : Number(c.revision) - 1;
      same = Number(preview.value?.revision) === current && isDeepStrictEqual(preview.value?.changed, c.changed);
    } else if ('error' in preview && 'error' in commit) {
      // A crash is no answer: only refusals (StoreErrors) can be alike.
      same = preview.error instanceof StoreError && commit.error instanceof StoreError
        && describe(preview.error) === describe(commit.error);
    }
    if (!same) {
      throw breach(C, `the preview of ${what} to answer as its commit does (${describeResult(commit)}), at the current revision`, describeResult(preview));
    }
  }
}

function removal({ fresh }) {
  const C = 'removal';
  const store = fresh(base());
  receipt(C, 'a commit removing A and the secret',
    () => store.write(anyone(), 'c1', 1, [remove('A'), remove('Secret')], 'commit'), 2, ['A', 'Secret']);
  state(C, 'after the removal', store, anyone(), 'c1', 2, [['A', Absent], ['Secret', Absent]]);
  receipt(C, 'a commit removing A again', () => store.write(anyone(), 'c1', 2, [remove('A')], 'commit'), 2, []);
}

function secrecyIsSticky({ fresh }) {
  const C = 'secrecy-is-sticky';
  const store = fresh(base());
  receipt(C, 'a commit setting the secret to a new value, marked not secret',
    () => store.write(anyone(), 'c1', 1, [set('Secret', 'contract-secret-9c41-new')], 'commit'), 2, ['Secret']);
  state(C, 'after a set marked not secret', store, anyone(), 'c1', 2, [['Secret', Secret]]);
  receipt(C, 'a commit making plain A secret, its value unchanged (a change of secrecy)',
    () => store.write(anyone(), 'c1', 2, [setSecret('A', '1')], 'commit'), 3, ['A']);
  state(C, 'after A was made secret', store, anyone(), 'c1', 3, [['A', Secret]]);
  receipt(C, 'a commit setting secret A to its value, marked not secret (a secret named is changed)',
    () => store.write(anyone(), 'c1', 3, [set('A', '1')], 'commit'), 4, ['A']);
  state(C, 'after that', store, anyone(), 'c1', 4, [['A', Secret]]);
}

function merge({ fresh }) {
  const C = 'merge-rfc7396';
  const store = fresh(base());
  receipt(C, 'a commit merging into J (an object), T (not an object, so {}) and M (absent)',
    () => store.write(anyone(), 'c2', 1, [
      mergeIn('J', '{"a": null, "b": 2, "n": {"y": 2}}'), mergeIn('T', '{"x": 1}'), mergeIn('M', '{"m": {"deep": true}}'),
    ], 'commit'), 2, ['J', 'T', 'M']);
  state(C, 'after the merge', store, anyone(), 'c2', 2, [
    ['J', Json('{"n": {"x": 1, "y": 2}, "b": 2}')], ['T', Json('{"x": 1}')], ['M', Json('{"m": {"deep": true}}')]]);
}

function noOpMergeKeepsText({ fresh }) {
  const C = 'no-op-merge-keeps-text';
  const store = fresh(base());
  receipt(C, 'a commit of merges that change nothing',
    () => store.write(anyone(), 'c2', 1, [mergeIn('J', '{"a": 1}'), mergeIn('J', '{"n": {"x": 1}, "gone": null}'), mergeIn('J', '{}')], 'commit'),
    1, []);
  state(C, 'after merges that change nothing (its text kept as it was)', store, anyone(), 'c2', 1, [['J', Text(JSON_TEXT)]]);
}

function secretMerge({ fresh }) {
  const C = 'secret-merge';
  const store = fresh(base());
  receipt(C, 'a commit merging a new key into the secret SJ',
    () => store.write(anyone(), 'c2', 1, [mergeIn('SJ', '{"n": "1"}', true)], 'commit'), 2, ['SJ']);
  // Whether the store merged (rather than replaced) is seen without
  // reading the secret, through the per-value limit: this patch alone
  // fits in it, merged into what SJ holds it does not.
  const long = 'x'.repeat(MAX_VALUE_BYTES - 18);
  refused(C, 'a preview merging into SJ a key whose value fits the per-value limit alone, but not once merged with what SJ holds',
    () => store.write(anyone(), 'c2', 2, [mergeIn('SJ', `{"long": "${long}"}`, true)], 'preview'),
    'StoreError.invalid naming SJ (a store that replaced the secret instead of merging into it takes it)',
    naming('SJ'));
  state(C, 'after a secret merge', store, anyone(), 'c2', 2, [['SJ', Secret]]);
}

/**
 * A right and a wrong guess of a secret get the same answer: a secret a
 * change names (but with the mask, which never reaches a store) is
 * changed, and whether a key of a secret JSON value exists is not told.
 */
function secretNamedIsChanged({ fresh }) {
  const C = 'secret-named-is-changed';
  const store = fresh(base());
  for (const mode of ['preview', 'commit']) {
    for (const [what, change] of [
      ['a wrong guess of Secret', setSecret('Secret', 'contract-guess')],
      ['a right guess of Secret', setSecret('Secret', SECRET)],
      ['the right guess, marked not secret', set('Secret', SECRET)],
    ]) {
      const rev = Number(ok(C, "get of 'c1' to succeed", () => store.get(anyone(), 'c1')).revision);
      receipt(C, `a ${mode} write of ${what}`,
        () => store.write(anyone(), 'c1', rev, [change], mode), mode === 'commit' ? rev + 1 : rev, ['Secret']);
    }
  }
  for (const [what, patch] of [
    ['removing the key SJ holds', '{"k": null}'],
    ['removing a key SJ does not hold', '{"absent": null}'],
    ["setting SJ's key to the value it holds", `{"k": "${SECRET}"}`],
    ["setting SJ's key to another value", '{"k": "contract-guess"}'],
  ]) {
    receipt(C, `a preview merge ${what}`,
      () => store.write(anyone(), 'c2', 1, [mergeIn('SJ', patch, true)], 'preview'), 1, ['SJ']);
  }
}

/**
 * The per-value limit holds for what a write stores, not only for what it
 * sends: a value over it, or a merge that grows one past it, is refused.
 */
function valueSizeLimit({ fresh }) {
  const C = 'value-size-limit';
  const store = fresh(base());
  const atLimit = 'v'.repeat(MAX_VALUE_BYTES);
  const over = 'v'.repeat(MAX_VALUE_BYTES + 1);
  for (const [what, change] of [
    ['a plain value one byte over the per-value limit', set('A', over)],
    ['a secret one byte over the per-value limit', setSecret('Secret', over)],
  ]) {
    refused(C, `a commit of ${what}`, () => store.write(anyone(), 'c1', 1, [change], 'commit'),
      'StoreError.invalid naming the property', (e) => naming('A')(e) || naming('Secret')(e));
  }
  receipt(C, 'a commit of a value exactly at the per-value limit',
    () => store.write(anyone(), 'c1', 1, [set('A', atLimit)], 'commit'), 2, ['A']);
  const half = 'h'.repeat(MAX_VALUE_BYTES / 2);
  const [first, second] = [`{"h1": "${half}"}`, `{"h2": "${half}"}`];
  for (const [name, secret, rev] of [['J', false, 1], ['SJ', true, 2]]) {
    receipt(C, `a commit merging half the limit into ${name}`,
      () => store.write(anyone(), 'c2', rev, [mergeIn(name, first, secret)], 'commit'), rev + 1, [name]);
    refused(C, `a commit merging another half of the limit into ${name}, which would grow it past the limit`,
      () => store.write(anyone(), 'c2', rev + 1, [mergeIn(name, second, secret)], 'commit'),
      `StoreError.invalid naming ${name}`, naming(name));
  }
  state(C, 'after the refused merges', store, anyone(), 'c2', 3,
    [['J', Json(`{"a": 1, "n": {"x": 1}, "h1": "${half}"}`)], ['SJ', Secret]]);
}

/** An `invalid` refusal with a violation of `name`. */
const naming = (name) => (e) => e.kind === 'invalid' && (e.details?.violations ?? []).some((v) => v?.property === name);

function allOrNothing({ fresh }) {
  const C = 'all-or-nothing';
  const store = fresh(base());
  const result = attempt(() => store.write(anyone(), 'c2', 1, [set('T', 'new'), mergeIn('J', '[1]')], 'commit'));
  if (!('error' in result)) {
    throw breach(C, 'a commit whose second change merges a patch that is no JSON object to be refused',
      `success: ${describeReceipt(result.value)}`);
  }
  if (!(result.error instanceof StoreError)) {
    throw breach(C, 'a commit whose second change merges a patch that is no JSON object to be refused with a StoreError',
      describe(result.error));
  }
  state(C, 'after a write refused at its second change (the first not applied)', store, anyone(), 'c2', 1,
    [['T', Text('text')], ['J', Text(JSON_TEXT)]]);
}

export const CLAUSES = [
  expectedRevision, commitBumpsRevision, noOpKeepsRevision, changedNames, previewWritesNothing, previewChecksRevision,
  previewReportsAsCommit, removal, secrecyIsSticky, merge, noOpMergeKeepsText, secretMerge, secretNamedIsChanged,
  valueSizeLimit, allOrNothing,
];
