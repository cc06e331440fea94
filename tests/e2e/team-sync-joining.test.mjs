// Team sync: a browser that already has a book joining a team database
// that has one too (take the team's, keeping this one as a safety copy, or
// merge both); who is recorded once a person signs in (their name from the
// staff list on ticks and in a disagreement); and signing in again when a
// password was not remembered.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { screenshot, until } from "./support/app.mjs";
import { TeamDb } from "./support/team-db.mjs";
import { person as openPerson, startTeam } from "./support/team-env.mjs";

const ADMIN = { name: "admin", password: "s3cret" };
const HEADER = "Insured,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Annual Premium,Agency Commission";

/** A small expiration report of the named clients, one policy each. */
function report(clients) {
  const lines = [HEADER, ...clients.map((c, i) => `${c},CL,GL-${500 + i},General Liability,Acme Mutual,3/1/2026,3/1/2027,"$2,000.00",$300.00`)];
  const file = join(mkdtempSync(join(tmpdir(), "agency-desk-join-")), "report.csv");
  writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

describe("joining a team's book, who is recorded, signing in again", { timeout: 240_000 }, () => {
  let env;
  let couch;
  let site;
  const members = [
    { name: "ann", password: "ann-pw" },
    { name: "bo", password: "bo-pw" },
    { name: "cy", password: "cy-pw" },
  ];

  before(async () => {
    env = await startTeam({
      admin: ADMIN,
      agencies: [
        { db: "agency-join", members },
        { db: "agency-who", members },
        { db: "agency-session", members },
        { db: "agency-late", members },
      ],
    });
    ({ couch, site } = env);
  });

  after(async () => {
    await env?.stop();
  });

  const person = () => openPerson(env);

  /** The client names of the accounts on the server, read as the admin. */
  async function serverClients(db) {
    return (await new TeamDb(couch, db, ADMIN).docsOf("account")).map((d) => d.data.account.client_name).sort();
  }

  it("asks how to join when both have a book: taking the team's keeps this one as a safety copy; merging sends it", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-join", user: "ann", password: "ann-pw", remember: true }), /being sent/);
    await ann.sync.waitFor("synced");
    const teamBook = await serverClients("agency-join");
    assert.equal(teamBook.length, 4);

    // Bo has a book of his own, and takes the team's.
    const bo = await person();
    await bo.book.open(site.url);
    await bo.book.chooseImport(report(["Bo Old Client"]));
    await bo.book.commitImport();
    await bo.book.waitForCount(1);
    assert.equal(await bo.sync.connect(site.url, { url: "/couch/agency-join", user: "bo", password: "bo-pw", remember: true }), "asked how to join");
    assert.match(await bo.sync.joinChoice().innerText(), /already holds \d+ records, and this browser holds 1 accounts/);
    assert.equal(await bo.sync.state(), "off", "nothing is connected before the choice");
    await screenshot(bo.page, "sync-join-choice");
    assert.match(await bo.sync.join("take"), /Safety copies/);
    await bo.sync.waitFor("synced", 20_000);
    await bo.book.open(site.url);
    await bo.book.waitForCount(4);
    assert.equal(await bo.book.row("Bo Old Client").count(), 0, "Bo's old book is gone from the list");
    await bo.settings.open(site.url);
    assert.match(await bo.settings.safetyCopies().first().innerText(), /before taking the team's book[\s\S]*1 accounts/);
    assert.deepEqual(await serverClients("agency-join"), teamBook, "nothing of Bo's old book reached the team");

    // Cy has a book of his own too, and merges it in: Ann receives it.
    const cy = await person();
    await cy.book.open(site.url);
    await cy.book.chooseImport(report(["Cy New Client A", "Cy New Client B"]));
    await cy.book.commitImport();
    await cy.book.waitForCount(2);
    assert.equal(await cy.sync.connect(site.url, { url: "/couch/agency-join", user: "cy", password: "cy-pw", remember: true }), "asked how to join");
    assert.match(await cy.sync.join("merge"), /merged/);
    await cy.sync.waitFor("synced", 20_000);
    await cy.book.open(site.url);
    await cy.book.waitForCount(6);
    await ann.book.open(site.url);
    await ann.book.waitForCount(6);
    assert.equal(await ann.book.row("Cy New Client A").count(), 1);
    for (const p of [ann, bo, cy]) await p.app.context.close();
  });

  it("taking the team's book while an earlier sign-in check answers late still shows every account received", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-late", user: "ann", password: "ann-pw" }), /being sent/);
    await ann.sync.waitFor("synced");
    const bo = await person();
    await bo.book.open(site.url);
    await bo.book.chooseImport(report(["Bo Late Client"]));
    await bo.book.commitImport();
    await bo.book.waitForCount(1);
    // The server is slow to say who is signed in: the app's check of a
    // session cookie is held until the first download of the team's book
    // is asked for, and answers while that download is on its way.
    let downloading;
    const downloadAsked = new Promise((r) => (downloading = r));
    const checks = [];
    await bo.page.route("**/couch/_session", async (route) => {
      if (route.request().method() !== "GET") return route.continue();
      await downloadAsked;
      const answer = await route.fetch();
      checks.push((await answer.json()).userCtx?.name ?? null);
      return route.fulfill({ response: answer });
    });
    // (Held for less than the app waits for a long-poll's answer.) Each
    // request notes whether it signs in with the password (the sign-in's
    // loop) or relies on the cookie (a loop the late check started).
    let held = false;
    const withPassword = [];
    await bo.page.route("**/couch/agency-late/_changes**", async (route) => {
      withPassword.push("authorization" in route.request().headers());
      downloading();
      if (!held) {
        held = true;
        await new Promise((r) => setTimeout(r, 600));
      }
      return route.continue();
    });
    assert.equal(await bo.sync.connect(site.url, { url: "/couch/agency-late", user: "bo", password: "bo-pw" }), "asked how to join");
    assert.match(await bo.sync.join("take"), /Safety copies/);
    await bo.sync.waitFor("synced", 20_000);
    await until(async () => checks.length > 0, "the late sign-in check answered");
    await bo.book.open(site.url);
    await bo.book.waitForCount(4);
    assert.equal(checks[0], "bo", "the late check found the sign-in's session");
    // Past the late answer, the sign-in's loop still syncs, alone.
    const asked = withPassword.length;
    await until(async () => withPassword.length > asked + 1, "more long-polls");
    assert.deepEqual(withPassword.filter((p) => !p), [], "no second loop started on the cookie");
    for (const p of [ann, bo]) await p.app.context.close();
  });

  it("records the signed-in person's staff name on ticks and names who changed each side of a disagreement", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    // The staff list says who each team user is; it is shared with the book.
    await ann.settings.open(site.url);
    await ann.settings.addSyncingPerson("Ann Lee", "ann");
    await ann.settings.addSyncingPerson("Bo Diaz", "bo");
    await ann.settings.saveProfileAndWait();
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-who", user: "ann", password: "ann-pw", remember: true }), /Connected/);
    await ann.sync.waitFor("synced");
    const bo = await person();
    await bo.sync.connect(site.url, { url: "/couch/agency-who", user: "bo", password: "bo-pw", remember: true });
    await bo.sync.waitFor("synced");

    const at = `${site.url}?asof=2026-11-22`;
    for (const p of [ann, bo]) {
      await p.renewals.open(at);
      await p.renewals.openAnyRenewal("Harbor Bakery");
    }
    // Nobody types a name: the panel says who is recorded.
    assert.equal(await bo.sync.signedInAs(), "Bo Diaz");
    assert.equal(await bo.page.getByTestId("renewal-user").count(), 0, "no name to type while signed in");
    await bo.renewals.tickItem("client-strategy:1");
    await until(async () => await ann.renewals.isTicked("client-strategy:1"), "Bo's tick in Ann's browser", 15_000);
    assert.match(await ann.renewals.firstTickedBy(), /Bo Diaz/);

    // The same note changed on both sides: each side says who and when.
    await ann.sync.waitFor("synced");
    await ann.app.context.setOffline(true);
    await ann.renewals.saveNotes("Ann's note");
    await ann.sync.waitFor("offline");
    await bo.renewals.saveNotes("Bo's note");
    const team = new TeamDb(couch, "agency-who", ADMIN);
    await until(async () => (await team.docsOf("renewal")).some((d) => d.data.notes === "Bo's note"), "Bo's note on the server", 15_000);
    await ann.app.context.setOffline(false);
    await ann.sync.waitFor("conflict", 30_000);
    const record = await ann.sync.conflicts().first().getAttribute("data-record");
    const who = await ann.sync.whoChanged(record);
    assert.match(who.mine, /^Ann Lee, 2026-\d\d-\d\d \d\d:\d\d$/);
    assert.match(who.theirs, /^Bo Diaz, 2026-\d\d-\d\d \d\d:\d\d$/);
    await screenshot(ann.page, "sync-conflict-who");
    await ann.sync.keepTheirs(record);
    await ann.sync.save(record);
    await ann.sync.waitFor("synced", 20_000);
    assert.equal(await ann.renewals.notes(), "Bo's note");
    for (const p of [ann, bo]) await p.app.context.close();
  });

  it("without a remembered password, a reload carries on with the sign-in session; once it ends, sync pauses and asks, and signing in again resumes", async () => {
    const ann = await person();
    await ann.book.importSample(site.url);
    assert.match(await ann.sync.connect(site.url, { url: "/couch/agency-session", user: "ann", password: "ann-pw" }), /being sent/);
    await ann.sync.waitFor("synced");
    const stored = await ann.page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(!stored.includes("ann-pw"), "the password is not stored");

    // A reload: the session cookie carries on, no password asked. The
    // page's offline worker is in control by now, and leaves the team
    // database's requests alone (an aborted long-poll must really end).
    await until(() => ann.page.evaluate(() => navigator.serviceWorker.controller !== null), "service worker in control");
    await ann.page.reload();
    const viaWorker = [];
    ann.page.on("response", (r) => r.url().includes("/couch/") && r.fromServiceWorker() && viaWorker.push(r.url()));
    await ann.sync.waitFor("synced", 15_000);
    await ann.renewals.open(`${site.url}?asof=2026-11-22`);
    await ann.renewals.openAnyRenewal("Harbor Bakery");
    await ann.renewals.tickItem("client-strategy:1");
    await until(async () => (await ann.sync.state()) === "synced" && (await ann.sync.pending()) === 0, "the tick sent", 15_000);
    assert.deepEqual(viaWorker, [], "no team database request went through the service worker");

    // The session ends (here: the cookie is gone): the next load pauses sync and says why.
    await ann.app.context.clearCookies();
    await ann.page.reload();
    await ann.sync.waitFor("error", 15_000);
    await ann.page.goto(`${site.url}#/settings`);
    await until(async () => /paused: enter ann's password/.test(await ann.page.getByTestId("sync-state-text").innerText()), "sync paused, asking for the password", 15_000);
    // Changes made meanwhile are kept and sent once signed in again.
    await ann.renewals.open(`${site.url}?asof=2026-11-22`);
    await ann.renewals.openAnyRenewal("Harbor Bakery");
    await ann.renewals.tickItem("client-strategy:2");
    await until(async () => (await ann.sync.pending()) === 1, "the paused header counting the change", 5_000);
    assert.equal(await ann.sync.state(), "error");
    assert.equal(await ann.sync.connect(site.url, { url: "/couch/agency-session", user: "ann", password: "ann-pw" }), "Signed in again: syncing resumes.");
    const team = new TeamDb(couch, "agency-session", ADMIN);
    const serverTicks = async () => (await team.docsOf("renewal")).flatMap((d) => d.data.ticks.map((t) => t.item)).sort();
    await until(async () => (await serverTicks()).length === 2, "the second tick on the server", 15_000);
    assert.deepEqual(await serverTicks(), ["client-strategy:1", "client-strategy:2"]);
    await ann.sync.waitFor("synced");
    assert.equal(await ann.sync.pending(), 0);

    // Disconnecting ends the session too: a reload stays unsynced.
    await ann.sync.disconnect();
    await ann.sync.waitFor("off");
    await ann.page.reload();
    await new Promise((r) => setTimeout(r, 1_500));
    assert.equal(await ann.sync.state(), "off");
    await ann.app.context.close();
  });
});
