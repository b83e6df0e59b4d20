// The similarity stage, pure: every candidate's own properties and neighbourhood weighed against the fingerprint,
// values that are rare among the candidates weighing more, then the decision. No DOM access here.
import { present, propsEvidence, share, WEIGHTS } from './score';
import type { Rarity, Tally } from './score';
import { similarity, tokens } from './text';
import type { AncestorInfo, AnchorProps, Box, Decision, Description, Fingerprint, Landmark } from './types';
import { MARGIN, tagGroup, THRESHOLD } from './score';

function ancestorMatches(want: AncestorInfo, have: AncestorInfo): boolean {
  if (want.tag !== have.tag) return false;
  if (present(want.testId)) return want.testId === have.testId;
  if (present(want.id)) return want.id === have.id;
  if (present(want.role)) return want.role === have.role;
  const wc = want.classes ?? [];
  if (wc.length) return wc.some((c) => (have.classes ?? []).includes(c));
  return true;
}

/** Share of recorded ancestors found, in order, among the candidate's (wrappers in between are fine). */
function ancestorSimilarity(want: AncestorInfo[], have: AncestorInfo[]): number {
  let j = 0, hits = 0;
  for (const w of want) {
    for (let k = j; k < have.length; k++) {
      if (ancestorMatches(w, have[k])) { hits++; j = k + 1; break; }
    }
  }
  return hits / want.length;
}

function boxSimilarity(want: Box, have: Box | null): number {
  if (!have) return 0;
  const dx = want.x + want.w / 2 - (have.x + have.w / 2);
  const dy = want.y + want.h / 2 - (have.y + have.h / 2);
  return Math.max(0, 1 - Math.hypot(dx, dy) / 600);
}

const RARITY_KEYS: (keyof AnchorProps)[] = ['testId', 'id', 'name', 'value', 'label', 'ariaLabel', 'text', 'placeholder', 'href', 'title', 'alt', 'accName'];

/** Recorded values of the neighbourhood that are weighed by rarity too: look-alikes share most of them. */
const CONTEXT_VALUES: Record<string, (d: Description | Fingerprint) => unknown> = {
  heading: (d) => d.context?.heading,
  rowLabel: (d) => d.context?.row?.label,
};

const lower = (v: unknown): string => (typeof v === 'string' ? v.trim().toLowerCase() : '');

/** 1.5 for a word no other candidate has, falling towards 0.3 as more candidates share it; 1 when none has it. */
const factor = (n: number | undefined): number => (!n ? 1 : Math.max(0.3, 1.5 / (1 + Math.log2(n))));

/**
 * A whole value only gains weight by being rare, never loses it by being common: "Delete" where twenty links read
 * "Edit" must still cost its full weight. (Words inside a bag of words are compared by share, so there common ones
 * may weigh less.)
 */
const boost = (n: number | undefined): number => Math.max(1, factor(n));

/** How many candidates hold each of `want` among the words `read` gives of them. */
function wordCounts(want: string[], descriptions: Description[], read: (d: Description) => string[] | null | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const w of want) counts.set(w, 0);
  if (counts.size) for (const d of descriptions) for (const w of new Set(read(d) ?? [])) if (counts.has(w)) counts.set(w, counts.get(w)! + 1);
  return counts;
}

/** Counts, over the candidates, how many share each recorded value and each recorded nearby word. */
export function rarityOver(fp: Fingerprint, descriptions: Description[]): Rarity {
  const counts = new Map<string, number>();
  const count = (key: string, read: (d: Description | Fingerprint) => unknown): void => {
    const v = lower(read(fp));
    if (v) counts.set(key, descriptions.filter((d) => lower(read(d)) === v).length);
  };
  for (const k of RARITY_KEYS) count(k, (d) => d.props?.[k]);
  for (const k in CONTEXT_VALUES) count(k, CONTEXT_VALUES[k]);
  const words = wordCounts(fp.context?.words ?? [], descriptions, (d) => d.context.words);
  const rowWords = wordCounts(tokens(fp.context?.row?.label), descriptions, (d) => tokens(d.context.row?.label));
  return {
    value: (key) => boost(counts.get(key)), word: (w) => factor(words.get(w)), rowWord: (w) => factor(rowWords.get(w)),
    held: (key) => !!counts.get(key),
  };
}

/** Share of the recorded words found again, each word weighted by its rarity. */
function wordSimilarity(want: string[], have: string[] | null | undefined, weigh?: (w: string) => number): number {
  if (!have?.length) return 0;
  const set = new Set(have);
  let total = 0, got = 0;
  for (const w of want) {
    const weight = weigh ? weigh(w) : 1;
    total += weight;
    if (set.has(w)) got += weight;
  }
  return total ? got / total : 0;
}

function landmarkSimilarity(want: Landmark, have: Landmark | null | undefined): number {
  if (!have) return 0;
  const sameKind = want.tag === have.tag || (present(want.role) && want.role === have.role) ? 0.5 : 0;
  return sameKind + (present(want.label) ? 0.5 * similarity(want.label, have.label) : sameKind);
}

