// The launcher's panel (in the extra bundle): this page's walkthroughs and tips, a search over all of the app's, and what the
// learner knows about this screen.
import type { LauncherOptions } from './launcher';
import type { Tip } from './types';
import { masterySection } from './ui/mastery';
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
  let open = true;
  // beside the launcher button: at the inline end, or at the left for data-launcher="bottom-left"
  const panel = el(doc, 'div', `tip panel ${o.position}`);
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', 'Help');
  const input = el(doc, 'input');
  input.type = 'search';
  input.setAttribute('aria-label', 'Search help');
  const list = el(doc, 'ul');
  list.setAttribute('aria-live', 'polite');
  const pick = (tip: Tip): void => { close(); o.choose(tip); };
  const show = (tips: Tip[], query?: string): void => {
    list.replaceChildren(...tips.map((tip) => {
      const item = el(doc, 'li');
      const button = item.appendChild(el(doc, 'button', '', tip.title));
      button.type = 'button';
      button.addEventListener('click', () => pick(tip));
      return item;
    }));
    // the query shows as text, whatever it holds
    if (!tips.length && query) list.append(el(doc, 'li', '', `No tips found for “${query}”`));
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    // One search per settled query, not one per keystroke.
    timer = setTimeout(() => (q ? o.search(q).then((t) => show(t, q), () => show([], q)) : show(o.pageTips())), 300);
  });
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    close(true);
  });
  panel.append(input, walkthroughs(doc, o, close), list);
  show(o.pageTips());
  o.mastery().then((screen) => {
    const section = open && masterySection(doc, screen, o.mine, pick);
    if (section) panel.appendChild(section);
  }, () => {}); // without it the panel still searches
  o.shadow().appendChild(panel);
  input.focus();
  return () => {
    open = false;
    clearTimeout(timer);
    panel.remove();
  };
}
