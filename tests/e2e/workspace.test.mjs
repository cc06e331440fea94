// The workspace name is kept in IndexedDB: saved once, there after a reload
// and in a new tab.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, newAppContext, openApp, startStaticServer, textIs } from "./support/app.mjs";
import { Shell } from "./support/shell-page.mjs";

describe("workspace name", () => {
  let server, browser;
  before(async () => {
    server = await startStaticServer(8473);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
    server?.cleanup();
  });

  it("is saved, validated, and shown in the header after a reload", async () => {
    const app = await newAppContext(browser, server);
    const page = await openApp(app.context, `${server.url}#/settings`);
    const shell = new Shell(page);
    const input = page.getByTestId("agency-name-input");
    await input.fill("   ");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByText("Not saved: the agency name cannot be empty.").waitFor();
    await textIs(shell.workspaceName(), "My agency");

    await input.fill("Lakeside Insurance <Group>");
    await page.getByRole("button", { name: "Save name" }).click();
    await textIs(shell.workspaceName(), "Lakeside Insurance <Group>");
    await page.reload();
    await textIs(shell.workspaceName(), "Lakeside Insurance <Group>");
    const other = await openApp(app.context, server.url);
    await textIs(new Shell(other).workspaceName(), "Lakeside Insurance <Group>");
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });
});
