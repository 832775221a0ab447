// The designer page's plain modules (host/designer/step.js), as Node runs
// them, and the jco bindings the designer serves: the committed copy must
// be what jco writes for the component today.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  emptyValues, hasToken, placeOf, stepFromValues, stepText, tokensIn, valuesFromText,
} from '../../host/designer/step.js';
import { action } from './helpers.js';

test('the designer serves the bindings and the core modules\' names jco writes for this component', () => {
  for (const name of ['connectors_update.js', 'core-modules.js']) {
    const served = readFileSync(new URL(`../../host/designer/gen/${name}`, import.meta.url), 'utf8');
    const built = readFileSync(new URL(`../gen/${name}`, import.meta.url), 'utf8');
    assert.ok(served === built, `host/designer/gen/${name} is stale: run \`npm run build -- --update-designer\` in js/ and commit it`);
  }
});

test('the form\'s values become the seed\'s step format, defaults left out, and read back', () => {
  const values = {
    ...emptyValues(), entryId: 'twitterConnectorId', rows: [{ name: 'APIKey', value: '[Form:Key]' }], propertiesJson: '{ "Timeout": "30s" }',
  };
  assert.deepEqual(stepFromValues(values), {
    ActionType: 'Connectors.Update',
    Parameters: { EntryId: 'twitterConnectorId', Properties: [{ PropertyName: 'APIKey', PropertyValue: '[Form:Key]' }], PropertiesJson: '{ "Timeout": "30s" }' },
  });
  assert.deepEqual(action.validate(stepText(values)), []);
  assert.deepEqual(valuesFromText(stepText(values)), { values, dropped: [] });
  const full = { ...values, mergeMode: 'deep', expectedRevision: '3', dryRun: true };
  assert.deepEqual(valuesFromText(stepText(full)).values, full);
  assert.equal(stepFromValues({ ...values, expectedRevision: ' 7 ' }).Parameters.ExpectedRevision, 7);
});

test('a revision that is no whole number is kept as typed, so the action says what is wrong with it', () => {
  for (const typed of ['abc', '-1', '1.5', '99999999999999999999']) {
    const step = stepFromValues({ ...emptyValues(), entryId: 'x', expectedRevision: typed });
    assert.equal(step.Parameters.ExpectedRevision, typed);
    const at = action.validate(JSON.stringify(step)).map((d) => d.field);
    assert.ok(at.includes('ExpectedRevision'), `${typed}: ${at}`);
  }
});

test('a step file that is no step says why; keys the form lacks are named', () => {
  assert.match(valuesFromText('{').error, /not JSON/);
  assert.match(valuesFromText('[1]').error, /no step/);
  const loaded = valuesFromText('{"Parameters": {"EntryId": "x", "Bogus": 1, "Properties": [{"PropertyName": "A"}], "MergeMode": "Deep"}}');
  assert.deepEqual(loaded.dropped, ['Bogus']);
  assert.deepEqual(loaded.values.rows, [{ name: 'A', value: undefined }]);
  // Written back, the row still has no value, and the mode is as written: the action refuses both.
  const back = stepFromValues(loaded.values).Parameters;
  assert.deepEqual(back.Properties, [{ PropertyName: 'A' }]);
  assert.equal(back.MergeMode, 'Deep');
  const at = action.validate(JSON.stringify({ Parameters: back })).map((d) => `${d.severity} ${d.field}`);
  assert.deepEqual(at, ['error Properties[0].PropertyValue'], 'the action takes "Deep" as deep');
  const sideways = stepFromValues(valuesFromText('{"EntryId": "x", "MergeMode": "sideways"}').values).Parameters;
  assert.equal(sideways.MergeMode, 'sideways');
  assert.ok(action.validate(JSON.stringify({ Parameters: sideways })).some((d) => d.field === 'MergeMode'));
  assert.match(valuesFromText('{"ActionType": "Connectors.Delete", "Parameters": {}}').error, /not a Connectors.Update one/);
  assert.equal(valuesFromText('{"EntryId": "bare"}').values.entryId, 'bare');
});

test('the tokens a step names are found once each; escapes and brackets that are no token are not', () => {
  const values = {
    ...emptyValues(),
    entryId: '[Form:Connector]',
    rows: [{ name: '[Header]', value: 'Bearer [Form:Key|x {0}] [Form:Key]' }, { name: 'Host', value: '[::1] [0] &#91;Form:No&#93;' }],
    propertiesJson: '{ "A": "[Vault.Prod:db-pass]" }',
  };
  assert.deepEqual(tokensIn(values), ['Form:Connector', 'Vault.Prod:db-pass', 'Header', 'Form:Key']);
  for (const [text, has] of [['[Form:Key]', true], ['x [Region|{0}s] y', true], ['[::1]', false], ['[0]', false], ['&#91;Form:No&#93;', false], ['[Form:', false], ['', false]]) {
    assert.equal(hasToken(text), has, text);
    assert.equal(hasToken(text), has, `${text}, asked twice`);
  }
});

test('a diagnostic is placed at its field, or the nearest one that holds it', () => {
  const has = (f) => ['EntryId', 'Properties', 'Properties[0].PropertyName', 'PropertiesJson'].includes(f);
  assert.equal(placeOf('Properties[0].PropertyName', has), 'Properties[0].PropertyName');
  assert.equal(placeOf('Properties[3].PropertyValue', has), 'Properties');
  assert.equal(placeOf('PropertiesJson.Region', has), 'PropertiesJson');
  assert.equal(placeOf('step', has), 'step');
  assert.equal(placeOf('', has), 'step');
  assert.equal(placeOf(undefined, has), 'step');
});
