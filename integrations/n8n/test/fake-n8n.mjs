// A stand-in for n8n's credentials API, for the faults a real n8n cannot be
// made to show on cue: a write landing between the node's read and its
// PATCH, an error answer, a dropped connection. It keeps what n8n keeps
// (data, updatedAt in ms, a shallow partial merge) and records every
// request, so a test can say that no PATCH was sent.
import { readFileSync } from 'node:fs';

/**
 * n8n 2.41.1's own answers to `GET /credentials/schema/{type}` for
 * httpHeaderAuth, oAuth2Api and openAiApi (`toJsonSchema` over each type's
 * properties, hidden ones left out, as the route does), kept in schemas.json.
 */
export const SCHEMAS = JSON.parse(readFileSync(new URL('./schemas.json', import.meta.url), 'utf8'));

/** A fake n8n holding credentials; `http` is what `N8nApi` calls. */
export class FakeN8n {
  constructor() {
    this.credentials = new Map();
    this.requests = [];
    this.clock = Date.parse('2026-12-07T12:00:00.000Z');
    /** Called before each request is answered; may change state or return an answer of its own. */
    this.before = undefined;
    this.http = (request) => this.answer(request);
  }

  /** A new `updatedAt`, one millisecond after the last. */
  tick() {
    this.clock += 1;
    return new Date(this.clock).toISOString();
  }

  /** Adds a credential with its data; answers its id. */
  add(id, name, type, data, { isManaged = false } = {}) {
    this.credentials.set(id, { id, name, type, data: { ...data }, updatedAt: this.tick(), isManaged });
    return id;
  }

  /** What another writer does: a partial update outside the node. */
  touch(id, data = {}) {
    const c = this.credentials.get(id);
    Object.assign(c.data, data);
    c.updatedAt = this.tick();
  }

  /** The PATCH requests received. */
  patches() {
    return this.requests.filter((r) => r.method === 'PATCH');
  }

  async answer(request) {
    this.requests.push(structuredClone(request));
    const own = this.before?.(request);
    if (own) return own;
    const public_ = ({ id, name, type, updatedAt, isManaged }) => ({ id, name, type, isManaged, updatedAt, createdAt: updatedAt });
    let m;
    if (request.method === 'GET' && request.path === '/credentials') {
      return { status: 200, body: { data: [...this.credentials.values()].map(public_), nextCursor: null } };
    }
    if ((m = request.path.match(/^\/credentials\/schema\/(.+)$/))) {
      const schema = SCHEMAS[decodeURIComponent(m[1])];
      return schema ? { status: 200, body: schema } : { status: 404, body: { message: 'Not Found' } };
    }
    if ((m = request.path.match(/^\/credentials\/([^/]+)$/))) {
      const c = this.credentials.get(decodeURIComponent(m[1]));
      if (!c) return { status: 404, body: { message: 'Not Found' } };
      if (request.method === 'GET') return { status: 200, body: public_(c) };
      Object.assign(c.data, request.body.data);
      c.updatedAt = this.tick();
      return { status: 200, body: public_(c) };
    }
    return { status: 404, body: { message: 'Not Found' } };
  }
}
