// The anchor skips (src/emotion/rule-anchors.ts) must be exact: every rule returns the same with the anchor bits
// of the message's tokens as with none (every regex run). Checked rule by rule, whether or not the rule's
// trigger words are present, over every labelled message and over texts written to break the argument:
// apostrophes inside and around anchor words, the characters whose lower case is ASCII, a message cut at the
// token limit, anchors next to digits, Chinese and emoji.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readLabelledTsv } from '../../src/emotion/eval/emotion-metrics.js';
import { loadEmotionResources } from '../../src/emotion/emotion-lexicon.js';
import { HARD_CASE_RULES } from '../../src/emotion/hard-case-rules.js';
import { ALL_ANCHORS, wordsOf } from '../../src/emotion/rule-anchors.js';
import { RuleText } from '../../src/emotion/rule-text.js';
import { MAX_TOKENS } from '../../src/emotion/text-tokenizer.js';

const res = loadEmotionResources();

/** Each rule's result with the tokens' anchors and with every regex run, where they differ. */
function differences(text: string): string[] {
  const tokens = res.tokenize(text);
  let anchors = 0;
  let zh = false;
  for (const t of tokens) { anchors |= t.ab; zh ||= t.zh; }
  const fast = new RuleText(text, zh, wordsOf(anchors, tokens.length >= MAX_TOKENS, text));
  const full = new RuleText(text, zh, ALL_ANCHORS);
  return HARD_CASE_RULES.filter((r) => JSON.stringify(r.check(fast)) !== JSON.stringify(r.check(full))).map((r) => `${r.name}: ${text}`);
}

const TRICKY = [
  "Who's going to pay for this?", 'who’s responsible for this', "Do you think I'm stupid?", 'do you think im blind', 'do you take me for a fool',
  "I'm done asking nicely.", "I'm not asking again", "Refund. Now.", 'FIX IT NOW!!!', 'fix it now', 'nooow.', "x'now.", "it's now.", 'NOW.',
  'Stop telling me to wait', "don't stop sending me templates", 'I want to speak to your manager', "the manager's number", 'bank dispute',
  'Read my message!', 'did you actually read it', 'look at the ticket', 'if I get one more email', 'one more excuse and I’ll scream',
  'are you kidding me', 'are you \u212Aidding me', 'is this how you treat customers', 'what kind of shop does this', 'how is this ok', 'since when is that allowed',
  'why does it take so long', 'why do I have to chase you', 'is anyone there?', 'does anyone read these', 'do you guys even check',
  'or is it a bot', 'you want me to pay again?', 'escalate to where, the moon?', 'Is this a scam?', 'am I being scammed',
  'on behalf of my mother', 'my friend was charged twice', 'reviews on your site mention mould', 'just letting you know',
  'my baby needs the formula tomorrow', 'rent is due friday', 'my passport was in the parcel', 'my personal photos were not wiped',
  'my exam is tomorrow and the laptop is not here', 'pregnant and the parcel is late', 'car seat stuck in customs',
  '\u212Aill it now.', 'FIX İT NOW', 'STOP \u212Aeeping me waiting', '2now.', 'now2.', 'now_ stop_telling', 'stop\u00adtelling',
  '现在。退款 now.', '我很担心 my baby formula is late', '你们是故意的吧？ why do I have to', '😡 stop telling me', 'T_Tnow. QAQstop telling',
  'Lost it again. Marvellous.', 'lost it again. marvelous honestly!', 'Broken again, brilliant', "Broken again. brilliant's", 'late again.cool cool cool.',
  'not here yet.Sure', 'Oh sure, blame the weather', 'still nothing.oh good, another email', 'amazing how you never reply', "funny how it's lost",
  'oh\u00a0sure, blame me', 'AMAZING HOW you lost it', 'x.oh nice, broken', 'Lost again. Splendid\u3000',
  'word '.repeat(MAX_TOKENS) + 'stop telling me. my baby formula is late. are you kidding me', '好'.repeat(10) + ' word'.repeat(MAX_TOKENS) + ' 帮朋友举报这个店',
];

describe('rule anchors skip only regexes that cannot match', () => {
  it('on texts written to break the argument', () => {
    expect(TRICKY.flatMap(differences)).toEqual([]);
  });
  const files = ['complaints.tsv', 'complaints-holdout.tsv', 'complaints-blind.tsv', 'complaints-blind-2.tsv'].map((f) => `test/fixtures/emotion/${f}`)
    .concat(['/work/shared/data/emotion/goemotions-dev.tsv']).filter((f) => existsSync(f));
  it.each(files)('on every message of %s', (file) => {
    expect(readLabelledTsv(file).flatMap((r) => differences(r.text))).toEqual([]);
  }, 60_000);
});
