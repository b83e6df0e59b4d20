// What the report views (analytics, mastery) share: a form whose controls reload the report, and an app list
// filled from the server, after which the first report loads.

import type { ViewContext } from './context.ts';
import { h } from './dom.ts';

export function wireReport(ctx: ViewContext, form: HTMLFormElement, app: HTMLSelectElement, controls: HTMLElement[],
  showError: (error: unknown) => void, load: () => Promise<void>): void {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  for (const control of [app, ...controls]) control.addEventListener('change', () => void load());
  ctx.apps().then((apps) => {
    for (const item of apps) app.appendChild(h('option', { value: item.id }, item.name));
    void load();
  }, showError);
}
