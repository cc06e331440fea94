// The recommended deployment in small, for tests: one origin that serves the
// built app (dist/) as static files and passes everything under /couch/ to
// CouchDB (here pouchdb-server, see couch.mjs), as nginx or Caddy would in
// front of a real CouchDB 3 (README, "Team sync").
//
//   const site = await startSite({ couchUrl: couch.url });
//   site.url        // "http://127.0.0.1:PORT/" (the app; at appPath if given)
//   site.couchUrl   // "http://127.0.0.1:PORT/couch" (the same CouchDB, same origin)
//   site.requests   // [{ method, path, status }] of every /couch/ request, in order
//   await site.stop();
//
// Static files are served like `python3 -m http.server`: index.html for a
// folder, a redirect to add the folder's slash, 404 otherwise, with the
// content types the app needs (application/wasm among them). Requests under
// /couch/ keep their method, headers (Authorization, Cookie...), body and
// query; responses keep their status and headers and are streamed, so a
// longpoll `_changes` reaches the browser as CouchDB writes it. A client that
// goes away closes the request to CouchDB too. If CouchDB cannot be reached
// the answer is 502 with a CouchDB-style JSON error.
import { createReadStream, statSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";

const ROOT = resolve(import.meta.dirname, "..", "..");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".map": "application/json",
  ".woff2": "font/woff2",
};

// Headers of one connection, not of the message (RFC 9110, 7.6.1).
const HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

function endToEnd(headers) {
  const out = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

/**
 * Starts the site. Options:
 * - `couchUrl`: where CouchDB is (required), e.g. couch.url.
 * - `dist`: the folder to serve (default: the repo's dist/).
 * - `appPath`: the path the app is served at (default "/"), like SUB_PATH in
 *   e2e/support/app.mjs; dist/ is served there, and /couch/ stays at the root.
 * - `couchPath`: the path CouchDB is under (default "/couch/").
 * - `port`: default a free one (0).
 * - `upstreamTimeout`: ms of silence after which a request to CouchDB is
 *   given up (default 120 s; longpolls answer or send a newline every 6 s).
 */
export async function startSite({
  couchUrl,
  dist = join(ROOT, "dist"),
  appPath = "/",
  couchPath = "/couch/",
  port = 0,
  upstreamTimeout = 120_000,
} = {}) {
  if (!couchUrl) throw new Error("startSite needs couchUrl");
  if (!appPath.startsWith("/") || !appPath.endsWith("/")) throw new Error("appPath must start and end with /");
  if (!couchPath.startsWith("/") || !couchPath.endsWith("/")) throw new Error("couchPath must start and end with /");
  const upstream = new URL(couchUrl.endsWith("/") ? couchUrl : couchUrl + "/");
  const distRoot = resolve(dist);
  const requests = [];
  const sockets = new Set();
  let origin;

  function sendJson(res, status, body) {
    const text = JSON.stringify(body) + "\n";
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
    res.end(text);
  }

  function proxy(req, res, rest, search) {
    const entry = { method: req.method, path: couchPath + rest + search, status: null };
    requests.push(entry);
    const target = new URL(rest + search, upstream);
    const headers = endToEnd(req.headers);
    headers.host = upstream.host;
    headers["x-forwarded-for"] = req.socket.remoteAddress;
    headers["x-forwarded-host"] = req.headers.host ?? "";
    headers["x-forwarded-proto"] = "http";
    const up = httpRequest(target, { method: req.method, headers, timeout: upstreamTimeout }, (upRes) => {
      entry.status = upRes.statusCode;
      const out = endToEnd(upRes.headers);
      // A Location pointing at CouchDB itself is rewritten to its place here.
      if (typeof out.location === "string" && out.location.startsWith(upstream.href)) {
        out.location = origin + couchPath + out.location.slice(upstream.href.length);
      }
      res.writeHead(upRes.statusCode, upRes.statusMessage, out);
      // Longpoll and continuous feeds: pass each chunk on as it comes.
      res.flushHeaders();
      upRes.pipe(res);
      upRes.on("error", () => res.destroy());
      upRes.on("aborted", () => res.destroy());
    });
    up.on("timeout", () => up.destroy(new Error(`no answer from CouchDB for ${upstreamTimeout} ms`)));
    up.on("error", (err) => {
      if (entry.status === null) entry.status = 502;
      if (!res.headersSent) sendJson(res, 502, { error: "bad_gateway", reason: `CouchDB unreachable: ${err.message}` });
      else res.destroy();
    });
    // The browser went away (or aborted its longpoll): so does the request to CouchDB.
    res.on("close", () => {
      if (!res.writableFinished) up.destroy();
    });
    req.pipe(up);
  }

  function serveStatic(req, res, pathname) {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain" });
      return res.end("method not allowed\n");
    }
    if (!pathname.startsWith(appPath)) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("not found\n");
    }
    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(appPath.length));
    } catch {
      res.writeHead(400, { "Content-Type": "text/plain" });
      return res.end("bad path\n");
    }
    let file = normalize(join(distRoot, rel));
    if (file !== distRoot && !file.startsWith(distRoot + sep)) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("not found\n");
    }
    let stat;
    try {
      stat = statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith("/")) {
          res.writeHead(301, { Location: pathname + "/" });
          return res.end();
        }
        file = join(file, "index.html");
        stat = statSync(file);
      }
    } catch {
      stat = null;
    }
    if (!stat || !stat.isFile()) {
      res.writeHead(404, { "Content-Type": "text/plain" });
      return res.end("not found\n");
    }
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "Content-Length": stat.size,
      "Last-Modified": stat.mtime.toUTCString(),
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://site.invalid");
    const bare = couchPath.slice(0, -1);
    if (url.pathname === bare) return proxy(req, res, "", url.search);
    if (url.pathname.startsWith(couchPath)) {
      // Keep the path as sent (percent-escapes included: document ids with a "/").
      const raw = req.url.split("?")[0];
      const path = raw.startsWith(couchPath) ? raw : url.pathname;
      return proxy(req, res, path.slice(couchPath.length), url.search);
    }
    serveStatic(req, res, url.pathname);
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise((ok, fail) => server.once("error", fail).listen(port, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;

  return {
    origin,
    port: server.address().port,
    url: origin + appPath,
    couchUrl: origin + couchPath.slice(0, -1),
    requests,
    /** Stops listening and closes open connections (longpolls included). */
    async stop() {
      const closed = new Promise((ok) => server.close(ok));
      for (const s of sockets) s.destroy();
      await closed;
    },
  };
}
