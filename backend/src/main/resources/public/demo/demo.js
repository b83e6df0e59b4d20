window.Inflow = window.Inflow || { q: [], identify: function () { window.Inflow.q.push(['identify', Array.prototype.slice.call(arguments)]); } };
Inflow.identify('demo-user-1', { role: 'sales', locale: 'en', team: 'emea' });

/*
 * Northwind CRM: a small single-page sample app that hosts the Inflow overlay.
 * Plain ES2020, no framework, no build step. Works under a strict CSP: all DOM is
 * built with createElement and textContent, there are no inline styles or handlers.
 */
(function () {
  'use strict';

  const BASE = '/demo';

  // ---------------------------------------------------------------- data

  const accounts = [
    { id: 1, name: 'Acme Logistics', industry: 'Transport & logistics', owner: 'Dana Whitfield', arr: 184000,
      employees: 1200, city: 'Rotterdam', website: 'acme-logistics.example', contact: 'Marta Kowalski', contactTitle: 'Head of Operations' },
    { id: 2, name: 'Brightwater Foods', industry: 'Food & beverage', owner: 'Jonas Berg', arr: 96500,
      employees: 430, city: 'Cork', website: 'brightwater.example', contact: 'Sean Gallagher', contactTitle: 'Procurement Lead' },
    { id: 3, name: 'Cobalt Systems', industry: 'Software', owner: 'Dana Whitfield', arr: 312000,
      employees: 2100, city: 'Berlin', website: 'cobalt-systems.example', contact: 'Lena Hoffmann', contactTitle: 'VP Engineering' },
    { id: 4, name: 'Delft Instruments', industry: 'Manufacturing', owner: 'Priya Raman', arr: 142750,
      employees: 860, city: 'Delft', website: 'delft-instruments.example', contact: 'Pieter de Vries', contactTitle: 'CFO' },
    { id: 5, name: 'Evergreen Health', industry: 'Healthcare', owner: 'Jonas Berg', arr: 228400,
      employees: 3400, city: 'Copenhagen', website: 'evergreen-health.example', contact: 'Freja Nielsen', contactTitle: 'Director of IT' },
    { id: 6, name: 'Fjord Energy', industry: 'Energy', owner: 'Priya Raman', arr: 407900,
      employees: 5200, city: 'Bergen', website: 'fjord-energy.example', contact: 'Ole Haugen', contactTitle: 'Chief Digital Officer' },
    { id: 7, name: 'Galleria Retail Group', industry: 'Retail', owner: 'Dana Whitfield', arr: 73200,
      employees: 640, city: 'Milan', website: 'galleria-retail.example', contact: 'Giulia Conti', contactTitle: 'Store Operations Manager' },
    { id: 8, name: 'Harbor & Finch Legal', industry: 'Professional services', owner: 'Luca Moretti', arr: 58900,
      employees: 180, city: 'Lisbon', website: 'harborfinch.example', contact: 'Inês Almeida', contactTitle: 'Managing Partner' },
  ];

  const opportunities = [
    { id: 1, accountId: 1, name: 'Fleet tracking rollout', amount: 48000, stage: 'Proposal', closeDate: '2026-12-18', discount: 5, owner: 'Dana Whitfield' },
    { id: 2, accountId: 3, name: 'Platform renewal 2027', amount: 126000, stage: 'Negotiation', closeDate: '2026-12-05', discount: 10, owner: 'Dana Whitfield' },
    { id: 3, accountId: 5, name: 'Clinic scheduling add-on', amount: 37500, stage: 'Qualification', closeDate: '2027-01-30', discount: 0, owner: 'Jonas Berg' },
    { id: 4, accountId: 6, name: 'Field service expansion', amount: 210000, stage: 'Prospecting', closeDate: '2027-03-15', discount: 0, owner: 'Priya Raman' },
    { id: 5, accountId: 4, name: 'Quality analytics pilot', amount: 22000, stage: 'Closed won', closeDate: '2026-10-28', discount: 12, owner: 'Priya Raman' },
    { id: 6, accountId: 2, name: 'Supplier portal', amount: 31000, stage: 'Closed lost', closeDate: '2026-09-30', discount: 20, owner: 'Jonas Berg' },
    { id: 7, accountId: 1, name: 'Warehouse scanners', amount: 15400, stage: 'Closed won', closeDate: '2026-11-02', discount: 0, owner: 'Dana Whitfield' },
    { id: 8, accountId: 7, name: 'Loyalty programme integration', amount: 54800, stage: 'Proposal', closeDate: '2027-02-12', discount: 8, owner: 'Dana Whitfield' },
  ];

  const STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed won', 'Closed lost'];
  const PROBABILITY = { Prospecting: 10, Qualification: 25, Proposal: 50, Negotiation: 75, 'Closed won': 100, 'Closed lost': 0 };
  const INDUSTRIES = ['Energy', 'Food & beverage', 'Healthcare', 'Manufacturing', 'Professional services', 'Retail', 'Software', 'Transport & logistics'];
  const OWNERS = ['Dana Whitfield', 'Jonas Berg', 'Priya Raman', 'Luca Moretti'];

  const activities = {
    1: [{ kind: 'Call', who: 'Dana Whitfield', when: '2026-11-19', text: 'Walked Marta through the tracking dashboard; she wants a pricing option for 300 vehicles.' }],
    3: [{ kind: 'Email', who: 'Dana Whitfield', when: '2026-11-17', text: 'Sent the renewal quote with the multi-year option.' }],
    6: [{ kind: 'Meeting', who: 'Priya Raman', when: '2026-11-12', text: 'Discovery workshop in Bergen with the field service team.' }],
  };

  const money = new Intl.NumberFormat('en-IE', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat('en-IE');
  const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

  function formatDate(iso) {
    const d = new Date(iso + 'T00:00:00Z');
    return isNaN(d.getTime()) ? iso : dateFormat.format(d);
  }

  function accountById(id) { return accounts.find((a) => a.id === id); }
  function opportunityById(id) { return opportunities.find((o) => o.id === id); }
  function isClosed(stage) { return stage === 'Closed won' || stage === 'Closed lost'; }

  // ------------------------------------------------- generated-looking ids

  // Real apps built with Ember or React give elements ids that change from render
  // to render. We do the same so anchoring cannot lean on them.
  let emberCounter = 300 + Math.floor(Math.random() * 400);
  let reactCounter = 2;
  function emberId() { emberCounter += 1; return 'ember' + emberCounter; }
  function reactId() { reactCounter += 1; return ':r' + reactCounter.toString(36) + ':'; }
  const loadToken = Math.random().toString(36).slice(2, 8);

  // --------------------------------------------------------- DOM helpers

  /**
   * h('a', {class: 'x', href: '/y', onclick: fn}, 'text', childNode, [more])
   * Strings become text nodes; null, undefined and false are skipped.
   */
  function h(tag, attrs, ...children) {
    const svg = tag === 'svg' || tag === 'path' || tag === 'circle';
    const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    if (attrs) {
      for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on') && typeof value === 'function') {
          el.addEventListener(key.slice(2), value);
        } else if (key === 'value' && !svg) {
          el.value = value;
        } else if (value === true) {
          el.setAttribute(key, '');
        } else {
          el.setAttribute(key, String(value));
        }
      }
    }
    append(el, children);
    return el;
  }

  function append(el, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(el, child);
      else if (child instanceof Node) el.appendChild(child);
      else el.appendChild(document.createTextNode(String(child)));
    }
  }

  function link(path, text, cls) {
    return h('a', { href: path, 'data-route': true, class: cls || null }, text);
  }

  function stageBadge(stage) {
    const cls = stage === 'Closed won' ? 'badge badge-success'
      : stage === 'Closed lost' ? 'badge badge-muted'
        : stage === 'Negotiation' ? 'badge badge-warning' : 'badge badge-info';
    return h('span', { class: cls }, stage);
  }

  function initials(name) {
    return name.split(/\s+/).filter((w) => /^[A-Za-z]/.test(w)).slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  }

  function icon(d, size) {
    return h('svg', { class: 'btn-icon', viewBox: '0 0 20 20', width: size || 16, height: size || 16, 'aria-hidden': 'true', focusable: 'false' },
      h('path', { d, fill: 'none', stroke: 'currentColor', 'stroke-width': '1.7', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }));
  }

  let toastTimer = 0;
  function toast(message) {
    const el = document.getElementById('toast');
    el.textContent = message;
    el.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { el.hidden = true; }, 3200);
  }

  function pageHeader(title, subtitle, actions) {
    return h('div', { class: 'page-header', id: emberId() },
      h('div', { class: 'page-header-text' },
        h('h1', { class: 'page-title' }, title),
        subtitle ? h('p', { class: 'page-subtitle' }, subtitle) : null),
      actions ? h('div', { class: 'page-actions' }, actions) : null);
  }

  // ------------------------------------------------------------- views

  function viewAccounts() {
    const filterId = reactId();
    const tbody = h('tbody', { class: 'data-table-body' });
    const empty = h('p', { class: 'empty-state', hidden: true }, 'No accounts match this filter.');
    const count = h('span', { class: 'table-count' });

    function fill(query) {
      const q = query.trim().toLowerCase();
      const rows = accounts.filter((a) => !q
        || a.name.toLowerCase().includes(q)
        || a.industry.toLowerCase().includes(q)
        || a.owner.toLowerCase().includes(q));
      tbody.replaceChildren(...rows.map((a) => h('tr', { class: 'data-row', id: emberId(), 'data-account-id': a.id },
        h('td', { class: 'cell-primary' }, h('div', { class: 'cell-inner' },
          h('span', { class: 'row-avatar', 'aria-hidden': 'true' }, initials(a.name)),
          link(`${BASE}/accounts/${a.id}`, a.name, 'row-link'))),
        h('td', null, a.industry),
        h('td', null, a.owner),
        h('td', { class: 'num' }, money.format(a.arr)))));
      empty.hidden = rows.length > 0;
      count.textContent = rows.length === accounts.length
        ? `${accounts.length} accounts`
        : `${rows.length} of ${accounts.length} accounts`;
    }

    const filter = h('input', {
      class: 'input filter-input', type: 'search', id: filterId, name: 'filter',
      'data-testid': 'account-filter', placeholder: 'Name, industry or owner', autocomplete: 'off',
      oninput: (e) => fill(e.target.value),
    });

    const newButton = h('button', {
      class: 'btn btn-primary', type: 'button', id: emberId(), 'data-testid': 'new-account',
      onclick: () => openNewAccountDialog(() => fill(filter.value)),
    }, icon('M10 4v12M4 10h12'), 'New account');

    fill('');

    return [
      pageHeader('Accounts', 'Companies you sell to, with their owner and annual recurring revenue.', newButton),
      h('section', { class: 'card card-flush', id: emberId() },
        h('div', { class: 'table-toolbar' },
          h('div', { class: 'field field-inline' },
            h('label', { class: 'field-label', for: filterId }, 'Filter accounts'),
            filter),
          count),
        h('table', { class: 'data-table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, 'Account name'),
            h('th', { scope: 'col' }, 'Industry'),
            h('th', { scope: 'col' }, 'Owner'),
            h('th', { scope: 'col', class: 'num' }, 'ARR'))),
          tbody),
        empty),
    ];
  }

  function openNewAccountDialog(onCreated) {
    const nameId = reactId();
    const industryId = reactId();
    const ownerId = reactId();
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': nameId + '-title' });

    const form = h('form', { class: 'dialog-form', method: 'dialog', novalidate: true },
      h('h2', { class: 'dialog-title', id: nameId + '-title' }, 'New account'),
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: nameId }, 'Account name'),
        h('input', { class: 'input', id: nameId, name: 'accountName', required: true, autocomplete: 'off' })),
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: industryId }, 'Industry'),
        h('select', { class: 'input', id: industryId, name: 'industry' }, INDUSTRIES.map((i) => h('option', null, i)))),
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: ownerId }, 'Owner'),
        h('select', { class: 'input', id: ownerId, name: 'owner' }, OWNERS.map((o) => h('option', null, o)))),
      error,
      h('div', { class: 'dialog-actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { class: 'btn btn-primary', type: 'submit' }, 'Create account')));

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const name = form.elements.accountName.value.trim();
      if (!name) {
        error.textContent = 'Enter a name for the account.';
        error.hidden = false;
        form.elements.accountName.focus();
        return;
      }
      const id = Math.max(...accounts.map((a) => a.id)) + 1;
      accounts.push({
        id, name, industry: form.elements.industry.value, owner: form.elements.owner.value, arr: 0,
        employees: 0, city: '—', website: '—', contact: '—', contactTitle: '',
      });
      dialog.close();
      onCreated();
      toast(`Account “${name}” created`);
    });

    dialog.appendChild(form);
    dialog.addEventListener('close', () => dialog.remove());
    document.body.appendChild(dialog);
    dialog.showModal();
  }

  function viewAccount(id) {
    const account = accountById(id);
    if (!account) return viewNotFound('We could not find that account.');
    const related = opportunities.filter((o) => o.accountId === account.id);
    const log = activities[account.id] || (activities[account.id] = []);

    const activityList = h('ul', { class: 'activity-list' });
    function fillActivities() {
      activityList.replaceChildren(...(log.length ? log : [null]).map((a) => a
        ? h('li', { class: 'activity-item', id: emberId() },
          h('span', { class: 'activity-kind' }, a.kind),
          h('div', { class: 'activity-body' },
            h('p', { class: 'activity-text' }, a.text),
            h('p', { class: 'activity-meta' }, `${a.who} · ${formatDate(a.when)}`)))
        : h('li', { class: 'activity-item activity-empty' }, 'No activity yet. Log your first call.')));
    }
    fillActivities();

    const notesId = reactId();
    const callForm = h('form', { class: 'call-form', hidden: true },
      h('div', { class: 'field' },
        h('label', { class: 'field-label', for: notesId }, 'Call notes'),
        h('textarea', { class: 'input', id: notesId, name: 'notes', rows: 3, placeholder: 'What did you discuss? Next steps?' })),
      h('div', { class: 'form-actions' },
        h('button', { class: 'btn', type: 'button', onclick: () => { callForm.hidden = true; } }, 'Cancel'),
        h('button', { class: 'btn btn-primary', type: 'submit' }, 'Save call')));
    callForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const text = callForm.elements.notes.value.trim() || 'Call logged without notes.';
      log.unshift({ kind: 'Call', who: 'Dana Whitfield', when: new Date().toISOString().slice(0, 10), text });
      callForm.reset();
      callForm.hidden = true;
      fillActivities();
      toast('Call logged');
    });

    const logCall = h('button', {
      class: 'btn', type: 'button', id: emberId(), 'data-testid': 'log-call',
      onclick: () => { callForm.hidden = false; callForm.elements.notes.focus(); },
    }, icon('M5 3h3l1.5 4-2 1.2a9 9 0 004.3 4.3L13 10.5l4 1.5v3a2 2 0 01-2 2A13 13 0 013 5a2 2 0 012-2z'), 'Log a call');

    const details = [
      ['Industry', account.industry],
      ['Account owner', account.owner],
      ['Annual recurring revenue', money.format(account.arr)],
      ['Employees', account.employees ? number.format(account.employees) : '—'],
      ['Headquarters', account.city],
      ['Website', account.website],
      ['Primary contact', account.contactTitle ? `${account.contact}, ${account.contactTitle}` : account.contact],
    ];

    return [
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
        link(`${BASE}/accounts`, 'Accounts'), h('span', { 'aria-hidden': 'true' }, ' / '), h('span', null, account.name)),
      h('div', { class: 'record-header', id: emberId() },
        h('span', { class: 'avatar avatar-lg', 'aria-hidden': 'true' }, initials(account.name)),
        h('div', { class: 'record-title' },
          h('h1', { class: 'page-title' }, account.name),
          h('p', { class: 'page-subtitle' }, `${account.industry} · ${account.city}`)),
        h('div', { class: 'page-actions' }, logCall)),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card', id: emberId() },
          h('h2', { class: 'card-title' }, 'Details'),
          h('dl', { class: 'details-list' }, details.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]))),
        h('div', { class: 'stack' },
          h('section', { class: 'card card-flush', id: emberId() },
            h('h2', { class: 'card-title card-title-padded' }, `Opportunities (${related.length})`),
            related.length
              ? h('table', { class: 'data-table' },
                h('thead', null, h('tr', null,
                  h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Stage'),
                  h('th', { scope: 'col', class: 'num' }, 'Amount'))),
                h('tbody', null, related.map((o) => h('tr', { class: 'data-row', id: emberId() },
                  h('td', null, link(`${BASE}/opportunities/${o.id}`, o.name, 'row-link')),
                  h('td', null, stageBadge(o.stage)),
                  h('td', { class: 'num' }, money.format(o.amount))))))
              : h('p', { class: 'empty-state' }, 'No opportunities for this account yet.')),
          h('section', { class: 'card', id: emberId() },
            h('h2', { class: 'card-title' }, 'Activity'),
            callForm,
            activityList))),
    ];
  }

  function viewOpportunities() {
    const open = opportunities.filter((o) => !isClosed(o.stage));
    return [
      pageHeader('Opportunities', `${open.length} open · ${money.format(open.reduce((s, o) => s + o.amount, 0))} in pipeline`),
      h('section', { class: 'card card-flush', id: emberId() },
        h('table', { class: 'data-table' },
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, 'Opportunity'),
            h('th', { scope: 'col' }, 'Account'),
            h('th', { scope: 'col' }, 'Stage'),
            h('th', { scope: 'col' }, 'Close date'),
            h('th', { scope: 'col' }, 'Owner'),
            h('th', { scope: 'col', class: 'num' }, 'Amount'))),
          h('tbody', null, opportunities.map((o) => {
            const account = accountById(o.accountId);
            return h('tr', { class: 'data-row', id: emberId(), 'data-opportunity-id': o.id },
              h('td', { class: 'cell-primary' }, link(`${BASE}/opportunities/${o.id}`, o.name, 'row-link')),
              h('td', null, account ? link(`${BASE}/accounts/${account.id}`, account.name, 'subtle-link') : '—'),
              h('td', null, stageBadge(o.stage)),
              h('td', null, formatDate(o.closeDate)),
              h('td', null, o.owner),
              h('td', { class: 'num' }, money.format(o.amount)));
          })))),
    ];
  }

  function viewOpportunity(id) {
    const opp = opportunityById(id);
    if (!opp) return viewNotFound('We could not find that opportunity.');
    const account = accountById(opp.accountId);

    const ids = { name: reactId(), amount: `opp-amount-${loadToken}`, stage: reactId(), closeDate: reactId(), discount: reactId() };
    const title = h('h1', { class: 'page-title' }, opp.name);
    const notice = h('p', { class: 'notice notice-success', role: 'status', hidden: true });
    const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
    const probability = h('dd', null, `${PROBABILITY[opp.stage]}%`);
    const weighted = h('dd', null, money.format(opp.amount * PROBABILITY[opp.stage] / 100));
    const badgeSlot = h('span', { class: 'badge-slot' }, stageBadge(opp.stage));

    function field(label, forId, control, hint) {
      return h('div', { class: 'field' },
        h('label', { class: 'field-label', for: forId }, label),
        control,
        hint ? h('p', { class: 'field-hint' }, hint) : null);
    }

    const form = h('form', { class: 'record-form', 'data-testid': 'opp-form', id: emberId(), novalidate: true },
      h('h2', { class: 'card-title' }, 'Opportunity details'),
      h('div', { class: 'form-grid' },
        field('Name', ids.name,
          h('input', { class: 'input', type: 'text', id: ids.name, name: 'name', value: opp.name, autocomplete: 'off', required: true })),
        field('Amount (EUR)', ids.amount,
          h('input', { class: 'input', type: 'number', id: ids.amount, name: 'amount', 'data-testid': 'opp-amount', min: 0, step: 100, value: String(opp.amount) })),
        field('Stage', ids.stage,
          h('select', { class: 'input', id: ids.stage, name: 'stage', 'data-testid': 'opp-stage' },
            STAGES.map((s) => h('option', { value: s, selected: s === opp.stage }, s)))),
        field('Close date', ids.closeDate,
          h('input', { class: 'input', type: 'date', id: ids.closeDate, name: 'closeDate', 'data-testid': 'opp-close-date', value: opp.closeDate })),
        field('Discount %', ids.discount,
          h('input', { class: 'input', type: 'number', id: ids.discount, name: 'discount', 'data-testid': 'opp-discount', min: 0, max: 100, step: 1, value: String(opp.discount) }))),
      error,
      h('div', { class: 'form-actions' },
        notice,
        h('button', { class: 'btn btn-primary', type: 'submit', id: emberId(), 'data-testid': 'opp-save' }, 'Save')));

    form.addEventListener('input', () => { notice.hidden = true; });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const els = form.elements;
      const name = els.name.value.trim();
      const amount = Number(els.amount.value);
      const discount = Number(els.discount.value || 0);
      const problems = [];
      if (!name) problems.push('Name is required.');
      if (els.amount.value === '' || !Number.isFinite(amount) || amount < 0) problems.push('Amount must be zero or more.');
      if (!Number.isFinite(discount) || discount < 0 || discount > 100) problems.push('Discount must be between 0 and 100.');
      if (!els.closeDate.value) problems.push('Close date is required.');
      if (problems.length) {
        error.textContent = problems.join(' ');
        error.hidden = false;
        notice.hidden = true;
        return;
      }
      error.hidden = true;
      Object.assign(opp, { name, amount, stage: els.stage.value, closeDate: els.closeDate.value, discount });
      title.textContent = opp.name;
      document.title = `${opp.name} · Northwind CRM`;
      badgeSlot.replaceChildren(stageBadge(opp.stage));
      probability.textContent = `${PROBABILITY[opp.stage]}%`;
      weighted.textContent = money.format(opp.amount * PROBABILITY[opp.stage] / 100);
      notice.textContent = discount > 15 ? 'Saved. Discounts over 15% go to your manager for approval.' : 'Saved';
      notice.hidden = false;
    });

    return [
      h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
        link(`${BASE}/opportunities`, '← Back to opportunities', 'back-link')),
      h('div', { class: 'page-header', id: emberId() },
        h('div', { class: 'page-header-text' },
          title,
          h('p', { class: 'page-subtitle' },
            account ? link(`${BASE}/accounts/${account.id}`, account.name, 'subtle-link') : null,
            ` · Owner ${opp.owner} · `, badgeSlot))),
      h('div', { class: 'grid-main-aside' },
        h('section', { class: 'card', id: emberId() }, form),
        h('aside', { class: 'card', id: emberId() },
          h('h2', { class: 'card-title' }, 'Forecast'),
          h('dl', { class: 'details-list details-list-compact' },
            h('dt', null, 'Probability'), probability,
            h('dt', null, 'Weighted amount'), weighted,
            h('dt', null, 'Forecast category'), h('dd', null, isClosed(opp.stage) ? 'Closed' : 'Pipeline')),
          h('p', { class: 'field-hint' }, 'Probability follows the stage. Weighted amount = amount × probability.'))),
    ];
  }

  function viewReports() {
    const open = opportunities.filter((o) => !isClosed(o.stage));
    const won = opportunities.filter((o) => o.stage === 'Closed won');
    const lost = opportunities.filter((o) => o.stage === 'Closed lost');
    const sum = (list) => list.reduce((s, o) => s + o.amount, 0);
    const weighted = open.reduce((s, o) => s + o.amount * PROBABILITY[o.stage] / 100, 0);
    const winRate = won.length + lost.length ? Math.round(100 * won.length / (won.length + lost.length)) : 0;

    const kpis = [
      ['Open pipeline', money.format(sum(open)), `${open.length} opportunities`],
      ['Weighted pipeline', money.format(weighted), 'Amount × stage probability'],
      ['Closed won this quarter', money.format(sum(won)), `${won.length} deals`],
      ['Win rate', `${winRate}%`, `${won.length} won · ${lost.length} lost`],
    ];

    const byStage = STAGES.filter((s) => !isClosed(s)).map((s) => [s, sum(opportunities.filter((o) => o.stage === s))]);
    const maxStage = Math.max(1, ...byStage.map(([, v]) => v));
    const topAccounts = [...accounts].sort((a, b) => b.arr - a.arr).slice(0, 5);

    const exportButton = h('button', {
      class: 'btn', type: 'button', id: emberId(), 'data-testid': 'export-report', onclick: exportReport,
    }, icon('M10 3v10M6 9l4 4 4-4M4 16h12'), 'Export report');

    return [
      pageHeader('Reports', 'Pipeline health for Sales EMEA, updated live from your opportunities.', exportButton),
      h('div', { class: 'kpi-grid' }, kpis.map(([label, value, sub]) => h('section', { class: 'card kpi-card', id: emberId() },
        h('h2', { class: 'kpi-label' }, label),
        h('p', { class: 'kpi-value' }, value),
        h('p', { class: 'kpi-sub' }, sub)))),
      h('div', { class: 'grid-2' },
        h('section', { class: 'card', id: emberId() },
          h('h2', { class: 'card-title' }, 'Open pipeline by stage'),
          h('ul', { class: 'bar-list' }, byStage.map(([stage, value]) => h('li', { class: 'bar-row' },
            h('span', { class: 'bar-label' }, stage),
            h('meter', { class: 'bar-meter', min: 0, max: maxStage, value, 'aria-label': `${stage}: ${money.format(value)}` }),
            h('span', { class: 'bar-value' }, money.format(value)))))),
        h('section', { class: 'card card-flush', id: emberId() },
          h('h2', { class: 'card-title card-title-padded' }, 'Top accounts by ARR'),
          h('table', { class: 'data-table' },
            h('tbody', null, topAccounts.map((a) => h('tr', { class: 'data-row' },
              h('td', null, link(`${BASE}/accounts/${a.id}`, a.name, 'row-link')),
              h('td', null, a.owner),
              h('td', { class: 'num' }, money.format(a.arr)))))))),
    ];
  }

  function exportReport() {
    const rows = [['Opportunity', 'Account', 'Stage', 'Close date', 'Owner', 'Amount EUR', 'Discount %']];
    for (const o of opportunities) {
      const a = accountById(o.accountId);
      rows.push([o.name, a ? a.name : '', o.stage, o.closeDate, o.owner, String(o.amount), String(o.discount)]);
    }
    const csv = rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n');
    const url = URL.createObjectURL(new Blob([csv + '\n'], { type: 'text/csv' }));
    const a = h('a', { href: url, download: 'pipeline-report.csv', class: 'visually-hidden' });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    toast('Report exported as pipeline-report.csv');
  }

  function viewNotFound(message) {
    return [
      pageHeader('Page not found', message || 'This page does not exist in Northwind CRM.'),
      h('p', null, link(`${BASE}/accounts`, 'Go to accounts', 'subtle-link')),
    ];
  }

  // ------------------------------------------------------------- router

  const routes = [
    [/^\/accounts$/, 'accounts', () => ['Accounts', viewAccounts()]],
    [/^\/accounts\/(\d+)$/, 'accounts', (m) => [accountById(Number(m[1]))?.name || 'Account', viewAccount(Number(m[1]))]],
    [/^\/opportunities$/, 'opportunities', () => ['Opportunities', viewOpportunities()]],
    [/^\/opportunities\/(\d+)$/, 'opportunities', (m) => [opportunityById(Number(m[1]))?.name || 'Opportunity', viewOpportunity(Number(m[1]))]],
    [/^\/reports$/, 'reports', () => ['Reports', viewReports()]],
  ];

  function render() {
    let path = location.pathname;
    if (path === BASE || path === BASE + '/' || path === BASE + '/index.html') {
      history.replaceState(null, '', `${BASE}/accounts`);
      path = `${BASE}/accounts`;
    }
    const sub = path.startsWith(BASE + '/') ? path.slice(BASE.length).replace(/\/+$/, '') : path;

    let section = null;
    let title = 'Page not found';
    let nodes = null;
    for (const [pattern, name, view] of routes) {
      const m = sub.match(pattern);
      if (m) {
        section = name;
        [title, nodes] = view(m);
        break;
      }
    }
    if (!nodes) nodes = viewNotFound();

    const main = document.getElementById('main');
    main.replaceChildren(...[].concat(nodes));
    document.title = `${title} · Northwind CRM`;
    for (const navLink of document.querySelectorAll('.nav-link')) {
      if (navLink.dataset.nav === section) navLink.setAttribute('aria-current', 'page');
      else navLink.removeAttribute('aria-current');
    }
  }

  function navigate(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) { location.href = url.href; return; }
    if (url.pathname + url.search + url.hash !== location.pathname + location.search + location.hash) {
      history.pushState(null, '', url.pathname + url.search + url.hash);
    }
    render();
    window.scrollTo(0, 0);
    document.getElementById('main').focus({ preventScroll: true });
  }

  document.addEventListener('click', (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = e.target instanceof Element ? e.target.closest('a[data-route]') : null;
    if (!a || a.target === '_blank' || a.hasAttribute('download')) return;
    e.preventDefault();
    hideSearch();
    navigate(a.getAttribute('href'));
  });

  window.addEventListener('popstate', render);

  // ------------------------------------------------------ global search

  const searchInput = document.querySelector('[data-testid="global-search"]');
  const searchResults = document.getElementById(searchInput.getAttribute('aria-controls'));

  function hideSearch() {
    searchResults.hidden = true;
    searchInput.setAttribute('aria-expanded', 'false');
  }

  function runSearch() {
    const q = searchInput.value.trim().toLowerCase();
    if (!q) { hideSearch(); return; }
    const hits = [];
    for (const a of accounts) {
      if (a.name.toLowerCase().includes(q)) hits.push(['Account', a.name, `${BASE}/accounts/${a.id}`, a.industry]);
      if (a.contact.toLowerCase().includes(q)) hits.push(['Contact', a.contact, `${BASE}/accounts/${a.id}`, a.name]);
    }
    for (const o of opportunities) {
      if (o.name.toLowerCase().includes(q)) hits.push(['Opportunity', o.name, `${BASE}/opportunities/${o.id}`, o.stage]);
    }
    searchResults.replaceChildren(...(hits.length
      ? hits.slice(0, 8).map(([kind, name, href, meta]) => h('a', { class: 'search-hit', href, 'data-route': true, role: 'option' },
        h('span', { class: 'search-hit-kind' }, kind),
        h('span', { class: 'search-hit-name' }, name),
        h('span', { class: 'search-hit-meta' }, meta)))
      : [h('p', { class: 'search-empty' }, `No results for “${searchInput.value.trim()}”`)]));
    searchResults.hidden = false;
    searchInput.setAttribute('aria-expanded', 'true');
  }

  searchInput.addEventListener('input', runSearch);
  searchInput.addEventListener('focus', runSearch);
  searchInput.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { hideSearch(); return; }
    if (e.key === 'Enter') {
      const first = searchResults.querySelector('a.search-hit');
      if (first) { e.preventDefault(); searchInput.value = ''; hideSearch(); navigate(first.getAttribute('href')); }
    }
  });
  document.addEventListener('click', (e) => {
    if (!(e.target instanceof Element) || !e.target.closest('.global-search')) hideSearch();
  });
  searchResults.addEventListener('click', (e) => {
    if (e.target instanceof Element && e.target.closest('a.search-hit')) searchInput.value = '';
  });

  render();
})();
