// Real agency management system reports through the import: a title above
// the header, headers repeated per page, subtotals, totals and page numbers.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ROOT, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";

const AMS360 = join(ROOT, "tests", "fixtures", "ams", "ams360-expiration-list.csv");

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
});
