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
import {
  copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { transpile } from '@bytecodealliance/jco-transpile';

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
});
for (const [path, bytes] of Object.entries(files)) {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

// The designer page (`connectors-update designer`) serves these bindings
// from its binary, which cargo builds before any of this runs: the copy in
// host/designer/gen is committed, and the package's tests check it is this.
// `--update-designer` writes it, after a change to the WIT.
if (values['update-designer']) {
  await copyFile(join(gen, 'connectors_update.js'), join(root, 'host', 'designer', 'gen', 'connectors_update.js'));
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
