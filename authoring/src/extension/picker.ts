// The picker as the extension injects it: a content script, so it runs on pages whose CSP blocks bookmarklets.

import { record, resolve } from '../../../overlay-js/src/anchor/index.ts';
import { createPickerApi } from '../picker/api.ts';
import { showPagePreview } from '../picker/pagePreview.ts';
import { HOST_ID, startPicker, type Picker } from '../picker/picker.ts';
import { anchorStrength } from '../picker/strength.ts';
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
  const picker = startPicker({
    api,
    record,
    resolve: (fp, root) => resolve(fp, root),
    strength: (el, fp) => anchorStrength(el, fp),
    onStop: () => {
      requests.abort();
      delete window.__inflowExtensionPicker;
    },
  });
  window.__inflowExtensionPicker = picker;
  showPagePreview(picker.root, api, document);
}

void main();
