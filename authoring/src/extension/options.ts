// The options page: server, token and delivery sites, saved once; saving checks the token against the server.

import { formatSites, loadSettings, normaliseServer, parseSites } from './settings.ts';

const form = document.getElementById('settings') as HTMLFormElement;
const server = document.getElementById('server') as HTMLInputElement;
const token = document.getElementById('token') as HTMLInputElement;
const sites = document.getElementById('sites') as HTMLTextAreaElement;
const status = document.getElementById('status') as HTMLElement;

function say(kind: 'ok' | 'error' | '', text: string): void {
  status.className = kind;
  status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  status.textContent = text;
}

void loadSettings().then((settings) => {
  server.value = settings.server;
  token.value = settings.token;
  sites.value = formatSites(settings.sites);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save();
});

async function save(): Promise<void> {
  const url = normaliseServer(server.value);
  if (!/^https?:\/\/[^/]+/.test(url)) {
    say('error', 'Enter the server URL, e.g. https://inflow.example.com');
    server.focus();
    return;
  }
  if (!token.value.trim()) {
    say('error', 'Enter a personal access token (console → Tokens)');
    token.focus();
    return;
  }
  const parsed = parseSites(sites.value);
  if (parsed.errors.length > 0) {
    say('error', parsed.errors.join('; '));
    sites.focus();
    return;
  }
  say('', 'Checking…');
  let who: { email?: string; role?: string };
  try {
    const response = await fetch(`${url}/api/v1/session`, {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token.value.trim()}` }, credentials: 'omit',
    });
    if (response.status === 401) {
      say('error', 'The server does not accept this token; make a new one in the console (Tokens).');
      return;
    }
    if (!response.ok) {
      say('error', `The server answered ${response.status}; is this the Inflow server URL?`);
      return;
    }
    who = (await response.json()) as { email?: string; role?: string };
  } catch {
    say('error', `Could not reach ${url}`);
    return;
  }
  await chrome.storage.local.set({ server: url, token: token.value.trim(), sites: parsed.sites });
  await chrome.runtime.sendMessage({ type: 'sites-changed' });
  say('ok', `Saved. Connected as ${who.email ?? 'unknown'} (${who.role ?? '?'}).`);
}
