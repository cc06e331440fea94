// The service-model advisor: the questionnaire, answers filled in from the
// book, the recommendation with its reasoning, what the article says apart
// from the app's guidance, a mix's segments of the book, saved answers, print.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";
import { ProfitabilityPage } from "./support/profitability-page.mjs";
import { ServiceModelPage } from "./support/service-model-page.mjs";
import { SettingsPage } from "./support/settings-page.mjs";
import { Shell } from "./support/shell-page.mjs";

// The advisor setting as stored in the main workspace's database.
const storedAdvisor = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("agency-desk-main");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction("settings").objectStore("settings").get("advisor");
          get.onsuccess = () => {
            open.result.close();
            resolve(get.result?.value);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
// The source article (the copy the native tests hold against the source), spacing made single.
const squash = (text) => text.replace(/\s+/g, " ").trim();
const ARTICLE = squash(readFileSync(join(ROOT, "tests", "fixtures", "seeds", "service_models.txt"), "utf8"));
// The parts of a line between “ and ”.
const quotedParts = (line) => [...line.matchAll(/“([^”]*)”/g)].map((m) => m[1]);
// One CSV line, with quoted fields ("$1,500 – $2,499").
const csvFields = (line) => {
  const out = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(field);
      field = "";
    } else field += c;
  }
  out.push(field);
  return out;
};
const cents = (plain) => Math.round(Number(plain) * 100);
const wholeDollars = (c) => "$" + Math.round(c / 100).toLocaleString("en-US");
// Every line under "From the article" quotes the article, and only quotes it.
const assertArticleOnly = async (advisor, section) => {
  const lines = await advisor.articleLines(section);
  assert.ok(lines.length >= 3, "the article's statements are listed");
  for (const line of lines) {
    const quotes = quotedParts(line);
    assert.ok(quotes.length > 0, `quotes the article: ${line}`);
    for (const q of quotes) assert.ok(ARTICLE.includes(squash(q)), `“${q}” is in the article`);
  }
  const text = await section.innerText();
  for (const foreign of ["Distributed (local)", "Who gains what", "For carriers", "Segments of your book", "Not from the article"]) {
    assert.ok(!text.includes(foreign), `“${foreign}” is not under From the article`);
  }
};

