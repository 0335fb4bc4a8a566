// The TypeScript declarations come from the core's schemas (src/types.d.ts is current) and type-check.
import assert from "node:assert/strict";
import { test } from "node:test";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL("..", import.meta.url));

test("src/types.d.ts is generated from the current schemas", () => {
  execFileSync(process.execPath, ["scripts/gen-types.mjs", "--check"], { cwd: here, stdio: "pipe" });
});

test("the package's declarations and a typed example pass tsc --noEmit", () => {
  try {
    execFileSync(`${here}node_modules/.bin/tsc`, ["--noEmit", "-p", "tsconfig.json"], { cwd: here, stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    assert.fail(e.stdout + e.stderr);
  }
});
