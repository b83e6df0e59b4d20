import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Fingerprint } from '../../overlay-js/src/anchor/index.ts';
import type { PickerApi, TipInput } from '../src/picker/api.ts';
import { startPicker, type Picker } from '../src/picker/picker.ts';
import { ApiError } from '../src/shared/problem.ts';

const FINGERPRINT: Fingerprint = { v: 1, tag: 'input', selectors: [{ css: '#amount' }] };

function fakeApi(overrides: Partial<PickerApi> = {}): PickerApi {
  return {
    apps: vi.fn(async () => [
      { id: 'app_other', name: 'Other', siteKey: 'sk_other' },
      { id: 'app_crm', name: 'Demo CRM', siteKey: 'sk_crm' },
    ]),
    render: vi.fn(async () => [['p', {}, 'Enter the ', ['strong', {}, 'net'], ' amount']]),
    matchPageRule: vi.fn(async () => ({ matches: true })),
    createTip: vi.fn(async (input: TipInput) => ({ id: 'tip_1', status: 'draft', title: input.title ?? '', version: 1 })),
    updateTip: vi.fn(async (id: string, input: TipInput) => ({ id, status: 'draft', title: input.title ?? '', version: 2 })),
    publishTip: vi.fn(async (id: string) => ({ id, status: 'published', title: '', version: 3 })),
    preview: vi.fn(async () => ({ tips: [], drafts: [] })),
    ...overrides,
  } as PickerApi;
}

function hover(el: Element): void {
  el.dispatchEvent(new MouseEvent('mousemove', { bubbles: true, composed: true }));
}

function key(name: string, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: name, bubbles: true, cancelable: true, composed: true });
  target.dispatchEvent(event);
  return event;
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

let picker: Picker | null = null;
let pageClicks: number;
let record: ReturnType<typeof vi.fn<(el: Element) => Fingerprint>>;

beforeEach(() => {
  window.history.replaceState(null, '', '/demo/opportunities/42');
  document.body.innerHTML = `
    <script src="https://inflow.example.com/inflow.js" data-key="sk_crm"></script>
    <form id="deal"><label for="amount">Amount</label><input id="amount" name="amount">
    <button id="save" type="button">Save deal</button></form>`;
  pageClicks = 0;
  document.getElementById('save')!.addEventListener('click', () => {
    pageClicks += 1;
  });
  record = vi.fn(() => FINGERPRINT);
});

afterEach(() => {
  picker?.stop();
  picker = null;
  vi.useRealTimers();
});

const shadow = (id: string): HTMLElement | null => picker!.root.getElementById(id);

