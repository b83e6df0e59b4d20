// Starts the picker on the live page with the shared anchor module and the page's tips in preview;
// the bookmarklet and the extension differ only in how they reach the server (and the extension can record).

import { record, resolve } from '../../../overlay-js/src/anchor/index.ts';
import type { PickerApi } from './api.ts';
import { showPagePreview, type PagePreview } from './pagePreview.ts';
import { startPicker, type Picker } from './picker.ts';
import { anchorStrength } from './strength.ts';

export function launchPicker(api: PickerApi, requests: AbortController, onStop: () => void): { picker: Picker; preview: PagePreview } {
  let preview: PagePreview | null = null;
  const picker = startPicker({
    api,
    record,
    resolve: (fp, root) => resolve(fp, root),
    strength: (el, fp) => anchorStrength(el, fp),
    onSaved: () => void preview?.reload(),
    onStop: () => {
      preview?.destroy();
      requests.abort();
      onStop();
    },
  });
  preview = showPagePreview(picker, api, document);
  return { picker, preview };
}
