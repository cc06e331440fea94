// Page object for the Profitability page: tier tables and charts, the
// inputs (what-if until saved), processes and overrides, capacity, cost
// basis, the reports and printing.
import { downloaded, until } from "./app.mjs";

export class ProfitabilityPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/profitability`);
  }
  async reload() {
    await this.page.reload();
  }
  /** The method's step numbers, in the order the page's headings show them. */
  async stepNumbers() {
    return this.page.locator("h2").evaluateAll((hs) => hs.map((h) => h.textContent.match(/^Step (\d)/)?.[1]).filter(Boolean));
  }

  // ---- Tiers.
  tierTable(department) {
    return this.page.locator(`[data-testid="tier-table"][data-department="${department}"]`);
  }
  /** The texts of a department's tier rows, largest tier first. */
  async tierRows(department) {
    return this.tierTable(department).locator("tbody tr").allInnerTexts();
  }
  /** The tiers of a department that hold a client (waits for the table). */
  async tiersHoldingClients(department) {
    const rows = this.tierTable(department).locator("tbody tr");
    await rows.first().waitFor();
    const texts = await rows.allInnerTexts();
    // The label of each row whose client count is not 0.
    return texts.map((t) => t.split("\t")).filter((c) => c[3].trim() !== "0").map((c) => c[0].trim());
  }
  concentration50() {
    return this.byTestId("concentration-50");
  }
  /** A department's tier chart (its SVG markup). */
  async tierChart(department) {
    return this.page.locator(`section.dept-section[data-department="${department}"]`).getByTestId("tier-chart").innerHTML();
  }
  async netChartCount() {
    return this.byTestId("net-chart").count();
  }
  async processChart() {
    return this.byTestId("process-chart").innerHTML();
  }
  async openFirstTierEditor() {
    await this.page.locator("details.tier-editor").first().locator("summary").click();
  }
  /** Types a department's tier bounds and clicks the (first) Apply. */
  async applyTierBounds(department, bounds) {
    await this.page.locator(`[data-testid="tier-bounds"][data-department="${department}"]`).fill(bounds);
    await this.page.getByRole("button", { name: "Apply" }).first().click();
  }
  /** Downloads the tiers CSV; returns the file ({ name, path, text }). */
  async exportTiers() {
    return downloaded(this.page, () => this.byTestId("export-tiers").click());
  }

  // ---- Inputs, what-if and baseline.
  costPerMinute() {
    return this.byTestId("cost-per-minute");
  }
  async setEmployees(n) {
    await this.byTestId("employees").fill(String(n));
  }
  async employees() {
    return Number(await this.byTestId("employees").inputValue());
  }
  employeesError() {
    return this.byTestId("employees-error");
  }
  async totalCompensation() {
    return this.byTestId("total-compensation").inputValue();
  }
  whatIfBanner() {
    return this.byTestId("whatif-banner");
  }
  agencyNet() {
    return this.byTestId("agency-net");
  }
  async discardWhatIf() {
    await this.page.getByRole("button", { name: "Discard" }).click();
  }
  /** Saves the inputs as the baseline and waits until the what-if banner is gone. */
  async saveBaseline() {
    await this.page.getByRole("button", { name: "Save as baseline" }).click();
    await until(async () => (await this.whatIfBanner().count()) === 0, "baseline saved");
  }
  /** The headline figures: 0 revenue, 1 cost to serve, 2 net. */
  stat(index) {
    return this.page.locator(".stat").nth(index);
  }
  /** Sets a report threshold (`small`, `producer`, `es-fee`, `min-new`, `low-net`, `high-service`) and leaves the field. */
  async setRule(rule, value) {
    await this.byTestId(`rule-${rule}`).fill(value);
    await this.byTestId(`rule-${rule}`).press("Tab");
  }
  async rule(rule) {
    return this.byTestId(`rule-${rule}`).inputValue();
  }
  rulesMessage() {
    return this.byTestId("rules-message");
  }
  async setCostBasis(basis) {
    await this.byTestId("cost-basis").selectOption(basis);
  }
  losingCount() {
    return this.byTestId("losing-count");
  }
  async losingAccounts() {
    return Number(await this.losingCount().innerText());
  }
  async losingExplained() {
    return this.byTestId("losing-explained").locator("li").allInnerTexts();
  }
  /** The heading above the first net table (it names the cost basis). */
  async netTableHeading() {
    return this.byTestId("net-table").first().locator("xpath=..").locator("h3").innerText();
  }

  // ---- Processes and overrides.
  processRow(process) {
    return this.page.locator(`[data-testid="process-row"][data-process="${process}"]`);
  }
  /** A process's cost (its row's third cell). */
  processCost(process) {
    return this.processRow(process).locator("td").nth(2);
  }
  processMinutes(process) {
    return this.processRow(process).getByTestId("process-minutes");
  }
  /** Types a step's minutes (by the field's label, e.g. "Step 2 minutes") and leaves the field. */
  async setStepMinutes(process, label, minutes) {
    const field = this.processRow(process).getByLabel(label);
    await field.fill(minutes);
    await field.press("Tab");
  }
  async addStep(process) {
    await this.processRow(process).getByTestId("step-add").click();
  }
  /** Removes a process's step (0-based). */
  async removeStep(process, index) {
    await this.processRow(process).getByTestId("step-remove").nth(index).click();
  }
  processError() {
    return this.byTestId("process-error");
  }
  /** Shows the process times of a department (or `default`). */
  async showProcessTimesFor(department) {
    await this.byTestId("process-department").selectOption(department);
  }
  /** Adds a per-tier frequency override and waits for the overrides table's row. */
  async addOverride({ department, tier, process, perYear }) {
    await this.byTestId("override-department").selectOption(department);
    await this.byTestId("override-tier").selectOption({ label: tier });
    await this.byTestId("override-process").selectOption({ label: process });
    await this.byTestId("override-per-year").fill(perYear);
    await this.byTestId("override-add").click();
    await this.byTestId("override-row").waitFor();
  }
  async overrideRow() {
    return this.byTestId("override-row").innerText();
  }

  // ---- Capacity.
  capacity() {
    return this.byTestId("capacity");
  }
  /** The minutes each department's processes take, from the capacity table. */
  async capacityMinutesByDepartment() {
    return this.byTestId("capacity-table").locator("tbody tr td:nth-child(2)").allInnerTexts();
  }

  // ---- Reports.
  report(key) {
    return this.page.locator(`[data-testid="report"][data-report="${key}"]`);
  }
  reportCount(key) {
    return this.report(key).getByTestId("report-count");
  }
  async reportCountNumber(key) {
    return Number(await this.reportCount(key).innerText());
  }
  async openReport(key) {
    await this.report(key).locator("summary").click();
  }
  /** Downloads a report's CSV; returns its lines. */
  async exportReport(key) {
    return (await downloaded(this.page, () => this.report(key).getByTestId("export-report").click())).text.split("\n");
  }
  /** In the open all-accounts report: a client's net. */
  accountNet(client) {
    return this.report("all-accounts").locator("tbody tr", { hasText: client }).locator("td").nth(4);
  }
  /** A cell of a report's first row (0-based). */
  async firstRowCell(key, index) {
    return this.report(key).locator("tbody tr").first().locator("td").nth(index).innerText();
  }
  async lowNetHighServiceLimits() {
    return this.byTestId("lnhs-limits").innerText();
  }
  async houseSavings() {
    return this.byTestId("house-savings").innerText();
  }

  // ---- Printing.
  async printOnePage() {
    await this.byTestId("print-one-page").click();
  }
  async printReport() {
    return this.byTestId("print-report").innerText();
  }
}
