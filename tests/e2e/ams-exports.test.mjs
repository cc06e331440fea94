// Real agency management system reports through the import: a title above
// the header, headers repeated per page, subtotals, totals and page numbers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";

const AMS360 = join(ROOT, "tests", "fixtures", "ams", "ams360-expiration-list.csv");
const EPIC = join(ROOT, "tests", "fixtures", "ams", "epic-policy-expiration.csv");
const WORKBOOK = join(ROOT, "tests", "fixtures", "ams", "book-of-business.xlsx");

describe("AMS exports", () => {
  const env = useServedApp(8486);

  it("imports an AMS360-style expiration list past its title, page breaks and totals", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    await book.chooseImport(AMS360);

    // The headers are found under the title and said so, with a way to choose another row.
    const headerRow = page.getByTestId("import-header-row");
    assert.equal(await headerRow.inputValue(), "5");
    assert.match(await page.getByTestId("import-header-note").innerText(), /rows above look like a report title.*row 1 “Expiration List”/);
    await textIs(page.getByTestId("import-accepted-count"), "5");
    await textIs(page.getByTestId("import-rejected-count"), "0");
    await textIs(page.getByTestId("import-skipped-count"), "6");
    await page.locator("details.skipped summary").click();
    const skipped = await page.getByTestId("import-skipped-row").evaluateAll((rows) => rows.map((r) => [r.dataset.line, r.innerText]));
    assert.deepEqual(skipped.map(([line]) => line), ["9", "10", "11", "14", "15", "16"]);
    assert.match(skipped[4][1], /total or subtotal.*Report Total: 5 Policies/s);
    assert.match(skipped[2][1], /header row repeated/);
    await screenshot(page, "ams360-preview");

    // Choosing the title as the header shows why that is wrong; choosing row 5 again restores the preview.
    await headerRow.selectOption("1");
    await until(async () => /No column is mapped to the client name/.test(await page.locator(".import").innerText()), "no client column on row 1");
    await page.getByTestId("import-header-row").selectOption("5");
    await textIs(page.getByTestId("import-accepted-count"), "5");

    // Each department value is shown with where it goes, and can be sent elsewhere before saving.
    const deptValue = (v) => page.locator(`[data-testid="import-department-value"][data-value="${v}"]`);
    assert.equal(await page.getByTestId("import-department-value").count(), 2, "the repeated header's Dept is not a department");
    assert.equal(await deptValue("Commercial Lines").locator("select").inputValue(), "CL");
    assert.equal(await deptValue("Personal Lines").locator("select").inputValue(), "PL");
    await deptValue("Personal Lines").locator("select").selectOption("Benefits");
    await until(async () => /Maria Garcia \(Benefits, 2 policies\)/.test(await book.preview().innerText()), "rows follow the chosen department");
    await deptValue("Personal Lines").locator("select").selectOption("PL");
    await until(async () => /Maria Garcia \(PL, 2 policies\)/.test(await book.preview().innerText()), "and back");

    await book.commitImport();
    await book.waitForCount(3);
    assert.match(await page.getByTestId("import-message").innerText(), /6 report rows \(headers, totals, page numbers\) were skipped/);
    assert.equal(await book.row("Café Lumière").count(), 1, "Windows-1252 text decoded");
    assert.equal(await book.row("Report Total: 5 Policies").count(), 0);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("imports an Epic-style report: lookup codes, code-and-label departments, people, and a cancelled policy kept out of revenue and the board", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    await book.chooseImport(EPIC);

    assert.equal(await page.getByTestId("import-header-row").inputValue(), "4");
    await textIs(page.getByTestId("import-accepted-count"), "5");
    await textIs(page.getByTestId("import-rejected-count"), "0");
    await textIs(page.getByTestId("import-skipped-count"), "1");
    const statuses = await page.getByTestId("import-status-count").evaluateAll((els) => els.map((e) => [e.dataset.status, e.innerText]));
    assert.deepEqual(statuses, [["active", "4"], ["cancelled", "1"]]);
    assert.match(await page.getByTestId("import-statuses").innerText(), /The inactive policy is kept on its account for history; it counts in no revenue, tier, concentration or renewal/);
    const deptValue = (v) => page.locator(`[data-testid="import-department-value"][data-value="${v}"]`);
    assert.equal(await deptValue("CL - Commercial Lines").locator("select").inputValue(), "CL");
    assert.equal(await deptValue("PL - Personal Lines").locator("select").inputValue(), "PL");
    assert.equal(await deptValue("EB - Employee Benefits").locator("select").inputValue(), "Benefits");
    await screenshot(page, "epic-preview");

    await book.commitImport();
    await book.waitForCount(3);
    assert.match(await page.locator(".page-head .count").innerText(), /3 accounts · 4 policies in force \(1 inactive\) · \$4,974\.50 annual commission/);
    const cells = async (name) => (await book.row(name).locator("td").allInnerTexts()).map((t) => t.trim());
    const northwind = await cells("Northwind Traders LLC");
    assert.deepEqual([northwind[1], northwind[2], northwind[3]], ["CL", "$3,097.50", "2"]);
    const okafor = await cells("Okafor Family");
    assert.deepEqual([okafor[1], okafor[2], okafor[3]], ["PL", "$327.00", "1"], "the cancelled auto's chargeback is not revenue");
    const bluebird = await cells("Bluebird Dental PC");
    assert.deepEqual([bluebird[1], bluebird[2]], ["Benefits", "$1,550.00"]);

    // People and the client code are on the account; the cancelled policy is listed, greyed, as history.
    await book.openAccount("Okafor Family");
    assert.equal(await page.getByTestId("account-code").inputValue(), "OKAFFAM-01");
    assert.equal(await page.getByTestId("account-producer").inputValue(), "Dana Whitfield");
    assert.equal(await page.getByTestId("account-manager").inputValue(), "Ana Novak");
    const policyStatuses = await page.getByTestId("policy-row").evaluateAll((rows) => rows.map((r) => r.dataset.status));
    assert.deepEqual(policyStatuses.sort(), ["active", "cancelled"]);
    await screenshot(page, "epic-account-with-cancelled-policy");

    // The board has one renewal per live account and date; the cancelled policy is not on it.
    await page.goto(`${env.server.url}?asof=2026-12-01#/renewals`);
    await textIs(page.getByTestId("renewal-total"), "3 renewals");
    await page.getByTestId("renewal-filter-text").fill("PAU 99813");
    await textIs(page.getByTestId("renewal-total"), "0 renewals");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("opens a workbook of several sheets on its policy list, and another sheet can be chosen", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    await book.chooseImport(WORKBOOK);
    const sheet = page.getByTestId("import-sheet");
    assert.equal(await sheet.inputValue(), "Policies");
    assert.deepEqual(await sheet.locator("option").allInnerTexts(), ["Summary", "Policies", "Notes"]);
    assert.equal(await page.getByTestId("import-header-row").inputValue(), "4");
    await textIs(page.getByTestId("import-accepted-count"), "3");
    await textIs(page.getByTestId("import-skipped-count"), "1");
    const statuses = await page.getByTestId("import-status-count").evaluateAll((els) => els.map((e) => [e.dataset.status, e.innerText]));
    assert.deepEqual(statuses, [["active", "2"], ["non-renewed", "1"]]);
    await screenshot(page, "workbook-preview");

    // An empty sheet is refused with its name, and the policy list stays.
    await sheet.selectOption("Notes");
    await until(async () => /"Notes" is empty/.test(await page.getByTestId("import-message").innerText()), "the empty sheet is named");
    assert.equal(await page.getByTestId("import-sheet").inputValue(), "Policies");
    await page.getByTestId("import-sheet").selectOption("Summary");
    await until(async () => /No column is mapped to the client name/.test(await page.locator(".import").innerText()), "the summary sheet has no policies");
    await page.getByTestId("import-sheet").selectOption("Policies");
    await textIs(page.getByTestId("import-accepted-count"), "3");

    await book.commitImport();
    await book.waitForCount(2);
    const lakeview = (await book.row("Lakeview Dental").locator("td").allInnerTexts()).map((t) => t.trim());
    assert.equal(lakeview[2], "$808.00", "15% of $3,200 and 8% of $4,100");
    assert.equal(await book.row("Reyes Family").getByTestId("book-former").count(), 1, "every policy non-renewed: a former client");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
