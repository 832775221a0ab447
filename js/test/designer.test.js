// The designer in a real browser: the real `connectors-update designer` on
// a demo store, driven in Debian's headless Chromium by playwright-core.
// It builds the form from the descriptor, shows a diagnostic at the field
// a bad value is typed in and takes it away when fixed, picks a connector,
// dry-runs a step and shows the outcome (nothing written), refuses a
// request without the launch's token, and never lets a stored secret reach
// a response or the page. A screenshot goes to target/designer.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { action } from './helpers.js';

const CHROMIUM = process.env.CONNECTORS_TEST_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.CONNECTORS_TEST_REQUIRE_BROWSER === '1';
const CLI = process.env.CONNECTORS_UPDATE_CLI ?? fileURLToPath(new URL('../../target/debug/connectors-update', import.meta.url));
const TARGET = fileURLToPath(new URL('../../target/', import.meta.url));
const CANARY = 'canary-designer-secret-5b0f';

const skip = !existsSync(CHROMIUM) && !REQUIRED ? `no Chromium at ${CHROMIUM} (scripts/test installs it)` : false;

/** A demo store, plus a connector whose secret is the canary. */
function demoStore() {
  const dir = mkdtempSync(join(tmpdir(), 'designer-'));
  const store = join(dir, 'demo.db');
  const run = (...args) => execFileSync(CLI, ['--store', store, ...args], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  run('demo');
  run('connector', 'add', '--id', 'canaryConnector', '--name', 'Canary', '--secret', `APIKey=${CANARY}`, '--set', 'Endpoint=https://canary.example.com');
  return { dir, store, run };
}

/** Starts the designer and resolves with its printed URL. */
function startDesigner(store, dir) {
  const child = spawn(CLI, ['--store', store, 'designer', '--port', '0'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('http://'));
      if (line) resolve({ child, url: line.trim(), stderr: () => err });
    });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => reject(new Error(`the designer exited (${code}): ${err}`)));
  });
}

