// The tips of the page in preview, drafts included: drawn on their elements and listed in the picker with whether
// their anchor is found; a tip whose element moved is re-pinned with one click on the new element.

import { resolve } from '../../../overlay-js/src/anchor/index.ts';
import type { App, PickerApi, PreviewTip, TipInput } from './api.ts';
import { drawInPlace, type InPlace } from './inPlace.ts';
import type { Picker } from './picker.ts';
import { maker } from './make.ts';
import { buildBody, type BodyNode } from './preview.ts';
import { ApiError } from '../shared/problem.ts';
import { storedTipInput } from '../shared/tipFields.ts';

/** The app this page belongs to: the one whose allowed origins include it, else the snippet's, else the first. */
export function appForPage(apps: App[], doc: Document): App | undefined {
  const origin = doc.defaultView?.location.origin ?? '';
  const key = doc.querySelector<HTMLScriptElement>('script[src*="inflow.js"][data-key]')?.dataset.key;
  return apps.find((app) => app.allowedOrigins?.includes(origin))
    ?? apps.find((app) => key !== undefined && app.siteKey === key)
    ?? apps[0];
}

/**
 * Replaces a tip's anchor, keeping everything else, as a new version. `If-Match` carries the version the author saw
 * (else the one just read), so a tip someone saved since is not overwritten: the server refuses with 412.
 */
export async function repin(api: PickerApi, tipId: string, anchor: unknown, seenVersion?: number): Promise<number> {
  const stored = await api.tip(tipId);
  const input = { appId: stored.appId, ...storedTipInput(stored, { anchor }) } as TipInput;
  try {
    return (await api.updateTip(tipId, input, seenVersion ?? stored.version)).version;
  } catch (error) {
    if (error instanceof ApiError && error.status === 412) {
      throw new Error('someone saved this tip since the preview loaded, so nothing was changed; the list is reloaded: Re-pin again');
    }
    throw error;
  }
}

/** `#inflow-repin=tip_x` (also after a route: `#/deals&inflow-repin=tip_x`) → `tip_x`. */
export function repinRequest(hash: string): string | null {
  const match = /[#&]inflow-repin=([^&]+)/.exec(hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export interface PagePreview {
  panel: HTMLElement;
  /** Loads the page's tips again and draws them (after a save or a re-pin). */
  reload(): Promise<void>;
  destroy(): void;
}

export function showPagePreview(picker: Pick<Picker, 'root' | 'handOver' | 'own'>, api: PickerApi, doc: Document): PagePreview {
  const make = maker(doc);
  const panel = make('section', { id: 'inflow-page-tips', className: 'page-tips' });
  panel.setAttribute('aria-label', 'Tips on this page (preview)');
  const heading = make('h2', { textContent: 'Tips on this page' });
  const summary = make('p', { className: 'target', textContent: 'Loading the preview…' });
  const list = make('ul');
  panel.append(heading, summary, list);
  (picker.root.querySelector('.ui') ?? picker.root).appendChild(panel);
  let drawn: InPlace | null = null;
  let forget = (): void => undefined;
  let gone = false;
  let app: App | undefined;

  async function reload(): Promise<void> {
    try {
      app ??= appForPage(await api.apps(), doc);
      if (!app) {
        summary.textContent = 'No app yet';
        return;
      }
      const { tips, drafts } = await api.preview(app.id, doc.defaultView?.location.href ?? '');
      if (gone || !panel.isConnected) return;
      summary.textContent = tips.length === 0
        ? `No tips of ${app.name} on this page yet`
        : `${tips.length} in ${app.name} · ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`;
      if (drawn) drawn.update(tips, drafts);
      else {
        drawn = drawInPlace(doc, tips, drafts, (fp, root) => resolve(fp, root));
        forget = picker.own(drawn.host);
      }
      const items = tips.map((tip) => item(tip, drafts.includes(tip.id)));
      // tips whose element is gone first: they are the ones to re-pin
      items.sort((a, b) => Number(b.dataset.anchor === 'missing') - Number(a.dataset.anchor === 'missing'));
      list.replaceChildren(...items);
      repinFromUrl(tips);
    } catch (error) {
      summary.textContent = `No preview: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** The next click on the page becomes the tip's new anchor. */
  function armRepin(tip: { id: string; title: string; version?: unknown }): void {
    picker.handOver({
      message: `Inflow — click the new element for “${tip.title}” · Esc to cancel`,
      take: async (_el, anchor) => {
        if (!anchor) throw new Error('this element could not be recorded; pick another one');
        const version = await repin(api, tip.id, anchor, typeof tip.version === 'number' ? tip.version : undefined)
          .finally(() => reload());
        return `Inflow — “${tip.title}” re-pinned (version ${version})`;
      },
    });
  }

  /** The console's "Re-pin" opens the page with `#inflow-repin=<tipId>`: the picker starts armed for that tip. */
  function repinFromUrl(tips: readonly PreviewTip[]): void {
    const win = doc.defaultView;
    const asked = win ? repinRequest(win.location.hash) : null;
    if (!win || !asked) return;
    win.history.replaceState(win.history.state, '', win.location.href.replace(/[#&]inflow-repin=[^&]*/, ''));
    armRepin(tips.find((tip) => tip.id === asked) ?? { id: asked, title: asked });
  }

  function item(tip: PreviewTip, draft: boolean): HTMLLIElement {
    const li = make('li', { className: 'page-tip' });
    li.dataset.tipId = tip.id;
    li.dataset.status = draft ? 'draft' : 'published';
    const state = drawn?.state(tip.id) ?? '';
    const found = tip.anchor ? state === 'drawn' || resolve(tip.anchor, doc).ok : false;
    li.dataset.anchor = !tip.anchor ? 'none' : found ? 'found' : 'missing';
    const where = !tip.anchor ? 'not pinned' : found ? `anchor found · ${state}` : 'anchor not found';
    const title = make('strong', { textContent: tip.title });
    const badge = make('span', { className: `badge ${draft ? 'draft' : 'published'}`, textContent: draft ? 'draft' : 'published' });
    const meta = make('span', { className: 'meta', textContent: where });
    const body = make('div', { className: 'preview' });
    body.appendChild(buildBody(tip.body as BodyNode[] | undefined, doc));
    const actions = make('div', { className: 'tip-actions' });
    if (found) {
      const show = make('button', { type: 'button', className: 'show', textContent: 'Show' });
      show.setAttribute('aria-label', `Show on the page: ${tip.title}`);
      show.addEventListener('click', () => drawn?.show(tip.id));
      actions.appendChild(show);
    }
    if (tip.anchor || tip.presentation === 'tooltip' || tip.presentation === 'hotspot') {
      const again = make('button', { type: 'button', className: found ? 'repin' : 'repin primary', textContent: 'Re-pin' });
      again.setAttribute('aria-label', `Re-pin to another element: ${tip.title}`);
      again.addEventListener('click', () => armRepin(tip));
      actions.appendChild(again);
    }
    li.append(title, ' ', badge, ' ', meta, body, actions);
    return li;
  }

  void reload();
  return {
    panel,
    reload,
    destroy() {
      gone = true;
      forget();
      drawn?.destroy();
      drawn = null;
      panel.remove();
    },
  };
}