describe("service-model advisor", () => {
  const env = useServedApp(8483);

  it("answers the questionnaire, reads the recommendation and keeps the answers", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/service-model`);
    const advisor = new ServiceModelPage(page);
    await advisor.questionnaire().waitFor();
    assert.equal(await advisor.questionCount(), 6);
    // An empty book answers nothing: no recommendation yet.
    assert.equal(await advisor.prefilledCount(), 0);
    await advisor.pending().waitFor();

    // A book of near-identical clients, uniform rules, many calls, an industry team, shared skills, few carriers.
    const central = { similar_needs: 5, regulation: 1, call_volume: 5, team_split: 5, shared_skills: 4, variety: 2 };
    for (const [q, v] of Object.entries(central)) {
      await advisor.answer(q, v);
      await until(async () => advisor.isAnswered(q, v), `${q} answered`);
    }
    // 6 + 6 + 6 + 4 + 3 + 2 = 27 of ±32, once every answer's save has landed.
    await until(async () => /^Score \+27 of ±32/.test(await advisor.score()), "score +27 of ±32");
    assert.equal(await advisor.model(), "centralized");
    assert.equal(await advisor.firstDriver(), "similar_needs");
    assert.match(await advisor.reasoning(), /very similar/);
    // What the model offers carriers, brokers and employers, for the model recommended.
    assert.match(await advisor.benefits(), /For carriers\s+Inquiries from many customers answered by one team/);

    // Answers are kept in the workspace.
    await advisor.reload();
    await until(async () => (await advisor.model()) === "centralized", "centralized after a reload");
    assert.ok(await advisor.isAnswered("team_split", 5));

    // Varied needs and rules, relationship work: distributed. Then a balanced set: a mix.
    await advisor.answerAll({ similar_needs: 1, regulation: 5, call_volume: 2, team_split: 1, shared_skills: 1, variety: 5 });
    await until(async () => (await advisor.model()) === "distributed", "distributed");
    await advisor.answerAll({ similar_needs: 5, regulation: 5, call_volume: 3, team_split: 3, shared_skills: 3, variety: 3 });
    await until(async () => (await advisor.model()) === "mixed", "mixed");
    // A mix names segments of the book; this one is empty and says so.
    await textIs(advisor.segmentsEmpty(), "Your book has no current accounts, so there are no segments of it to name yet. Add or import accounts on the Book page.");
    assert.equal(await advisor.segmentCount(), 0);
    // Weights are the user's: with regulation weighted 5, lower call volume (2) and a very wide range of
    // carriers (5) give +6 − 10 − 3 − 4 = −11 of ±36, past a quarter toward distributed.
    await advisor.setWeight("regulation", 5);
    await until(async () => (await advisor.weight("regulation")) === "5", "weight saved");
    await advisor.answer("call_volume", 2);
    await until(async () => advisor.isAnswered("call_volume", 2), "call volume answered");
    await advisor.answer("variety", 5);
    await until(async () => /^Score -11 of ±36/.test(await advisor.score()), "score -11 of ±36");
    assert.equal(await advisor.model(), "distributed", "distributed once regulation weighs more");
    await advisor.setWeight("regulation", 9);
    await textIs(advisor.message(), "The weight of “How much do state regulations and other requirements vary across your clients?” must be a whole number from 0 to 5; “9” is not.");
    assert.match(await advisor.changes(), /→ mixed/);
    await screenshot(page, "advisor-answers");

    // The comparison prints without the questionnaire.
    await page.emulateMedia({ media: "print" });
    assert.equal(await advisor.questionnaire().isVisible(), false);
    assert.ok(await advisor.comparison().isVisible());
    assert.ok(await advisor.recommendation().isVisible());
    await screenshot(page, "advisor-print");
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("keeps a weight being typed while an earlier answer is still being saved", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/service-model`);
    const advisor = new ServiceModelPage(page);
    const shell = new Shell(page);
    await advisor.questionnaire().waitFor();
    // Hold the settings store with a transaction of our own, so that the next
    // answer's save waits behind it, as it would behind a slow disk.
    await page.evaluate(
      () =>
        new Promise((held, failed) => {
          const open = indexedDB.open("agency-desk-main");
          open.onerror = () => failed(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction("settings", "readwrite");
            const store = tx.objectStore("settings");
            window.releaseSettings = false;
            const spin = () => {
              if (!window.releaseSettings) store.get("advisor").onsuccess = spin;
            };
            spin();
            tx.oncomplete = () => open.result.close();
            held();
          };
        }),
    );
    await advisor.answer("similar_needs", 5);
    await page.waitForTimeout(200);
    assert.equal(await shell.saveStatus().innerText(), "", "the save waits behind the held store");
    // The weight is typed, not yet left.
    await advisor.weightField("regulation").fill("4");
    // The answer's save lands while the weight is still being typed.
    await page.evaluate(() => (window.releaseSettings = true));
    await until(async () => /Saved/.test(await shell.saveStatus().innerText()), "answer saved");
    assert.equal(await advisor.weight("regulation"), "4", "the weight typed so far is kept");
    await advisor.weightField("regulation").press("Tab");
    await until(async () => (await storedAdvisor(page))?.weights?.regulation === 4, "weight stored");
    await advisor.reload();
    await until(async () => (await advisor.weight("regulation")) === "4", "weight shown after a reload");
    assert.ok(await advisor.isAnswered("similar_needs", 5));
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("fills in what the demo agency's book answers and says so", async () => {
    const app = await newAppContext(env.browser, env.server);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, `${at}#/settings`);
    await new SettingsPage(page).openDemoWorkspace();
    const advisor = new ServiceModelPage(page);
    await advisor.open(at);
    await until(async () => (await advisor.prefilledCount()) === 4, "four answers from the book");
    // 300 accounts less the former clients: the demo lost two renewals, and an
    // account whose every policy was lost no longer counts (one or both, by the day).
    const volume = await advisor.questionText("call_volume");
    const counted = Number(volume.match(/Filled in from your book: your book has (\d+) accounts\./)?.[1]);
    assert.ok(counted === 298 || counted === 299, volume);
    // Four answers are enough for a recommendation; regulation and team split are still open.
    await advisor.recommendation().waitFor();
    assert.ok(["centralized", "distributed", "mixed"].includes(await advisor.model()));
    assert.match(await advisor.questionText("regulation"), /Not answered yet; your book does not record this\./);
    // Overriding a filled-in answer says what the book suggests, and can be undone.
    await advisor.answer("call_volume", 5);
    await until(async () => /Your answer\. The book suggests 2/.test(await advisor.questionText("call_volume")), "override shown");
    await advisor.useBooksAnswer("call_volume");
    await until(async () => advisor.isAnswered("call_volume", 2), "back to the book's answer");
    await screenshot(page, "advisor-demo");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("names the demo book's segments for a mix, as the Profitability tiers count them, and keeps the article apart", async () => {
    const app = await newAppContext(env.browser, env.server);
    const at = `${env.server.url}?asof=2026-11-22`;
    const page = await openApp(app.context, `${at}#/settings`);
    await new SettingsPage(page).openDemoWorkspace();
    // The expected segments from the Profitability page: its tiers export and small-account threshold.
    const profitability = new ProfitabilityPage(page);
    await profitability.open(at);
    await profitability.tierTable("CL").waitFor();
    const threshold = cents(await profitability.rule("small"));
    assert.ok(threshold > 0);
    const rows = (await profitability.exportTiers()).text.split("\n").filter(Boolean).map(csvFields);
    assert.deepEqual(rows[0].slice(0, 7), ["department", "tier", "min_revenue", "max_revenue", "revenue", "revenue_pct", "clients"]);
    // A tier whose highest revenue is under the threshold is pooled; the rest, the top tier included, are not.
    const expected = new Map();
    let accounts = 0;
    for (const [department, , , max, revenue, , clients] of rows.slice(1)) {
      const side = max !== "" && cents(max) + 1 <= threshold ? "centralized" : "distributed";
      const key = `${side} ${department}`;
      const sum = expected.get(key) ?? { accounts: 0, revenue: 0 };
      sum.accounts += Number(clients);
      sum.revenue += cents(revenue);
      expected.set(key, sum);
      accounts += Number(clients);
    }
    for (const [key, sum] of expected) if (sum.accounts === 0) expected.delete(key);
    assert.ok(accounts >= 298, `the demo's current accounts (${accounts})`);
    assert.ok([...expected.keys()].some((k) => k.startsWith("centralized")) && [...expected.keys()].some((k) => k.startsWith("distributed")));

    // Every question answered in the middle: a score of 0, a mix.
    const advisor = new ServiceModelPage(page);
    await advisor.open(at);
    await advisor.questionnaire().waitFor();
    for (const q of ["similar_needs", "regulation", "call_volume", "team_split", "shared_skills", "variety"]) {
      await advisor.answer(q, 3);
      await until(async () => advisor.isAnswered(q, 3), `${q} answered`);
    }
    await until(async () => /^Score \+0 of ±32/.test(await advisor.score()), "score 0 of ±32");
    assert.equal(await advisor.model(), "mixed");

    // The segments shown are the book's, by side and department.
    await until(async () => (await advisor.segmentList().count()) === expected.size, `${expected.size} segments`);
    let pooled = { accounts: 0, revenue: 0 };
    for (const [key, sum] of expected) {
      const [side, department] = key.split(" ");
      const shown = await advisor.segmentFigures(side, department);
      assert.equal(shown.count, 1, key);
      assert.equal(shown.accounts, sum.accounts, `${key} accounts`);
      assert.equal(shown.revenue, sum.revenue, `${key} revenue`);
      assert.equal(shown.accountsText, String(sum.accounts));
      assert.equal(shown.revenueText, wholeDollars(sum.revenue));
      if (side === "centralized") pooled = { accounts: pooled.accounts + sum.accounts, revenue: pooled.revenue + sum.revenue };
    }
    assert.equal(await advisor.segmentTotal("centralized"), `In all: ${pooled.accounts} accounts, ${wholeDollars(pooled.revenue)} commission.`);
    assert.ok((await advisor.segmentSide("centralized").innerText()).includes(`small-account threshold of ${wholeDollars(threshold)} `), "the threshold is named");

    // "From the article" holds the article's words only; the app's guidance
    // (who gains what, the segments, the distributed column) is under its own label.
    await assertArticleOnly(advisor, advisor.article());
    await assertArticleOnly(advisor, advisor.articleInComparison());
    assert.match(await advisor.guidanceTag().innerText(), /not from the article/i);
    assert.equal(await advisor.benefitsInGuidance().count(), 1, "who gains what is guidance");
    assert.equal(await advisor.segmentsInGuidance().count(), 1, "the segments are guidance");
    const table = advisor.comparisonGuidance().locator("table");
    assert.match(await table.locator("thead").innerText(), /Distributed \(local\)/, "the distributed column is under the guidance label");
    assert.match(await advisor.comparisonGuidanceTag().innerText(), /not from the article/i);
    assert.equal(await advisor.articleInComparison().locator("table").count(), 0);
    await advisor.guidance().scrollIntoViewIfNeeded();
    await screenshot(page, "advisor-mix-segments");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
