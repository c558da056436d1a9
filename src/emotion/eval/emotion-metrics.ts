/**
 * Measuring emotion detection: the labelled TSV format (`id lang anger anxiety text`, labels 0/1) and
 * precision / recall / F1. Used by `npm run eval:emotion`, the bench and the fixture test.
 */
import { readFileSync } from 'node:fs';

/** @example { id: 'c-en-001', lang: 'en', anger: true, anxiety: false, text: 'WORST SERVICE EVER' } */
export interface LabelledRow {
  id: string;
  lang: 'en' | 'zh';
  anger: boolean;
  anxiety: boolean;
  text: string;
}

export interface Prf { precision: number; recall: number; f1: number }
export interface LabelScores { anger: Prf; anxiety: Prf }
export type Predict = (text: string) => { anger: boolean; anxiety: boolean };

/** Reads a labelled TSV; throws on a malformed header or row, naming the line. */
export function readLabelledTsv(path: string): LabelledRow[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines.shift()?.split('\t').join(' ');
  if (header !== 'id lang anger anxiety text') throw new Error(`${path}: header must be "id lang anger anxiety text", got "${header}"`);
  return lines.map((line, i) => {
    const [id, lang, anger, anxiety, ...rest] = line.split('\t');
    if (!id || (lang !== 'en' && lang !== 'zh') || !/^[01]$/.test(anger ?? '') || !/^[01]$/.test(anxiety ?? '')) {
      throw new Error(`${path}:${i + 2}: malformed row`);
    }
    return { id, lang, anger: anger === '1', anxiety: anxiety === '1', text: rest.join('\t') };
  });
}

function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { precision: r(precision), recall: r(recall), f1: r(f1) };
}

/** P/R/F1 per label for precomputed predictions (index-aligned with rows). */
export function scorePredictions(rows: readonly LabelledRow[], preds: ReadonlyArray<{ anger: boolean; anxiety: boolean }>): LabelScores {
  const count = (label: 'anger' | 'anxiety') => {
    let tp = 0, fp = 0, fn = 0;
    rows.forEach((row, i) => {
      const p = preds[i]![label];
      if (p && row[label]) tp++;
      else if (p) fp++;
      else if (row[label]) fn++;
    });
    return prf(tp, fp, fn);
  };
  return { anger: count('anger'), anxiety: count('anxiety') };
}

/** Runs `predict` over the rows and scores it. */
export function evaluate(rows: readonly LabelledRow[], predict: Predict): LabelScores {
  return scorePredictions(rows, rows.map((r) => predict(r.text)));
}
