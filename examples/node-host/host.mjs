// A JavaScript engine hosting the Connectors.Update component through jco.
// It supplies the two imports (an in-memory credential store that withholds
// secrets, and tokens) and runs the seed's merge example. See README.md in
// this folder for the three commands that run it.
import { readFile } from 'node:fs/promises';
import { instantiate } from './out/connectors_update.js';

// An in-memory credential store: secrets are handed to the action as { tag: 'secret' } only.
// A result's error is thrown as an Error whose `payload` is the WIT variant.
const db = new Map([["twitterConnectorId", { name: "Twitter API", revision: 1n,
  props: [{ name: "APIKey", value: "canary-secret", secret: true }, { name: "Endpoint", value: "e0", secret: false }] }]]);
const fail = (tag, val) => { const e = new Error(tag); e.payload = val === undefined ? { tag } : { tag, val }; throw e; };
const view = (id, c) => ({ id, name: c.name, kind: undefined, revision: c.revision,
  properties: c.props.map(p => ({ name: p.name, value: p.secret ? { tag: 'secret' } : { tag: 'plain', val: p.value } })) });
// RFC 7396 JSON Merge Patch, for a `merge` change (MergeMode deep on a secret).
const mergePatch = (target, patch) => {
  const out = target && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = v && typeof v === 'object' && !Array.isArray(v) ? mergePatch(out[k], v) : v;
  }
  return out;
};
const parse = text => { try { return JSON.parse(text); } catch { return undefined; } };
const store = {
  get(id) { const c = db.get(id); if (!c) fail('not-found'); return view(id, c); },
  findByName(name) { return [...db].filter(([, c]) => c.name === name).map(([id, c]) => ({ id, name: c.name, revision: c.revision })); },
  rules(kind) { return undefined; },
  kinds() { return []; },
  // The rules for these names in every kind (none here: this store declares no kinds).
  kindsNaming(names) { return this.kinds().map(k => ({ ...k, properties: k.properties.filter(r => names.includes(r.name)) })).filter(k => k.properties.length); },
  write(id, expected, changes, mode) {
    const c = db.get(id); if (!c) fail('not-found');
    if (c.revision !== expected) fail('conflict', c.revision);
    const props = c.props.map(p => ({ ...p })); const changed = [];
    for (const ch of changes) {
      const i = props.findIndex(p => p.name === ch.name);
      if (ch.op.tag === 'remove') { if (i >= 0) { props.splice(i, 1); changed.push(ch.name); } continue; }
      let { value, secret } = ch.op.val;
      if (ch.op.tag === 'merge') value = JSON.stringify(mergePatch(i >= 0 ? parse(props[i].value) : undefined, JSON.parse(value)));
      if (i < 0) { props.push({ name: ch.name, value, secret }); changed.push(ch.name); }
      else if (props[i].value !== value) { props[i] = { ...props[i], value, secret: props[i].secret || secret }; changed.push(ch.name); }
    }
    if (mode === 'commit' && changed.length) { c.props = props; c.revision += 1n; }
    return { revision: c.revision, changed };
  },
};
const tokens = { resolve(source, name) { return source === 'Form' && name === 'Key' ? 'newValue' : undefined; } };

const root = await instantiate(async p => WebAssembly.compile(await readFile(new URL(`./out/${p}`, import.meta.url))),
  { 'workflow:connectors/credential-store': store, 'workflow:connectors/tokens': tokens, 'workflow:connectors/types': {} });
const step = root.action.parseStep(JSON.stringify({ ActionType: "Connectors.Update", Parameters: { EntryId: "Twitter API",
  Properties: [{ PropertyName: "APIKey", PropertyValue: "oldValue" }, { PropertyName: "Endpoint", PropertyValue: "endpoint1" }],
  PropertiesJson: "{ \"APIKey\": \"[Form:Key]\", \"Timeout\": \"60s\" }" } }));
console.log(root.action.execute(step));
console.log(db.get("twitterConnectorId").props.map(p => `${p.name}=${p.value}`).join(", "));
try { root.action.execute({ ...step, entryId: "nope" }); } catch (e) { console.log(e.payload.tag, '-', e.payload.val.message); }
// MergeMode deep on a secret: the store merges, the action never reads it.
db.set("auth0", { name: "My connection", revision: 1n, props: [{ name: "options", value: '{"client_id":"c","client_secret":"s"}', secret: true }] });
const deep = root.action.parseStep(JSON.stringify({ EntryId: "auth0", MergeMode: "deep", PropertiesJson: '{"options": {"scope": ["email"]}}' }));
console.log(root.action.execute(deep).changed, db.get("auth0").props[0].value);
