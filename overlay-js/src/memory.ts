// What one learner's browser remembers about tips, for their frequency: which `once` tips were
// shown and which `until_dismissed` tips were dismissed. Kept per learner in localStorage.
import { readJson, writeJson } from './storage';

export interface Memory {
  /** Whether the tip may show on this page view, given its frequency. */
  allows(tipId: string, frequency: string | undefined): boolean;
  shown(tipId: string): void;
  dismissed(tipId: string): void;
}

const LIMIT = 500;

export function createMemory(store: () => Storage, learner: () => string): Memory {
  const key = (): string => `inflow.memory.${learner()}`;
  const read = (): { s: string[]; d: string[] } => ({ s: [], d: [], ...readJson(store, key(), {}) });
  const add = (list: 's' | 'd', tipId: string): void => {
    const m = read();
    if (m[list].includes(tipId)) return;
    m[list] = m[list].concat(tipId).slice(-LIMIT);
    writeJson(store, key(), m);
  };
  return {
    allows(tipId, frequency) {
      if (frequency === 'every_visit') return true;
      const m = read();
      return !m.d.includes(tipId) && !(frequency === 'once' && m.s.includes(tipId));
    },
    shown: (tipId) => add('s', tipId),
    dismissed: (tipId) => add('d', tipId),
  };
}
