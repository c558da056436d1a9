import { describe, expect, it } from 'vitest';
import { bodyBlocks, clip, consolePointer, escapeMrkdwn, splitText } from '../../../adapters/slack/slack-text.js';
import { proposeView, escalateView } from '../../../adapters/slack/slack.mapper.js';
import { blocksProblems, viewProblems } from './fake-slack-rules.js';
import { HOSTILE, liveMarkup, plainBody, visible } from './slack-render.js';

const manyLines = (n: number, width = 40) => Array.from({ length: n }, (_, i) => `line ${i} ${'x'.repeat(width)} & <done>`).join('\n');

describe('escapeMrkdwn', () => {
  it('neutralises formatting, mentions and links, and reads the same', () => {
    const m = escapeMrkdwn(HOSTILE);
    expect(liveMarkup([{ type: 'mrkdwn', text: m }])).toEqual([]);
    expect(visible({ type: 'mrkdwn', text: m })).toBe(HOSTILE);
  });
});

describe('splitText', () => {
  it('cuts at line or word breaks, every piece within the limit, nothing lost', () => {
    const text = manyLines(200);
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.every((p) => p.length <= 3000 && p.length > 0)).toBe(true);
    expect(pieces.join('')).toBe(text);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('\n'))).toBe(true);
  });
  it('cuts one long word hard and never splits a surrogate pair', () => {
    const text = `${'a'.repeat(2999)}😀${'b'.repeat(10)}`;
    const pieces = splitText(text, 3000);
    expect(pieces.every((p) => p.length <= 3000 && !/[\uD800-\uDBFF]$/.test(p))).toBe(true);
    expect(pieces.join('')).toBe(text);
  });
});

describe('bodyBlocks', () => {
  it('a 4,000-character many-line text arrives whole in sections Slack accepts', () => {
    const text = manyLines(80).slice(0, 4000);
    const blocks = bodyBlocks(text, { maxBlocks: 10, cutNote: 'x' });
    expect(blocksProblems(blocks, 'message')).toEqual([]);
    expect(plainBody(blocks)).toBe(text.trim());
  });
  it('past maxBlocks the text is cut, says so and points at the console', () => {
    const blocks = bodyBlocks('word '.repeat(20_000), { maxBlocks: 3, cutNote: consolePointer('RD-1', 'https://r.example/') });
    expect(blocks).toHaveLength(3);
    expect(blocksProblems(blocks, 'message')).toEqual([]);
    expect(plainBody(blocks)).toMatch(/… \(cut: full text in the console: https:\/\/r\.example\/console\/cases\/RD-1\)$/);
  });
});

describe('clip', () => {
  it('never leaves half an entity', () => {
    expect(clip('ab&amp;cd', 5)).toBe('ab…');
    expect(clip('short', 10)).toBe('short');
  });
});

describe('modals', () => {
  it('every text input has a max_length Slack accepts', () => {
    for (const v of [proposeView('RD-1'), escalateView('RD-1')]) {
      expect(viewProblems(v)).toEqual([]);
      const elements = (v.blocks as Array<{ type: string; element?: { type: string; max_length?: number } }>).flatMap((b) => (b.type === 'input' && b.element ? [b.element] : []));
      const inputs = elements.filter((e) => e.type === 'plain_text_input');
      expect(inputs.length).toBeGreaterThan(0);
      expect(inputs.every((e) => typeof e.max_length === 'number' && e.max_length <= 3000)).toBe(true);
    }
  });
});
