// The fields of a tip as authors edit them, and which of them this server accepts yet.

import type { Fingerprint } from '../../../overlay-js/src/anchor/index.ts';

export const PRESENTATIONS = ['tooltip', 'hotspot', 'modal', 'banner'] as const;
export const PLACEMENTS = ['auto', 'top', 'bottom', 'left', 'right'] as const;
export const TRIGGERS = ['page_load', 'visible', 'hover', 'click', 'launcher'] as const;
export const FREQUENCIES = ['once', 'until_dismissed', 'every_visit'] as const;
export const AUDIENCE_OPS = ['equals', 'in', 'not', 'exists', 'gt', 'gte', 'lt', 'lte'] as const;
export const MEDIA_TYPES = ['image', 'video'] as const;

export type Presentation = (typeof PRESENTATIONS)[number];
export type Placement = (typeof PLACEMENTS)[number];
export type Trigger = (typeof TRIGGERS)[number];
export type Frequency = (typeof FREQUENCIES)[number];
export type AudienceOp = (typeof AUDIENCE_OPS)[number];

export interface Condition {
  trait: string;
  op: AudienceOp;
  value?: string | number | string[];
}

export interface LearnMore {
  url: string;
  label?: string;
}

export interface Media {
  type: (typeof MEDIA_TYPES)[number];
  url: string;
  alt?: string;
}

/** One answer of a check; `correct` and `explanation` never reach the worker before they answer. */
export interface CheckOption {
  id: string;
  text: string;
  correct: boolean;
  explanation?: string | null;
}

export const ON_WRONG = ['learn_more', 'remedial_tip', 'repeat_step'] as const;

/** A question inside the tip, and what a wrong answer does. */
export interface Check {
  question: string;
  options: CheckOption[];
  onWrong: (typeof ON_WRONG)[number];
  remedialTipId?: string | null;
}

export interface LocaleVariant {
  title: string;
  body: string;
}

/** Everything an author can set on a tip. */
export interface TipFields {
  title: string;
  body: string;
  presentation: Presentation;
  placement: Placement;
  pageRule: string;
  anchor: Fingerprint | null;
  learnMore: LearnMore | null;
  media: Media | null;
  trigger: Trigger;
  frequency: Frequency;
  audience: Condition[];
  schedule: { from: string | null; to: string | null } | null;
  priority: number;
  locales: Record<string, LocaleVariant>;
  reinforce: boolean;
  check: Check | null;
}

/**
 * The fields this server stores. The editor has controls for all of them; a field is sent
 * only once it is listed here, because the server refuses unknown fields.
 */
export const SERVER_FIELDS: ReadonlySet<keyof TipFields> = new Set<keyof TipFields>([
  'title', 'body', 'presentation', 'placement', 'pageRule', 'anchor', 'learnMore', 'media',
  'trigger', 'frequency', 'audience', 'schedule', 'priority', 'locales', 'reinforce', 'check',
]);

/** Presentations this server accepts; the others are offered but cannot be chosen yet. */
export const SERVER_PRESENTATIONS: ReadonlySet<Presentation> = new Set<Presentation>(['tooltip', 'hotspot', 'modal', 'banner']);

/** The request body for POST/PUT: only the fields the server knows. */
export function toInput(fields: TipFields, supported: ReadonlySet<keyof TipFields> = SERVER_FIELDS): Partial<TipFields> {
  const input: Partial<TipFields> = {};
  for (const key of Object.keys(fields) as (keyof TipFields)[]) {
    if (supported.has(key)) (input as Record<string, unknown>)[key] = fields[key];
  }
  return input;
}

/** The limits io.inflow.tips.CheckRules applies; the editor checks them before the server does. */
export const CHECK_LIMITS = { question: 500, option: 300, explanation: 1000, minOptions: 2, maxOptions: 5 } as const;

