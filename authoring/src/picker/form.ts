// The edit form: what the tip says, where it shows, and saving it (as a draft or published).

import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';
import type { App, PickerApi, Tip, TipInput } from './api.ts';
import { debounce, type Disposer } from './disposer.ts';
import { suggestPageRule } from './pageRule.ts';
import { maker } from './make.ts';
import { buildBody } from './preview.ts';
import { checkControlId, createCheckEditor } from './checkEditor.ts';
import { ApiError, type FieldError } from '../shared/problem.ts';
import {
  FREQUENCIES, MEDIA_TYPES, PLACEMENTS, PRESENTATIONS, SERVER_FIELDS, SERVER_PRESENTATIONS, TRIGGERS,
  checkErrors, formatAudience, parseAudience, toInput, type TipFields,
} from '../shared/tipFields.ts';

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
  onSaved: (tip: Tip) => void;
  /** One line on how strong the anchor is (picker only). */
  anchorStrength?: string | null;
  /** Editing a saved tip (the console) instead of pinning a new one. */
  tip?: { id: string; appId: string; version: number; fields: TipFields } | null;
  /** The console shows the form in its page rather than floating over a host page. */
  embedded?: boolean;
  /** The page to check the page rule against; null asks the author for an example URL. */
  pageUrl?: string | null;
}

/** The answer to a save refused because someone else saved first. */
export const CONFLICT_MESSAGE =
  'Someone else saved this tip after you opened it, so your save was refused and nothing was overwritten. ' +
  'Keep a copy of your changes, reload the tip to see theirs, then apply yours again.';

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
  'learnMore.url': 'inflow-learn-more-url',
  'learnMore.label': 'inflow-learn-more-label',
  'media.url': 'inflow-media-url',
  'media.type': 'inflow-media-type',
  'media.alt': 'inflow-media-alt',
  media: 'inflow-media-type',
  audience: 'inflow-audience',
  anchor: 'inflow-presentation',
  reinforce: 'inflow-reinforce',
};

/** The id of the app whose site key the page's own overlay snippet uses, else the first app's. */
export function preselectApp(apps: App[], doc: Document): string | undefined {
  const script = doc.querySelector<HTMLScriptElement>('script[src*="inflow.js"][data-key]');
  const key = script?.dataset.key;
  return (apps.find((app) => key !== undefined && app.siteKey === key) ?? apps[0])?.id;
}