/** Adds the evidence of the neighbourhood: heading, nearby text, row among look-alikes, landmark, ancestors, geometry. */
function contextEvidence(fp: Fingerprint, d: Description, t: Tally, rarity?: Rarity): void {
  const add = (weight: number, sim: number): void => { t.total += weight; t.got += weight * sim; };
  const rare = (key: keyof typeof WEIGHTS): number => WEIGHTS[key] * (rarity ? rarity.value(key, '') : 1);
  const c = fp.context ?? {};
  if (present(c.heading)) add(rare('heading'), similarity(c.heading, d.context.heading));
  if (present(c.prevText)) add(WEIGHTS.prevText, similarity(c.prevText, d.context.prevText));
  if (present(c.nextText)) add(WEIGHTS.nextText, similarity(c.nextText, d.context.nextText));
  if (c.words?.length) add(WEIGHTS.words, wordSimilarity(c.words, d.context.words, rarity?.word));
  // Among look-alike rows, the row's name (its first cell, a card's title) is what tells them apart.
  const row = c.row, have = d.context.row;
  // Rows of one list often share most of their name ("Acme deal 3", "Acme deal 4"): its rare words decide.
  if (row && present(row.label)) add(rare('rowLabel'), wordSimilarity(tokens(row.label), tokens(have?.label), rarity?.rowWord));
  if (row && typeof row.index === 'number') add(WEIGHTS.rowIndex, have?.index === row.index ? 1 : 0);
  if (c.landmark) add(WEIGHTS.landmark, landmarkSimilarity(c.landmark, d.context.landmark));
  if (c.ancestors?.length) add(WEIGHTS.ancestors, ancestorSimilarity(c.ancestors, d.context.ancestors ?? []));
  const inL = fp.geometry?.inLandmark, haveInL = d.geometry?.inLandmark;
  if (inL && haveInL && inL.w > 0) add(WEIGHTS.box, boxSimilarity(inL, haveInL));
  else if (fp.box && fp.box.w > 0 && fp.box.h > 0) add(WEIGHTS.box, boxSimilarity(fp.box, d.box));
}

/** Weighted similarity in [0, 1] of a description to a fingerprint; `rarity` scales each recorded value's weight. */
export function score(fp: Fingerprint, d: Description, rarity?: Rarity): number {
  const t = { total: 0, got: 0 };
  propsEvidence(fp, d, t, rarity);
  contextEvidence(fp, d, t, rarity);
  const s = share(fp, d, t);
  // Its text now reads otherwise while another candidate still reads as recorded: most likely another element
  // (the "Share" beside a deleted "Refresh"). A text changed everywhere says nothing against any one candidate.
  const text = fp.props?.text, now = d.props.text;
  return rarity?.held('text') && present(text) && present(now) && similarity(text, now) < 0.5 ? s * 0.6 : s;
}

export interface Ranked { index: number; score: number }

/** Candidates best first, and what the resolver decides from them. */
export interface Ranking { candidates: Ranked[]; decision: Decision }

const round = (n: number): number => Math.round(n * 1000) / 1000;

/** Scores every description, best first; candidates of an incompatible tag group score 0. */
export function scoreAll(fp: Fingerprint, descriptions: Description[]): Ranked[] {
  const group = tagGroup(fp.tag, fp.props);
  const rarity = rarityOver(fp, descriptions);
  return descriptions
    .map((d, index) => ({ index, score: round(group === '*' || tagGroup(d.tag, d.props) === group ? score(fp, d, rarity) : 0) }))
    .sort((a, b) => b.score - a.score || a.index - b.index);
}

/**
 * Accepts the best visible candidate at or above THRESHOLD with MARGIN over the next visible one; otherwise a typed
 * miss. A candidate whose description says `visible: false` is never accepted and never makes a visible one ambiguous.
 */
export function decide(candidates: Ranked[], descriptions: Description[]): Decision {
  const best = candidates[0]?.score ?? 0;
  const shown: Ranked[] = [];
  let hiddenAbove = false;
  for (const r of candidates) {
    if (r.score < THRESHOLD - MARGIN || shown.length === 2) break;
    if (descriptions[r.index]?.visible === false) hiddenAbove ||= r.score >= THRESHOLD;
    else shown.push(r);
  }
  const top = shown[0];
  if (top && top.score >= THRESHOLD) {
    if (top.score - (shown[1]?.score ?? 0) < MARGIN) return { ok: false, reason: 'ambiguous', bestScore: top.score };
    return { ok: true, index: top.index, confidence: top.score, via: 'score' };
  }
  return { ok: false, reason: hiddenAbove ? 'not_visible' : 'not_found', bestScore: best };
}

/** The pure ranking: every description scored against the fingerprint, best first, with the decision. */
export function rank(fp: Fingerprint, descriptions: Description[]): Ranking {
  const candidates = scoreAll(fp, descriptions);
  return { candidates, decision: decide(candidates, descriptions) };
}
