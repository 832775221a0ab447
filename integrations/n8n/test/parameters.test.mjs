// The node's parameters are the action's: each one's label, help, default,
// required flag and choices come from `describe()`, and the descriptor the
// build keeps for n8n is the one the bundled action answers now.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadPackage } from '../dist/nodes/ConnectorsUpdate/action.js';
import { ConnectorsUpdate } from '../dist/nodes/ConnectorsUpdate/ConnectorsUpdate.node.js';
import { ExpressionValues, stepFromParameters } from '../dist/nodes/ConnectorsUpdate/parameters.js';
import { descriptorText } from '../scripts/descriptor.mjs';

const { action } = await loadPackage();
const described = action.describe();
const node = new ConnectorsUpdate().description;
const byName = new Map(node.properties.map((p) => [p.name, p]));

/** The n8n parameter names the workflows and the README use, by descriptor key. */
const NAMES = {
  EntryId: 'connector',
  Properties: 'properties',
  PropertiesJson: 'propertiesJson',
  MergeMode: 'mergeMode',
  ExpectedRevision: 'expectedRevision',
  DryRun: 'dryRun',
};

/** The n8n parameter type each descriptor kind becomes. */
const TYPES = {
  'connector-reference': 'resourceLocator',
  'name-value-list': 'fixedCollection',
  'json-object': 'json',
  choice: 'options',
  'unsigned-integer': 'string',
  boolean: 'boolean',
};

