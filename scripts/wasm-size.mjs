// What the app's wasm is made of, by crate and by the app's own modules
// (`make size`, after `make build`). Prints a Markdown table for README.
//
// The release build's wasm has no function names. This script takes the
// linked wasm Cargo left behind (target/wasm32-unknown-unknown/release),
// runs wasm-bindgen and wasm-opt on it as the release build does but with
// `-g`, so the names stay, and reads each function's and data segment's
// size with twiggy. The sizes are raw bytes of the optimized code; the
// names section itself is left out of every figure.
//
// Grouping: a function counts for the crate of the first path in its
// name, so generic library code instantiated for the app's types (a view
// tree built by tachys, a serde_json serializer for a record) counts for
// the library. The app's own functions are split by module (ui::book,
// domain::import, storage, ...).
//
// Options (environment):
//   SIZE_TOP=25     also list this many of the largest functions
//   SIZE_BIN=import-worker   another of the build's wasm binaries (default: the app)
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..");
const BIN = process.env.SIZE_BIN || "agency-desk";
const LINKED = join(ROOT, "target", "wasm32-unknown-unknown", "release", `${BIN}.wasm`);
const TOP = Number(process.env.SIZE_TOP || 25);
const APP = "agency_desk";

if (!existsSync(LINKED)) {
  console.error(`wasm-size: ${LINKED} is missing; run make build first`);
  process.exit(1);
}
for (const tool of ["wasm-bindgen", "wasm-opt", "twiggy"]) {
  try {
    execFileSync(tool, ["--version"], { stdio: "ignore" });
  } catch {
    console.error(`wasm-size: ${tool} not found (make size installs twiggy; make tools the rest)`);
    process.exit(1);
  }
}

const work = mkdtempSync(join(tmpdir(), "agency-desk-size-"));
execFileSync("wasm-bindgen", [LINKED, "--out-dir", work, "--target", "web", "--out-name", "app"]);
const named = join(work, "app_named.wasm");
// The release build's wasm-opt level (index.html: data-wasm-opt="z"), keeping names.
// Only the features Rust's wasm32 target emits: twiggy cannot read every
// encoding the others allow.
const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
execFileSync("wasm-opt", ["-Oz", "-g", ...features.map((f) => `--enable-${f}`), join(work, "app_bg.wasm"), "-o", named]);
const csv = execFileSync("twiggy", ["top", "--format", "csv", named], { maxBuffer: 1 << 28 }).toString();

/** One CSV line of twiggy's: name (maybe quoted, quotes doubled) and shallow size. */
function parse(line) {
  let name;
  let rest;
  if (line.startsWith('"')) {
    let i = 1;
    name = "";
    for (;;) {
      const q = line.indexOf('"', i);
      if (line[q + 1] === '"') {
        name += line.slice(i, q + 1);
        i = q + 2;
      } else {
        name += line.slice(i, q);
        rest = line.slice(q + 2);
        break;
      }
    }
  } else {
    const c = line.indexOf(",");
    name = line.slice(0, c);
    rest = line.slice(c + 1);
  }
  return { name, size: Number(rest.split(",")[0]) };
}

