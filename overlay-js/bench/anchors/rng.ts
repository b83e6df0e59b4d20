// A small seeded random source, so every benchmark run builds the same corpus.

export interface Rng {
  next(): number;
  int(n: number): number;
  pick<T>(list: readonly T[]): T;
  hash(len?: number): string;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number): number => Math.floor(next() * n);
  const ALPHA = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return {
    next,
    int,
    pick: (list) => list[int(list.length)],
    // Hashes as build tools make them: letters and digits mixed, always at least one digit inside.
    hash: (len = 6) => {
      let s = ALPHA[int(26)];
      for (let i = 1; i < len; i++) s += ALPHA[int(ALPHA.length)];
      return s.slice(0, 2) + (int(9) + 1) + s.slice(3);
    },
  };
}
