// Builds the package's generated half, `gen/`: the action's component,
// transpiled by jco into an ES module with TypeScript declarations, and the
// conformance cases that the package's test kit runs.
//
//   node scripts/build.mjs [--wasm FILE] [--update-designer]
//
// Without `--wasm`, the component is the one the Rust harness embeds, written
// by the CLI (`cargo run -p connectors-update -- component`), so that both
// hosts run the very same bytes. The transpiled code is instantiated by the
// package itself (`--instantiation async`): it imports nothing from Node, and
// the same output runs in a browser.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { transpile } from '@bytecodealliance/jco-transpile';
import { patchBindings } from './patch-bindings.mjs';

/**
 * The SHA-256 (hex) of a component's top-level sections but its core modules
 * (id 1) and custom sections (id 0): what jco's bindings depend on (types,
 * imports, exports, the canonical functions and their order, how the core
 * instances are wired) and not the guest's code. The designer's Rust test
 * computes the same over the component it embeds, so that `cargo test` fails
 * when host/designer/gen was made from a component of another shape.
 */
function componentShape(bytes) {
  const hash = createHash('sha256');
  let i = 8; // the preamble: magic, version and layer
  while (i < bytes.length) {
    const start = i;
    const id = bytes[i++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[i++];
      size += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    i += size;
    if (id !== 0 && id !== 1) hash.update(bytes.subarray(start, i));
  }
  return hash.digest('hex');
}

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const root = resolve(pkg, '..');
const gen = join(pkg, 'gen');

const { values } = parseArgs({ options: { wasm: { type: 'string' }, 'update-designer': { type: 'boolean' } } });

await rm(gen, { recursive: true, force: true });
await mkdir(gen, { recursive: true });

// The component itself is not shipped: the package loads only the core
// modules jco splits out of it, so it is written to a scratch folder.
const scratch = await mkdtemp(join(tmpdir(), 'connectors-update-build-'));
const wasm = join(scratch, 'connectors_update.wasm');
if (values.wasm) {
  await copyFile(values.wasm, wasm);
} else {
  execFileSync('cargo', ['run', '--quiet', '-p', 'connectors-update', '--', 'component', '-o', wasm], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

const { files } = await transpile(wasm, {
  name: 'connectors_update',
  instantiation: 'async',
  emitTypescriptDeclarations: true,
  outDir: gen,
  // The guest imports no WASI, so no shim is mapped in.
  wasiShim: false,
  // An import function with a `Symbol.for('cabiLower')` method lowers its
  // own arguments and answer (src/imports.js), without jco's per-call task
  // bookkeeping; one without it goes through jco's trampoline.
  importBindings: 'hybrid',
});
// The bindings (connectors_update.js) are patched: see patch-bindings.mjs.
const bindings = join(gen, 'connectors_update.js');
let patched = 0;
for (const [path, bytes] of Object.entries(files)) {
  await mkdir(dirname(path), { recursive: true });
  const isBindings = resolve(path) === bindings;
  if (isBindings) patched += 1;
  await writeFile(path, isBindings ? patchBindings(Buffer.from(bytes).toString('utf8')) : bytes);
}
if (patched !== 1) {
  throw new Error(`scripts/build.mjs: jco wrote ${patched} files at ${bindings}, where one was to be patched`);
}

// The core modules' names, as jco gave them to the files it wrote, in the
// order of the modules in the component (jco numbers them: core, core2,
// core3...): the one list that both the package (src/action.js compiles
// each) and the designer's server (which serves each under its name) read.
const order = (name) => Number(name.match(/\.core(\d*)\.wasm$/)[1] || 1);
const coreModules = Object.keys(files)
  .map((path) => path.split(/[\\/]/).pop())
  .filter((name) => /\.core\d*\.wasm$/.test(name))
  .sort((a, b) => order(a) - order(b));
await writeFile(
  join(gen, 'core-modules.js'),
  '// Written by scripts/build.mjs from the files jco wrote: each core module of the\n'
  + '// component, in the component\'s order, by the name jco gave it; and the shape\n'
  + '// of the component the bindings were made from (see componentShape).\n'
  + `export const CORE_MODULES = ${JSON.stringify(coreModules)};\n`
  + `export const COMPONENT_SHAPE = '${componentShape(await readFile(wasm))}';\n`,
);

// The designer page (`connectors-update designer`) serves these bindings
// from its binary, which cargo builds before any of this runs: the copy in
// host/designer/gen is committed, and the package's tests check it is this.
// `--update-designer` writes it, after a change to the WIT.
if (values['update-designer']) {
  for (const name of ['connectors_update.js', 'core-modules.js']) {
    await copyFile(join(gen, name), join(root, 'host', 'designer', 'gen', name));
  }
}

// The conformance cases, written once in the repository for both hosts.
const cases = join(root, 'tests', 'conformance');
await mkdir(join(gen, 'conformance'), { recursive: true });
for (const name of (await readdir(cases)).filter((n) => n.endsWith('.json')).sort()) {
  await copyFile(join(cases, name), join(gen, 'conformance', name));
}
const bytes = (await readFile(wasm)).length;
await rm(scratch, { recursive: true, force: true });
console.log(`gen/: the component (${bytes} bytes), its jco bindings and ${Object.keys(files).length} files`);