/** The group an item counts for. */
function groupOf(name) {
  if (name.startsWith("data segment")) return "data segments (strings, tables, constants)";
  if (/subsection|custom section|^"?(type|import|export|elem|table|memory|global|code)\b/.test(name)) return "wasm sections and tables";
  let path = name;
  for (;;) {
    const before = path;
    path = path.replace(/^<+/, "").replace(/^(&mut |&|\*const |\*mut |dyn |impl )/, "").replace(/^\(/, "");
    if (path === before) break;
  }
  // `<T as tachys::view::Render>::build`, `<f64 as core::fmt::Display>::fmt`:
  // a type parameter or primitive implementing a library's trait counts
  // for the trait's crate.
  const blanket = path.match(/^[A-Za-z0-9_]+ as (.*)$/);
  if (blanket) path = blanket[1];
  if (!path.includes("::")) return "bindings glue and unnamed";
  const segments = path.split("::").map((s) => s.replace(/\[[0-9a-f]+\]$/, "").replace(/<.*$/, ""));
  if (segments[0] !== APP) return segments[0];
  const [, area, module] = segments;
  if (area === "ui" || area === "domain") return `${APP}::${area}::${module}`;
  return `${APP}::${area}`;
}

const items = csv
  .trim()
  .split("\n")
  .slice(1)
  .map(parse)
  .filter((i) => !/^"?function names"? subsection|^"?(local|global|data|type|table|elem|memory) names"? subsection|^"?producers"? custom section|^"?target_features"? custom section/.test(i.name) && !i.name.startsWith("Σ"));
const groups = new Map();
for (const { name, size } of items) groups.set(groupOf(name), (groups.get(groupOf(name)) || 0) + size);
const total = [...groups.values()].reduce((a, b) => a + b, 0);
const kb = (bytes) => `${(bytes / 1024).toLocaleString("en-US", { maximumFractionDigits: 0 })} KB`;
const pct = (bytes) => `${((100 * bytes) / total).toFixed(1)}%`;

const crates = new Map();
const app = [];
for (const [group, size] of groups) {
  if (group.startsWith(`${APP}::`)) {
    app.push([group, size]);
    crates.set(APP, (crates.get(APP) || 0) + size);
  } else crates.set(group, size);
}
console.log(`wasm after wasm-opt -Oz, names section left out: ${kb(total)} (the release build's wasm: ${kb(releaseWasm())})\n`);
console.log("| crate or part | size | share |\n|---|---|---|");
for (const [group, size] of [...crates].sort((a, b) => b[1] - a[1])) if (size >= 4096) console.log(`| ${group} | ${kb(size)} | ${pct(size)} |`);
const small = [...crates].filter(([, s]) => s < 4096);
console.log(`| ${small.length} others under 4 KB each | ${kb(small.reduce((a, [, s]) => a + s, 0))} | |`);
console.log(`\n| the app's own module | size | share |\n|---|---|---|`);
for (const [group, size] of app.sort((a, b) => b[1] - a[1])) console.log(`| ${group.slice(APP.length + 2)} | ${kb(size)} | ${pct(size)} |`);
{
  const { text, other } = dataSegments(readFileSync(named));
  console.log(
    `\ndata segments: ${kb(text + other)}, of which ${kb(text)} in runs of text (messages, labels, the role library and ` +
      `the advisor's article, panic and format strings) and ${kb(other)} binary (lookup tables such as encoding_rs's ` +
      "legacy code pages, numeric constants, vtables)",
  );
}
if (TOP > 0) {
  console.log(`\nlargest ${TOP} functions:`);
  const fns = items.filter((i) => !i.name.startsWith("data segment")).sort((a, b) => b.size - a.size);
  for (const { name, size } of fns.slice(0, TOP)) console.log(`${String(size).padStart(8)}  ${name.replace(/::h[0-9a-f]{16}$/, "").slice(0, 150)}`);
}

function releaseWasm() {
  const dist = join(ROOT, "dist");
  try {
    const file = execFileSync("ls", [dist]).toString().split("\n").find((f) => f.startsWith(BIN) && f.endsWith("_bg.wasm"));
    return statSync(join(dist, file)).size;
  } catch {
    return NaN;
  }
}

/**
 * Bytes of the data section's segments that sit in runs of 8 or more
 * printable characters (UTF-8 included), and the rest. Reads the module's
 * section headers and the data section's segments (active ones with an
 * `i32.const` offset, as Rust emits them; passive ones have none).
 */
function dataSegments(wasm) {
  const leb = (at) => {
    let value = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if (byte < 0x80) return [value, at];
    }
  };
  let text = 0;
  let other = 0;
  for (let at = 8; at < wasm.length; ) {
    const id = wasm[at++];
    let size;
    [size, at] = leb(at);
    if (id === 11) {
      let [count, p] = leb(at);
      for (let i = 0; i < count; i++) {
        let flag;
        [flag, p] = leb(p);
        if (flag === 2) [, p] = leb(p); // memory index
        if (flag !== 1) {
          // An offset expression: i32.const n, end.
          [, p] = leb(p + 1);
          p += 1;
        }
        let length;
        [length, p] = leb(p);
        const bytes = wasm.subarray(p, p + length).toString("latin1");
        const runs = bytes.match(/[\x20-\x7e\n\t\xc2-\xf4\x80-\xbf]{8,}/g) || [];
        const t = runs.reduce((a, r) => a + r.length, 0);
        text += t;
        other += length - t;
        p += length;
      }
    }
    at += size;
  }
  return { text, other };
}
