// Entry of picker.js, loaded by the bookmarklet: reads its settings and starts one picker per page.

import { createPickerApi } from './api.ts';
import { launchPicker } from './launch.ts';
import { readConfig } from './config.ts';
import { HOST_ID, type Picker } from './picker.ts';

declare global {
  interface Window {
    __inflowPicker?: Picker;
  }
}

function main(): void {
  // Running the bookmarklet again while a picker is open does not start a second one.
  if (window.__inflowPicker || document.getElementById(HOST_ID)) return;
  const config = readConfig(document);
  if (!config) {
    console.warn('Inflow picker: the script tag needs data-server and data-token; make a new bookmarklet in the console.');
    return;
  }
  config.script.remove();
  const requests = new AbortController();
  const api = createPickerApi(config.server, config.token, requests.signal);
  window.__inflowPicker = launchPicker(api, requests, () => {
    delete window.__inflowPicker;
  }).picker;
}

main();
