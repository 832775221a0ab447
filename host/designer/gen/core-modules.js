// Written by scripts/build.mjs from the files jco wrote: each core module of the
// component, in the component's order, by the name jco gave it; and the shape
// of the component the bindings were made from (see componentShape).
export const CORE_MODULES = ["connectors_update.core.wasm","connectors_update.core2.wasm","connectors_update.core3.wasm"];
export const COMPONENT_SHAPE = '99f0237c1731d292a27d72b194b397cff2a41c2aaf9dc08a56d9f8b7aec8b044';
