// The node in n8n's own editor, in Debian's headless Chromium (driven by
// playwright-core, which downloads no browser): the owner signs in, opens a
// workflow holding the node, opens the node; its parameters render with
// their labels and the connector picker lists the credentials the node's API
// key may see. Saves a screenshot to e2e/out/editor.png; with
// N8N_E2E_UPDATE_SCREENSHOT=1, to integrations/n8n/docs/editor.png, the README's.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { OWNER, PublicApi, createApiKey, setupOwner } from '../lib/api.mjs';
import { findNodeTarball, nodePackageDir } from '../lib/paths.mjs';
import { startN8n } from '../lib/server.mjs';
import { NODE_NAME, manualWorkflow } from '../workflows.mjs';

const CHROMIUM = process.env.CONNECTORS_TEST_CHROMIUM ?? '/usr/bin/chromium';
/** Where the screenshot goes: the README's only when asked, so that a test run changes no committed file. */
const SCREENSHOT = process.env.N8N_E2E_UPDATE_SCREENSHOT === '1'
  ? join(nodePackageDir, 'docs', 'editor.png')
  : join(nodePackageDir, 'e2e', 'out', 'editor.png');
const nodeApi = { id: 'cuN8nApi', name: 'n8n API for Connectors Update' };
const credentials = [
  { id: 'twitterApi', name: 'Twitter API', type: 'httpHeaderAuth', data: { name: 'X-API-Key', value: 'editor-test-value' } },
  { id: 'oauthConn', name: 'OAuth connection', type: 'oAuth2Api', data: { grantType: 'clientCredentials', accessTokenUrl: 'https://auth.example.com/token', clientId: 'c', clientSecret: 's' } },
];

let n8n;
let workflowId;
let context;
let userDataDir;

before(async () => {
  const tarball = findNodeTarball();
  assert.ok(tarball, 'no integrations/n8n/n8n-nodes-connectors-update-*.tgz: run `npm run build && npm pack` in integrations/n8n');
  n8n = await startN8n({ tarball });
  const api = new PublicApi(n8n.apiUrl, await createApiKey(n8n.baseUrl, await setupOwner(n8n.baseUrl)));
  await api.createCredential({ ...nodeApi, type: 'connectorsUpdateN8nApi', data: { baseUrl: n8n.apiUrl, apiKey: api.key } });
  for (const c of credentials) await api.createCredential(c);
  ({ id: workflowId } = await api.createWorkflow(manualWorkflow({
    id: 'editor', name: 'Update a credential',
    node: {
      type: n8n.install.nodeType, api: nodeApi, connector: { mode: 'list', value: '' },
      properties: [['value', 'new_api_key_123']], propertiesJson: '{ "name": "X-API-Key" }',
    },
  })));
  userDataDir = await mkdtemp(join(tmpdir(), 'n8n-e2e-chromium-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    env: { ...process.env, TMPDIR: userDataDir },
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  await n8n?.stop();
});

test("the node opens in n8n's editor with its labelled parameters, and the connector picker lists the credentials", async () => {
  const page = context.pages()[0] ?? await context.newPage();
  await page.goto(`${n8n.baseUrl}/signin`);
  await page.fill('#emailOrLdapLoginId', OWNER.email);
  await page.fill('#password', OWNER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));

  await page.goto(`${n8n.baseUrl}/workflow/${workflowId}`);
  await page.locator('[data-test-id="canvas-node"]', { hasText: NODE_NAME }).dblclick();
  const parameters = page.locator('[data-test-id="node-parameters"]');
  await parameters.waitFor();
  const labels = new Set((await parameters.locator('label').allInnerTexts()).map((t) => t.split('\n')[0].trim()));
  for (const label of ['Connector', 'Properties', 'Dynamic Properties', 'Merge Mode', 'Expected Revision', 'Dry Run']) {
    assert.ok(labels.has(label), `no "${label}" among ${[...labels].join(', ')}`);
  }

  await parameters.getByPlaceholder('Choose...').click();
  const items = page.locator('[data-test-id="rlc-item"]');
  await items.first().waitFor();
  const listed = await items.allInnerTexts();
  for (const c of credentials) assert.ok(listed.some((t) => t.startsWith(c.name)), `the picker lacks ${c.name}: ${listed.join(' | ')}`);

  await mkdir(dirname(SCREENSHOT), { recursive: true });
  await page.screenshot({ path: SCREENSHOT });
});
