// The action, loaded once: the component's core modules compiled once, and
// an instance reused for each call (or, for a fresh one, its main core
// module instantiated anew under jco's bindings, which are built once), with
// the call's store, tokens and caller bound to its imports. Each method converts its
// arguments, calls the export and converts the answer; the behaviour is the
// component's.
import { instantiate } from '../gen/connectors_update.js';
// The core modules' names, as jco wrote them (scripts/build.mjs records them).
import { CORE_MODULES } from '../gen/core-modules.js';
import { ConnectorsUpdateError } from './errors.js';
import {
  actionErrorFromWit, descriptorFromWit, outcomeFromWit, stepFromWit, stepToWit,
} from './convert.js';
import { CallContext, importObject } from './imports.js';
import { refusingImports, storeSupport } from './support.js';
import { MemoryStore } from './memory-store.js';

/**
 * Compiles the component's core modules. `source` is where the transpiled
 * package's files are (a `URL` of its `gen/` folder, the default), or
 * already compiled modules by file name.
 */
async function compile(source) {
  if (source && typeof source === 'object' && !(source instanceof URL)) return source;
  const base = source ?? new URL('../gen/', import.meta.url);
  const modules = {};
  for (const name of CORE_MODULES) {
    const url = new URL(name, base);
    if (url.protocol === 'file:') {
      const { readFile } = await import('node:fs/promises');
      modules[name] = await WebAssembly.compile(await readFile(url));
    } else {
      modules[name] = await WebAssembly.compileStreaming(fetch(url));
    }
  }
  return modules;
}

/**
 * Loads the action. Compile once per process (tens of milliseconds), then
 * call its methods as often as needed.
 *
 * @param {object} [options]
 * @param {URL | Record<string, WebAssembly.Module>} [options.modules] the
 *   `gen/` folder's URL, or its core modules compiled
 * @param {'reuse' | 'fresh'} [options.instances] `reuse` (the default)
 *   keeps one instance for every call (a call made while another runs, from
 *   inside a store, gets one of its own; an instance that trapped is
 *   dropped); `fresh` gives every call a new instance of the component's
 *   main core module (its code's memory), as the Rust harness gives each
 *   call a new instance, so that no call runs in memory another left
 *   behind, for about 1 ms a call (BENCHMARKS.md)
 * @param {(error: unknown, call: string) => void} [options.onHostError] told
 *   of anything a store or token source throws that is not a `StoreError`
 *   (the call then ends with `host-failed`); the package never prints it
 */
export async function loadAction(options = {}) {
  let modules;
  try {
    modules = await compile(options.modules);
  } catch (error) {
    throw new ConnectorsUpdateError('load-failed', `the action's component could not be compiled: ${error?.message ?? error}`);
  }
  return new Action(modules, options);
}

/** The loaded action; see `loadAction`. */
export class Action {
  #modules;
  #reuse;
  #onHostError;
  /** The instances no call is running on (more than one only after calls made from inside a store). */
  #idle = [];
  #support;
  #design;

  constructor(modules, options = {}) {
    this.#modules = modules;
    this.#reuse = options.instances !== 'fresh';
    this.#onHostError = options.onHostError;
    this.#support = storeSupport(() => this.#instantiate(refusingImports()).storeSupport);
  }

  /**
   * The functions a store written in JavaScript needs from the action's own
   * code: `builtinKinds()`, `mergeValue(stored, patch)`,
   * `checkValue(rule, value, secret)`, `checkNewConnector(rules, properties)`
   * and `kindsNaming(kinds, names)`.
   * They run on an instance of their own, whose imports refuse every call.
   */
  get support() {
    return this.#support;
  }

