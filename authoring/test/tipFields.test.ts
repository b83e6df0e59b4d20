import { describe, expect, it } from 'vitest';
import { formatAudience, parseAudience, toInput, type TipFields } from '../src/shared/tipFields.ts';
import { tipIdInHash } from '../src/console/views/tips.ts';
import { fieldsOf } from '../src/console/views/tipEditor.ts';

describe('audience conditions', () => {
  it('reads one condition per line with typed values', () => {
    const { conditions, errors } = parseAudience('role in sales, support\nplan exists\nseats gte 10\nlocale equals de\n\n');
    expect(errors).toEqual([]);
    expect(conditions).toEqual([
      { trait: 'role', op: 'in', value: ['sales', 'support'] },
      { trait: 'plan', op: 'exists' },
      { trait: 'seats', op: 'gte', value: 10 },
      { trait: 'locale', op: 'equals', value: 'de' },
    ]);
    expect(parseAudience(formatAudience(conditions)).conditions).toEqual(conditions);
  });

  it('names the line of a condition it cannot read', () => {
    expect(parseAudience('role like sales\nseats gt many\nplan equals').errors).toEqual([
      expect.stringContaining('line 1'), 'line 2: gt compares numbers', 'line 3: equals needs a value',
    ]);
  });
});

describe('tip input', () => {
  it('sends only the fields the server stores', () => {
    const fields: TipFields = fieldsOf({ title: 'T', body: 'B', pageRule: '/x', trigger: 'hover', priority: 5 });
    const input = toInput(fields);
    expect(Object.keys(input).sort()).toEqual(['anchor', 'audience', 'body', 'check', 'frequency', 'learnMore', 'locales', 'media', 'pageRule',
      'placement', 'presentation', 'priority', 'reinforce', 'schedule', 'title', 'trigger']);
    expect(toInput(fields, new Set(['title', 'trigger', 'priority']))).toEqual({ title: 'T', trigger: 'hover', priority: 5 });
  });

  it('finds the tip id in the console hash', () => {
    expect(tipIdInHash('#/tips/tip_01ABC')).toBe('tip_01ABC');
    expect(tipIdInHash('#/tips')).toBeNull();
    expect(tipIdInHash('#/apps/x')).toBeNull();
  });
});
