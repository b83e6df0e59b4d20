// Preview on the live page: the page's tips, drafts included, drawn on their elements with the overlay's own
// tooltip, so the author sees what a worker would; drafts carry a visible mark. Nothing is published or counted.

import type { Fingerprint, ResolveResult } from '../../../overlay-js/src/anchor/index.ts';
import type { Tip as DeliveredTip } from '../../../overlay-js/src/types.ts';
import { showTooltip, type Shown } from '../../../overlay-js/src/ui/tooltip.ts';
import overlayCss from '../../../overlay-js/src/ui/overlay.css';
import { applyStyles } from './styles.ts';

export const PREVIEW_HOST_ID = 'inflow-preview-host';
/** The worker overlay's own host: set aside while the preview draws, so published tips do not show twice. */
const OVERLAY_HOST_ID = 'inflow-overlay-root';

const DRAFT_CSS = `
.tip[data-inflow-draft] { border: 2px dashed #bf8700; }
.draft-mark { display: inline-block; margin: 0 0 6px; padding: 0 6px; border-radius: 10px; font-size: 11px; line-height: 18px;
  font-weight: 600; background: #fff8c5; color: #7d4e00; }
`;

export interface InPlaceTip {
  id: string;
  title: string;
  anchor: Fingerprint | null;
  presentation?: string;
  [field: string]: unknown;
}

export interface InPlace {
  readonly host: HTMLElement;
  /** Where each tip was drawn: `drawn`, or why not (`not found`, `not pinned`, `dismissed`). */
  state(tipId: string): string;
  /** Draws the tip again (after the author closed it), scrolled into view; false when its element is not there. */
  show(tipId: string): boolean;
  /** Draws again with new tips (after a re-pin). */
  update(tips: InPlaceTip[], drafts: readonly string[]): void;
  destroy(): void;
}

type Resolve = (fp: Fingerprint, root?: Document) => ResolveResult;

export function drawInPlace(doc: Document, tips: InPlaceTip[], drafts: readonly string[], resolve: Resolve): InPlace {
  const host = doc.createElement('div');
  host.id = PREVIEW_HOST_ID;
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, overlayCss + DRAFT_CSS);
  (doc.body ?? doc.documentElement).appendChild(host);
  const aside = doc.getElementById(OVERLAY_HOST_ID);
  aside?.remove();

  const shown = new Map<string, Shown>();
  const states = new Map<string, string>();
  let current: InPlaceTip[] = [];
  let draftIds = new Set<string>();

  function draw(tip: InPlaceTip, scroll: boolean): boolean {
    shown.get(tip.id)?.destroy();
    shown.delete(tip.id);
    if (tip.presentation === 'modal' || tip.presentation === 'banner') {
      states.set(tip.id, `shows as a ${tip.presentation}`);
      return false;
    }
    if (!tip.anchor) {
      states.set(tip.id, 'not pinned');
      return false;
    }
    let found: ResolveResult;
    try {
      found = resolve(tip.anchor, doc);
    } catch {
      found = { ok: false, reason: 'not_found', bestScore: 0 } as ResolveResult;
    }
    if (!found.ok) {
      states.set(tip.id, 'not found');
      return false;
    }
    // what the worker sees, but closing it here only hides it in this preview: no event, no memory
    const drawn = showTooltip(shadow, found.element, tip as unknown as DeliveredTip, {
      onDismiss: () => {
        shown.get(tip.id)?.destroy();
        shown.delete(tip.id);
        states.set(tip.id, 'closed');
      },
      onLink: () => undefined,
    });
    if (draftIds.has(tip.id)) {
      drawn.box.setAttribute('data-inflow-draft', '');
      const mark = doc.createElement('span');
      mark.className = 'draft-mark';
      mark.textContent = 'Draft · workers do not see it yet';
      drawn.box.prepend(mark);
    }
    shown.set(tip.id, drawn);
    states.set(tip.id, 'drawn');
    if (scroll) found.element.scrollIntoView?.({ block: 'center' });
    return true;
  }

  function update(tips: InPlaceTip[], drafts: readonly string[]): void {
    for (const drawn of shown.values()) drawn.destroy();
    shown.clear();
    states.clear();
    current = tips;
    draftIds = new Set(drafts);
    for (const tip of tips) draw(tip, false);
  }

  update(tips, drafts);
  return {
    host,
    state: (tipId) => states.get(tipId) ?? 'not on this page',
    show(tipId) {
      const tip = current.find((candidate) => candidate.id === tipId);
      return tip ? draw(tip, true) : false;
    },
    update,
    destroy() {
      for (const drawn of shown.values()) drawn.destroy();
      shown.clear();
      host.remove();
      if (aside && !doc.getElementById(OVERLAY_HOST_ID)) (doc.body ?? doc.documentElement).appendChild(aside);
    },
  };
}
