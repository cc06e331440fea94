// Performance figures in headless Chromium against the release build.
// Prints one line per measure with the row count; run with `make bench`.
// Timings are taken in the page (performance.now) where the app exposes the
// moment; otherwise from the driver, which adds a few milliseconds.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowser, newAppContext, openApp, startStaticServer } from "../tests/e2e/support/app.mjs";
import { accountCsv, policyCsv } from "./books.mjs";

const N = Number(process.env.BENCH_ROWS || 10_000);
/** Pages opened cold after the book is stored, each until its page settles. */
const PAGES = [
  ["Dashboard", "#/", "renewals-tile"],
  ["Book", "#/book", "book-row"],
  ["Renewals", "#/renewals", "renewal-card"],
  ["Profitability", "#/profitability", "employees"],
];

/**
 * Installed before any of the app's scripts: keeps every main-thread task
 * the browser reports as long (over 50 ms) in `window.__long` as
 * [start, duration], so a measure can name its longest one.
 */
function watchLongTasks() {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
}

/** The longest main-thread task overlapping [from, to] (page clock), 0 when none was over 50 ms. */
async function longestTask(page, from, to) {
  return page.evaluate(
    ([from, to]) => Math.round(Math.max(0, ...window.__long.filter(([s, d]) => s + d >= from && s <= to).map(([, d]) => d))),
    [from, to],
  );
}

/** Waits until the page has had no long task for `quiet` ms; answers the page clock then. */
async function settled(page, quiet = 500) {
  return page.evaluate(async (quiet) => {
    for (;;) {
      const seen = window.__long.length;
      await new Promise((r) => setTimeout(r, quiet));
      if (window.__long.length === seen) return performance.now() - quiet;
    }
  }, quiet);
}
const work = mkdtempSync(join(tmpdir(), "agency-desk-bench-"));

