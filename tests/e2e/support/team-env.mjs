// The setting of a team sync test: a CouchDB-compatible server with its
// agencies and members (tests/support/couch.mjs), the app and the server
// behind one origin (tests/support/site.mjs), and a browser; and a person,
// who is a browser context of their own (their own IndexedDB) opened on
// the app, with the page objects the tests use.
import { startCouch } from "../../support/couch.mjs";
import { startSite } from "../../support/site.mjs";
import { DIST, fixToday, launchBrowser, newAppContext, openApp } from "./app.mjs";
import { BookPage } from "./book-page.mjs";
import { OnboardingPage } from "./onboarding-page.mjs";
import { RenewalsPage } from "./renewals-page.mjs";
import { SettingsPage } from "./settings-page.mjs";
import { TeamSync } from "./team-sync-page.mjs";

/** Starts the server (`couchOptions` as startCouch takes them), the site and a browser. */
export async function startTeam(couchOptions) {
  const couch = await startCouch(couchOptions);
  const site = await startSite({ couchUrl: couch.url, dist: DIST });
  const browser = await launchBrowser();
  return {
    couch,
    site,
    browser,
    async stop() {
      await browser.close();
      await site.stop();
      await couch.stop();
    },
  };
}

/** A page of a person's browser with its page objects. */
export function pageObjects(app, page) {
  return {
    app,
    page,
    sync: new TeamSync(page),
    book: new BookPage(page),
    renewals: new RenewalsPage(page),
    settings: new SettingsPage(page),
    onboarding: new OnboardingPage(page),
  };
}

/** A person with a browser of their own (today fixed), opened on the app. */
export async function person(team) {
  const app = await newAppContext(team.browser, team.site);
  await fixToday(app.context);
  const page = await openApp(app.context, team.site.url);
  return pageObjects(app, page);
}
