// A static server for the browser tests: the package's folder at /, other folders at given prefixes, each page
// sent with a strict Content-Security-Policy header (no inline script or style, no eval; WebAssembly allowed).
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
export const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".wasm": "application/wasm" };

/** Serves `PACKAGE` and `mounts` ({ "/prefix/": folder }); resolves to { base, close }. */
export async function serve(mounts = {}) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    const [prefix, folder] = Object.entries(mounts).find(([p]) => path.startsWith(p)) ?? ["/", PACKAGE];
    const file = join(folder, path.slice(prefix.length));
    try {
      if (!file.startsWith(folder) || !statSync(file).isFile()) throw new Error("not found");
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "content-security-policy": STRICT_CSP });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return { base: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Opens `url` in a new page recording page errors, CSP violations and requests outside the server. */
export async function open(browser, base, url, options = {}) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, acceptDownloads: true, ...options });
  const seen = { errors: [], violations: [], outside: [] };
  page.on("pageerror", (e) => seen.errors.push(e.message));
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !/^(blob|data):/.test(r.url())) seen.outside.push(r.url());
  });
  await page.exposeFunction("__violation", (v) => seen.violations.push(v));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => window.__violation(`${e.violatedDirective} ${e.blockedURI}`)),
  );
  await page.goto(`${base}${url}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 20_000 });
  return { page, seen };
}
