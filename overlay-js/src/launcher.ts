// The launcher: a help button (and Alt+Shift+H) opening a panel that lists this page's tips and
// searches all of the app's; choosing one shows it.
import type { Tip } from './types';
import { el } from './ui/parts';

export interface LauncherOptions {
  /** `bottom-right` (default), `bottom-left`, or `hidden` (the shortcut still works); from the script's data-launcher. */
  position: string;
  shadow(): ShadowRoot;
  pageTips(): Tip[];
  search(query: string): Promise<Tip[]>;
  choose(tip: Tip): void;
}

/** Returns the teardown. */
export function createLauncher(doc: Document, o: LauncherOptions): () => void {
  let panel: HTMLElement | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let button: HTMLButtonElement | null = null;

  const close = (): void => {
    clearTimeout(timer);
    panel?.remove();
    panel = null;
  };

  const open = (): void => {
    panel = el(doc, 'div', 'tip panel');
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
      close();
      button?.focus();
    });
    panel.append(input, list);
    show(o.pageTips(), false);
    o.shadow().appendChild(panel);
    input.focus();
  };

  const toggle = (): void => (panel ? close() : open());
  const onKey = (e: KeyboardEvent): void => {
    if (e.altKey && e.shiftKey && e.code === 'KeyH') {
      e.preventDefault();
      toggle();
    }
  };
  doc.addEventListener('keydown', onKey);
  if (o.position !== 'hidden') {
    button = el(doc, 'button', `launcher ${o.position}`, '?');
    button.type = 'button';
    button.setAttribute('aria-label', 'Help (Alt+Shift+H)');
    button.addEventListener('click', toggle);
    o.shadow().appendChild(button);
  }
  return () => {
    close();
    button?.remove();
    doc.removeEventListener('keydown', onKey);
  };
}
