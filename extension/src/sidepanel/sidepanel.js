// Side panel (Chrome sidePanel, Firefox sidebar): the active tab's buyer
// messages with their analysis and a reply draft. Drafts come from the Rust
// core via the background; this file only renders them. Every piece of
// message-derived text is set with textContent.

import { api, MSG, send, tabKey } from "../messages.js";
import { loadSettings } from "../settings.js";
import { translatePage, showError } from "../page_text.js";

const list = document.getElementById("messages");
const empty = document.getElementById("empty");
const template = document.getElementById("message-template");

// `?tab=ID` pins the panel to one tab (used when the panel is opened as a
// page, e.g. by the browser tests); otherwise it follows the active tab.
const pinnedTab = Number(new URLSearchParams(location.search).get("tab")) || null;
let tabId = pinnedTab;
let ui = null;

async function activeTabId() {
  if (pinnedTab) return pinnedTab;
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id ?? null;
}

async function render() {
  ui = (await send(MSG.UI)).ui;
  translatePage(ui);
  tabId = await activeTabId();
  const state = tabId === null ? undefined : (await api.storage.session.get(tabKey(tabId)))[tabKey(tabId)];
  const settings = await loadSettings();
  const messages = state?.messages ?? [];
  empty.hidden = messages.length > 0;
  empty.textContent = state ? ui.ui.panel_empty : ui.ui.panel_no_tab;
  const items = await Promise.all(messages.map((m) => renderMessage(m, state.context ?? {}, settings)));
  list.replaceChildren(...items);
}

async function renderMessage(message, pageContext, settings) {
  const { analysis } = message;
  const item = template.content.firstElementChild.cloneNode(true);
  item.dataset.intent = analysis.intent;
  item.classList.toggle("needs-human", analysis.needs_human);
  item.querySelector(".text").textContent = message.text;
  item.querySelector(".labels").replaceChildren(...labels(analysis));

  const context = {
    tone: settings.tone,
    seller_name: settings.sellerName || null,
    signature: settings.signature || null,
    buyer_name: pageContext.buyer_name ?? null,
    order_id: pageContext.order_id ?? null,
  };
  const { draft } = await send(MSG.DRAFT, { analysis, context });
  const copy = item.querySelector(".copy");
  const insert = item.querySelector(".insert");
  const result = item.querySelector(".result");
  copy.textContent = ui.ui.copy;
  insert.textContent = ui.ui.insert;

  if (draft.kind === "needs_person") {
    const reasons = item.querySelector(".reasons");
    reasons.hidden = false;
    reasons.replaceChildren(...draft.reasons.map((r) => Object.assign(document.createElement("li"), { textContent: r })));
    item.querySelector(".draft-meta").textContent = ui.ui.why_no_draft;
    item.querySelector(".draft-text").remove();
    copy.remove();
    insert.remove();
    return item;
  }

  item.querySelector(".draft-meta").textContent = `${ui.ui.draft_in}: ${ui.language[draft.language]}`;
  const textBox = item.querySelector(".draft-text");
  const gaps = [];
  for (const segment of draft.segments) {
    if (segment.kind === "text") {
      textBox.append(segment.text);
    } else {
      const gap = document.createElement("input");
      gap.className = "gap";
      gap.placeholder = ui.ui[`gap_${segment.slot}`] ?? segment.slot;
      gap.setAttribute("aria-label", gap.placeholder);
      gaps.push(gap);
      textBox.append(gap);
    }
  }
  const draftText = () =>
    [...textBox.childNodes].map((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent : n.value.trim())).join("");
  const refresh = () => {
    const open = gaps.some((g) => !g.value.trim());
    insert.disabled = open;
    copy.disabled = open;
    insert.title = open ? ui.ui.fill_gaps : "";
  };
  gaps.forEach((g) => g.addEventListener("input", refresh));
  refresh();

  copy.addEventListener("click", async () => {
    await navigator.clipboard.writeText(draftText());
    result.textContent = ui.ui.copied;
  });
  insert.addEventListener("click", async () => {
    const reply = await api.tabs.sendMessage(tabId, { type: MSG.INSERT_REPLY, text: draftText() }).catch(() => null);
    result.textContent = reply?.ok ? ui.ui.inserted : ui.ui.insert_failed;
  });
  return item;
}

function labels(analysis) {
  const pill = (text, kind = "", title = "") =>
    Object.assign(document.createElement("span"), { className: `pill ${kind}`, textContent: text, title });
  const out = [
    pill(ui.intent[analysis.intent]),
    pill(ui.language[analysis.language]),
    pill(`${ui.ui.confidence} ${Math.round(analysis.confidence * 100)}%`),
  ];
  if (analysis.emotion !== "calm") out.push(pill(ui.emotion[analysis.emotion], "emotion"));
  for (const risk of analysis.risks) out.push(pill(ui.risk[risk], "risk", ui.risk_advice[risk]));
  if (analysis.needs_human) out.push(pill(ui.ui.needs_person, "human"));
  return out;
}

let renderQueued = null;
function rerender() {
  // Coalesce bursts of storage changes into one render.
  renderQueued ??= Promise.resolve().then(() => {
    renderQueued = null;
    return render().catch(showError);
  });
}

api.storage.onChanged.addListener((changes, area) => {
  if ((area === "session" && tabId !== null && tabKey(tabId) in changes) || (area === "local" && "settings" in changes)) {
    rerender();
  }
});
if (!pinnedTab) {
  api.tabs.onActivated.addListener(rerender);
  api.tabs.onUpdated.addListener((id, info) => id === tabId && info.status === "complete" && rerender());
}
rerender();
