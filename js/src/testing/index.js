// `connectors-update/testing`: the test kit for engines that bring their
// own store. See index.d.ts.
export { assertConformance, checkConformance } from './conformance.js';
export { CLAUSE_NAMES, assertStore, checkStore } from './store-contract.js';
export { memoryStoreFor } from './fixtures.js';
