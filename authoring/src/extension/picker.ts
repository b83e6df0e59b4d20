// The picker as the extension injects it: a content script, so it runs on pages whose CSP blocks bookmarklets.
// It can also record walkthroughs: the recording lives in extension storage and the service worker brings the
// picker back on each page the recording tab loads.

import { createPickerApi } from '../picker/api.ts';
import { launchPicker } from '../picker/launch.ts';
import { appForPage } from '../picker/pagePreview.ts';
import { HOST_ID, type Picker } from '../picker/picker.ts';
import { showRecorder } from '../picker/recorder.ts';
import type { Recording, RecordingStore } from '../picker/recording.ts';
import { relayFetch } from './relay.ts';
import { loadSettings } from './settings.ts';

declare global {
  interface Window {
    __inflowExtensionPicker?: Picker;
  }
}

/** The recording in extension storage; the service worker notes which tab records, to follow it across pages. */
const recordingStore: RecordingStore = {
  load: async () => ((await chrome.storage.local.get('recording')).recording ?? null) as Recording | null,
  save: async (recording) => {
    await chrome.runtime.sendMessage({ type: 'recording', recording });
  },
};

async function main(): Promise<void> {
  if (window.__inflowExtensionPicker || document.getElementById(HOST_ID)) return;
  const { server } = await loadSettings();
  const requests = new AbortController();
  // the token stays in the service worker, which adds it to each relayed request
  const api = createPickerApi(server, '', requests.signal, relayFetch(server));
  const { picker } = launchPicker(api, requests, () => {
    delete window.__inflowExtensionPicker;
  });
  window.__inflowExtensionPicker = picker;
  await showRecorder({
    picker, api, store: recordingStore, doc: document, consoleUrl: `${server}/console/`,
    app: async () => appForPage(await api.apps(), document),
  });
}

void main();
