// Types of fidelity-scale/audit: the classes of the audit module (Library with compare, trend and verify,
// and its own Bank) and the data types generated from the core's JSON Schemas (Comparison, Trend, ...).
export * from "./pkg-audit/fidelity_scale.js";

/** Instantiates the audit module once; call (and await) before anything else. */
export function init(source?: URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
