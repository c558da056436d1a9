/**
 * Learns the weighted English lexicon (src/emotion/lexicons/learned.en.lexicon.json) from GoEmotions train:
 * one L2-regularised logistic regression per emotion over the features of learned-features.ts (stems, emoji
 * and neighbouring pairs, counted), fitted by seeded AdaGrad SGD. Everything is deterministic: a fixed seed, a
 * fixed feature order (first appearance in the file), fixed rounding, so the same data gives the same file
 * byte for byte (test/emotion/learned-lexicon.test.ts re-runs it).
 *
 * The regularisation strength is chosen on a seeded 10 % split of train (F1 at its best threshold there); the
 * final model is refitted on all of train; the flag threshold is chosen on GoEmotions dev. Nothing else is
 * fitted to dev, and no complaint set is used at all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { featureKeys } from '../learned-features.js';
import type { Token } from '../text-tokenizer.js';
import { readLabelledTsv, type LabelledRow } from './emotion-metrics.js';
import { seededRandom } from '../../seeded-random.js';

export const EMOTIONS = ['anger', 'anxiety'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export interface TrainConfig {
  seed: number;
  epochs: number;
  learningRate: number;
  /** Candidates for the L2 strength; the best on the validation split wins. */
  l2: number[];
  /** A feature must occur in at least this many training messages. */
  minCount: number;
  /** Weights are rounded to this many decimals; features whose rounded weights are all 0 are dropped. */
  decimals: number;
  validationShare: number;
  /** Written into the file as its date: part of the configuration, so re-running reproduces it. */
  date: string;
}

export const DEFAULT_CONFIG: TrainConfig = {
  seed: 20261201, epochs: 8, learningRate: 0.2, l2: [0.03, 0.1, 0.3], minCount: 5, decimals: 2, validationShare: 0.1, date: '2026-12-01',
};

/** `domain`: complaint text (1) or not (0), for the complaint trainer's domain gate. */
export interface Example { features: Int32Array; y: Record<Emotion, boolean> & { domain?: boolean } }


export function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export interface Model { bias: number; w: Float64Array }

/** L2-regularised logistic regression by seeded AdaGrad SGD (`cfg`: seed, epochs, learningRate). */
export function fit(data: readonly Example[], label: Emotion | 'domain', dims: number, l2: number, cfg: Pick<TrainConfig, 'seed' | 'epochs' | 'learningRate'>): Model {
  const w = new Float64Array(dims);
  const g2 = new Float64Array(dims).fill(1e-8);
  let bias = 0;
  let gBias = 1e-8;
  const random = seededRandom(cfg.seed);
  for (let epoch = 0; epoch < cfg.epochs; epoch++) {
    for (const i of shuffled(data.length, random)) {
      const ex = data[i]!;
      let z = bias;
      for (const f of ex.features) z += w[f]!;
      const err = sigmoid(z) - (ex.y[label] ? 1 : 0);
      gBias += err * err;
      bias -= (cfg.learningRate * err) / Math.sqrt(gBias);
      for (const f of ex.features) {
        const g = err + l2 * w[f]!;
        g2[f]! += g * g;
        w[f]! -= (cfg.learningRate * g) / Math.sqrt(g2[f]!);
      }
    }
  }
  return { bias, w };
}

export const logit = (m: Model, ex: Example) => { let z = m.bias; for (const f of ex.features) z += m.w[f]!; return z; };

/** The threshold (on the logit) with the best F1, midway between two neighbouring scores, and its P/R/F1. */
export function bestThreshold(scores: readonly number[], gold: readonly boolean[]): { threshold: number; precision: number; recall: number; f1: number } {
  const order = scores.map((s, i) => [s, gold[i] ? 1 : 0] as const).sort((a, b) => b[0] - a[0]);
  const positives = gold.filter(Boolean).length;
  let tp = 0;
  let best = { threshold: Infinity, precision: 0, recall: 0, f1: 0 };
  for (let k = 0; k < order.length; k++) {
    tp += order[k]![1];
    const next = order[k + 1]?.[0] ?? -Infinity;
    if (next === order[k]![0]) continue;
    const precision = tp / (k + 1);
    const recall = positives ? tp / positives : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    if (f1 > best.f1) best = { threshold: Number.isFinite(next) ? (order[k]![0] + next) / 2 : order[k]![0] - 1, precision, recall, f1 };
  }
  return best;
}

export interface TrainInputs {
  trainPath: string;
  devPath: string;
  tokenize: (text: string) => Token[];
  config?: TrainConfig;
}

