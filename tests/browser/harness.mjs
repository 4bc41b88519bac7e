// Shared by the browser tests and the demo: the fixture seller center served
// over https under its real hostname, a recording proxy that is the
// browsers' only way out, and launchers for Chromium and Firefox with the
// built extension loaded.
//
// Why a proxy: the shipped manifest's match patterns name the real hosts
// (seller.shopee.cn, …), so the fixture must be reached under those names.
// Both browsers send every request to the proxy, which tunnels the fixture's
// hosts to the local https server and refuses and records everything else.
// That one mechanism gives real hostnames in both browsers and a complete
// log of attempted egress for the "nothing leaves" assertion.

import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const FIXTURE_HOST = "seller.shopee.cn";
export const FIXTURE_URL = `https://${FIXTURE_HOST}/webchat/conversations`;
export const CONVERSATIONS = JSON.parse(
  readFileSync(path.join(ROOT, "tests/fixtures/shopee/conversations.json"), "utf8"),
).conversations;
export const FIREFOX_ID = "intentlens@intentlens.app";
export const FIREFOX_UUID = "5b0c1a8e-7f1e-4d2a-9c61-1f7d3e2b4a10";

const FIXTURE_FILES = {
  "/webchat/conversations": ["webchat.html", "text/html; charset=utf-8"],
  "/webchat/webchat.js": ["webchat.js", "text/javascript; charset=utf-8"],
  "/webchat/webchat.css": ["webchat.css", "text/css; charset=utf-8"],
  "/webchat/conversations.json": ["conversations.json", "application/json; charset=utf-8"],
};

/** A throwaway self-signed certificate for the fixture hosts. */
function certificate(dir) {
  const key = path.join(dir, "key.pem");
  const cert = path.join(dir, "cert.pem");
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", `/CN=${FIXTURE_HOST}`, "-addext", `subjectAltName=DNS:${FIXTURE_HOST}`,
    "-keyout", key, "-out", cert,
  ], { stdio: "ignore" });
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

const listen = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));

/**
 * Starts the fixture server and the proxy. `egress` lists every request the
 * proxy saw for a host other than the fixture's.
 */
