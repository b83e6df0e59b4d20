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
  /** The `value` of a radio button or checkbox: which option it is (typed values are never recorded). */
  value?: string | null;
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
  /** Accessible name, simplified: label, else aria-label, text, title, alt, placeholder. */
  accName?: string | null;
}

/** The nearest landmark around an element: its tag, role and label (aria-label or first heading). */
export interface Landmark {
  tag: string;
  role?: string | null;
  label?: string | null;
}

/** The row, item or card that holds the element in a list of look-alikes. */
export interface Row {
  /** The row's first text outside the element's own cell: what a person would call the row by. */
  label?: string | null;
  /** Position among the row's same-tag siblings (0-based), and how many there are. */
  index?: number;
  count?: number;
}

export interface AnchorContext {
  ancestors?: AncestorInfo[] | null;
  prevText?: string | null;
  nextText?: string | null;
  heading?: string | null;
  /** Words of the nearby text (the parent's and grandparent's text without the element's own), at most 12. */
  words?: string[] | null;
  landmark?: Landmark | null;
  /** Present when the element sits in a list of look-alikes (rows, items, cards). */
  row?: Row | null;
}

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Position and size relative to the viewport, and relative to the nearest landmark's box. */
export interface Geometry {
  view?: Box | null;
  inLandmark?: Box | null;
}

/** One step of the way from the document to the element's own tree: an open shadow root's host or a same-origin iframe. */
export interface PathStep {
  kind: 'shadow' | 'frame';
  tag: string;
  selectors: RecordedSelector[];
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
  geometry?: Geometry | null;
  /** Outermost first; empty or missing when the element lives in the document itself. */
  path?: PathStep[] | null;
}

/** What `describe` sees of one element: a fingerprint without selectors, as plain data. */
export interface Description {
  tag: string;
  props: AnchorProps;
  context: AnchorContext;
  box: Box | null;
  geometry?: Geometry | null;
  /** XPath from the document (or shadow root) with positions only, and with the nearest stable id as a start. */
  xpath?: string;
  xpathIds?: string;
  /** Acts as a button: a, button, button-like input, role button/link/menuitem/tab, or an onclick handler. */
  isButton?: boolean;
  /** Set by the resolver for the candidates it had to check; a hidden candidate is never accepted. */
  visible?: boolean;
}

export type MissReason = 'not_found' | 'ambiguous' | 'not_visible';
export type Via = 'selector' | 'score';

/** What `rank` concluded: the accepted candidate's index, or a typed miss. */
export type Decision =
  | { ok: true; index: number; confidence: number; via: Via }
  | { ok: false; reason: MissReason; bestScore: number };

export type ResolveResult =
  | { ok: true; element: Element; confidence: number; via: Via }
  | { ok: false; reason: MissReason; bestScore: number };
