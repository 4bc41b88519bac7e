// The product's main job on the bundled demo inbox: Chromium with the built
// extension opens the Shopee-style inbox (served locally under its real
// hostname), every conversation is opened in turn, the analyses of its buyer
// messages are printed, and screenshots of the badged page and of the side
// panel are saved to target/demo/. Run by `make demo`.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { CONVERSATIONS, FIXTURE_HOST, FIXTURE_URL, ROOT, launchChromium, startNetwork, waitFor } from "./harness.mjs";

const out = path.join(ROOT, "target", "demo");
mkdirSync(out, { recursive: true });

const network = await startNetwork();
const browser = await launchChromium(network);
try {
  const page = await browser.context.newPage();
  await page.goto(FIXTURE_URL);
  const panel = await browser.context.newPage();
  await panel.goto(browser.url("popup/popup.html"));
  const tabId = await panel.evaluate(async (host) => (await chrome.tabs.query({ url: `https://${host}/*` }))[0].id, FIXTURE_HOST);
  await panel.goto(browser.url(`sidepanel/sidepanel.html?tab=${tabId}`));
  await panel.setViewportSize({ width: 400, height: 900 });

  console.log(`IntentLens demo: ${FIXTURE_URL} (local fixture), analyses computed in the browser\n`);
  for (const [index, conversation] of CONVERSATIONS.entries()) {
    await page.bringToFront();
    await page.click(`.cell[data-index="${index}"]`);
    const buyers = conversation.messages.filter((m) => m.from === "buyer");
    const analyses = await waitFor(
      async () => {
        const state = await panel.evaluate(async (key) => (await chrome.storage.session.get(key))[key], `tab:${tabId}`);
        const texts = state?.messages?.map((m) => m.text) ?? [];
        return texts.length === buyers.length && texts[0] === buyers[0].text ? state.messages : null;
      },
      { what: `analyses of conversation ${index}` },
    );
    console.log(`── ${conversation.buyer} (${conversation.market})`);
    for (const { text, analysis: a } of analyses) {
      console.log(`  “${text}”`);
      const extras = [
        a.risks.length ? `risks: ${a.risks.join(", ")}` : null,
        a.entities.length ? `entities: ${a.entities.map((e) => `${e.kind}=${e.text}`).join(", ")}` : null,
      ].filter(Boolean);
      console.log(
        `    → ${a.intent} (${Math.round(a.confidence * 100)}%) · ${a.language} · ${a.emotion}` +
          `${a.needs_human ? " · NEEDS A PERSON" : ""}${extras.length ? " · " + extras.join(" · ") : ""}`,
      );
    }
  }
  await page.click('.cell[data-index="1"]');
  await waitFor(() => panel.$$eval("li.message", (els) => els.length === 2 && els[0].dataset.intent === "shipping_question"), { what: "panel" });
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, "inbox.png") });
  await panel.screenshot({ path: path.join(out, "sidepanel.png"), fullPage: true });
  console.log(`\nscreenshots: ${path.relative(ROOT, path.join(out, "inbox.png"))}, ${path.relative(ROOT, path.join(out, "sidepanel.png"))}`);
} finally {
  await browser.close();
  await network.close();
}
