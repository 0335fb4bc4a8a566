// fidelity-scale: the fidelity core compiled to WebAssembly. Works in browsers and Node 20 as an ES module;
// nothing leaves the machine it runs on.
//
//   import { init, Bank } from "fidelity-scale";
//   await init();                                   // once; loads pkg/fidelity_scale_bg.wasm
//   const bank = Bank.builtin("seiho-shuro");
//   const report = bank.score({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers: {} });
//
// The scoring rules of the built-in bank are the project's provisional decisions: the manual publishes none.
import initWasm from "./pkg/fidelity_scale.js";
import { isNode, makeInit, readPackageFile } from "./load.js";

export { Bank, banks, declaredBank, engineVersion, words } from "./pkg/fidelity_scale.js";

/**
 * Instantiates the module once. In a browser the .wasm file is fetched next to this module; in Node it is
 * read from disk. Pass a `URL`, `Response`, `BufferSource` or `WebAssembly.Module` to load it otherwise.
 */
export const init = makeInit(initWasm, "./pkg/fidelity_scale_bg.wasm");

/**
 * A JSON Schema generated from the core's types, shipped with the package: "bank", "bank-manifest",
 * "bank-item", "assessment", "report", "problem", "form", or "assessment.seiho-shuro@1.0.0" (an assessment
 * for one built-in bank, with its element ids, options and figures).
 */
export async function schema(name) {
  if (!/^[a-z0-9@.\-]+$/.test(name)) throw new Error(`no schema named ${JSON.stringify(name)}`);
  const file = await readPackageFile(`./schema/${name}.schema.json`);
  if (isNode) return JSON.parse(file.toString("utf8"));
  if (!file.ok) throw new Error(`no schema named ${JSON.stringify(name)}`);
  return file.json();
}
