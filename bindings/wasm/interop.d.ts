// Types of fidelity-scale/interop: the audit module's classes and data types, with the other tools' formats
// on Bank (redcapDictionary, fhirQuestionnaire, scoreCsv).
export * from "./pkg-interop/fidelity_scale.js";

/** Instantiates the interop module once; call (and await) before anything else. */
export function init(source?: URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
