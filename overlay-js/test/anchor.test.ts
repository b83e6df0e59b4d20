// @vitest-environment jsdom
import { afterEach, describe as group, expect, it } from 'vitest';
import { describe, fromDescription, isGeneratedId, isStableClass, rank, record, resolve, waitFor } from '../src/anchor/index';
import type { Fingerprint } from '../src/anchor/index';

function page(html: string): void {
  document.body.innerHTML = html; // test fixture only
}

const FORM = `
  <h2>Opportunity</h2>
  <form data-testid="opp-form">
    <div class="row"><label for=":r1:">Amount</label>
      <input id=":r1:" name="amount" type="number" placeholder="0.00" class="field-input css-1x2y3z" data-testid="opp-amount"></div>
    <div class="row"><label for=":r2:">Currency</label>
      <input id=":r2:" name="currency" type="text" class="field-input css-9q8w7e"></div>
    <button type="submit" class="btn btn-primary sc-bdVaJa">Save opportunity</button>
    <button type="button" class="btn">Cancel</button>
  </form>`;

afterEach(() => { document.body.innerHTML = ''; });

group('generated values', () => {
  it('recognises generated ids and keeps stable ones', () => {
    for (const id of [':r1:', 'ember123', 'mui-42', '3f2c7a9e-1b2c-4d5e-8f90-123456789abc', 'row-1700000000', 'input-12', 'field_7']) {
      expect(isGeneratedId(id), id).toBe(true);
    }
    for (const id of ['main-nav', 'amount', 'address2', 'save-button']) expect(isGeneratedId(id), id).toBe(false);
  });

  it('recognises hashed and state classes', () => {
    for (const c of ['css-1x2y3z', 'sc-bdVaJa', 'jsx-123456', 'Button_primary__3xK9a', '_a1b2c3', 'is-active', 'ng-touched']) {
      expect(isStableClass(c), c).toBe(false);
    }
    for (const c of ['btn', 'btn-primary', 'field-input', 'nav__item']) expect(isStableClass(c), c).toBe(true);
  });
});

group('record', () => {
  it('builds unique selectors from stable attributes only', () => {
    page(FORM);
    const fp = record(document.querySelector('input[name="currency"]')!);
    const css = fp.selectors!.map((s) => s.css);
    expect(css.length).toBeGreaterThan(0);
    expect(css.join(' ')).not.toMatch(/:r2:|css-/);
    expect(css[0]).toBe('input[name="currency"]');
    for (const s of fp.selectors!) expect(s.count).toBe(1);
    expect(fp.props!.label).toBe('Currency');
    expect(fp.props!.id).toBeNull();
    expect(fp.props!.classes).toEqual(['field-input']);
    expect(fp.context!.heading).toBe('Opportunity');
    expect(fp.context!.ancestors![1]).toMatchObject({ tag: 'form', testId: 'opp-form' });
  });

  it('puts the test id first and adds an ancestor step only when needed', () => {
    page(FORM);
    const amount = record(document.querySelector('[name="amount"]')!);
    expect(amount.selectors![0].css).toBe('[data-testid="opp-amount"]');
    const cancel = record(document.querySelectorAll('button')[1]);
    // "button.btn" matches two buttons; the recorder never offers a non-unique selector while a unique one exists.
    expect(cancel.selectors!.every((s) => s.count === 1)).toBe(true);
    expect(cancel.props!.text).toBe('Cancel');
  });

  it('reads labels from wrapping labels, aria-labelledby and preceding text', () => {
    page(`<label>Email <input name="e"></label>
      <span id="lbl">Phone number</span><input name="p" aria-labelledby="lbl">
      <div><span>Notes</span><textarea name="n"></textarea></div>`);
    expect(describe(document.querySelector('[name=e]')!).props.label).toBe('Email');
    expect(describe(document.querySelector('[name=p]')!).props.label).toBe('Phone number');
    expect(describe(document.querySelector('[name=n]')!).props.label).toBe('Notes');
  });
});

