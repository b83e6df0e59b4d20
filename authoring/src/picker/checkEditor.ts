// The editor's check section: a question, 2–5 answers with explanations, and what a wrong answer does.

import { CHECK_LIMITS, ON_WRONG, type Check, type CheckOption } from '../shared/tipFields.ts';
import type { Make } from './make.ts';

export interface CheckEditor {
  element: HTMLElement;
  fill(check: Check | null): void;
  read(): Check | null;
  /** Opens the section so a field error inside it can be seen. */
  reveal(): void;
  /** The app changed: the remedial tips are chosen from the new app's. */
  appChanged(): void;
}

export interface CheckEditorOptions {
  make: Make;
  /** The form's labelled field with an error slot, registered under the control's id. */
  field: (text: string, control: HTMLElement) => HTMLElement;
  /** Forgets the error slots of controls whose id starts with the prefix (option rows rebuilt). */
  forget: (prefix: string) => void;
  /** The app's other tips, for the remedial tip chooser. */
  tips: () => Promise<{ id: string; title: string }[]>;
}

const WRONG_LABELS: Record<Check['onWrong'], string> = {
  learn_more: 'Open the learn-more link',
  remedial_tip: 'Show a remedial tip',
  repeat_step: 'Repeat the walkthrough step',
};

/** The control id whose error slot shows a server field error about the check (`check.options[1].text`). */
export function checkControlId(field: string): string | undefined {
  const option = /^check\.options\[(\d+)\]\.(text|correct|explanation|id)$/.exec(field);
  if (option) return `inflow-check-option-${option[1]}-${option[2] === 'id' ? 'text' : option[2]}`;
  return ({
    check: 'inflow-check-question',
    'check.question': 'inflow-check-question',
    'check.options': 'inflow-check-options',
    'check.onWrong': 'inflow-check-on-wrong',
    'check.remedialTipId': 'inflow-check-remedial',
  } as Record<string, string>)[field];
}

