// The picker as the extension injects it: a content script, so it runs on pages whose CSP blocks bookmarklets.

import { createPickerApi } from '../picker/api.ts';
import { launchPicker } from '../picker/launch.ts';
import { HOST_ID, type Picker } from '../picker/picker.ts';
import { relayFetch } from './relay.ts';
import { loadSettings } from './settings.ts';

declare global {
  interface Window {
    __inflowExtensionPicker?: Picker;
  }
}

async function main(): Promise<void> {
  if (window.__inflowExtensionPicker || document.getElementById(HOST_ID)) return;
  const { server } = await loadSettings();
  const requests = new AbortController();
  // the token stays in the service worker, which adds it to each relayed request
  const api = createPickerApi(server, '', requests.signal, relayFetch(server));
  window.__inflowExtensionPicker = launchPicker(api, requests, () => {
    delete window.__inflowExtensionPicker;
  });
}

void main();
