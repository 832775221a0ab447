// n8n's own bar for community nodes: the static analysis of
// `@n8n/scan-community-package` finds nothing, neither in the sources (its
// source leg) nor in the packed tarball (its tarball leg), warnings included.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';
import { packed, PACKAGE_DIR, scan, TARBALL_FILE_PATTERNS } from '../scripts/scan.mjs';

describe("n8n's scan of a community package", () => {
  const tarball = packed();
  after(() => rmSync(tarball.dir, { recursive: true, force: true }));

  it('finds nothing in the TypeScript sources and package.json', async () => {
    const result = await scan(PACKAGE_DIR, SOURCE_FILE_PATTERNS);
    assert.ok(result.files >= 10, `only ${result.files} files scanned`);
    assert.deepEqual(result.findings, []);
    assert.equal(result.gate.passed, true, result.gate.details);
  });

  it('finds nothing in the unpacked tarball', async () => {
    const result = await scan(tarball.packageDir, TARBALL_FILE_PATTERNS);
    assert.ok(result.files >= 10, `only ${result.files} files scanned`);
    assert.deepEqual(result.findings, []);
    assert.equal(result.gate.passed, true, result.gate.details);
  });

  it('would find a forbidden global: the scan is live', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, copyFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'scan-probe-'));
    try {
      copyFileSync(join(tarball.packageDir, 'package.json'), join(dir, 'package.json'));
      mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'x.js'), 'module.exports = () => process.env.HOME;\n');
      const result = await scan(dir, TARBALL_FILE_PATTERNS);
      assert.equal(result.gate.passed, false);
      assert.ok(result.findings.some((f) => f.includes('no-restricted-globals')), result.findings.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the tarball carries the action (the same .wasm) and no runtime dependency', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const manifest = JSON.parse(readFileSync(join(tarball.packageDir, 'package.json'), 'utf8'));
    assert.equal(manifest.dependencies, undefined);
    assert.deepEqual(manifest.bundleDependencies, ['connectors-update']);
    const bundled = join(tarball.packageDir, 'node_modules/connectors-update/gen');
    for (const core of ['connectors_update.core.wasm', 'connectors_update.core2.wasm', 'connectors_update.core3.wasm']) {
      assert.deepEqual(readFileSync(join(bundled, core)), readFileSync(join(PACKAGE_DIR, '../../js/gen', core)));
    }
    assert.ok(existsSync(join(tarball.packageDir, 'dist/nodes/ConnectorsUpdate/ConnectorsUpdate.node.js')));
  });
});
