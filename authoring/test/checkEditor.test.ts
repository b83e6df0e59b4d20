import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PickerApi, TipInput } from '../src/picker/api.ts';
import { Disposer } from '../src/picker/disposer.ts';
import { openForm } from '../src/picker/form.ts';
import { ApiError } from '../src/shared/problem.ts';
import { checkErrors, type Check } from '../src/shared/tipFields.ts';
import { fieldsOf } from '../src/console/views/tipEditor.ts';

const STORED = {
  id: 'tip_1', appId: 'app_crm', status: 'published', version: 4,
  title: 'Net amount', body: 'Enter the **net** amount', presentation: 'tooltip' as const, placement: 'auto' as const,
  pageRule: '/demo/opportunities/:id', anchor: { v: 1 as const, tag: 'input', selectors: [{ css: '#amount' }] },
  learnMore: { url: 'https://wiki.example.com/net', label: 'Read more' }, media: null,
  trigger: 'page_load' as const, frequency: 'until_dismissed' as const, audience: [], schedule: null, priority: 0, locales: {},
  reinforce: true,
  check: {
    question: 'Which amount goes here?',
    options: [
      { id: 'net', text: 'Net', correct: true, explanation: 'Tax is added later.' },
      { id: 'gross', text: 'Gross', correct: false, explanation: 'Gross counts the tax twice.' },
      { id: 'none', text: 'Either', correct: false, explanation: null },
    ],
    onWrong: 'remedial_tip' as const,
    remedialTipId: 'tip_tax',
  },
};

