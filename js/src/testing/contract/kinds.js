// The clauses that need a kind's rules: its secret rule, its write
// permissions, the values merged in the store, and the order of checks
// (the Rust kit's host/src/testing/kinds.rs).
import { isDeepStrictEqual } from 'node:util';
import {
  KIND, admin, anyone, kinded, mergeIn, remove, set,
} from './fixture.js';
import {
  Absent, Json, Secret, Text, breach, canonical, isConflict, ok, receipt, refused, state,
} from './observe.js';

function kindsDeclared({ fresh, rules: wanted }) {
  const C = 'kinds-declared';
  const store = fresh(kinded(wanted));
  const rules = ok(C, `rules(${JSON.stringify(KIND)})`, () => store.rules(anyone(), KIND));
  if (!isDeepStrictEqual(canonical(rules), canonical(wanted))) {
    throw breach(C, `the store to declare the fixture's kind '${KIND}' as given (or the check to run with { kinds: false })`,
      rules === undefined || rules === null ? 'undefined' : 'other rules');
  }
  const kinds = ok(C, 'kinds()', () => [...store.kinds(anyone())]);
  if (!kinds.some((k) => isDeepStrictEqual(canonical(k), canonical(wanted)))) {
    throw breach(C, `kinds() to list the fixture's kind '${KIND}'`, 'it is not listed');
  }
}

function kindMakesSecret({ fresh, rules }) {
  const C = 'kind-makes-secret';
  const store = fresh(kinded(rules));
  const a = admin(rules);
  state(C, 'as added plain (its kind makes it secret)', store, a, 'c3', 1, [['options', Secret], ['name', Text('contract')]]);
  receipt(C, 'a commit removing options', () => store.write(a, 'c3', 1, [remove('options')], 'commit'), 2, ['options']);
  receipt(C, 'a commit adding options again, marked not secret',
    () => store.write(a, 'c3', 2, [set('options', '{"o": 2}')], 'commit'), 3, ['options']);
  state(C, 'after it was set marked not secret (its kind makes it secret)', store, a, 'c3', 3, [['options', Secret]]);
}

function writePermission({ fresh, rules }) {
  const C = 'write-permission';
  const store = fresh(kinded(rules));
  const a = admin(rules);
  for (const mode of ['commit', 'preview']) {
    refused(C, `a ${mode} write [set display_name, set options] by a caller without options' write-permission`,
      () => store.write(anyone(), 'c3', 1, [set('display_name', 'x'), set('options', '{"o": 2}')], mode),
      "StoreError.permissionDenied naming property 'options'",
      (e) => e.kind === 'permission-denied' && e.details?.property === 'options');
    state(C, `after a refused ${mode} write (its first change not applied)`, store, a, 'c3', 1, [['display_name', Absent]]);
  }
  // Refused for naming it, before any value is compared: a right guess of
  // the guarded value and a wrong one are refused alike, and so are a merge
  // removing a key it holds and one removing a key it does not.
  for (const [what, change] of [
    ['setting options to the value it holds', set('options', '{"o": 1}')],
    ['setting options to another value', set('options', '{"o": 3}')],
    ['merging the removal of a key options holds', mergeIn('options', '{"o": null}', true)],
    ['merging the removal of a key options lacks', mergeIn('options', '{"p": null}', true)],
  ]) {
    refused(C, `a preview by that caller ${what}`,
      () => store.write(anyone(), 'c3', 1, [change], 'preview'),
      "StoreError.permissionDenied naming property 'options'",
      (e) => e.kind === 'permission-denied' && e.details?.property === 'options');
  }
  receipt(C, 'a commit setting options by a caller holding the permission',
    () => store.write(a, 'c3', 1, [set('options', '{"o": 2}')], 'commit'), 2, ['options']);
}

function revisionBeforeChanges({ fresh, rules }) {
  const C = 'revision-before-changes';
  const store = fresh(kinded(rules));
  for (const [what, changes] of [
    ['a write needing a permission the caller lacks', [set('options', '{"o": 2}')]],
    ['a write whose merge breaks a JSON rule', [mergeIn('metadata', '{"size": 5}')]],
    ['a write whose merge patch is no JSON object', [mergeIn('metadata', '[1]')]],
  ]) {
    refused(C, `${what}, at a stale revision`, () => store.write(anyone(), 'c3', 4, changes, 'commit'),
      'StoreError.conflict(1)', isConflict(1));
  }
}

function mergedValues({ fresh, rules }) {
  const C = 'merged-values';
  const store = fresh(kinded(rules));
  const a = admin(rules);
  for (const mode of ['commit', 'preview']) {
    refused(C, `a ${mode} write merging a number into metadata, whose rule takes only strings`,
      () => store.write(a, 'c3', 1, [set('display_name', 'x'), mergeIn('metadata', '{"size": 5}')], mode),
      'StoreError.invalid naming metadata',
      (e) => e.kind === 'invalid' && (e.details?.violations ?? []).some((v) => v?.property === 'metadata'));
    state(C, `after a refused ${mode} merge`, store, a, 'c3', 1, [['metadata', Text('{"team": "a"}')], ['display_name', Absent]]);
  }
  receipt(C, 'a commit merging a string into metadata',
    () => store.write(a, 'c3', 1, [mergeIn('metadata', '{"size": "5"}')], 'commit'), 2, ['metadata']);
  state(C, 'after the merge', store, a, 'c3', 2, [['metadata', Json('{"team": "a", "size": "5"}')]]);
}

export const CLAUSES = [kindsDeclared, kindMakesSecret, writePermission, revisionBeforeChanges, mergedValues];
