// End-to-end in Firefox ESR: dist/firefox installed as a temporary add-on
// through geckodriver, on the same fixture seller center (real hostname,
// strict CSP) as the Chromium tests. The badges' shadow roots are closed, so
// badges are counted by their hosts and the labels are read where the seller
// reads them in full: the sidebar panel.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { CONVERSATIONS, FIXTURE_HOST, FIXTURE_URL, ROOT, launchFirefox, startNetwork, waitFor } from "./harness.mjs";

const UI = JSON.parse(readFileSync(path.join(ROOT, "data/ui/en.json"), "utf8"));
// Firefox's own background services that the profile does not fully
// silence; the extension makes no request at all (it has no code that could).
const BROWSER_OWN_HOSTS = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|digicert\.com)$/;

let network;
let firefox;
let driver;
let pageHandle;

before(async () => {
  network = await startNetwork();
  firefox = await launchFirefox(network);
  driver = firefox.driver;
  await driver.navigate(FIXTURE_URL);
  pageHandle = (await driver.cmd("GET", "/window"));
});

after(async () => {
  await firefox?.close();
  await network?.close();
});

/** Counts of badge hosts inside buyer and seller bubbles on the fixture page. */
const countBadges = () =>
  driver.run(async () => ({
    buyer: document.querySelectorAll('[data-cy="webchat-message-receive"] [data-intentlens-badge]').length,
    seller: document.querySelectorAll('[data-cy="webchat-message-send"] [data-intentlens-badge]').length,
  }));

async function openConversation(index) {
  await driver.switchTo(pageHandle);
  // The inbox renders its list after fetching the conversations: wait for the cell.
  await waitFor(() => driver.run(async (i) => !!document.querySelector(`.cell[data-index="${i}"]`), index), {
    what: `conversation ${index} in the list`,
  });
  await driver.run(async (i) => document.querySelector(`.cell[data-index="${i}"]`).click(), index);
  const buyers = CONVERSATIONS[index].messages.filter((m) => m.from === "buyer").length;
  const text = CONVERSATIONS[index].messages[0].text;
  await waitFor(
    async () => {
      const shown = await driver.run(async () => document.querySelector('[data-cy="webchat-message-content"]').textContent);
      const counts = await countBadges();
      return shown === text && counts.buyer === buyers;
    },
    { what: `badges of conversation ${index}`, timeout: 15000 },
  );
}

let panelHandle = null;
async function panelIntents() {
  if (!panelHandle) {
    const helper = await driver.openExtensionPage(firefox.url("popup/popup.html"));
    const tabId = await driver.run(async (host) => (await browser.tabs.query({ url: `https://${host}/*` }))[0].id, FIXTURE_HOST);
    await driver.cmd("DELETE", "/window");
    panelHandle = await driver.openExtensionPage(firefox.url(`sidepanel/sidepanel.html?tab=${tabId}`));
  }
  await driver.switchTo(panelHandle);
  return driver.run(async () =>
    [...document.querySelectorAll("li.message")].map((li) => ({
      intent: li.dataset.intent,
      draft: li.querySelector(".draft-text")?.innerText ?? null,
      reasons: li.querySelector(".reasons")?.innerText ?? "",
    })),
  );
}

test("Firefox: badges on every buyer message, none on seller messages, right intents in the panel", async () => {
  for (const [index, conversation] of CONVERSATIONS.entries()) {
    await openConversation(index);
    const counts = await countBadges();
    assert.equal(counts.seller, 0, `seller badge in conversation ${index}`);
    const expected = conversation.messages.filter((m) => m.from === "buyer").map((m) => m.expect.intent);
    const items = await waitFor(
      async () => {
        const got = await panelIntents();
        return got.map((g) => g.intent).join() === expected.join() ? got : null;
      },
      { what: `panel intents of conversation ${index}`, timeout: 15000 },
    );
    for (const item of items) {
      assert.ok(item.draft || item.reasons, "every message has a draft or the reasons why not");
      assert.doesNotMatch(item.draft ?? "", /[{}]/);
    }
  }
});

test("Firefox: Insert fills the page's reply box and fires its input handler", async () => {
  await openConversation(2);
  await panelIntents();
  const inserted = await driver.run(async () => {
    const item = document.querySelector('li.message[data-intent="cancel_order"]');
    // Fill any blanks (the signature is not set in this profile).
    for (const gap of item.querySelectorAll("input.gap")) {
      gap.value = "Lucky Shop";
      gap.dispatchEvent(new Event("input"));
    }
    item.querySelector("button.insert").click();
    return item.querySelector(".draft-text").innerText;
  });
  await driver.switchTo(pageHandle);
  const typed = await waitFor(() => driver.run(async () => document.body.dataset.draft), { what: "input event" });
  assert.match(typed, /carlos_rm/);
  assert.match(typed, /Lucky Shop/);
  assert.equal(typed.split("\n")[0], inserted.split("\n")[0]);
  assert.equal(await driver.run(async () => document.body.dataset.sent ?? "0"), "0", "never sends");
});

test("Firefox: turning the marketplace off in the popup removes the badges", async () => {
  await openConversation(0);
  const popup = await driver.openExtensionPage(firefox.url("popup/popup.html"));
  await waitFor(() => driver.run(async () => !!document.querySelector('input[name="marketplace:shopee"]')), { what: "popup" });
  await driver.run(async () => document.querySelector('input[name="marketplace:shopee"]').click());
  await driver.switchTo(pageHandle);
  await waitFor(async () => (await countBadges()).buyer === 0, { what: "badges removed" });
  await driver.switchTo(popup);
  await driver.run(async () => document.querySelector('input[name="marketplace:shopee"]').click());
  await driver.switchTo(pageHandle);
  await waitFor(async () => (await countBadges()).buyer === 2, { what: "badges back" });
});

test("Firefox: nothing leaves the browser for any origin but the fixture's", async () => {
  const foreign = network.egress.filter((e) => !BROWSER_OWN_HOSTS.test(e.target.replace(/^https?:\/\//, "").split(/[:/]/)[0]));
  assert.deepEqual(foreign, []);
});
