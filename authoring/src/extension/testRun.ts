// A test run of a draft walkthrough (the console's Test run opens `#inflow-walkthrough=<id>`): workers' delivery
// never carries drafts, so the extension plays it from the authoring preview, with the overlay's own player, in a
// root of its own. Nothing is recorded: no events, no progress on the server. Published walkthroughs are left to
// the page's overlay.

import type { Walkthrough } from '../../../overlay-js/src/types.ts';
import { createPlayer, WALKING } from '../../../overlay-js/src/player.ts';
import { readJson } from '../../../overlay-js/src/storage.ts';
import { showTooltip } from '../../../overlay-js/src/ui/tooltip.ts';
import overlayCss from '../../../overlay-js/src/ui/overlay.css';
import moreCss from '../../../overlay-js/src/ui/more.css';
import { createPickerApi } from '../picker/api.ts';
import { appForPage } from '../picker/pagePreview.ts';
import { applyStyles } from '../picker/styles.ts';
import { relayFetch } from './relay.ts';
import { loadSettings } from './settings.ts';

export const TEST_RUN_HOST_ID = 'inflow-test-run-host';
/** The progress of test runs is kept apart from any learner's. */
const PREVIEW_LEARNER = 'inflow-test-run';

declare global {
  interface Window {
    __inflowTestRun?: boolean;
  }
}

interface TestRun {
  tabId?: number;
  walkthroughId: string;
  /** Set once the first page started it; later pages go on where it is. */
  started?: boolean;
}

async function main(): Promise<void> {
  if (window.__inflowTestRun) return;
  window.__inflowTestRun = true;
  const run = (await chrome.storage.local.get('testRun')).testRun as TestRun | undefined;
  if (!run?.walkthroughId) return;
  const { server } = await loadSettings();
  const api = createPickerApi(server, '', new AbortController().signal, relayFetch(server));
  const status = await api.walkthrough(run.walkthroughId).then((w) => w.status, () => 'missing');
  if (status !== 'draft') {
    await chrome.runtime.sendMessage({ type: 'test-run', testRun: null });
    return;
  }
  if (run.started && readJson(() => localStorage, WALKING + PREVIEW_LEARNER, '') !== run.walkthroughId) {
    // the run was finished or closed on an earlier page: this tab's next pages get no test-run player
    await chrome.runtime.sendMessage({ type: 'test-run', testRun: null });
    return;
  }
  const app = appForPage(await api.apps(), document);
  if (!app) return;

  const host = document.createElement('div');
  host.id = TEST_RUN_HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, overlayCss + moreCss);
  (document.body ?? document.documentElement).appendChild(host);

  const walkthroughs = async (): Promise<Walkthrough[]> =>
    (await api.preview(app.id, location.href)).walkthroughs as Walkthrough[];
  const player = createPlayer({
    config: { server, key: '' },
    win: window,
    shadow: () => shadow,
    tooltip: showTooltip,
    send: () => undefined,
    answer: () => Promise.reject(new Error('checks are not answered in a test run')),
    refresh: async () => player.take(await walkthroughs(), location.href),
    learner: () => PREVIEW_LEARNER,
    signature: () => undefined,
  });
  player.take(await walkthroughs(), location.href);
  if (!run.started) {
    player.start(run.walkthroughId);
    await chrome.runtime.sendMessage({ type: 'test-run', testRun: { ...run, started: true } });
  }
}

void main();
