// Team sync figures (issue 18) in headless Chromium against the release
// build, each printed beside a raw baseline: the same transfer made by Node
// straight against the same server, so the ratio shows what the app adds on
// top of the server's own work. Run with `make bench` or
// `node bench/sync.mjs` (BENCH_ROWS policies, 10,000 by default).
//
// The server is pouchdb-server in memory (tests/support/couch.mjs) behind
// the app's own origin (tests/support/site.mjs), as in the e2e tests; the
// baselines go through the same proxy with the same member's credentials.
//
// Options (environment):
//   BENCH_ROWS=10000      policies in the book (two per account)
//   BENCH_VERBOSE=1       also list every request of the upload and download
//   BENCH_BASE_DIST=DIR   also compare the bundle's size with another build's dist/
//   BENCH_NO_SERVICE_WORKER=1  keep the offline service worker out (see SERVICE_WORKER)
//   BENCH_PROFILE=DIR     record the page's CPU during the upload, the
//                         download and (Ann's) the ticks into DIR/*.cpuprofile (open in Chromium's
//                         DevTools) and print the functions that took most;
//                         with APP_DIST naming a build whose wasm keeps its
//                         function names, those names are Rust's
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { basicAuth, startCouch } from "../tests/support/couch.mjs";
import { startSite } from "../tests/support/site.mjs";
import { DIST, launchBrowser, newAppContext, openApp, until } from "../tests/e2e/support/app.mjs";
import { BookPage } from "../tests/e2e/support/book-page.mjs";
import { RenewalsPage } from "../tests/e2e/support/renewals-page.mjs";
import { TeamSync } from "../tests/e2e/support/team-sync-page.mjs";
import { policyCsv } from "./books.mjs";

const N = Number(process.env.BENCH_ROWS || 10_000);
const ACCOUNTS = N / 2;
const VERBOSE = Boolean(process.env.BENCH_VERBOSE);
/** Documents per `_bulk_docs` request and per `_changes` page, as the app sends and reads them. */
const BATCH = 500;
/** Raw baselines are cheap: each is the median of this many runs. */
const REPEATS = 3;
/**
 * The offline service worker runs, as it does for staff. It answers only
 * the app's own files; a team database request it passed on would outlive
 * the page's abort of a long-poll (pouchdb-server ignores the long-poll's
 * timeout) and, six of them holding every connection to the origin, stall
 * the next push: the tick figure then says "stalled".
 * BENCH_NO_SERVICE_WORKER=1 keeps the worker out, for comparison.
 */
const SERVICE_WORKER = !process.env.BENCH_NO_SERVICE_WORKER;
/** Ticks timed from one browser to the other. */
const TICKS = 5;
const APP_DB = "agency-bench";
const ANN = { name: "ann", password: "ann-pw", displayName: "Ann Lee" };
const BO = { name: "bo", password: "bo-pw", displayName: "Bo Diaz" };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (app, raw) => `×${(app / raw).toFixed(1)}`;
const kb = (bytes) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Installed in every page of a context: notes when Connect is clicked
 * (`__sync.connect`) and the first frame after it where the header shows
 * "synced" with nothing pending (`__sync.synced`) and, when `accounts` is
 * given, the Book page's count shows that many (`__sync.done`). Times are
 * Date.now(), comparable with the driver's request timings.
 */
