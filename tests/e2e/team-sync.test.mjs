// Team sync end to end: two or three browsers (contexts, each its own
// IndexedDB) share one book through a CouchDB-compatible server behind the
// app's own origin (tests/support/site.mjs, couch.mjs), as the README's
// recommended deployment does.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { newAppContext, openApp, screenshot, until } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { TeamSync } from "./support/team-sync-page.mjs";
import { TeamDb, bigReport } from "./support/team-db.mjs";
import { person as openPerson, startTeam } from "./support/team-env.mjs";

const DB = "/couch/agency-smith";

describe("team sync through the agency's database", { timeout: 240_000 }, () => {
  let env;
  let couch;
  let site;

  before(async () => {
    env = await startTeam({
      admin: { name: "admin", password: "s3cret" },
      agencies: [
        {
          db: "agency-smith",
          members: [
            { name: "ann", password: "ann-pw", displayName: "Ann Lee" },
            { name: "bo", password: "bo-pw", displayName: "Bo Diaz" },
          ],
        },
        { db: "agency-other", members: [{ name: "zed", password: "zed-pw" }] },
        { db: "agency-tabs", members: [{ name: "ann", password: "ann-pw" }] },
      ],
    });
    ({ couch, site } = env);
  });

  after(async () => {
    await env?.stop();
  });

  /** The notes of every renewal document on the server, read as the admin. */
  async function serverNotes() {
    return (await new TeamDb(couch, "agency-smith", { name: "admin", password: "s3cret" }).docsOf("renewal")).map((d) => d.data.notes);
  }

  const person = () => openPerson(env);

  it("refuses a wrong password and another agency's user, and keeps the book here", async () => {
    const ann = await person();
    assert.match(await ann.sync.connect(site.url, { url: DB, user: "ann", password: "nope" }), /Not connected: .*password/i);
    assert.match(await ann.sync.connect(site.url, { url: DB, user: "zed", password: "zed-pw" }), /Not connected: /);
    assert.match(await ann.sync.connect(site.url, { url: "http://couch.example.com/agency-smith", user: "ann", password: "ann-pw" }), /Not connected: /);
    assert.equal(await ann.sync.state(), "off");
    await ann.app.context.close();
  });

  it("lets one tab of a browser sync; another tab takes over when it closes", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    // A database of its own, so the other tests start from an empty one.
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-tabs", user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced");
    const second = await openApp(ann.app.context, site.url);
    const pulls = (page) => {
      const seen = { n: 0 };
      page.on("request", (r) => r.url().includes("/_changes") && seen.n++);
      return seen;
    };
    const first = pulls(ann.page);
    const other = pulls(second);
    await new Promise((r) => setTimeout(r, 4_000));
    assert.ok(first.n > 0, "the first tab syncs");
    assert.equal(other.n, 0, "the second tab waits");
    assert.equal(await new TeamSync(second).state(), "connecting");
    await ann.page.close();
    await new TeamSync(second).waitFor("synced", 15_000);
    assert.ok(other.n > 0, "the second tab took over");
    await ann.app.context.close();
  });

  // Each person ticks "remember the password on this device" (their own
  // browser): the tests move between pages with full page loads, and a
  // password kept in the tab alone is asked for again after one.
  it("shares an import, ticks and notes; merges disjoint ticks; shows the same note changed offline as a difference to settle", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    assert.match(await ann.sync.connect(site.url, { url: DB, user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced");

    // Bo's empty browser joins and receives the book.
    const bo = await person();
    assert.match(await bo.sync.connect(site.url, { url: DB, user: "bo", password: "bo-pw", remember: true }), /Connected/);
    await bo.sync.waitFor("synced");
    await bo.book.open(site.url);
    await bo.book.waitForCount(4);

    // Disjoint ticks on one renewal, made at once, both survive in both browsers.
    const at = `${site.url}?asof=2026-11-22`;
    for (const p of [ann, bo]) {
      await p.renewals.open(at);
      await p.renewals.openAnyRenewal("Harbor Bakery");
      // Signed in, the team user is recorded (no staff name given for them here).
      assert.equal(await p.sync.signedInAs(), p === ann ? "ann" : "bo");
    }
    await ann.renewals.tickItem("client-strategy:1");
    await bo.renewals.tickItem("client-strategy:2");
    const started = Date.now();
    for (const p of [ann, bo]) {
      await until(async () => (await p.renewals.isTicked("client-strategy:1")) && (await p.renewals.isTicked("client-strategy:2")), "both ticks in both browsers", 15_000);
    }
    console.log(`# both ticks in both browsers after ${Date.now() - started} ms`);
    await ann.sync.waitFor("synced");
    await bo.sync.waitFor("synced");

    // Ann goes offline and edits the note; Bo edits the same note online.
    await ann.app.context.setOffline(true);
    await ann.renewals.saveNotes("Ann: quote from two carriers");
    await ann.sync.waitFor("offline");
    await bo.renewals.saveNotes("Bo: client wants higher limits");
    // Bo's note reaches the team database before Ann is back.
    await until(async () => (await serverNotes()).includes("Bo: client wants higher limits"), "Bo's note on the server", 15_000);
    // Ann's change survives a reload while still offline.
    await ann.page.reload();
    await ann.renewals.openAnyRenewal("Harbor Bakery");
    assert.equal(await ann.renewals.notes(), "Ann: quote from two carriers");
    // Back online: the difference is shown side by side, nothing lost.
    await ann.app.context.setOffline(false);
    await ann.sync.waitFor("conflict", 30_000);
    const fields = ann.sync.fields(await ann.sync.conflicts().first().getAttribute("data-record"));
    assert.match(await fields.first().innerText(), /Ann: quote from two carriers[\s\S]*Bo: client wants higher limits/);
    await screenshot(ann.page, "sync-conflict");
    const record = await ann.sync.conflicts().first().getAttribute("data-record");
    await ann.sync.keepMine(record);
    await ann.sync.save(record);
    await ann.sync.waitFor("synced", 20_000);
    await until(async () => (await bo.renewals.notes()) === "Ann: quote from two carriers", "Bo sees the note Ann kept", 15_000);
    await screenshot(bo.page, "sync-two-browsers");
    await ann.app.context.close();
    await bo.app.context.close();
  });
});

