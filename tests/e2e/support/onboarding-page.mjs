// Page object for the Onboarding pages: the role library and its editor,
// the trainees and the team matrix, a trainee's checklist, the walkthrough,
// the competency record and the blank sign-off sheet.
import { downloaded, until } from "./app.mjs";

export class OnboardingPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }

  // ---- Where a person goes.
  /** The trainees, the team matrix and the add form. */
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/onboarding`);
  }
  async openLibrary(baseUrl) {
    await this.page.goto(`${baseUrl}#/onboarding/roles`);
  }
  /** The blank sign-off sheet of a role (its slug) and level, opened by its address. */
  async openSheet(baseUrl, role, level) {
    await this.page.goto(`${baseUrl}#/onboarding/sheet/${role}/${level}`);
    await this.byTestId("signoff-sheet").waitFor();
  }

  // ---- The role library.
  /** A role's tasks in the library (`role-task` with `data-role`). */
  tasksOf(role) {
    return this.page.locator(`[data-testid="role-task"][data-role="${role}"]`);
  }
  async taskCount(role) {
    return this.tasksOf(role).count();
  }
  /** How many items of a level the library's role view lists. */
  async libraryItemCount(level) {
    return this.page.locator(`[data-testid="role-view"] [data-testid="expectation-item"][data-level="${level}"]`).count();
  }
  /** A task's card, in the library or on a trainee's checklist. */
  task(taskKey) {
    return this.page.locator(`[data-testid="role-task"][data-task="${taskKey}"]`);
  }
  async taskText(taskKey) {
    return this.task(taskKey).innerText();
  }
  taskTitle(taskKey) {
    return this.task(taskKey).locator("h2");
  }
  /** A task card's items of one level. */
  taskItems(taskKey, level) {
    return this.task(taskKey).locator(`[data-testid="expectation-item"][data-level="${level}"]`);
  }
  /** The lead-in line above a task card's items. */
  taskLeadIn(taskKey) {
    return this.task(taskKey).getByTestId("item-context");
  }
  roleChoice(name) {
    return this.byTestId("role-choice").filter({ hasText: name });
  }
  async chooseRole(name) {
    await this.roleChoice(name).click();
  }
  async roleCount() {
    return this.byTestId("role-choice").count();
  }
  libraryMessage() {
    return this.byTestId("library-message");
  }

  // ---- The library's editor.
  async editRole() {
    await this.byTestId("role-edit").click();
  }
  taskEditor(taskKey) {
    return this.page.locator(`[data-testid="task-edit"][data-task="${taskKey}"]`);
  }
  async renameTask(taskKey, title) {
    const field = this.taskEditor(taskKey).getByTestId("task-title");
    await field.fill(title);
    await field.press("Tab");
  }
  async addItem(taskKey, level) {
    await this.taskEditor(taskKey).locator(`[data-testid="item-add"][data-level="${level}"]`).click();
  }
  /** Types an item's text in the editor: the `index`th item of `level`, or of the task if no level is given. */
  async writeItem(taskKey, index, text, level) {
    const editor = this.taskEditor(taskKey);
    const field = level
      ? editor.locator(`[data-testid="item-edit"][data-level="${level}"]`).nth(index).getByTestId("item-text")
      : editor.getByTestId("item-text").nth(index);
    await field.fill(text);
    await field.press("Tab");
  }
  async saveRole() {
    await this.byTestId("role-save").click();
  }
  async copyRole(name) {
    await this.byTestId("role-copy-name").fill(name);
    await this.byTestId("role-copy").click();
  }
  /** Exports the chosen role; returns the file ({ name, path, text }). */
  async exportRole() {
    return downloaded(this.page, () => this.byTestId("role-export").click());
  }
  /** Removes the chosen role, accepting the question. */
  async removeRole() {
    this.page.once("dialog", (d) => d.accept());
    await this.byTestId("role-remove").click();
  }
  /** Resets the chosen role to the original, accepting the question. */
  async resetRole() {
    this.page.once("dialog", (d) => d.accept());
    await this.byTestId("role-reset").click();
  }
  async importRole(file) {
    await this.byTestId("role-import").setInputFiles(file);
  }
  /** Opens the chosen role's blank sheet of a level from the library. */
  async openBlankSheet(level) {
    await this.page.locator(`[data-testid="sheet-link"][data-level="${level}"]`).click();
    await this.byTestId("signoff-sheet").waitFor();
  }

  // ---- The blank sheet.
  sheetLeadIn() {
    return this.page.locator('[data-testid="signoff-sheet"] [data-testid="item-context"]');
  }
  async sheetItemCount() {
    return this.byTestId("sheet-item").count();
  }
  async sheetItemTexts() {
    return this.byTestId("sheet-item").allInnerTexts();
  }

  // ---- Trainees and the team matrix.
  async startAddingTrainee() {
    await this.page.locator('[data-testid="trainee-add"] summary').click();
  }
  async saveTrainee() {
    await this.byTestId("trainee-save").click();
  }
  addTraineeMessage() {
    return this.byTestId("trainee-add-message");
  }
  /** Fills the open add form and saves; waits for the trainee's row. */
  async addTrainee({ name, role, start, trainer }) {
    await this.byTestId("trainee-name").fill(name);
    await this.byTestId("trainee-role").selectOption(role);
    await this.byTestId("trainee-start").fill(start);
    await this.byTestId("trainee-trainer").fill(trainer);
    await this.saveTrainee();
    await this.traineeRow(name).waitFor();
  }
  traineeRow(name) {
    return this.page.locator(`[data-testid="trainee-row"][data-trainee="${name}"]`);
  }
  /** The level a trainee's tenure calls for, as its row says (`new`, `meeting`, `exceeding`). */
  async expectedLevel(name) {
    return this.traineeRow(name).locator("[data-level]").getAttribute("data-level");
  }
  async traineeCount() {
    return this.byTestId("trainee-row").count();
  }
  /** The expected level of every listed trainee, in order. */
  async expectedLevels() {
    return this.page.locator('[data-testid="trainee-row"] [data-level]').evaluateAll((cells) => cells.map((c) => c.dataset.level));
  }
  /** Opens a trainee's checklist from the list and waits for it. */
  async openTrainee(name) {
    await this.traineeRow(name).getByTestId("trainee-open").click();
    await this.byTestId("trainee-page").waitFor();
  }
  teamMatrix() {
    return this.byTestId("team-matrix");
  }
  /** The team matrix cell of a trainee's task (0-based position). */
  matrixCell(trainee, index) {
    return this.page.locator(`[data-testid="matrix-row"][data-trainee="${trainee}"] [data-testid="matrix-cell"]`).nth(index);
  }
  /** Downloads the team CSV; returns its lines. */
  async exportTeam() {
    return (await downloaded(this.page, () => this.byTestId("team-export").click())).text.trim().split("\n");
  }

  // ---- A trainee's checklist.
  traineePage() {
    return this.byTestId("trainee-page");
  }
  async traineePageText() {
    return this.traineePage().innerText();
  }
  /** Reloads and waits for the checklist. */
  async reload() {
    await this.page.reload();
    await this.traineePage().waitFor();
  }
  overallProgress() {
    return this.page.locator('.trainee-head [data-testid="trainee-progress"]');
  }
  /** The whole role's self-checked percent. */
  async selfCheckedPercent() {
    return this.overallProgress().getAttribute("data-self");
  }
  /** The whole role's trainer-verified percent. */
  async verifiedPercent() {
    return this.overallProgress().getAttribute("data-verified");
  }
  async traineeMeta() {
    return this.page.locator(".trainee-head .meta").innerText();
  }
  item(key) {
    return this.page.locator(`[data-testid="expectation-item"][data-item="${key}"]`);
  }
  async itemText(key) {
    return this.item(key).innerText();
  }
  /** The item's own words (without its controls). */
  itemWording(key) {
    return this.item(key).locator(".item-text");
  }
  async itemStatus(key) {
    return this.item(key).getAttribute("data-status");
  }
  /** The item's `data-verified` mark: "true" or "false". */
  async verifiedMark(key) {
    return this.item(key).getAttribute("data-verified");
  }
  async isVerified(key) {
    return (await this.verifiedMark(key)) === "true";
  }
  /** Sets an item's status and waits until it is saved. */
  async setStatus(key, status) {
    await this.item(key).getByTestId("item-status").selectOption(status);
    await until(async () => (await this.itemStatus(key)) === status, `${key} status ${status} saved`);
  }
  async isStatusOffered(key, status) {
    return !(await this.item(key).locator(`[data-testid="item-status"] option[value="${status}"]`).isDisabled());
  }
  async selfCheck(key) {
    await this.item(key).getByTestId("self-check").check();
  }
  async isSelfChecked(key) {
    return this.item(key).getByTestId("self-check").isChecked();
  }
  async setSignerName(name) {
    await this.byTestId("signer-name").fill(name);
  }
  /** Presses a key while typing in the signer's name. */
  async pressInSignerName(key) {
    await this.byTestId("signer-name").press(key);
  }
  async writeVerifyNote(note) {
    await this.byTestId("verify-note").fill(note);
  }
  async canVerify(key) {
    return !(await this.item(key).getByTestId("verify-item").isDisabled());
  }
  /** The hint beside a disabled Verify ("Set Observed to verify"). */
  verifyHint(key) {
    return this.item(key).getByTestId("verify-needs-observed");
  }
  /** Verifies an item with the mouse and waits until the sign-off is saved. */
  async verifyItem(key) {
    await this.item(key).getByTestId("verify-item").click();
    await until(async () => this.isVerified(key), `${key} verified`);
  }
  /** Verifies an item from the keyboard (focus, Enter) and waits until the sign-off is saved. */
  async verifyItemWithKeyboard(key) {
    await this.item(key).getByTestId("verify-item").focus();
    await this.page.keyboard.press("Enter");
    await until(async () => this.isVerified(key), `${key} verified`);
  }
  async verifiedBy(key) {
    return this.item(key).getByTestId("verified-by").innerText();
  }
  /** Undoes an item's sign-off, giving the reason asked for; waits until it is undone. */
  async undoVerification(key, reason) {
    this.page.once("dialog", (d) => d.accept(reason));
    await this.item(key).getByTestId("verify-undo").click();
    await until(async () => (await this.verifiedMark(key)) === "false", `${key} verification undone`);
  }
  /** `<item key>/<testid>` of the element that has the keyboard focus. */
  async focused() {
    return this.page.evaluate(() => `${document.activeElement?.closest("[data-item]")?.dataset.item}/${document.activeElement?.dataset.testid}`);
  }
  async openHistory() {
    await this.page.locator('[data-testid="trainee-history"] summary').click();
  }
  async history() {
    return this.byTestId("trainee-history").innerText();
  }
  async signOffLevel(level) {
    await this.page.locator(`[data-testid="level-signoff"][data-level="${level}"] [data-testid="level-signoff-button"]`).click();
  }
  checklistMessage() {
    return this.byTestId("checklist-message");
  }
  /** Changes the trainee's start date in the edit form and saves it. */
  async changeStartDate(iso) {
    await this.page.locator('[data-testid="trainee-edit"] summary').click();
    await this.page.locator('[data-testid="trainee-edit"] [data-testid="trainee-start"]').fill(iso);
    await this.byTestId("trainee-update").click();
  }
  behindBanner() {
    return this.byTestId("behind-banner");
  }
  /** A training activity (1-based) of a task, on the checklist's task card. */
  checklistActivity(taskKey, n) {
    return this.page.locator(`[data-testid="role-task"][data-task="${taskKey}"] [data-testid="training-activity"][data-activity="${n}"]`);
  }
  /** Marks a checklist activity not done and waits until it is saved. */
  async undoActivity(taskKey, n) {
    const activity = this.checklistActivity(taskKey, n);
    await activity.getByTestId("activity-undo").click();
    await until(async () => (await activity.getAttribute("data-done")) === "false", "activity undone");
  }

  // ---- The walkthrough.
  async startWalkthrough() {
    await this.byTestId("walkthrough-start").click();
  }
  walkthrough() {
    return this.byTestId("walkthrough");
  }
  /** "Task N of M". */
  position() {
    return this.byTestId("walkthrough-position");
  }
  /** The title of the task shown. */
  currentTask() {
    return this.byTestId("walkthrough-task");
  }
  async resources() {
    return this.byTestId("walkthrough-resources").innerText();
  }
  nextButton() {
    return this.byTestId("walkthrough-next");
  }
  previousButton() {
    return this.byTestId("walkthrough-prev");
  }
  async nextTask() {
    await this.nextButton().click();
  }
  async previousTask() {
    await this.previousButton().click();
  }
  async tapNext() {
    await this.nextButton().tap();
  }
  async tapPrevious() {
    await this.previousButton().tap();
  }
  async canGoNext() {
    return !(await this.nextButton().isDisabled());
  }
  async canGoBack() {
    return !(await this.previousButton().isDisabled());
  }
  async pressKey(key) {
    await this.page.keyboard.press(key);
  }
  /** Leaves the walkthrough with Esc and waits for the checklist. */
  async leaveWalkthrough() {
    await this.page.keyboard.press("Escape");
    await this.traineePage().waitFor();
  }
  /** Shows a level's items in the walkthrough. */
  async chooseLevel(level) {
    await this.page.locator(`.walkthrough [data-testid="level-choice"][data-level="${level}"]`).click();
  }
  walkthroughItems(level) {
    return this.page.locator(`.walkthrough [data-testid="expectation-item"][data-level="${level}"]`);
  }
  walkthroughLeadIn() {
    return this.page.locator(".walkthrough").getByTestId("item-context");
  }
  async whyItMatters() {
    return this.page.locator(".walkthrough .why").innerText();
  }
  /** A training activity (1-based) of a task, in the walkthrough. */
  walkthroughActivity(taskKey, n) {
    return this.page.locator(`.walkthrough [data-testid="training-activity"][data-task="${taskKey}"][data-activity="${n}"]`);
  }
  /** Marks a walkthrough activity done and waits until it is saved. */
  async markActivityDone(taskKey, n) {
    const activity = this.walkthroughActivity(taskKey, n);
    await activity.getByTestId("activity-done").click();
    await until(async () => (await activity.getAttribute("data-done")) === "true", "activity done");
  }
  async activityDoneBy(taskKey, n) {
    return this.walkthroughActivity(taskKey, n).getByTestId("activity-done-by").innerText();
  }
  async walkthroughActivities() {
    return this.page.locator('.walkthrough [data-testid="training-activities"]').innerText();
  }
  /** Reloads in the walkthrough and waits for it. */
  async reloadWalkthrough() {
    await this.page.reload();
    await this.walkthrough().waitFor();
  }

  // ---- The competency record.
  async openRecord() {
    await this.byTestId("record-open").click();
    await this.byTestId("competency-record").waitFor();
  }
  async recordItemCount() {
    return this.byTestId("record-item").count();
  }
  async recordItem(key) {
    return this.page.locator(`[data-testid="record-item"][data-item="${key}"]`).innerText();
  }
  recordLeadIns() {
    return this.page.locator('[data-testid="competency-record"] [data-testid="item-context"]');
  }
  async recordActivity(taskKey, n) {
    return this.page.locator(`[data-testid="record-activity"][data-task="${taskKey}"][data-activity="${n}"]`).innerText();
  }
  async recordText() {
    return this.byTestId("competency-record").innerText();
  }
  printButton() {
    return this.byTestId("record-print");
  }
  /** Goes back from the record to the checklist. */
  async backToChecklist() {
    await this.page.goBack();
    await this.traineePage().waitFor();
  }
}
