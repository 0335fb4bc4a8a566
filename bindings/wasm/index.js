// fidelity-scale: the fidelity core compiled to WebAssembly. Works in browsers and Node 20 as an ES module.
//
//   import { init, Bank } from "fidelity-scale";
//   await init();                                   // once; loads pkg/fidelity_scale_bg.wasm
//   const bank = Bank.builtin("seiho-shuro");
//   const report = bank.score({ office: { id: "1" }, period: "2025", rater: { kind: "self" }, answers: {} });
//
// The scoring rules of the built-in bank are the project's provisional decisions: the manual publishes none.
import initWasm from "./pkg/fidelity_scale.js";

export { Bank, banks, schema, engineVersion } from "./pkg/fidelity_scale.js";

let ready;

/**
 * Instantiates the module once. In a browser the .wasm file is fetched next to this module; in Node it is
 * read from disk. Pass a `URL`, `Response`, `BufferSource` or `WebAssembly.Module` to load it otherwise.
 */
export function init(source) {
  ready ??= (async () => {
    let module_or_path = source;
    if (module_or_path === undefined && typeof process !== "undefined" && process.versions?.node) {
      const { readFile } = await import("node:fs/promises");
      module_or_path = await readFile(new URL("./pkg/fidelity_scale_bg.wasm", import.meta.url));
    }
    await initWasm(module_or_path === undefined ? undefined : { module_or_path });
  })();
  return ready;
}
