// Types of fidelity-scale. The classes and functions, and the data types (ScoreReport, Form, Problem, ...),
// come from the wasm-bindgen declarations, whose data types are generated from the core's JSON Schemas.
export * from "./pkg/fidelity_scale.js";

/** Instantiates the module once; call (and await) before anything else. */
export function init(source?: URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
