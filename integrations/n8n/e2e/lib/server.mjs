// A real n8n 2.41.1 for one test file: its own temporary user folder (SQLite
// database, encryption key, installed community packages), its own ports on
// 127.0.0.1, debug logging kept in memory for the canary checks, and its
// command line (`n8n execute`, `import:workflow`, `export:credentials`) run
// with the same environment.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { n8nBin, node24, nodeBinDir } from './paths.mjs';

/** The servers started and not yet stopped: ended when the test process exits (a failed `before`, Ctrl-C). */
const live = new Set();
/** The commands `run` started that have not ended: ended with the test process too. */
const running = new Set();

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort() {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs a program to its end. Resolves `{ code, signal, stdout, stderr, ms }`;
 * never rejects on a non-zero exit (the caller asserts on `code`).
 */
export function run(command, args, { cwd, env, timeoutMs = 180_000 } = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    running.add(child);
    const out = [];
    const err = [];
    child.stdout.on('data', (c) => out.push(c));
    child.stderr.on('data', (c) => err.push(c));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      running.delete(child);
      resolve({
        code, signal, ms: Date.now() - started,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

/** Signals a child started with `detached: true` and every process of its group. */
function killGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try { child.kill(signal); } catch { /* already gone */ }
  }
}

/**
 * Installs a community node package from its tarball the way an n8n user
 * does without the UI: `npm install <tarball>` in `<n8n folder>/nodes`,
 * offline (the tarball must carry everything it needs), peer dependencies
 * not installed (n8n provides n8n-workflow). Resolves npm's run.
 */
export async function installNodePackage(n8nFolder, tarball, env) {
  const nodesDir = join(n8nFolder, 'nodes');
  await mkdir(nodesDir, { recursive: true });
  await writeFile(join(nodesDir, 'package.json'), `${JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2)}\n`);
  const npm = await run('npm', [
    'install', '--offline', '--no-audit', '--no-fund', '--legacy-peer-deps',
    '--cache', join(n8nFolder, '..', 'npm-cache'), tarball,
  ], { cwd: nodesDir, env });
  if (npm.code !== 0) throw new Error(`npm install ${tarball} failed (${npm.code}):\n${npm.stdout}\n${npm.stderr}`);
  return npm;
}

/**
 * Unpacks a node package's tarball into `<folder>/extensions/<name>`, for
 * loading through N8N_CUSTOM_EXTENSIONS (node types then start `CUSTOM.`).
 * Resolves the folder to put in N8N_CUSTOM_EXTENSIONS.
 */
export async function unpackForCustomExtensions(folder, tarball, env) {
  const dir = join(folder, 'extensions', 'package');
  await mkdir(dir, { recursive: true });
  const tar = await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { env });
  if (tar.code !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  return dir;
}

/**
 * Starts n8n (`n8n start`) on 127.0.0.1 with its SQLite database in a new
 * temporary folder, and waits until `/healthz/readiness` answers 200.
 *
 * Options:
 * - `tarball`: a node package to install first (see `install`);
 * - `install`: `'package'` (npm install into .n8n/nodes, the default) or
 *   `'custom'` (N8N_CUSTOM_EXTENSIONS);
 * - `env`: more variables for n8n and its command line (e.g. CANARY).
 *
 * Resolves a handle: `{ baseUrl, apiUrl, port, folder, n8nFolder, env,
 * startMs, install, cli(args), cliRuns, output(), stop() }` (`cliRuns`:
 * `{ command, ms }` of each command-line run). `stop()` ends n8n
 * (SIGTERM, then SIGKILL to its process group) and removes the folder.
 */
export async function startN8n({ tarball = null, install = 'package', env: extra = {} } = {}) {
  const folder = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
  const n8nFolder = join(folder, '.n8n');
  await mkdir(join(folder, 'tmp'));
  const [port, brokerPort] = [await freePort(), await freePort()];
  const env = {
    PATH: `${nodeBinDir}:${process.env.PATH}`,
    HOME: folder,
    TMPDIR: join(folder, 'tmp'),
    LANG: 'C.UTF-8',
    N8N_USER_FOLDER: folder,
    N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_RUNNERS_BROKER_PORT: String(brokerPort),
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_VERIFIED_PACKAGES_ENABLED: 'false',
    N8N_SECURE_COOKIE: 'false',
    N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
    N8N_LOG_LEVEL: 'debug',
    N8N_LOG_OUTPUT: 'console',
    N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
    ...extra,
  };
  const handle = {
    folder, n8nFolder, port, env,
    baseUrl: `http://127.0.0.1:${port}`,
    apiUrl: `http://127.0.0.1:${port}/api/v1`,
    install: null,
    startMs: null,
    cliRuns: [],
    child: null,
  };
  const transcript = [];
  handle.output = () => transcript.join('');

  try {
    if (tarball && install === 'package') {
      const npm = await installNodePackage(n8nFolder, tarball, env);
      transcript.push(npm.stdout, npm.stderr);
      handle.install = { how: 'npm install into .n8n/nodes', ms: npm.ms, nodeType: 'n8n-nodes-connectors-update.connectorsUpdate' };
    } else if (tarball && install === 'custom') {
      env.N8N_CUSTOM_EXTENSIONS = await unpackForCustomExtensions(folder, tarball, env);
      handle.install = { how: 'N8N_CUSTOM_EXTENSIONS', ms: 0, nodeType: 'CUSTOM.connectorsUpdate' };
    }

    const started = Date.now();
    const child = spawn(node24, [n8nBin, 'start'], { cwd: folder, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    handle.child = child;
    live.add(handle);
    child.stdout.on('data', (c) => transcript.push(c.toString('utf8')));
    child.stderr.on('data', (c) => transcript.push(c.toString('utf8')));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    handle.exited = exited;
    await waitReady(handle.baseUrl, exited, 120_000, () => handle.output());
    handle.startMs = Date.now() - started;
  } catch (error) {
    await stop(handle);
    throw error;
  }

  /** Runs `n8n <args>` with this server's environment (its own task-broker port). */
  handle.cli = async (args, { env: more = {} } = {}) => {
    const result = await run(node24, [n8nBin, ...args], {
      cwd: folder, env: { ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...more },
    });
    transcript.push(result.stdout, result.stderr);
    handle.cliRuns.push({ command: args[0], ms: result.ms });
    return result;
  };
  handle.stop = () => stop(handle);
  return handle;
}

async function waitReady(baseUrl, exited, timeoutMs, output) {
  const deadline = Date.now() + timeoutMs;
  let gone = null;
  exited.then((e) => { gone = e; });
  while (Date.now() < deadline) {
    if (gone) throw new Error(`n8n exited before it was ready (${JSON.stringify(gone)}):\n${output().slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/healthz/readiness`);
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`n8n was not ready within ${timeoutMs} ms:\n${output().slice(-4000)}`);
}

async function stop(handle) {
  const { child } = handle;
  if (child && child.exitCode === null && child.signalCode === null) {
    killGroup(child, 'SIGTERM');
    const done = await Promise.race([
      handle.exited.then(() => true),
      new Promise((r) => setTimeout(() => r(false), 15_000)),
    ]);
    if (!done) killGroup(child, 'SIGKILL');
  }
  // Task runners n8n started may outlive it by a moment: end what is left of its group.
  if (child) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* the group is gone */ }
  live.delete(handle);
  await rm(handle.folder, { recursive: true, force: true, maxRetries: 3 });
}

/** How long `n8n start` took to be ready and each command took (min–max, mean), as one line. */
export function timingSummary(handle) {
  const by = new Map();
  for (const { command, ms } of handle.cliRuns) by.set(command, [...(by.get(command) ?? []), ms]);
  const parts = [...by].map(([command, ms]) => `${command} ×${ms.length} ${Math.min(...ms)}–${Math.max(...ms)} ms (mean ${Math.round(ms.reduce((a, b) => a + b, 0) / ms.length)})`);
  return `n8n ready in ${handle.startMs} ms${handle.install ? `; node installed (${handle.install.how}) in ${handle.install.ms} ms` : ''}; ${parts.join('; ')}`;
}

process.once('exit', () => {
  for (const child of running) try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
  for (const h of live) {
    if (h.child) try { process.kill(-h.child.pid, 'SIGKILL'); } catch { /* gone */ }
    rmSync(h.folder, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(128 + (signal === 'SIGINT' ? 2 : 15)));
