// A check inside a tip: the question, its options (radio, or checkboxes when several are right), an
// answer button, then each option's explanation and what a wrong answer leads to. Text only, never HTML.
import { buildContent, safeUrl } from '../content';
import type { CheckResult, CheckView } from '../types';
import { el } from './parts';

export interface CheckHooks {
  /** Sends the chosen option ids and the time since the check appeared; resolves with the graded answer. */
  answer(optionIds: string[], elapsedMs: number): Promise<CheckResult>;
  /** The learn-more link was opened because of a wrong answer. */
  onLink(url: string): void;
}

let counter = 0;

/** Builds the check; the returned element is self-contained (its listeners go with it). */
export function renderCheck(doc: Document, check: CheckView, hooks: CheckHooks, now: () => number = Date.now): HTMLElement {
  const form = el(doc, 'form', 'check');
  form.setAttribute('data-inflow-check', '');
  const name = `inflow-check-${++counter}`;
  const set = el(doc, 'fieldset');
  set.appendChild(el(doc, 'legend', 'question', check.question));
  const inputs: HTMLInputElement[] = [];
  for (const option of check.options ?? []) {
    const label = el(doc, 'label', 'option');
    const input = el(doc, 'input');
    input.type = check.multiple ? 'checkbox' : 'radio';
    input.name = name;
    input.value = option.id;
    inputs.push(input);
    label.setAttribute('data-option', option.id);
    label.append(input, el(doc, 'span', '', option.text));
    set.appendChild(label);
  }
  const submit = el(doc, 'button', 'answer', 'Answer');
  submit.type = 'submit';
  const result = el(doc, 'div', 'result');
  result.setAttribute('aria-live', 'polite');
  form.append(set, submit, result);
  const shownAt = now();

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const chosen = inputs.filter((i) => i.checked).map((i) => i.value);
    if (!chosen.length || submit.disabled) return;
    submit.disabled = true;
    hooks.answer(chosen, Math.max(0, now() - shownAt)).then((graded) => {
      inputs.forEach((i) => (i.disabled = true));
      form.setAttribute('data-result', graded.correct ? 'right' : 'wrong');
      result.replaceChildren(el(doc, 'p', 'verdict', graded.correct ? 'Right.' : 'Not quite.'));
      for (const o of graded.options ?? []) {
        const label = Array.from(set.querySelectorAll('label')).find((l) => l.getAttribute('data-option') === o.id);
        label?.setAttribute('data-correct', String(!!o.correct));
        if (label && o.explanation) label.appendChild(el(doc, 'span', 'explanation', o.explanation));
      }
      const next = graded.next;
      if (graded.correct || !next) return;
      const url = next.action === 'learn_more' && next.url ? safeUrl(next.url) : null;
      if (url) {
        const link = el(doc, 'a', 'more', 'Read more');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        result.appendChild(link);
        hooks.onLink(url);
        // Browsers allow a window.open for a few seconds after the click; later, the link above remains.
        doc.defaultView?.open(url, '_blank', 'noopener');
      } else if (next.action === 'remedial_tip' && next.tip) {
        const remedial = el(doc, 'div', 'remedial');
        remedial.setAttribute('data-inflow-remedial', next.tip.id);
        remedial.append(el(doc, 'strong', '', next.tip.title), buildContent(next.tip.body, doc));
        result.appendChild(remedial);
      }
    }, () => {
      submit.disabled = false;
      result.replaceChildren(el(doc, 'p', 'verdict', 'Could not send your answer. Try again.'));
    });
  });
  return form;
}
