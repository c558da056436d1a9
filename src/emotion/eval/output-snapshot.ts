/**
 * npx tsx src/emotion/eval/output-snapshot.ts   (rewrites test/fixtures/emotion/analyzer-outputs.snapshot.json)
 *
 * A fingerprint of everything the analyzer returns (flags, intensities, cues, confidence, labels) over every
 * labelled message we have, so a speed change can prove it changed no result. Per set: the row count, a SHA-256
 * of all outputs, one short hash per chunk of 256 messages (to find where a difference is) and a few outputs in
 * full. test/emotion/output-snapshot.test.ts recomputes it and compares; a set whose file is absent is skipped.
 */
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createEmotionAnalyzer, type EmotionAnalyzerOptions } from '../emotion-analyzer.js';
import { HARD_CASE_RULES } from '../hard-case-rules.js';
import { NO_COMPLAINT_BLEND } from '../complaint-lexicon.js';
import { readLabelledTsv } from './emotion-metrics.js';

export const SNAPSHOT_FILE = fileURLToPath(new URL('../../../test/fixtures/emotion/analyzer-outputs.snapshot.json', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/emotion/', import.meta.url));
const SHARED = fileURLToPath(new URL('../../../../shared/data/emotion/', import.meta.url));
const CHUNK = 256;
const SAMPLES = 4;

export interface SnapshotSet {
  name: string;
  /** Labelled TSV the texts come from, or undefined for the built-in edge cases. */
  file?: string;
  options?: EmotionAnalyzerOptions;
  repeatContact?: number;
}

export interface SetFingerprint {
  rows: number;
  sha256: string;
  chunks: string[];
  sample: Array<{ row: number; output: unknown }>;
}

/** Inputs the labelled files lack: very long, junk, emoji floods, shouting, elongation, quotes, product names. */
export function edgeTexts(): string[] {
  const bytes = Uint8Array.from({ length: 5_000 }, (_, i) => (i * 7919) % 256);
  return [
    '', '   \n\t', 'The parcel is late and I am worried. '.repeat(200) + ' 我要投诉到消协！',
    '快递到现在还没到我很担心'.repeat(500), new TextDecoder('latin1').decode(bytes) + '\uD800\uDFFF\uDC00' + String.fromCharCode(0, 1, 2, 0xfffd),
    '😡'.repeat(300), '🎉🎁✨', 'THIS IS A SCAM!!! WHERE IS MY REFUND???', 'sooooo angryyyy, this is goooood?!', '气死了气死了啊啊啊啊！！！',
    'I bought the Angry Birds lamp and the Scary Movie box set, thanks', 'the listing said "arriving today" for the sixth day in a row 🙃',
    '《愤怒的小鸟》玩具坏了，又气又怕', 'not worried at all, it’s fine', 'I can’t sleep, my rent is due tomorrow and the refund is still not here',
    'Kind regards, and this is now my fifth email about the duplicate charge.', '亲，我真的很有耐心了，来回沟通快一个月了，拜托别再复制粘贴回复了，谢谢',
    '你们这是抢钱吧？', 'Oh brilliant, \'arriving today\' for the sixth day in a row 😊', 'Was worried it was fake but it checked out, thanks!',
    'my passport was in the parcel and I fly tomorrow', '分期还在扣款，已经逾期了，会不会上征信？？', 'Reporting this suspicious shop on behalf of my mother.',
    'I waited 3 weeks and called 4 times', '等了一个月了，说了八百遍', 'T_T :( >:( QAQ', 'mixed 中文 and English, 我很生气 because it is broken!!',
  ];
}

export function snapshotSets(): SnapshotSet[] {
  const fixtures = ['complaints.tsv', 'complaints-holdout.tsv', 'complaints-blind.tsv'].map((f) => ({ name: f, file: FIXTURES + f }));
  const shared = ['goemotions-dev.tsv', 'goemotions-train.tsv'].map((f) => ({ name: f, file: SHARED + f }));
  const tuning = FIXTURES + 'complaints.tsv';
  return [
    ...fixtures, ...shared,
    { name: 'edge' }, { name: 'edge, repeatContact 2', repeatContact: 2 },
    { name: 'complaints.tsv, without masking', file: tuning, options: { withoutMasking: true } },
    ...HARD_CASE_RULES.map((r) => ({ name: `complaints.tsv, without ${r.name}`, file: tuning, options: { withoutRules: [r.name] } })),
    { name: 'complaints.tsv, learned scale 0', file: tuning, options: { learnedBlend: { anger: { scale: 0, margin: 0, down: 0, cap: 0 }, anxiety: { scale: 0, margin: 0, down: 0, cap: 0 } } } },
    { name: 'complaints.tsv, thresholds 2/2', file: tuning, options: { thresholds: { anger: 2, anxiety: 2 } } },
    { name: 'complaints.tsv, complaint model off', file: tuning, options: { complaintBlend: NO_COMPLAINT_BLEND } },
  ];
}

/** Is the set's input here (the shared data sits beside the checkout)? */
export function available(set: SnapshotSet): boolean {
  return set.file === undefined || existsSync(set.file);
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

export function fingerprint(set: SnapshotSet): SetFingerprint {
  const texts = set.file ? readLabelledTsv(set.file).map((r) => r.text) : edgeTexts();
  const analyzer = createEmotionAnalyzer(set.options);
  const lines = texts.map((t) => JSON.stringify(analyzer.analyze(t, { repeatContact: set.repeatContact })));
  const chunks: string[] = [];
  for (let i = 0; i < lines.length; i += CHUNK) chunks.push(sha(lines.slice(i, i + CHUNK).join('\n')).slice(0, 16));
  const rows = Array.from({ length: Math.min(SAMPLES, lines.length) }, (_, k) => Math.floor((k * lines.length) / SAMPLES));
  return { rows: lines.length, sha256: sha(lines.join('\n')), chunks, sample: rows.map((row) => ({ row, output: JSON.parse(lines[row]!) })) };
}

export function takeSnapshot(): Record<string, SetFingerprint> {
  return Object.fromEntries(snapshotSets().filter(available).map((s) => [s.name, fingerprint(s)]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(takeSnapshot(), null, 1)}\n`);
  console.log(`wrote ${SNAPSHOT_FILE}`);
}
