// Small DOM helpers: every string becomes a text node or an attribute value, never markup.

type AttributeValue = string | number | boolean | null | undefined;
export type Child = Node | string | null | undefined | false;

/** `h('a', {href: '#/apps', class: 'nav'}, 'Apps')`. Event handler attributes are refused. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, AttributeValue> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (/^on/i.test(name) || name === 'style') throw new Error(`h(): ${name} is not allowed; use addEventListener or a class`);
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A labelled form control: `<div class="field"><label for=id>text</label>control</div>`. */
export function field(text: string, control: HTMLElement, hint?: string): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: control.id }, text), control, hint ? h('p', { class: 'hint' }, hint) : null);
}

/** An inline message region; `show(error)` puts the readable text in, `clear()` empties it. */
export function messageArea(id?: string): { element: HTMLElement; show(error: unknown): void; ok(text: string): void; clear(): void } {
  const element = h('p', { class: 'message', role: 'status', 'aria-live': 'polite', id, hidden: true });
  return {
    element,
    show(error: unknown) {
      element.className = 'message error';
      element.setAttribute('role', 'alert');
      element.textContent = error instanceof Error ? error.message : String(error);
      element.hidden = false;
    },
    ok(text: string) {
      element.className = 'message ok';
      element.setAttribute('role', 'status');
      element.textContent = text;
      element.hidden = false;
    },
    clear() {
      element.textContent = '';
      element.hidden = true;
    },
  };
}

/** Short local date and time for an ISO instant, or a dash. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Copies text, falling back to selecting it when the clipboard API is refused. */
export async function copyText(text: string, fallbackTarget?: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (fallbackTarget) {
      const range = document.createRange();
      range.selectNodeContents(fallbackTarget);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
    return false;
  }
}

/** A copy button that says what happened. */
export function copyButton(label: string, text: () => string, target?: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'secondary small', 'data-action': 'copy' }, label);
  button.addEventListener('click', () => {
    void copyText(text(), target).then((copied) => {
      button.textContent = copied ? 'Copied' : 'Press Ctrl+C to copy';
      window.setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  });
  return button;
}
