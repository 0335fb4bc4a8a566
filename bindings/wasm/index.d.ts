// Types of fidelity-scale. The classes and functions, and the data types (ScoreReport, Form, Problem, ...),
// come from the wasm-bindgen declarations; the data types are generated from the core's JSON Schemas.
export * from "./pkg/fidelity_scale.js";

/** Instantiates the module once; call (and await) before anything else. */
export function init(source?: URL | Response | BufferSource | WebAssembly.Module): Promise<void>;

/** A JSON Schema generated from the core's types, shipped with the package. */
export function schema(name: string): Promise<object>;

/** The errors thrown for bad input: a real `Error` carrying the core's problems. */
export interface FidelityError extends Error {
  name: "AssessmentError" | "BankError" | "FidelityIOError";
  code: string | null;
  path: string | null;
  line: number | null;
  column: number | null;
  problems: import("./pkg/fidelity_scale.js").Problem[];
}
