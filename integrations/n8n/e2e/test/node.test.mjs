// The Connectors Update node in a real n8n 2.41.1: installed from its packed
// tarball, run headlessly by `n8n execute` and inside the server through
// webhooks, writing n8n's own credentials through n8n's public API. Every
// case checks the credentials with `n8n export:credentials --decrypted`.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PublicApi, createApiKey, request, setupOwner } from '../lib/api.mjs';
import { executeWorkflow, exitCode, exportCredentials } from '../lib/cli.mjs';
import { changeProblems } from '../lib/compare.mjs';
import { findNodeTarball } from '../lib/paths.mjs';
import { lastExecution, nodeRun } from '../lib/runs.mjs';
import { startN8n, timingSummary } from '../lib/server.mjs';
import { NODE_NAME, manualWorkflow, webhookWorkflow } from '../workflows.mjs';

/** A secret that must reach a credential and nothing else: no execution data, log line or error. */
const CANARY = `canary-${randomBytes(16).toString('hex')}`;
const hide = (text) => String(text).replaceAll(CANARY, '[the canary]');

/** The credentials the cases write, as created (ids are fixed so workflows can name them). */
const CREDENTIALS = {
  twitterApi: {
    name: 'Twitter API', type: 'httpHeaderAuth',
    data: { name: 'X-API-Key', value: 'old_api_key_000', allowedHttpRequestDomains: 'domains', allowedDomains: 'api.twitter.com' },
  },
  oauthConn: {
    name: 'OAuth connection', type: 'oAuth2Api',
    data: {
      grantType: 'clientCredentials', accessTokenUrl: 'https://auth.example.com/token', clientId: 'oldClientId',
      clientSecret: 'oauth-secret-000', scope: 'read', authentication: 'header',
    },
  },
  openAiMerge: {
    name: 'OpenAI merge', type: 'openAiApi',
    data: { apiKey: 'sk-initial-000', organizationId: 'org-initial', url: 'https://api.openai.com/v1', allowedHttpRequestDomains: 'all' },
  },
  openAiCanary: {
    name: 'OpenAI canary', type: 'openAiApi',
    data: { apiKey: 'sk-before-canary', organizationId: 'org-canary', url: 'https://api.openai.com/v1' },
  },
  openAiRace: {
    name: 'OpenAI race', type: 'openAiApi',
    data: { apiKey: 'sk-race-000', organizationId: 'org-race-0', url: 'https://race-0.example.com/v1' },
  },
};

const tarball = findNodeTarball();
const nodeApi = { id: 'cuN8nApi', name: 'n8n API for Connectors Update' };
let n8n;
let api;
let nodeType;
/** The last export: each case compares the next one with it. */
let state;
/** Set by a run, cleared by `assertCredentials`: a case that failed in between leaves `state` behind. */
let unchecked = false;
let workflows = 0;

before(async () => {
  assert.ok(tarball, 'no integrations/n8n/n8n-nodes-connectors-update-*.tgz: run `npm run build && npm pack` in integrations/n8n');
  // N8N_E2E_INSTALL=custom loads the node through N8N_CUSTOM_EXTENSIONS instead of npm install.
  n8n = await startN8n({ tarball, install: process.env.N8N_E2E_INSTALL ?? 'package', env: { CANARY } });
  nodeType = n8n.install.nodeType;
  api = new PublicApi(n8n.apiUrl, await createApiKey(n8n.baseUrl, await setupOwner(n8n.baseUrl)));
  await api.createCredential({ ...nodeApi, type: 'connectorsUpdateN8nApi', data: { baseUrl: n8n.apiUrl, apiKey: api.key } });
  for (const [id, c] of Object.entries(CREDENTIALS)) await api.createCredential({ id, ...c });
  state = await exportCredentials(n8n);
  for (const [id, c] of Object.entries(CREDENTIALS)) assert.deepEqual(changeProblems(c.data, state.get(id).data), [], `${id} as created`);
});

beforeEach(async () => {
  if (unchecked) state = await exportCredentials(n8n);
  unchecked = false;
});

after(async () => {
  if (n8n) console.log(`# ${timingSummary(n8n)}`);
  await n8n?.stop();
});

/**
 * Stores a Manual Trigger → Input → Connectors Update workflow
 * (`POST /api/v1/workflows`; the harness test covers `n8n import:workflow`),
 * runs it with `n8n execute`, and resolves `{ code, stderr, execution, items, error }`.
 */