describe('pick mode', () => {
  it('highlights and names the element under the pointer', () => {
    picker = startPicker({ api: fakeApi(), record });
    hover(document.getElementById('save')!);
    expect(shadow('inflow-highlight')!.style.display).toBe('block');
    expect(shadow('inflow-highlight-label')!.textContent).toBe('button “Save deal”');
    expect(shadow('inflow-picker-bar')!.textContent).toContain('click the element to pin a tip to');
  });

  it('ignores its own UI: hovering or clicking the bar neither moves the highlight nor pins', () => {
    picker = startPicker({ api: fakeApi(), record });
    hover(document.getElementById('amount')!);
    const bar = shadow('inflow-picker-bar')!;
    hover(bar.querySelector('.message')!);
    (bar.querySelector('.message') as HTMLElement).click();
    expect(shadow('inflow-highlight-label')!.textContent).toBe('input “Amount”');
    expect(record).not.toHaveBeenCalled();
    expect(shadow('inflow-form')).toBeNull();
  });

  it('swallows the click on the page element and opens the form for it', () => {
    picker = startPicker({ api: fakeApi(), record });
    const button = document.getElementById('save')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    button.dispatchEvent(click);
    expect(pageClicks).toBe(0);
    expect(click.defaultPrevented).toBe(true);
    expect(record).toHaveBeenCalledWith(button);
    expect(shadow('inflow-form')).not.toBeNull();
  });

  it('walks with the arrow keys and pins with Enter', () => {
    picker = startPicker({ api: fakeApi(), record });
    hover(document.getElementById('amount')!);
    key('ArrowUp');
    expect(shadow('inflow-highlight-label')!.textContent).toMatch(/^form/);
    key('ArrowDown');
    expect(shadow('inflow-highlight-label')!.textContent).toBe('label “Amount”');
    const enter = key('Enter');
    expect(enter.defaultPrevented).toBe(true);
    expect(record).toHaveBeenCalledWith(document.querySelector('label'));
  });

  it('reaches into open shadow roots, and ArrowUp leaves one for its host', () => {
    const widget = document.createElement('x-widget');
    document.body.appendChild(widget);
    const inner = widget.attachShadow({ mode: 'open' });
    inner.innerHTML = '<button aria-label="Close dialog">×</button>';
    picker = startPicker({ api: fakeApi(), record });
    hover(inner.querySelector('button')!);
    expect(shadow('inflow-highlight-label')!.textContent).toBe('button “Close dialog”');
    key('ArrowUp');
    expect(shadow('inflow-highlight-label')!.textContent).toBe('x-widget');
    key('ArrowDown');
    inner.querySelector('button')!.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, composed: true }));
    expect(record).toHaveBeenCalledWith(inner.querySelector('button'));
  });

  it('picks inside a same-origin iframe and Escape there cancels', () => {
    const frame = document.createElement('iframe');
    document.body.appendChild(frame);
    const inner = frame.contentDocument!;
    inner.body.innerHTML = '<button id="pay">Pay now</button>';
    let stopped = 0;
    picker = startPicker({ api: fakeApi(), record, onStop: () => { stopped += 1; } });
    const pay = inner.getElementById('pay')!;
    hover(pay);
    expect(shadow('inflow-highlight-label')!.textContent).toBe('button “Pay now”');
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    pay.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(record).toHaveBeenCalledWith(pay);
    key('Escape', inner.body);
    expect(stopped).toBe(1);
    picker = null;
  });

  it('shows the anchor strength and its warnings before saving', () => {
    picker = startPicker({
      api: fakeApi(),
      record,
      strength: () => ({ unique: false, lookAlikes: 2, carriedBy: ['text'], warnings: ['The id “ember12” looks generated, so it is not relied on.'], foundAgain: true, level: 'fair' }),
    });
    document.getElementById('save')!.click();
    expect(shadow('inflow-anchor-strength')!.textContent).toBe('Fair anchor: not unique · 2 look-alikes · carried by text');
    expect(shadow('inflow-anchor-warning')!.textContent).toContain('ember12');
    expect(shadow('inflow-anchor-warning')!.hidden).toBe(false);
  });
});

