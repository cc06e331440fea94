// Page object for the Book page.
import { join } from "node:path";
import { ROOT, downloaded, textIs } from "./app.mjs";

export const SAMPLE_REPORT = join(ROOT, "public", "samples", "expiration-report.csv");

export class BookPage {
  constructor(page) {
    this.page = page;
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/book`);
    await this.page.getByTestId("book-account-count").waitFor();
  }
  count() {
    return this.page.getByTestId("book-account-count");
  }
  async accountCount() {
    return Number((await this.count().innerText()).trim());
  }
  async chooseImport(path) {
    await this.page.getByTestId("book-import").setInputFiles(path);
    await this.page.getByTestId("import-preview").waitFor();
  }
  preview() {
    return this.page.getByTestId("import-preview");
  }
  rejectedRows() {
    return this.page.getByTestId("import-rejected-row");
  }
  async commitImport() {
    await this.page.getByTestId("import-commit").click();
    await this.page.getByTestId("import-message").waitFor();
  }
  row(name) {
    return this.page.locator(`[data-testid="book-row"][data-account="${name}"]`);
  }
  async openAccount(name) {
    await this.row(name).getByRole("button", { name }).click();
    await this.page.getByTestId("account-editor").waitFor();
  }
  /** Opens Book and imports the sample report (4 accounts, 8 policies). */
  async importSample(baseUrl) {
    await this.open(baseUrl);
    await this.chooseImport(SAMPLE_REPORT);
    await this.commitImport();
    await this.waitForCount(4);
  }
  /** A listed account's revenue (its row's third cell). */
  revenue(name) {
    return this.row(name).locator("td").nth(2);
  }
  /** The "former client" mark on an account's row. */
  formerMark(name) {
    return this.row(name).getByTestId("book-former");
  }
  async search(text) {
    await this.page.getByTestId("book-search").fill(text);
  }
  async rowCount() {
    await this.listed();
    return this.page.getByTestId("book-row").count();
  }
  /** The client names of the listed rows, in order. */
  async accountNames() {
    await this.listed();
    return this.page.getByTestId("book-row").evaluateAll((rows) => rows.map((r) => r.dataset.account));
  }
  async firstAccountName() {
    await this.listed();
    return this.page.getByTestId("book-row").first().getAttribute("data-account");
  }
  /** Downloads the book CSV; returns the file ({ name, path, text }). */
  async exportCsv() {
    return downloaded(this.page, () => this.page.getByTestId("book-export-csv").click());
  }
  /** Chooses replace (instead of merge) for the import being previewed. */
  async chooseReplace() {
    await this.page.getByTestId("import-mode-replace").check();
  }
  async chooseMerge() {
    await this.page.getByTestId("import-mode-merge").check();
  }
  rejectedCount() {
    return this.page.getByTestId("import-rejected-count");
  }
  acceptedCount() {
    return this.page.getByTestId("import-accepted-count");
  }
  /** In the open account editor: an earlier term of a policy. */
  policyTerm(policy) {
    return this.page.locator(`[data-testid="policy-term"][data-policy="${policy}"]`);
  }
  /** In the open account editor: the policy row holding `text`. */
  policyRow(text) {
    return this.page.locator('[data-testid="policy-row"]', { hasText: text });
  }
  /** In the import: the select of the row the headers are on. */
  headerRow() {
    return this.page.getByTestId("import-header-row");
  }
  async chooseHeaderRow(row) {
    await this.headerRow().selectOption(String(row));
  }
  /** Which rows above the headers are set aside, and why. */
  async headerNote() {
    return this.page.getByTestId("import-header-note").innerText();
  }
  /** The whole import panel's text. */
  async importText() {
    return this.page.locator(".import").innerText();
  }
  skippedCount() {
    return this.page.getByTestId("import-skipped-count");
  }
  async showSkippedRows() {
    await this.page.locator("details.skipped summary").click();
  }
  /** The rows skipped as part of the report, as [line, text]. */
  async skippedRows() {
    return this.page.getByTestId("import-skipped-row").evaluateAll((rows) => rows.map((r) => [r.dataset.line, r.innerText]));
  }
  /** The policies of each status found, as [status, count text]. */
  async statusCounts() {
    return this.page.getByTestId("import-status-count").evaluateAll((els) => els.map((e) => [e.dataset.status, e.innerText]));
  }
  async statusesNote() {
    return this.page.getByTestId("import-statuses").innerText();
  }
  async departmentValueCount() {
    return this.page.getByTestId("import-department-value").count();
  }
  /** The select of where a department value of the file goes. */
  departmentTarget(value) {
    return this.page.locator(`[data-testid="import-department-value"][data-value="${value}"]`).locator("select");
  }
  async sendDepartment(value, department) {
    await this.departmentTarget(value).selectOption(department);
  }
  /** In a workbook's import: the select of the sheet read. */
  sheet() {
    return this.page.getByTestId("import-sheet");
  }
  async chooseSheet(name) {
    await this.sheet().selectOption(name);
  }
  /** The summary under the page's heading (accounts, policies, commission). */
  async summary() {
    return this.page.locator(".page-head .count").innerText();
  }
  /** A listed account's cells, trimmed. */
  async cells(name) {
    return (await this.row(name).locator("td").allInnerTexts()).map((t) => t.trim());
  }
  /** In the open account editor: a field's value (`account-<field>`: code, producer, manager, ...). */
  async accountField(field) {
    return this.page.getByTestId(`account-${field}`).inputValue();
  }
  /** In the open account editor: the status of each policy row. */
  async policyStatuses() {
    return this.policyRows().evaluateAll((rows) => rows.map((r) => r.dataset.status));
  }
  /** Clicks "commit" without waiting for the outcome (for an import that takes long or is refused). */
  async submitImport() {
    await this.page.getByTestId("import-commit").click();
  }
  /** Types the open account's notes. */
  async writeNotes(text) {
    await this.page.getByTestId("account-notes").fill(text);
  }
  async notesValue() {
    return this.page.getByTestId("account-notes").inputValue();
  }
  /** Why the account editor's last save was refused. */
  accountErrors() {
    return this.page.getByTestId("account-errors");
  }
  importMessage() {
    return this.page.getByTestId("import-message");
  }
  /** The account editor (absent once the account is saved). */
  editor() {
    return this.page.getByTestId("account-editor");
  }
  async startNewAccount() {
    await this.page.getByRole("button", { name: "Add account" }).click();
  }
  /** Fills the account editor's fields: { name, department, producer } (those given). */
  async fillAccount({ name, department, producer }) {
    if (name !== undefined) await this.page.getByTestId("account-name").fill(name);
    if (department !== undefined) await this.page.getByTestId("account-department").fill(department);
    if (producer !== undefined) await this.page.getByTestId("account-producer").fill(producer);
  }
  async producer() {
    return this.page.getByTestId("account-producer").inputValue();
  }
  /** The account editor's notes field. */
  notes() {
    return this.editor().getByLabel("Notes");
  }
  async saveAccount() {
    await this.page.getByTestId("account-save").click();
  }
  /** Fills the policy form's fields: { number, effective, expiration, commission } (those given). */
  async fillPolicy({ number, effective, expiration, commission }) {
    if (number !== undefined) await this.page.getByTestId("policy-number").fill(number);
    if (effective !== undefined) await this.page.getByTestId("policy-effective").fill(effective);
    if (expiration !== undefined) await this.page.getByTestId("policy-expiration").fill(expiration);
    if (commission !== undefined) await this.page.getByTestId("policy-commission").fill(commission);
  }
  async addPolicy() {
    await this.page.getByTestId("policy-add").click();
  }
  /** Opens the (only) policy of the open account in the policy form. */
  async editPolicy() {
    await this.page.getByTestId("policy-edit").click();
  }
  async policyCommission() {
    return this.page.getByTestId("policy-commission").inputValue();
  }
  async savePolicy() {
    await this.page.getByRole("button", { name: "Save policy" }).click();
  }
  policyRows() {
    return this.page.getByTestId("policy-row");
  }
  /** Undoes the last delete from the undo banner. */
  async undoDelete() {
    await this.page.getByTestId("undo-banner").getByRole("button", { name: "Undo" }).click();
  }
  /** Deletes the account open in the editor. */
  async deleteAccount() {
    await this.page.getByTestId("account-delete").click();
  }
  /** Waits for the count to read `n` and the list to be worked out for it. */
  async waitForCount(n) {
    await textIs(this.count(), String(n));
    await this.listed();
  }
  /** Waits until the list is worked out for the book as it is (no "Updating the list…"). */
  async listed() {
    await this.page.getByTestId("book-working").waitFor({ state: "detached" });
  }
}
