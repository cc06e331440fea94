// Backups (export, wipe, restore identical; refusals), the demo workspace,
// and the storage status in Settings.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { OnboardingPage } from "./support/onboarding-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";
import { Shell } from "./support/shell-page.mjs";

const work = mkdtempSync(join(tmpdir(), "agency-desk-e2e-"));

describe("settings: backup, restore and the demo workspace", () => {
  const env = useServedApp(8477);

  it("exports a backup, wipes the book, restores it identically, and refuses damaged files", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    const settings = new SettingsPage(page);
    await book.importSample(env.server.url);
    const before = await book.exportCsv();
    assert.match(before.text.split("\n")[0], /^client,department,/);

    await settings.open(env.server.url);
    await textIs(settings.lastBackup(), "No backup has been exported from this workspace yet.");
    const backup = await settings.exportBackup(work);
    assert.match(backup.name, /^agency-desk-backup-main-\d{4}-\d{2}-\d{2}\.json$/);
    const parsed = JSON.parse(backup.text);
    assert.equal(parsed.format, "agency-desk-backup");
    assert.equal(parsed.data.book.accounts.length, 4);
    assert.match(parsed.checksum, /^sha256:[0-9a-f]{64}$/);
    await textIs(settings.lastBackup(), "Last backup today.");

    // Wipe: replace the book with a one-account file.
    const oneRow = join(work, "one.csv");
    writeFileSync(oneRow, "Client,Commission\nSomebody Else,10\n");
    await book.open(env.server.url);
    await book.chooseImport(oneRow);
    await book.chooseReplace();
    await book.commitImport();
    await book.waitForCount(1);

    // A damaged backup is refused and changes nothing.
    await settings.open(env.server.url);
    const damaged = join(work, "damaged.json");
    writeFileSync(damaged, backup.text.replace("Harbor Bakery", "Harbour Bakery"));
    await settings.chooseBackup(damaged);
    await until(async () => /checksum/.test(await settings.backupMessageText()), "checksum message");
    const newer = join(work, "newer.json");
    writeFileSync(newer, JSON.stringify({ ...parsed, schema_version: 99 }));
    await settings.chooseBackup(newer);
    await until(async () => /newer version/.test(await settings.backupMessageText()), "newer message");

    // The real backup: preview what it replaces, then restore.
    await settings.chooseBackup(backup.path);
    const preview = settings.restorePreview();
    await preview.waitFor();
    assert.match(await preview.innerText(), /holds 4 accounts and 8 policies/);
    assert.match(await preview.innerText(), /now 1 accounts/);
    await screenshot(page, "settings-restore-preview");
    await settings.confirmRestore();
    await until(async () => /Restored 4 accounts and 8 policies/.test(await settings.backupMessageText()), "restored");
    await page.reload();
    await book.open(env.server.url);
    await book.waitForCount(4);
    const after = await book.exportCsv();
    assert.equal(after.text, before.text);
    await app.context.close();
  });

  it("opens a separate demo agency that a reset rebuilds without touching the real book", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    const settings = new SettingsPage(page);
    const onboarding = new OnboardingPage(page);
    await book.importSample(env.server.url);

    await settings.open(env.server.url);
    await settings.openDemoWorkspace();
    await textIs(new Shell(page).workspaceName(), "Riverbend Insurance (demo)");
    await book.open(env.server.url);
    await book.waitForCount(300);
    await screenshot(page, "book-demo");
    // Its trainees, one at each tenure level, on the Onboarding page.
    await onboarding.open(env.server.url);
    await until(async () => (await onboarding.traineeCount()) === 3, "three demo trainees");
    assert.deepEqual(await onboarding.expectedLevels(), ["exceeding", "meeting", "new"]);
    await screenshot(page, "onboarding-demo");
    await book.open(env.server.url);
    await book.openAccount(await book.firstAccountName());
    await book.deleteAccount();
    await book.waitForCount(299);

    await settings.open(env.server.url);
    await settings.resetDemo();
    await book.open(env.server.url);
    await book.waitForCount(300);

    // A new tab opens the same workspace; switching back shows the real book intact.
    await settings.open(env.server.url);
    await settings.openMainWorkspace();
    await book.open(env.server.url);
    await book.waitForCount(4);
    await app.context.close();
  });

  it("shows the browser storage status", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    const settings = new SettingsPage(page);
    await settings.storageUsage().waitFor();
    assert.match(await settings.storageUsage().innerText(), /MB used of/);
    assert.match(await settings.storagePersistence(), /persistent/i);
    await app.context.close();
  });
});
