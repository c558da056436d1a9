import { describe, expect, it } from 'vitest';
import { fitChoices } from '../../src/channels/fit-choices.js';
import type { Choice } from '../../src/messages/message.types.js';

const caps = (maxButtons: number, maxTextLength = 4000) => ({ maxButtons, maxTextLength, perConversationPerSecond: 0 });
const choices = (n: number): Choice[] => Array.from({ length: n }, (_, i) => ({ value: `v${i}`, label: `Label ${i}` }));

describe('fitChoices', () => {
  it('leaves choices the channel can show as buttons', () => {
    const m = { kind: 'dialog' as const, text: 'Pick', choices: choices(10) };
    expect(fitChoices(m, caps(10))).toBe(m);
  });

  it('writes every choice as a numbered list when there are more than the channel shows', () => {
    const fitted = fitChoices({ kind: 'dialog', text: 'Pick', choices: choices(12), expects: 'choice' }, caps(10));
    expect(fitted.choices).toBeUndefined();
    expect(fitted.expects).toBe('choice');
    expect(fitted.text.split('\n')).toEqual(['Pick', ...choices(12).map((c, i) => `${i + 1}. ${c.label}`)]);
  });

  it('shortens the text before the list, never the list, when both would be too long', () => {
    const fitted = fitChoices({ kind: 'dialog', text: 'x'.repeat(80), choices: choices(12) }, caps(10, 200));
    expect(fitted.choices).toBeUndefined();
    expect(fitted.text.length).toBeLessThanOrEqual(200);
    expect(fitted.text).toContain('…\n1. Label 0\n');
    expect(fitted.text.endsWith('12. Label 11')).toBe(true);
  });
});
