// The CouchDB test harness itself: pouchdb-server started by
// tests/support/couch.mjs, set up by scripts/team-setup, reached through the
// same-origin proxy of tests/support/site.mjs at /couch/, as the app will
// reach it. No browser: plain HTTP from Node.
//
// What is checked here is what pouchdb-server really does (see the top of
// couch.mjs). In particular it enforces _security members, but refuses a
// signed-in non-member with 401 where CouchDB 3 says 403; the tests accept
// either and check that nothing was written.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { basicAuth, freePort, memberRole, startCouch } from "../support/couch.mjs";
import { startSite } from "../support/site.mjs";

const ROOT = resolve(import.meta.dirname, "..", "..");
const TEAM_SETUP = join(ROOT, "scripts", "team-setup");
const ADMIN = { name: "admin", password: "s3cret" };

/** Runs scripts/team-setup (bounded) and returns its exit status and output. */
function teamSetup(args, env = {}) {
  const r = spawnSync(TEAM_SETUP, args, {
    encoding: "utf8",
    timeout: 30_000,
    env: { ...process.env, COUCHDB_URL: "", COUCHDB_USER: "", COUCHDB_PASSWORD: "", ...env },
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** One HTTP request (bounded), JSON in and out. */
async function http(url, { method = "GET", user, cookie, body, timeout = 10_000, signal } = {}) {
  const headers = { Accept: "application/json" };
  if (user) headers.Authorization = basicAuth(...user);
  if (cookie) headers.Cookie = cookie;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: signal ?? AbortSignal.timeout(timeout),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A dist/ of its own, so these tests do not need the release build. */
function fixtureDist() {
  const dir = mkdtempSync(join(tmpdir(), "agency-desk-dist-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>AgencyDesk</title>");
  writeFileSync(join(dir, "app_bg.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(dir, "app.js"), "export {};\n");
  mkdirSync(join(dir, "sub"));
  writeFileSync(join(dir, "sub", "index.html"), "<!doctype html><title>sub</title>");
  return dir;
}

const ALICE = ["alice", "alice-pw"];
const BOB = ["bob", "bob-pw"];
const CAROL = ["carol", "carol-pw"];

describe("CouchDB harness: pouchdb-server, team-setup and the /couch/ proxy", { timeout: 120_000 }, () => {
  let couch;
  let site;
  let dist;
  let setupRun;
  let db; // http://origin/couch/agency-smith

  before(async () => {
    // agency-jones is set up by couch.mjs itself, agency-smith by team-setup.
    couch = await startCouch({
      admin: ADMIN,
      agencies: [{ db: "agency-jones", members: [{ name: CAROL[0], password: CAROL[1], displayName: "Carol Jones" }] }],
    });
    setupRun = teamSetup([
      "--url",
      couch.url,
      "--admin",
      `${ADMIN.name}:${ADMIN.password}`,
      "--db",
      "agency-smith",
      "--user",
      `${ALICE[0]}:${ALICE[1]}:Alice Smith`,
      "--user",
      `${BOB[0]}:${BOB[1]}`,
    ]);
    dist = fixtureDist();
    site = await startSite({ couchUrl: couch.url, dist });
    db = `${site.couchUrl}/agency-smith`;
  });

  after(async () => {
    await site?.stop();
    await couch?.stop();
    if (dist) rmSync(dist, { recursive: true, force: true });
  });

  test("team-setup creates the database, its security and the users", async () => {
    assert.equal(setupRun.status, 0, setupRun.err);
    assert.match(setupRun.out, /database agency-smith: created/);
    assert.match(setupRun.out, /user alice: created with role agency-smith:member, display name "Alice Smith"/);
    const sec = await http(`${couch.url}/agency-smith/_security`, { user: [ADMIN.name, ADMIN.password] });
    assert.deepEqual(sec.json.members, { names: [], roles: [memberRole("agency-smith")] });
    const me = await http(`${site.couchUrl}/_users/org.couchdb.user:alice`, { user: ALICE });
    assert.equal(me.status, 200);
    assert.equal(me.json.display_name, "Alice Smith");
    assert.deepEqual(me.json.roles, ["agency-smith:member"]);
  });

  test("team-setup run again changes nothing and says so", () => {
    const again = teamSetup(
      ["--url", couch.url, "--admin", ADMIN.name, "--db", "agency-smith", "--user", `${ALICE[0]}:${ALICE[1]}:Alice Smith`],
      { COUCHDB_PASSWORD: ADMIN.password },
    );
    assert.equal(again.status, 0, again.err);
    assert.match(again.out, /database agency-smith: exists already, kept/);
    assert.match(again.out, /security of agency-smith: already lets role agency-smith:member in, kept/);
    assert.match(again.out, /user alice: exists already with role agency-smith:member, kept \(password unchanged\)/);
  });

  test("team-setup adds a second agency's role to an existing user", async () => {
    const r = teamSetup(["--url", couch.url, "--admin", `${ADMIN.name}:${ADMIN.password}`, "--db", "agency-jones", "--user", "bob:other-pw"]);
    assert.equal(r.status, 0, r.err);
    assert.match(r.out, /user bob: exists already; role agency-jones:member added \(password unchanged\)/);
    const session = await http(`${site.couchUrl}/_session`, { user: BOB });
    assert.deepEqual(session.json.userCtx.roles, ["agency-smith:member", "agency-jones:member"]);
  });

  test("team-setup explains a wrong admin password, an unreachable server and a bad name", async () => {
    const wrong = teamSetup(["--url", couch.url, "--admin", `${ADMIN.name}:nope`, "--db", "agency-smith"]);
    assert.equal(wrong.status, 1);
    assert.match(wrong.err, /wrong admin name or password for "admin"/);

    const notAdmin = teamSetup(["--url", couch.url, "--admin", `${ALICE[0]}:${ALICE[1]}`, "--db", "agency-new"]);
    assert.equal(notAdmin.status, 1);
    assert.match(notAdmin.err, /"alice" signed in but is not a server admin/);

    const closed = await freePort();
    const away = teamSetup(["--url", `http://127.0.0.1:${closed}`, "--admin", "admin:x", "--db", "agency-smith", "--timeout", "3000"]);
    assert.equal(away.status, 1);
    assert.match(away.err, new RegExp(`cannot reach CouchDB at http://127.0.0.1:${closed}: ECONNREFUSED`));

    for (const name of ["Agency-Smith", "1agency", "agency smith", "_agency"]) {
      const bad = teamSetup(["--url", couch.url, "--admin", "admin:x", "--db", name]);
      assert.equal(bad.status, 2, name);
      assert.match(bad.err, new RegExp(`invalid database name "${name}"`));
    }

    const help = teamSetup(["--help"]);
    assert.equal(help.status, 0);
    assert.match(help.out, /^Usage: scripts\/team-setup/);
    // The server is still up after all that.
    assert.equal((await http(couch.url + "/")).status, 200);
  });

  test("the site serves dist/ with the right content types", async () => {
    const index = await fetch(site.url, { signal: AbortSignal.timeout(5000) });
    assert.equal(index.status, 200);
    assert.match(index.headers.get("content-type"), /^text\/html/);
    assert.match(await index.text(), /AgencyDesk/);
    const wasm = await fetch(site.url + "app_bg.wasm", { signal: AbortSignal.timeout(5000) });
    assert.equal(wasm.headers.get("content-type"), "application/wasm");
    assert.equal((await wasm.arrayBuffer()).byteLength, 8);
    const js = await fetch(site.url + "app.js", { signal: AbortSignal.timeout(5000) });
    assert.match(js.headers.get("content-type"), /^text\/javascript/);
    const folder = await fetch(site.url + "sub", { redirect: "manual", signal: AbortSignal.timeout(5000) });
    assert.equal(folder.status, 301);
    assert.equal(folder.headers.get("location"), "/sub/");
    assert.equal((await fetch(site.url + "missing.js", { signal: AbortSignal.timeout(5000) })).status, 404);
    assert.equal((await fetch(site.url + "..%2f..%2fetc%2fpasswd", { signal: AbortSignal.timeout(5000) })).status, 404);
  });

  test("a member writes and reads through the proxy with Basic auth", async () => {
    const put = await http(`${db}/client-1`, { method: "PUT", user: ALICE, body: { name: "Acme Co" } });
    assert.equal(put.status, 201, put.text);
    const got = await http(`${db}/client-1`, { user: BOB });
    assert.equal(got.status, 200);
    assert.equal(got.json.name, "Acme Co");
    assert.equal(got.json._rev, put.json.rev);
    assert.ok(site.requests.some((r) => r.method === "PUT" && r.path === "/couch/agency-smith/client-1" && r.status === 201));
  });

  test("a member signs in for a _session cookie and uses it", async () => {
    const login = await http(`${site.couchUrl}/_session`, { method: "POST", body: { name: ALICE[0], password: ALICE[1] } });
    assert.equal(login.status, 200);
    assert.deepEqual(login.json.roles, ["agency-smith:member"]);
    const setCookie = login.headers.get("set-cookie");
    assert.match(setCookie, /^AuthSession=[^;]+;.*HttpOnly/);
    const cookie = setCookie.split(";")[0];
    const who = await http(`${site.couchUrl}/_session`, { cookie });
    assert.equal(who.json.userCtx.name, "alice");
    assert.equal(who.json.info.authenticated, "cookie");
    const put = await http(`${db}/client-2`, { method: "PUT", cookie, body: { name: "Birch LLC" } });
    assert.equal(put.status, 201, put.text);
    const got = await http(`${db}/client-2`, { cookie });
    assert.equal(got.json.name, "Birch LLC");
    const bogus = await http(`${db}/client-2`, { cookie: "AuthSession=bm9ib2R5OjA6AAAA" });
    assert.equal(bogus.status, 401);
  });

  test("a wrong password is refused with 401", async () => {
    const basic = await http(`${db}/client-1`, { user: [ALICE[0], "wrong"] });
    assert.equal(basic.status, 401);
    assert.equal(basic.json.error, "unauthorized");
    const login = await http(`${site.couchUrl}/_session`, { method: "POST", body: { name: ALICE[0], password: "wrong" } });
    assert.equal(login.status, 401);
    assert.equal(login.headers.get("set-cookie"), null);
    const nobody = await http(`${db}/client-1`);
    assert.equal(nobody.status, 401);
  });

  test("another agency's member is refused and writes nothing", async () => {
    // pouchdb-server enforces _security members by role, answering 401
    // where CouchDB 3 answers 403 (forbidden) to a signed-in non-member.
    const read = await http(`${db}/client-1`, { user: CAROL });
    assert.ok([401, 403].includes(read.status), `status ${read.status}`);
    assert.equal(read.json.name, undefined);
    const write = await http(`${db}/carol-was-here`, { method: "PUT", user: CAROL, body: { x: 1 } });
    assert.ok([401, 403].includes(write.status), `status ${write.status}`);
    assert.equal((await http(`${db}/carol-was-here`, { user: ALICE })).status, 404);
    // ...while her own agency lets her in.
    const own = await http(`${site.couchUrl}/agency-jones/note`, { method: "PUT", user: CAROL, body: { x: 1 } });
    assert.equal(own.status, 201);
    assert.ok([401, 403].includes((await http(`${site.couchUrl}/agency-jones/note`, { user: ALICE })).status));
  });

  test("replication endpoints answer through the proxy", async () => {
    const bulk = await http(`${db}/_bulk_docs`, {
      method: "POST",
      user: ALICE,
      body: { docs: [{ _id: "p-1", n: 1 }, { _id: "p-2", n: 2 }] },
    });
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.json.map((r) => r.ok), [true, true]);

    const all = await http(`${db}/_all_docs?include_docs=true`, { user: ALICE });
    assert.deepEqual(
      all.json.rows.filter((r) => r.id.startsWith("p-")).map((r) => r.doc.n),
      [1, 2],
    );

    // A conflict, as a replicator writes one (new_edits=false).
    const theirs = "1-" + "f".repeat(32);
    const forced = await http(`${db}/_bulk_docs`, {
      method: "POST",
      user: ALICE,
      body: { new_edits: false, docs: [{ _id: "p-1", _rev: theirs, n: 10 }] },
    });
    assert.equal(forced.status, 201);
    const diff = await http(`${db}/_revs_diff`, { method: "POST", user: ALICE, body: { "p-1": [theirs, "2-abc"], "p-9": ["1-abc"] } });
    assert.deepEqual(diff.json, { "p-1": { missing: ["2-abc"] }, "p-9": { missing: ["1-abc"] } });

    const got = await http(`${db}/_bulk_get?revs=true`, { method: "POST", user: ALICE, body: { docs: [{ id: "p-2" }, { id: "p-1", rev: theirs }] } });
    assert.equal(got.status, 200);
    assert.equal(got.json.results[0].docs[0].ok.n, 2);
    assert.equal(got.json.results[1].docs[0].ok.n, 10);
    assert.ok(got.json.results[1].docs[0].ok._revisions);

    const changes = await http(`${db}/_changes?since=0&include_docs=true&conflicts=true`, { user: ALICE });
    const p1 = changes.json.results.find((r) => r.id === "p-1");
    assert.equal(p1.doc._conflicts.length, 1);
  });

  test("a longpoll _changes is streamed through the proxy and answers on the next write", async () => {
    const now = await http(`${db}/_changes?since=now`, { user: ALICE });
    const since = now.json.last_seq;
    const started = Date.now();
    const poll = http(`${db}/_changes?feed=longpoll&since=${since}&include_docs=true&conflicts=true`, { user: ALICE, timeout: 15_000 });
    await new Promise((r) => setTimeout(r, 500));
    await http(`${db}/late-news`, { method: "PUT", user: BOB, body: { n: 42 } });
    const res = await poll;
    assert.equal(res.status, 200);
    assert.ok(Date.now() - started >= 400, "the longpoll waited for the write");
    assert.equal(res.json.results.length, 1);
    assert.equal(res.json.results[0].doc.n, 42);
    assert.ok(res.json.last_seq > since);

    // A client that gives up its longpoll: the proxy drops the request too,
    // and the server keeps answering.
    const gone = new AbortController();
    const dropped = http(`${db}/_changes?feed=longpoll&since=now`, { user: ALICE, signal: gone.signal }).catch((e) => e);
    await new Promise((r) => setTimeout(r, 300));
    gone.abort();
    assert.equal((await dropped).name, "AbortError");
    assert.equal((await http(`${db}/late-news`, { user: ALICE })).status, 200);
  });

  test("an unreachable CouchDB is a 502 from the proxy", async () => {
    const lost = await startSite({ couchUrl: `http://127.0.0.1:${await freePort()}`, dist });
    try {
      const res = await http(`${lost.couchUrl}/agency-smith`, { user: ALICE });
      assert.equal(res.status, 502);
      assert.equal(res.json.error, "bad_gateway");
    } finally {
      await lost.stop();
    }
  });
});

describe("CouchDB harness: the server stopped and started again", { timeout: 120_000 }, () => {
  const agencies = [{ db: "agency-smith", members: [{ name: ALICE[0], password: ALICE[1], displayName: "Alice Smith" }] }];

  test("on disk: killed in the middle of a push and restarted, nothing acknowledged is lost", async () => {
    const couch = await startCouch({ admin: ADMIN, agencies, storage: "disk" });
    const dist = fixtureDist();
    const site = await startSite({ couchUrl: couch.url, dist });
    try {
      assert.equal(couch.keepsDataOnRestart, true);
      const db = `${site.couchUrl}/agency-smith`;
      const total = 30;
      const acknowledged = new Map();
      let failures = 0;
      // A pusher that writes one document after another and retries a write
      // that failed (bounded: 200 attempts in all).
      const push = (async () => {
        let attempts = 0;
        for (let i = 0; i < total; ) {
          if (++attempts > 200) throw new Error(`gave up after ${attempts} attempts`);
          try {
            const res = await http(`${db}/policy-${i}`, { method: "PUT", user: ALICE, body: { i }, timeout: 3000 });
            if (res.status === 201) {
              acknowledged.set(`policy-${i}`, res.json.rev);
              i++;
              continue;
            }
            if (res.status === 409) {
              // Written just before the crash, answer lost: it is there.
              i++;
              continue;
            }
            failures++;
          } catch {
            failures++;
          }
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      // Kill the server once the push is under way.
      for (let t = 0; acknowledged.size < 8 && t < 200; t++) await new Promise((r) => setTimeout(r, 25));
      await couch.restart({ signal: "SIGKILL", downFor: 500 });
      await push;
      assert.ok(failures > 0, "some writes failed while the server was down");
      const all = await http(`${db}/_all_docs?include_docs=true`, { user: ALICE });
      const ids = all.json.rows.map((r) => r.id).filter((id) => id.startsWith("policy-"));
      assert.equal(ids.length, total);
      for (const row of all.json.rows) {
        if (acknowledged.has(row.id)) assert.equal(row.value.rev, acknowledged.get(row.id), row.id);
      }
      // Users, security and the admin survived as well.
      assert.equal((await http(`${site.couchUrl}/_session`, { user: ALICE })).json.userCtx.name, "alice");
      assert.deepEqual((await http(`${couch.url}/agency-smith/_security`, { user: [ADMIN.name, ADMIN.password] })).json.members.roles, [
        "agency-smith:member",
      ]);
    } finally {
      await site.stop();
      await couch.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  test("in memory: pause holds requests and resume answers them, data kept", async () => {
    const couch = await startCouch({ admin: ADMIN, agencies });
    try {
      const db = `${couch.url}/agency-smith`;
      assert.equal((await http(`${db}/before`, { method: "PUT", user: ALICE, body: { n: 1 } })).status, 201);
      await couch.pause();
      let settled = false;
      const held = http(`${db}/during`, { method: "PUT", user: ALICE, body: { n: 2 }, timeout: 10_000 }).finally(() => (settled = true));
      await new Promise((r) => setTimeout(r, 700));
      assert.equal(settled, false, "no answer while paused");
      await couch.resume();
      assert.equal((await held).status, 201);
      assert.equal((await http(`${db}/before`, { user: ALICE })).json.n, 1);
      assert.equal((await http(`${db}/during`, { user: ALICE })).json.n, 2);
    } finally {
      await couch.stop();
    }
  });

  test("in memory: restart comes back on the same port, set up again but empty", async () => {
    const couch = await startCouch({ admin: ADMIN, agencies });
    try {
      assert.equal(couch.keepsDataOnRestart, false);
      const db = `${couch.url}/agency-smith`;
      assert.equal((await http(`${db}/gone`, { method: "PUT", user: ALICE, body: {} })).status, 201);
      const url = couch.url;
      await couch.restart();
      assert.equal(couch.url, url);
      assert.equal((await http(`${db}/gone`, { user: ALICE })).status, 404);
      assert.equal((await http(`${couch.url}/_session`, { user: ALICE })).json.userCtx.name, "alice");
    } finally {
      await couch.stop();
    }
  });
});
