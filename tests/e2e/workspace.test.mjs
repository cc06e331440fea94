// The workspace name is kept in IndexedDB: saved once, there after a reload
// and in a new tab.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { newAppContext, openApp, textIs, until, useServedApp } from "./support/app.mjs";
import { Shell } from "./support/shell-page.mjs";

describe("workspace name", () => {
  const env = useServedApp(8473);

  it("is saved, validated, and shown in the header after a reload", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
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
    const other = await openApp(app.context, env.server.url);
    await textIs(new Shell(other).workspaceName(), "Lakeside Insurance <Group>");
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });
});

describe("departments, staff and upgrades from another tab", () => {
  const env = useServedApp(8478);

  it("saves staff and a custom department, refusing a nameless person", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    await page.getByRole("button", { name: "Add a person" }).click();
    await page.getByTestId("profile-save").click();
    await page.getByText("Not saved: Staff member 1 has no name.").waitFor();
    await page.getByLabel("Staff name").fill("Elena Ortiz");
    await page.getByLabel("Staff name").press("Tab");
    await page.getByLabel("Role").selectOption({ label: "Client Advocate" });
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await textIs(page.getByTestId("department-message"), "Not added: the department is blank (expected CL, PL, Benefits or a department name).");
    await page.getByLabel("Add a department").fill("commercial lines");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await textIs(page.getByTestId("department-message"), "Commercial Lines is already in the list.");
    await page.getByLabel("Add a department").fill("Farm & Ranch");
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByTestId("profile-save").click();
    await until(async () => /Saved/.test(await page.getByTestId("save-status").innerText()), "saved indicator");
    await page.reload();
    await until(async () => (await page.getByLabel("Staff name").count()) === 1, "staff row after reload");
    assert.equal(await page.getByLabel("Staff name").inputValue(), "Elena Ortiz");
    assert.equal(await page.getByLabel("Role").inputValue(), "ClientAdvocate");
    assert.match(await page.getByTestId("department-list").innerText(), /Farm & Ranch/);
    await app.context.close();
  });

  it("asks for a reload when another tab upgrades the database", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/book`);
    await page.getByTestId("book-account-count").waitFor();
    // Another tab opens the same database at a newer version (as a newer app would).
    const other = await app.context.newPage();
    await other.goto(`${env.server.url}manifest.webmanifest`);
    const upgraded = await other.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open("agency-desk-main", 50);
          req.onsuccess = () => {
            resolve(req.result.version);
            req.result.close();
          };
          req.onerror = () => reject(req.error);
          req.onblocked = () => {}; // resolves once the first tab lets go
        })
    );
    assert.equal(upgraded, 50, "the first tab let the upgrade through");
    await page.getByTestId("reload-banner").waitFor();
    assert.match(await page.getByTestId("reload-banner").innerText(), /Reload this tab/);
    await app.context.close();
  });
});
