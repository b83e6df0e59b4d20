// Delivers the worker overlay on sites the author chose, for host apps that cannot add the snippet.

import { start } from '../../../overlay-js/src/index.ts';
// the extra bundle goes in as well: a content script cannot load it into its own world
import '../../../overlay-js/src/more-entry.ts';
import { loadSettings, matchesPattern } from './settings.ts';

async function main(): Promise<void> {
  // a page that has the snippet runs its own overlay
  if (document.querySelector('script[data-key][src*="inflow"]')) return;
  const { server, sites } = await loadSettings();
  const site = sites.find((candidate) => matchesPattern(candidate.match, location.href));
  if (!site || !server) return;
  const overlay = start({ key: site.key, server, nonce: null }, window);
  await overlay.refresh();
}

void main();