describe("the node's parameters", () => {
  it('the descriptor kept for n8n is what describe() answers now', async () => {
    assert.equal(readFileSync(new URL('../nodes/ConnectorsUpdate/descriptor.json', import.meta.url), 'utf8'), await descriptorText());
  });

  it('one n8n parameter per describe() parameter, in its order, and no other', () => {
    assert.deepEqual(node.properties.map((p) => p.name), described.parameters.map((p) => NAMES[p.key]));
  });

  for (const parameter of described.parameters) {
    it(`${parameter.key}: label, help, type, default, required and choices from describe()`, () => {
      const property = byName.get(NAMES[parameter.key]);
      assert.ok(property, `no n8n parameter for ${parameter.key}`);
      assert.equal(property.displayName.toLowerCase(), parameter.label.toLowerCase());
      assert.equal(property.description, parameter.help);
      assert.equal(property.type, TYPES[parameter.kind]);
      assert.equal(property.required === true, parameter.required);
      const fallback = { 'unsigned-integer': '', 'json-object': '' }[parameter.kind];
      const expected = JSON.parse(parameter.defaultValue) ?? fallback;
      const actual = property.type === 'resourceLocator' ? property.default.value : property.default;
      if (property.type === 'fixedCollection') assert.deepEqual(JSON.parse(parameter.defaultValue), []);
      else assert.deepEqual(actual, expected);
      if (parameter.choices.length > 0) assert.deepEqual(property.options.map((o) => o.value), parameter.choices);
    });
  }

  it('the connector picker offers the credentials by list, by id and by name', () => {
    const connector = byName.get('connector');
    assert.deepEqual(connector.modes.map((m) => m.name), ['list', 'id', 'name']);
    assert.equal(connector.modes[0].typeOptions.searchListMethod, 'searchCredentials');
    assert.equal(typeof new ConnectorsUpdate().methods.listSearch.searchCredentials, 'function');
  });

  it("the node's description is the action's summary, and its output keys are describe()'s", () => {
    assert.equal(node.description, described.summary);
    assert.deepEqual(node.credentials, [{ name: 'connectorsUpdateN8nApi', required: true }]);
  });

  it('the step the action runs carries each parameter under its descriptor key', async () => {
    const descriptor = JSON.parse(await descriptorText());
    const literal = (values) => (name) => ({ value: values[name], raw: values[name] });
    const values = new ExpressionValues();
    const step = stepFromParameters(descriptor, literal({
      connector: 'hdr1',
      properties: { property: [{ name: 'value', value: 'v [Form:Key]' }] },
      propertiesJson: '{ "Timeout": "30s" }',
      mergeMode: 'deep',
      expectedRevision: '1765108800000',
      dryRun: true,
    }), values);
    assert.deepEqual(step, {
      ActionType: 'Connectors.Update',
      Parameters: {
        EntryId: '[expression:EntryId]',
        Properties: [{ PropertyName: 'value', PropertyValue: 'v [Form:Key]' }],
        PropertiesJson: '{ "Timeout": "30s" }',
        MergeMode: 'deep',
        ExpectedRevision: '1765108800000',
        DryRun: true,
      },
    });
    // The connector is literal however it was given: a name with brackets is a name.
    assert.equal(values.get('EntryId'), 'hdr1');
    // Empty optional parameters are left out; the action reads them as absent.
    const bare = stepFromParameters(descriptor, literal({
      connector: 'x', properties: {}, propertiesJson: '', mergeMode: 'replace', expectedRevision: '', dryRun: false,
    }), new ExpressionValues());
    assert.deepEqual(Object.keys(bare.Parameters), ['EntryId', 'Properties', 'MergeMode', 'DryRun']);
  });

  it('what n8n resolved from an expression goes in as a token standing for it', async () => {
    const descriptor = JSON.parse(await descriptorText());
    const values = new ExpressionValues();
    const read = (name) => ({
      connector: { value: 'hdr1', raw: '={{ $json.id }}' },
      properties: { value: { property: [{ name: 'value', value: 'p[a]ss' }, { name: 'name', value: '[Form:H]' }] },
                    raw: { property: [{ name: 'value', value: '={{ $json.pw }}' }, { name: 'name', value: '[Form:H]' }] } },
      propertiesJson: { value: { clientId: 'c"1' }, raw: '={{ { clientId: $json.id } }}' },
      mergeMode: { value: 'replace', raw: 'replace' },
      expectedRevision: { value: 1765108800000, raw: '={{ $json.revision_after }}' },
      dryRun: { value: null, raw: '={{ $json.dry }}' },
    })[name];
    const { Parameters } = stepFromParameters(descriptor, read, values);
    assert.deepEqual(Parameters.Properties, [
      { PropertyName: 'value', PropertyValue: '[expression:Properties.0.PropertyValue]' },
      { PropertyName: 'name', PropertyValue: '[Form:H]' },
    ]);
    assert.equal(values.get('Properties.0.PropertyValue'), 'p[a]ss');
    assert.equal(Parameters.PropertiesJson, '[expression:PropertiesJson]');
    assert.equal(values.get('PropertiesJson'), '{"clientId":"c\\"1"}');
    assert.equal(Parameters.ExpectedRevision, 1765108800000);
    // A Dry Run expression that gives no boolean is sent as text, which the action refuses.
    assert.equal(Parameters.DryRun, '');
    assert.throws(() => action.parseStep(JSON.stringify({ ActionType: 'Connectors.Update', Parameters })), (e) => e.code === 'invalid-parameter');
  });
});

describe("the node's errors", () => {
  it('name the field by its step key and by the label the node shows', async () => {
    const { nodeError } = await import('../dist/nodes/ConnectorsUpdate/node-errors.js');
    const labels = new Map(described.parameters.map((p) => [p.key, byName.get(NAMES[p.key]).displayName]));
    const node = { id: '1', name: 'Connectors Update', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
    const notFound = nodeError(node, { code: 'connector-not-found', message: "EntryId: no connector has the id or name 'x'." }, 0, false, labels);
    assert.equal(notFound.description, 'error[connector-not-found] in EntryId (Connector).');
    assert.equal(notFound.context.code, 'connector-not-found');
    const json = nodeError(node, { code: 'invalid-json', message: 'bad', field: 'PropertiesJson' }, 0, false, labels);
    assert.equal(json.description, 'error[invalid-json] in PropertiesJson (Dynamic Properties).');
    const conflict = nodeError(node, { code: 'conflict', message: "Credential 'x' changed" }, 0, true, labels);
    assert.equal(conflict.description, 'error[conflict]. Running the step again may succeed.');
  });
});
