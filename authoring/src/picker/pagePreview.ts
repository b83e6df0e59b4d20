// The tips of the page in preview, drafts included: listed in the picker with whether their anchor is found.

import { resolve } from '../../../overlay-js/src/anchor/index.ts';
import type { App, PickerApi, PreviewTip } from './api.ts';
import { buildBody, type BodyNode } from './preview.ts';

/** The app this page belongs to: the one whose allowed origins include it, else the snippet's, else the first. */
export function appForPage(apps: App[], doc: Document): App | undefined {
  const origin = doc.defaultView?.location.origin ?? '';
  const key = doc.querySelector<HTMLScriptElement>('script[src*="inflow.js"][data-key]')?.dataset.key;
  return apps.find((app) => app.allowedOrigins?.includes(origin))
    ?? apps.find((app) => key !== undefined && app.siteKey === key)
    ?? apps[0];
}

export async function showPagePreview(root: ShadowRoot, api: PickerApi, doc: Document): Promise<HTMLElement | null> {
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string> = {}) =>
    Object.assign(doc.createElement(tag), props) as HTMLElementTagNameMap[K];
  const panel = make('section', { id: 'inflow-page-tips', className: 'page-tips' });
  panel.setAttribute('aria-label', 'Tips on this page (preview)');
  const heading = make('h2', { textContent: 'Tips on this page' });
  const summary = make('p', { className: 'target', textContent: 'Loading the preview…' });
  const list = make('ul');
  panel.append(heading, summary, list);
  (root.querySelector('.ui') ?? root).appendChild(panel);
  try {
    const app = appForPage(await api.apps(), doc);
    if (!app) {
      summary.textContent = 'No app yet';
      return panel;
    }
    const { tips, drafts } = await api.preview(app.id, doc.defaultView?.location.href ?? '');
    if (!panel.isConnected) return null;
    summary.textContent = tips.length === 0
      ? `No tips of ${app.name} on this page yet`
      : `${tips.length} in ${app.name} · ${drafts.length} draft${drafts.length === 1 ? '' : 's'}`;
    for (const tip of tips) list.appendChild(item(tip, drafts.includes(tip.id)));
  } catch (error) {
    summary.textContent = `No preview: ${error instanceof Error ? error.message : String(error)}`;
  }
  return panel;

  function item(tip: PreviewTip, draft: boolean): HTMLLIElement {
    const li = make('li', { className: 'page-tip' });
    li.dataset.tipId = tip.id;
    li.dataset.status = draft ? 'draft' : 'published';
    const found = tip.anchor ? resolve(tip.anchor, doc) : null;
    const where = !tip.anchor ? 'not pinned' : found?.ok ? 'anchor found' : 'anchor not found';
    const title = make('strong', { textContent: tip.title });
    const badge = make('span', { className: `badge ${draft ? 'draft' : 'published'}`, textContent: draft ? 'draft' : 'published' });
    const meta = make('span', { className: 'meta', textContent: where });
    const body = make('div', { className: 'preview' });
    body.appendChild(buildBody(tip.body as BodyNode[] | undefined, doc));
    li.append(title, ' ', badge, ' ', meta, body);
    return li;
  }
}
