// Page object for the Book page.
import { join } from "node:path";
import { ROOT, textIs } from "./app.mjs";

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
  async waitForCount(n) {
    await textIs(this.count(), String(n));
  }
}
