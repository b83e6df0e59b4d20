import { describe, expect, it } from 'vitest';
import { buildBody, isSafeUrl } from '../src/picker/preview.ts';

function render(tree: unknown): HTMLElement {
  const box = document.createElement('div');
  box.appendChild(buildBody(tree));
  return box;
}

describe('buildBody', () => {
  it('builds the allowed elements and text from the node tree', () => {
    const box = render([['p', {}, 'Enter the ', ['strong', {}, 'net'], ' amount. ', ['a', { href: 'https://wiki/x' }, 'Rules']]]);
    expect(box.querySelector('p strong')?.textContent).toBe('net');
    expect(box.querySelector('a')?.getAttribute('href')).toBe('https://wiki/x');
    expect(box.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(box.textContent).toBe('Enter the net amount. Rules');
  });

  it('never creates script elements or event handler attributes', () => {
    const box = render([
      ['script', {}, 'alert(1)'],
      ['p', { onclick: 'alert(2)', style: 'color:red' }, ['img', { src: 'x.png', onerror: 'alert(3)', alt: 'x' }]],
      ['iframe', { src: 'https://evil.example' }, 'inner'],
      ['svg', { onload: 'alert(4)' }],
    ]);
    expect(box.querySelector('script, iframe, svg')).toBeNull();
    for (const element of box.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) expect(name).not.toMatch(/^on|^style$/);
    }
    // a disallowed element keeps its text, inert
    expect(box.textContent).toContain('alert(1)');
    expect(box.querySelector('img')?.getAttribute('alt')).toBe('x');
  });

  it('treats strings as text, not markup', () => {
    const box = render([['p', {}, '<img src=x onerror=alert(1)>']]);
    expect(box.querySelector('img')).toBeNull();
    expect(box.querySelector('p')?.textContent).toBe('<img src=x onerror=alert(1)>');
  });

  it('drops links and images with dangerous schemes', () => {
    const box = render([
      ['a', { href: 'javascript:alert(1)' }, 'a'],
      ['a', { href: ' java\tscript:alert(1)' }, 'b'],
      ['img', { src: 'data:image/svg+xml,<svg onload=alert(1)>' }],
    ]);
    for (const link of box.querySelectorAll('a')) expect(link.hasAttribute('href')).toBe(false);
    expect(box.querySelector('img')?.hasAttribute('src')).toBe(false);
  });

  it('ignores a malformed tree instead of throwing', () => {
    expect(render({ not: 'a tree' }).childNodes).toHaveLength(0);
    expect(render([[42, {}, 'x'], null, ['p', null, 'ok']]).textContent).toBe('ok');
  });
});

describe('isSafeUrl', () => {
  it('accepts http(s) and relative URLs only', () => {
    expect(isSafeUrl('https://a.example/x')).toBe(true);
    expect(isSafeUrl('/docs/pricing')).toBe(true);
    expect(isSafeUrl('JavaScript:alert(1)')).toBe(false);
    expect(isSafeUrl('vbscript:x')).toBe(false);
  });
});