export function createCheckEditor({ make, field, forget, tips }: CheckEditorOptions): CheckEditor {
  const section = make('fieldset', { id: 'inflow-check', className: 'check' });
  section.appendChild(make('legend', { textContent: 'Check (a question inside the tip)' }));
  const add = make('button', { id: 'inflow-check-add', type: 'button', textContent: 'Add a check' });
  const remove = make('button', { id: 'inflow-check-remove', type: 'button', textContent: 'Remove the check' });
  const body = make('div', { id: 'inflow-check-body' });
  const question = make('textarea', { id: 'inflow-check-question', rows: 2, maxLength: CHECK_LIMITS.question });
  const options = make('div', { id: 'inflow-check-options', className: 'check-options', tabIndex: -1 });
  const addOption = make('button', { id: 'inflow-check-add-option', type: 'button', textContent: 'Add an answer' });
  const onWrong = make('select', { id: 'inflow-check-on-wrong' });
  for (const value of ON_WRONG) onWrong.appendChild(make('option', { value, textContent: WRONG_LABELS[value] }));
  const remedial = make('select', { id: 'inflow-check-remedial' });
  const remedialField = field('Remedial tip', remedial);
  body.append(field('Question', question), field('Answers (2 to 5; tick the correct ones)', options), addOption,
    field('A wrong answer', onWrong), remedialField);
  section.append(add, body, remove);

  // kept so a save without edits sends back exactly what was loaded (option ids, absent explanations, …)
  let loaded: Check | null = null;
  let present = false;
  let tipsLoaded = false;

  function show(): void {
    add.hidden = present;
    remove.hidden = !present;
    body.hidden = !present;
    remedialField.hidden = onWrong.value !== 'remedial_tip';
    addOption.disabled = options.children.length >= CHECK_LIMITS.maxOptions;
    if (present && onWrong.value === 'remedial_tip') loadTips();
  }

  function loadTips(): void {
    if (tipsLoaded) return;
    tipsLoaded = true;
    const chosen = remedial.value;
    tips().then((items) => {
      const current = remedial.value || chosen;
      remedial.replaceChildren(make('option', { value: '', textContent: 'Choose a tip…' }));
      for (const item of items) remedial.appendChild(make('option', { value: item.id, textContent: item.title }));
      if (current && !items.some((item) => item.id === current)) remedial.appendChild(make('option', { value: current, textContent: current }));
      remedial.value = current;
    }, () => {
      tipsLoaded = false;
    });
  }

  function setRemedial(id: string | null | undefined): void {
    if (id && ![...remedial.options].some((item) => item.value === id)) remedial.appendChild(make('option', { value: id, textContent: id }));
    if (remedial.options.length === 0) remedial.appendChild(make('option', { value: '', textContent: 'Choose a tip…' }));
    remedial.value = id ?? '';
  }

  function renderOptions(list: CheckOption[]): void {
    forget('inflow-check-option-');
    options.replaceChildren();
    list.forEach((option, i) => {
      const n = i + 1;
      const rowElement = make('div', { className: 'check-option' });
      rowElement.dataset.optionId = option.id;
      const text = make('input', { id: `inflow-check-option-${i}-text`, type: 'text', maxLength: CHECK_LIMITS.option, value: option.text });
      const correct = make('input', { id: `inflow-check-option-${i}-correct`, type: 'checkbox', checked: option.correct });
      const explanation = make('textarea', { id: `inflow-check-option-${i}-explanation`, rows: 2, maxLength: CHECK_LIMITS.explanation,
        value: option.explanation ?? '', placeholder: 'Why this answer is right or wrong' });
      const drop = make('button', { type: 'button', textContent: 'Remove', className: 'check-option-remove' });
      drop.setAttribute('aria-label', `Remove answer ${n}`);
      drop.addEventListener('click', () => {
        renderOptions(readOptions().filter((_, index) => index !== i));
        show();
        options.focus();
      });
      rowElement.append(field(`Answer ${n}`, text), field(`Answer ${n} is correct`, correct),
        field(`Explanation for answer ${n}`, explanation), drop);
      options.appendChild(rowElement);
    });
  }

  function readOptions(): CheckOption[] {
    return [...options.querySelectorAll<HTMLElement>('.check-option')].map((rowElement, i) => {
      const id = rowElement.dataset.optionId ?? '';
      const original = loaded?.options.find((option) => option.id === id);
      const explanation = rowElement.querySelector<HTMLTextAreaElement>(`#inflow-check-option-${i}-explanation`)?.value ?? '';
      const option: CheckOption = {
        ...original,
        id,
        text: rowElement.querySelector<HTMLInputElement>(`#inflow-check-option-${i}-text`)?.value ?? '',
        correct: rowElement.querySelector<HTMLInputElement>(`#inflow-check-option-${i}-correct`)?.checked ?? false,
      };
      // an explanation left empty stays as the stored tip had it (absent, null or empty)
      if (explanation !== '' || (original?.explanation !== undefined && original.explanation !== null)) option.explanation = explanation;
      return option;
    });
  }

  function freshId(list: CheckOption[]): string {
    const used = new Set(list.map((option) => option.id));
    let n = list.length + 1;
    while (used.has(`o${n}`)) n++;
    return `o${n}`;
  }

  function blank(): CheckOption[] {
    return [{ id: 'o1', text: '', correct: true, explanation: '' }, { id: 'o2', text: '', correct: false, explanation: '' }];
  }

  add.addEventListener('click', () => {
    present = true;
    if (options.children.length === 0) renderOptions(blank());
    show();
    question.focus();
  });
  remove.addEventListener('click', () => {
    present = false;
    show();
    add.focus();
  });
  addOption.addEventListener('click', () => {
    const list = readOptions();
    if (list.length >= CHECK_LIMITS.maxOptions) return;
    list.push({ id: freshId(list), text: '', correct: false, explanation: '' });
    renderOptions(list);
    show();
    options.querySelector<HTMLInputElement>(`#inflow-check-option-${list.length - 1}-text`)?.focus();
  });
  onWrong.addEventListener('change', show);
  options.setAttribute('role', 'group');
  options.setAttribute('aria-label', 'Answers');
  show();

  return {
    element: section,
    fill(check) {
      loaded = check;
      present = check !== null;
      question.value = check?.question ?? '';
      onWrong.value = check?.onWrong ?? 'learn_more';
      setRemedial(check?.remedialTipId);
      renderOptions(check ? check.options : []);
      show();
    },
    read() {
      if (!present) return null;
      const check: Check = {
        ...loaded,
        question: question.value,
        options: readOptions(),
        onWrong: onWrong.value as Check['onWrong'],
      };
      const remedialTipId = onWrong.value === 'remedial_tip' ? remedial.value || null : null;
      if (remedialTipId !== null || (loaded !== null && 'remedialTipId' in loaded)) check.remedialTipId = remedialTipId;
      else delete check.remedialTipId;
      return check;
    },
    reveal() {
      section.scrollIntoView?.({ block: 'nearest' });
    },
    appChanged() {
      tipsLoaded = false;
      setRemedial(null);
      show();
    },
  };
}
