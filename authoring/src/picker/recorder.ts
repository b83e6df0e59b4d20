// The picker's recorder panel: Record starts a walkthrough; every click then pins a step and goes on to the page
// (a link still navigates, and the extension brings the recorder back on the next page); Finish saves it as a draft.

import type { App, PickerApi } from './api.ts';
import type { Picker } from './picker.ts';
import { maker } from './make.ts';
import { readRecording, saveRecording, stepFor, type Recording, type RecordingStore } from './recording.ts';

export interface RecorderOptions {
  picker: Pick<Picker, 'root' | 'handOver' | 'say'>;
  api: PickerApi;
  store: RecordingStore;
  doc: Document;
  /** The app of this page (as the preview chose it). */
  app: () => Promise<App | undefined>;
  /** Where the console is, to link the saved walkthrough. */
  consoleUrl: string;
}

export async function showRecorder(options: RecorderOptions): Promise<HTMLElement> {
  const { picker, api, store, doc } = options;
  const make = maker(doc);
  const panel = make('section', { id: 'inflow-recorder', className: 'recorder' });
  panel.setAttribute('aria-label', 'Record a walkthrough');
  const heading = make('h2', { textContent: 'Walkthrough' });
  const state = make('p', { id: 'inflow-recorder-state', className: 'target' });
  state.setAttribute('role', 'status');
  const steps = make('ol', { id: 'inflow-recorder-steps' });
  const title = make('input', { id: 'inflow-recorder-title', type: 'text', placeholder: 'Walkthrough title', autocomplete: 'off' });
  title.setAttribute('aria-label', 'Walkthrough title');
  title.maxLength = 200;
  const start = make('button', { id: 'inflow-record', type: 'button', className: 'primary', textContent: 'Record walkthrough' });
  const finish = make('button', { id: 'inflow-record-finish', type: 'button', className: 'primary', textContent: 'Finish and save' });
  const discard = make('button', { id: 'inflow-record-discard', type: 'button', textContent: 'Discard' });
  const result = make('p', { id: 'inflow-recorder-result' });
  const actions = make('div', { className: 'tip-actions' });
  actions.append(start, finish, discard);
  panel.append(heading, state, steps, title, actions, result);
  (picker.root.querySelector('.ui') ?? picker.root).appendChild(panel);

  let recording: Recording | null = readRecording(await store.load());

  function render(): void {
    const on = recording !== null;
    start.hidden = on;
    finish.hidden = !on;
    discard.hidden = !on;
    title.hidden = !on;
    finish.disabled = !on || recording!.steps.length === 0;
    state.textContent = on
      ? `Recording · ${recording!.steps.length} step${recording!.steps.length === 1 ? '' : 's'} · click each step in turn`
      : 'Record the steps of a walkthrough by clicking through them, across pages.';
    steps.replaceChildren(...(recording?.steps ?? []).map((step) => {
      const li = make('li', { textContent: step.title });
      li.title = step.url;
      return li;
    }));
  }

  function listen(): void {
    picker.handOver({
      message: 'Inflow — recording: click each step of the walkthrough · Esc to pause',
      passThrough: true,
      repeat: true,
      take: async (el, anchor) => {
        if (!recording) return 'Inflow — not recording';
        if (!anchor) throw new Error('this element could not be recorded; pick another one');
        const url = doc.defaultView?.location.href ?? '';
        recording = { ...recording, steps: [...recording.steps, stepFor(el, anchor, url, recording.steps.length + 1)] };
        await store.save(recording);
        render();
        return `Inflow — recording: step ${recording.steps.length} pinned · click the next step, or Finish`;
      },
    });
  }

  start.addEventListener('click', () => {
    void options.app().then(async (app) => {
      if (!app) {
        result.textContent = 'There is no app yet: an admin creates one in the Inflow console first.';
        return;
      }
      recording = { appId: app.id, title: '', steps: [] };
      await store.save(recording);
      render();
      listen();
      title.focus();
    });
  });
  title.addEventListener('input', () => {
    if (!recording) return;
    recording = { ...recording, title: title.value };
    void store.save(recording);
  });
  discard.addEventListener('click', () => {
    recording = null;
    void store.save(null);
    picker.handOver(null);
    render();
  });
  finish.addEventListener('click', () => {
    if (!recording) return;
    const saving = { ...recording, title: title.value || recording.title };
    finish.disabled = true;
    result.textContent = 'Saving…';
    saveRecording(api, saving).then(async (walkthrough) => {
      recording = null;
      await store.save(null);
      picker.handOver(null);
      render();
      result.replaceChildren(`Saved the draft walkthrough “${walkthrough.title}” with ${saving.steps.length} steps. `,
        Object.assign(make('a', { textContent: 'Edit and publish it in the console', target: '_blank', rel: 'noopener' }),
          { href: `${options.consoleUrl}#/walkthroughs/${encodeURIComponent(walkthrough.id)}` }));
      result.dataset.walkthroughId = walkthrough.id;
      picker.say('Inflow — walkthrough saved as a draft');
    }, (error: unknown) => {
      finish.disabled = false;
      result.textContent = `Not saved: ${error instanceof Error ? error.message : String(error)}`;
    });
  });

  title.value = recording?.title ?? '';
  render();
  if (recording) listen();
  return panel;
}