group('resolve', () => {
  it('takes the selector path when the recorded element is still there', () => {
    page(FORM);
    const target = document.querySelector('[name="amount"]')!;
    const r = resolve(record(target));
    expect(r).toMatchObject({ ok: true, via: 'selector', element: target });
  });

  it('still finds the element after its id is regenerated and its hashed class renamed', () => {
    page(FORM);
    const fp = record(document.querySelector('button[type=submit]')!);
    page(FORM.replace('sc-bdVaJa', 'sc-kEjbxe').replace(/:r(\d):/g, ':r$19:'));
    const r = resolve(fp);
    expect(r.ok && r.element.textContent).toBe('Save opportunity');
  });

  it('scores its way to the element when every selector breaks but props and context survive', () => {
    page(FORM);
    const fp = record(document.querySelector('button[type=submit]')!);
    // Classes renamed, a wrapper inserted, siblings reordered.
    page(`<h2>Opportunity</h2><form data-testid="opp-form"><section>
      <button type="button" class="button">Cancel</button>
      <button type="button" class="button button--main">Save opportunity</button>
      </section></form>`);
    const r = resolve(fp);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.via).toBe('score');
      expect(r.element.textContent).toBe('Save opportunity');
    }
  });

  it('survives a wrapper inserted around a field with a regenerated id', () => {
    page(FORM);
    const fp = record(document.querySelector('input[name="currency"]')!);
    fp.selectors = []; // force the scoring path
    page(FORM.replace(/(<input id=":r2:"[^>]*>)/, '<span class="wrap">$1</span>').replace(/:r2:/g, ':r5:'));
    const r = resolve(fp);
    expect(r.ok && r.element.getAttribute('name')).toBe('currency');
  });

  it('abstains when the target element is deleted', () => {
    page(FORM);
    const fp = record(document.querySelector('input[name="currency"]')!);
    document.querySelector('input[name="currency"]')!.parentElement!.remove();
    const r = resolve(fp);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toBe('not_found');
      expect(r.bestScore).toBeLessThan(0.6);
    }
  });

  it('reports ambiguity rather than picking one of two identical look-alikes', () => {
    page(`<ul><li><button class="btn">Delete</button></li></ul>`);
    const fp = record(document.querySelector('button')!);
    page(`<ul><li><button class="btn">Delete</button></li><li><button class="btn">Delete</button></li></ul>`);
    expect(resolve(fp)).toMatchObject({ ok: false, reason: 'ambiguous' });
  });

  it('does not take a unique selector match whose name contradicts the record', () => {
    page(`<input class="amount-field" name="amount">`);
    const fp = record(document.querySelector('input')!);
    page(`<input class="amount-field" name="discount">`);
    const r = resolve(fp);
    expect(r.ok).toBe(false);
  });

  it('accepts the minimal fingerprints that seed data writes', () => {
    page(FORM);
    const fp: Fingerprint = { v: 1, tag: 'input', selectors: [{ css: '[data-testid="gone"]', count: 1 }], props: { name: 'amount', label: 'Amount' } };
    const r = resolve(fp);
    expect(r.ok && r.element.getAttribute('name')).toBe('amount');
    expect(resolve({} as Fingerprint).ok).toBe(false);
  });

  it('reports not_visible for a display:none match and for a zero-size box', () => {
    page(FORM);
    const el = document.querySelector<HTMLElement>('[name="amount"]')!;
    const fp = record(el);
    el.style.display = 'none';
    expect(resolve(fp)).toMatchObject({ ok: false, reason: 'not_visible' });
    el.style.display = '';
    const zero = { width: 0, height: 0, x: 0, y: 0, top: 0, left: 0, right: 0, bottom: 0, toJSON() {} };
    el.getClientRects = () => [zero] as unknown as DOMRectList;
    expect(resolve(fp)).toMatchObject({ ok: false, reason: 'not_visible' });
  });

  it('rank is a pure function over descriptions', () => {
    const fp: Fingerprint = { tag: 'button', props: { text: 'Save' } };
    const d = (tag: string, text: string) => ({ tag, props: { text }, context: {}, box: null });
    const { candidates, decision } = rank(fp, [d('button', 'Cancel'), d('a', 'Save'), d('div', 'Save')]);
    expect(candidates[0].index).toBe(1);
    expect(candidates.find((r) => r.index === 2)!.score).toBe(0);
    expect(decision).toMatchObject({ ok: true, index: 1, via: 'score' });
  });
});

