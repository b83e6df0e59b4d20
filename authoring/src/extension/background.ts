// The extension's service worker: starts the picker on the toolbar button, relays API calls with the token,
// and keeps the worker overlay registered on the sites the author chose.

import { isRelayable, type RelayAnswer, type RelayRequest } from './relay.ts';
import { loadSettings } from './settings.ts';

const WORKER_SCRIPT = 'inflow-worker';

async function startPicker(tabId: number): Promise<void> {
  const settings = await loadSettings();
  if (!settings.server || !settings.token) {
    await chrome.runtime.openOptionsPage();
    return;
  }
  // a content script runs in its own world: the page's Content-Security-Policy does not apply to it
  await chrome.scripting.executeScript({ target: { tabId }, files: ['picker.js'] });
}

async function relay(request: RelayRequest): Promise<RelayAnswer> {
  const settings = await loadSettings();
  if (!settings.server || !settings.token) return { status: 0, contentType: null, body: '', error: 'Set the server and token in the extension options' };
  try {
    const response = await fetch(settings.server + request.path, {
      method: request.method,
      headers: { ...request.headers, Authorization: `Bearer ${settings.token}` },
      body: request.body,
      credentials: 'omit',
    });
    return { status: response.status, contentType: response.headers.get('Content-Type'), body: await response.text() };
  } catch {
    return { status: 0, contentType: null, body: '', error: `Could not reach Inflow at ${settings.server}` };
  }
}

async function syncWorkerSites(): Promise<void> {
  const { sites, server } = await loadSettings();
  const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [WORKER_SCRIPT] });
  if (existing.length > 0) await chrome.scripting.unregisterContentScripts({ ids: [WORKER_SCRIPT] });
  if (sites.length === 0 || !server) return;
  await chrome.scripting.registerContentScripts([{
    id: WORKER_SCRIPT, matches: sites.map((site) => site.match), js: ['worker.js'], runAt: 'document_idle', persistAcrossSessions: true,
  }]);
}

chrome.action.onClicked.addListener((tab) => {
  if (tab.id !== undefined) void startPicker(tab.id);
});

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  // only this extension's own pages and content scripts; web pages cannot reach here (no externally_connectable)
  if (sender.id !== chrome.runtime.id) return false;
  if (message?.type === 'inflow-api' && isRelayable(message as RelayRequest)) {
    void relay(message as RelayRequest).then(reply);
    return true;
  }
  if (message?.type === 'start-picker') {
    const tabId = typeof message.tabId === 'number' ? message.tabId : sender.tab?.id;
    if (tabId === undefined) return false;
    startPicker(tabId).then(() => reply({ ok: true }), (error: unknown) => reply({ ok: false, error: String(error) }));
    return true;
  }
  if (message?.type === 'recording') {
    // the tab that records: its next pages get the picker back, recording
    const recording = message.recording && typeof message.recording === 'object' ? { ...message.recording, tabId: sender.tab?.id } : null;
    chrome.storage.local.set({ recording }).then(() => reply({ ok: true }), (error: unknown) => reply({ ok: false, error: String(error) }));
    return true;
  }
  if (message?.type === 'test-run') {
    const testRun = message.testRun && typeof message.testRun === 'object' ? { ...message.testRun, tabId: sender.tab?.id } : null;
    chrome.storage.local.set({ testRun }).then(() => reply({ ok: true }), (error: unknown) => reply({ ok: false, error: String(error) }));
    return true;
  }
  if (message?.type === 'sites-changed') {
    syncWorkerSites().then(() => reply({ ok: true }), (error: unknown) => reply({ ok: false, error: String(error) }));
    return true;
  }
  return false;
});

// The picker comes back by itself on the pages of a tab that records a walkthrough, and on a page the console opened
// to re-pin a tip (`#inflow-repin=<tipId>`). A tab the console opened to test-run a walkthrough
// (`#inflow-walkthrough=<id>`, noted as it starts loading: the page's overlay drops the fragment) gets the test-run
// player on each of its pages, which plays the walkthrough when it is a draft.
chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
  const testRun = /#inflow-walkthrough=([\w-]{1,64})$/.exec(change.url ?? '');
  if (testRun) void chrome.storage.local.set({ testRun: { tabId, walkthroughId: testRun[1], started: false } });
  if (change.status !== 'complete') return;
  void chrome.storage.local.get('testRun').then(({ testRun: running }) => {
    if (running && typeof running === 'object' && (running as { tabId?: number }).tabId === tabId) {
      void chrome.scripting.executeScript({ target: { tabId }, files: ['testRun.js'] });
    }
  });
  if (/[#&]inflow-repin=/.test(tab.url ?? '')) {
    void startPicker(tabId);
    return;
  }
  void chrome.storage.local.get('recording').then(({ recording }) => {
    if (recording && typeof recording === 'object' && (recording as { tabId?: number }).tabId === tabId) void startPicker(tabId);
  });
});

chrome.runtime.onInstalled.addListener(() => void syncWorkerSites());
chrome.runtime.onStartup.addListener(() => void syncWorkerSites());
