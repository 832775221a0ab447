// One step on n8n's credentials, through the real action, against a fake
// n8n that injects the faults a real one cannot be made to show on cue.
// What a real n8n does with the same steps is tested in e2e/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadPackage } from '../dist/nodes/ConnectorsUpdate/action.js';
import { ItemTokens } from '../dist/nodes/ConnectorsUpdate/item-tokens.js';
import { N8nApi } from '../dist/nodes/ConnectorsUpdate/n8n-api.js';
import { ExpressionValues, stepFromParameters } from '../dist/nodes/ConnectorsUpdate/parameters.js';
import { runStep } from '../dist/nodes/ConnectorsUpdate/run-step.js';
import { FakeN8n } from './fake-n8n.mjs';

const { pkg, action } = await loadPackage();
const CANARY = 'canary-9f2c41d7-never-printed';

/** Runs a step's Parameters against `fake`; resolves to the outcome or rejects with the action's error. */
function run(fake, parameters, { item = {}, kinds = new Map(), expressions } = {}) {
  const step = JSON.stringify({ ActionType: 'Connectors.Update', Parameters: parameters });
  const api = new N8nApi(fake.http);
  const tokens = new ItemTokens(item, expressions);
  return runStep({ pkg, action, api, tokens, instance: 'http://n8n.test/api/v1', kinds }, step);
}

/** The action's error a step failed with. */
async function failure(promise) {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof pkg.ConnectorsUpdateError, `not the action's error: ${error}`);
    return error;
  }
  assert.fail('the step did not fail');
}

/** A fake n8n with one credential of each type. */
function n8n() {
  const fake = new FakeN8n();
  fake.add('hdr1', 'Twitter API', 'httpHeaderAuth', { name: 'X-API-Key', value: 'old-key' });
  fake.add('oa1', 'OAuth App', 'oAuth2Api', { grantType: 'clientCredentials', clientId: 'old-id', clientSecret: 's3' });
  fake.add('oai1', 'OpenAI', 'openAiApi', { apiKey: 'sk-old', url: 'https://api.openai.com/v1' });
  return fake;
}