group('v1 additions', () => {
  it('finds an element that moved into an open shadow root, and records the path into one', () => {
    page(FORM);
    const fp = record(document.querySelector('input[name="currency"]')!);
    const row = document.querySelector('input[name="currency"]')!.parentElement!;
    const host = document.createElement('x-field');
    row.replaceWith(host);
    host.attachShadow({ mode: 'open' }).appendChild(row);
    const r = resolve(fp);
    expect(r.ok && r.element.getAttribute('name')).toBe('currency');
    const inner = record(host.shadowRoot!.querySelector('input')!);
    expect(inner.path).toEqual([{ kind: 'shadow', tag: 'x-field', selectors: [{ css: 'x-field', count: 1 }] }]);
    expect(resolve(inner)).toMatchObject({ ok: true, via: 'selector' });
  });

  it('weighs a rare nearby word above a common one to tell look-alike rows apart', () => {
    const row = (n: string): string => `<tr><td>${n}</td><td><a href="#" class="act">Edit</a></td></tr>`;
    page(`<table>${['Acme', 'Globex', 'Initech'].map(row).join('')}</table>`);
    const fp = record(document.querySelectorAll('a')[1]);
    fp.selectors = [];
    page(`<table>${['Initech', 'Globex', 'Acme', 'Hooli'].map(row).join('')}</table>`);
    const r = resolve(fp);
    expect(r).toMatchObject({ ok: true, via: 'score' });
    expect(r.ok && r.element.closest('tr')!.textContent).toBe('GlobexEdit');
  });

  it("describes the row of a look-alike: its name, its position, also when a link became a button", () => {
    const row = (n: string, action: string): string => `<tr><td><a href="/a/${n}">${n}</a></td><td>Open</td><td>${action}</td></tr>`;
    page(`<table>${row('Acme', '<a href="#">Edit</a>')}${row('Globex', '<button>Edit</button>')}${row('Initech', '<a href="#">Edit</a>')}</table>`);
    expect(describe(document.querySelector('button')!).context.row).toEqual({ label: 'Globex', index: 1, count: 3 });
    // Not in a list of look-alikes: no row.
    expect(describe(document.querySelector('a[href="/a/Acme"]')!).context.row).toBeNull();
  });

  it("reads a section's own heading when nothing before the element in it is one", () => {
    page(`<h2>Address</h2><article><footer><a href="/contacts">View all</a></footer><h2>Contacts</h2><table></table></article>`);
    expect(describe(document.querySelector('a')!).context.heading).toBe('Contacts');
  });

  it('does not take a selector that matched several elements when recorded and matches one now', () => {
    page(`<ul><li>Acme Corp <button class="btn">Delete</button></li><li>Globex <button class="btn">Delete</button></li></ul>`);
    const fp = record(document.querySelector('button')!);
    expect(fp.selectors![0]).toMatchObject({ count: 2 });
    document.querySelector('li')!.remove();
    expect(resolve(fp).ok).toBe(false);
  });

  it('abstains when a radio button is deleted, though the name its twin shares is now unique', () => {
    page(`<fieldset><legend>Preferences</legend><label><input type="radio" name="contact" value="email"> By email</label>
      <label><input type="radio" name="contact" value="phone"> By phone</label></fieldset>`);
    const fp = record(document.querySelector('input[value="email"]')!);
    expect(fp.selectors!.some((s) => s.css === 'input[name="contact"]' && s.count === 2)).toBe(true);
    expect(fp.props!.value).toBe('email');
    document.querySelector('input[value="email"]')!.closest('label')!.remove();
    expect(resolve(fp).ok).toBe(false);
  });

  it('makes a fingerprint from a description alone, and rank decides with it', () => {
    page(FORM);
    const ds = Array.from(document.querySelectorAll('input, button')).map((el) => describe(el));
    expect(ds[0]).toMatchObject({ tag: 'input', isButton: false, props: { name: 'amount', label: 'Amount' } });
    expect(ds[2].isButton).toBe(true);
    expect(ds[0].xpath).toBe('/html[1]/body[1]/form[1]/div[1]/input[1]');
    const fp = fromDescription(ds[1]);
    expect(fp.selectors!.map((s) => s.css)).toEqual(['input[name="currency"]']);
    const ranking = rank(fp, ds);
    expect(ranking.candidates[0].index).toBe(1);
    expect(ranking.decision).toMatchObject({ ok: true, index: 1 });
    expect(rank(fp, [ds[1], ds[1]]).decision).toMatchObject({ ok: false, reason: 'ambiguous' });
    expect(rank(fp, [{ ...ds[1], visible: false }]).decision).toMatchObject({ ok: false, reason: 'not_visible' });
  });

  it('waits for an element that renders late, and gives up with a typed miss after the bound', async () => {
    page('<main></main>');
    const fp = { v: 1 as const, tag: 'button', props: { text: 'Approve' } };
    const later = waitFor(fp, { timeoutMs: 2000 });
    setTimeout(() => { document.querySelector('main')!.innerHTML = '<button>Approve</button>'; }, 30);
    const found = await later;
    expect(found.ok && found.element.textContent).toBe('Approve');
    const never = await waitFor({ v: 1, tag: 'button', props: { text: 'Reject' } }, { timeoutMs: 50 });
    expect(never).toMatchObject({ ok: false, reason: 'not_found' });
  });
});
