// Page object for the app shell: header, navigation, banners.
export const NAV_LABELS = ["Dashboard", "Book", "Profitability", "Renewals", "Onboarding", "Service model", "Settings"];

export class Shell {
  constructor(page) {
    this.page = page;
  }
  nav() {
    return this.page.getByRole("navigation", { name: "Main" });
  }
  navLink(label) {
    return this.nav().getByRole("link", { name: label, exact: true });
  }
  async navLabels() {
    return this.nav().getByRole("link").allInnerTexts();
  }
  asOf() {
    return this.page.getByTestId("asof-date");
  }
  workspaceName() {
    return this.page.getByTestId("workspace-name");
  }
  heading() {
    return this.page.getByRole("heading", { level: 1 });
  }
  notice() {
    return this.page.getByTestId("notice");
  }
  updateBanner() {
    return this.page.getByTestId("update-banner");
  }
  async goTo(label) {
    await this.navLink(label).click();
  }
}
