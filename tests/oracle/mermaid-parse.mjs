#!/usr/bin/env node
// Parse every ```mermaid block of some Markdown files with the real `mermaid` package.
//
//   node tests/oracle/mermaid-parse.mjs FILE.md [FILE.md ...]
//
// Prints one JSON object: {"blocks": <number parsed>, "failures": [{"file", "line", "message"}]}
// where `line` is the 1-based line in FILE of the failing diagram line (or of the block's
// opening fence when mermaid names no line). Exits 0 when every block parses, 1 when some do
// not, 2 when this script itself cannot run.
//
// mermaid needs a DOM even to parse (it sanitises labels with DOMPurify), so a jsdom window is
// installed as the global `window` / `document` before mermaid is imported.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ORACLE_DIR = path.dirname(fileURLToPath(import.meta.url));
const NODE_MODULES = path.join(ORACLE_DIR, "node_modules");

/** Each ```mermaid block of `text`: its source and the 1-based line of its opening fence. */
function mermaidBlocks(text) {
  const blocks = [];
  const lines = text.split("\n");
  let current = null;
  for (const [i, line] of lines.entries()) {
    if (current === null) {
      if (line.trim() === "```mermaid") current = { fence: i + 1, lines: [] };
    } else if (line.trim() === "```") {
      blocks.push({ fence: current.fence, source: current.lines.join("\n") });
      current = null;
    } else {
      current.lines.push(line);
    }
  }
  if (current !== null) blocks.push({ fence: current.fence, source: null });
  return blocks;
}

/** The 1-based line within a diagram that mermaid's error names, if any. */
function errorLine(error) {
  const text = String(error?.message ?? error);
  const match = /line (\d+)/i.exec(text) ?? (error?.hash?.loc ? [null, error.hash.loc.first_line] : null);
  return match ? Number(match[1]) : null;
}

async function loadMermaid() {
  if (!existsSync(path.join(NODE_MODULES, "mermaid")) || !existsSync(path.join(NODE_MODULES, "jsdom"))) {
    throw new Error(`${NODE_MODULES} lacks mermaid or jsdom: run \`npm ci --prefix tests/oracle\``);
  }
  const { JSDOM } = await import(path.join(NODE_MODULES, "jsdom", "lib", "api.js"));
  const dom = new JSDOM("<!DOCTYPE html><html><body></body></html>", { pretendToBeVisual: true });
  globalThis.window = dom.window;
  globalThis.document = dom.window.document;
  const module = await import(path.join(NODE_MODULES, "mermaid", "dist", "mermaid.core.mjs"));
  const mermaid = module.default;
  mermaid.initialize({ startOnLoad: false });
  return mermaid;
}

async function main(files) {
  const mermaid = await loadMermaid();
  let count = 0;
  const failures = [];
  for (const file of files) {
    for (const block of mermaidBlocks(readFileSync(file, "utf8"))) {
      count += 1;
      if (block.source === null) {
        failures.push({ file, line: block.fence, message: "unterminated ```mermaid block" });
        continue;
      }
      try {
        await mermaid.parse(block.source);
      } catch (error) {
        const line = errorLine(error);
        failures.push({
          file,
          line: line === null ? block.fence : block.fence + line,
          message: String(error?.message ?? error),
        });
      }
    }
  }
  return { blocks: count, failures };
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node mermaid-parse.mjs FILE.md [FILE.md ...]");
  process.exit(2);
}
try {
  const result = await main(args);
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(result.failures.length ? 1 : 0));
} catch (error) {
  console.error(error?.stack ?? error);
  process.exit(2);
}
