// Data safety as a user meets it: a browser whose storage is full, two tabs
// on the same renewal, restoring a safety copy, a demo backup over real
// data, and the keyboard path into a renewal's panel.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allowWriteFaults, fixToday, newAppContext, openApp, screenshot, smallDiskContext, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";

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

async function download(page, click) {
  const [dl] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = join(work, dl.suggestedFilename());
  await dl.saveAs(path);
  return { text: readFileSync(path, "utf8"), path };
}

const harborCard = (page) => page.locator('[data-testid="renewal-card"][data-account="Harbor Bakery"]');
const item = (page, key) => page.locator(`[data-testid="renewal-item"][data-item="${key}"]`);

describe("reliability", () => {
  const env = useServedApp(8484);

  it("reports an import, a note and a restore the browser refused, and shows nothing that is not stored", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await allowWriteFaults(app.context);
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    await book.importSample(env.server.url);
    await page.goto(`${env.server.url}#/settings`);
    const backup = await download(page, () => page.getByTestId("backup-export").click());
    const status = await page.getByTestId("save-status").innerText();

    // From here on the browser aborts every write, as it does when storage is full.
    await page.evaluate(() => window.refuseWrites());
    await book.open(env.server.url);
    await book.chooseImport(bigReport(40_000));
    await page.getByTestId("import-commit").click();
    const message = page.getByTestId("import-message");
    await until(async () => /Nothing was imported/.test(await message.innerText()), "the import's refusal", 60_000);
    const text = await message.innerText();
    assert.match(text, /the browser did not store it/, text);
    assert.match(text, /Nothing was changed/, text);
    await book.waitForCount(4);
    assert.equal(await page.getByTestId("save-status").innerText(), status, "no new 'Saved' for a refused write");
    await screenshot(page, "reliability-refused-import");

    await book.openAccount("Harbor Bakery");
    await page.getByTestId("account-notes").fill("Loss runs requested. ".repeat(2_000));
    await page.getByTestId("account-save").click();
    await until(async () => /Nothing was changed/.test(await page.getByTestId("account-errors").innerText()), "the note's refusal");
    assert.equal(await page.getByTestId("save-status").innerText(), status);

    await page.goto(`${env.server.url}#/settings`);
    await page.getByTestId("backup-import").setInputFiles(backup.path);
    await page.getByTestId("restore-confirm").click();
    await until(async () => /Nothing was restored/.test(await page.getByTestId("backup-message").innerText()), "the restore's refusal");
    assert.equal(await page.getByTestId("safety-copy").count(), 0);

    // A reload shows exactly what was stored before.
    await page.reload();
    await page.getByTestId("safety-copies-none").waitFor();
    await book.open(env.server.url);
    await book.waitForCount(4);
    await book.openAccount("Harbor Bakery");
    assert.equal(await page.getByTestId("account-notes").inputValue(), "");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("on a full disk: refuses the write, says the browser closed the data, and saves again after a reload", async () => {
    const disk = await smallDiskContext(64);
    try {
      const page = await openApp(disk.context, env.server.url);
      const book = new BookPage(page);
      await book.importSample(env.server.url);
      disk.fill(1_500_000);
      await book.chooseImport(bigReport(40_000));
      await page.getByTestId("import-commit").click();
      const message = page.getByTestId("import-message");
      await until(async () => /Nothing was imported/.test(await message.innerText()), "the import's refusal", 60_000);
      assert.match(await message.innerText(), /the disk or this site's storage is full/);
      await book.waitForCount(4);
      // Chromium closes a database whose write failed on a full disk: the app says so.
      await page.getByTestId("storage-closed-banner").waitFor();
      await screenshot(page, "reliability-full-disk");
      await page.goto(`${env.server.url}#/settings`);
      await page.getByTestId("agency-name-input").fill("Lakeside Insurance");
      await page.getByTestId("agency-name-input").press("Enter");
      await until(async () => /Nothing was changed/.test(await page.locator(".form-message.error").first().innerText()), "later saves refused");

      // With room again and a reload, saving works.
      disk.empty();
      await page.reload();
      await page.getByTestId("workspace-name").waitFor();
      assert.equal(await page.getByTestId("storage-closed-banner").count(), 0);
      await page.getByTestId("agency-name-input").fill("Lakeside Insurance");
      await page.getByTestId("agency-name-input").press("Enter");
      await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");
      await page.reload();
      await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");
    } finally {
      await disk.close();
    }
  });

  it("keeps both tabs' renewal notes, ticks and lead times: the open form follows, a stale save is refused with the newer version", async () => {
    const app = await newAppContext(env.browser, env.server);
    await fixToday(app.context);
    const a = await openApp(app.context, env.server.url);
    await new BookPage(a).importSample(env.server.url);
    await a.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    const b = await openApp(app.context, `${env.server.url}?asof=2026-11-22#/renewals`);
    for (const [page, name] of [[a, "Ann Tab"], [b, "Bea Tab"]]) {
      await harborCard(page).click();
      await page.getByTestId("renewal-user").fill(name);
      await page.getByTestId("renewal-user").press("Tab");
    }

    // A saves a note; B's panel, where nothing was typed, follows it.
    await a.getByTestId("renewal-notes").fill("Loss runs requested from Acme.");
    await a.getByTestId("renewal-save-notes").click();
    await textIs(a.getByTestId("renewal-message"), "Notes saved.");
    await until(async () => (await b.getByTestId("renewal-notes").inputValue()) === "Loss runs requested from Acme.", "B follows A's note");

    // B starts typing; A saves again; B's save is refused and quotes A's newer note.
    await b.getByTestId("renewal-notes").fill("Quote sent to the client.");
    await a.getByTestId("renewal-notes").fill("Loss runs received; marketing to two carriers.");
    await a.getByTestId("renewal-save-notes").click();
    await textIs(a.getByTestId("renewal-message"), "Notes saved.");
    await b.waitForTimeout(300);
    assert.equal(await b.getByTestId("renewal-notes").inputValue(), "Quote sent to the client.", "what B typed is kept");
    await b.getByTestId("renewal-save-notes").click();
    await until(async () => /marketing to two carriers/.test(await b.getByTestId("renewal-message").innerText()), "B is shown A's newer note");
    assert.match(await b.getByTestId("renewal-message").innerText(), /were not saved/);
    await screenshot(b, "reliability-stale-notes");
    await b.getByTestId("renewal-notes-take").click();
    assert.equal(await b.getByTestId("renewal-notes").inputValue(), "Loss runs received; marketing to two carriers.");

    // A ticks an item; B clicks the same box right after the update reached it.
    const key = "client-strategy:1";
    await item(a, key).check();
    await until(async () => item(b, key).isChecked(), "the tick reaches B");
    await b.waitForTimeout(30);
    await item(b, key).click();
    await until(async () => /marked done by Ann Tab/.test(await b.getByTestId("renewal-message").innerText()), "B's click is refused, naming Ann");
    assert.ok(await item(b, key).isChecked(), "B's box shows the stored tick");

    // Both tabs tick different items at once: both are kept.
    await Promise.all([item(a, "client-strategy:2").check(), item(b, "client-strategy:3").check()]);
    // Each tab shows the other's tick once both saves have landed.
    for (const page of [a, b]) {
      for (const k of ["client-strategy:2", "client-strategy:3"]) await until(async () => item(page, k).isChecked(), `${k} shown in both tabs`);
    }
    for (const page of [a, b]) await page.reload();
    for (const page of [a, b]) {
      await harborCard(page).click();
      for (const k of ["client-strategy:1", "client-strategy:2", "client-strategy:3"]) assert.ok(await item(page, k).isChecked(), `${k} kept`);
      assert.match(await page.getByTestId("renewal-item-done").first().innerText(), /Ann Tab/);
    }

    // Lead times from two tabs: B's form follows A's save while untouched;
    // edits to different departments are both kept; the same department
    // changed in both is refused in the later tab, which then shows the saved value.
    const lead = (page, dept) => page.locator(`[data-testid="lead-days"][data-department="${dept}"]`);
    for (const page of [a, b]) await page.getByTestId("lead-times").locator("summary").click();
    await lead(a, "CL").fill("170");
    await lead(a, "CL").press("Tab");
    await a.getByTestId("lead-save").click();
    await textIs(a.getByTestId("lead-times-message"), "Lead times saved.");
    await until(async () => (await lead(b, "CL").inputValue()) === "170", "B's untouched form follows A");
    await lead(a, "CL").fill("160");
    await lead(a, "CL").press("Tab");
    await lead(b, "PL").fill("100");
    await lead(b, "PL").press("Tab");
    await lead(b, "CL").fill("180");
    await lead(b, "CL").press("Tab");
    await a.getByTestId("lead-save").click();
    await textIs(a.getByTestId("lead-times-message"), "Lead times saved.");
    await b.getByTestId("lead-save").click();
    await until(async () => /Lead times not saved: another tab or window set Commercial Lines to 160 days/.test(await b.getByTestId("lead-times-message").innerText()), "B's clashing save refused");
    assert.equal(await lead(b, "CL").inputValue(), "160", "B now shows the saved value");
    await lead(b, "PL").fill("100");
    await lead(b, "PL").press("Tab");
    await b.getByTestId("lead-save").click();
    await textIs(b.getByTestId("lead-times-message"), "Lead times saved.");
    await until(async () => (await lead(a, "PL").inputValue()) === "100", "A follows B's PL");
    await a.reload();
    await a.getByTestId("lead-times").locator("summary").click();
    assert.deepEqual([await lead(a, "CL").inputValue(), await lead(a, "PL").inputValue()], ["160", "100"], "both tabs' departments kept");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("lists safety copies, restores one, keeps three; asks before a demo backup replaces real data", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    const book = new BookPage(page);
    await book.importSample(env.server.url);
    await page.goto(`${env.server.url}#/settings`);
    await page.getByTestId("agency-name-input").fill("Lakeside Insurance");
    await page.getByTestId("agency-name-input").press("Enter");
    await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");
    await page.getByTestId("safety-copies-none").waitFor();

    // A backup of the demo agency.
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.getByTestId("demo-banner").waitFor();
    const demo = await download(page, () => page.getByTestId("backup-export").click());
    assert.equal(JSON.parse(demo.text).workspace, "demo");
    await page.getByTestId("workspace-switch").selectOption("main");
    await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");

    // Restoring it into the real workspace asks first and keeps the real name.
    await page.getByTestId("backup-import").setInputFiles(demo.path);
    assert.match(await page.getByTestId("restore-warning").innerText(), /demo agency/);
    assert.ok(await page.getByTestId("restore-confirm").isDisabled(), "not until the warning is acknowledged");
    await screenshot(page, "reliability-demo-restore-warning");
    await page.getByTestId("restore-understood").check();
    await page.getByTestId("restore-confirm").click();
    await until(async () => /Restored 300 accounts/.test(await page.getByTestId("backup-message").innerText()), "demo restored");
    await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");

    // The copy taken before it holds the real book; restoring it brings the book back.
    const copies = page.getByTestId("safety-copy");
    await until(async () => (await copies.count()) === 1, "one safety copy");
    assert.match(await copies.first().innerText(), /Lakeside Insurance: 4 accounts, 8 policies/);
    await screenshot(page, "reliability-safety-copies");
    await copies.first().getByTestId("safety-copy-restore").click();
    assert.match(await page.getByTestId("restore-preview").innerText(), /The safety copy taken .* holds 4 accounts and 8 policies/);
    await page.getByTestId("restore-confirm").click();
    await until(async () => /Restored 4 accounts/.test(await page.getByTestId("backup-message").innerText()), "copy restored");
    await until(async () => (await copies.count()) === 2, "two safety copies");
    assert.match(await copies.first().innerText(), /300 accounts/);
    await book.open(env.server.url);
    await book.waitForCount(4);

    // Two more restores: only the newest three copies are kept.
    await page.goto(`${env.server.url}#/settings`);
    for (let i = 0; i < 2; i++) {
      await copies.first().getByTestId("safety-copy-restore").click();
      if (await page.getByTestId("restore-understood").count()) await page.getByTestId("restore-understood").check();
      await page.getByTestId("restore-confirm").click();
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
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.getByTestId("demo-banner").waitFor();
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    const cards = page.getByTestId("renewal-card");
    await until(async () => (await cards.count()) > 40, "demo cards");
    const last = cards.last();
    const id = await last.getAttribute("data-renewal");
    await last.focus();
    await page.keyboard.press("Enter");
    const panel = page.getByTestId("renewal-detail");
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
