// A failed call of n8n's API as the action's typed error. Built from the
// status, the node's own words and n8n's message only, never from the HTTP
// library's error (it holds the request, and so the values sent); and
// n8n's message is shown only when it repeats none of the values sent.
import type { Package } from './action';
import { ApiFailure } from './n8n-api';

/** How a call is worded in errors. */
export interface CallSite {
	pkg: Package;
	/** The instance's base URL, for "could not be reached" messages. */
	instance: string;
	/** The values the call sends: n8n's message is hidden when it repeats one. */
	sent?: unknown[];
	/** A write: without an answer, it may have been applied. */
	writes?: boolean;
}

/** The longest part of n8n's message shown. */
const SHOWN = 300;

/** The ways a value may be spelled in n8n's message: as it is, and as JSON text. */
function spellings(value: unknown): string[] {
	const plain = typeof value === 'string' ? value : JSON.stringify(value);
	return plain ? [plain, JSON.stringify(plain).slice(1, -1)] : [];
}

/** n8n's message as shown: whole (up to a length), or a note that it is not shown. */
function n8nSaid(failure: ApiFailure, sent: unknown[]): string {
	if (!failure.n8nMessage) return '';
	const repeats = sent.some((value) => spellings(value).some((s) => s !== '' && failure.n8nMessage.includes(s)));
	if (repeats) return ": (n8n's message repeated a value sent, so it is not shown)";
	const message = failure.n8nMessage;
	return `: ${message.length > SHOWN ? `${message.slice(0, SHOWN)}…` : message}`;
}

/** An error code from Node's network stack (ECONNREFUSED, ENOTFOUND, …): codes hold no value. */
function networkCode(error: unknown): string {
	const code = (error as { code?: unknown } | null)?.code;
	return typeof code === 'string' && /^[A-Z][A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
}

/** Calls the API; a failure becomes the action's typed error. */
export async function call<T>(site: CallSite, request: () => Promise<T>): Promise<T> {
	let failure: unknown;
	try {
		return await request();
	} catch (error) {
		failure = error;
	}
	throw typedError(site, failure);
}

/** The action's typed error for a failed call. */
export function typedError(site: CallSite, failure: unknown): Error {
	const { ConnectorsUpdateError } = site.pkg;
	const unconfirmed = `n8n did not confirm the update; it may have been applied: check the credential's updatedAt before running the step again`;
	if (!(failure instanceof ApiFailure)) {
		const what = `n8n's API at ${site.instance} could not be reached${networkCode(failure)}`;
		return new ConnectorsUpdateError('store-unavailable', site.writes ? `${what}. ${unconfirmed}.` : `${what}; nothing was written.`);
	}
	if (failure.notApi) {
		return new ConnectorsUpdateError(
			'store-unavailable',
			`${site.instance} did not answer as n8n's API to ${failure.operation}: check that the credential's Base URL ends in /api/v1. Nothing was written.`,
		);
	}
	const said = `${failure.message}${n8nSaid(failure, site.sent ?? [])}`;
	switch (failure.status) {
		case 400:
			if (/managed credential/i.test(failure.n8nMessage)) {
				return new ConnectorsUpdateError('permission-denied', `${said}. Nothing was written.`, { reason: said });
			}
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
				`${said}. The API key needs the scopes credential:list, credential:read and credential:update, and access to the credential's project.`,
				{ reason: said },
			);
		case 404:
			return new ConnectorsUpdateError(
				'connector-not-found',
				`${said}. Nothing was written; if no credential is found at all, check that the Base URL ends in /api/v1.`,
				{},
			);
		default:
			return new ConnectorsUpdateError(
				'store-unavailable',
				site.writes && failure.status >= 500 ? `${said}. ${unconfirmed}.` : `${said}. Nothing was written.`,
			);
	}
}
