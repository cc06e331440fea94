// Page object for the Service model page (the advisor): the questionnaire,
// the recommendation and its reasoning, the article apart from the app's
// guidance, a mix's segments of the book.
export class ServiceModelPage {
  constructor(page) {
    this.page = page;
  }
  byTestId(id) {
    return this.page.getByTestId(id);
  }
  async open(baseUrl) {
    await this.page.goto(`${baseUrl}#/service-model`);
  }
  async reload() {
    await this.page.reload();
  }

  // ---- The questionnaire.
  questionnaire() {
    return this.byTestId("advisor-questions");
  }
  async questionCount() {
    return this.byTestId("advisor-question").count();
  }
  question(key) {
    return this.page.locator(`[data-testid="advisor-question"][data-question="${key}"]`);
  }
  async questionText(key) {
    return this.question(key).innerText();
  }
  /** The radio of an answer (1–5) to a question. */
  answerChoice(key, value) {
    return this.question(key).locator(`[data-testid="advisor-answer"][data-value="${value}"]`);
  }
  /** Answers a question (1–5). */
  async answer(key, value) {
    await this.answerChoice(key, value).check();
  }
  async isAnswered(key, value) {
    return this.answerChoice(key, value).isChecked();
  }
  /** Answers each question of { key: value }, in order. */
  async answerAll(answers) {
    for (const [key, value] of Object.entries(answers)) await this.answer(key, value);
  }
  /** Goes back to the book's answer of a question the user overrode. */
  async useBooksAnswer(key) {
    await this.question(key).getByRole("button", { name: "Use the book's answer" }).click();
  }
  async prefilledCount() {
    return this.byTestId("advisor-prefilled").count();
  }
  weightField(key) {
    return this.question(key).getByTestId("advisor-weight");
  }
  /** Types a question's weight and leaves the field. */
  async setWeight(key, weight) {
    await this.weightField(key).fill(String(weight));
    await this.weightField(key).press("Tab");
  }
  async weight(key) {
    return this.weightField(key).inputValue();
  }
  message() {
    return this.byTestId("advisor-message");
  }

  // ---- The recommendation.
  recommendation() {
    return this.byTestId("advisor-recommendation");
  }
  pending() {
    return this.byTestId("advisor-recommendation-pending");
  }
  /** The model recommended: `centralized`, `distributed` or `mixed`. */
  async model() {
    return this.recommendation().getAttribute("data-model");
  }
  /** "Score +27 of ±32 …" */
  async score() {
    return this.byTestId("advisor-score").innerText();
  }
  /** The question that weighs most in the recommendation. */
  async firstDriver() {
    return this.byTestId("advisor-driver").first().getAttribute("data-question");
  }
  /** The recommendation with the reasoning around it. */
  async reasoning() {
    return this.recommendation().locator("..").innerText();
  }
  async benefits() {
    return this.byTestId("advisor-benefits").innerText();
  }
  async changes() {
    return this.byTestId("advisor-changes").innerText();
  }
  comparison() {
    return this.byTestId("advisor-comparison");
  }

  // ---- Segments of the book (a mix).
  segmentsEmpty() {
    return this.byTestId("advisor-segments-empty");
  }
  /** The segments listed under the guidance. */
  segmentList() {
    return this.guidance().getByTestId("advisor-segment");
  }
  async segmentCount() {
    return this.byTestId("advisor-segment").count();
  }
  /** The segments of the book on one model's side (`centralized` / `distributed`). */
  segments(model) {
    return this.page.locator(`[data-testid="advisor-segment"][data-model="${model}"]`);
  }
  /** The segment of a model (`centralized` / `distributed`) and department. */
  segment(model, department) {
    return this.page.locator(`[data-testid="advisor-segment"][data-model="${model}"][data-department="${department}"]`);
  }
  /** A segment's figures: its count of matches, data-accounts and data-revenue (cents), and shown texts. */
  async segmentFigures(model, department) {
    const item = this.segment(model, department);
    return {
      count: await item.count(),
      accounts: Number(await item.getAttribute("data-accounts")),
      revenue: Number(await item.getAttribute("data-revenue")),
      accountsText: await item.getByTestId("advisor-segment-accounts").innerText(),
      revenueText: await item.getByTestId("advisor-segment-revenue").innerText(),
    };
  }
  /** One model's side of the segments. */
  segmentSide(model) {
    return this.page.locator(`[data-testid="advisor-segment-side"][data-model="${model}"]`);
  }
  async segmentTotal(model) {
    return this.segmentSide(model).getByTestId("advisor-segment-total").innerText();
  }

  // ---- The article apart from the app's guidance.
  article() {
    return this.byTestId("advisor-article");
  }
  articleInComparison() {
    return this.byTestId("advisor-article-all");
  }
  guidance() {
    return this.byTestId("advisor-guidance");
  }
  comparisonGuidance() {
    return this.byTestId("advisor-comparison-guidance");
  }
  /** The lines quoted from the article in a section (the recommendation's or the comparison's). */
  async articleLines(section) {
    return section.getByTestId("advisor-article-point").allInnerTexts();
  }
  /** The label that says the guidance is not from the article. */
  guidanceTag() {
    return this.guidance().getByTestId("advisor-guidance-tag");
  }
  comparisonGuidanceTag() {
    return this.comparisonGuidance().getByTestId("advisor-guidance-tag");
  }
  /** Who gains what, as part of the guidance. */
  benefitsInGuidance() {
    return this.guidance().getByTestId("advisor-benefits");
  }
  /** The book's segments, as part of the guidance. */
  segmentsInGuidance() {
    return this.guidance().getByTestId("advisor-segments");
  }
}
