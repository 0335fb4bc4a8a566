// fidelity-scale/audit: the year-over-year audit (compare, trend, verify) in a module of its own, so pages that
// only score (index.js) stay small. It holds the whole core: its Bank and Library work together, and its
// results are the CLI's JSON.
//
//   import { init, Library } from "fidelity-scale/audit";
//   await init();
//   const change = new Library().compare(report2024, report2025);
import initWasm from "./pkg-audit/fidelity_scale.js";
import { makeInit } from "./load.js";

export { Bank, Library, bankForHeader, banks, declaredBank, engineVersion, words } from "./pkg-audit/fidelity_scale.js";

/** Instantiates the audit module once (see `init` in index.js). */
export const init = makeInit(initWasm, "./pkg-audit/fidelity_scale_bg.wasm");
