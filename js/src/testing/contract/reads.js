// The clauses of the reads: `get`, `findByName`, `rules` and `kinds`
// (the Rust kit's host/src/testing/reads.rs).
import { isDeepStrictEqual } from 'node:util';
import { SECRET, anyone, base, set } from './fixture.js';
import {
  Secret, Text, attempt, breach, canonical, isNotFound, list, ok, refused, revision, state,
} from './observe.js';

function get({ fresh }) {
  const C = 'get';
  const store = fresh(base());
  const c = state(C, 'as added', store, anyone(), 'c1', 1, [['A', Text('1')], ['Secret', Secret]]);
  if (c.id !== 'c1' || c.name !== 'One' || (c.kind !== undefined && c.kind !== null)) {
    throw breach(C, "get of 'c1' to give id 'c1', name 'One' and no kind",
      `id '${c.id}', name '${c.name}', kind ${JSON.stringify(c.kind ?? null)}`);
  }
  const names = c.properties.map((p) => p.name).sort();
  if (!isDeepStrictEqual(names, ['A', 'Secret'])) {
    throw breach(C, "get of 'c1' to list its properties A and Secret, each once", list(names));
  }
}

function notFound({ fresh }) {
  const C = 'not-found';
  const store = fresh(base());
  const want = 'StoreError.notFound()';
  refused(C, 'get of an id no connector has', () => store.get(anyone(), 'no-such-connector'), want, isNotFound);
  refused(C, "get of an id that differs from 'c1' in case", () => store.get(anyone(), 'C1'), want, isNotFound);
  for (const mode of ['commit', 'preview']) {
    refused(C, `a ${mode} write to an id no connector has`,
      () => store.write(anyone(), 'no-such-connector', 1, [set('A', '2')], mode), want, isNotFound);
  }
}

function secretsWithheld({ fresh }) {
  const C = 'secrets-withheld';
  const store = fresh(base());
  for (const id of ['c1', 'c2']) {
    const c = ok(C, `get of '${id}'`, () => store.get(anyone(), id));
    for (const p of c.properties) {
      if (typeof p.value === 'string' && p.value.includes(SECRET)) {
        throw breach(C, `get of '${id}' to withhold every secret value ({ name, secret: true })`,
          `property '${p.name}' hands out a secret value`);
      }
    }
    // Anywhere else in the answer, too: a JavaScript object can carry more than the contract's fields.
    if (JSON.stringify(c).includes(SECRET)) {
      throw breach(C, `get of '${id}' to hold no secret value anywhere in its answer`, 'a secret value in another field');
    }
  }
  for (const name of ['One', 'one']) {
    const found = ok(C, `findByName(${JSON.stringify(name)})`, () => store.findByName(anyone(), name));
    if (JSON.stringify(found).includes(SECRET)) {
      throw breach(C, `findByName(${JSON.stringify(name)}) to hold no secret value`, 'a secret value in a summary');
    }
  }
  state(C, '', store, anyone(), 'c2', 1, [['SJ', Secret]]);
}

function findByName({ fresh }) {
  const C = 'find-by-name';
  const store = fresh(base());
  for (const [name, ids] of [['One', ['c1']], ['one', ['c2']], ['ONE', []], ['On', []], ['One ', []], ['c1', []]]) {
    const found = ok(C, `findByName(${JSON.stringify(name)})`, () => store.findByName(anyone(), name));
    const seen = found.map((s) => s.id);
    if (!isDeepStrictEqual(seen, ids)) {
      throw breach(C, `findByName(${JSON.stringify(name)}), exact and case-sensitive, to give ids ${list(ids)}`, list(seen));
    }
    const s = found[0];
    if (s && (s.name !== name || Number(s.revision) !== 1 || (s.kind !== undefined && s.kind !== null))) {
      throw breach(C, `the summary of '${s.id}' to give its name, no kind and revision 1`,
        `name ${s.name === name ? 'right' : 'wrong'}, kind ${JSON.stringify(s.kind ?? null)}, revision ${revision(s.revision)}`);
    }
  }
}

function rulesAndKinds({ fresh }) {
  const C = 'rules-and-kinds';
  const store = fresh(base());
  const me = anyone();
  const kinds = ok(C, 'kinds()', () => [...store.kinds(me)]);
  const names = new Set(kinds.map((k) => k.kind));
  if (names.size !== kinds.length) {
    throw breach(C, 'kinds() to list each kind once', `${kinds.length} entries for ${names.size} kinds`);
  }
  for (const kind of kinds) {
    const rules = ok(C, `rules(${JSON.stringify(kind.kind)})`, () => store.rules(me, kind.kind));
    if (!isDeepStrictEqual(canonical(rules), canonical(kind))) {
      throw breach(C, `rules(${JSON.stringify(kind.kind)}) to be what kinds() lists for it`,
        rules === undefined || rules === null ? 'undefined' : 'other rules');
    }
  }
  const unknown = ok(C, 'rules of a kind no store declares', () => store.rules(me, 'no-such-kind-contract'));
  if (unknown !== undefined && unknown !== null) {
    throw breach(C, 'rules of a kind the store does not declare to be undefined', 'some rules');
  }
}

/**
 * A store never holds a connector whose id is another's name, or whose name
 * is another's id: such a pair makes every step naming either one ambiguous,
 * and lets whoever may add a connector capture the steps that name another.
 * Asked to hold one, the store refuses it: building the store throws, or the
 * store built lacks the connector it refused.
 */
function idsAndNamesApart({ fresh }) {
  const C = 'ids-and-names-apart';
  for (const [what, decoy, nameLookup] of [
    ["a connector whose id is c1's name 'One'", { id: 'One', name: 'Decoy', properties: [{ name: 'A', value: 'decoy' }] }, undefined],
    ["a connector whose name is c1's id 'c1'", { id: 'decoy', name: 'c1', properties: [{ name: 'A', value: 'decoy' }] }, 'c1'],
  ]) {
    const fixture = base();
    fixture.connectors.push(decoy);
    let store;
    try {
      store = fresh(fixture);
    } catch {
      continue; // Refused while the store was built.
    }
    const byId = attempt(() => store.get(anyone(), decoy.id));
    const heldById = !('error' in byId && byId.error?.kind === 'not-found');
    let heldByName = false;
    if (nameLookup !== undefined) {
      const found = attempt(() => [...store.findByName(anyone(), nameLookup)]);
      heldByName = 'value' in found && found.value.length > 0;
    }
    if (heldById || heldByName) {
      throw breach(C, `${what} to be refused when the store is built (ids and names never stand for each other)`, 'the store holds it');
    }
  }
}

export const CLAUSES = [get, notFound, secretsWithheld, findByName, idsAndNamesApart, rulesAndKinds];
