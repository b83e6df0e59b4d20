// Runs in the browser page: builds each case, records with every locator, mutates, relocates, judges.
import { finder } from '@medv/finder';
import { record, resolve } from '../../src/anchor/index';
import type { Fingerprint } from '../../src/anchor/index';
import { MUTATIONS } from './mutations';
import { PAGES } from './pages';
import { rng } from './rng';
import { similoDescribeAll, similoLocate } from './similo';

export type Outcome = 'correct' | 'wrong' | 'abstained';

export interface Case { page: string; kind: string; seed: number }

export interface CaseResult extends Case {
  target: string;
  inflow: Outcome;
  finder: Outcome;
  similo: Outcome;
  /** What Inflow's resolve said: via and confidence, or the miss reason. */
  detail: string;
}

const TARGETS = 'a, button, input, select, textarea';

/** The elements a tip could be pinned to; tag swaps need links or buttons. */
function targetsOf(doc: Document, kind: string): Element[] {
  const all = Array.from(doc.body.querySelectorAll(TARGETS)).filter((e) => e.getClientRects().length > 0);
  return kind === 'tag_swap' ? all.filter((e) => e.tagName === 'A' || e.tagName === 'BUTTON') : all;
}

function judge(found: Element | null, target: Element | null): Outcome {
  if (!found) return target ? 'abstained' : 'correct';
  return found === target ? 'correct' : 'wrong';
}

function label(el: Element): string {
  const text = (el.textContent ?? '').trim().slice(0, 24) || el.getAttribute('aria-label') || el.getAttribute('placeholder') || el.getAttribute('formcontrolname') || '';
  return `${el.tagName.toLowerCase()} "${text}"`;
}

/** One case: the page of `seed`, a target drawn from it, the mutation applied, every locator asked. */
export function runCase(c: Case, doc: Document = document): CaseResult {
  const page = PAGES.find((p) => p.name === c.page)!;
  const r = rng(c.seed);
  doc.body.removeAttribute('style');
  doc.body.innerHTML = page.html(r); // benchmark fixture written above, no host content
  const target = r.pick(targetsOf(doc, c.kind));
  const name = label(target);
  const fp: Fingerprint = JSON.parse(JSON.stringify(record(target)));
  let selector: string | null = null;
  try {
    selector = finder(target, { timeoutMs: 200 });
  } catch {
    selector = null;
  }
  const { els, props } = similoDescribeAll(doc);
  const similoTarget = props[els.indexOf(target)];
  const after = MUTATIONS[c.kind](doc, target, r);
  const res = resolve(fp);
  const found = selector ? doc.querySelector(selector) : null;
  return {
    ...c,
    target: name,
    inflow: judge(res.ok ? res.element : null, after),
    finder: judge(found, after),
    similo: judge(similoTarget ? similoLocate(similoTarget, doc) : null, after),
    detail: res.ok ? `${res.via} ${res.confidence}` : `${res.reason} ${res.bestScore}`,
  };
}

/** The corpus: every base page × every mutation kind × `perCell` seeds. */
export function corpus(perCell: number, firstSeed = 1): Case[] {
  const cases: Case[] = [];
  let seed = firstSeed;
  for (const p of PAGES) for (const kind of Object.keys(MUTATIONS)) for (let i = 0; i < perCell; i++) cases.push({ page: p.name, kind, seed: seed++ });
  return cases;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Median time per anchor on a page of about `size` elements (the CRM page plus a long related list): resolve on its
 * fast path and on its scoring path (every selector broken), beside one querySelector of the first recorded selector.
 */
export function timing(size: number, anchors = 40, repeat = 30): { elements: number; resolveMs: number; scoringMs: number; querySelectorMs: number } {
  const doc = document;
  const r = rng(4242);
  doc.body.removeAttribute('style');
  doc.body.innerHTML = PAGES[0].html(r);
  const targets = targetsOf(doc, '');
  const filler = doc.createElement('table');
  doc.body.appendChild(filler);
  for (let i = 0; doc.getElementsByTagName('*').length < size; i++) {
    const row = filler.insertRow();
    row.insertCell().textContent = `Activity ${i}`;
    row.insertCell().textContent = r.pick(['Call', 'Email', 'Meeting', 'Task']);
    const link = doc.createElement('a');
    link.href = `/activity/${i}`;
    link.textContent = 'Open';
    row.insertCell().appendChild(link);
  }
  const elements = doc.getElementsByTagName('*').length;
  const fps = Array.from({ length: anchors }, () => record(r.pick(targets)));
  const per = (fn: () => unknown, times: number): number => {
    const t0 = performance.now();
    for (let i = 0; i < times; i++) fn();
    return (performance.now() - t0) / times;
  };
  const resolveMs = median(fps.map((fp) => per(() => resolve(fp), repeat)));
  const scoringMs = median(fps.slice(0, 5).map((fp) => per(() => resolve({ ...fp, selectors: [] }), 1)));
  const querySelectorMs = median(fps.map((fp) => per(() => doc.querySelector(fp.selectors?.[0]?.css ?? fp.tag ?? '*'), repeat * 100)));
  return { elements, resolveMs, scoringMs, querySelectorMs };
}

(globalThis as Record<string, unknown>).inflowBench = { runCase, corpus, timing };
