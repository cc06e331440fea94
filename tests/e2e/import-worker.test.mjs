// The import's worker: a chosen file is read and checked off the page's
// thread, in a worker started when the import is opened (or a file chosen);
// a big file shows its progress and can be cancelled, which stops the
// worker and saves nothing.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { policyCsv } from "../../bench/books.mjs";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage, SAMPLE_REPORT } from "./support/book-page.mjs";

/** The page's import workers (a service worker is not one of them). */
function importWorkers(page) {
  return page.workers().filter((w) => w.url().includes("import-worker"));
}

describe("import worker", () => {
  const env = useServedApp(8492);
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "agency-import-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("reads a file in a worker started when the import is opened, and cancels a big one", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    assert.deepEqual(importWorkers(page), [], "nothing of the import is started before the import is opened");
    // Opening the import starts its worker, ready before a file is chosen.
    await Promise.all([page.waitForEvent("worker"), page.locator("details.import > summary").click()]);
    assert.equal(importWorkers(page).length, 1);
    // Its files carry a hash of their contents, named by index.html, so a
    // new build never starts an old worker from the browser's cache.
    assert.match(importWorkers(page)[0].url(), /\/import-worker-[0-9a-f]{16}_loader\.js$/);

    await book.chooseImport(SAMPLE_REPORT);
    assert.equal(importWorkers(page).length, 1, "the file was read by that worker");
    await textIs(book.acceptedCount(), "8");
    await book.commitImport();
    await book.waitForCount(4);
    await until(async () => importWorkers(page).length === 0, "the worker stops once the import is saved");

    // 200,000 rows: the progress shows, the page answers, and Cancel stops it all.
    const big = join(dir, "big-expiration-report.csv");
    writeFileSync(big, policyCsv(200_000));
    const closed = new Promise((resolve) => page.on("worker", (w) => w.on("close", resolve)));
    await page.getByTestId("book-import").setInputFiles(big);
    const progress = page.getByTestId("import-progress");
    await progress.waitFor();
    await screenshot(page, "import-progress");
    assert.match(await progress.innerText(), /Reading the file|Checking rows/);
    // The page still answers while the worker reads.
    assert.equal(await page.evaluate(() => document.querySelector('[data-testid="book-account-count"]').textContent), "4");
    await page.getByTestId("import-cancel").click();
    await closed;
    await until(async () => /cancelled; nothing was saved/.test(await book.importMessage().innerText()), "the cancel is confirmed");
    assert.equal(await progress.count(), 0);
    assert.equal(await book.preview().count(), 0, "no preview of the cancelled file");
    assert.deepEqual(importWorkers(page), []);
    assert.equal(await book.accountCount(), 4, "the book is as it was");

    // A new file after a cancel starts a new worker and imports as usual.
    await book.chooseImport(SAMPLE_REPORT);
    await textIs(book.acceptedCount(), "8");
    await textIs(book.rejectedCount(), "5");
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });

  it("says why a file the worker cannot read is refused, and reads the next one", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    // An image saved with a .csv name, as happens with a mis-chosen attachment.
    const scan = join(dir, "scan.csv");
    writeFileSync(scan, Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(64, 7)]));
    await page.getByTestId("book-import").setInputFiles(scan);
    await until(async () => /scan\.csv: .*PNG image/.test(await book.importMessage().innerText()), "the refusal names the file and what it is");
    assert.equal(await page.getByTestId("import-progress").count(), 0);
    assert.equal(await book.preview().count(), 0);
    await book.chooseImport(SAMPLE_REPORT);
    await textIs(book.acceptedCount(), "8");
    assert.equal(importWorkers(page).length, 1, "the same worker read both");
    assert.equal(await book.accountCount(), 0, "nothing was saved");
    await app.context.close();
  });

  it("checks the rows again in the worker when the mapping changes", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    const file = join(dir, "mapping.csv");
    writeFileSync(file, policyCsv(12_000));
    await book.chooseImport(file);
    await textIs(book.acceptedCount(), "12000");
    // Unmapping the client column leaves no client: every row is refused
    // until it is mapped again, each time worked out by the worker.
    const client = page.getByTestId("import-mapping-select").first();
    await client.selectOption("");
    await until(async () => /No column is mapped to the client name/.test(await book.importText()), "the mapping is refused");
    await client.selectOption("client");
    await textIs(book.acceptedCount(), "12000");
    assert.equal(importWorkers(page).length, 1, "one worker, kept for the file");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
