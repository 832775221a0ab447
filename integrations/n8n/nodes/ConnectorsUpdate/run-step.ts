// One step on n8n's credentials. The action's store contract answers
// synchronously and n8n's API does not, so the step runs in passes: each
// runs the action on a snapshot store (snapshot-store.ts), and whatever the
// store lacked is fetched before the next. The last pass decides the write
// without sending it; it is sent afterwards as a partial PATCH, only if the
// credential's `updatedAt` is still the one the step read, checked by a
// read just before. Everything from the first read to the PATCH holds the
// instance's lock (lock.ts).
import type { Action, Outcome, Package, TokenSource } from './action';
import { call, type CallSite } from './api-errors';
import type { CredentialKind } from './credential-kind';
import { withLock } from './lock';
import type { CredentialEntry, N8nApi } from './n8n-api';
import { revisionOf, Snapshot, SnapshotStore, type Miss, type PendingWrite } from './snapshot-store';

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

/**
 * The most passes one attempt takes. A step needs at most four (the
 * connector, the list for its name, its kind, then the write); the rest is
 * headroom for an action that asks in another order.
 */
const MAX_PASSES = 6;

/**
 * The most attempts of a step without an Expected Revision: when the
 * credential changed between the step's read and its PATCH, the step is run
 * again on what n8n holds now (its values are absolute, so this is safe), as
 * the action does with any store. With an Expected Revision it is not.
 */
const MAX_ATTEMPTS = 3;

/** The lock's key for an instance: its base URL as typed, in lower case, without trailing slashes. */
function instanceKey(instance: string): string {
	return instance.trim().replace(/\/+$/, '').toLowerCase();
}

/** Runs one step (a step file's text) and sends its write. */
export async function runStep(context: StepContext, step: string): Promise<Outcome> {
	const retries = context.action.parseStep(step).expectedRevision === undefined;
	return withLock(instanceKey(context.instance), async () => {
		for (let attempt = 1; ; attempt++) {
			const result = await attemptStep(context, step);
			if (!('moved' in result)) return result.outcome;
			if (!retries || attempt === MAX_ATTEMPTS) throw conflict(context, result.moved);
		}
	});
}

/** A pending write whose credential moved before it was sent: what was read, and what n8n holds now. */
interface Moved {
	read: CredentialEntry;
	now: CredentialEntry;
}

/** One attempt: the passes on a fresh snapshot, then the write, unless the credential moved meanwhile. */
async function attemptStep(context: StepContext, step: string): Promise<{ outcome: Outcome } | { moved: Moved }> {
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
		return store.pending ? await send(context, store.pending, result.outcome) : { outcome: result.outcome };
	}
	throw new context.pkg.ConnectorsUpdateError(
		'store-unavailable',
		`n8n's credentials could not be read in ${MAX_PASSES} passes; nothing was written`,
	);
}

/** The conflict a step reports when the credential moved under it. */
function conflict(context: StepContext, { read, now }: Moved): Error {
	const actual = revisionOf(now);
	return new context.pkg.ConnectorsUpdateError(
		'conflict',
		`Credential '${read.id}' changed while the step ran (it is now at revision ${actual}). Nothing was written; rerun the step.`,
		{ connector: read.id, expected: revisionOf(read), actual },
	);
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
	const site: CallSite = { pkg: context.pkg, instance: context.instance };
	for (const miss of misses) {
		if (miss.what === 'credential') {
			snapshot.addCredential(miss.id, await call(site, () => context.api.credential(miss.id)));
		} else if (miss.what === 'list') {
			snapshot.setList(await call(site, () => context.api.credentials()));
		} else {
			snapshot.addKind(miss.type, await call(site, () => context.api.schema(miss.type)));
		}
	}
}

/**
 * Sends the write if the credential still has the `updatedAt` the step
 * read (the same string on every route), checked by a read just before;
 * else answers that it moved, and sends nothing. The outcome's revision
 * after is n8n's `updatedAt` after the PATCH.
 */
async function send(
	context: StepContext,
	pending: PendingWrite,
	outcome: Outcome,
): Promise<{ outcome: Outcome } | { moved: Moved }> {
	const { pkg, api, instance } = context;
	const id = pending.entry.id;
	const current = await call({ pkg, instance }, () => api.credential(id));
	if (!current) {
		throw new pkg.ConnectorsUpdateError(
			'connector-not-found',
			`Credential '${id}' was deleted while the step ran. Nothing was written.`,
			{ reference: id },
		);
	}
	if (current.updatedAt !== pending.entry.updatedAt) return { moved: { read: pending.entry, now: current } };
	const sent = Object.values(pending.data);
	const written = await call({ pkg, instance, sent, writes: true }, () => api.patch(id, pending.data));
	return { outcome: { ...outcome, revisionAfter: revisionOf(written) } };
}
