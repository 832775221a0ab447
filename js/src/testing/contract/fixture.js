// The fixtures the clauses start from, the callers they call as and the
// changes they send: the Rust kit's (host/src/testing/fixture.rs), value for
// value. Every secret holds SECRET, which no answer of a store and no breach
// may show.

/** The value of every secret of the fixtures: no `get` may show it. */
export const SECRET = 'contract-secret-9c41';

/** The JSON the merge clauses start from, spaced as no serializer would write it, so that a store that rewrites the text is seen. */
export const JSON_TEXT = '{ "a": 1,  "n": { "x": 1 } }';

/** The secret JSON the secret merge starts from. */
export const SECRET_JSON = '{ "k": "contract-secret-9c41" }';

/** The kind the kind clauses use: built in; `options` is secret and guarded by a permission, `metadata` takes only strings. */
export const KIND = 'auth0-connection';

export const GRANTEE = 'contract-grantee';
export const STRANGER = 'contract-stranger';

/** "One", id c1: A = 1 (plain) and Secret (secret), at revision 1. */
const one = () => ({
  id: 'c1', name: 'One', properties: [{ name: 'A', value: '1' }, { name: 'Secret', value: SECRET, secret: true }],
});

/** "one", id c2 (a name that differs from c1's in case only): J (plain JSON), T (plain text) and SJ (secret JSON). */
const two = () => ({
  id: 'c2', name: 'one', properties: [
    { name: 'J', value: JSON_TEXT }, { name: 'T', value: 'text' }, { name: 'SJ', value: SECRET_JSON, secret: true }],
});

/** "Three", id c3, of KIND: its `options` given as plain, which the kind makes secret. */
const three = () => ({
  id: 'c3', name: 'Three', kind: KIND, properties: [
    { name: 'name', value: 'contract' }, { name: 'options', value: '{"o": 1}' }, { name: 'metadata', value: '{"team": "a"}' }],
});

/** One and two, open to everyone, no kinds: what the read and write clauses start from. */
export function base() {
  return { connectors: [one(), two()], grants: [], kinds: [] };
}

/** `base`, with c1 granted to GRANTEE only. */
export function granted() {
  return { ...base(), grants: [{ connector: 'c1', principal: GRANTEE }] };
}

/** One and three, with KIND declared (`rules`, the component's built-in rules of it). */
export function kinded(rules) {
  return { connectors: [one(), three()], grants: [], kinds: [structuredClone(rules)] };
}

export const anyone = () => ({ permissions: [] });
export const principal = (name) => ({ principal: name, permissions: [] });

/** A caller holding every permission of KIND's rules. */
export function admin(rules) {
  return { principal: 'contract-admin', permissions: rules.properties.map((r) => r.writePermission).filter(Boolean) };
}

/** How a caller is named in a breach, as the Rust kit names it. */
export function who(caller) {
  return caller.principal === undefined ? 'an anonymous caller' : `principal '${caller.principal}'`;
}

export const set = (name, value) => ({ name, op: 'set', value, secret: false });
export const setSecret = (name, value) => ({ name, op: 'set', value, secret: true });
export const mergeIn = (name, patch, secret = false) => ({ name, op: 'merge', value: patch, secret });
export const remove = (name) => ({ name, op: 'remove' });
