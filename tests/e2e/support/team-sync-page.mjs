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
    const asked = async () => (await this.joinChoice().count()) > 0;
    await until(async () => (await this.byTestId("sync-message").count()) > 0 || (await asked()), "the connect outcome");
    // Both this browser and the team have a book: the answer is a question.
    if (await asked()) return "asked how to join";
    return this.byTestId("sync-message").innerText();
  }
  /** The choice offered when both this browser and the team have a book. */
  joinChoice() {
    return this.byTestId("sync-join");
  }
  /** Answers the choice: "take" the team's book, or "merge" both; gives the outcome. */
  async join(how) {
    await this.byTestId(how === "take" ? "sync-join-take" : "sync-join-merge").click();
    await until(async () => (await this.byTestId("sync-message").count()) > 0, "the connect outcome");
    return this.byTestId("sync-message").innerText();
  }
  /** The name recorded for this browser's person while it syncs (a renewal panel or a checklist shows it). */
  async signedInAs() {
    return this.byTestId("signed-in-as").first().locator("strong").innerText();
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
  /** Who changed each side of a disagreement, and when: { mine, theirs }. */
  async whoChanged(record, index = 0) {
    const row = this.fields(record).nth(index);
    return { mine: await row.getByTestId("conflict-who-mine").innerText(), theirs: await row.getByTestId("conflict-who-theirs").innerText() };
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

/**
 * Watches the `_changes` answers `page` reads, noting of each the accounts
 * it carried (their ids) and the sequence it ends at; `delay` ms after the
 * first answer that carries accounts has been read in full, closes the page
 * (as a person closing the tab). Answers read after that one, before the
 * close, are noted too. Returns `{ answers, closed }`: `closed`
 * resolves, once the page is closed, to the time between that answer and
 * the close (ms), and fails if no such answer comes within `timeout`.
 */
export function closeAfterFirstPull(page, { delay = 0, timeout = 60_000 } = {}) {
  const answers = [];
  let arrived = null;
  const closed = new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`no answer with accounts within ${timeout} ms`)), timeout);
    page.on("requestfinished", async (request) => {
      if (!request.url().includes("/_changes")) return;
      let body;
      try {
        body = await (await request.response()).json();
      } catch {
        return; // the page went away first
      }
      const ids = body.results.filter((r) => r.id.startsWith("account:")).map((r) => r.id.slice("account:".length));
      answers.push({ ids, lastSeq: body.last_seq });
      if (ids.length === 0 || arrived) return;
      arrived = Date.now();
      clearTimeout(timer);
      setTimeout(() => page.close().then(() => done(Date.now() - arrived), fail), delay);
    });
  });
  return { answers, closed };
}
