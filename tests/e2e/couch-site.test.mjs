// The release build served by tests/support/site.mjs (the same-origin site
// with CouchDB at /couch/) opens in Chromium as it does from python's static
// server, so sync tests can use that site.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { basicAuth, startCouch } from "../support/couch.mjs";
import { startSite } from "../support/site.mjs";
import { DIST, launchBrowser, newAppContext, openApp } from "./support/app.mjs";

describe("the app from the same-origin site with CouchDB at /couch/", { timeout: 120_000 }, () => {
  let couch;
  let site;
  let browser;

  before(async () => {
    couch = await startCouch({
      admin: { name: "admin", password: "s3cret" },
      agencies: [{ db: "agency-smith", members: [{ name: "alice", password: "alice-pw", displayName: "Alice Smith" }] }],
    });
    site = await startSite({ couchUrl: couch.url, dist: DIST, appPath: "/demo/agency-desk/" });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await site?.stop();
    await couch?.stop();
  });

  test("the shell renders, and the page reaches CouchDB on its own origin", async () => {
    const app = await newAppContext(browser, site);
    const page = await openApp(app.context, site.url);
    const reply = await page.evaluate(
      async ([url, auth]) => {
        const put = await fetch(url + "/agency-smith/from-page", {
          method: "PUT",
          headers: { Authorization: auth, "Content-Type": "application/json" },
          body: JSON.stringify({ from: "page" }),
        });
        const get = await fetch(url + "/agency-smith/from-page", { headers: { Authorization: auth } });
        return { put: put.status, doc: await get.json() };
      },
      ["/couch", basicAuth("alice", "alice-pw")],
    );
    assert.equal(reply.put, 201);
    assert.equal(reply.doc.from, "page");
    assert.deepEqual(app.foreignRequests(), []);
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
