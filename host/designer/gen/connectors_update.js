"use components";
export function instantiate(getCoreModule, imports, instantiateCore = WebAssembly.instantiate) {
  
  let dv = new DataView(new ArrayBuffer());
  const dataView = mem => dv.buffer === mem.buffer ? dv : dv = new DataView(mem.buffer);
  
  function toUint64(val) {
    const converted = BigInt(val)
    
    return BigInt.asUintN(64, converted);
  }
  
  
  function toUint32(val) {
    
    return val >>> 0;
  }
  
  
  function _isValidNumericPrimitive(ty, v) {
    if (v === undefined || v === null) { return false; }
    switch (ty) {
      case 'bool':
      return v === 0 || v === 1;
      break;
      case 'u8':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
      break;
      case 's8':
      return typeof v === 'number' && Number.isInteger(v) && v >= -128 && v <= 127;
      break;
      case 'u16':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 65535;
      break;
      case 's16':
      return typeof v === 'number' && Number.isInteger(v) && v >= -32768 && v <= 32767;
      case 'u32':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4_294_967_295;
      case 's32':
      return typeof v === 'number' && Number.isInteger(v) && v >= -2_147_483_648 && v <= 2_147_483_647;
      case 'u64':
      return typeof v === 'bigint' && v >= 0 && v <= 18_446_744_073_709_551_615n;
      case 's64':
      return typeof v === 'bigint' && v >= -9223372036854775808n && v <= 9223372036854775807n;
      break;
      case 'f32':
      case 'f64': return typeof v === 'number';
      default:
      return false;
    }
    return true;
  }
  
  function _requireValidNumericPrimitive(ty, v) {
    if (v === undefined  || v === null || !_isValidNumericPrimitive(ty, v)) {
      throw new TypeError(`invalid ${ty} value [${v}]`);
    }
    return true;
  }
  const utf16Decoder = new TextDecoder('utf-16');
  
  const isLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  
  function _utf16AllocateAndEncode(str, realloc, memory) {
    const len = str.length;
    const ptr = realloc(0, 0, 2, len * 2);
    const out = new Uint16Array(memory.buffer, ptr, len);
    let i = 0;
    if (isLE) {
      while (i < len) { out[i] = str.charCodeAt(i++); }
    } else {
      while (i < len) {
        const ch = str.charCodeAt(i);
        out[i++] = (ch & 0xff) << 8 | ch >>> 8;
      }
    }
    return { ptr, len, codepoints: [...str].length };
  }
  
  const TEXT_DECODER_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
  const TEXT_ENCODER_UTF8 = new TextEncoder();
  
  function _utf8AllocateAndEncode(s, realloc, memory) {
    if (typeof s !== 'string') {
      throw new TypeError('expected a string, received [' + typeof s + ']');
    }
    if (s.length === 0) { return { ptr: 1, len: 0 }; }
    // Compute the exact allocation size up front. Some older preview1
    // adapters only support an initial allocation, not a subsequent shrink.
    let len = 0;
    let codepoints = 0;
    for (let i = 0; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      codepoints++;
      if (ch < 0x80) { len += 1; }
      else if (ch < 0x800) { len += 2; }
      else if (ch >= 0xd800 && ch <= 0xdbff &&
      i + 1 < s.length &&
      (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        len += 4;
        i++;
      } else { len += 3; }
    }
    const ptr = realloc(0, 0, 1, len);
    const { read, written } = TEXT_ENCODER_UTF8.encodeInto(
    s,
    new Uint8Array(memory.buffer, ptr, len),
    );
    if (read !== s.length || written !== len) {
      throw new Error('failed to encode whole string');
    }
    const res = { ptr, len, codepoints };
    return res;
  }
  
  let RESOURCE_SCOPE_ID = 0;
  const RESOURCE_SCOPE_TASKS = new Map();
  const ASYNC_TASKS_BY_COMPONENT_IDX = new Map();
  const ASYNC_CURRENT_COMPONENT_IDXS = [];
  
  function getCurrentTask(componentIdx, taskID) {
    let usedGlobal = false;
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing component idx'); // TODO(fix)
      // componentIdx = ASYNC_CURRENT_COMPONENT_IDXS.at(-1);
      // usedGlobal = true;
    }
    
    const taskMetas = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    if (taskMetas === undefined || taskMetas.length === 0) { return undefined; }
    
    if (taskID) {
      return taskMetas.find(meta => meta.task.id() === taskID);
    }
    
    const taskMeta = taskMetas[taskMetas.length - 1];
    if (!taskMeta || !taskMeta.task) { return undefined; }
    
    return taskMeta;
  }
  const ASYNC_CURRENT_TASK_IDS = [];
  
  // Patched by js/scripts/patch-bindings.mjs: JCO_DEBUG is read once, not on every call.
  const _debugLog = globalThis?.process?.env?.JCO_DEBUG
    ? (...args) => { console.debug(...args); }
    : () => {};
  
  function clearCurrentTask(componentIdx, taskID) {
    _debugLog('[clearCurrentTask()] args', { componentIdx, taskID });
    
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing/invalid component instance index while ending current task');
    }
    
    const tasks = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    if (!tasks || !Array.isArray(tasks)) {
      throw new Error('missing/invalid tasks for component instance while ending task');
    }
    if (tasks.length == 0) {
      throw new Error(`no current tasks for component instance [${componentIdx}] while ending task`);
    }
    
    if (taskID !== undefined) {
      const last = tasks[tasks.length - 1];
      if (last.id !== taskID) {
        // throw new Error('current task does not match expected task ID');
        return;
      }
    }
    
    ASYNC_CURRENT_TASK_IDS.pop();
    ASYNC_CURRENT_COMPONENT_IDXS.pop();
    
    const taskMeta = tasks.pop();
    return taskMeta.task;
  }
  const ASYNC_STATE = new Map();
  
  function promiseWithResolvers() {
    if (Promise.withResolvers) {
      return Promise.withResolvers();
    } else {
      let resolve;
      let reject;
      const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    }
  }
  
  class Waitable {
    #componentIdx;
    
    #pendingEventFn = null;
    
    #promise;
    #resolve;
    #reject;
    
    #waitableSet = null;
    
    #hasSyncWaiter = false;
    
    #idx = null; // to component-global waitables
    
    target;
    
    constructor(args) {
      const { componentIdx, target } = args;
      this.#componentIdx = componentIdx;
      this.target = args.target;
      this.#resetPromise();
    }
    
    componentIdx() { return this.#componentIdx; }
    isInSet() { return this.#waitableSet !== null; }
    
    idx() { return this.#idx; }
    setIdx(idx) {
      if (idx === 0) { throw new Error("waitable idx cannot be zero"); }
      this.#idx = idx;
    }
    
    setTarget(tgt) { this.target = tgt; }
    
    #resetPromise() {
      const { promise, resolve, reject } = promiseWithResolvers()
      this.#promise = promise;
      this.#resolve = resolve;
      this.#reject = reject;
    }
    
    resolve() { this.#resolve(); }
    reject(err) { this.#reject(err); }
    promise() { return this.#promise; }
    
    hasPendingEvent() {
      // _debugLog('[Waitable#hasPendingEvent()]', {
        //     componentIdx: this.#componentIdx,
        //     waitable: this,
        //     waitableSet: this.#waitableSet,
        //     hasPendingEvent: this.#pendingEventFn !== null,
        // });
        return this.#pendingEventFn !== null;
      }
      
      setPendingEvent(fn) {
        _debugLog('[Waitable#setPendingEvent()] args', {
          waitable: this,
          inSet: this.#waitableSet,
        });
        this.#pendingEventFn = fn;
      }
      
      getPendingEvent() {
        _debugLog('[Waitable#getPendingEvent()] args', {
          waitable: this,
          inSet: this.#waitableSet,
          hasPendingEvent: this.#pendingEventFn !== null,
        });
        if (this.#pendingEventFn === null) { return null; }
        const eventFn = this.#pendingEventFn;
        this.#pendingEventFn = null;
        const e = eventFn();
        this.#resetPromise();
        return e;
      }
      
      join(waitableSet) {
        _debugLog('[Waitable#join()] args', {
          waitable: this,
          waitableSet: waitableSet,
          isRemoval: waitableSet === null,
        });
        
        if (this.#waitableSet === undefined) {
          throw new TypeError('waitable set must be not be undefined');
        }
        
        if (this.#waitableSet) {
          this.#waitableSet.removeWaitable(this);
        }
        
        this.#waitableSet = waitableSet;
        
        if (waitableSet) {
          this.#waitableSet.addWaitable(this);
        }
      }
      
      drop() {
        _debugLog('[Waitable#drop()] args', {
          componentIdx: this.#componentIdx,
          waitable: this,
        });
        if (this.hasPendingEvent()) {
          throw new Error('waitables with pending events cannot be dropped');
        }
        this.join(null);
      }
      
      async waitForPendingEvent(args) {
        const { cstate } = args;
        if (!cstate) { throw new TypeError('missing component state'); }
        
        if (this.#waitableSet !== null || this.#hasSyncWaiter) {
          throw new Error("waitable is already in a set/has a sync waiter");
        }
        this.#hasSyncWaiter = true;
        await cstate.waitUntil({
          cancellable: false,
          readyFn: () => this.hasPendingEvent(),
        });
        this.#hasSyncWaiter = false;
      }
      
    }
    const INSTANCE_FLAGS = new Map();
    const STORE_TRAP = { error: null };
    const STORE_ASYNC_STATE = { deadlockCheck: null, pendingHostOperations: 0 };
    const WebAssemblyRuntimeError = WebAssembly.RuntimeError;
    
    function _checkForDeadlock() {
      if (STORE_ASYNC_STATE.deadlockCheck !== null || STORE_TRAP.error !== null) { return; }
      STORE_ASYNC_STATE.deadlockCheck = setTimeout(() => {
        STORE_ASYNC_STATE.deadlockCheck = null;
        if (STORE_TRAP.error !== null || STORE_ASYNC_STATE.pendingHostOperations > 0) { return; }
        
        const suspendedTasks = new Set();
        for (const state of ASYNC_STATE.values()) {
          if (state.hasPendingSchedulerWork()) {
            state.runTickLoop();
            return;
          }
          for (const meta of state.suspendedTaskMetas()) {
            suspendedTasks.add(meta.task);
          }
        }
        
        const unresolvedRoots = new Set();
        for (const task of suspendedTasks) {
          const root = task.getRootTask();
          if (!root.isResolvedState()) { unresolvedRoots.add(root); }
        }
        if (unresolvedRoots.size === 0) { return; }
        
        const err = new WebAssemblyRuntimeError('wasm trap: deadlock detected: event loop cannot make further progress');
        // Which tasks were waiting, and on whose behalf. The message stays
        // exactly what the Canonical ABI calls for, so this rides alongside
        // it: a deadlock reported from a real program is otherwise a bare
        // sentence, and the state that produced it is gone by the time
        // anyone reads the failure.
        err.deadlockDetail = {
          pendingHostOperations: STORE_ASYNC_STATE.pendingHostOperations,
          suspendedTasks: [...suspendedTasks].map((task) => ({
            taskID: task.id(),
            componentIdx: task.componentIdx(),
            state: task.taskState(),
            rootTaskID: task.getRootTask().id(),
          })),
          unresolvedRootTaskIDs: [...unresolvedRoots].map((root) => root.id()),
        };
        STORE_TRAP.error = err;
        for (const root of unresolvedRoots) {
          root.setErrored(err);
          root.reject(err);
        }
        for (const task of suspendedTasks) {
          if (!task.isResolvedState() && unresolvedRoots.has(task.getRootTask())) {
            task.setErrored(err);
            task.reject(err);
          }
        }
        for (const state of ASYNC_STATE.values()) { state.runTickLoop(); }
      }, 0);
    }
    
    const CORE_TRAP_MESSAGES = new Map([
    ['unreachable', "wasm trap: wasm `unreachable` instruction executed"],
    ['memory access out of bounds', "wasm trap: out of bounds memory access"],
    ['divide by zero', "wasm trap: integer divide by zero"],
    ['remainder by zero', "wasm trap: integer divide by zero"],
    ['divide result unrepresentable', "wasm trap: integer overflow"],
    ['float unrepresentable in integer range', "wasm trap: invalid conversion to integer"],
    ['table index is out of bounds', "wasm trap: undefined element: out of bounds table access"],
    ['function signature mismatch', "wasm trap: indirect call type mismatch"],
    ['call stack exhausted', "wasm trap: call stack exhausted"],
    ]);
    function _normalizeCoreTrap(err) {
      if (!(err instanceof WebAssemblyRuntimeError)) { return err; }
      const message = CORE_TRAP_MESSAGES.get(err.message);
      if (message !== undefined) { err.message = message; }
      return err;
    }
    
    class RepTable {
      // Sentinel marking a freed slot; the freelist link for a freed slot
      // lives in the odd cell. This keeps get()/contains()/remove() on freed
      // reps well-defined (previously they returned/corrupted freelist links).
      static FREE = Symbol('RepTable.free');
      
      #data = [0, null];
      #size = 0;
      #target;
      
      constructor(args) {
        this.target = args?.target;
      }
      
      data() { return this.#data; }
      
      insert(val) {
        _debugLog('[RepTable#insert()] args', { val, target: this.target });
        const freeIdx = this.#data[0];
        if (freeIdx === 0) {
          this.#data.push(val);
          this.#data.push(null);
          const rep = (this.#data.length >> 1) - 1;
          _debugLog('[RepTable#insert()] inserted', { val, target: this.target, rep });
          this.#size += 1;
          return rep;
        }
        const placementIdx = freeIdx << 1;
        if (this.#data[placementIdx] !== RepTable.FREE) {
          throw new Error('corrupt rep table freelist: head does not point at a freed slot');
        }
        this.#data[0] = this.#data[placementIdx + 1];
        this.#data[placementIdx] = val;
        this.#data[placementIdx + 1] = null;
        _debugLog('[RepTable#insert()] inserted', { val, target: this.target, rep: freeIdx });
        this.#size += 1;
        return freeIdx;
      }
      
      get(rep) {
        _debugLog('[RepTable#get()] args', { rep, target: this.target });
        if (rep === 0) { throw new Error('invalid resource rep during get, (cannot be 0)'); }
        
        const baseIdx = rep << 1;
        const val = this.#data[baseIdx];
        if (val === RepTable.FREE) { return undefined; }
        return val;
      }
      
      contains(rep) {
        _debugLog('[RepTable#contains()] args', { rep, target: this.target });
        if (rep === 0) { throw new Error('invalid resource rep during contains, (cannot be 0)'); }
        
        const baseIdx = rep << 1;
        const val = this.#data[baseIdx];
        return val !== RepTable.FREE && !!val;
      }
      
      remove(rep) {
        _debugLog('[RepTable#remove()] args', { rep, target: this.target });
        if (rep === 0) { throw new Error('invalid resource rep during remove, (cannot be 0)'); }
        if (this.#data.length === 2) { throw new Error('invalid'); }
        
        const baseIdx = rep << 1;
        if (baseIdx >= this.#data.length) {
          throw new Error(`invalid rep [${rep}] during remove, out of range`);
        }
        const val = this.#data[baseIdx];
        if (val === RepTable.FREE) {
          throw new Error(`double removal of rep [${rep}] (already freed)`);
        }
        
        this.#data[baseIdx] = RepTable.FREE;
        this.#data[baseIdx + 1] = this.#data[0];
        this.#data[0] = rep;
        this.#size -= 1;
        
        return val;
      }
      
      size() { return this.#size; }
      
      clear() {
        _debugLog('[RepTable#clear()] args', { rep, target: this.target });
        this.#data = [0, null];
      }
    }
    
    class ComponentAsyncState {
      static EVENT_HANDLER_EVENTS = [ 'backpressure-change' ];
      
      static TickResult = {
        // no suspended tasks remain
        DONE: 'done',
        // a suspended task was resumed (more may be ready)
        RESUMED: 'resumed',
        // suspended tasks remain but none were ready
        IDLE: 'idle',
      };
      
      #componentIdx;
      #callingAsyncImport = false;
      #syncImportWait = promiseWithResolvers();
      #lockHolderTaskID = null;
      #lockWaiters = [];
      #lockHandoffScheduled = false;
      #pendingTaskStarts = 0;
      #parkedTasks = new Map();
      #suspendedTasksByTaskID = new Map();
      #suspendedTaskIDs = [];
      #errored = null;
      #trapped = false;
      #backpressure = 0;
      #backpressureWaiters = 0n;
      
      #handlerMap = new Map();
      #nextHandlerID = 0n;
      
      #tickLoop = null;
      #tickLoopInterval = null;
      
      #onExclusiveReleaseHandlers = [];
      
      #mayLeave = true;
      
      handles;
      subtasks;
      
      constructor(args) {
        this.#componentIdx = args.componentIdx;
        this.handles = new RepTable({ target: `component [${this.#componentIdx}] handles (waitable objects)` });
        this.subtasks = new RepTable({ target: `component [${this.#componentIdx}] subtasks` });
      };
      
      componentIdx() { return this.#componentIdx; }
      
      get mayLeave() {
        const flags = INSTANCE_FLAGS.get(this.#componentIdx);
        return flags === undefined ? this.#mayLeave : flags.value === 1;
      }
      set mayLeave(value) {
        if (typeof value !== 'boolean') { throw new TypeError('mayLeave must be a boolean'); }
        this.#mayLeave = value;
        const flags = INSTANCE_FLAGS.get(this.#componentIdx);
        if (flags !== undefined) { flags.value = value ? 1 : 0; }
      }
      
      errored() { return this.#errored !== null; }
      setErrored(err) {
        _debugLog('[ComponentAsyncState#setErrored()] component errored', { err, componentIdx: this.#componentIdx });
        if (this.#errored) { return; }
        if (!err) {
          err = new Error('error elswehere (see other component instance error)')
          err.componentIdx = this.#componentIdx;
        }
        this.#errored = err;
      }
      
      markTrapped(err) {
        if (!(err instanceof WebAssemblyRuntimeError)) {
          return false;
        }
        err = _normalizeCoreTrap(err);
        this.#trapped = true;
        _debugLog('[ComponentAsyncState#markTrapped()] component trapped', { err, componentIdx: this.#componentIdx });
        if (STORE_TRAP.error === null) { STORE_TRAP.error = err; }
        return true;
      }
      
      throwIfTrapped() {
        if (this.#trapped) {
          throw new WebAssemblyRuntimeError("wasm trap: cannot enter component instance");
        }
      }
      
      callingSyncImport(val) {
        if (val === undefined) { return this.#callingAsyncImport; }
        if (typeof val !== 'boolean') { throw new TypeError('invalid setting for async import'); }
        const prev = this.#callingAsyncImport;
        this.#callingAsyncImport = val;
        if (prev === true && this.#callingAsyncImport === false) {
          this.#notifySyncImportEnd();
        }
      }
      
      #notifySyncImportEnd() {
        const existing = this.#syncImportWait;
        this.#syncImportWait = promiseWithResolvers();
        existing.resolve();
      }
      
      async waitForSyncImportCallEnd() {
        await this.#syncImportWait.promise;
      }
      
      setBackpressure(v) {
        this.#backpressure = v;
        return this.#backpressure
      }
      getBackpressure() { return this.#backpressure; }
      
      incrementBackpressure() {
        const current = this.#backpressure;
        if (current < 0 || current > 2**16) {
          throw new Error(`invalid current backpressure value [${current}]`);
        }
        const newValue = this.getBackpressure() + 1;
        if (newValue >= 2**16) {
          throw new Error(`invalid new backpressure value [${newValue}], overflow`);
        }
        return this.setBackpressure(newValue);
      }
      
      decrementBackpressure() {
        const current = this.#backpressure;
        if (current < 0 || current > 2**16) {
          throw new Error(`invalid current backpressure value [${current}]`);
        }
        const newValue = Math.max(0, current - 1);
        if (newValue < 0) {
          throw new Error(`invalid new backpressure value [${newValue}], underflow`);
        }
        return this.setBackpressure(newValue);
      }
      hasBackpressure() { return this.#backpressure > 0; }
      
      waitForBackpressure() {
        let backpressureCleared = false;
        const cstate = this;
        cstate.addBackpressureWaiter();
        const handlerID = this.registerHandler({
          event: 'backpressure-change',
          fn: (bp) => {
            if (bp === 0) {
              cstate.removeHandler(handlerID);
              backpressureCleared = true;
            }
          }
        });
        return new Promise((resolve) => {
          const interval = setInterval(() => {
            if (backpressureCleared) { return; }
            clearInterval(interval);
            cstate.removeBackpressureWaiter();
            resolve(null);
          }, 0);
        });
      }
      
      registerHandler(args) {
        const { event, fn } = args;
        if (!event) { throw new Error("missing handler event"); }
        if (!fn) { throw new Error("missing handler fn"); }
        
        if (!ComponentAsyncState.EVENT_HANDLER_EVENTS.includes(event)) {
          throw new Error(`unrecognized event handler [${event}]`);
        }
        
        const handlerID = this.#nextHandlerID++;
        let handlers = this.#handlerMap.get(event);
        if (!handlers) {
          handlers = [];
          this.#handlerMap.set(event, handlers)
        }
        
        handlers.push({ id: handlerID, fn, event });
        return handlerID;
      }
      
      removeHandler(args) {
        const { event, handlerID } = args;
        const registeredHandlers = this.#handlerMap.get(event);
        if (!registeredHandlers) { return; }
        const found = registeredHandlers.find(h => h.id === handlerID);
        if (!found) { return; }
        this.#handlerMap.set(event, this.#handlerMap.get(event).filter(h => h.id !== handlerID));
      }
      
      getBackpressureWaiters() { return this.#backpressureWaiters; }
      addBackpressureWaiter() { this.#backpressureWaiters++; }
      removeBackpressureWaiter() {
        this.#backpressureWaiters--;
        if (this.#backpressureWaiters < 0) {
          throw new Error("unexepctedly negative number of backpressure waiters");
        }
      }
      
      // The per-slice mutual-exclusion lock for guest execution in this
      // component instance. Guest slices (callback invocations and
      // sync-lifted bodies) must be atomic per component even across the
      // JSPI suspensions jco introduces for host imports: wit-bindgen's
      // executors publish per-task state in single linear-memory cells
      // (the wasip3-task pointer, context-local storage discipline) that
      // an interleaved slice of the same component corrupts
      //
      // The lock is *owned*: acquisition records the holder task and
      // release is a no-op for anyone else, so a task exiting can no
      // longer drop a hold it does not own (blind acquire/release-any
      // was the previous discipline). Contended acquisition queues
      // FIFO; release hands the lock to the next waiter directly.
      isExclusivelyLocked() { return this.#lockHolderTaskID !== null; }
      exclusivelyLockedBy(taskID) { return this.#lockHolderTaskID === taskID; }
      
      exclusiveLock(taskID) {
        _debugLog('[ComponentAsyncState#exclusiveLock()]', {
          holder: this.#lockHolderTaskID,
          requester: taskID,
          componentIdx: this.#componentIdx,
        });
        if (taskID === undefined || taskID === null) {
          throw new Error('exclusive lock requires the acquiring task id');
        }
        if (this.#lockHolderTaskID !== null) {
          throw new Error(`component [${this.#componentIdx}] exclusive lock held by task [${this.#lockHolderTaskID}], requested by [${taskID}]`);
        }
        this.#lockHolderTaskID = taskID;
      }
      
      // Awaitable acquisition: takes the lock immediately when free,
      // otherwise queues FIFO behind the current holder and earlier
      // waiters. The resolved promise implies ownership.
      acquireExclusiveLock(taskID) {
        if (taskID === undefined || taskID === null) {
          throw new Error('exclusive lock requires the acquiring task id');
        }
        if (this.#lockHolderTaskID === null) {
          this.#lockHolderTaskID = taskID;
          _debugLog('[ComponentAsyncState#acquireExclusiveLock()] acquired', {
            holder: taskID,
            componentIdx: this.#componentIdx,
          });
          return;
        }
        if (this.#lockHolderTaskID === taskID) {
          throw new Error(`task [${taskID}] already holds the lock for component [${this.#componentIdx}]`);
        }
        _debugLog('[ComponentAsyncState#acquireExclusiveLock()] waiting', {
          holder: this.#lockHolderTaskID,
          requester: taskID,
          componentIdx: this.#componentIdx,
          queued: this.#lockWaiters.length,
        });
        return new Promise((resolve) => {
          this.#lockWaiters.push({ taskID, resolve });
        });
      }
      
      exclusiveRelease(taskID) {
        _debugLog('[ComponentAsyncState#exclusiveRelease()] args', {
          holder: this.#lockHolderTaskID,
          releaser: taskID,
          componentIdx: this.#componentIdx,
        });
        if (this.#lockHolderTaskID !== taskID) {
          // Ownerless releases were the historical behavior; a foreign
          // release now leaves the hold intact
          _debugLog('[ComponentAsyncState#exclusiveRelease()] ignoring foreign release', {
            holder: this.#lockHolderTaskID,
            releaser: taskID,
            componentIdx: this.#componentIdx,
          });
          return false;
        }
        
        // Make the release observable before handing the lock to the next
        // asynchronous guest slice.
        //
        // Release handlers may expose a lifted value whose consumer immediately
        // performs a synchronous call on the same component; that call must run
        // while the instance is genuinely unlocked, not via enterSync's
        // lock-free fallback code.
        this.#lockHolderTaskID = null;
        
        this.#onExclusiveReleaseHandlers = this.#onExclusiveReleaseHandlers.filter(v => !!v);
        for (const [idx, f] of this.#onExclusiveReleaseHandlers.entries()) {
          try {
            this.#onExclusiveReleaseHandlers[idx] = null;
            f();
          } catch (err) {
            _debugLog("error while executing handler for next exclusive release", err);
            throw err;
          }
        }
        this.#scheduleLockHandoff();
        return true;
      }
      
      #scheduleLockHandoff() {
        if (this.#lockHandoffScheduled || this.#lockWaiters.length === 0) { return; }
        this.#lockHandoffScheduled = true;
        queueMicrotask(() => {
          this.#lockHandoffScheduled = false;
          // A synchronous call triggered by a release handler gets the
          // first opportunity to use the unlocked component.
          //
          // Its release will leave this queued handoff in place.
          if (this.#lockHolderTaskID !== null) {
            this.#scheduleLockHandoff();
            return;
          }
          const next = this.#lockWaiters.shift();
          if (!next) { return; }
          this.#lockHolderTaskID = next.taskID;
          next.resolve();
        });
      }
      
      onNextExclusiveRelease(fn) {
        _debugLog('[ComponentAsyncState#()onNextExclusiveRelease] registering');
        this.#onExclusiveReleaseHandlers.push(fn);
      }
      
      async waitForExclusiveRelease() {
        while (this.isExclusivelyLocked()) {
          await new Promise(resolve => this.onNextExclusiveRelease(resolve));
        }
      }
      
      #getSuspendedTaskMeta(taskID) {
        return this.#suspendedTasksByTaskID.get(taskID);
      }
      
      #removeSuspendedTaskMeta(taskID) {
        _debugLog('[ComponentAsyncState#removeSuspendedTaskMeta()] removing suspended task', {
          taskID,
          componentIdx: this.#componentIdx,
        });
        const idx = this.#suspendedTaskIDs.findIndex(t => t === taskID);
        const meta = this.#suspendedTasksByTaskID.get(taskID);
        this.#suspendedTaskIDs[idx] = null;
        this.#suspendedTasksByTaskID.delete(taskID);
        return meta;
      }
      
      #addSuspendedTaskMeta(meta) {
        if (!meta) { throw new Error('missing task meta'); }
        const taskID = meta.taskID;
        this.#suspendedTasksByTaskID.set(taskID, meta);
        this.#suspendedTaskIDs.push(taskID);
        if (this.#suspendedTasksByTaskID.size < this.#suspendedTaskIDs.length - 10) {
          this.#suspendedTaskIDs = this.#suspendedTaskIDs.filter(t => t !== null);
        }
      }
      
      // TODO(threads): readyFn is normally on the thread
      suspendTask(args) {
        const { task, readyFn, cancellable, onResume } = args;
        const taskID = task.id();
        const componentIdx = task.componentIdx();
        _debugLog('[ComponentAsyncState#suspendTask()]', {
          taskID,
          componentIdx: this.#componentIdx,
          taskEntryFnName: task.entryFnName(),
          subtask: task.getParentSubtask(),
        });
        
        if (componentIdx !== this.#componentIdx) {
          throw new Error('assert: task component idx should match async state');
        }
        
        if (this.#getSuspendedTaskMeta(taskID)) {
          throw new Error(`task [${taskID}] already suspended`);
        }
        
        let promise;
        let resume;
        if (onResume) {
          resume = () => onResume(!task.isCancelled());
        } else {
          const resolvers = promiseWithResolvers();
          promise = resolvers.promise;
          resume = () => resolvers.resolve(!task.isCancelled());
        }
        this.#addSuspendedTaskMeta({
          task,
          taskID,
          cancellable,
          readyFn,
          resume: () => {
            _debugLog('[ComponentAsyncState] resuming suspended task', {
              taskID,
              componentIdx: this.#componentIdx,
            });
            // TODO(threads): it's thread cancellation we should be checking for below, not task
            resume();
          },
        });
        
        // A caller synchronously driving one task quantum (for
        // example, subtask.cancel) waits for the resumed task to
        // either resolve or suspend again.
        task.notifyProgress();
        
        this.runTickLoop();
        _checkForDeadlock();
        
        return promise;
      }
      
      resumeTaskByID(taskID) {
        const meta = this.#removeSuspendedTaskMeta(taskID);
        if (!meta) { return false; }
        if (meta.taskID !== taskID) { throw new Error('task ID does not match'); }
        meta.resume();
        return true;
      }
      
      suspendedTaskReady(taskID) {
        const meta = this.#getSuspendedTaskMeta(taskID);
        if (!meta) { return false; }
        if (!meta.readyFn) {
          throw new Error(`suspended task [${taskID}] is missing a readiness function`);
        }
        return meta.task.isRejected() || meta.readyFn();
      }
      
      suspendedTaskCancellable(taskID) {
        return !!this.#getSuspendedTaskMeta(taskID)?.cancellable;
      }
      
      isTaskSuspended(taskID) {
        return this.#suspendedTasksByTaskID.has(taskID);
      }
      
      suspendedTaskMetas() {
        return this.#suspendedTasksByTaskID.values();
      }
      
      addPendingTaskStart() { this.#pendingTaskStarts++; }
      removePendingTaskStart() { this.#pendingTaskStarts--; }
      
      hasPendingSchedulerWork() {
        if (this.#pendingTaskStarts > 0) { return true; }
        if (this.#lockHandoffScheduled) { return true; }
        for (const meta of this.#suspendedTasksByTaskID.values()) {
          if (meta.task.isRejected() || meta.readyFn()) { return true; }
        }
        return false;
      }
      
      async runTickLoop() {
        if (this.#tickLoop !== null) { return; }
        this.#tickLoop = 1;
        setTimeout(async () => {
          let result = this.tick();
          while (result !== ComponentAsyncState.TickResult.DONE) {
            if (result === ComponentAsyncState.TickResult.IDLE) {
              _checkForDeadlock();
            }
            // After resuming a task, re-tick as soon as the resumed
            // slice's microtask continuations have drained (timeout 0)
            // so queued sibling resumptions aren't charged the idle
            // polling interval; otherwise poll at the idle cadence.
            const delay = result === ComponentAsyncState.TickResult.RESUMED ? 0 : 10;
            await new Promise((resolve) => setTimeout(resolve, delay));
            result = this.tick();
          }
          this.#tickLoop = null;
        }, 10);
      }
      
      tick() {
        // _debugLog('[ComponentAsyncState#tick()]', { suspendedTaskIDs: this.#suspendedTaskIDs });
        
        const resumableTasks = this.#suspendedTaskIDs.filter(t => t !== null);
        for (const taskID of resumableTasks) {
          const meta = this.#suspendedTasksByTaskID.get(taskID);
          if (!meta || !meta.readyFn) {
            throw new Error(`missing/invalid task despite ID [${taskID}] being present`);
          }
          
          // If the task failed via any means, allow the task to resume because
          // it's been cancelled -- the callback should immediately exit as well
          if (meta.task.isRejected()) {
            _debugLog('[ComponentAsyncState#tick()] detected task rejection, leaving early', { meta });
            this.resumeTaskByID(taskID);
            return ComponentAsyncState.TickResult.RESUMED;
          }
          
          const isReady = meta.readyFn();
          if (!isReady) { continue; }
          
          _debugLog('[ComponentAsyncState#tick()] resuming task via tick', {
            taskID,
            componentIdx: this.#componentIdx,
          });
          this.resumeTaskByID(taskID);
          
          // NOTE: during single-flight resumption, we should resume at most one task per
          // tick so that the resumed slice (a microtask continuation)
          // runs -- and its current-task register window opens and
          // closes -- before any sibling task of this component is
          // resumed.
          //
          // Resuming multiple suspended tasks in one synchronous
          // cascade interleaves their register save/restore windows
          // ([restoreA, restoreB, resumeA, resumeB]), re-entering wasm
          // with the register naming the wrong task, and the
          // 'known residual' of the JSPI current-task register
          // fix); with concurrent task lifetimes per component this
          // corrupts guest context-local storage.
          return ComponentAsyncState.TickResult.RESUMED;
        }
        
        const idle = this.#suspendedTaskIDs.filter(t => t !== null).length > 0;
        return idle
        ? ComponentAsyncState.TickResult.IDLE
        : ComponentAsyncState.TickResult.DONE;
      }
      
      createWaitable(args) {
        return new Waitable({ target: args?.target, });
      }
    }
    
    function getOrCreateAsyncState(componentIdx, init) {
      if (!ASYNC_STATE.has(componentIdx)) {
        const newState = new ComponentAsyncState({ componentIdx });
        ASYNC_STATE.set(componentIdx, newState);
      }
      return ASYNC_STATE.get(componentIdx);
    }
    const GLOBAL_COMPONENT_MEMORY_MAP = new Map();
    
    function lookupMemoriesForComponent(args) {
      const { componentIdx } = args ?? {};
      if (args.componentIdx === undefined) { throw new TypeError("missing component idx"); }
      
      const metas = GLOBAL_COMPONENT_MEMORY_MAP.get(componentIdx);
      if (!metas) { return []; }
      
      if (args.memoryIdx === undefined) {
        return Object.values(metas);
      }
      
      const meta = metas[args.memoryIdx];
      return meta?.memory;
    }
    
    class AsyncSubtask {
      static _ID = 0n;
      
      static State = {
        STARTING: 0,
        STARTED: 1,
        RETURNED: 2,
        CANCELLED_BEFORE_STARTED: 3,
        CANCELLED_BEFORE_RETURNED: 4,
      };
      
      #id;
      #state = AsyncSubtask.State.STARTING;
      #componentIdx;
      
      #parentTask;
      #childTask = null;
      
      #dropped = false;
      #cancelRequested = false;
      
      #memoryIdx = null;
      #lenders = null;
      
      #waitable = null;
      
      #callbackFn = null;
      #callbackFnName = null;
      
      #postReturnFn = null;
      #onProgressFn = null;
      #pendingEventFn = null;
      
      #callMetadata = {};
      
      #resolved = false;
      
      #onResolveHandlers = [];
      #onStartHandlers = [];
      
      #result = null;
      #resultSet = false;
      
      fnName;
      target;
      isAsync;
      isManualAsync;
      // One execution slice awaited by the conditional cancel trampoline.
      cancelProgress = null;
      
      constructor(args) {
        if (typeof args.componentIdx !== 'number') {
          throw new Error('invalid componentIdx for subtask creation');
        }
        this.#componentIdx = args.componentIdx;
        
        this.#id = ++AsyncSubtask._ID;
        this.fnName = args.fnName;
        
        if (!args.parentTask) { throw new Error('missing parent task during subtask creation'); }
        this.#parentTask = args.parentTask;
        
        if (args.childTask) { this.#childTask = args.childTask; }
        
        if (args.memoryIdx) { this.#memoryIdx = args.memoryIdx; }
        
        if (!args.waitable) { throw new Error("missing/invalid waitable"); }
        this.#waitable = args.waitable;
        
        if (args.callMetadata) { this.#callMetadata = args.callMetadata; }
        
        this.#lenders = [];
        this.target = args.target;
        this.isAsync = args.isAsync;
        this.isManualAsync = args.isManualAsync;
      }
      
      id() { return this.#id; }
      parentTaskID() { return this.#parentTask?.id(); }
      childTaskID() { return this.#childTask?.id(); }
      state() { return this.#state; }
      
      waitable() { return this.#waitable; }
      waitableRep() { return this.#waitable.idx(); }
      
      join() { return this.#waitable.join(...arguments); }
      getPendingEvent() { return this.#waitable.getPendingEvent(...arguments); }
      hasPendingEvent() { return this.#waitable.hasPendingEvent(...arguments); }
      setPendingEvent() { return this.#waitable.setPendingEvent(...arguments); }
      
      setTarget(tgt) { this.target = tgt; }
      
      getResult() {
        if (!this.#resultSet) { throw new Error("subtask result has not been set") }
        return this.#result;
      }
      setResult(v) {
        if (this.#resultSet) { throw new Error("subtask result has already been set"); }
        this.#result = v;
        this.#resultSet = true;
      }
      
      componentIdx() { return this.#componentIdx; }
      
      setChildTask(t) {
        if (!t) { throw new Error('cannot set missing/invalid child task on subtask'); }
        if (this.#childTask) { throw new Error('child task is already set on subtask'); }
        if (this.#parentTask === t) { throw new Error("parent cannot be child"); }
        this.#childTask = t;
      }
      getChildTask(t) { return this.#childTask; }
      
      getParentTask() { return this.#parentTask; }
      
      setCallbackFn(f, name) {
        if (!f) { return; }
        if (this.#callbackFn) { throw new Error('callback fn can only be set once'); }
        this.#callbackFn = f;
        this.#callbackFnName = name;
      }
      
      getCallbackFnName() {
        if (!this.#callbackFn) { return undefined; }
        return this.#callbackFn.name;
      }
      
      setPostReturnFn(f) {
        if (!f) { return; }
        if (this.#postReturnFn) { throw new Error('postReturn fn can only be set once'); }
        this.#postReturnFn = f;
      }
      
      setOnProgressFn(f) {
        if (this.#onProgressFn) { throw new Error('on progress fn can only be set once'); }
        this.#onProgressFn = f;
      }
      
      isNotStarted() {
        return this.#state == AsyncSubtask.State.STARTING;
      }
      
      cancellationRequested() { return this.#cancelRequested; }
      
      // Request cooperative cancellation of this subtask, on behalf of the
      // supertask (i.e. `canon subtask.cancel`).
      //
      // If the callee is another guest task, the request is delivered to it and
      // the callee confirms via `task.cancel` (or still resolves via `task.return`).
      //
      // If the callee is a host function there is (currently) no host-side
      // cancellation hook, so the pending call is treated as immediately
      // cancelled -- consistent with hosts being expected to resolve
      // cancellation promptly -- and any later host resolution is discarded
      // (see `AsyncTask#onResolve`).
      requestCancellation() {
        _debugLog('[AsyncSubtask#requestCancellation()] args', {
          componentIdx: this.#componentIdx,
          subtaskID: this.#id,
          state: this.#state,
          childTaskID: this.childTaskID(),
          fnName: this.fnName,
        });
        if (this.#cancelRequested) {
          throw new Error('cancellation has already been requested for this subtask');
        }
        this.#cancelRequested = true;
        
        if (this.#resolved) { return; }
        
        if (this.#childTask) {
          this.#childTask.requestCancellation();
          return;
        }
        
        this.onResolve(null);
      }
      
      registerOnStartHandler(f) {
        this.#onStartHandlers.push(f);
      }
      
      onStart(args) {
        _debugLog('[AsyncSubtask#onStart()] args', {
          componentIdx: this.#componentIdx,
          subtaskID: this.#id,
          parentTaskID: this.parentTaskID(),
          fnName: this.fnName,
          args,
        });
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        // Starting a nested operation is a task execution boundary.
        // In particular, a cancellation handler may synchronously
        // enter an import which then suspends in the host.  Wake a
        // supertask that is driving one cancellation slice so an
        // async `subtask.cancel` can report BLOCKED without waiting
        // for that nested operation to finish.
        this.#parentTask.notifyProgress();
        
        this.#state = AsyncSubtask.State.STARTED;
        
        let result;
        
        // If we have been provided a helper start function as a result of
        // component fusion performed by wasmtime tooling, then we can call that helper and lifts/lowers will
        // be performed for us.
        //
        // See also documentation on `HostIntrinsic::PrepareCall`
        //
        if (this.#callMetadata.startFn) {
          result = this.#callMetadata.startFn.apply(null, args?.startFnParams ?? []);
        }
        
        return result;
      }
      
      
      registerOnResolveHandler(f) {
        this.#onResolveHandlers.push(f);
      }
      
      reject(subtaskErr) {
        if (this.#resolved) { return; }
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        if (this.#state === AsyncSubtask.State.STARTING) {
          this.#state = AsyncSubtask.State.CANCELLED_BEFORE_STARTED;
        } else if (this.#state === AsyncSubtask.State.STARTED) {
          this.#state = AsyncSubtask.State.CANCELLED_BEFORE_RETURNED;
        } else {
          throw new Error('cannot reject a completed subtask');
        }
        
        this.#resolved = true;
        this.#parentTask.removeSubtask(this);
        this.#parentTask.reject(subtaskErr);
      }
      
      onResolve(subtaskValue) {
        _debugLog('[AsyncSubtask#onResolve()] args', {
          componentIdx: this.#componentIdx,
          subtaskID: this.#id,
          isAsync: this.isAsync,
          childTaskID: this.childTaskID(),
          parentTaskID: this.parentTaskID(),
          parentTaskFnName: this.#parentTask?.entryFnName(),
          fnName: this.fnName,
        });
        
        if (this.#resolved) {
          throw new Error('subtask has already been resolved');
        }
        
        if (this.#onProgressFn) { this.#onProgressFn(); }
        
        if (subtaskValue === null && this.#cancelRequested) {
          if (this.#state === AsyncSubtask.State.STARTING) {
            this.#state = AsyncSubtask.State.CANCELLED_BEFORE_STARTED;
          } else {
            if (this.#state !== AsyncSubtask.State.STARTED) {
              throw new Error('resolved subtask must have been started before cancellation');
            }
            this.#state = AsyncSubtask.State.CANCELLED_BEFORE_RETURNED;
          }
        } else {
          if (this.#state !== AsyncSubtask.State.STARTED) {
            throw new Error('resolved subtask must have been started before completion');
          }
          this.#state = AsyncSubtask.State.RETURNED;
        }
        
        this.setResult(subtaskValue);
        
        for (const f of this.#onResolveHandlers) {
          try {
            f(subtaskValue);
          } catch (err) {
            console.error("error during subtask resolve handler", err);
            throw err;
          }
        }
        
        const callMetadata = this.getCallMetadata();
        
        // TODO(fix): we should be able to easily have the caller's meomry
        // to lower into here, but it's not present in PrepareCall
        const memory = callMetadata.memory ?? this.#parentTask?.getReturnMemory() ?? lookupMemoriesForComponent({ componentIdx: this.#parentTask?.componentIdx() })[0];
        // NOTE: cancelled resolutions carry no value, so nothing is lowered
        const returned = this.#state === AsyncSubtask.State.RETURNED;
        if (returned && callMetadata && !callMetadata.returnFn && (this.isAsync || callMetadata.funcTypeIsAsync) && callMetadata.resultPtr && memory) {
          const { resultPtr, realloc } = callMetadata;
          const lowers = callMetadata.lowers; // may have been updated in task.return of the child
          if (lowers && lowers.length > 0) {
            lowers[0]({
              componentIdx: this.#componentIdx,
              memory,
              realloc,
              vals: [subtaskValue],
              storagePtr: resultPtr,
              stringEncoding: callMetadata.stringEncoding,
            });
          }
        }
        
        this.#resolved = true;
        this.#parentTask.removeSubtask(this);
        
        if (!this.isAsync) {
          this.deliverResolve();
          const rep = this.waitableRep();
          if (rep) {
            try {
              const removed = this.#getComponentState().handles.remove(rep);
              if (removed !== this) {
                throw new Error("unexpectedly received non-self Subtask from handle removal");
              }
              this.drop();
            } catch (err) {
              _debugLog('[AsyncSubtask#onResolve()] failed to remove subtask after sync subtask completion', err);
            }
          }
        }
      }
      
      getStateNumber() { return this.#state; }
      isReturned() { return this.#state === AsyncSubtask.State.RETURNED; }
      
      getCallMetadata() { return this.#callMetadata; }
      
      isResolved() {
        if (this.#state === AsyncSubtask.State.STARTING
        || this.#state === AsyncSubtask.State.STARTED) {
          return false;
        }
        if (this.#state === AsyncSubtask.State.RETURNED
        || this.#state === AsyncSubtask.State.CANCELLED_BEFORE_STARTED
        || this.#state === AsyncSubtask.State.CANCELLED_BEFORE_RETURNED) {
          return true;
        }
        throw new Error('unrecognized internal Subtask state [' + this.#state + ']');
      }
      
      addLender(handle) {
        _debugLog('[AsyncSubtask#addLender()] args', { handle });
        if (!Number.isNumber(handle)) { throw new Error('missing/invalid lender handle [' + handle + ']'); }
        
        if (this.#lenders.length === 0 || this.isResolved()) {
          throw new Error('subtask has no lendors or has already been resolved');
        }
        
        handle.lends++;
        this.#lenders.push(handle);
      }
      
      deliverResolve() {
        _debugLog('[AsyncSubtask#deliverResolve()] args', {
          lenders: this.#lenders,
          parentTaskID: this.parentTaskID(),
          subtaskID: this.#id,
          childTaskID: this.childTaskID(),
          resolved: this.isResolved(),
          resolveDelivered: this.resolveDelivered(),
        });
        
        const cannotDeliverResolve = this.resolveDelivered() || !this.isResolved();
        if (cannotDeliverResolve) {
          throw new Error('subtask cannot deliver resolution twice, and the subtask must be resolved');
        }
        
        for (const lender of this.#lenders) {
          lender.lends--;
        }
        
        this.#lenders = null;
      }
      
      resolveDelivered() {
        _debugLog('[AsyncSubtask#resolveDelivered()] args', { });
        if (this.#lenders === null && !this.isResolved()) {
          throw new Error('invalid subtask state, lenders missing and subtask has not been resolved');
        }
        return this.#lenders === null;
      }
      
      drop() {
        _debugLog('[AsyncSubtask#drop()] args', {
          componentIdx: this.#componentIdx,
          parentTaskID: this.#parentTask?.id(),
          parentTaskFnName: this.#parentTask?.entryFnName(),
          childTaskID: this.#childTask?.id(),
          childTaskFnName: this.#childTask?.entryFnName(),
          subtaskFnName: this.fnName,
        });
        if (!this.#waitable) { throw new Error('missing/invalid inner waitable'); }
        if (!this.resolveDelivered()) {
          throw new Error('cannot drop a subtask which has not yet resolved');
        }
        if (this.#waitable) { this.#waitable.drop() }
        this.#dropped = true;
      }
      
      #getComponentState() {
        const state = getOrCreateAsyncState(this.#componentIdx);
        if (!state) {
          throw new Error('invalid/missing async state for component [' + componentIdx + ']');
        }
        return state;
      }
      
      getWaitableHandleIdx() {
        _debugLog('[AsyncSubtask#getWaitableHandleIdx()] args', { });
        if (!this.#waitable) { throw new Error('missing/invalid waitable'); }
        return this.waitableRep();
      }
    }
    
    class FutureValue {
      #start;
      #settled;
      #hideThen = 0;
      #thenFn;
      
      constructor(start) {
        if (typeof start !== 'function') {
          throw new TypeError('future start operation must be a function');
        }
        this.#start = start;
        this.#thenFn = this.#then.bind(this);
      }
      
      get then() {
        return this.#hideThen === 0 ? this.#thenFn : undefined;
      }
      
      #read() {
        if (!this.#settled) {
          // The start operation resolves to a non-thenable box so a
          // future-valued payload cannot be assimilated by this Promise.
          this.#settled = Promise.resolve().then(this.#start);
        }
        return this.#settled;
      }
      
      resolveAsValue(resolve) {
        this.#hideThen++;
        try {
          resolve(this);
        } finally {
          this.#hideThen--;
        }
      }
      
      #deliver(resolve, value) {
        if (value instanceof FutureValue) {
          // Promise resolution reads `then` synchronously. Hide it only
          // for that lookup so resolving this layer yields the inner
          // FutureValue instead of recursively awaiting it.
          value.resolveAsValue(resolve);
          return;
        }
        resolve(value);
      }
      
      #then(resolve, reject) {
        return this.#read().then(
        box => this.#deliver(resolve, box.value),
        reject,
        );
      }
    }
    const ASYNC_DETERMINISM = 'random';
    const _coinFlip = () => { return Math.random() > 0.5; };
    
    const ASYNC_EVENT_CODE = {
      NONE: 0,
      SUBTASK: 1,
      STREAM_READ: 2,
      STREAM_WRITE: 3,
      FUTURE_READ: 4,
      FUTURE_WRITE: 5,
      TASK_CANCELLED: 6,
    };
    const CURRENT_TASK_META = {};
    
    function _withGlobalCurrentTaskMeta(args) {
      _debugLog('[_withGlobalCurrentTaskMeta()] args', args);
      if (!args) { throw new TypeError('args missing'); }
      if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
      if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
      if (!args.fn) { throw new TypeError('missing fn'); }
      const { taskID, componentIdx, fn } = args;
      const previous = CURRENT_TASK_META[componentIdx] ?? null;
      const previousCurrent = CURRENT_TASK_META.current ?? null;
      
      try {
        CURRENT_TASK_META.current =
        CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
        return fn();
      } catch (err) {
        _debugLog("error while executing sync callee/callback", {
          ...args,
          err,
        });
        throw err;
      } finally {
        // Synchronous wrappers can nest without any intervening JS
        // scheduling. Restore the caller rather than clearing it so
        // helper core exports (for example fused return adapters) can
        // temporarily run under a different task of the same component.
        CURRENT_TASK_META[componentIdx] = previous;
        CURRENT_TASK_META.current = previousCurrent;
      }
    }
    
    async function _withGlobalCurrentTaskMetaAsync(args) {
      _debugLog('[_withGlobalCurrentTaskMetaAsync()] args', args);
      if (!args) { throw new TypeError('args missing'); }
      if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
      if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
      if (!args.fn) { throw new TypeError('missing fn'); }
      
      const { taskID, componentIdx, fn } = args;
      
      try {
        CURRENT_TASK_META.current =
        CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
        return await fn();
      } catch (err) {
        _debugLog("error while executing async callee/callback", {
          ...args,
          err,
        });
        throw err;
      } finally {
        CURRENT_TASK_META[componentIdx] = null;
        if (CURRENT_TASK_META.current?.taskID === taskID) {
          CURRENT_TASK_META.current = null;
        }
      }
    }
    
    class AsyncTask {
      static _ID = 0n;
      
      static State = {
        INITIAL: 'initial',
        CANCELLED: 'cancelled',
        CANCEL_PENDING: 'cancel-pending',
        CANCEL_DELIVERED: 'cancel-delivered',
        RESOLVED: 'resolved',
      }
      
      static BlockResult = {
        CANCELLED: 'block.cancelled',
        NOT_CANCELLED: 'block.not-cancelled',
      }
      
      #id;
      #componentIdx;
      #state;
      #isAsync;
      #isManualAsync;
      #callingWasmExport = true;
      #lockFreeEntry = false;
      #preserveFutureResult;
      #entryFnName = null;
      
      #onResolveHandlers = [];
      #progressWaiters = [];
      #completionPromise = null;
      #completionValue;
      #completionReady = false;
      #settleCompletionPromise;
      #rejected = false;
      
      #exitPromise = null;
      #onExitHandlers = [];
      
      #memoryIdx = null;
      #memory = null;
      
      #callbackFn = null;
      #callbackFnName = null;
      
      #postReturnFn = null;
      
      #getCalleeParamsFn = null;
      #calleeIsAsync = null;
      
      #stringEncoding = null;
      
      #parentSubtask = null;
      
      #errHandling;
      
      #backpressurePromise;
      #backpressureWaiters = 0n;
      
      #returnLowerFns = null;
      
      #resourceScopeId;
      #resourceBorrowCount = 0;
      #resourceLenders = [];
      #resourceScopeExited = false;
      
      #subtasks = [];
      
      #entered = false;
      #exited = false;
      #errored = null;
      
      cancelled = false;
      cancelRequested = false;
      alwaysTaskReturn = false;
      
      returnCalls =  0;
      storage = [0, 0];
      tmpRetI64HighBits = 0|0;
      
      constructor(opts) {
        this.#id = ++AsyncTask._ID;
        this.#resourceScopeId = ++RESOURCE_SCOPE_ID;
        RESOURCE_SCOPE_TASKS.set(this.#resourceScopeId, this);
        
        if (opts?.componentIdx === undefined) {
          throw new TypeError('missing component id during task creation');
        }
        this.#componentIdx = opts.componentIdx;
        
        this.#state = AsyncTask.State.INITIAL;
        this.#isAsync = opts?.isAsync ?? false;
        this.#isManualAsync = opts?.isManualAsync ?? false;
        this.#preserveFutureResult = opts?.preserveFutureResult ?? false;
        this.#entryFnName = opts.entryFnName;
        // Tasks that execute guest slices (export calls, fused
        // callees) default to true; import-handler tasks pass false
        // explicitly (they run host code nested inside the caller's
        // already-locked slice).
        this.#callingWasmExport = opts?.callingWasmExport !== false;
        
        const {
          promise: completionPromise,
          resolve: resolveCompletionPromise,
          reject: rejectCompletionPromise,
        } = promiseWithResolvers();
        this.#completionPromise = completionPromise;
        // A nested rejection can reach the root task while its Wasm
        // entrypoint is still suspended, before the export wrapper awaits
        // this promise. Mark it handled immediately while preserving the
        // original rejected promise for the eventual caller.
        completionPromise.catch(() => {});
        
        let completionSettled = false;
        const settleCompletionPromise = () => {
          if (completionSettled || !this.#completionReady) { return; }
          completionSettled = true;
          if (this.#errored !== null) {
            rejectCompletionPromise(this.#errored);
          } else if (this.#rejected) {
            rejectCompletionPromise(this.#completionValue);
          } else if (
          this.#preserveFutureResult
          && this.#completionValue instanceof FutureValue
          ) {
            this.#completionValue.resolveAsValue(resolveCompletionPromise);
          } else {
            resolveCompletionPromise(this.#completionValue);
          }
        };
        
        this.#settleCompletionPromise = settleCompletionPromise;
        this.#onResolveHandlers.push((results) => {
          if (this.#parentSubtask !== null) { return; }
          if (!this.#isAsync && !this.#isManualAsync) { return; }
          this.#completionValue = results;
          this.#completionReady = true;
          // Publish after the current guest slice returns, so a trap
          // in that slice can still reject the call. Do not wait for
          // task exit: detached work may require further host calls
          // or consumption of a returned resource's stream.
        });
        
        const {
          promise: exitPromise,
          resolve: resolveExitPromise,
          reject: rejectExitPromise,
        } = promiseWithResolvers();
        this.#exitPromise = exitPromise;
        
        this.#onExitHandlers.push(() => {
          if (this.#parentSubtask === null && (this.#isAsync || this.#isManualAsync)) {
            settleCompletionPromise();
          }
          resolveExitPromise();
        });
        
        if (opts.callbackFn) { this.#callbackFn = opts.callbackFn; }
        if (opts.callbackFnName) { this.#callbackFnName = opts.callbackFnName; }
        
        if (opts.getCalleeParamsFn) { this.#getCalleeParamsFn = opts.getCalleeParamsFn; }
        if (opts.stringEncoding) { this.#stringEncoding = opts.stringEncoding; }
        
        if (opts.parentSubtask) { this.#parentSubtask = opts.parentSubtask; }
        
        
        if (opts.errHandling) { this.#errHandling = opts.errHandling; }
      }
      
      taskState() { return this.#state; }
      id() { return this.#id; }
      componentIdx() { return this.#componentIdx; }
      entryFnName() { return this.#entryFnName; }
      
      resourceScopeId() { return this.#resourceScopeId; }
      
      addBorrowedHandle() {
        if (this.#resourceScopeExited) {
          throw new Error('cannot add a borrow to an exited resource scope');
        }
        this.#resourceBorrowCount++;
      }
      
      removeBorrowedHandle() {
        if (this.#resourceBorrowCount === 0) {
          throw new Error('resource borrow count underflow');
        }
        this.#resourceBorrowCount--;
      }
      
      addResourceLender(table, handle) {
        if (this.#resourceScopeExited) {
          throw new Error('cannot add a lender to an exited resource scope');
        }
        this.#resourceLenders.push({ table, handle });
      }
      
      validateResourceBorrowScope() {
        if (this.#resourceScopeExited) { return; }
        if (this.#resourceBorrowCount !== 0) {
          throw new WebAssemblyRuntimeError('borrow handles still remain at the end of the call');
        }
        for (const { table, handle } of this.#resourceLenders) {
          const idx = handle << 1;
          const lendCount = table[idx];
          if (!Number.isInteger(lendCount) || lendCount <= 0 || lendCount >= 2**30) {
            throw new Error('invalid resource lender state at scope exit');
          }
          table[idx] = lendCount - 1;
        }
        this.#resourceLenders = [];
        this.#resourceScopeExited = true;
        RESOURCE_SCOPE_TASKS.delete(this.#resourceScopeId);
      }
      
      completionPromise() { return this.#completionPromise; }
      settleCompletion() { this.#settleCompletionPromise(); }
      exitPromise() { return this.#exitPromise; }
      
      waitForProgress() {
        const { promise, resolve } = promiseWithResolvers();
        this.#progressWaiters.push(resolve);
        return promise;
      }
      
      notifyProgress() {
        const waiters = this.#progressWaiters;
        this.#progressWaiters = [];
        for (const resolve of waiters) { resolve(); }
      }
      
      isAsync() { return this.#isAsync; }
      isManualAsync() { return this.#isManualAsync; }
      isSync() { return !this.isAsync(); }
      
      getErrHandling() { return this.#errHandling; }
      
      hasCallback() { return this.#callbackFn !== null; }
      
      getReturnMemoryIdx() { return this.#memoryIdx; }
      setReturnMemoryIdx(idx) {
        if (idx === null) { return; }
        this.#memoryIdx = idx;
      }
      
      getReturnMemory() { return this.#memory; }
      setReturnMemory(m) {
        if (m === null) { return; }
        this.#memory = m;
      }
      
      setReturnLowerFns(fns) { this.#returnLowerFns = fns; }
      getReturnLowerFns() { return this.#returnLowerFns; }
      
      setCalleeIsAsync(value) {
        if (typeof value !== 'boolean') { throw new TypeError('callee async state must be a boolean'); }
        this.#calleeIsAsync = value;
      }
      
      setParentSubtask(subtask) {
        if (!subtask || !(subtask instanceof AsyncSubtask)) { return }
        if (this.#parentSubtask) { throw new Error('parent subtask can only be set once'); }
        this.#parentSubtask = subtask;
      }
      
      getParentSubtask() { return this.#parentSubtask; }
      
      // TODO(threads): this is very inefficient, we can pass along a root task,
      // and ideally do not need this once thread support is in place
      getRootTask() {
        let currentSubtask = this.getParentSubtask();
        let task = this;
        while (currentSubtask) {
          task = currentSubtask.getParentTask();
          currentSubtask = task.getParentSubtask();
        }
        return task;
      }
      
      setPostReturnFn(f) {
        if (!f) { return; }
        if (this.#postReturnFn) { throw new Error('postReturn fn can only be set once'); }
        this.#postReturnFn = f;
      }
      
      setCallbackFn(f, name) {
        if (!f) { return; }
        if (this.#callbackFn) { throw new Error('callback fn can only be set once'); }
        this.#callbackFn = f;
        this.#callbackFnName = name;
      }
      
      getCallbackFnName() {
        if (!this.#callbackFnName) { return undefined; }
        return this.#callbackFnName;
      }
      
      runCallbackFn(...args) {
        if (!this.#callbackFn) { throw new Error('no callback function has been set for task'); }
        if (this.#callbackFn._jcoMaySuspend === false) {
          return _withGlobalCurrentTaskMeta({
            taskID: this.#id,
            componentIdx: this.#componentIdx,
            fn: () => this.#callbackFn.apply(null, args),
          });
        }
        return _withGlobalCurrentTaskMetaAsync({
          taskID: this.#id,
          componentIdx: this.#componentIdx,
          fn: () => { return this.#callbackFn.apply(null, args); }
        });
      }
      
      getCalleeParams() {
        if (!this.#getCalleeParamsFn) { throw new Error('missing/invalid getCalleeParamsFn'); }
        return this.#getCalleeParamsFn();
      }
      
      // Legacy manually-async exports are sync-typed in the component
      // but use JSPI precisely so their guest stack may suspend.
      mayBlock() { return this.isAsync() || this.isManualAsync() || this.isResolvedState() }
      
      mayEnter(task) {
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        if (cstate.hasBackpressure()) {
          _debugLog('[AsyncTask#mayEnter()] disallowed due to backpressure', { taskID: this.#id });
          return false;
        }
        if (!cstate.callingSyncImport()) {
          _debugLog('[AsyncTask#mayEnter()] disallowed due to sync import call', { taskID: this.#id });
          return false;
        }
        const callingSyncExportWithSyncPending = cstate.callingSyncExport && !task.isAsync;
        if (!callingSyncExportWithSyncPending) {
          _debugLog('[AsyncTask#mayEnter()] disallowed due to sync export w/ sync pending', { taskID: this.#id });
          return false;
        }
        return true;
      }
      
      enterSync() {
        if (this.needsExclusiveLock()) {
          const cstate = getOrCreateAsyncState(this.#componentIdx);
          if (!cstate.isExclusivelyLocked()) {
            cstate.exclusiveLock(this.#id);
          } else {
            // A host-called sync export arriving while another
            // task's slice holds the lock: synchronous entry
            // cannot wait, and historically this entry silently
            // stole the hold. Run without the lock instead --
            // the holder's bookkeeping stays intact and its
            // release still pairs
            this.#lockFreeEntry = true;
            _debugLog('[AsyncTask#enterSync()] entering without exclusive lock', {
              taskID: this.#id,
              componentIdx: this.#componentIdx,
            });
          }
        }
        return true;
      }
      
      tryEnter() {
        if (this.#entered) {
          throw new Error(`task with ID [${this.#id}] should not be entered twice`);
        }
        
        if (this.deliverPendingCancel({ cancellable: true })) {
          this.cancel();
          return false;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        if (this.isSync()) {
          this.#entered = true;
          return true;
        }
        if (cstate.hasBackpressure()) { return null; }
        if (this.needsExclusiveLock()) {
          if (cstate.isExclusivelyLocked()) { return null; }
          cstate.exclusiveLock(this.#id);
        }
        
        if (this.deliverPendingCancel({ cancellable: true })) {
          cstate.exclusiveRelease(this.#id);
          this.cancel();
          return false;
        }
        
        this.#entered = true;
        return true;
      }
      
      async enter(opts) {
        _debugLog('[AsyncTask#enter()] args', {
          taskID: this.#id,
          componentIdx: this.#componentIdx,
          subtaskID: this.getParentSubtask()?.id(),
          args: opts,
          entryFnName: this.#entryFnName,
        });
        
        if (this.#entered) {
          throw new Error(`task with ID [${this.#id}] should not be entered twice`);
        }
        
        // If cancellation was requested before the task was entered, resolve
        // as cancelled without ever running guest code
        if (this.deliverPendingCancel({ cancellable: true })) {
          this.cancel();
          return false;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        
        if (opts?.isHost) {
          this.#entered = true;
          // A guest task may be synchronously blocked in this
          // host entry. Propagate that boundary so an async
          // cancellation driver can yield BLOCKED while the host
          // operation is outstanding.
          const parentTask = this.#parentSubtask?.getParentTask();
          if (
          parentTask?.taskState() === AsyncTask.State.CANCEL_DELIVERED
          || (parentTask && !parentTask.hasCallback())
          ) {
            parentTask.notifyProgress();
          }
          return this.#entered;
        }
        
        // NOTE: concurrent task lifetimes within one component instance are
        // permitted by the Component Model: entry is governed by the
        // backpressure and exclusive-lock checks below (the lock is held per
        // execution slice, not for the task's lifetime).
        //
        // Serializing entire task lifetimes here (the former "execution slot" queue)
        // deadlocks pipelines where a parked long-lived task's progress depends on a
        // later entry into the same component.
        
        // If a task is synchronous then we can avoid component-relevant
        // tracking and immediately enter.
        if (this.isSync()) {
          this.#entered = true;
          
          // TODO(breaking): remove once manually-specifying async fns is removed
          // It is currently possible for an actually sync export to be specified
          // as async via JSPI
          if (this.#isManualAsync) {
            if (this.needsExclusiveLock()) { await cstate.acquireExclusiveLock(this.#id); }
          }
          
          return this.#entered;
        }
        
        // Perform intial backpressure check
        if (cstate.hasBackpressure()) {
          cstate.addBackpressureWaiter();
          
          const result = await this.waitUntil({
            readyFn: () => {
              return !cstate.hasBackpressure();
            },
            cancellable: true,
          });
          
          cstate.removeBackpressureWaiter();
          
          if (!result || this.isCancelled()) {
            if (!this.isResolvedState()) { this.cancel(); }
            return false;
          }
        }
        
        // Acquire the per-slice exclusive lock (FIFO-queued when
        // contended); the first slice runs under this hold and the
        // driver loop releases/re-acquires it per slice thereafter.
        if (this.needsExclusiveLock()) {
          await cstate.acquireExclusiveLock(this.#id);
        }
        
        // Cancellation-before-start may resolve this task while its
        // queued lock acquisition is still pending. Acquiring the lock
        // does not make the already-resolved task runnable again.
        if (this.isResolvedState() || this.isCancelled()) {
          cstate.exclusiveRelease(this.#id);
          return false;
        }
        
        // Cancellation can be requested while entry is waiting for
        // backpressure or its exclusive lock. Do not execute the guest
        // after acquiring a lock for a task that should no longer start.
        if (this.deliverPendingCancel({ cancellable: true })) {
          cstate.exclusiveRelease(this.#id);
          this.cancel();
          return false;
        }
        
        this.#entered = true;
        return this.#entered;
      }
      
      isRunningState() { return this.#state !== AsyncTask.State.RESOLVED; }
      isResolvedState() { return this.#state === AsyncTask.State.RESOLVED; }
      isResolved() { return this.#state === AsyncTask.State.RESOLVED; }
      isExited() { return this.#exited; }
      
      async waitUntil(opts) {
        const { readyFn, cancellable } = opts;
        _debugLog('[AsyncTask#waitUntil()] args', { taskID: this.#id, args: { cancellable } });
        
        // TODO(fix): check for cancel
        // TODO(fix): determinism
        // TODO(threads): add this thread to waiting list
        
        const keepGoing = await this.suspendUntil({
          readyFn,
          cancellable,
        });
        
        return keepGoing;
      }
      
      async yieldUntil(opts) {
        const { readyFn, cancellable } = opts;
        _debugLog('[AsyncTask#yieldUntil()]', {
          taskID: this.#id,
          args: {
            cancellable,
          },
          componentIdx: this.#componentIdx,
        });
        
        // A callback YIELD is an explicit request to let other work run.
        // Unlike waits whose condition is already ready, it must always
        // suspend for at least one scheduler turn.
        const keepGoing = await this.immediateSuspend({ readyFn, cancellable });
        if (keepGoing) {
          return {
            code: ASYNC_EVENT_CODE.NONE,
            payload0: 0,
            payload1: 0,
          };
        }
        
        return {
          code: ASYNC_EVENT_CODE.TASK_CANCELLED,
          payload0: 0,
          payload1: 0,
        };
      }
      
      async suspendUntil(opts) {
        const { cancellable, readyFn } = opts;
        _debugLog('[AsyncTask#suspendUntil()] args', {
          taskID: this.#id,
          args: {
            cancellable,
          },
          componentIdx: this.#componentIdx,
        });
        
        const pendingCancelled = this.deliverPendingCancel({ cancellable });
        if (pendingCancelled) { return false; }
        
        const completed = await this.immediateSuspendUntil({ readyFn, cancellable });
        return completed;
      }
      
      suspendUntilCallback(opts, onResume) {
        const { cancellable, readyFn } = opts;
        if (this.deliverPendingCancel({ cancellable })) {
          onResume(false);
          return;
        }
        
        const cstate = getOrCreateAsyncState(this.#componentIdx);
        cstate.suspendTask({
          task: this,
          cancellable,
          readyFn: () => {
            if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
              return true;
            }
            return readyFn();
          },
          onResume: (keepGoing) => {
            if (keepGoing && this.deliverPendingCancel({ cancellable })) {
              keepGoing = false;
            }
            onResume(keepGoing);
          },
        });
      }
      
      // TODO(threads): equivalent to thread.suspend_until()
      async immediateSuspendUntil(opts) {
        const { cancellable, readyFn } = opts;
        _debugLog('[AsyncTask#immediateSuspendUntil()] args', {
          args: {
            cancellable,
            readyFn,
          },
          taskID: this.#id,
          componentIdx: this.#componentIdx,
        });
        
        const ready = readyFn();
        if (ready && ASYNC_DETERMINISM === 'random') {
          const coinFlip = _coinFlip();
          if (coinFlip) { return true }
        }
        
        const keepGoing = await this.immediateSuspend({ cancellable, readyFn });
        return keepGoing;
      }
      
      async immediateSuspend(opts) { // NOTE: equivalent to thread.suspend()
      // TODO(threads): store readyFn on the thread
      const { cancellable, readyFn } = opts;
      _debugLog('[AsyncTask#immediateSuspend()] args', { cancellable, readyFn });
      
      const pendingCancelled = this.deliverPendingCancel({ cancellable });
      if (pendingCancelled) { return false; }
      
      const cstate = getOrCreateAsyncState(this.#componentIdx);
      const keepGoing = await cstate.suspendTask({
        task: this,
        cancellable,
        readyFn: () => {
          // A pending cancellation request wakes cancellable waits
          if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
            return true;
          }
          return readyFn();
        },
      });
      if (keepGoing && this.deliverPendingCancel({ cancellable })) { return false; }
      return keepGoing;
    }
    
    deliverPendingCancel(opts) {
      const { cancellable } = opts;
      _debugLog('[AsyncTask#deliverPendingCancel()]', {
        args: { cancellable },
        taskID: this.#id,
        componentIdx: this.#componentIdx,
      });
      
      if (cancellable && this.#state === AsyncTask.State.CANCEL_PENDING) {
        this.#state = AsyncTask.State.CANCEL_DELIVERED;
        return true;
      }
      
      return false;
    }
    
    isCancelled() { return this.cancelled }
    cancellationRequested() { return this.cancelRequested; }
    
    // Request cooperative cancellation of this task, called on behalf of a
    // supertask performing `subtask.cancel` on the subtask this task backs.
    //
    // The request is delivered at this task's next cancellable wait
    // (see suspendUntil/immediateSuspend), at which point the task is
    // expected to acknowledge via `task.cancel` or still resolve via
    // `task.return`.
    requestCancellation() {
      _debugLog('[AsyncTask#requestCancellation()] args', {
        taskID: this.#id,
        componentIdx: this.#componentIdx,
        state: this.#state,
      });
      if (this.isResolvedState() || this.cancelRequested) { return; }
      this.cancelRequested = true;
      if (this.#state === AsyncTask.State.INITIAL) {
        this.#state = AsyncTask.State.CANCEL_PENDING;
      }
      // Nudge the component's tick loop so that any suspended cancellable
      // wait observes the pending cancellation promptly
      getOrCreateAsyncState(this.#componentIdx).runTickLoop();
    }
    
    cancel(args) {
      _debugLog('[AsyncTask#cancel()] args', { });
      if (this.taskState() !== AsyncTask.State.CANCEL_DELIVERED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}] invalid task state [${this.taskState()}] for cancellation`);
      }
      this.validateResourceBorrowScope();
      this.cancelled = true;
      // Cancelled tasks resolve with no value (spec: `Task.cancel` calls
      // `on_resolve(None)`); an explicit error is only present on the
      // host-driven rejection path (see `reject()`).
      this.onResolve(args?.error ?? null);
      this.#state = AsyncTask.State.RESOLVED;
      // A task cancelled before entry has no driver loop that can
      // report its exit. Entered tasks notify after releasing their
      // component slice in `exit()`.
      if (!this.#entered) { this.notifyProgress(); }
    }
    
    onResolve(taskValue) {
      const handlers = this.#onResolveHandlers;
      this.#onResolveHandlers = [];
      for (const f of handlers) {
        try {
          f(taskValue);
        } catch (err) {
          _debugLog("[AsyncTask#onResolve] error during task resolve handler", err);
          throw err;
        }
      }
      
      // Rejections are control-flow failures, not canonical ABI results.
      // Propagate them through the subtask chain without running return
      // lowering or post-return hooks for a successful result.
      if (this.#rejected) {
        this.#parentSubtask?.reject(taskValue);
        return;
      }
      
      // NOTE: if the parent subtask has already been resolved (e.g. it was
      // cancelled via `subtask.cancel` while this task was still pending),
      // this task's resolution must be discarded rather than delivered.
      const parentSubtaskPending = this.#parentSubtask && !this.#parentSubtask.isResolved();
      const taskReturned = !this.isCancelled();
      
      if (parentSubtaskPending && taskReturned) {
        const meta = this.#parentSubtask.getCallMetadata();
        // Run the rturn fn if it has not already been called -- this *should* have happened in
        // `task.return`, but some paths do not go through task.return (e.g. async lower of sync fn
        // which goes through prepare + async-start-call)
        if (meta.returnFn && !meta.returnFnCalled) {
          _debugLog('[AsyncTask#onResolve()] running returnFn', {
            componentIdx: this.#componentIdx,
            taskID: this.#id,
            subtaskID: this.#parentSubtask.id(),
          });
          const callerTask = this.#parentSubtask.getParentTask();
          _withGlobalCurrentTaskMeta({
            taskID: callerTask.id(),
            componentIdx: callerTask.componentIdx(),
            fn: () => meta.returnFn.apply(null, [taskValue, meta.resultPtr]),
          });
          meta.returnFnCalled = true;
        }
      }
      
      if (this.#postReturnFn && taskReturned) {
        _debugLog('[AsyncTask#onResolve()] running post return ', {
          componentIdx: this.#componentIdx,
          taskID: this.#id,
        });
        try {
          _withGlobalCurrentTaskMeta({
            taskID: this.#id,
            componentIdx: this.#componentIdx,
            fn: () => this.#postReturnFn(taskValue),
          });
        } catch (err) {
          _debugLog("[AsyncTask#onResolve] error during task resolve handler", err);
          throw err;
        }
      }
      
      if (parentSubtaskPending) {
        this.#parentSubtask.onResolve(taskValue);
      }
    }
    
    registerOnResolveHandler(f) {
      this.#onResolveHandlers.push(f);
    }
    
    isRejected() { return this.#rejected; }
    
    isErrored() { return this.#errored; }
    setErrored(err) {
      // Preserve the originating trap when unwinding through
      // additional guest frames produces secondary traps (often
      // an `unreachable` after a call which was expected to trap).
      if (this.#errored === null) { this.#errored = err; }
    }
    
    reject(taskErr) {
      _debugLog('[AsyncTask#reject()] args', {
        componentIdx: this.#componentIdx,
        taskID: this.#id,
        parentSubtask: this.#parentSubtask,
        parentSubtaskID: this.#parentSubtask?.id(),
        entryFnName: this.entryFnName(),
        callbackFnName: this.#callbackFnName,
        errMsg: taskErr.message,
      });
      
      this.setErrored(taskErr);
      if (this.#rejected) { return; }
      
      // A task may call `task.return` before its callback exits.
      // A trap in cleanup or spawned work must still reject the
      // host call and poison the enclosing task chain.
      if (this.isResolvedState()) {
        this.#rejected = true;
        this.#errored = taskErr;
        const parentTask = this.#parentSubtask?.getParentTask();
        if (parentTask) { parentTask.reject(taskErr); }
        return;
      }
      
      this.#rejected = true;
      this.cancelRequested = true;
      this.#state = AsyncTask.State.CANCEL_PENDING;
      const cancelled = this.deliverPendingCancel({ cancellable: true });
      
      // TODO: do cleanup here to reset the machinery so we can run again?
      
      this.cancel({ error: taskErr });
    }
    
    resolve(results) {
      _debugLog('[AsyncTask#resolve()] args', {
        componentIdx: this.#componentIdx,
        taskID: this.#id,
        entryFnName: this.entryFnName(),
        callbackFnName: this.#callbackFnName,
      });
      
      if (this.#state === AsyncTask.State.RESOLVED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}]  is already resolved (did you forget to wait for an import?)`);
      }
      
      this.validateResourceBorrowScope();
      
      this.#state = AsyncTask.State.RESOLVED;
      
      switch (results.length) {
        case 0:
        this.onResolve(undefined);
        break;
        case 1:
        this.onResolve(results[0]);
        break;
        default:
        _debugLog('[AsyncTask#resolve()] unexpected number of results', {
          componentIdx: this.#componentIdx,
          results,
          taskID: this.#id,
          subtaskID: this.#parentSubtask?.id(),
          entryFnName: this.#entryFnName,
          callbackFnName: this.#callbackFnName,
        });
        throw new Error('unexpected number of results');
      }
    }
    
    exit(args) {
      _debugLog('[AsyncTask#exit()]', {
        componentIdx: this.#componentIdx,
        taskID: this.#id,
      });
      
      if (this.#exited)  { throw new Error("task has already exited"); }
      
      if (this.#state !== AsyncTask.State.RESOLVED) {
        throw new Error(`(component [${this.#componentIdx}]) task [${this.#id}] exited without resolution`);
      }
      
      this.validateResourceBorrowScope();
      
      const state = getOrCreateAsyncState(this.#componentIdx);
      if (!state) { throw new Error('missing async state for component [' + this.#componentIdx + ']'); }
      
      // Exempt the host from exclusive lock check
      if (this.#componentIdx !== -1 && !args?.skipExclusiveLockCheck && !this.#lockFreeEntry) {
        if (this.needsExclusiveLock() && !state.exclusivelyLockedBy(this.#id)) {
          throw new Error(`task [${this.#id}] exit: component [${this.#componentIdx}] should have been exclusively locked by it`);
        }
      }
      
      // Ownership-checked: releases only this task's own hold (a
      // task exiting while another task's slice holds the lock no
      // longer clears the foreign hold).
      state.exclusiveRelease(this.#id);
      this.notifyProgress();
      
      for (const f of this.#onExitHandlers) {
        try {
          f();
        } catch (err) {
          console.error("error during task exit handler", err);
          throw err;
        }
      }
      
      this.#exited = true;
      clearCurrentTask(this.#componentIdx, this.id());
    }
    
    needsExclusiveLock() {
      // Host (-1) tasks model host-side import handling: there is no
      // guest linear memory or executor state to protect, and host
      // calls from unrelated guest components would contend spuriously.
      if (this.#componentIdx === -1) { return false; }
      // Import-handler tasks (CallInterface) run host code nested
      // inside the calling guest slice, which already holds the
      // lock; only tasks that execute guest slices need it.
      if (!this.#callingWasmExport) { return false; }
      // A sync-lifted callee cannot be reentered until the whole
      // stackful call returns. This is the Component Model's
      // automatic-backpressure rule for async-lowered calls.
      return !this.#isAsync || this.hasCallback() || this.#calleeIsAsync === false;
    }
    
    createSubtask(args) {
      _debugLog('[AsyncTask#createSubtask()] args', args);
      const { componentIdx, childTask, callMetadata, fnName, isAsync, isManualAsync } = args;
      
      const cstate = getOrCreateAsyncState(this.#componentIdx);
      if (!cstate) {
        throw new Error(`invalid/missing async state for component idx [${componentIdx}]`);
      }
      
      const waitable = new Waitable({
        componentIdx: this.#componentIdx,
        target: `subtask (internal ID [${this.#id}])`,
      });
      
      const newSubtask = new AsyncSubtask({
        componentIdx,
        childTask,
        parentTask: this,
        callMetadata,
        isAsync,
        isManualAsync,
        fnName,
        waitable,
      });
      this.#subtasks.push(newSubtask);
      newSubtask.setTarget(`subtask (internal ID [${newSubtask.id()}], waitable [${waitable.idx()}], component [${componentIdx}])`);
      waitable.setIdx(cstate.handles.insert(newSubtask));
      waitable.setTarget(`waitable for subtask (waitable id [${waitable.idx()}], subtask internal ID [${newSubtask.id()}])`);
      return newSubtask;
    }
    
    getLatestSubtask() {
      return this.#subtasks.at(-1);
    }
    
    getSubtaskByWaitableRep(rep) {
      if (rep === undefined) { throw new TypeError('missing rep'); }
      return this.#subtasks.find(s => s.waitableRep() === rep);
    }
    
    currentSubtask() {
      _debugLog('[AsyncTask#currentSubtask()]');
      if (this.#subtasks.length === 0) { return undefined; }
      return this.#subtasks.at(-1);
    }
    
    removeSubtask(subtask) {
      if (this.#subtasks.length === 0) {
        throw new Error('cannot end current subtask: no current subtask');
      }
      this.#subtasks = this.#subtasks.filter(t => t !== subtask);
      return subtask;
    }
  }
  
  function createNewCurrentTask(args) {
    _debugLog('[createNewCurrentTask()] args', args);
    const {
      componentIdx,
      isAsync,
      isManualAsync,
      preserveFutureResult,
      entryFnName,
      parentSubtaskID,
      callbackFnName,
      getCallbackFn,
      getParamsFn,
      stringEncoding,
      errHandling,
      getCalleeParamsFn,
      resultPtr,
      callingWasmExport,
    } = args;
    if (componentIdx === undefined || componentIdx === null) {
      throw new Error('missing/invalid component instance index while starting task');
    }
    let taskMetas = ASYNC_TASKS_BY_COMPONENT_IDX.get(componentIdx);
    const callbackFn = getCallbackFn ? getCallbackFn() : null;
    
    const newTask = new AsyncTask({
      componentIdx,
      isAsync,
      isManualAsync,
      preserveFutureResult,
      entryFnName,
      callbackFn,
      callbackFnName,
      stringEncoding,
      getCalleeParamsFn,
      resultPtr,
      errHandling,
      callingWasmExport,
    });
    
    const newTaskID = newTask.id();
    const newTaskMeta = { id: newTaskID, componentIdx, task: newTask };
    
    // NOTE: do not track host tasks
    ASYNC_CURRENT_TASK_IDS.push(newTaskID);
    ASYNC_CURRENT_COMPONENT_IDXS.push(componentIdx);
    
    if (!taskMetas) {
      taskMetas = [newTaskMeta];
      ASYNC_TASKS_BY_COMPONENT_IDX.set(componentIdx, [newTaskMeta]);
    } else {
      taskMetas.push(newTaskMeta);
    }
    
    return [newTask, newTaskID];
  }
  
  function _checkMayLeave(componentIdx) {
    if (INSTANCE_FLAGS.get(componentIdx)?.value !== 1) {
      throw new WebAssemblyRuntimeError('cannot leave component instance');
    }
  }
  
  function _getGlobalCurrentTaskMeta(componentIdx) {
    const v = componentIdx === undefined || componentIdx === null
    ? CURRENT_TASK_META.current
    : CURRENT_TASK_META[componentIdx];
    if (v === undefined || v === null) {
      return undefined;
    }
    return { ...v };
  }
  
  
  function _setGlobalCurrentTaskMeta(args) {
    if (!args) { throw new TypeError('args missing'); }
    if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
    if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
    const { taskID, componentIdx } = args;
    return CURRENT_TASK_META.current =
    CURRENT_TASK_META[componentIdx] = { taskID, componentIdx };
  }
  
  
  async function _clearCurrentTask(args) {
    _debugLog('[_clearCurrentTask()] args', args);
    if (!args) { throw new TypeError('args missing'); }
    if (args.taskID === undefined) { throw new TypeError('missing task ID'); }
    if (args.componentIdx === undefined) { throw new TypeError('missing component idx'); }
    const { taskID, componentIdx } = args;
    
    const meta = CURRENT_TASK_META[componentIdx];
    if (!meta) { throw new Error(`missing current task meta for component idx [${componentIdx}]`); }
    
    if (meta.taskID !== taskID) {
      throw new Error(`task ID [${meta.taskID}] != requested ID [${taskID}]`);
    }
    if (meta.componentIdx !== componentIdx) {
      throw new Error(`component idx [${meta.componentIdx}] != requested idx [${componentIdx}]`);
    }
    
    CURRENT_TASK_META[componentIdx] = null;
    if (CURRENT_TASK_META.current?.taskID === taskID) {
      CURRENT_TASK_META.current = null;
    }
  }
  
  function _lowerImportBackwardsCompat(args) {
    const params = [...arguments].slice(1);
    _debugLog('[_lowerImportBackwardsCompat()] args', { args, params });
    const {
      functionIdx,
      componentIdx,
      isAsync,
      isManualAsync,
      paramLiftFns,
      resultLowerFns,
      hasResultPointer,
      funcTypeIsAsync,
      metadata,
      memoryIdx,
      getMemoryFn,
      getReallocFn,
      importFn,
      stringEncoding,
    } = args;
    
    _checkMayLeave(componentIdx);
    
    let meta = _getGlobalCurrentTaskMeta(componentIdx);
    let createdTask;
    
    // Some components depend on initialization logic (i.e. `_initialize` or some such
    // core wasm export) that is embedded in the component, but is not executed or wizer'd
    // away before the transpiled component is attempted to be used.
    //
    // These components execut their initialization logic *when they are imported* in the
    // transpiled context -- so we may get a call to an export that is lowered without going
    // through `CallWasm` or `CallInterface`.
    //
    if (!meta) {
      if (funcTypeIsAsync || (isAsync && !isManualAsync)) {
        throw new Error('p3 async wasm exports cannot use backwards compat auto-task init');
      }
      
      const [newTask, newTaskID] = createNewCurrentTask({
        componentIdx,
        isAsync,
        isManualAsync,
        callingWasmExport: false,
      });
      createdTask = newTask;
      
      // Since we're managing the task creation ourselves we must clear ourselves
      createdTask.registerOnResolveHandler(() => {
        _clearCurrentTask({
          taskID: task.id(),
          componentIdx: task.componentIdx(),
        });
      });
      
      _setGlobalCurrentTaskMeta({
        componentIdx,
        taskID: newTaskID,
      });
      
      meta = _getGlobalCurrentTaskMeta(componentIdx);
    }
    
    const { taskID } = meta;
    
    const taskMeta = getCurrentTask(componentIdx, taskID);
    if (!taskMeta) {
      throw new Error('invalid/missing async task meta');
    }
    
    const task = taskMeta.task;
    if (!task) { throw new Error('invalid/missing async task'); }
    
    const cstate = getOrCreateAsyncState(componentIdx);
    
    if (!task.mayBlock() && funcTypeIsAsync && !isAsync) {
      throw new Error("non async exports cannot synchronously call async functions");
    }
    
    // If there is an existing task, this should be part of a subtask
    const memory = getMemoryFn();
    // Canonical ABI lower appends result storage as a trailing
    // param when async lower has any flat result, or sync lower
    // has more than one flat result.
    const resultPtr = hasResultPointer ? params[params.length - 1] : undefined;
    const subtask = task.createSubtask({
      componentIdx,
      parentTask: task,
      fnName: importFn.fnName,
      isAsync,
      isManualAsync,
      callMetadata: {
        memoryIdx,
        memory,
        realloc: getReallocFn?.(),
        getReallocFn,
        resultPtr,
        lowers: resultLowerFns,
        funcTypeIsAsync,
        stringEncoding,
      }
    });
    task.setReturnMemoryIdx(memoryIdx);
    task.setReturnMemory(getMemoryFn());
    
    subtask.onStart();
    
    // If dealing with a sync lowered sync function, we can directly return results
    //
    // TODO(breaking): remove once we get rid of manual async import specification,
    // as func types cannot be detected in that case only (and we don't need that w/ p3)
    if (!isManualAsync && !isAsync && !funcTypeIsAsync) {
      if (createdTask) { createdTask.enterSync(); }
      
      const res = importFn(...params);
      
      // TODO(breaking): remove once we get rid of manual async import specification,
      // as func types cannot be detected in that case only (and we don't need that w/ p3)
      if (!funcTypeIsAsync && !subtask.isReturned()) {
        throw new Error('post-execution subtasks must either be async or returned');
      }
      
      const syncRes = subtask.getResult();
      if (createdTask) { createdTask.resolve([syncRes]); }
      
      return syncRes;
    }
    
    // Sync-lowered async functions requires async behavior because the callee *can* block,
    // but this call must *act* synchronously and return immediately with the result
    // (i.e. not returning until the work is done)
    //
    // TODO(breaking): remove checking for manual async specification here, once we can go p3-only
    //
    if (!isManualAsync && !isAsync && funcTypeIsAsync) {
      const { promise, resolve, reject } = promiseWithResolvers();
      queueMicrotask(async () => {
        try {
          await importFn(...params);
          if (!subtask.isResolved()) {
            await task.suspendUntil({ readyFn: () => subtask.isResolved() });
          }
          resolve(subtask.getResult());
        } catch (err) {
          reject(err);
        }
      });
      return promise;
    }
    
    // NOTE: at this point we know that we are working with an async lowered import
    
    const subtaskState = subtask.getStateNumber();
    if (subtaskState < 0 || subtaskState >= 2**4) {
      throw new Error('invalid subtask state, out of valid range');
    }
    
    subtask.setOnProgressFn(() => {
      subtask.setPendingEvent(() => {
        if (subtask.isResolved()) { subtask.deliverResolve(); }
        const event = {
          code: ASYNC_EVENT_CODE.SUBTASK,
          payload0: subtask.waitableRep(),
          payload1: subtask.getStateNumber(),
        }
        return event;
      });
    });
    
    // This is a hack to maintain backwards compatibility with
    // manually-specified async imports, used in wasm exports that are
    // not actually async (but are specified as so).
    //
    // This is not normal p3 sync behavior but instead anticipating that
    // the caller that is doing manual async will be waiting for a promise that
    // resolves to the *actual* result.
    //
    // TODO(breaking): remove once manually specified async is removed
    //
    // There are a few cases:
    // 1. sync function with async types (e.g. `f: func() -> stream<u32>`)
    // 2. async function with async types (e.g. `f: async func() -> stream<u32>`)
    // 3. async function with sync types (e.g. `f: async func() -> list<u32>`)
    // 4. sync function with non-async types (e.g. `f: func() -> list<u32>`)
    //
    // This hack *only* applies to 4 -- the case where an async JS host function
    // is supplied to a Wasm export which does *not* need to do any async abi
    // lifting/lowering (async ABI did not exist when JSPI integratiton was
    // initially merged to enable asynchronously returning values from the host)
    //
    const requiresManualAsyncResult = !isAsync && !funcTypeIsAsync && isManualAsync;
    let manualAsyncResult;
    if (requiresManualAsyncResult) {
      manualAsyncResult = promiseWithResolvers();
    }
    
    queueMicrotask(async () => {
      try {
        _debugLog('[_lowerImportBackwardsCompat()] calling lowered import', { importFn, params });
        if (createdTask) { await createdTask.enter(); }
        
        const asyncRes = await importFn(...params);
        if (requiresManualAsyncResult) {
          manualAsyncResult.resolve(subtask.getResult());
        }
        
        if (createdTask) { createdTask.resolve([asyncRes]); }
        
        
      } catch (err) {
        _debugLog("[_lowerImportBackwardsCompat()] import fn error:", err);
        if (requiresManualAsyncResult) {
          manualAsyncResult.reject(err);
          return;
        }
        task.setErrored(err);
        task.reject(err);
      }
    });
    
    if (requiresManualAsyncResult) { return manualAsyncResult.promise; }
    
    _debugLog('[_lowerImportBackwardsCompat()] async-lowered import return', {
      fnName: importFn.fnName,
      componentIdx,
      subtaskID: subtask.id(),
      waitableRep: subtask.waitableRep(),
      subtaskState,
      packedResult: Number(subtask.waitableRep()) << 4 | subtaskState,
    });
    
    return Number(subtask.waitableRep()) << 4 | subtaskState;
  }
  
  const CURRENT_TASK_MAY_BLOCK= globalThis.WebAssembly ? new globalThis.WebAssembly.Global({ value: 'i32', mutable: true }, 0) : false;
  
  
  function _liftFlatBool(ctx) {
    _debugLog('[_liftFlatBool()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least a single i32 argument'); }
      val = ctx.params[0] === 1;
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 1) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (bool requires 1 byte)`);
    }
    
    val = new DataView(ctx.memory.buffer).getUint8(ctx.storagePtr, true) === 1;
    
    ctx.storagePtr += 1;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 1; }
    
    return [val, ctx];
  }
  
  
  function _liftFlatU8(ctx) {
    _debugLog('[_liftFlatU8()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least a single i32 argument'); }
      val = ctx.params[0];
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 1) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (u8 requires 1 byte)`);
    }
    
    val = new DataView(ctx.memory.buffer).getUint8(ctx.storagePtr, true);
    
    ctx.storagePtr += 1;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 1; }
    
    return [val, ctx];
  }
  
  
  function _liftFlatU16(ctx) {
    _debugLog('[_liftFlatU16()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least a single i32 argument'); }
      val = ctx.params[0];
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 2) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (u16 requires 2 bytes)`);
    }
    
    val = new DataView(ctx.memory.buffer).getUint16(ctx.storagePtr, true);
    
    ctx.storagePtr += 2;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 2; }
    
    const rem = ctx.storagePtr % 2;
    if (rem !== 0) { ctx.storagePtr += (2 - rem); }
    
    return [val, ctx];
  }
  
  
  function _liftFlatU32(ctx) {
    _debugLog('[_liftFlatU32()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least a single i34 argument'); }
      // core i32 values arrive as signed numbers
      val = ctx.params[0] >>> 0;
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 4) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (u32 requires 4 bytes)`);
    }
    val = new DataView(ctx.memory.buffer).getUint32(ctx.storagePtr, true);
    ctx.storagePtr += 4;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 4; }
    
    return [val, ctx];
  }
  
  
  function _liftFlatU64(ctx) {
    _debugLog('[_liftFlatU64()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length === 0) { throw new Error('expected at least one single i64 argument'); }
      if (typeof ctx.params[0] !== 'bigint') { throw new Error('expected bigint'); }
      // core i64 values arrive as signed BigInts
      val = BigInt.asUintN(64, ctx.params[0]);
      ctx.params = ctx.params.slice(1);
      return [val, ctx];
    }
    
    if (ctx.storageLen !== undefined && ctx.storageLen < 8) {
      throw new Error(`insufficient storage ([${ctx.storageLen}] bytes) for lift (u64 requires 8 bytes)`);
    }
    
    val = new DataView(ctx.memory.buffer).getBigUint64(ctx.storagePtr, true);
    ctx.storagePtr += 8;
    if (ctx.storageLen !== undefined) { ctx.storageLen -= 8; }
    
    return [val, ctx];
  }
  
  
  function _liftFlatStringUTF8(ctx) {
    _debugLog('[_liftFlatStringUTF8()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length < 2) { throw new Error('expected at least two u32 arguments'); }
      let offset = ctx.params[0];
      if (typeof offset === 'bigint') { offset = Number(offset); }
      if (!Number.isSafeInteger(offset)) { throw new Error('invalid offset'); }
      const len = ctx.params[1];
      if (!Number.isSafeInteger(len)) {  throw new Error('invalid len'); }
      val = TEXT_DECODER_UTF8.decode(new DataView(ctx.memory.buffer, offset, len));
      ctx.params = ctx.params.slice(2);
      return [val, ctx];
    }
    
    const rem = ctx.storagePtr % 4;
    if (rem !== 0) { ctx.storagePtr += (4 - rem); }
    
    const dv = new DataView(ctx.memory.buffer);
    const start = dv.getUint32(ctx.storagePtr, true);
    const codeUnits = dv.getUint32(ctx.storagePtr + 4, true);
    
    val = TEXT_DECODER_UTF8.decode(new Uint8Array(ctx.memory.buffer, start, codeUnits));
    
    ctx.storagePtr += 8;
    if (ctx.storageLen !== undefined) { ctx.storagelen -= 8; }
    
    return [val, ctx];
  }
  
  function _liftFlatStringUTF16(ctx) {
    _debugLog('[_liftFlatStringUTF16()] args', { ctx });
    let val;
    
    if (ctx.useDirectParams) {
      if (ctx.params.length < 2) { throw new Error('expected at least two u32 arguments'); }
      let offset = ctx.params[0];
      if (typeof offset === 'bigint') { offset = Number(offset); }
      if (!Number.isSafeInteger(offset)) {  throw new Error('invalid offset'); }
      const len = ctx.params[1];
      if (!Number.isSafeInteger(len)) {  throw new Error('invalid len'); }
      val = utf16Decoder.decode(new DataView(ctx.memory.buffer, offset, len));
      ctx.params = ctx.params.slice(2);
      return [val, ctx];
    }
    
    const data = new DataView(ctx.memory.buffer)
    const start = data.getUint32(ctx.storagePtr, vals[0], true);
    const codeUnits = data.getUint32(ctx.storagePtr, vals[0] + 4, true);
    val = utf16Decoder.decode(new Uint16Array(ctx.memory.buffer, start, codeUnits));
    ctx.storagePtr = ctx.storagePtr + 2 * codeUnits;
    if (ctx.storageLen !== undefined) { ctx.storageLen = ctx.storageLen - 2 * codeUnits }
    
    return [val, ctx];
  }
  
  function _liftFlatStringAny(ctx) {
    switch (ctx.stringEncoding) {
      case 'utf8':
      return _liftFlatStringUTF8(ctx);
      case 'utf16':
      return _liftFlatStringUTF16(ctx);
      default:
      throw new Error(`missing/unrecognized/unsupported string encoding [${ctx.stringEncoding}]`);
    }
  }
  
  function _liftFlatRecord(meta) {
    const { fieldMetas, size32: recordSize32, align32: recordAlign32 } = meta;
    return function _liftFlatRecordInner(ctx) {
      _debugLog('[_liftFlatRecord()] args', { ctx });
      
      const originalPtr = ctx.storagePtr;
      const res = {};
      for (const [key, liftFn, size32, align32] of fieldMetas) {
        let fieldPtr;
        if (ctx.storagePtr !== undefined) {
          const rem = ctx.storagePtr % align32;
          if (rem !== 0) { ctx.storagePtr += align32 - rem; }
          fieldPtr = ctx.storagePtr;
        }
        
        // A field occupies exactly size32 bytes of the record's
        // flat storage. Capture the remaining storage budget before
        // lifting the field and restore it afterwards: a field's own
        // lift fn may repurpose storageLen internally (e.g. a list
        // sets it to the element-buffer length while reading
        // out-of-line data and never restores it), which would
        // otherwise corrupt the budget the next field sees.
        // See https://github.com/bytecodealliance/jco/issues/1585.
        let fieldLen;
        if (ctx.storageLen !== undefined) { fieldLen = ctx.storageLen; }
        
        let [val, newCtx] = liftFn(ctx);
        res[key] = val;
        ctx = newCtx;
        
        if (fieldPtr !== undefined) {
          ctx.storagePtr = Math.max(ctx.storagePtr, fieldPtr + size32);
        }
        if (fieldLen !== undefined) {
          ctx.storageLen = fieldLen - size32;
        }
      }
      
      if (originalPtr !== undefined) {
        ctx.storagePtr = Math.max(ctx.storagePtr, originalPtr + recordSize32);
      }
      
      if (ctx.storagePtr !== undefined) {
        const rem = ctx.storagePtr % recordAlign32;
        if (rem !== 0) { ctx.storagePtr += recordAlign32 - rem; }
      }
      
      return [res, ctx];
    }
  }
  
  const _liftFlatVariantScratch = new DataView(new ArrayBuffer(8));
  
  function _liftFlatVariant(meta) {
    const {
      caseMetas,
      variantSize32,
      variantAlign32,
      variantPayloadOffset32,
      variantFlatCount,
      variantPayloadFlatTypes,
      isEnum,
    } = meta;
    
    return function _liftFlatVariantInner(ctx) {
      _debugLog('[_liftFlatVariant()] args', { ctx });
      const origUseParams = ctx.useDirectParams;
      
      let caseIdx;
      let liftRes;
      const originalPtr = ctx.storagePtr;
      const numCases =  caseMetas.length;
      if (caseMetas.length < 256) {
        liftRes = _liftFlatU8(ctx);
      } else if (numCases >= 256 && numCases < 65536) {
        liftRes = _liftFlatU16(ctx);
      } else if (numCases >= 65536 && numCases < 4_294_967_296) {
        liftRes = _liftFlatU32(ctx);
      } else {
        throw new Error(`unsupported number of variant cases [${numCases}]`);
      }
      caseIdx = liftRes[0];
      ctx = liftRes[1];
      
      const [
      tag,
      liftFn,
      caseSize32,
      caseAlign32,
      caseFlatCount,
      caseFlatTypes,
      ] = caseMetas[caseIdx];
      
      if (variantPayloadOffset32 === undefined) {
        throw new Error('unexpectedly missing payload offset');
      }
      
      if (originalPtr !== undefined) {
        ctx.storagePtr = originalPtr + variantPayloadOffset32;
      }
      
      let val;
      if (liftFn === null) {
        val = { tag };
        // NOTE: here we need to move past the entire object in memory
        // despite moving to the payload which we now know is missing/unnecessary
        if (originalPtr !== undefined) {
          ctx.storagePtr = originalPtr + variantSize32;
        }
      } else {
        // When lifting from direct params, the payload arrives as the
        // *join* of all case flat representations: each slot whose
        // joined core type differs from the selected case's core type
        // must be reinterpreted before the payload lift
        // (see CanonicalABI `lift_flat_variant`)
        if (ctx.useDirectParams) {
          if (!variantPayloadFlatTypes || !caseFlatTypes) {
            throw new Error('missing variant flat type metadata during direct-param lift');
          }
          const scratch = _liftFlatVariantScratch;
          for (let i = 0; i < caseFlatTypes.length; i++) {
            const have = variantPayloadFlatTypes[i];
            const want = caseFlatTypes[i];
            if (have === want) { continue; }
            const val = ctx.params[i];
            if (have === 'i64' && want === 'i32') {
              ctx.params[i] = Number(BigInt.asIntN(32, val));
            } else if (have === 'i64' && want === 'f32') {
              scratch.setInt32(0, Number(BigInt.asIntN(32, val)), true);
              ctx.params[i] = scratch.getFloat32(0, true);
            } else if (have === 'i64' && want === 'f64') {
              scratch.setBigInt64(0, val, true);
              ctx.params[i] = scratch.getFloat64(0, true);
            } else if (have === 'i32' && want === 'f32') {
              scratch.setInt32(0, val, true);
              ctx.params[i] = scratch.getFloat32(0, true);
            } else {
              throw new Error(`invalid variant payload coercion [${have}] -> [${want}]`);
            }
          }
        }
        
        const [newVal, newCtx] = liftFn(ctx);
        val = { tag, val: newVal };
        ctx = newCtx;
      }
      
      if (origUseParams) {
        if (variantFlatCount === undefined || variantFlatCount === null) {
          _debugLog('[_liftFlatVariant()] variant with unknown flat count', { ctx, meta });
          throw new Error('cannot lift variant with unknown flat count');
        }
        if (caseFlatCount === undefined || caseFlatCount === null) {
          _debugLog('[_liftFlatVariant()] case with unknown flat count', { ctx, meta, case: meta.caseMetas[caseIdx] });
          throw new Error('cannot lift case with unknown flat count');
        }
        // NOTE: enums can be tightly packed and do not have a descriminant
        const remainingPayloadParams = variantFlatCount - caseFlatCount - (isEnum ? 0 : 1);
        if (remainingPayloadParams < 0) {
          throw new Error(`invalid variant flat count metadata`);
        }
        if (ctx.params.length < remainingPayloadParams) {
          throw new Error(`expected at least [${remainingPayloadParams}] remaining variant payload params, but got [${ctx.params.length}]`);
        }
        ctx.params = ctx.params.slice(remainingPayloadParams);
      }
      
      if (ctx.storagePtr !== undefined) {
        const rem = ctx.storagePtr % variantAlign32;
        if (rem !== 0) { ctx.storagePtr += variantAlign32 - rem; }
      }
      
      return [val, ctx];
    }
  }
  
  function _liftFlatList(meta) {
    const { elemLiftFn, elemSize32, elemAlign32, knownLen, typedArray } = meta;
    
    const listValue =
    typedArray === undefined
    ? values => values
    : values => new typedArray(values);
    
    const readValuesAndReset = (ctx, originalPtr, originalLen, dataPtr, len) => {
      if (dataPtr % elemAlign32 !== 0) {
        throw new TypeError(`list pointer [${dataPtr}] is not aligned to ${elemAlign32}`);
      }
      ctx.storagePtr = dataPtr;
      const val = [];
      for (var i = 0; i < len; i++) {
        const elemPtr = dataPtr + i * elemSize32;
        ctx.storagePtr = elemPtr;
        const [res, nextCtx] = elemLiftFn(ctx);
        val.push(res);
        ctx = nextCtx;
        
        ctx.storagePtr = Math.max(ctx.storagePtr, elemPtr + elemSize32);
      }
      if (originalPtr !== null) { ctx.storagePtr = originalPtr; }
      if (originalLen !== null) { ctx.storageLen = originalLen; }
      return [listValue(val), ctx];
    };
    
    return function _liftFlatListInner(ctx) {
      _debugLog('[_liftFlatList()] args', { ctx });
      
      let liftResults;
      if (knownLen !== undefined) { // list with known length
      if (ctx.useDirectParams) {
        _debugLog('memory unexpectedly missing while lifting unknown length list', { ctx });
        liftResults = [listValue(ctx.params.slice(0, knownLen)), ctx];
        ctx.params = ctx.params.slice(knownLen);
      } else { // indirect params
      if (ctx.memory === null) {
        _debugLog('memory unexpectedly missing while lifting known length list', { knownLen, ctx });
        throw new Error(`memory missing while lifting known length (${knownLen}) list`);
      }
      
      const originalLen = ctx.storageLen;
      const originalPtr = ctx.storagePtr;
      
      ctx.storageLen = knownLen * elemSize32;
      liftResults = readValuesAndReset(ctx, null, originalLen, ctx.storagePtr, knownLen);
    }
    
  } else { // unknown length list
  
  if (ctx.useDirectParams) {
    // unknown length list ptr w/ direct params
    const dataPtr = ctx.params[0];
    const len = ctx.params[1];
    ctx.params = ctx.params.slice(2);
    
    ctx.useDirectParams = false;
    const originalPtr = ctx.storagePtr;
    const originalLen = ctx.storageLen;
    ctx.storageLen = len * elemSize32;
    
    liftResults = readValuesAndReset(ctx, originalPtr, originalLen, dataPtr, len);
    
    ctx.useDirectParams = true;
  } else {
    // unknown length list ptr w/ in-memory params
    const originalLen = ctx.storageLen;
    ctx.storageLen = 8;
    
    const dataPtrLiftRes = _liftFlatU32(ctx);
    const dataPtr = dataPtrLiftRes[0];
    ctx = dataPtrLiftRes[1];
    
    const lenLiftRes = _liftFlatU32(ctx);
    const len = lenLiftRes[0];
    ctx = lenLiftRes[1];
    
    const originalPtr = ctx.storagePtr;
    ctx.storagePtr = dataPtr;
    
    ctx.storageLen = len * elemSize32;
    liftResults = readValuesAndReset(ctx, originalPtr, originalLen, dataPtr, len);
  }
}

return liftResults;
}
}

function _liftFlatEnum(meta) {
  meta.isEnum = true;
  const f = _liftFlatVariant(meta);
  return function _liftFlatEnumInner(ctx) {
    _debugLog('[_liftFlatEnum()] args', { ctx });
    const res = f(ctx);
    res[0] = res[0].tag;
    return res;
  }
}

function _liftFlatOption(meta) {
  const { payloadMaybeNull } = meta;
  const f = _liftFlatVariant(meta);
  return function _liftFlatOptionInner(ctx) {
    _debugLog('[_liftFlatOption()] args', { ctx });
    const res = f(ctx);
    if (!payloadMaybeNull) {
      res[0] = res[0].tag === 'none' ? undefined : res[0].val;
    }
    return res;
  }
}

function _lowerFlatBool(ctx) {
  _debugLog('[_lowerFlatBool()] args', { ctx });
  
  if (!ctx.memory) { throw new Error("missing memory for lower"); }
  if (ctx.vals.length !== 1) {
    throw new Error(`unexpected number [${ctx.vals.length}] of vals (expected 1)`);
  }
  
  _requireValidNumericPrimitive.bind('bool', ctx.vals[0]);
  new DataView(ctx.memory.buffer).setUint8(ctx.storagePtr, ctx.vals[0] ? 1 : 0);
  
  ctx.storagePtr += 1;
}

function _lowerFlatU8(ctx) {
  _debugLog('[_lowerFlatU8()] args', ctx);
  
  if (ctx.vals.length !== 1) {
    throw new Error(`unexpected number [${ctx.vals.length}] of vals (expected 1)`);
  }
  
  _requireValidNumericPrimitive.bind('u8', ctx.vals[0]);
  
  if (!ctx.memory) { throw new Error("missing memory for lower"); }
  new DataView(ctx.memory.buffer).setUint8(ctx.storagePtr, ctx.vals[0]);
  
  ctx.storagePtr += 1;
}

function _lowerFlatU16(ctx) {
  _debugLog('[_lowerFlatU16()] args', { ctx });
  
  if (!ctx.memory) { throw new Error("missing memory for lower"); }
  if (ctx.vals.length !== 1) {
    throw new Error(`unexpected number [${ctx.vals.length}] of vals (expected 1)`);
  }
  
  const rem = ctx.storagePtr % 2;
  if (rem !== 0) { ctx.storagePtr += (2 - rem); }
  
  _requireValidNumericPrimitive.bind('u16', ctx.vals[0]);
  new DataView(ctx.memory.buffer).setUint16(ctx.storagePtr, ctx.vals[0], true);
  
  ctx.storagePtr += 2;
}

function _lowerFlatU32(ctx) {
  _debugLog('[_lowerFlatU32()] args', { ctx });
  
  if (ctx.vals.length !== 1) {
    throw new Error(`expected single value to lower, got [${ctx.vals.length}]`);
  }
  
  const rem = ctx.storagePtr % 4;
  if (rem !== 0) { ctx.storagePtr += (4 - rem); }
  
  _requireValidNumericPrimitive.bind('u32', ctx.vals[0]);
  new DataView(ctx.memory.buffer).setUint32(ctx.storagePtr, ctx.vals[0], true);
  
  ctx.storagePtr += 4;
}

function _lowerFlatU64(ctx) {
  _debugLog('[_lowerFlatU64()] args', { ctx });
  
  if (ctx.vals.length !== 1) { throw new Error('unexpected number of vals'); }
  
  const rem = ctx.storagePtr % 8;
  if (rem !== 0) { ctx.storagePtr += (8 - rem); }
  
  _requireValidNumericPrimitive.bind('u64', ctx.vals[0]);
  new DataView(ctx.memory.buffer).setBigUint64(ctx.storagePtr, ctx.vals[0], true);
  
  ctx.storagePtr += 8;
}

function _lowerFlatStringUTF8(ctx) {
  _debugLog('[_lowerFlatStringUTF8()] args', ctx);
  if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
  
  const { ptr, len } = _utf8AllocateAndEncode(ctx.vals[0], ctx.realloc, ctx.memory);
  
  const view = new DataView(ctx.memory.buffer);
  view.setUint32(ctx.storagePtr, ptr, true);
  view.setUint32(ctx.storagePtr + 4, len, true);
  
  ctx.storagePtr += 8;
}

function _lowerFlatStringUTF16(ctx) {
  _debugLog('[_lowerFlatStringUTF16()] args', { ctx });
  if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
  
  const { ptr, len } = _utf16AllocateAndEncode(ctx.vals[0], ctx.realloc, ctx.memory);
  
  const view = new DataView(ctx.memory.buffer);
  view.setUint32(ctx.storagePtr, ptr, true);
  view.setUint32(ctx.storagePtr + 4, len, true);
  
  ctx.storagePtr += 8;
}

function _lowerFlatStringAny(ctx) {
  switch (ctx.stringEncoding) {
    case 'utf8':
    return _lowerFlatStringUTF8(ctx);
    case 'utf16':
    return _lowerFlatStringUTF16(ctx);
    default:
    throw new Error(`missing/unrecognized/unsupported string encoding [${ctx.stringEncoding}]`);
  }
}

function _lowerFlatRecord(meta) {
  const { fieldMetas, size32: recordSize32, align32: recordAlign32 } = meta;
  return function _lowerFlatRecordInner(ctx) {
    _debugLog('[_lowerFlatRecord()] args', { ctx });
    
    const originalPtr = ctx.storagePtr;
    const r = ctx.vals[0];
    for (const [tag, lowerFn, size32, align32 ] of fieldMetas) {
      const rem = ctx.storagePtr % align32;
      if (rem !== 0) { ctx.storagePtr += align32 - rem; }
      
      const fieldPtr = ctx.storagePtr;
      ctx.vals = [r[tag]];
      lowerFn(ctx);
      
      ctx.storagePtr = Math.max(ctx.storagePtr, fieldPtr + size32);
    }
    
    ctx.storagePtr = Math.max(ctx.storagePtr, originalPtr + recordSize32);
    
    const rem = ctx.storagePtr % recordAlign32;
    if (rem !== 0) {
      ctx.storagePtr += recordAlign32 - rem;
    }
  }
}

function _lowerFlatVariant(meta) {
  const { variantSize32, variantAlign32, variantPayloadOffset32, caseMetas } = meta;
  
  let caseLookup = {};
  for (const [idx, meta] of caseMetas.entries()) {
    let tag = meta[0];
    caseLookup[tag] = { discriminant: idx, meta };
  }
  
  return function _lowerFlatVariantInner(ctx) {
    _debugLog('[_lowerFlatVariant()] args', { ctx });
    
    const { tag, val } = ctx.vals[0];
    const variantCase = caseLookup[tag];
    if (!variantCase) {
      throw new Error(`missing tag [${tag}] (valid tags: ${Object.keys(caseLookup)})`);
    }
    
    const [ _tag, lowerFn, caseSize32, caseAlign32, caseFlatCount ] = variantCase.meta;
    
    const originalPtr = ctx.storagePtr;
    ctx.vals = [variantCase.discriminant];
    let discLowerRes;
    if (caseMetas.length < 256) {
      discLowerRes = _lowerFlatU8(ctx);
    } else if (caseMetas.length >= 256 && caseMetas.length < 65536) {
      discLowerRes = _lowerFlatU16(ctx);
    } else if (caseMetas.length >= 65536 && caseMetas.length < 4_294_967_296) {
      discLowerRes = _lowerFlatU32(ctx);
    } else {
      throw new Error(`unsupported number of cases [${caseMetas.length}]`);
    }
    
    const payloadOffsetPtr = originalPtr + variantPayloadOffset32;
    ctx.storagePtr = payloadOffsetPtr;
    ctx.vals = [val];
    if (lowerFn) { lowerFn(ctx); }
    
    ctx.storagePtr = Math.max(ctx.storagePtr, originalPtr + variantSize32);
    
    const rem = ctx.storagePtr % variantAlign32;
    if (rem !== 0) { ctx.storagePtr += variantAlign32 - rem; }
  }
}

function _lowerFlatList(meta) {
  const {
    elemLowerFn,
    knownLen,
    size32,
    align32,
    elemSize32,
    elemAlign32,
  } = meta;
  
  if (!elemLowerFn) { throw new TypeError("missing/invalid element lower fn for list"); }
  
  return function _lowerFlatListInner(ctx) {
    _debugLog('[_lowerFlatList()] args', { ctx });
    
    if (ctx.useDirectParams) {
      if (ctx.params.length < 2) { throw new Error('insufficient params left to lower list'); }
      const storagePtr = ctx.params[0];
      const elemCount = ctx.params[1];
      ctx.params = ctx.params.slice(2);
      
      const list = ctx.vals[0];
      if (!list) { throw new Error("missing direct param value"); }
      
      const lowerCtx = {
        storagePtr,
        memory: ctx.memory,
        stringEncoding: ctx.stringEncoding,
      };
      for (let idx = 0; idx < list.length; idx++) {
        const elemPtr = storagePtr + idx * elemSize32;
        lowerCtx.storagePtr = elemPtr;
        lowerCtx.vals = list.slice(idx, idx+1);
        elemLowerFn(lowerCtx);
        lowerCtx.storagePtr = Math.max(lowerCtx.storagePtr, elemPtr + elemSize32);
      }
      ctx.storagePtr = lowerCtx.storagePtr;
      
      // TODO: implement parma-only known-length processing
      
      return;
    }
    
    // TODO(fix): is it possible to get a vals that are a addr and length here from
    // a component lower?
    
    const elems = ctx.vals[0];
    if (knownLen === undefined) {
      // unknown length
      if (!ctx.realloc) { throw new Error('missing realloc during flat string lower'); }
      const dataPtr = ctx.realloc(0, 0, elemAlign32, elemSize32 * elems.length);
      
      ctx.vals[0] = dataPtr;
      _lowerFlatU32(ctx);
      
      ctx.vals[0] = elems.length;
      _lowerFlatU32(ctx);
      
      const origPtr = ctx.storagePtr;
      ctx.storagePtr = dataPtr;
      
      for (const [idx, elem] of elems.entries()) {
        const elemPtr = dataPtr + idx * elemSize32;
        ctx.storagePtr = elemPtr;
        ctx.vals = [elem];
        elemLowerFn(ctx);
        ctx.storagePtr = Math.max(ctx.storagePtr, elemPtr + elemSize32);
      }
      
      ctx.storagePtr = origPtr;
      
    } else {
      // known length
      
      if (elems.length !== knownLen) {
        throw new TypeError(`invalid list input of length [${elems.length}], must be length [${knownLen}]`);
      }
      
      const originalPtr = ctx.storagePtr;
      for (const [idx, elem] of elems.entries()) {
        const elemPtr = originalPtr + idx * elemSize32;
        ctx.storagePtr = elemPtr;
        ctx.vals = [elem];
        elemLowerFn(ctx);
        ctx.storagePtr = Math.max(ctx.storagePtr, elemPtr + elemSize32);
      }
    }
    
    // TODO(fix): special case for u8/u16/etc, we can do a direct copy
    
    const totalSizeBytes = elems.length * size32;
    if (ctx.storageLen !== undefined && totalSizeBytes > ctx.storageLen) {
      throw new Error('not enough storage remaining for list flat lower');
    }
  }
}

function _lowerFlatEnum(meta) {
  const f = _lowerFlatVariant(meta);
  return function _lowerFlatEnumInner(ctx) {
    _debugLog('[_lowerFlatEnum()] args', { ctx });
    
    const v = ctx.vals[0];
    const isNotEnumObject = typeof v !== 'object'
    || Object.keys(v).length !== 2
    || !('tag' in v);
    if (isNotEnumObject) {
      ctx.vals[0] = { tag: v };
    }
    
    f(ctx);
  }
}

function _lowerFlatOption(meta) {
  const { payloadMaybeNull } = meta;
  const f = _lowerFlatVariant(meta);
  return function _lowerFlatOptionInner(ctx) {
    _debugLog('[_lowerFlatOption()] args', { ctx });
    
    const v = ctx.vals[0];
    if (v === null || v === undefined) {
      ctx.vals[0] = { tag: 'none' };
    } else if (payloadMaybeNull) {
      const isNotOptionObject = typeof v !== 'object'
      || Object.keys(v).length !== 2
      || !('tag' in v)
      || !(v.tag === 'some' || v.tag === 'none')
      || !('val' in v);
      if (isNotOptionObject) {
        ctx.vals[0] = { tag: 'some', val: v };
      }
    } else {
      ctx.vals[0] = { tag: 'some', val: v };
    }
    
    f(ctx);
  }
}

function _lowerFlatResult(meta) {
  const f = _lowerFlatVariant(meta);
  return function _lowerFlatResultInner(ctx) {
    _debugLog('[_lowerFlatResult()] args', { ctx });
    
    const v = ctx.vals[0];
    const isNotResultObject = typeof v !== 'object'
    || Object.keys(v).length !== 2
    || !('tag' in v)
    || !('ok' === v.tag || 'err' === v.tag)
    || !('val' in v);
    if (isNotResultObject) {
      ctx.vals[0] = { tag: 'ok', val: v };
    }
    
    f(ctx);
  };
}

function _trackHostOperation(operation) {
  const result = operation();
  if (result === null ||
  (typeof result !== 'object' && typeof result !== 'function') ||
  typeof result.then !== 'function') {
    return result;
  }
  
  STORE_ASYNC_STATE.pendingHostOperations++;
  return Promise.resolve(result).finally(() => {
    STORE_ASYNC_STATE.pendingHostOperations--;
    if (STORE_ASYNC_STATE.pendingHostOperations < 0) {
      throw new Error('negative pending host operation count');
    }
    for (const state of ASYNC_STATE.values()) { state.runTickLoop(); }
    _checkForDeadlock();
  });
}

const isNode = typeof process !== 'undefined' && process.versions && process.versions.node;
let _fs;
async function fetchCompile (url) {
  if (isNode) {
    _fs = _fs || await import('node:fs/promises');
    return WebAssembly.compile(await _fs.readFile(url));
  }
  return fetch(url).then(WebAssembly.compileStreaming);
}

const symbolCabiLower = Symbol.for('cabiLower');

const hasOwnProperty = Object.prototype.hasOwnProperty;

function getErrorPayload(e) {
  if (e && hasOwnProperty.call(e, 'payload')) return e.payload;
  if (e instanceof Error) throw e;
  return e;
}

function throwInvalidBool() {
  throw new TypeError('invalid variant discriminant for bool');
}

function _suspendingImport(componentIdx, fn, syncOnly = false, switchesTask = false) {
  return function (...args) {
    _checkMayLeave(componentIdx);
    const saved = CURRENT_TASK_META[componentIdx] ?? null;
    
    const savedTask = saved
    ? getCurrentTask(saved.componentIdx, saved.taskID)?.task
    : null;
    const mayBlock = savedTask
    ? (savedTask?.mayBlock() ?? (CURRENT_TASK_MAY_BLOCK.value !== 0))
    : false;
    if (!saved && !mayBlock) {
      throw new WebAssemblyRuntimeError('cannot block a synchronous task before returning');
    }
    
    if (syncOnly || !mayBlock) {
      let result;
      try {
        result = fn.apply(null, args);
      } catch (err) {
        CURRENT_TASK_META[componentIdx] = saved;
        if (!switchesTask) { CURRENT_TASK_META.current = saved; }
        throw err;
      }
      
      CURRENT_TASK_META[componentIdx] = saved;
      if (!switchesTask) { CURRENT_TASK_META.current = saved; }
      
      if (result !== null &&
      (typeof result === 'object' || typeof result === 'function') &&
      typeof result.then === 'function') {
        // The helper may already have returned a rejected promise.
        // Mark it handled before replacing it with the canonical
        // synchronous-task trap.
        Promise.resolve(result).catch(() => {});
        throw new WebAssemblyRuntimeError('cannot block a synchronous task before returning');
      }
      return result;
    }
    
    return (async () => {
      try {
        return await fn.apply(null, args);
      } finally {
        CURRENT_TASK_META[componentIdx] = saved;
        if (!switchesTask) { CURRENT_TASK_META.current = saved; }
      }
    })();
  };
}


if (!getCoreModule) getCoreModule = (name) => fetchCompile(new URL(`./${name}`, import.meta.url));
const module0 = getCoreModule('connectors_update.core.wasm');
const module1 = getCoreModule('connectors_update.core2.wasm');
const module2 = getCoreModule('connectors_update.core3.wasm');

const { findByName, get, kinds, kindsNaming, rules, write } = imports['workflow:connectors/credential-store'];

if (findByName=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'findByName', was 'findByName' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}


if (get=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'get', was 'get' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}


if (kinds=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'kinds', was 'kinds' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}


if (kindsNaming=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'kindsNaming', was 'kindsNaming' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}


if (rules=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'rules', was 'rules' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}


if (write=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'write', was 'write' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}

const { resolve } = imports['workflow:connectors/tokens'];

if (resolve=== undefined) {
  const err = new Error("unexpectedly undefined instance import 'resolve', was 'resolve' available at instantiation?");
  console.error("ERROR:", err.toString());
  throw err;
}

let gen= (function* _initGenerator () {
  const instanceFlags0 = new WebAssembly.Global({ value: "i32", mutable: true }, 1);
  INSTANCE_FLAGS.set(0, instanceFlags0);
  let exports0;
  let exports1;
  let memory0;
  let realloc0;
  let realloc0Async;
  
  const _trampoline0 = function(arg0, arg1, arg2) {
    var ptr0 = arg0;
    var len0 = arg1;
    var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="find-by-name"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'findByName',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet1 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => findByName(result0)),
      })
      ;
      ret = hostRet1 !== null && typeof hostRet1 === 'object' && (hostRet1.tag === 'ok' || hostRet1.tag === 'err')
      ? hostRet1
      : { tag: 'ok', val: hostRet1};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant28 = ret;
    switch (variant28.tag) {
      case 'ok': {
        const e = variant28.val;
        dataView(memory0).setInt8(arg2 + 0, 0, true);
        var vec7 = e;
        var len7 = vec7.length;
        var result7 = realloc0(0, 0, 8, len7 * 40);
        for (let i = 0; i < vec7.length; i++) {
          const e = vec7[i];
          const base = result7 + i * 40;var {id: v2_0, name: v2_1, kind: v2_2, revision: v2_3 } = e;
          
          var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
          var ptr3= encodeRes.ptr;
          var len3 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 4, len3, true);
          dataView(memory0).setUint32(base + 0, ptr3, true);
          
          var encodeRes = _utf8AllocateAndEncode(v2_1, realloc0, memory0);
          var ptr4= encodeRes.ptr;
          var len4 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 12, len4, true);
          dataView(memory0).setUint32(base + 8, ptr4, true);
          var variant6 = v2_2;
          if (variant6 === null || variant6=== undefined) {
            dataView(memory0).setInt8(base + 16, 0, true);
          } else {
            const e = variant6;
            dataView(memory0).setInt8(base + 16, 1, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr5= encodeRes.ptr;
            var len5 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 24, len5, true);
            dataView(memory0).setUint32(base + 20, ptr5, true);
          }
          dataView(memory0).setBigInt64(base + 32, toUint64(v2_3), true);
        }
        dataView(memory0).setUint32(arg2 + 12, len7, true);
        dataView(memory0).setUint32(arg2 + 8, result7, true);
        
        break;
      }
      case 'err': {
        const e = variant28.val;
        dataView(memory0).setInt8(arg2 + 0, 1, true);
        var variant27 = e;
        switch (variant27.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg2 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 1, true);
            var {property: v8_0, reason: v8_1 } = e;
            var variant10 = v8_0;
            if (variant10 === null || variant10=== undefined) {
              dataView(memory0).setInt8(arg2 + 16, 0, true);
            } else {
              const e = variant10;
              dataView(memory0).setInt8(arg2 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr9= encodeRes.ptr;
              var len9 = encodeRes.len;
              
              dataView(memory0).setUint32(arg2 + 24, len9, true);
              dataView(memory0).setUint32(arg2 + 20, ptr9, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v8_1, realloc0, memory0);
            var ptr11= encodeRes.ptr;
            var len11 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 32, len11, true);
            dataView(memory0).setUint32(arg2 + 28, ptr11, true);
            break;
          }
          case 'conflict': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 2, true);
            dataView(memory0).setBigInt64(arg2 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr12= encodeRes.ptr;
            var len12 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len12, true);
            dataView(memory0).setUint32(arg2 + 16, ptr12, true);
            break;
          }
          case 'invalid': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 4, true);
            var vec17 = e;
            var len17 = vec17.length;
            var result17 = realloc0(0, 0, 4, len17 * 24);
            for (let i = 0; i < vec17.length; i++) {
              const e = vec17[i];
              const base = result17 + i * 24;var {property: v13_0, rule: v13_1, message: v13_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v13_0, realloc0, memory0);
              var ptr14= encodeRes.ptr;
              var len14 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len14, true);
              dataView(memory0).setUint32(base + 0, ptr14, true);
              
              var encodeRes = _utf8AllocateAndEncode(v13_1, realloc0, memory0);
              var ptr15= encodeRes.ptr;
              var len15 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len15, true);
              dataView(memory0).setUint32(base + 8, ptr15, true);
              
              var encodeRes = _utf8AllocateAndEncode(v13_2, realloc0, memory0);
              var ptr16= encodeRes.ptr;
              var len16 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len16, true);
              dataView(memory0).setUint32(base + 16, ptr16, true);
            }
            dataView(memory0).setUint32(arg2 + 20, len17, true);
            dataView(memory0).setUint32(arg2 + 16, result17, true);
            break;
          }
          case 'tampered': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 5, true);
            var {connector: v18_0, property: v18_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v18_0, realloc0, memory0);
            var ptr19= encodeRes.ptr;
            var len19 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len19, true);
            dataView(memory0).setUint32(arg2 + 16, ptr19, true);
            
            var encodeRes = _utf8AllocateAndEncode(v18_1, realloc0, memory0);
            var ptr20= encodeRes.ptr;
            var len20 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len20, true);
            dataView(memory0).setUint32(arg2 + 24, ptr20, true);
            break;
          }
          case 'key': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr21= encodeRes.ptr;
            var len21 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len21, true);
            dataView(memory0).setUint32(arg2 + 16, ptr21, true);
            break;
          }
          case 'read-only': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 7, true);
            var {location: v22_0, why: v22_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v22_0, realloc0, memory0);
            var ptr23= encodeRes.ptr;
            var len23 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len23, true);
            dataView(memory0).setUint32(arg2 + 16, ptr23, true);
            
            var encodeRes = _utf8AllocateAndEncode(v22_1, realloc0, memory0);
            var ptr24= encodeRes.ptr;
            var len24 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len24, true);
            dataView(memory0).setUint32(arg2 + 24, ptr24, true);
            break;
          }
          case 'schema': {
            const e = variant27.val;
            dataView(memory0).setInt8(arg2 + 8, 8, true);
            var {location: v25_0, found: v25_1, supported: v25_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v25_0, realloc0, memory0);
            var ptr26= encodeRes.ptr;
            var len26 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len26, true);
            dataView(memory0).setUint32(arg2 + 16, ptr26, true);
            dataView(memory0).setInt32(arg2 + 24, toUint32(v25_1), true);
            dataView(memory0).setInt32(arg2 + 28, toUint32(v25_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant27.tag)}\` (received \`${variant27}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant28, valueType: typeof variant28});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="find-by-name"][Instruction::Return]', {
      funcName: 'find-by-name',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline0.fnName = 'workflow:connectors/credential-store@0.2.0#findByName';
  
  const _trampoline1 = function(arg0, arg1, arg2) {
    var ptr0 = arg0;
    var len0 = arg1;
    var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="get"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'get',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet1 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => get(result0)),
      })
      ;
      ret = hostRet1 !== null && typeof hostRet1 === 'object' && (hostRet1.tag === 'ok' || hostRet1.tag === 'err')
      ? hostRet1
      : { tag: 'ok', val: hostRet1};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant32 = ret;
    switch (variant32.tag) {
      case 'ok': {
        const e = variant32.val;
        dataView(memory0).setInt8(arg2 + 0, 0, true);
        var {id: v2_0, name: v2_1, kind: v2_2, revision: v2_3, properties: v2_4 } = e;
        
        var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
        var ptr3= encodeRes.ptr;
        var len3 = encodeRes.len;
        
        dataView(memory0).setUint32(arg2 + 12, len3, true);
        dataView(memory0).setUint32(arg2 + 8, ptr3, true);
        
        var encodeRes = _utf8AllocateAndEncode(v2_1, realloc0, memory0);
        var ptr4= encodeRes.ptr;
        var len4 = encodeRes.len;
        
        dataView(memory0).setUint32(arg2 + 20, len4, true);
        dataView(memory0).setUint32(arg2 + 16, ptr4, true);
        var variant6 = v2_2;
        if (variant6 === null || variant6=== undefined) {
          dataView(memory0).setInt8(arg2 + 24, 0, true);
        } else {
          const e = variant6;
          dataView(memory0).setInt8(arg2 + 24, 1, true);
          
          var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
          var ptr5= encodeRes.ptr;
          var len5 = encodeRes.len;
          
          dataView(memory0).setUint32(arg2 + 32, len5, true);
          dataView(memory0).setUint32(arg2 + 28, ptr5, true);
        }
        dataView(memory0).setBigInt64(arg2 + 40, toUint64(v2_3), true);
        var vec11 = v2_4;
        var len11 = vec11.length;
        var result11 = realloc0(0, 0, 4, len11 * 20);
        for (let i = 0; i < vec11.length; i++) {
          const e = vec11[i];
          const base = result11 + i * 20;var {name: v7_0, value: v7_1 } = e;
          
          var encodeRes = _utf8AllocateAndEncode(v7_0, realloc0, memory0);
          var ptr8= encodeRes.ptr;
          var len8 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 4, len8, true);
          dataView(memory0).setUint32(base + 0, ptr8, true);
          var variant10 = v7_1;
          switch (variant10.tag) {
            case 'plain': {
              const e = variant10.val;
              dataView(memory0).setInt8(base + 8, 0, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr9= encodeRes.ptr;
              var len9 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 16, len9, true);
              dataView(memory0).setUint32(base + 12, ptr9, true);
              break;
            }
            case 'secret': {
              dataView(memory0).setInt8(base + 8, 1, true);
              break;
            }
            default: {
              throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant10.tag)}\` (received \`${variant10}\`) specified for \`StoredValue\``);
            }
          }
        }
        dataView(memory0).setUint32(arg2 + 52, len11, true);
        dataView(memory0).setUint32(arg2 + 48, result11, true);
        
        break;
      }
      case 'err': {
        const e = variant32.val;
        dataView(memory0).setInt8(arg2 + 0, 1, true);
        var variant31 = e;
        switch (variant31.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg2 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 1, true);
            var {property: v12_0, reason: v12_1 } = e;
            var variant14 = v12_0;
            if (variant14 === null || variant14=== undefined) {
              dataView(memory0).setInt8(arg2 + 16, 0, true);
            } else {
              const e = variant14;
              dataView(memory0).setInt8(arg2 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr13= encodeRes.ptr;
              var len13 = encodeRes.len;
              
              dataView(memory0).setUint32(arg2 + 24, len13, true);
              dataView(memory0).setUint32(arg2 + 20, ptr13, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v12_1, realloc0, memory0);
            var ptr15= encodeRes.ptr;
            var len15 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 32, len15, true);
            dataView(memory0).setUint32(arg2 + 28, ptr15, true);
            break;
          }
          case 'conflict': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 2, true);
            dataView(memory0).setBigInt64(arg2 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr16= encodeRes.ptr;
            var len16 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len16, true);
            dataView(memory0).setUint32(arg2 + 16, ptr16, true);
            break;
          }
          case 'invalid': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 4, true);
            var vec21 = e;
            var len21 = vec21.length;
            var result21 = realloc0(0, 0, 4, len21 * 24);
            for (let i = 0; i < vec21.length; i++) {
              const e = vec21[i];
              const base = result21 + i * 24;var {property: v17_0, rule: v17_1, message: v17_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v17_0, realloc0, memory0);
              var ptr18= encodeRes.ptr;
              var len18 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len18, true);
              dataView(memory0).setUint32(base + 0, ptr18, true);
              
              var encodeRes = _utf8AllocateAndEncode(v17_1, realloc0, memory0);
              var ptr19= encodeRes.ptr;
              var len19 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len19, true);
              dataView(memory0).setUint32(base + 8, ptr19, true);
              
              var encodeRes = _utf8AllocateAndEncode(v17_2, realloc0, memory0);
              var ptr20= encodeRes.ptr;
              var len20 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len20, true);
              dataView(memory0).setUint32(base + 16, ptr20, true);
            }
            dataView(memory0).setUint32(arg2 + 20, len21, true);
            dataView(memory0).setUint32(arg2 + 16, result21, true);
            break;
          }
          case 'tampered': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 5, true);
            var {connector: v22_0, property: v22_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v22_0, realloc0, memory0);
            var ptr23= encodeRes.ptr;
            var len23 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len23, true);
            dataView(memory0).setUint32(arg2 + 16, ptr23, true);
            
            var encodeRes = _utf8AllocateAndEncode(v22_1, realloc0, memory0);
            var ptr24= encodeRes.ptr;
            var len24 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len24, true);
            dataView(memory0).setUint32(arg2 + 24, ptr24, true);
            break;
          }
          case 'key': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr25= encodeRes.ptr;
            var len25 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len25, true);
            dataView(memory0).setUint32(arg2 + 16, ptr25, true);
            break;
          }
          case 'read-only': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 7, true);
            var {location: v26_0, why: v26_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v26_0, realloc0, memory0);
            var ptr27= encodeRes.ptr;
            var len27 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len27, true);
            dataView(memory0).setUint32(arg2 + 16, ptr27, true);
            
            var encodeRes = _utf8AllocateAndEncode(v26_1, realloc0, memory0);
            var ptr28= encodeRes.ptr;
            var len28 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len28, true);
            dataView(memory0).setUint32(arg2 + 24, ptr28, true);
            break;
          }
          case 'schema': {
            const e = variant31.val;
            dataView(memory0).setInt8(arg2 + 8, 8, true);
            var {location: v29_0, found: v29_1, supported: v29_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v29_0, realloc0, memory0);
            var ptr30= encodeRes.ptr;
            var len30 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len30, true);
            dataView(memory0).setUint32(arg2 + 16, ptr30, true);
            dataView(memory0).setInt32(arg2 + 24, toUint32(v29_1), true);
            dataView(memory0).setInt32(arg2 + 28, toUint32(v29_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant31.tag)}\` (received \`${variant31}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant32, valueType: typeof variant32});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="get"][Instruction::Return]', {
      funcName: 'get',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline1.fnName = 'workflow:connectors/credential-store@0.2.0#get';
  
  const _trampoline2 = function(arg0, arg1, arg2) {
    var ptr0 = arg0;
    var len0 = arg1;
    var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="rules"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'rules',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet1 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => rules(result0)),
      })
      ;
      ret = hostRet1 !== null && typeof hostRet1 === 'object' && (hostRet1.tag === 'ok' || hostRet1.tag === 'err')
      ? hostRet1
      : { tag: 'ok', val: hostRet1};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant44 = ret;
    switch (variant44.tag) {
      case 'ok': {
        const e = variant44.val;
        dataView(memory0).setInt8(arg2 + 0, 0, true);
        var variant23 = e;
        if (variant23 === null || variant23=== undefined) {
          dataView(memory0).setInt8(arg2 + 8, 0, true);
        } else {
          const e = variant23;
          dataView(memory0).setInt8(arg2 + 8, 1, true);
          var {kind: v2_0, help: v2_1, properties: v2_2, maxProperties: v2_3, allowUnknown: v2_4 } = e;
          
          var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
          var ptr3= encodeRes.ptr;
          var len3 = encodeRes.len;
          
          dataView(memory0).setUint32(arg2 + 16, len3, true);
          dataView(memory0).setUint32(arg2 + 12, ptr3, true);
          
          var encodeRes = _utf8AllocateAndEncode(v2_1, realloc0, memory0);
          var ptr4= encodeRes.ptr;
          var len4 = encodeRes.len;
          
          dataView(memory0).setUint32(arg2 + 24, len4, true);
          dataView(memory0).setUint32(arg2 + 20, ptr4, true);
          var vec21 = v2_2;
          var len21 = vec21.length;
          var result21 = realloc0(0, 0, 4, len21 * 92);
          for (let i = 0; i < vec21.length; i++) {
            const e = vec21[i];
            const base = result21 + i * 92;var {name: v5_0, required: v5_1, secret: v5_2, format: v5_3, maxLength: v5_4, json: v5_5, immutable: v5_6, writePermission: v5_7, deprecated: v5_8, help: v5_9 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v5_0, realloc0, memory0);
            var ptr6= encodeRes.ptr;
            var len6 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len6, true);
            dataView(memory0).setUint32(base + 0, ptr6, true);
            dataView(memory0).setInt8(base + 8, v5_1 ? 1 : 0, true);
            dataView(memory0).setInt8(base + 9, v5_2 ? 1 : 0, true);
            var val7 = v5_3;
            let enum7;
            switch (val7) {
              case 'text': {
                enum7 = 0;
                break;
              }
              case 'integer': {
                enum7 = 1;
                break;
              }
              case 'boolean': {
                enum7 = 2;
                break;
              }
              case 'url': {
                enum7 = 3;
                break;
              }
              case 'duration': {
                enum7 = 4;
                break;
              }
              case 'json-object': {
                enum7 = 5;
                break;
              }
              case 'json-array': {
                enum7 = 6;
                break;
              }
              case 'timestamp': {
                enum7 = 7;
                break;
              }
              default: {
                if ((v5_3) instanceof Error) {
                  console.error(v5_3);
                }
                
                throw new TypeError(`"${val7}" is not one of the cases of value-format`);
              }
            }
            dataView(memory0).setInt8(base + 10, enum7, true);
            var variant8 = v5_4;
            if (variant8 === null || variant8=== undefined) {
              dataView(memory0).setInt8(base + 12, 0, true);
            } else {
              const e = variant8;
              dataView(memory0).setInt8(base + 12, 1, true);
              dataView(memory0).setInt32(base + 16, toUint32(e), true);
            }
            var variant15 = v5_5;
            if (variant15 === null || variant15=== undefined) {
              dataView(memory0).setInt8(base + 20, 0, true);
            } else {
              const e = variant15;
              dataView(memory0).setInt8(base + 20, 1, true);
              var {allowedKeys: v9_0, maxEntries: v9_1, stringsOnly: v9_2, maxStringLength: v9_3 } = e;
              var variant12 = v9_0;
              if (variant12 === null || variant12=== undefined) {
                dataView(memory0).setInt8(base + 24, 0, true);
              } else {
                const e = variant12;
                dataView(memory0).setInt8(base + 24, 1, true);
                var vec11 = e;
                var len11 = vec11.length;
                var result11 = realloc0(0, 0, 4, len11 * 8);
                for (let i = 0; i < vec11.length; i++) {
                  const e = vec11[i];
                  const base = result11 + i * 8;
                  var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                  var ptr10= encodeRes.ptr;
                  var len10 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 4, len10, true);
                  dataView(memory0).setUint32(base + 0, ptr10, true);
                }
                dataView(memory0).setUint32(base + 32, len11, true);
                dataView(memory0).setUint32(base + 28, result11, true);
              }
              var variant13 = v9_1;
              if (variant13 === null || variant13=== undefined) {
                dataView(memory0).setInt8(base + 36, 0, true);
              } else {
                const e = variant13;
                dataView(memory0).setInt8(base + 36, 1, true);
                dataView(memory0).setInt32(base + 40, toUint32(e), true);
              }
              dataView(memory0).setInt8(base + 44, v9_2 ? 1 : 0, true);
              var variant14 = v9_3;
              if (variant14 === null || variant14=== undefined) {
                dataView(memory0).setInt8(base + 48, 0, true);
              } else {
                const e = variant14;
                dataView(memory0).setInt8(base + 48, 1, true);
                dataView(memory0).setInt32(base + 52, toUint32(e), true);
              }
            }
            dataView(memory0).setInt8(base + 56, v5_6 ? 1 : 0, true);
            var variant17 = v5_7;
            if (variant17 === null || variant17=== undefined) {
              dataView(memory0).setInt8(base + 60, 0, true);
            } else {
              const e = variant17;
              dataView(memory0).setInt8(base + 60, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr16= encodeRes.ptr;
              var len16 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 68, len16, true);
              dataView(memory0).setUint32(base + 64, ptr16, true);
            }
            var variant19 = v5_8;
            if (variant19 === null || variant19=== undefined) {
              dataView(memory0).setInt8(base + 72, 0, true);
            } else {
              const e = variant19;
              dataView(memory0).setInt8(base + 72, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr18= encodeRes.ptr;
              var len18 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 80, len18, true);
              dataView(memory0).setUint32(base + 76, ptr18, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v5_9, realloc0, memory0);
            var ptr20= encodeRes.ptr;
            var len20 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 88, len20, true);
            dataView(memory0).setUint32(base + 84, ptr20, true);
          }
          dataView(memory0).setUint32(arg2 + 32, len21, true);
          dataView(memory0).setUint32(arg2 + 28, result21, true);
          var variant22 = v2_3;
          if (variant22 === null || variant22=== undefined) {
            dataView(memory0).setInt8(arg2 + 36, 0, true);
          } else {
            const e = variant22;
            dataView(memory0).setInt8(arg2 + 36, 1, true);
            dataView(memory0).setInt32(arg2 + 40, toUint32(e), true);
          }
          dataView(memory0).setInt8(arg2 + 44, v2_4 ? 1 : 0, true);
        }
        
        break;
      }
      case 'err': {
        const e = variant44.val;
        dataView(memory0).setInt8(arg2 + 0, 1, true);
        var variant43 = e;
        switch (variant43.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg2 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 1, true);
            var {property: v24_0, reason: v24_1 } = e;
            var variant26 = v24_0;
            if (variant26 === null || variant26=== undefined) {
              dataView(memory0).setInt8(arg2 + 16, 0, true);
            } else {
              const e = variant26;
              dataView(memory0).setInt8(arg2 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr25= encodeRes.ptr;
              var len25 = encodeRes.len;
              
              dataView(memory0).setUint32(arg2 + 24, len25, true);
              dataView(memory0).setUint32(arg2 + 20, ptr25, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v24_1, realloc0, memory0);
            var ptr27= encodeRes.ptr;
            var len27 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 32, len27, true);
            dataView(memory0).setUint32(arg2 + 28, ptr27, true);
            break;
          }
          case 'conflict': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 2, true);
            dataView(memory0).setBigInt64(arg2 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr28= encodeRes.ptr;
            var len28 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len28, true);
            dataView(memory0).setUint32(arg2 + 16, ptr28, true);
            break;
          }
          case 'invalid': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 4, true);
            var vec33 = e;
            var len33 = vec33.length;
            var result33 = realloc0(0, 0, 4, len33 * 24);
            for (let i = 0; i < vec33.length; i++) {
              const e = vec33[i];
              const base = result33 + i * 24;var {property: v29_0, rule: v29_1, message: v29_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v29_0, realloc0, memory0);
              var ptr30= encodeRes.ptr;
              var len30 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len30, true);
              dataView(memory0).setUint32(base + 0, ptr30, true);
              
              var encodeRes = _utf8AllocateAndEncode(v29_1, realloc0, memory0);
              var ptr31= encodeRes.ptr;
              var len31 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len31, true);
              dataView(memory0).setUint32(base + 8, ptr31, true);
              
              var encodeRes = _utf8AllocateAndEncode(v29_2, realloc0, memory0);
              var ptr32= encodeRes.ptr;
              var len32 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len32, true);
              dataView(memory0).setUint32(base + 16, ptr32, true);
            }
            dataView(memory0).setUint32(arg2 + 20, len33, true);
            dataView(memory0).setUint32(arg2 + 16, result33, true);
            break;
          }
          case 'tampered': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 5, true);
            var {connector: v34_0, property: v34_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v34_0, realloc0, memory0);
            var ptr35= encodeRes.ptr;
            var len35 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len35, true);
            dataView(memory0).setUint32(arg2 + 16, ptr35, true);
            
            var encodeRes = _utf8AllocateAndEncode(v34_1, realloc0, memory0);
            var ptr36= encodeRes.ptr;
            var len36 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len36, true);
            dataView(memory0).setUint32(arg2 + 24, ptr36, true);
            break;
          }
          case 'key': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr37= encodeRes.ptr;
            var len37 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len37, true);
            dataView(memory0).setUint32(arg2 + 16, ptr37, true);
            break;
          }
          case 'read-only': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 7, true);
            var {location: v38_0, why: v38_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v38_0, realloc0, memory0);
            var ptr39= encodeRes.ptr;
            var len39 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len39, true);
            dataView(memory0).setUint32(arg2 + 16, ptr39, true);
            
            var encodeRes = _utf8AllocateAndEncode(v38_1, realloc0, memory0);
            var ptr40= encodeRes.ptr;
            var len40 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len40, true);
            dataView(memory0).setUint32(arg2 + 24, ptr40, true);
            break;
          }
          case 'schema': {
            const e = variant43.val;
            dataView(memory0).setInt8(arg2 + 8, 8, true);
            var {location: v41_0, found: v41_1, supported: v41_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v41_0, realloc0, memory0);
            var ptr42= encodeRes.ptr;
            var len42 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len42, true);
            dataView(memory0).setUint32(arg2 + 16, ptr42, true);
            dataView(memory0).setInt32(arg2 + 24, toUint32(v41_1), true);
            dataView(memory0).setInt32(arg2 + 28, toUint32(v41_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant43.tag)}\` (received \`${variant43}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant44, valueType: typeof variant44});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="rules"][Instruction::Return]', {
      funcName: 'rules',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline2.fnName = 'workflow:connectors/credential-store@0.2.0#rules';
  
  const _trampoline3 = function(arg0, arg1, arg2, arg3, arg4, arg5, arg6) {
    var ptr0 = arg0;
    var len0 = arg1;
    var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
    var len7 = arg4;
    var base7 = arg3;
    if (base7 % 4 !== 0) throw new TypeError(`list pointer [${base7}] is not aligned to 4`);
    var result7 = [];
    for (let i = 0; i < len7; i++) {
      const base = base7 + i * 24;
      var ptr1 = dataView(memory0).getUint32(base + 0, true);
      var len1 = dataView(memory0).getUint32(base + 4, true);
      var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
      let variant6;
      switch (dataView(memory0).getUint8(base + 8, true)) {
        case 0: {
          var ptr2 = dataView(memory0).getUint32(base + 12, true);
          var len2 = dataView(memory0).getUint32(base + 16, true);
          var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
          var bool3 = dataView(memory0).getUint8(base + 20, true);
          variant6= {
            tag: 'set',
            val: {
              value: result2,
              secret: bool3 == 0 ? false : (bool3 == 1 ? true : throwInvalidBool()),
            }
          };
          break;
        }
        case 1: {
          var ptr4 = dataView(memory0).getUint32(base + 12, true);
          var len4 = dataView(memory0).getUint32(base + 16, true);
          var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
          var bool5 = dataView(memory0).getUint8(base + 20, true);
          variant6= {
            tag: 'merge',
            val: {
              value: result4,
              secret: bool5 == 0 ? false : (bool5 == 1 ? true : throwInvalidBool()),
            }
          };
          break;
        }
        case 2: {
          variant6= {
            tag: 'remove',
          };
          break;
        }
        default: {
          throw new TypeError('invalid variant discriminant for ChangeOp');
        }
      }
      result7.push({
        name: result1,
        op: variant6,
      });
    }
    let enum8;
    switch (arg5) {
      case 0: {
        enum8 = 'commit';
        break;
      }
      case 1: {
        enum8 = 'preview';
        break;
      }
      default: {
        throw new TypeError('invalid discriminant specified for WriteMode');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="write"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'write',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet9 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => write(result0, BigInt.asUintN(64, BigInt(arg2)), result7, enum8)),
      })
      ;
      ret = hostRet9 !== null && typeof hostRet9 === 'object' && (hostRet9.tag === 'ok' || hostRet9.tag === 'err')
      ? hostRet9
      : { tag: 'ok', val: hostRet9};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant33 = ret;
    switch (variant33.tag) {
      case 'ok': {
        const e = variant33.val;
        dataView(memory0).setInt8(arg6 + 0, 0, true);
        var {revision: v10_0, changed: v10_1 } = e;
        dataView(memory0).setBigInt64(arg6 + 8, toUint64(v10_0), true);
        var vec12 = v10_1;
        var len12 = vec12.length;
        var result12 = realloc0(0, 0, 4, len12 * 8);
        for (let i = 0; i < vec12.length; i++) {
          const e = vec12[i];
          const base = result12 + i * 8;
          var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
          var ptr11= encodeRes.ptr;
          var len11 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 4, len11, true);
          dataView(memory0).setUint32(base + 0, ptr11, true);
        }
        dataView(memory0).setUint32(arg6 + 20, len12, true);
        dataView(memory0).setUint32(arg6 + 16, result12, true);
        
        break;
      }
      case 'err': {
        const e = variant33.val;
        dataView(memory0).setInt8(arg6 + 0, 1, true);
        var variant32 = e;
        switch (variant32.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg6 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 1, true);
            var {property: v13_0, reason: v13_1 } = e;
            var variant15 = v13_0;
            if (variant15 === null || variant15=== undefined) {
              dataView(memory0).setInt8(arg6 + 16, 0, true);
            } else {
              const e = variant15;
              dataView(memory0).setInt8(arg6 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr14= encodeRes.ptr;
              var len14 = encodeRes.len;
              
              dataView(memory0).setUint32(arg6 + 24, len14, true);
              dataView(memory0).setUint32(arg6 + 20, ptr14, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v13_1, realloc0, memory0);
            var ptr16= encodeRes.ptr;
            var len16 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 32, len16, true);
            dataView(memory0).setUint32(arg6 + 28, ptr16, true);
            break;
          }
          case 'conflict': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 2, true);
            dataView(memory0).setBigInt64(arg6 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr17= encodeRes.ptr;
            var len17 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 20, len17, true);
            dataView(memory0).setUint32(arg6 + 16, ptr17, true);
            break;
          }
          case 'invalid': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 4, true);
            var vec22 = e;
            var len22 = vec22.length;
            var result22 = realloc0(0, 0, 4, len22 * 24);
            for (let i = 0; i < vec22.length; i++) {
              const e = vec22[i];
              const base = result22 + i * 24;var {property: v18_0, rule: v18_1, message: v18_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v18_0, realloc0, memory0);
              var ptr19= encodeRes.ptr;
              var len19 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len19, true);
              dataView(memory0).setUint32(base + 0, ptr19, true);
              
              var encodeRes = _utf8AllocateAndEncode(v18_1, realloc0, memory0);
              var ptr20= encodeRes.ptr;
              var len20 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len20, true);
              dataView(memory0).setUint32(base + 8, ptr20, true);
              
              var encodeRes = _utf8AllocateAndEncode(v18_2, realloc0, memory0);
              var ptr21= encodeRes.ptr;
              var len21 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len21, true);
              dataView(memory0).setUint32(base + 16, ptr21, true);
            }
            dataView(memory0).setUint32(arg6 + 20, len22, true);
            dataView(memory0).setUint32(arg6 + 16, result22, true);
            break;
          }
          case 'tampered': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 5, true);
            var {connector: v23_0, property: v23_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v23_0, realloc0, memory0);
            var ptr24= encodeRes.ptr;
            var len24 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 20, len24, true);
            dataView(memory0).setUint32(arg6 + 16, ptr24, true);
            
            var encodeRes = _utf8AllocateAndEncode(v23_1, realloc0, memory0);
            var ptr25= encodeRes.ptr;
            var len25 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 28, len25, true);
            dataView(memory0).setUint32(arg6 + 24, ptr25, true);
            break;
          }
          case 'key': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr26= encodeRes.ptr;
            var len26 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 20, len26, true);
            dataView(memory0).setUint32(arg6 + 16, ptr26, true);
            break;
          }
          case 'read-only': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 7, true);
            var {location: v27_0, why: v27_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v27_0, realloc0, memory0);
            var ptr28= encodeRes.ptr;
            var len28 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 20, len28, true);
            dataView(memory0).setUint32(arg6 + 16, ptr28, true);
            
            var encodeRes = _utf8AllocateAndEncode(v27_1, realloc0, memory0);
            var ptr29= encodeRes.ptr;
            var len29 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 28, len29, true);
            dataView(memory0).setUint32(arg6 + 24, ptr29, true);
            break;
          }
          case 'schema': {
            const e = variant32.val;
            dataView(memory0).setInt8(arg6 + 8, 8, true);
            var {location: v30_0, found: v30_1, supported: v30_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v30_0, realloc0, memory0);
            var ptr31= encodeRes.ptr;
            var len31 = encodeRes.len;
            
            dataView(memory0).setUint32(arg6 + 20, len31, true);
            dataView(memory0).setUint32(arg6 + 16, ptr31, true);
            dataView(memory0).setInt32(arg6 + 24, toUint32(v30_1), true);
            dataView(memory0).setInt32(arg6 + 28, toUint32(v30_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant32.tag)}\` (received \`${variant32}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant33, valueType: typeof variant33});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="write"][Instruction::Return]', {
      funcName: 'write',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline3.fnName = 'workflow:connectors/credential-store@0.2.0#write';
  
  const _trampoline4 = function(arg0) {
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="kinds"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'kinds',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet0 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => kinds()),
      })
      ;
      ret = hostRet0 !== null && typeof hostRet0 === 'object' && (hostRet0.tag === 'ok' || hostRet0.tag === 'err')
      ? hostRet0
      : { tag: 'ok', val: hostRet0};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant43 = ret;
    switch (variant43.tag) {
      case 'ok': {
        const e = variant43.val;
        dataView(memory0).setInt8(arg0 + 0, 0, true);
        var vec22 = e;
        var len22 = vec22.length;
        var result22 = realloc0(0, 0, 4, len22 * 36);
        for (let i = 0; i < vec22.length; i++) {
          const e = vec22[i];
          const base = result22 + i * 36;var {kind: v1_0, help: v1_1, properties: v1_2, maxProperties: v1_3, allowUnknown: v1_4 } = e;
          
          var encodeRes = _utf8AllocateAndEncode(v1_0, realloc0, memory0);
          var ptr2= encodeRes.ptr;
          var len2 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 4, len2, true);
          dataView(memory0).setUint32(base + 0, ptr2, true);
          
          var encodeRes = _utf8AllocateAndEncode(v1_1, realloc0, memory0);
          var ptr3= encodeRes.ptr;
          var len3 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 12, len3, true);
          dataView(memory0).setUint32(base + 8, ptr3, true);
          var vec20 = v1_2;
          var len20 = vec20.length;
          var result20 = realloc0(0, 0, 4, len20 * 92);
          for (let i = 0; i < vec20.length; i++) {
            const e = vec20[i];
            const base = result20 + i * 92;var {name: v4_0, required: v4_1, secret: v4_2, format: v4_3, maxLength: v4_4, json: v4_5, immutable: v4_6, writePermission: v4_7, deprecated: v4_8, help: v4_9 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v4_0, realloc0, memory0);
            var ptr5= encodeRes.ptr;
            var len5 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len5, true);
            dataView(memory0).setUint32(base + 0, ptr5, true);
            dataView(memory0).setInt8(base + 8, v4_1 ? 1 : 0, true);
            dataView(memory0).setInt8(base + 9, v4_2 ? 1 : 0, true);
            var val6 = v4_3;
            let enum6;
            switch (val6) {
              case 'text': {
                enum6 = 0;
                break;
              }
              case 'integer': {
                enum6 = 1;
                break;
              }
              case 'boolean': {
                enum6 = 2;
                break;
              }
              case 'url': {
                enum6 = 3;
                break;
              }
              case 'duration': {
                enum6 = 4;
                break;
              }
              case 'json-object': {
                enum6 = 5;
                break;
              }
              case 'json-array': {
                enum6 = 6;
                break;
              }
              case 'timestamp': {
                enum6 = 7;
                break;
              }
              default: {
                if ((v4_3) instanceof Error) {
                  console.error(v4_3);
                }
                
                throw new TypeError(`"${val6}" is not one of the cases of value-format`);
              }
            }
            dataView(memory0).setInt8(base + 10, enum6, true);
            var variant7 = v4_4;
            if (variant7 === null || variant7=== undefined) {
              dataView(memory0).setInt8(base + 12, 0, true);
            } else {
              const e = variant7;
              dataView(memory0).setInt8(base + 12, 1, true);
              dataView(memory0).setInt32(base + 16, toUint32(e), true);
            }
            var variant14 = v4_5;
            if (variant14 === null || variant14=== undefined) {
              dataView(memory0).setInt8(base + 20, 0, true);
            } else {
              const e = variant14;
              dataView(memory0).setInt8(base + 20, 1, true);
              var {allowedKeys: v8_0, maxEntries: v8_1, stringsOnly: v8_2, maxStringLength: v8_3 } = e;
              var variant11 = v8_0;
              if (variant11 === null || variant11=== undefined) {
                dataView(memory0).setInt8(base + 24, 0, true);
              } else {
                const e = variant11;
                dataView(memory0).setInt8(base + 24, 1, true);
                var vec10 = e;
                var len10 = vec10.length;
                var result10 = realloc0(0, 0, 4, len10 * 8);
                for (let i = 0; i < vec10.length; i++) {
                  const e = vec10[i];
                  const base = result10 + i * 8;
                  var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                  var ptr9= encodeRes.ptr;
                  var len9 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 4, len9, true);
                  dataView(memory0).setUint32(base + 0, ptr9, true);
                }
                dataView(memory0).setUint32(base + 32, len10, true);
                dataView(memory0).setUint32(base + 28, result10, true);
              }
              var variant12 = v8_1;
              if (variant12 === null || variant12=== undefined) {
                dataView(memory0).setInt8(base + 36, 0, true);
              } else {
                const e = variant12;
                dataView(memory0).setInt8(base + 36, 1, true);
                dataView(memory0).setInt32(base + 40, toUint32(e), true);
              }
              dataView(memory0).setInt8(base + 44, v8_2 ? 1 : 0, true);
              var variant13 = v8_3;
              if (variant13 === null || variant13=== undefined) {
                dataView(memory0).setInt8(base + 48, 0, true);
              } else {
                const e = variant13;
                dataView(memory0).setInt8(base + 48, 1, true);
                dataView(memory0).setInt32(base + 52, toUint32(e), true);
              }
            }
            dataView(memory0).setInt8(base + 56, v4_6 ? 1 : 0, true);
            var variant16 = v4_7;
            if (variant16 === null || variant16=== undefined) {
              dataView(memory0).setInt8(base + 60, 0, true);
            } else {
              const e = variant16;
              dataView(memory0).setInt8(base + 60, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr15= encodeRes.ptr;
              var len15 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 68, len15, true);
              dataView(memory0).setUint32(base + 64, ptr15, true);
            }
            var variant18 = v4_8;
            if (variant18 === null || variant18=== undefined) {
              dataView(memory0).setInt8(base + 72, 0, true);
            } else {
              const e = variant18;
              dataView(memory0).setInt8(base + 72, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr17= encodeRes.ptr;
              var len17 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 80, len17, true);
              dataView(memory0).setUint32(base + 76, ptr17, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v4_9, realloc0, memory0);
            var ptr19= encodeRes.ptr;
            var len19 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 88, len19, true);
            dataView(memory0).setUint32(base + 84, ptr19, true);
          }
          dataView(memory0).setUint32(base + 20, len20, true);
          dataView(memory0).setUint32(base + 16, result20, true);
          var variant21 = v1_3;
          if (variant21 === null || variant21=== undefined) {
            dataView(memory0).setInt8(base + 24, 0, true);
          } else {
            const e = variant21;
            dataView(memory0).setInt8(base + 24, 1, true);
            dataView(memory0).setInt32(base + 28, toUint32(e), true);
          }
          dataView(memory0).setInt8(base + 32, v1_4 ? 1 : 0, true);
        }
        dataView(memory0).setUint32(arg0 + 12, len22, true);
        dataView(memory0).setUint32(arg0 + 8, result22, true);
        
        break;
      }
      case 'err': {
        const e = variant43.val;
        dataView(memory0).setInt8(arg0 + 0, 1, true);
        var variant42 = e;
        switch (variant42.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg0 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 1, true);
            var {property: v23_0, reason: v23_1 } = e;
            var variant25 = v23_0;
            if (variant25 === null || variant25=== undefined) {
              dataView(memory0).setInt8(arg0 + 16, 0, true);
            } else {
              const e = variant25;
              dataView(memory0).setInt8(arg0 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr24= encodeRes.ptr;
              var len24 = encodeRes.len;
              
              dataView(memory0).setUint32(arg0 + 24, len24, true);
              dataView(memory0).setUint32(arg0 + 20, ptr24, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v23_1, realloc0, memory0);
            var ptr26= encodeRes.ptr;
            var len26 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 32, len26, true);
            dataView(memory0).setUint32(arg0 + 28, ptr26, true);
            break;
          }
          case 'conflict': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 2, true);
            dataView(memory0).setBigInt64(arg0 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr27= encodeRes.ptr;
            var len27 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 20, len27, true);
            dataView(memory0).setUint32(arg0 + 16, ptr27, true);
            break;
          }
          case 'invalid': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 4, true);
            var vec32 = e;
            var len32 = vec32.length;
            var result32 = realloc0(0, 0, 4, len32 * 24);
            for (let i = 0; i < vec32.length; i++) {
              const e = vec32[i];
              const base = result32 + i * 24;var {property: v28_0, rule: v28_1, message: v28_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v28_0, realloc0, memory0);
              var ptr29= encodeRes.ptr;
              var len29 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len29, true);
              dataView(memory0).setUint32(base + 0, ptr29, true);
              
              var encodeRes = _utf8AllocateAndEncode(v28_1, realloc0, memory0);
              var ptr30= encodeRes.ptr;
              var len30 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len30, true);
              dataView(memory0).setUint32(base + 8, ptr30, true);
              
              var encodeRes = _utf8AllocateAndEncode(v28_2, realloc0, memory0);
              var ptr31= encodeRes.ptr;
              var len31 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len31, true);
              dataView(memory0).setUint32(base + 16, ptr31, true);
            }
            dataView(memory0).setUint32(arg0 + 20, len32, true);
            dataView(memory0).setUint32(arg0 + 16, result32, true);
            break;
          }
          case 'tampered': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 5, true);
            var {connector: v33_0, property: v33_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v33_0, realloc0, memory0);
            var ptr34= encodeRes.ptr;
            var len34 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 20, len34, true);
            dataView(memory0).setUint32(arg0 + 16, ptr34, true);
            
            var encodeRes = _utf8AllocateAndEncode(v33_1, realloc0, memory0);
            var ptr35= encodeRes.ptr;
            var len35 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 28, len35, true);
            dataView(memory0).setUint32(arg0 + 24, ptr35, true);
            break;
          }
          case 'key': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr36= encodeRes.ptr;
            var len36 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 20, len36, true);
            dataView(memory0).setUint32(arg0 + 16, ptr36, true);
            break;
          }
          case 'read-only': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 7, true);
            var {location: v37_0, why: v37_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v37_0, realloc0, memory0);
            var ptr38= encodeRes.ptr;
            var len38 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 20, len38, true);
            dataView(memory0).setUint32(arg0 + 16, ptr38, true);
            
            var encodeRes = _utf8AllocateAndEncode(v37_1, realloc0, memory0);
            var ptr39= encodeRes.ptr;
            var len39 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 28, len39, true);
            dataView(memory0).setUint32(arg0 + 24, ptr39, true);
            break;
          }
          case 'schema': {
            const e = variant42.val;
            dataView(memory0).setInt8(arg0 + 8, 8, true);
            var {location: v40_0, found: v40_1, supported: v40_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v40_0, realloc0, memory0);
            var ptr41= encodeRes.ptr;
            var len41 = encodeRes.len;
            
            dataView(memory0).setUint32(arg0 + 20, len41, true);
            dataView(memory0).setUint32(arg0 + 16, ptr41, true);
            dataView(memory0).setInt32(arg0 + 24, toUint32(v40_1), true);
            dataView(memory0).setInt32(arg0 + 28, toUint32(v40_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant42.tag)}\` (received \`${variant42}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant43, valueType: typeof variant43});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="kinds"][Instruction::Return]', {
      funcName: 'kinds',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline4.fnName = 'workflow:connectors/credential-store@0.2.0#kinds';
  
  const _trampoline5 = function(arg0, arg1, arg2) {
    var len1 = arg1;
    var base1 = arg0;
    if (base1 % 4 !== 0) throw new TypeError(`list pointer [${base1}] is not aligned to 4`);
    var result1 = [];
    for (let i = 0; i < len1; i++) {
      const base = base1 + i * 8;
      var ptr0 = dataView(memory0).getUint32(base + 0, true);
      var len0 = dataView(memory0).getUint32(base + 4, true);
      var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
      result1.push(result0);
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="kinds-naming"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'kindsNaming',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet2 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => kindsNaming(result1)),
      })
      ;
      ret = hostRet2 !== null && typeof hostRet2 === 'object' && (hostRet2.tag === 'ok' || hostRet2.tag === 'err')
      ? hostRet2
      : { tag: 'ok', val: hostRet2};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant45 = ret;
    switch (variant45.tag) {
      case 'ok': {
        const e = variant45.val;
        dataView(memory0).setInt8(arg2 + 0, 0, true);
        var vec24 = e;
        var len24 = vec24.length;
        var result24 = realloc0(0, 0, 4, len24 * 36);
        for (let i = 0; i < vec24.length; i++) {
          const e = vec24[i];
          const base = result24 + i * 36;var {kind: v3_0, help: v3_1, properties: v3_2, maxProperties: v3_3, allowUnknown: v3_4 } = e;
          
          var encodeRes = _utf8AllocateAndEncode(v3_0, realloc0, memory0);
          var ptr4= encodeRes.ptr;
          var len4 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 4, len4, true);
          dataView(memory0).setUint32(base + 0, ptr4, true);
          
          var encodeRes = _utf8AllocateAndEncode(v3_1, realloc0, memory0);
          var ptr5= encodeRes.ptr;
          var len5 = encodeRes.len;
          
          dataView(memory0).setUint32(base + 12, len5, true);
          dataView(memory0).setUint32(base + 8, ptr5, true);
          var vec22 = v3_2;
          var len22 = vec22.length;
          var result22 = realloc0(0, 0, 4, len22 * 92);
          for (let i = 0; i < vec22.length; i++) {
            const e = vec22[i];
            const base = result22 + i * 92;var {name: v6_0, required: v6_1, secret: v6_2, format: v6_3, maxLength: v6_4, json: v6_5, immutable: v6_6, writePermission: v6_7, deprecated: v6_8, help: v6_9 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v6_0, realloc0, memory0);
            var ptr7= encodeRes.ptr;
            var len7 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len7, true);
            dataView(memory0).setUint32(base + 0, ptr7, true);
            dataView(memory0).setInt8(base + 8, v6_1 ? 1 : 0, true);
            dataView(memory0).setInt8(base + 9, v6_2 ? 1 : 0, true);
            var val8 = v6_3;
            let enum8;
            switch (val8) {
              case 'text': {
                enum8 = 0;
                break;
              }
              case 'integer': {
                enum8 = 1;
                break;
              }
              case 'boolean': {
                enum8 = 2;
                break;
              }
              case 'url': {
                enum8 = 3;
                break;
              }
              case 'duration': {
                enum8 = 4;
                break;
              }
              case 'json-object': {
                enum8 = 5;
                break;
              }
              case 'json-array': {
                enum8 = 6;
                break;
              }
              case 'timestamp': {
                enum8 = 7;
                break;
              }
              default: {
                if ((v6_3) instanceof Error) {
                  console.error(v6_3);
                }
                
                throw new TypeError(`"${val8}" is not one of the cases of value-format`);
              }
            }
            dataView(memory0).setInt8(base + 10, enum8, true);
            var variant9 = v6_4;
            if (variant9 === null || variant9=== undefined) {
              dataView(memory0).setInt8(base + 12, 0, true);
            } else {
              const e = variant9;
              dataView(memory0).setInt8(base + 12, 1, true);
              dataView(memory0).setInt32(base + 16, toUint32(e), true);
            }
            var variant16 = v6_5;
            if (variant16 === null || variant16=== undefined) {
              dataView(memory0).setInt8(base + 20, 0, true);
            } else {
              const e = variant16;
              dataView(memory0).setInt8(base + 20, 1, true);
              var {allowedKeys: v10_0, maxEntries: v10_1, stringsOnly: v10_2, maxStringLength: v10_3 } = e;
              var variant13 = v10_0;
              if (variant13 === null || variant13=== undefined) {
                dataView(memory0).setInt8(base + 24, 0, true);
              } else {
                const e = variant13;
                dataView(memory0).setInt8(base + 24, 1, true);
                var vec12 = e;
                var len12 = vec12.length;
                var result12 = realloc0(0, 0, 4, len12 * 8);
                for (let i = 0; i < vec12.length; i++) {
                  const e = vec12[i];
                  const base = result12 + i * 8;
                  var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                  var ptr11= encodeRes.ptr;
                  var len11 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 4, len11, true);
                  dataView(memory0).setUint32(base + 0, ptr11, true);
                }
                dataView(memory0).setUint32(base + 32, len12, true);
                dataView(memory0).setUint32(base + 28, result12, true);
              }
              var variant14 = v10_1;
              if (variant14 === null || variant14=== undefined) {
                dataView(memory0).setInt8(base + 36, 0, true);
              } else {
                const e = variant14;
                dataView(memory0).setInt8(base + 36, 1, true);
                dataView(memory0).setInt32(base + 40, toUint32(e), true);
              }
              dataView(memory0).setInt8(base + 44, v10_2 ? 1 : 0, true);
              var variant15 = v10_3;
              if (variant15 === null || variant15=== undefined) {
                dataView(memory0).setInt8(base + 48, 0, true);
              } else {
                const e = variant15;
                dataView(memory0).setInt8(base + 48, 1, true);
                dataView(memory0).setInt32(base + 52, toUint32(e), true);
              }
            }
            dataView(memory0).setInt8(base + 56, v6_6 ? 1 : 0, true);
            var variant18 = v6_7;
            if (variant18 === null || variant18=== undefined) {
              dataView(memory0).setInt8(base + 60, 0, true);
            } else {
              const e = variant18;
              dataView(memory0).setInt8(base + 60, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr17= encodeRes.ptr;
              var len17 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 68, len17, true);
              dataView(memory0).setUint32(base + 64, ptr17, true);
            }
            var variant20 = v6_8;
            if (variant20 === null || variant20=== undefined) {
              dataView(memory0).setInt8(base + 72, 0, true);
            } else {
              const e = variant20;
              dataView(memory0).setInt8(base + 72, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr19= encodeRes.ptr;
              var len19 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 80, len19, true);
              dataView(memory0).setUint32(base + 76, ptr19, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v6_9, realloc0, memory0);
            var ptr21= encodeRes.ptr;
            var len21 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 88, len21, true);
            dataView(memory0).setUint32(base + 84, ptr21, true);
          }
          dataView(memory0).setUint32(base + 20, len22, true);
          dataView(memory0).setUint32(base + 16, result22, true);
          var variant23 = v3_3;
          if (variant23 === null || variant23=== undefined) {
            dataView(memory0).setInt8(base + 24, 0, true);
          } else {
            const e = variant23;
            dataView(memory0).setInt8(base + 24, 1, true);
            dataView(memory0).setInt32(base + 28, toUint32(e), true);
          }
          dataView(memory0).setInt8(base + 32, v3_4 ? 1 : 0, true);
        }
        dataView(memory0).setUint32(arg2 + 12, len24, true);
        dataView(memory0).setUint32(arg2 + 8, result24, true);
        
        break;
      }
      case 'err': {
        const e = variant45.val;
        dataView(memory0).setInt8(arg2 + 0, 1, true);
        var variant44 = e;
        switch (variant44.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg2 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 1, true);
            var {property: v25_0, reason: v25_1 } = e;
            var variant27 = v25_0;
            if (variant27 === null || variant27=== undefined) {
              dataView(memory0).setInt8(arg2 + 16, 0, true);
            } else {
              const e = variant27;
              dataView(memory0).setInt8(arg2 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr26= encodeRes.ptr;
              var len26 = encodeRes.len;
              
              dataView(memory0).setUint32(arg2 + 24, len26, true);
              dataView(memory0).setUint32(arg2 + 20, ptr26, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v25_1, realloc0, memory0);
            var ptr28= encodeRes.ptr;
            var len28 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 32, len28, true);
            dataView(memory0).setUint32(arg2 + 28, ptr28, true);
            break;
          }
          case 'conflict': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 2, true);
            dataView(memory0).setBigInt64(arg2 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr29= encodeRes.ptr;
            var len29 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len29, true);
            dataView(memory0).setUint32(arg2 + 16, ptr29, true);
            break;
          }
          case 'invalid': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 4, true);
            var vec34 = e;
            var len34 = vec34.length;
            var result34 = realloc0(0, 0, 4, len34 * 24);
            for (let i = 0; i < vec34.length; i++) {
              const e = vec34[i];
              const base = result34 + i * 24;var {property: v30_0, rule: v30_1, message: v30_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v30_0, realloc0, memory0);
              var ptr31= encodeRes.ptr;
              var len31 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len31, true);
              dataView(memory0).setUint32(base + 0, ptr31, true);
              
              var encodeRes = _utf8AllocateAndEncode(v30_1, realloc0, memory0);
              var ptr32= encodeRes.ptr;
              var len32 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len32, true);
              dataView(memory0).setUint32(base + 8, ptr32, true);
              
              var encodeRes = _utf8AllocateAndEncode(v30_2, realloc0, memory0);
              var ptr33= encodeRes.ptr;
              var len33 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len33, true);
              dataView(memory0).setUint32(base + 16, ptr33, true);
            }
            dataView(memory0).setUint32(arg2 + 20, len34, true);
            dataView(memory0).setUint32(arg2 + 16, result34, true);
            break;
          }
          case 'tampered': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 5, true);
            var {connector: v35_0, property: v35_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v35_0, realloc0, memory0);
            var ptr36= encodeRes.ptr;
            var len36 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len36, true);
            dataView(memory0).setUint32(arg2 + 16, ptr36, true);
            
            var encodeRes = _utf8AllocateAndEncode(v35_1, realloc0, memory0);
            var ptr37= encodeRes.ptr;
            var len37 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len37, true);
            dataView(memory0).setUint32(arg2 + 24, ptr37, true);
            break;
          }
          case 'key': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr38= encodeRes.ptr;
            var len38 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len38, true);
            dataView(memory0).setUint32(arg2 + 16, ptr38, true);
            break;
          }
          case 'read-only': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 7, true);
            var {location: v39_0, why: v39_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v39_0, realloc0, memory0);
            var ptr40= encodeRes.ptr;
            var len40 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len40, true);
            dataView(memory0).setUint32(arg2 + 16, ptr40, true);
            
            var encodeRes = _utf8AllocateAndEncode(v39_1, realloc0, memory0);
            var ptr41= encodeRes.ptr;
            var len41 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 28, len41, true);
            dataView(memory0).setUint32(arg2 + 24, ptr41, true);
            break;
          }
          case 'schema': {
            const e = variant44.val;
            dataView(memory0).setInt8(arg2 + 8, 8, true);
            var {location: v42_0, found: v42_1, supported: v42_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v42_0, realloc0, memory0);
            var ptr43= encodeRes.ptr;
            var len43 = encodeRes.len;
            
            dataView(memory0).setUint32(arg2 + 20, len43, true);
            dataView(memory0).setUint32(arg2 + 16, ptr43, true);
            dataView(memory0).setInt32(arg2 + 24, toUint32(v42_1), true);
            dataView(memory0).setInt32(arg2 + 28, toUint32(v42_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant44.tag)}\` (received \`${variant44}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant45, valueType: typeof variant45});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/credential-store@0.2.0", function="kinds-naming"][Instruction::Return]', {
      funcName: 'kinds-naming',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline5.fnName = 'workflow:connectors/credential-store@0.2.0#kindsNaming';
  
  const _trampoline6 = function(arg0, arg1, arg2, arg3, arg4, arg5) {
    let variant1;
    switch (arg0) {
      case 0: {
        variant1 = undefined;
        break;
      }
      case 1: {
        var ptr0 = arg1;
        var len0 = arg2;
        var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
        variant1 = result0;
        break;
      }
      default: {
        throw new TypeError('invalid variant discriminant for option');
      }
    }
    var ptr2 = arg3;
    var len2 = arg4;
    var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
    _debugLog('[iface="workflow:connectors/tokens@0.2.0", function="resolve"] [Instruction::CallInterface] (sync, @ enter)');
    const hostProvided = true;
    
    let parentTask;
    let task;
    let subtask;
    
    const createTask = () => {
      const results = createNewCurrentTask({
        componentIdx: -1,
        isAsync: false,
        entryFnName: 'resolve',
        getCallbackFn: () => null,
        callbackFnName: null,
        errHandling: 'result-catch-handler',
        callingWasmExport: false,
      });
      task = results[0];
    };
    
    taskCreation: {
      parentTask = getCurrentTask(
      0,
      _getGlobalCurrentTaskMeta(0)?.taskID,
      )?.task;
      
      if (!parentTask) {
        createTask();
        break taskCreation;
      }
      
      createTask();
      
      if (hostProvided) {
        subtask = parentTask.getLatestSubtask();
        if (!subtask) {
          throw new Error(`Missing subtask (in parent task [${parentTask.id()}]) for host import, has the import been lowered? (ensure asyncImports are set properly)`);
        }
        task.setParentSubtask(subtask);
      }
    }
    
    const started = task.enterSync();
    let ret;
    
    try {
      const hostRet3 = _withGlobalCurrentTaskMeta({
        componentIdx: task.componentIdx(),
        taskID: task.id(),
        fn: () => _trackHostOperation(() => resolve(variant1, result2)),
      })
      ;
      ret = hostRet3 !== null && typeof hostRet3 === 'object' && (hostRet3.tag === 'ok' || hostRet3.tag === 'err')
      ? hostRet3
      : { tag: 'ok', val: hostRet3};
    } catch (e) {
      if (getOrCreateAsyncState(0).markTrapped(e)) { throw e; }
      ret = { tag: 'err', val: getErrorPayload(e) };
    }
    
    var variant26 = ret;
    switch (variant26.tag) {
      case 'ok': {
        const e = variant26.val;
        dataView(memory0).setInt8(arg5 + 0, 0, true);
        var variant5 = e;
        if (variant5 === null || variant5=== undefined) {
          dataView(memory0).setInt8(arg5 + 8, 0, true);
        } else {
          const e = variant5;
          dataView(memory0).setInt8(arg5 + 8, 1, true);
          
          var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
          var ptr4= encodeRes.ptr;
          var len4 = encodeRes.len;
          
          dataView(memory0).setUint32(arg5 + 16, len4, true);
          dataView(memory0).setUint32(arg5 + 12, ptr4, true);
        }
        
        break;
      }
      case 'err': {
        const e = variant26.val;
        dataView(memory0).setInt8(arg5 + 0, 1, true);
        var variant25 = e;
        switch (variant25.tag) {
          case 'not-found': {
            dataView(memory0).setInt8(arg5 + 8, 0, true);
            break;
          }
          case 'permission-denied': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 1, true);
            var {property: v6_0, reason: v6_1 } = e;
            var variant8 = v6_0;
            if (variant8 === null || variant8=== undefined) {
              dataView(memory0).setInt8(arg5 + 16, 0, true);
            } else {
              const e = variant8;
              dataView(memory0).setInt8(arg5 + 16, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr7= encodeRes.ptr;
              var len7 = encodeRes.len;
              
              dataView(memory0).setUint32(arg5 + 24, len7, true);
              dataView(memory0).setUint32(arg5 + 20, ptr7, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v6_1, realloc0, memory0);
            var ptr9= encodeRes.ptr;
            var len9 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 32, len9, true);
            dataView(memory0).setUint32(arg5 + 28, ptr9, true);
            break;
          }
          case 'conflict': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 2, true);
            dataView(memory0).setBigInt64(arg5 + 16, toUint64(e), true);
            break;
          }
          case 'unavailable': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 3, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr10= encodeRes.ptr;
            var len10 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 20, len10, true);
            dataView(memory0).setUint32(arg5 + 16, ptr10, true);
            break;
          }
          case 'invalid': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 4, true);
            var vec15 = e;
            var len15 = vec15.length;
            var result15 = realloc0(0, 0, 4, len15 * 24);
            for (let i = 0; i < vec15.length; i++) {
              const e = vec15[i];
              const base = result15 + i * 24;var {property: v11_0, rule: v11_1, message: v11_2 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v11_0, realloc0, memory0);
              var ptr12= encodeRes.ptr;
              var len12 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len12, true);
              dataView(memory0).setUint32(base + 0, ptr12, true);
              
              var encodeRes = _utf8AllocateAndEncode(v11_1, realloc0, memory0);
              var ptr13= encodeRes.ptr;
              var len13 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 12, len13, true);
              dataView(memory0).setUint32(base + 8, ptr13, true);
              
              var encodeRes = _utf8AllocateAndEncode(v11_2, realloc0, memory0);
              var ptr14= encodeRes.ptr;
              var len14 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 20, len14, true);
              dataView(memory0).setUint32(base + 16, ptr14, true);
            }
            dataView(memory0).setUint32(arg5 + 20, len15, true);
            dataView(memory0).setUint32(arg5 + 16, result15, true);
            break;
          }
          case 'tampered': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 5, true);
            var {connector: v16_0, property: v16_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v16_0, realloc0, memory0);
            var ptr17= encodeRes.ptr;
            var len17 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 20, len17, true);
            dataView(memory0).setUint32(arg5 + 16, ptr17, true);
            
            var encodeRes = _utf8AllocateAndEncode(v16_1, realloc0, memory0);
            var ptr18= encodeRes.ptr;
            var len18 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 28, len18, true);
            dataView(memory0).setUint32(arg5 + 24, ptr18, true);
            break;
          }
          case 'key': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 6, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr19= encodeRes.ptr;
            var len19 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 20, len19, true);
            dataView(memory0).setUint32(arg5 + 16, ptr19, true);
            break;
          }
          case 'read-only': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 7, true);
            var {location: v20_0, why: v20_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v20_0, realloc0, memory0);
            var ptr21= encodeRes.ptr;
            var len21 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 20, len21, true);
            dataView(memory0).setUint32(arg5 + 16, ptr21, true);
            
            var encodeRes = _utf8AllocateAndEncode(v20_1, realloc0, memory0);
            var ptr22= encodeRes.ptr;
            var len22 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 28, len22, true);
            dataView(memory0).setUint32(arg5 + 24, ptr22, true);
            break;
          }
          case 'schema': {
            const e = variant25.val;
            dataView(memory0).setInt8(arg5 + 8, 8, true);
            var {location: v23_0, found: v23_1, supported: v23_2 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v23_0, realloc0, memory0);
            var ptr24= encodeRes.ptr;
            var len24 = encodeRes.len;
            
            dataView(memory0).setUint32(arg5 + 20, len24, true);
            dataView(memory0).setUint32(arg5 + 16, ptr24, true);
            dataView(memory0).setInt32(arg5 + 24, toUint32(v23_1), true);
            dataView(memory0).setInt32(arg5 + 28, toUint32(v23_2), true);
            break;
          }
          default: {
            throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant25.tag)}\` (received \`${variant25}\`) specified for \`StoreError\``);
          }
        }
        
        break;
      }
      default: {
        _debugLog("ERROR: invalid value (expected result as object with 'tag' member)", { value: variant26, valueType: typeof variant26});
        throw new TypeError('invalid variant specified for result');
      }
    }
    _debugLog('[iface="workflow:connectors/tokens@0.2.0", function="resolve"][Instruction::Return]', {
      funcName: 'resolve',
      paramCount: 0,
      async: false,
      postReturn: false
    });
    task.resolve([ret]);
    task.exit();
  }
  _trampoline6.fnName = 'workflow:connectors/tokens@0.2.0#resolve';
  let exports2;
  let postReturn0;
  let postReturn0Async;
  let postReturn1;
  let postReturn1Async;
  let postReturn2;
  let postReturn2Async;
  let postReturn3;
  let postReturn3Async;
  let postReturn4;
  let postReturn4Async;
  let postReturn5;
  let postReturn5Async;
  let postReturn6;
  let postReturn6Async;
  let action020Describe;
  
  function describe() {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'action020Describe',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'throw-result-err',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="describe"][Instruction::CallWasm] enter', {
            funcName: 'describe',
            paramCount: 0,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => action020Describe(),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          let variant86;
          switch (dataView(memory0).getUint8(ret + 0, true)) {
            case 0: {
              var ptr0 = dataView(memory0).getUint32(ret + 8, true);
              var len0 = dataView(memory0).getUint32(ret + 12, true);
              var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
              var ptr1 = dataView(memory0).getUint32(ret + 16, true);
              var len1 = dataView(memory0).getUint32(ret + 20, true);
              var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
              var ptr2 = dataView(memory0).getUint32(ret + 24, true);
              var len2 = dataView(memory0).getUint32(ret + 28, true);
              var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
              var ptr3 = dataView(memory0).getUint32(ret + 32, true);
              var len3 = dataView(memory0).getUint32(ret + 36, true);
              var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
              var len13 = dataView(memory0).getUint32(ret + 44, true);
              var base13 = dataView(memory0).getUint32(ret + 40, true);
              if (base13 % 4 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 4`);
              var result13 = [];
              for (let i = 0; i < len13; i++) {
                const base = base13 + i * 48;
                var ptr4 = dataView(memory0).getUint32(base + 0, true);
                var len4 = dataView(memory0).getUint32(base + 4, true);
                var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
                var ptr5 = dataView(memory0).getUint32(base + 8, true);
                var len5 = dataView(memory0).getUint32(base + 12, true);
                var result5 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr5, len5));
                var ptr6 = dataView(memory0).getUint32(base + 16, true);
                var len6 = dataView(memory0).getUint32(base + 20, true);
                var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
                let enum7;
                switch (dataView(memory0).getUint8(base + 24, true)) {
                  case 0: {
                    enum7 = 'connector-reference';
                    break;
                  }
                  case 1: {
                    enum7 = 'name-value-list';
                    break;
                  }
                  case 2: {
                    enum7 = 'json-object';
                    break;
                  }
                  case 3: {
                    enum7 = 'unsigned-integer';
                    break;
                  }
                  case 4: {
                    enum7 = 'boolean';
                    break;
                  }
                  case 5: {
                    enum7 = 'choice';
                    break;
                  }
                  default: {
                    throw new TypeError('invalid discriminant specified for ParameterKind');
                  }
                }
                var bool8 = dataView(memory0).getUint8(base + 25, true);
                var ptr9 = dataView(memory0).getUint32(base + 28, true);
                var len9 = dataView(memory0).getUint32(base + 32, true);
                var result9 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr9, len9));
                var bool10 = dataView(memory0).getUint8(base + 36, true);
                var len12 = dataView(memory0).getUint32(base + 44, true);
                var base12 = dataView(memory0).getUint32(base + 40, true);
                if (base12 % 4 !== 0) throw new TypeError(`list pointer [${base12}] is not aligned to 4`);
                var result12 = [];
                for (let i = 0; i < len12; i++) {
                  const base = base12 + i * 8;
                  var ptr11 = dataView(memory0).getUint32(base + 0, true);
                  var len11 = dataView(memory0).getUint32(base + 4, true);
                  var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                  result12.push(result11);
                }
                result13.push({
                  key: result4,
                  label: result5,
                  help: result6,
                  kind: enum7,
                  required: bool8 == 0 ? false : (bool8 == 1 ? true : throwInvalidBool()),
                  defaultValue: result9,
                  supportsTokens: bool10 == 0 ? false : (bool10 == 1 ? true : throwInvalidBool()),
                  choices: result12,
                });
              }
              var len16 = dataView(memory0).getUint32(ret + 52, true);
              var base16 = dataView(memory0).getUint32(ret + 48, true);
              if (base16 % 4 !== 0) throw new TypeError(`list pointer [${base16}] is not aligned to 4`);
              var result16 = [];
              for (let i = 0; i < len16; i++) {
                const base = base16 + i * 16;
                var ptr14 = dataView(memory0).getUint32(base + 0, true);
                var len14 = dataView(memory0).getUint32(base + 4, true);
                var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                var ptr15 = dataView(memory0).getUint32(base + 8, true);
                var len15 = dataView(memory0).getUint32(base + 12, true);
                var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                result16.push({
                  key: result14,
                  help: result15,
                });
              }
              var len19 = dataView(memory0).getUint32(ret + 60, true);
              var base19 = dataView(memory0).getUint32(ret + 56, true);
              if (base19 % 8 !== 0) throw new TypeError(`list pointer [${base19}] is not aligned to 8`);
              var result19 = [];
              for (let i = 0; i < len19; i++) {
                const base = base19 + i * 24;
                var ptr17 = dataView(memory0).getUint32(base + 0, true);
                var len17 = dataView(memory0).getUint32(base + 4, true);
                var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                var ptr18 = dataView(memory0).getUint32(base + 8, true);
                var len18 = dataView(memory0).getUint32(base + 12, true);
                var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
                result19.push({
                  key: result17,
                  what: result18,
                  max: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(base + 16, true))),
                });
              }
              var len21 = dataView(memory0).getUint32(ret + 68, true);
              var base21 = dataView(memory0).getUint32(ret + 64, true);
              if (base21 % 4 !== 0) throw new TypeError(`list pointer [${base21}] is not aligned to 4`);
              var result21 = [];
              for (let i = 0; i < len21; i++) {
                const base = base21 + i * 8;
                var ptr20 = dataView(memory0).getUint32(base + 0, true);
                var len20 = dataView(memory0).getUint32(base + 4, true);
                var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                result21.push(result20);
              }
              var ptr22 = dataView(memory0).getUint32(ret + 72, true);
              var len22 = dataView(memory0).getUint32(ret + 76, true);
              var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
              var ptr23 = dataView(memory0).getUint32(ret + 80, true);
              var len23 = dataView(memory0).getUint32(ret + 84, true);
              var result23 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr23, len23));
              var len26 = dataView(memory0).getUint32(ret + 92, true);
              var base26 = dataView(memory0).getUint32(ret + 88, true);
              if (base26 % 4 !== 0) throw new TypeError(`list pointer [${base26}] is not aligned to 4`);
              var result26 = [];
              for (let i = 0; i < len26; i++) {
                const base = base26 + i * 16;
                var ptr24 = dataView(memory0).getUint32(base + 0, true);
                var len24 = dataView(memory0).getUint32(base + 4, true);
                var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                var ptr25 = dataView(memory0).getUint32(base + 8, true);
                var len25 = dataView(memory0).getUint32(base + 12, true);
                var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                result26.push([result24, result25]);
              }
              var len50 = dataView(memory0).getUint32(ret + 100, true);
              var base50 = dataView(memory0).getUint32(ret + 96, true);
              if (base50 % 4 !== 0) throw new TypeError(`list pointer [${base50}] is not aligned to 4`);
              var result50 = [];
              for (let i = 0; i < len50; i++) {
                const base = base50 + i * 36;
                var ptr27 = dataView(memory0).getUint32(base + 0, true);
                var len27 = dataView(memory0).getUint32(base + 4, true);
                var result27 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr27, len27));
                var ptr28 = dataView(memory0).getUint32(base + 8, true);
                var len28 = dataView(memory0).getUint32(base + 12, true);
                var result28 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr28, len28));
                var len47 = dataView(memory0).getUint32(base + 20, true);
                var base47 = dataView(memory0).getUint32(base + 16, true);
                if (base47 % 4 !== 0) throw new TypeError(`list pointer [${base47}] is not aligned to 4`);
                var result47 = [];
                for (let i = 0; i < len47; i++) {
                  const base = base47 + i * 92;
                  var ptr29 = dataView(memory0).getUint32(base + 0, true);
                  var len29 = dataView(memory0).getUint32(base + 4, true);
                  var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                  var bool30 = dataView(memory0).getUint8(base + 8, true);
                  var bool31 = dataView(memory0).getUint8(base + 9, true);
                  let enum32;
                  switch (dataView(memory0).getUint8(base + 10, true)) {
                    case 0: {
                      enum32 = 'text';
                      break;
                    }
                    case 1: {
                      enum32 = 'integer';
                      break;
                    }
                    case 2: {
                      enum32 = 'boolean';
                      break;
                    }
                    case 3: {
                      enum32 = 'url';
                      break;
                    }
                    case 4: {
                      enum32 = 'duration';
                      break;
                    }
                    case 5: {
                      enum32 = 'json-object';
                      break;
                    }
                    case 6: {
                      enum32 = 'json-array';
                      break;
                    }
                    case 7: {
                      enum32 = 'timestamp';
                      break;
                    }
                    default: {
                      throw new TypeError('invalid discriminant specified for ValueFormat');
                    }
                  }
                  let variant33;
                  switch (dataView(memory0).getUint8(base + 12, true)) {
                    case 0: {
                      variant33 = undefined;
                      break;
                    }
                    case 1: {
                      variant33 = dataView(memory0).getInt32(base + 16, true) >>> 0;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  let variant40;
                  switch (dataView(memory0).getUint8(base + 20, true)) {
                    case 0: {
                      variant40 = undefined;
                      break;
                    }
                    case 1: {
                      let variant36;
                      switch (dataView(memory0).getUint8(base + 24, true)) {
                        case 0: {
                          variant36 = undefined;
                          break;
                        }
                        case 1: {
                          var len35 = dataView(memory0).getUint32(base + 32, true);
                          var base35 = dataView(memory0).getUint32(base + 28, true);
                          if (base35 % 4 !== 0) throw new TypeError(`list pointer [${base35}] is not aligned to 4`);
                          var result35 = [];
                          for (let i = 0; i < len35; i++) {
                            const base = base35 + i * 8;
                            var ptr34 = dataView(memory0).getUint32(base + 0, true);
                            var len34 = dataView(memory0).getUint32(base + 4, true);
                            var result34 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr34, len34));
                            result35.push(result34);
                          }
                          variant36 = result35;
                          break;
                        }
                        default: {
                          throw new TypeError('invalid variant discriminant for option');
                        }
                      }
                      let variant37;
                      switch (dataView(memory0).getUint8(base + 36, true)) {
                        case 0: {
                          variant37 = undefined;
                          break;
                        }
                        case 1: {
                          variant37 = dataView(memory0).getInt32(base + 40, true) >>> 0;
                          break;
                        }
                        default: {
                          throw new TypeError('invalid variant discriminant for option');
                        }
                      }
                      var bool38 = dataView(memory0).getUint8(base + 44, true);
                      let variant39;
                      switch (dataView(memory0).getUint8(base + 48, true)) {
                        case 0: {
                          variant39 = undefined;
                          break;
                        }
                        case 1: {
                          variant39 = dataView(memory0).getInt32(base + 52, true) >>> 0;
                          break;
                        }
                        default: {
                          throw new TypeError('invalid variant discriminant for option');
                        }
                      }
                      variant40 = {
                        allowedKeys: variant36,
                        maxEntries: variant37,
                        stringsOnly: bool38 == 0 ? false : (bool38 == 1 ? true : throwInvalidBool()),
                        maxStringLength: variant39,
                      };
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var bool41 = dataView(memory0).getUint8(base + 56, true);
                  let variant43;
                  switch (dataView(memory0).getUint8(base + 60, true)) {
                    case 0: {
                      variant43 = undefined;
                      break;
                    }
                    case 1: {
                      var ptr42 = dataView(memory0).getUint32(base + 64, true);
                      var len42 = dataView(memory0).getUint32(base + 68, true);
                      var result42 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr42, len42));
                      variant43 = result42;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  let variant45;
                  switch (dataView(memory0).getUint8(base + 72, true)) {
                    case 0: {
                      variant45 = undefined;
                      break;
                    }
                    case 1: {
                      var ptr44 = dataView(memory0).getUint32(base + 76, true);
                      var len44 = dataView(memory0).getUint32(base + 80, true);
                      var result44 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr44, len44));
                      variant45 = result44;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var ptr46 = dataView(memory0).getUint32(base + 84, true);
                  var len46 = dataView(memory0).getUint32(base + 88, true);
                  var result46 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr46, len46));
                  result47.push({
                    name: result29,
                    required: bool30 == 0 ? false : (bool30 == 1 ? true : throwInvalidBool()),
                    secret: bool31 == 0 ? false : (bool31 == 1 ? true : throwInvalidBool()),
                    format: enum32,
                    maxLength: variant33,
                    json: variant40,
                    immutable: bool41 == 0 ? false : (bool41 == 1 ? true : throwInvalidBool()),
                    writePermission: variant43,
                    deprecated: variant45,
                    help: result46,
                  });
                }
                let variant48;
                switch (dataView(memory0).getUint8(base + 24, true)) {
                  case 0: {
                    variant48 = undefined;
                    break;
                  }
                  case 1: {
                    variant48 = dataView(memory0).getInt32(base + 28, true) >>> 0;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                var bool49 = dataView(memory0).getUint8(base + 32, true);
                result50.push({
                  kind: result27,
                  help: result28,
                  properties: result47,
                  maxProperties: variant48,
                  allowUnknown: bool49 == 0 ? false : (bool49 == 1 ? true : throwInvalidBool()),
                });
              }
              variant86= {
                tag: 'ok',
                val: {
                  actionType: result0,
                  version: result1,
                  title: result2,
                  summary: result3,
                  parameters: result13,
                  outputs: result16,
                  limits: result19,
                  tokenSyntax: {
                    forms: result21,
                    identifier: result22,
                    format: result23,
                    escapes: result26,
                  },
                  kinds: result50,
                }
              };
              break;
            }
            case 1: {
              let variant85;
              switch (dataView(memory0).getUint8(ret + 8, true)) {
                case 0: {
                  var ptr51 = dataView(memory0).getUint32(ret + 16, true);
                  var len51 = dataView(memory0).getUint32(ret + 20, true);
                  var result51 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr51, len51));
                  var ptr52 = dataView(memory0).getUint32(ret + 24, true);
                  var len52 = dataView(memory0).getUint32(ret + 28, true);
                  var result52 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr52, len52));
                  variant85= {
                    tag: 'invalid-parameter',
                    val: {
                      field: result51,
                      message: result52,
                    }
                  };
                  break;
                }
                case 1: {
                  var ptr53 = dataView(memory0).getUint32(ret + 16, true);
                  var len53 = dataView(memory0).getUint32(ret + 20, true);
                  var result53 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr53, len53));
                  var ptr54 = dataView(memory0).getUint32(ret + 32, true);
                  var len54 = dataView(memory0).getUint32(ret + 36, true);
                  var result54 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr54, len54));
                  variant85= {
                    tag: 'invalid-json',
                    val: {
                      field: result53,
                      line: dataView(memory0).getInt32(ret + 24, true) >>> 0,
                      column: dataView(memory0).getInt32(ret + 28, true) >>> 0,
                      message: result54,
                    }
                  };
                  break;
                }
                case 2: {
                  var ptr55 = dataView(memory0).getUint32(ret + 16, true);
                  var len55 = dataView(memory0).getUint32(ret + 20, true);
                  var result55 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr55, len55));
                  var ptr56 = dataView(memory0).getUint32(ret + 24, true);
                  var len56 = dataView(memory0).getUint32(ret + 28, true);
                  var result56 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr56, len56));
                  var ptr57 = dataView(memory0).getUint32(ret + 32, true);
                  var len57 = dataView(memory0).getUint32(ret + 36, true);
                  var result57 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr57, len57));
                  variant85= {
                    tag: 'unresolved-token',
                    val: {
                      field: result55,
                      token: result56,
                      message: result57,
                    }
                  };
                  break;
                }
                case 3: {
                  var ptr58 = dataView(memory0).getUint32(ret + 16, true);
                  var len58 = dataView(memory0).getUint32(ret + 20, true);
                  var result58 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr58, len58));
                  var ptr59 = dataView(memory0).getUint32(ret + 24, true);
                  var len59 = dataView(memory0).getUint32(ret + 28, true);
                  var result59 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr59, len59));
                  variant85= {
                    tag: 'connector-not-found',
                    val: {
                      reference: result58,
                      message: result59,
                    }
                  };
                  break;
                }
                case 4: {
                  var ptr60 = dataView(memory0).getUint32(ret + 16, true);
                  var len60 = dataView(memory0).getUint32(ret + 20, true);
                  var result60 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr60, len60));
                  var len62 = dataView(memory0).getUint32(ret + 28, true);
                  var base62 = dataView(memory0).getUint32(ret + 24, true);
                  if (base62 % 4 !== 0) throw new TypeError(`list pointer [${base62}] is not aligned to 4`);
                  var result62 = [];
                  for (let i = 0; i < len62; i++) {
                    const base = base62 + i * 8;
                    var ptr61 = dataView(memory0).getUint32(base + 0, true);
                    var len61 = dataView(memory0).getUint32(base + 4, true);
                    var result61 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr61, len61));
                    result62.push(result61);
                  }
                  var ptr63 = dataView(memory0).getUint32(ret + 32, true);
                  var len63 = dataView(memory0).getUint32(ret + 36, true);
                  var result63 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr63, len63));
                  variant85= {
                    tag: 'ambiguous-connector',
                    val: {
                      reference: result60,
                      candidates: result62,
                      message: result63,
                    }
                  };
                  break;
                }
                case 5: {
                  var len67 = dataView(memory0).getUint32(ret + 20, true);
                  var base67 = dataView(memory0).getUint32(ret + 16, true);
                  if (base67 % 4 !== 0) throw new TypeError(`list pointer [${base67}] is not aligned to 4`);
                  var result67 = [];
                  for (let i = 0; i < len67; i++) {
                    const base = base67 + i * 24;
                    var ptr64 = dataView(memory0).getUint32(base + 0, true);
                    var len64 = dataView(memory0).getUint32(base + 4, true);
                    var result64 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr64, len64));
                    var ptr65 = dataView(memory0).getUint32(base + 8, true);
                    var len65 = dataView(memory0).getUint32(base + 12, true);
                    var result65 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr65, len65));
                    var ptr66 = dataView(memory0).getUint32(base + 16, true);
                    var len66 = dataView(memory0).getUint32(base + 20, true);
                    var result66 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr66, len66));
                    result67.push({
                      property: result64,
                      rule: result65,
                      message: result66,
                    });
                  }
                  var ptr68 = dataView(memory0).getUint32(ret + 24, true);
                  var len68 = dataView(memory0).getUint32(ret + 28, true);
                  var result68 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr68, len68));
                  variant85= {
                    tag: 'validation-failed',
                    val: {
                      violations: result67,
                      message: result68,
                    }
                  };
                  break;
                }
                case 6: {
                  var ptr69 = dataView(memory0).getUint32(ret + 16, true);
                  var len69 = dataView(memory0).getUint32(ret + 20, true);
                  var result69 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr69, len69));
                  let variant71;
                  switch (dataView(memory0).getUint8(ret + 24, true)) {
                    case 0: {
                      variant71 = undefined;
                      break;
                    }
                    case 1: {
                      var ptr70 = dataView(memory0).getUint32(ret + 28, true);
                      var len70 = dataView(memory0).getUint32(ret + 32, true);
                      var result70 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr70, len70));
                      variant71 = result70;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var ptr72 = dataView(memory0).getUint32(ret + 36, true);
                  var len72 = dataView(memory0).getUint32(ret + 40, true);
                  var result72 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr72, len72));
                  variant85= {
                    tag: 'permission-denied',
                    val: {
                      connector: result69,
                      property: variant71,
                      message: result72,
                    }
                  };
                  break;
                }
                case 7: {
                  var ptr73 = dataView(memory0).getUint32(ret + 16, true);
                  var len73 = dataView(memory0).getUint32(ret + 20, true);
                  var result73 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr73, len73));
                  var ptr74 = dataView(memory0).getUint32(ret + 40, true);
                  var len74 = dataView(memory0).getUint32(ret + 44, true);
                  var result74 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr74, len74));
                  variant85= {
                    tag: 'conflict',
                    val: {
                      connector: result73,
                      expected: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
                      actual: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result74,
                    }
                  };
                  break;
                }
                case 8: {
                  var ptr75 = dataView(memory0).getUint32(ret + 16, true);
                  var len75 = dataView(memory0).getUint32(ret + 20, true);
                  var result75 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr75, len75));
                  variant85= {
                    tag: 'store-unavailable',
                    val: {
                      message: result75,
                    }
                  };
                  break;
                }
                case 9: {
                  var ptr76 = dataView(memory0).getUint32(ret + 16, true);
                  var len76 = dataView(memory0).getUint32(ret + 20, true);
                  var result76 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr76, len76));
                  var ptr77 = dataView(memory0).getUint32(ret + 24, true);
                  var len77 = dataView(memory0).getUint32(ret + 28, true);
                  var result77 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr77, len77));
                  var ptr78 = dataView(memory0).getUint32(ret + 32, true);
                  var len78 = dataView(memory0).getUint32(ret + 36, true);
                  var result78 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr78, len78));
                  variant85= {
                    tag: 'store-tampered',
                    val: {
                      connector: result76,
                      property: result77,
                      message: result78,
                    }
                  };
                  break;
                }
                case 10: {
                  var ptr79 = dataView(memory0).getUint32(ret + 16, true);
                  var len79 = dataView(memory0).getUint32(ret + 20, true);
                  var result79 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr79, len79));
                  variant85= {
                    tag: 'store-key',
                    val: {
                      message: result79,
                    }
                  };
                  break;
                }
                case 11: {
                  var ptr80 = dataView(memory0).getUint32(ret + 16, true);
                  var len80 = dataView(memory0).getUint32(ret + 20, true);
                  var result80 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr80, len80));
                  variant85= {
                    tag: 'store-read-only',
                    val: {
                      message: result80,
                    }
                  };
                  break;
                }
                case 12: {
                  var ptr81 = dataView(memory0).getUint32(ret + 16, true);
                  var len81 = dataView(memory0).getUint32(ret + 20, true);
                  var result81 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr81, len81));
                  variant85= {
                    tag: 'store-schema',
                    val: {
                      message: result81,
                    }
                  };
                  break;
                }
                case 13: {
                  var ptr82 = dataView(memory0).getUint32(ret + 16, true);
                  var len82 = dataView(memory0).getUint32(ret + 20, true);
                  var result82 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr82, len82));
                  var ptr83 = dataView(memory0).getUint32(ret + 24, true);
                  var len83 = dataView(memory0).getUint32(ret + 28, true);
                  var result83 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr83, len83));
                  var ptr84 = dataView(memory0).getUint32(ret + 40, true);
                  var len84 = dataView(memory0).getUint32(ret + 44, true);
                  var result84 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr84, len84));
                  variant85= {
                    tag: 'limit-exceeded',
                    val: {
                      key: result82,
                      what: result83,
                      limit: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result84,
                    }
                  };
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for ActionError');
                }
              }
              variant86= {
                tag: 'err',
                val: variant85
              };
              break;
            }
            default: {
              throw new TypeError('invalid variant discriminant for expected');
            }
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="describe"][Instruction::Return]', {
            funcName: 'describe',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          const retCopy = variant86;
          task.resolve([retCopy.val]);
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn0(ret);
          cstate.mayLeave = true;
          task.exit();
          
          
          
          if (typeof retCopy === 'object' && retCopy.tag === 'err') {
            throw retCopy.val;
          }
          return retCopy.val;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let action020ParseStep;
  
  function parseStep(arg0) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'action020ParseStep',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'throw-result-err',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          
          var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
          var ptr0= encodeRes.ptr;
          var len0 = encodeRes.len;
          
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="parse-step"][Instruction::CallWasm] enter', {
            funcName: 'parse-step',
            paramCount: 2,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => action020ParseStep(ptr0, len0),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          let variant45;
          switch (dataView(memory0).getUint8(ret + 0, true)) {
            case 0: {
              var ptr1 = dataView(memory0).getUint32(ret + 8, true);
              var len1 = dataView(memory0).getUint32(ret + 12, true);
              var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
              var len5 = dataView(memory0).getUint32(ret + 20, true);
              var base5 = dataView(memory0).getUint32(ret + 16, true);
              if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
              var result5 = [];
              for (let i = 0; i < len5; i++) {
                const base = base5 + i * 20;
                var ptr2 = dataView(memory0).getUint32(base + 0, true);
                var len2 = dataView(memory0).getUint32(base + 4, true);
                var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
                let variant4;
                switch (dataView(memory0).getUint8(base + 8, true)) {
                  case 0: {
                    variant4 = undefined;
                    break;
                  }
                  case 1: {
                    var ptr3 = dataView(memory0).getUint32(base + 12, true);
                    var len3 = dataView(memory0).getUint32(base + 16, true);
                    var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                    variant4 = result3;
                    break;
                  }
                  default: {
                    throw new TypeError('invalid variant discriminant for option');
                  }
                }
                result5.push({
                  name: result2,
                  value: variant4,
                });
              }
              var ptr6 = dataView(memory0).getUint32(ret + 24, true);
              var len6 = dataView(memory0).getUint32(ret + 28, true);
              var result6 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr6, len6));
              let variant7;
              switch (dataView(memory0).getUint8(ret + 32, true)) {
                case 0: {
                  variant7 = undefined;
                  break;
                }
                case 1: {
                  variant7 = BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 40, true)));
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              var bool8 = dataView(memory0).getUint8(ret + 48, true);
              let enum9;
              switch (dataView(memory0).getUint8(ret + 49, true)) {
                case 0: {
                  enum9 = 'replace';
                  break;
                }
                case 1: {
                  enum9 = 'deep';
                  break;
                }
                default: {
                  throw new TypeError('invalid discriminant specified for MergeMode');
                }
              }
              variant45= {
                tag: 'ok',
                val: {
                  entryId: result1,
                  properties: result5,
                  propertiesJson: result6,
                  expectedRevision: variant7,
                  dryRun: bool8 == 0 ? false : (bool8 == 1 ? true : throwInvalidBool()),
                  mergeMode: enum9,
                }
              };
              break;
            }
            case 1: {
              let variant44;
              switch (dataView(memory0).getUint8(ret + 8, true)) {
                case 0: {
                  var ptr10 = dataView(memory0).getUint32(ret + 16, true);
                  var len10 = dataView(memory0).getUint32(ret + 20, true);
                  var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
                  var ptr11 = dataView(memory0).getUint32(ret + 24, true);
                  var len11 = dataView(memory0).getUint32(ret + 28, true);
                  var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
                  variant44= {
                    tag: 'invalid-parameter',
                    val: {
                      field: result10,
                      message: result11,
                    }
                  };
                  break;
                }
                case 1: {
                  var ptr12 = dataView(memory0).getUint32(ret + 16, true);
                  var len12 = dataView(memory0).getUint32(ret + 20, true);
                  var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                  var ptr13 = dataView(memory0).getUint32(ret + 32, true);
                  var len13 = dataView(memory0).getUint32(ret + 36, true);
                  var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
                  variant44= {
                    tag: 'invalid-json',
                    val: {
                      field: result12,
                      line: dataView(memory0).getInt32(ret + 24, true) >>> 0,
                      column: dataView(memory0).getInt32(ret + 28, true) >>> 0,
                      message: result13,
                    }
                  };
                  break;
                }
                case 2: {
                  var ptr14 = dataView(memory0).getUint32(ret + 16, true);
                  var len14 = dataView(memory0).getUint32(ret + 20, true);
                  var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                  var ptr15 = dataView(memory0).getUint32(ret + 24, true);
                  var len15 = dataView(memory0).getUint32(ret + 28, true);
                  var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                  var ptr16 = dataView(memory0).getUint32(ret + 32, true);
                  var len16 = dataView(memory0).getUint32(ret + 36, true);
                  var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                  variant44= {
                    tag: 'unresolved-token',
                    val: {
                      field: result14,
                      token: result15,
                      message: result16,
                    }
                  };
                  break;
                }
                case 3: {
                  var ptr17 = dataView(memory0).getUint32(ret + 16, true);
                  var len17 = dataView(memory0).getUint32(ret + 20, true);
                  var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                  var ptr18 = dataView(memory0).getUint32(ret + 24, true);
                  var len18 = dataView(memory0).getUint32(ret + 28, true);
                  var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
                  variant44= {
                    tag: 'connector-not-found',
                    val: {
                      reference: result17,
                      message: result18,
                    }
                  };
                  break;
                }
                case 4: {
                  var ptr19 = dataView(memory0).getUint32(ret + 16, true);
                  var len19 = dataView(memory0).getUint32(ret + 20, true);
                  var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
                  var len21 = dataView(memory0).getUint32(ret + 28, true);
                  var base21 = dataView(memory0).getUint32(ret + 24, true);
                  if (base21 % 4 !== 0) throw new TypeError(`list pointer [${base21}] is not aligned to 4`);
                  var result21 = [];
                  for (let i = 0; i < len21; i++) {
                    const base = base21 + i * 8;
                    var ptr20 = dataView(memory0).getUint32(base + 0, true);
                    var len20 = dataView(memory0).getUint32(base + 4, true);
                    var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                    result21.push(result20);
                  }
                  var ptr22 = dataView(memory0).getUint32(ret + 32, true);
                  var len22 = dataView(memory0).getUint32(ret + 36, true);
                  var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
                  variant44= {
                    tag: 'ambiguous-connector',
                    val: {
                      reference: result19,
                      candidates: result21,
                      message: result22,
                    }
                  };
                  break;
                }
                case 5: {
                  var len26 = dataView(memory0).getUint32(ret + 20, true);
                  var base26 = dataView(memory0).getUint32(ret + 16, true);
                  if (base26 % 4 !== 0) throw new TypeError(`list pointer [${base26}] is not aligned to 4`);
                  var result26 = [];
                  for (let i = 0; i < len26; i++) {
                    const base = base26 + i * 24;
                    var ptr23 = dataView(memory0).getUint32(base + 0, true);
                    var len23 = dataView(memory0).getUint32(base + 4, true);
                    var result23 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr23, len23));
                    var ptr24 = dataView(memory0).getUint32(base + 8, true);
                    var len24 = dataView(memory0).getUint32(base + 12, true);
                    var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                    var ptr25 = dataView(memory0).getUint32(base + 16, true);
                    var len25 = dataView(memory0).getUint32(base + 20, true);
                    var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                    result26.push({
                      property: result23,
                      rule: result24,
                      message: result25,
                    });
                  }
                  var ptr27 = dataView(memory0).getUint32(ret + 24, true);
                  var len27 = dataView(memory0).getUint32(ret + 28, true);
                  var result27 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr27, len27));
                  variant44= {
                    tag: 'validation-failed',
                    val: {
                      violations: result26,
                      message: result27,
                    }
                  };
                  break;
                }
                case 6: {
                  var ptr28 = dataView(memory0).getUint32(ret + 16, true);
                  var len28 = dataView(memory0).getUint32(ret + 20, true);
                  var result28 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr28, len28));
                  let variant30;
                  switch (dataView(memory0).getUint8(ret + 24, true)) {
                    case 0: {
                      variant30 = undefined;
                      break;
                    }
                    case 1: {
                      var ptr29 = dataView(memory0).getUint32(ret + 28, true);
                      var len29 = dataView(memory0).getUint32(ret + 32, true);
                      var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                      variant30 = result29;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var ptr31 = dataView(memory0).getUint32(ret + 36, true);
                  var len31 = dataView(memory0).getUint32(ret + 40, true);
                  var result31 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr31, len31));
                  variant44= {
                    tag: 'permission-denied',
                    val: {
                      connector: result28,
                      property: variant30,
                      message: result31,
                    }
                  };
                  break;
                }
                case 7: {
                  var ptr32 = dataView(memory0).getUint32(ret + 16, true);
                  var len32 = dataView(memory0).getUint32(ret + 20, true);
                  var result32 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr32, len32));
                  var ptr33 = dataView(memory0).getUint32(ret + 40, true);
                  var len33 = dataView(memory0).getUint32(ret + 44, true);
                  var result33 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr33, len33));
                  variant44= {
                    tag: 'conflict',
                    val: {
                      connector: result32,
                      expected: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
                      actual: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result33,
                    }
                  };
                  break;
                }
                case 8: {
                  var ptr34 = dataView(memory0).getUint32(ret + 16, true);
                  var len34 = dataView(memory0).getUint32(ret + 20, true);
                  var result34 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr34, len34));
                  variant44= {
                    tag: 'store-unavailable',
                    val: {
                      message: result34,
                    }
                  };
                  break;
                }
                case 9: {
                  var ptr35 = dataView(memory0).getUint32(ret + 16, true);
                  var len35 = dataView(memory0).getUint32(ret + 20, true);
                  var result35 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr35, len35));
                  var ptr36 = dataView(memory0).getUint32(ret + 24, true);
                  var len36 = dataView(memory0).getUint32(ret + 28, true);
                  var result36 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr36, len36));
                  var ptr37 = dataView(memory0).getUint32(ret + 32, true);
                  var len37 = dataView(memory0).getUint32(ret + 36, true);
                  var result37 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr37, len37));
                  variant44= {
                    tag: 'store-tampered',
                    val: {
                      connector: result35,
                      property: result36,
                      message: result37,
                    }
                  };
                  break;
                }
                case 10: {
                  var ptr38 = dataView(memory0).getUint32(ret + 16, true);
                  var len38 = dataView(memory0).getUint32(ret + 20, true);
                  var result38 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr38, len38));
                  variant44= {
                    tag: 'store-key',
                    val: {
                      message: result38,
                    }
                  };
                  break;
                }
                case 11: {
                  var ptr39 = dataView(memory0).getUint32(ret + 16, true);
                  var len39 = dataView(memory0).getUint32(ret + 20, true);
                  var result39 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr39, len39));
                  variant44= {
                    tag: 'store-read-only',
                    val: {
                      message: result39,
                    }
                  };
                  break;
                }
                case 12: {
                  var ptr40 = dataView(memory0).getUint32(ret + 16, true);
                  var len40 = dataView(memory0).getUint32(ret + 20, true);
                  var result40 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr40, len40));
                  variant44= {
                    tag: 'store-schema',
                    val: {
                      message: result40,
                    }
                  };
                  break;
                }
                case 13: {
                  var ptr41 = dataView(memory0).getUint32(ret + 16, true);
                  var len41 = dataView(memory0).getUint32(ret + 20, true);
                  var result41 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr41, len41));
                  var ptr42 = dataView(memory0).getUint32(ret + 24, true);
                  var len42 = dataView(memory0).getUint32(ret + 28, true);
                  var result42 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr42, len42));
                  var ptr43 = dataView(memory0).getUint32(ret + 40, true);
                  var len43 = dataView(memory0).getUint32(ret + 44, true);
                  var result43 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr43, len43));
                  variant44= {
                    tag: 'limit-exceeded',
                    val: {
                      key: result41,
                      what: result42,
                      limit: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result43,
                    }
                  };
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for ActionError');
                }
              }
              variant45= {
                tag: 'err',
                val: variant44
              };
              break;
            }
            default: {
              throw new TypeError('invalid variant discriminant for expected');
            }
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="parse-step"][Instruction::Return]', {
            funcName: 'parse-step',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          const retCopy = variant45;
          task.resolve([retCopy.val]);
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn1(ret);
          cstate.mayLeave = true;
          task.exit();
          
          
          
          if (typeof retCopy === 'object' && retCopy.tag === 'err') {
            throw retCopy.val;
          }
          return retCopy.val;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let action020ValidateJson;
  
  function validateJson(arg0) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'action020ValidateJson',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          
          var encodeRes = _utf8AllocateAndEncode(arg0, realloc0, memory0);
          var ptr0= encodeRes.ptr;
          var len0 = encodeRes.len;
          
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="validate-json"][Instruction::CallWasm] enter', {
            funcName: 'validate-json',
            paramCount: 2,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => action020ValidateJson(ptr0, len0),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len5 = dataView(memory0).getUint32(ret + 4, true);
          var base5 = dataView(memory0).getUint32(ret + 0, true);
          if (base5 % 4 !== 0) throw new TypeError(`list pointer [${base5}] is not aligned to 4`);
          var result5 = [];
          for (let i = 0; i < len5; i++) {
            const base = base5 + i * 28;
            let enum1;
            switch (dataView(memory0).getUint8(base + 0, true)) {
              case 0: {
                enum1 = 'error';
                break;
              }
              case 1: {
                enum1 = 'warning';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Severity');
              }
            }
            var ptr2 = dataView(memory0).getUint32(base + 4, true);
            var len2 = dataView(memory0).getUint32(base + 8, true);
            var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
            var ptr3 = dataView(memory0).getUint32(base + 12, true);
            var len3 = dataView(memory0).getUint32(base + 16, true);
            var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
            var ptr4 = dataView(memory0).getUint32(base + 20, true);
            var len4 = dataView(memory0).getUint32(base + 24, true);
            var result4 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr4, len4));
            result5.push({
              severity: enum1,
              field: result2,
              code: result3,
              message: result4,
            });
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="validate-json"][Instruction::Return]', {
            funcName: 'validate-json',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result5]);
          const retCopy = result5;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn2(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let action020Validate;
  
  function validate(arg0) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'action020Validate',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var {entryId: v0_0, properties: v0_1, propertiesJson: v0_2, expectedRevision: v0_3, dryRun: v0_4, mergeMode: v0_5 } = arg0;
          
          var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
          var ptr1= encodeRes.ptr;
          var len1 = encodeRes.len;
          
          var vec6 = v0_1;
          var len6 = vec6.length;
          var result6 = realloc0(0, 0, 4, len6 * 20);
          for (let i = 0; i < vec6.length; i++) {
            const e = vec6[i];
            const base = result6 + i * 20;var {name: v2_0, value: v2_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
            var ptr3= encodeRes.ptr;
            var len3 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len3, true);
            dataView(memory0).setUint32(base + 0, ptr3, true);
            var variant5 = v2_1;
            if (variant5 === null || variant5=== undefined) {
              dataView(memory0).setInt8(base + 8, 0, true);
            } else {
              const e = variant5;
              dataView(memory0).setInt8(base + 8, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr4= encodeRes.ptr;
              var len4 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 16, len4, true);
              dataView(memory0).setUint32(base + 12, ptr4, true);
            }
          }
          
          var encodeRes = _utf8AllocateAndEncode(v0_2, realloc0, memory0);
          var ptr7= encodeRes.ptr;
          var len7 = encodeRes.len;
          
          var variant8 = v0_3;
          let variant8_0;
          let variant8_1;
          if (variant8 === null || variant8=== undefined) {
            variant8_0 = 0;
            variant8_1 = 0n;
          } else {
            const e = variant8;
            variant8_0 = 1;
            variant8_1 = toUint64(e);
          }
          var val9 = v0_5;
          let enum9;
          switch (val9) {
            case 'replace': {
              enum9 = 0;
              break;
            }
            case 'deep': {
              enum9 = 1;
              break;
            }
            default: {
              if ((v0_5) instanceof Error) {
                console.error(v0_5);
              }
              
              throw new TypeError(`"${val9}" is not one of the cases of merge-mode`);
            }
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="validate"][Instruction::CallWasm] enter', {
            funcName: 'validate',
            paramCount: 10,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => action020Validate(ptr1, len1, result6, len6, ptr7, len7, variant8_0, variant8_1, v0_4 ? 1 : 0, enum9),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len14 = dataView(memory0).getUint32(ret + 4, true);
          var base14 = dataView(memory0).getUint32(ret + 0, true);
          if (base14 % 4 !== 0) throw new TypeError(`list pointer [${base14}] is not aligned to 4`);
          var result14 = [];
          for (let i = 0; i < len14; i++) {
            const base = base14 + i * 28;
            let enum10;
            switch (dataView(memory0).getUint8(base + 0, true)) {
              case 0: {
                enum10 = 'error';
                break;
              }
              case 1: {
                enum10 = 'warning';
                break;
              }
              default: {
                throw new TypeError('invalid discriminant specified for Severity');
              }
            }
            var ptr11 = dataView(memory0).getUint32(base + 4, true);
            var len11 = dataView(memory0).getUint32(base + 8, true);
            var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
            var ptr12 = dataView(memory0).getUint32(base + 12, true);
            var len12 = dataView(memory0).getUint32(base + 16, true);
            var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
            var ptr13 = dataView(memory0).getUint32(base + 20, true);
            var len13 = dataView(memory0).getUint32(base + 24, true);
            var result13 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr13, len13));
            result14.push({
              severity: enum10,
              field: result11,
              code: result12,
              message: result13,
            });
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="validate"][Instruction::Return]', {
            funcName: 'validate',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result14]);
          const retCopy = result14;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn2(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let action020Execute;
  
  function execute(arg0) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'action020Execute',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'throw-result-err',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var {entryId: v0_0, properties: v0_1, propertiesJson: v0_2, expectedRevision: v0_3, dryRun: v0_4, mergeMode: v0_5 } = arg0;
          
          var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
          var ptr1= encodeRes.ptr;
          var len1 = encodeRes.len;
          
          var vec6 = v0_1;
          var len6 = vec6.length;
          var result6 = realloc0(0, 0, 4, len6 * 20);
          for (let i = 0; i < vec6.length; i++) {
            const e = vec6[i];
            const base = result6 + i * 20;var {name: v2_0, value: v2_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v2_0, realloc0, memory0);
            var ptr3= encodeRes.ptr;
            var len3 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len3, true);
            dataView(memory0).setUint32(base + 0, ptr3, true);
            var variant5 = v2_1;
            if (variant5 === null || variant5=== undefined) {
              dataView(memory0).setInt8(base + 8, 0, true);
            } else {
              const e = variant5;
              dataView(memory0).setInt8(base + 8, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr4= encodeRes.ptr;
              var len4 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 16, len4, true);
              dataView(memory0).setUint32(base + 12, ptr4, true);
            }
          }
          
          var encodeRes = _utf8AllocateAndEncode(v0_2, realloc0, memory0);
          var ptr7= encodeRes.ptr;
          var len7 = encodeRes.len;
          
          var variant8 = v0_3;
          let variant8_0;
          let variant8_1;
          if (variant8 === null || variant8=== undefined) {
            variant8_0 = 0;
            variant8_1 = 0n;
          } else {
            const e = variant8;
            variant8_0 = 1;
            variant8_1 = toUint64(e);
          }
          var val9 = v0_5;
          let enum9;
          switch (val9) {
            case 'replace': {
              enum9 = 0;
              break;
            }
            case 'deep': {
              enum9 = 1;
              break;
            }
            default: {
              if ((v0_5) instanceof Error) {
                console.error(v0_5);
              }
              
              throw new TypeError(`"${val9}" is not one of the cases of merge-mode`);
            }
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="execute"][Instruction::CallWasm] enter', {
            funcName: 'execute',
            paramCount: 10,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => action020Execute(ptr1, len1, result6, len6, ptr7, len7, variant8_0, variant8_1, v0_4 ? 1 : 0, enum9),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          let variant55;
          switch (dataView(memory0).getUint8(ret + 0, true)) {
            case 0: {
              var ptr10 = dataView(memory0).getUint32(ret + 8, true);
              var len10 = dataView(memory0).getUint32(ret + 12, true);
              var result10 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr10, len10));
              var ptr11 = dataView(memory0).getUint32(ret + 16, true);
              var len11 = dataView(memory0).getUint32(ret + 20, true);
              var result11 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr11, len11));
              var len13 = dataView(memory0).getUint32(ret + 44, true);
              var base13 = dataView(memory0).getUint32(ret + 40, true);
              if (base13 % 4 !== 0) throw new TypeError(`list pointer [${base13}] is not aligned to 4`);
              var result13 = [];
              for (let i = 0; i < len13; i++) {
                const base = base13 + i * 8;
                var ptr12 = dataView(memory0).getUint32(base + 0, true);
                var len12 = dataView(memory0).getUint32(base + 4, true);
                var result12 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr12, len12));
                result13.push(result12);
              }
              var len15 = dataView(memory0).getUint32(ret + 52, true);
              var base15 = dataView(memory0).getUint32(ret + 48, true);
              if (base15 % 4 !== 0) throw new TypeError(`list pointer [${base15}] is not aligned to 4`);
              var result15 = [];
              for (let i = 0; i < len15; i++) {
                const base = base15 + i * 8;
                var ptr14 = dataView(memory0).getUint32(base + 0, true);
                var len14 = dataView(memory0).getUint32(base + 4, true);
                var result14 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr14, len14));
                result15.push(result14);
              }
              var len17 = dataView(memory0).getUint32(ret + 60, true);
              var base17 = dataView(memory0).getUint32(ret + 56, true);
              if (base17 % 4 !== 0) throw new TypeError(`list pointer [${base17}] is not aligned to 4`);
              var result17 = [];
              for (let i = 0; i < len17; i++) {
                const base = base17 + i * 8;
                var ptr16 = dataView(memory0).getUint32(base + 0, true);
                var len16 = dataView(memory0).getUint32(base + 4, true);
                var result16 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr16, len16));
                result17.push(result16);
              }
              var bool18 = dataView(memory0).getUint8(ret + 64, true);
              var bool19 = dataView(memory0).getUint8(ret + 65, true);
              variant55= {
                tag: 'ok',
                val: {
                  id: result10,
                  name: result11,
                  revisionBefore: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
                  revisionAfter: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                  added: result13,
                  changed: result15,
                  removed: result17,
                  unchanged: bool18 == 0 ? false : (bool18 == 1 ? true : throwInvalidBool()),
                  dryRun: bool19 == 0 ? false : (bool19 == 1 ? true : throwInvalidBool()),
                }
              };
              break;
            }
            case 1: {
              let variant54;
              switch (dataView(memory0).getUint8(ret + 8, true)) {
                case 0: {
                  var ptr20 = dataView(memory0).getUint32(ret + 16, true);
                  var len20 = dataView(memory0).getUint32(ret + 20, true);
                  var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
                  var ptr21 = dataView(memory0).getUint32(ret + 24, true);
                  var len21 = dataView(memory0).getUint32(ret + 28, true);
                  var result21 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr21, len21));
                  variant54= {
                    tag: 'invalid-parameter',
                    val: {
                      field: result20,
                      message: result21,
                    }
                  };
                  break;
                }
                case 1: {
                  var ptr22 = dataView(memory0).getUint32(ret + 16, true);
                  var len22 = dataView(memory0).getUint32(ret + 20, true);
                  var result22 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr22, len22));
                  var ptr23 = dataView(memory0).getUint32(ret + 32, true);
                  var len23 = dataView(memory0).getUint32(ret + 36, true);
                  var result23 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr23, len23));
                  variant54= {
                    tag: 'invalid-json',
                    val: {
                      field: result22,
                      line: dataView(memory0).getInt32(ret + 24, true) >>> 0,
                      column: dataView(memory0).getInt32(ret + 28, true) >>> 0,
                      message: result23,
                    }
                  };
                  break;
                }
                case 2: {
                  var ptr24 = dataView(memory0).getUint32(ret + 16, true);
                  var len24 = dataView(memory0).getUint32(ret + 20, true);
                  var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
                  var ptr25 = dataView(memory0).getUint32(ret + 24, true);
                  var len25 = dataView(memory0).getUint32(ret + 28, true);
                  var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
                  var ptr26 = dataView(memory0).getUint32(ret + 32, true);
                  var len26 = dataView(memory0).getUint32(ret + 36, true);
                  var result26 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr26, len26));
                  variant54= {
                    tag: 'unresolved-token',
                    val: {
                      field: result24,
                      token: result25,
                      message: result26,
                    }
                  };
                  break;
                }
                case 3: {
                  var ptr27 = dataView(memory0).getUint32(ret + 16, true);
                  var len27 = dataView(memory0).getUint32(ret + 20, true);
                  var result27 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr27, len27));
                  var ptr28 = dataView(memory0).getUint32(ret + 24, true);
                  var len28 = dataView(memory0).getUint32(ret + 28, true);
                  var result28 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr28, len28));
                  variant54= {
                    tag: 'connector-not-found',
                    val: {
                      reference: result27,
                      message: result28,
                    }
                  };
                  break;
                }
                case 4: {
                  var ptr29 = dataView(memory0).getUint32(ret + 16, true);
                  var len29 = dataView(memory0).getUint32(ret + 20, true);
                  var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
                  var len31 = dataView(memory0).getUint32(ret + 28, true);
                  var base31 = dataView(memory0).getUint32(ret + 24, true);
                  if (base31 % 4 !== 0) throw new TypeError(`list pointer [${base31}] is not aligned to 4`);
                  var result31 = [];
                  for (let i = 0; i < len31; i++) {
                    const base = base31 + i * 8;
                    var ptr30 = dataView(memory0).getUint32(base + 0, true);
                    var len30 = dataView(memory0).getUint32(base + 4, true);
                    var result30 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr30, len30));
                    result31.push(result30);
                  }
                  var ptr32 = dataView(memory0).getUint32(ret + 32, true);
                  var len32 = dataView(memory0).getUint32(ret + 36, true);
                  var result32 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr32, len32));
                  variant54= {
                    tag: 'ambiguous-connector',
                    val: {
                      reference: result29,
                      candidates: result31,
                      message: result32,
                    }
                  };
                  break;
                }
                case 5: {
                  var len36 = dataView(memory0).getUint32(ret + 20, true);
                  var base36 = dataView(memory0).getUint32(ret + 16, true);
                  if (base36 % 4 !== 0) throw new TypeError(`list pointer [${base36}] is not aligned to 4`);
                  var result36 = [];
                  for (let i = 0; i < len36; i++) {
                    const base = base36 + i * 24;
                    var ptr33 = dataView(memory0).getUint32(base + 0, true);
                    var len33 = dataView(memory0).getUint32(base + 4, true);
                    var result33 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr33, len33));
                    var ptr34 = dataView(memory0).getUint32(base + 8, true);
                    var len34 = dataView(memory0).getUint32(base + 12, true);
                    var result34 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr34, len34));
                    var ptr35 = dataView(memory0).getUint32(base + 16, true);
                    var len35 = dataView(memory0).getUint32(base + 20, true);
                    var result35 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr35, len35));
                    result36.push({
                      property: result33,
                      rule: result34,
                      message: result35,
                    });
                  }
                  var ptr37 = dataView(memory0).getUint32(ret + 24, true);
                  var len37 = dataView(memory0).getUint32(ret + 28, true);
                  var result37 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr37, len37));
                  variant54= {
                    tag: 'validation-failed',
                    val: {
                      violations: result36,
                      message: result37,
                    }
                  };
                  break;
                }
                case 6: {
                  var ptr38 = dataView(memory0).getUint32(ret + 16, true);
                  var len38 = dataView(memory0).getUint32(ret + 20, true);
                  var result38 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr38, len38));
                  let variant40;
                  switch (dataView(memory0).getUint8(ret + 24, true)) {
                    case 0: {
                      variant40 = undefined;
                      break;
                    }
                    case 1: {
                      var ptr39 = dataView(memory0).getUint32(ret + 28, true);
                      var len39 = dataView(memory0).getUint32(ret + 32, true);
                      var result39 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr39, len39));
                      variant40 = result39;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var ptr41 = dataView(memory0).getUint32(ret + 36, true);
                  var len41 = dataView(memory0).getUint32(ret + 40, true);
                  var result41 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr41, len41));
                  variant54= {
                    tag: 'permission-denied',
                    val: {
                      connector: result38,
                      property: variant40,
                      message: result41,
                    }
                  };
                  break;
                }
                case 7: {
                  var ptr42 = dataView(memory0).getUint32(ret + 16, true);
                  var len42 = dataView(memory0).getUint32(ret + 20, true);
                  var result42 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr42, len42));
                  var ptr43 = dataView(memory0).getUint32(ret + 40, true);
                  var len43 = dataView(memory0).getUint32(ret + 44, true);
                  var result43 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr43, len43));
                  variant54= {
                    tag: 'conflict',
                    val: {
                      connector: result42,
                      expected: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 24, true))),
                      actual: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result43,
                    }
                  };
                  break;
                }
                case 8: {
                  var ptr44 = dataView(memory0).getUint32(ret + 16, true);
                  var len44 = dataView(memory0).getUint32(ret + 20, true);
                  var result44 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr44, len44));
                  variant54= {
                    tag: 'store-unavailable',
                    val: {
                      message: result44,
                    }
                  };
                  break;
                }
                case 9: {
                  var ptr45 = dataView(memory0).getUint32(ret + 16, true);
                  var len45 = dataView(memory0).getUint32(ret + 20, true);
                  var result45 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr45, len45));
                  var ptr46 = dataView(memory0).getUint32(ret + 24, true);
                  var len46 = dataView(memory0).getUint32(ret + 28, true);
                  var result46 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr46, len46));
                  var ptr47 = dataView(memory0).getUint32(ret + 32, true);
                  var len47 = dataView(memory0).getUint32(ret + 36, true);
                  var result47 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr47, len47));
                  variant54= {
                    tag: 'store-tampered',
                    val: {
                      connector: result45,
                      property: result46,
                      message: result47,
                    }
                  };
                  break;
                }
                case 10: {
                  var ptr48 = dataView(memory0).getUint32(ret + 16, true);
                  var len48 = dataView(memory0).getUint32(ret + 20, true);
                  var result48 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr48, len48));
                  variant54= {
                    tag: 'store-key',
                    val: {
                      message: result48,
                    }
                  };
                  break;
                }
                case 11: {
                  var ptr49 = dataView(memory0).getUint32(ret + 16, true);
                  var len49 = dataView(memory0).getUint32(ret + 20, true);
                  var result49 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr49, len49));
                  variant54= {
                    tag: 'store-read-only',
                    val: {
                      message: result49,
                    }
                  };
                  break;
                }
                case 12: {
                  var ptr50 = dataView(memory0).getUint32(ret + 16, true);
                  var len50 = dataView(memory0).getUint32(ret + 20, true);
                  var result50 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr50, len50));
                  variant54= {
                    tag: 'store-schema',
                    val: {
                      message: result50,
                    }
                  };
                  break;
                }
                case 13: {
                  var ptr51 = dataView(memory0).getUint32(ret + 16, true);
                  var len51 = dataView(memory0).getUint32(ret + 20, true);
                  var result51 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr51, len51));
                  var ptr52 = dataView(memory0).getUint32(ret + 24, true);
                  var len52 = dataView(memory0).getUint32(ret + 28, true);
                  var result52 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr52, len52));
                  var ptr53 = dataView(memory0).getUint32(ret + 40, true);
                  var len53 = dataView(memory0).getUint32(ret + 44, true);
                  var result53 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr53, len53));
                  variant54= {
                    tag: 'limit-exceeded',
                    val: {
                      key: result51,
                      what: result52,
                      limit: BigInt.asUintN(64, BigInt(dataView(memory0).getBigInt64(ret + 32, true))),
                      message: result53,
                    }
                  };
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for ActionError');
                }
              }
              variant55= {
                tag: 'err',
                val: variant54
              };
              break;
            }
            default: {
              throw new TypeError('invalid variant discriminant for expected');
            }
          }
          _debugLog('[iface="workflow:connectors/action@0.2.0", function="execute"][Instruction::Return]', {
            funcName: 'execute',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          const retCopy = variant55;
          task.resolve([retCopy.val]);
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn3(ret);
          cstate.mayLeave = true;
          task.exit();
          
          
          
          if (typeof retCopy === 'object' && retCopy.tag === 'err') {
            throw retCopy.val;
          }
          return retCopy.val;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let storeSupport020BuiltinKinds;
  
  function builtinKinds() {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'storeSupport020BuiltinKinds',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="builtin-kinds"][Instruction::CallWasm] enter', {
            funcName: 'builtin-kinds',
            paramCount: 0,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => storeSupport020BuiltinKinds(),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len23 = dataView(memory0).getUint32(ret + 4, true);
          var base23 = dataView(memory0).getUint32(ret + 0, true);
          if (base23 % 4 !== 0) throw new TypeError(`list pointer [${base23}] is not aligned to 4`);
          var result23 = [];
          for (let i = 0; i < len23; i++) {
            const base = base23 + i * 36;
            var ptr0 = dataView(memory0).getUint32(base + 0, true);
            var len0 = dataView(memory0).getUint32(base + 4, true);
            var result0 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr0, len0));
            var ptr1 = dataView(memory0).getUint32(base + 8, true);
            var len1 = dataView(memory0).getUint32(base + 12, true);
            var result1 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr1, len1));
            var len20 = dataView(memory0).getUint32(base + 20, true);
            var base20 = dataView(memory0).getUint32(base + 16, true);
            if (base20 % 4 !== 0) throw new TypeError(`list pointer [${base20}] is not aligned to 4`);
            var result20 = [];
            for (let i = 0; i < len20; i++) {
              const base = base20 + i * 92;
              var ptr2 = dataView(memory0).getUint32(base + 0, true);
              var len2 = dataView(memory0).getUint32(base + 4, true);
              var result2 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr2, len2));
              var bool3 = dataView(memory0).getUint8(base + 8, true);
              var bool4 = dataView(memory0).getUint8(base + 9, true);
              let enum5;
              switch (dataView(memory0).getUint8(base + 10, true)) {
                case 0: {
                  enum5 = 'text';
                  break;
                }
                case 1: {
                  enum5 = 'integer';
                  break;
                }
                case 2: {
                  enum5 = 'boolean';
                  break;
                }
                case 3: {
                  enum5 = 'url';
                  break;
                }
                case 4: {
                  enum5 = 'duration';
                  break;
                }
                case 5: {
                  enum5 = 'json-object';
                  break;
                }
                case 6: {
                  enum5 = 'json-array';
                  break;
                }
                case 7: {
                  enum5 = 'timestamp';
                  break;
                }
                default: {
                  throw new TypeError('invalid discriminant specified for ValueFormat');
                }
              }
              let variant6;
              switch (dataView(memory0).getUint8(base + 12, true)) {
                case 0: {
                  variant6 = undefined;
                  break;
                }
                case 1: {
                  variant6 = dataView(memory0).getInt32(base + 16, true) >>> 0;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              let variant13;
              switch (dataView(memory0).getUint8(base + 20, true)) {
                case 0: {
                  variant13 = undefined;
                  break;
                }
                case 1: {
                  let variant9;
                  switch (dataView(memory0).getUint8(base + 24, true)) {
                    case 0: {
                      variant9 = undefined;
                      break;
                    }
                    case 1: {
                      var len8 = dataView(memory0).getUint32(base + 32, true);
                      var base8 = dataView(memory0).getUint32(base + 28, true);
                      if (base8 % 4 !== 0) throw new TypeError(`list pointer [${base8}] is not aligned to 4`);
                      var result8 = [];
                      for (let i = 0; i < len8; i++) {
                        const base = base8 + i * 8;
                        var ptr7 = dataView(memory0).getUint32(base + 0, true);
                        var len7 = dataView(memory0).getUint32(base + 4, true);
                        var result7 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr7, len7));
                        result8.push(result7);
                      }
                      variant9 = result8;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  let variant10;
                  switch (dataView(memory0).getUint8(base + 36, true)) {
                    case 0: {
                      variant10 = undefined;
                      break;
                    }
                    case 1: {
                      variant10 = dataView(memory0).getInt32(base + 40, true) >>> 0;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var bool11 = dataView(memory0).getUint8(base + 44, true);
                  let variant12;
                  switch (dataView(memory0).getUint8(base + 48, true)) {
                    case 0: {
                      variant12 = undefined;
                      break;
                    }
                    case 1: {
                      variant12 = dataView(memory0).getInt32(base + 52, true) >>> 0;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  variant13 = {
                    allowedKeys: variant9,
                    maxEntries: variant10,
                    stringsOnly: bool11 == 0 ? false : (bool11 == 1 ? true : throwInvalidBool()),
                    maxStringLength: variant12,
                  };
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              var bool14 = dataView(memory0).getUint8(base + 56, true);
              let variant16;
              switch (dataView(memory0).getUint8(base + 60, true)) {
                case 0: {
                  variant16 = undefined;
                  break;
                }
                case 1: {
                  var ptr15 = dataView(memory0).getUint32(base + 64, true);
                  var len15 = dataView(memory0).getUint32(base + 68, true);
                  var result15 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr15, len15));
                  variant16 = result15;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              let variant18;
              switch (dataView(memory0).getUint8(base + 72, true)) {
                case 0: {
                  variant18 = undefined;
                  break;
                }
                case 1: {
                  var ptr17 = dataView(memory0).getUint32(base + 76, true);
                  var len17 = dataView(memory0).getUint32(base + 80, true);
                  var result17 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr17, len17));
                  variant18 = result17;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              var ptr19 = dataView(memory0).getUint32(base + 84, true);
              var len19 = dataView(memory0).getUint32(base + 88, true);
              var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
              result20.push({
                name: result2,
                required: bool3 == 0 ? false : (bool3 == 1 ? true : throwInvalidBool()),
                secret: bool4 == 0 ? false : (bool4 == 1 ? true : throwInvalidBool()),
                format: enum5,
                maxLength: variant6,
                json: variant13,
                immutable: bool14 == 0 ? false : (bool14 == 1 ? true : throwInvalidBool()),
                writePermission: variant16,
                deprecated: variant18,
                help: result19,
              });
            }
            let variant21;
            switch (dataView(memory0).getUint8(base + 24, true)) {
              case 0: {
                variant21 = undefined;
                break;
              }
              case 1: {
                variant21 = dataView(memory0).getInt32(base + 28, true) >>> 0;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var bool22 = dataView(memory0).getUint8(base + 32, true);
            result23.push({
              kind: result0,
              help: result1,
              properties: result20,
              maxProperties: variant21,
              allowUnknown: bool22 == 0 ? false : (bool22 == 1 ? true : throwInvalidBool()),
            });
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="builtin-kinds"][Instruction::Return]', {
            funcName: 'builtin-kinds',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result23]);
          const retCopy = result23;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn4(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let storeSupport020MergeValue;
  
  function mergeValue(arg0, arg1) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'storeSupport020MergeValue',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'throw-result-err',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var variant1 = arg0;
          let variant1_0;
          let variant1_1;
          let variant1_2;
          if (variant1 === null || variant1=== undefined) {
            variant1_0 = 0;
            variant1_1 = 0;
            variant1_2 = 0;
          } else {
            const e = variant1;
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr0= encodeRes.ptr;
            var len0 = encodeRes.len;
            
            variant1_0 = 1;
            variant1_1 = ptr0;
            variant1_2 = len0;
          }
          
          var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
          var ptr2= encodeRes.ptr;
          var len2 = encodeRes.len;
          
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="merge-value"][Instruction::CallWasm] enter', {
            funcName: 'merge-value',
            paramCount: 5,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => storeSupport020MergeValue(variant1_0, variant1_1, variant1_2, ptr2, len2),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          let variant5;
          switch (dataView(memory0).getUint8(ret + 0, true)) {
            case 0: {
              let variant4;
              switch (dataView(memory0).getUint8(ret + 4, true)) {
                case 0: {
                  variant4 = undefined;
                  break;
                }
                case 1: {
                  var ptr3 = dataView(memory0).getUint32(ret + 8, true);
                  var len3 = dataView(memory0).getUint32(ret + 12, true);
                  var result3 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr3, len3));
                  variant4 = result3;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              variant5= {
                tag: 'ok',
                val: variant4
              };
              break;
            }
            case 1: {
              variant5= {
                tag: 'err',
                val: undefined
              };
              break;
            }
            default: {
              throw new TypeError('invalid variant discriminant for expected');
            }
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="merge-value"][Instruction::Return]', {
            funcName: 'merge-value',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          const retCopy = variant5;
          task.resolve([retCopy.val]);
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn5(ret);
          cstate.mayLeave = true;
          task.exit();
          
          
          
          if (typeof retCopy === 'object' && retCopy.tag === 'err') {
            throw retCopy.val;
          }
          return retCopy.val;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let storeSupport020CheckValue;
  
  function checkValue(arg0, arg1, arg2) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'storeSupport020CheckValue',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var ptr0 = realloc0(0, 0, 4, 104);
          var {name: v1_0, required: v1_1, secret: v1_2, format: v1_3, maxLength: v1_4, json: v1_5, immutable: v1_6, writePermission: v1_7, deprecated: v1_8, help: v1_9 } = arg0;
          
          var encodeRes = _utf8AllocateAndEncode(v1_0, realloc0, memory0);
          var ptr2= encodeRes.ptr;
          var len2 = encodeRes.len;
          
          dataView(memory0).setUint32(ptr0 + 4, len2, true);
          dataView(memory0).setUint32(ptr0 + 0, ptr2, true);
          dataView(memory0).setInt8(ptr0 + 8, v1_1 ? 1 : 0, true);
          dataView(memory0).setInt8(ptr0 + 9, v1_2 ? 1 : 0, true);
          var val3 = v1_3;
          let enum3;
          switch (val3) {
            case 'text': {
              enum3 = 0;
              break;
            }
            case 'integer': {
              enum3 = 1;
              break;
            }
            case 'boolean': {
              enum3 = 2;
              break;
            }
            case 'url': {
              enum3 = 3;
              break;
            }
            case 'duration': {
              enum3 = 4;
              break;
            }
            case 'json-object': {
              enum3 = 5;
              break;
            }
            case 'json-array': {
              enum3 = 6;
              break;
            }
            case 'timestamp': {
              enum3 = 7;
              break;
            }
            default: {
              if ((v1_3) instanceof Error) {
                console.error(v1_3);
              }
              
              throw new TypeError(`"${val3}" is not one of the cases of value-format`);
            }
          }
          dataView(memory0).setInt8(ptr0 + 10, enum3, true);
          var variant4 = v1_4;
          if (variant4 === null || variant4=== undefined) {
            dataView(memory0).setInt8(ptr0 + 12, 0, true);
          } else {
            const e = variant4;
            dataView(memory0).setInt8(ptr0 + 12, 1, true);
            dataView(memory0).setInt32(ptr0 + 16, toUint32(e), true);
          }
          var variant11 = v1_5;
          if (variant11 === null || variant11=== undefined) {
            dataView(memory0).setInt8(ptr0 + 20, 0, true);
          } else {
            const e = variant11;
            dataView(memory0).setInt8(ptr0 + 20, 1, true);
            var {allowedKeys: v5_0, maxEntries: v5_1, stringsOnly: v5_2, maxStringLength: v5_3 } = e;
            var variant8 = v5_0;
            if (variant8 === null || variant8=== undefined) {
              dataView(memory0).setInt8(ptr0 + 24, 0, true);
            } else {
              const e = variant8;
              dataView(memory0).setInt8(ptr0 + 24, 1, true);
              var vec7 = e;
              var len7 = vec7.length;
              var result7 = realloc0(0, 0, 4, len7 * 8);
              for (let i = 0; i < vec7.length; i++) {
                const e = vec7[i];
                const base = result7 + i * 8;
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr6= encodeRes.ptr;
                var len6 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 4, len6, true);
                dataView(memory0).setUint32(base + 0, ptr6, true);
              }
              dataView(memory0).setUint32(ptr0 + 32, len7, true);
              dataView(memory0).setUint32(ptr0 + 28, result7, true);
            }
            var variant9 = v5_1;
            if (variant9 === null || variant9=== undefined) {
              dataView(memory0).setInt8(ptr0 + 36, 0, true);
            } else {
              const e = variant9;
              dataView(memory0).setInt8(ptr0 + 36, 1, true);
              dataView(memory0).setInt32(ptr0 + 40, toUint32(e), true);
            }
            dataView(memory0).setInt8(ptr0 + 44, v5_2 ? 1 : 0, true);
            var variant10 = v5_3;
            if (variant10 === null || variant10=== undefined) {
              dataView(memory0).setInt8(ptr0 + 48, 0, true);
            } else {
              const e = variant10;
              dataView(memory0).setInt8(ptr0 + 48, 1, true);
              dataView(memory0).setInt32(ptr0 + 52, toUint32(e), true);
            }
          }
          dataView(memory0).setInt8(ptr0 + 56, v1_6 ? 1 : 0, true);
          var variant13 = v1_7;
          if (variant13 === null || variant13=== undefined) {
            dataView(memory0).setInt8(ptr0 + 60, 0, true);
          } else {
            const e = variant13;
            dataView(memory0).setInt8(ptr0 + 60, 1, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr12= encodeRes.ptr;
            var len12 = encodeRes.len;
            
            dataView(memory0).setUint32(ptr0 + 68, len12, true);
            dataView(memory0).setUint32(ptr0 + 64, ptr12, true);
          }
          var variant15 = v1_8;
          if (variant15 === null || variant15=== undefined) {
            dataView(memory0).setInt8(ptr0 + 72, 0, true);
          } else {
            const e = variant15;
            dataView(memory0).setInt8(ptr0 + 72, 1, true);
            
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr14= encodeRes.ptr;
            var len14 = encodeRes.len;
            
            dataView(memory0).setUint32(ptr0 + 80, len14, true);
            dataView(memory0).setUint32(ptr0 + 76, ptr14, true);
          }
          
          var encodeRes = _utf8AllocateAndEncode(v1_9, realloc0, memory0);
          var ptr16= encodeRes.ptr;
          var len16 = encodeRes.len;
          
          dataView(memory0).setUint32(ptr0 + 88, len16, true);
          dataView(memory0).setUint32(ptr0 + 84, ptr16, true);
          
          var encodeRes = _utf8AllocateAndEncode(arg1, realloc0, memory0);
          var ptr17= encodeRes.ptr;
          var len17 = encodeRes.len;
          
          dataView(memory0).setUint32(ptr0 + 96, len17, true);
          dataView(memory0).setUint32(ptr0 + 92, ptr17, true);
          dataView(memory0).setInt8(ptr0 + 100, arg2 ? 1 : 0, true);
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="check-value"][Instruction::CallWasm] enter', {
            funcName: 'check-value',
            paramCount: 1,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => storeSupport020CheckValue(ptr0),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len21 = dataView(memory0).getUint32(ret + 4, true);
          var base21 = dataView(memory0).getUint32(ret + 0, true);
          if (base21 % 4 !== 0) throw new TypeError(`list pointer [${base21}] is not aligned to 4`);
          var result21 = [];
          for (let i = 0; i < len21; i++) {
            const base = base21 + i * 24;
            var ptr18 = dataView(memory0).getUint32(base + 0, true);
            var len18 = dataView(memory0).getUint32(base + 4, true);
            var result18 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr18, len18));
            var ptr19 = dataView(memory0).getUint32(base + 8, true);
            var len19 = dataView(memory0).getUint32(base + 12, true);
            var result19 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr19, len19));
            var ptr20 = dataView(memory0).getUint32(base + 16, true);
            var len20 = dataView(memory0).getUint32(base + 20, true);
            var result20 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr20, len20));
            result21.push({
              property: result18,
              rule: result19,
              message: result20,
            });
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="check-value"][Instruction::Return]', {
            funcName: 'check-value',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result21]);
          const retCopy = result21;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn6(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let storeSupport020CheckNewConnector;
  
  function checkNewConnector(arg0, arg1) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'storeSupport020CheckNewConnector',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var {kind: v0_0, help: v0_1, properties: v0_2, maxProperties: v0_3, allowUnknown: v0_4 } = arg0;
          
          var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
          var ptr1= encodeRes.ptr;
          var len1 = encodeRes.len;
          
          
          var encodeRes = _utf8AllocateAndEncode(v0_1, realloc0, memory0);
          var ptr2= encodeRes.ptr;
          var len2 = encodeRes.len;
          
          var vec19 = v0_2;
          var len19 = vec19.length;
          var result19 = realloc0(0, 0, 4, len19 * 92);
          for (let i = 0; i < vec19.length; i++) {
            const e = vec19[i];
            const base = result19 + i * 92;var {name: v3_0, required: v3_1, secret: v3_2, format: v3_3, maxLength: v3_4, json: v3_5, immutable: v3_6, writePermission: v3_7, deprecated: v3_8, help: v3_9 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v3_0, realloc0, memory0);
            var ptr4= encodeRes.ptr;
            var len4 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len4, true);
            dataView(memory0).setUint32(base + 0, ptr4, true);
            dataView(memory0).setInt8(base + 8, v3_1 ? 1 : 0, true);
            dataView(memory0).setInt8(base + 9, v3_2 ? 1 : 0, true);
            var val5 = v3_3;
            let enum5;
            switch (val5) {
              case 'text': {
                enum5 = 0;
                break;
              }
              case 'integer': {
                enum5 = 1;
                break;
              }
              case 'boolean': {
                enum5 = 2;
                break;
              }
              case 'url': {
                enum5 = 3;
                break;
              }
              case 'duration': {
                enum5 = 4;
                break;
              }
              case 'json-object': {
                enum5 = 5;
                break;
              }
              case 'json-array': {
                enum5 = 6;
                break;
              }
              case 'timestamp': {
                enum5 = 7;
                break;
              }
              default: {
                if ((v3_3) instanceof Error) {
                  console.error(v3_3);
                }
                
                throw new TypeError(`"${val5}" is not one of the cases of value-format`);
              }
            }
            dataView(memory0).setInt8(base + 10, enum5, true);
            var variant6 = v3_4;
            if (variant6 === null || variant6=== undefined) {
              dataView(memory0).setInt8(base + 12, 0, true);
            } else {
              const e = variant6;
              dataView(memory0).setInt8(base + 12, 1, true);
              dataView(memory0).setInt32(base + 16, toUint32(e), true);
            }
            var variant13 = v3_5;
            if (variant13 === null || variant13=== undefined) {
              dataView(memory0).setInt8(base + 20, 0, true);
            } else {
              const e = variant13;
              dataView(memory0).setInt8(base + 20, 1, true);
              var {allowedKeys: v7_0, maxEntries: v7_1, stringsOnly: v7_2, maxStringLength: v7_3 } = e;
              var variant10 = v7_0;
              if (variant10 === null || variant10=== undefined) {
                dataView(memory0).setInt8(base + 24, 0, true);
              } else {
                const e = variant10;
                dataView(memory0).setInt8(base + 24, 1, true);
                var vec9 = e;
                var len9 = vec9.length;
                var result9 = realloc0(0, 0, 4, len9 * 8);
                for (let i = 0; i < vec9.length; i++) {
                  const e = vec9[i];
                  const base = result9 + i * 8;
                  var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                  var ptr8= encodeRes.ptr;
                  var len8 = encodeRes.len;
                  
                  dataView(memory0).setUint32(base + 4, len8, true);
                  dataView(memory0).setUint32(base + 0, ptr8, true);
                }
                dataView(memory0).setUint32(base + 32, len9, true);
                dataView(memory0).setUint32(base + 28, result9, true);
              }
              var variant11 = v7_1;
              if (variant11 === null || variant11=== undefined) {
                dataView(memory0).setInt8(base + 36, 0, true);
              } else {
                const e = variant11;
                dataView(memory0).setInt8(base + 36, 1, true);
                dataView(memory0).setInt32(base + 40, toUint32(e), true);
              }
              dataView(memory0).setInt8(base + 44, v7_2 ? 1 : 0, true);
              var variant12 = v7_3;
              if (variant12 === null || variant12=== undefined) {
                dataView(memory0).setInt8(base + 48, 0, true);
              } else {
                const e = variant12;
                dataView(memory0).setInt8(base + 48, 1, true);
                dataView(memory0).setInt32(base + 52, toUint32(e), true);
              }
            }
            dataView(memory0).setInt8(base + 56, v3_6 ? 1 : 0, true);
            var variant15 = v3_7;
            if (variant15 === null || variant15=== undefined) {
              dataView(memory0).setInt8(base + 60, 0, true);
            } else {
              const e = variant15;
              dataView(memory0).setInt8(base + 60, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr14= encodeRes.ptr;
              var len14 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 68, len14, true);
              dataView(memory0).setUint32(base + 64, ptr14, true);
            }
            var variant17 = v3_8;
            if (variant17 === null || variant17=== undefined) {
              dataView(memory0).setInt8(base + 72, 0, true);
            } else {
              const e = variant17;
              dataView(memory0).setInt8(base + 72, 1, true);
              
              var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
              var ptr16= encodeRes.ptr;
              var len16 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 80, len16, true);
              dataView(memory0).setUint32(base + 76, ptr16, true);
            }
            
            var encodeRes = _utf8AllocateAndEncode(v3_9, realloc0, memory0);
            var ptr18= encodeRes.ptr;
            var len18 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 88, len18, true);
            dataView(memory0).setUint32(base + 84, ptr18, true);
          }
          var variant20 = v0_3;
          let variant20_0;
          let variant20_1;
          if (variant20 === null || variant20=== undefined) {
            variant20_0 = 0;
            variant20_1 = 0;
          } else {
            const e = variant20;
            variant20_0 = 1;
            variant20_1 = toUint32(e);
          }
          var vec28 = arg1;
          var len28 = vec28.length;
          var result28 = realloc0(0, 0, 4, len28 * 24);
          for (let i = 0; i < vec28.length; i++) {
            const e = vec28[i];
            const base = result28 + i * 24;var {name: v21_0, op: v21_1 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v21_0, realloc0, memory0);
            var ptr22= encodeRes.ptr;
            var len22 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len22, true);
            dataView(memory0).setUint32(base + 0, ptr22, true);
            var variant27 = v21_1;
            switch (variant27.tag) {
              case 'set': {
                const e = variant27.val;
                dataView(memory0).setInt8(base + 8, 0, true);
                var {value: v23_0, secret: v23_1 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v23_0, realloc0, memory0);
                var ptr24= encodeRes.ptr;
                var len24 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 16, len24, true);
                dataView(memory0).setUint32(base + 12, ptr24, true);
                dataView(memory0).setInt8(base + 20, v23_1 ? 1 : 0, true);
                break;
              }
              case 'merge': {
                const e = variant27.val;
                dataView(memory0).setInt8(base + 8, 1, true);
                var {value: v25_0, secret: v25_1 } = e;
                
                var encodeRes = _utf8AllocateAndEncode(v25_0, realloc0, memory0);
                var ptr26= encodeRes.ptr;
                var len26 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 16, len26, true);
                dataView(memory0).setUint32(base + 12, ptr26, true);
                dataView(memory0).setInt8(base + 20, v25_1 ? 1 : 0, true);
                break;
              }
              case 'remove': {
                dataView(memory0).setInt8(base + 8, 2, true);
                break;
              }
              default: {
                throw new TypeError(`invalid variant tag value \`${JSON.stringify(variant27.tag)}\` (received \`${variant27}\`) specified for \`ChangeOp\``);
              }
            }
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="check-new-connector"][Instruction::CallWasm] enter', {
            funcName: 'check-new-connector',
            paramCount: 11,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => storeSupport020CheckNewConnector(ptr1, len1, ptr2, len2, result19, len19, variant20_0, variant20_1, v0_4 ? 1 : 0, result28, len28),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len32 = dataView(memory0).getUint32(ret + 4, true);
          var base32 = dataView(memory0).getUint32(ret + 0, true);
          if (base32 % 4 !== 0) throw new TypeError(`list pointer [${base32}] is not aligned to 4`);
          var result32 = [];
          for (let i = 0; i < len32; i++) {
            const base = base32 + i * 24;
            var ptr29 = dataView(memory0).getUint32(base + 0, true);
            var len29 = dataView(memory0).getUint32(base + 4, true);
            var result29 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr29, len29));
            var ptr30 = dataView(memory0).getUint32(base + 8, true);
            var len30 = dataView(memory0).getUint32(base + 12, true);
            var result30 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr30, len30));
            var ptr31 = dataView(memory0).getUint32(base + 16, true);
            var len31 = dataView(memory0).getUint32(base + 20, true);
            var result31 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr31, len31));
            result32.push({
              property: result29,
              rule: result30,
              message: result31,
            });
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="check-new-connector"][Instruction::Return]', {
            funcName: 'check-new-connector',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result32]);
          const retCopy = result32;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn6(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let storeSupport020KindsNaming;
  
  function kindsNaming$1(arg0, arg1) {
    
    const hostProvided = false;
    getOrCreateAsyncState(0).throwIfTrapped();
    
    const [task, _wasm_call_currentTaskID] = createNewCurrentTask({
      componentIdx: 0,
      isAsync: false,
      isManualAsync: false,
      preserveFutureResult: false,
      entryFnName: 'storeSupport020KindsNaming',
      getCallbackFn: () => null,
      callbackFnName: null,
      errHandling: 'none',
      callingWasmExport: true,
    });
    task.setCalleeIsAsync(false);
    
    const started = task.enterSync();
    CURRENT_TASK_MAY_BLOCK.value = task.mayBlock() ? 1 : 0;
    
    if (0!== null) {
      task.setReturnMemoryIdx(0);
      task.setReturnMemory((() => memory0)());
    }
    
    
    return _withGlobalCurrentTaskMeta({
      taskID: task.id(),
      componentIdx: task.componentIdx(),
      fn: () => {
        try {
          
          var vec21 = arg0;
          var len21 = vec21.length;
          var result21 = realloc0(0, 0, 4, len21 * 36);
          for (let i = 0; i < vec21.length; i++) {
            const e = vec21[i];
            const base = result21 + i * 36;var {kind: v0_0, help: v0_1, properties: v0_2, maxProperties: v0_3, allowUnknown: v0_4 } = e;
            
            var encodeRes = _utf8AllocateAndEncode(v0_0, realloc0, memory0);
            var ptr1= encodeRes.ptr;
            var len1 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len1, true);
            dataView(memory0).setUint32(base + 0, ptr1, true);
            
            var encodeRes = _utf8AllocateAndEncode(v0_1, realloc0, memory0);
            var ptr2= encodeRes.ptr;
            var len2 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 12, len2, true);
            dataView(memory0).setUint32(base + 8, ptr2, true);
            var vec19 = v0_2;
            var len19 = vec19.length;
            var result19 = realloc0(0, 0, 4, len19 * 92);
            for (let i = 0; i < vec19.length; i++) {
              const e = vec19[i];
              const base = result19 + i * 92;var {name: v3_0, required: v3_1, secret: v3_2, format: v3_3, maxLength: v3_4, json: v3_5, immutable: v3_6, writePermission: v3_7, deprecated: v3_8, help: v3_9 } = e;
              
              var encodeRes = _utf8AllocateAndEncode(v3_0, realloc0, memory0);
              var ptr4= encodeRes.ptr;
              var len4 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 4, len4, true);
              dataView(memory0).setUint32(base + 0, ptr4, true);
              dataView(memory0).setInt8(base + 8, v3_1 ? 1 : 0, true);
              dataView(memory0).setInt8(base + 9, v3_2 ? 1 : 0, true);
              var val5 = v3_3;
              let enum5;
              switch (val5) {
                case 'text': {
                  enum5 = 0;
                  break;
                }
                case 'integer': {
                  enum5 = 1;
                  break;
                }
                case 'boolean': {
                  enum5 = 2;
                  break;
                }
                case 'url': {
                  enum5 = 3;
                  break;
                }
                case 'duration': {
                  enum5 = 4;
                  break;
                }
                case 'json-object': {
                  enum5 = 5;
                  break;
                }
                case 'json-array': {
                  enum5 = 6;
                  break;
                }
                case 'timestamp': {
                  enum5 = 7;
                  break;
                }
                default: {
                  if ((v3_3) instanceof Error) {
                    console.error(v3_3);
                  }
                  
                  throw new TypeError(`"${val5}" is not one of the cases of value-format`);
                }
              }
              dataView(memory0).setInt8(base + 10, enum5, true);
              var variant6 = v3_4;
              if (variant6 === null || variant6=== undefined) {
                dataView(memory0).setInt8(base + 12, 0, true);
              } else {
                const e = variant6;
                dataView(memory0).setInt8(base + 12, 1, true);
                dataView(memory0).setInt32(base + 16, toUint32(e), true);
              }
              var variant13 = v3_5;
              if (variant13 === null || variant13=== undefined) {
                dataView(memory0).setInt8(base + 20, 0, true);
              } else {
                const e = variant13;
                dataView(memory0).setInt8(base + 20, 1, true);
                var {allowedKeys: v7_0, maxEntries: v7_1, stringsOnly: v7_2, maxStringLength: v7_3 } = e;
                var variant10 = v7_0;
                if (variant10 === null || variant10=== undefined) {
                  dataView(memory0).setInt8(base + 24, 0, true);
                } else {
                  const e = variant10;
                  dataView(memory0).setInt8(base + 24, 1, true);
                  var vec9 = e;
                  var len9 = vec9.length;
                  var result9 = realloc0(0, 0, 4, len9 * 8);
                  for (let i = 0; i < vec9.length; i++) {
                    const e = vec9[i];
                    const base = result9 + i * 8;
                    var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                    var ptr8= encodeRes.ptr;
                    var len8 = encodeRes.len;
                    
                    dataView(memory0).setUint32(base + 4, len8, true);
                    dataView(memory0).setUint32(base + 0, ptr8, true);
                  }
                  dataView(memory0).setUint32(base + 32, len9, true);
                  dataView(memory0).setUint32(base + 28, result9, true);
                }
                var variant11 = v7_1;
                if (variant11 === null || variant11=== undefined) {
                  dataView(memory0).setInt8(base + 36, 0, true);
                } else {
                  const e = variant11;
                  dataView(memory0).setInt8(base + 36, 1, true);
                  dataView(memory0).setInt32(base + 40, toUint32(e), true);
                }
                dataView(memory0).setInt8(base + 44, v7_2 ? 1 : 0, true);
                var variant12 = v7_3;
                if (variant12 === null || variant12=== undefined) {
                  dataView(memory0).setInt8(base + 48, 0, true);
                } else {
                  const e = variant12;
                  dataView(memory0).setInt8(base + 48, 1, true);
                  dataView(memory0).setInt32(base + 52, toUint32(e), true);
                }
              }
              dataView(memory0).setInt8(base + 56, v3_6 ? 1 : 0, true);
              var variant15 = v3_7;
              if (variant15 === null || variant15=== undefined) {
                dataView(memory0).setInt8(base + 60, 0, true);
              } else {
                const e = variant15;
                dataView(memory0).setInt8(base + 60, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr14= encodeRes.ptr;
                var len14 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 68, len14, true);
                dataView(memory0).setUint32(base + 64, ptr14, true);
              }
              var variant17 = v3_8;
              if (variant17 === null || variant17=== undefined) {
                dataView(memory0).setInt8(base + 72, 0, true);
              } else {
                const e = variant17;
                dataView(memory0).setInt8(base + 72, 1, true);
                
                var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
                var ptr16= encodeRes.ptr;
                var len16 = encodeRes.len;
                
                dataView(memory0).setUint32(base + 80, len16, true);
                dataView(memory0).setUint32(base + 76, ptr16, true);
              }
              
              var encodeRes = _utf8AllocateAndEncode(v3_9, realloc0, memory0);
              var ptr18= encodeRes.ptr;
              var len18 = encodeRes.len;
              
              dataView(memory0).setUint32(base + 88, len18, true);
              dataView(memory0).setUint32(base + 84, ptr18, true);
            }
            dataView(memory0).setUint32(base + 20, len19, true);
            dataView(memory0).setUint32(base + 16, result19, true);
            var variant20 = v0_3;
            if (variant20 === null || variant20=== undefined) {
              dataView(memory0).setInt8(base + 24, 0, true);
            } else {
              const e = variant20;
              dataView(memory0).setInt8(base + 24, 1, true);
              dataView(memory0).setInt32(base + 28, toUint32(e), true);
            }
            dataView(memory0).setInt8(base + 32, v0_4 ? 1 : 0, true);
          }
          var vec23 = arg1;
          var len23 = vec23.length;
          var result23 = realloc0(0, 0, 4, len23 * 8);
          for (let i = 0; i < vec23.length; i++) {
            const e = vec23[i];
            const base = result23 + i * 8;
            var encodeRes = _utf8AllocateAndEncode(e, realloc0, memory0);
            var ptr22= encodeRes.ptr;
            var len22 = encodeRes.len;
            
            dataView(memory0).setUint32(base + 4, len22, true);
            dataView(memory0).setUint32(base + 0, ptr22, true);
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="kinds-naming"][Instruction::CallWasm] enter', {
            funcName: 'kinds-naming',
            paramCount: 4,
            async: false,
            postReturn: true,
          });
          
          let ret;
          
          try {
            ret =  _withGlobalCurrentTaskMeta({
              taskID: task.id(),
              componentIdx: task.componentIdx(),
              fn: () => storeSupport020KindsNaming(result21, len21, result23, len23),
            });
          } catch (err) {
            
            _debugLog('[Instruction::CallWasm] error during sync call', {
              taskID: task.id(),
              err,
            });
            getOrCreateAsyncState(0).markTrapped(err);
            task.setErrored(err);
            task.reject(err);
            task.exit();
            throw err;
            
          }
          
          var len47 = dataView(memory0).getUint32(ret + 4, true);
          var base47 = dataView(memory0).getUint32(ret + 0, true);
          if (base47 % 4 !== 0) throw new TypeError(`list pointer [${base47}] is not aligned to 4`);
          var result47 = [];
          for (let i = 0; i < len47; i++) {
            const base = base47 + i * 36;
            var ptr24 = dataView(memory0).getUint32(base + 0, true);
            var len24 = dataView(memory0).getUint32(base + 4, true);
            var result24 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr24, len24));
            var ptr25 = dataView(memory0).getUint32(base + 8, true);
            var len25 = dataView(memory0).getUint32(base + 12, true);
            var result25 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr25, len25));
            var len44 = dataView(memory0).getUint32(base + 20, true);
            var base44 = dataView(memory0).getUint32(base + 16, true);
            if (base44 % 4 !== 0) throw new TypeError(`list pointer [${base44}] is not aligned to 4`);
            var result44 = [];
            for (let i = 0; i < len44; i++) {
              const base = base44 + i * 92;
              var ptr26 = dataView(memory0).getUint32(base + 0, true);
              var len26 = dataView(memory0).getUint32(base + 4, true);
              var result26 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr26, len26));
              var bool27 = dataView(memory0).getUint8(base + 8, true);
              var bool28 = dataView(memory0).getUint8(base + 9, true);
              let enum29;
              switch (dataView(memory0).getUint8(base + 10, true)) {
                case 0: {
                  enum29 = 'text';
                  break;
                }
                case 1: {
                  enum29 = 'integer';
                  break;
                }
                case 2: {
                  enum29 = 'boolean';
                  break;
                }
                case 3: {
                  enum29 = 'url';
                  break;
                }
                case 4: {
                  enum29 = 'duration';
                  break;
                }
                case 5: {
                  enum29 = 'json-object';
                  break;
                }
                case 6: {
                  enum29 = 'json-array';
                  break;
                }
                case 7: {
                  enum29 = 'timestamp';
                  break;
                }
                default: {
                  throw new TypeError('invalid discriminant specified for ValueFormat');
                }
              }
              let variant30;
              switch (dataView(memory0).getUint8(base + 12, true)) {
                case 0: {
                  variant30 = undefined;
                  break;
                }
                case 1: {
                  variant30 = dataView(memory0).getInt32(base + 16, true) >>> 0;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              let variant37;
              switch (dataView(memory0).getUint8(base + 20, true)) {
                case 0: {
                  variant37 = undefined;
                  break;
                }
                case 1: {
                  let variant33;
                  switch (dataView(memory0).getUint8(base + 24, true)) {
                    case 0: {
                      variant33 = undefined;
                      break;
                    }
                    case 1: {
                      var len32 = dataView(memory0).getUint32(base + 32, true);
                      var base32 = dataView(memory0).getUint32(base + 28, true);
                      if (base32 % 4 !== 0) throw new TypeError(`list pointer [${base32}] is not aligned to 4`);
                      var result32 = [];
                      for (let i = 0; i < len32; i++) {
                        const base = base32 + i * 8;
                        var ptr31 = dataView(memory0).getUint32(base + 0, true);
                        var len31 = dataView(memory0).getUint32(base + 4, true);
                        var result31 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr31, len31));
                        result32.push(result31);
                      }
                      variant33 = result32;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  let variant34;
                  switch (dataView(memory0).getUint8(base + 36, true)) {
                    case 0: {
                      variant34 = undefined;
                      break;
                    }
                    case 1: {
                      variant34 = dataView(memory0).getInt32(base + 40, true) >>> 0;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  var bool35 = dataView(memory0).getUint8(base + 44, true);
                  let variant36;
                  switch (dataView(memory0).getUint8(base + 48, true)) {
                    case 0: {
                      variant36 = undefined;
                      break;
                    }
                    case 1: {
                      variant36 = dataView(memory0).getInt32(base + 52, true) >>> 0;
                      break;
                    }
                    default: {
                      throw new TypeError('invalid variant discriminant for option');
                    }
                  }
                  variant37 = {
                    allowedKeys: variant33,
                    maxEntries: variant34,
                    stringsOnly: bool35 == 0 ? false : (bool35 == 1 ? true : throwInvalidBool()),
                    maxStringLength: variant36,
                  };
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              var bool38 = dataView(memory0).getUint8(base + 56, true);
              let variant40;
              switch (dataView(memory0).getUint8(base + 60, true)) {
                case 0: {
                  variant40 = undefined;
                  break;
                }
                case 1: {
                  var ptr39 = dataView(memory0).getUint32(base + 64, true);
                  var len39 = dataView(memory0).getUint32(base + 68, true);
                  var result39 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr39, len39));
                  variant40 = result39;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              let variant42;
              switch (dataView(memory0).getUint8(base + 72, true)) {
                case 0: {
                  variant42 = undefined;
                  break;
                }
                case 1: {
                  var ptr41 = dataView(memory0).getUint32(base + 76, true);
                  var len41 = dataView(memory0).getUint32(base + 80, true);
                  var result41 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr41, len41));
                  variant42 = result41;
                  break;
                }
                default: {
                  throw new TypeError('invalid variant discriminant for option');
                }
              }
              var ptr43 = dataView(memory0).getUint32(base + 84, true);
              var len43 = dataView(memory0).getUint32(base + 88, true);
              var result43 = TEXT_DECODER_UTF8.decode(new Uint8Array(memory0.buffer, ptr43, len43));
              result44.push({
                name: result26,
                required: bool27 == 0 ? false : (bool27 == 1 ? true : throwInvalidBool()),
                secret: bool28 == 0 ? false : (bool28 == 1 ? true : throwInvalidBool()),
                format: enum29,
                maxLength: variant30,
                json: variant37,
                immutable: bool38 == 0 ? false : (bool38 == 1 ? true : throwInvalidBool()),
                writePermission: variant40,
                deprecated: variant42,
                help: result43,
              });
            }
            let variant45;
            switch (dataView(memory0).getUint8(base + 24, true)) {
              case 0: {
                variant45 = undefined;
                break;
              }
              case 1: {
                variant45 = dataView(memory0).getInt32(base + 28, true) >>> 0;
                break;
              }
              default: {
                throw new TypeError('invalid variant discriminant for option');
              }
            }
            var bool46 = dataView(memory0).getUint8(base + 32, true);
            result47.push({
              kind: result24,
              help: result25,
              properties: result44,
              maxProperties: variant45,
              allowUnknown: bool46 == 0 ? false : (bool46 == 1 ? true : throwInvalidBool()),
            });
          }
          _debugLog('[iface="workflow:connectors/store-support@0.2.0", function="kinds-naming"][Instruction::Return]', {
            funcName: 'kinds-naming',
            paramCount: 1,
            async: false,
            postReturn: true
          });
          task.resolve([result47]);
          const retCopy = result47;
          
          let cstate = getOrCreateAsyncState(0);
          cstate.mayLeave = false;
          postReturn4(ret);
          cstate.mayLeave = true;
          task.exit();
          return retCopy;
          
          
        } catch (err) {
          if (!task.isResolvedState()) {
            task.setErrored(err);
            task.reject(err);
          }
          if (!task.isExited()) { task.exit({ skipExclusiveLockCheck: true }); }
          throw err;
        }
      },
    });
    
  }
  let trampoline0 = _trampoline0.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 0,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline0.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['id', _lowerFlatStringAny, 8, 4 ],['name', _lowerFlatStringAny, 8, 4 ],['kind', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['revision', _lowerFlatU64, 8, 8 ],], size32: 40, align32: 8 }),
        elemSize32: 40,
        elemAlign32: 8,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline0,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 0,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline0.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['id', _lowerFlatStringAny, 8, 4 ],['name', _lowerFlatStringAny, 8, 4 ],['kind', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['revision', _lowerFlatU64, 8, 8 ],], size32: 40, align32: 8 }),
        elemSize32: 40,
        elemAlign32: 8,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline0,
  },
  );
  let trampoline1 = _trampoline1.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 1,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline1.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatRecord({ fieldMetas: [['id', _lowerFlatStringAny, 8, 4 ],['name', _lowerFlatStringAny, 8, 4 ],['kind', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      , 12, 4 ],['revision', _lowerFlatU64, 8, 8 ],['properties', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['value', _lowerFlatVariant({
          caseMetas: [[ 'plain', _lowerFlatStringAny, 8, 4, 2 ],[ 'secret', null, 0, 0, 0 ],],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
        } ), 12, 4 ],], size32: 20, align32: 4 }),
        elemSize32: 20,
        elemAlign32: 4,
      }), 8, 4 ],], size32: 48, align32: 8 }), 56, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 56, 8, 8 ],
      ],
      variantSize32: 56,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 11,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline1,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 1,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline1.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatRecord({ fieldMetas: [['id', _lowerFlatStringAny, 8, 4 ],['name', _lowerFlatStringAny, 8, 4 ],['kind', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      , 12, 4 ],['revision', _lowerFlatU64, 8, 8 ],['properties', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['value', _lowerFlatVariant({
          caseMetas: [[ 'plain', _lowerFlatStringAny, 8, 4, 2 ],[ 'secret', null, 0, 0, 0 ],],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
        } ), 12, 4 ],], size32: 20, align32: 4 }),
        elemSize32: 20,
        elemAlign32: 4,
      }), 8, 4 ],], size32: 48, align32: 8 }), 56, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 56, 8, 8 ],
      ],
      variantSize32: 56,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 11,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline1,
  },
  );
  let trampoline2 = _trampoline2.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 2,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline2.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }), 36, 4, 9],
        ],
        variantSize32: 40,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 10,
        payloadMaybeNull: false,
      })
      , 48, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 48, 8, 8 ],
      ],
      variantSize32: 48,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 11,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline2,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 2,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline2.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }), 36, 4, 9],
        ],
        variantSize32: 40,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 10,
        payloadMaybeNull: false,
      })
      , 48, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 48, 8, 8 ],
      ],
      variantSize32: 48,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 11,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline2,
  },
  );
  let trampoline3 = _trampoline3.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 3,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline3.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny,_liftFlatU64,_liftFlatList({
      elemLiftFn: _liftFlatRecord({ fieldMetas: [['name', _liftFlatStringAny, 8, 4],['op', _liftFlatVariant({
        caseMetas: [['set', _liftFlatRecord({ fieldMetas: [['value', _liftFlatStringAny, 8, 4],['secret', _liftFlatBool, 1, 1],], size32: 12, align32: 4 }), 12, 4, 3, ['i32','i32','i32']],['merge', _liftFlatRecord({ fieldMetas: [['value', _liftFlatStringAny, 8, 4],['secret', _liftFlatBool, 1, 1],], size32: 12, align32: 4 }), 12, 4, 3, ['i32','i32','i32']],['remove', null, 0, 0, 0, []],],
        variantSize32: 16,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 4,
        variantPayloadFlatTypes: ['i32','i32','i32'],
      } ), 16, 4],], size32: 24, align32: 4 }),
      elemAlign32: 4,
      elemSize32: 24,
      typedArray: undefined,
    }),
    _liftFlatEnum({
      caseMetas: [['commit', null, 1, 1, 1],['preview', null, 1, 1, 1],],
      variantSize32: 1,
      variantAlign32: 1,
      variantPayloadOffset32: 1,
      variantFlatCount: 1,
    })
    ],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatRecord({ fieldMetas: [['revision', _lowerFlatU64, 8, 8 ],['changed', _lowerFlatList({
        elemLowerFn: _lowerFlatStringAny,
        elemSize32: 8,
        elemAlign32: 4,
      }), 8, 4 ],], size32: 16, align32: 8 }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline3,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 3,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline3.manuallyAsync,
    paramLiftFns: [_liftFlatStringAny,_liftFlatU64,_liftFlatList({
      elemLiftFn: _liftFlatRecord({ fieldMetas: [['name', _liftFlatStringAny, 8, 4],['op', _liftFlatVariant({
        caseMetas: [['set', _liftFlatRecord({ fieldMetas: [['value', _liftFlatStringAny, 8, 4],['secret', _liftFlatBool, 1, 1],], size32: 12, align32: 4 }), 12, 4, 3, ['i32','i32','i32']],['merge', _liftFlatRecord({ fieldMetas: [['value', _liftFlatStringAny, 8, 4],['secret', _liftFlatBool, 1, 1],], size32: 12, align32: 4 }), 12, 4, 3, ['i32','i32','i32']],['remove', null, 0, 0, 0, []],],
        variantSize32: 16,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 4,
        variantPayloadFlatTypes: ['i32','i32','i32'],
      } ), 16, 4],], size32: 24, align32: 4 }),
      elemAlign32: 4,
      elemSize32: 24,
      typedArray: undefined,
    }),
    _liftFlatEnum({
      caseMetas: [['commit', null, 1, 1, 1],['preview', null, 1, 1, 1],],
      variantSize32: 1,
      variantAlign32: 1,
      variantPayloadOffset32: 1,
      variantFlatCount: 1,
    })
    ],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatRecord({ fieldMetas: [['revision', _lowerFlatU64, 8, 8 ],['changed', _lowerFlatList({
        elemLowerFn: _lowerFlatStringAny,
        elemSize32: 8,
        elemAlign32: 4,
      }), 8, 4 ],], size32: 16, align32: 8 }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline3,
  },
  );
  let trampoline4 = _trampoline4.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 4,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline4.manuallyAsync,
    paramLiftFns: [],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }),
        elemSize32: 36,
        elemAlign32: 4,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline4,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 4,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline4.manuallyAsync,
    paramLiftFns: [],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }),
        elemSize32: 36,
        elemAlign32: 4,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline4,
  },
  );
  let trampoline5 = _trampoline5.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 5,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline5.manuallyAsync,
    paramLiftFns: [_liftFlatList({
      elemLiftFn: _liftFlatStringAny,
      elemAlign32: 4,
      elemSize32: 8,
      typedArray: undefined,
    })],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }),
        elemSize32: 36,
        elemAlign32: 4,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline5,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 5,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline5.manuallyAsync,
    paramLiftFns: [_liftFlatList({
      elemLiftFn: _liftFlatStringAny,
      elemAlign32: 4,
      elemSize32: 8,
      typedArray: undefined,
    })],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', _lowerFlatList({
        elemLowerFn: _lowerFlatRecord({ fieldMetas: [['kind', _lowerFlatStringAny, 8, 4 ],['help', _lowerFlatStringAny, 8, 4 ],['properties', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['name', _lowerFlatStringAny, 8, 4 ],['required', _lowerFlatBool, 1, 1 ],['secret', _lowerFlatBool, 1, 1 ],['format', 
          _lowerFlatEnum({
            caseMetas: [['text', null, 1, 1, 1],['integer', null, 1, 1, 1],['boolean', null, 1, 1, 1],['url', null, 1, 1, 1],['duration', null, 1, 1, 1],['json-object', null, 1, 1, 1],['json-array', null, 1, 1, 1],['timestamp', null, 1, 1, 1],],
            variantSize32: 1,
            variantAlign32: 1,
            variantPayloadOffset32: 1,
            variantFlatCount: 1,
          })
          , 1, 1 ],['maxLength', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatU32, 4, 4, 1],
            ],
            variantSize32: 8,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 2,
            payloadMaybeNull: false,
          })
          , 8, 4 ],['json', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatRecord({ fieldMetas: [['allowedKeys', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatList({
                elemLowerFn: _lowerFlatStringAny,
                elemSize32: 8,
                elemAlign32: 4,
              }), 8, 4, 2],
              ],
              variantSize32: 12,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 3,
              payloadMaybeNull: false,
            })
            , 12, 4 ],['maxEntries', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],['stringsOnly', _lowerFlatBool, 1, 1 ],['maxStringLength', 
            _lowerFlatOption({
              caseMetas: [
              [ 'none', null, 0, 0, 0 ],
              [ 'some', _lowerFlatU32, 4, 4, 1],
              ],
              variantSize32: 8,
              variantAlign32: 4,
              variantPayloadOffset32: 4,
              variantFlatCount: 2,
              payloadMaybeNull: false,
            })
            , 8, 4 ],], size32: 32, align32: 4 }), 32, 4, 8],
            ],
            variantSize32: 36,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 9,
            payloadMaybeNull: false,
          })
          , 36, 4 ],['immutable', _lowerFlatBool, 1, 1 ],['writePermission', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['deprecated', 
          _lowerFlatOption({
            caseMetas: [
            [ 'none', null, 0, 0, 0 ],
            [ 'some', _lowerFlatStringAny, 8, 4, 2],
            ],
            variantSize32: 12,
            variantAlign32: 4,
            variantPayloadOffset32: 4,
            variantFlatCount: 3,
            payloadMaybeNull: false,
          })
          , 12, 4 ],['help', _lowerFlatStringAny, 8, 4 ],], size32: 92, align32: 4 }),
          elemSize32: 92,
          elemAlign32: 4,
        }), 8, 4 ],['maxProperties', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatU32, 4, 4, 1],
          ],
          variantSize32: 8,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 2,
          payloadMaybeNull: false,
        })
        , 8, 4 ],['allowUnknown', _lowerFlatBool, 1, 1 ],], size32: 36, align32: 4 }),
        elemSize32: 36,
        elemAlign32: 4,
      }), 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline5,
  },
  );
  let trampoline6 = _trampoline6.manuallyAsync ? new WebAssembly.Suspending(_suspendingImport(0, _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 6,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline6.manuallyAsync,
    paramLiftFns: [
    _liftFlatOption({
      caseMetas: [
      ['none', null, 0, 0, 0, [] ],
      ['some', _liftFlatStringAny, 8, 4, 2, ['i32','i32'] ],
      ],
      variantSize32: 12,
      variantAlign32: 4,
      variantPayloadOffset32: 4,
      variantFlatCount: 3,
      variantPayloadFlatTypes: ['i32','i32'],
      payloadMaybeNull: false,
    })
    ,_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      , 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline6,
  },
  ))) : _lowerImportBackwardsCompat.bind(
  null,
  {
    trampolineIdx: 6,
    componentIdx: 0,
    isAsync: false,
    isManualAsync: _trampoline6.manuallyAsync,
    paramLiftFns: [
    _liftFlatOption({
      caseMetas: [
      ['none', null, 0, 0, 0, [] ],
      ['some', _liftFlatStringAny, 8, 4, 2, ['i32','i32'] ],
      ],
      variantSize32: 12,
      variantAlign32: 4,
      variantPayloadOffset32: 4,
      variantFlatCount: 3,
      variantPayloadFlatTypes: ['i32','i32'],
      payloadMaybeNull: false,
    })
    ,_liftFlatStringAny],
    resultLowerFns: [
    _lowerFlatResult({
      caseMetas: [
      [ 'ok', 
      _lowerFlatOption({
        caseMetas: [
        [ 'none', null, 0, 0, 0 ],
        [ 'some', _lowerFlatStringAny, 8, 4, 2],
        ],
        variantSize32: 12,
        variantAlign32: 4,
        variantPayloadOffset32: 4,
        variantFlatCount: 3,
        payloadMaybeNull: false,
      })
      , 40, 8, 8 ],
      [ 'err', _lowerFlatVariant({
        caseMetas: [[ 'not-found', null, 0, 0, 0 ],[ 'permission-denied', _lowerFlatRecord({ fieldMetas: [['property', 
        _lowerFlatOption({
          caseMetas: [
          [ 'none', null, 0, 0, 0 ],
          [ 'some', _lowerFlatStringAny, 8, 4, 2],
          ],
          variantSize32: 12,
          variantAlign32: 4,
          variantPayloadOffset32: 4,
          variantFlatCount: 3,
          payloadMaybeNull: false,
        })
        , 12, 4 ],['reason', _lowerFlatStringAny, 8, 4 ],], size32: 20, align32: 4 }), 20, 4, 5 ],[ 'conflict', _lowerFlatU64, 8, 8, 1 ],[ 'unavailable', _lowerFlatStringAny, 8, 4, 2 ],[ 'invalid', _lowerFlatList({
          elemLowerFn: _lowerFlatRecord({ fieldMetas: [['property', _lowerFlatStringAny, 8, 4 ],['rule', _lowerFlatStringAny, 8, 4 ],['message', _lowerFlatStringAny, 8, 4 ],], size32: 24, align32: 4 }),
          elemSize32: 24,
          elemAlign32: 4,
        }), 8, 4, 2 ],[ 'tampered', _lowerFlatRecord({ fieldMetas: [['connector', _lowerFlatStringAny, 8, 4 ],['property', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'key', _lowerFlatStringAny, 8, 4, 2 ],[ 'read-only', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['why', _lowerFlatStringAny, 8, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],[ 'schema', _lowerFlatRecord({ fieldMetas: [['location', _lowerFlatStringAny, 8, 4 ],['found', _lowerFlatU32, 4, 4 ],['supported', _lowerFlatU32, 4, 4 ],], size32: 16, align32: 4 }), 16, 4, 4 ],],
        variantSize32: 32,
        variantAlign32: 8,
        variantPayloadOffset32: 8,
        variantFlatCount: 6,
      } ), 40, 8, 8 ],
      ],
      variantSize32: 40,
      variantAlign32: 8,
      variantPayloadOffset32: 8,
      variantFlatCount: 7,
    })
    ],
    hasResultPointer: true,
    funcTypeIsAsync: false,
    getCallbackFn: () => null,
    getPostReturnFn: () => null,
    isCancellable: false,
    memoryIdx: 0,
    stringEncoding: 'utf8',
    getMemoryFn: () => memory0,
    getReallocFn: () => realloc0,
    importFn: _trampoline6,
  },
  );
  Promise.all([module0, module1, module2]).catch(() => {});
  ({ exports: exports0 } = yield instantiateCore(yield module1));
  ({ exports: exports1 } = yield instantiateCore(yield module0, {
    'workflow:connectors/credential-store@0.2.0': {
      'find-by-name': Object.assign(exports0['0'], { _jcoMaySuspend: false }),
      get: Object.assign(exports0['1'], { _jcoMaySuspend: false }),
      kinds: Object.assign(exports0['4'], { _jcoMaySuspend: false }),
      'kinds-naming': Object.assign(exports0['5'], { _jcoMaySuspend: false }),
      rules: Object.assign(exports0['2'], { _jcoMaySuspend: false }),
      write: Object.assign(exports0['3'], { _jcoMaySuspend: false }),
    },
    'workflow:connectors/tokens@0.2.0': {
      resolve: Object.assign(exports0['6'], { _jcoMaySuspend: false }),
    },
  }));
  memory0 = exports1.memory;
  realloc0 = exports1.cabi_realloc;
  
  try {
    realloc0Async = WebAssembly.promising(exports1.cabi_realloc);
  } catch(err) {
    realloc0Async = exports1.cabi_realloc;
  }
  
  if (findByName[symbolCabiLower]) {
    trampoline0 = findByName[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (get[symbolCabiLower]) {
    trampoline1 = get[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (rules[symbolCabiLower]) {
    trampoline2 = rules[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (write[symbolCabiLower]) {
    trampoline3 = write[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (kinds[symbolCabiLower]) {
    trampoline4 = kinds[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (kindsNaming[symbolCabiLower]) {
    trampoline5 = kindsNaming[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  if (resolve[symbolCabiLower]) {
    trampoline6 = resolve[symbolCabiLower]({ memory: memory0, realloc: realloc0,});
  }
  ({ exports: exports2 } = yield instantiateCore(yield module2, {
    actual: {
      '0': Object.assign(trampoline0, { _jcoMaySuspend: false }),
      '1': Object.assign(trampoline1, { _jcoMaySuspend: false }),
      '2': Object.assign(trampoline2, { _jcoMaySuspend: false }),
      '3': Object.assign(trampoline3, { _jcoMaySuspend: false }),
      '4': Object.assign(trampoline4, { _jcoMaySuspend: false }),
      '5': Object.assign(trampoline5, { _jcoMaySuspend: false }),
      '6': Object.assign(trampoline6, { _jcoMaySuspend: false }),
    },
    shim: {
      $imports: exports0.$imports,
    },
  }));
  postReturn0 = exports1['cabi_post_workflow:connectors/action@0.2.0#describe'];
  
  try {
    postReturn0Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/action@0.2.0#describe']);
  } catch(err) {
    postReturn0Async = exports1['cabi_post_workflow:connectors/action@0.2.0#describe'];
  }
  
  postReturn1 = exports1['cabi_post_workflow:connectors/action@0.2.0#parse-step'];
  
  try {
    postReturn1Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/action@0.2.0#parse-step']);
  } catch(err) {
    postReturn1Async = exports1['cabi_post_workflow:connectors/action@0.2.0#parse-step'];
  }
  
  postReturn2 = exports1['cabi_post_workflow:connectors/action@0.2.0#validate'];
  
  try {
    postReturn2Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/action@0.2.0#validate']);
  } catch(err) {
    postReturn2Async = exports1['cabi_post_workflow:connectors/action@0.2.0#validate'];
  }
  
  postReturn3 = exports1['cabi_post_workflow:connectors/action@0.2.0#execute'];
  
  try {
    postReturn3Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/action@0.2.0#execute']);
  } catch(err) {
    postReturn3Async = exports1['cabi_post_workflow:connectors/action@0.2.0#execute'];
  }
  
  postReturn4 = exports1['cabi_post_workflow:connectors/store-support@0.2.0#builtin-kinds'];
  
  try {
    postReturn4Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/store-support@0.2.0#builtin-kinds']);
  } catch(err) {
    postReturn4Async = exports1['cabi_post_workflow:connectors/store-support@0.2.0#builtin-kinds'];
  }
  
  postReturn5 = exports1['cabi_post_workflow:connectors/store-support@0.2.0#merge-value'];
  
  try {
    postReturn5Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/store-support@0.2.0#merge-value']);
  } catch(err) {
    postReturn5Async = exports1['cabi_post_workflow:connectors/store-support@0.2.0#merge-value'];
  }
  
  postReturn6 = exports1['cabi_post_workflow:connectors/store-support@0.2.0#check-new-connector'];
  
  try {
    postReturn6Async = WebAssembly.promising(exports1['cabi_post_workflow:connectors/store-support@0.2.0#check-new-connector']);
  } catch(err) {
    postReturn6Async = exports1['cabi_post_workflow:connectors/store-support@0.2.0#check-new-connector'];
  }
  
  action020Describe = exports1['workflow:connectors/action@0.2.0#describe'];
  action020ParseStep = exports1['workflow:connectors/action@0.2.0#parse-step'];
  action020ValidateJson = exports1['workflow:connectors/action@0.2.0#validate-json'];
  action020Validate = exports1['workflow:connectors/action@0.2.0#validate'];
  action020Execute = exports1['workflow:connectors/action@0.2.0#execute'];
  storeSupport020BuiltinKinds = exports1['workflow:connectors/store-support@0.2.0#builtin-kinds'];
  storeSupport020MergeValue = exports1['workflow:connectors/store-support@0.2.0#merge-value'];
  storeSupport020CheckValue = exports1['workflow:connectors/store-support@0.2.0#check-value'];
  storeSupport020CheckNewConnector = exports1['workflow:connectors/store-support@0.2.0#check-new-connector'];
  storeSupport020KindsNaming = exports1['workflow:connectors/store-support@0.2.0#kinds-naming'];
  const action020 = {
    describe: describe,
    execute: execute,
    parseStep: parseStep,
    validate: validate,
    validateJson: validateJson,
    
  };
  const storeSupport020 = {
    builtinKinds: builtinKinds,
    checkNewConnector: checkNewConnector,
    checkValue: checkValue,
    kindsNaming: kindsNaming$1,
    mergeValue: mergeValue,
    
  };
  
  return { action: action020, storeSupport: storeSupport020, 'workflow:connectors/action@0.2.0': action020, 'workflow:connectors/store-support@0.2.0': storeSupport020,  };
})();
let promise, resolve$1, reject;
function normalizeInstantiationError(e) {
  // Native JSPI rejects a suspending import called from a
  // core start function before entering its JS wrapper.
  // At component instantiation time that always means the
  // implicit synchronous task attempted to block.
  if (typeof WebAssembly.SuspendError === 'function' && e instanceof WebAssembly.SuspendError) {
    return new WebAssembly.RuntimeError('cannot block a synchronous task before returning');
  }
  return e;
}
function runNext(value) {
  try {
    let done;
    do {
      ({ value, done } = gen.next(value));
    } while (!(value instanceof Promise) && !done);
    if (done) {
      if (resolve$1) return resolve$1(value);
      else return value;
    }
    if (!promise) promise = new Promise((_resolve, _reject) => (resolve$1 = _resolve, reject= _reject));
    value.then(nextVal => done ? resolve$1() : runNext(nextVal), e => reject(normalizeInstantiationError(e)));
  }
  catch (e) {
    e = normalizeInstantiationError(e);
    if (reject) reject(e);
    else throw e;
  }
}
const maybeSyncReturn = runNext(null);
return promise || maybeSyncReturn;
};

export const _util = {
  
}

