// Onboarding: the role library carried from the role pages, a trainee
// walked through a task with the keyboard, items verified and the record
// printed, sign-offs kept across reloads, the team matrix, the editor and
// role files, and the dashboard tile.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fixToday, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { DashboardPage } from "./support/dashboard-page.mjs";
import { OnboardingPage } from "./support/onboarding-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";
import { Shell } from "./support/shell-page.mjs";

describe("onboarding checklists", () => {
  const env = useServedApp(8482);

  it("walks a trainee through a task with the keyboard, verifies, keeps sign-offs and prints the record", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const onboarding = new OnboardingPage(page);

    // The library has both roles, every task and every level's items.
    await onboarding.openLibrary(at);
    await until(async () => (await onboarding.taskCount("Client Manager")) === 6, "six Client Manager tasks");
    assert.deepEqual(
      [await onboarding.libraryItemCount("new"), await onboarding.libraryItemCount("meeting"), await onboarding.libraryItemCount("exceeding")],
      [25, 30, 19],
    );
    await onboarding.chooseRole("Client Advocate");
    await until(async () => (await onboarding.taskCount("Client Advocate")) === 8, "eight Client Advocate tasks");
    await screenshot(page, "onboarding-library");

    // Add a trainee who started on Oct 1: new in role on Nov 22.
    await onboarding.open(at);
    await onboarding.startAddingTrainee();
    await onboarding.saveTrainee();
    await textIs(onboarding.addTraineeMessage(), "Enter the trainee's name.");
    await onboarding.addTrainee({ name: "Riley Park", role: "Client Manager", start: "2026-10-01", trainer: "Elena Ortiz" });
    assert.equal(await onboarding.expectedLevel("Riley Park"), "new");
    await onboarding.openTrainee("Riley Park");
    assert.equal(await onboarding.selfCheckedPercent(), "0");

    // The walkthrough: one task at a time, → / ← / N / P, Esc leaves.
    await onboarding.startWalkthrough();
    await textIs(onboarding.position(), "Task 1 of 6");
    await textIs(onboarding.currentTask(), "Manage service team workflow");
    await onboarding.pressKey("ArrowRight");
    await textIs(onboarding.position(), "Task 2 of 6");
    await onboarding.pressKey("p");
    await textIs(onboarding.position(), "Task 1 of 6");
    await onboarding.pressKey("n");
    await textIs(onboarding.currentTask(), "Act as a technical expert to producer and client");
    assert.match(await onboarding.resources(), /CIC Designation or equivalent/);
    // Typing in a field does not turn the page.
    await onboarding.setSignerName("Elena Ortiz");
    await onboarding.pressInSignerName("n");
    await textIs(onboarding.position(), "Task 2 of 6");
    await onboarding.setSignerName("Elena Ortiz");
    assert.equal(await onboarding.walkthroughItems("new").count(), 4);
    await onboarding.setStatus("cm-2-new-1", "observed");
    await onboarding.selfCheck("cm-2-new-1");
    await until(async () => /Self-checked Nov 22/.test(await onboarding.itemText("cm-2-new-1")), "self-check saved");
    await onboarding.writeVerifyNote("Explained the CGL forms to me");
    await onboarding.verifyItem("cm-2-new-1");
    await until(async () => /Verified by Elena Ortiz on Nov 22, 2026 — Explained the CGL forms to me/.test(await onboarding.itemText("cm-2-new-1")), "verification saved");
    // The keyboard stays where it was after a save: the checklist is drawn again from the stored record.
    await until(async () => (await onboarding.focused()) === "cm-2-new-1/verify-undo", "focus on the item's undo after verifying");
    // Not seen by the trainer yet: Verify waits for Observed and says so.
    assert.ok(!(await onboarding.canVerify("cm-2-new-2")));
    assert.equal(await onboarding.verifyHint("cm-2-new-2").innerText(), "Set Observed to verify");
    await onboarding.setStatus("cm-2-new-2", "observed");
    await until(async () => onboarding.canVerify("cm-2-new-2"), "verify enabled once observed");
    assert.equal(await onboarding.verifyHint("cm-2-new-2").count(), 0);
    await onboarding.verifyItemWithKeyboard("cm-2-new-2");
    await until(async () => (await onboarding.focused()) === "cm-2-new-2/verify-undo", "focus kept on the second item");
    await screenshot(page, "onboarding-walkthrough");
    await onboarding.leaveWalkthrough();

    // 74 items in the role: 2 self-checked or verified of 74 → 1% and 2%.
    await until(async () => (await onboarding.verifiedPercent()) === "2", "overall verified 2%");
    assert.equal(await onboarding.selfCheckedPercent(), "1");

    // Everything is kept across a reload, with name and date.
    await onboarding.reload();
    assert.match(await onboarding.verifiedBy("cm-2-new-1"), /Elena Ortiz on Nov 22, 2026/);
    assert.equal(await onboarding.itemStatus("cm-2-new-1"), "observed");
    assert.ok(await onboarding.isSelfChecked("cm-2-new-1"));

    // Undoing a sign-off asks for a reason and keeps it in the history.
    await onboarding.undoVerification("cm-2-new-2", "Signed the wrong item");
    assert.equal(await onboarding.verifiedMark("cm-2-new-2"), "false");
    await onboarding.openHistory();
    assert.match(await onboarding.history(), /Signed the wrong item/);
    // A level with unverified items cannot be signed off.
    await onboarding.signOffLevel("new");
    await textIs(onboarding.checklistMessage(), "24 items of New in role (0–3 months) are not verified yet; verify every item before signing the level off.");

    // A start date moved back to Jul 1 makes the new-in-role period end Sep 30: its 24 unverified items are behind.
    await onboarding.changeStartDate("2026-07-01");
    await textIs(onboarding.behindBanner(), "24 items are behind schedule: the period of their level has ended and the trainer has not verified them.");
    assert.match(await onboarding.traineeMeta(), /expected level: Meeting expectations/);

    // The competency record lists every item with status, verifier and date.
    await onboarding.openRecord();
    assert.equal(await onboarding.recordItemCount(), 74);
    assert.match(await onboarding.recordItem("cm-2-new-1"), /Observed\s+Nov 22, 2026\s+Elena Ortiz\s+Nov 22, 2026\s+Explained the CGL forms/);
    await page.emulateMedia({ media: "print" });
    assert.equal(await new Shell(page).navBar().isVisible(), false);
    assert.equal(await onboarding.printButton().isVisible(), false);
    await screenshot(page, "onboarding-record-print");
    await page.emulateMedia({ media: "screen" });

    // The team matrix and its CSV.
    await onboarding.open(at);
    assert.equal(await onboarding.matrixCell("Riley Park", 1).getAttribute("data-reached"), "");
    const csv = await onboarding.exportTeam();
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
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const onboarding = new OnboardingPage(page);
    const LEAD_IN = "Has knowledge of exposures, state rules and laws, which is foundational in the following three behaviors:";

    // Before the agency has a name, trainees read "the agency".
    await onboarding.openLibrary(at);
    await onboarding.chooseRole("Client Advocate");
    await until(async () => /continues to do business with the agency\./.test(await onboarding.taskText("ca-4")), "neutral agency name");
    // The lead-in heads its items in the library and is not one of them.
    await textIs(onboarding.taskLeadIn("ca-2"), LEAD_IN);
    assert.equal(await onboarding.taskItems("ca-2", "exceeding").count(), 4);

    // The workspace's own name.
    const settings = new SettingsPage(page);
    await settings.open(at);
    await settings.nameAgency("Lakeside Insurance");
    await textIs(new Shell(page).workspaceName(), "Lakeside Insurance");

    // A Client Advocate who started two days ago.
    await onboarding.open(at);
    await onboarding.startAddingTrainee();
    await onboarding.addTrainee({ name: "Maya Chen", role: "Client Advocate", start: "2026-11-20", trainer: "Jordan Reyes" });
    // A new trainee has reached nothing, not even on a task whose first two levels ask nothing.
    const acumen = onboarding.matrixCell("Maya Chen", 7);
    await acumen.waitFor();
    assert.equal(await acumen.getAttribute("data-reached"), "");
    assert.equal(await acumen.getAttribute("data-verified"), "");
    await textIs(acumen.locator(".reached"), "—");
    await textIs(acumen.locator(".verified"), "verified: —");
    await onboarding.openTrainee("Maya Chen");
    assert.match(await onboarding.taskText("ca-4"), /continues to do business with Lakeside Insurance\./);

    // The walkthrough turns by mouse: Previous is off on the first task, Next on the last.
    await onboarding.startWalkthrough();
    await textIs(onboarding.position(), "Task 1 of 8");
    assert.equal(await onboarding.nextButton().innerText(), "Next task (N) →");
    assert.equal(await onboarding.previousButton().innerText(), "← Previous task (P)");
    assert.ok(!(await onboarding.canGoBack()));
    assert.ok(await onboarding.canGoNext());
    await onboarding.nextTask();
    await textIs(onboarding.position(), "Task 2 of 8");
    await textIs(onboarding.currentTask(), "Process Audits");
    await onboarding.previousTask();
    await textIs(onboarding.currentTask(), "Issue certificates of insurance and prepare policy endorsements");
    // … and by touch.
    await onboarding.tapNext();
    await textIs(onboarding.currentTask(), "Process Audits");
    await onboarding.tapNext();
    await textIs(onboarding.position(), "Task 3 of 8");
    await onboarding.tapPrevious();
    await textIs(onboarding.position(), "Task 2 of 8");
    await screenshot(page, "onboarding-walkthrough-touch");

    // Process Audits, exceeding: the lead-in is context above its three items, not an item.
    await onboarding.chooseLevel("exceeding");
    const walkItems = onboarding.walkthroughItems("exceeding");
    await until(async () => (await walkItems.count()) === 4, "four exceeding items");
    await textIs(onboarding.walkthroughLeadIn(), LEAD_IN);
    for (const text of await walkItems.allInnerTexts()) assert.ok(!text.includes("foundational"), text);
    const ctxBox = await onboarding.walkthroughLeadIn().boundingBox();
    const firstIntroduced = await onboarding.item("ca-2-exceeding-3").boundingBox();
    assert.ok(ctxBox.y < firstIntroduced.y, "the lead-in is shown above the items it introduces");

    // Verify needs Observed: refused in the page until the trainer has seen it.
    await onboarding.setSignerName("Jordan Reyes");
    const observed = "ca-2-exceeding-3";
    assert.ok(!(await onboarding.canVerify(observed)));
    assert.match(await onboarding.verifyHint(observed).getAttribute("title"), /Set the status to Observed \(or Independent\) before verifying.*this item is Not started\./);
    await onboarding.setStatus(observed, "learning");
    assert.ok(!(await onboarding.canVerify(observed)));
    await onboarding.setStatus(observed, "observed");
    await until(async () => onboarding.canVerify(observed), "verify enabled");
    await onboarding.verifyItem(observed);
    // A verified item's status cannot drop below Observed.
    assert.ok(!(await onboarding.isStatusOffered(observed, "learning")));

    // Training activities are marked done with who recorded it and when, and undone.
    const activity = onboarding.walkthroughActivity("ca-2", 1);
    assert.equal(await activity.getAttribute("data-done"), "false");
    await onboarding.markActivityDone("ca-2", 1);
    assert.match(await onboarding.activityDoneBy("ca-2", 1), /^✓ Done Nov 22, 2026 — recorded by Jordan Reyes\s*Undo$/);
    assert.match(await onboarding.walkthroughActivities(), /Training activities \(1 of 2 done\)/);
    await onboarding.nextButton().scrollIntoViewIfNeeded();
    await screenshot(page, "onboarding-walkthrough-lead-in");
    await onboarding.reloadWalkthrough();
    // The walkthrough starts again at the first task.
    await textIs(onboarding.position(), "Task 1 of 8");
    await onboarding.nextTask();
    await until(async () => (await activity.getAttribute("data-done")) === "true", "activity kept across a reload");

    // The agency's name in the walkthrough.
    await onboarding.nextTask();
    await onboarding.nextTask();
    await textIs(onboarding.currentTask(), "Answer billing questions");
    assert.match(await onboarding.whyItMatters(), /business with Lakeside Insurance\./);
    await onboarding.chooseLevel("exceeding");
    await textIs(onboarding.itemWording("ca-4-exceeding-3"), "Educating clients when to reach out to Lakeside Insurance and when to solve their own issues");
    for (let i = 0; i < 4; i++) await onboarding.nextTask();
    await textIs(onboarding.position(), "Task 8 of 8");
    assert.ok(!(await onboarding.canGoNext()));
    assert.ok(await onboarding.canGoBack());

    // The checklist and the printed record carry the activity, the lead-in and the name.
    await onboarding.leaveWalkthrough();
    const onCard = onboarding.checklistActivity("ca-2", 1);
    assert.equal(await onCard.getAttribute("data-done"), "true");
    await onboarding.openRecord();
    assert.equal(await onboarding.recordItemCount(), 104);
    assert.equal(await onboarding.recordLeadIns().count(), 1);
    assert.match(await onboarding.recordActivity("ca-2", 1), /Nov 22, 2026\s+Jordan Reyes/);
    const recordText = await onboarding.recordText();
    assert.ok(!/Christensen|\{agency\}|\bCG\b/.test(recordText), "no other agency's name in the record");
    assert.match(recordText, /Lakeside Insurance/);
    await onboarding.recordLeadIns().scrollIntoViewIfNeeded();
    await screenshot(page, "onboarding-record-lead-in");
    await onboarding.backToChecklist();
    await onboarding.undoActivity("ca-2", 1);
    await onboarding.openHistory();
    assert.match(await onboarding.history(), /Training activity marked not done \(recorded by Jordan Reyes on Nov 22, 2026\)/);
    const pageText = await onboarding.traineePageText();
    assert.ok(!/Christensen|\{agency\}/.test(pageText), "no other agency's name on the checklist");

    // The blank sheet shows the lead-in as a heading row, not an item.
    await onboarding.openSheet(at, "client-advocate", "exceeding");
    await textIs(onboarding.sheetLeadIn(), LEAD_IN);
    assert.ok(!(await onboarding.sheetItemTexts()).some((t) => t.includes("foundational")));
    assert.deepEqual(app.problems, []);
    assert.deepEqual(app.foreignRequests(), []);
    await app.context.close();
  });

  it("edits, copies, shares and resets roles; prints blank sheets; shows trainees on the dashboard", async () => {
    const app = await newAppContext(env.browser, env.server, { acceptDownloads: true });
    await fixToday(app.context);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, at);
    const onboarding = new OnboardingPage(page);

    // Rename a task and add an item; the library keeps it across a reload.
    await onboarding.openLibrary(at);
    await onboarding.editRole();
    await onboarding.renameTask("cm-1", "Run the service team");
    await onboarding.addItem("cm-1", "new");
    await onboarding.writeItem("cm-1", 1, "Shadow the team's Monday meeting", "new");
    await onboarding.saveRole();
    await textIs(onboarding.libraryMessage(), "The role is saved.");
    await page.reload();
    await onboarding.taskTitle("cm-1").waitFor();
    await textIs(onboarding.taskTitle("cm-1"), "Run the service team");
    assert.match(await onboarding.taskText("cm-1"), /Shadow the team's Monday meeting/);

    // A blank item is refused with a message that names it.
    await onboarding.editRole();
    await onboarding.writeItem("cm-2", 0, " ");
    await onboarding.saveRole();
    await textIs(onboarding.libraryMessage(), 'Not saved: "Client Manager", task 2, New in role (0–3 months): an item is blank.');
    await onboarding.editRole();

    // Copy the role, export the copy, remove it, import the file: it is back.
    await onboarding.copyRole("Senior Client Manager");
    await textIs(onboarding.libraryMessage(), "The new role was added; edit it below.");
    await onboarding.roleChoice("Senior Client Manager").waitFor();
    const file = await onboarding.exportRole();
    assert.equal(file.name, "role-senior-client-manager.json");
    assert.equal(JSON.parse(readFileSync(file.path, "utf8")).role.name, "Senior Client Manager");
    await onboarding.removeRole();
    await textIs(onboarding.libraryMessage(), "The role was removed.");
    await until(async () => (await onboarding.roleCount()) === 2, "the copy is gone");
    await onboarding.importRole(file.path);
    await textIs(onboarding.libraryMessage(), "The role was imported into the library.");
    await until(async () => (await onboarding.roleCount()) === 3, "the copy is back");
    // A file that is not a role file is refused with the reason.
    await onboarding.importRole({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"format":"something-else"}') });
    await textIs(onboarding.libraryMessage(), 'notes.json was not imported: This file is a "something-else" file, not a role file.');

    // Reset the original role: the task's name and items are back.
    await onboarding.chooseRole(/^Client Manager$/);
    await onboarding.resetRole();
    await textIs(onboarding.libraryMessage(), "The original role is back.");
    await textIs(onboarding.taskTitle("cm-1"), "Manage service team workflow");

    // A blank sign-off sheet per role and level.
    await onboarding.openBlankSheet("meeting");
    assert.equal(await onboarding.sheetItemCount(), 30);
    await page.emulateMedia({ media: "print" });
    await screenshot(page, "onboarding-blank-sheet-print");
    await page.emulateMedia({ media: "screen" });

    // The demo's trainees on the dashboard, with both figures and items behind schedule.
    await new SettingsPage(page).open(at);
    await new SettingsPage(page).openDemoWorkspace();
    const dashboard = new DashboardPage(page);
    await dashboard.open(at);
    await dashboard.traineesTile().waitFor();
    assert.equal(await dashboard.traineeCount(), 3);
    assert.ok((await dashboard.traineeVerifiedPercent("Maya Chen")) > 0);
    const behind = await dashboard.traineeBehind("Maya Chen");
    assert.match(behind.text, /^\d+$/);
    assert.match(behind.title, /^\d+ items behind schedule$/);
    await screenshot(page, "onboarding-dashboard");
    await onboarding.open(at);
    await onboarding.teamMatrix().waitFor();
    await screenshot(page, "onboarding-overview");
    await onboarding.openTrainee("Maya Chen");
    await onboarding.behindBanner().waitFor();
    await screenshot(page, "onboarding-trainee");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
