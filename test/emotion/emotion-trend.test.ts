import { describe, expect, it } from 'vitest';
import { aggregateEmotion, createEmotionAnalyzer, emotionTrend } from '../../src/emotion/index.js';

const analyzer = createEmotionAnalyzer();
const run = (texts: string[]) => texts.map((t) => analyzer.analyze(t));

describe('emotion trend', () => {
  it('rising when messages get angrier', () => {
    const t = emotionTrend(run(['Hi, my parcel has not arrived yet.', 'Any news? It has been a week.', 'This is ridiculous!!! Third time I write, I will go to the press 😡']));
    expect(t.trend).toBe('rising');
    expect(t.peakAnger).toBeGreaterThan(5);
  });
  it('falling when the consumer calms down', () => {
    const t = emotionTrend(run(['我非常生气！！！骗子！', '好的，我等你们消息', '收到了，谢谢']));
    expect(t.trend).toBe('falling');
  });
  it('steady for one message or an even tone', () => {
    expect(emotionTrend(run(['I am worried'])).trend).toBe('steady');
    expect(emotionTrend(run(['Could you check my order?', 'Thanks, and the invoice?'])).trend).toBe('steady');
  });
  it('the complaint as a whole takes each emotion at its peak', () => {
    const all = aggregateEmotion(run(['I am worried about the rent', 'and angry at your agent']));
    expect(all.anger.flagged && all.anxiety.flagged).toBe(true);
    expect(all.cues).toEqual(expect.arrayContaining(['anxiety:worried', 'anger:angry']));
  });
});
