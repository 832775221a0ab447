// n8n's public REST API for credentials, as far as the node uses it: read a
// credential's id, name, type and update time (n8n never answers its data),
// list credentials, read a type's schema, and write data with a partial
// PATCH. Every answer that is not a success becomes an `ApiFailure` that
// keeps the status and n8n's own message apart from the node's words, so
// that api-errors.ts can check n8n's message before anyone shows it.

/** What n8n says of a credential: never its data. */
export interface CredentialEntry {
	id: string;
	name: string;
	type: string;
	/** ISO 8601 in UTC with milliseconds, the same on every route: n8n's only mark of a change. */
	updatedAt: string;
	/** A credential n8n manages itself, which its API will not update. */
	isManaged?: boolean;
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

/**
 * An answer that is not a success. Its message is the node's own words
 * (the operation and the status); what n8n said is kept apart, unshown.
 */
export class ApiFailure extends Error {
	constructor(
		/** What was asked, naming no value: "update credential 'QmCZ…'". */
		readonly operation: string,
		/** The HTTP status; 200 for a success whose body is not the API's. */
		readonly status: number,
		/** n8n's `message`, whole; it may repeat what was sent. */
		readonly n8nMessage: string,
		/** The answer was not n8n's API (an HTML page: a base URL without /api/v1). */
		readonly notApi = false,
	) {
		super(`n8n answered ${status} to ${operation}`);
		this.name = 'ApiFailure';
	}
}

/** n8n's message in an error body (`{ message }`). */
function messageOf(body: unknown): string {
	const message = (body as { message?: unknown } | null)?.message;
	return typeof message === 'string' ? message : '';
}

/** A credential entry from an answer, or a failure saying the answer is not the API's. */
function entryOf(operation: string, body: unknown): CredentialEntry {
	const entry = body as Partial<CredentialEntry> | null;
	if (
		typeof entry?.id !== 'string' ||
		typeof entry.name !== 'string' ||
		typeof entry.type !== 'string' ||
		typeof entry.updatedAt !== 'string'
	) {
		throw new ApiFailure(operation, 200, '', true);
	}
	const { id, name, type, updatedAt } = entry;
	return { id, name, type, updatedAt, isManaged: entry.isManaged === true };
}

/** The most n8n lists in one page. */
const PAGE = 250;

/** What an n8n credential id can be: 1 to 16 of these characters (more, for older ids). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** n8n's credentials API over an authenticated `Http`. */
export class N8nApi {
	constructor(private readonly http: Http) {}

	/**
	 * The credential with this id, or undefined when n8n has none (or none
	 * this key may see). A reference that cannot be an id (a name with a
	 * space, `..`) is answered without a request.
	 */
	async credential(id: string): Promise<CredentialEntry | undefined> {
		if (!ID.test(id)) return undefined;
		const operation = 'read a credential by id';
		const { status, body } = await this.http({ method: 'GET', path: `/credentials/${id}` });
		if (status === 404) return undefined;
		if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
		return entryOf(operation, body);
	}

	/** Every credential the key may see, page by page, each once (pages shift when one is added meanwhile). */
	async credentials(): Promise<CredentialEntry[]> {
		const operation = 'list credentials';
		const entries = new Map<string, CredentialEntry>();
		let cursor: string | undefined;
		do {
			const qs: Record<string, string | number> = { limit: PAGE, ...(cursor ? { cursor } : {}) };
			const { status, body } = await this.http({ method: 'GET', path: '/credentials', qs });
			if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
			const page = body as { data?: unknown; nextCursor?: unknown } | null;
			if (!Array.isArray(page?.data)) throw new ApiFailure(operation, status, '', true);
			for (const item of page.data) {
				const entry = entryOf(operation, item);
				if (!entries.has(entry.id)) entries.set(entry.id, entry);
			}
			cursor = typeof page.nextCursor === 'string' && page.nextCursor ? page.nextCursor : undefined;
		} while (cursor);
		return [...entries.values()];
	}

	/** The schema of a credential type, or undefined for a type n8n does not know. */
	async schema(type: string): Promise<CredentialSchema | undefined> {
		const operation = `read the schema of credential type '${type}'`;
		const { status, body } = await this.http({
			method: 'GET',
			path: `/credentials/schema/${encodeURIComponent(type)}`,
		});
		if (status === 404) return undefined;
		if (status !== 200) throw new ApiFailure(operation, status, messageOf(body));
		if (body === null || typeof body !== 'object') throw new ApiFailure(operation, status, '', true);
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
