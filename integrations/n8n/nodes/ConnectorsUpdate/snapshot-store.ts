// The package's credential-store contract over what has been read of n8n.
// The contract answers synchronously and n8n's API does not, so a step runs
// in passes (run-step.ts): this store answers from the snapshot, notes what
// it lacks, and refuses until it has been fetched. Its `write` decides
// everything n8n's partial PATCH cannot (a conflict, a merge, a removal, a
// value n8n would refuse) and records the write, which is sent after the
// action returns. A refused step and a dry run record nothing.
import type {
	Caller,
	Change,
	Connector,
	ConnectorSummary,
	CredentialStore,
	KindRules,
	Package,
	StoreSupport,
	Violation,
	WriteMode,
	WriteReceipt,
} from './action';
import { credentialKind, fieldValue, fieldViolations, type CredentialKind } from './credential-kind';
import type { CredentialEntry, CredentialSchema } from './n8n-api';

/** A credential's revision: its `updatedAt`, in milliseconds since the epoch. */
export function revisionOf(entry: CredentialEntry): number {
	return Date.parse(entry.updatedAt);
}

/** What has been read of n8n; `null` records that n8n has none. */
export class Snapshot {
	/** Credentials by id. */
	readonly credentials = new Map<string, CredentialEntry | null>();
	/** Credential types by name; shared by the items of one execution. */
	readonly kinds: Map<string, CredentialKind | null>;
	/** Every credential the key may see, once listed. */
	list: CredentialEntry[] | undefined;

	constructor(kinds = new Map<string, CredentialKind | null>()) {
		this.kinds = kinds;
	}

	/** Records a credential as read. */
	addCredential(id: string, entry: CredentialEntry | undefined): void {
		this.credentials.set(id, entry ?? null);
	}

	/** Records every credential listed, each also readable by id. */
	setList(entries: CredentialEntry[]): void {
		this.list = entries;
		for (const entry of entries) if (!this.credentials.get(entry.id)) this.credentials.set(entry.id, entry);
	}

	/** Records a credential type's schema as read. */
	addKind(type: string, schema: CredentialSchema | undefined): void {
		this.kinds.set(type, schema ? credentialKind(type, schema) : null);
	}
}

/** Something the store was asked for that the snapshot lacks. */
export type Miss = { what: 'credential'; id: string } | { what: 'list' } | { what: 'kind'; type: string };

/** The write the action decided on, to be sent to n8n. */
export interface PendingWrite {
	/** The credential as the step read it: the PATCH is sent only if n8n still has this `updatedAt`. */
	entry: CredentialEntry;
	/** The fields to set, each as n8n stores its type. */
	data: Record<string, unknown>;
}

/** Why a merge into a stored field cannot be done here. */
const NO_MERGE =
	"n8n never answers a credential's data, so nothing can be merged into its stored value; send the whole value with Merge mode 'replace'";

/** Why a field cannot be removed here. */
const NO_REMOVE = "n8n's API cannot remove a field from a credential; set it to a value instead";

/** Why a managed credential cannot be written. */
const MANAGED = 'n8n manages this credential itself and its API does not let anyone update it';

/**
 * What n8n makes of a value that starts with `=`: an expression, evaluated
 * whenever the credential is used (it can read other secrets then). Refused,
 * so that no input can plant one.
 */
function expressionViolation(name: string, value: string): Violation[] {
	return value.startsWith('=')
		? [
				{
					property: name,
					rule: 'n8n-expression',
					message: `'${name}' starts with '=', which n8n would store as an expression and evaluate whenever the credential is used`,
				},
			]
		: [];
}

/** A credential store over one snapshot of n8n, for one pass of one step. */
export class SnapshotStore implements CredentialStore {
	/** What this pass lacked, to fetch before the next. */
	readonly misses: Miss[] = [];
	/** The write a committed step decided on. */
	pending: PendingWrite | undefined;

