// The changes scripts/build.mjs makes to the code jco writes.
//
// 1. jco 0.15.0's `_debugLog`, called about 150 times in the bindings (several
// times in each export and import call), reads `process.env.JCO_DEBUG` on
// every call, and in Node reading `process.env` asks the C++ side each time:
// about a third of a reused `execute`'s CPU time (measured with
// `npm run bench`). jco has no option to leave the logging out, so the
// variable is read once, when `instantiate()` runs: with JCO_DEBUG set then,
// it logs as before; without it, `_debugLog` does nothing.
// 2. jco's UTF-8 decoder is a default `TextDecoder`, which drops a leading
// U+FEFF (a byte-order mark) from every string the guest hands over: a
// step's value "\uFEFFabc" reached a Node store as "abc", and an EntryId
// "\uFEFFc1" found connector c1, where the Rust harness keeps every
// character. The decoder keeps it (`ignoreBOM: true`), as src/imports.js's.
//
// Each text replaced is jco's, byte for byte: when a jco update changes it,
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

/** jco 0.15.0's UTF-8 decoder, which drops a leading U+FEFF. */
export const UTF8_DECODER = '  const TEXT_DECODER_UTF8 = new TextDecoder();';

/** The same, keeping every character. */
export const UTF8_DECODER_KEEPS_BOM = "  const TEXT_DECODER_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });";

/** Each patch: jco's text, what replaces it, and what to do when jco's text is gone. */
const PATCHES = [
  [DEBUG_LOG, DEBUG_LOG_ONCE, 'jco\'s _debugLog is not written as it was in jco-transpile 0.15.0; '
    + 'update DEBUG_LOG to the new text (or drop the patch if jco no longer reads process.env per call)'],
  [UTF8_DECODER, UTF8_DECODER_KEEPS_BOM, 'jco\'s UTF-8 decoder is not written as it was in jco-transpile 0.15.0; '
    + 'update UTF8_DECODER to the new text, keeping a leading U+FEFF (ignoreBOM)'],
];

/** The bindings' text with every patch applied; throws unless each text of jco's is there exactly once. */
export function patchBindings(js) {
  for (const [from, to, problem] of PATCHES) {
    const at = js.indexOf(from);
    if (at < 0 || js.indexOf(from, at + 1) >= 0) {
      throw new Error(`scripts/patch-bindings.mjs: ${problem}`);
    }
    js = js.slice(0, at) + to + js.slice(at + from.length);
  }
  return js;
}
