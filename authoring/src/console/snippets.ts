// The two pieces of code the console hands out: the overlay snippet and the picker bookmarklet.

/**
 * A single-quoted JavaScript string literal that is safe inside a `javascript:` URL: everything but a few
 * plain characters is written as `\uXXXX`, so quotes, backslashes, `%` (which a javascript: URL would
 * percent-decode), whitespace (which the URL parser strips) and `<` cannot change the code around it.
 */
export function jsString(value: string): string {
  let out = "'";
  for (const char of value) {
    if (/^[A-Za-z0-9_.:/@=,+-]$/.test(char)) {
      out += char;
      continue;
    }
    const code = char.codePointAt(0) ?? 0;
    if (code > 0xffff) {
      // astral characters: both UTF-16 halves
      for (const unit of [Math.floor((code - 0x10000) / 0x400) + 0xd800, ((code - 0x10000) % 0x400) + 0xdc00]) {
        out += `\\u${unit.toString(16).padStart(4, '0')}`;
      }
    } else {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    }
  }
  return `${out}'`;
}

/** The bookmarklet that loads `/picker.js` from `origin` with a personal access token. */
export function buildBookmarklet(origin: string, token: string): string {
  const server = origin.replace(/\/+$/, '');
  return (
    'javascript:(()=>{const s=document.createElement(' + jsString('script') + ');' +
    `s.src=${jsString(`${server}/picker.js`)};` +
    `s.dataset.server=${jsString(server)};` +
    `s.dataset.token=${jsString(token)};` +
    'document.documentElement.appendChild(s)})()'
  );
}

/** Escapes text for an HTML attribute value in double quotes. */
export function htmlAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The `<script>` tag a host app adds to show tips. path: the overlay's versioned path from the server
 * (`/overlay/<hash>/inflow.js`, cached for good); before it is known, the unversioned one.
 */
export function buildSnippet(origin: string, siteKey: string, integrity?: string | null, path = '/inflow.js'): string {
  const server = origin.replace(/\/+$/, '');
  // with its Subresource Integrity hash, browsers refuse the script if the served file was altered
  const sri = integrity ? ` integrity="${htmlAttribute(integrity)}" crossorigin="anonymous"` : '';
  return `<script async src="${htmlAttribute(`${server}${path}`)}"${sri} data-key="${htmlAttribute(siteKey)}"></script>`;
}
