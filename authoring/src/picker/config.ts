// Reads where the picker talks to and with which token, from the script tag the bookmarklet inserted.

export interface PickerConfig {
  server: string;
  token: string;
  /** The tag that carried the settings; the picker removes it so the token does not linger in the page. */
  script: HTMLScriptElement;
}

/** The server and token from `data-server`/`data-token`, or null when the script was not started properly. */
export function readConfig(doc: Document = document): PickerConfig | null {
  const current = doc.currentScript;
  const script =
    current instanceof HTMLScriptElement && current.dataset.token
      ? current
      : lastPickerScript(doc);
  if (!script) return null;
  const token = script.dataset.token?.trim() ?? '';
  const server = (script.dataset.server?.trim() || originOf(script.src)).replace(/\/+$/, '');
  if (!token || !server) return null;
  return { server, token, script };
}

function lastPickerScript(doc: Document): HTMLScriptElement | null {
  const scripts = doc.querySelectorAll<HTMLScriptElement>('script[src$="/picker.js"]');
  return scripts.length > 0 ? scripts[scripts.length - 1] ?? null : null;
}

function originOf(src: string): string {
  try {
    return new URL(src).origin;
  } catch {
    return '';
  }
}
