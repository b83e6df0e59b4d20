// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '../src/types';
import { renderCheck } from '../src/ui/check';

const check = { question: 'What goes in Amount?', options: [{ id: 'net', text: 'Net' }, { id: 'gross', text: '<b>Gross</b>' }] };
const graded = (correct: boolean, next: CheckResult['next']): CheckResult => ({
  correct,
  options: [
    { id: 'net', correct: true, chosen: correct, explanation: 'Net, without VAT.' },
    { id: 'gross', correct: false, chosen: !correct, explanation: 'VAT is added <later>.' },
  ],
  next,
});
const flush = () => new Promise((r) => setTimeout(r, 0));

function answer(form: HTMLElement, id: string): void {
  document.body.appendChild(form); // a form submits only when it is in a document, as in the tooltip
  (form.querySelector(`input[value="${id}"]`) as HTMLInputElement).checked = true;
  form.querySelector('button')!.click();
}

describe('check', () => {
  it('offers radio buttons for one answer and checkboxes when several are right, as text', () => {
    const single = renderCheck(document, check, { answer: vi.fn(), onLink: vi.fn() });
    expect(Array.from(single.querySelectorAll('input')).map((i) => i.type)).toEqual(['radio', 'radio']);
    expect(single.querySelector('legend')!.textContent).toBe('What goes in Amount?');
    expect(single.querySelector('b')).toBeNull();
    expect(single.textContent).toContain('<b>Gross</b>');
    const multi = renderCheck(document, { ...check, multiple: true }, { answer: vi.fn(), onLink: vi.fn() });
    expect(Array.from(multi.querySelectorAll('input')).map((i) => i.type)).toEqual(['checkbox', 'checkbox']);
  });

  it('sends the chosen options with the time taken, then shows every explanation', async () => {
    let t = 1000;
    const send = vi.fn(async () => graded(true, { action: 'continue' }));
    const form = renderCheck(document, check, { answer: send, onLink: vi.fn() }, () => t);
    t = 7200;
    answer(form, 'net');
    await flush();
    expect(send).toHaveBeenCalledWith(['net'], 6200);
    expect(form.getAttribute('data-result')).toBe('right');
    expect(form.querySelector('[data-option="gross"] .explanation')!.textContent).toBe('VAT is added <later>.');
    expect(Array.from(form.querySelectorAll('input')).every((i) => i.disabled)).toBe(true);
  });

  it('opens the learn-more link after a wrong answer, or shows the remedial tip', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    const onLink = vi.fn();
    const form = renderCheck(document, check, {
      answer: async () => graded(false, { action: 'learn_more', url: 'https://wiki.example.com/deeper' }), onLink,
    });
    answer(form, 'gross');
    await flush();
    expect(open).toHaveBeenCalledWith('https://wiki.example.com/deeper', '_blank', 'noopener');
    expect(onLink).toHaveBeenCalledWith('https://wiki.example.com/deeper');
    expect(form.getAttribute('data-result')).toBe('wrong');

    open.mockClear();
    const hostile = renderCheck(document, check, { answer: async () => graded(false, { action: 'learn_more', url: 'javascript:alert(1)' }), onLink });
    answer(hostile, 'gross');
    await flush();
    expect(open).not.toHaveBeenCalled();

    const remedial = renderCheck(document, check, {
      answer: async () => graded(false, { action: 'remedial_tip', tip: { id: 'tip_r', title: 'Net vs gross', presentation: 'tooltip', anchor: null, body: [['p', {}, 'Net is before VAT.']] } }),
      onLink,
    });
    answer(remedial, 'gross');
    await flush();
    expect(remedial.querySelector('[data-inflow-remedial="tip_r"]')!.textContent).toBe('Net vs gross' + 'Net is before VAT.');
    open.mockRestore();
  });

  it('lets the learner try again when the answer could not be sent', async () => {
    const form = renderCheck(document, check, { answer: async () => { throw new Error('offline'); }, onLink: vi.fn() });
    answer(form, 'net');
    await flush();
    expect(form.querySelector('button')!.disabled).toBe(false);
    expect(form.hasAttribute('data-result')).toBe(false);
  });
});
