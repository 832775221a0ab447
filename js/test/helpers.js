// Shared by the package's tests: one loaded action, the seed's store, and
// the canary that no output may hold.
import { loadAction, MemoryStore } from '../src/index.js';

export const CANARY = 'canary-3d5e1f-never-print-me';

export const action = await loadAction();

/** The seed's two connectors, each holding the canary as a secret. */
export function seedStore(a = action) {
  const store = new MemoryStore(a);
  store.add({
    id: 'twitterConnectorId', name: 'Twitter API', properties: [
      { name: 'APIKey', value: CANARY, secret: true },
      { name: 'Endpoint', value: 'https://api.twitter.com/2' },
      { name: 'Timeout', value: '10s' },
    ],
  });
  store.add({
    id: 'oauthConnectorId', name: 'OAuth Connection', kind: 'oauth2', properties: [
      { name: 'ClientId', value: 'clientId0' },
      { name: 'ClientSecret', value: CANARY },
      { name: 'RetryAttempts', value: '3' },
    ],
  });
  return store;
}

/** Throws when `value` (anything: an outcome, an error, a list) holds the canary anywhere. */
export function assertClean(what, value) {
  const text = value instanceof Error
    ? `${value.message} ${value.stack} ${JSON.stringify(value)} ${JSON.stringify(value.details)}`
    : JSON.stringify(value);
  if (text.includes(CANARY)) throw new Error(`${what} holds the canary secret`);
}

/** The step JSON text of a `Parameters` object. */
export const stepText = (parameters) => JSON.stringify({ ActionType: 'Connectors.Update', Parameters: parameters });
