import { describe, expect, it } from 'vitest';
import { buildBookmarklet, buildSnippet, jsString } from '../src/console/snippets.ts';

interface FakeScript { src: string; dataset: Record<string, string> }

/** Runs a bookmarklet the way a browser does: parse the URL, percent-decode, evaluate; answers the script it inserts. */
function runBookmarklet(href: string): FakeScript[] {
  const parsed = new URL(href);
  expect(parsed.protocol).toBe('javascript:');
  const code = decodeURIComponent(parsed.href.slice('javascript:'.length));
  const inserted: FakeScript[] = [];
  const fakeDocument = {
    createElement: (tag: string) => {
      expect(tag).toBe('script');
      return { src: '', dataset: {} } as FakeScript;
    },
    documentElement: { appendChild: (node: FakeScript) => inserted.push(node) },
  };
  new Function('document', code)(fakeDocument);
  return inserted;
}

describe('buildBookmarklet', () => {
  it('has the documented shape and loads picker.js from the server', () => {
    const href = buildBookmarklet('https://inflow.example.com/', 'pat_abc123');
    expect(href.startsWith("javascript:(()=>{const s=document.createElement('script');")).toBe(true);
    const [script] = runBookmarklet(href);
    expect(script).toEqual({
      src: 'https://inflow.example.com/picker.js',
      dataset: { server: 'https://inflow.example.com', token: 'pat_abc123' },
    });
  });

  it('keeps hostile tokens inside their string: quotes, backslashes, percent escapes, newlines', () => {
    const token = `a';alert(1);'\\"%27%22\n\t</script>${'\u2028'}😀`;
    const server = "https://x.example'),alert(2),('";
    const scripts = runBookmarklet(buildBookmarklet(server, token));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]?.dataset.token).toBe(token);
    expect(scripts[0]?.dataset.server).toBe(server);
  });

  it('writes no raw quote, percent sign or whitespace from the values into the code', () => {
    const literal = jsString(`'"% \n`);
    expect(literal.slice(1, -1)).not.toMatch(/['"%\s]/);
  });
});

describe('buildSnippet', () => {
  it('is the documented script tag', () => {
    expect(buildSnippet('https://inflow.example.com', 'sk_live_1')).toBe(
      '<script async src="https://inflow.example.com/inflow.js" data-key="sk_live_1"></script>',
    );
  });

  it('escapes a site key so it cannot add attributes or markup', () => {
    const key = '"><img src=x onerror=alert(1)>';
    const html = buildSnippet('https://inflow.example.com', key);
    const container = document.createElement('template');
    container.innerHTML = html; // parsing the text a user would paste
    const elements = container.content.querySelectorAll('*');
    expect(elements).toHaveLength(1);
    expect((elements[0] as HTMLScriptElement).dataset.key).toBe(key);
    expect(elements[0]?.getAttributeNames().sort()).toEqual(['async', 'data-key', 'src']);
  });

  it('carries the overlay hash so browsers refuse an altered script', () => {
    const container = document.createElement('template');
    container.innerHTML = buildSnippet('https://inflow.example.com', 'sk_1', 'sha384-abc+/=');
    const script = container.content.querySelector('script')!;
    expect(script.getAttribute('integrity')).toBe('sha384-abc+/=');
    expect(script.getAttribute('crossorigin')).toBe('anonymous');
  });

  it('loads the overlay from the versioned path the server gives', () => {
    expect(buildSnippet('https://inflow.example.com/', 'sk_1', 'sha384-abc', '/overlay/0123456789ab/inflow.js')).toBe(
      '<script async src="https://inflow.example.com/overlay/0123456789ab/inflow.js" integrity="sha384-abc" crossorigin="anonymous" data-key="sk_1"></script>',
    );
  });
});
