// The Node side of BENCHMARKS.md: the Rust benchmark's steps (the seed's
// example 1 run against an in-memory store, validate, parseStep) through
// the package, on one reused instance and on a fresh instance per call.
// Prints the median of several batches of each, in microseconds per call.
//
//   npm run bench            (after npm run build)
import { loadAction, MapTokens, MemoryStore } from '../src/index.js';

const EXAMPLE_1 = JSON.stringify({
  ActionType: 'Connectors.Update',
  Parameters: {
    EntryId: 'twitterConnectorId',
    Properties: [{ PropertyName: 'APIKey', PropertyValue: '[Form:Key]' }],
    PropertiesJson: '{ "Timeout": "30s" }',
  },
});

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
  s.add({ id: 'twitterConnectorId', name: 'Twitter API', properties: [
    { name: 'APIKey', value: 'old', secret: true }, { name: 'Timeout', value: '10s' }] });
  return s;
}
const keys = ['k1', 'k2'].map((k) => new MapTokens({ 'Form:Key': k }));
const step = reuse.parseStep(EXAMPLE_1);

const rows = [];
for (const [label, action, n] of [['reused instance', reuse, 2000], ['fresh instance per call', fresh, 20]]) {
  const s = store(action);
  rows.push([`execute example-1, ${label}`, measure((i) => action.execute(step, { store: s, tokens: keys[i % 2] }), n)]);
  rows.push([`validate example-1, ${label}`, measure(() => action.validate(step), n)]);
  rows.push([`parseStep example-1, ${label}`, measure(() => action.parseStep(EXAMPLE_1), n)]);
}
console.log(`node ${process.version}; loadAction (compile the component): ${loadMs.toFixed(1)} ms`);
for (const [what, us] of rows) console.log(`${what.padEnd(48)} ${us.toFixed(1).padStart(10)} µs`);
