// Builds the two unpacked extensions, dist/chrome and dist/firefox, from one
// source: extension/src (bundled per entry point with esbuild), pkg/ (the
// wasm-bindgen output) and extension/manifest.json, transformed per browser.
// Content-script matches and host permissions are derived from
// data/adapters/*.json so that the manifest can never disagree with the
// adapters. Usage: node extension/build.mjs   (run `make pkg` first)

import { build } from "esbuild";
import { cp, mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = path.join(root, "extension", "src");
const FIREFOX_ID = "intentlens@intentlens.app";

const ENTRIES = {
  background: "background.js",
  content: "content.js",
  "popup/popup": "popup/popup.js",
  "sidepanel/sidepanel": "sidepanel/sidepanel.js",
};
const STATIC = ["popup/popup.html", "popup/popup.css", "sidepanel/sidepanel.html", "sidepanel/sidepanel.css"];

async function adapterMatches() {
  const dir = path.join(root, "data", "adapters");
  const files = (await readdir(dir)).filter((f) => f.endsWith(".json")).sort();
  const matches = [];
  for (const file of files) {
    const adapter = JSON.parse(await readFile(path.join(dir, file), "utf8"));
    if (!Array.isArray(adapter.matches) || adapter.matches.length === 0) {
      throw new Error(`data/adapters/${file}: "matches" must list the marketplace's pages`);
    }
    matches.push(...adapter.matches);
  }
  return [...new Set(matches)];
}

// Every difference between the browsers is here, with its reason.
const PER_BROWSER = {
  chrome(manifest) {
    // Chromium runs MV3 backgrounds as service workers and has sidePanel.
    manifest.background = { service_worker: "background.js" };
    manifest.side_panel = { default_path: "sidepanel/sidepanel.html" };
    manifest.permissions.push("sidePanel");
    manifest.minimum_chrome_version = "116"; // sidePanel.open()
  },
  firefox(manifest) {
    // Firefox has no MV3 service workers: an event page runs the same script.
    manifest.background = { scripts: ["background.js"] };
    // Firefox's side panel is the sidebar.
    manifest.sidebar_action = {
      default_panel: "sidepanel/sidepanel.html",
      default_title: "IntentLens",
      default_icon: manifest.icons["32"],
      open_at_install: false,
    };
    manifest.browser_specific_settings = {
      gecko: {
        id: FIREFOX_ID,
        strict_min_version: "140.0",
        // Nothing is collected or transmitted (AMO's required declaration).
        data_collection_permissions: { required: ["none"] },
      },
    };
  },
};

async function buildFor(browser, matches) {
  const out = path.join(root, "dist", browser);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([name, file]) => [name, path.join(src, file)])),
    outdir: out,
    bundle: true,
    format: "iife", // classic scripts work in every context, content scripts included
    target: ["chrome116", "firefox140"],
    // wasm-bindgen's default wasm URL uses import.meta.url; we always pass the URL.
    define: { "import.meta.url": '""' },
    legalComments: "none",
    logLevel: "warning",
  });
  for (const file of STATIC) await cp(path.join(src, file), path.join(out, file));
  await cp(path.join(root, "extension", "icons"), path.join(out, "icons"), { recursive: true });
  await cp(path.join(root, "pkg", "intentlens_bg.wasm"), path.join(out, "intentlens_bg.wasm"));

  const manifest = JSON.parse(await readFile(path.join(root, "extension", "manifest.json"), "utf8"));
  manifest.host_permissions = matches;
  manifest.content_scripts[0].matches = matches;
  delete manifest.web_accessible_resources; // nothing is exposed to pages
  PER_BROWSER[browser](manifest);
  await writeFile(path.join(out, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return out;
}

const matches = await adapterMatches();
for (const browser of Object.keys(PER_BROWSER)) {
  const out = await buildFor(browser, matches);
  console.log(`built ${path.relative(root, out)}`);
}
