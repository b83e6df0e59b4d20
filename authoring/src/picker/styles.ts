// The picker's look, kept inside its shadow root so the host page and the picker never restyle each other.

export const PICKER_CSS = `
:host { all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647; }
:host(.editor-shadow) { display: block; position: static; width: auto; height: auto; z-index: auto; }
* { box-sizing: border-box; }
.ui { font: 14px/20px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; letter-spacing: normal; text-align: left; }
#inflow-picker-bar {
  position: fixed; top: 12px; left: 50%; transform: translateX(-50%); max-width: calc(100vw - 24px);
  display: flex; align-items: center; gap: 12px; padding: 8px 8px 8px 16px; border-radius: 8px;
  background: #1f2328; color: #ffffff; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25); pointer-events: auto;
}
#inflow-picker-bar .message { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
#inflow-highlight {
  position: fixed; display: none; pointer-events: none; border: 2px solid #2563eb; border-radius: 3px;
  background: rgba(37, 99, 235, 0.12); transition: all 60ms ease-out;
}
#inflow-highlight.pinned { border-color: #16a34a; background: rgba(22, 163, 74, 0.12); }
#inflow-highlight-label {
  position: absolute; left: -2px; bottom: 100%; margin-bottom: 4px; max-width: 320px; padding: 2px 8px;
  border-radius: 4px; background: #2563eb; color: #ffffff; font-size: 12px; line-height: 18px;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
#inflow-highlight.below #inflow-highlight-label { bottom: auto; top: 100%; margin: 4px 0 0; }
#inflow-highlight.pinned #inflow-highlight-label { background: #16a34a; }
#inflow-form {
  position: fixed; top: 64px; right: 16px; width: 400px; max-height: calc(100vh - 80px); overflow: auto;
  padding: 16px; border-radius: 10px; background: #ffffff; border: 1px solid #d0d7de;
  box-shadow: 0 12px 32px rgba(0, 0, 0, 0.2); pointer-events: auto;
}
#inflow-form.left { right: auto; left: 16px; }
#inflow-form.embedded { position: static; width: auto; max-width: 760px; max-height: none; overflow: visible; box-shadow: none; }
#inflow-form.embedded .actions { position: static; margin: 16px 0 0; padding: 12px 0 0; }
.strength { margin: 0 0 12px; font-size: 12px; color: #1f2328; }
.more { margin: 0 0 12px; }
.more summary { cursor: pointer; font-weight: 600; font-size: 12px; color: #2563eb; margin: 0 0 8px; }
.locale { display: grid; grid-template-columns: 64px 1fr auto; gap: 6px; margin: 0 0 8px; }
.locale textarea { grid-column: 1 / 3; min-height: 48px; }
[data-pending="true"] { border-style: dashed; }
#inflow-page-tips {
  position: fixed; bottom: 16px; left: 16px; width: 320px; max-height: 40vh; overflow: auto; padding: 12px;
  border-radius: 10px; background: #ffffff; border: 1px solid #d0d7de; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); pointer-events: auto;
}
#inflow-recorder {
  position: fixed; bottom: 16px; right: 16px; width: 300px; max-height: 40vh; overflow: auto; padding: 12px;
  border-radius: 10px; background: #ffffff; border: 1px solid #d0d7de; box-shadow: 0 8px 24px rgba(0, 0, 0, 0.18); pointer-events: auto;
}
#inflow-recorder ol { margin: 0 0 8px; padding-left: 20px; overflow-wrap: anywhere; }
#inflow-recorder input { margin: 0 0 8px; }
#inflow-recorder-result { margin: 6px 0 0; overflow-wrap: anywhere; }
#inflow-recorder-result:empty { display: none; }
.tip-actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.tip-actions button { padding: 2px 8px; font-size: 12px; }
#inflow-page-tips ul { list-style: none; margin: 0; padding: 0; }
.page-tip { margin: 0 0 8px; overflow-wrap: anywhere; }
.page-tip .preview { margin-top: 4px; max-height: 96px; }
.page-tip .meta { color: #57606a; font-size: 12px; }
.badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 11px; font-weight: 600; background: #dafbe1; color: #1a7f37; }
.badge.draft { background: #fff8c5; color: #9a6700; }
h2 { margin: 0 0 4px; font-size: 16px; line-height: 22px; font-weight: 600; }
.target { margin: 0 0 12px; color: #57606a; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.field { margin: 0 0 12px; }
.row { display: flex; gap: 12px; }
.row .field { flex: 1; min-width: 0; }
label { display: block; margin: 0 0 4px; font-weight: 600; font-size: 12px; color: #57606a; }
input, select, textarea {
  display: block; width: 100%; margin: 0; padding: 6px 8px; border: 1px solid #d0d7de; border-radius: 6px;
  background: #ffffff; color: #1f2328; font: inherit;
}
textarea { min-height: 72px; resize: vertical; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
input:focus, select:focus, textarea:focus, button:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
[aria-invalid="true"] { border-color: #cf222e; }
input[type="checkbox"] { display: inline-block; width: auto; }
.check { margin: 0 0 12px; padding: 8px 12px; border: 1px solid #d0d7de; border-radius: 6px; }
.check legend { padding: 0 4px; font-weight: 600; font-size: 12px; }
.check-option { margin: 0 0 8px; padding: 8px 0 0; border-top: 1px solid #eaeef2; }
.field-error { margin: 4px 0 0; color: #cf222e; font-size: 12px; }
.warning { margin: 0 0 12px; color: #9a6700; font-size: 12px; }
.preview {
  min-height: 40px; max-height: 200px; overflow: auto; padding: 8px 12px; border-radius: 6px;
  background: #f6f8fa; border: 1px dashed #d0d7de; overflow-wrap: anywhere;
}
.preview.empty { color: #8c959f; }
.preview p { margin: 0 0 8px; }
.preview img { max-width: 100%; }
.preview pre { overflow: auto; }
.match { margin: 4px 0 0; font-size: 12px; color: #57606a; }
.match[data-matches="true"] { color: #1a7f37; }
.match[data-matches="false"] { color: #9a6700; }
.actions {
  position: sticky; bottom: -16px; display: flex; gap: 8px; justify-content: flex-end; margin: 16px -16px -16px;
  padding: 12px 16px; background: #ffffff; border-top: 1px solid #eaeef2;
}
button {
  padding: 6px 12px; border-radius: 6px; border: 1px solid #d0d7de; background: #f6f8fa; color: #1f2328;
  font: inherit; font-weight: 600; cursor: pointer; white-space: nowrap;
}
button.primary { background: #2563eb; border-color: #2563eb; color: #ffffff; }
button:disabled { opacity: 0.55; cursor: default; }
#inflow-picker-bar button { background: transparent; color: #ffffff; border-color: rgba(255, 255, 255, 0.4); }
#inflow-status { margin: 0; }
#inflow-status:empty { display: none; }
#inflow-status.error { color: #cf222e; }
#inflow-status.ok { color: #1a7f37; font-weight: 600; }
#inflow-status ul { margin: 4px 0 0; padding-left: 18px; }
[hidden] { display: none !important; }
`;

/** Constructable stylesheet when the browser has one (it also passes a strict host CSP), else a `<style>`. */
export function applyStyles(root: ShadowRoot, css: string): void {
  const doc = root.ownerDocument;
  const view = doc.defaultView;
  try {
    if (view && 'adoptedStyleSheets' in root && typeof view.CSSStyleSheet?.prototype.replaceSync === 'function') {
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // fall through to a <style> element
  }
  const style = doc.createElement('style');
  style.textContent = css;
  root.appendChild(style);
}
