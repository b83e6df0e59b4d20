// "What you know about this screen", in the launcher's panel: the share of the screen's tips the learner has
// seen, their checks answered right, and the reviews due, each due one a button that opens it. Text only, never HTML.
import type { Screen, Tip } from '../types';
import { el } from './parts';

let counter = 0;

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A sentence with a small bar under it; the bar only repeats the sentence, so screen readers skip it. */
function line(doc: Document, text: string, part: number, whole: number): HTMLElement[] {
  const bar = el(doc, 'div', 'bar');
  bar.setAttribute('aria-hidden', 'true');
  // element.style from script is allowed under a strict CSP (a style attribute in markup is not)
  bar.appendChild(el(doc, 'i')).style.width = `${Math.round((100 * part) / whole)}%`;
  return [el(doc, 'p', '', text), bar];
}

/**
 * The section, or null when the screen has none of the learner's tips. Counts only the tips whose audience
 * holds for this learner (`mine`); `open` shows a due tip.
 */
export function masterySection(doc: Document, screen: Screen, mine: (tips: Tip[]) => Tip[], open: (tip: Tip) => void): HTMLElement | null {
  const tips = new Map(mine(screen.tips ?? []).map((t) => [t.id, t]));
  const items = (screen.pageRules ?? []).flatMap((r) => r.items ?? []).filter((i) => tips.has(i.tipId));
  if (!items.length) return null;
  const seen = items.filter((i) => i.seen).length;
  const checks = items.filter((i) => i.hasCheck);
  const right = checks.filter((i) => i.lastAnswer === 'right').length;
  const due = items.filter((i) => i.reviewDue);

  const headingId = `inflow-mastery-${++counter}`;
  const section = el(doc, 'section', 'mastery');
  section.setAttribute('aria-labelledby', headingId);
  section.setAttribute('data-inflow-mastery', '');
  const heading = section.appendChild(el(doc, 'h2', '', 'What you know about this screen'));
  heading.id = headingId;
  section.append(...line(doc, `You have seen ${seen} of ${count(items.length, 'tip', 'tips')} here.`, seen, items.length));
  if (checks.length) section.append(...line(doc, `${right} of ${count(checks.length, 'check', 'checks')} answered right.`, right, checks.length));
  section.appendChild(el(doc, 'p', '', due.length ? `${count(due.length, 'review', 'reviews')} due:` : 'No reviews due.'));
  if (due.length) {
    const list = section.appendChild(el(doc, 'ul'));
    for (const item of due) {
      const tip = tips.get(item.tipId)!;
      const pick = list.appendChild(el(doc, 'li')).appendChild(el(doc, 'button', '', tip.title));
      pick.type = 'button';
      pick.setAttribute('data-inflow-review', tip.id);
      pick.addEventListener('click', () => open(tip));
    }
  }
  return section;
}
