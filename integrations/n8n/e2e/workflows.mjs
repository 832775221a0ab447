// The workflows the tests import: a trigger, a Set node that makes the input
// item (the action's [Name] / [Source:Name] tokens resolve from its JSON),
// then the node under test. Built here rather than kept as JSON files so each
// case says only what differs.
import { randomUUID } from 'node:crypto';

/** The node's display name in every workflow (the key of its run data). */
export const NODE_NAME = 'Connectors Update';

let nodeIds = 0;
const nodeId = () => `00000000-0000-4000-8000-${String(++nodeIds).padStart(12, '0')}`;

/**
 * The node under test.
 * - `type`: its node type (`n8n-nodes-connectors-update.connectorsUpdate`
 *   when installed as a package, `CUSTOM.connectorsUpdate` as an extension);
 * - `api`: the node's credential `{ id, name }` (type connectorsUpdateN8nApi);
 * - `connector`: a credential id (or `{ mode, value }` for another mode);
 * - `properties`: `[[name, value], ...]` rows (a row `[name]` has no value);
 * - `propertiesJson`, `mergeMode`, `expectedRevision`, `dryRun`;
 * - `continueOnFail`: `onError: continueRegularOutput`.
 */
export function connectorsUpdateNode({
  type, api, connector, properties = [], propertiesJson = '', mergeMode = 'replace',
  expectedRevision = '', dryRun = false, continueOnFail = false, position = [440, 0],
}) {
  const locator = typeof connector === 'string' ? { mode: 'id', value: connector } : connector;
  return {
    id: nodeId(),
    name: NODE_NAME,
    type,
    typeVersion: 1,
    position,
    parameters: {
      connector: { __rl: true, ...locator },
      properties: { property: properties.map(([name, ...value]) => (value.length ? { name, value: value[0] } : { name })) },
      propertiesJson,
      mergeMode,
      expectedRevision,
      dryRun,
    },
    credentials: { connectorsUpdateN8nApi: { id: api.id, name: api.name } },
    ...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
  };
}

/** A Set node ("Input") whose one output item is `fields` (strings only). */
function inputNode(fields) {
  return {
    id: nodeId(),
    name: 'Input',
    type: 'n8n-nodes-base.set',
    typeVersion: 3.4,
    position: [220, 0],
    parameters: {
      mode: 'raw',
      jsonOutput: JSON.stringify(fields),
      options: {},
    },
  };
}

function chain(nodes) {
  const connections = {};
  for (let i = 0; i + 1 < nodes.length; i++) {
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  }
  return connections;
}

/**
 * A workflow run by `n8n execute`: Manual Trigger → Input (`input`) → the
 * node (`node`: the options of `connectorsUpdateNode`).
 */
export function manualWorkflow({ id, name = id, input = {}, node }) {
  const nodes = [
    { id: nodeId(), name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    inputNode(input),
    connectorsUpdateNode(node),
  ];
  return { id, name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

/**
 * A workflow started by a POST to `/webhook/<path>` of the running server,
 * answering with the node's output item (`responseMode: lastNode`).
 */
export function webhookWorkflow({ name, path, input = {}, node }) {
  const nodes = [
    {
      id: nodeId(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(),
      parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
    },
    inputNode(input),
    connectorsUpdateNode(node),
  ];
  return { name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

/** A workflow of n8n's own nodes only, to check the harness: Manual Trigger → Input. */
export function harnessWorkflow({ id, input }) {
  const nodes = [
    { id: nodeId(), name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
    inputNode(input),
  ];
  return { id, name: id, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}

/** The same with a Webhook trigger at `path` answering with the Input item. */
export function harnessWebhookWorkflow({ name, path, input }) {
  const nodes = [
    {
      id: nodeId(), name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(),
      parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'firstEntryJson', options: {} },
    },
    inputNode(input),
  ];
  return { name, nodes, connections: chain(nodes), settings: { executionOrder: 'v1' } };
}