/** Trains both emotions and returns the lexicon file's text (what `npm run train:emotion` writes). */
export function trainLexicon({ trainPath, devPath, tokenize, config = DEFAULT_CONFIG }: TrainInputs): string {
  const train = readLabelledTsv(trainPath);
  const dev = readLabelledTsv(devPath);
  // Features once per message: tokenizing is most of the cost outside the fits.
  const trainFeatures = train.map((r) => featureKeys(tokenize(r.text)));
  const vocab = buildVocabulary(trainFeatures, config.minCount);
  const encode = (rows: LabelledRow[], features: Array<Array<[string, string]>>): Example[] => rows.map((r, i) => ({
    features: Int32Array.from(features[i]!.map(([k]) => vocab.index.get(k) ?? -1).filter((x) => x >= 0)),
    y: { anger: r.anger, anxiety: r.anxiety },
  }));
  const trainX = encode(train, trainFeatures);
  const devX = encode(dev, dev.map((r) => featureKeys(tokenize(r.text))));
  const order = shuffled(trainX.length, seededRandom(config.seed + 1));
  const cut = Math.round(trainX.length * config.validationShare);
  const validation = order.slice(0, cut).map((i) => trainX[i]!);
  const rest = order.slice(cut).map((i) => trainX[i]!);
  const dims = vocab.keys.length;
  const round = (x: number) => Number(x.toFixed(config.decimals));
  const models = {} as Record<Emotion, { model: Model; l2: number; validationF1: number; dev: ReturnType<typeof bestThreshold> }>;
  for (const label of EMOTIONS) {
    const gold = validation.map((e) => e.y[label]);
    const tried = config.l2.map((l2) => {
      const model = fit(rest, label, dims, l2, config);
      return { l2, f1: bestThreshold(validation.map((e) => logit(model, e)), gold).f1 };
    });
    const chosen = tried.reduce((a, b) => (b.f1 > a.f1 ? b : a));
    const full = fit(trainX, label, dims, chosen.l2, config);
    const rounded: Model = { bias: round(full.bias), w: full.w.map(round) };
    const devScores = devX.map((e) => logit(rounded, e));
    models[label] = { model: rounded, l2: chosen.l2, validationF1: chosen.f1, dev: bestThreshold(devScores, devX.map((e) => e.y[label])) };
  }
  return serialise({ trainPath, devPath, config, vocab, models, trainRows: train.length, devRows: dev.length });
}

export interface Vocabulary { keys: string[]; surface: string[]; index: Map<string, number> }

/** Features in at least `minCount` messages, in order of first appearance; surface = most frequent written form. */
export function buildVocabulary(rows: ReadonlyArray<Array<[string, string]>>, minCount: number): Vocabulary {
  const docs = new Map<string, number>();
  const forms = new Map<string, Map<string, number>>();
  for (const features of rows) {
    const seen = new Set<string>();
    for (const [key, form] of features) {
      const f = forms.get(key) ?? forms.set(key, new Map()).get(key)!;
      f.set(form, (f.get(form) ?? 0) + 1);
      if (!seen.has(key)) { seen.add(key); docs.set(key, (docs.get(key) ?? 0) + 1); }
    }
  }
  const keys = [...docs].filter(([, n]) => n >= minCount).map(([k]) => k);
  const surface = keys.map((k) => [...forms.get(k)!].reduce((a, b) => (b[1] > a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a))[0]);
  return { keys, surface, index: new Map(keys.map((k, i) => [k, i])) };
}

export const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
export const r3 = (x: number) => Math.round(x * 1000) / 1000;

function serialise(p: {
  trainPath: string; devPath: string; config: TrainConfig; vocab: Vocabulary; trainRows: number; devRows: number;
  models: Record<Emotion, { model: Model; l2: number; validationF1: number; dev: ReturnType<typeof bestThreshold> }>;
}): string {
  const { anger, anxiety } = p.models;
  const head = {
    about: 'Learned English emotion weights: logistic regression (one per emotion) over Porter stems, emoji and neighbouring pairs, trained by src/emotion/eval/lexicon-trainer.ts (npm run train:emotion). The analyzer adds bias + the weights of the features a message contains (each occurrence) to get a logit per emotion. Do not edit by hand: retrain.',
    source: 'GoEmotions (Demszky et al., "GoEmotions: A Dataset of Fine-Grained Emotions", ACL 2020), train split; https://github.com/google-research/google-research/tree/master/goemotions',
    licence: 'Learned from data released under CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Attribution: GoEmotions © Google Research (Demszky et al., 2020). Changed: labels mapped to anger = anger|annoyance, anxiety = fear|nervousness; only derived weights are stored here, no text.',
    date: p.config.date,
    train: { file: basename(p.trainPath), rows: p.trainRows, sha256: sha256(p.trainPath) },
    thresholdsChosenOn: { file: basename(p.devPath), rows: p.devRows, sha256: sha256(p.devPath) },
    hyperparameters: { ...p.config, date: undefined, l2Chosen: { anger: anger.l2, anxiety: anxiety.l2 } },
    validationF1: { anger: r3(anger.validationF1), anxiety: r3(anxiety.validationF1) },
    devAlone: {
      anger: { precision: r3(anger.dev.precision), recall: r3(anger.dev.recall), f1: r3(anger.dev.f1) },
      anxiety: { precision: r3(anxiety.dev.precision), recall: r3(anxiety.dev.recall), f1: r3(anxiety.dev.f1) },
    },
    bias: { anger: anger.model.bias, anxiety: anxiety.model.bias },
    threshold: { anger: r3(anger.dev.threshold), anxiety: r3(anxiety.dev.threshold) },
  };
  const lines: string[] = [];
  p.vocab.keys.forEach((key, i) => {
    const a = anger.model.w[i]!;
    const x = anxiety.model.w[i]!;
    if (a === 0 && x === 0) return;
    lines.push(`    ${JSON.stringify(key)}: ${JSON.stringify([a, x, p.vocab.surface[i]])}`);
  });
  const headText = JSON.stringify(head, null, 2);
  return `${headText.slice(0, -2)},\n  "features": {\n${lines.join(',\n')}\n  }\n}\n`;
}
