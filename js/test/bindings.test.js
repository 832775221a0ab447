// The patch scripts/build.mjs makes to jco's bindings (scripts/patch-bindings.mjs):
// it is in the built file, and the debug switch it moves still works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  DEBUG_LOG, DEBUG_LOG_ONCE, UTF8_DECODER, UTF8_DECODER_KEEPS_BOM, patchBindings,
} from '../scripts/patch-bindings.mjs';

const built = readFileSync(new URL('../gen/connectors_update.js', import.meta.url), 'utf8');

test('the built bindings read JCO_DEBUG once per instance, not on every call', () => {
  assert.ok(built.includes(DEBUG_LOG_ONCE), 'gen/connectors_update.js lacks the patched _debugLog: run npm run build');
  assert.ok(!built.includes(DEBUG_LOG), 'gen/connectors_update.js still has jco\'s _debugLog');
  assert.equal(built.split('process?.env').length - 1, 1, 'the bindings read process.env somewhere else as well');
});

test('the built bindings decode the guest\'s text keeping a leading U+FEFF', () => {
  assert.ok(built.includes(UTF8_DECODER_KEEPS_BOM), 'gen/connectors_update.js lacks the patched decoder: run npm run build');
  assert.ok(!built.includes(UTF8_DECODER), 'gen/connectors_update.js still has jco\'s decoder');
});

test('the patch refuses text that is not jco 0.15.0\'s, rather than ship bindings unpatched', () => {
  const jco = `a\n${DEBUG_LOG}\nb\n${UTF8_DECODER}\nc`;
  assert.throws(() => patchBindings(built), /not written as it was/);
  assert.throws(() => patchBindings(`${DEBUG_LOG}\n${DEBUG_LOG}\n${UTF8_DECODER}`), /_debugLog is not written as it was/);
  assert.throws(() => patchBindings(`${DEBUG_LOG}\n`), /UTF-8 decoder is not written as it was/);
  assert.equal(patchBindings(jco), `a\n${DEBUG_LOG_ONCE}\nb\n${UTF8_DECODER_KEEPS_BOM}\nc`);
});

test('with JCO_DEBUG set when the action loads, jco logs its calls; without it, nothing', () => {
  const script = "import { loadAction } from './src/index.js'; const a = await loadAction(); a.validate('{}'); console.log('done');";
  const run = (env) => execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: new URL('..', import.meta.url), env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { JCO_DEBUG, ...quiet } = process.env;
  assert.equal(run(quiet), 'done\n');
  const logged = run({ ...quiet, JCO_DEBUG: '1' });
  assert.match(logged, /\[Instruction::CallWasm\]/);
  assert.ok(logged.endsWith('done\n'));
});
