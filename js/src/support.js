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

/**
 * The functions over the component's export, in the package's shapes.
 * `instantiate()` makes the instance they run on; one that traps (a value
 * too large for its memory, say) is replaced by a new one for the next call.
 */
export function storeSupport(instantiate) {
  let exported = instantiate();
  const call = (run) => {
    try {
      return run(exported);
    } catch (error) {
      if (error instanceof WebAssembly.RuntimeError || error instanceof RangeError) exported = instantiate();
      throw error;
    }
  };
  return Object.freeze({
    /** The kinds the Rust harness's stores declare out of the box, with their rules. */
    builtinKinds: () => call((e) => e.builtinKinds()),
    /**
     * RFC 7396: `patch` (the text of a JSON object) merged into the object
     * `stored` holds; `undefined` when `stored` already holds the result.
     * Throws a `TypeError` when `patch` is not a JSON object.
     */
    mergeValue: (stored, patch) => call((e) => {
      try {
        return e.mergeValue(stored ?? undefined, String(patch));
      } catch (error) {
        // The export's `err` (a patch that is no object) comes as `undefined`.
        if (error === undefined) throw new TypeError('the patch is not the text of a JSON object');
        throw error;
      }
    }),
    /** The violations of `rule`'s format, length and JSON rules by `value`. */
    checkValue: (rule, value, secret) => call((e) => e.checkValue(rule, String(value), Boolean(secret))),
    /** The violations of `rules` by a new connector with `properties` (`{ name, op: { tag: 'set', val: { value, secret } } }`). */
    checkNewConnector: (rules, properties) => call((e) => e.checkNewConnector(rules, properties)),
    /** Each of `kinds`, in order, with only its rules for `names`; kinds with none left out (what `kinds-naming` answers). */
    kindsNaming: (kinds, names) => call((e) => e.kindsNaming(kinds, [...names].map(String))),
  });
}
