// The renewal countdown board: columns by days to expiration from the as-of
// date, ticking plan items, binding a renewal into its next term, losing
// one, and the milestones export.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { fixToday, newAppContext, openApp, printedWith, screenshot, spyOnPrint, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { DashboardPage } from "./support/dashboard-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";

describe("renewal countdown", () => {
  const env = useServedApp(8481);

  it("counts renewals down, ticks items, binds and loses renewals, exports milestones", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    // Ticks are dated with the real day: fix it so the test reads the same on any day.
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);
    const renewals = new RenewalsPage(page);

    // The import started tracking on its day; this agency has worked its
    // plans here since January, so every milestone of these terms counts.
    await renewals.open(at);
    assert.equal(await renewals.trackingStart(), "2026-11-22");
    await renewals.setTrackingStart("2026-01-01");

    // On Nov 22, 2026: Maria Garcia's auto expired Nov 10; Granite renews Jan 15 (54 days),
    // Harbor Bakery's two policies Mar 1 (99 days), Maria's home May 10, Lakeshore Jul 1.
    await renewals.open(at);
    await renewals.column("expired").waitFor();
    const expected = { expired: "1", "0-30": "0", "31-60": "1", "61-90": "0", "91-120": "1", "121-180": "1", "180+": "1" };
    for (const [bucket, n] of Object.entries(expected)) await textIs(renewals.columnCount(bucket), n);
    await renewals.card("31-60", "Granite Construction").waitFor();
    assert.match(await renewals.card("91-120", "Harbor Bakery").innerText(), /99 days[\s\S]*0\/37 done/);
    // Granite is inside CL's 150-day lead time with nothing done.
    await renewals.notStartedFlag("31-60", "Granite Construction").waitFor();
    await screenshot(page, "renewals-board");

    // A consultant shows the board as it will look 60 days on.
    await renewals.open(`${env.server.url}?asof=2027-01-21`);
    await renewals.card("expired", "Granite Construction").waitFor();
    await renewals.card("31-60", "Harbor Bakery").waitFor();
    await textIs(renewals.columnCount("expired"), "2");

    // Back to Nov 22: tick an item of Harbor Bakery's plan; it is kept with who and when.
    await renewals.open(at);
    await renewals.openRenewal("91-120", "Harbor Bakery");
    await renewals.setUser("Elena Ortiz");
    await renewals.tickItem("client-strategy:1");
    await until(async () => /Elena Ortiz/.test(await renewals.firstTickedBy()), "tick recorded");
    await textIs(renewals.progress("91-120", "Harbor Bakery"), "1/37 done · Elena Ortiz");
    await renewals.reload();
    await renewals.openRenewal("91-120", "Harbor Bakery");
    assert.ok(await renewals.isTicked("client-strategy:1"));
    assert.match(await renewals.firstTickedBy(), /Elena Ortiz on Nov 22, 2026/);
    await screenshot(page, "renewals-panel");

    // Internal notes stay internal; the claims review is what the client reads.
    await renewals.saveNotes("Owner hinted at shopping the account.");
    await textIs(renewals.message(), "Notes saved.");
    await renewals.saveClaimsReview("One workers comp claim (closed, $2,100 paid).");
    await textIs(renewals.message(), "Claims review saved.");

    // The stewardship report prints on its own: team, policies and premiums, services delivered.
    await spyOnPrint(page);
    await renewals.printStewardship();
    assert.match(await printedWith(page), /print-stewardship/);
    await page.evaluate(() => document.body.classList.add("print-stewardship"));
    await page.emulateMedia({ media: "print" });
    const report = await renewals.stewardshipReport();
    assert.match(report, /Stewardship report — Harbor Bakery[\s\S]*Producer: Marcus Bell[\s\S]*BOP-10021[\s\S]*\$4,000\.00/);
    assert.match(report, /Gather underwriting information — Nov 22, 2026 \(Elena Ortiz\)/);
    assert.match(report, /BOP-10021\s+BOP\s+Acme Mutual\s+2026-03-01 to 2027-03-01\s+\$4,000\.00\s+not yet bound\s+\$600\.00\s+not yet bound/);
    assert.match(report, /Claims review\s+One workers comp claim \(closed, \$2,100 paid\)\./);
    assert.doesNotMatch(report, /shopping the account/, "internal notes are never printed");
    await screenshot(page, "renewals-stewardship-print");
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => document.body.classList.remove("print-stewardship"));

    // Typing on narrows what is shown (only what was kept is checked
    // again); deleting text widens it back to what a fresh search shows.
    const everything = await renewals.total().innerText();
    await renewals.searchFor("g");
    const g = await renewals.total().innerText();
    assert.notEqual(g, everything, "the test needs a letter that leaves some renewals out");
    for (const text of ["gl", "gl-3", "gl-331"]) await renewals.searchFor(text);
    await textIs(renewals.total(), "1 renewals");
    await renewals.searchFor("g");
    await textIs(renewals.total(), g);
    await renewals.searchFor("");
    await textIs(renewals.total(), everything);

    // Filters narrow every column.
    await renewals.searchFor("GRÀNITE");
    await textIs(renewals.total(), "1 renewals");
    await renewals.searchFor("gl-331");
    await textIs(renewals.total(), "1 renewals");
    await textIs(renewals.columnCount("31-60"), "1");
    await textIs(renewals.columnCount("91-120"), "0");
    await renewals.searchFor("");
    // The calendar offers the people of the renewals shown, and only them:
    // Maria Garcia's account has a producer and a client advocate.
    const offered = async (names) => {
      const options = () => page.getByTestId("export-ics-person").locator("option").allInnerTexts();
      await until(async () => (await options()).join() === names.join(), `the calendar offers ${names.join(", ")}`);
    };
    await offered(["Everyone", "Elena Ortiz", "Marcus Bell", "Priya Natarajan", "Sam Cho"]);
    await renewals.filterDepartment("PL");
    await textIs(renewals.total(), "2 renewals");
    await offered(["Everyone", "Marcus Bell", "Sam Cho"]);
    await renewals.filterDepartment("");

    // The milestones export: one row per plan item per renewal.
    const rows = await renewals.exportMilestones();
    assert.equal(rows[0], "client,policy_numbers,expiration,milestone,item,owner_role,due,done_on");
    // Granite, Harbor and Lakeshore follow the full plan (37 items); Maria Garcia's two
    // renewals (PL, $205 a year) the light plan for small accounts (9 items).
    assert.equal(rows.length, 1 + 3 * 37 + 2 * 9);
    assert.ok(rows.some((r) => r.startsWith("Harbor Bakery,BOP-10021; WC-20417,2027-03-01,") && r.includes("Gather underwriting information") && r.endsWith(",2026-11-22")));

    // The calendar holds what is still to do: open milestones due from Nov 22 on
    // (Granite 1, Harbor 3, Maria's home 2 of the light plan, Lakeshore 5; the expired auto none).
    const calendar = await renewals.exportCalendar();
    assert.match(calendar, /^BEGIN:VCALENDAR\r\nVERSION:2\.0/);
    assert.equal(calendar.match(/BEGIN:VEVENT/g).length, 11);
    assert.match(calendar, /DTSTART;VALUE=DATE:20261201\r\n/, "Harbor Bakery's submit milestone, 90 days before March 1");
    assert.match(calendar.replace(/\r\n /g, ""), /Account team: Producer Marcus Bell\\, Client manager Elena Ortiz/);
    // One person's calendar: only milestones with items Sam Cho owns, each naming him.
    await renewals.chooseCalendarPerson("Sam Cho");
    const events = (await renewals.exportCalendar()).replace(/\r\n /g, "").split("BEGIN:VEVENT").slice(1);
    assert.ok(events.length > 0 && events.length < 11, `${events.length} events for Sam`);
    for (const e of events) assert.match(e, /Sam Cho/);
    await renewals.chooseCalendarPerson("");

    // Workload by person and week; the expiration list for a date range, printable alone.
    await renewals.openWorkload();
    await renewals.workloadRow("Elena Ortiz").waitFor();
    await renewals.openExpirationList();
    await textIs(renewals.expirationRows().first().locator("td").nth(1), "Granite Construction");
    // With the lines, carriers, premium and commission of the renewing policies.
    assert.match(await renewals.expirationRows().first().innerText(), /GL-33100, AU-33101, UM-33102\s+General Liability, Commercial Auto, Umbrella\s+Bayside Specialty \(E&S\), Great Plains Casualty\s+Elena Ortiz\s+\$69,500\.00\s+\$9,765\.00/);
    assert.equal(await renewals.expirationRows().count(), 1, "Nov 22 to Feb 20: Granite only");
    await renewals.setExpirationListEnd("2027-03-31");
    await until(async () => (await renewals.expirationRows().count()) === 2, "Harbor Bakery joins the list");
    await spyOnPrint(page);
    await renewals.printExpirationList();
    assert.match(await printedWith(page), /print-xlist/);

    // A shorter CL lead time (30 days) clears Granite's "not started" flag (54 days out).
    await renewals.openLeadTimes();
    await renewals.setLeadDays("CL", "400");
    await textIs(renewals.leadTimesMessage(), "The lead time of Commercial Lines must be a whole number from 0 to 365; “400” is not.");
    await renewals.setLeadDays("CL", "30");
    await renewals.saveLeadTimes();
    await until(async () => (await renewals.notStartedFlag("31-60", "Granite Construction").count()) === 0, "flag cleared");

    // Binding Granite closes this term and puts the next one (Jan 15, 2028) on the board.
    await renewals.openRenewal("31-60", "Granite Construction");
    await renewals.startBinding();
    assert.equal(await renewals.bindPolicyCount(), 3);
    await renewals.confirmBind();
    await renewals.card("180+", "Granite Construction").waitFor();
    await textIs(renewals.columnCount("31-60"), "0");
    await renewals.closePanel();

    // Losing Maria Garcia's expired auto renewal, with a reason, takes it off the board.
    await renewals.openRenewal("expired", "Maria Garcia");
    await renewals.clickLost();
    await page.getByText("Choose why the renewal was lost or not renewed.").waitFor();
    await renewals.chooseLostReason("Other");
    await renewals.clickLost();
    await page.getByText("Say in a few words why the renewal was lost (the reason is “Other”).").waitFor();
    await renewals.describeLoss("Moved to a direct writer");
    await renewals.clickLost();
    await textIs(renewals.columnCount("expired"), "0");
    await renewals.reload();
    await textIs(renewals.columnCount("expired"), "0");
    await renewals.card("180+", "Granite Construction").waitFor();

    // The dashboard tile links to the filtered board.
    const dashboard = new DashboardPage(page);
    await dashboard.open(at);
    await dashboard.renewalsTile().waitFor();
    assert.match(await dashboard.renewingIn30Days(), /^0 renewing in the next 30 days/);
    await dashboard.showNotStartedRenewals();
    await until(async () => renewals.isViewOn("not-started"), "filtered view");
    await screenshot(page, "renewals-not-started");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("keeps one account's lead time when the department lead times are saved after it", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);
    const renewals = new RenewalsPage(page);
    await renewals.open(`${env.server.url}?asof=2026-11-22`);
    await renewals.setTrackingStart("2026-01-01");
    await renewals.notStartedFlag("31-60", "Granite Construction").waitFor();
    await renewals.openRenewal("91-120", "Harbor Bakery");
    await renewals.setAccountLeadDays("400");
    await page.getByText("The lead time for this account must be a whole number from 0 to 365; “400” is not.").waitFor();
    await renewals.setAccountLeadDays("200");
    await page.getByText("Lead time saved for this account.").waitFor();
    // Then, on the same page, the department lead times: CL down to 30 days.
    await renewals.openLeadTimes();
    await renewals.setLeadDays("CL", "30");
    await renewals.saveLeadTimes();
    await textIs(renewals.leadTimesMessage(), "Lead times saved.");
    await renewals.reload();
    await until(async () => (await renewals.notStartedFlag("31-60", "Granite Construction").count()) === 0, "CL at 30 days");
    await renewals.openRenewal("91-120", "Harbor Bakery");
    assert.equal(await renewals.accountLeadDays(), "200", "the account's own lead time is kept");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("lets the agency edit the plan template and reset it", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    await new BookPage(page).importSample(env.server.url);
    const renewals = new RenewalsPage(page);
    await renewals.open(`${env.server.url}?asof=2026-11-22`);
    await renewals.setTrackingStart("2026-01-01");
    const harbor = renewals.progress("91-120", "Harbor Bakery");
    await renewals.card("91-120", "Harbor Bakery").waitFor();
    await renewals.openPlanEditor();
    // Reword an item, add one, and move the milestone's due day from 90 to 100 days before renewal.
    await renewals.rewordFirstPlanItem("submit", "Submit the renewal to the chosen markets");
    await renewals.addPlanItem("submit");
    await renewals.setPlanDue("submit", "401");
    await until(async () => /“Due” of “.+” must be a whole number from 0 to 400; “401” is not\./.test(await renewals.planMessage()), "day refused");
    await renewals.setPlanDue("submit", "100");
    // A window that ends before it opens is refused with the reason.
    await renewals.setPlanFrom("submit", "95");
    await renewals.savePlans();
    await until(async () => /due before it opens/.test(await renewals.planMessage()), "refused");
    await renewals.setPlanFrom("submit", "120");
    await renewals.savePlans();
    await until(async () => /The plan is saved/.test(await renewals.planMessage()), "saved");
    await textIs(harbor, "0/38 done · Elena Ortiz");
    await renewals.reload();
    await renewals.openRenewal("91-120", "Harbor Bakery");
    const submitted = renewals.milestone("submit");
    assert.match(await submitted.innerText(), /Submit the renewal to the chosen markets[\s\S]*New item/);
    assert.match(await submitted.locator("h3").innerText(), /Nov 21, 2026$/, "100 days before March 1, 2027");
    assert.equal((await renewals.exportMilestones()).length, 1 + 3 * 38 + 2 * 9);
    // Reset puts the original back.
    await renewals.openPlanEditor();
    await renewals.resetPlans();
    await textIs(harbor, "0/37 done · Elena Ortiz");

    // Plans by tier: Maria Garcia ($205, PL tier $100 – $249) follows the light plan.
    const maria = renewals.progress("121-180", "Maria Garcia");
    await textIs(maria, "0/9 done · Sam Cho");
    await renewals.openRenewal("121-180", "Maria Garcia");
    await textIs(renewals.planChoice(), "Plan: Light plan for small accounts. Personal Lines accounts in the tier “$100 – $249” follow the Light plan for small accounts. Plans are assigned by department and tier in “Edit the Client Service Plans”.");
    assert.equal(await renewals.plan(), "light");
    // A copy of the light plan, with a milestone removed, for that tier (the editor is still open).
    await renewals.choosePlan("light");
    await renewals.copyPlan("Personal small", "personal-small");
    await renewals.removePlanMilestone("light-delivery");
    await renewals.assignPlan("PL", "$100 – $249", "personal-small");
    await renewals.savePlans();
    await until(async () => /The plan is saved/.test(await renewals.planMessage()), "plans saved");
    await textIs(maria, "0/8 done · Sam Cho");
    await renewals.reload();
    await textIs(maria, "0/8 done · Sam Cho");
    await screenshot(page, "renewals-plans");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