function connectTimer({ accounts }) {
  const marks = (window.__sync = {});
  const synced = () => {
    const s = document.querySelector('[data-testid="sync-status"]');
    return s?.dataset.state === "synced" && s.dataset.pending === "0";
  };
  const listed = () => accounts === null || document.querySelector('[data-testid="book-account-count"]')?.textContent === String(accounts);
  document.addEventListener(
    "click",
    (e) => {
      if (!e.target.closest?.('[data-testid="sync-connect"]')) return;
      marks.connect = Date.now();
      const poll = () => {
        const now = Date.now();
        if (synced()) marks.synced ??= now;
        if (synced() && listed()) marks.done = now;
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    },
    { capture: true },
  );
}

/**
 * Records the requests a context makes to the team database: method, which
 * endpoint, when it started and ended (ms since the epoch) and the bytes
 * each way. Aborted requests (the longpoll the app cancels itself) are
 * counted apart.
 */
function recordCouchRequests(context) {
  const finished = [];
  const pending = [];
  let aborted = 0;
  // A request the service worker passes on is seen twice (the page's and
  // the worker's); the page's is the one counted.
  const isCouch = (req) => !req.serviceWorker() && new URL(req.url()).pathname.startsWith("/couch/");
  context.on("requestfinished", (req) => {
    if (!isCouch(req)) return;
    pending.push(
      req.sizes().then((sizes) => {
        const t = req.timing();
        const path = new URL(req.url()).pathname.split("/").slice(3).join("/");
        finished.push({
          what: `${req.method()} ${path === "" ? "(database info)" : path}`,
          start: t.startTime,
          end: t.startTime + t.responseEnd,
          sent: sizes.requestBodySize,
          received: sizes.responseBodySize,
        });
      }),
    );
  });
  context.on("requestfailed", (req) => isCouch(req) && aborted++);
  return {
    /** The requests that started within [from, to], in order. */
    async between(from, to) {
      await Promise.all(pending);
      return { requests: finished.filter((r) => r.start >= from && r.start <= to).sort((a, b) => a.start - b.start), aborted };
    },
  };
}

/**
 * Where the time between `from` and `to` went: per endpoint, the requests,
 * their summed time and bytes; the time at least one request was open (the
 * browser waiting on the network and the server) and the rest (the page's
 * own work: IndexedDB, JSON, drawing).
 */
function whereTimeGoes({ requests }, from, to) {
  const kinds = new Map();
  for (const r of requests) {
    const k = kinds.get(r.what) ?? { n: 0, ms: 0, sent: 0, received: 0 };
    k.n++;
    k.ms += r.end - r.start;
    k.sent += r.sent;
    k.received += r.received;
    kinds.set(r.what, k);
  }
  let open = 0;
  let reach = from;
  for (const r of requests) {
    const start = Math.max(r.start, reach);
    const end = Math.min(r.end, to);
    if (end > start) open += end - start;
    reach = Math.max(reach, r.end);
  }
  const parts = [...kinds].map(([what, k]) => {
    const bytes = [k.sent > 1024 ? `${mb(k.sent)} sent` : "", k.received > 1024 ? `${mb(k.received)} received on the wire` : ""].filter(Boolean).join(", ");
    return `${k.n}× ${what} ${Math.round(k.ms)} ms${bytes ? ` (${bytes})` : ""}`;
  });
  const lines = [
    `requests: ${parts.join("; ")}`,
    `a request open ${Math.round(open)} ms of ${to - from}; the page's own work (no request open) ${Math.round(to - from - open)} ms`,
  ];
  if (VERBOSE) {
    for (const r of requests) {
      lines.push(`  +${Math.round(r.start - from)} ms ${r.what}: ${Math.round(r.end - r.start)} ms, ${kb(r.sent)} sent, ${kb(r.received)} received on the wire`);
    }
  }
  return lines;
}

/**
 * The gzipped size of the .wasm and .js files of a dist/ folder that the
 * page loads; the import's worker (fetched when the import is opened) is
 * not part of it.
 */
function bundleSize(dist) {
  const out = { wasm: 0, js: 0, wasmRaw: 0, jsRaw: 0 };
  for (const file of readdirSync(dist, { recursive: true })) {
    const kind = file.endsWith(".wasm") ? "wasm" : file.endsWith(".js") ? "js" : null;
    if (!kind || file.startsWith("import-worker")) continue;
    const bytes = readFileSync(join(dist, file));
    out[kind] += gzipSync(bytes, { level: 9 }).length;
    out[`${kind}Raw`] += bytes.length;
  }
  return out;
}

const couch = await startCouch({
  admin: { name: "admin", password: "bench-admin" },
  // The app's database, and fresh ones for each raw upload.
  agencies: [APP_DB, ...Array.from({ length: REPEATS }, (_, i) => [`raw-batched-${i}`, `raw-one-${i}`]).flat()].map((db) => ({
    db,
    members: [ANN, BO],
  })),
});
const site = await startSite({ couchUrl: couch.url, dist: DIST });
const browser = await launchBrowser();

/** A request to the team database through the site's proxy as Ann; answers { ms, body }. */
async function raw(path, { method = "GET", body } = {}) {
  const t0 = performance.now();
  const res = await fetch(`${site.couchUrl}/${path}`, {
    method,
    headers: { Authorization: basicAuth(ANN.name, ANN.password), Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body && JSON.stringify(body),
  });
  const parsed = await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(parsed)}`);
  return { ms: performance.now() - t0, body: parsed };
}

/** A fresh browser context on the app, with the connect timer installed. */
async function person(accounts = null) {
  const app = await newAppContext(browser, site, { serviceWorkers: SERVICE_WORKER ? "allow" : "block" });
  await app.context.addInitScript(connectTimer, { accounts });
  const requests = recordCouchRequests(app.context);
  const page = await openApp(app.context, site.url);
  return { app, page, requests, sync: new TeamSync(page), book: new BookPage(page), renewals: new RenewalsPage(page) };
}

const PROFILE = process.env.BENCH_PROFILE;

/**
 * With BENCH_PROFILE, records `page`'s CPU while `work` runs, writes it to
 * DIR/<label>.cpuprofile and notes the functions with most time of their
 * own; without, only runs `work`.
 */
async function profiled(page, label, work) {
  if (!PROFILE) return work();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  const answer = await work();
  const { profile } = await cdp.send("Profiler.stop");
  mkdirSync(PROFILE, { recursive: true });
  writeFileSync(join(PROFILE, `${label}.cpuprofile`), JSON.stringify(profile));
  // Self time per function: each sample's gap counts for the node it hit.
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id).callFrame;
    const name = f.functionName || `(${f.url ? "anonymous" : "program"})`;
    self.set(name, (self.get(name) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25);
  notes.push([`${label} profile`, [`${Math.round(total)} ms sampled`, ...top.map(([name, ms]) => `${Math.round(ms)} ms  ${name.slice(0, 160)}`)]]);
  return answer;
}

/** Waits for the connect timer's last mark; answers the marks. */
async function connectMarks(page) {
  await page.waitForFunction(() => window.__sync.done, null, { timeout: 600_000, polling: 250 });
  return page.evaluate(() => window.__sync);
}

const results = [];
const notes = [];
const work = mkdtempSync(join(tmpdir(), "agency-desk-sync-bench-"));
try {
  // 1. Upload: a browser holding the imported book connects to an empty database.
  const ann = await person();
  {
    const file = join(work, "policies.csv");
    writeFileSync(file, policyCsv(N));
    await ann.book.open(site.url);
    await ann.book.chooseImport(file);
    await ann.book.commitImport();
    await ann.book.waitForCount(ACCOUNTS);
  }
  const up = await profiled(ann.page, "upload", async () => {
    const said = await ann.sync.connect(site.url, { url: `/couch/${APP_DB}`, user: ANN.name, password: ANN.password, remember: true });
    if (!/^Connected/.test(said)) throw new Error(`connecting to upload: ${said}`);
    return connectMarks(ann.page);
  });
  const upload = up.done - up.connect;

  // The same documents as the app left them on the server, without their
  // revisions, written again by Node into empty databases.
  const docs = (await raw(`${APP_DB}/_all_docs?include_docs=true`)).body.rows
    .filter((r) => !r.id.startsWith("_design/"))
    .map(({ doc: { _rev, ...doc } }) => doc);
  const docBytes = Buffer.byteLength(JSON.stringify(docs));
  const batched = [];
  const one = [];
  for (let i = 0; i < REPEATS; i++) {
    let ms = 0;
    for (let at = 0; at < docs.length; at += BATCH) ms += (await raw(`raw-batched-${i}/_bulk_docs`, { method: "POST", body: { docs: docs.slice(at, at + BATCH) } })).ms;
    batched.push(ms);
    one.push((await raw(`raw-one-${i}/_bulk_docs`, { method: "POST", body: { docs } })).ms);
  }
  const rawBatched = Math.round(median(batched));
  const rawOne = Math.round(median(one));
  results.push([
    `team sync upload of ${N} policies (${docs.length} documents, ${mb(docBytes)} of JSON) to an empty database: Connect clicked to header synced, 0 pending`,
    upload,
    "ms",
    `raw POST _bulk_docs of the same documents, ${BATCH} per request: ${rawBatched} ms, app ${ratio(upload, rawBatched)}; in one request: ${rawOne} ms, app ${ratio(upload, rawOne)}`,
  ]);
  notes.push(["upload", whereTimeGoes(await ann.requests.between(up.connect, up.done), up.connect, up.done)]);

  // 2. Download: a fresh browser (its own IndexedDB) connects to the populated database.
  const bo = await person(ACCOUNTS);
  const down = await profiled(bo.page, "download", async () => {
    const said = await bo.sync.connect(site.url, { url: `/couch/${APP_DB}`, user: BO.name, password: BO.password, remember: true });
    if (!/^Connected/.test(said)) throw new Error(`connecting to download: ${said}`);
    // To the Book page (in the same document) to see the accounts arrive.
    await bo.page.goto(`${site.url}#/book`);
    return connectMarks(bo.page);
  });
  const download = down.done - down.connect;
  const whole = [];
  const paged = [];
  for (let i = 0; i < REPEATS; i++) {
    whole.push((await raw(`${APP_DB}/_all_docs?include_docs=true`)).ms);
    let ms = 0;
    let rows = 0;
    for (let after = null; ; ) {
      const from = after === null ? "" : `&startkey=${encodeURIComponent(JSON.stringify(after))}&skip=1`;
      const page = await raw(`${APP_DB}/_all_docs?include_docs=true&limit=${BATCH}${from}`);
      ms += page.ms;
      rows += page.body.rows.length;
      if (page.body.rows.length < BATCH) break;
      after = page.body.rows.at(-1).id;
    }
    if (rows < docs.length) throw new Error(`paging _all_docs read ${rows} of ${docs.length} documents`);
    paged.push(ms);
  }
  const rawWhole = Math.round(median(whole));
  const rawPaged = Math.round(median(paged));
  results.push([
    `team sync download of ${N} policies (${docs.length} documents) into a fresh browser: Connect clicked to header synced and Book showing ${ACCOUNTS} accounts`,
    download,
    "ms",
    `raw GET _all_docs?include_docs=true of the same database in one request: ${rawWhole} ms, app ${ratio(download, rawWhole)}; ${BATCH} per request: ${rawPaged} ms, app ${ratio(download, rawPaged)}` +
      (down.synced < down.done ? `; header synced after ${down.synced - down.connect} ms` : ""),
  ]);
  notes.push(["download", whereTimeGoes(await bo.requests.between(down.connect, down.done), down.connect, down.done)]);

  // 3. A tick in one browser until it shows in the other. Both have the
  // same renewal open; each tick's click is timed in Ann's page and its
  // first frame checked in Bo's page.
  {
    const client = "Client 00005"; // renews in November and December 2027: every milestone ahead
    // Signed in, each person's ticks carry their name: nothing to type.
    for (const p of [ann, bo]) {
      await p.renewals.open(site.url);
      await p.renewals.searchFor(client);
      await p.renewals.anyCard(client).first().click();
      await p.renewals.detail().waitFor();
    }
    const items = await ann.page.getByTestId("renewal-item").evaluateAll((els) => els.filter((e) => !e.checked && !e.disabled).map((e) => e.dataset.item));
    await ann.page.evaluate(() =>
      document.addEventListener("click", (e) => e.target.closest?.('[data-testid="renewal-item"]') && (window.__tickedAt = Date.now()), { capture: true }),
    );
    const latencies = [];
    const phases = [];
    let stalled = null;
    // With BENCH_PROFILE, Ann's page (the one ticking) is profiled throughout.
    await profiled(ann.page, "ticks", async () => {
      for (const [i, item] of items.slice(0, TICKS).entries()) {
        // The sync loop runs in rounds; ticks at varied moments of a round.
        await new Promise((r) => setTimeout(r, 300 + ((i * 370) % 1500)));
        await bo.page.evaluate((item) => {
          window.__seenAt = null;
          const box = () => document.querySelector(`[data-testid="renewal-item"][data-item="${item}"]`);
          const poll = () => (box()?.checked ? (window.__seenAt = Date.now()) : requestAnimationFrame(poll));
          requestAnimationFrame(poll);
        }, item);
        await ann.renewals.tickItem(item);
        const seenInTime = await bo.page.waitForFunction(() => window.__seenAt, null, { timeout: 60_000, polling: 100 }).then(
          () => true,
          () => false,
        );
        if (!seenInTime) {
          stalled = `tick ${i + 1} not seen in the other browser within 60 s; Ann's sync: ${await ann.sync.state()}, ${await ann.sync.pending()} pending`;
          break;
        }
        const ticked = await ann.page.evaluate(() => window.__tickedAt);
        const seen = await bo.page.evaluate(() => window.__seenAt);
        latencies.push(seen - ticked);
        // Ann's push of the tick, and the end of Bo's _changes answer that brought it.
        const push = (await ann.requests.between(ticked, seen)).requests.find((r) => r.what.endsWith("_bulk_docs"));
        const pulled = (await bo.requests.between(ticked - 2_000, seen)).requests.filter((r) => r.what.includes("_changes") && r.end <= seen).at(-1);
        if (push && pulled) phases.push([push.start - ticked, pulled.end - push.start, seen - pulled.end]);
        for (const p of [ann, bo]) await until(async () => (await p.sync.state()) === "synced" && (await p.sync.pending()) === 0, "both synced", 30_000);
      }
    });
    const what = `team sync: a renewal tick in one browser shown in the other, both holding the ${N}-policy book`;
    if (stalled) {
      results.push([what, "stalled", "", `${stalled}; seen before that: ${latencies.join(", ") || "none"}`]);
    } else {
      results.push([
        `${what} (median of ${latencies.length}; target under 2 s)`,
        median(latencies),
        "ms",
        `max ${Math.max(...latencies)} ms; each: ${latencies.join(", ")} ms`,
      ]);
    }
    if (phases.length > 0) {
      const at = (k) => Math.round(median(phases.map((p) => p[k])));
      notes.push([
        "tick",
        [
          `medians of ${phases.length}: click to Ann's push starting (her sync loop's next round) ${at(0)} ms; push started to Bo's _changes answered ${at(1)} ms; answer to Bo's checkbox drawn ${at(2)} ms`,
        ],
      ]);
    }
  }
  await ann.app.context.close();
  await bo.app.context.close();

  // 4. The bundle's size.
  {
    const size = bundleSize(DIST);
    results.push([
      "release bundle, wasm + js gzipped (level 9)",
      Math.round((size.wasm + size.js) / 1024),
      "KB",
      `wasm ${kb(size.wasm)} (${kb(size.wasmRaw)} raw), js ${kb(size.js)} (${kb(size.jsRaw)} raw)`,
    ]);
    if (process.env.BENCH_BASE_DIST) {
      const base = bundleSize(process.env.BENCH_BASE_DIST);
      const d = size.wasm + size.js - base.wasm - base.js;
      results.push([
        `release bundle against ${process.env.BENCH_BASE_DIST}, wasm + js gzipped`,
        `${d >= 0 ? "+" : ""}${Math.round(d / 1024)}`,
        "KB",
        `that build: ${kb(base.wasm + base.js)} (wasm ${kb(base.wasm)}, ${kb(base.wasmRaw)} raw); wasm raw ${d >= 0 ? "+" : ""}${kb(size.wasmRaw - base.wasmRaw)}`,
      ]);
    }
  }
} finally {
  await browser.close();
  await site.stop();
  await couch.stop();
}
for (const [what, value, unit, baseline] of results) console.log(`bench: ${what}: ${value}${unit ? ` ${unit}` : ""} (${baseline})`);
for (const [what, lines] of notes) for (const line of lines) console.log(`  ${what}, ${line}`);
