// The component's `store-support` export, for stores written in JavaScript:
// the built-in kinds, the merge and the rule checks, run by the action's own
// code. The instance they run on is given imports that refuse every call,
// so a secret handed to it for a check can reach nothing.

/** Imports for an instance that must reach nothing: every store and token call is refused. */
export function refusingImports() {
  const refuse = () => ({ tag: 'err', val: { tag: 'unavailable', val: 'this instance serves store-support only' } });
  return {
    'workflow:connectors/credential-store': {
      get: refuse, findByName: refuse, rules: refuse, kinds: refuse, kindsNaming: refuse, write: refuse,
    },
    'workflow:connectors/tokens': { resolve: refuse },
    'workflow:connectors/types': {},
  };
}

/** The functions over the component's export, in the package's shapes. */
export function storeSupport(exported) {
  return Object.freeze({
    /** The kinds the Rust harness's stores declare out of the box, with their rules. */
    builtinKinds: () => exported.builtinKinds(),
    /**
     * RFC 7396: `patch` (the text of a JSON object) merged into the object
     * `stored` holds; `undefined` when `stored` already holds the result.
     * Throws a `TypeError` when `patch` is not a JSON object.
     */
    mergeValue: (stored, patch) => {
      try {
        return exported.mergeValue(stored ?? undefined, String(patch));
      } catch {
        throw new TypeError('the patch is not the text of a JSON object');
      }
    },
    /** The violations of `rule`'s format, length and JSON rules by `value`. */
    checkValue: (rule, value, secret) => exported.checkValue(rule, String(value), Boolean(secret)),
    /** The violations of `rules` by a new connector with `properties` (`{ name, op: { tag: 'set', val: { value, secret } } }`). */
    checkNewConnector: (rules, properties) => exported.checkNewConnector(rules, properties),
  });
}
