// The renewal lifecycle as an agency runs it: tracking starts with the
// first import (nothing from before it is overdue), binding takes the
// renewal terms policy by policy (a 6-month auto renews for 6 months) and
// can be undone, a lost renewal leaves revenue and is listed with its
// reason, and the dashboard shows retention.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { anyCard, card, columnCount } from "./support/renewals-page.mjs";

describe("renewal lifecycle", () => {
  const env = useServedApp(8491);

  it("starts tracking at the import, binds with terms, undoes, loses with a reason, and counts retention", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.importSample(env.server.url);
    const plRevenue = () => page.locator('[data-testid="dashboard-dept"][data-department="PL"] td').nth(2);

    // Imported on Nov 22, 2026: the plan items due before then are "before tracking", not overdue.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await columnCount(page, "expired").waitFor();
    assert.equal(await page.getByTestId("tracking-start").inputValue(), "2026-11-22");
    assert.equal(await page.getByTestId("flag-overdue").count(), 0, "nothing overdue right after the import");
    await page.getByTestId("view-overdue").click();
    await textIs(page.getByTestId("renewal-total"), "0 renewals");
    await page.getByTestId("view-overdue").click();
    const harbor = card(page, "91-120", "Harbor Bakery");
    // Mar 1, 2027: 20 items (to the 120-day strategy meeting) fell before tracking, 17 are ahead.
    await textIs(harbor.locator(".progress"), "0/17 done · Elena Ortiz");
    await textIs(harbor.getByTestId("renewal-before-tracking"), "20 before tracking");
    await harbor.click();
    assert.equal(await page.getByTestId("plan-choice").getAttribute("data-plan"), "full");
    assert.equal(await page.locator('[data-testid="milestone"][data-milestone="client-strategy"]').getAttribute("data-before-tracking"), "true");
    assert.equal(await page.locator('[data-testid="milestone"][data-milestone="submit"]').getAttribute("data-before-tracking"), "false");
    await screenshot(page, "lifecycle-before-tracking");
    // Nothing is recorded before the browser knows who is working.
    await page.getByTestId("renewal-mark-earlier").click();
    await until(async () => /^Nothing was recorded: say who is working first/.test(await page.getByTestId("renewal-message").innerText()), "asked who is working");
    await page.locator('[data-testid="renewal-item"][data-item="submit:1"]').click();
    assert.equal(await page.locator('[data-testid="renewal-item"][data-item="submit:1"]').isChecked(), false);
    await textIs(harbor.locator(".progress"), "0/17 done · Elena Ortiz");
    await page.getByTestId("renewal-user").fill("Elena Ortiz");
    await page.getByTestId("renewal-user").press("Tab");
    await page.getByTestId("renewal-mark-earlier").click();
    await textIs(harbor.locator(".progress"), "20/37 done · Elena Ortiz");
    assert.equal(await harbor.getByTestId("renewal-before-tracking").count(), 0);
    // The dashboard agrees: nothing overdue, no retention yet.
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    assert.match(await page.getByTestId("dashboard-overdue").innerText(), /^0 renewals with overdue milestones/);
    await textIs(page.getByTestId("dashboard-retention"), "Retention, last 12 months: no renewal bound or lost here yet");
    // Settings shows the same tracking start.
    await page.goto(`${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("tracking-card").waitFor();
    assert.equal(await page.getByTestId("tracking-start").inputValue(), "2026-11-22");
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    await textIs(plRevenue(), "$205.00");

    // Bind Maria Garcia's 6-month auto (May 10 to Nov 10, 2026) with a new commission.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await card(page, "expired", "Maria Garcia").click();
    // A small PL account follows the light plan.
    assert.equal(await page.getByTestId("plan-choice").getAttribute("data-plan"), "light");
    await page.getByTestId("renewal-bind").click();
    const row = page.locator('[data-testid="bind-policy"][data-policy="PA-55013"]');
    await row.waitFor();
    assert.equal(await page.getByTestId("bind-policy").count(), 1, "her home policy renews in May");
    assert.equal(await row.getByTestId("bind-effective").inputValue(), "2026-11-10");
    assert.equal(await row.getByTestId("bind-expiration").inputValue(), "2027-05-10", "six months, not a year");
    assert.equal(await row.getByTestId("bind-commission").inputValue(), "-20.00");
    await row.getByTestId("bind-commission").fill("abc");
    await page.getByTestId("bind-confirm").click();
    await until(async () => /^Not bound: Policy PA-55013: the renewal commission is not taken/.test(await page.getByTestId("renewal-message").innerText()), "bad amount refused");
    await row.getByTestId("bind-commission").fill("95.00");
    await row.getByTestId("bind-premium").fill("960.00");
    await row.getByTestId("bind-carrier").fill("Keystone Indemnity");
    await screenshot(page, "lifecycle-bind-form");
    await page.getByTestId("bind-confirm").click();
    // The auto now renews with the home policy on May 10, 2027: one renewal of both.
    await textIs(columnCount(page, "expired"), "0");
    const maria = anyCard(page, "Maria Garcia");
    await until(async () => /PL · .* · \$320\.00/.test(await maria.innerText()), "the renewal's revenue follows the new commission");
    await page.getByTestId("bind-undo").waitFor();
    assert.equal(await page.getByTestId("renewal-detail").getAttribute("aria-label"), "Renewal of Maria Garcia");
    // Its stewardship report sets the expiring term beside the renewal.
    const steward = await page.getByTestId("stewardship-policies").textContent();
    assert.match(steward, /PA-55013Personal AutoKeystone Indemnity2026-11-10 to 2027-05-10\$900\.00\$960\.00-\$20\.00\$95\.00/);
    assert.match(steward, /HO-55012.*\$1,500\.00not yet bound\$225\.00not yet bound/);
    await page.reload();
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    await textIs(plRevenue(), "$320.00");
    // The account keeps the expiring term in its history.
    await book.open(env.server.url);
    await book.openAccount("Maria Garcia");
    const term = page.locator('[data-testid="policy-term"][data-policy="PA-55013"]');
    assert.match(await term.innerText(), /PA-55013\s+2026-05-10 to 2026-11-10\s+Shield Insurance\s+\$900\.00\s+-\$20\.00\s+Nov 22, 2026 by Elena Ortiz/);
    const auto = page.locator('[data-testid="policy-row"]', { hasText: "PA-55013" });
    assert.match(await auto.innerText(), /Keystone Indemnity\s+2026-11-10\s+2027-05-10\s+\$960\.00\s+\$95\.00/);
    await screenshot(page, "lifecycle-term-history");

    // Undo, from the term the bind started (after a reload too): back on the expiring term.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await anyCard(page, "Maria Garcia").click();
    await page.locator('[data-testid="bind-undo"][data-renewal$="@2026-11-10"]').click();
    await textIs(page.getByTestId("renewal-message"), "Binding undone: the policies are back on their expiring terms.");
    await card(page, "expired", "Maria Garcia").waitFor();
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    await textIs(plRevenue(), "$205.00");

    // Granite Construction's carrier non-renews it: it leaves the board and revenue, listed as lost.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await card(page, "31-60", "Granite Construction").click();
    await page.getByTestId("renewal-lost-reason").selectOption("Carrier non-renewed");
    await page.getByTestId("renewal-lost-detail").fill("Great Plains left the contractor class");
    await page.getByTestId("renewal-lost").click();
    await textIs(columnCount(page, "31-60"), "0");
    await page.getByTestId("lost-list").locator("summary").click();
    const lost = page.locator('[data-testid="lost-row"][data-account="Granite Construction"]');
    assert.match(await lost.innerText(), /Granite Construction\s+CL\s+GL-33100, AU-33101, UM-33102\s+Jan 15, 2027\s+\$9,765\.00\s+Nov 22, 2026\s+Carrier non-renewed: Great Plains left the contractor class\s+Elena Ortiz/);
    await screenshot(page, "lifecycle-lost-list");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("lost-export").click()]);
    const csv = readFileSync(await dl.path(), "utf8").trim().split("\n");
    assert.equal(csv[0], "client,department,policy_numbers,expiration,commission_lost,lost_on,reason,detail,recorded_by");
    assert.equal(csv[1], "Granite Construction,CL,GL-33100; AU-33101; UM-33102,2027-01-15,9765.00,2026-11-22,Carrier non-renewed,Great Plains left the contractor class,Elena Ortiz");
    await book.open(env.server.url);
    await textIs(book.row("Granite Construction").locator("td").nth(2), "$0.00");
    await book.row("Granite Construction").getByTestId("book-former").waitFor();
    // Search ignores accents and case.
    await page.getByTestId("book-search").fill("GRÄNITE");
    await until(async () => (await page.getByTestId("book-row").count()) === 1, "one row for the accented search");
    await page.getByTestId("book-search").fill("");

    // Bind Maria's auto for good; retention counts one renewed policy against three lost.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await card(page, "expired", "Maria Garcia").click();
    await page.getByTestId("renewal-bind").click();
    await page.getByTestId("bind-confirm").click();
    await textIs(columnCount(page, "expired"), "0");
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    const retention = page.getByTestId("dashboard-retention");
    await until(async () => (await retention.getAttribute("data-policy-pct")) === "25.0", "policy retention");
    assert.equal(await retention.getAttribute("data-commission-pct"), "-0.2", "the auto's expiring commission was a $20 chargeback");

    // Undo the loss from the list: Granite is back on the board and in revenue.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await page.getByTestId("lost-list").locator("summary").click();
    await page.locator('[data-testid="lost-row"][data-account="Granite Construction"]').getByTestId("lost-undo").click();
    await card(page, "31-60", "Granite Construction").waitFor();
    assert.equal(await page.getByTestId("lost-row").count(), 0);
    await book.open(env.server.url);
    await textIs(book.row("Granite Construction").locator("td").nth(2), "$9,765.00");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("opens the demo as an agency mid-year: a few renewals slipping, retention counted", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);
    await page.goto(`${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.getByTestId("demo-banner").waitFor();
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    const overdue = page.getByTestId("dashboard-overdue");
    await until(async () => /^\d+ renewals with overdue milestones/.test(await overdue.innerText()), "dashboard counted");
    const n = Number((await overdue.innerText()).match(/^\d+/)[0]);
    const total = Number((await page.getByTestId("dashboard-renewals-30").innerText()).match(/^\d+/)[0]);
    assert.ok(n > 0 && n < 60, `${n} renewals slipping, not the whole book`);
    assert.ok(total > 0);
    const pct = Number(await page.getByTestId("dashboard-retention").getAttribute("data-policy-pct"));
    assert.ok(pct > 80 && pct < 100, `retention ${pct}`);
    await screenshot(page, "lifecycle-demo-dashboard");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
