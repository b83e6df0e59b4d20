// @vitest-environment jsdom
import { afterEach, expect, it, vi } from 'vitest';
import { drifted } from '../src/anchor/drift';
import { heal } from '../src/anchor/heal';
import { record } from '../src/anchor/index';

afterEach(() => { document.body.innerHTML = ''; });

it('calls an anchor drifted when a recorded property reads otherwise, not when a minimal anchor never recorded it', () => {
  document.body.innerHTML = '<h2>Opportunity</h2><button data-testid="save" class="btn">Save</button>'; // test fixture
  const el = document.querySelector('button')!;
  const fp = record(el);
  expect(drifted(fp, el)).toBe(false);
  expect(drifted({ v: 1, tag: 'button', props: { testId: 'save' } }, el)).toBe(false);
  el.textContent = 'Save changes';
  expect(drifted(fp, el)).toBe(true);
  el.textContent = 'Save';
  el.className = 'btn btn-primary';
  expect(drifted(fp, el)).toBe(true);
});

it('sends the fresh fingerprint once per tip as text/plain, and never one whose identity changed', () => {
  document.body.innerHTML = '<button data-testid="save" class="btn">Save</button><button data-testid="other">Other</button>'; // test fixture
  const [save, other] = Array.from(document.querySelectorAll('button'));
  const stored = record(save);
  save.textContent = 'Save changes';
  const sent = vi.fn((..._a: unknown[]) => Promise.resolve(new Response('{}')));
  heal('https://inflow.test', 'KEY', 'tip_1', stored, save, sent as unknown as typeof fetch);
  heal('https://inflow.test', 'KEY', 'tip_1', stored, save, sent as unknown as typeof fetch);
  expect(sent).toHaveBeenCalledTimes(1);
  const [url, init] = sent.mock.calls[0] as [string, RequestInit];
  expect(url).toBe('https://inflow.test/api/v1/anchor-refreshes?key=KEY');
  expect((init.headers as Record<string, string>)['Content-Type']).toBe('text/plain');
  const body = JSON.parse(init.body as string);
  expect(body.tipId).toBe('tip_1');
  expect(body.anchor.props.text).toBe('Save changes');
  expect(body.anchor.props.testId).toBe('save');
  heal('https://inflow.test', 'KEY', 'tip_2', stored, other, sent as unknown as typeof fetch);
  expect(sent).toHaveBeenCalledTimes(1);
});
