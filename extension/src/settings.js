// The seller's settings: one versioned object in `storage.local`. Reading
// always goes through `normalize`, so a missing, older or damaged entry
// yields working defaults instead of breaking the extension.

import { api } from "./messages.js";

export const SETTINGS_KEY = "settings";
export const SCHEMA = 1;

export const DEFAULTS = Object.freeze({
  schema: SCHEMA,
  /** marketplace id → false when the seller turned it off (absent = on). */
  marketplaces: {},
  uiLanguage: "en",
  sellerName: "",
  signature: "",
  tone: "friendly",
});

const UI_LANGUAGES = ["en", "zh"];
const TONES = ["friendly", "formal"];

export function normalize(stored) {
  const s = stored && typeof stored === "object" ? stored : {};
  const marketplaces = {};
  if (s.marketplaces && typeof s.marketplaces === "object") {
    for (const [id, on] of Object.entries(s.marketplaces)) {
      if (typeof on === "boolean") marketplaces[id] = on;
    }
  }
  const text = (v) => (typeof v === "string" ? v.slice(0, 200) : "");
  return {
    schema: SCHEMA,
    marketplaces,
    uiLanguage: UI_LANGUAGES.includes(s.uiLanguage) ? s.uiLanguage : DEFAULTS.uiLanguage,
    sellerName: text(s.sellerName),
    signature: text(s.signature),
    tone: TONES.includes(s.tone) ? s.tone : DEFAULTS.tone,
  };
}

export async function loadSettings() {
  const stored = await api.storage.local.get(SETTINGS_KEY);
  return normalize(stored[SETTINGS_KEY]);
}

export async function saveSettings(patch) {
  const next = normalize({ ...(await loadSettings()), ...patch });
  await api.storage.local.set({ [SETTINGS_KEY]: next });
  return next;
}

export const isEnabled = (settings, adapterId) => settings.marketplaces[adapterId] !== false;

/** Calls `listener(settings)` whenever the stored settings change. */
export function onSettingsChanged(listener) {
  api.storage.onChanged.addListener((changes, area) => {
    if (area === "local" && SETTINGS_KEY in changes) listener(normalize(changes[SETTINGS_KEY].newValue));
  });
}
