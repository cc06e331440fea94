// Shared end-to-end helpers: a plain static server for dist/, a browser, and
// a context that records every request the app makes.
import { execFileSync, spawn } from "node:child_process";
import { after, before } from "node:test";
import { closeSync, cpSync, mkdtempSync, mkdirSync, openSync, readFileSync, rmSync, statfsSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "..", "..", "..");
/** The build under test: dist/, or another build's folder named by APP_DIST (a bench comparing builds). */
export const DIST = process.env.APP_DIST ? resolve(process.env.APP_DIST) : join(ROOT, "dist");
/** The sub-path the tests host the app under, like a real static site. */
export const SUB_PATH = "/demo/agency-desk/";
export const SHOTS = join(ROOT, "test-results", "screenshots");
mkdirSync(SHOTS, { recursive: true });

/**
 * Copies `dist` (the app's dist/ unless another build is named) under SUB_PATH of a fresh folder and serves it with
 * `python3 -m http.server` (no rewrite rules) on a loopback port.
 */
export async function startStaticServer(port, dist = DIST) {
  const site = mkdtempSync(join(tmpdir(), "agency-desk-site-"));
  const appDir = join(site, ...SUB_PATH.split("/").filter(Boolean));
  cpSync(dist, appDir, { recursive: true });
  const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      const res = await fetch(origin + SUB_PATH);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`static server on port ${port} did not start`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    origin,
    url: origin + SUB_PATH,
    appDir,
    async stop() {
      proc.kill();
      await new Promise((r) => proc.once("exit", r));
    },
    cleanup() {
      rmSync(site, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/**
 * A fresh browser context (its own IndexedDB and service workers) that
 * records every request, console error and CSP violation.
 */
export async function newAppContext(browser, server, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...options });
  const requests = [];
  const problems = [];
  context.on("request", (req) => requests.push(req.url()));
  context.on("page", (page) => watchPage(page, problems));
  return {
    context,
    requests,
    problems,
    /** Requests that left the app's own origin (there must be none). */
    foreignRequests() {
      return requests.filter((u) => {
        if (u.startsWith("data:") || u.startsWith("blob:")) return false;
        return new URL(u).origin !== server.origin;
      });
    },
  };
}

function watchPage(page, problems) {
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
}

/**
 * Lets the test make the browser refuse writes in `context`'s pages, as a
 * full disk or an exhausted quota does (tests/support/refuse-writes.js):
 * `page.evaluate(() => window.refuseWrites())`, then `window.allowWrites()`.
 */
export async function allowWriteFaults(context) {
  const script = readFileSync(join(ROOT, "tests", "support", "refuse-writes.js"), "utf8").replace(/^export /gm, "");
  await context.addInitScript({ content: `${script}\nwindow.refuseWrites = refuse_writes;\nwindow.allowWrites = allow_writes;` });
}

/** Opens a page of the app and waits until the shell has rendered. */
export async function openApp(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId("workspace-name").waitFor();
  return page;
}

/**
 * Makes the browser's clock read `iso` (timers keep running), so that
 * dates the app stamps on sign-offs and ticks are known to the test on any
 * day it runs.
 */
export async function fixToday(context, iso = "2026-11-22T15:00:00") {
  await context.clock.setFixedTime(new Date(iso));
}

/** Today in the page's time zone, as YYYY-MM-DD. */
export async function pageToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  });
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Polls `check` (async, returns truthy when satisfied) until it passes. */
export async function until(check, what, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the locator's text equals `expected` (trimmed). */
export async function textIs(locator, expected) {
  await until(async () => (await locator.innerText()).trim() === expected, `text "${expected}"`);
}

/**
 * For a `describe` block: serves the app on `port` and launches the browser
 * before its tests, and stops both after. Returns `{ server, browser }`,
 * filled in once the hooks have run.
 */
export function useServedApp(port) {
  const env = {};
  before(async () => {
    env.server = await startStaticServer(port);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
    env.server?.cleanup();
  });
  return env;
}

/**
 * A browser whose profile (and so its IndexedDB) lives on a small disk of
 * its own, a `megabytes` tmpfs mounted for the test, so that the test can
 * fill the disk and see what a user with a full disk sees. Mounting needs
 * root, as the test machines run; elsewhere this throws and says so.
 */
export async function smallDiskContext(megabytes, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), "agency-desk-disk-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir], { stdio: "pipe" });
  } catch (e) {
    throw new Error(`this test mounts a ${megabytes} MB tmpfs to fill and needs root: ${e.stderr || e.message}`);
  }
  const context = await chromium.launchPersistentContext(join(dir, "profile"), {
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    viewport: { width: 1366, height: 900 },
    ...options,
  });
  const problems = [];
  context.on("page", (page) => watchPage(page, problems));
  const filler = join(dir, "filler");
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  return {
    context,
    problems,
    free,
    /** Fills the disk until about `leaveBytes` are free. */
    fill(leaveBytes) {
      const bytes = Math.max(0, free() - leaveBytes);
      const fd = openSync(filler, "a");
      const chunk = Buffer.alloc(1 << 20);
      try {
        for (let done = 0; done < bytes; done += chunk.length) writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - done));
      } catch {
        /* the disk is full: that is the point */
      } finally {
        closeSync(fd);
      }
    },
    /** Gives the disk's room back. */
    empty() {
      rmSync(filler, { force: true });
    },
    async close() {
      await context.close();
      execFileSync("umount", [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs `trigger` (which starts a download) and returns the file: its
 * suggested name, its path and its text. With `saveDir`, the file is saved
 * there under its suggested name (and `path` is that copy).
 */
export async function downloaded(page, trigger, saveDir) {
  const [dl] = await Promise.all([page.waitForEvent("download"), trigger()]);
  let path = await dl.path();
  if (saveDir) {
    path = join(saveDir, dl.suggestedFilename());
    await dl.saveAs(path);
  }
  return { name: dl.suggestedFilename(), path, text: readFileSync(path, "utf8") };
}

/** Replaces window.print so a test can see which print layout was switched on. */
export async function spyOnPrint(page) {
  await page.evaluate(() => {
    window.print = () => (window.__printedWith = document.body.className);
  });
}

/** The body's classes when the page last called window.print (see spyOnPrint). */
export async function printedWith(page) {
  return page.evaluate(() => window.__printedWith);
}
