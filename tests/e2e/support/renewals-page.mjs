// Helpers for the Renewals page: its columns and cards, the tracking start.
import { textIs } from "./app.mjs";

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