describe('teardown', () => {
  it('Escape removes the picker and every listener: the page gets its clicks back', () => {
    vi.useFakeTimers();
    let stopped = 0;
    picker = startPicker({ api: fakeApi(), record, onStop: () => { stopped += 1; } });
    hover(document.getElementById('amount')!);
    const escape = key('Escape');
    expect(escape.defaultPrevented).toBe(true);
    expect(document.getElementById('inflow-picker-host')).toBeNull();
    expect(stopped).toBe(1);

    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    document.getElementById('save')!.dispatchEvent(click);
    expect(pageClicks).toBe(1);
    expect(click.defaultPrevented).toBe(false);
    expect(record).not.toHaveBeenCalled();
    // later keys are the page's again
    expect(key('Enter').defaultPrevented).toBe(false);
    expect(key('Escape').defaultPrevented).toBe(false);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('Escape in the form also tears down, including the pending preview and rule timers', () => {
    vi.useFakeTimers();
    const api = fakeApi();
    picker = startPicker({ api, record });
    document.getElementById('save')!.click();
    const body = shadow('inflow-body') as HTMLTextAreaElement;
    body.value = '**hi**';
    body.dispatchEvent(new Event('input'));
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    key('Escape', body);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(1000);
    expect(api.render).not.toHaveBeenCalled();
    expect(document.getElementById('inflow-picker-host')).toBeNull();
  });
});

describe('edit mode', () => {
  async function openOn(id: string, api: PickerApi): Promise<void> {
    picker = startPicker({ api, record });
    document.getElementById(id)!.click();
    await flush();
  }

  it('preselects the app of the page snippet and suggests a page rule', async () => {
    await openOn('amount', fakeApi());
    expect((shadow('inflow-app') as HTMLSelectElement).value).toBe('app_crm');
    expect((shadow('inflow-page-rule') as HTMLInputElement).value).toBe('/demo/opportunities/:id');
  });

  it('shows the rule match from the server', async () => {
    vi.useFakeTimers();
    const api = fakeApi({ matchPageRule: vi.fn(async () => ({ matches: false })) });
    picker = startPicker({ api, record });
    document.getElementById('amount')!.click();
    await vi.advanceTimersByTimeAsync(400);
    expect(api.matchPageRule).toHaveBeenCalledWith('/demo/opportunities/:id', 'http://localhost:3000/demo/opportunities/42');
    expect(shadow('inflow-rule-match')!.dataset.matches).toBe('false');
    expect(shadow('inflow-rule-match')!.textContent).toMatch(/does not match this page/i);
  });

  it('previews the body from the server tree, debounced', async () => {
    vi.useFakeTimers();
    const api = fakeApi();
    picker = startPicker({ api, record });
    document.getElementById('amount')!.click();
    const body = shadow('inflow-body') as HTMLTextAreaElement;
    for (const text of ['E', 'En', 'Enter the **net** amount']) {
      body.value = text;
      body.dispatchEvent(new Event('input'));
    }
    await vi.advanceTimersByTimeAsync(400);
    expect(api.render).toHaveBeenCalledTimes(1);
    expect(api.render).toHaveBeenCalledWith('Enter the **net** amount');
    expect(shadow('inflow-preview')!.querySelector('strong')?.textContent).toBe('net');
  });

  it('saves and publishes the tip with the recorded anchor', async () => {
    const api = fakeApi();
    await openOn('amount', api);
    (shadow('inflow-title') as HTMLInputElement).value = '  Amount in EUR ';
    (shadow('inflow-body') as HTMLTextAreaElement).value = 'Enter the **net** amount.';
    (shadow('inflow-placement') as HTMLSelectElement).value = 'right';
    shadow('inflow-publish')!.click();
    await flush();
    expect(api.createTip).toHaveBeenCalledWith({
      appId: 'app_crm',
      title: 'Amount in EUR',
      body: 'Enter the **net** amount.',
      presentation: 'tooltip',
      placement: 'right',
      pageRule: '/demo/opportunities/:id',
      anchor: FINGERPRINT,
      learnMore: null,
      media: null,
      trigger: 'page_load',
      frequency: 'once',
      audience: [],
      schedule: null,
      priority: 0,
      locales: {},
      reinforce: false,
      check: null,
    });
    expect(api.publishTip).toHaveBeenCalledWith('tip_1');
    expect(shadow('inflow-status')!.textContent).toBe('Published — workers see it now');
    expect(shadow('inflow-publish')!.hidden).toBe(true);
  });

  it('shows the problem detail and each field error beside its field', async () => {
    const api = fakeApi({
      createTip: vi.fn(async () => {
        throw new ApiError(422, '2 fields are invalid', [
          { field: 'pageRule', message: 'must start with / or a scheme' },
          { field: 'learnMore', message: 'is not a URL' },
        ]);
      }),
    });
    await openOn('amount', api);
    (shadow('inflow-title') as HTMLInputElement).value = 'Amount';
    shadow('inflow-save')!.click();
    await flush();
    const status = shadow('inflow-status')!;
    expect(status.getAttribute('role')).toBe('alert');
    expect(status.textContent).toContain('2 fields are invalid');
    expect(status.textContent).toContain('learnMore: is not a URL');
    expect(shadow('inflow-page-rule-error')!.textContent).toBe('must start with / or a scheme');
    expect(shadow('inflow-page-rule')!.getAttribute('aria-invalid')).toBe('true');
    expect(shadow('inflow-save')!.hasAttribute('disabled')).toBe(false);
  });

  it('after a failed publish, retrying updates the saved draft instead of creating another', async () => {
    let attempts = 0;
    const api = fakeApi({
      publishTip: vi.fn(async () => {
        attempts += 1;
        if (attempts === 1) throw new ApiError(503, 'Try again');
        return { id: 'tip_1', status: 'published', title: 'Amount', version: 3 };
      }),
    });
    await openOn('amount', api);
    (shadow('inflow-title') as HTMLInputElement).value = 'Amount';
    shadow('inflow-publish')!.click();
    await flush();
    expect(shadow('inflow-status')!.textContent).toContain('The draft is saved, but publishing failed');
    shadow('inflow-publish')!.click();
    await flush();
    expect(api.createTip).toHaveBeenCalledTimes(1);
    expect(api.updateTip).toHaveBeenCalledWith('tip_1', expect.objectContaining({ title: 'Amount' }), 1);
    expect(shadow('inflow-status')!.textContent).toBe('Published — workers see it now');
  });

  it('does not call the API without a title', async () => {
    const api = fakeApi();
    await openOn('amount', api);
    shadow('inflow-save')!.click();
    await flush();
    expect(api.createTip).not.toHaveBeenCalled();
    expect(shadow('inflow-title-error')!.hidden).toBe(false);
  });

  it('keeps keys typed into its fields away from the page', async () => {
    await openOn('amount', fakeApi());
    let pageKeys = 0;
    document.addEventListener('keydown', () => { pageKeys += 1; });
    key('k', shadow('inflow-title')!);
    expect(pageKeys).toBe(0);
  });
});
