// A book big enough that the renewal board is worked out in slices (10,000
// accounts, 20,000 policies): the Dashboard's counts and the board come out
// right, follow a tick and an as-of change, and another workspace never
// shows this one's renewals; the profitability figures, also worked out in
// slices, agree between the Dashboard and their page and follow a new
// baseline.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { policyCsv } from "../../bench/books.mjs";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { DashboardPage } from "./support/dashboard-page.mjs";
import { ProfitabilityPage } from "./support/profitability-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";

const POLICIES = 20_000;
const ACCOUNTS = POLICIES / 2;

/** How many of the generated policies expire in months 1..m of 2027 (policy i expires on month i % 12 + 1). */
const expiringInFirstMonths = (m) => Array.from({ length: POLICIES }, (_, i) => i % 12 < m).filter(Boolean).length;

describe("a large book", () => {
  const env = useServedApp(8494);

  it("works the board out in slices: counts, a tick, an as-of change, another workspace", async () => {
    const app = await newAppContext(env.browser, env.server);
    await fixToday(app.context, "2026-12-15T10:00:00");
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    const file = join(mkdtempSync(join(tmpdir(), "agency-desk-large-")), "policies.csv");
    writeFileSync(file, policyCsv(POLICIES));
    await book.open(env.server.url);
    await book.chooseImport(file);
    await book.commitImport();
    await book.waitForCount(ACCOUNTS);

    // This agency has tracked its plans all year: every milestone counts.
    const renewals = new RenewalsPage(page);
    await renewals.open(env.server.url);
    await renewals.setTrackingStart("2026-01-01");

    // Each client's two policies expire in different months: one renewal
    // each. On Dec 15, 2026 the January 1 renewals are 17 days out.
    const at = `${env.server.url}?asof=2026-12-15`;
    const dashboard = new DashboardPage(page);
    await page.goto(`${at}#/`);
    await screenshot(page, "large-book-dashboard-opening");
    const [d30, d60, d90] = [1, 2, 3].map(expiringInFirstMonths);
    await textIs(dashboard.byTestId("dashboard-renewals-30"), `${d30} renewing in the next 30 days`);
    assert.match(await dashboard.renewalsTile().innerText(), new RegExp(`; ${d60} in 60, ${d90} in 90`));
    await until(async () => (await page.getByTestId("renewals-working").count()) === 0, "the Dashboard's renewals worked out");

    // The profitability tile, also worked out in slices: each department's
    // revenue as the file gives it (an account takes the department of its
    // first row; every policy of it counts).
    const cents = { CL: 0, PL: 0 };
    for (let i = 0; i < POLICIES; i++) cents[Math.floor(i / 2) % 3 === 0 ? "PL" : "CL"] += (150 + (i % 89)) * 100;
    const money = (c) => `$${Math.floor(c / 100).toLocaleString("en-US")}.${String(c % 100).padStart(2, "0")}`;
    await textIs(dashboard.departmentRevenue("CL"), money(cents.CL));
    await textIs(dashboard.departmentRevenue("PL"), money(cents.PL));
    await until(async () => (await page.getByTestId("profit-working").count()) === 0, "the Dashboard's figures worked out");
    const losing = Number((await dashboard.losingText()).match(/^(\d+) accounts cost more/)[1]);

    // The Profitability page shows the same analysis; a what-if is worked
    // out from the same figures, and saving it makes it the baseline.
    const profit = new ProfitabilityPage(page);
    await page.locator('nav a[href="#/profitability"]').click();
    await textIs(profit.losingCount(), String(losing));
    const employees = await profit.employees();
    await profit.setEmployees(employees * 4);
    await profit.whatIfBanner().waitFor();
    await until(async () => (await profit.losingAccounts()) < losing, "a cheaper minute: fewer accounts lose money");
    const whatIf = await profit.losingAccounts();
    await profit.saveBaseline();
    await textIs(profit.losingCount(), String(whatIf));
    await page.locator('nav a[href="#/"]').click();
    await until(async () => (await dashboard.losingText()).startsWith(`${whatIf} accounts cost more`), "the Dashboard follows the new baseline");
    await profit.open(env.server.url);
    await profit.setEmployees(employees);
    await profit.saveBaseline();
    await textIs(profit.losingCount(), String(losing));

    // The board shares the Dashboard's list: every renewal, by column.
    await page.locator('nav a[href="#/renewals"]').click();
    await textIs(renewals.total(), `${POLICIES} renewals`);
    await textIs(renewals.columnCount("0-30"), String(d30));
    await textIs(renewals.columnCount("31-60"), String(d60 - d30));
    await textIs(renewals.columnCount("180+"), String(POLICIES - expiringInFirstMonths(6)));
    // The filters offer what the renewals hold, gathered with the board.
    const carriers = await page.getByTestId("renewal-filter-carrier").locator("option").allInnerTexts();
    assert.deepEqual(carriers, ["All", "Acme Mutual"]);
    const tiers = await page.getByTestId("renewal-filter-tier").locator("option").allInnerTexts();
    assert.ok(tiers.length > 1, `tiers offered: ${tiers}`);
    await screenshot(page, "large-book-board");

    // A tick is worked into the board again: the card shows it.
    const client = await renewals.column("0-30").getByTestId("renewal-card").first().getAttribute("data-account");
    const progress = renewals.progress("0-30", client);
    const before = (await progress.innerText()).match(/^0\/(\d+) done/);
    assert.ok(before, `an untouched renewal: ${await progress.innerText()}`);
    await renewals.openRenewal("0-30", client);
    await renewals.setUser("Elena Ortiz");
    const key = await page.locator('[data-testid="renewal-item"]:not([disabled]):not(:checked)').first().getAttribute("data-item");
    await renewals.tickItem(key);
    await textIs(progress, `1/${before[1]} done`);
    await renewals.closePanel();

    // Another as-of date: the January renewals have expired, February's are next.
    await page.goto(`${env.server.url}?asof=2027-01-15#/renewals`);
    await textIs(renewals.columnCount("expired"), String(d30));
    await textIs(renewals.columnCount("0-30"), String(d60 - d30));

    // The demo workspace's board holds the demo's renewals only.
    const settings = new SettingsPage(page);
    await settings.open(env.server.url);
    await settings.openDemoWorkspace();
    await renewals.open(env.server.url);
    await until(async () => /^\d+ renewals$/.test(await renewals.total().innerText()), "the demo's renewals counted");
    const demoTotal = Number((await renewals.total().innerText()).split(" ")[0]);
    assert.ok(demoTotal > 0 && demoTotal !== POLICIES, `the demo's renewals: ${demoTotal}`);
    assert.equal(await page.locator('[data-testid="renewal-card"][data-account^="Client "]').count(), 0);
    await settings.open(env.server.url);
    await settings.openMainWorkspace();
    await renewals.open(env.server.url);
    await textIs(renewals.total(), `${POLICIES} renewals`);
    await app.context.close();
  });
});
