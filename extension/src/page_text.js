// Shared by the popup and the side panel: putting the UI language's strings
// into `data-i18n` elements, and showing a load failure plainly.

/** Sets the text of every `[data-i18n=key]` element from `ui.ui[key]`. */
export function translatePage(ui) {
  for (const element of document.querySelectorAll("[data-i18n]")) {
    const text = ui.ui[element.dataset.i18n];
    if (text) element.textContent = text;
  }
}

/** The analyzer or the background failed: say so instead of showing nothing. */
export function showError(error) {
  const box = document.getElementById("error");
  box.textContent = `IntentLens: ${error?.message ?? error}`;
  box.hidden = false;
}
