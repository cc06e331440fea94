// Page object for the Dashboard: the renewals, retention, profitability
// and trainees tiles.
export class DashboardPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/`);
  }

  // ---- Renewals and retention.
  renewalsTile() {
    return this.byTestId("renewals-tile");
  }
  /** "N renewing in the next 30 days …" */
  async renewingIn30Days() {
    return this.byTestId("dashboard-renewals-30").innerText();
  }
  overdueRenewals() {
    return this.byTestId("dashboard-overdue");
  }
  /** "N renewals with overdue milestones …" */
  async overdueText() {
    return this.overdueRenewals().innerText();
  }
  /** Opens the board filtered to the renewals not started. */
  async showNotStartedRenewals() {
    await this.byTestId("dashboard-not-started").click();
  }
  retention() {
    return this.byTestId("dashboard-retention");
  }
  async policyRetention() {
    return this.retention().getAttribute("data-policy-pct");
  }
  async commissionRetention() {
    return this.retention().getAttribute("data-commission-pct");
  }

  // ---- Profitability.
  /** A department's revenue in the profitability tile. */
  departmentRevenue(department) {
    return this.page.locator(`[data-testid="dashboard-dept"][data-department="${department}"] td`).nth(2);
  }
  tierChart() {
    return this.byTestId("dashboard-tier-chart");
  }
  /** The text around the losing-accounts figure (it names the cost basis). */
  async losingText() {
    return this.byTestId("dashboard-losing").locator("xpath=..").innerText();
  }

  // ---- Trainees.
  traineesTile() {
    return this.byTestId("trainees-tile");
  }
  async traineeCount() {
    return this.traineesTile().getByTestId("tile-trainee").count();
  }
  tileTrainee(name) {
    return this.traineesTile().locator(`[data-testid="tile-trainee"][data-trainee="${name}"]`);
  }
  /** A trainee's verified percent on the tile. */
  async traineeVerifiedPercent(name) {
    return Number(await this.tileTrainee(name).getByTestId("trainee-progress").getAttribute("data-verified"));
  }
  /** A trainee's items behind schedule: the figure shown and its title. */
  async traineeBehind(name) {
    const behind = this.tileTrainee(name).getByTestId("tile-behind");
    return { text: await behind.innerText(), title: await behind.getAttribute("title") };
  }
}
