// The app-wide as-of date: today by default, a link's ?asof= for that tab,
// a date saved in Settings for every tab, and the header saying which.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { newAppContext, openApp, pageToday, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { Shell } from "./support/shell-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";

describe("as-of date", () => {
  const env = useServedApp(8472);
  let app;

  it("defaults to the browser's today and says so", async () => {
    app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const shell = new Shell(page);
    await textIs(shell.asOf(), await pageToday(page));
    assert.equal(await page.locator(".as-of.not-today").count(), 0);
    await app.context.close();
  });

  it("takes ?asof= from the link for that tab only, on any page", async () => {
    app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2027-01-31#/renewals`);
    const shell = new Shell(page);
    await textIs(shell.asOf(), "2027-01-31");
    assert.match(await page.locator(".as-of").innerText(), /from this link; not today/);
    await screenshot(page, "asof-link-renewals");
    // Moving between pages keeps the link's date.
    await shell.goTo("Book");
    await textIs(shell.asOf(), "2027-01-31");
    // Another tab without the parameter is at today.
    const other = await openApp(app.context, env.server.url);
    await textIs(new Shell(other).asOf(), await pageToday(other));
    await app.context.close();
  });

  it("explains a bad ?asof= value and falls back to today", async () => {
    app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2027-02-30`);
    const shell = new Shell(page);
    await textIs(shell.asOf(), await pageToday(page));
    const notice = await shell.notice().innerText();
    assert.match(notice, /2027-02-30/);
    assert.match(notice, /YYYY-MM-DD/);
    await app.context.close();
  });

  it("saves a date in Settings that survives a reload, and goes back to today", async () => {
    app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    const shell = new Shell(page);
    await new SettingsPage(page).saveAsOf("2026-12-15");
    await textIs(shell.asOf(), "2026-12-15");
    assert.match(await page.locator(".as-of").innerText(), /set in Settings; not today/);
    await page.reload();
    await textIs(shell.asOf(), "2026-12-15");
    // A link's date still wins for its tab.
    const linked = await openApp(app.context, `${env.server.url}?asof=2027-03-01#/settings`);
    await textIs(new Shell(linked).asOf(), "2027-03-01");
    await linked.close();
    // "Back to today" in the header clears the saved date.
    await page.getByRole("button", { name: "Back to today" }).click();
    await textIs(shell.asOf(), await pageToday(page));
    await page.reload();
    await textIs(shell.asOf(), await pageToday(page));
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("refuses an empty date with a message", async () => {
    app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    const settings = new SettingsPage(page);
    // The browser's own `required` check stops the form; the date is unchanged.
    await settings.saveAsOf("");
    await textIs(new Shell(page).asOf(), await pageToday(page));
    await until(async () => !(await settings.isAsOfValid()), "invalid field");
    await app.context.close();
  });
});
