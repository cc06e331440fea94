// The Renewals page: a page object (RenewalsPage, below) and the plain
// helpers it is built on (columns, cards, the tracking start), still exported
// for specs written against them.
import { downloaded, textIs } from "./app.mjs";

export const column = (page, bucket) => page.locator(`[data-testid="renewal-column"][data-bucket="${bucket}"]`);
export const columnCount = (page, bucket) => column(page, bucket).getByTestId("renewal-column-count");
export const card = (page, bucket, client) => column(page, bucket).locator(`[data-testid="renewal-card"][data-account="${client}"]`);
/** A client's card in whatever column it is. */
export const anyCard = (page, client) => page.locator(`[data-testid="renewal-card"][data-account="${client}"]`);

/** Sets "Tracking starts on" (on the open Renewals or Settings page) and waits for the save. */
export async function setTrackingStart(page, iso) {
  const input = page.getByTestId("tracking-start");
  await input.fill(iso);
  await input.dispatchEvent("change");
  const [y, m, d] = iso.split("-").map(Number);
  const label = new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  await textIs(page.getByTestId("tracking-start-message"), `Tracking starts on ${label}.`);
}

/** Page object for the Renewals page: the board, a renewal's panel, the lists and the plan editor. */
export class RenewalsPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/renewals`);
  }
  async reload() {
    await this.page.reload();
  }

  // ---- The board.
  column(bucket) {
    return column(this.page, bucket);
  }
  /** The count atop a column. */
  columnCount(bucket) {
    return columnCount(this.page, bucket);
  }
  card(bucket, client) {
    return card(this.page, bucket, client);
  }
  /** A client's card in whatever column it is. */
  anyCard(client) {
    return anyCard(this.page, client);
  }
  /** A card's progress line ("1/37 done · Elena Ortiz"). */
  progress(bucket, client) {
    return this.card(bucket, client).locator(".progress");
  }
  /** A card's "not started" flag. */
  notStartedFlag(bucket, client) {
    return this.card(bucket, client).getByTestId("flag-not-started");
  }
  /** A card's "N before tracking" mark. */
  beforeTracking(bucket, client) {
    return this.card(bucket, client).getByTestId("renewal-before-tracking");
  }
  async overdueFlagCount() {
    return this.byTestId("flag-overdue").count();
  }
  cards() {
    return this.byTestId("renewal-card");
  }
  async cardCount() {
    return this.byTestId("renewal-card").count();
  }
  /** The client of the first card shown. */
  async firstCardClient() {
    return this.byTestId("renewal-card").getAttribute("data-account");
  }
  /** A card's tier, from its meta line (department · tier · …). */
  async cardTier(client) {
    const card = this.anyCard(client);
    await card.waitFor();
    return (await card.locator(".meta").innerText()).split(" · ")[1];
  }
  async trackingStart() {
    return this.byTestId("tracking-start").inputValue();
  }
  /** Sets "Tracking starts on" and waits for the save. */
  async setTrackingStart(iso) {
    await setTrackingStart(this.page, iso);
  }
  /** "N renewals" shown. */
  total() {
    return this.byTestId("renewal-total");
  }
  async searchFor(text) {
    await this.byTestId("renewal-filter-text").fill(text);
  }
  async filterDepartment(department) {
    await this.byTestId("renewal-filter-department").selectOption(department);
  }
  async filterTier(tier) {
    await this.byTestId("renewal-filter-tier").selectOption(tier);
  }
  /** Toggles an exception view: `overdue`, `not-started` or `expired`. */
  async toggleView(view) {
    await this.byTestId(`view-${view}`).click();
  }
  async isViewOn(view) {
    return (await this.byTestId(`view-${view}`).getAttribute("aria-pressed")) === "true";
  }

  // ---- Exports.
  /** Downloads the milestones CSV; returns its lines. */
  async exportMilestones() {
    return (await downloaded(this.page, () => this.byTestId("export-milestones").click())).text.trim().split("\n");
  }
  /** Whose calendar the next export is: a person's name, or "" for everyone. */
  async chooseCalendarPerson(person) {
    await this.byTestId("export-ics-person").selectOption(person);
  }
  /** Downloads the milestones calendar; returns its text. */
  async exportCalendar() {
    return (await downloaded(this.page, () => this.byTestId("export-milestones-ics").click())).text;
  }

  // ---- A renewal's panel.
  /** Opens a renewal from its card. */
  async openRenewal(bucket, client) {
    await this.card(bucket, client).click();
  }
  /** Opens a client's renewal from its card, in whatever column it is. */
  async openAnyRenewal(client) {
    await this.anyCard(client).click();
  }
  detail() {
    return this.byTestId("renewal-detail");
  }
  async closePanel() {
    await this.detail().getByRole("button", { name: "Close" }).click();
  }
  /** Says who is working in this browser. */
  async setUser(name) {
    await this.byTestId("renewal-user").fill(name);
    await this.byTestId("renewal-user").press("Tab");
  }
  planItem(key) {
    return this.page.locator(`[data-testid="renewal-item"][data-item="${key}"]`);
  }
  async tickItem(key) {
    await this.planItem(key).check();
  }
  /** Clicks a plan item's checkbox (which may be refused). */
  async clickItem(key) {
    await this.planItem(key).click();
  }
  async isTicked(key) {
    return this.planItem(key).isChecked();
  }
  /** Who ticked the first ticked item, and when. */
  async firstTickedBy() {
    return this.byTestId("renewal-item-done").first().innerText();
  }
  milestone(key) {
    return this.page.locator(`[data-testid="milestone"][data-milestone="${key}"]`);
  }
  async isMilestoneBeforeTracking(key) {
    return this.milestone(key).getAttribute("data-before-tracking");
  }
  async markEarlierDone() {
    await this.byTestId("renewal-mark-earlier").click();
  }
  message() {
    return this.byTestId("renewal-message");
  }
  async messageText() {
    return this.message().innerText();
  }
  planChoice() {
    return this.byTestId("plan-choice");
  }
  /** The key of the plan the open renewal follows. */
  async plan() {
    return this.planChoice().getAttribute("data-plan");
  }
  notesField() {
    return this.byTestId("renewal-notes");
  }
  async notes() {
    return this.notesField().inputValue();
  }
  /** Types internal notes without saving them. */
  async typeNotes(text) {
    await this.notesField().fill(text);
  }
  async clickSaveNotes() {
    await this.byTestId("renewal-save-notes").click();
  }
  /** Takes the newer notes another tab saved. */
  async takeNewerNotes() {
    await this.byTestId("renewal-notes-take").click();
  }
  async saveNotes(text) {
    await this.byTestId("renewal-notes").fill(text);
    await this.byTestId("renewal-save-notes").click();
  }
  async saveClaimsReview(text) {
    await this.byTestId("renewal-claims-review").fill(text);
    await this.byTestId("renewal-save-claims-review").click();
  }
  async printStewardship() {
    await this.byTestId("stewardship-print").click();
  }
  async stewardshipReport() {
    return this.byTestId("stewardship-report").innerText();
  }
  async stewardshipPolicies() {
    return this.byTestId("stewardship-policies").textContent();
  }
  /** Sets this account's own lead time and saves it. */
  async setAccountLeadDays(days) {
    await this.byTestId("account-lead-days").fill(days);
    await this.byTestId("account-lead-save").click();
  }
  async accountLeadDays() {
    return this.byTestId("account-lead-days").inputValue();
  }

  // ---- Binding.
  async startBinding() {
    await this.byTestId("renewal-bind").click();
  }
  async bindPolicyCount() {
    return this.byTestId("bind-policy").count();
  }
  /** A policy's row in the bind form. */
  bindRow(policy) {
    return this.page.locator(`[data-testid="bind-policy"][data-policy="${policy}"]`);
  }
  async bindTerm(policy, field) {
    return this.bindRow(policy).getByTestId(`bind-${field}`).inputValue();
  }
  /** Fills a policy's renewal terms: { carrier, premium, commission, … } (the bind-* fields). */
  async setBindTerms(policy, terms) {
    for (const [field, value] of Object.entries(terms)) await this.bindRow(policy).getByTestId(`bind-${field}`).fill(value);
  }
  async confirmBind() {
    await this.byTestId("bind-confirm").click();
  }
  bindUndo() {
    return this.byTestId("bind-undo");
  }
  /** Undoes the bind that started the term expiring on `expiration` (ISO). */
  async undoBind(expiration) {
    await this.page.locator(`[data-testid="bind-undo"][data-renewal$="@${expiration}"]`).click();
  }

  // ---- Losing.
  async clickLost() {
    await this.byTestId("renewal-lost").click();
  }
  async chooseLostReason(reason) {
    await this.byTestId("renewal-lost-reason").selectOption(reason);
  }
  async describeLoss(detail) {
    await this.byTestId("renewal-lost-detail").fill(detail);
  }
  /** Records the open renewal as lost, with a reason and a detail. */
  async loseRenewal(reason, detail) {
    await this.chooseLostReason(reason);
    await this.describeLoss(detail);
    await this.clickLost();
  }
  async openLostList() {
    await this.byTestId("lost-list").locator("summary").click();
  }
  lostRow(client) {
    return this.page.locator(`[data-testid="lost-row"][data-account="${client}"]`);
  }
  async lostRowCount() {
    return this.byTestId("lost-row").count();
  }
  async undoLoss(client) {
    await this.lostRow(client).getByTestId("lost-undo").click();
  }
  /** Downloads the lost-business CSV; returns its lines. */
  async exportLost() {
    return (await downloaded(this.page, () => this.byTestId("lost-export").click())).text.trim().split("\n");
  }

  // ---- Workload, expiration list, lead times.
  async openWorkload() {
    await this.byTestId("workload").locator("summary").click();
  }
  workloadRow(person) {
    return this.page.locator(`[data-testid="workload-row"][data-person="${person}"]`);
  }
  async openExpirationList() {
    await this.byTestId("xlist").locator("summary").click();
  }
  expirationRows() {
    return this.byTestId("xlist-row");
  }
  async setExpirationListEnd(iso) {
    await this.byTestId("xlist-to").fill(iso);
  }
  async printExpirationList() {
    await this.byTestId("xlist-print").click();
  }
  async openLeadTimes() {
    await this.byTestId("lead-times").locator("summary").click();
  }
  /** Types a department's lead time and leaves the field. */
  async setLeadDays(department, days) {
    const field = this.page.locator(`[data-testid="lead-days"][data-department="${department}"]`);
    await field.fill(days);
    await field.press("Tab");
  }
  async leadDays(department) {
    return this.page.locator(`[data-testid="lead-days"][data-department="${department}"]`).inputValue();
  }
  async saveLeadTimes() {
    await this.byTestId("lead-save").click();
  }
  leadTimesMessage() {
    return this.byTestId("lead-times-message");
  }

  // ---- The plan editor.
  async openPlanEditor() {
    await this.byTestId("plan-editor").locator("summary").click();
  }
  planMilestone(key) {
    return this.page.locator(`[data-testid="plan-milestone"][data-milestone="${key}"]`);
  }
  /** Rewords the first item of a plan milestone. */
  async rewordFirstPlanItem(milestone, text) {
    const field = this.planMilestone(milestone).getByTestId("plan-item-text").first();
    await field.fill(text);
    await field.press("Tab");
  }
  async addPlanItem(milestone) {
    await this.planMilestone(milestone).getByTestId("plan-item-add").click();
  }
  /** Sets a plan milestone's "due" days before renewal and leaves the field. */
  async setPlanDue(milestone, days) {
    await this.planMilestone(milestone).getByTestId("plan-due").fill(days);
    await this.planMilestone(milestone).getByTestId("plan-due").press("Tab");
  }
  /** Sets a plan milestone's "from" days before renewal and leaves the field. */
  async setPlanFrom(milestone, days) {
    await this.planMilestone(milestone).getByTestId("plan-from").fill(days);
    await this.planMilestone(milestone).getByTestId("plan-from").press("Tab");
  }
  async removePlanMilestone(milestone) {
    await this.planMilestone(milestone).getByTestId("plan-milestone-remove").click();
  }
  async savePlans() {
    await this.byTestId("plan-save").click();
  }
  async resetPlans() {
    await this.byTestId("plan-reset").click();
  }
  async planMessage() {
    return this.byTestId("plan-message").innerText();
  }
  /** Chooses a plan to edit in the editor's list. */
  async choosePlan(key) {
    await this.page.locator(`[data-testid="plan-list"] li[data-plan="${key}"] button`).click();
  }
  /** Copies the chosen plan under a new name and waits for the copy in the list. */
  async copyPlan(name, key) {
    await this.byTestId("plan-copy-name").fill(name);
    await this.byTestId("plan-copy").click();
    await this.page.locator(`[data-testid="plan-list"] li[data-plan="${key}"]`).waitFor();
  }
  async assignPlan(department, tier, key) {
    await this.page.locator(`[data-testid="plan-assign"][data-department="${department}"][data-tier="${tier}"]`).selectOption(key);
  }
}
