// Apps: the list with each app's snippet and picker bookmarklet; admins add apps here.

import type { App } from '../api.ts';
import { canAuthor, isAdmin, type ViewContext } from '../context.ts';
import { copyButton, field, h, messageArea } from '../dom.ts';
import { buildBookmarklet, buildSnippet } from '../snippets.ts';

export function appsView(ctx: ViewContext): HTMLElement {
  const list = h('ul', { class: 'cards', 'aria-label': 'Apps' });
  const message = messageArea();
  const view = h('section', { class: 'view', 'aria-labelledby': 'view-heading' },
    h('div', { class: 'view-head' }, h('h1', { id: 'view-heading' }, 'Apps')),
    message.element,
  );
  if (isAdmin(ctx.account)) view.appendChild(createForm(ctx, (app) => list.prepend(appCard(ctx, app))));
  view.appendChild(list);

  list.appendChild(h('li', { class: 'muted' }, 'Loading apps…'));
  ctx.apps().then(
    (apps) => {
      list.replaceChildren(...apps.map((app) => appCard(ctx, app)));
      if (apps.length === 0) {
        list.appendChild(h('li', { class: 'empty' }, isAdmin(ctx.account)
          ? 'No apps yet. Add the first one above.'
          : 'No apps yet. An admin adds them.'));
      }
    },
    (error: unknown) => {
      list.replaceChildren();
      message.show(error);
    },
  );
  return view;
}

function createForm(ctx: ViewContext, onCreated: (app: App) => void): HTMLElement {
  const name = h('input', { id: 'app-name', type: 'text', required: true, maxlength: 200, autocomplete: 'off' });
  const origins = h('textarea', { id: 'app-origins', rows: 3, placeholder: 'https://crm.example.com', spellcheck: 'false' });
  const submit = h('button', { id: 'app-create', type: 'submit', class: 'primary' }, 'Add app');
  const message = messageArea();
  const form = h('form', { class: 'card form-card', id: 'app-form', 'aria-label': 'Add an app' },
    h('h2', {}, 'Add an app'),
    h('div', { class: 'grid-2' },
      field('Name', name),
      field('Allowed origins', origins, 'One per line, e.g. https://crm.example.com'),
    ),
    message.element,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    message.clear();
    submit.disabled = true;
    const allowedOrigins = origins.value.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
    ctx.api.post<App>('/api/v1/apps', { name: name.value.trim(), allowedOrigins }, { signal: ctx.signal })
      .then((app) => {
        onCreated(app);
        form.reset();
        message.ok(`${app.name} was added.`);
      }, (error: unknown) => message.show(error))
      .finally(() => {
        submit.disabled = false;
      });
  });
  return form;
}

type Overlay = { path?: string; integrity?: string | null };
let overlayScript: Promise<Overlay | null> | null = null;

/** The served overlay's versioned path and SRI hash, asked once per console load. */
function overlay(ctx: ViewContext): Promise<Overlay | null> {
  overlayScript ??= ctx.api.get<Overlay>('/api/v1/overlay').catch(() => null);
  return overlayScript;
}

function appCard(ctx: ViewContext, app: App): HTMLElement {
  let snippetText = buildSnippet(location.origin, app.siteKey);
  const snippet = h('code', { id: `snippet-${app.id}`, 'data-snippet': app.id, class: 'code-block' }, snippetText);
  void overlay(ctx).then((served) => {
    if (!served?.integrity) return;
    snippetText = buildSnippet(location.origin, app.siteKey, served.integrity, served.path);
    snippet.textContent = snippetText;
  });
  const origins = app.allowedOrigins ?? [];
  const card = h('li', { class: 'card', 'data-app-id': app.id },
    h('h2', { class: 'ellipsis', title: app.name }, app.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Site key'), h('dd', {}, h('code', { 'data-site-key': app.siteKey }, app.siteKey)),
      h('dt', {}, 'Allowed origins'),
      h('dd', {}, origins.length > 0
        ? h('ul', { class: 'plain' }, ...origins.map((origin) => h('li', {}, origin)))
        : h('span', { class: 'muted' }, 'none yet: the overlay is refused everywhere')),
      h('dt', {}, 'Theme'), h('dd', { class: 'muted', 'data-theme': app.id }, 'Inflow default (custom themes are coming)'),
    ),
    h('h3', {}, 'Snippet for the app’s pages'),
    h('div', { class: 'copy-row' }, snippet, copyButton('Copy snippet', () => snippetText, snippet)),
  );
  if (canAuthor(ctx.account)) card.appendChild(bookmarkletBlock(ctx));
  return card;
}

function bookmarkletBlock(ctx: ViewContext): HTMLElement {
  const make = h('button', { type: 'button', class: 'secondary', 'data-action': 'make-bookmarklet' }, 'Make picker bookmarklet');
  const slot = h('div', { class: 'bookmarklet-slot' });
  const message = messageArea();
  make.addEventListener('click', () => {
    message.clear();
    make.disabled = true;
    ctx.api.post<{ id: string; name: string; token: string }>('/api/v1/tokens', { name: 'Picker bookmarklet' }, { signal: ctx.signal })
      .then(({ token }) => {
        // one bookmarklet on screen at a time, wherever it was made
        document.getElementById('bookmarklet-link')?.closest('.bookmarklet')?.remove();
        slot.replaceChildren(bookmarklet(buildBookmarklet(location.origin, token)));
      }, (error: unknown) => message.show(error))
      .finally(() => {
        make.disabled = false;
      });
  });
  return h('div', { class: 'bookmarklet-block' },
    h('h3', {}, 'Pin tips on the live app'),
    h('p', { class: 'hint' }, 'Makes a personal token and a bookmarklet that opens the picker on any page of this app.'),
    make, message.element, slot,
    h('p', { class: 'hint' }, 'Where the app’s security policy blocks bookmarklets, use the ',
      h('a', { href: '/inflow-extension.zip', download: 'inflow-extension.zip', id: 'extension-download' }, 'browser extension'),
      ': unzip it, load it in chrome://extensions (developer mode), and enter this server and a personal token in its options.'),
  );
}

function bookmarklet(href: string): HTMLElement {
  const link = h('a', { id: 'bookmarklet-link', class: 'bookmarklet-link', draggable: 'true' }, 'Inflow picker');
  link.setAttribute('href', href);
  // Clicking it here would open the picker on the console itself; it is meant to be dragged.
  link.addEventListener('click', (event) => event.preventDefault());
  return h('div', { class: 'bookmarklet' },
    link,
    copyButton('Copy bookmarklet', () => href),
    h('p', { class: 'hint' },
      'Drag “Inflow picker” to your bookmarks bar, then click it on a page of the app. ',
      'It holds a personal token that is shown only this once; revoke it under Tokens.'),
  );
}
