// Base pages written for the benchmark: the kinds of apps workers use, each full of look-alike elements.
// Generated ids and hashed class names differ per seed, as they differ per build or page load.
import type { Rng } from './rng';

export interface BasePage {
  name: string;
  html(r: Rng): string;
}

const ACCOUNTS = ['Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Stark Industries', 'Wayne Enterprises', 'Hooli', 'Vandelay Imports', 'Soylent', 'Tyrell'];
const PEOPLE = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Edsger Dijkstra', 'Barbara Liskov', 'Donald Knuth', 'Margaret Hamilton', 'Ken Thompson'];
const STAGES = ['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won'];

const CSS = `body{font:14px sans-serif;margin:0}header,nav,main,aside,section,form,fieldset{display:block;margin:8px;padding:8px}
.row,.card,.field,.cell{margin:4px;padding:4px}.cards{display:flex;flex-wrap:wrap}.card{width:220px;border:1px solid #ccc}
table{border-collapse:collapse}td,th{padding:4px 8px;border:1px solid #ddd}button,a,input,select,textarea{margin:2px}
[role=row]{display:flex}[role=gridcell],[role=columnheader]{width:140px;padding:4px}`;

const seq = (r: Rng): number => 100 + r.int(100000);

/** A CRM record page: generated ids everywhere, a details panel and related-list tables of look-alike rows. */
export const crm: BasePage = {
  name: 'crm',
  html(r) {
    const uid = (): string => `${seq(r)}:${r.int(90)};a`;
    const field = (label: string, value: string): string => {
      const id = `input-${seq(r)}`;
      return `<div class="slds-form-element field" id="${uid()}"><label class="slds-form-element__label" for="${id}">${label}</label>
        <div class="slds-form-element__control"><input id="${id}" class="slds-input" name="${label.toLowerCase().replace(/\W+/g, '_')}" value="${value}">
        <button class="slds-button slds-button_icon" title="Edit ${label}" aria-label="Edit ${label}">✎</button></div></div>`;
    };
    const related = (title: string, rows: string[][]): string => `<article class="slds-card related-list" id="${uid()}">
      <header class="slds-card__header"><h2 class="slds-card__header-title">${title} (${rows.length})</h2>
        <button class="slds-button slds-button_neutral" name="new">New</button></header>
      <table class="slds-table"><thead><tr>${rows[0].map((_, i) => `<th>${['Name', 'Stage', 'Owner', 'Amount'][i] ?? 'Col'}</th>`).join('')}<th>Actions</th></tr></thead><tbody>
      ${rows.map((cols) => `<tr id="row-${seq(r)}">${cols.map((c, i) => (i === 0 ? `<td><a href="/lightning/r/${title}/${r.hash(15)}/view" class="slds-truncate">${c}</a></td>` : `<td>${c}</td>`)).join('')}
        <td><a href="#" class="row-action" role="button">Edit</a> <a href="#" class="row-action" role="button">Delete</a></td></tr>`).join('')}
      </tbody></table><footer class="slds-card__footer"><a href="/lightning/o/${title}/list" class="view-all">View All</a></footer></article>`;
    const acct = r.pick(ACCOUNTS);
    return `<style>${CSS}</style>
      <header class="slds-global-header" role="banner"><input type="search" placeholder="Search Salesforce" id="${uid()}" class="slds-input">
        <nav class="slds-context-bar" aria-label="App navigation"><a href="/lightning/o/Account/home">Accounts</a> <a href="/lightning/o/Contact/home">Contacts</a>
        <a href="/lightning/o/Opportunity/home">Opportunities</a> <a href="/lightning/o/Lead/home">Leads</a></nav></header>
      <main class="slds-template__container">
        <div class="slds-page-header record-header"><h1 class="slds-page-header__title">${acct}</h1>
          <ul class="slds-button-group-list"><li><button class="slds-button slds-button_neutral" name="Follow">Follow</button></li>
          <li><button class="slds-button slds-button_neutral" name="Edit">Edit</button></li><li><button class="slds-button slds-button_neutral" name="Delete">Delete</button></li>
          <li><button class="slds-button slds-button_neutral" name="Clone">Clone</button></li></ul></div>
        <section class="record-details" aria-label="Details"><h2>Account Information</h2>
          ${field('Account Name', acct)}${field('Phone', '(555) 010-' + r.int(9000))}${field('Website', 'www.example.com')}${field('Industry', 'Manufacturing')}
          <h2>Address Information</h2>${field('Billing Street', '1 Main St')}${field('Billing City', 'Springfield')}${field('Shipping Street', '2 Side St')}${field('Shipping City', 'Shelbyville')}
        </section>
        <aside class="related">
        ${related('Contacts', PEOPLE.slice(0, 5).map((p) => [p, r.pick(['CEO', 'CFO', 'VP Sales', 'Engineer']), r.pick(PEOPLE), '']))}
        ${related('Opportunities', [0, 1, 2, 3, 4].map((i) => [`${acct} deal ${i + 1}`, STAGES[i], r.pick(PEOPLE), '$' + (i + 2) * 1000]))}
        </aside></main>`;
  },
};

