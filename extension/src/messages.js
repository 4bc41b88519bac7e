// The protocol between the extension's contexts: every runtime message type,
// in one place. Content scripts, the background, the popup and the panel all
// import from here, so a type name cannot drift between sender and receiver.

export const api = globalThis.browser ?? globalThis.chrome;

export const MSG = Object.freeze({
  /** content → background: `{url}` → `{adapter, ui}`; adapter is null off message pages. */
  HELLO: "page/hello",
  /** content → background: `{texts: string[]}` → `{analyses}` in the same order. */
  ANALYZE: "page/analyze",
  /** content → background: `{url, adapterId, context, messages: [{key, text, analysis}]}`. */
  PAGE_STATE: "page/state",
  /** panel → content (tabs.sendMessage): `{text}` → `{ok, error?}`; fills the reply box, never sends. */
  INSERT_REPLY: "page/insert",
  /** panel → background: `{analysis, context}` → `{draft}`. */
  DRAFT: "draft",
  /** popup/panel → background: `{}` → `{ui, adapters}` for the current UI language. */
  UI: "ui",
});

/** Key in `storage.session` holding the buyer messages of one tab. */
export const tabKey = (tabId) => `tab:${tabId}`;

/**
 * Sends a runtime message and waits for the answer. A Chromium service
 * worker can be stopped at any time; the first message after that may fail
 * while it restarts, so failures are retried with backoff before giving up.
 */
export async function send(type, payload = {}, { attempts = 6 } = {}) {
  let delay = 100;
  for (let attempt = 1; ; attempt++) {
    try {
      const reply = await api.runtime.sendMessage({ type, ...payload });
      if (reply === undefined) throw new Error(`no answer to ${type}`);
      if (reply.error) throw new Error(reply.error);
      return reply;
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay *= 2;
    }
  }
}

const TRANSIENT = /Receiving end does not exist|Could not establish connection|message port closed|no answer to/i;

function isTransient(error) {
  return TRANSIENT.test(String(error?.message ?? error));
}
