// Backups (export, wipe, restore identical; refusals), the demo workspace,
// and the storage status in Settings.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage, SAMPLE_REPORT } from "./support/book-page.mjs";

const work = mkdtempSync(join(tmpdir(), "agency-desk-e2e-"));

async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(work, dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), text: readFileSync(path, "utf8"), path };
}

describe("settings: backup, restore and the demo workspace", () => {
  const env = useServedApp(8477);

  it("exports a backup, wipes the book, restores it identically, and refuses damaged files", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    await book.importSample(env.server.url);
    const before = await download(page, () => page.getByTestId("book-export-csv").click());
    assert.match(before.text.split("\n")[0], /^client,department,/);

    await page.goto(`${env.server.url}#/settings`);
    await textIs(page.getByTestId("last-backup"), "No backup has been exported from this workspace yet.");
    const backup = await download(page, () => page.getByTestId("backup-export").click());
    assert.match(backup.name, /^agency-desk-backup-main-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(backup.text);
    assert.equal(parsed.format, "agency-desk-backup");
    assert.equal(parsed.data.book.accounts.length, 4);
    assert.match(parsed.checksum, /^sha256:[0-9a-f]{64}$/);
    await textIs(page.getByTestId("last-backup"), "Last backup today.");

    // Wipe: replace the book with a one-account file.
    const oneRow = join(work, "one.csv");
    writeFileSync(oneRow, "Client,Commission\nSomebody Else,10\n");
    await book.open(env.server.url);
    await book.chooseImport(oneRow);
    await page.getByTestId("import-mode-replace").check();
    await book.commitImport();
    await book.waitForCount(1);

    // A damaged backup is refused and changes nothing.
    await page.goto(`${env.server.url}#/settings`);
    const damaged = join(work, "damaged.json");
    writeFileSync(damaged, backup.text.replace("Harbor Bakery", "Harbour Bakery"));
    await page.getByTestId("backup-import").setInputFiles(damaged);
    await until(async () => /checksum/.test(await page.getByTestId("backup-message").innerText()), "checksum message");
    const newer = join(work, "newer.json");
    writeFileSync(newer, JSON.stringify({ ...parsed, schema_version: 99 }));
    await page.getByTestId("backup-import").setInputFiles(newer);
    await until(async () => /newer version/.test(await page.getByTestId("backup-message").innerText()), "newer message");

    // The real backup: preview what it replaces, then restore.
    await page.getByTestId("backup-import").setInputFiles(backup.path);
    const preview = page.getByTestId("restore-preview");
    await preview.waitFor();
    assert.match(await preview.innerText(), /holds 4 accounts and 8 policies/);
    assert.match(await preview.innerText(), /now 1 accounts/);
    await screenshot(page, "settings-restore-preview");
    await page.getByTestId("restore-confirm").click();
    await until(async () => /Restored 4 accounts and 8 policies/.test(await page.getByTestId("backup-message").innerText()), "restored");
    await page.reload();
    await book.open(env.server.url);
    await book.waitForCount(4);
    const after = await download(page, () => page.getByTestId("book-export-csv").click());
    assert.equal(after.text, before.text);
    await app.context.close();
  });

  it("opens a separate demo agency that a reset rebuilds without touching the real book", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    await book.importSample(env.server.url);

    await page.goto(`${env.server.url}#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.getByTestId("demo-banner").waitFor();
    await textIs(page.getByTestId("workspace-name"), "Riverbend Insurance (demo)");
    await book.open(env.server.url);
    await book.waitForCount(300);
    await screenshot(page, "book-demo");
    // Its trainees, one at each tenure level, on the Onboarding page.
    await page.goto(`${env.server.url}#/onboarding`);
    await until(async () => (await page.getByTestId("trainee-row").count()) === 3, "three demo trainees");
    const levels = await page.locator('[data-testid="trainee-row"] [data-level]').evaluateAll((cells) => cells.map((c) => c.dataset.level));
    assert.deepEqual(levels, ["exceeding", "meeting", "new"]);
    await screenshot(page, "onboarding-demo");
    await book.open(env.server.url);
    await book.openAccount(await page.getByTestId("book-row").first().getAttribute("data-account"));
    await page.getByTestId("account-delete").click();
    await book.waitForCount(299);

    await page.goto(`${env.server.url}#/settings`);
    await page.getByTestId("demo-reset").click();
    await book.open(env.server.url);
    await book.waitForCount(300);

    // A new tab opens the same workspace; switching back shows the real book intact.
    await page.goto(`${env.server.url}#/settings`);
    await page.getByTestId("workspace-switch").selectOption("main");
    await until(async () => (await page.getByTestId("demo-banner").count()) === 0, "demo banner gone");
    await book.open(env.server.url);
    await book.waitForCount(4);
    await app.context.close();
  });

  it("shows the browser storage status", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    await page.getByTestId("storage-usage").waitFor();
    assert.match(await page.getByTestId("storage-usage").innerText(), /MB used of/);
    assert.match(await page.getByTestId("storage-persistent").innerText(), /persistent/i);
    await app.context.close();
  });
});
