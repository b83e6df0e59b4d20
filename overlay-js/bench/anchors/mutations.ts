// How host apps change between the recording of an anchor and a later visit. Each mutation edits the live
// page in place and returns the element that now is the target (null when the target is gone).
import type { Rng } from './rng';

export type Mutate = (doc: Document, target: Element, r: Rng) => Element | null;

const HASHED_CLASS = /^(css-|sc-|ng-tns-)|__[A-Za-z0-9]{5}$/;
const GENERATED_ATTR = /^_ng(content|host)-/;

/** The block a worker would call "this field / row / card / item". */
function blockOf(el: Element): Element {
  return el.closest('.field, mat-form-field, tr, [role=row], .card, li, label') ?? el.parentElement ?? el;
}

function ownTextNode(el: Element): Text | null {
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3 && n.textContent!.trim()) return n as Text;
  return null;
}

const SYNONYMS: Record<string, string> = {
  Edit: 'Modify', Delete: 'Remove', New: 'Create', Details: 'More info', Refresh: 'Reload', Share: 'Send', Follow: 'Subscribe',
  Clone: 'Copy', Submit: 'Send application', Cancel: 'Discard', 'Save draft': 'Save for later', Duplicate: 'Copy', Message: 'Chat',
  Profile: 'View profile', 'View All': 'See all', Filter: 'Filters', Export: 'Download', Columns: 'Manage columns', Density: 'Row height',
  'Add account': 'New account', 'Add widget': 'New widget', Accounts: 'Customers', Reports: 'Analytics', Settings: 'Preferences',
  Contacts: 'People', Opportunities: 'Deals', Leads: 'Prospects', Home: 'Start', Dashboards: 'Boards', Email: 'E-mail address',
  Phone: 'Telephone', City: 'Town', Street: 'Street address', 'Postal code': 'ZIP code', 'First name': 'Given name', 'Last name': 'Family name',
};
const GERMAN: Record<string, string> = {
  Edit: 'Bearbeiten', Delete: 'Löschen', New: 'Neu', Details: 'Details anzeigen', Refresh: 'Aktualisieren', Share: 'Teilen', Follow: 'Folgen',
  Clone: 'Klonen', Submit: 'Absenden', Cancel: 'Abbrechen', 'Save draft': 'Entwurf speichern', Duplicate: 'Duplizieren', Message: 'Nachricht',
  Profile: 'Profil', 'View All': 'Alle anzeigen', Filter: 'Filtern', Export: 'Exportieren', Columns: 'Spalten', Density: 'Dichte',
  'Add account': 'Konto hinzufügen', 'Add widget': 'Widget hinzufügen', Accounts: 'Konten', Reports: 'Berichte', Settings: 'Einstellungen',
  Contacts: 'Kontakte', Opportunities: 'Chancen', Leads: 'Interessenten', Home: 'Start', Dashboards: 'Übersichten', Email: 'E-Mail',
  Phone: 'Telefon', City: 'Stadt', Street: 'Straße', 'Postal code': 'Postleitzahl', 'First name': 'Vorname', 'Last name': 'Nachname',
};

/** One of: upper case, a synonym, changed numbers, German; applied to every element with the same text, as a release would. */
function editText(text: string, r: Rng): string {
  const t = text.trim();
  const how = r.int(4);
  if (how === 1 && SYNONYMS[t]) return SYNONYMS[t];
  if (how === 2 && /\d/.test(t)) return t.replace(/\d/g, (d) => String((Number(d) + 3) % 10));
  if (how === 3 && GERMAN[t]) return GERMAN[t];
  return t.toUpperCase();
}

function retext(doc: Document, text: string, next: string): void {
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent!.trim() === text) n.textContent = next;
}

function labelFor(doc: Document, el: Element): Element | null {
  return (el.id && doc.querySelector(`label[for="${CSS.escape(el.id)}"]`)) || el.closest('label');
}

function swapTag(el: Element, tag: string): Element {
  const next = el.ownerDocument.createElement(tag);
  for (const a of Array.from(el.attributes)) if (a.name !== 'href' && a.name !== 'type') next.setAttribute(a.name, a.value);
  if (tag === 'a') next.setAttribute('href', '#');
  else next.setAttribute('type', 'button');
  while (el.firstChild) next.appendChild(el.firstChild);
  el.replaceWith(next);
  return next;
}