/** A React-style data grid: every class is a CSS-modules or emotion hash, rows are identical in shape. */
export const grid: BasePage = {
  name: 'grid',
  html(r) {
    const h = (name: string): string => `${name}__${r.hash(5)} css-${r.hash(6)}`;
    const cls = { row: h('Grid_row'), cell: h('Grid_cell'), btn: h('Button_root'), icon: h('IconButton_root'), bar: h('Toolbar_root') };
    const rows = ACCOUNTS.map((a, i) => `<div role="row" class="${cls.row}" aria-rowindex="${i + 2}">
      <div role="gridcell" class="${cls.cell}"><input type="checkbox" aria-label="Select row" class="css-${r.hash(6)}"></div>
      <div role="gridcell" class="${cls.cell}">${a}</div><div role="gridcell" class="${cls.cell}">${r.pick(STAGES)}</div>
      <div role="gridcell" class="${cls.cell}">${r.pick(PEOPLE)}</div>
      <div role="gridcell" class="${cls.cell}"><button class="${cls.icon}" aria-label="Edit" id=":r${r.int(99).toString(36)}:">Edit</button>
        <button class="${cls.icon}" aria-label="Duplicate">Duplicate</button><button class="${cls.icon}" aria-label="Delete">Delete</button></div></div>`).join('');
    return `<style>${CSS}</style><div id="root"><div class="App_app__${r.hash(5)}">
      <nav class="css-${r.hash(6)}" aria-label="Main"><a href="/accounts" class="css-${r.hash(6)}">Accounts</a> <a href="/reports" class="css-${r.hash(6)}">Reports</a> <a href="/settings" class="css-${r.hash(6)}">Settings</a></nav>
      <h1 class="css-${r.hash(6)}">Accounts</h1>
      <div class="${cls.bar}" role="toolbar"><button class="${cls.btn}">Filter</button><button class="${cls.btn}">Columns</button>
        <button class="${cls.btn}">Density</button><button class="${cls.btn}">Export</button><input type="search" placeholder="Search accounts" class="css-${r.hash(6)}">
        <button class="${cls.btn} css-${r.hash(6)}" data-testid="add-row">Add account</button></div>
      <div role="grid" aria-label="Accounts" class="Grid_root__${r.hash(5)}">
        <div role="row" class="${cls.row}"><div role="columnheader" class="${cls.cell}"><input type="checkbox" aria-label="Select all rows"></div>
        ${['Name', 'Stage', 'Owner'].map((c) => `<div role="columnheader" class="${cls.cell}"><button class="${cls.btn}" aria-label="Sort by ${c}">${c}</button></div>`).join('')}
        <div role="columnheader" class="${cls.cell}">Actions</div></div>${rows}</div>
      <div class="Pagination_root__${r.hash(5)}"><button class="${cls.btn}" aria-label="Previous page">‹</button><span>1–10 of 48</span>
        <button class="${cls.btn}" aria-label="Next page">›</button><select aria-label="Rows per page"><option>10</option><option>25</option></select></div>
      </div></div>`;
  },
};

