// The workspace name is kept in IndexedDB: saved once, there after a reload
// and in a new tab.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { newAppContext, openApp, textIs, until, useServedApp } from "./support/app.mjs";
import { BookPage } from "./support/book-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";
import { Shell } from "./support/shell-page.mjs";

describe("workspace name", () => {
  const env = useServedApp(8473);

  it("is saved, validated, and shown in the header after a reload", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/settings`);
    const shell = new Shell(page);
    const settings = new SettingsPage(page);
    await settings.saveAgencyName("   ");
    await page.getByText("Not saved: the agency name cannot be empty.").waitFor();
    await textIs(shell.workspaceName(), "My agency");

    await settings.saveAgencyName("Lakeside Insurance <Group>");
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
    const settings = new SettingsPage(page);
    await settings.addPerson();
    await settings.saveProfile();
    await page.getByText("Not saved: Staff member 1 has no name.").waitFor();
    await settings.nameStaffMember("Elena Ortiz");
    await settings.chooseStaffRole("Client Advocate");
    await settings.addDepartment();
    await textIs(settings.departmentMessage(), "Not added: the department is blank (expected CL, PL, Benefits or a department name).");
    await settings.addDepartment("commercial lines");
    await textIs(settings.departmentMessage(), "Commercial Lines is already in the list.");
    await settings.addDepartment("Farm & Ranch");
    await settings.saveProfile();
    await until(async () => /Saved/.test(await new Shell(page).saveStatus().innerText()), "saved indicator");
    await page.reload();
    await until(async () => (await settings.staffNames().count()) === 1, "staff row after reload");
    assert.equal(await settings.staffNames().inputValue(), "Elena Ortiz");
    assert.equal(await settings.staffRole(), "ClientAdvocate");
    assert.match(await settings.departments(), /Farm & Ranch/);
    await app.context.close();
  });

  it("asks for a reload when another tab upgrades the database", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/book`);
    await new BookPage(page).count().waitFor();
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
    const shell = new Shell(page);
    await shell.reloadBanner().waitFor();
    assert.match(await shell.reloadBanner().innerText(), /Reload this tab/);
    await app.context.close();
  });
});