function fakeApi(overrides: Partial<PickerApi> = {}): PickerApi {
  return {
    apps: vi.fn(async () => [{ id: 'app_crm', name: 'Demo CRM', siteKey: 'sk_crm' }]),
    render: vi.fn(async () => []),
    matchPageRule: vi.fn(async () => ({ matches: true })),
    createTip: vi.fn(async (input: TipInput) => ({ id: 'tip_new', status: 'draft', title: input.title ?? '', version: 1 })),
    updateTip: vi.fn(async (id: string, input: TipInput) => ({ id, status: 'draft', title: input.title ?? '', version: 5 })),
    publishTip: vi.fn(async (id: string) => ({ id, status: 'published', title: '', version: 6 })),
    preview: vi.fn(async () => ({ tips: [], drafts: [], walkthroughs: [] })),
    tips: vi.fn(async () => [
      { id: 'tip_1', status: 'published', title: 'Net amount', version: 4 },
      { id: 'tip_tax', status: 'published', title: 'How tax works', version: 1 },
    ]),
    ...overrides,
  } as PickerApi;
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

let disposer: Disposer | null = null;
afterEach(() => {
  disposer?.dispose();
  disposer = null;
  document.body.replaceChildren();
});

function open(api: PickerApi, tip: typeof STORED | null = STORED): HTMLFormElement {
  disposer = new Disposer();
  return openForm({
    doc: document, win: window, parent: document.body, api, disposer, anchor: tip?.anchor ?? null, anchorWarning: null,
    target: '', preferLeft: false, embedded: true, pageUrl: null,
    tip: tip ? { id: tip.id, appId: tip.appId, version: tip.version, fields: fieldsOf(tip) } : null,
    onClose: () => undefined, onSaved: () => undefined,
  });
}

const byId = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const type = (id: string, value: string): void => {
  const control = byId<HTMLInputElement>(id);
  control.value = value;
  control.dispatchEvent(new Event('input', { bubbles: true }));
};

describe('the check in the tip editor', () => {
  it('round-trips a tip with a check and reinforce through the form unchanged', async () => {
    const api = fakeApi();
    open(api);
    await flush();
    expect(byId<HTMLInputElement>('inflow-reinforce').checked).toBe(true);
    expect(byId<HTMLTextAreaElement>('inflow-check-question').value).toBe('Which amount goes here?');
    expect(byId<HTMLInputElement>('inflow-check-option-1-text').value).toBe('Gross');
    expect(byId<HTMLInputElement>('inflow-check-option-0-correct').checked).toBe(true);
    expect(byId<HTMLSelectElement>('inflow-check-remedial').value).toBe('tip_tax');
    byId('inflow-save').click();
    await flush();
    expect(api.updateTip).toHaveBeenCalledTimes(1);
    const sent = vi.mocked(api.updateTip).mock.calls[0]![1];
    expect(sent.check).toEqual(STORED.check);
    expect(sent.reinforce).toBe(true);
  });

  it('keeps a check whose option has no explanation key and no remedial tip exactly', async () => {
    const check: Check = { question: 'Q?', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false }],
      onWrong: 'repeat_step' };
    const api = fakeApi();
    open(api, { ...STORED, reinforce: false, check: check as typeof STORED.check });
    await flush();
    expect(byId('inflow-check-remedial').parentElement!.hidden).toBe(true);
    byId('inflow-save').click();
    await flush();
    const sent = vi.mocked(api.updateTip).mock.calls[0]![1];
    expect(sent.check).toEqual(check);
    expect(sent.reinforce).toBe(false);
  });

  it('lets an author write a check from scratch, with the remedial tip chosen from the app', async () => {
    const api = fakeApi();
    open(api, { ...STORED, reinforce: false, check: null as unknown as typeof STORED.check });
    await flush();
    expect(byId('inflow-check-body').hidden).toBe(true);
    byId('inflow-check-add').click();
    expect(byId('inflow-check-body').hidden).toBe(false);
    expect(document.activeElement).toBe(byId('inflow-check-question'));
    type('inflow-check-question', 'Which amount?');
    type('inflow-check-option-0-text', 'Net');
    type('inflow-check-option-0-explanation', 'Right: net.');
    type('inflow-check-option-1-text', 'Gross');
    type('inflow-check-option-1-explanation', 'No: tax twice.');
    byId('inflow-check-add-option').click();
    expect(document.activeElement).toBe(byId('inflow-check-option-2-text'));
    type('inflow-check-option-2-text', 'Both');
    byId<HTMLInputElement>('inflow-reinforce').checked = true;
    const onWrong = byId<HTMLSelectElement>('inflow-check-on-wrong');
    onWrong.value = 'remedial_tip';
    onWrong.dispatchEvent(new Event('change'));
    await flush();
    const remedial = byId<HTMLSelectElement>('inflow-check-remedial');
    expect([...remedial.options].map((o) => o.value)).toEqual(['', 'tip_tax']); // not the tip itself
    remedial.value = 'tip_tax';
    byId('inflow-publish').click();
    await flush();
    const sent = vi.mocked(api.updateTip).mock.calls[0]![1];
    expect(sent.reinforce).toBe(true);
    expect(sent.check).toEqual({
      question: 'Which amount?',
      options: [
        { id: 'o1', text: 'Net', correct: true, explanation: 'Right: net.' },
        { id: 'o2', text: 'Gross', correct: false, explanation: 'No: tax twice.' },
        { id: 'o3', text: 'Both', correct: false },
      ],
      onWrong: 'remedial_tip',
      remedialTipId: 'tip_tax',
    });
  });

  it('removing the check sends none', async () => {
    const api = fakeApi();
    open(api);
    await flush();
    byId('inflow-check-remove').click();
    expect(document.activeElement).toBe(byId('inflow-check-add'));
    byId('inflow-save').click();
    await flush();
    expect(vi.mocked(api.updateTip).mock.calls[0]![1].check).toBeNull();
  });

  it('refuses an incomplete check before asking the server, beside the controls at fault', async () => {
    const api = fakeApi();
    open(api, { ...STORED, learnMore: null as unknown as typeof STORED.learnMore, check: null as unknown as typeof STORED.check });
    await flush();
    byId('inflow-check-add').click();
    byId<HTMLInputElement>('inflow-check-option-0-correct').checked = false;
    type('inflow-check-option-1-text', 'Gross');
    byId('inflow-save').click();
    await flush();
    expect(api.updateTip).not.toHaveBeenCalled();
    expect(byId('inflow-check-question-error').textContent).toBe('is required');
    expect(byId('inflow-check-question').getAttribute('aria-invalid')).toBe('true');
    expect(byId('inflow-check-option-0-text-error').textContent).toBe('is required');
    expect(byId('inflow-check-options-error').textContent).toBe('at least one option must be correct');
    expect(byId('inflow-check-on-wrong-error').textContent).toContain('learnMore');
    expect(document.activeElement).toBe(byId('inflow-check-question'));
  });

  it('shows the server’s 422 field errors about the check beside their controls', async () => {
    const api = fakeApi({
      updateTip: vi.fn(async () => {
        throw new ApiError(422, 'The tip is not valid', [
          { field: 'check.options[1].explanation', message: 'must be at most 1000 characters' },
          { field: 'check.remedialTipId', message: 'must name a tip of the same app' },
        ]);
      }),
    });
    open(api);
    await flush();
    byId('inflow-save').click();
    await flush();
    expect(byId('inflow-check-option-1-explanation-error').textContent).toBe('must be at most 1000 characters');
    expect(byId('inflow-check-remedial-error').textContent).toBe('must name a tip of the same app');
    expect(byId('inflow-status').textContent).toBe('The tip is not valid');
  });

  it('allows 2 to 5 answers and every control has a label', async () => {
    open(fakeApi());
    await flush();
    byId('inflow-check-add-option').click();
    byId('inflow-check-add-option').click();
    expect(byId('inflow-check-option-4-text')).not.toBeNull();
    expect(byId<HTMLButtonElement>('inflow-check-add-option').disabled).toBe(true);
    for (const control of document.querySelectorAll('#inflow-check input, #inflow-check textarea, #inflow-check select')) {
      expect(document.querySelector(`label[for="${control.id}"]`)?.textContent, control.id).toBeTruthy();
    }
    document.querySelector<HTMLButtonElement>('[aria-label="Remove answer 1"]')!.click();
    expect(byId<HTMLInputElement>('inflow-check-option-0-text').value).toBe('Gross');
    expect(byId<HTMLButtonElement>('inflow-check-add-option').disabled).toBe(false);
  });
});

