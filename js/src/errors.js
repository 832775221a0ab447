// The package's two error classes: `ConnectorsUpdateError`, which every
// call of the action throws, and `StoreError`, which a credential store (or
// a token source) throws to refuse or fail a call. Neither ever holds a
// property value: the action's messages name fields and properties, and a
// store's messages are the store's to keep clean.

/**
 * Why a call of the action failed. `code` is the same stable kebab-case code
 * as the CLI's `error[CODE]` and the Rust harness's `ErrorCode`;
 * `details` holds the error's typed fields (for `conflict`:
 * `{ connector, expected, actual }`), revisions as numbers.
 */
export class ConnectorsUpdateError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {object} [details]
   */
  constructor(code, message, details = {}) {
    super(message);
    this.name = 'ConnectorsUpdateError';
    this.code = code;
    this.details = details;
  }

  /** Whether running the same step again may succeed, as the Rust harness says. */
  get retryable() {
    return RETRYABLE.has(this.code);
  }

  /** The error as JSON: `{ code, message, ...details }`, as the CLI prints it. */
  toJSON() {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** The codes whose cause may pass: the same as `ErrorCode::is_retryable`. */
const RETRYABLE = new Set(['conflict', 'store-unavailable', 'timed-out', 'cancelled']);

/** The cases of the store contract's error, as `store-error` names them in the WIT. */
const STORE_ERROR_KINDS = new Set([
  'not-found', 'permission-denied', 'conflict', 'unavailable', 'invalid', 'tampered', 'key', 'read-only', 'schema',
]);

/**
 * A store's refusal or failure, with the fields of the WIT's `store-error`
 * case it stands for. Build one with the static methods; a store throws it
 * from `get`, `findByName`, `rules`, `kinds` or `write`, and a token source
 * from `resolve`. Anything else a store throws ends the call with
 * `host-failed`, as a panic in a Rust store does.
 */
export class StoreError extends Error {
  /**
   * @param {string} kind one of the `store-error` cases, such as `conflict`
   * @param {string} message what failed, naming no value
   * @param {object} [details] the case's fields
   */
  constructor(kind, message, details = {}) {
    if (!STORE_ERROR_KINDS.has(kind)) {
      throw new TypeError(`StoreError: '${kind}' is no store-error case; use one of ${[...STORE_ERROR_KINDS].join(', ')}`);
    }
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
    this.details = details;
  }

  /** No connector has that id (or it was removed meanwhile). */
  static notFound() {
    return new StoreError('not-found', 'no connector has that id');
  }

  /** The caller may not do this; `reason` says what was refused, naming no value. */
  static permissionDenied(reason, property) {
    return new StoreError('permission-denied', reason, property === undefined ? { reason } : { reason, property });
  }

  /** The connector's revision is no longer the expected one; `actual` is the current one. */
  static conflict(actual) {
    return new StoreError('conflict', `the connector is at revision ${actual}`, { actual: Number(actual) });
  }

  /** The store cannot answer now; `why` names no value. */
  static unavailable(why) {
    return new StoreError('unavailable', why);
  }

  /** The write would break the kind's rules where only the store sees the value. */
  static invalid(violations) {
    return new StoreError('invalid', violations.map((v) => v.message).join(' '), { violations });
  }

  /** A stored value failed its integrity check. */
  static tampered(connector, property) {
    return new StoreError('tampered', `the value of property '${property}' failed its integrity check`, { connector, property });
  }

  /** The store's key is missing, wrong or malformed; `why` names no key. */
  static key(why) {
    return new StoreError('key', why);
  }

  /** The store can be read but not written here. */
  static readOnly(location, why) {
    return new StoreError('read-only', why, { location, why });
  }

  /** The store was written by a newer version. */
  static schema(location, found, supported) {
    return new StoreError('schema', `the store's schema version is ${found}; this host understands up to ${supported}`, {
      location, found, supported,
    });
  }
}
