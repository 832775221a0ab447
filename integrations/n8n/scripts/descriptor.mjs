// The part of the action's `describe()` the node is built from (action
// type, title, summary, parameters, outputs), read from the bundled `connectors-update`
// package. n8n reads a node's parameters synchronously when it loads the
// node, before any WebAssembly can be compiled, so they are kept in
// nodes/ConnectorsUpdate/descriptor.json, written here and compared with a
// fresh `describe()` by the tests.
import { loadAction } from 'connectors-update';

/** The descriptor fields the node uses, from a freshly loaded action. */
export async function nodeDescriptor() {
  const { actionType, version, title, summary, parameters, outputs } = (await loadAction()).describe();
  return { actionType, version, title, summary, parameters, outputs };
}

/** The descriptor file's text: stable JSON with a final newline. */
export async function descriptorText() {
  return `${JSON.stringify(await nodeDescriptor(), null, 2)}\n`;
}