/** The field errors the server would answer for this check, named as it names them (`check.options[1].text`). */
export function checkErrors(check: Check, hasLearnMore: boolean): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const text = (value: string | null | undefined, field: string, max: number): void => {
    if (!value || !value.trim()) errors.push({ field, message: 'is required' });
    else if (value.length > max) errors.push({ field, message: `must be at most ${max} characters` });
  };
  text(check.question, 'check.question', CHECK_LIMITS.question);
  const count = check.options.length;
  if (count < CHECK_LIMITS.minOptions || count > CHECK_LIMITS.maxOptions) {
    errors.push({ field: 'check.options', message: 'must list 2 to 5 options' });
  } else {
    check.options.forEach((option, i) => {
      text(option.text, `check.options[${i}].text`, CHECK_LIMITS.option);
      if ((option.explanation ?? '').length > CHECK_LIMITS.explanation) {
        errors.push({ field: `check.options[${i}].explanation`, message: `must be at most ${CHECK_LIMITS.explanation} characters` });
      }
    });
    if (!check.options.some((option) => option.correct)) {
      errors.push({ field: 'check.options', message: 'at least one option must be correct' });
    }
  }
  if (check.onWrong === 'learn_more' && !hasLearnMore) {
    errors.push({ field: 'check.onWrong', message: 'learn_more needs the tip\'s learnMore link' });
  }
  if (check.onWrong === 'remedial_tip' && !check.remedialTipId) {
    errors.push({ field: 'check.remedialTipId', message: 'is required when onWrong is remedial_tip' });
  }
  return errors;
}

/** One condition per line, `trait op value`: `role in sales, support` · `plan exists` · `seats gte 10`. */
export function parseAudience(text: string): { conditions: Condition[]; errors: string[] } {
  const conditions: Condition[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = /^(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(line);
    const op = match?.[2] as AudienceOp | undefined;
    if (!match || !op || !(AUDIENCE_OPS as readonly string[]).includes(op)) {
      errors.push(`line ${index + 1}: write “trait op value”, op one of ${AUDIENCE_OPS.join(', ')}`);
      return;
    }
    const trait = match[1]!;
    const value = (match[3] ?? '').trim();
    if (op === 'exists') {
      conditions.push({ trait, op });
    } else if (!value) {
      errors.push(`line ${index + 1}: ${op} needs a value`);
    } else if (op === 'in') {
      conditions.push({ trait, op, value: value.split(',').map((v) => v.trim()).filter(Boolean) });
    } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
      const number = Number(value);
      if (Number.isFinite(number)) conditions.push({ trait, op, value: number });
      else errors.push(`line ${index + 1}: ${op} compares numbers`);
    } else {
      conditions.push({ trait, op, value });
    }
  });
  return { conditions, errors };
}

/** The text form of conditions, as `parseAudience` reads it. */
export function formatAudience(conditions: readonly Condition[]): string {
  return conditions
    .map((c) => [c.trait, c.op, Array.isArray(c.value) ? c.value.join(', ') : c.value ?? ''].join(' ').trim())
    .join('\n');
}

/** The fields POST/PUT /api/v1/tips take; a stored tip also carries read-only ones (id, status, bodyHtml, …). */
const INPUT_FIELDS = [
  'title', 'body', 'presentation', 'placement', 'pageRule', 'anchor', 'learnMore', 'media', 'trigger', 'frequency',
  'audience', 'schedule', 'priority', 'locales', 'reinforce', 'check',
] as const;

/**
 * A PUT body that keeps everything a stored tip says and changes only `changes` (a re-pin changes the anchor alone).
 * Translations lose their rendered HTML, which the server makes again.
 */
export function storedTipInput(stored: Record<string, unknown>, changes: Record<string, unknown> = {}): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of INPUT_FIELDS) {
    if (stored[key] !== undefined) input[key] = stored[key];
  }
  const locales = stored.locales;
  if (locales && typeof locales === 'object') {
    input.locales = Object.fromEntries(Object.entries(locales as Record<string, { title?: string; body?: string }>)
      .map(([lang, text]) => [lang, { title: text?.title ?? '', body: text?.body ?? '' }]));
  }
  return { ...input, ...changes };
}
