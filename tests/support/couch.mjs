// A CouchDB stand-in for tests: pouchdb-server (the npm package, pinned in
// package.json) on 127.0.0.1, on a free port, with the agencies' databases,
// their _security and their members' accounts set up.
//
//   const couch = await startCouch({
//     agencies: [{ db: "agency-smith", members: [{ name: "alice", password: "pw", displayName: "Alice Smith" }] }],
//     admin: { name: "admin", password: "secret" },
//   });
//   couch.url            // "http://127.0.0.1:PORT" (no trailing slash)
//   await couch.pause(); await couch.resume();  // SIGSTOP / SIGCONT: data kept
//   await couch.restart();                       // same port; see below
//   await couch.stop();
//
// What pouchdb-server 4.2.0 does differently from CouchDB 3 (found by trying
// it; tests must not claim more than this):
// - `_security` members are enforced, by name and by role, but a signed-in
//   user who is not a member gets 401 "You are not authorized to access this
//   db." where CouchDB 3 answers 403 "forbidden".
// - Creating a database (PUT /db) as anyone but a server admin once an admin
//   exists kills the server (a TypeError in express-pouchdb). Before any
//   admin exists ("admin party") anyone may create one. So databases and
//   `_security` are made first, then the admin, then the users; later
//   databases must be created with the admin's credentials.
// - `_all_dbs` answers anyone; a user reading another user's `_users`
//   document gets a 500 instead of a 404.
// - `_changes?feed=longpoll` ignores `timeout`: with nothing new it never
//   answers by itself (it writes a newline every 6 s, or every `heartbeat`
//   ms), so clients must abort it themselves. It sends its headers at once and
//   ends after the first new change. Sequence numbers are plain integers.
// - `_bulk_get` answers an unknown id with `{}` instead of an error object.
// - Request bodies are only read as JSON with `Content-Type: application/json`.
// - CORS is on by default for every origin, with credentials.
// - In memory (`-m`, the default here) nothing survives the process. With
//   `storage: "disk"` the databases are JSON files in a temporary folder
//   (tests/support/couch-disk-store.cjs) and survive `restart()`.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", "pouchdb-server", "bin", "pouchdb-server");
const DISK_STORE = join(import.meta.dirname, "couch-disk-store.cjs");

/** The role that makes a user a member of an agency's database (as scripts/team-setup names it). */
export function memberRole(db) {
  return `${db}:member`;
}

/** An `Authorization` header value for Basic auth. */
export function basicAuth(name, password) {
  return "Basic " + Buffer.from(`${name}:${password}`).toString("base64");
}

