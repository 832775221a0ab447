// One step on n8n's credentials. The action's store contract answers
// synchronously and n8n's API does not, so the step runs in passes: each
// runs the action on a snapshot store (snapshot-store.ts), and whatever the
// store lacked is fetched before the next. The last pass decides the write
// without sending it; it is sent afterwards as a partial PATCH, only if the
// credential's `updatedAt` is still the one the step read, checked by a
// read just before. Everything from the first read to the PATCH holds the
// instance's lock (lock.ts).
import type { Action, Outcome, Package, TokenSource } from './action';
import { withLock } from './lock';
import { ApiFailure, type N8nApi } from './n8n-api';
import { revisionOf, Snapshot, SnapshotStore, type Miss, type PendingWrite } from './snapshot-store';
import type { CredentialKind } from './credential-kind';

/** What a step runs with. */
export interface StepContext {
	pkg: Package;
	action: Action;
	api: N8nApi;
	tokens: TokenSource;
	/** The n8n instance's base URL: the lock's key. */
	instance: string;
	/** Credential types read by earlier items of the same execution. */
	kinds: Map<string, CredentialKind | null>;
}

/** The most passes a step takes: the connector, then its name's list, then its kind, then the write. */
const MAX_PASSES = 6;

/** Runs one step (a step file's text) and sends its write. */
export async function runStep(context: StepContext, step: string): Promise<Outcome> {
	return withLock(context.instance, async () => {
		const snapshot = new Snapshot(context.kinds);
		for (let pass = 0; pass < MAX_PASSES; pass++) {
			const store = new SnapshotStore(snapshot, context.pkg, context.action.support);
			const result = runPass(context, store, step);
			// What the store lacked is fetched and the step run again, even
			// when the action went on without it; any other failure is the step's.
			if (store.misses.length > 0) {
				await fetchMisses(context, snapshot, store.misses);
				continue;
			}
			if ('failure' in result) throw result.failure;
			return store.pending ? await send(context, store.pending, result.outcome) : result.outcome;
		}
		throw new context.pkg.ConnectorsUpdateError(
			'store-unavailable',
			`n8n's credentials could not be read in ${MAX_PASSES} passes; nothing was written`,
		);
	});
}

/** One run of the action on the snapshot store: its outcome, or what it threw. */
function runPass(context: StepContext, store: SnapshotStore, step: string): { outcome: Outcome } | { failure: unknown } {
	try {
		return { outcome: context.action.execute(step, { store, tokens: context.tokens }) };
	} catch (failure) {
		return { failure };
	}
}

/** Reads from n8n what the last pass lacked. */
async function fetchMisses(context: StepContext, snapshot: Snapshot, misses: Miss[]): Promise<void> {
	for (const miss of misses) {
		if (miss.what === 'credential') {
			snapshot.addCredential(miss.id, await call(context, () => context.api.credential(miss.id)));
		} else if (miss.what === 'list') {
			snapshot.setList(await call(context, () => context.api.credentials()));
		} else {
			snapshot.addKind(miss.type, await call(context, () => context.api.schema(miss.type)));
		}
	}
}

/**
 * Sends the write if the credential still has the `updatedAt` the step
 * read; else reports a conflict and sends nothing. The outcome's revision
 * after is n8n's `updatedAt` after the PATCH.
 */
async function send(context: StepContext, pending: PendingWrite, outcome: Outcome): Promise<Outcome> {
	const { pkg, api } = context;
	const id = pending.entry.id;
	const read = revisionOf(pending.entry);
	const current = await call(context, () => api.credential(id));
	if (!current) {
		throw new pkg.ConnectorsUpdateError(
			'connector-not-found',
			`Credential '${id}' was deleted while the step ran. Nothing was written.`,
			{ reference: id },
		);
	}
	if (current.updatedAt !== pending.entry.updatedAt) {
		const actual = revisionOf(current);
		throw new pkg.ConnectorsUpdateError(
			'conflict',
			`Credential '${id}' changed while it was being read (it is now at revision ${actual}). Nothing was written; rerun the step.`,
			{ connector: id, expected: read, actual },
		);
	}
	const written = await call(context, () => api.patch(id, pending.data), Object.values(pending.data));
	return { ...outcome, revisionAfter: revisionOf(written) };
}

/** A value as it may appear in a message. */
function spellings(value: unknown): string[] {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text ? [text, JSON.stringify(text).slice(1, -1)] : [];
}

/** `message` with every one of `values` blanked out: n8n may echo what it refuses. */
function redact(message: string, values: unknown[]): string {
	let clean = message;
	for (const value of values) {
		for (const spelling of spellings(value)) if (spelling.length > 0) clean = clean.split(spelling).join('***');
	}
	return clean;
}

/**
 * Calls the API and turns a failure into the action's typed error, built
 * from n8n's status and message only (with `sent` blanked out of it), never
 * from the HTTP library's error, which holds the request.
 */
async function call<T>(context: StepContext, request: () => Promise<T>, sent: unknown[] = []): Promise<T> {
	let failure: unknown;
	try {
		return await request();
	} catch (error) {
		failure = error;
	}
	throw typedError(context, failure, sent);
}

/** The action's typed error for a failed API call. */
function typedError(context: StepContext, failure: unknown, sent: unknown[]): Error {
	const { ConnectorsUpdateError } = context.pkg;
	if (!(failure instanceof ApiFailure)) {
		return new ConnectorsUpdateError(
			'store-unavailable',
			`n8n's API at ${context.instance} did not answer; nothing was written`,
		);
	}
	const said = redact(failure.message, sent);
	switch (failure.status) {
		case 400:
			return new ConnectorsUpdateError('validation-failed', `${said}. Nothing was written.`, { violations: [] });
		case 401:
			return new ConnectorsUpdateError(
				'permission-denied',
				`${said}. Check the API key of the node's "Connectors Update API" credential.`,
				{ reason: said },
			);
		case 403:
			return new ConnectorsUpdateError(
				'permission-denied',
				`${said}. The API key needs the scopes credential:list, credential:read and credential:update.`,
				{ reason: said },
			);
		case 404:
			return new ConnectorsUpdateError('connector-not-found', `${said}. Nothing was written.`, {});
		default:
			return new ConnectorsUpdateError('store-unavailable', `${said}. Nothing was written.`);
	}
}
