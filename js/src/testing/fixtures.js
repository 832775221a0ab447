// Building the package's own store from a kit's fixture.
import { MemoryStore } from '../memory-store.js';

/** A `makeStore` for the kit: a fresh `MemoryStore` holding the fixture. */
export function memoryStoreFor(action) {
  return (fixture) => {
    const store = new MemoryStore(action);
    for (const kind of fixture.kinds ?? []) store.setRules(kind);
    for (const c of fixture.connectors) store.add(c);
    for (const g of fixture.grants ?? []) store.grant(g.connector, g.principal);
    return store;
  };
}
