// Loading a module of the package: its .wasm file is fetched next to the package's files in a browser and read
// from disk in Node. Shared by the three entries (index.js, audit.js and interop.js).
export const isNode = typeof process !== "undefined" && !!process.versions?.node;

export async function readPackageFile(path) {
  const url = new URL(path, import.meta.url);
  if (isNode) {
    // Named by a variable, so that a bundler building for the browser (esbuild, webpack, Vite) leaves this
    // import alone instead of failing on `node:fs`: it only runs in Node.
    const fs = "node:fs/promises";
    const { readFile } = await import(/* webpackIgnore: true */ /* @vite-ignore */ fs);
    return readFile(url);
  }
  return fetch(url);
}

/** An `init(source?)` that instantiates one module once (`source`: a URL, Response, BufferSource or Module). */
export function makeInit(initWasm, wasmPath) {
  let ready;
  return (source) => {
    ready ??= (async () => {
      const module_or_path = source ?? (isNode ? await readPackageFile(wasmPath) : new URL(wasmPath, import.meta.url));
      await initWasm({ module_or_path });
    })();
    return ready;
  };
}
