// The renewal lifecycle as an agency runs it: tracking starts with the
// first import (nothing from before it is overdue), binding takes the
// renewal terms policy by policy (a 6-month auto renews for 6 months) and
// can be undone, a lost renewal leaves revenue and is listed with its
// reason, and the dashboard shows retention.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { DashboardPage } from "./support/dashboard-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";

describe("renewal lifecycle", () => {
  const env = useServedApp(8491);

  it("starts tracking at the import, binds with terms, undoes, loses with a reason, and counts retention", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    const renewals = new RenewalsPage(page);
    const dashboard = new DashboardPage(page);
    await book.importSample(env.server.url);

    // Imported on Nov 22, 2026: the plan items due before then are "before tracking", not overdue.
    await renewals.open(at);
    await renewals.columnCount("expired").waitFor();
    assert.equal(await renewals.trackingStart(), "2026-11-22");
    assert.equal(await renewals.overdueFlagCount(), 0, "nothing overdue right after the import");
    await renewals.toggleView("overdue");
    await textIs(renewals.total(), "0 renewals");
    await renewals.toggleView("overdue");
    const harbor = renewals.progress("91-120", "Harbor Bakery");
    // Mar 1, 2027: 20 items (to the 120-day strategy meeting) fell before tracking, 17 are ahead.
    await textIs(harbor, "0/17 done · Elena Ortiz");
    await textIs(renewals.beforeTracking("91-120", "Harbor Bakery"), "20 before tracking");
    await renewals.openRenewal("91-120", "Harbor Bakery");
    assert.equal(await renewals.plan(), "full");
    assert.equal(await renewals.isMilestoneBeforeTracking("client-strategy"), "true");
    assert.equal(await renewals.isMilestoneBeforeTracking("submit"), "false");
    await screenshot(page, "lifecycle-before-tracking");
    // Nothing is recorded before the browser knows who is working.
    await renewals.markEarlierDone();
    await until(async () => /^Nothing was recorded: say who is working first/.test(await renewals.messageText()), "asked who is working");
    await renewals.clickItem("submit:1");
    assert.equal(await renewals.isTicked("submit:1"), false);
    await textIs(harbor, "0/17 done · Elena Ortiz");
    await renewals.setUser("Elena Ortiz");
    await renewals.markEarlierDone();
    await textIs(harbor, "20/37 done · Elena Ortiz");
    assert.equal(await renewals.beforeTracking("91-120", "Harbor Bakery").count(), 0);
    // The dashboard agrees: nothing overdue, no retention yet.
    await dashboard.open(at);
    assert.match(await dashboard.overdueText(), /^0 renewals with overdue milestones/);
    await textIs(dashboard.retention(), "Retention, last 12 months: no renewal bound or lost here yet");
    // Settings shows the same tracking start.
    const settings = new SettingsPage(page);
    await settings.open(at);
    await settings.trackingCard().waitFor();
    assert.equal(await settings.trackingStart(), "2026-11-22");
    await dashboard.open(at);
    await textIs(dashboard.departmentRevenue("PL"), "$205.00");

    // Bind Maria Garcia's 6-month auto (May 10 to Nov 10, 2026) with a new commission.
    await renewals.open(at);
    await renewals.openRenewal("expired", "Maria Garcia");
    // A small PL account follows the light plan.
    assert.equal(await renewals.plan(), "light");
    await renewals.startBinding();
    await renewals.bindRow("PA-55013").waitFor();
    assert.equal(await renewals.bindPolicyCount(), 1, "her home policy renews in May");
    assert.equal(await renewals.bindTerm("PA-55013", "effective"), "2026-11-10");
    assert.equal(await renewals.bindTerm("PA-55013", "expiration"), "2027-05-10", "six months, not a year");
    assert.equal(await renewals.bindTerm("PA-55013", "commission"), "-20.00");
    await renewals.setBindTerms("PA-55013", { commission: "abc" });
    await renewals.confirmBind();
    await until(async () => /^Not bound: Policy PA-55013: the renewal commission is not taken/.test(await renewals.messageText()), "bad amount refused");
    await renewals.setBindTerms("PA-55013", { commission: "95.00", premium: "960.00", carrier: "Keystone Indemnity" });
    await screenshot(page, "lifecycle-bind-form");
    await renewals.confirmBind();
    // The auto now renews with the home policy on May 10, 2027: one renewal of both.
    await textIs(renewals.columnCount("expired"), "0");
    await until(async () => /PL · .* · \$320\.00/.test(await renewals.anyCard("Maria Garcia").innerText()), "the renewal's revenue follows the new commission");
    await renewals.bindUndo().waitFor();
    assert.equal(await renewals.detail().getAttribute("aria-label"), "Renewal of Maria Garcia");
    // Its stewardship report sets the expiring term beside the renewal.
    const steward = await renewals.stewardshipPolicies();
    assert.match(steward, /PA-55013Personal AutoKeystone Indemnity2026-11-10 to 2027-05-10\$900\.00\$960\.00-\$20\.00\$95\.00/);
    assert.match(steward, /HO-55012.*\$1,500\.00not yet bound\$225\.00not yet bound/);
    await renewals.reload();
    await dashboard.open(at);
    await textIs(dashboard.departmentRevenue("PL"), "$320.00");
    // The account keeps the expiring term in its history.
    await book.open(env.server.url);
    await book.openAccount("Maria Garcia");
    assert.match(await book.policyTerm("PA-55013").innerText(), /PA-55013\s+2026-05-10 to 2026-11-10\s+Shield Insurance\s+\$900\.00\s+-\$20\.00\s+Nov 22, 2026 by Elena Ortiz/);
    assert.match(await book.policyRow("PA-55013").innerText(), /Keystone Indemnity\s+2026-11-10\s+2027-05-10\s+\$960\.00\s+\$95\.00/);
    await screenshot(page, "lifecycle-term-history");

    // Undo, from the term the bind started (after a reload too): back on the expiring term.
    await renewals.open(at);
    await renewals.openAnyRenewal("Maria Garcia");
    await renewals.undoBind("2026-11-10");
    await textIs(renewals.message(), "Binding undone: the policies are back on their expiring terms.");
    await renewals.card("expired", "Maria Garcia").waitFor();
    await dashboard.open(at);
    await textIs(dashboard.departmentRevenue("PL"), "$205.00");

    // Granite Construction's carrier non-renews it: it leaves the board and revenue, listed as lost.
    await renewals.open(at);
    await renewals.openRenewal("31-60", "Granite Construction");
    await renewals.loseRenewal("Carrier non-renewed", "Great Plains left the contractor class");
    await textIs(renewals.columnCount("31-60"), "0");
    await renewals.openLostList();
    assert.match(await renewals.lostRow("Granite Construction").innerText(), /Granite Construction\s+CL\s+GL-33100, AU-33101, UM-33102\s+Jan 15, 2027\s+\$9,765\.00\s+Nov 22, 2026\s+Carrier non-renewed: Great Plains left the contractor class\s+Elena Ortiz/);
    await screenshot(page, "lifecycle-lost-list");
    const csv = await renewals.exportLost();
    assert.equal(csv[0], "client,department,policy_numbers,expiration,commission_lost,lost_on,reason,detail,recorded_by");
    assert.equal(csv[1], "Granite Construction,CL,GL-33100; AU-33101; UM-33102,2027-01-15,9765.00,2026-11-22,Carrier non-renewed,Great Plains left the contractor class,Elena Ortiz");
    await book.open(env.server.url);
    await textIs(book.revenue("Granite Construction"), "$0.00");
    await book.formerMark("Granite Construction").waitFor();
    // Search ignores accents and case.
    await book.search("GRÄNITE");
    await until(async () => (await book.rowCount()) === 1, "one row for the accented search");
    await book.search("");

    // Bind Maria's auto for good; retention counts one renewed policy against three lost.
    await renewals.open(at);
    await renewals.openRenewal("expired", "Maria Garcia");
    await renewals.startBinding();
    await renewals.confirmBind();
    await textIs(renewals.columnCount("expired"), "0");
    await dashboard.open(at);
    await until(async () => (await dashboard.policyRetention()) === "25.0", "policy retention");
    assert.equal(await dashboard.commissionRetention(), "-0.2", "the auto's expiring commission was a $20 chargeback");

    // Undo the loss from the list: Granite is back on the board and in revenue.
    await renewals.open(at);
    await renewals.openLostList();
    await renewals.undoLoss("Granite Construction");
    await renewals.card("31-60", "Granite Construction").waitFor();
    assert.equal(await renewals.lostRowCount(), 0);
    await book.open(env.server.url);
    await textIs(book.revenue("Granite Construction"), "$9,765.00");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("opens the demo as an agency mid-year: a few renewals slipping, retention counted", async () => {
    const app = await newAppContext(env.browser, env.server);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const settings = new SettingsPage(page);
    await settings.open(at);
    await settings.openDemoWorkspace();
    const dashboard = new DashboardPage(page);
    await dashboard.open(at);
    await until(async () => /^\d+ renewals with overdue milestones/.test(await dashboard.overdueText()), "dashboard counted");
    const n = Number((await dashboard.overdueText()).match(/^\d+/)[0]);
    const total = Number((await dashboard.renewingIn30Days()).match(/^\d+/)[0]);
    assert.ok(n > 0 && n < 60, `${n} renewals slipping, not the whole book`);
    assert.ok(total > 0);
    const pct = Number(await dashboard.policyRetention());
    assert.ok(pct > 80 && pct < 100, `retention ${pct}`);
    await screenshot(page, "lifecycle-demo-dashboard");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