export function openForm(options: FormOptions): HTMLFormElement {
  const { doc, win, api, disposer } = options;
  const make = maker(doc);

  const editing = options.tip ?? null;
  const initial = editing?.fields ?? null;
  const form = make('form', { id: 'inflow-form', noValidate: true });
  form.setAttribute('aria-labelledby', 'inflow-form-heading');
  if (options.preferLeft) form.classList.add('left');
  if (options.embedded) form.classList.add('embedded');
  const option = (select: HTMLSelectElement, values: readonly string[], label = (v: string) => v.replace(/_/g, ' ')) => {
    for (const value of values) select.appendChild(make('option', { value, textContent: label(value) }));
  };
  form.addEventListener('submit', (event) => event.preventDefault());

  const heading = make('h2', { id: 'inflow-form-heading', textContent: editing ? 'Edit tip' : 'New tip' });
  const target = make('p', { id: 'inflow-target', className: 'target', textContent: options.target ? `Pinned to ${options.target}` : 'Not pinned to an element' });
  const strength = make('p', { id: 'inflow-anchor-strength', className: 'strength', textContent: options.anchorStrength ?? '' });
  strength.hidden = !options.anchorStrength;
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
  option(presentation, PRESENTATIONS, (v) => (SERVER_PRESENTATIONS.has(v as TipFields['presentation']) ? v : `${v} (soon)`));
  for (const item of presentation.options) item.disabled = !SERVER_PRESENTATIONS.has(item.value as TipFields['presentation']);
  const placement = make('select', { id: 'inflow-placement' });
  option(placement, PLACEMENTS);
  const trigger = make('select', { id: 'inflow-trigger' });
  option(trigger, TRIGGERS);
  const frequency = make('select', { id: 'inflow-frequency' });
  option(frequency, FREQUENCIES);
  const priority = make('input', { id: 'inflow-priority', type: 'number', step: '1', value: '0' });

  const pageRule = make('input', { id: 'inflow-page-rule', type: 'text', autocomplete: 'off', spellcheck: false });
  pageRule.value = suggestPageRule(win.location.pathname);
  const ruleMatch = make('p', { id: 'inflow-rule-match', className: 'match' });
  ruleMatch.setAttribute('aria-live', 'polite');
  // the console has no "this page": the author names an example page to check the rule against
  const exampleUrl = make('input', { id: 'inflow-example-url', type: 'url', autocomplete: 'off', placeholder: 'https://app.example.com/orders/42' });
  const checkedUrl = (): string => (options.pageUrl === undefined ? win.location.href : options.pageUrl ?? exampleUrl.value.trim());

  const learnMoreUrl = make('input', { id: 'inflow-learn-more-url', type: 'url', autocomplete: 'off', placeholder: 'https://wiki.example.com/…' });
  const learnMoreLabel = make('input', { id: 'inflow-learn-more-label', type: 'text', maxLength: 100, placeholder: 'Learn more' });
  const mediaType = make('select', { id: 'inflow-media-type' });
  mediaType.appendChild(make('option', { value: '', textContent: 'none' }));
  option(mediaType, MEDIA_TYPES);
  const mediaUrl = make('input', { id: 'inflow-media-url', type: 'url', autocomplete: 'off', placeholder: 'https://…/picture.png' });
  const mediaAlt = make('input', { id: 'inflow-media-alt', type: 'text', maxLength: 200, placeholder: 'What it shows' });
  const audience = make('textarea', { id: 'inflow-audience', rows: 2, placeholder: 'role in sales, support\nlocale equals de' });
  const scheduleFrom = make('input', { id: 'inflow-schedule-from', type: 'datetime-local' });
  const scheduleTo = make('input', { id: 'inflow-schedule-to', type: 'datetime-local' });
  const locales = make('div', { id: 'inflow-locales', className: 'locales' });
  const addLocale = make('button', { id: 'inflow-add-locale', type: 'button', textContent: 'Add language' });
  function localeRow(lang = '', variant = { title: '', body: '' }): void {
    const rowElement = make('div', { className: 'locale' });
    const n = locales.children.length + 1;
    const langInput = make('input', { type: 'text', maxLength: 16, value: lang, placeholder: 'de', className: 'locale-lang' });
    langInput.setAttribute('aria-label', `Language ${n}`);
    const titleInput = make('input', { type: 'text', maxLength: 200, value: variant.title, placeholder: 'Title', className: 'locale-title' });
    titleInput.setAttribute('aria-label', `Title in language ${n}`);
    const bodyInput = make('textarea', { rows: 2, value: variant.body, placeholder: 'Body (Markdown)', className: 'locale-body' });
    bodyInput.setAttribute('aria-label', `Body in language ${n}`);
    const remove = make('button', { type: 'button', textContent: 'Remove' });
    remove.addEventListener('click', () => rowElement.remove());
    rowElement.append(langInput, titleInput, bodyInput, remove);
    locales.appendChild(rowElement);
  }
  addLocale.addEventListener('click', () => localeRow());

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

  // fields the server does not store yet are still editable, and say so
  const pending = (control: HTMLElement, key: keyof TipFields): HTMLElement => {
    if (SERVER_FIELDS.has(key)) return control;
    control.dataset.pending = 'true';
    control.title = 'Not saved yet: this server does not store this field';
    return control;
  };
  const reinforce = make('input', { id: 'inflow-reinforce', type: 'checkbox' });
  const checkEditor = createCheckEditor({
    make,
    field,
    forget: (prefix) => {
      for (const id of [...fieldErrors.keys()]) if (id.startsWith(prefix)) fieldErrors.delete(id);
    },
    tips: async () => {
      const list = api.tips && app.value ? await api.tips(app.value) : [];
      return list.filter((item) => item.id !== editing?.id);
    },
  });
  app.addEventListener('change', () => checkEditor.appChanged());
  const more = make('details', { id: 'inflow-more', className: 'more' });
  more.append(
    make('summary', { textContent: 'Media, link, trigger, audience, schedule, languages' }),
    row(field('Media', mediaType), field('Media URL', mediaUrl)),
    field('Media description (alt)', mediaAlt),
    row(field('Learn-more link', learnMoreUrl), field('Link label', learnMoreLabel)),
    row(field('Trigger', pending(trigger, 'trigger')), field('Frequency', pending(frequency, 'frequency'))),
    field('Audience (one condition per line: trait op value)', pending(audience, 'audience')),
    row(field('Show from', pending(scheduleFrom, 'schedule')), field('Until', pending(scheduleTo, 'schedule'))),
    field('Priority', pending(priority, 'priority')),
    field('Languages', pending(locales, 'locales'), addLocale),
  );

  const previewLabel = make('label', { textContent: 'Preview' });
  const previewField = make('div', { className: 'field' });
  previewField.append(previewLabel, preview);
  const actions = make('div', { className: 'actions' });
  actions.append(cancel, save, publish);

  form.append(
    heading,
    target,
    strength,
    warning,
    field('App', app),
    field('Title', title),
    field('Body (Markdown)', body),
    previewField,
    row(field('Presentation', presentation), field('Placement', placement)),
    field('Page rule', pageRule, ruleMatch),
    more,
    field('Reinforce (spaced repetition)', reinforce),
    checkEditor.element,
    status,
    actions,
  );
  if (options.pageUrl === null) {
    const ruleField = pageRule.parentElement!;
    ruleField.insertBefore(make('label', { textContent: 'Check on page', htmlFor: exampleUrl.id }), ruleMatch);
    ruleField.insertBefore(exampleUrl, ruleMatch);
  }
  options.parent.appendChild(form);
  title.focus();

  // --- apps
  let appsReady = false;
  void api.apps().then(
    (apps) => {
      if (disposer.isDisposed) return;
      app.replaceChildren();
      for (const item of apps) app.appendChild(make('option', { value: item.id, textContent: item.name }));
      const chosen = editing ? editing.appId : preselectApp(apps, doc);
      if (chosen !== undefined) app.value = chosen;
      appsReady = apps.length > 0;
      app.disabled = !appsReady || editing !== null;
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
    const url = checkedUrl();
    if (!url) {
      ruleMatch.textContent = 'Enter an example page URL to check the rule';
      return;
    }
    api.matchPageRule(rule, url).then(
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
  exampleUrl.addEventListener('input', checkRule);
  checkRule();

  // --- saving
  let saved: Tip | null = editing ? { id: editing.id, version: editing.version, status: '', title: editing.fields.title } : null;
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

  function fill(fields: TipFields): void {
    title.value = fields.title;
    body.value = fields.body;
    presentation.value = fields.presentation;
    placement.value = fields.placement;
    pageRule.value = fields.pageRule;
    learnMoreUrl.value = fields.learnMore?.url ?? '';
    learnMoreLabel.value = fields.learnMore?.label ?? '';
    mediaType.value = fields.media?.type ?? '';
    mediaUrl.value = fields.media?.url ?? '';
    mediaAlt.value = fields.media?.alt ?? '';
    trigger.value = fields.trigger;
    frequency.value = fields.frequency;
    audience.value = formatAudience(fields.audience);
    scheduleFrom.value = fields.schedule?.from?.slice(0, 16) ?? '';
    scheduleTo.value = fields.schedule?.to?.slice(0, 16) ?? '';
    priority.value = String(fields.priority);
    locales.replaceChildren();
    for (const [lang, variant] of Object.entries(fields.locales)) localeRow(lang, variant);
    reinforce.checked = fields.reinforce;
    checkEditor.fill(fields.check);
    renderPreview();
    checkRule();
  }

  function readLocales(): TipFields['locales'] {
    const result: TipFields['locales'] = {};
    for (const rowElement of locales.querySelectorAll('.locale')) {
      const lang = rowElement.querySelector<HTMLInputElement>('.locale-lang')?.value.trim() ?? '';
      if (!lang) continue;
      result[lang] = {
        title: rowElement.querySelector<HTMLInputElement>('.locale-title')?.value.trim() ?? '',
        body: rowElement.querySelector<HTMLTextAreaElement>('.locale-body')?.value ?? '',
      };
    }
    return result;
  }

  const isoOrNull = (value: string): string | null => (value ? new Date(value).toISOString() : null);

  function fields(): TipFields {
    const url = learnMoreUrl.value.trim();
    const media = mediaType.value === 'image' || mediaType.value === 'video' ? mediaType.value : null;
    const from = isoOrNull(scheduleFrom.value);
    const to = isoOrNull(scheduleTo.value);
    return {
      title: title.value.trim(),
      body: body.value,
      presentation: presentation.value as TipFields['presentation'],
      placement: placement.value as TipFields['placement'],
      pageRule: pageRule.value.trim(),
      anchor: options.anchor ?? null,
      learnMore: url ? { url, label: learnMoreLabel.value.trim() } : null,
      media: media ? { type: media, url: mediaUrl.value.trim(), alt: mediaAlt.value.trim() } : null,
      trigger: trigger.value as TipFields['trigger'],
      frequency: frequency.value as TipFields['frequency'],
      audience: parseAudience(audience.value).conditions,
      schedule: from || to ? { from, to } : null,
      priority: Number.parseInt(priority.value, 10) || 0,
      locales: readLocales(),
      reinforce: reinforce.checked,
      check: checkEditor.read(),
    };
  }

  function input(): TipInput {
    return { appId: app.value, ...toInput(fields()) };
  }

  async function submit(andPublish: boolean): Promise<void> {
    if (busy) return;
    clearErrors();
    if (!title.value.trim()) {
      showFieldErrors([{ field: 'title', message: 'A tip needs a title' }]);
      title.focus();
      return;
    }
    const audienceErrors = parseAudience(audience.value).errors;
    if (audienceErrors.length > 0) {
      more.open = true;
      showFieldErrors(audienceErrors.map((message) => ({ field: 'audience', message })));
      audience.focus();
      return;
    }
    const check = checkEditor.read();
    const checkProblems = check ? checkErrors(check, learnMoreUrl.value.trim() !== '') : [];
    if (checkProblems.length > 0) {
      showFieldErrors(checkProblems);
      checkEditor.reveal();
      setStatus('error', 'The check is not complete yet: see the messages beside it.');
      form.querySelector<HTMLElement>('#inflow-check [aria-invalid="true"]')?.focus();
      return;
    }
    busy = true;
    refreshButtons();
    setStatus('', andPublish ? 'Saving and publishing…' : 'Saving…');
    try {
      // A tip saved on an earlier attempt (say, publish failed) is updated, not created twice.
      saved = saved === null ? await api.createTip(input()) : await api.updateTip(saved.id, input(), saved.version);
      if (disposer.isDisposed) return;
      if (andPublish) saved = await api.publishTip(saved.id);
      if (disposer.isDisposed) return;
      done = !editing;
      setStatus('ok', andPublish ? 'Published — workers see it now' : editing ? `Saved as version ${saved.version}` : 'Draft saved');
      options.onSaved(saved);
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
    delete status.dataset.conflict;
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
      const controlId = FIELD_CONTROLS[error.field] ?? checkControlId(error.field);
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
    if (error instanceof ApiError && error.status === 412) {
      setStatus('error', CONFLICT_MESSAGE);
      status.dataset.conflict = 'true';
      return;
    }
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

  if (initial) fill(initial);
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
