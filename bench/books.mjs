// The books the benchmarks import, as CSV text: an expiration report of `n`
// policies on n/2 accounts (two policies each, twelve renewal months), and
// an account list of `n` accounts. Shared by run.mjs and sync.mjs so both
// measure the same book.

/** `n` policies, two per client, as the Book page's import reads them. */
export function policyCsv(n) {
  const lines = ["Client,Dept,Policy Number,LOB,Carrier,Effective,X-Date,Premium,Commission,E&S,Bill Type"];
  for (let i = 0; i < n; i++) {
    const client = `Client ${String(Math.floor(i / 2)).padStart(5, "0")}`;
    const dept = i % 3 === 0 ? "PL" : "CL";
    const month = (i % 12) + 1;
    lines.push(`${client},${dept},P-${i},BOP,Acme Mutual,${month}/1/2026,${month}/1/2027,"$${(1000 + (i % 97) * 31).toFixed(2)}",${150 + (i % 89)},N,Direct`);
  }
  return lines.join("\n") + "\n";
}

/** `n` accounts without policies. */
export function accountCsv(n) {
  const lines = ["Client,Department,Commission"];
  for (let i = 0; i < n; i++) lines.push(`Account ${String(i).padStart(5, "0")},${i % 2 ? "CL" : "PL"},${100 + (i % 5000)}`);
  return lines.join("\n") + "\n";
}
