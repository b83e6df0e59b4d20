// The launcher: a help button (and Alt+Shift+H) opening a panel that lists this page's tips and
// searches all of the app's; choosing one shows it. The panel comes with the extra bundle on first open.
import { withMore } from './lazy';
import type { Player } from './player';
import type { Screen, Tip } from './types';
import { el } from './ui/parts';

export interface LauncherOptions {
  /** `bottom-right` (default), `bottom-left`, or `hidden` (the shortcut still works); from the script's data-launcher. */
  position: string;
  shadow(): ShadowRoot;
  pageTips(): Tip[];
  search(query: string): Promise<Tip[]>;
  /** What the learner knows about this screen (GET /api/v1/mastery). */
  mastery(): Promise<Screen>;
  /** The tips among these that are for this learner (their audience). */
  mine(tips: Tip[]): Tip[];
  choose(tip: Tip): void;
  /** The walkthrough player, once a page had a walkthrough: the panel lists them to start or resume. */
  player?(): Player | undefined;
}

/** Returns the teardown. */
export function createLauncher(doc: Document, o: LauncherOptions): () => void {
  let stopPanel: (() => void) | null = null;
  let button: HTMLButtonElement | null = null;
  let live = true;

  const close = (refocus?: boolean): void => {
    stopPanel?.();
    stopPanel = null;
    if (refocus) button?.focus();
  };
  const toggle = (): void => (stopPanel ? close() : withMore((m) => {
    if (live && !stopPanel) stopPanel = m.openPanel(doc, o, close);
  }));
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
    live = false;
    close();
    button?.remove();
    doc.removeEventListener('keydown', onKey);
  };
}