const server = await startStaticServer(8490);
const browser = await launchBrowser();
const results = [];
try {
  // 1. Import of N policies: parse, validate, preview, commit.
  {
    const file = join(work, "policies.csv");
    writeFileSync(file, policyCsv(N));
    const app = await newAppContext(browser, server);
    await app.context.addInitScript(watchLongTasks);
    const page = await openApp(app.context, `${server.url}#/book`);
    await page.getByTestId("book-account-count").waitFor();
    // Times are taken in the page: from the file input's change event to the
    // first frame showing the preview, and from the Import button's click to
    // the first frame whose account count shows the new book. The driver's
    // own latency (setting files, finding the button) is left out.
    await page.evaluate((n) => {
      const marks = (window.__bench = {});
      const frameUntil = (test, name) => {
        const poll = () => (test() ? (marks[name] = performance.now()) : requestAnimationFrame(poll));
        requestAnimationFrame(poll);
      };
      const input = document.querySelector('[data-testid="book-import"]');
      input.addEventListener("change", () => {
        marks.chosen = performance.now();
        frameUntil(() => document.querySelector('[data-testid="import-preview"]'), "previewed");
      }, { capture: true });
      document.addEventListener("click", (e) => {
        if (!e.target.closest('[data-testid="import-commit"]')) return;
        marks.committing = performance.now();
        frameUntil(
          () =>
            document.querySelector('[data-testid="book-account-count"]')?.textContent === String(n) &&
            !document.querySelector('[data-testid="book-working"]'),
          "listed",
        );
      }, { capture: true });
    }, N / 2);
    // A person opens the import, which starts its worker, then takes a
    // moment in the file dialog; the file is chosen half a second later.
    await Promise.all([page.waitForEvent("worker"), page.locator("details.import > summary").click()]);
    await page.waitForTimeout(500);
    await page.getByTestId("book-import").setInputFiles(file);
    await page.getByTestId("import-preview").waitFor();
    await page.getByTestId("import-commit").click();
    await page.waitForFunction(() => window.__bench.listed, null, { timeout: 60_000 });
    const m = await page.evaluate(() => window.__bench);
    const preview = Math.round(m.previewed - m.chosen);
    const commit = Math.round(m.listed - m.committing);
    const previewTask = await longestTask(page, m.chosen, m.previewed);
    const commitTask = await longestTask(page, m.committing, await settled(page));
    results.push([`import ${N} policies: read+validate+preview (file chosen to preview shown)`, preview, "ms", previewTask]);
    results.push([`import ${N} policies: commit in one transaction (Import pressed to list updated)`, commit, "ms", commitTask]);
    results.push([`import ${N} policies: total`, preview + commit, "ms"]);

    // 5. The renewal board of those policies: from the Renewals link's click
    // to the first frame showing cards, then one filter keystroke.
    {
      await page.evaluate(() => {
        const marks = (window.__board = {});
        document.addEventListener("click", (e) => {
          if (!e.target.closest('a[href="#/renewals"]')) return;
          marks.clicked = performance.now();
          const poll = () => (document.querySelector('[data-testid="renewal-card"]') ? (marks.shown = performance.now()) : requestAnimationFrame(poll));
          requestAnimationFrame(poll);
        }, { capture: true });
      });
      await page.locator('nav a[href="#/renewals"]').click();
      await page.waitForFunction(() => window.__board.shown, null, { timeout: 60_000 });
      const renewalCount = await page.getByTestId("renewal-total").innerText();
      const b = await page.evaluate(() => window.__board);
      results.push([
        `renewal board of ${N} policies (${renewalCount}): link clicked to cards shown`,
        Math.round(b.shown - b.clicked),
        "ms",
        await longestTask(page, b.clicked, await settled(page)),
      ]);
      const keysFrom = await page.evaluate(() => performance.now());
      const keys = await page.evaluate(async () => {
        const input = document.querySelector('[data-testid="renewal-filter-text"]');
        const main = document.querySelector("main");
        const out = [];
        for (const text of ["Client 01", "Client 012", "Client 0123", "Client 012", "Client 01", "Client 0", "Client 00"]) {
          let last = null;
          const observer = new MutationObserver(() => (last = performance.now()));
          observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
          const t0 = performance.now();
          input.value = text;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((r) => setTimeout(r, 300));
          observer.disconnect();
          if (last !== null) out.push(last - t0);
        }
        return out.sort((a, b) => a - b);
      });
      results.push([
        // Typing on and deleting back reuse earlier results; a new search checks every renewal (the slowest).
        `renewal board: one filter keystroke, board updated (median of ${keys.length}; slowest ${Math.round(keys.at(-1))} ms)`,
        Math.round(keys[Math.floor(keys.length / 2)]),
        "ms",
        await longestTask(page, keysFrom, await page.evaluate(() => performance.now())),
      ]);
    }

    // 3. Full backup export of that workspace.
    await page.goto(`${server.url}#/settings`);
    await page.getByTestId("backup-export").waitFor();
    await settled(page);
    const b0 = Date.now();
    const exportFrom = await page.evaluate(() => performance.now());
    await Promise.all([page.waitForEvent("download"), page.getByTestId("backup-export").click()]);
    results.push([
      `backup export (${N / 2} accounts, ${N} policies)`,
      Date.now() - b0,
      "ms",
      await longestTask(page, exportFrom, await settled(page)),
    ]);

    // 6. Each page opened cold on the book of policies: the longest
    // main-thread task from navigation until the page settled (no long
    // task for 500 ms); 0 when none was over 50 ms.
    for (const [name, hash, testid] of PAGES) {
      await page.goto("about:blank");
      await page.goto(`${server.url}${hash}`);
      await page.getByTestId(testid).first().waitFor({ timeout: 60_000 });
      const end = await settled(page);
      results.push([
        `${name} opened cold on ${N / 2} accounts (${N} policies): longest main-thread task from navigation until settled`,
        await longestTask(page, 0, end),
        "ms",
      ]);
      if (name === "Dashboard") {
        // On to the board: the Dashboard's counts already worked it out.
        const from = await page.evaluate(() => performance.now());
        await page.locator('nav a[href="#/renewals"]').click();
        await page.getByTestId("renewal-card").first().waitFor({ timeout: 60_000 });
        const shown = await page.evaluate(() => performance.now());
        results.push([`renewal board opened from the Dashboard: link clicked to cards shown (driver-timed)`, Math.round(shown - from), "ms", await longestTask(page, from, shown)]);
      }
    }
    await app.context.close();
  }
  // 2. Cold load of N accounts from IndexedDB to the first rendered list.
  {
    const file = join(work, "accounts.csv");
    writeFileSync(file, accountCsv(N));
    const app = await newAppContext(browser, server);
    await app.context.addInitScript(watchLongTasks);
    const page = await openApp(app.context, `${server.url}#/book`);
    await page.getByTestId("book-import").setInputFiles(file);
    await page.getByTestId("import-commit").click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="book-account-count"]')?.textContent === String(n), N);
    // From navigation to the first frame showing the list, which is drawn
    // once the whole book is read (so the list is interactive then).
    const loads = [];
    for (let i = 0; i < 5; i++) {
      await page.goto("about:blank");
      await page.goto(`${server.url}#/book`);
      const at = await page.waitForFunction(() => (document.querySelector('[data-testid="book-row"]') ? performance.now() : null), null, {
        polling: "raf",
        timeout: 60_000,
      });
      loads.push(await at.jsonValue());
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    results.push([`cold load ${N} accounts: navigation to the list shown, whole book loaded (median of 5)`, Math.round(median(loads)), "ms"]);

    // 4. Profitability: recompute every table and chart after one input change.
    await page.goto(`${server.url}#/profitability`);
    await page.getByTestId("employees").waitFor({ timeout: 60_000 });
    await settled(page);
    const recomputeFrom = await page.evaluate(() => performance.now());
    const times = await page.evaluate(async () => {
      const input = document.querySelector('[data-testid="employees"]');
      const main = document.querySelector("main");
      const out = [];
      for (let i = 0; i < 7; i++) {
        // The figure is the time from the input event to the last change the
        // app makes to the page (tables, figures and chart SVGs), seen by a
        // MutationObserver; the page is left alone for 300 ms after each change.
        let last = null;
        const observer = new MutationObserver(() => (last = performance.now()));
        observer.observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
        const t0 = performance.now();
        input.value = String(10 + ((i + 1) % 2));
        input.dispatchEvent(new Event("input", { bubbles: true }));
        await new Promise((r) => setTimeout(r, 300));
        observer.disconnect();
        if (last === null) throw new Error("the page did not change after an input change");
        out.push(last - t0);
      }
      return out.sort((a, b) => a - b);
    });
    results.push([
      `profitability recompute of ${N} accounts after one input change, tables and charts (median of 7)`,
      Math.round(times[3]),
      "ms",
      await longestTask(page, recomputeFrom, await page.evaluate(() => performance.now())),
    ]);
    await app.context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  server.cleanup();
}
// The longest task is the longest main-thread task the browser reported
// (over 50 ms) during the measure; "none" when there was none that long.
for (const [what, value, unit, task] of results) {
  const longest = task === undefined ? "" : ` (longest main-thread task: ${task > 0 ? `${task} ms` : "none over 50 ms"})`;
  console.log(`bench: ${what}: ${value} ${unit}${longest}`);
}
