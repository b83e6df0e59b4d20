// Whether a found element's own properties have drifted from its recorded anchor (core: cheap, no neighbourhood).
import { describeLight } from './describe';
import type { AnchorProps, Fingerprint } from './types';

const DRIFTING: (keyof AnchorProps)[] = ['text', 'label', 'ariaLabel', 'placeholder', 'title', 'alt', 'href', 'id', 'classes'];

/** True when a property the anchor recorded now reads otherwise; properties a minimal anchor never recorded do not count. */
export function drifted(fp: Fingerprint, el: Element): boolean {
  const was = fp.props ?? {}, now = describeLight(el).props;
  return DRIFTING.some((k) => was[k] !== undefined && String(was[k] || '') !== String(now[k] || ''));
}