async function runStep(node, input = {}) {
  const name = `case ${++workflows}`;
  const { id } = await api.createWorkflow(manualWorkflow({ id: name, input, node: { type: nodeType, api: nodeApi, ...node } }));
  unchecked = true;
  const res = await executeWorkflow(n8n, id);
  const execution = await lastExecution(api, id);
  return { code: exitCode(res, execution), stderr: res.stderr, execution, ...nodeRun(execution, NODE_NAME) };
}

/** The error code a node error carries: its description starts `error[<code>]`. */
function codeOf(error) {
  return /^error\[([a-z-]+)\]/.exec(error?.description ?? '')?.[1] ?? null;
}

/** A run that must have succeeded with one output item: resolves that item's JSON. */
function outcomeOf(run) {
  assert.equal(run.code, 0, `n8n execute failed: ${hide(run.stderr.slice(-3000))}`);
  assert.equal(run.execution.status, 'success');
  assert.equal(run.items.length, 1);
  return run.items[0];
}

/** A run that must have failed at the node with `code`. */
function assertFailedWith(run, code) {
  assert.notEqual(run.code, 0, 'n8n execute exits non-zero');
  assert.equal(run.execution.status, 'error');
  assert.ok(run.error, 'the node has an error');
  assert.equal(codeOf(run.error), code, `description: ${hide(run.error.description)}; message: ${hide(run.error.message)}`);
}

/**
 * Exports the credentials and checks that, since the last export, exactly
 * `changes` (id → { field: value }) happened: the named fields hold the
 * values, every other field of every credential is kept byte for byte.
 */
async function assertCredentials(changes = {}) {
  const now = await exportCredentials(n8n);
  unchecked = false;
  const problems = [];
  for (const id of new Set([...state.keys(), ...now.keys()])) {
    const [was, is] = [state.get(id), now.get(id)];
    if (!was || !is) { problems.push(`${id}: ${was ? 'gone' : 'new'}`); continue; }
    if (was.name !== is.name || was.type !== is.type) problems.push(`${id}: name or type changed`);
    problems.push(...changeProblems(was.data, is.data, changes[id] ?? {}).map((p) => `${id}.${p}`));
  }
  state = now;
  assert.deepEqual(problems, []);
  return now;
}

/** The names an outcome reports as written (added or changed), sorted. */
const written = (outcome) => [...outcome.added, ...outcome.changed].sort();

test("the seed's example 1: Properties set the key, Dynamic Properties one more field; nothing else changes", async () => {
  const before = await api.revision('twitterApi');
  const run = await runStep({
    connector: 'twitterApi',
    properties: [['value', 'new_api_key_123']],
    propertiesJson: '{ "allowedDomains": "api.twitter.com,upload.twitter.com" }',
  });
  const outcome = outcomeOf(run);
  assert.equal(outcome.id, 'twitterApi');
  assert.equal(outcome.name, 'Twitter API');
  assert.deepEqual(written(outcome), ['allowedDomains', 'value']);
  assert.deepEqual(outcome.removed, []);
  assert.equal(outcome.dry_run, false);
  assert.equal(outcome.revision_before, before);
  assert.equal(outcome.revision_after, await api.revision('twitterApi'));
  assert.ok(outcome.revision_after > before, 'the revision moved on');
  await assertCredentials({ twitterApi: { value: 'new_api_key_123', allowedDomains: 'api.twitter.com,upload.twitter.com' } });
});

test("the seed's example 2: Dynamic Properties only, on the OAuth2 credential", async () => {
  const outcome = outcomeOf(await runStep({
    connector: 'oauthConn',
    propertiesJson: '{ "clientId": "updatedClientId", "scope": "read write" }',
  }));
  assert.deepEqual(written(outcome), ['clientId', 'scope']);
  await assertCredentials({ oauthConn: { clientId: 'updatedClientId', scope: 'read write' } });
});

test("the seed's merge example: Dynamic Properties win over the grid, the grid's other rows stay", async () => {
  const outcome = outcomeOf(await runStep({
    connector: 'openAiMerge',
    properties: [['apiKey', 'oldValue'], ['url', 'https://endpoint1.example.com/v1']],
    propertiesJson: '{ "apiKey": "newValue", "organizationId": "org-new" }',
  }));
  assert.deepEqual(written(outcome), ['apiKey', 'organizationId', 'url']);
  await assertCredentials({ openAiMerge: { apiKey: 'newValue', url: 'https://endpoint1.example.com/v1', organizationId: 'org-new' } });
});