  /** A store with no connectors that declares the built-in kinds: design time's default. */
  #designStore() {
    this.#design ??= new MemoryStore(this);
    return this.#design;
  }

  /** The action's descriptor, with the kinds `store` declares (the built-in kinds without one). */
  describe({ store, caller } = {}) {
    return this.#call({ store: store ?? this.#designStore(), caller }, (action) => descriptorFromWit(action.describe()));
  }

  /** Reads a step in the platform's step JSON format; throws `invalid-json` or `invalid-parameter`. */
  parseStep(json) {
    if (typeof json !== 'string') {
      throw new ConnectorsUpdateError('invalid-parameter', 'parseStep takes the text of a step file; pass JSON.stringify(step).', { field: 'Parameters' });
    }
    return this.#call({}, (action) => stepFromWit(action.parseStep(json)));
  }

  /**
   * Diagnostics for a step: its JSON text (every problem `parseStep` would
   * refuse as well) or a step object. The store is asked only for the rules
   * of the names the step writes; without one, the built-in kinds answer.
   */
  validate(step, { store, caller } = {}) {
    const context = { store: store ?? this.#designStore(), caller };
    if (typeof step === 'string') return this.#call(context, (action) => action.validateJson(step));
    const wit = stepToWit(step);
    return this.#call(context, (action) => action.validate(wit));
  }

  /**
   * Runs a step (a step object, or the text of a step file) against
   * `store`, with `tokens` answering its tokens, for `caller`.
   *
   * @returns the outcome: `{ id, name, revisionBefore, revisionAfter, added, changed, removed, unchanged, dryRun }`
   * @throws {ConnectorsUpdateError}
   */
  execute(step, { store, tokens, caller } = {}) {
    if (!store) {
      throw new ConnectorsUpdateError('invalid-parameter', 'execute needs a store: execute(step, { store, tokens, caller }).', { field: 'store' });
    }
    const wit = typeof step === 'string' ? undefined : stepToWit(step);
    return this.#call({ store, tokens, caller }, (action) => {
      const parsed = wit ?? action.parseStep(step);
      return outcomeFromWit(action.execute(parsed));
    });
  }

  /**
   * One call of an export, its error typed. The call takes an idle instance
   * (a call made from inside a store, while another runs, finds none and
   * gets one of its own); with `instances: 'fresh'` its main core module is
   * instantiated anew first, so that no call runs in memory another left.
   */
  #call({ store, tokens, caller }, run) {
    const context = new CallContext({ store, tokens, caller, onHostError: this.#onHostError, support: this.#support });
    const instance = this.#idle.pop() ?? this.#instantiateBound();
    if (!this.#reuse) instance.freshen();
    instance.context = context;
    let keep = true;
    try {
      const value = run(instance.root.action);
      if (context.failure) throw hostFailed(context);
      return value;
    } catch (error) {
      if (error instanceof ConnectorsUpdateError) throw error;
      const typed = error && typeof error === 'object' && typeof error.tag === 'string' && error.val;
      // Anything but the action's own error is a trap: the instance is left
      // as it stopped (jco marks it trapped), so it is dropped, whatever is
      // reported.
      if (!typed) keep = false;
      if (context.failure) throw hostFailed(context);
      if (typed) throw actionErrorFromWit(error);
      throw new ConnectorsUpdateError('trap', `the action stopped with a trap (${error?.constructor?.name ?? 'error'}); ${written(context)}`);
    } finally {
      instance.context = undefined;
      // A fresh call's memory is let go as soon as it ends.
      if (!this.#reuse) instance.retire();
      if (keep) this.#idle.push(instance);
    }
  }

  /** An instance whose imports answer from its `context`, the call it serves. */
  #instantiateBound() {
    let instance;
    instance = new ComponentInstance(this.#modules, importObject(() => instance.context), { renewable: !this.#reuse });
    return instance;
  }

  #instantiate(imports) {
    return new ComponentInstance(this.#modules, imports, { renewable: false }).root;
  }
}

/**
 * One instance of the component through jco's bindings, whose main core
 * module (the guest's code and memory) can be instantiated anew. jco's
 * `instantiate()` spends about 20 ms building its trampolines (each import's
 * and export's lifting and lowering descriptors, and its task machinery),
 * and a `WebAssembly.Instance` of the main module about 1 ms: jco is given
 * forwarders in place of the main module's exports, so that `freshen()`
 * swaps the instance behind them and keeps the rest (the two small core
 * modules, jco's trampolines and the shim's table that the guest calls its
 * imports through, none of which holds guest memory).
 */
class ComponentInstance {
  /** jco's exports: `{ action, storeSupport }`. */
  root;
  /** The call this instance serves, read by its imports. */
  context;
  #main;
  #imports;
  /** The main module's live instance's exports, or undefined once retired. */
  #exports;
  /** Whether the live main instance has served no call yet. */
  #pristine = false;

  /**
   * `renewable: false` hands jco the main instance's own exports (no
   * forwarding on a reused instance's calls); `freshen()` then refuses.
   */
  constructor(modules, imports, { renewable }) {
    this.root = instantiate((name) => modules[name], imports, (module, coreImports) => {
      const exported = WebAssembly.Module.exports(module);
      if (!exported.some((e) => e.kind === 'memory')) return new WebAssembly.Instance(module, coreImports);
      if (this.#main) throw new Error('the component has more than one core module with a memory');
      this.#main = module;
      if (renewable) this.#imports = coreImports;
      this.#exports = new WebAssembly.Instance(module, coreImports).exports;
      this.#pristine = true;
      return renewable ? { exports: this.#forwarders(exported) } : { exports: this.#exports };
    });
  }

  /** A new main instance, unless the live one has served no call yet. */
  freshen() {
    if (this.#pristine) return;
    if (!this.#imports) throw new Error('this instance was made to be reused');
    this.#exports = new WebAssembly.Instance(this.#main, this.#imports).exports;
    this.#pristine = true;
  }

  /** Lets the live main instance go (the next `freshen()` makes another). */
  retire() {
    this.#exports = undefined;
    this.#pristine = false;
  }

  /**
   * What jco reads of the main module's exports: its memory (jco reads only
   * `.buffer`, at each use), and each function, which jco keeps, forwarded
   * to the live instance. Its globals (`__data_end`, `__heap_base`) jco does
   * not read: the first instance's, constants, stand.
   */
  #forwarders(exported) {
    const forwarders = {};
    const self = this;
    for (const { name, kind } of exported) {
      if (kind === 'memory') {
        forwarders[name] = { get buffer() { return self.#exports[name].buffer; } };
      } else if (kind === 'function') {
        forwarders[name] = (...args) => self.#exports[name](...args);
      } else {
        forwarders[name] = this.#exports[name];
      }
    }
    return forwarders;
  }
}

function written(context) {
  return context.committed === undefined
    ? 'nothing was written'
    : `its write had already been committed as revision ${context.committed}`;
}

function hostFailed(context) {
  const name = context.failure.error?.constructor?.name ?? typeof context.failure.error;
  return new ConnectorsUpdateError('host-failed', `the host's ${context.failure.call} threw ${name} instead of a StoreError; ${written(context)}`, {
    call: context.failure.call,
  });
}