export const MUTATIONS: Record<string, Mutate> = {
  class_hash(doc, target, r) {
    for (const el of Array.from(doc.body.querySelectorAll('*'))) {
      for (const c of Array.from(el.classList)) {
        if (HASHED_CLASS.test(c)) el.classList.replace(c, c.replace(/(css-|sc-|__)[A-Za-z0-9]+$|ng-tns-.*$/, (m) => (m.startsWith('ng-') ? `ng-tns-c${r.int(9999)}-${r.int(99)}` : m.replace(/[A-Za-z0-9]+$/, r.hash(m.startsWith('__') ? 5 : 6)))));
      }
      for (const a of Array.from(el.attributes)) {
        if (GENERATED_ATTR.test(a.name)) {
          el.removeAttribute(a.name);
          el.setAttribute(a.name.replace(/c\d+$/, 'c' + (r.int(90000) + 100)), '');
        }
      }
    }
    return target;
  },
  wrapper(doc, target) {
    const outer = doc.createElement('div');
    outer.className = 'css-wrap1x';
    const inner = doc.createElement('span');
    inner.className = 'Tooltip_anchor__q1W2e';
    target.replaceWith(outer);
    outer.appendChild(inner);
    inner.appendChild(target);
    return target;
  },
  sibling_insert(doc, target) {
    const block = blockOf(target);
    const note = doc.createElement('div');
    note.className = 'notice';
    note.textContent = 'New: this section was redesigned';
    block.before(note);
    const help = doc.createElement('button');
    help.textContent = 'Help';
    target.before(help);
    return target;
  },
  sibling_reorder(_doc, target) {
    const block = blockOf(target);
    const parent = block.parentElement!;
    for (const c of Array.from(parent.children).reverse()) parent.appendChild(c);
    return target;
  },
  sibling_remove(_doc, target) {
    const block = blockOf(target);
    const before = Array.from(block.parentElement!.children).filter((c) => c !== block && !c.contains(target) && !/^(H\d|LEGEND|LABEL|STYLE)$/.test(c.tagName));
    for (const c of before.slice(0, 2)) c.remove();
    return target;
  },
  text_edit(doc, target, r) {
    const holder = ownTextNode(target) ? target : labelFor(doc, target) ?? target.querySelector('*');
    const node = holder ? ownTextNode(holder) : null;
    if (node) retext(doc, node.textContent!.trim(), editText(node.textContent!, r));
    for (const a of ['aria-label', 'placeholder']) {
      const v = target.getAttribute(a);
      if (v) for (const el of Array.from(doc.body.querySelectorAll(`[${a}="${CSS.escape(v)}"]`))) el.setAttribute(a, editText(v, r));
    }
    return target;
  },
  id_regen(doc, target, r) {
    const renamed = new Map<string, string>();
    for (const el of Array.from(doc.body.querySelectorAll('[id]'))) {
      if (!/\d/.test(el.id)) continue;
      const next = el.id.replace(/\d+/g, () => String(r.int(90000) + 100));
      renamed.set(el.id, next);
      el.id = next;
    }
    for (const l of Array.from(doc.body.querySelectorAll('label[for]'))) {
      const next = renamed.get(l.getAttribute('for')!);
      if (next) l.setAttribute('for', next);
    }
    return target;
  },
  attr_drop(_doc, target, r) {
    const droppable = ['data-testid', 'name', 'aria-label', 'title', 'formcontrolname', 'placeholder', 'class'].filter((a) => target.hasAttribute(a));
    for (let i = 0; i < 2 && droppable.length; i++) target.removeAttribute(droppable.splice(r.int(droppable.length), 1)[0]);
    return target;
  },
  tag_swap(_doc, target) {
    if (target.tagName === 'A') return swapTag(target, 'button');
    if (target.tagName === 'BUTTON') return swapTag(target, 'a');
    return target;
  },
  subtree_move(doc, target) {
    const region = target.closest('article, fieldset, section, aside, nav, [role=grid], .card, [role=toolbar]') ?? blockOf(target);
    const home = region.parentElement!;
    if (home.firstElementChild !== region) home.prepend(region);
    else doc.body.appendChild(region);
    return target;
  },
  decoys(doc, target) {
    const region = doc.createElement('section');
    region.setAttribute('aria-label', 'Recently viewed');
    const h = doc.createElement('h2');
    h.textContent = 'Recently viewed';
    region.appendChild(h);
    for (let i = 0; i < 3; i++) {
      const item = doc.createElement('div');
      item.className = 'recent-item';
      const copy = target.cloneNode(true) as Element;
      copy.removeAttribute('id');
      item.append(doc.createTextNode(`Recent item ${i + 1} `), copy);
      region.appendChild(item);
    }
    (doc.querySelector('main, form, [role=grid]') ?? doc.body).prepend(region);
    return target;
  },
  shadow(doc, target) {
    const moved = target.closest('mat-form-field, .field, li, .card-footer, td, [role=gridcell], .card-header') ?? target.parentElement!;
    const host = doc.createElement('x-widget');
    moved.replaceWith(host);
    host.attachShadow({ mode: 'open' }).appendChild(moved);
    return target;
  },
  layout_shift(doc, target) {
    const banner = doc.createElement('div');
    banner.textContent = 'Scheduled maintenance on Sunday';
    banner.style.height = '300px';
    doc.body.prepend(banner);
    doc.body.style.paddingLeft = '180px';
    return target;
  },
  deleted(doc, target) {
    labelFor(doc, target)?.remove();
    target.remove();
    return null;
  },
};

export const KINDS = Object.keys(MUTATIONS);