describe('a step on n8n credentials', () => {
  it('sends one partial PATCH with exactly the named fields and reports n8n updatedAt as the revision', async () => {
    const fake = n8n();
    const before = Date.parse(fake.credentials.get('hdr1').updatedAt);
    const outcome = await run(fake, {
      EntryId: 'hdr1',
      Properties: [{ PropertyName: 'value', PropertyValue: 'new_api_key_123' }],
    });
    assert.deepEqual(fake.patches().map((r) => r.body), [{ data: { value: 'new_api_key_123' }, isPartialData: true }]);
    assert.deepEqual(fake.credentials.get('hdr1').data, { name: 'X-API-Key', value: 'new_api_key_123' });
    assert.equal(outcome.revisionBefore, before);
    assert.equal(outcome.revisionAfter, Date.parse(fake.credentials.get('hdr1').updatedAt));
    assert.deepEqual([outcome.added, outcome.changed, outcome.removed], [[], ['value'], []]);
  });

  it('finds a credential by its exact name, and refuses a name two credentials share', async () => {
    const fake = n8n();
    const outcome = await run(fake, { EntryId: 'OAuth App', PropertiesJson: '{"clientId":"updatedClientId"}' });
    assert.equal(outcome.id, 'oa1');
    assert.equal(fake.credentials.get('oa1').data.clientId, 'updatedClientId');
    fake.add('oa2', 'OAuth App', 'oAuth2Api', { grantType: 'pkce' });
    const error = await failure(run(fake, { EntryId: 'OAuth App', PropertiesJson: '{"clientId":"x"}' }));
    assert.equal(error.code, 'ambiguous-connector');
    assert.equal(fake.patches().length, 1);
  });

  it('converts a value to its field type: a number field gets a number, a boolean field a boolean', async () => {
    const fake = n8n();
    await run(fake, { EntryId: 'oa1', PropertiesJson: '{"tokenExpiredStatusCode": 401}' });
    await run(fake, { EntryId: 'oa1', PropertiesJson: '{"ignoreSSLIssues": true}' });
    assert.deepEqual(fake.patches().map((r) => r.body.data), [{ tokenExpiredStatusCode: 401 }, { ignoreSSLIssues: true }]);
  });

  for (const [what, parameters, code] of [
    ['an unknown credential', { EntryId: 'nope', PropertiesJson: '{"value":"x"}' }, 'connector-not-found'],
    ['a reference that is a path', { EntryId: '..', PropertiesJson: '{"value":"x"}' }, 'connector-not-found'],
    ['a field the type does not have', { EntryId: 'hdr1', PropertiesJson: '{"timeout":"30s"}' }, 'validation-failed'],
    ['an empty required field', { EntryId: 'oai1', Properties: [{ PropertyName: 'apiKey', PropertyValue: '' }] }, 'validation-failed'],
    ['a row with no value', { EntryId: 'oa1', Properties: [{ PropertyName: 'clientId' }] }, 'invalid-parameter'],
    ['a value outside the field\u2019s options', { EntryId: 'oa1', PropertiesJson: `{"grantType":"${CANARY}"}` }, 'validation-failed'],
    ['text in a number field', { EntryId: 'oa1', PropertiesJson: `{"tokenExpiredStatusCode":"${CANARY}"}` }, 'validation-failed'],
    ['a hex number', { EntryId: 'oa1', PropertiesJson: '{"tokenExpiredStatusCode":"0x191"}' }, 'validation-failed'],
    ['text in a boolean field', { EntryId: 'oa1', PropertiesJson: `{"ignoreSSLIssues":"${CANARY}"}` }, 'validation-failed'],
    ['text that is no JSON in a JSON field', { EntryId: 'oa1', PropertiesJson: `{"additionalBodyProperties":"{${CANARY}"}` }, 'validation-failed'],
    ['a value n8n would store as an expression', { EntryId: 'hdr1', PropertiesJson: `{"value":"={{ $secrets.vault.${CANARY} }}"}` }, 'validation-failed'],
    ['a deep merge into a stored field', { EntryId: 'oa1', MergeMode: 'deep', PropertiesJson: '{"clientId":{"a":1}}' }, 'permission-denied'],
    ['a null, which would remove a field', { EntryId: 'hdr1', PropertiesJson: '{"value":null}' }, 'permission-denied'],
    ['a stale expected revision', { EntryId: 'hdr1', ExpectedRevision: 1, PropertiesJson: '{"value":"x"}' }, 'conflict'],
    ['a Dry Run that is no boolean', { EntryId: 'hdr1', DryRun: 'null', PropertiesJson: '{"value":"x"}' }, 'invalid-parameter'],
  ]) {
    it(`refuses ${what} with ${code}, sends no PATCH and names no value`, async () => {
      const fake = n8n();
      const data = structuredClone([...fake.credentials.values()]);
      const error = await failure(run(fake, parameters));
      assert.equal(error.code, code, error.message);
      assert.equal(fake.patches().length, 0);
      assert.deepEqual([...fake.credentials.values()], data);
      assert.doesNotMatch(JSON.stringify({ message: error.message, ...error.toJSON() }), new RegExp(CANARY));
    });
  }

  it('refuses a credential n8n manages itself, before any PATCH', async () => {
    const fake = n8n();
    fake.add('man1', 'Managed', 'httpHeaderAuth', { name: 'a', value: 'b' }, { isManaged: true });
    const error = await failure(run(fake, { EntryId: 'man1', PropertiesJson: '{"value":"x"}' }));
    assert.equal(error.code, 'permission-denied');
    assert.equal(fake.patches().length, 0);
  });

  it('says why a merge cannot be done, naming the field', async () => {
    const error = await failure(run(n8n(), { EntryId: 'oa1', MergeMode: 'deep', PropertiesJson: '{"clientId":{"a":1}}' }));
    assert.match(error.message, /never answers a credential's data/);
    assert.equal(error.details.property, 'clientId');
  });

  it('a dry run sends no PATCH and reports what would change', async () => {
    const fake = n8n();
    const outcome = await run(fake, { EntryId: 'hdr1', DryRun: true, PropertiesJson: '{"value":"v2","name":"X-Key"}' });
    assert.equal(fake.patches().length, 0);
    assert.equal(outcome.dryRun, true);
    assert.deepEqual(outcome.changed.sort(), ['name', 'value']);
    assert.equal(outcome.revisionAfter, outcome.revisionBefore);
  });

  it('answers a right guess of a secret exactly as a wrong one', async () => {
    const answers = [];
    for (const guess of ['old-key', 'wrong-guess']) {
      const fake = n8n();
      const outcome = await run(fake, { EntryId: 'hdr1', DryRun: true, PropertiesJson: JSON.stringify({ value: guess }) });
      answers.push({ ...outcome, revisionBefore: 0, revisionAfter: 0 });
    }
    assert.deepEqual(answers[0], answers[1]);
  });

  it('with an Expected Revision, reports a conflict and sends nothing when another writer lands before the PATCH', async () => {
    const fake = n8n();
    const revision = Date.parse(fake.credentials.get('hdr1').updatedAt);
    let reads = 0;
    fake.before = (request) => {
      if (request.method === 'GET' && request.path === '/credentials/hdr1' && ++reads === 2) fake.touch('hdr1', { name: 'Other' });
    };
    const error = await failure(run(fake, { EntryId: 'hdr1', ExpectedRevision: revision, PropertiesJson: '{"value":"mine"}' }));
    assert.equal(error.code, 'conflict');
    assert.equal(error.retryable, true);
    assert.equal(error.details.expected, revision);
    assert.equal(error.details.actual, Date.parse(fake.credentials.get('hdr1').updatedAt));
    assert.equal(fake.patches().length, 0);
    assert.deepEqual(fake.credentials.get('hdr1').data, { name: 'Other', value: 'old-key' });
  });

  it('without one, reads the credential again and applies the step over the other write', async () => {
    const fake = n8n();
    let reads = 0;
    fake.before = (request) => {
      if (request.method === 'GET' && request.path === '/credentials/hdr1' && ++reads === 2) fake.touch('hdr1', { name: 'Other' });
    };
    const outcome = await run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"mine"}' });
    assert.equal(fake.patches().length, 1);
    assert.deepEqual(fake.credentials.get('hdr1').data, { name: 'Other', value: 'mine' });
    assert.equal(outcome.revisionAfter, Date.parse(fake.credentials.get('hdr1').updatedAt));
  });

  it('gives up with a conflict after three attempts, having sent nothing', async () => {
    const fake = n8n();
    let reads = 0;
    fake.before = (request) => {
      if (request.method === 'GET' && request.path === '/credentials/hdr1' && ++reads % 2 === 0) fake.touch('hdr1');
    };
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"mine"}' }));
    assert.equal(error.code, 'conflict');
    assert.equal(reads, 6);
    assert.equal(fake.patches().length, 0);
  });

  it('two steps on one credential at once both land: the second reads what the first wrote', async () => {
    const fake = n8n();
    const [a, b] = await Promise.all([
      run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"from-a"}' }),
      run(fake, { EntryId: 'hdr1', PropertiesJson: '{"name":"X-From-B"}' }),
    ]);
    assert.deepEqual(fake.credentials.get('hdr1').data, { name: 'X-From-B', value: 'from-a' });
    assert.equal(b.revisionBefore, a.revisionAfter);
  });

  it('turns n8n refusals into typed errors, hiding a message of n8n that repeats a value sent', async () => {
    for (const [status, code] of [[400, 'validation-failed'], [401, 'permission-denied'], [403, 'permission-denied'], [500, 'store-unavailable']]) {
      const fake = n8n();
      fake.before = (request) =>
        request.method === 'PATCH' ? { status, body: { message: `request.body.data.value "${CANARY}" refused` } } : undefined;
      const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: JSON.stringify({ value: CANARY }) }));
      assert.equal(error.code, code);
      assert.match(error.message, new RegExp(`n8n answered ${status} to update credential 'hdr1'`));
      assert.match(error.message, /repeated a value sent, so it is not shown/);
      assert.doesNotMatch(JSON.stringify({ message: error.message, ...error.toJSON() }), new RegExp(CANARY));
    }
  });

  it("shows n8n's own message when it repeats nothing, and a short value garbles nothing", async () => {
    const fake = n8n();
    fake.before = (request) => (request.method === 'PATCH' ? { status: 400, body: { message: 'request.body.data is not valid' } } : undefined);
    const error = await failure(run(fake, { EntryId: 'oa1', PropertiesJson: '{"tokenExpiredStatusCode": 4}' }));
    assert.equal(error.message, "n8n answered 400 to update credential 'oa1': request.body.data is not valid. Nothing was written.");
  });

  it('a managed credential refused by n8n itself is permission-denied', async () => {
    const fake = n8n();
    fake.before = (request) => (request.method === 'PATCH' ? { status: 400, body: { message: 'Managed credentials cannot be updated.' } } : undefined);
    assert.equal((await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"x"}' }))).code, 'permission-denied');
  });

  it('a PATCH whose answer was lost may have been applied, and says so; the HTTP error is not repeated', async () => {
    for (const lose of ['reset', 'status']) {
      const fake = n8n();
      fake.before = (request) => {
        if (request.method !== 'PATCH') return undefined;
        Object.assign(fake.credentials.get('hdr1').data, request.body.data);
        if (lose === 'status') return { status: 502, body: { message: 'Bad Gateway' } };
        throw Object.assign(new Error(`socket hang up while sending ${JSON.stringify(request.body)}`), { code: 'ECONNRESET' });
      };
      const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: JSON.stringify({ value: CANARY }) }));
      assert.equal(error.code, 'store-unavailable');
      assert.match(error.message, /may have been applied/);
      if (lose === 'reset') assert.match(error.message, /\(ECONNRESET\)/);
      assert.doesNotMatch(JSON.stringify({ message: error.message, ...error.toJSON() }), new RegExp(CANARY));
    }
  });

  it('a read that gets no answer wrote nothing, and says so', async () => {
    const fake = n8n();
    fake.before = () => {
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5678'), { code: 'ECONNREFUSED' });
    };
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"x"}' }));
    assert.equal(error.code, 'store-unavailable');
    assert.match(error.message, /could not be reached \(ECONNREFUSED\); nothing was written/);
  });

  it('an answer that is not the API (a base URL without /api/v1) says to check the base URL', async () => {
    const fake = n8n();
    fake.before = () => ({ status: 200, body: '<!DOCTYPE html><html>n8n</html>' });
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"x"}' }));
    assert.equal(error.code, 'store-unavailable');
    assert.match(error.message, /ends in \/api\/v1/);
  });

  it('a credential listed twice while pages shift is one credential', async () => {
    const fake = n8n();
    fake.before = (request) => {
      if (request.path !== '/credentials') return undefined;
      const all = [...fake.credentials.values()].map(({ id, name, type, updatedAt }) => ({ id, name, type, updatedAt }));
      return request.qs.cursor
        ? { status: 200, body: { data: all.slice(1), nextCursor: null } }
        : { status: 200, body: { data: all.slice(0, 2), nextCursor: 'page2' } };
    };
    const outcome = await run(fake, { EntryId: 'OAuth App', PropertiesJson: '{"clientId":"x"}' });
    assert.equal(outcome.id, 'oa1');
  });

  it('a value from an n8n expression reaches the credential as it is, brackets and escapes included, and never an error', async () => {
    const secret = `Zq9[Kx7-p2]vR&#91;${CANARY}|x`;
    const fake = n8n();
    const expressions = new ExpressionValues();
    const descriptor = JSON.parse(readFileSync(new URL('../nodes/ConnectorsUpdate/descriptor.json', import.meta.url), 'utf8'));
    const step = (value, raw) =>
      stepFromParameters(descriptor, (name) => ({
        connector: { value: 'hdr1', raw: 'hdr1' },
        properties: { value: { property: [{ name: 'value', value }] }, raw: { property: [{ name: 'value', value: raw }] } },
        propertiesJson: { value: '', raw: '' },
        mergeMode: { value: 'replace', raw: 'replace' },
        expectedRevision: { value: '', raw: '' },
        dryRun: { value: false, raw: false },
      })[name], expressions).Parameters;
    await run(fake, step(secret, '={{ $json.password }}'), { expressions });
    assert.equal(fake.credentials.get('hdr1').data.value, secret);
    // The same text typed as a literal is a template: its token is the action's.
    const error = await failure(run(fake, step('[Kx7-p2]', '[Kx7-p2]'), { expressions: new ExpressionValues() }));
    assert.equal(error.code, 'unresolved-token');
  });

  it("resolves the action's tokens from the input item: [Name] and [Source:Name]", async () => {
    const fake = n8n();
    await run(fake, { EntryId: '[which]', PropertiesJson: '{"value":"Bearer [body:token]"}' }, {
      item: { which: 'hdr1', body: { token: 't-42' } },
    });
    assert.equal(fake.credentials.get('hdr1').data.value, 'Bearer t-42');
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"[body:missing]"}' }, { item: { body: {} } }));
    assert.equal(error.code, 'unresolved-token');
  });

  it('reads each credential type once per execution', async () => {
    const fake = n8n();
    const kinds = new Map();
    await run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"1"}' }, { kinds });
    await run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"2"}' }, { kinds });
    assert.equal(fake.requests.filter((r) => r.path.startsWith('/credentials/schema/')).length, 1);
  });
});
