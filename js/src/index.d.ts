// The `connectors-update` package's API. The WIT types (kinds, rules,
// violations, diagnostics, the descriptor) are jco's, from gen/.
import type {
  KindRules, PropertyRule, Violation, WriteMode,
} from '../gen/interfaces/workflow-connectors-types.js';
import type {
  Descriptor as WitDescriptor, Diagnostic, MergeMode, PropertyRow,
} from '../gen/interfaces/workflow-connectors-action.js';

export type { KindRules, PropertyRule, Violation, WriteMode, Diagnostic, MergeMode, PropertyRow };

/** Who runs a call: a store decides what the caller may do. */
export interface Caller {
  /** The principal, as grants name it; none for an anonymous caller. */
  principal?: string;
  /** Permissions the caller holds, such as `update:connections_options`. */
  permissions?: readonly string[];
}

/** A step as `parseStep` reads it; `expectedRevision` is a number. */
export interface Step {
  entryId: string;
  properties: PropertyRow[];
  propertiesJson: string;
  expectedRevision?: number;
  dryRun: boolean;
  mergeMode: MergeMode;
}

/** What an executed step did (or, in a dry run, would do): names only, never values. */
export interface Outcome {
  id: string;
  name: string;
  revisionBefore: number;
  revisionAfter: number;
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: boolean;
  dryRun: boolean;
}

/** The action's descriptor; each limit's `max` is a number. */
export type Descriptor = Omit<WitDescriptor, 'limits'> & {
  limits: { key: string; what: string; max: number }[];
};

/** One stored property as a store hands it out: a secret has no value. */
export type StoredProperty = { name: string; value: string; secret?: false } | { name: string; secret: true };

/** A connector as a store hands it to the action, secret values withheld. */
export interface Connector {
  id: string;
  name: string;
  kind?: string;
  /** Starts at 1; increased by one with every committed write that changes something. */
  revision: number;
  properties: StoredProperty[];
}

/** What `findByName` reports of each connector. */
export interface ConnectorSummary {
  id: string;
  name: string;
  kind?: string;
  revision: number;
}

/** One change of a write: set a value, merge a JSON object patch into it (RFC 7396), or remove it. */
export type Change =
  | { name: string; op: 'set'; value: string; secret: boolean }
  | { name: string; op: 'merge'; value: string; secret: boolean }
  | { name: string; op: 'remove' };

/** What a write did: the revision after it and the names whose stored value changed. */
export interface WriteReceipt {
  revision: number;
  changed: string[];
}

/**
 * The engine's credential store: the same contract as the Rust harness's
 * `CredentialStore` trait. Every method answers synchronously, and refuses
 * by throwing a `StoreError`.
 */
export interface CredentialStore {
  /** The connector whose id is exactly `id`, secret values withheld; `StoreError.notFound()` when there is none. */
  get(caller: Caller, id: string): Connector;
  /** Every connector named exactly `name` (case-sensitive) that `caller` may use. */
  findByName(caller: Caller, name: string): ConnectorSummary[];
  /** The rules of a kind, or undefined when the store declares none for it. */
  rules(caller: Caller, kind: string): KindRules | undefined;
  /** Every kind the store declares rules for. */
  kinds(caller: Caller): KindRules[];
  /**
   * Applies `changes` if and only if the revision is still
   * `expectedRevision` (else `StoreError.conflict(current)`), all or none.
   * A kind's write permissions are checked on every name the changes name,
   * before any value is compared (`StoreError.permissionDenied` naming the
   * property), so that a right guess of a guarded value and a wrong one are
   * refused alike. Reports the names whose stored value changed, where a
   * `set` or `merge` of a secret always counts as a change, whatever it
   * holds (no answer tells a right guess of a secret from a wrong one); a
   * write that changes nothing keeps the revision; `'preview'` writes
   * nothing and reports the same. A `merge` is done here, with
   * `action.support.mergeValue`, and its result checked with
   * `action.support.checkValue`; every value set or merged is held to the
   * per-value limit, 65,536 bytes (`StoreError.invalid`, rule `max-bytes`).
   * A secret stays secret: a `set` marked not secret never makes it plain.
   */
  write(caller: Caller, id: string, expectedRevision: number, changes: Change[], mode: WriteMode): WriteReceipt;
}

/** The workflow's token values. */
export interface TokenSource {
  /** The value of `[source:name]` (`source` undefined for `[name]`), or undefined when there is none. */
  resolve(source: string | undefined, name: string): string | undefined;
}

/** Options of `loadAction`. */
export interface LoadOptions {
  /** The `gen/` folder's URL, or its core modules compiled, by file name. */
  modules?: URL | Record<string, WebAssembly.Module>;
  /** `reuse` (default): one instance for every call; `fresh`: a new one for each call (its main core module instantiated anew, about 1 ms each). */
  instances?: 'reuse' | 'fresh';
  /** Told of anything a store or token source throws that is not a `StoreError`; the package prints nothing. */
  onHostError?: (error: unknown, call: string) => void;
}

