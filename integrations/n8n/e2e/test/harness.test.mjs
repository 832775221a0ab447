// The harness itself, with n8n's own nodes and a one-node probe package: a
// real n8n starts, takes an owner and an API key, installs a community
// package from its tarball, stores credentials that export decrypted as they
// went in, runs an imported workflow through `n8n execute`, and runs
// activated webhook workflows inside the server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PublicApi, createApiKey, request, setupOwner } from '../lib/api.mjs';
import { executeWorkflow, exitCode, exportCredentials, importWorkflow } from '../lib/cli.mjs';
import { changeProblems } from '../lib/compare.mjs';
import { e2eDir } from '../lib/paths.mjs';
import { lastExecution, nodeRun } from '../lib/runs.mjs';
import { run, startN8n, timingSummary } from '../lib/server.mjs';
import { harnessWebhookWorkflow, harnessWorkflow } from '../workflows.mjs';

const probeDir = join(e2eDir, 'fixtures', 'probe-node');
let n8n;
let api;
let packDir;
let cookie;

before(async () => {
  packDir = await mkdtemp(join(tmpdir(), 'n8n-e2e-probe-'));
  const pack = await run('npm', ['pack', '--pack-destination', packDir, probeDir], { env: process.env });
  assert.equal(pack.code, 0, pack.stderr);
  n8n = await startN8n({
    tarball: join(packDir, pack.stdout.trim().split('\n').pop()),
    // The same probe also through N8N_CUSTOM_EXTENSIONS, to see both loaders at work.
    env: { N8N_CUSTOM_EXTENSIONS: probeDir },
  });
  cookie = await setupOwner(n8n.baseUrl);
  api = new PublicApi(n8n.apiUrl, await createApiKey(n8n.baseUrl, cookie));
});

after(async () => {
  if (n8n) console.log(`# ${timingSummary(n8n)}`);
  await n8n?.stop();
  if (packDir) await rm(packDir, { recursive: true, force: true });
});

test('the API key reaches the public API; a wrong key is refused', async () => {
  assert.equal((await api.call('GET', '/credentials')).status, 200);
  assert.equal((await new PublicApi(n8n.apiUrl, 'not-a-key').call('GET', '/credentials')).status, 401);
});

test('a package installed with `npm install <tarball>` into .n8n/nodes loads, and so does N8N_CUSTOM_EXTENSIONS', async () => {
  const res = await request(`${n8n.baseUrl}/types/nodes.json`, { headers: { cookie } });
  assert.equal(res.status, 200);
  const names = new Set(res.body.map((t) => t.name));
  assert.ok(names.has('n8n-nodes-e2e-probe.e2eProbe'), 'the npm-installed package');
  assert.ok(names.has('CUSTOM.e2eProbe'), 'the custom extension');
});

test('credentials of three types export decrypted exactly as created', async () => {
  const created = {
    hHeader: { type: 'httpHeaderAuth', data: { name: 'X-API-Key', value: 'header-value-1' } },
    hOAuth: { type: 'oAuth2Api', data: { grantType: 'clientCredentials', accessTokenUrl: 'https://auth.example/token', clientId: 'cid', clientSecret: 'cs', scope: 'read', authentication: 'header' } },
    hOpenAi: { type: 'openAiApi', data: { apiKey: 'sk-1', organizationId: 'org-1', url: 'https://api.example/v1' } },
  };
  for (const [id, c] of Object.entries(created)) {
    const answer = await api.createCredential({ id, name: `harness ${id}`, ...c });
    assert.equal(answer.id, id);
    assert.equal(answer.data, undefined, 'n8n answers no data');
  }
  const exported = await exportCredentials(n8n);
  for (const [id, c] of Object.entries(created)) {
    assert.equal(exported.get(id)?.type, c.type);
    assert.deepEqual(changeProblems(c.data, exported.get(id).data), [], id);
  }
});

test('`n8n execute` runs an imported workflow that uses the installed package', async () => {
  const wf = harnessWorkflow({ id: 'hManual01', input: { hello: 'world' } });
  wf.nodes.push({
    id: '00000000-0000-4000-8000-00000000abcd', name: 'Probe', type: 'n8n-nodes-e2e-probe.e2eProbe', typeVersion: 1, position: [440, 0], parameters: {},
  });
  wf.connections.Input = { main: [[{ node: 'Probe', type: 'main', index: 0 }]] };
  await importWorkflow(n8n, wf);
  const res = await executeWorkflow(n8n, 'hManual01');
  const execution = await lastExecution(api, 'hManual01');
  assert.equal(exitCode(res, execution), 0, `${res.signal ?? ''} ${res.stderr.slice(-2000)}`);
  assert.equal(execution.status, 'success');
  assert.equal(execution.mode, 'cli');
  assert.deepEqual(nodeRun(execution, 'Probe').items, [{ hello: 'world', probe: true }]);
});

test('an activated webhook workflow runs inside the server, twice at once', async () => {
  const wf = await api.createWorkflow(harnessWebhookWorkflow({ name: 'harness webhook', path: 'harness-hook', input: { answered: 'yes' } }));
  const before = Date.now();
  await api.publishWorkflow(wf.id, 'harness-hook');
  console.log(`# webhook registered ${Date.now() - before} ms after publish`);
  const calls = await Promise.all([1, 2].map(() => request(`${n8n.baseUrl}/webhook/harness-hook`, { method: 'POST', body: {} })));
  for (const call of calls) assert.deepEqual([call.status, call.body], [200, { answered: 'yes' }]);
  const executions = await api.executions({ workflowId: wf.id });
  assert.equal(executions.length, 2);
  assert.ok(executions.every((e) => e.mode === 'webhook' && e.status === 'success'), JSON.stringify(executions));
});
