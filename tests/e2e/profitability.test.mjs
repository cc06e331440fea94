// Profitability: tier tables from an imported book, the cost of a minute,
// what-if inputs against the saved baseline, and the tiers CSV export.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";

describe("profitability", () => {
  const env = useServedApp(8479);

  it("arrays an imported book in tiers and answers the method's questions", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    const page = await openApp(app.context, env.server.url);
    await new BookPage(page).importSample(env.server.url);
    await page.goto(`${env.server.url}#/profitability`);
    const cl = page.locator('[data-testid="tier-table"][data-department="CL"]');
    await cl.waitFor();
    const rows = await cl.locator("tbody tr").allInnerTexts();
    assert.equal(rows.length, 7);
    // Granite Construction ($9,765) is the only account in $5,000 – $9,999; Harbor Bakery ($900) in $500 – $999.
    assert.match(rows[1], /^\$5,000 – \$9,999\s+\$9,765\.00\s+91\.6%\s+1\s+50\.0%\s+\$9,765\.00\s+3\.0$/);
    assert.match(rows[5], /^\$500 – \$999\s+\$900\.00\s+8\.4%\s+1\s+50\.0%/);
    await textIs(page.getByTestId("concentration-50"), "1");
    assert.match(await page.locator('[data-testid="tier-table"][data-department="PL"]').innerText(), /\$100 – \$249/);
    // Sample inputs: $650,000 ÷ 100,000 ÷ 10 = $0.65.
    await textIs(page.getByTestId("cost-per-minute"), "$0.65");
    await screenshot(page, "profitability-sample");

    // What-if: more staff cost raises the cost of a minute and lowers the net.
    const netBefore = await page.getByTestId("agency-net").innerText();
    await page.getByTestId("employees").fill("5");
    await textIs(page.getByTestId("cost-per-minute"), "$1.30");
    await page.getByTestId("whatif-banner").waitFor();
    await until(async () => (await page.getByTestId("agency-net").innerText()) !== netBefore, "net changes");
    assert.match(await page.locator(".stat").nth(2).innerText(), /vs\. baseline/);
    await page.getByRole("button", { name: "Discard" }).click();
    await textIs(page.getByTestId("cost-per-minute"), "$0.65");
    await textIs(page.getByTestId("agency-net"), netBefore);

    // A tier edit is validated, then applied; the tier chart is redrawn.
    const clSection = page.locator('section.dept-section[data-department="CL"]');
    const chartBefore = await clSection.getByTestId("tier-chart").innerHTML();
    assert.match(chartBefore, /<svg[\s\S]*\$10,000\+/);
    await page.locator('details.tier-editor').first().locator("summary").click();
    const bounds = page.locator('[data-testid="tier-bounds"][data-department="CL"]');
    await bounds.fill("500, 200");
    await page.getByRole("button", { name: "Apply" }).first().click();
    await page.getByText(/must go up/).waitFor();
    await bounds.fill("500, 1000, 5000, 9000");
    await page.getByRole("button", { name: "Apply" }).first().click();
    await until(async () => /\$9,000 and over/.test(await cl.innerText()), "new top tier");
    const chartAfter = await clSection.getByTestId("tier-chart").innerHTML();
    assert.notEqual(chartAfter, chartBefore);
    assert.match(chartAfter, /\$9,000\+/);
    // Every department with accounts has its tier, Pareto and net charts; the process chart follows the inputs.
    assert.equal(await page.getByTestId("net-chart").count(), 3);
    // The cost of each process follows the cost of a minute; the minutes chart follows the steps.
    const renewalCost = page.locator('[data-testid="process-row"][data-process="Renewal"] td').nth(2);
    const costBefore = await renewalCost.innerText();
    await page.getByTestId("employees").fill("20");
    await until(async () => (await renewalCost.innerText()) !== costBefore, "process cost follows the cost of a minute");
    const processBefore = await page.getByTestId("process-chart").innerHTML();
    const claim = page.locator('[data-testid="process-row"][data-process="Claim"]');
    await claim.getByLabel("Report claim minutes").fill("80");
    await claim.getByLabel("Report claim minutes").press("Tab");
    await until(async () => (await page.getByTestId("process-chart").innerHTML()) !== processBefore, "process chart redrawn");
    await page.getByTestId("employees").fill("0");
    await textIs(page.getByTestId("employees-error"), "Employees (with owners) must be a whole number from 1 to 100,000; “0” is not.");
    await page.getByTestId("employees").fill("10");
    assert.equal(await page.getByTestId("employees-error").count(), 0);

    // Save the inputs as the baseline: they survive a reload.
    await page.getByRole("button", { name: "Save as baseline" }).click();
    await until(async () => (await page.getByTestId("whatif-banner").count()) === 0, "baseline saved");
    await page.reload();
    await until(async () => /\$9,000 and over/.test(await cl.innerText()), "saved tiers after reload");

    const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-tiers").click()]);
    const csv = readFileSync(await dl.path(), "utf8").split("\n");
    assert.equal(csv[0], "department,tier,min_revenue,max_revenue,revenue,revenue_pct,clients,clients_pct,policies");
    assert.equal(csv[1], 'CL,"$9,000 and over",9000.00,,9765.00,91.6,1,50.0,3');
    // Step 4 reports: lists with counts, a what-if minimum, and CSV exports.
    const report = (key) => page.locator(`[data-testid="report"][data-report="${key}"]`);
    await textIs(report("monoline").getByTestId("report-count"), "1");
    await textIs(report("below-minimum").getByTestId("report-count"), "0");
    // A threshold that is not an amount is refused by name and changes nothing.
    await page.getByTestId("rule-min-new").fill("1,000 dollars");
    await page.getByTestId("rule-min-new").press("Tab");
    await until(async () => /^“What-if: minimum revenue for new accounts”: "1,000 dollars" is not an amount of money/.test(await page.getByTestId("rules-message").innerText()), "threshold refused");
    await textIs(report("below-minimum").getByTestId("report-count"), "0");
    await page.getByTestId("rule-min-new").fill("1000");
    await page.getByTestId("rule-min-new").press("Tab");
    await textIs(report("below-minimum").getByTestId("report-count"), "2");
    assert.equal(await page.getByTestId("rules-message").count(), 0, "a good value clears the refusal");
    await report("monoline").locator("summary").click();
    const [rdl] = await Promise.all([page.waitForEvent("download"), report("monoline").getByTestId("export-report").click()]);
    const rcsv = readFileSync(await rdl.path(), "utf8").split("\n");
    assert.equal(rcsv[0], "client,department,tier,revenue,policies,cost_to_serve,net,note");
    assert.match(rcsv[1], /^Lakeshore Dental Group,Benefits,/);
    assert.match(await page.getByTestId("house-savings").innerText(), /would save \$\d/);
    await screenshot(page, "profitability-reports");

    // "Print one-page report" prints with the one-page layout switched on, and that layout fits one page.
    await page.evaluate(() => {
      window.print = () => (window.__printedWith = document.body.className);
    });
    await page.getByTestId("print-one-page").click();
    assert.match(await page.evaluate(() => window.__printedWith), /print-onepage/);
    assert.doesNotMatch(await page.evaluate(() => document.body.className), /print-onepage/, "the class is removed after printing");
    await page.evaluate(() => document.body.classList.add("print-onepage"));
    await page.emulateMedia({ media: "print" });
    assert.match(await page.getByTestId("print-report").innerText(), /Commercial Lines — 2 accounts[\s\S]*\$9,000 and over[\s\S]*Personal Lines — 1 account,/);
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
    await textIs(page.getByTestId("import-rejected-count"), "1");
    assert.match(await book.rejectedRows().first().innerText(), /4.*certificates per year.*lots.*whole number/s);
    await book.commitImport();
    await book.waitForCount(2);

    await page.goto(`${env.server.url}#/profitability`);
    const all = page.locator('[data-testid="report"][data-report="all-accounts"]');
    await all.locator("summary").click();
    const net = (client) => all.locator("tbody tr", { hasText: client }).locator("td").nth(4);
    // $0.65 a minute. Big Co: new business 0.1 × 300 min, its own 40 certificates × 10 min and
    // 2 claims × 60 min = 550 min = $357.50. Small Co: 30 min + 2 certificates × 10 min = $32.50.
    await textIs(net("Big Co"), "$19,642.50");
    await textIs(net("Small Co"), "$767.50");

    // Twelve certificates a year for CL's $500 – $999 tier: Small Co costs 150 min; Big Co keeps its own count.
    await page.getByTestId("override-department").selectOption("CL");
    await page.getByTestId("override-tier").selectOption({ label: "$500 – $999" });
    await page.getByTestId("override-process").selectOption({ label: "Certificate / evidence" });
    await page.getByTestId("override-per-year").fill("12");
    await page.getByTestId("override-add").click();
    await page.getByTestId("override-row").waitFor();
    assert.match(await page.getByTestId("override-row").innerText(), /CL\s+\$500 – \$999\s+Certificate \/ evidence\s+12 \(usually 2\)/);
    await textIs(net("Small Co"), "$702.50");
    await textIs(net("Big Co"), "$19,642.50");

    // A new 5-minute step makes a certificate 15 minutes.
    const certificate = page.locator('[data-testid="process-row"][data-process="Certificate / evidence"]');
    await certificate.getByTestId("step-add").click();
    // Minutes below zero are refused by name, and nothing changes.
    await certificate.getByLabel("Step 2 minutes").fill("-5");
    await certificate.getByLabel("Step 2 minutes").press("Tab");
    await textIs(page.getByTestId("process-error"), "The minutes of “Step 2” (Certificate / evidence) must be a number of 0 or more; “-5” is not.");
    await textIs(certificate.getByTestId("process-minutes"), "10");
    await certificate.getByLabel("Step 2 minutes").fill("5");
    await certificate.getByLabel("Step 2 minutes").press("Tab");
    await textIs(certificate.getByTestId("process-minutes"), "15");
    assert.equal(await page.getByTestId("process-error").count(), 0, "a good value clears the refusal");
    await textIs(net("Big Co"), "$19,512.50");
    await textIs(net("Small Co"), "$663.50");
    // Removing it brings the figures back.
    await certificate.getByTestId("step-remove").nth(1).click();
    await textIs(certificate.getByTestId("process-minutes"), "10");
    await textIs(net("Big Co"), "$19,642.50");
    await screenshot(page, "profitability-overrides");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("gives the demo agency figures an owner can check: times per department, capacity, full cost", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);
    await page.goto(`${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.getByTestId("demo-banner").waitFor();
    await page.goto(`${env.server.url}?asof=2026-11-22#/profitability`);
    await page.getByTestId("capacity").waitFor();

    // The method's order: steps 1, 2, 3 and 4 down the page.
    const steps = await page.locator("h2").evaluateAll((hs) => hs.map((h) => h.textContent.match(/^Step (\d)/)?.[1]).filter(Boolean));
    assert.deepEqual(steps, ["1", "2", "3", "4"]);

    // Each department has its own process times: a personal renewal is not a commercial one.
    const renewal = page.locator('[data-testid="process-row"][data-process="Renewal"]');
    assert.equal(await renewal.getAttribute("data-department"), "CL");
    const clRenewal = Number(await renewal.getByTestId("process-minutes").innerText());
    await page.getByTestId("process-department").selectOption("PL");
    await until(async () => (await renewal.getAttribute("data-department")) === "PL", "PL times shown");
    const plRenewal = Number(await renewal.getByTestId("process-minutes").innerText());
    assert.ok(plRenewal > 0 && plRenewal * 3 < clRenewal, `PL ${plRenewal} vs CL ${clRenewal} minutes`);
    assert.match(await page.getByTestId("process-chart").innerHTML(), /<svg[\s\S]*CL[\s\S]*PL/);

    // Capacity: the departments' process minutes add up to the total, and the share is that total
    // over employees × 100,000 minutes.
    const capacity = page.getByTestId("capacity");
    const share = Number(await capacity.getAttribute("data-share"));
    const text = await capacity.innerText();
    assert.ok(text.includes(`${share.toFixed(1)}%`), text);
    const [accounted, available] = text.match(/account for ([\d,]+) of the ([\d,]+) minutes/).slice(1).map((n) => Number(n.replaceAll(",", "")));
    const employees = Number(await page.getByTestId("employees").inputValue());
    assert.equal(available, employees * 100000);
    assert.ok(Math.abs(share - (100 * accounted) / available) < 0.06, `${share} vs ${accounted}/${available}`);
    const byDept = await page.getByTestId("capacity-table").locator("tbody tr td:nth-child(2)").allInnerTexts();
    const sum = byDept.map((n) => Number(n.replaceAll(",", ""))).reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(sum - accounted) <= byDept.length, `${sum} vs ${accounted}`);

    // The losing-account count is explained department by department, on the basis shown.
    const money = (t) => Number(t.replace(/[^\d.-]/g, ""));
    const losing = Number(await page.getByTestId("losing-count").innerText());
    const explained = await page.getByTestId("losing-explained").locator("li").allInnerTexts();
    const counted = explained.map((t) => Number(t.match(/: (\d+) of \d+ accounts/)[1])).reduce((a, b) => a + b, 0);
    assert.equal(counted, losing);
    assert.ok(explained.every((t) => /minutes: \$[\d,.]+ at \$0\.65 a minute \(direct cost only\)/.test(t)), explained.join("\n"));
    assert.match(await page.locator(".stat").nth(2).innerText(), /Net \(direct cost only\)/);

    // Full cost: every dollar of salaries and benefits becomes a cost to serve.
    await page.getByTestId("cost-basis").selectOption("full");
    await until(async () => /full cost/.test(await page.locator(".stat").nth(1).innerText()), "full cost shown");
    const comp = money(await page.getByTestId("total-compensation").inputValue());
    const cost = money(await page.locator(".stat").nth(1).locator("strong").innerText());
    assert.ok(Math.abs(cost - comp) < 5, `cost to serve ${cost} vs compensation ${comp}`);
    assert.ok(Number(await page.getByTestId("losing-count").innerText()) > losing, "more accounts lose money at full cost");
    assert.match(await page.getByTestId("net-table").first().locator("xpath=..").locator("h3").innerText(), /full cost/);
    await page.getByTestId("cost-basis").selectOption("direct");
    await textIs(page.getByTestId("losing-count"), String(losing));

    // Thresholds come from the book and say so; the producer note is money.
    const lnhs = page.locator('[data-testid="report"][data-report="low-net-high-service"]');
    const lnhsCount = Number(await lnhs.getByTestId("report-count").innerText());
    const all = Number(await page.locator('[data-testid="report"][data-report="all-accounts"]').getByTestId("report-count").innerText());
    assert.ok(lnhsCount > 0 && lnhsCount <= all / 4, `${lnhsCount} of ${all}`);
    assert.match(await page.getByTestId("lnhs-limits").innerText(), /below -?\$[\d,.]+ \(the book's lowest quarter\) that take at least [\d,]+ minutes a year \(the book's top quarter\)/);
    // The agency's own threshold replaces the book's; blank goes back to the book.
    await page.getByTestId("rule-high-service").fill("1");
    await page.getByTestId("rule-high-service").press("Tab");
    await until(async () => /at least 1 minutes a year \(the agency's figure\)/.test(await page.getByTestId("lnhs-limits").innerText()), "own threshold");
    assert.ok(Number(await lnhs.getByTestId("report-count").innerText()) > lnhsCount);
    await page.getByTestId("rule-high-service").fill("");
    await page.getByTestId("rule-high-service").press("Tab");
    await textIs(lnhs.getByTestId("report-count"), String(lnhsCount));
    const producer = page.locator('[data-testid="report"][data-report="producer-commission"]');
    await producer.locator("summary").click();
    assert.match(await producer.locator("tbody tr").first().locator("td").nth(5).innerText(), /^\$[\d,]+\.\d\d paid to \S/);

    // Chart text is at least 12 px at 1366 px wide, on this page and on the dashboard's tile.
    const smallestText = async () => page.locator("figure.chart svg").evaluateAll((svgs) => Math.min(...svgs.filter((s) => s.getBoundingClientRect().width > 0).map((s) => {
      const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
      return Math.min(...[...s.querySelectorAll("text")].map((t) => parseFloat(t.getAttribute("font-size")) * scale));
    })));
    const pageSmallest = await smallestText();
    assert.ok(pageSmallest >= 12, `smallest chart text ${pageSmallest.toFixed(1)} px`);
    await screenshot(page, "profitability-demo");
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    await page.getByTestId("dashboard-tier-chart").waitFor();
    const tileSmallest = await smallestText();
    assert.ok(tileSmallest >= 12, `smallest dashboard chart text ${tileSmallest.toFixed(1)} px`);
    assert.match(await page.getByTestId("dashboard-losing").locator("xpath=..").innerText(), /\(direct cost only\)/);
    await screenshot(page, "profitability-demo-dashboard");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("puts an account in the same tier on the renewal board and on this page when an E&S fee is set", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);
    const book = new BookPage(page);
    await book.open(`${env.server.url}?asof=2026-11-22`);
    const file = join(mkdtempSync(join(tmpdir(), "agency-desk-es-")), "es-book.csv");
    // One monoline E&S account at $400 of commission, and one ordinary account.
    writeFileSync(file, "Client,Department,Policy Number,Commission,Expiration,E&S\r\nSurplus Roofing,CL,ES-100,400,2027-01-15,Yes\r\nMain Street Deli,CL,GL-200,400,2027-01-20,No\r\n");
    await book.chooseImport(file);
    await book.commitImport();
    await book.waitForCount(2);

    const cardTier = async (client) => {
      await page.goto(`${env.server.url}?asof=2026-11-22#/renewals`);
      const card = page.locator(`[data-testid="renewal-card"][data-account="${client}"]`);
      await card.waitFor();
      return (await card.locator(".meta").innerText()).split(" · ")[1];
    };
    const pageTier = async () => {
      await page.goto(`${env.server.url}?asof=2026-11-22#/profitability`);
      const rows = page.locator('[data-testid="tier-table"][data-department="CL"] tbody tr');
      await rows.first().waitFor();
      const texts = await rows.allInnerTexts();
      // The tiers holding a client: the label of each row whose client count is not 0.
      return texts.map((t) => t.split("\t")).filter((c) => c[3].trim() !== "0").map((c) => c[0].trim());
    };
    assert.equal(await cardTier("Surplus Roofing"), "Under $500");
    assert.deepEqual(await pageTier(), ["Under $500"]);

    // A $300 yearly fee on monoline E&S accounts lifts Surplus Roofing a tier, on both pages.
    await page.getByTestId("rule-es-fee").fill("300");
    await page.getByTestId("rule-es-fee").press("Tab");
    await page.getByRole("button", { name: "Save as baseline" }).click();
    await until(async () => (await page.getByTestId("whatif-banner").count()) === 0, "baseline saved");
    assert.deepEqual(await pageTier(), ["$500 – $999", "Under $500"]);
    assert.equal(await cardTier("Surplus Roofing"), "$500 – $999");
    assert.equal(await cardTier("Main Street Deli"), "Under $500");
    await page.getByTestId("renewal-filter-tier").selectOption("$500 – $999");
    await until(async () => (await page.getByTestId("renewal-card").count()) === 1, "tier filter");
    assert.equal(await page.getByTestId("renewal-card").getAttribute("data-account"), "Surplus Roofing");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