	constructor(
		private readonly snapshot: Snapshot,
		private readonly pkg: Package,
		private readonly support: StoreSupport,
	) {}

	/** Notes what is missing and refuses the call until it has been fetched. */
	private lack(miss: Miss): never {
		this.misses.push(miss);
		throw this.pkg.StoreError.unavailable('reading n8n');
	}

	/** The credential type's kind, or undefined for a type n8n does not know. */
	private kindOf(type: string): CredentialKind | undefined {
		const kind = this.snapshot.kinds.get(type);
		if (kind === undefined) this.lack({ what: 'kind', type });
		return kind ?? undefined;
	}

	/** The credential as read, every field of its type a secret. */
	get(_caller: Caller, id: string): Connector {
		const entry = this.snapshot.credentials.get(id);
		if (entry === undefined) this.lack({ what: 'credential', id });
		if (entry === null) throw this.pkg.StoreError.notFound();
		const kind = this.kindOf(entry.type);
		return {
			id: entry.id,
			name: entry.name,
			kind: entry.type,
			revision: revisionOf(entry),
			properties: [...(kind?.fields.keys() ?? [])].map((name) => ({ name, secret: true as const })),
		};
	}

	/** The credentials named exactly `name`. */
	findByName(_caller: Caller, name: string): ConnectorSummary[] {
		const list = this.snapshot.list ?? this.lack({ what: 'list' });
		return list
			.filter((entry) => entry.name === name)
			.map((entry) => ({ id: entry.id, name: entry.name, kind: entry.type, revision: revisionOf(entry) }));
	}

	/** The rules of a credential type, from its schema. */
	rules(_caller: Caller, kind: string): KindRules | undefined {
		return this.kindOf(kind)?.rules;
	}

	/** The credential types read so far. */
	kinds(): KindRules[] {
		return [...this.snapshot.kinds.values()].flatMap((kind) => (kind ? [kind.rules] : []));
	}

	/**
	 * Checks the write against the snapshot and what n8n checks, and records
	 * it when `mode` is commit. Every field is secret, so each one set counts
	 * as changed. The revision returned is a placeholder: the step's outcome
	 * takes n8n's `updatedAt` after the PATCH.
	 */
	write(_caller: Caller, id: string, expectedRevision: number, changes: Change[], mode: WriteMode): WriteReceipt {
		const entry = this.snapshot.credentials.get(id);
		if (!entry) throw this.pkg.StoreError.notFound();
		const revision = revisionOf(entry);
		if (expectedRevision !== revision) throw this.pkg.StoreError.conflict(revision);
		if (entry.isManaged) throw this.pkg.StoreError.permissionDenied(MANAGED);
		const kind = this.snapshot.kinds.get(entry.type);
		if (!kind) {
			throw this.pkg.StoreError.unavailable(
				`n8n has no schema for credential type '${entry.type}' (is the package that declares it installed?), so no value can be checked`,
			);
		}
		const data: Record<string, unknown> = {};
		const violations: Violation[] = [];
		for (const change of changes) {
			if (change.op === 'merge') throw this.pkg.StoreError.permissionDenied(NO_MERGE, change.name);
			if (change.op === 'remove') throw this.pkg.StoreError.permissionDenied(NO_REMOVE, change.name);
			const rule = kind.rules.properties.find((property) => property.name === change.name);
			const found = [...expressionViolation(change.name, change.value), ...fieldViolations(kind, change.name, change.value)];
			const broken = found.length === 0 && rule ? this.support.checkValue(rule, change.value, true) : found;
			violations.push(...broken);
			if (broken.length === 0) data[change.name] = fieldValue(kind, change.name, change.value);
		}
		if (violations.length > 0) throw this.pkg.StoreError.invalid(violations);
		if (mode === 'commit') this.pending = { entry, data };
		return { revision: revision + 1, changed: changes.map((change) => change.name) };
	}
}
