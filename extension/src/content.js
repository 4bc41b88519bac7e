// Content script: finds buyer messages with the page's adapter (selectors
// from data/adapters, chosen by the background), asks the background to
// analyse new ones, and puts a badge on each. It never changes the page's
// own text: badges are separate elements appended to a bubble.

import { api, MSG, send } from "./messages.js";
import { isEnabled, loadSettings, onSettingsChanged } from "./settings.js";
import { createBadge } from "./badge.js";
import { fillReplyBox } from "./reply_box.js";

const SCAN_DELAY_MS = 120;
const BADGE_SELECTOR = "[data-intentlens-badge]";

/** text → analysis: a message is analysed once, however often it is re-rendered. */
const analyses = new Map();
/** bubble element → {text, host, update}: what is badged, to stay idempotent. */
const badged = new Map();

let adapter = null;
let ui = null;
let uiLanguage = null;
let observer = null;
let scanTimer = 0;
let scanning = false;
let rescan = false;

async function main() {
  const hello = await send(MSG.HELLO, { url: location.href });
  if (!hello.adapter) return;
  adapter = hello.adapter;
  ui = hello.ui;
  api.runtime.onMessage.addListener(onMessage);
  onSettingsChanged(applySettings);
  applySettings(await loadSettings());
}

async function applySettings(settings) {
  if (!isEnabled(settings, adapter.id)) {
    stop();
    return;
  }
  if (settings.uiLanguage !== uiLanguage) {
    // The first call uses the strings that came with HELLO; later switches fetch new ones.
    if (uiLanguage !== null) ui = (await send(MSG.HELLO, { url: location.href })).ui;
    uiLanguage = settings.uiLanguage;
    for (const entry of badged.values()) entry.update(analyses.get(entry.text), ui);
  }
  start();
}

function start() {
  if (observer) return;
  observer = new MutationObserver((records) => {
    if (records.every(isOwnMutation)) return;
    scheduleScan();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  scheduleScan(0);
}

function stop() {
  observer?.disconnect();
  observer = null;
  clearTimeout(scanTimer);
  for (const { host } of badged.values()) host.remove();
  badged.clear();
  reportState([]);
}

function isOwnMutation(record) {
  const nodes = [...record.addedNodes, ...record.removedNodes];
  return nodes.length > 0 && nodes.every((n) => n.nodeType === 1 && n.matches(BADGE_SELECTOR));
}

function scheduleScan(delay = SCAN_DELAY_MS) {
  clearTimeout(scanTimer);
  scanTimer = setTimeout(scan, delay);
}

/** The buyer bubbles now on the page with their text; seller bubbles never. */
function buyerMessages() {
  const found = [];
  for (const bubble of document.querySelectorAll(adapter.buyer_message)) {
    if (bubble.matches(adapter.seller_message) || bubble.closest(adapter.seller_message)) continue;
    const textNode = (adapter.text && bubble.querySelector(adapter.text)) || bubble;
    const text = visibleText(textNode);
    if (text) found.push({ bubble, text });
  }
  return found;
}

function visibleText(element) {
  // innerText does not include our badges' shadow content, only the page's words.
  return (element.innerText ?? element.textContent ?? "").trim();
}

async function scan() {
  if (!observer) return;
  if (scanning) {
    rescan = true;
    return;
  }
  scanning = true;
  try {
    const messages = buyerMessages();
    const fresh = [...new Set(messages.map((m) => m.text).filter((t) => !analyses.has(t)))];
    if (fresh.length) {
      const reply = await send(MSG.ANALYZE, { texts: fresh });
      fresh.forEach((text, i) => analyses.set(text, reply.analyses[i]));
    }
    if (!observer) return; // turned off while waiting
    renderBadges(messages);
    reportState(messages);
  } catch (error) {
    // A broken page or a stopped background must not break the seller's page.
    console.warn("IntentLens: scan failed", error);
  } finally {
    scanning = false;
    if (rescan) {
      rescan = false;
      scheduleScan();
    }
  }
}

function renderBadges(messages) {
  const present = new Set();
  for (const { bubble, text } of messages) {
    present.add(bubble);
    let entry = badged.get(bubble);
    if (entry && entry.text === text && entry.host.isConnected) continue;
    if (!entry || !entry.host.isConnected) {
      bubble.querySelectorAll(`:scope > ${BADGE_SELECTOR}`).forEach((stale) => stale.remove());
      entry = createBadge();
      bubble.append(entry.host);
      badged.set(bubble, entry);
    }
    entry.text = text; // a recycled row now shows another message
    entry.update(analyses.get(text), ui);
  }
  for (const [bubble, entry] of badged) {
    if (!present.has(bubble)) {
      entry.host.remove();
      badged.delete(bubble);
    }
  }
}

function pageContext() {
  const read = (selector) => (selector && document.querySelector(selector)?.textContent?.trim()) || null;
  return { buyer_name: read(adapter.buyer_name), order_id: read(adapter.order_id) };
}

let lastReported = null;

/**
 * Tells the background (and so the side panel) what this page shows. Only
 * real changes are sent: the page mutates constantly (typing updates a
 * character counter), and every report re-renders the panel, which would
 * wipe blanks the seller is filling in.
 */
function reportState(messages) {
  const state = {
    url: location.href,
    adapterId: adapter.id,
    adapterName: adapter.name,
    context: pageContext(),
    messages: messages.map(({ text }, i) => ({ key: i, text, analysis: analyses.get(text) })),
  };
  const signature = JSON.stringify([state.context, messages.map((m) => m.text)]);
  if (signature === lastReported) return;
  lastReported = signature;
  send(MSG.PAGE_STATE, state).catch((error) => {
    lastReported = null; // try again on the next scan
    console.warn("IntentLens: state not saved", error);
  });
}

function onMessage(message, sender, sendResponse) {
  if (sender.id !== api.runtime.id || message?.type !== MSG.INSERT_REPLY) return false;
  sendResponse(fillReplyBox(adapter.reply_box, String(message.text ?? "")));
  return false;
}

main().catch((error) => console.warn("IntentLens: not started", error));
