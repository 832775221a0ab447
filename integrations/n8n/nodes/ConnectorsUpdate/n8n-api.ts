// n8n's public REST API for credentials, as far as the node uses it: read a
// credential's id, name, type and update time (n8n never answers its data),
// list credentials, read a type's schema, and write data with a partial
// PATCH. Every answer that is not a success becomes an `ApiFailure` built
// from the status and n8n's own message only: never from a request, which
// may hold a secret.

/** What n8n says of a credential: never its data. */
export interface CredentialEntry {
	id: string;
	name: string;
	type: string;
	/** ISO 8601 with milliseconds: n8n's only mark of a change. */
	updatedAt: string;
}

/** A credential type's JSON schema, as `GET /credentials/schema/{type}` answers it. */
export interface CredentialSchema {
	properties?: Record<string, { type?: string; enum?: unknown[] }>;
	required?: string[];
	additionalProperties?: boolean;
}

/** One request to the API: a path under its base URL. */
export interface ApiRequest {
	method: 'GET' | 'PATCH';
	path: string;
	qs?: Record<string, string | number>;
	body?: object;
}

/** The status and parsed body of an answer. */
export interface ApiResponse {
	status: number;
	body: unknown;
}

/** Sends a request with the n8n API credential; rejects only when no answer came. */
export type Http = (request: ApiRequest) => Promise<ApiResponse>;

/** What an operation was, for messages: "read credential QmCZ…". */
type Operation = string;

/** An answer that is not a success: the status and n8n's message, no request data. */
export class ApiFailure extends Error {
	constructor(
		readonly operation: Operation,
		readonly status: number,
		readonly n8nMessage: string,
	) {
		super(`n8n answered ${status} to ${operation}${n8nMessage ? `: ${n8nMessage}` : ''}`);
		this.name = 'ApiFailure';
	}
}

/** n8n's message in an error body (`{ message }`), at most 500 characters. */
function messageOf(body: unknown): string {
	const message = (body as { message?: unknown } | null)?.message;
	return typeof message === 'string' ? message.slice(0, 500) : '';
}

/** A credential entry from an answer, or a failure naming what was missing. */
function entryOf(operation: Operation, body: unknown): CredentialEntry {
	const entry = body as Partial<CredentialEntry> | null;
	if (
		typeof entry?.id !== 'string' ||
		typeof entry.name !== 'string' ||
		typeof entry.type !== 'string' ||
		typeof entry.updatedAt !== 'string'
	) {
		throw new ApiFailure(operation, 200, 'the answer has no id, name, type or updatedAt');
	}
	return { id: entry.id, name: entry.name, type: entry.type, updatedAt: entry.updatedAt };
}

/** The most n8n lists in one page. */
const PAGE = 250;

/** n8n's credentials API over an authenticated `Http`. */
export class N8nApi {
	constructor(private readonly http: Http) {}

	/** The credential with this id, or undefined when n8n has none (or none this key may see). */
	async credential(id: string): Promise<CredentialEntry | undefined> {
		const operation = `read credential '${id}'`;
		const { status, body } = await this.http({ method: 'GET', path: `/credentials/${encodeURIComponent(id)}` });
		if (status === 404) return undefined;
		if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
		return entryOf(operation, body);
	}

	/** Every credential the key may see, page by page. */
	async credentials(): Promise<CredentialEntry[]> {
		const operation = 'list credentials';
		const entries: CredentialEntry[] = [];
		let cursor: string | undefined;
		do {
			const qs: Record<string, string | number> = { limit: PAGE, ...(cursor ? { cursor } : {}) };
			const { status, body } = await this.http({ method: 'GET', path: '/credentials', qs });
			if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
			const page = body as { data?: unknown[]; nextCursor?: unknown };
			for (const entry of page.data ?? []) entries.push(entryOf(operation, entry));
			cursor = typeof page.nextCursor === 'string' && page.nextCursor ? page.nextCursor : undefined;
		} while (cursor);
		return entries;
	}

	/** The schema of a credential type, or undefined for a type n8n does not know. */
	async schema(type: string): Promise<CredentialSchema | undefined> {
		const operation = `read the schema of '${type}'`;
		const { status, body } = await this.http({
			method: 'GET',
			path: `/credentials/schema/${encodeURIComponent(type)}`,
		});
		if (status === 404) return undefined;
		if (status !== 200 || body === null || typeof body !== 'object') {
			throw new ApiFailure(operation, status, messageOf(body));
		}
		return body as CredentialSchema;
	}

	/** Merges `data` into the credential's stored data (n8n's shallow partial update). */
	async patch(id: string, data: Record<string, unknown>): Promise<CredentialEntry> {
		const operation = `update credential '${id}'`;
		const { status, body } = await this.http({
			method: 'PATCH',
			path: `/credentials/${encodeURIComponent(id)}`,
			body: { data, isPartialData: true },
		});
		if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
		return entryOf(operation, body);
	}
}
