// Popup: the seller's settings. Each change is saved at once to
// storage.local; open tabs follow it through storage.onChanged.

import { api, MSG, send } from "../messages.js";
import { loadSettings, saveSettings } from "../settings.js";
import { translatePage, showError } from "../page_text.js";

const form = document.getElementById("settings");
const status = document.getElementById("status");

async function render() {
  const [{ ui, adapters }, settings] = await Promise.all([send(MSG.UI), loadSettings()]);
  translatePage(ui);
  const list = document.getElementById("marketplaces");
  list.replaceChildren(
    ...adapters.map((adapter) => {
      const label = document.createElement("label");
      label.className = "inline";
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = `marketplace:${adapter.id}`;
      box.checked = settings.marketplaces[adapter.id] !== false;
      label.append(box, ` ${adapter.name}`);
      return label;
    }),
  );
  form.uiLanguage.value = settings.uiLanguage;
  form.sellerName.value = settings.sellerName;
  form.signature.value = settings.signature;
  form.tone.value = settings.tone;
  return ui;
}

form.addEventListener("change", async () => {
  const marketplaces = {};
  for (const box of form.querySelectorAll('input[name^="marketplace:"]')) {
    marketplaces[box.name.slice("marketplace:".length)] = box.checked;
  }
  const before = (await loadSettings()).uiLanguage;
  const saved = await saveSettings({
    marketplaces,
    uiLanguage: form.uiLanguage.value,
    sellerName: form.sellerName.value,
    signature: form.signature.value,
    tone: form.tone.value,
  });
  const ui = saved.uiLanguage !== before ? await render() : (await send(MSG.UI)).ui;
  status.textContent = ui.ui.saved;
});

// Opening a side panel is only allowed synchronously inside the click
// handler (it needs the user's gesture), so the window id is fetched first.
let windowId = null;
api.windows?.getCurrent().then((w) => (windowId = w.id));
document.getElementById("open-panel").addEventListener("click", () => {
  if (api.sidebarAction) api.sidebarAction.open(); // Firefox
  else if (api.sidePanel && windowId !== null) api.sidePanel.open({ windowId }); // Chrome
  window.close();
});

render().catch(showError);
