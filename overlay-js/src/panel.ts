// The launcher's panel (in the extra bundle): this page's walkthroughs and tips, and a search over all of the app's tips.
import type { LauncherOptions } from './launcher';
import type { Tip } from './types';
import { el } from './ui/parts';

/** The walkthroughs the learner can start, or resume where they left off (empty when there are none). */
function walkthroughs(doc: Document, o: LauncherOptions, close: () => void): HTMLElement {
  const list = el(doc, 'ul', 'walkthroughs');
  const player = o.player?.();
  for (const { walkthrough: w, progress: p } of player?.list() ?? []) {
    const resume = p?.status === 'active' || p?.status === 'closed';
    const item = list.appendChild(el(doc, 'li'));
    const pick = item.appendChild(el(doc, 'button', '', resume ? `Resume: ${w.title} (step ${p!.step} of ${w.steps.length})` : `Walkthrough: ${w.title}`));
    pick.type = 'button';
    pick.setAttribute('data-inflow-walkthrough', w.id);
    pick.addEventListener('click', () => {
      close();
      if (resume) player!.resume(w.id);
      else player!.start(w.id);
    });
  }
  if (!list.childElementCount) list.hidden = true;
  return list;
}

/** Opens the panel in the overlay's shadow root; close(true) also puts the focus back on the button. Returns the teardown. */
export function openPanel(doc: Document, o: LauncherOptions, close: (refocus?: boolean) => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const panel = el(doc, 'div', 'tip panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Help');
  const input = el(doc, 'input');
  input.type = 'search';
  input.setAttribute('aria-label', 'Search help');
  const list = el(doc, 'ul');
  list.setAttribute('aria-live', 'polite');
  const show = (tips: Tip[], searched: boolean): void => {
    list.replaceChildren(...tips.map((tip) => {
      const item = el(doc, 'li');
      const pick = item.appendChild(el(doc, 'button', '', tip.title));
      pick.type = 'button';
      pick.addEventListener('click', () => { close(); o.choose(tip); });
      return item;
    }));
    if (!tips.length && searched) list.append(el(doc, 'li', '', 'No tips found'));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    // One search per settled query, not one per keystroke.
    timer = setTimeout(() => (q ? o.search(q).then((t) => show(t, true), () => show([], true)) : show(o.pageTips(), false)), 300);
  });
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close(true);
  });
  panel.append(input, walkthroughs(doc, o, close), list);
  show(o.pageTips(), false);
  o.shadow().appendChild(panel);
  input.focus();
  return () => {
    clearTimeout(timer);
    panel.remove();
  };
}
