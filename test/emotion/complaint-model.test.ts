// The complaint-domain layer (lexicons/complaint.lexicon.json): the shipped file is what `npm run train:emotion`
// writes from our labelled complaint files, the analyzer's fast path sums exactly the trainer's features, and
// the layer changes what the analyzer says — each flag it adds naming its strongest wording. Sentences here
// are new (in no labelled file).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/shared-data.js';
import { createEmotionAnalyzer, createPreComplaintReader } from '../../src/emotion/emotion-analyzer.js';
import { loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';
import { complaintFeatureKeys, textKeys } from '../../src/emotion/complaint-features.js';
import { COMPLAINT_FILE, readComplaintFile, scoreComplaint } from '../../src/emotion/complaint-lexicon.js';
import { COMPLAINT_FILES, trainComplaintLexicon } from '../../src/emotion/eval/complaint-trainer.js';
import { sha256 } from '../../src/emotion/eval/lexicon-trainer.js';

const OFF = { anger: { scale: 0, center: 0, down: 0, cap: 0, gate: 0 }, anxiety: { scale: 0, center: 0, down: 0, cap: 0, gate: 0 } };
const data = sharedData('emotion');
const fixture = (f: string) => new URL(`../../${f}`, import.meta.url).pathname;

describe.skipIf(!existsSync(`${data}/goemotions-train.tsv`))('training', () => {
  it('reproduces the shipped complaint lexicon byte for byte', () => {
    const { text } = trainComplaintLexicon({
      files: COMPLAINT_FILES.map(fixture), devPath: `${data}/goemotions-dev.tsv`, otherPath: `${data}/goemotions-train.tsv`, read: createPreComplaintReader(),
    });
    expect(text === readFileSync(COMPLAINT_FILE, 'utf8')).toBe(true);
  }, 900_000);
});

describe('complaint lexicon', () => {
  const file = readComplaintFile();
  const res = loadEmotionResources();
  const read = createPreComplaintReader();
  it('states its training files with their SHA-256, the hyperparameters, seed and chosen blend', () => {
    const head = JSON.parse(readFileSync(COMPLAINT_FILE, 'utf8')) as { train: Array<{ file: string; sha256: string }>; hyperparameters: { seed: number }; blend: unknown; crossValidated: unknown; selectionCheck: unknown };
    expect(head.train.map((t) => t.file)).toEqual(COMPLAINT_FILES.map((f) => f.split('/').pop()));
    head.train.forEach((t, i) => expect(t.sha256, t.file).toBe(sha256(fixture(COMPLAINT_FILES[i]!))));
    expect(head.hyperparameters.seed).toBeTypeOf('number');
    for (const k of ['blend', 'crossValidated', 'selectionCheck'] as const) expect(head[k], k).toBeDefined();
  });
  it('the fast path sums exactly the weights of the features the trainer defines', () => {
    for (const text of ['Still no refund. Do you actually read my emails?', '客服每次都说在处理，到现在一点消息都没有 😡', 'mixed 中文 and English, 拉胯!!', 'ok']) {
      const { tokens, signals } = read(text);
      const sum = { anger: file.bias.anger, anxiety: file.bias.anxiety, domain: file.bias.domain };
      for (const [key] of complaintFeatureKeys(tokens, signals)) { const w = file.features[key]; sum.anger += w?.[0] ?? 0; sum.anxiety += w?.[1] ?? 0; }
      for (const [key] of textKeys(tokens)) sum.domain += file.features[key]?.[2] ?? 0;
      const fast = scoreComplaint(tokens, signals, res.complaint);
      expect(fast.anger).toBeCloseTo(sum.anger, 9);
      expect(fast.anxiety).toBeCloseTo(sum.anxiety, 9);
      expect(fast.domain).toBeCloseTo(sum.domain, 9);
    }
  });
});

describe('the complaint layer in the analyzer', () => {
  const file = readComplaintFile();
  const on = createEmotionAnalyzer();
  const off = createEmotionAnalyzer({ complaintBlend: OFF });
  it('flags angry complaints the hand lexicons and rules miss, and names why', () => {
    for (const text of ['Third time I am explaining this. The parcel never came and you closed my case anyway.', 'I have asked for my refund four times now and nobody reads what I write.']) {
      expect(off.analyze(text).anger.flagged, text).toBe(false);
      const r = on.analyze(text);
      expect(r.anger.flagged, text).toBe(true);
      expect(r.cues.some((c) => c.startsWith('complaint:anger:'))).toBe(true);
      expect(r.labels.some((l) => l.startsWith('reads like angry complaints we have seen: “'))).toBe(true);
    }
  });
  it('weighs Chinese too (words and character pairs)', () => {
    const text = '退款申请提交半个月了还没处理，客服一直让我等';
    expect(on.analyze(text).anger.intensity).toBeGreaterThan(off.analyze(text).anger.intensity);
    expect(on.analyze(text).cues.some((c) => c.startsWith('complaint:anger:'))).toBe(true);
  });
  it('takes back worry the complaint files read as calm, but not below the flag of an explicit worry', () => {
    const calm = 'Charged twice for one order and still no refund. Again.';
    expect(on.analyze(calm).anxiety.intensity).toBeLessThan(off.analyze(calm).anxiety.intensity);
    const worried = 'my passport is in the parcel and I fly on monday, what do I do';
    expect(on.analyze(worried).anxiety.flagged).toBe(true);
  });
  it('on English that does not read like a complaint (the domain gate shut) names no complaint cue, and the GoEmotions regression decides', () => {
    const offGate = { anger: { ...file.blend.anger, off: undefined }, anxiety: { ...file.blend.anxiety, off: undefined } };
    const gateOnly = createEmotionAnalyzer({ complaintBlend: offGate });
    for (const text of ['This game is sick, what a match', 'lol my cat just knocked the whole tree over']) {
      expect(on.analyze(text).cues.some((c) => c.startsWith('complaint:')), text).toBe(false);
      expect(gateOnly.analyze(text), text).toEqual(off.analyze(text));
    }
    // "sick" is a hand worry cue; the regression trained on Reddit reads the sentence as calm and takes it back.
    const sick = 'This game is sick, what a match';
    expect(on.analyze(sick).anxiety.intensity).toBeLessThan(gateOnly.analyze(sick).anxiety.intensity);
  });
});
