// The `connectors-update` package: the Connectors.Update action's component
// for JavaScript engines. See index.d.ts for the documented API.
export { loadAction, Action } from './action.js';
export { ConnectorsUpdateError, StoreError } from './errors.js';
export { MemoryStore } from './memory-store.js';
export { MapTokens } from './tokens.js';
export { kindRulesFromJson } from './convert.js';
