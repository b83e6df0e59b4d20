import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Fingerprint } from '../../overlay-js/src/anchor/index.ts';
import { missSummary, needingCare, repinUrl, type HealthRow } from '../src/console/views/anchorHealth.ts';
import { moveStep, stepsInput, testRunUrl, walkthroughActions, type Step } from '../src/console/views/walkthroughs.ts';
import type { PickerApi, TipInput } from '../src/picker/api.ts';
import { drawInPlace } from '../src/picker/inPlace.ts';
import { repin, repinRequest } from '../src/picker/pagePreview.ts';
import { startPicker } from '../src/picker/picker.ts';
import { readRecording, saveRecording, stepFor } from '../src/picker/recording.ts';
import { storedTipInput } from '../src/shared/tipFields.ts';
import { ApiError } from '../src/shared/problem.ts';

const FP: Fingerprint = { v: 1, tag: 'button', selectors: [{ css: '#go' }] };
const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
};

afterEach(() => {
  document.body.replaceChildren();
});

const health = (tipId: string, status: HealthRow['status'], foundRate: number, misses: Record<string, number> = {}, lowConfidence = 0): HealthRow =>
  ({ tipId, page: '/deals/1', status, foundRate, shown: 10, lowConfidence, missing: 2, misses, meanConfidence: null });

describe('anchor health in the console', () => {
  it('lists broken tips before degraded ones, worst found-rate first, and leaves healthy ones out', () => {
    const rows = [health('ok', 'ok', 1), health('d1', 'degraded', 0.9), health('b2', 'broken', 0.4), health('b1', 'broken', 0.1), health('d2', 'degraded', 0.7)];
    expect(needingCare(rows).map((r) => r.tipId)).toEqual(['b1', 'b2', 'd2', 'd1']);
  });

  it('says how anchors were missed, most frequent first', () => {
    expect(missSummary(health('t', 'broken', 0.2, { ambiguous: 1, not_found: 4 }, 2))).toBe('not found ×4 · ambiguous ×1 · 2 low-confidence');
    expect(missSummary(health('t', 'ok', 1))).toBe('—');
  });

  it('opens the page on the app origin with the picker armed for the tip, after a hash route if there is one', () => {
    const app = { id: 'a', name: 'CRM', siteKey: 'k', allowedOrigins: ['https://crm.example.com/'] };
    expect(repinUrl(app, '/deals/1', 'tip 1')).toBe('https://crm.example.com/deals/1#inflow-repin=tip%201');
    expect(repinUrl(app, '/#/deals', 'tip_1')).toBe('https://crm.example.com/#/deals&inflow-repin=tip_1');
    expect(repinUrl({ ...app, allowedOrigins: [] }, '/deals/1', 'tip_1')).toBeNull();
    expect(repinRequest('#/deals&inflow-repin=tip_1')).toBe('tip_1');
    expect(repinRequest('#inflow-repin=tip%201')).toBe('tip 1');
    expect(repinRequest('#/deals')).toBeNull();
  });
});

