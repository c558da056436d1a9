/**
 * Walks the tokens once, longest match first, and turns them into scored hits. A negator cancels the cues
 * in the next few words of its clause ("not worried at all", 没有担心); intensifiers and downtoners multiply
 * them ("extremely", 有点). Clause breaks (punctuation, "but", 但是) end every modifier's reach.
 */
import type { CompiledLexicon, CueEntry, LexiconSlot, Modifier } from './lexicon.types.js';
import type { Token } from './text-tokenizer.js';

/** Words a modifier reaches forward: "not (really) (that) worried", 不(太)担心. */
const SCOPE = 3;

export interface CueHit {
  entry: CueEntry;
  negated: boolean;
  /** Product of intensifiers / downtoners in scope. */
  factor: number;
  caps: boolean;
  elongated: boolean;
}

export interface MatchResult {
  hits: CueHit[];
  /** AFINN valence of the words that matched no cue, negation applied. */
  afinnNegative: number;
  afinnPositive: number;
  modifiersUsed: string[];
}

interface Scope { negated: number; factor: number; factorLeft: number }
const NO_SCOPE: Scope = { negated: 0, factor: 1, factorLeft: 0 };

interface Found { cue: CueEntry | undefined; mod: Modifier | undefined; length: number; first: LexiconSlot | undefined }

/**
 * Longest entry starting at token i, written into `found` (no allocation per token). Extends one token at a
 * time and stops as soon as the key starts no longer entry, so a typical word costs one map lookup. Keys join
 * as `joinKeys` joins them: Chinese after Chinese directly (a new key string), anything else by the slot's `next`.
 */
function lookup(tokens: readonly Token[], i: number, lex: CompiledLexicon, found: Found): void {
  found.cue = undefined;
  found.mod = undefined;
  found.length = 1;
  found.first = undefined;
  let slot: LexiconSlot | undefined;
  for (let to = i; to < tokens.length && to - i < lex.maxWindow; to++) {
    const t = tokens[to]!;
    if (t.kind !== 'word' && t.kind !== 'num') return;
    // The first token carries its own slot when its tokenizer was given this lexicon's (one lookup per distinct word).
    if (to === i) slot = t.slot !== undefined ? t.slot ?? undefined : lex.slots.get(t.key);
    else slot = t.zh && tokens[to - 1]!.zh ? lex.slots.get(slot!.key + t.key) : nextSlot(slot!, t);
    if (!slot) return;
    if (to === i) found.first = slot;
    // A two-character Chinese entry spread over two tokens is jieba saying "not this word here"
    // (我妈|的 is not 妈的): trust the segmentation, unless jieba never keeps that entry whole (拉胯, 火大).
    const split = to > i && t.zh && slot.key.length <= 2 && !slot.joinsSplit;
    if (!split && (slot.cue || slot.modifier)) { found.cue = slot.cue; found.mod = slot.modifier; found.length = to - i + 1; }
    if (!slot.prefix) return;
  }
}

/** The slot of `from.key + ' ' + t.key`. A token whose tokenizer knew the slots carries its own: when that says
 * its key follows no other (null, or `follows` false), no lookup is needed. */
function nextSlot(from: LexiconSlot, t: Token): LexiconSlot | undefined {
  if (t.slot === null || t.slot?.follows === false) return undefined;
  return from.next?.get(t.key);
}

function afinnOf(t: Token, negated: boolean, out: MatchResult): void {
  if (t.afinn === 0) return;
  const signed = negated ? -t.afinn : t.afinn;
  if (signed < 0) out.afinnNegative -= signed;
  else out.afinnPositive += signed;
}

function hitFrom(tokens: readonly Token[], i: number, length: number, entry: CueEntry, scope: Scope): CueHit {
  let caps = false;
  let elongated = false;
  for (let k = i; k < i + length; k++) { caps ||= tokens[k]!.caps; elongated ||= tokens[k]!.elongated; }
  return { entry, negated: scope.negated > 0, factor: scope.factorLeft > 0 ? scope.factor : 1, caps, elongated };
}

/** One pass over the tokens; text-level cues (caps, punctuation, emoji) are read by the scorer. */
export function matchCues(tokens: readonly Token[], lex: CompiledLexicon): MatchResult {
  const out: MatchResult = { hits: [], afinnNegative: 0, afinnPositive: 0, modifiersUsed: [] };
  const scope: Scope = { negated: 0, factor: 1, factorLeft: 0 };
  const found: Found = { cue: undefined, mod: undefined, length: 1, first: undefined };
  let afterNumber = false;
  for (let i = 0; i < tokens.length;) {
    const t = tokens[i]!;
    if (t.kind === 'break' || t.kind === 'punct') { resetScope(scope); afterNumber = false; i++; continue; }
    if (t.kind === 'emoji') { const e = lex.emoji.get(t.key); if (e) out.hits.push(hitFrom(tokens, i, 1, e, NO_SCOPE)); i++; continue; }
    // Most words start no entry (their slot is null), have no AFINN valence and are not Chinese (no morpheme):
    // all they do is use up one word of a modifier's reach. What the general path below does for them, in short.
    if (t.slot === null && t.afinn === 0 && !t.zh) {
      afterNumber = t.kind === 'num';
      scope.negated = Math.max(0, scope.negated - 1);
      scope.factorLeft = Math.max(0, scope.factorLeft - 1);
      if (scope.factorLeft === 0) scope.factor = 1;
      i++;
      continue;
    }
    lookup(tokens, i, lex, found);
    const { cue, mod, length } = found;
    if (afterNumber && found.first?.countCue) out.hits.push(hitFrom(tokens, i, 1, found.first.countCue, NO_SCOPE));
    afterNumber = t.kind === 'num' || found.first?.number === true;
    if (cue) out.hits.push(hitFrom(tokens, i, length, cue, scope));
    else if (!mod && t.zh) { const m = lex.morpheme?.(t.key); if (m) out.hits.push(hitFrom(tokens, i, 1, m, scope)); }
    else if (!mod) afinnOf(t, scope.negated > 0, out);
    scope.negated = Math.max(0, scope.negated - length);
    scope.factorLeft = Math.max(0, scope.factorLeft - length);
    if (scope.factorLeft === 0) scope.factor = 1;
    if (mod) applyModifier(mod, scope, out);
    i += length;
  }
  return out;
}

function resetScope(scope: Scope): void {
  scope.negated = 0;
  scope.factor = 1;
  scope.factorLeft = 0;
}

function applyModifier(mod: Modifier, scope: Scope, out: MatchResult): void {
  if (mod.kind === 'break') { resetScope(scope); return; }
  out.modifiersUsed.push(mod.label);
  if (mod.kind === 'negator') { scope.negated = SCOPE; return; }
  scope.factor *= mod.factor;
  scope.factorLeft = 2;
}
