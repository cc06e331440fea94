// Page object for the Settings page: the agency's name, the workspace
// switch and the demo, backups and restores, tracking, staff and storage.
import { downloaded, until } from "./app.mjs";

export class SettingsPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/settings`);
  }

  // ---- The agency's name.
  /** Types the agency's name and presses Enter. */
  async nameAgency(name) {
    await this.byTestId("agency-name-input").fill(name);
    await this.byTestId("agency-name-input").press("Enter");
  }
  /** Types the agency's name and clicks "Save name". */
  async saveAgencyName(name) {
    await this.byTestId("agency-name-input").fill(name);
    await this.page.getByRole("button", { name: "Save name" }).click();
  }

  // ---- The as-of date.
  /** Types an as-of date (ISO, or "" to clear the field) and clicks "Save date". */
  async saveAsOf(iso) {
    await this.byTestId("asof-input").fill(iso);
    await this.page.getByRole("button", { name: "Save date" }).click();
  }
  /** Whether the browser finds the as-of field valid (its `required` check). */
  async isAsOfValid() {
    return this.byTestId("asof-input").evaluate((el) => el.validity.valid);
  }

  // ---- Workspaces.
  /** Switches to the demo workspace and waits for its banner. */
  async openDemoWorkspace() {
    await this.byTestId("workspace-switch").selectOption("demo");
    await this.demoBanner().waitFor();
  }
  /** Switches back to the agency's own workspace and waits until the demo banner is gone. */
  async openMainWorkspace() {
    await this.byTestId("workspace-switch").selectOption("main");
    await until(async () => (await this.demoBanner().count()) === 0, "demo banner gone");
  }
  demoBanner() {
    return this.byTestId("demo-banner");
  }
  async resetDemo() {
    await this.byTestId("demo-reset").click();
  }

  // ---- Backups.
  lastBackup() {
    return this.byTestId("last-backup");
  }
  backupMessage() {
    return this.byTestId("backup-message");
  }
  async backupMessageText() {
    return this.backupMessage().innerText();
  }
  /** Exports a backup (saved under its own name in `saveDir` if given); returns the file ({ name, path, text }). */
  async exportBackup(saveDir) {
    return downloaded(this.page, () => this.byTestId("backup-export").click(), saveDir);
  }
  /** Chooses a backup file to restore (a preview or a refusal follows). */
  async chooseBackup(path) {
    await this.byTestId("backup-import").setInputFiles(path);
  }
  restorePreview() {
    return this.byTestId("restore-preview");
  }
  async confirmRestore() {
    await this.byTestId("restore-confirm").click();
  }
  async canConfirmRestore() {
    return !(await this.byTestId("restore-confirm").isDisabled());
  }
  /** Why this restore needs a second look (a demo backup, another agency's). */
  restoreWarning() {
    return this.byTestId("restore-warning");
  }
  /** Ticks "I understand" under the restore warning. */
  async acknowledgeRestoreWarning() {
    await this.byTestId("restore-understood").check();
  }
  /** Ticks "I understand" if this restore shows the warning. */
  async acknowledgeRestoreWarningIfAsked() {
    if (await this.byTestId("restore-understood").count()) await this.acknowledgeRestoreWarning();
  }
  /** The copies taken before restores, newest first. */
  safetyCopies() {
    return this.byTestId("safety-copy");
  }
  noSafetyCopies() {
    return this.byTestId("safety-copies-none");
  }
  /** Chooses to restore the newest safety copy (a preview follows). */
  async restoreNewestSafetyCopy() {
    await this.safetyCopies().first().getByTestId("safety-copy-restore").click();
  }
  /** The first error message of the page's forms. */
  async firstFormError() {
    return this.page.locator(".form-message.error").first().innerText();
  }

  // ---- Renewal tracking.
  trackingCard() {
    return this.byTestId("tracking-card");
  }
  async trackingStart() {
    return this.byTestId("tracking-start").inputValue();
  }

  // ---- Staff and departments.
  async addPerson() {
    await this.page.getByRole("button", { name: "Add a person" }).click();
  }
  async saveProfile() {
    await this.byTestId("profile-save").click();
  }
  /** Saves departments and staff and waits until the card says they were saved. */
  async saveProfileAndWait() {
    await this.saveProfile();
    await this.page.locator('section:has([data-testid="staff-table"]) .form-message.ok').waitFor();
  }
  /** Names the (only) staff member and leaves the field. */
  async nameStaffMember(name) {
    await this.page.getByLabel("Staff name").fill(name);
    await this.page.getByLabel("Staff name").press("Tab");
  }
  async chooseStaffRole(label) {
    await this.page.getByLabel("Role").selectOption({ label });
  }
  /** Adds a person to the staff with the user name they sign in to team sync with. */
  async addSyncingPerson(name, syncUser) {
    await this.addPerson();
    await this.page.getByLabel("Staff name").last().fill(name);
    await this.page.getByLabel("Staff name").last().press("Tab");
    await this.page.getByLabel("Team sync user name").last().fill(syncUser);
    await this.page.getByLabel("Team sync user name").last().press("Tab");
  }
  staffNames() {
    return this.page.getByLabel("Staff name");
  }
  async staffRole() {
    return this.page.getByLabel("Role").inputValue();
  }
  /** Adds a department by name (blank clicks Add with nothing typed). */
  async addDepartment(name) {
    if (name !== undefined) await this.page.getByLabel("Add a department").fill(name);
    await this.page.getByRole("button", { name: "Add", exact: true }).click();
  }
  departmentMessage() {
    return this.byTestId("department-message");
  }
  async departments() {
    return this.byTestId("department-list").innerText();
  }

  // ---- Storage.
  storageUsage() {
    return this.byTestId("storage-usage");
  }
  async storagePersistence() {
    return this.byTestId("storage-persistent").innerText();
  }
}
