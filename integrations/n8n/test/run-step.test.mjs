// One step on n8n's credentials, through the real action, against a fake
// n8n that injects the faults a real one cannot be made to show on cue.
// What a real n8n does with the same steps is tested in e2e/.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPackage } from '../dist/nodes/ConnectorsUpdate/action.js';
import { ItemTokens } from '../dist/nodes/ConnectorsUpdate/item-tokens.js';
import { N8nApi } from '../dist/nodes/ConnectorsUpdate/n8n-api.js';
import { runStep } from '../dist/nodes/ConnectorsUpdate/run-step.js';
import { FakeN8n } from './fake-n8n.mjs';

const { pkg, action } = await loadPackage();
const CANARY = 'canary-9f2c41d7-never-printed';

/** Runs a step's Parameters against `fake`; resolves to the outcome or rejects with the action's error. */
function run(fake, parameters, { item = {}, kinds = new Map() } = {}) {
  const step = JSON.stringify({ ActionType: 'Connectors.Update', Parameters: parameters });
  const api = new N8nApi(fake.http);
  return runStep({ pkg, action, api, tokens: new ItemTokens(item), instance: 'http://n8n.test/api/v1', kinds }, step);
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
  fake.add('port1', 'Ported', 'apiWithPort', { apiKey: 'k', port: 80 });
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
    await run(fake, { EntryId: 'port1', PropertiesJson: '{"port": 8080}' });
    await run(fake, { EntryId: 'oa1', PropertiesJson: '{"ignoreSSLIssues": true}' });
    assert.deepEqual(fake.patches().map((r) => r.body.data), [{ port: 8080 }, { ignoreSSLIssues: true }]);
  });

  for (const [what, parameters, code] of [
    ['an unknown credential', { EntryId: 'nope', PropertiesJson: '{"value":"x"}' }, 'connector-not-found'],
    ['a field the type does not have', { EntryId: 'hdr1', PropertiesJson: '{"timeout":"30s"}' }, 'validation-failed'],
    ['an empty required field', { EntryId: 'oa1', Properties: [{ PropertyName: 'grantType', PropertyValue: '' }] }, 'validation-failed'],
    ['a row with no value', { EntryId: 'oa1', Properties: [{ PropertyName: 'clientId' }] }, 'invalid-parameter'],
    ['a value outside the field\u2019s options', { EntryId: 'oa1', PropertiesJson: `{"grantType":"${CANARY}"}` }, 'validation-failed'],
    ['text in a number field', { EntryId: 'port1', PropertiesJson: `{"port":"${CANARY}"}` }, 'validation-failed'],
    ['text in a boolean field', { EntryId: 'oa1', PropertiesJson: `{"ignoreSSLIssues":"${CANARY}"}` }, 'validation-failed'],
    ['a deep merge into a stored field', { EntryId: 'oa1', MergeMode: 'deep', PropertiesJson: '{"clientId":{"a":1}}' }, 'permission-denied'],
    ['a null, which would remove a field', { EntryId: 'hdr1', PropertiesJson: '{"value":null}' }, 'permission-denied'],
    ['a stale expected revision', { EntryId: 'hdr1', ExpectedRevision: 1, PropertiesJson: '{"value":"x"}' }, 'conflict'],
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

  it('reports a conflict and sends nothing when another writer lands between the read and the PATCH', async () => {
    const fake = n8n();
    let reads = 0;
    fake.before = (request) => {
      if (request.method === 'GET' && request.path === '/credentials/hdr1' && ++reads === 2) fake.touch('hdr1', { name: 'Other' });
    };
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: '{"value":"mine"}' }));
    assert.equal(error.code, 'conflict');
    assert.equal(error.retryable, true);
    assert.equal(error.details.actual, Date.parse(fake.credentials.get('hdr1').updatedAt));
    assert.equal(fake.patches().length, 0);
    assert.deepEqual(fake.credentials.get('hdr1').data, { name: 'Other', value: 'old-key' });
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

  it('turns n8n refusals into typed errors without echoing a value n8n repeated', async () => {
    for (const [status, code] of [[400, 'validation-failed'], [401, 'permission-denied'], [403, 'permission-denied'], [500, 'store-unavailable']]) {
      const fake = n8n();
      fake.before = (request) =>
        request.method === 'PATCH' ? { status, body: { message: `request.body.data.value "${CANARY}" refused` } } : undefined;
      const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: JSON.stringify({ value: CANARY }) }));
      assert.equal(error.code, code);
      assert.match(error.message, new RegExp(`n8n answered ${status}`));
      assert.doesNotMatch(JSON.stringify({ message: error.message, ...error.toJSON() }), new RegExp(CANARY));
    }
  });

  it('a dropped connection is store-unavailable, and the HTTP error (which holds the request) is not repeated', async () => {
    const fake = n8n();
    fake.before = (request) => {
      if (request.method === 'PATCH') throw new Error(`socket hang up while sending ${JSON.stringify(request.body)}`);
    };
    const error = await failure(run(fake, { EntryId: 'hdr1', PropertiesJson: JSON.stringify({ value: CANARY }) }));
    assert.equal(error.code, 'store-unavailable');
    assert.doesNotMatch(JSON.stringify({ message: error.message, ...error.toJSON() }), new RegExp(CANARY));
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
