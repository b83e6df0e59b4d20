// The edit form: what the tip says, where it shows, and saving it (as a draft or published).

import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';
import type { App, PickerApi, Tip, TipInput } from './api.ts';
import { debounce, type Disposer } from './disposer.ts';
import { suggestPageRule } from './pageRule.ts';
import { buildBody } from './preview.ts';
import { ApiError, type FieldError } from '../shared/problem.ts';

export interface FormOptions {
  doc: Document;
  win: Window;
  parent: HTMLElement;
  api: PickerApi;
  disposer: Disposer;
  anchor: Fingerprint | null;
  /** Shown under the heading when the anchor looks fragile. */
  anchorWarning: string | null;
  /** `button “Save”`: what the tip is pinned to. */
  target: string;
  preferLeft: boolean;
  onClose: () => void;
  onSaved: () => void;
}

const PREVIEW_DELAY = 300;
const RULE_DELAY = 300;

/** Tip input fields → the id of the control that shows their errors. */
const FIELD_CONTROLS: Record<string, string> = {
  appId: 'inflow-app',
  title: 'inflow-title',
  body: 'inflow-body',
  presentation: 'inflow-presentation',
  placement: 'inflow-placement',
  pageRule: 'inflow-page-rule',
};

/** The id of the app whose site key the page's own overlay snippet uses, else the first app's. */
export function preselectApp(apps: App[], doc: Document): string | undefined {
  const script = doc.querySelector<HTMLScriptElement>('script[src*="inflow.js"][data-key]');
  const key = script?.dataset.key;
  return (apps.find((app) => key !== undefined && app.siteKey === key) ?? apps[0])?.id;
}

