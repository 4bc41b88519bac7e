// The badge on one buyer message. It lives in a closed shadow root so the
// page's styles cannot restyle it and the page's scripts cannot read it, and
// everything in it is set with textContent: message-derived text is never
// parsed as HTML.

const STYLE = `
  :host { all: initial; display: block; margin: 4px 0 0; }
  .badge { display: inline-flex; flex-wrap: wrap; gap: 4px; align-items: center;
    font: 600 11px/1.4 system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; }
  .pill { border-radius: 9px; padding: 1px 7px; background: #e8eefc; color: #1d3f91; white-space: nowrap; }
  .lang { background: #eef0f2; color: #3b4450; text-transform: uppercase; }
  .emotion-concerned { background: #fff4d6; color: #7a5200; }
  .emotion-frustrated { background: #ffe3cc; color: #8a3b00; }
  .emotion-angry { background: #ffd6d6; color: #9b1111; }
  .risk { background: #9b1111; color: #fff; }
  .human { background: #3b0764; color: #fff; }
`;

/** Creates the badge host for one message; returns `{host, update}`. */
export function createBadge() {
  const host = document.createElement("span");
  host.setAttribute("data-intentlens-badge", "");
  const root = host.attachShadow({ mode: "closed" });
  const style = document.createElement("style");
  style.textContent = STYLE;
  const badge = document.createElement("span");
  badge.className = "badge";
  badge.setAttribute("role", "note");
  root.append(style, badge);

  function update(analysis, ui) {
    const pills = [pill(ui.intent[analysis.intent] ?? analysis.intent, "intent")];
    pills.push(pill(analysis.language, "lang", ui.language[analysis.language]));
    if (analysis.emotion !== "calm") {
      pills.push(pill(ui.emotion[analysis.emotion], `emotion-${analysis.emotion}`));
    }
    for (const risk of analysis.risks) pills.push(pill(ui.risk[risk], "risk", ui.risk_advice[risk]));
    if (analysis.needs_human) pills.push(pill(ui.ui.needs_person, "human"));
    badge.replaceChildren(...pills);
    badge.title = `${ui.ui.badge_title} · ${ui.ui.confidence} ${Math.round(analysis.confidence * 100)}%`;
    host.dataset.intent = analysis.intent; // lets tests and the picker read the label, not the text
  }
  return { host, update };
}

function pill(text, kind, title) {
  const span = document.createElement("span");
  span.className = `pill ${kind}`;
  span.textContent = text;
  if (title) span.title = title;
  return span;
}
