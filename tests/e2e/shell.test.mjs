// The app shell from a sub-path of a plain static server: navigation, deep
// links, reloads, keyboard use, layout widths, print, and no foreign requests.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { NAV_LABELS, Shell } from "./support/shell-page.mjs";

const HEADINGS = {
  Dashboard: "Dashboard",
  Book: "Book of business",
  Profitability: "Account profitability",
  Renewals: "Renewal countdown",
  Onboarding: "Onboarding",
  "Service model": "Service model",
  Settings: "Settings",
};

describe("app shell", () => {
  const env = useServedApp(8471);
  let app;
  before(async () => {
    app = await newAppContext(env.browser, env.server);
  });

  it("loads from a sub-path and lists exactly the seven pages", async () => {
    const page = await openApp(app.context, env.server.url);
    const shell = new Shell(page);
    assert.deepEqual(await shell.navLabels(), NAV_LABELS);
    assert.equal((await page.title()).endsWith("AgencyDesk"), true);
    await textIs(shell.workspaceName(), "My agency");
    await page.close();
  });

  it("reaches every page from the navigation, with an honest empty state", async () => {
    const page = await openApp(app.context, env.server.url);
    const shell = new Shell(page);
    for (const label of NAV_LABELS) {
      await shell.goTo(label);
      await textIs(shell.heading(), HEADINGS[label]);
      assert.equal(await shell.navLink(label).getAttribute("aria-current"), "page");
      const slug = label === "Dashboard" ? "dashboard" : label.toLowerCase().replace(" ", "-");
      await screenshot(page, `shell-1366-${slug}`);
    }
    // The empty states say what is missing and link onward; no invented figures.
    await shell.goTo("Renewals");
    const empty = shell.emptyState();
    assert.match(await empty.innerText(), /no(ne| accounts| trainees)/i);
    assert.doesNotMatch(await empty.innerText(), /\$\s?\d/);
    await page.close();
  });

  it("survives a reload and a pasted deep link on every page", async () => {
    for (const [label, heading] of Object.entries(HEADINGS)) {
      const slug = label === "Dashboard" ? "" : label.toLowerCase().replace(" ", "-");
      const page = await openApp(app.context, `${env.server.url}#/${slug}`);
      const shell = new Shell(page);
      await textIs(shell.heading(), heading);
      await page.reload();
      await textIs(shell.heading(), heading);
      await page.close();
    }
    const page = await openApp(app.context, `${env.server.url}index.html#/settings`);
    await textIs(new Shell(page).heading(), "Settings");
    await page.goto(`${env.server.url}#/no-such-page`);
    await textIs(new Shell(page).heading(), "Page not found");
    await page.close();
  });

  it("is usable from the keyboard with a visible focus ring", async () => {
    const page = await openApp(app.context, env.server.url);
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.textContent), "Skip to content");
    const seen = [];
    for (let i = 0; i < 10 && !seen.includes("Settings"); i++) {
      await page.keyboard.press("Tab");
      seen.push(await page.evaluate(() => document.activeElement.textContent.trim()));
    }
    assert.ok(seen.includes("Book") && seen.includes("Settings"), `tab order: ${seen.join(" | ")}`);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
    assert.equal(outline, "solid");
    await page.keyboard.press("Enter");
    await textIs(new Shell(page).heading(), "Settings");
    await page.close();
  });

  it("fits a 768px tablet without sideways scrolling", async () => {
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    for (const width of [1366, 1024, 768]) {
      await page.setViewportSize({ width, height: 900 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page is ${overflow}px wider than a ${width}px window`);
      await screenshot(page, `shell-${width}-settings`);
    }
    await page.close();
  });

  it("prints without the navigation", async () => {
    const page = await openApp(app.context, `${env.server.url}#/renewals`);
    await page.emulateMedia({ media: "print" });
    const navDisplay = await page.evaluate(() => getComputedStyle(document.querySelector("nav.main-nav")).display);
    assert.equal(navDisplay, "none");
    await screenshot(page, "shell-print-renewals");
    await page.close();
  });

  it("made no request outside its own origin and logged no errors", async () => {
    await until(async () => app.requests.length > 0, "some requests");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
  });
});
