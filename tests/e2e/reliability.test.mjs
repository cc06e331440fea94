// Data safety as a user meets it: a browser whose storage is full, two tabs
// on the same renewal, restoring a safety copy, a demo backup over real
// data, and the keyboard path into a renewal's panel.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allowWriteFaults, fixToday, newAppContext, openApp, screenshot, smallDiskContext, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";
import { Shell } from "./support/shell-page.mjs";

const work = mkdtempSync(join(tmpdir(), "agency-desk-reliability-"));

/** An expiration report of `n` policies, one account each, laid out as an AMS writes it (CRLF); random name parts keep it from compressing. */
function bigReport(n) {
  const rows = ["Insured,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Annual Premium,Agency Commission,Producer,CSR"];
  for (let i = 0; i < n; i++) {
    rows.push(`Quota Client ${i} ${Math.random().toString(36).slice(2)} Holdings,CL,QC-${100000 + i},General Liability,Acme Mutual,2026-03-01,2027-03-01,"$1,200.00",$180.00,Marcus Bell,Elena Ortiz`);
  }
  const path = join(work, `big-${n}.csv`);
  writeFileSync(path, rows.join("\r\n") + "\r\n");
  return path;
}

describe("reliability", () => {
  const env = useServedApp(8484);

  it("reports an import, a note and a restore the browser refused, and shows nothing that is not stored", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await allowWriteFaults(app.context);
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    const settings = new SettingsPage(page);
    const shell = new Shell(page);
    await book.importSample(env.server.url);
    await settings.open(env.server.url);
    const backup = await settings.exportBackup(work);
    const status = await shell.saveStatus().innerText();

    // From here on the browser aborts every write, as it does when storage is full.
    await page.evaluate(() => window.refuseWrites());
    await book.open(env.server.url);
    await book.chooseImport(bigReport(40_000));
    await book.submitImport();
    const message = book.importMessage();
    await until(async () => /Nothing was imported/.test(await message.innerText()), "the import's refusal", 60_000);
    const text = await message.innerText();
    assert.match(text, /the browser did not store it/, text);
    assert.match(text, /Nothing was changed/, text);
    await book.waitForCount(4);
    assert.equal(await shell.saveStatus().innerText(), status, "no new 'Saved' for a refused write");
    await screenshot(page, "reliability-refused-import");

    await book.openAccount("Harbor Bakery");
    await book.writeNotes("Loss runs requested. ".repeat(2_000));
    await book.saveAccount();
    await until(async () => /Nothing was changed/.test(await book.accountErrors().innerText()), "the note's refusal");
    assert.equal(await shell.saveStatus().innerText(), status);

    await settings.open(env.server.url);
    await settings.chooseBackup(backup.path);
    await settings.confirmRestore();
    await until(async () => /Nothing was restored/.test(await settings.backupMessageText()), "the restore's refusal");
    assert.equal(await settings.safetyCopies().count(), 0);

    // A reload shows exactly what was stored before.
    await page.reload();
    await settings.noSafetyCopies().waitFor();
    await book.open(env.server.url);
    await book.waitForCount(4);
    await book.openAccount("Harbor Bakery");
    assert.equal(await book.notesValue(), "");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("on a full disk: refuses the write, says the browser closed the data, and saves again after a reload", async () => {
    const disk = await smallDiskContext(64);
    try {
      const page = await openApp(disk.context, env.server.url);
      const book = new BookPage(page);
      const settings = new SettingsPage(page);
      const shell = new Shell(page);
      await book.importSample(env.server.url);
      disk.fill(1_500_000);
      await book.chooseImport(bigReport(40_000));
      await book.submitImport();
      const message = book.importMessage();
      await until(async () => /Nothing was imported/.test(await message.innerText()), "the import's refusal", 60_000);
      assert.match(await message.innerText(), /the disk or this site's storage is full/);
      await book.waitForCount(4);
      // Chromium closes a database whose write failed on a full disk: the app says so.
      await shell.storageClosedBanner().waitFor();
      await screenshot(page, "reliability-full-disk");
      await settings.open(env.server.url);
      await settings.nameAgency("Lakeside Insurance");
      await until(async () => /Nothing was changed/.test(await settings.firstFormError()), "later saves refused");

      // With room again and a reload, saving works.
      disk.empty();
      await page.reload();
      await shell.workspaceName().waitFor();
      assert.equal(await shell.storageClosedBanner().count(), 0);
      await settings.nameAgency("Lakeside Insurance");
      await textIs(shell.workspaceName(), "Lakeside Insurance");
      await page.reload();
      await textIs(shell.workspaceName(), "Lakeside Insurance");
    } finally {
      await disk.close();
    }
  });

  it("keeps both tabs' renewal notes, ticks and lead times: the open form follows, a stale save is refused with the newer version", async () => {
    const app = await newAppContext(env.browser, env.server);
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const a = await openApp(app.context, env.server.url);
    await new BookPage(a).importSample(env.server.url);
    const tabA = new RenewalsPage(a);
    await tabA.open(at);
    const b = await openApp(app.context, `${at}#/renewals`);
    const tabB = new RenewalsPage(b);
    for (const [tab, name] of [[tabA, "Ann Tab"], [tabB, "Bea Tab"]]) {
      await tab.openAnyRenewal("Harbor Bakery");
      await tab.setUser(name);
    }

    // A saves a note; B's panel, where nothing was typed, follows it.
    await tabA.saveNotes("Loss runs requested from Acme.");
    await textIs(tabA.message(), "Notes saved.");
    await until(async () => (await tabB.notes()) === "Loss runs requested from Acme.", "B follows A's note");

    // B starts typing; A saves again; B's save is refused and quotes A's newer note.
    await tabB.typeNotes("Quote sent to the client.");
    await tabA.saveNotes("Loss runs received; marketing to two carriers.");
    await textIs(tabA.message(), "Notes saved.");
    await b.waitForTimeout(300);
    assert.equal(await tabB.notes(), "Quote sent to the client.", "what B typed is kept");
    await tabB.clickSaveNotes();
    await until(async () => /marketing to two carriers/.test(await tabB.messageText()), "B is shown A's newer note");
    assert.match(await tabB.messageText(), /were not saved/);
    await screenshot(b, "reliability-stale-notes");
    await tabB.takeNewerNotes();
    assert.equal(await tabB.notes(), "Loss runs received; marketing to two carriers.");

    // A ticks an item; B clicks the same box right after the update reached it.
    const key = "client-strategy:1";
    await tabA.tickItem(key);
    await until(async () => tabB.isTicked(key), "the tick reaches B");
    await b.waitForTimeout(30);
    await tabB.clickItem(key);
    await until(async () => /marked done by Ann Tab/.test(await tabB.messageText()), "B's click is refused, naming Ann");
    assert.ok(await tabB.isTicked(key), "B's box shows the stored tick");

    // Both tabs tick different items at once: both are kept.
    await Promise.all([tabA.tickItem("client-strategy:2"), tabB.tickItem("client-strategy:3")]);
    // Each tab shows the other's tick once both saves have landed.
    for (const tab of [tabA, tabB]) {
      for (const k of ["client-strategy:2", "client-strategy:3"]) await until(async () => tab.isTicked(k), `${k} shown in both tabs`);
    }
    for (const tab of [tabA, tabB]) await tab.reload();
    for (const tab of [tabA, tabB]) {
      await tab.openAnyRenewal("Harbor Bakery");
      for (const k of ["client-strategy:1", "client-strategy:2", "client-strategy:3"]) assert.ok(await tab.isTicked(k), `${k} kept`);
      assert.match(await tab.firstTickedBy(), /Ann Tab/);
    }

    // Lead times from two tabs: B's form follows A's save while untouched;
    // edits to different departments are both kept; the same department
    // changed in both is refused in the later tab, which then shows the saved value.
    for (const tab of [tabA, tabB]) await tab.openLeadTimes();
    await tabA.setLeadDays("CL", "170");
    await tabA.saveLeadTimes();
    await textIs(tabA.leadTimesMessage(), "Lead times saved.");
    await until(async () => (await tabB.leadDays("CL")) === "170", "B's untouched form follows A");
    await tabA.setLeadDays("CL", "160");
    await tabB.setLeadDays("PL", "100");
    await tabB.setLeadDays("CL", "180");
    await tabA.saveLeadTimes();
    await textIs(tabA.leadTimesMessage(), "Lead times saved.");
    await tabB.saveLeadTimes();
    await until(async () => /Lead times not saved: another tab or window set Commercial Lines to 160 days/.test(await tabB.leadTimesMessage().innerText()), "B's clashing save refused");
    assert.equal(await tabB.leadDays("CL"), "160", "B now shows the saved value");
    await tabB.setLeadDays("PL", "100");
    await tabB.saveLeadTimes();
    await textIs(tabB.leadTimesMessage(), "Lead times saved.");
    await until(async () => (await tabA.leadDays("PL")) === "100", "A follows B's PL");
    await tabA.reload();
    await tabA.openLeadTimes();
    assert.deepEqual([await tabA.leadDays("CL"), await tabA.leadDays("PL")], ["160", "100"], "both tabs' departments kept");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("lists safety copies, restores one, keeps three; asks before a demo backup replaces real data", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    const settings = new SettingsPage(page);
    const shell = new Shell(page);
    await book.importSample(env.server.url);
    await settings.open(env.server.url);
    await settings.nameAgency("Lakeside Insurance");
    await textIs(shell.workspaceName(), "Lakeside Insurance");
    await settings.noSafetyCopies().waitFor();

    // A backup of the demo agency.
    await settings.openDemoWorkspace();
    const demo = await settings.exportBackup(work);
    assert.equal(JSON.parse(demo.text).workspace, "demo");
    await settings.openMainWorkspace();
    await textIs(shell.workspaceName(), "Lakeside Insurance");

    // Restoring it into the real workspace asks first and keeps the real name.
    await settings.chooseBackup(demo.path);
    assert.match(await settings.restoreWarning().innerText(), /demo agency/);
    assert.ok(!(await settings.canConfirmRestore()), "not until the warning is acknowledged");
    await screenshot(page, "reliability-demo-restore-warning");
    await settings.acknowledgeRestoreWarning();
    await settings.confirmRestore();
    await until(async () => /Restored 300 accounts/.test(await settings.backupMessageText()), "demo restored");
    await textIs(shell.workspaceName(), "Lakeside Insurance");

    // The copy taken before it holds the real book; restoring it brings the book back.
    const copies = settings.safetyCopies();
    await until(async () => (await copies.count()) === 1, "one safety copy");
    assert.match(await copies.first().innerText(), /Lakeside Insurance: 4 accounts, 8 policies/);
    await screenshot(page, "reliability-safety-copies");
    await settings.restoreNewestSafetyCopy();
    assert.match(await settings.restorePreview().innerText(), /The safety copy taken .* holds 4 accounts and 8 policies/);
    await settings.confirmRestore();
    await until(async () => /Restored 4 accounts/.test(await settings.backupMessageText()), "copy restored");
    await until(async () => (await copies.count()) === 2, "two safety copies");
    assert.match(await copies.first().innerText(), /300 accounts/);
    await book.open(env.server.url);
    await book.waitForCount(4);

    // Two more restores: only the newest three copies are kept.
    await settings.open(env.server.url);
    for (let i = 0; i < 2; i++) {
      await settings.restoreNewestSafetyCopy();
      await settings.acknowledgeRestoreWarningIfAsked();
      await settings.confirmRestore();
      await until(async () => (await copies.count()) === 3, `copies after restore ${i + 3}`);
    }
    await page.reload();
    await until(async () => (await copies.count()) === 3, "three copies kept after a reload");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("takes the keyboard and the view to a renewal's panel and back to its card", async () => {
    const app = await newAppContext(env.browser, env.server);
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, `${at}#/settings`);
    await new SettingsPage(page).openDemoWorkspace();
    const renewals = new RenewalsPage(page);
    await renewals.open(at);
    const cards = renewals.cards();
    await until(async () => (await cards.count()) > 40, "demo cards");
    const last = cards.last();
    const id = await last.getAttribute("data-renewal");
    await last.focus();
    await page.keyboard.press("Enter");
    const panel = renewals.detail();
    await until(async () => page.evaluate(() => document.activeElement?.dataset.testid === "renewal-detail"), "focus on the panel");
    await until(async () => panel.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.top < window.innerHeight;
    }), "the panel in view");
    await screenshot(page, "reliability-panel-focus");
    await page.keyboard.press("Escape");
    await until(async () => (await panel.count()) === 0, "panel closed");
    assert.equal(await page.evaluate(() => document.activeElement?.dataset.renewal), id, "focus back on the card");
    await app.context.close();
  });
});
