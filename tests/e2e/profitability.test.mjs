// Profitability: tier tables from an imported book, the cost of a minute,
// what-if inputs against the saved baseline, and the tiers CSV export.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newAppContext, openApp, printedWith, screenshot, spyOnPrint, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { DashboardPage } from "./support/dashboard-page.mjs";
import { ProfitabilityPage } from "./support/profitability-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";

describe("profitability", () => {
  const env = useServedApp(8479);

  it("arrays an imported book in tiers and answers the method's questions", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);
    const profitability = new ProfitabilityPage(page);
    await profitability.open(env.server.url);
    const cl = profitability.tierTable("CL");
    await cl.waitFor();
    const rows = await profitability.tierRows("CL");
    assert.equal(rows.length, 7);
    // Granite Construction ($9,765) is the only account in $5,000 – $9,999; Harbor Bakery ($900) in $500 – $999.
    assert.match(rows[1], /^\$5,000 – \$9,999\s+\$9,765\.00\s+91\.6%\s+1\s+50\.0%\s+\$9,765\.00\s+3\.0$/);
    assert.match(rows[5], /^\$500 – \$999\s+\$900\.00\s+8\.4%\s+1\s+50\.0%/);
    await textIs(profitability.concentration50(), "1");
    assert.match(await profitability.tierTable("PL").innerText(), /\$100 – \$249/);
    // Sample inputs: $650,000 ÷ 100,000 ÷ 10 = $0.65.
    await textIs(profitability.costPerMinute(), "$0.65");
    await screenshot(page, "profitability-sample");

    // What-if: more staff cost raises the cost of a minute and lowers the net.
    const netBefore = await profitability.agencyNet().innerText();
    await profitability.setEmployees(5);
    await textIs(profitability.costPerMinute(), "$1.30");
    await profitability.whatIfBanner().waitFor();
    await until(async () => (await profitability.agencyNet().innerText()) !== netBefore, "net changes");
    assert.match(await profitability.stat(2).innerText(), /vs\. baseline/);
    await profitability.discardWhatIf();
    await textIs(profitability.costPerMinute(), "$0.65");
    await textIs(profitability.agencyNet(), netBefore);

    // A tier edit is validated, then applied; the tier chart is redrawn.
    const chartBefore = await profitability.tierChart("CL");
    assert.match(chartBefore, /<svg[\s\S]*\$10,000\+/);
    await profitability.openFirstTierEditor();
    await profitability.applyTierBounds("CL", "500, 200");
    await page.getByText(/must go up/).waitFor();
    await profitability.applyTierBounds("CL", "500, 1000, 5000, 9000");
    await until(async () => /\$9,000 and over/.test(await cl.innerText()), "new top tier");
    const chartAfter = await profitability.tierChart("CL");
    assert.notEqual(chartAfter, chartBefore);
    assert.match(chartAfter, /\$9,000\+/);
    // Every department with accounts has its tier, Pareto and net charts; the process chart follows the inputs.
    assert.equal(await profitability.netChartCount(), 3);
    // The cost of each process follows the cost of a minute; the minutes chart follows the steps.
    const renewalCost = profitability.processCost("Renewal");
    const costBefore = await renewalCost.innerText();
    await profitability.setEmployees(20);
    await until(async () => (await renewalCost.innerText()) !== costBefore, "process cost follows the cost of a minute");
    const processBefore = await profitability.processChart();
    await profitability.setStepMinutes("Claim", "Report claim minutes", "80");
    await until(async () => (await profitability.processChart()) !== processBefore, "process chart redrawn");
    await profitability.setEmployees(0);
    await textIs(profitability.employeesError(), "Employees (with owners) must be a whole number from 1 to 100,000; “0” is not.");
    await profitability.setEmployees(10);
    assert.equal(await profitability.employeesError().count(), 0);

    // Save the inputs as the baseline: they survive a reload.
    await profitability.saveBaseline();
    await profitability.reload();
    await until(async () => /\$9,000 and over/.test(await cl.innerText()), "saved tiers after reload");

    const csv = (await profitability.exportTiers()).text.split("\n");
    assert.equal(csv[0], "department,tier,min_revenue,max_revenue,revenue,revenue_pct,clients,clients_pct,policies");
    assert.equal(csv[1], 'CL,"$9,000 and over",9000.00,,9765.00,91.6,1,50.0,3');
    // Step 4 reports: lists with counts, a what-if minimum, and CSV exports.
    await textIs(profitability.reportCount("monoline"), "1");
    await textIs(profitability.reportCount("below-minimum"), "0");
    // A threshold that is not an amount is refused by name and changes nothing.
    await profitability.setRule("min-new", "1,000 dollars");
    await until(async () => /^“What-if: minimum revenue for new accounts”: "1,000 dollars" is not an amount of money/.test(await profitability.rulesMessage().innerText()), "threshold refused");
    await textIs(profitability.reportCount("below-minimum"), "0");
    await profitability.setRule("min-new", "1000");
    await textIs(profitability.reportCount("below-minimum"), "2");
    assert.equal(await profitability.rulesMessage().count(), 0, "a good value clears the refusal");
    await profitability.openReport("monoline");
    const rcsv = await profitability.exportReport("monoline");
    assert.equal(rcsv[0], "client,department,tier,revenue,policies,cost_to_serve,net,note");
    assert.match(rcsv[1], /^Lakeshore Dental Group,Benefits,/);
    assert.match(await profitability.houseSavings(), /would save \$\d/);
    await screenshot(page, "profitability-reports");

    // "Print one-page report" prints with the one-page layout switched on, and that layout fits one page.
    await spyOnPrint(page);
    await profitability.printOnePage();
    assert.match(await printedWith(page), /print-onepage/);
    assert.doesNotMatch(await page.evaluate(() => document.body.className), /print-onepage/, "the class is removed after printing");
    await page.evaluate(() => document.body.classList.add("print-onepage"));
    await page.emulateMedia({ media: "print" });
    assert.match(await profitability.printReport(), /Commercial Lines — 2 accounts[\s\S]*\$9,000 and over[\s\S]*Personal Lines — 1 account,/);
    await screenshot(page, "profitability-print-one-page");
    const pdf = (await page.pdf({ format: "Letter" })).toString("latin1");
    assert.equal(pdf.match(/\/Type\s*\/Page\b(?!s)/g).length, 1, "the one-page report is one page");
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => document.body.classList.remove("print-onepage"));
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("uses yearly counts from the file, per-tier frequencies and edited process steps", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    const file = join(mkdtempSync(join(tmpdir(), "agency-desk-counts-")), "book-with-counts.csv");
    writeFileSync(file, "Client,Department,Commission,Certificates,Claims\nBig Co,CL,20000,40,2\nSmall Co,CL,800,,\nBad Co,CL,100,lots,\n");
    await book.chooseImport(file);
    await textIs(book.rejectedCount(), "1");
    assert.match(await book.rejectedRows().first().innerText(), /4.*certificates per year.*lots.*whole number/s);
    await book.commitImport();
    await book.waitForCount(2);

    const profitability = new ProfitabilityPage(page);
    await profitability.open(env.server.url);
    await profitability.openReport("all-accounts");
    const net = (client) => profitability.accountNet(client);
    // $0.65 a minute. Big Co: new business 0.1 × 300 min, its own 40 certificates × 10 min and
    // 2 claims × 60 min = 550 min = $357.50. Small Co: 30 min + 2 certificates × 10 min = $32.50.
    await textIs(net("Big Co"), "$19,642.50");
    await textIs(net("Small Co"), "$767.50");

    // Twelve certificates a year for CL's $500 – $999 tier: Small Co costs 150 min; Big Co keeps its own count.
    await profitability.addOverride({ department: "CL", tier: "$500 – $999", process: "Certificate / evidence", perYear: "12" });
    assert.match(await profitability.overrideRow(), /CL\s+\$500 – \$999\s+Certificate \/ evidence\s+12 \(usually 2\)/);
    await textIs(net("Small Co"), "$702.50");
    await textIs(net("Big Co"), "$19,642.50");

    // A new 5-minute step makes a certificate 15 minutes.
    const certificate = "Certificate / evidence";
    await profitability.addStep(certificate);
    // Minutes below zero are refused by name, and nothing changes.
    await profitability.setStepMinutes(certificate, "Step 2 minutes", "-5");
    await textIs(profitability.processError(), "The minutes of “Step 2” (Certificate / evidence) must be a number of 0 or more; “-5” is not.");
    await textIs(profitability.processMinutes(certificate), "10");
    await profitability.setStepMinutes(certificate, "Step 2 minutes", "5");
    await textIs(profitability.processMinutes(certificate), "15");
    assert.equal(await profitability.processError().count(), 0, "a good value clears the refusal");
    await textIs(net("Big Co"), "$19,512.50");
    await textIs(net("Small Co"), "$663.50");
    // Removing it brings the figures back.
    await profitability.removeStep(certificate, 1);
    await textIs(profitability.processMinutes(certificate), "10");
    await textIs(net("Big Co"), "$19,642.50");
    await screenshot(page, "profitability-overrides");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("gives the demo agency figures an owner can check: times per department, capacity, full cost", async () => {
    const app = await newAppContext(env.browser, env.server);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const settings = new SettingsPage(page);
    await settings.open(at);
    await settings.openDemoWorkspace();
    const profitability = new ProfitabilityPage(page);
    await profitability.open(at);
    await profitability.capacity().waitFor();

    // The method's order: steps 1, 2, 3 and 4 down the page.
    assert.deepEqual(await profitability.stepNumbers(), ["1", "2", "3", "4"]);

    // Each department has its own process times: a personal renewal is not a commercial one.
    const renewal = profitability.processRow("Renewal");
    assert.equal(await renewal.getAttribute("data-department"), "CL");
    const clRenewal = Number(await profitability.processMinutes("Renewal").innerText());
    await profitability.showProcessTimesFor("PL");
    await until(async () => (await renewal.getAttribute("data-department")) === "PL", "PL times shown");
    const plRenewal = Number(await profitability.processMinutes("Renewal").innerText());
    assert.ok(plRenewal > 0 && plRenewal * 3 < clRenewal, `PL ${plRenewal} vs CL ${clRenewal} minutes`);
    assert.match(await profitability.processChart(), /<svg[\s\S]*CL[\s\S]*PL/);

    // Capacity: the departments' process minutes add up to the total, and the share is that total
    // over employees × 100,000 minutes.
    const capacity = profitability.capacity();
    const share = Number(await capacity.getAttribute("data-share"));
    const text = await capacity.innerText();
    assert.ok(text.includes(`${share.toFixed(1)}%`), text);
    const [accounted, available] = text.match(/account for ([\d,]+) of the ([\d,]+) minutes/).slice(1).map((n) => Number(n.replaceAll(",", "")));
    const employees = await profitability.employees();
    assert.equal(available, employees * 100000);
    assert.ok(Math.abs(share - (100 * accounted) / available) < 0.06, `${share} vs ${accounted}/${available}`);
    const byDept = await profitability.capacityMinutesByDepartment();
    const sum = byDept.map((n) => Number(n.replaceAll(",", ""))).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - accounted) <= byDept.length, `${sum} vs ${accounted}`);

    // The losing-account count is explained department by department, on the basis shown.
    const money = (t) => Number(t.replace(/[^\d.-]/g, ""));
    const losing = await profitability.losingAccounts();
    const explained = await profitability.losingExplained();
    const counted = explained.map((t) => Number(t.match(/: (\d+) of \d+ accounts/)[1])).reduce((a, b) => a + b, 0);
    assert.equal(counted, losing);
    assert.ok(explained.every((t) => /minutes: \$[\d,.]+ at \$0\.65 a minute \(direct cost only\)/.test(t)), explained.join("\n"));
    assert.match(await profitability.stat(2).innerText(), /Net \(direct cost only\)/);

    // Full cost: every dollar of salaries and benefits becomes a cost to serve.
    await profitability.setCostBasis("full");
    await until(async () => /full cost/.test(await profitability.stat(1).innerText()), "full cost shown");
    const comp = money(await profitability.totalCompensation());
    const cost = money(await profitability.stat(1).locator("strong").innerText());
    assert.ok(Math.abs(cost - comp) < 5, `cost to serve ${cost} vs compensation ${comp}`);
    assert.ok((await profitability.losingAccounts()) > losing, "more accounts lose money at full cost");
    assert.match(await profitability.netTableHeading(), /full cost/);
    await profitability.setCostBasis("direct");
    await textIs(profitability.losingCount(), String(losing));

    // Thresholds come from the book and say so; the producer note is money.
    const lnhsCount = await profitability.reportCountNumber("low-net-high-service");
    const all = await profitability.reportCountNumber("all-accounts");
    assert.ok(lnhsCount > 0 && lnhsCount <= all / 4, `${lnhsCount} of ${all}`);
    assert.match(await profitability.lowNetHighServiceLimits(), /below -?\$[\d,.]+ \(the book's lowest quarter\) that take at least [\d,]+ minutes a year \(the book's top quarter\)/);
    // The agency's own threshold replaces the book's; blank goes back to the book.
    await profitability.setRule("high-service", "1");
    await until(async () => /at least 1 minutes a year \(the agency's figure\)/.test(await profitability.lowNetHighServiceLimits()), "own threshold");
    assert.ok((await profitability.reportCountNumber("low-net-high-service")) > lnhsCount);
    await profitability.setRule("high-service", "");
    await textIs(profitability.reportCount("low-net-high-service"), String(lnhsCount));
    await profitability.openReport("producer-commission");
    assert.match(await profitability.firstRowCell("producer-commission", 5), /^\$[\d,]+\.\d\d paid to \S/);

    // Chart text is at least 12 px at 1366 px wide, on this page and on the dashboard's tile.
    const smallestText = async () => page.locator("figure.chart svg").evaluateAll((svgs) => Math.min(...svgs.filter((s) => s.getBoundingClientRect().width > 0).map((s) => {
      const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
      return Math.min(...[...s.querySelectorAll("text")].map((t) => parseFloat(t.getAttribute("font-size")) * scale));
    })));
    const pageSmallest = await smallestText();
    assert.ok(pageSmallest >= 12, `smallest chart text ${pageSmallest.toFixed(1)} px`);
    await screenshot(page, "profitability-demo");
    const dashboard = new DashboardPage(page);
    await dashboard.open(at);
    await dashboard.tierChart().waitFor();
    const tileSmallest = await smallestText();
    assert.ok(tileSmallest >= 12, `smallest dashboard chart text ${tileSmallest.toFixed(1)} px`);
    assert.match(await dashboard.losingText(), /\(direct cost only\)/);
    await screenshot(page, "profitability-demo-dashboard");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("puts an account in the same tier on the renewal board and on this page when an E&S fee is set", async () => {
    const app = await newAppContext(env.browser, env.server);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const book = new BookPage(page);
    await book.open(at);
    const file = join(mkdtempSync(join(tmpdir(), "agency-desk-es-")), "es-book.csv");
    // One monoline E&S account at $400 of commission, and one ordinary account.
    writeFileSync(file, "Client,Department,Policy Number,Commission,Expiration,E&S\r\nSurplus Roofing,CL,ES-100,400,2027-01-15,Yes\r\nMain Street Deli,CL,GL-200,400,2027-01-20,No\r\n");
    await book.chooseImport(file);
    await book.commitImport();
    await book.waitForCount(2);

    const renewals = new RenewalsPage(page);
    const profitability = new ProfitabilityPage(page);
    const cardTier = async (client) => {
      await renewals.open(at);
      return renewals.cardTier(client);
    };
    const pageTier = async () => {
      await profitability.open(at);
      return profitability.tiersHoldingClients("CL");
    };
    assert.equal(await cardTier("Surplus Roofing"), "Under $500");
    assert.deepEqual(await pageTier(), ["Under $500"]);

    // A $300 yearly fee on monoline E&S accounts lifts Surplus Roofing a tier, on both pages.
    await profitability.setRule("es-fee", "300");
    await profitability.saveBaseline();
    assert.deepEqual(await pageTier(), ["$500 – $999", "Under $500"]);
    assert.equal(await cardTier("Surplus Roofing"), "$500 – $999");
    assert.equal(await cardTier("Main Street Deli"), "Under $500");
    await renewals.filterTier("$500 – $999");
    await until(async () => (await renewals.cardCount()) === 1, "tier filter");
    assert.equal(await renewals.firstCardClient(), "Surplus Roofing");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
