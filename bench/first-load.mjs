// First load: what the browser fetches before the app's first render, file
// by file, and how long that first render takes, beside a bare Leptos
// counter built the same way when one is at hand (BASELINE_DIST, a built
// dist/ of ../shared/baseline/hello or any such counter).
//
// Sizes are gzipped at level 9, as a static host that compresses would send
// them (the test server here sends them as they are). The first render is
// the moment the app's header (or the counter's button) is in the page,
// taken in the page by a MutationObserver. Each load is a fresh browser
// context: no HTTP cache and no service worker.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { launchBrowser, startStaticServer } from "../tests/e2e/support/app.mjs";

const TARGET_KB = 400;
const RUNS = Number(process.env.BENCH_LOADS || 7);

/** Installed before any script: notes when `selector` first appears. */
function watchFirstRender(selector) {
  const seen = () => {
    if (window.__firstRender === undefined && document.querySelector(selector)) {
      window.__firstRender = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
}

/** One cold load of `url`: the files fetched before the first render and when it came. */
async function coldLoad(browser, server, selector) {
  const context = await browser.newContext();
  await context.addInitScript(watchFirstRender, selector);
  const fetched = [];
  let rendered = false;
  context.on("requestfinished", (req) => {
    if (!rendered) fetched.push(new URL(req.url()).pathname);
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => window.__firstRender !== undefined, null, { timeout: 30_000 });
  rendered = true;
  const at = await page.evaluate(() => window.__firstRender);
  await context.close();
  return { at, fetched };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The gzipped size of each file fetched, read from the served folder. */
function sizes(server, paths) {
  const base = new URL(server.url).pathname;
  return [...new Set(paths)].map((p) => {
    const rel = p.startsWith(base) ? p.slice(base.length) : p.replace(/^\//, "");
    const file = join(server.appDir, rel || "index.html");
    const bytes = readFileSync(file);
    return { file: rel || "index.html", raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
  });
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;
const browser = await launchBrowser();
const app = await startStaticServer(8494);
const baselineDir = process.env.BASELINE_DIST;
const baseline = baselineDir ? await startStaticServer(8495, baselineDir) : null;
try {
  const appTimes = [];
  const baseTimes = [];
  let files = [];
  // Alternating, so both see the same machine.
  for (let i = 0; i < RUNS; i++) {
    const a = await coldLoad(browser, app, '[data-testid="workspace-name"]');
    appTimes.push(a.at);
    files = a.fetched;
    if (baseline) baseTimes.push((await coldLoad(browser, baseline, "#b")).at);
  }
  const list = sizes(app, files);
  const total = list.reduce((n, f) => n + f.gz, 0);
  for (const f of list.sort((x, y) => y.gz - x.gz)) {
    console.log(`bench: first load: ${f.file}: ${kb(f.gz)} gzipped (${kb(f.raw)})`);
  }
  console.log(`bench: first load: fetched before the first render: ${kb(total)} gzipped (target at most ${TARGET_KB} KB: ${total <= TARGET_KB * 1024 ? "met" : "not met"})`);
  const appMs = Math.round(median(appTimes));
  if (baseline) {
    const baseMs = Math.round(median(baseTimes));
    const ratio = appMs / baseMs;
    console.log(`bench: cold load to first render (median of ${RUNS}): ${appMs} ms; bare Leptos counter ${baseMs} ms; ×${ratio.toFixed(2)} (target at most ×1.5: ${ratio <= 1.5 ? "met" : "not met"})`);
  } else {
    console.log(`bench: cold load to first render (median of ${RUNS}): ${appMs} ms (set BASELINE_DIST to a built bare Leptos counter to compare)`);
  }
} finally {
  await browser.close();
  await app.stop();
  app.cleanup();
  if (baseline) {
    await baseline.stop();
    baseline.cleanup();
  }
}
