// The service-model advisor: the questionnaire, answers filled in from the
// book, the recommendation with its reasoning, saved answers, print.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { newAppContext, openApp, screenshot, textIs, until, useServedApp } from "./support/app.mjs";

const answer = (page, question, value) =>
  page.locator(`[data-testid="advisor-question"][data-question="${question}"] [data-testid="advisor-answer"][data-value="${value}"]`);
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
const model = (page) => page.getByTestId("advisor-recommendation").getAttribute("data-model");

describe("service-model advisor", () => {
  const env = useServedApp(8483);

  it("answers the questionnaire, reads the recommendation and keeps the answers", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/service-model`);
    await page.getByTestId("advisor-questions").waitFor();
    assert.equal(await page.getByTestId("advisor-question").count(), 6);
    // An empty book answers nothing: no recommendation yet.
    assert.equal(await page.getByTestId("advisor-prefilled").count(), 0);
    await page.getByTestId("advisor-recommendation-pending").waitFor();

    // A book of near-identical clients, uniform rules, many calls, an industry team, shared skills, few carriers.
    const central = { similar_needs: 5, regulation: 1, call_volume: 5, team_split: 5, shared_skills: 4, variety: 2 };
    for (const [q, v] of Object.entries(central)) {
      await answer(page, q, v).check();
      await until(async () => await answer(page, q, v).isChecked(), `${q} answered`);
    }
    // 6 + 6 + 6 + 4 + 3 + 2 = 27 of ±32, once every answer's save has landed.
    const score = () => page.getByTestId("advisor-score").innerText();
    await until(async () => /^Score \+27 of ±32/.test(await score()), "score +27 of ±32");
    assert.equal(await model(page), "centralized");
    assert.equal(await page.getByTestId("advisor-driver").first().getAttribute("data-question"), "similar_needs");
    assert.match(await page.getByTestId("advisor-recommendation").locator("..").innerText(), /very similar/);
    // What the model offers carriers, brokers and employers, for the model recommended.
    assert.match(await page.getByTestId("advisor-benefits").innerText(), /For carriers\s+Inquiries from many customers answered by one team/);

    // Answers are kept in the workspace.
    await page.reload();
    await until(async () => (await model(page)) === "centralized", "centralized after a reload");
    assert.ok(await answer(page, "team_split", 5).isChecked());

    // Varied needs and rules, relationship work: distributed. Then a balanced set: a mix.
    const local = { similar_needs: 1, regulation: 5, call_volume: 2, team_split: 1, shared_skills: 1, variety: 5 };
    for (const [q, v] of Object.entries(local)) await answer(page, q, v).check();
    await until(async () => (await model(page)) === "distributed", "distributed");
    const balanced = { similar_needs: 5, regulation: 5, call_volume: 3, team_split: 3, shared_skills: 3, variety: 3 };
    for (const [q, v] of Object.entries(balanced)) await answer(page, q, v).check();
    await until(async () => (await model(page)) === "mixed", "mixed");
    // Weights are the user's: with regulation weighted 5, lower call volume (2) and a very wide range of
    // carriers (5) give +6 − 10 − 3 − 4 = −11 of ±36, past a quarter toward distributed.
    const weight = page.locator('[data-testid="advisor-question"][data-question="regulation"] [data-testid="advisor-weight"]');
    await weight.fill("5");
    await weight.press("Tab");
    await until(async () => (await weight.inputValue()) === "5", "weight saved");
    await answer(page, "call_volume", 2).check();
    await until(async () => await answer(page, "call_volume", 2).isChecked(), "call volume answered");
    await answer(page, "variety", 5).check();
    await until(async () => /^Score -11 of ±36/.test(await score()), "score -11 of ±36");
    assert.equal(await model(page), "distributed", "distributed once regulation weighs more");
    await weight.fill("9");
    await weight.press("Tab");
    await textIs(page.getByTestId("advisor-message"), "The weight of “How much do state regulations and other requirements vary across your clients?” must be a whole number from 0 to 5; “9” is not.");
    assert.match(await page.getByTestId("advisor-changes").innerText(), /→ mixed/);
    await screenshot(page, "advisor-answers");

    // The comparison prints without the questionnaire.
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.getByTestId("advisor-questions").isVisible(), false);
    assert.ok(await page.getByTestId("advisor-comparison").isVisible());
    assert.ok(await page.getByTestId("advisor-recommendation").isVisible());
    await screenshot(page, "advisor-print");
    await page.emulateMedia({ media: "screen" });
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("keeps a weight being typed while an earlier answer is still being saved", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}#/service-model`);
    await page.getByTestId("advisor-questions").waitFor();
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
    await answer(page, "similar_needs", 5).check();
    await page.waitForTimeout(200);
    assert.equal(await page.getByTestId("save-status").innerText(), "", "the save waits behind the held store");
    const weight = page.locator('[data-testid="advisor-question"][data-question="regulation"] [data-testid="advisor-weight"]');
    await weight.fill("4");
    // The answer's save lands while the weight is still being typed.
    await page.evaluate(() => (window.releaseSettings = true));
    await until(async () => /Saved/.test(await page.getByTestId("save-status").innerText()), "answer saved");
    assert.equal(await weight.inputValue(), "4", "the weight typed so far is kept");
    await weight.press("Tab");
    await until(async () => (await storedAdvisor(page))?.weights?.regulation === 4, "weight stored");
    await page.reload();
    await until(async () => (await weight.inputValue()) === "4", "weight shown after a reload");
    assert.ok(await answer(page, "similar_needs", 5).isChecked());
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });

  it("fills in what the demo agency's book answers and says so", async () => {
    const app = await newAppContext(env.browser, env.server);
    const page = await openApp(app.context, `${env.server.url}?asof=2026-11-22#/settings`);
    await page.getByTestId("workspace-switch").selectOption("demo");
    await page.goto(`${env.server.url}?asof=2026-11-22#/service-model`);
    await until(async () => (await page.getByTestId("advisor-prefilled").count()) === 4, "four answers from the book");
    // 300 accounts less the former clients: the demo lost two renewals, and an
    // account whose every policy was lost no longer counts (one or both, by the day).
    const volume = await page.locator('[data-testid="advisor-question"][data-question="call_volume"]').innerText();
    const counted = Number(volume.match(/Filled in from your book: your book has (\d+) accounts\./)?.[1]);
    assert.ok(counted === 298 || counted === 299, volume);
    // Four answers are enough for a recommendation; regulation and team split are still open.
    await page.getByTestId("advisor-recommendation").waitFor();
    assert.ok(["centralized", "distributed", "mixed"].includes(await model(page)));
    assert.match(await page.locator('[data-testid="advisor-question"][data-question="regulation"]').innerText(), /Not answered yet; your book does not record this\./);
    // Overriding a filled-in answer says what the book suggests, and can be undone.
    const q = page.locator('[data-testid="advisor-question"][data-question="call_volume"]');
    await answer(page, "call_volume", 5).check();
    await until(async () => /Your answer\. The book suggests 2/.test(await q.innerText()), "override shown");
    await q.getByRole("button", { name: "Use the book's answer" }).click();
    await until(async () => await answer(page, "call_volume", 2).isChecked(), "back to the book's answer");
    await screenshot(page, "advisor-demo");
    assert.deepEqual(app.problems, []);
    await app.context.close();
  });
});
