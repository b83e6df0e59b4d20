// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { buildContent, safeUrl } from '../src/content';

function html(nodes: unknown): string {
  const div = document.createElement('div');
  div.appendChild(buildContent(nodes));
  return div.innerHTML; // reading back for assertions only
}

describe('content builder', () => {
  it('builds allowed tags and keeps text', () => {
    expect(html([['p', {}, 'Enter the ', ['strong', {}, 'net'], ' amount.']])).toBe('<p>Enter the <strong>net</strong> amount.</p>');
  });

  it('drops script, style, svg and iframe with everything inside', () => {
    const out = html([['p', {}, 'a', ['script', {}, 'alert(1)'], ['svg', {}, ['a', { href: 'https://x' }, 'in svg']], ['iframe', { src: 'https://x' }], ['style', {}, 'p{}'], 'b']]);
    expect(out).toBe('<p>ab</p>');
  });

  it('unwraps unknown harmless tags but keeps their text', () => {
    expect(html([['div', { class: 'x' }, ['span', { style: 'color:red' }, 'kept']]])).toBe('kept');
  });

  it('drops event-handler attributes on img and keeps only src, alt, title', () => {
    const out = html([['img', { src: 'https://cdn.example.com/a.png', onerror: 'alert(1)', alt: 'A', style: 'x' }]]);
    expect(out).toContain('src="https://cdn.example.com/a.png"');
    expect(out).toContain('alt="A"');
    expect(out).not.toContain('onerror');
    expect(out).not.toContain('style');
  });

  it('drops javascript: and data: URLs, keeps http(s) and relative ones', () => {
    const out = html([['a', { href: 'javascript:alert(1)' }, 'bad'], ['a', { href: ' JaVa\tscript:alert(1)' }, 'bad2'], ['img', { src: 'data:image/png;base64,xx' }], ['a', { href: '/wiki/x' }, 'ok']]);
    expect(out).not.toMatch(/javascript|data:/i);
    expect(out).toContain('<a target="_blank" rel="noopener noreferrer">bad</a>');
    expect(out).toContain('<a href="/wiki/x" target="_blank" rel="noopener noreferrer">ok</a>');
    expect(out).not.toContain('<img');
    expect(safeUrl('https://a.example/x')).toBe('https://a.example/x');
    expect(safeUrl('vbscript:x')).toBeNull();
  });

  it('opens links in a new tab without opener', () => {
    const frag = buildContent([['a', { href: 'https://wiki/x', title: 'T', onclick: 'x()' }, 'Rules']]);
    const a = frag.querySelector('a')!;
    expect(a.target).toBe('_blank');
    expect(a.rel).toBe('noopener noreferrer');
    expect(a.getAttribute('title')).toBe('T');
    expect(a.hasAttribute('onclick')).toBe(false);
  });

  it('tolerates malformed input', () => {
    expect(html(null)).toBe('');
    expect(html([42, {}, ['p'], [['nested']]])).toBe('<p></p>');
  });
});