describe('the remedial tip chooser', () => {
  it('offers the tips of the app the new tip is for, again when the app changes', async () => {
    const tips = vi.fn(async (appId: string) => [{ id: `tip_in_${appId}`, status: 'published', title: `A tip of ${appId}`, version: 1 }]);
    open(fakeApi({
      apps: vi.fn(async () => [{ id: 'app_a', name: 'A', siteKey: 'sk_a' }, { id: 'app_b', name: 'B', siteKey: 'sk_b' }]),
      tips,
    }), null);
    await flush();
    byId('inflow-check-add').click();
    const onWrong = byId<HTMLSelectElement>('inflow-check-on-wrong');
    onWrong.value = 'remedial_tip';
    onWrong.dispatchEvent(new Event('change'));
    await flush();
    const remedial = byId<HTMLSelectElement>('inflow-check-remedial');
    expect([...remedial.options].map((o) => o.value)).toEqual(['', 'tip_in_app_a']);
    remedial.value = 'tip_in_app_a';
    const app = byId<HTMLSelectElement>('inflow-app');
    app.value = 'app_b';
    app.dispatchEvent(new Event('change'));
    await flush();
    expect(tips).toHaveBeenLastCalledWith('app_b');
    expect([...remedial.options].map((o) => o.value)).toEqual(['', 'tip_in_app_b']);
    expect(remedial.value).toBe('');
  });
});

describe('check rules', () => {
  it('names the fields as the server does', () => {
    const ok: Check = { question: 'Q', options: [{ id: 'a', text: 'A', correct: true }, { id: 'b', text: 'B', correct: false }],
      onWrong: 'learn_more' };
    expect(checkErrors(ok, true)).toEqual([]);
    expect(checkErrors({ ...ok, options: [ok.options[0]!] }, true)).toEqual([{ field: 'check.options', message: 'must list 2 to 5 options' }]);
    expect(checkErrors({ ...ok, options: ok.options.map((o) => ({ ...o, explanation: 'x'.repeat(1001) })) }, true).map((e) => e.field))
      .toEqual(['check.options[0].explanation', 'check.options[1].explanation']);
    expect(checkErrors({ ...ok, onWrong: 'remedial_tip' }, false)).toEqual([
      { field: 'check.remedialTipId', message: 'is required when onWrong is remedial_tip' }]);
  });
});