export async function startNetwork() {
  const dir = mkdtempSync(path.join(os.tmpdir(), "intentlens-net-"));
  const served = [];
  const fixture = https.createServer(certificate(dir), async (req, res) => {
    const url = new URL(req.url, `https://${req.headers.host}`);
    served.push(url.pathname);
    const entry = FIXTURE_FILES[url.pathname];
    if (!entry) {
      res.writeHead(404).end();
      return;
    }
    const body = await readFile(path.join(ROOT, "tests/fixtures/shopee", entry[0]));
    res.writeHead(200, {
      "Content-Type": entry[1],
      // As strict as a real seller center: no inline script, no eval, no wasm.
      "Content-Security-Policy": "script-src 'self'",
      "Cache-Control": "no-store",
    });
    res.end(body);
  });
  const fixturePort = await listen(fixture);

  const egress = [];
  const sockets = new Set();
  const proxy = http.createServer((req, res) => {
    // Plain-http requests through the proxy: never the fixture (it is https).
    egress.push({ method: req.method, target: req.url });
    res.writeHead(403).end();
  });
  proxy.on("connect", (req, client, head) => {
    const [host] = req.url.split(":");
    sockets.add(client);
    client.on("error", () => {});
    if (host !== FIXTURE_HOST) {
      egress.push({ method: "CONNECT", target: req.url });
      client.end("HTTP/1.1 403 Forbidden\r\n\r\n");
      return;
    }
    const upstream = net.connect(fixturePort, "127.0.0.1", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on("error", () => client.destroy());
  });
  const proxyPort = await listen(proxy);

  return {
    proxyPort,
    served,
    egress,
    async close() {
      for (const s of sockets) s.destroy();
      await Promise.all([fixture, proxy].map((s) => new Promise((r) => s.close(r))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Chromium with dist/chrome loaded; resolves to `{context, extensionId, close}`. */
export async function launchChromium(network) {
  const { chromium } = await import("playwright-core");
  const extension = path.join(ROOT, "dist/chrome");
  const profile = mkdtempSync(path.join(os.tmpdir(), "intentlens-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: false, // the real headless mode, which loads extensions, is passed below
    ignoreHTTPSErrors: true, // the fixture's certificate is self-signed
    viewport: { width: 1280, height: 720 },
    args: [
      "--headless=new",
      `--load-extension=${extension}`,
      `--disable-extensions-except=${extension}`,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,NetworkTimeServiceQuerying,SignInProfileCreation,DIPS,InterestFeedContentSuggestions,PrivacySandboxSettings4",
      "--disable-client-side-phishing-detection",
      "--disable-default-apps",
      "--disable-domain-reliability",
      "--no-pings",
      "--extensions-update-frequency=604800",
      `--proxy-server=http://127.0.0.1:${network.proxyPort}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    url: (page) => `chrome-extension://${extensionId}/${page}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A minimal W3C WebDriver client for geckodriver (no extra dependency). */
class WebDriver {
  constructor(base, session) {
    this.base = base;
    this.session = session;
  }
  async cmd(method, endpoint, body) {
    const response = await fetch(`${this.base}/session/${this.session}${endpoint}`, {
      method,
      headers: { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (json.value?.error) throw new Error(`${endpoint}: ${json.value.error}: ${json.value.message}`);
    return json.value;
  }
  navigate(url) {
    return this.cmd("POST", "/url", { url });
  }
  /** Runs `fn` (an async function, serialised) in the current page with `args`. */
  run(fn, ...args) {
    const script = `const done = arguments[arguments.length - 1];
      (${fn}).apply(null, Array.from(arguments).slice(0, -1)).then(done, (e) => done({ __error: String(e) }));`;
    return this.cmd("POST", "/execute/async", { script, args }).then((v) => {
      if (v?.__error) throw new Error(v.__error);
      return v;
    });
  }
  async newTab() {
    const { handle } = await this.cmd("POST", "/window/new", { type: "tab" });
    await this.cmd("POST", "/window", { handle });
    return handle;
  }
  /** Opens an extension page in a new tab (from the browser's chrome context) and switches to it. */
  async openExtensionPage(url) {
    const before = new Set(await this.cmd("GET", "/window/handles"));
    await this.cmd("POST", "/moz/context", { context: "chrome" });
    await this.cmd("POST", "/execute/sync", {
      script: `const tab = gBrowser.addTab(arguments[0], {
        triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
        gBrowser.selectedTab = tab;`,
      args: [url],
    });
    await this.cmd("POST", "/moz/context", { context: "content" });
    for (let i = 0; i < 100; i++) {
      const handle = (await this.cmd("GET", "/window/handles")).find((h) => !before.has(h));
      if (handle) {
        await this.switchTo(handle);
        for (let j = 0; j < 100; j++) {
          if ((await this.cmd("GET", "/url")).startsWith("moz-extension:")) return handle;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`could not open ${url}`);
  }
  switchTo(handle) {
    return this.cmd("POST", "/window", { handle });
  }
}

/** Firefox ESR under geckodriver with dist/firefox installed as a temporary add-on. */
export async function launchFirefox(network) {
  const profileRoot = mkdtempSync(path.join(os.tmpdir(), "intentlens-firefox-"));
  // geckodriver installs add-ons from a zip; web-ext builds one from dist/firefox.
  execFileSync(path.join(ROOT, "node_modules/.bin/web-ext"), [
    "build", "--source-dir", path.join(ROOT, "dist/firefox"), "--artifacts-dir", profileRoot,
    "--filename", "intentlens.zip", "--overwrite-dest",
  ], { stdio: "ignore" });
  const addon = readFileSync(path.join(profileRoot, "intentlens.zip")).toString("base64");

  const port = await new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
  const geckodriver = spawn(
    process.env.GECKODRIVER ?? "geckodriver",
    // System access lets the tests open moz-extension:// pages in a tab from
    // the chrome context (WebDriver refuses to navigate a content tab to them).
    ["--port", String(port), "--allow-system-access"],
    { stdio: "ignore" },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/status`);
      break;
    } catch (error) {
      if (i > 100) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const response = await fetch(`${base}/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      capabilities: {
        alwaysMatch: {
          browserName: "firefox",
          acceptInsecureCerts: true, // the fixture's certificate is self-signed
          "moz:firefoxOptions": {
            binary: process.env.FIREFOX ?? "/usr/bin/firefox-esr",
            args: ["-headless"],
            prefs: {
              "network.proxy.type": 1,
              "network.proxy.ssl": "127.0.0.1",
              "network.proxy.ssl_port": network.proxyPort,
              "network.proxy.http": "127.0.0.1",
              "network.proxy.http_port": network.proxyPort,
              "network.proxy.no_proxies_on": "",
              "network.proxy.allow_hijacking_localhost": true,
              // A fixed moz-extension:// host, so the tests can open the panel and popup.
              "extensions.webextensions.uuids": JSON.stringify({ [FIREFOX_ID]: FIREFOX_UUID }),
            },
          },
        },
      },
    }),
  });
  const session = (await response.json()).value;
  if (!session.sessionId) throw new Error(`geckodriver: ${JSON.stringify(session)}`);
  const driver = new WebDriver(base, session.sessionId);
  await driver.cmd("POST", "/moz/addon/install", { addon, temporary: true });
  return {
    driver,
    url: (page) => `moz-extension://${FIREFOX_UUID}/${page}`,
    async close() {
      await fetch(`${base}/session/${session.sessionId}`, { method: "DELETE" }).catch(() => {});
      geckodriver.kill();
      rmSync(profileRoot, { recursive: true, force: true });
    },
  };
}

/** Polls `fn` until it returns a truthy value (or throws after `timeout` ms). */
export async function waitFor(fn, { timeout = 10000, interval = 100, what = "condition" } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Buyer messages the fixture shows, with the analysis each must get. */
export const EXPECTED = CONVERSATIONS.flatMap((c, conversation) =>
  c.messages.filter((m) => m.from === "buyer").map((m) => ({ conversation, ...m })),
);
