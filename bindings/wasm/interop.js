// fidelity-scale/interop: the audit module with the other tools' formats (Bank.redcapDictionary,
// Bank.fhirQuestionnaire, Bank.scoreCsv), a module of its own so that pages that only audit stay smaller.
//
//   import { init, Bank } from "fidelity-scale/interop";
//   await init();
//   const dictionary = Bank.builtin("seiho-shuro").redcapDictionary("ja");
import initWasm from "./pkg-interop/fidelity_scale.js";
import { makeInit } from "./load.js";

export { Bank, Library, bankForHeader, banks, declaredBank, engineVersion, words } from "./pkg-interop/fidelity_scale.js";

/** Instantiates the interop module once (see `init` in index.js). */
export const init = makeInit(initWasm, "./pkg-interop/fidelity_scale_bg.wasm");
