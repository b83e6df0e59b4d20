/** Fingerprint v1: the recorded identity of an element. Every field may be missing or null. */

export interface AncestorInfo {
  tag: string;
  id?: string | null;
  testId?: string | null;
  role?: string | null;
  classes?: string[];
}

export interface AnchorProps {
  id?: string | null;
  name?: string | null;
  type?: string | null;
  role?: string | null;
  ariaLabel?: string | null;
  placeholder?: string | null;
  title?: string | null;
  alt?: string | null;
  href?: string | null;
  testId?: string | null;
  text?: string | null;
  label?: string | null;
  classes?: string[] | null;
}

export interface AnchorContext {
  ancestors?: AncestorInfo[] | null;
  prevText?: string | null;
  nextText?: string | null;
  heading?: string | null;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface RecordedSelector {
  css: string;
  count?: number;
}

export interface Fingerprint {
  v?: 1;
  tag?: string | null;
  selectors?: RecordedSelector[] | null;
  props?: AnchorProps | null;
  context?: AnchorContext | null;
  box?: Box | null;
}

/** What `describe` sees of one element: a fingerprint without selectors, as plain data. */
export interface Description {
  tag: string;
  props: AnchorProps;
  context: AnchorContext;
  box: Box | null;
}

export type ResolveResult =
  | { ok: true; element: Element; confidence: number; via: 'selector' | 'score' }
  | { ok: false; reason: 'not_found' | 'ambiguous' | 'not_visible'; bestScore: number };
