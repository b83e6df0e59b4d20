// Builds elements for the picker's panels: properties (not attributes) of the new element, so strings land in
// textContent or value, never in markup.

export type Make = <K extends keyof HTMLElementTagNameMap>(tag: K, props?: Record<string, string | number | boolean>) => HTMLElementTagNameMap[K];

export function maker(doc: Document): Make {
  return (tag, props = {}) => Object.assign(doc.createElement(tag), props);
}
