// The team database as the server holds it, read over HTTP as its admin,
// and the other side of the comparison: a workspace's backup file. Tests
// compare what a browser keeps with what the server has, without going
// through the browser.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { basicAuth } from "../../support/couch.mjs";

export class TeamDb {
  /** `couch` from startCouch; `db` the database's name; `admin` { name, password }. */
  constructor(couch, db, admin) {
    this.couch = couch;
    this.db = db;
    this.auth = basicAuth(admin.name, admin.password);
  }
  async get(path) {
    const res = await fetch(`${this.couch.url}/${this.db}/${path}`, { headers: { Authorization: this.auth } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
  /** The app's documents (design documents left out), with `_conflicts` where there are any. */
  async docs() {
    const body = await this.get("_all_docs?include_docs=true&conflicts=true");
    return body.rows.map((r) => r.doc).filter((d) => !d._id.startsWith("_"));
  }
  /** The documents of one type ("account", "trainee", "renewal", "settings"). */
  async docsOf(type) {
    return (await this.docs()).filter((d) => d.type === type);
  }
  /**
   * Writes versions of document `doc` side by side, as a second CouchDB
   * node or a replication would: each of `bodies` (a `data` each) becomes a
   * child of the document's current revision, and CouchDB keeps one as the
   * winner and the others as `_conflicts`.
   */
  async branch(doc, bodies) {
    const [gen, parent] = doc._rev.split("-");
    const next = Number(gen) + 1;
    const docs = bodies.map((data, i) => {
      const hash = `${String(i + 1).repeat(8)}${"0".repeat(24)}`;
      const { _conflicts, ...rest } = doc;
      return { ...rest, data, _rev: `${next}-${hash}`, _revisions: { start: next, ids: [hash, parent] } };
    });
    const res = await fetch(`${this.couch.url}/${this.db}/_bulk_docs`, {
      method: "POST",
      headers: { Authorization: this.auth, "Content-Type": "application/json" },
      body: JSON.stringify({ docs, new_edits: false }),
    });
    if (!res.ok) throw new Error(`_bulk_docs new_edits=false: ${res.status} ${await res.text()}`);
  }
  /** One document (with `_conflicts` if any). */
  async doc(id) {
    return this.get(`${encodeURIComponent(id)}?conflicts=true`);
  }
}

/** An expiration report of `n` accounts with a policy each, as an AMS writes it. */
export function bigReport(n) {
  const lines = ["Insured,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Annual Premium,Agency Commission"];
  for (let i = 1; i <= n; i++) lines.push(`Client ${String(i).padStart(4, "0")},CL,BOP-${100000 + i},BOP,Acme Mutual,3/1/2026,3/1/2027,"$1,000.00",$150.00`);
  const file = join(mkdtempSync(join(tmpdir(), "agency-desk-report-")), "book.csv");
  writeFileSync(file, lines.join("\r\n") + "\r\n");
  return file;
}

/**
 * A backup file's book, by account: `Map(account id → { account, policies })`,
 * the same shape as an account document's `data` on the server (policies in
 * the backup's order).
 */
export function backupAccounts(backupText) {
  const { book } = JSON.parse(backupText).data;
  const out = new Map(book.accounts.map((account) => [account.id, { id: account.id, account, policies: [] }]));
  for (const policy of book.policies) {
    const owner = out.get(policy.account_id);
    if (!owner) throw new Error(`the backup holds policy ${policy.id} of account ${policy.account_id}, which it does not hold`);
    owner.policies.push(policy);
  }
  return out;
}