/** An Angular-style form: _ngcontent attributes, mat-form-field wrappers, generated mat-input ids. */
export const form: BasePage = {
  name: 'form',
  html(r) {
    const ng = `_ngcontent-ng-c${r.int(4000000000)}`;
    const mf = (label: string, name: string, type = 'text'): string => {
      const id = `mat-input-${seq(r)}`;
      return `<mat-form-field ${ng}="" class="mat-mdc-form-field mat-form-field-appearance-outline ng-tns-c${r.int(9999)}-${seq(r)}">
        <label ${ng}="" for="${id}" class="mdc-floating-label" id="mat-mdc-form-field-label-${seq(r)}">${label}</label>
        <input ${ng}="" matinput="" id="${id}" type="${type}" formcontrolname="${name}" class="mat-mdc-input-element ng-untouched ng-pristine ng-valid"></mat-form-field>`;
    };
    return `<style>${CSS}</style><app-root _nghost-ng-c${r.int(99999)}=""><mat-toolbar ${ng}="" class="mat-toolbar"><span ${ng}="">Customer onboarding</span>
      <button ${ng}="" mat-icon-button="" aria-label="Help" class="mdc-icon-button">?</button></mat-toolbar>
      <form ${ng}="" novalidate="" class="ng-untouched ng-pristine ng-invalid">
      <fieldset ${ng}=""><legend ${ng}="">Contact person</legend>${mf('First name', 'firstName')}${mf('Last name', 'lastName')}${mf('Email', 'email', 'email')}${mf('Phone', 'phone', 'tel')}</fieldset>
      <fieldset ${ng}=""><legend ${ng}="">Billing address</legend>${mf('Street', 'street')}${mf('City', 'city')}${mf('Postal code', 'zip')}
        <select ${ng}="" formcontrolname="country" aria-label="Country"><option>Germany</option><option>France</option></select></fieldset>
      <fieldset ${ng}=""><legend ${ng}="">Shipping address</legend>${mf('Street', 'shipStreet')}${mf('City', 'shipCity')}${mf('Postal code', 'shipZip')}
        <label ${ng}=""><input ${ng}="" type="checkbox" formcontrolname="sameAsBilling"> Same as billing</label></fieldset>
      <fieldset ${ng}=""><legend ${ng}="">Preferences</legend>
        <label ${ng}=""><input ${ng}="" type="radio" name="contact" value="email"> By email</label><label ${ng}=""><input ${ng}="" type="radio" name="contact" value="phone"> By phone</label>
        <textarea ${ng}="" formcontrolname="notes" placeholder="Notes for the account team"></textarea></fieldset>
      <div ${ng}="" class="actions"><button ${ng}="" mat-stroked-button="" type="button" class="mdc-button">Cancel</button>
        <button ${ng}="" mat-stroked-button="" type="button" class="mdc-button">Save draft</button>
        <button ${ng}="" mat-flat-button="" type="submit" class="mdc-button mat-primary">Submit</button></div></form></app-root>`;
  },
};

/** A dashboard of repeated cards: same buttons and links in every card, told apart only by the card's title. */
export const dashboard: BasePage = {
  name: 'dashboard',
  html(r) {
    const KPIS = ['Revenue', 'New leads', 'Open cases', 'Win rate', 'Pipeline', 'Churn', 'Active users', 'NPS'];
    const card = (k: string): string => `<div class="card kpi-card sc-${r.hash(6)}" id="ember${seq(r)}">
      <div class="card-header"><h3 class="card-title">${k}</h3><button class="icon-btn sc-${r.hash(6)}" aria-label="More actions">⋮</button></div>
      <div class="card-value">${r.int(900) + 10}${r.pick(['%', 'k', ''])}</div>
      <div class="card-footer"><a class="card-link" href="/reports/${k.toLowerCase().replace(/ /g, '-')}">Details</a>
        <button class="btn btn-small sc-${r.hash(6)}">Refresh</button><button class="btn btn-small sc-${r.hash(6)}">Share</button></div></div>`;
    return `<style>${CSS}</style><div class="layout ember-view" id="ember${seq(r)}">
      <aside class="sidebar" role="navigation"><a href="/home" class="nav-link">Home</a><a href="/dashboards" class="nav-link">Dashboards</a>
        <a href="/reports" class="nav-link">Reports</a><a href="/settings" class="nav-link">Settings</a></aside>
      <main class="content"><header class="toolbar"><h1>Sales dashboard</h1><input type="search" placeholder="Search" class="search">
        <select aria-label="Period"><option>This quarter</option><option>Last quarter</option></select><button class="btn">Add widget</button></header>
      <section class="cards" aria-label="Key figures">${KPIS.map(card).join('')}</section>
      <section aria-label="Team"><h2>Team</h2><ul>${PEOPLE.map((p) => `<li>${p} <a href="#" class="profile-link">Profile</a> <button class="btn btn-small">Message</button></li>`).join('')}</ul></section>
      </main></div>`;
  },
};

export const PAGES: BasePage[] = [crm, grid, form, dashboard];
