// What the author configures once in the extension's options: the server, a token, and sites to deliver to.

export interface Site {
  /** A match pattern, e.g. `https://crm.example.com/*`. */
  match: string;
  /** The app's site key, as in the snippet's data-key. */
  key: string;
}

export interface Settings {
  server: string;
  token: string;
  sites: Site[];
}

const PATTERN = /^(\*|https?):\/\/(\*|(?:\*\.)?[^/*]+)(\/.*)$/;

/** `https://crm.example.com/*  KEY` lines → sites; answers the lines it could not read. */
export function parseSites(text: string): { sites: Site[]; errors: string[] } {
  const sites: Site[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const [match, key, ...rest] = line.split(/\s+/);
    if (!match || !key || rest.length > 0 || !PATTERN.test(match)) {
      errors.push(`line ${index + 1}: write a match pattern like https://crm.example.com/* and the site key`);
      return;
    }
    sites.push({ match, key });
  });
  return { sites, errors };
}

export function formatSites(sites: readonly Site[]): string {
  return sites.map((site) => `${site.match} ${site.key}`).join('\n');
}

/** Does a URL fall under a match pattern (scheme, host with optional `*.`, path with `*`)? */
export function matchesPattern(pattern: string, url: string): boolean {
  const parts = PATTERN.exec(pattern);
  if (!parts) return false;
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, host, path] = parts as unknown as [string, string, string, string];
  if (scheme === '*' ? !/^https?:$/.test(target.protocol) : target.protocol !== `${scheme}:`) return false;
  if (host !== '*') {
    const wanted = host.startsWith('*.') ? host.slice(2) : host;
    const ok = host.startsWith('*.') ? target.host === wanted || target.host.endsWith(`.${wanted}`) : target.host === wanted;
    if (!ok) return false;
  }
  const pathPattern = new RegExp(`^${path.split('*').map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return pathPattern.test(target.pathname + target.search);
}

export function normaliseServer(text: string): string {
  return text.trim().replace(/\/+$/, '');
}

export async function loadSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get(['server', 'token', 'sites']);
  return {
    server: typeof stored.server === 'string' ? stored.server : '',
    token: typeof stored.token === 'string' ? stored.token : '',
    sites: Array.isArray(stored.sites) ? (stored.sites as Site[]) : [],
  };
}
