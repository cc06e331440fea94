// Real agency management system reports through the import: a title above
// the header, headers repeated per page, subtotals, totals and page numbers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { RenewalsPage } from "./support/renewals-page.mjs";

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
    assert.equal(await book.headerRow().inputValue(), "5");
    assert.match(await book.headerNote(), /rows above look like a report title.*row 1 “Expiration List”/);
    await textIs(book.acceptedCount(), "5");
    await textIs(book.rejectedCount(), "0");
    await textIs(book.skippedCount(), "6");
    await book.showSkippedRows();
    const skipped = await book.skippedRows();
    assert.deepEqual(skipped.map(([line]) => line), ["9", "10", "11", "14", "15", "16"]);
    assert.match(skipped[4][1], /total or subtotal.*Report Total: 5 Policies/s);
    assert.match(skipped[2][1], /header row repeated/);
    await screenshot(page, "ams360-preview");

    // Choosing the title as the header shows why that is wrong; choosing row 5 again restores the preview.
    await book.chooseHeaderRow(1);
    await until(async () => /No column is mapped to the client name/.test(await book.importText()), "no client column on row 1");
    await book.chooseHeaderRow(5);
    await textIs(book.acceptedCount(), "5");

    // Each department value is shown with where it goes, and can be sent elsewhere before saving.
    assert.equal(await book.departmentValueCount(), 2, "the repeated header's Dept is not a department");
    assert.equal(await book.departmentTarget("Commercial Lines").inputValue(), "CL");
    assert.equal(await book.departmentTarget("Personal Lines").inputValue(), "PL");
    await book.sendDepartment("Personal Lines", "Benefits");
    await until(async () => /Maria Garcia \(Benefits, 2 policies\)/.test(await book.preview().innerText()), "rows follow the chosen department");
    await book.sendDepartment("Personal Lines", "PL");
    await until(async () => /Maria Garcia \(PL, 2 policies\)/.test(await book.preview().innerText()), "and back");

    await book.commitImport();
    await book.waitForCount(3);
    assert.match(await book.importMessage().innerText(), /6 report rows \(headers, totals, page numbers\) were skipped/);
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

    assert.equal(await book.headerRow().inputValue(), "4");
    await textIs(book.acceptedCount(), "5");
    await textIs(book.rejectedCount(), "0");
    await textIs(book.skippedCount(), "1");
    const statuses = await book.statusCounts();
    assert.deepEqual(statuses, [["active", "4"], ["cancelled", "1"]]);
    assert.match(await book.statusesNote(), /The inactive policy is kept on its account for history; it counts in no revenue, tier, concentration or renewal/);
    assert.equal(await book.departmentTarget("CL - Commercial Lines").inputValue(), "CL");
    assert.equal(await book.departmentTarget("PL - Personal Lines").inputValue(), "PL");
    assert.equal(await book.departmentTarget("EB - Employee Benefits").inputValue(), "Benefits");
    await screenshot(page, "epic-preview");

    await book.commitImport();
    await book.waitForCount(3);
    assert.match(await book.summary(), /3 accounts · 4 policies in force \(1 inactive\) · \$4,974\.50 annual commission/);
    const cells = (name) => book.cells(name);
    const northwind = await cells("Northwind Traders LLC");
    assert.deepEqual([northwind[1], northwind[2], northwind[3]], ["CL", "$3,097.50", "2"]);
    const okafor = await cells("Okafor Family");
    assert.deepEqual([okafor[1], okafor[2], okafor[3]], ["PL", "$327.00", "1"], "the cancelled auto's chargeback is not revenue");
    const bluebird = await cells("Bluebird Dental PC");
    assert.deepEqual([bluebird[1], bluebird[2]], ["Benefits", "$1,550.00"]);

    // People and the client code are on the account; the cancelled policy is listed, greyed, as history.
    await book.openAccount("Okafor Family");
    assert.equal(await book.accountField("code"), "OKAFFAM-01");
    assert.equal(await book.accountField("producer"), "Dana Whitfield");
    assert.equal(await book.accountField("manager"), "Ana Novak");
    const policyStatuses = await book.policyStatuses();
    assert.deepEqual(policyStatuses.sort(), ["active", "cancelled"]);
    await screenshot(page, "epic-account-with-cancelled-policy");

    // The board has one renewal per live account and date; the cancelled policy is not on it.
    const renewals = new RenewalsPage(page);
    await renewals.open(`${env.server.url}?asof=2026-12-01`);
    await textIs(renewals.total(), "3 renewals");
    await renewals.searchFor("PAU 99813");
    await textIs(renewals.total(), "0 renewals");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("opens a workbook of several sheets on its policy list, and another sheet can be chosen", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, env.server.url);
    const book = new BookPage(page);
    await book.open(env.server.url);
    await book.chooseImport(WORKBOOK);
    assert.equal(await book.sheet().inputValue(), "Policies");
    assert.deepEqual(await book.sheet().locator("option").allInnerTexts(), ["Summary", "Policies", "Notes"]);
    assert.equal(await book.headerRow().inputValue(), "4");
    await textIs(book.acceptedCount(), "3");
    await textIs(book.skippedCount(), "1");
    const statuses = await book.statusCounts();
    assert.deepEqual(statuses, [["active", "2"], ["non-renewed", "1"]]);
    await screenshot(page, "workbook-preview");

    // An empty sheet is refused with its name, and the policy list stays.
    await book.chooseSheet("Notes");
    await until(async () => /"Notes" is empty/.test(await book.importMessage().innerText()), "the empty sheet is named");
    await until(async () => (await book.sheet().inputValue()) === "Policies", "the choice goes back to the sheet shown");
    await book.chooseSheet("Summary");
    await until(async () => /No column is mapped to the client name/.test(await book.importText()), "the summary sheet has no policies");
    await book.chooseSheet("Policies");
    await textIs(book.acceptedCount(), "3");

    await book.commitImport();
    await book.waitForCount(2);
    const lakeview = await book.cells("Lakeview Dental");
    assert.equal(lakeview[2], "$808.00", "15% of $3,200 and 8% of $4,100");
    assert.equal(await book.formerMark("Reyes Family").count(), 1, "every policy non-renewed: a former client");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