/** A free TCP port on 127.0.0.1. */
export async function freePort() {
  const server = createServer();
  await new Promise((ok, fail) => server.once("error", fail).listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** fetch with a deadline; throws with the method and path on failure. */
async function call(url, { method = "GET", auth, body, timeout = 5000 } = {}) {
  const headers = { Accept: "application/json" };
  if (auth) headers.Authorization = basicAuth(auth.name, auth.password);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const res = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeout),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${new URL(url).pathname}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const running = new Set();
process.once("exit", () => {
  for (const proc of running) proc.kill("SIGKILL");
});

/**
 * Starts pouchdb-server and sets it up. Options:
 * - `agencies`: `[{ db, members: [{ name, password, displayName? }] }]`;
 *   each db gets `_security` with members by the role `memberRole(db)`, and
 *   each member an account in `_users` with that role (a name listed in two
 *   agencies gets both roles) and `display_name`.
 * - `admin`: `{ name, password }` of the server admin (default admin/admin).
 * - `storage`: "memory" (default; pouchdb-server -m) or "disk".
 * - `port`: a port to use (default: a free one).
 * - `startTimeout`: ms to wait for the server to answer (default 15 s).
 */
export async function startCouch({
  agencies = [],
  admin = { name: "admin", password: "admin" },
  storage = "memory",
  port,
  startTimeout = 15_000,
} = {}) {
  if (storage !== "memory" && storage !== "disk") throw new Error(`storage must be "memory" or "disk", not ${storage}`);
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), "agency-desk-couch-"));
  const url = `http://127.0.0.1:${port}`;
  let proc = null;
  let exited = null;
  let paused = false;
  let stderr = "";

  async function launch() {
    // Our own uuid in the config tells our server from anything else that
    // might answer on the port.
    const uuid = randomUUID().replaceAll("-", "");
    const configFile = join(dir, "config.json");
    let config = {};
    try {
      config = JSON.parse(readFileSync(configFile, "utf8"));
    } catch {
      /* first start */
    }
    config.couchdb = { ...config.couchdb, uuid };
    config.log = { ...config.log, file: join(dir, "log.txt") };
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    const args = [BIN, "-p", String(port), "-o", "127.0.0.1", "-n", "-c", configFile, "-d", join(dir, "data") + "/"];
    if (storage === "memory") args.push("-m");
    else args.push("--level-backend", DISK_STORE);
    stderr = "";
    proc = spawn(process.execPath, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"] });
    running.add(proc);
    proc.stderr.on("data", (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    exited = new Promise((ok) =>
      proc.once("exit", (code, signal) => {
        running.delete(proc);
        ok({ code, signal });
      }),
    );
    const deadline = Date.now() + startTimeout;
    let gone = false;
    exited.then(() => (gone = true));
    for (;;) {
      if (gone) throw new Error(`pouchdb-server exited while starting on port ${port}: ${stderr.trim()}`);
      try {
        const info = await call(url + "/", { timeout: 1000 });
        if (info.uuid === uuid) return;
        throw new Error(`port ${port} answers, but not as the pouchdb-server just started`);
      } catch (e) {
        if (e.message.startsWith("port ")) {
          await halt("SIGKILL");
          throw e;
        }
      }
      if (Date.now() > deadline) {
        await halt("SIGKILL");
        throw new Error(`pouchdb-server did not answer on port ${port} within ${startTimeout} ms: ${stderr.trim()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function halt(signal = "SIGTERM") {
    if (!proc) return;
    const p = proc;
    proc = null;
    if (p.exitCode === null && p.signalCode === null) {
      if (paused) p.kill("SIGCONT");
      p.kill(signal);
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
      if (!done) {
        p.kill("SIGKILL");
        await exited;
      }
    }
    paused = false;
  }

  // Order matters (see the top of this file): databases and _security while
  // there is no admin, then the admin, then the users.
  async function provision() {
    const roles = new Map();
    const people = new Map();
    for (const { db, members = [] } of agencies) {
      await call(`${url}/${encodeURIComponent(db)}`, { method: "PUT" });
      await call(`${url}/${encodeURIComponent(db)}/_security`, {
        method: "PUT",
        body: { admins: { names: [], roles: [] }, members: { names: [], roles: [memberRole(db)] } },
      });
      for (const m of members) {
        roles.set(m.name, [...(roles.get(m.name) || []), memberRole(db)]);
        people.set(m.name, m);
      }
    }
    await call(`${url}/_config/admins/${encodeURIComponent(admin.name)}`, { method: "PUT", body: admin.password });
    for (const [name, m] of people) {
      const doc = { _id: `org.couchdb.user:${name}`, name, type: "user", roles: roles.get(name), password: m.password };
      if (m.displayName) doc.display_name = m.displayName;
      await call(`${url}/_users/${encodeURIComponent(doc._id)}`, { method: "PUT", auth: admin, body: doc });
    }
  }

  try {
    await launch();
    await provision();
  } catch (e) {
    await halt("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    url,
    port,
    admin,
    storage,
    /** Where the config, log and (with storage "disk") the data live. */
    dir,
    /** Does `restart()` keep the documents? (only with storage "disk") */
    keepsDataOnRestart: storage === "disk",
    /** The server's process id, or null while stopped. */
    get pid() {
      return proc?.pid ?? null;
    },
    /**
     * Freezes the server (SIGSTOP): connections are accepted by the kernel
     * but nothing is answered until `resume()`. Data is kept, whatever the
     * storage.
     */
    async pause() {
      if (!proc) throw new Error("pouchdb-server is not running");
      proc.kill("SIGSTOP");
      paused = true;
    },
    /** Lets a paused server go on (SIGCONT). */
    async resume() {
      if (!proc) throw new Error("pouchdb-server is not running");
      proc.kill("SIGCONT");
      paused = false;
    },
    /**
     * Ends the server's process (`signal`, SIGTERM by default; SIGKILL for a
     * crash), waits `downFor` ms, then starts it again on the same port. With
     * storage "disk" the databases, users and admin are kept; in memory they
     * are lost, and the agencies, admin and users are set up again as at
     * the start (an empty server, as after a wipe).
     */
    async restart({ downFor = 0, signal = "SIGTERM" } = {}) {
      await halt(signal);
      if (downFor > 0) await new Promise((r) => setTimeout(r, downFor));
      if (storage === "memory") rmSync(join(dir, "config.json"), { force: true });
      await launch();
      if (storage === "memory") await provision();
    },
    /** Ends the server, waits for it, and removes its folder. */
    async stop() {
      await halt("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
