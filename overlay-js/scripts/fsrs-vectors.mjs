// Writes FSRS test vectors from the reference implementation (ts-fsrs, fuzz off) for the Java scheduler's test:
//   node scripts/fsrs-vectors.mjs OUT.json [SEED]
// Each history is a series of reviews (time and rating) with the card ts-fsrs gives after each one.
import { writeFileSync } from 'node:fs';
import { createEmptyCard, fsrs, generatorParameters, FSRSVersion } from 'ts-fsrs';

const [out, seedText] = process.argv.slice(2);
if (!out) {
  console.error('usage: node scripts/fsrs-vectors.mjs OUT.json [SEED]');
  process.exit(2);
}

// mulberry32: a small seeded generator, so a failing history can be regenerated
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rnd = random(Number(seedText ?? 20261123));
const pick = (n) => Math.floor(rnd() * n);
const MINUTE = 60_000;
const DAY = 86_400_000;

const configs = {
  // ts-fsrs defaults: learning steps 1m, 10m; relearning 10m
  defaults: { enable_fuzz: false },
  // Inflow's schedule: no same-day steps
  inflow: { enable_fuzz: false, learning_steps: [], relearning_steps: [] },
};

/** The next review time: soon, early, on time or late, so every branch of the scheduler is reached. */
function nextTime(now, card) {
  const untilDue = card.due.getTime() - now;
  switch (pick(6)) {
    case 0: return now + (1 + pick(30)) * MINUTE;
    case 1: return now + (1 + pick(20)) * 60 * MINUTE;
    case 2: return Math.max(now + MINUTE, card.due.getTime());
    case 3: return now + Math.max(MINUTE, Math.floor(untilDue * rnd()));
    case 4: return Math.max(now, card.due.getTime()) + pick(5 * DAY);
    default: return Math.max(now, card.due.getTime()) + pick(Math.max(DAY, 3 * untilDue));
  }
}

function history(configName) {
  const scheduler = fsrs(generatorParameters(configs[configName]));
  let now = Date.UTC(2026, pick(12), 1 + pick(28), pick(24), pick(60), pick(60), pick(1000));
  let card = createEmptyCard(new Date(now));
  const reviews = [];
  const length = 1 + pick(14);
  for (let i = 0; i < length; i++) {
    const rating = 1 + pick(4);
    card = scheduler.next(card, new Date(now), rating).card;
    reviews.push({
      at: new Date(now).toISOString(), rating,
      card: {
        state: card.state, stability: card.stability, difficulty: card.difficulty,
        elapsedDays: card.elapsed_days, scheduledDays: card.scheduled_days, reps: card.reps, lapses: card.lapses,
        learningSteps: card.learning_steps, due: card.due.toISOString(), lastReview: card.last_review.toISOString(),
      },
    });
    now = nextTime(now, card);
  }
  return { config: configName, reviews };
}

const histories = [];
for (let i = 0; i < 1000; i++) histories.push(history('defaults'));
for (let i = 0; i < 500; i++) histories.push(history('inflow'));
writeFileSync(out, JSON.stringify({ reference: FSRSVersion, histories }));
console.log(`${histories.length} histories from ts-fsrs ${FSRSVersion} → ${out}`);
