// A credential type's schema as the action's kind rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { credentialKind, fieldValue, fieldViolations } from '../dist/nodes/ConnectorsUpdate/credential-kind.js';
import { ItemTokens } from '../dist/nodes/ConnectorsUpdate/item-tokens.js';
import { ExpressionValues } from '../dist/nodes/ConnectorsUpdate/parameters.js';
import { SCHEMAS } from './fake-n8n.mjs';

describe('a credential type as a kind', () => {
  const header = credentialKind('httpHeaderAuth', SCHEMAS.httpHeaderAuth);
  const oauth = credentialKind('oAuth2Api', SCHEMAS.oAuth2Api);

  it('every data field is a rule, every rule a secret; a notice holds no data', () => {
    assert.deepEqual(header.rules.properties.map((p) => [p.name, p.secret]), [['name', true], ['value', true]]);
    assert.equal(header.rules.allowUnknown, false);
  });

  it('required, options and booleans come from the schema', () => {
    const rule = (name) => oauth.rules.properties.find((p) => p.name === name);
    const openAi = credentialKind('openAiApi', SCHEMAS.openAiApi);
    assert.deepEqual(openAi.rules.properties.filter((p) => p.required).map((p) => p.name), ['apiKey']);
    assert.equal(rule('grantType').required, false);
    assert.equal(rule('ignoreSSLIssues').format, 'boolean');
    assert.match(rule('grantType').help, /one of authorizationCode, clientCredentials, pkce/);
  });

  it('checks choices, numbers and unknown fields without naming the value', () => {
    assert.deepEqual(fieldViolations(oauth, 'grantType', 'pkce'), []);
    assert.equal(fieldViolations(oauth, 'grantType', 'secret-ish')[0].rule, 'choices');
    assert.doesNotMatch(JSON.stringify(fieldViolations(oauth, 'grantType', 'secret-ish')), /secret-ish/);
    for (const odd of ['eighty', ' ', '0x191', '1e3', '']) {
      assert.equal(fieldViolations(oauth, 'tokenExpiredStatusCode', odd)[0]?.rule, 'format', odd);
    }
    assert.equal(fieldValue(oauth, 'tokenExpiredStatusCode', '401'), 401);
    assert.equal(fieldViolations(oauth, 'additionalBodyProperties', '{"a":')[0].rule, 'format');
    assert.deepEqual(fieldViolations(oauth, 'additionalBodyProperties', '{"a":1}'), []);
    assert.equal(fieldViolations(header, 'timeout', '1')[0].rule, 'allow-unknown');
  });

  it('a schema that allows other fields lets them through', () => {
    const open = credentialKind('x', { properties: {}, additionalProperties: true });
    assert.equal(open.rules.allowUnknown, true);
    assert.deepEqual(fieldViolations(open, 'anything', 'v'), []);
  });
});

describe("the action's tokens from an input item", () => {
  const tokens = new ItemTokens({ key: 'k', n: 5, flag: false, nested: { a: 'b', o: { x: 1 } }, nothing: null });

  it('[expression:Path] is only ever the value an expression gave, never the item\u2019s field', () => {
    const values = new ExpressionValues();
    values.token('Properties.0.PropertyValue', 's[e]cret');
    const both = new ItemTokens({ expression: { 'Properties.0.PropertyValue': 'from-item', other: 'x' } }, values);
    assert.equal(both.resolve('expression', 'Properties.0.PropertyValue'), 's[e]cret');
    assert.equal(both.resolve('expression', 'other'), undefined);
  });

  it('[Name] is a field of the item; [Source:Name] a field of one of its objects', () => {
    assert.equal(tokens.resolve(undefined, 'key'), 'k');
    assert.equal(tokens.resolve(undefined, 'n'), '5');
    assert.equal(tokens.resolve(undefined, 'flag'), 'false');
    assert.equal(tokens.resolve('nested', 'a'), 'b');
    assert.equal(tokens.resolve('nested', 'o'), '{"x":1}');
  });

  it('absent, null and inherited fields are no token', () => {
    assert.equal(tokens.resolve(undefined, 'missing'), undefined);
    assert.equal(tokens.resolve(undefined, 'nothing'), undefined);
    assert.equal(tokens.resolve(undefined, 'constructor'), undefined);
    assert.equal(tokens.resolve('key', 'length'), undefined);
    assert.equal(tokens.resolve('__proto__', 'toString'), undefined);
  });
});
