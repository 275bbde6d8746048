#!/usr/bin/env node
// The function-module oracle: does a Convex function module load, as `npx convex deploy`
// loads every module when it pushes?
//
//   node tests/oracle/load-module.mjs FILE [FILE ...]
//
// Each FILE is bundled with esbuild (as export-schema.mjs bundles a schema; `_generated/server`
// is replaced by the `convex/server` builders it re-exports) and imported in this process, and
// each exported function's `exportArgs()` / `exportReturns()` is called, as the push does.
// Prints one JSON object mapping each FILE (as given) to `{"ok": true}` or `{"error": "..."}`
// (the bundle failed, or loading it threw). Exits 0 unless this script itself fails.

import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(ORACLE_DIR, "node_modules");

for (const method of ["log", "info", "debug", "dir", "table"]) {
  console[method] = (...args) => console.error(...args);
}

// What `npx convex codegen` writes to `_generated/server`: the generic builders under their names.
const GENERATED_SERVER = `export {
  queryGeneric as query, internalQueryGeneric as internalQuery,
  mutationGeneric as mutation, internalMutationGeneric as internalMutation,
  actionGeneric as action, internalActionGeneric as internalAction,
  httpActionGeneric as httpAction,
} from "convex/server";`;

const generatedStub = {
  name: "generated-server-stub",
  setup(build) {
    build.onResolve({ filter: /_generated\/server(\.js)?$/ }, (args) => ({
      path: args.path,
      namespace: "generated-server",
    }));
    build.onLoad({ filter: /.*/, namespace: "generated-server" }, () => ({
      contents: GENERATED_SERVER,
      loader: "js",
      resolveDir: ORACLE_DIR,
    }));
  },
};

function describe(error) {
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors.map((m) => m.text).join("\n");
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function load(esbuild, file) {
  let code;
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "esnext",
      conditions: ["convex", "module"],
      nodePaths: [NODE_MODULES],
      plugins: [generatedStub],
      write: false,
      logLevel: "silent",
    });
    code = result.outputFiles[0].text;
  } catch (error) {
    return { error: `esbuild failed: ${describe(error)}` };
  }
  let exports;
  try {
    exports = await import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
  } catch (error) {
    return { error: `loading threw ${describe(error)}` };
  }
  // Then, as the push analyses each module, every function's args and returns are exported.
  for (const [name, value] of Object.entries(exports)) {
    for (const method of ["exportArgs", "exportReturns"]) {
      if (typeof value?.[method] !== "function") continue;
      try {
        value[method]();
      } catch (error) {
        return { error: `${name}.${method}() threw ${describe(error)}` };
      }
    }
  }
  return { ok: true };
}

const files = process.argv.slice(2);
if (!existsSync(path.join(NODE_MODULES, "esbuild"))) {
  console.error(`${NODE_MODULES} is missing: run \`npm ci --prefix tests/oracle\``);
  process.exit(2);
}
const esbuild = await import(path.join(NODE_MODULES, "esbuild", "lib", "main.js"));
const results = {};
for (const file of files) {
  results[file] = await load(esbuild, file);
}
await esbuild.stop?.();
process.stdout.write(JSON.stringify(results) + "\n");