test('tokens resolve from the input item and n8n expressions from the workflow; by name too', async () => {
  const outcome = outcomeOf(await runStep({
    connector: { mode: 'name', value: '={{ $json.Target }}' },
    properties: [['scope', '[Source:Scope]'], ['clientId', '={{ $json.Client + "-2" }}']],
  }, { Target: 'OAuth connection', Client: 'fromExpression', Source: { Scope: 'read write admin' } }));
  assert.equal(outcome.id, 'oauthConn');
  await assertCredentials({ oauthConn: { scope: 'read write admin', clientId: 'fromExpression-2' } });
});

test('an unknown credential: connector-not-found, nothing changes', async () => {
  assertFailedWith(await runStep({ connector: 'noSuchCred01', properties: [['value', 'x']] }), 'connector-not-found');
  await assertCredentials();
});

test('a field the credential type does not have: validation-failed, nothing changes', async () => {
  const run = await runStep({ connector: 'twitterApi', properties: [['value', 'never-written']], propertiesJson: '{ "timeout": "30s" }' });
  assertFailedWith(run, 'validation-failed');
  assert.match(run.error.message + run.error.description, /timeout/, 'the error names the field');
  await assertCredentials();
});

test('an empty required field: validation-failed, nothing changes', async () => {
  assertFailedWith(await runStep({ connector: 'openAiMerge', properties: [['apiKey', '']] }), 'validation-failed');
  await assertCredentials();
});

test('a Properties row with no value for a required field: validation-failed, nothing changes', async () => {
  // n8n gives a row's missing value its default, "", so this is the empty required value again, as n8n passes it.
  assertFailedWith(await runStep({ connector: 'openAiMerge', properties: [['apiKey']] }), 'validation-failed');
  await assertCredentials();
});

test("a value outside an options field's values (oAuth2Api grantType): validation-failed, nothing changes", async () => {
  const run = await runStep({ connector: 'oauthConn', properties: [['grantType', 'password']] });
  assertFailedWith(run, 'validation-failed');
  assert.match(run.error.message + run.error.description, /grantType/);
  await assertCredentials();
});

test('a deep merge into a stored field is refused (permission-denied), nothing changes', async () => {
  assertFailedWith(await runStep({
    connector: 'oauthConn', mergeMode: 'deep', propertiesJson: '{ "additionalBodyProperties": { "audience": "x" } }',
  }), 'permission-denied');
  await assertCredentials();
});

test('a null (remove) in Dynamic Properties is refused (permission-denied), nothing changes', async () => {
  assertFailedWith(await runStep({ connector: 'oauthConn', propertiesJson: '{ "scope": null }' }), 'permission-denied');
  await assertCredentials();
});

test('a stale expected revision: conflict, nothing changes; the current one writes', async () => {
  const current = await api.revision('twitterApi');
  const stale = await runStep({ connector: 'twitterApi', properties: [['value', 'stale-write']], expectedRevision: String(current - 1) });
  assertFailedWith(stale, 'conflict');
  await assertCredentials();
  const fresh = outcomeOf(await runStep({ connector: 'twitterApi', properties: [['value', 'fresh-write']], expectedRevision: String(current) }));
  assert.equal(fresh.revision_before, current);
  await assertCredentials({ twitterApi: { value: 'fresh-write' } });
});

test('a dry run changes nothing and reports what would change', async () => {
  const before = await api.revision('twitterApi');
  const outcome = outcomeOf(await runStep({
    connector: 'twitterApi', properties: [['value', 'dry-run-value']], propertiesJson: '{ "name": "X-Dry-Run" }', dryRun: true,
  }));
  assert.equal(outcome.dry_run, true);
  assert.deepEqual(written(outcome), ['name', 'value']);
  assert.equal(await api.revision('twitterApi'), before, 'no PATCH was sent');
  await assertCredentials();
});

test('"Continue On Fail" turns an error into an output item carrying the code', async () => {
  const run = await runStep({ connector: 'noSuchCred02', properties: [['value', 'x']], continueOnFail: true });
  const item = outcomeOf(run);
  assert.equal(item.error?.code, 'connector-not-found');
  assert.equal(typeof item.error.message, 'string');
  await assertCredentials();
});

