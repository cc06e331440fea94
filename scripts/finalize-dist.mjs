// Trunk post-build hook: makes the staged build self-consistent.
//
// 1. Content-Security-Policy: Trunk writes a small inline module script that
//    starts the wasm. The policy in index.html allows no inline script, so the
//    exact hash of each inline script is added to `script-src`.
// 2. Worker files: a hash of their contents in their names (see below).
// 3. Service worker: fills sw.js with this build's file list (the app shell
//    to cache for offline use) and a version hash of all their contents, so a
//    new build is a new service worker and the app can offer the update.
//
// Run by Trunk with TRUNK_STAGING_DIR set; also callable as
// `node scripts/finalize-dist.mjs <dir>`.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("finalize-dist: give the build folder (TRUNK_STAGING_DIR or first argument)");
  process.exit(2);
}

function fail(message) {
  console.error(`finalize-dist: ${message}`);
  process.exit(1);
}

// --- 1. CSP hashes for inline scripts -------------------------------------
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const inlineScripts = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
const hashes = inlineScripts.map((body) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
const cspPattern = /(<meta http-equiv="Content-Security-Policy" content="[^"]*script-src )([^;"]*)/;
if (!cspPattern.test(html)) fail("index.html has no Content-Security-Policy with a script-src directive");
html = html.replace(cspPattern, (_, head, sources) => {
  const kept = sources.split(/\s+/).filter((s) => s && !s.startsWith("'sha256-"));
  return head + [...kept, ...hashes].join(" ");
});
// Team sync: a team database on another origin must be named at build time
// (SYNC_ORIGINS="https://couch.example.com,https://…"); the default build
// connects to its own origin only.
const syncOrigins = (process.env.SYNC_ORIGINS || "").split(",").map((o) => o.trim()).filter(Boolean);
for (const origin of syncOrigins) {
  if (!/^https:\/\/[a-z0-9.-]+(:\d+)?$|^http:\/\/(localhost|127\.0\.0\.1)(:\d+)?$/i.test(origin)) {
    fail(`SYNC_ORIGINS: "${origin}" is not an origin such as https://couch.example.com (https, or http on localhost; no path)`);
  }
}
const connectPattern = /(<meta http-equiv="Content-Security-Policy" content="[^"]*connect-src )([^;"]*)/;
if (!connectPattern.test(html)) fail("index.html has no Content-Security-Policy with a connect-src directive");
html = html.replace(connectPattern, (_, head) => head + ["'self'", ...syncOrigins].join(" "));

// --- Worker file names ----------------------------------------------------
// Trunk names a worker's files after its binary, without a hash. A page of
// a new build must never start an old worker from a browser's HTTP cache
// (its messages would not match), so the three files get a hash of their
// contents in their names and index.html says where the loader is; the
// page reads that (meta "import-worker") when it starts the worker.
const workerBase = "import-worker";
if (existsSync(join(dir, `${workerBase}_loader.js`))) {
  const js = readFileSync(join(dir, `${workerBase}.js`));
  const wasm = readFileSync(join(dir, `${workerBase}_bg.wasm`));
  const hashed = `${workerBase}-${createHash("sha256").update(js).update(wasm).digest("hex").slice(0, 16)}`;
  const loader = readFileSync(join(dir, `${workerBase}_loader.js`), "utf8");
  if (!loader.includes(`"./${workerBase}.js"`) || !loader.includes(`"./${workerBase}_bg.wasm"`)) {
    fail(`${workerBase}_loader.js does not load ./${workerBase}.js and ./${workerBase}_bg.wasm as expected`);
  }
  renameSync(join(dir, `${workerBase}.js`), join(dir, `${hashed}.js`));
  renameSync(join(dir, `${workerBase}_bg.wasm`), join(dir, `${hashed}_bg.wasm`));
  writeFileSync(
    join(dir, `${hashed}_loader.js`),
    loader.replace(`"./${workerBase}.js"`, `"./${hashed}.js"`).replace(`"./${workerBase}_bg.wasm"`, `"./${hashed}_bg.wasm"`),
  );
  rmSync(join(dir, `${workerBase}_loader.js`));
  html = html.replace("</head>", `  <meta name="${workerBase}" content="./${hashed}_loader.js" />\n  </head>`);
}
writeFileSync(indexPath, html);

// --- 2. Service worker precache list and version --------------------------
function walk(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
const files = walk(dir)
  .map((path) => relative(dir, path).split(sep).join("/"))
  .filter((path) => path !== "sw.js")
  .sort();
const version = createHash("sha256");
for (const file of files) {
  version.update(file);
  version.update(readFileSync(join(dir, file)));
}
const versionHash = version.digest("hex").slice(0, 16);
const swPath = join(dir, "sw.js");
let sw = readFileSync(swPath, "utf8");
if (!sw.includes('"__APP_VERSION_HASH__"') || !sw.includes('["__PRECACHE_LIST__"]')) {
  fail("sw.js lacks its placeholders (was it already finalized?)");
}
sw = sw
  .replace('"__APP_VERSION_HASH__"', JSON.stringify(versionHash))
  .replace('["__PRECACHE_LIST__"]', JSON.stringify(files.map((f) => `./${f}`)));
writeFileSync(swPath, sw);
console.log(`finalize-dist: ${inlineScripts.length} inline script hash(es), ${files.length} files cached offline, version ${versionHash}`);
