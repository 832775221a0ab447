// Builds the node package: writes the descriptor from the bundled action's
// `describe()`, compiles the TypeScript into dist/ and copies the icons.
// `--check` fails instead of writing when the committed descriptor is stale.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descriptorText } from './descriptor.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The icons, light and dark, of the node and of its credential. */
const ICONS = ['nodes/ConnectorsUpdate', 'credentials'].flatMap((dir) =>
  ['connectorsUpdate.svg', 'connectorsUpdate.dark.svg'].map((file) => `${dir}/${file}`),
);
const descriptorFile = join(root, 'nodes/ConnectorsUpdate/descriptor.json');

const fresh = await descriptorText();
if (!existsSync(descriptorFile) || readFileSync(descriptorFile, 'utf8') !== fresh) {
  if (process.argv.includes('--check')) {
    console.error(`${descriptorFile} is stale: run npm run build in integrations/n8n`);
    process.exit(1);
  }
  writeFileSync(descriptorFile, fresh);
  console.log('wrote nodes/ConnectorsUpdate/descriptor.json');
}

rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.json')], { stdio: 'inherit' });
for (const icon of ICONS) {
  cpSync(join(root, icon), join(root, 'dist', icon));
}
