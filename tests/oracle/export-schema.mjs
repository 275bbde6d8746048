#!/usr/bin/env node
// The test oracle: what the real `convex` package exports for a fixture's schema.
//
//   node tests/oracle/export-schema.mjs DIR [DIR ...]
//
// Each DIR is a Convex project root. The schema file is found as the Convex CLI finds it
// (`convex.json` "functions", else `convex/`; `schema.ts`, else `schema.js`), bundled with
// esbuild much as the CLI bundles it, evaluated in this process, and its default export's
// `export()` JSON is parsed. Prints one JSON object mapping each DIR (as given) to
// `{"export": <JSON>}` or `{"error": "<message>"}`. Exits 0 unless this script itself fails.
//
// Bare imports (`convex/server`, `@convex-dev/auth/server`, `convex-helpers/...`) resolve to
// this directory's node_modules, so fixtures need none of their own. esbuild honours the
// `paths` of the tsconfig.json nearest to each imported file.

import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(ORACLE_DIR, "node_modules");

// Anything the evaluated schemas print must not end up in our JSON on stdout.
const writeStdout = process.stdout.write.bind(process.stdout);
for (const method of ["log", "info", "debug", "dir", "table"]) {
  console[method] = (...args) => console.error(...args);
}
process.stdout.write = (chunk, ...rest) => process.stderr.write(chunk, ...rest);

class OracleError extends Error {}

/** The functions directory of project root `dir`, as the Convex CLI computes it. */
function functionsDir(dir) {
  const configPath = path.join(dir, "convex.json");
  if (existsSync(configPath)) {
    let config;
    try {
      config = JSON.parse(readFileSync(configPath, "utf8"));
    } catch (error) {
      throw new OracleError(`cannot parse ${configPath}: ${error.message}`);
    }
    if (config !== null && typeof config === "object" && typeof config.functions === "string") {
      return path.join(dir, config.functions);
    }
  }
  return path.join(dir, "convex");
}

/** The absolute path of the schema file of project root `dir`. */
function schemaFile(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new OracleError(`${dir}: not a directory`);
  }
  const functions = functionsDir(dir);
  for (const name of ["schema.ts", "schema.js"]) {
    const candidate = path.join(functions, name);
    if (existsSync(candidate)) {
      return path.resolve(candidate);
    }
  }
  throw new OracleError(`no schema.ts or schema.js in ${functions}`);
}

// Like the Convex CLI, replace Next.js's `server-only` marker package by an empty module.
const serverOnlyStub = {
  name: "server-only-stub",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, (args) => ({
      path: args.path,
      namespace: "server-only-stub",
    }));
    build.onLoad({ filter: /.*/, namespace: "server-only-stub" }, () => ({
      contents: "",
      loader: "js",
    }));
  },
};

function formatBuildError(error) {
  if (Array.isArray(error?.errors) && error.errors.length > 0) {
    return error.errors
      .map((message) => {
        const where = message.location
          ? `${message.location.file}:${message.location.line}:${message.location.column}: `
          : "";
        return `${where}${message.text}`;
      })
      .join("\n");
  }
  return String(error?.message ?? error);
}

/** One self-contained ESM bundle of `schemaPath`, as a string. */
async function bundle(esbuild, schemaPath) {
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [schemaPath],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "esnext",
      jsx: "automatic",
      conditions: ["convex", "module"],
      nodePaths: [NODE_MODULES],
      plugins: [serverOnlyStub],
      write: false,
      logLevel: "silent",
      // CommonJS dependencies bundled into ESM call `require` for node built-ins.
      banner: {
        js:
          'import { createRequire as __oracleCreateRequire } from "node:module";\n' +
          `const require = __oracleCreateRequire(${JSON.stringify(schemaPath)});`,
      },
    });
  } catch (error) {
    throw new OracleError(`esbuild failed:\n${formatBuildError(error)}`);
  }
  return result.outputFiles[0].text;
}

// The bundle runs from a data: URL, so a stack trace would only show base64: keep the message.
function describe(error) {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The parsed `export()` JSON of the schema that `code` (a bundle) exports by default. */
async function evaluate(code) {
  const url = `data:text/javascript;base64,${Buffer.from(code).toString("base64")}`;
  let module;
  try {
    module = await import(url);
  } catch (error) {
    throw new OracleError(`evaluating the schema threw ${describe(error)}`);
  }
  const schema = module.default;
  if (schema === undefined) {
    throw new OracleError("Schema file missing default export.");
  }
  if (typeof schema?.export !== "function") {
    throw new OracleError("Default export from schema file isn't a Convex schema.");
  }
  let exported;
  try {
    exported = schema.export();
  } catch (error) {
    throw new OracleError(`export() threw ${describe(error)}`);
  }
  if (typeof exported !== "string") {
    throw new OracleError("Default export from schema file isn't a Convex schema.");
  }
  try {
    return JSON.parse(exported);
  } catch (error) {
    throw new OracleError(`export() returned invalid JSON: ${error.message}`);
  }
}

async function main(dirs) {
  if (!existsSync(path.join(NODE_MODULES, "esbuild"))) {
    throw new Error(`${NODE_MODULES} is missing: run \`npm ci --prefix tests/oracle\``);
  }
  const esbuild = await import(path.join(NODE_MODULES, "esbuild", "lib", "main.js"));

  // Bundle everything concurrently (esbuild runs one service), then evaluate one by one.
  const bundles = await Promise.all(
    dirs.map(async (dir) => {
      try {
        return { code: await bundle(esbuild, schemaFile(dir)) };
      } catch (error) {
        if (error instanceof OracleError) return { error: error.message };
        throw error;
      }
    }),
  );

  const results = {};
  for (const [i, dir] of dirs.entries()) {
    const built = bundles[i];
    if (built.error !== undefined) {
      results[dir] = { error: built.error };
      continue;
    }
    try {
      results[dir] = { export: await evaluate(built.code) };
    } catch (error) {
      if (!(error instanceof OracleError)) throw error;
      results[dir] = { error: error.message };
    }
  }
  await esbuild.stop?.();
  return results;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node export-schema.mjs PROJECT_DIR [PROJECT_DIR ...]");
  process.exit(2);
}
try {
  const results = await main(args);
  writeStdout(`${JSON.stringify(results)}\n`, () => process.exit(0));
} catch (error) {
  console.error(error?.stack ?? error);
  process.exit(1);
}
