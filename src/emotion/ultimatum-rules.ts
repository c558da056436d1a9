/**
 * Third round of issue 11 (session 6): threats and ultimatums the `demand` rule (implicit-anger-rules.ts) and the
 * lexicon ("lawyer", 12315) do not reach, from src/emotion/eval/LABELLING.md ("threats to escalate", "polite
 * exasperation"): the writer names what happens next if the shop does not act.
 *
 * - a public or formal step made conditional ("… or I report the listing", "I'm posting the chat on Twitter",
 *   "if this isn't fixed by Friday I'll…"), 你们等着吧 / 走着瞧;
 * - a deadline given as an order (今天之内给我回复, 明天中午前必须处理);
 * - patience declared spent ("the last time I'm asking politely", "don't bother replying with…", "do not close my
 *   ticket", 耐心是有限的, 最后一次好好说).
 */
import { patternRule, words } from './rule-patterns.js';
import type { RuleEffect } from './rule.types.js';

const ULTIMATUM_EN = new RegExp([
  // "… or I report the listing", "or we'll dispute it"
  String.raw`\bor (?:else )?(?:i|we)(?:'ll| will| am going to|'m going to)? (?:report|post|contact|dispute|sue|escalate|leave (?:a )?(?:bad )?(?:review|rating))\b`,
  // "I'm posting the whole chat on Twitter", "I will share this on Reddit"
  String.raw`\b(?:i'?m|i am|i will|i'?ll|going to|gonna) (?:be )?(?:post|posting|share|sharing|put|putting) (?:\w+ ){0,4}(?:on|to) (?:twitter|x|facebook|reddit|tiktok|instagram|trustpilot|youtube|social media)\b`,
  // "If this isn't sorted by Monday I'm posting…", "if it is not refunded today I will dispute…": a step named
  // ("if it isn't here by Friday I'll be away" names none)
  String.raw`\bif (?:this|it|my \w+) (?:isn'?t|is not|hasn'?t been|has not been) (?:sorted|fixed|resolved|refunded|replaced|here|done)\b[^.!?]{0,40}\b(?:i'?m|i am|i will|i'?ll|i am going to|i'?m going to) (?:\w+ ){0,2}(?:post|posting|report|reporting|dispute|disputing|cancel|cancelling|sue|suing|contact|contacting|leave|leaving|file|filing|escalate|escalating|complain|complaining|share|sharing|charge|going to the)\b`,
  // Patience spent.
  String.raw`\b(?:last|final) time i'?m (?:asking|being) (?:politely|nicely|polite|patient)\b`, String.raw`\bdon'?t (?:even )?bother (?:replying|responding|sending|telling|asking)\b`,
  String.raw`\b(?:do not|don'?t) (?:mark|close) (?:my|the|this) (?:ticket|case|complaint|chat) as\b`,
].join('|'));

const ULTIMATUM_ZH = new RegExp([
  // 你们等着吧 / 等着瞧 / 走着瞧 (asking how to get the platform in, 怎么申请平台介入, is a plain question: not here)
  '你们(?:就)?等着|等着瞧|走着瞧',
  // 今天之内给我回复 / 明天中午前必须处理 / 24小时内给我答复: an order to the shop (今晚之前必须到, a need, is not one)
  '(?:今天|今晚|明天|[0-9一二三四五六七八九十两]+(?:点|小时|天))(?:中午|下午|晚上)?(?:之内|以内|之前|内|前)(?:给我|必须|务必)(?:给我)?(?:回复|答复|处理|解决|退款|退钱|(?:一个)?说法|结果)',
  '(?:今天|今晚|明天)(?:之内|以内|之前)(?:回复|答复|处理|解决|退款)',
  // 耐心是有限的 / 耐心已经耗尽 / 最后一次好好说
  '耐心(?:是|也是)?有限|耐心(?:已经|都|早就)?(?:用完|耗尽|磨没|没了)|最后一次(?:好好|客气|礼貌)',
].join('|'));

const ULTIMATUM: RuleEffect = { id: 'rule:ultimatum', label: 'threat or ultimatum (what happens next)', anger: 2.5 };

export const ultimatum = patternRule(ULTIMATUM_EN, ULTIMATUM_ZH, ULTIMATUM);


/** Trigger words: every English match holds one of `triggers` and one of `alsoNeeds`; Chinese by first character. */
export const ULTIMATUM_TRIGGERS = {
  triggers: {
    en: words("or post posting share sharing put putting if last final bother mark close"),
    zh: ['你们', '等着', '走着', '今天', '今晚', '明天', '小时', '点', '天', '耐心', '最后'],
  },
  alsoNeeds: {
    en: words('report post contact dispute sue escalate review rating twitter x facebook reddit tiktok instagram trustpilot youtube social sorted fixed resolved refunded replaced here done politely nicely polite patient replying responding sending telling asking ticket case complaint chat'),
    zh: ['等着', '瞧', '给我', '必须', '务必', '之内', '以内', '之前', '内', '前', '有限', '耗尽', '用完', '磨没', '没了', '好好', '客气', '礼貌'],
  },
};
