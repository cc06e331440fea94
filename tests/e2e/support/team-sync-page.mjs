// Page object for team sync: the Settings card, the header's status and the
// differences to settle.
import { until } from "./app.mjs";

export class TeamSync {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  /** Opens Settings and connects as `user` to the database at `url`. */
  async connect(baseUrl, { url, user, password, remember = false }) {
    await this.page.goto(`${baseUrl}#/settings`);
    await this.byTestId("sync-url").fill(url);
    await this.byTestId("sync-user").fill(user);
    await this.byTestId("sync-password").fill(password);
    if (remember) await this.byTestId("sync-remember").check();
    await this.byTestId("sync-connect").click();
    await until(async () => (await this.byTestId("sync-message").count()) > 0, "the connect outcome");
    return this.byTestId("sync-message").innerText();
  }
  async disconnect() {
    await this.byTestId("sync-disconnect").click();
  }
  /** The header's `data-state`. */
  async state() {
    return this.byTestId("sync-status").getAttribute("data-state");
  }
  async pending() {
    return Number(await this.byTestId("sync-status").getAttribute("data-pending"));
  }
  /** Waits until the header shows `state` (one of off, connecting, synced, pending, offline, conflict, error). */
  async waitFor(state, timeout = 15_000) {
    await until(async () => (await this.state()) === state, `sync state ${state}`, timeout);
  }
  conflict(record) {
    return this.page.locator(`[data-testid="sync-conflict"][data-record="${record}"]`);
  }
  conflicts() {
    return this.byTestId("sync-conflict");
  }
  /** The field rows of a document's disagreements. */
  fields(record) {
    return this.conflict(record).getByTestId("conflict-field");
  }
  async keepMine(record, index = 0) {
    await this.fields(record).nth(index).getByTestId("conflict-keep-mine").click();
  }
  async keepTheirs(record, index = 0) {
    await this.fields(record).nth(index).getByTestId("conflict-keep-theirs").click();
  }
  async save(record) {
    await this.conflict(record).getByTestId("conflict-save").click();
  }
}
