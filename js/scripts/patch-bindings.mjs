// The one change scripts/build.mjs makes to the code jco writes.
//
// jco 0.15.0's `_debugLog`, called about 150 times in the bindings (several
// times in each export and import call), reads `process.env.JCO_DEBUG` on
// every call, and in Node reading `process.env` asks the C++ side each time:
// about a third of a reused `execute`'s CPU time (measured with
// `npm run bench`). jco has no option to leave the logging out, so the
// variable is read once, when `instantiate()` runs: with JCO_DEBUG set then,
// it logs as before; without it, `_debugLog` does nothing.
//
// The text replaced is jco's, byte for byte: when a jco update changes it,
// `patchBindings` throws and the build stops, rather than ship unpatched
// bindings (test/bindings.test.js checks the built file).

/** jco 0.15.0's `_debugLog`, as it writes it inside `instantiate()`. */
export const DEBUG_LOG = `  const _debugLog = (...args) => {
    if (!globalThis?.process?.env?.JCO_DEBUG) { return; }
    console.debug(...args);
  };`;

/** The same, with JCO_DEBUG read once per `instantiate()`. */
export const DEBUG_LOG_ONCE = `  // Patched by js/scripts/patch-bindings.mjs: JCO_DEBUG is read once, not on every call.
  const _debugLog = globalThis?.process?.env?.JCO_DEBUG
    ? (...args) => { console.debug(...args); }
    : () => {};`;

/** The bindings' text with `_debugLog` replaced; throws unless jco's is there exactly once. */
export function patchBindings(js) {
  const at = js.indexOf(DEBUG_LOG);
  if (at < 0 || js.indexOf(DEBUG_LOG, at + 1) >= 0) {
    throw new Error('scripts/patch-bindings.mjs: jco\'s _debugLog is not written as it was in jco-transpile 0.15.0; '
      + 'update DEBUG_LOG to the new text (or drop the patch if jco no longer reads process.env per call)');
  }
  return js.slice(0, at) + DEBUG_LOG_ONCE + js.slice(at + DEBUG_LOG.length);
}