test('the designer configures, checks and dry-runs a step in a real browser', { skip, timeout: 120_000 }, async () => {
  const { dir, store, run } = demoStore();
  const { child, url } = await startDesigner(store, dir);
  const base = url.split('#')[0].replace(/\/$/, '');
  const token = new URL(url).hash.replace('#token=', '');
  assert.match(token, /^[0-9a-f]{64}$/);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'], headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const bodies = [];
    const problems = [];
    page.on('response', async (response) => {
      try { bodies.push(`${response.url()} ${await response.text()}`); } catch { /* a redirect has no body */ }
    });
    // The browser logs every 4xx; those this test asks for (a dry run's typed error, a tokenless fetch) are expected.
    page.on('console', (m) => {
      if (m.type() === 'error' && !/status of (422|403)\b/.test(m.text())) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));

    await page.goto(url, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    assert.ok(!page.url().includes(token), 'the address bar keeps the token');

    // The form is the descriptor's.
    for (const p of action.describe().parameters) {
      const label = await page.textContent(`[data-parameter="${p.key}"] label`);
      assert.ok(label.startsWith(p.label), `${p.key}: ${label}`);
      assert.equal(label.includes('tokens'), p.supportsTokens, `${p.key} says whether it takes tokens`);
      assert.ok((await page.textContent(`[data-parameter="${p.key}"] .help`)).includes(p.help.slice(0, 40)));
    }
    assert.deepEqual(await page.$$eval('#param-MergeMode option', (os) => os.map((o) => o.value)), ['replace', 'deep']);
    const options = await page.$$eval('#connector-pick option', (os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(options.includes('twitterConnectorId') && options.includes('canaryConnector'), options.join());

    // A connector picked fills the reference and offers its kind's names.
    await page.selectOption('#connector-pick', 'twitterConnectorId');
    assert.equal(await page.inputValue('#param-EntryId'), 'twitterConnectorId');
    await page.waitForSelector('#property-names option[value="APIKey"]', { state: 'attached' });

    // A bad value gets its diagnostic at its field, and loses it when fixed.
    const validated = async () => Number(await page.getAttribute('body', 'data-validated'));
    await page.click('#add-row');
    const nameCell = '[data-field="Properties[0].PropertyName"]';
    await page.fill('[data-row="0"] input[aria-label="Property 1 value"]', '[Form:Key]');
    const at = '#diag-Properties\\[0\\]\\.PropertyName .diagnostic.error';
    await page.waitForSelector(at);
    assert.match(await page.getAttribute(nameCell, 'class'), /invalid/);
    await page.fill(nameCell, 'APIKey');
    await page.waitForSelector(at, { state: 'detached' });
    assert.equal(await page.textContent('[data-row="0"] .rule').then((t) => t.includes('secret')), true, 'the kind marks APIKey secret');
    await page.fill('#param-ExpectedRevision', 'two');
    await page.waitForSelector('#diag-ExpectedRevision .diagnostic.error');
    await page.fill('#param-ExpectedRevision', '');
    await page.waitForSelector('#diag-ExpectedRevision .diagnostic', { state: 'detached' });
    // The chosen connector's kind checks a literal value at its cell: a duration that is none.
    await page.click('#add-row');
    await page.fill('[data-row="1"] input[aria-label="Property 2 name"]', 'Timeout');
    await page.fill('[data-row="1"] input[aria-label="Property 2 value"]', 'soon');
    await page.waitForSelector('#diag-Properties\\[1\\]\\.PropertyValue .diagnostic.error[data-code="format"]');
    await page.click('button[aria-label="Remove property 2"]');
    await page.waitForSelector('.diagnostic[data-code="format"]', { state: 'detached' });

    // A warning is told apart from an error: a name twice in Dynamic Properties.
    await page.fill('#param-PropertiesJson', '{ "Timeout": "45s", "Timeout": "46s" }');
    await page.waitForSelector('#diag-PropertiesJson .diagnostic.warning');
    assert.equal(await page.$('#diag-PropertiesJson .diagnostic.error'), null);
    await page.fill('#param-PropertiesJson', '{ "Timeout": "45s" }');
    await page.waitForSelector('#diag-PropertiesJson .diagnostic', { state: 'detached' });
    assert.ok(await validated() > 3);

    // The step JSON is the seed's format, and the action takes it as it is.
    const shown = JSON.parse(await page.textContent('#step-json'));
    assert.deepEqual(shown, {
      ActionType: 'Connectors.Update',
      Parameters: { EntryId: 'twitterConnectorId', Properties: [{ PropertyName: 'APIKey', PropertyValue: '[Form:Key]' }], PropertiesJson: '{ "Timeout": "45s" }' },
    });
    assert.deepEqual(action.validate(JSON.stringify(shown)), []);

    // A dry run against the real store: the outcome, and nothing written.
    await page.fill('#token-Form\\:Key', 'a-sample-key');
    await page.click('#dry-run');
    await page.waitForSelector('#outcome');
    assert.equal(await page.getAttribute('#outcome', 'data-code'), 'ok');
    assert.equal(await page.textContent('dd[data-term="changed"]'), 'APIKey, Timeout');
    assert.equal(await page.textContent('dd[data-term="revision"]'), '2 → 3 if run for real');
    assert.equal(JSON.parse(run('connector', 'show', 'twitterConnectorId')).revision, 2, 'the dry run wrote');
    mkdirSync(TARGET, { recursive: true });
    await page.screenshot({ path: join(TARGET, 'designer.png'), fullPage: true });

    // A step file loads into the form: the seed's example 2.
    const example2 = { ActionType: 'Connectors.Update', Parameters: { EntryId: 'oauthConnectorId', PropertiesJson: '{ "ClientId": "updatedClientId", "RetryAttempts": "5" }' } };
    await page.setInputFiles('#load', { name: 'example2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example2)) });
    await page.waitForFunction(() => document.getElementById('load-status').textContent.startsWith('Loaded example2.json'));
    assert.equal(await page.inputValue('#param-EntryId'), 'oauthConnectorId');
    assert.equal(await page.inputValue('#connector-pick'), 'oauthConnectorId');
    assert.equal(await page.$('[data-row="0"]'), null, 'the rows were replaced');
    assert.deepEqual(JSON.parse(await page.textContent('#step-json')), example2);
    await page.click('#dry-run');
    await page.waitForFunction(() => document.querySelector('dd[data-term="connector"]')?.textContent.includes('oauthConnectorId'));
    // A row without a value stays without one (the action refuses it; it is never empty text).
    const missing = { Parameters: { EntryId: 'twitterConnectorId', Properties: [{ PropertyName: 'APIKey' }] } };
    await page.setInputFiles('#load', { name: 'missing.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(missing)) });
    await page.waitForSelector('#diag-Properties\\[0\\]\\.PropertyValue .diagnostic.error');
    assert.deepEqual(JSON.parse(await page.textContent('#step-json')).Parameters.Properties, [{ PropertyName: 'APIKey' }]);
    const other = { ActionType: 'Connectors.Delete', Parameters: { EntryId: 'twitterConnectorId' } };
    await page.setInputFiles('#load', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(other)) });
    await page.waitForFunction(() => document.getElementById('load-status').textContent.includes('not a Connectors.Update one'));
    await page.setInputFiles('#load', { name: 'example2.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example2)) });
    await page.waitForFunction(() => document.getElementById('load-status').textContent.startsWith('Loaded example2.json'));
    await page.setInputFiles('#load', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{ "EntryId": ') });
    await page.waitForFunction(() => document.getElementById('load-status').textContent.includes('not JSON'));
    assert.equal(await page.inputValue('#param-EntryId'), 'oauthConnectorId', 'a broken file changed the form');

    // A typed error comes back as run --dry-run reports it.
    await page.fill('#param-EntryId', 'No such connector');
    await page.click('#dry-run');
    await page.waitForSelector('#outcome[data-code="connector-not-found"]');

    // The connector whose secret is the canary, dry-run too.
    await page.selectOption('#connector-pick', 'canaryConnector');
    await page.click('#dry-run');
    await page.waitForSelector('#outcome[data-code="ok"]');

    // A reload keeps this tab's token; a stopped designer is said, not waited for.
    await page.reload({ waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-ready="true"]');

    // Without the token, the API refuses: from the page and from outside.
    const fromPage = await page.evaluate(async () => (await fetch('/api/session')).status);
    assert.equal(fromPage, 403);
    for (const [path, init] of [
      ['/api/session', {}],
      ['/api/session', { headers: { 'X-Designer-Token': 'f'.repeat(64) } }],
      ['/api/dry-run', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ step: shown }) }],
    ]) {
      const response = await fetch(`${base}${path}`, init);
      assert.equal(response.status, 403, `${path} ${JSON.stringify(init)}`);
      assert.equal((await response.json()).error.code, 'token-required');
      assert.match(response.headers.get('content-security-policy'), /default-src 'none'/);
    }

    assert.deepEqual(problems, [], 'the page logged errors (a CSP violation shows here)');
    const everything = `${bodies.join('\n')}\n${await page.content()}`;
    assert.ok(bodies.some((b) => b.includes('/api/session')), 'the responses were recorded');
    assert.ok(!everything.includes(CANARY), 'a stored secret reached the browser');
  } finally {
    await browser.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
});
