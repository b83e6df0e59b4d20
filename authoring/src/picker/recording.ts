// A walkthrough being recorded: one step per click, kept outside the page (extension storage) so it survives
// navigation; saved at the end as draft tips and one draft walkthrough.

import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';
import type { PickerApi, Walkthrough } from './api.ts';
import { accessibleName } from './describe.ts';
import { suggestPageRule } from './pageRule.ts';

export interface RecordedStep {
  title: string;
  /** The page the step was recorded on: the test run opens it. */
  url: string;
  pageRule: string;
  anchor: Fingerprint;
}

export interface Recording {
  appId: string;
  title: string;
  steps: RecordedStep[];
}

/** Where a recording lives between pages; null clears it. */
export interface RecordingStore {
  load(): Promise<Recording | null>;
  save(recording: Recording | null): Promise<void>;
}

/** The step a click on `el` makes: titled after what was clicked, its page rule suggested from the URL. */
export function stepFor(el: Element, anchor: Fingerprint, url: string, position: number): RecordedStep {
  const name = accessibleName(el) || el.tagName.toLowerCase();
  let pathname = '/';
  try {
    pathname = new URL(url).pathname;
  } catch {
    // keep the root
  }
  return { title: `Step ${position}: ${name}`.slice(0, 200), url, pageRule: suggestPageRule(pathname), anchor };
}

/** A well-formed recording from storage, or null (anything else there is dropped, never trusted). */
export function readRecording(value: unknown): Recording | null {
  if (!value || typeof value !== 'object') return null;
  const r = value as Partial<Recording>;
  if (typeof r.appId !== 'string' || typeof r.title !== 'string' || !Array.isArray(r.steps)) return null;
  const steps = r.steps.filter((s): s is RecordedStep => !!s && typeof s.title === 'string' && typeof s.url === 'string'
    && typeof s.pageRule === 'string' && !!s.anchor && typeof s.anchor === 'object');
  return { appId: r.appId, title: r.title, steps };
}

/**
 * Saves the recording: a draft tip per step (in order), then the draft walkthrough over them. Nothing is published;
 * the author edits and publishes it in the console.
 */
export async function saveRecording(api: PickerApi, recording: Recording): Promise<Walkthrough> {
  if (recording.steps.length === 0) throw new Error('record at least one step first');
  const steps = [];
  for (const step of recording.steps) {
    const tip = await api.createTip({
      appId: recording.appId, title: step.title, body: '', presentation: 'tooltip', placement: 'auto',
      pageRule: step.pageRule, anchor: step.anchor, trigger: 'page_load',
    });
    steps.push({ tipId: tip.id, url: step.url });
  }
  return api.createWalkthrough({
    appId: recording.appId, title: recording.title.trim() || 'Recorded walkthrough', startOn: 'launcher', steps,
  });
}
