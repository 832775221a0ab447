// n8n's static analysis of a community package, as
// `@n8n/scan-community-package` runs it on a package submitted for
// verification (its provenance check aside, which needs a published
// package): the source leg over this folder's package.json, nodes/ and
// credentials/, and the tarball leg over the unpacked `npm pack`.
// `analyzePackage` is the gate itself (it fails on errors only); the
// findings are counted again with the same config so that a warning is
// reported too. Run directly, it scans both legs and exits 1 on any finding.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import {
  analyzePackage,
  buildScanConfig,
  SOURCE_FILE_PATTERNS,
} from '@n8n/scan-community-package/scanner/scanner.mjs';

/** This package's folder. */
export const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The tarball leg's files, as `analyzePackageByName` lints the unpacked tarball. */
export const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/**
 * One leg: the gate's verdict and every finding (errors and warnings) as
 * `file:line rule message` lines.
 */
export async function scan(dir, patterns) {
  const gate = await analyzePackage(dir, patterns);
  const eslint = new ESLint({
    cwd: dir,
    allowInlineConfig: false,
    overrideConfigFile: true,
    overrideConfig: await buildScanConfig(),
  });
  const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
  const findings = [];
  for (const result of await eslint.lintFiles(files)) {
    for (const m of result.messages) {
      findings.push(`${result.filePath.slice(dir.length + 1)}:${m.line} ${m.ruleId ?? 'parse'} ${m.message}`);
    }
  }
  return { gate, files: files.length, findings };
}

/** Packs the package (as built) and unpacks the tarball into a new folder; the caller removes it. */
export function packed() {
  const dir = mkdtempSync(join(tmpdir(), 'n8n-nodes-connectors-update-'));
  const name = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: PACKAGE_DIR, encoding: 'utf8' }).trim();
  execFileSync('tar', ['xzf', join(dir, name), '-C', dir]);
  return { dir, tarball: join(dir, name), packageDir: join(dir, 'package') };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const source = await scan(PACKAGE_DIR, SOURCE_FILE_PATTERNS);
  const tarball = packed();
  try {
    const unpacked = await scan(tarball.packageDir, TARBALL_FILE_PATTERNS);
    let failed = false;
    for (const [leg, result] of [['source', source], ['tarball', unpacked]]) {
      console.log(`${leg}: ${result.files} files, gate ${result.gate.passed ? 'passed' : 'FAILED'}, ${result.findings.length} findings`);
      for (const line of result.findings) console.log(`  ${line}`);
      failed ||= !result.gate.passed || result.findings.length > 0;
    }
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(tarball.dir, { recursive: true, force: true });
  }
}