describe('re-pin', () => {
  it('keeps every stored field, drops read-only ones, and saves the new anchor on top of the version read', async () => {
    const stored = {
      id: 'tip_1', appId: 'app_1', status: 'published', version: 4, title: 'Approve', body: 'Body', bodyHtml: '<p>Body</p>',
      presentation: 'tooltip', anchor: { v: 1, tag: 'a' }, check: { question: 'Q?', options: [] }, reinforce: true,
      locales: { de: { title: 'Genehmigen', body: 'Text', bodyHtml: '<p>Text</p>' } }, walkthroughId: null,
    };
    const updateTip = vi.fn(async (_id: string, _input: TipInput, _version?: number) => ({ id: 'tip_1', status: 'published', title: 'Approve', version: 5 }));
    const api = { tip: vi.fn(async () => stored), updateTip } as unknown as PickerApi;
    expect(await repin(api, 'tip_1', FP)).toBe(5);
    const [, input, version] = updateTip.mock.calls[0]!;
    expect(version).toBe(4);
    expect(input).toEqual({
      appId: 'app_1', title: 'Approve', body: 'Body', presentation: 'tooltip', anchor: FP, check: { question: 'Q?', options: [] },
      reinforce: true, locales: { de: { title: 'Genehmigen', body: 'Text' } },
    });
    expect(storedTipInput(stored)).not.toHaveProperty('bodyHtml');
  });

  it('refuses to re-pin over a save made since the preview loaded', async () => {
    const stored = { id: 'tip_1', appId: 'app_1', status: 'draft', version: 6, title: 'Approve' };
    const updateTip = vi.fn(async (_id: string, _input: TipInput, _version?: number): Promise<never> => {
      throw new ApiError(412, 'Precondition failed');
    });
    const api = { tip: vi.fn(async () => stored), updateTip } as unknown as PickerApi;
    await expect(repin(api, 'tip_1', FP, 5)).rejects.toThrow('someone saved this tip since the preview loaded');
    expect(updateTip.mock.calls[0]![2]).toBe(5);
  });

  it('hands the next click to the re-pin instead of the tip form, and then goes back to pinning', async () => {
    document.body.innerHTML = '<button id="go">Go</button><button id="other">Other</button>';
    const api = { apps: vi.fn(async () => []) } as unknown as PickerApi;
    const picker = startPicker({ api, record: () => FP });
    const take = vi.fn(async () => 'done');
    picker.handOver({ message: 'click the new element', take });
    expect(picker.root.getElementById('inflow-picker-bar')!.textContent).toContain('click the new element');
    document.getElementById('go')!.click();
    await flush();
    expect(take).toHaveBeenCalledWith(document.getElementById('go'), FP);
    expect(picker.root.getElementById('inflow-form')).toBeNull();
    expect(picker.root.getElementById('inflow-picker-bar')!.textContent).toContain('done');
    document.getElementById('other')!.click();
    expect(take).toHaveBeenCalledTimes(1);
    expect(picker.root.getElementById('inflow-form')).not.toBeNull();
    picker.stop();
  });

  it('lets a recorded click go on to the page once the step is stored', async () => {
    document.body.innerHTML = '<button id="go">Go</button>';
    let pageClicks = 0;
    document.getElementById('go')!.addEventListener('click', () => { pageClicks += 1; });
    const picker = startPicker({ api: { apps: vi.fn(async () => []) } as unknown as PickerApi, record: () => FP });
    picker.handOver({ message: 'recording', passThrough: true, repeat: true, take: async () => 'step pinned' });
    document.getElementById('go')!.click();
    expect(pageClicks).toBe(0);
    await flush();
    expect(pageClicks).toBe(1);
    document.getElementById('go')!.click();
    await flush();
    expect(pageClicks).toBe(2);
    picker.stop();
  });
});

describe('drafts drawn in place', () => {
  it('draws each tip on its element with the overlay tooltip, marks drafts, and sets the worker overlay aside meanwhile', () => {
    document.body.innerHTML = '<div id="inflow-overlay-root"></div><button id="go">Go</button>';
    const tips = [
      { id: 'tip_d', title: 'Draft <b>tip</b>', anchor: FP, presentation: 'tooltip', body: ['Draft body'] },
      { id: 'tip_p', title: 'Published tip', anchor: FP, presentation: 'tooltip', body: [] },
      { id: 'tip_m', title: 'A modal', anchor: null, presentation: 'modal', body: [] },
    ];
    const go = document.getElementById('go')!;
    const drawn = drawInPlace(document, tips, ['tip_d'], () => ({ ok: true, element: go, confidence: 1, via: 'selector' }) as never);
    const shadow = drawn.host.shadowRoot!;
    const draft = shadow.querySelector('[data-inflow-tip="tip_d"]')!;
    expect(draft.hasAttribute('data-inflow-draft')).toBe(true);
    expect(draft.querySelector('.draft-mark')!.textContent).toContain('Draft');
    expect(draft.querySelector('h2')!.textContent).toBe('Draft <b>tip</b>');
    expect(draft.querySelector('b')).toBeNull();
    expect(shadow.querySelector('[data-inflow-tip="tip_p"]')!.hasAttribute('data-inflow-draft')).toBe(false);
    expect(drawn.state('tip_m')).toBe('shows as a modal');
    expect(document.getElementById('inflow-overlay-root')).toBeNull();
    drawn.destroy();
    expect(document.getElementById('inflow-preview-host')).toBeNull();
    expect(document.getElementById('inflow-overlay-root')).not.toBeNull();
  });
});