export function openForm(options: FormOptions): HTMLFormElement {
  const { doc, win, api, disposer } = options;
  // properties (not attributes) of the new element; strings land in textContent or value, never in markup
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | number | boolean> = {}) =>
    Object.assign(doc.createElement(tag), props) as HTMLElementTagNameMap[K];

  const form = make('form', { id: 'inflow-form', noValidate: true });
  form.setAttribute('aria-labelledby', 'inflow-form-heading');
  if (options.preferLeft) form.classList.add('left');
  form.addEventListener('submit', (event) => event.preventDefault());

  const heading = make('h2', { id: 'inflow-form-heading', textContent: 'New tip' });
  const target = make('p', { id: 'inflow-target', className: 'target', textContent: `Pinned to ${options.target}` });
  const warning = make('p', { id: 'inflow-anchor-warning', className: 'warning', textContent: options.anchorWarning ?? '' });
  warning.hidden = !options.anchorWarning;

  const app = make('select', { id: 'inflow-app', disabled: true });
  app.appendChild(make('option', { value: '', textContent: 'Loading apps…' }));

  const title = make('input', { id: 'inflow-title', type: 'text', maxLength: 200, autocomplete: 'off' });
  title.required = true;
  const body = make('textarea', { id: 'inflow-body', rows: 4, placeholder: 'Enter the **net** amount…' });
  const preview = make('div', { id: 'inflow-preview', className: 'preview empty', textContent: 'The preview shows here.' });
  preview.setAttribute('aria-live', 'polite');

  const presentation = make('select', { id: 'inflow-presentation' });
  for (const value of ['tooltip', 'modal']) presentation.appendChild(make('option', { value, textContent: value }));
  const placement = make('select', { id: 'inflow-placement' });
  for (const value of ['auto', 'top', 'bottom', 'left', 'right']) {
    placement.appendChild(make('option', { value, textContent: value }));
  }

  const pageRule = make('input', { id: 'inflow-page-rule', type: 'text', autocomplete: 'off', spellcheck: false });
  pageRule.value = suggestPageRule(win.location.pathname);
  const ruleMatch = make('p', { id: 'inflow-rule-match', className: 'match' });
  ruleMatch.setAttribute('aria-live', 'polite');

  const save = make('button', { id: 'inflow-save', type: 'button', textContent: 'Save draft' });
  const publish = make('button', { id: 'inflow-publish', type: 'button', className: 'primary', textContent: 'Save and publish' });
  const cancel = make('button', { id: 'inflow-cancel', type: 'button', textContent: 'Cancel' });
  const status = make('div', { id: 'inflow-status' });
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');

  const fieldErrors = new Map<string, HTMLElement>();
  function field(text: string, control: HTMLElement, extra?: HTMLElement): HTMLElement {
    const wrapper = make('div', { className: 'field' });
    const label = make('label', { textContent: text, htmlFor: control.id });
    const error = make('p', { id: `${control.id}-error`, className: 'field-error', hidden: true });
    control.setAttribute('aria-describedby', error.id);
    fieldErrors.set(control.id, error);
    wrapper.append(label, control);
    if (extra) wrapper.appendChild(extra);
    wrapper.appendChild(error);
    return wrapper;
  }
  const row = (...fields: HTMLElement[]): HTMLElement => {
    const element = make('div', { className: 'row' });
    element.append(...fields);
    return element;
  };

  const previewLabel = make('label', { textContent: 'Preview' });
  const previewField = make('div', { className: 'field' });
  previewField.append(previewLabel, preview);
  const actions = make('div', { className: 'actions' });
  actions.append(cancel, save, publish);

  form.append(
    heading,
    target,
    warning,
    field('App', app),
    field('Title', title),
    field('Body (Markdown)', body),
    previewField,
    row(field('Presentation', presentation), field('Placement', placement)),
    field('Page rule', pageRule, ruleMatch),
    status,
    actions,
  );
  options.parent.appendChild(form);
  title.focus();

  // --- apps
  let appsReady = false;
  void api.apps().then(
    (apps) => {
      if (disposer.isDisposed) return;
      app.replaceChildren();
      for (const item of apps) app.appendChild(make('option', { value: item.id, textContent: item.name }));
      const chosen = preselectApp(apps, doc);
      if (chosen !== undefined) app.value = chosen;
      appsReady = apps.length > 0;
      app.disabled = !appsReady;
      if (!appsReady) {
        app.appendChild(make('option', { value: '', textContent: 'No apps yet' }));
        showError(new ApiError(0, 'There is no app yet: an admin creates one in the Inflow console first.'));
      }
      refreshButtons();
    },
    (error: unknown) => {
      if (disposer.isDisposed) return;
      app.replaceChildren(make('option', { value: '', textContent: 'Apps could not be loaded' }));
      showError(error);
    },
  );

  // --- live preview
  let previewRequest = 0;
  const renderPreview = debounce(disposer, PREVIEW_DELAY, () => {
    const markdown = body.value;
    const request = ++previewRequest;
    if (!markdown.trim()) {
      preview.classList.add('empty');
      preview.replaceChildren(doc.createTextNode('The preview shows here.'));
      return;
    }
    api.render(markdown).then(
      (tree) => {
        if (request !== previewRequest || disposer.isDisposed) return;
        preview.classList.remove('empty');
        preview.replaceChildren(buildBody(tree, doc));
      },
      (error: unknown) => {
        if (request !== previewRequest || disposer.isDisposed) return;
        preview.classList.add('empty');
        preview.replaceChildren(doc.createTextNode(`No preview: ${messageOf(error)}`));
      },
    );
  });
  body.addEventListener('input', renderPreview);

  // --- page rule check
  let ruleRequest = 0;
  const checkRule = debounce(disposer, RULE_DELAY, () => {
    const rule = pageRule.value.trim();
    const request = ++ruleRequest;
    ruleMatch.removeAttribute('data-matches');
    if (!rule) {
      ruleMatch.textContent = 'Enter a page rule, e.g. /orders/:id';
      return;
    }
    ruleMatch.textContent = 'Checking…';
    api.matchPageRule(rule, win.location.href).then(
      ({ matches }) => {
        if (request !== ruleRequest || disposer.isDisposed) return;
        ruleMatch.dataset.matches = String(matches);
        ruleMatch.textContent = matches ? '✓ Matches this page' : '✗ Does not match this page';
      },
      (error: unknown) => {
        if (request !== ruleRequest || disposer.isDisposed) return;
        ruleMatch.dataset.matches = 'false';
        ruleMatch.textContent = error instanceof ApiError ? ruleErrorText(error) : messageOf(error);
      },
    );
  });
  pageRule.addEventListener('input', checkRule);
  checkRule();

  // --- saving
  let saved: Tip | null = null;
  let busy = false;
  let done = false;

  function refreshButtons(): void {
    save.disabled = busy || !appsReady;
    publish.disabled = busy || !appsReady;
    save.hidden = done;
    publish.hidden = done;
    cancel.textContent = done ? 'Close' : 'Cancel';
  }
  refreshButtons();

  function input(): TipInput {
    return {
      appId: app.value,
      title: title.value.trim(),
      body: body.value,
      presentation: presentation.value === 'modal' ? 'modal' : 'tooltip',
      placement: placement.value as TipInput['placement'],
      pageRule: pageRule.value.trim(),
      anchor: options.anchor ?? null,
    };
  }

  async function submit(andPublish: boolean): Promise<void> {
    if (busy) return;
    clearErrors();
    if (!title.value.trim()) {
      showFieldErrors([{ field: 'title', message: 'A tip needs a title' }]);
      title.focus();
      return;
    }
    busy = true;
    refreshButtons();
    setStatus('', andPublish ? 'Saving and publishing…' : 'Saving…');
    try {
      // A tip saved on an earlier attempt (say, publish failed) is updated, not created twice.
      saved = saved === null ? await api.createTip(input()) : await api.updateTip(saved.id, input());
      if (disposer.isDisposed) return;
      if (andPublish) await api.publishTip(saved.id);
      if (disposer.isDisposed) return;
      done = true;
      setStatus('ok', andPublish ? 'Published — workers see it now' : 'Draft saved');
      options.onSaved();
    } catch (error) {
      if (disposer.isDisposed) return;
      showError(error, saved !== null && andPublish ? 'The draft is saved, but publishing failed: ' : '');
    } finally {
      busy = false;
      if (!disposer.isDisposed) refreshButtons();
    }
  }
  save.addEventListener('click', () => void submit(false));
  publish.addEventListener('click', () => void submit(true));
  cancel.addEventListener('click', () => options.onClose());

  // --- errors
  function setStatus(kind: '' | 'ok' | 'error', text: string): void {
    status.className = kind;
    status.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    status.replaceChildren(doc.createTextNode(text));
  }

  function clearErrors(): void {
    setStatus('', '');
    for (const [controlId, error] of fieldErrors) {
      error.hidden = true;
      error.textContent = '';
      form.querySelector(`#${controlId}`)?.removeAttribute('aria-invalid');
    }
  }

  /** Shows per-field messages beside their controls; answers those that belong to no control. */
  function showFieldErrors(errors: FieldError[]): FieldError[] {
    const unplaced: FieldError[] = [];
    for (const error of errors) {
      const controlId = FIELD_CONTROLS[error.field];
      const slot = controlId ? fieldErrors.get(controlId) : undefined;
      if (!controlId || !slot) {
        unplaced.push(error);
        continue;
      }
      slot.textContent = slot.textContent ? `${slot.textContent} · ${error.message}` : error.message;
      slot.hidden = false;
      form.querySelector(`#${controlId}`)?.setAttribute('aria-invalid', 'true');
    }
    return unplaced;
  }

  function showError(error: unknown, prefix = ''): void {
    if (!(error instanceof ApiError)) {
      setStatus('error', prefix + messageOf(error));
      return;
    }
    const unplaced = showFieldErrors(error.fieldErrors);
    setStatus('error', prefix + error.detail);
    if (unplaced.length > 0) {
      const list = make('ul');
      for (const item of unplaced) {
        list.appendChild(make('li', { textContent: item.field ? `${item.field}: ${item.message}` : item.message }));
      }
      status.appendChild(list);
    }
    // the form scrolls; bring the message above the sticky buttons into view
    if (typeof status.scrollIntoView === 'function') status.scrollIntoView({ block: 'center' });
  }

  return form;
}

function ruleErrorText(error: ApiError): string {
  const first = error.fieldErrors[0];
  return first ? first.message : error.detail;
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.detail;
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
