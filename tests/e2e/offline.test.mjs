// Offline use and updates through the service worker.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { launchBrowser, newAppContext, openApp, screenshot, startStaticServer, textIs, until } from "./support/app.mjs";
import { BookPage, SAMPLE_REPORT } from "./support/book-page.mjs";
import { Shell } from "./support/shell-page.mjs";

async function waitForController(page) {
  await until(() => page.evaluate(() => navigator.serviceWorker.controller !== null), "service worker in control");
}

describe("offline", () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it("opens with the network gone after one visit, on any page", async () => {
    const server = await startStaticServer(8474);
    const app = await newAppContext(browser, server);
    const page = await openApp(app.context, server.url);
    await waitForController(page);
    // The server is stopped and the browser is offline: nothing can load from the network.
    await server.stop();
    await app.context.setOffline(true);
    await page.goto(`${server.url}#/renewals`);
    const shell = new Shell(page);
    await textIs(shell.heading(), "Renewal countdown");
    await page.reload();
    await textIs(shell.heading(), "Renewal countdown");
    // A link with ?asof= still opens from the cache.
    await page.goto(`${server.url}?asof=2027-05-01#/settings`);
    await textIs(shell.asOf(), "2027-05-01");
    await screenshot(page, "offline-settings");
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
    server.cleanup();
  });

  it("imports a file with the network gone after one visit: the import's worker is cached too", async () => {
    const server = await startStaticServer(8493);
    const app = await newAppContext(browser, server);
    const page = await openApp(app.context, server.url);
    await waitForController(page);
    await server.stop();
    await app.context.setOffline(true);
    await page.reload();
    const book = new BookPage(page);
    await book.open(server.url);
    assert.equal(page.workers().length, 0, "the worker had never been started on this page");
    await book.chooseImport(SAMPLE_REPORT);
    await textIs(book.acceptedCount(), "8");
    await book.commitImport();
    await book.waitForCount(4);
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
    server.cleanup();
  });

  it("offers a new version with a prompt and never reloads by itself", async () => {
    const server = await startStaticServer(8475);
    const app = await newAppContext(browser, server);
    const page = await openApp(app.context, server.url);
    await waitForController(page);
    const firstCaches = await page.evaluate(() => caches.keys());
    assert.equal(firstCaches.length, 1);

    // Deploy a "new version": a changed sw.js is what the browser compares.
    const swPath = join(server.appDir, "sw.js");
    const sw = readFileSync(swPath, "utf8");
    writeFileSync(swPath, sw.replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-next"'));
    // A real deploy comes later than the first visit: python's server compares
    // modification times to the second, and would answer "not modified".
    const later = new Date(Date.now() + 60_000);
    utimesSync(swPath, later, later);

    // The user is working: mark the page so a silent reload would be noticed.
    await page.evaluate(() => {
      window.__stillHere = true;
    });
    await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
    const shell = new Shell(page);
    await shell.updateBanner().waitFor();
    assert.match(await shell.updateBanner().innerText(), /Update available — reload/);
    assert.equal(await page.evaluate(() => window.__stillHere), true);
    await screenshot(page, "update-available");

    await Promise.all([page.waitForEvent("load"), shell.updateBanner().getByRole("button", { name: "reload" }).click()]);
    await shell.workspaceName().waitFor();
    assert.equal(await page.evaluate(() => window.__stillHere), undefined);
    const cachesAfter = await until(async () => {
      const keys = await page.evaluate(() => caches.keys());
      return keys.length === 1 && keys[0] !== firstCaches[0] && keys;
    }, "old cache replaced");
    assert.match(cachesAfter[0], /-next$/);
    assert.equal(await shell.updateBanner().count(), 0);
    await app.context.close();
    await server.stop();
    server.cleanup();
  });
});
