// n8n's HTTP APIs as the tests use them: the internal /rest API for the
// first owner and an API key (what a person does once in the UI), then the
// public /api/v1 API with that key.

/** The scopes the tests' API key gets (the node's credential uses the same key). */
export const API_KEY_SCOPES = [
  'credential:create', 'credential:read', 'credential:update', 'credential:list', 'credential:delete',
  'workflow:create', 'workflow:read', 'workflow:list', 'workflow:update', 'workflow:delete',
  'workflow:activate', 'workflow:deactivate',
  'execution:list', 'execution:read',
];

/** The owner the tests create (n8n wants 8+ characters, a digit and a capital). */
export const OWNER = { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'E2e-Owner-Passw0rd' };

/**
 * One HTTP request. Resolves `{ status, body, headers }`, `body` parsed as
 * JSON when it is JSON; never rejects on an HTTP error status.
 */
export async function request(url, { method = 'GET', headers = {}, body } = {}) {
  const res = await fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * Creates the instance owner (`POST /rest/owner/setup`, allowed once, with
 * no authentication) and resolves the session cookie it answers with.
 */
export async function setupOwner(baseUrl, owner = OWNER) {
  const res = await request(`${baseUrl}/rest/owner/setup`, { method: 'POST', body: owner });
  if (res.status !== 200) throw new Error(`owner setup: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
  if (!cookie) throw new Error('owner setup: no n8n-auth cookie');
  return cookie;
}

/**
 * Creates a public-API key for the logged-in user (`POST /rest/api-keys`,
 * no expiry) and resolves the raw key, which n8n shows only this once.
 */
export async function createApiKey(baseUrl, cookie, scopes = API_KEY_SCOPES) {
  const res = await request(`${baseUrl}/rest/api-keys`, {
    method: 'POST', headers: { cookie }, body: { label: 'e2e', scopes, expiresAt: null },
  });
  if (res.status !== 200 || !res.body?.data?.rawApiKey) throw new Error(`api key: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.rawApiKey;
}

/**
 * Waits (up to `timeoutMs`) until a POST webhook is registered at
 * `/webhook/<path>`, asking with a CORS preflight, which runs nothing.
 */
export async function waitForWebhook(baseUrl, path, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${baseUrl}/webhook/${path}`, {
      method: 'OPTIONS', headers: { origin: 'http://127.0.0.1', 'access-control-request-method': 'POST' },
    });
    await res.arrayBuffer();
    if (res.status === 204) return;
    if (Date.now() > deadline) throw new Error(`webhook ${path} not registered after ${timeoutMs} ms (HTTP ${res.status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The public API (`/api/v1`) with an API key. */
export class PublicApi {
  /** @param {string} apiUrl e.g. http://127.0.0.1:5678/api/v1 @param {string} key */
  constructor(apiUrl, key) {
    this.apiUrl = apiUrl;
    this.key = key;
  }

  /** Any request; resolves `{ status, body }`. */
  call(method, path, body) {
    return request(`${this.apiUrl}${path}`, { method, body, headers: { 'X-N8N-API-KEY': this.key } });
  }

  /** Like `call`, but rejects unless the status is 2xx; resolves the body. */
  async ok(method, path, body) {
    const res = await this.call(method, path, body);
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** `POST /credentials` with a fixed id (1–16 characters). Resolves n8n's answer (no data). */
  createCredential({ id, name, type, data }) {
    return this.ok('POST', '/credentials', { id, name, type, data });
  }

  /** `GET /credentials/:id`: id, name, type, updatedAt (never data). */
  credential(id) {
    return this.ok('GET', `/credentials/${encodeURIComponent(id)}`);
  }

  /** The node's revision of a credential: its `updatedAt` in ms since the epoch. */
  async revision(id) {
    return Date.parse((await this.credential(id)).updatedAt);
  }

  /** `POST /workflows`; resolves the stored workflow (with n8n's id). */
  createWorkflow(workflow) {
    const { name, nodes, connections, settings = {} } = workflow;
    return this.ok('POST', '/workflows', { name, nodes, connections, settings });
  }

  /**
   * `POST /workflows/:id/publish` (n8n 1's "activate"), then waits until the
   * server has registered the webhook at `webhookPath`: n8n 2.41 registers
   * it asynchronously, after the call returns.
   */
  async publishWorkflow(id, webhookPath, baseUrl = this.apiUrl.replace(/\/api\/v1$/, '')) {
    const published = await this.ok('POST', `/workflows/${encodeURIComponent(id)}/publish`, {});
    if (webhookPath) await waitForWebhook(baseUrl, webhookPath);
    return published;
  }

  /** Every execution (all pages), with its data when `includeData`, optionally of one workflow. */
  async executions({ workflowId, includeData = false } = {}) {
    const all = [];
    let cursor;
    do {
      const qs = new URLSearchParams({ limit: '250', includeData: String(includeData) });
      if (workflowId) qs.set('workflowId', workflowId);
      if (cursor) qs.set('cursor', cursor);
      const page = await this.ok('GET', `/executions?${qs}`);
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return all;
  }
}
