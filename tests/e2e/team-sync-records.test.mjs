// Team sync of whole records: two trainers signing off different items of
// one trainee at the same time, and a browser whose tab is closed while it
// is still taking in a large book. Each browser is a context of its own (its
// own IndexedDB); the team database is pouchdb-server behind the app's own
// origin (tests/support/site.mjs, couch.mjs).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { openApp, screenshot, until } from "./support/app.mjs";
import { TeamDb, backupAccounts, bigReport } from "./support/team-db.mjs";
import { closeAfterFirstPull } from "./support/team-sync-page.mjs";
import { person as openPerson, pageObjects, startTeam } from "./support/team-env.mjs";

const ADMIN = { name: "admin", password: "s3cret" };
const DB = "/couch/agency-smith";

describe("team sync of trainees and of a large book", { timeout: 420_000 }, () => {
  let env;
  let couch;
  let site;
  let team;

  before(async () => {
    env = await startTeam({
      admin: ADMIN,
      agencies: [
        {
          db: "agency-smith",
          members: [
            { name: "ann", password: "ann-pw", displayName: "Ann Lee" },
            { name: "bo", password: "bo-pw", displayName: "Bo Diaz" },
          ],
        },
        // The large book goes to a database of its own.
        { db: "agency-big", members: [{ name: "ann", password: "ann-pw" }, { name: "bo", password: "bo-pw" }] },
        { db: "agency-slow", members: [{ name: "ann", password: "ann-pw" }, { name: "bo", password: "bo-pw" }] },
        { db: "agency-tangle", members: [{ name: "ann", password: "ann-pw" }] },
        { db: "agency-gone", members: [{ name: "ann", password: "ann-pw" }, { name: "bo", password: "bo-pw" }] },
        { db: "agency-far", members: [{ name: "ann", password: "ann-pw" }, { name: "bo", password: "bo-pw" }] },
      ],
    });
    ({ couch, site } = env);
    team = new TeamDb(couch, "agency-smith", ADMIN);
  });

  after(async () => {
    await env?.stop();
  });

  const person = () => openPerson(env);

  /**
   * Ann imports a book of `total` accounts and sends it to the empty team
   * database at `url`, waiting up to `timeout` ms for "synced"; then her
   * browser is closed.
   */
  async function annSendsABook(total, url, timeout) {
    const ann = await person();
    await ann.book.open(site.url);
    await ann.book.chooseImport(bigReport(total));
    await ann.book.commitImport();
    await until(async () => (await ann.book.accountCount()) === total, `${total} accounts imported`, 60_000);
    assert.match(await ann.sync.connect(site.url, { url, user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced", timeout);
    await ann.app.context.close();
  }

  // Both people tick "remember the password on this device": the test moves
  // between pages with full page loads, and a password kept in the tab alone
  // is asked for again after one.
  it("Disjoint checklist items on one trainee both survive", async () => {
    const at = `${site.url}?asof=2026-11-22`;
    const TRAINEE = "Riley Park";
    // Two items of the same task, new-in-role level: one for each trainer.
    const ANNS = "cm-2-new-1";
    const BOS = "cm-2-new-2";

    // Ann adds a trainee in her browser, names who signs in as whom in the
    // staff list, then connects it to the team.
    const ann = await person();
    await ann.settings.open(site.url);
    await ann.settings.addSyncingPerson("Ann Lee", "ann");
    await ann.settings.addSyncingPerson("Bo Diaz", "bo");
    await ann.settings.saveProfileAndWait();
    await ann.onboarding.open(at);
    await ann.onboarding.startAddingTrainee();
    await ann.onboarding.addTrainee({ name: TRAINEE, role: "Client Manager", start: "2026-10-01", trainer: "Elena Ortiz" });
    assert.match(await ann.sync.connect(site.url, { url: DB, user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced");

    // Bo's empty browser joins and receives the trainee.
    const bo = await person();
    assert.match(await bo.sync.connect(site.url, { url: DB, user: "bo", password: "bo-pw", remember: true }), /Connected/);
    await bo.sync.waitFor("synced");
    await bo.onboarding.open(at);
    await bo.onboarding.traineeRow(TRAINEE).waitFor();

    // Both open the trainee's checklist; each signs as the person signed in.
    for (const [p, signer] of [
      [ann, "Ann Lee"],
      [bo, "Bo Diaz"],
    ]) {
      await p.onboarding.open(at);
      await p.onboarding.openTrainee(TRAINEE);
      assert.equal(await p.sync.signedInAs(), signer);
    }

    // At the same time, each sets a different item to Observed and verifies it.
    const signOff = async (p, item) => {
      await p.onboarding.setStatus(item, "observed");
      await p.onboarding.verifyItem(item);
    };
    const started = Date.now();
    await Promise.all([signOff(ann, ANNS), signOff(bo, BOS)]);

    // Both sign-offs reach both browsers, each with its own trainer's name.
    for (const p of [ann, bo]) {
      await until(async () => (await p.onboarding.isVerified(ANNS)) && (await p.onboarding.isVerified(BOS)), "both items verified in both browsers", 20_000);
    }
    console.log(`# both sign-offs in both browsers after ${Date.now() - started} ms`);
    for (const p of [ann, bo]) {
      assert.match(await p.onboarding.verifiedBy(ANNS), /Ann Lee/);
      assert.match(await p.onboarding.verifiedBy(BOS), /Bo Diaz/);
      assert.equal(await p.onboarding.itemStatus(ANNS), "observed");
      assert.equal(await p.onboarding.itemStatus(BOS), "observed");
    }

    // Nothing to settle: both browsers end synced, with no difference shown.
    for (const p of [ann, bo]) {
      await p.sync.waitFor("synced", 20_000);
      assert.equal(await p.sync.conflicts().count(), 0);
      assert.equal(await p.sync.pending(), 0);
    }

    // The server's trainee holds both sign-offs, in one revision with no conflict left.
    const trainees = await team.docsOf("trainee");
    assert.equal(trainees.length, 1, "one trainee on the server");
    const [doc] = trainees;
    assert.equal(doc.data.name, TRAINEE);
    assert.deepEqual(doc._conflicts ?? [], [], "no revision left in conflict");
    console.log(`# the server's trainee is at revision ${doc._rev}`);
    const items = doc.data.progress.items;
    assert.equal(items[ANNS]?.status, "observed");
    assert.equal(items[ANNS]?.verified?.by, "Ann Lee");
    assert.equal(items[BOS]?.status, "observed");
    assert.equal(items[BOS]?.verified?.by, "Bo Diaz");

    // The same holds after a reload: it is what each browser stored, not only what it shows.
    for (const p of [ann, bo]) {
      await p.onboarding.reload();
      assert.ok(await p.onboarding.isVerified(ANNS));
      assert.ok(await p.onboarding.isVerified(BOS));
    }
    await screenshot(bo.page, "sync-trainee-two-trainers");
    assert.deepEqual(ann.app.problems, []);
    assert.deepEqual(bo.app.problems, []);
    await ann.app.context.close();
    await bo.app.context.close();
  });

  it("A tab closed mid-pull leaves a consistent book", async () => {
    const TOTAL = 3000;
    const BIG = "/couch/agency-big";
    const big = new TeamDb(couch, "agency-big", ADMIN);
    // How long after the first accounts arrive each tab is closed (ms): at
    // once, then 200 ms later each time, through the time it takes to store
    // them, until a tab has kept the whole book.
    const CLOSE_AFTER = Array.from({ length: 16 }, (_, i) => i * 200);

    // Ann imports a large book and uploads it to an empty team database.
    await annSendsABook(TOTAL, BIG, 180_000);
    const onServer = new Map((await big.docsOf("account")).map((d) => [d.data.id, d.data]));
    assert.equal(onServer.size, TOTAL, "the whole book is on the server");

    // Bo's empty browser connects, and its tab is closed while the book is
    // coming in. Every `_changes` answer the tab read is noted.
    const bo = await person();
    let watch = closeAfterFirstPull(bo.page, { delay: CLOSE_AFTER[0] });
    // The first answer can come (and the tab close) before the card has
    // said "Connected": that is only checked while the tab is open.
    await bo.sync.connect(site.url, { url: BIG, user: "bo", password: "bo-pw", remember: true }).then(
      (said) => assert.match(said, /Connected/),
      (e) => {
        if (!bo.page.isClosed()) throw e;
      },
    );
    let kept = new Map();
    let tab;
    for (let round = 1; ; round++) {
      const closedAfter = await watch.closed;
      const keptBefore = new Set(kept.keys());

      // What the closed tab left: the server holds still while a new tab of
      // the same browser opens, so that nothing more arrives before it is read.
      await couch.pause();
      try {
        tab = pageObjects(bo.app, await openApp(bo.app.context, site.url));
        await tab.book.open(site.url);
        const listed = await tab.book.accountCount();
        await tab.settings.open(site.url);
        kept = backupAccounts((await tab.settings.exportBackup()).text);
        assert.equal(kept.size, listed, "the Book lists the accounts this browser keeps");
      } catch (e) {
        await couch.resume();
        throw e;
      }
      const answers = watch.answers.map((a) => `${a.ids.length} accounts to seq ${a.lastSeq}`).join(", ");
      console.log(`# tab ${round} closed ${closedAfter} ms after the first accounts arrived (answers read: ${answers}); it left ${kept.size} of ${TOTAL} accounts`);

      // Consistent: what is kept is what was kept before plus the accounts of
      // the first k answers this tab read (k = 0 included), never part of an
      // answer; and each account is exactly the server's, policies and all.
      const whole = [keptBefore];
      for (const a of watch.answers) whole.push(new Set([...whole.at(-1), ...a.ids]));
      assert.ok(
        whole.some((s) => s.size === kept.size && [...kept.keys()].every((id) => s.has(id))),
        `the ${kept.size} accounts kept are those of whole answers (possible counts: ${whole.map((s) => s.size).join(", ")})`,
      );
      for (const [id, record] of kept) assertSameAccount(record, onServer.get(id), id);

      // Close this tab too while it pulls, until one had kept everything or
      // every moment was tried; the last tab is left open.
      if (kept.size === TOTAL || round === CLOSE_AFTER.length) {
        await couch.resume();
        break;
      }
      watch = closeAfterFirstPull(tab.page, { delay: CLOSE_AFTER[round] });
      await couch.resume();
    }

    // Sync goes on by itself in the open tab (the password was remembered)
    // until the whole book is here and the header says synced.
    await tab.book.open(site.url);
    await until(async () => (await tab.book.accountCount()) === TOTAL, `all ${TOTAL} accounts in the last tab`, 120_000);
    await tab.sync.waitFor("synced", 60_000);
    assert.equal(await tab.sync.pending(), 0);
    assert.equal(await tab.sync.conflicts().count(), 0);

    // Everything, once, as on the server; nothing went back to the server
    // twice or in conflict.
    await tab.settings.open(site.url);
    const all = backupAccounts((await tab.settings.exportBackup()).text);
    assert.equal(all.size, TOTAL);
    assert.equal(new Set([...all.values()].map((r) => r.account.client_name)).size, TOTAL, "no client twice");
    for (const [id, record] of all) assertSameAccount(record, onServer.get(id), id);
    const accounts = await big.docsOf("account");
    assert.equal(accounts.length, TOTAL, "no account added on the server");
    assert.deepEqual(accounts.filter((d) => d._conflicts?.length).map((d) => d._id), [], "no revision left in conflict");
    await screenshot(tab.page, "sync-reopened-after-close");
    assert.deepEqual(bo.app.problems, []);
    await bo.app.context.close();
  });

  it("A browser on a slow link takes in the whole book, and says synced only once it has it", async () => {
    const TOTAL = 1500;
    const SLOW = "/couch/agency-slow";
    await annSendsABook(TOTAL, SLOW, 120_000);

    // Bo's browser reads at about 150 KB/s: a page of 500 accounts (about
    // 400 KB) takes longer than a long-poll's wait.
    const bo = await person();
    const cdp = await bo.app.context.newCDPSession(bo.page);
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 40, downloadThroughput: 150 * 1024, uploadThroughput: 150 * 1024 });
    assert.match(await bo.sync.connect(site.url, { url: SLOW, user: "bo", password: "bo-pw", remember: true }), /Connected/);
    await bo.book.open(site.url);
    const seen = [];
    const said = new Set();
    await until(
      async () => {
        const [state, count] = [await bo.sync.state(), await bo.book.accountCount()];
        said.add(await bo.page.getByTestId("sync-status").getAttribute("title"));
        if (seen.at(-1)?.state !== state || seen.at(-1)?.count !== count) seen.push({ state, count });
        return state === "synced" && count === TOTAL;
      },
      "the whole book, synced",
      120_000,
    );
    console.log(`# states seen on the slow link: ${seen.map((s) => `${s.state}/${s.count}`).join(" ")}`);
    assert.deepEqual(seen.filter((s) => s.state === "synced" && s.count !== TOTAL), [], "never synced with part of the book");
    assert.ok(seen.some((s) => s.count < TOTAL), "the download was watched while it ran");
    // While the pages come in, the header says how far it got.
    assert.ok([...said].some((t) => /^Receiving the team's book: \d+ records so far/.test(t ?? "")), [...said].join(" | "));
    assert.deepEqual(bo.app.problems, []);
    await bo.app.context.close();
  });
  it("A download the server breaks off part way shows the pages kept, and the rest once it answers again", async () => {
    // One page of a download (500 documents) and a few more.
    const TOTAL = 520;
    const GONE = "/couch/agency-gone";
    await annSendsABook(TOTAL, GONE, 120_000);

    // Bo's first page arrives; the request for the rest finds the server
    // gone, once. The next round brings the few left.
    const bo = await person();
    let brokenOff = 0;
    await bo.page.route("**/couch/agency-gone/_changes**", async (route) => {
      if (!route.request().url().includes("feed=longpoll") && brokenOff === 0) {
        brokenOff += 1;
        return route.abort("connectionreset");
      }
      return route.continue();
    });
    assert.match(await bo.sync.connect(site.url, { url: GONE, user: "bo", password: "bo-pw", remember: true }), /Connected/);
    await bo.book.open(site.url);
    await until(
      async () => (await bo.sync.state()) === "synced" && (await bo.book.accountCount()) === TOTAL,
      "the whole book shown, synced, without a reload",
      60_000,
    );
    assert.equal(brokenOff, 1, "the download was broken off once");
    // The browser itself logs the broken-off request; nothing else went wrong.
    assert.deepEqual(bo.app.problems.filter((p) => !p.includes("net::ERR_CONNECTION_RESET")), []);
    await bo.app.context.close();
  });

  it("A link too slow for a long-poll's answer to begin in time still brings the book in, and only then says synced", async () => {
    const TOTAL = 40;
    const FAR = "/couch/agency-far";
    await annSendsABook(TOTAL, FAR, 60_000);

    // Every long-poll of Bo's answers only after 2 s: later than the app
    // waits for one to begin. Other requests go through at once.
    const bo = await person();
    await bo.page.route("**/couch/agency-far/_changes**", async (route) => {
      if (route.request().url().includes("feed=longpoll")) await new Promise((r) => setTimeout(r, 2_000));
      // (The app may have given up on it by now.)
      await route.continue().catch(() => {});
    });
    assert.match(await bo.sync.connect(site.url, { url: FAR, user: "bo", password: "bo-pw", remember: true }), /Connected/);
    await bo.book.open(site.url);
    const seen = [];
    await until(
      async () => {
        const [state, count] = [await bo.sync.state(), await bo.book.accountCount()];
        seen.push(`${state}/${count}`);
        return state === "synced" && count === TOTAL;
      },
      "the whole book, synced",
      30_000,
    );
    assert.deepEqual(seen.filter((s) => s.startsWith("synced/") && s !== `synced/${TOTAL}`), [], "never synced with part of the book");
    await bo.app.context.close();
  });

  it("Versions the server kept in conflict are folded into one: disjoint changes merge, the losing versions are removed", async () => {
    const tangle = new TeamDb(couch, "agency-tangle", ADMIN);
    const ann = await person();
    await ann.book.importSample(site.url);
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-tangle", user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced");
    const [first] = (await tangle.docsOf("account")).filter((d) => d.data.account.client_name === "Harbor Bakery");
    // Two versions of the account written side by side on the server: one
    // names a producer, the other adds a note.
    const producer = structuredClone(first.data);
    producer.account.producer = "Dana Whitfield";
    const noted = structuredClone(first.data);
    noted.account.notes = "Call in March about the new oven";
    await tangle.branch(first, [producer, noted]);
    // (Each version alone holds one of the two changes: a record with both
    // can only come from folding them together.)

    // The browser takes both in and leaves the server one version.
    await until(async () => !(await tangle.doc(first._id))._conflicts, "the losing version removed on the server", 20_000);
    const settled = await tangle.doc(first._id);
    assert.equal(settled.data.account.producer, "Dana Whitfield");
    assert.equal(settled.data.account.notes, "Call in March about the new oven");
    await ann.sync.waitFor("synced");
    assert.equal(await ann.sync.conflicts().count(), 0, "nothing to settle: the versions changed different fields");
    await ann.settings.open(site.url);
    const kept = backupAccounts((await ann.settings.exportBackup()).text).get(first.data.id);
    assert.equal(kept.account.producer, "Dana Whitfield");
    assert.equal(kept.account.notes, "Call in March about the new oven");
    assert.deepEqual(ann.app.problems, []);
    await ann.app.context.close();
  });
});

/** An account kept in a browser (from its backup) is the server's account document, policies and all. */
function assertSameAccount(kept, server, id) {
  assert.ok(server, `account ${id} kept here is on the server`);
  const byId = (a, b) => a.id.localeCompare(b.id);
  assert.ok(kept.policies.length > 0, `account ${id} kept with its policies`);
  assert.deepEqual(
    { account: kept.account, policies: [...kept.policies].sort(byId) },
    { account: server.account, policies: [...server.policies].sort(byId) },
    `account ${id} kept here as on the server`,
  );
}
