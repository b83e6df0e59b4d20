// Makes a fingerprint from one description alone (anchors imported from other tools, tests).
import { isGeneratedId, isStableValue } from './generated';
import { cssIdent, cssString } from './selectors';
import type { Description, Fingerprint, RecordedSelector } from './types';

export function fromDescription(d: Description): Fingerprint {
  const tag = typeof d?.tag === 'string' ? d.tag.toLowerCase() : null;
  const p = d?.props ?? {};
  const selectors: RecordedSelector[] = [];
  const attr = (name: string, v: string | null | undefined, withTag: boolean): void => {
    if (v && isStableValue(v)) selectors.push({ css: `${withTag && tag ? tag : ''}[${name}=${cssString(v)}]` });
  };
  attr('data-testid', p.testId, false);
  if (p.id && !isGeneratedId(p.id)) selectors.push({ css: '#' + cssIdent(p.id) });
  attr('name', p.name, true);
  attr('aria-label', p.ariaLabel, true);
  return {
    v: 1, tag, selectors, props: { ...p, id: p.id && !isGeneratedId(p.id) ? p.id : null },
    context: d?.context ?? {}, box: d?.box ?? null, geometry: d?.geometry ?? null, path: [],
  };
}
