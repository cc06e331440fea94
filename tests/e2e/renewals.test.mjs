// The renewal countdown board: columns by days to expiration from the as-of
// date, ticking plan items, binding a renewal into its next term, losing
// one, and the milestones export.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { card, column, columnCount as count, setTrackingStart } from "./support/renewals-page.mjs";

describe("renewal countdown", () => {
  const env = useServedApp(8481);

  it("counts renewals down, ticks items, binds and loses renewals, exports milestones", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    // Ticks are dated with the real day: fix it so the test reads the same on any day.
    await fixToday(app.context);
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);

    // The import started tracking on its day; this agency has worked its
    // plans here since January, so every milestone of these terms counts.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    assert.equal(await page.getByTestId("tracking-start").inputValue(), "2026-11-22");
    await setTrackingStart(page, "2026-01-01");

    // On Nov 22, 2026: Maria Garcia's auto expired Nov 10; Granite renews Jan 15 (54 days),
    // Harbor Bakery's two policies Mar 1 (99 days), Maria's home May 10, Lakeshore Jul 1.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await column(page, "expired").waitFor();
    const expected = { expired: "1", "0-30": "0", "31-60": "1", "61-90": "0", "91-120": "1", "121-180": "1", "180+": "1" };
    for (const [bucket, n] of Object.entries(expected)) await textIs(count(page, bucket), n);
    await card(page, "31-60", "Granite Construction").waitFor();
    assert.match(await card(page, "91-120", "Harbor Bakery").innerText(), /99 days[\s\S]*0\/37 done/);
    // Granite is inside CL's 150-day lead time with nothing done.
    await card(page, "31-60", "Granite Construction").getByTestId("flag-not-started").waitFor();
    await screenshot(page, "renewals-board");

    // A consultant shows the board as it will look 60 days on.
    await page.goto(`${env.server.url}?asof=2027-01-21#/renewals`);
    await card(page, "expired", "Granite Construction").waitFor();
    await card(page, "31-60", "Harbor Bakery").waitFor();
    await textIs(count(page, "expired"), "2");

    // Back to Nov 22: tick an item of Harbor Bakery's plan; it is kept with who and when.
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await card(page, "91-120", "Harbor Bakery").click();
    await page.getByTestId("renewal-user").fill("Elena Ortiz");
    await page.getByTestId("renewal-user").press("Tab");
    await page.locator('[data-testid="renewal-item"][data-item="client-strategy:1"]').check();
    await until(async () => /Elena Ortiz/.test(await page.getByTestId("renewal-item-done").first().innerText()), "tick recorded");
    await textIs(card(page, "91-120", "Harbor Bakery").locator(".progress"), "1/37 done · Elena Ortiz");
    await page.reload();
    await card(page, "91-120", "Harbor Bakery").click();
    assert.ok(await page.locator('[data-testid="renewal-item"][data-item="client-strategy:1"]').isChecked());
    assert.match(await page.getByTestId("renewal-item-done").first().innerText(), /Elena Ortiz on Nov 22, 2026/);
    await screenshot(page, "renewals-panel");

    // Internal notes stay internal; the claims review is what the client reads.
    await page.getByTestId("renewal-notes").fill("Owner hinted at shopping the account.");
    await page.getByTestId("renewal-save-notes").click();
    await textIs(page.getByTestId("renewal-message"), "Notes saved.");
    await page.getByTestId("renewal-claims-review").fill("One workers comp claim (closed, $2,100 paid).");
    await page.getByTestId("renewal-save-claims-review").click();
    await textIs(page.getByTestId("renewal-message"), "Claims review saved.");

    // The stewardship report prints on its own: team, policies and premiums, services delivered.
    await page.evaluate(() => {
      window.print = () => (window.__printedWith = document.body.className);
    });
    await page.getByTestId("stewardship-print").click();
    assert.match(await page.evaluate(() => window.__printedWith), /print-stewardship/);
    await page.evaluate(() => document.body.classList.add("print-stewardship"));
    await page.emulateMedia({ media: "print" });
    const report = await page.getByTestId("stewardship-report").innerText();
    assert.match(report, /Stewardship report — Harbor Bakery[\s\S]*Producer: Marcus Bell[\s\S]*BOP-10021[\s\S]*\$4,000\.00/);
    assert.match(report, /Gather underwriting information — Nov 22, 2026 \(Elena Ortiz\)/);
    assert.match(report, /BOP-10021\s+BOP\s+Acme Mutual\s+2026-03-01 to 2027-03-01\s+\$4,000\.00\s+not yet bound\s+\$600\.00\s+not yet bound/);
    assert.match(report, /Claims review\s+One workers comp claim \(closed, \$2,100 paid\)\./);
    assert.doesNotMatch(report, /shopping the account/, "internal notes are never printed");
    await screenshot(page, "renewals-stewardship-print");
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => document.body.classList.remove("print-stewardship"));

    // Filters narrow every column.
    await page.getByTestId("renewal-filter-text").fill("GRÀNITE");
    await textIs(page.getByTestId("renewal-total"), "1 renewals");
    await page.getByTestId("renewal-filter-text").fill("gl-331");
    await textIs(page.getByTestId("renewal-total"), "1 renewals");
    await textIs(count(page, "31-60"), "1");
    await textIs(count(page, "91-120"), "0");
    await page.getByTestId("renewal-filter-text").fill("");
    await page.getByTestId("renewal-filter-department").selectOption("PL");
    await textIs(page.getByTestId("renewal-total"), "2 renewals");
    await page.getByTestId("renewal-filter-department").selectOption("");

    // The milestones export: one row per plan item per renewal.
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-milestones").click()]);
    const rows = readFileSync(await dl.path(), "utf8").trim().split("\n");
    assert.equal(rows[0], "client,policy_numbers,expiration,milestone,item,owner_role,due,done_on");
    // Granite, Harbor and Lakeshore follow the full plan (37 items); Maria Garcia's two
    // renewals (PL, $205 a year) the light plan for small accounts (9 items).
    assert.equal(rows.length, 1 + 3 * 37 + 2 * 9);
    assert.ok(rows.some((r) => r.startsWith("Harbor Bakery,BOP-10021; WC-20417,2027-03-01,") && r.includes("Gather underwriting information") && r.endsWith(",2026-11-22")));

    // The calendar holds what is still to do: open milestones due from Nov 22 on
    // (Granite 1, Harbor 3, Maria's home 2 of the light plan, Lakeshore 5; the expired auto none).
    const [ics] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-milestones-ics").click()]);
    const calendar = readFileSync(await ics.path(), "utf8");
    assert.match(calendar, /^BEGIN:VCALENDAR\r\nVERSION:2\.0/);
    assert.equal(calendar.match(/BEGIN:VEVENT/g).length, 11);
    assert.match(calendar, /DTSTART;VALUE=DATE:20261201\r\n/, "Harbor Bakery's submit milestone, 90 days before March 1");
    assert.match(calendar.replace(/\r\n /g, ""), /Account team: Producer Marcus Bell\\, Client manager Elena Ortiz/);
    // One person's calendar: only milestones with items Sam Cho owns, each naming him.
    await page.getByTestId("export-ics-person").selectOption("Sam Cho");
    const [mine] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-milestones-ics").click()]);
    const events = readFileSync(await mine.path(), "utf8").replace(/\r\n /g, "").split("BEGIN:VEVENT").slice(1);
    assert.ok(events.length > 0 && events.length < 11, `${events.length} events for Sam`);
    for (const e of events) assert.match(e, /Sam Cho/);
    await page.getByTestId("export-ics-person").selectOption("");

    // Workload by person and week; the expiration list for a date range, printable alone.
    await page.getByTestId("workload").locator("summary").click();
    await page.locator('[data-testid="workload-row"][data-person="Elena Ortiz"]').waitFor();
    await page.getByTestId("xlist").locator("summary").click();
    await textIs(page.getByTestId("xlist-row").first().locator("td").nth(1), "Granite Construction");
    // With the lines, carriers, premium and commission of the renewing policies.
    assert.match(await page.getByTestId("xlist-row").first().innerText(), /GL-33100, AU-33101, UM-33102\s+General Liability, Commercial Auto, Umbrella\s+Bayside Specialty \(E&S\), Great Plains Casualty\s+Elena Ortiz\s+\$69,500\.00\s+\$9,765\.00/);
    assert.equal(await page.getByTestId("xlist-row").count(), 1, "Nov 22 to Feb 20: Granite only");
    await page.getByTestId("xlist-to").fill("2027-03-31");
    await until(async () => (await page.getByTestId("xlist-row").count()) === 2, "Harbor Bakery joins the list");
    await page.evaluate(() => {
      window.print = () => (window.__printedWith = document.body.className);
    });
    await page.getByTestId("xlist-print").click();
    assert.match(await page.evaluate(() => window.__printedWith), /print-xlist/);

    // A shorter CL lead time (30 days) clears Granite's "not started" flag (54 days out).
    await page.getByTestId("lead-times").locator("summary").click();
    await page.locator('[data-testid="lead-days"][data-department="CL"]').fill("400");
    await page.locator('[data-testid="lead-days"][data-department="CL"]').press("Tab");
    await textIs(page.getByTestId("lead-times-message"), "The lead time of Commercial Lines must be a whole number from 0 to 365; “400” is not.");
    await page.locator('[data-testid="lead-days"][data-department="CL"]').fill("30");
    await page.locator('[data-testid="lead-days"][data-department="CL"]').press("Tab");
    await page.getByTestId("lead-save").click();
    await until(async () => (await card(page, "31-60", "Granite Construction").getByTestId("flag-not-started").count()) === 0, "flag cleared");

    // Binding Granite closes this term and puts the next one (Jan 15, 2028) on the board.
    await card(page, "31-60", "Granite Construction").click();
    await page.getByTestId("renewal-bind").click();
    assert.equal(await page.getByTestId("bind-policy").count(), 3);
    await page.getByTestId("bind-confirm").click();
    await card(page, "180+", "Granite Construction").waitFor();
    await textIs(count(page, "31-60"), "0");
    await page.getByTestId("renewal-detail").getByRole("button", { name: "Close" }).click();

    // Losing Maria Garcia's expired auto renewal, with a reason, takes it off the board.
    await card(page, "expired", "Maria Garcia").click();
    await page.getByTestId("renewal-lost").click();
    await page.getByText("Choose why the renewal was lost or not renewed.").waitFor();
    await page.getByTestId("renewal-lost-reason").selectOption("Other");
    await page.getByTestId("renewal-lost").click();
    await page.getByText("Say in a few words why the renewal was lost (the reason is “Other”).").waitFor();
    await page.getByTestId("renewal-lost-detail").fill("Moved to a direct writer");
    await page.getByTestId("renewal-lost").click();
    await textIs(count(page, "expired"), "0");
    await page.reload();
    await textIs(count(page, "expired"), "0");
    await card(page, "180+", "Granite Construction").waitFor();

    // The dashboard tile links to the filtered board.
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    await page.getByTestId("renewals-tile").waitFor();
    assert.match(await page.getByTestId("dashboard-renewals-30").innerText(), /^0 renewing in the next 30 days/);
    await page.getByTestId("dashboard-not-started").click();
    await until(async () => (await page.getByTestId("view-not-started").getAttribute("aria-pressed")) === "true", "filtered view");
    await screenshot(page, "renewals-not-started");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("keeps one account's lead time when the department lead times are saved after it", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await setTrackingStart(page, "2026-01-01");
    await card(page, "31-60", "Granite Construction").getByTestId("flag-not-started").waitFor();
    await card(page, "91-120", "Harbor Bakery").click();
    const accountLead = page.getByTestId("account-lead-days");
    await accountLead.fill("400");
    await page.getByTestId("account-lead-save").click();
    await page.getByText("The lead time for this account must be a whole number from 0 to 365; “400” is not.").waitFor();
    await accountLead.fill("200");
    await page.getByTestId("account-lead-save").click();
    await page.getByText("Lead time saved for this account.").waitFor();
    // Then, on the same page, the department lead times: CL down to 30 days.
    await page.getByTestId("lead-times").locator("summary").click();
    await page.locator('[data-testid="lead-days"][data-department="CL"]').fill("30");
    await page.locator('[data-testid="lead-days"][data-department="CL"]').press("Tab");
    await page.getByTestId("lead-save").click();
    await textIs(page.getByTestId("lead-times-message"), "Lead times saved.");
    await page.reload();
    await until(async () => (await card(page, "31-60", "Granite Construction").getByTestId("flag-not-started").count()) === 0, "CL at 30 days");
    await card(page, "91-120", "Harbor Bakery").click();
    assert.equal(await page.getByTestId("account-lead-days").inputValue(), "200", "the account's own lead time is kept");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("lets the agency edit the plan template and reset it", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    page.on("dialog", (d) => d.accept());
    await new BookPage(page).importSample(env.server.url);
    await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
    await setTrackingStart(page, "2026-01-01");
    const harbor = card(page, "91-120", "Harbor Bakery");
    await harbor.waitFor();
    await page.getByTestId("plan-editor").locator("summary").click();
    const submit = page.locator('[data-testid="plan-milestone"][data-milestone="submit"]');
    // Reword an item, add one, and move the milestone's due day from 90 to 100 days before renewal.
    await submit.getByTestId("plan-item-text").first().fill("Submit the renewal to the chosen markets");
    await submit.getByTestId("plan-item-text").first().press("Tab");
    await submit.getByTestId("plan-item-add").click();
    await submit.getByTestId("plan-due").fill("401");
    await submit.getByTestId("plan-due").press("Tab");
    await until(async () => /“Due” of “.+” must be a whole number from 0 to 400; “401” is not\./.test(await page.getByTestId("plan-message").innerText()), "day refused");
    await submit.getByTestId("plan-due").fill("100");
    await submit.getByTestId("plan-due").press("Tab");
    // A window that ends before it opens is refused with the reason.
    await submit.getByTestId("plan-from").fill("95");
    await submit.getByTestId("plan-from").press("Tab");
    await page.getByTestId("plan-save").click();
    await until(async () => /due before it opens/.test(await page.getByTestId("plan-message").innerText()), "refused");
    await submit.getByTestId("plan-from").fill("120");
    await submit.getByTestId("plan-from").press("Tab");
    await page.getByTestId("plan-save").click();
    await until(async () => /The plan is saved/.test(await page.getByTestId("plan-message").innerText()), "saved");
    await textIs(harbor.locator(".progress"), "0/38 done · Elena Ortiz");
    await page.reload();
    await harbor.click();
    const submitted = page.locator('[data-testid="milestone"][data-milestone="submit"]');
    assert.match(await submitted.innerText(), /Submit the renewal to the chosen markets[\s\S]*New item/);
    assert.match(await submitted.locator("h3").innerText(), /Nov 21, 2026$/, "100 days before March 1, 2027");
    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-milestones").click()]);
    assert.equal(readFileSync(await dl.path(), "utf8").trim().split("\n").length, 1 + 3 * 38 + 2 * 9);
    // Reset puts the original back.
    await page.getByTestId("plan-editor").locator("summary").click();
    await page.getByTestId("plan-reset").click();
    await textIs(harbor.locator(".progress"), "0/37 done · Elena Ortiz");

    // Plans by tier: Maria Garcia ($205, PL tier $100 – $249) follows the light plan.
    const maria = page.locator('[data-testid="renewal-column"][data-bucket="121-180"] [data-testid="renewal-card"][data-account="Maria Garcia"]');
    await textIs(maria.locator(".progress"), "0/9 done · Sam Cho");
    await maria.click();
    await textIs(page.getByTestId("plan-choice"), "Plan: Light plan for small accounts. Personal Lines accounts in the tier “$100 – $249” follow the Light plan for small accounts. Plans are assigned by department and tier in “Edit the Client Service Plans”.");
    assert.equal(await page.getByTestId("plan-choice").getAttribute("data-plan"), "light");
    // A copy of the light plan, with a milestone removed, for that tier (the editor is still open).
    await page.locator('[data-testid="plan-list"] li[data-plan="light"] button').click();
    await page.getByTestId("plan-copy-name").fill("Personal small");
    await page.getByTestId("plan-copy").click();
    await page.locator('[data-testid="plan-list"] li[data-plan="personal-small"]').waitFor();
    await page.locator('[data-testid="plan-milestone"][data-milestone="light-delivery"]').getByTestId("plan-milestone-remove").click();
    await page.locator('[data-testid="plan-assign"][data-department="PL"][data-tier="$100 – $249"]').selectOption("personal-small");
    await page.getByTestId("plan-save").click();
    await until(async () => /The plan is saved/.test(await page.getByTestId("plan-message").innerText()), "plans saved");
    await textIs(maria.locator(".progress"), "0/8 done · Sam Cho");
    await page.reload();
    await textIs(maria.locator(".progress"), "0/8 done · Sam Cho");
    await screenshot(page, "renewals-plans");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
