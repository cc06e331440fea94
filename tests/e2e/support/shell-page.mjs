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
  /** The navigation bar as styled (`.main-nav`), e.g. to see it hidden in print. */
  navBar() {
    return this.page.locator(".main-nav");
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
  /** "✓ Saved HH:MM" after this tab's last save. */
  saveStatus() {
    return this.page.getByTestId("save-status");
  }
  /** What an empty page needs and where to start. */
  emptyState() {
    return this.page.getByTestId("empty-state");
  }
  notice() {
    return this.page.getByTestId("notice");
  }
  /** Shown when another tab upgraded the data: this tab must reload. */
  reloadBanner() {
    return this.page.getByTestId("reload-banner");
  }
  /** Shown when the browser closed the saved data after a failed write (a reload is needed). */
  storageClosedBanner() {
    return this.page.getByTestId("storage-closed-banner");
  }
  updateBanner() {
    return this.page.getByTestId("update-banner");
  }
  async goTo(label) {
    await this.navLink(label).click();
  }
}
