// The analyzer's home. Chromium will not compile WebAssembly in a content
// script on a page whose CSP forbids it (seller centers set strict CSPs), so
// the module runs here, in the extension's own context, and content scripts
// send it batches of message texts.
//
// Chromium stops this service worker whenever it is idle. Nothing here may
// rely on memory surviving: the module is re-initialised on every start
// (without top-level await, which service workers forbid), listeners are
// registered synchronously so that a message can wake the worker, and the
// per-tab state lives in `storage.session`.

import init, * as wasm from "../../pkg/intentlens.js";
import { api, MSG, tabKey } from "./messages.js";
import { loadSettings } from "./settings.js";

const ready = init({ module_or_path: api.runtime.getURL("intentlens_bg.wasm") });

const handlers = {
  async [MSG.HELLO]({ url }) {
    const settings = await loadSettings();
    return { adapter: wasm.adapterFor(String(url)) ?? null, ui: wasm.uiStrings(settings.uiLanguage) };
  },
  async [MSG.ANALYZE]({ texts }) {
    if (!Array.isArray(texts)) throw new Error("texts must be an array");
    return { analyses: wasm.analyzeBatch(texts.map(String)) };
  },
  async [MSG.PAGE_STATE](state, sender) {
    const tabId = sender.tab?.id;
    // Only the top frame or a frame that found messages speaks for the tab.
    if (tabId === undefined || (sender.frameId && !state.messages?.length)) return { ok: true };
    await api.storage.session.set({ [tabKey(tabId)]: { ...state, updatedAt: Date.now() } });
    return { ok: true };
  },
  async [MSG.DRAFT]({ analysis, context }) {
    const settings = await loadSettings();
    return { draft: wasm.draft(analysis, context ?? {}, settings.uiLanguage) };
  },
  async [MSG.UI]() {
    const settings = await loadSettings();
    return { ui: wasm.uiStrings(settings.uiLanguage), adapters: wasm.adapters(), settings };
  },
};

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Runtime messages only ever come from this extension's own contexts;
  // anything else, or an unknown type, is refused.
  if (sender.id !== api.runtime.id) return false;
  const handler = handlers[message?.type];
  if (!handler) return false;
  ready
    .then(() => handler(message, sender))
    .then(sendResponse, (error) => sendResponse({ error: `IntentLens: ${error?.message ?? error}` }));
  return true; // answer asynchronously
});

api.tabs.onRemoved.addListener((tabId) => {
  api.storage.session.remove(tabKey(tabId));
});
