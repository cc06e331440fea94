// Onboarding: the role library carried from the role pages, a trainee
// walked through a task with the keyboard, items verified and the record
// printed, sign-offs kept across reloads, the team matrix, the editor and
// role files, and the dashboard tile.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";

const item = (page, key) => page.locator(`[data-testid="expectation-item"][data-item="${key}"]`);
const progress = (page) => page.locator('.trainee-head [data-testid="trainee-progress"]');

describe("onboarding checklists", () => {
  const env = useServedApp(8482);

  it("walks a trainee through a task with the keyboard, verifies, keeps sign-offs and prints the record", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);

    // The library has both roles, every task and every level's items.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding/roles`);
    const cmTasks = page.locator('[data-testid="role-task"][data-role="Client Manager"]');
    await until(async () => (await cmTasks.count()) === 6, "six Client Manager tasks");
    const levelCount = (l) => page.locator(`[data-testid="role-view"] [data-testid="expectation-item"][data-level="${l}"]`).count();
    assert.deepEqual([await levelCount("new"), await levelCount("meeting"), await levelCount("exceeding")], [25, 30, 19]);
    await page.getByTestId("role-choice").filter({ hasText: "Client Advocate" }).click();
    await until(async () => (await page.locator('[data-testid="role-task"][data-role="Client Advocate"]').count()) === 8, "eight Client Advocate tasks");
    await screenshot(page, "onboarding-library");

    // Add a trainee who started on Oct 1: new in role on Nov 22.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding`);
    await page.locator('[data-testid="trainee-add"] summary').click();
    await page.getByTestId("trainee-save").click();
    await textIs(page.getByTestId("trainee-add-message"), "Enter the trainee's name.");
    await page.getByTestId("trainee-name").fill("Riley Park");
    await page.getByTestId("trainee-role").selectOption("Client Manager");
    await page.getByTestId("trainee-start").fill("2026-10-01");
    await page.getByTestId("trainee-trainer").fill("Elena Ortiz");
    await page.getByTestId("trainee-save").click();
    const row = page.locator('[data-testid="trainee-row"][data-trainee="Riley Park"]');
    await row.waitFor();
    assert.equal(await row.locator("[data-level]").getAttribute("data-level"), "new");
    await row.getByTestId("trainee-open").click();
    await page.getByTestId("trainee-page").waitFor();
    assert.equal(await progress(page).getAttribute("data-self"), "0");

    // The walkthrough: one task at a time, → / ← / N / P, Esc leaves.
    await page.getByTestId("walkthrough-start").click();
    await textIs(page.getByTestId("walkthrough-position"), "Task 1 of 6");
    await textIs(page.getByTestId("walkthrough-task"), "Manage service team workflow");
    await page.keyboard.press("ArrowRight");
    await textIs(page.getByTestId("walkthrough-position"), "Task 2 of 6");
    await page.keyboard.press("p");
    await textIs(page.getByTestId("walkthrough-position"), "Task 1 of 6");
    await page.keyboard.press("n");
    await textIs(page.getByTestId("walkthrough-task"), "Act as a technical expert to producer and client");
    assert.match(await page.getByTestId("walkthrough-resources").innerText(), /CIC Designation or equivalent/);
    // Typing in a field does not turn the page.
    await page.getByTestId("signer-name").fill("Elena Ortiz");
    await page.getByTestId("signer-name").press("n");
    await textIs(page.getByTestId("walkthrough-position"), "Task 2 of 6");
    await page.getByTestId("signer-name").fill("Elena Ortiz");
    const first = item(page, "cm-2-new-1");
    assert.equal(await page.locator('.walkthrough [data-testid="expectation-item"][data-level="new"]').count(), 4);
    await first.getByTestId("item-status").selectOption("observed");
    await until(async () => (await first.getAttribute("data-status")) === "observed", "status saved");
    await first.getByTestId("self-check").check();
    await until(async () => /Self-checked Nov 22/.test(await first.innerText()), "self-check saved");
    await page.getByTestId("verify-note").fill("Explained the CGL forms to me");
    await first.getByTestId("verify-item").click();
    await until(async () => /Verified by Elena Ortiz on Nov 22, 2026 — Explained the CGL forms to me/.test(await first.innerText()), "verification saved");
    // The keyboard stays where it was after a save: the checklist is drawn again from the stored record.
    const focused = () => page.evaluate(() => `${document.activeElement?.closest("[data-item]")?.dataset.item}/${document.activeElement?.dataset.testid}`);
    await until(async () => (await focused()) === "cm-2-new-1/verify-undo", "focus on the item's undo after verifying");
    const second = item(page, "cm-2-new-2");
    // Not seen by the trainer yet: Verify waits for Observed and says so.
    assert.ok(await second.getByTestId("verify-item").isDisabled());
    assert.equal(await second.getByTestId("verify-needs-observed").innerText(), "Set Observed to verify");
    await second.getByTestId("item-status").selectOption("observed");
    await until(async () => (await second.getAttribute("data-status")) === "observed", "second status saved");
    await until(async () => !(await second.getByTestId("verify-item").isDisabled()), "verify enabled once observed");
    assert.equal(await second.getByTestId("verify-needs-observed").count(), 0);
    await second.getByTestId("verify-item").focus();
    await page.keyboard.press("Enter");
    await until(async () => (await second.getAttribute("data-verified")) === "true", "second verification");
    await until(async () => (await focused()) === "cm-2-new-2/verify-undo", "focus kept on the second item");
    await screenshot(page, "onboarding-walkthrough");
    await page.keyboard.press("Escape");
    await page.getByTestId("trainee-page").waitFor();

    // 74 items in the role: 2 self-checked or verified of 74 → 1% and 2%.
    await until(async () => (await progress(page).getAttribute("data-verified")) === "2", "overall verified 2%");
    assert.equal(await progress(page).getAttribute("data-self"), "1");

    // Everything is kept across a reload, with name and date.
    await page.reload();
    await page.getByTestId("trainee-page").waitFor();
    assert.match(await item(page, "cm-2-new-1").getByTestId("verified-by").innerText(), /Elena Ortiz on Nov 22, 2026/);
    assert.equal(await item(page, "cm-2-new-1").getAttribute("data-status"), "observed");
    assert.ok(await item(page, "cm-2-new-1").getByTestId("self-check").isChecked());

    // Undoing a sign-off asks for a reason and keeps it in the history.
    page.once("dialog", (d) => d.accept("Signed the wrong item"));
    await item(page, "cm-2-new-2").getByTestId("verify-undo").click();
    await until(async () => (await item(page, "cm-2-new-2").getAttribute("data-verified")) === "false", "verification undone");
    await page.locator('[data-testid="trainee-history"] summary').click();
    assert.match(await page.getByTestId("trainee-history").innerText(), /Signed the wrong item/);
    // A level with unverified items cannot be signed off.
    await page.locator('[data-testid="level-signoff"][data-level="new"] [data-testid="level-signoff-button"]').click();
    await textIs(page.getByTestId("checklist-message"), "24 items of New in role (0–3 months) are not verified yet; verify every item before signing the level off.");

    // A start date moved back to Jul 1 makes the new-in-role period end Sep 30: its 24 unverified items are behind.
    await page.locator('[data-testid="trainee-edit"] summary').click();
    await page.locator('[data-testid="trainee-edit"] [data-testid="trainee-start"]').fill("2026-07-01");
    await page.getByTestId("trainee-update").click();
    await textIs(page.getByTestId("behind-banner"), "24 items are behind schedule: the period of their level has ended and the trainer has not verified them.");
    assert.match(await page.locator(".trainee-head .meta").innerText(), /expected level: Meeting expectations/);

    // The competency record lists every item with status, verifier and date.
    await page.getByTestId("record-open").click();
    const record = page.getByTestId("competency-record");
    await record.waitFor();
    assert.equal(await page.getByTestId("record-item").count(), 74);
    assert.match(await page.locator('[data-testid="record-item"][data-item="cm-2-new-1"]').innerText(), /Observed\s+Nov 22, 2026\s+Elena Ortiz\s+Nov 22, 2026\s+Explained the CGL forms/);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator(".main-nav").isVisible(), false);
    assert.equal(await page.getByTestId("record-print").isVisible(), false);
    await screenshot(page, "onboarding-record-print");
    await page.emulateMedia({ media: "screen" });

    // The team matrix and its CSV.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding`);
    const cell = page.locator('[data-testid="matrix-row"][data-trainee="Riley Park"] [data-testid="matrix-cell"]').nth(1);
    assert.equal(await cell.getAttribute("data-reached"), "");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("team-export").click()]);
    const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
    assert.equal(csv[0], "trainee,role,trainer,expected_level,task,level_reached,level_verified,self_checked_percent,verified_percent,behind_schedule_items");
    assert.equal(csv.length, 7);
    // Task 2 has 13 items: one self-checked and one verified (the other was undone) → 7%.
    // Task 2's new-in-role items: 1 verified of 4, so 3 are behind schedule.
    assert.equal(csv[2], "Riley Park,Client Manager,Elena Ortiz,meeting,Act as a technical expert to producer and client,,,7,7,3");
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });

  it("turns the walkthrough by mouse and touch, shows lead-ins, verifies only observed items, records training activities, names the agency", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true, hasTouch: true });
    await fixToday(app.context);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);
    const LEAD_IN = "Has knowledge of exposures, state rules and laws, which is foundational in the following three behaviors:";

    // Before the agency has a name, trainees read "the agency".
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding/roles`);
    await page.getByTestId("role-choice").filter({ hasText: "Client Advocate" }).click();
    const billing = page.locator('[data-testid="role-task"][data-task="ca-4"]');
    await until(async () => /continues to do business with the agency\./.test(await billing.innerText()), "neutral agency name");
    // The lead-in heads its items in the library and is not one of them.
    const audits = page.locator('[data-testid="role-task"][data-task="ca-2"]');
    await textIs(audits.getByTestId("item-context"), LEAD_IN);
    assert.equal(await audits.locator('[data-testid="expectation-item"][data-level="exceeding"]').count(), 4);

    // The workspace's own name.
    await page.goto(`${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("agency-name-input").fill("Lakeside Insurance");
    await page.getByTestId("agency-name-input").press("Enter");
    await textIs(page.getByTestId("workspace-name"), "Lakeside Insurance");

    // A Client Advocate who started two days ago.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding`);
    await page.locator('[data-testid="trainee-add"] summary').click();
    await page.getByTestId("trainee-name").fill("Maya Chen");
    await page.getByTestId("trainee-role").selectOption("Client Advocate");
    await page.getByTestId("trainee-start").fill("2026-11-20");
    await page.getByTestId("trainee-trainer").fill("Jordan Reyes");
    await page.getByTestId("trainee-save").click();
    // A new trainee has reached nothing, not even on a task whose first two levels ask nothing.
    const acumen = page.locator('[data-testid="matrix-row"][data-trainee="Maya Chen"] [data-testid="matrix-cell"]').nth(7);
    await acumen.waitFor();
    assert.equal(await acumen.getAttribute("data-reached"), "");
    assert.equal(await acumen.getAttribute("data-verified"), "");
    await textIs(acumen.locator(".reached"), "—");
    await textIs(acumen.locator(".verified"), "verified: —");
    await page.locator('[data-testid="trainee-row"][data-trainee="Maya Chen"] [data-testid="trainee-open"]').click();
    await page.getByTestId("trainee-page").waitFor();
    assert.match(await page.locator('[data-testid="role-task"][data-task="ca-4"]').innerText(), /continues to do business with Lakeside Insurance\./);

    // The walkthrough turns by mouse: Previous is off on the first task, Next on the last.
    await page.getByTestId("walkthrough-start").click();
    const next = page.getByTestId("walkthrough-next");
    const prev = page.getByTestId("walkthrough-prev");
    await textIs(page.getByTestId("walkthrough-position"), "Task 1 of 8");
    assert.equal(await next.innerText(), "Next task (N) →");
    assert.equal(await prev.innerText(), "← Previous task (P)");
    assert.ok(await prev.isDisabled());
    assert.ok(!(await next.isDisabled()));
    await next.click();
    await textIs(page.getByTestId("walkthrough-position"), "Task 2 of 8");
    await textIs(page.getByTestId("walkthrough-task"), "Process Audits");
    await prev.click();
    await textIs(page.getByTestId("walkthrough-task"), "Issue certificates of insurance and prepare policy endorsements");
    // … and by touch.
    await next.tap();
    await textIs(page.getByTestId("walkthrough-task"), "Process Audits");
    await next.tap();
    await textIs(page.getByTestId("walkthrough-position"), "Task 3 of 8");
    await prev.tap();
    await textIs(page.getByTestId("walkthrough-position"), "Task 2 of 8");
    await screenshot(page, "onboarding-walkthrough-touch");

    // Process Audits, exceeding: the lead-in is context above its three items, not an item.
    await page.locator('.walkthrough [data-testid="level-choice"][data-level="exceeding"]').click();
    const walkItems = page.locator('.walkthrough [data-testid="expectation-item"][data-level="exceeding"]');
    await until(async () => (await walkItems.count()) === 4, "four exceeding items");
    await textIs(page.locator(".walkthrough").getByTestId("item-context"), LEAD_IN);
    for (const text of await walkItems.allInnerTexts()) assert.ok(!text.includes("foundational"), text);
    const ctxBox = await page.locator(".walkthrough").getByTestId("item-context").boundingBox();
    const firstIntroduced = await item(page, "ca-2-exceeding-3").boundingBox();
    assert.ok(ctxBox.y < firstIntroduced.y, "the lead-in is shown above the items it introduces");

    // Verify needs Observed: refused in the page until the trainer has seen it.
    await page.getByTestId("signer-name").fill("Jordan Reyes");
    const observed = item(page, "ca-2-exceeding-3");
    assert.ok(await observed.getByTestId("verify-item").isDisabled());
    assert.match(await observed.getByTestId("verify-needs-observed").getAttribute("title"), /Set the status to Observed \(or Independent\) before verifying.*this item is Not started\./);
    await observed.getByTestId("item-status").selectOption("learning");
    await until(async () => (await observed.getAttribute("data-status")) === "learning", "learning saved");
    assert.ok(await observed.getByTestId("verify-item").isDisabled());
    await observed.getByTestId("item-status").selectOption("observed");
    await until(async () => !(await observed.getByTestId("verify-item").isDisabled()), "verify enabled");
    await observed.getByTestId("verify-item").click();
    await until(async () => (await observed.getAttribute("data-verified")) === "true", "verified once observed");
    // A verified item's status cannot drop below Observed.
    assert.ok(await observed.locator('[data-testid="item-status"] option[value="learning"]').isDisabled());

    // Training activities are marked done with who recorded it and when, and undone.
    const activity = page.locator('.walkthrough [data-testid="training-activity"][data-task="ca-2"][data-activity="1"]');
    assert.equal(await activity.getAttribute("data-done"), "false");
    await activity.getByTestId("activity-done").click();
    await until(async () => (await activity.getAttribute("data-done")) === "true", "activity done");
    assert.match(await activity.getByTestId("activity-done-by").innerText(), /^✓ Done Nov 22, 2026 — recorded by Jordan Reyes\s*Undo$/);
    assert.match(await page.locator('.walkthrough [data-testid="training-activities"]').innerText(), /Training activities \(1 of 2 done\)/);
    await page.getByTestId("walkthrough-next").scrollIntoViewIfNeeded();
    await screenshot(page, "onboarding-walkthrough-lead-in");
    await page.reload();
    await page.getByTestId("walkthrough").waitFor();
    // The walkthrough starts again at the first task.
    await textIs(page.getByTestId("walkthrough-position"), "Task 1 of 8");
    await next.click();
    await until(async () => (await activity.getAttribute("data-done")) === "true", "activity kept across a reload");

    // The agency's name in the walkthrough.
    await next.click();
    await next.click();
    await textIs(page.getByTestId("walkthrough-task"), "Answer billing questions");
    assert.match(await page.locator(".walkthrough .why").innerText(), /business with Lakeside Insurance\./);
    await page.locator('.walkthrough [data-testid="level-choice"][data-level="exceeding"]').click();
    await textIs(item(page, "ca-4-exceeding-3").locator(".item-text"), "Educating clients when to reach out to Lakeside Insurance and when to solve their own issues");
    for (let i = 0; i < 4; i++) await next.click();
    await textIs(page.getByTestId("walkthrough-position"), "Task 8 of 8");
    assert.ok(await next.isDisabled());
    assert.ok(!(await prev.isDisabled()));

    // The checklist and the printed record carry the activity, the lead-in and the name.
    await page.keyboard.press("Escape");
    await page.getByTestId("trainee-page").waitFor();
    const onCard = page.locator('[data-testid="role-task"][data-task="ca-2"] [data-testid="training-activity"][data-activity="1"]');
    assert.equal(await onCard.getAttribute("data-done"), "true");
    await page.getByTestId("record-open").click();
    await page.getByTestId("competency-record").waitFor();
    assert.equal(await page.getByTestId("record-item").count(), 104);
    assert.equal(await page.locator('[data-testid="competency-record"] [data-testid="item-context"]').count(), 1);
    assert.match(await page.locator('[data-testid="record-activity"][data-task="ca-2"][data-activity="1"]').innerText(), /Nov 22, 2026\s+Jordan Reyes/);
    const recordText = await page.getByTestId("competency-record").innerText();
    assert.ok(!/Christensen|\{agency\}|\bCG\b/.test(recordText), "no other agency's name in the record");
    assert.match(recordText, /Lakeside Insurance/);
    await page.locator('[data-testid="competency-record"] [data-testid="item-context"]').scrollIntoViewIfNeeded();
    await screenshot(page, "onboarding-record-lead-in");
    await page.goBack();
    await page.getByTestId("trainee-page").waitFor();
    await onCard.getByTestId("activity-undo").click();
    await until(async () => (await onCard.getAttribute("data-done")) === "false", "activity undone");
    await page.locator('[data-testid="trainee-history"] summary').click();
    assert.match(await page.getByTestId("trainee-history").innerText(), /Training activity marked not done \(recorded by Jordan Reyes on Nov 22, 2026\)/);
    const pageText = await page.getByTestId("trainee-page").innerText();
    assert.ok(!/Christensen|\{agency\}/.test(pageText), "no other agency's name on the checklist");

    // The blank sheet shows the lead-in as a heading row, not an item.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding/sheet/client-advocate/exceeding`);
    await page.getByTestId("signoff-sheet").waitFor();
    await textIs(page.locator('[data-testid="signoff-sheet"] [data-testid="item-context"]'), LEAD_IN);
    assert.ok(!(await page.getByTestId("sheet-item").allInnerTexts()).some((t) => t.includes("foundational")));
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });

  it("edits, copies, shares and resets roles; prints blank sheets; shows trainees on the dashboard", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22`);

    // Rename a task and add an item; the library keeps it across a reload.
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding/roles`);
    await page.getByTestId("role-edit").click();
    const task1 = page.locator('[data-testid="task-edit"][data-task="cm-1"]');
    await task1.getByTestId("task-title").fill("Run the service team");
    await task1.getByTestId("task-title").press("Tab");
    await task1.locator('[data-testid="item-add"][data-level="new"]').click();
    await task1.locator('[data-testid="item-edit"][data-level="new"]').nth(1).getByTestId("item-text").fill("Shadow the team's Monday meeting");
    await task1.locator('[data-testid="item-edit"][data-level="new"]').nth(1).getByTestId("item-text").press("Tab");
    await page.getByTestId("role-save").click();
    await textIs(page.getByTestId("library-message"), "The role is saved.");
    await page.reload();
    await page.locator('[data-testid="role-task"][data-task="cm-1"] h2').waitFor();
    await textIs(page.locator('[data-testid="role-task"][data-task="cm-1"] h2'), "Run the service team");
    assert.match(await page.locator('[data-testid="role-task"][data-task="cm-1"]').innerText(), /Shadow the team's Monday meeting/);

    // A blank item is refused with a message that names it.
    await page.getByTestId("role-edit").click();
    await page.locator('[data-testid="task-edit"][data-task="cm-2"] [data-testid="item-text"]').first().fill(" ");
    await page.locator('[data-testid="task-edit"][data-task="cm-2"] [data-testid="item-text"]').first().press("Tab");
    await page.getByTestId("role-save").click();
    await textIs(page.getByTestId("library-message"), 'Not saved: "Client Manager", task 2, New in role (0–3 months): an item is blank.');
    await page.getByTestId("role-edit").click();

    // Copy the role, export the copy, remove it, import the file: it is back.
    await page.getByTestId("role-copy-name").fill("Senior Client Manager");
    await page.getByTestId("role-copy").click();
    await textIs(page.getByTestId("library-message"), "The new role was added; edit it below.");
    await page.getByTestId("role-choice").filter({ hasText: "Senior Client Manager" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("role-export").click()]);
    assert.equal(download.suggestedFilename(), "role-senior-client-manager.json");
    const file = await download.path();
    assert.equal(JSON.parse(readFileSync(file, "utf8")).role.name, "Senior Client Manager");
    page.once("dialog", (d) => d.accept());
    await page.getByTestId("role-remove").click();
    await textIs(page.getByTestId("library-message"), "The role was removed.");
    await until(async () => (await page.getByTestId("role-choice").count()) === 2, "the copy is gone");
    await page.getByTestId("role-import").setInputFiles(file);
    await textIs(page.getByTestId("library-message"), "The role was imported into the library.");
    await until(async () => (await page.getByTestId("role-choice").count()) === 3, "the copy is back");
    // A file that is not a role file is refused with the reason.
    await page.getByTestId("role-import").setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"format":"something-else"}') });
    await textIs(page.getByTestId("library-message"), 'notes.json was not imported: This file is a "something-else" file, not a role file.');

    // Reset the original role: the task's name and items are back.
    await page.getByTestId("role-choice").filter({ hasText: /^Client Manager$/ }).click();
    page.once("dialog", (d) => d.accept());
    await page.getByTestId("role-reset").click();
    await textIs(page.getByTestId("library-message"), "The original role is back.");
    await textIs(page.locator('[data-testid="role-task"][data-task="cm-1"] h2'), "Manage service team workflow");

    // A blank sign-off sheet per role and level.
    await page.locator('[data-testid="sheet-link"][data-level="meeting"]').click();
    await page.getByTestId("signoff-sheet").waitFor();
    assert.equal(await page.getByTestId("sheet-item").count(), 30);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "onboarding-blank-sheet-print");
    await page.emulateMedia({ media: "screen" });

    // The demo's trainees on the dashboard, with both figures and items behind schedule.
    await page.goto(`${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.goto(`${env.server.url}?asof=2026-11-22#/`);
    const tile = page.getByTestId("trainees-tile");
    await tile.waitFor();
    assert.equal(await tile.getByTestId("tile-trainee").count(), 3);
    const maya = tile.locator('[data-testid="tile-trainee"][data-trainee="Maya Chen"]');
    assert.ok(Number(await maya.getByTestId("trainee-progress").getAttribute("data-verified")) > 0);
    assert.match(await maya.getByTestId("tile-behind").innerText(), /^\d+$/);
    assert.match(await maya.getByTestId("tile-behind").getAttribute("title"), /^\d+ items behind schedule$/);
    await screenshot(page, "onboarding-dashboard");
    await page.goto(`${env.server.url}?asof=2026-11-22#/onboarding`);
    await page.getByTestId("team-matrix").waitFor();
    await screenshot(page, "onboarding-overview");
    await page.locator('[data-testid="trainee-row"][data-trainee="Maya Chen"] [data-testid="trainee-open"]').click();
    await page.getByTestId("behind-banner").waitFor();
    await screenshot(page, "onboarding-trainee");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