test('a canary secret reaches the credential and nothing else: no execution data, log line or error', async () => {
  const written1 = outcomeOf(await runStep({ connector: 'openAiCanary', properties: [['apiKey', '={{ $env.CANARY }}']] }));
  assert.deepEqual(written(written1), ['apiKey']);
  const now = await assertCredentials({ openAiCanary: { apiKey: CANARY } });
  assert.ok(now.get('openAiCanary').data.apiKey === CANARY, 'the export holds the canary');

  // Refused values: an invalid option value, and a field the type lacks.
  const refused = await runStep({ connector: 'oauthConn', properties: [['grantType', '={{ $env.CANARY }}']] });
  assertFailedWith(refused, 'validation-failed');
  const unknown = await runStep({ connector: 'openAiCanary', propertiesJson: '={{ JSON.stringify({ apiKey: "x", secretField: $env.CANARY }) }}' });
  assertFailedWith(unknown, 'validation-failed');
  await assertCredentials();
  for (const run of [refused, unknown]) {
    assert.ok(!JSON.stringify(run.error).includes(CANARY), 'the canary is in the error');
    assert.ok(!run.stderr.includes(CANARY), 'the canary is on n8n execute\'s stderr');
  }
  await assertNoCanaryOutsideTheCredential();
});

test('two workflows updating one credential at once in the server: neither update is lost, or one reports a conflict', async () => {
  const fields = { A: 'organizationId', B: 'url' };
  const hooks = {};
  const workflowIds = {};
  for (const side of ['A', 'B']) {
    const path = `race-${side.toLowerCase()}`;
    const wf = await api.createWorkflow(webhookWorkflow({
      name: `race ${side}`, path, input: { value: 'from body' },
      node: {
        type: nodeType, api: nodeApi, connector: 'openAiRace', continueOnFail: true,
        properties: [[fields[side], '={{ $("Webhook").first().json.body.value }}']],
      },
    }));
    await api.publishWorkflow(wf.id, path, n8n.baseUrl);
    hooks[side] = `${n8n.baseUrl}/webhook/${path}`;
    workflowIds[side] = wf.id;
  }
  const seen = { both: 0, conflict: 0 };
  for (let round = 1; round <= 3; round++) {
    const values = { A: `org-race-${round}`, B: `https://race-${round}.example.com/v1` };
    unchecked = true;
    const answers = await Promise.all(['A', 'B'].map((side) => request(hooks[side], { method: 'POST', body: { value: values[side] } })));
    const expected = {};
    let conflicts = 0;
    ['A', 'B'].forEach((side, i) => {
      const { status, body } = answers[i];
      assert.equal(status, 200, `round ${round} ${side}: HTTP ${status} ${hide(JSON.stringify(body))}`);
      if (body.error) {
        assert.equal(body.error.code, 'conflict', `round ${round} ${side}: ${hide(JSON.stringify(body.error))}`);
        conflicts += 1;
      } else {
        assert.deepEqual(written(body), [fields[side]], `round ${round} ${side}`);
        expected[fields[side]] = values[side];
      }
    });
    assert.ok(conflicts < 2, `round ${round}: both runs reported a conflict`);
    await assertCredentials({ openAiRace: expected });
    seen[conflicts ? 'conflict' : 'both'] += 1;
  }
  // The two runs of a round were in flight at the same time in the server (else this tested nothing).
  const spans = await Promise.all(Object.values(workflowIds).map(async (workflowId) => (await api.executions({ workflowId }))
    .sort((a, b) => Number(a.id) - Number(b.id))
    .map((e) => [Date.parse(e.startedAt), Date.parse(e.stoppedAt)])));
  assert.deepEqual(spans.map((s) => s.length), [3, 3]);
  const overlapping = spans[0].filter(([startA, stopA], i) => spans[1][i][0] < stopA && startA < spans[1][i][1]).length;
  console.log(`# concurrency: ${seen.both} rounds kept both updates, ${seen.conflict} reported a conflict; the runs overlapped in ${overlapping} of 3`);
  assert.ok(overlapping > 0, 'no round ran its two workflows at the same time');
});

test('after every case: the canary is in no execution, no log line of n8n, no output of its command line', async () => {
  await assertNoCanaryOutsideTheCredential();
});

/** Every execution with its data, and everything n8n and its command line printed, lack the canary. */
async function assertNoCanaryOutsideTheCredential() {
  const executions = await api.executions({ includeData: true });
  assert.ok(executions.length > 0);
  assert.ok(executions.every((e) => e.data), 'executions come with their data');
  assert.ok(!JSON.stringify(executions).includes(CANARY), 'the canary is in execution data');
  const output = n8n.output();
  assert.ok(output.includes('debug'), 'n8n logs at debug level');
  assert.ok(!output.includes(CANARY), 'the canary is in n8n\'s output');
}
