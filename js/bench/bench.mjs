// The Node side of BENCHMARKS.md: the Rust benchmark's step (seed example 1,
// cli/benches/execute.rs's EXAMPLE_1, byte for byte, against the same
// connector: rest-api, APIKey a secret, a new token value each call so that
// every call writes; validate and parseStep of it) through the package, on
// one reused instance and on a fresh instance per call. Prints the median of
// several batches of each, in microseconds per call; with --json, one object
// that scripts/bench-hosts.py reads.
//
//   npm run bench [-- --json]      (after npm run build)
import { loadAction, MapTokens, MemoryStore } from '../src/index.js';

// cli/benches/execute.rs's EXAMPLE_1, byte for byte.
const EXAMPLE_1 = '{"ActionType": "Connectors.Update", "Parameters": {"EntryId": "Twitter API",\n'
  + '  "Properties": [{"PropertyName": "APIKey", "PropertyValue": "[Form:Key]"}],\n'
  + '  "PropertiesJson": "{ \\"Timeout\\": \\"30s\\", \\"Endpoint\\": \\"https://api.twitter.com/2\\" }"}}';

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median microseconds per call of `run`, over `batches` batches of `n` calls, after a warm-up. */
function measure(run, n, batches = 15) {
  for (let i = 0; i < n; i++) run(i);
  const per = [];
  for (let b = 0; b < batches; b++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) run(i);
    per.push(Number(process.hrtime.bigint() - t) / 1000 / n);
  }
  return median(per);
}

const t0 = process.hrtime.bigint();
const reuse = await loadAction();
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const fresh = await loadAction({ instances: 'fresh' });

function store(action) {
  const s = new MemoryStore(action);
  s.add({ id: 'twitterConnectorId', name: 'Twitter API', kind: 'rest-api', properties: [
    { name: 'APIKey', value: 'k0', secret: true }] });
  return s;
}
const keys = ['k1', 'k2'].map((k) => new MapTokens({ 'Form:Key': k }));
const step = reuse.parseStep(EXAMPLE_1);

const us = {};
for (const [mode, action, n] of [['reused', reuse, 2000], ['fresh', fresh, 20]]) {
  const s = store(action);
  us[`execute, ${mode}`] = measure((i) => action.execute(step, { store: s, tokens: keys[i % 2] }), n);
  us[`validate, ${mode}`] = measure(() => action.validate(step), n);
  us[`parse_step, ${mode}`] = measure(() => action.parseStep(EXAMPLE_1), n);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ node: process.version, load_ms: loadMs, us }));
} else {
  console.log(`node ${process.version}; loadAction (compile the component): ${loadMs.toFixed(1)} ms`);
  for (const [what, v] of Object.entries(us)) console.log(`${what.padEnd(24)} ${v.toFixed(1).padStart(10)} µs`);
}