describe("team sync when the server goes away mid-push", { timeout: 240_000 }, () => {
  let env;
  let couch;
  let site;
  let browser;

  before(async () => {
    env = await startTeam({
      storage: "disk",
      admin: { name: "admin", password: "s3cret" },
      agencies: [{ db: "agency-smith", members: [{ name: "ann", password: "ann-pw" }] }],
    });
    ({ couch, site, browser } = env);
  });

  after(async () => {
    await env?.stop();
  });

  /** The app's documents on the server, read as the admin. */
  const serverDocs = () => new TeamDb(couch, "agency-smith", { name: "admin", password: "s3cret" }).docs();

  it("keeps every change and duplicates none when the server is killed during the upload and comes back", async () => {
    const app = await newAppContext(browser, site);
    const page = await openApp(app.context, site.url);
    const book = new BookPage(page);
    const sync = new TeamSync(page);
    await book.open(site.url);
    await book.chooseImport(bigReport(1200));
    await book.commitImport();
    await book.waitForCount(1200);
    // Connect, and kill the server as soon as the first batch is on its way.
    const first = new Promise((ok) => page.on("request", (r) => r.url().endsWith("/_bulk_docs") && ok()));
    await sync.connect(site.url, { url: DB, user: "ann", password: "ann-pw", remember: true });
    await first;
    await couch.restart({ downFor: 3_000, signal: "SIGKILL" });
    await sync.waitFor("synced", 90_000);
    const docs = await serverDocs();
    const accounts = docs.filter((d) => d.type === "account");
    assert.equal(accounts.length, 1200, "every account is on the server");
    assert.equal(new Set(accounts.map((d) => d.data.account.client_name)).size, 1200, "none twice");
    assert.deepEqual(docs.filter((d) => d._conflicts?.length), [], "no revision left in conflict");
    assert.equal(await sync.pending(), 0);
    // A second browser receives exactly the same book.
    const other = await newAppContext(browser, site);
    const otherPage = await openApp(other.context, site.url);
    await new TeamSync(otherPage).connect(site.url, { url: DB, user: "ann", password: "ann-pw" });
    await new TeamSync(otherPage).waitFor("synced", 60_000);
    const otherBook = new BookPage(otherPage);
    await otherBook.open(site.url);
    await otherBook.waitForCount(1200);
    await app.context.close();
    await other.context.close();
  });
});
