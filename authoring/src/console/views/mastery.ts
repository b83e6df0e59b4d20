// Mastery: how much learners know, per tip or per value of a trait (team, role), for one app
// (GET /api/v1/apps/{appId}/mastery). Trait values come from host pages, so they are only ever text.

import { query } from '../api.ts';
import type { ViewContext } from '../context.ts';
import { field, h, messageArea } from '../dom.ts';
import { percent, type Row } from '../analytics/reports.ts';
import { wireReport } from '../reportForm.ts';
import { table } from './analytics.ts';

const FIGURES: readonly [string, string][] = [['learners', 'Learners'], ['seen', 'Seen'], ['answered', 'Checks answered'],
  ['right', 'Answered right'], ['rightShare', 'Right'], ['reviewsDue', 'Reviews due']];

/** The URL of one grouping: per tip, or per value of the named trait. */
export function masteryUrl(appId: string, trait: string): string {
  return `/api/v1/apps/${encodeURIComponent(appId)}/mastery${query(trait ? { by: 'trait', trait } : { by: 'tip' })}`;
}

export function masteryView(ctx: ViewContext): HTMLElement {
  const app = h('select', { id: 'mastery-app' });
  const trait = h('input', { id: 'mastery-trait', type: 'text', maxlength: 64, placeholder: 'team' });
  const message = messageArea();
  const output = h('div', { id: 'mastery-output', class: 'analytics' });

  async function load(): Promise<void> {
    message.clear();
    if (!app.value) return;
    const name = trait.value.trim();
    output.setAttribute('aria-busy', 'true');
    try {
      const groups = await ctx.api.get<{ items: Row[] }>(masteryUrl(app.value, name), { signal: ctx.signal });
      if (ctx.signal.aborted) return;
      const first: [string, string] = name ? ['key', name] : ['title', 'Tip'];
      output.replaceChildren(h('section', { class: 'card analytics-panel', 'aria-labelledby': 'mastery-heading' },
        h('h2', { id: 'mastery-heading' }, name ? `Per ${name}` : 'Per tip'),
        table('mastery-table', name ? `Mastery per ${name}` : 'Mastery per tip', groups.items, [first, ...FIGURES],
          (column, value) => (column === 'rightShare' ? percent(value)
            : column === 'key' && value === '' ? '(no value)' : value === null || value === undefined ? '—' : String(value)))));
    } catch (error) {
      if (!ctx.signal.aborted) message.show(error);
    } finally {
      output.removeAttribute('aria-busy');
    }
  }

  const form = h('form', { class: 'card form-card', id: 'mastery-form', 'aria-label': 'Mastery filters' },
    h('div', { class: 'grid-4' }, field('App', app), field('Group by trait', trait, 'Empty: per tip. A trait such as team or role groups learners by its value.')),
    message.element);
  wireReport(ctx, form, app, [trait], (error) => message.show(error), load);

  return h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Mastery')),
    h('p', { class: 'hint' }, 'What learners know: tips seen, checks answered (right by their last answer), reviews due.'), form, output);
}
