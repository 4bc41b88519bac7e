// Filling the page's reply box. Seller centers are React/Vue apps that keep
// the box's value in their own state and only notice input events, so the
// value is set through the native setter (bypassing the framework's
// override) and followed by the events a real keystroke would fire. The
// send button is never touched: the seller reviews and sends.

export function fillReplyBox(selector, text) {
  const box = document.querySelector(selector);
  if (!box) return { ok: false, error: "reply box not found" };
  box.focus();
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
    const proto = box instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(box, text);
  } else if (box.isContentEditable) {
    // insertText goes through the editor's own input pipeline (beforeinput,
    // input), which rich editors such as Draft.js and Lexical require.
    document.getSelection()?.selectAllChildren(box);
    if (!document.execCommand("insertText", false, text)) box.textContent = text;
  } else {
    return { ok: false, error: "reply box is not editable" };
  }
  box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertText", data: text }));
  box.dispatchEvent(new Event("change", { bubbles: true }));
  return { ok: true };
}