/** The action's own code that a store in JavaScript uses, on an instance that can reach nothing. */
export interface StoreSupport {
  /** The built-in kinds, the same as the Rust harness's stores declare. */
  builtinKinds(): KindRules[];
  /** RFC 7396 of `patch` into the object `stored` holds; undefined when nothing changes; a `TypeError` for a patch that is no object. */
  mergeValue(stored: string | undefined, patch: string): string | undefined;
  /** How `value` breaks `rule`'s format, length and JSON rules. */
  checkValue(rule: PropertyRule, value: string, secret: boolean): Violation[];
  /** How a new connector with these `set` changes breaks its kind's rules. */
  checkNewConnector(rules: KindRules, properties: { name: string; op: { tag: 'set'; val: { value: string; secret: boolean } } }[]): Violation[];
  /** Each of `kinds`, in order, with only its rules for `names` (matched exactly); kinds with none left out. */
  kindsNaming(kinds: KindRules[], names: string[]): KindRules[];
}

/** Where a call gets its store, tokens and caller. */
export interface CallOptions {
  store?: CredentialStore;
  tokens?: TokenSource;
  caller?: Caller;
}

/** The loaded action. Every method throws a `ConnectorsUpdateError` on failure. */
export class Action {
  private constructor();
  readonly support: StoreSupport;
  /** The descriptor, with the kinds `store` declares (the built-in kinds without one). */
  describe(options?: CallOptions): Descriptor;
  /** Reads a step file's text. */
  parseStep(json: string): Step;
  /** Diagnostics for a step or a step file's text; the store is asked only for rules. */
  validate(step: Step | string, options?: CallOptions): Diagnostic[];
  /** Runs a step (or a step file's text) against `store`. */
  execute(step: Step | string, options: CallOptions & { store: CredentialStore }): Outcome;
}

/**
 * A kind as the Rust harness and the CLI print it (`connector kinds`:
 * snake_case, `max_properties`) in the package's shape; a `TypeError` for
 * rules of the wrong shape.
 */
export function kindRulesFromJson(json: unknown): KindRules;

/** Compiles the component (tens of milliseconds) and returns the action. */
export function loadAction(options?: LoadOptions): Promise<Action>;

/** Every failure of a call: the CLI's kebab-case `code`, the message, the typed details. */
export class ConnectorsUpdateError extends Error {
  constructor(code: string, message: string, details?: Record<string, unknown>);
  readonly code: string;
  readonly details: Record<string, unknown>;
  /** Whether running the same step again may succeed. */
  readonly retryable: boolean;
  toJSON(): { code: string; message: string } & Record<string, unknown>;
}

/** A store's refusal, one of the WIT's `store-error` cases. */
export class StoreError extends Error {
  constructor(kind: string, message: string, details?: Record<string, unknown>);
  readonly kind: 'not-found' | 'permission-denied' | 'conflict' | 'unavailable' | 'invalid' | 'tampered' | 'key' | 'read-only' | 'schema';
  readonly details: Record<string, unknown>;
  static notFound(): StoreError;
  static permissionDenied(reason: string, property?: string): StoreError;
  static conflict(actual: number): StoreError;
  static unavailable(why: string): StoreError;
  static invalid(violations: Violation[]): StoreError;
  static tampered(connector: string, property: string): StoreError;
  static key(why: string): StoreError;
  static readOnly(location: string, why: string): StoreError;
  static schema(location: string, found: number, supported: number): StoreError;
}

/** What a connector is added with. */
export interface NewConnector {
  id?: string;
  name: string;
  kind?: string;
  properties?: { name: string; value: string; secret?: boolean }[];
}

/** An in-memory store with the Rust `MemoryStore`'s behaviour, declaring the built-in kinds. */
export class MemoryStore implements CredentialStore {
  constructor(action: Action, options?: { kinds?: KindRules[] });
  setRules(rules: KindRules): void;
  /**
   * Adds a connector at revision 1. Refused (a `TypeError` naming no value)
   * for an empty name, an id already taken, an id that is another
   * connector's name or a name that is another's id, an unknown kind, a
   * property name holding an invisible character, a value over 65,536 bytes,
   * or properties that break the kind's rules.
   */
  add(connector: NewConnector): { id: string; name: string; kind?: string; revision: number; properties: { name: string; value: string; secret: boolean }[] };
  grant(id: string, principal: string): string[];
  revoke(id: string, principal: string): string[];
  grants(id: string): string[];
  /** The connector as stored, values included: for administration and tests. */
  record(id: string): ReturnType<MemoryStore['add']> | undefined;
  get(caller: Caller, id: string): Connector;
  findByName(caller: Caller, name: string): ConnectorSummary[];
  rules(caller: Caller, kind: string): KindRules | undefined;
  kinds(caller?: Caller): KindRules[];
  write(caller: Caller, id: string, expectedRevision: number, changes: Change[], mode: WriteMode): WriteReceipt;
}

/** Tokens from a map: `"Source:Name"` for `[Source:Name]`, `"Name"` for `[Name]`. */
export class MapTokens implements TokenSource {
  constructor(values?: Record<string, string> | Map<string, string>);
  resolve(source: string | undefined, name: string): string | undefined;
}