describe('walkthrough recording', () => {
  it('makes a step named after the element, with the page rule suggested from the URL', () => {
    document.body.innerHTML = '<button id="go" aria-label="Approve deal">✓</button>';
    const step = stepFor(document.getElementById('go')!, FP, 'https://crm.example.com/deals/42?tab=1', 2);
    expect(step).toEqual({ title: 'Step 2: Approve deal', url: 'https://crm.example.com/deals/42?tab=1', pageRule: '/deals/:id', anchor: FP });
  });

  it('trusts only well-formed recordings from storage', () => {
    expect(readRecording({ appId: 'a', title: 't', steps: [{ title: 's', url: 'u', pageRule: '/', anchor: FP }, { title: 1 }] })?.steps).toHaveLength(1);
    expect(readRecording('x')).toBeNull();
    expect(readRecording({ appId: 'a', steps: [] })).toBeNull();
  });

  it('saves the steps as draft tips in order, then one draft walkthrough over them', async () => {
    let n = 0;
    const createTip = vi.fn(async (input: TipInput) => ({ id: `tip_${++n}`, status: 'draft', title: input.title ?? '', version: 1 }));
    const createWalkthrough = vi.fn(async (input: { title: string }) => ({ id: 'wt_1', appId: 'a', title: input.title, status: 'draft', version: 1 }));
    const api = { createTip, createWalkthrough } as unknown as PickerApi;
    const steps = [1, 2, 3].map((i) => ({ title: `Step ${i}`, url: `https://crm.example.com/p${i}`, pageRule: `/p${i}`, anchor: FP }));
    const saved = await saveRecording(api, { appId: 'a', title: ' Onboarding ', steps });
    expect(saved.id).toBe('wt_1');
    expect(createTip.mock.calls.map(([input]) => [input.title, input.pageRule, input.anchor])).toEqual(steps.map((s) => [s.title, s.pageRule, FP]));
    expect(createWalkthrough).toHaveBeenCalledWith({
      appId: 'a', title: 'Onboarding', startOn: 'launcher',
      steps: [{ tipId: 'tip_1', url: steps[0]!.url }, { tipId: 'tip_2', url: steps[1]!.url }, { tipId: 'tip_3', url: steps[2]!.url }],
    });
    await expect(saveRecording(api, { appId: 'a', title: 'x', steps: [] })).rejects.toThrow('at least one step');
  });
});

describe('walkthrough editor', () => {
  const step = (position: number, tipId: string, onRight: number | null = null): Step =>
    ({ position, tipId, title: tipId, pageRule: '/', url: `https://crm.example.com/${tipId}`, onRight, onWrong: null });

  it('moves steps within the list and renumbers them', () => {
    const steps = [step(1, 'a'), step(2, 'b'), step(3, 'c')];
    expect(moveStep(steps, 2, -1).map((s) => [s.tipId, s.position])).toEqual([['a', 1], ['c', 2], ['b', 3]]);
    expect(moveStep(steps, 0, -1).map((s) => s.tipId)).toEqual(['a', 'b', 'c']);
  });

  it('keeps branches pointing at the same step after a reorder, and drops branches to removed steps', () => {
    const before = [step(1, 'a', 3), step(2, 'b', 1), step(3, 'c')];
    const after = moveStep(before, 2, -2); // c, a, b
    expect(stepsInput(after, before).map((s) => [s.tipId, s.onRight])).toEqual([['c', null], ['a', 1], ['b', 2]]);
    expect(stepsInput([before[1]!], before)).toEqual([{ tipId: 'b', url: 'https://crm.example.com/b', onRight: null, onWrong: null }]);
  });

  it('test-runs from the first step’s page and offers only the status changes that make sense', () => {
    expect(testRunUrl({ id: 'wt 1', steps: [step(1, 'a')] })).toBe('https://crm.example.com/a#inflow-walkthrough=wt%201');
    expect(testRunUrl({ id: 'wt_1', steps: [{ ...step(1, 'a'), url: 'https://crm.example.com/#/x' }] })).toBe('https://crm.example.com/#/x&inflow-walkthrough=wt_1');
    expect(testRunUrl({ id: 'wt_1', steps: [{ ...step(1, 'a'), url: null }] })).toBeNull();
    expect(walkthroughActions('draft')).toEqual(['publish', 'archive']);
    expect(walkthroughActions('published')).toEqual(['archive']);
    expect(walkthroughActions('archived')).toEqual(['publish']);
  });
});
