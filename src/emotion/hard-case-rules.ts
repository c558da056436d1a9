/**
 * The hard cases of complaint language that no word weight catches, as a list of small pure rules (the shape
 * of src/triage/priority-rules.ts): each reads the message and returns what it adds and why, or nothing.
 * Issue 11 names the families: sarcasm, polite exasperation, rhetorical questions, stakes that make waiting
 * frightening, mixed anger + fear, and emotion words out of context (reports about others, worries that
 * resolved, calm requests). Every rule has a test that fails without it (test/emotion/hard-case-rules.test.ts).
 * Rules run on lower-cased text, and only when one of their trigger words is among the message's tokens: each
 * token carries a bit set of the rules it may start (computed once per distinct word, tokens are cached), so
 * a message no rule concerns costs one OR per token and no regex at all.
 */
import { stemEnglish } from './english-stemmer.js';
import { ALL_ANCHORS, ANCHOR, hasAnchor, mayHoldHan } from './rule-anchors.js';

import { words } from './rule-patterns.js';
import type { RuleCheck, RuleEffect, RuleInput } from './rule.types.js';
import { demand, DEMAND_TRIGGERS, scareQuotes } from './implicit-anger-rules.js';
import { exposure, hazard, moneyAtRisk, stakes, STAKES_TRIGGERS } from './stakes-rules.js';
import { incredulousQuestion, mockPraise, MOCKERY_TRIGGERS } from './mockery-rules.js';
import { ultimatum, ULTIMATUM_TRIGGERS } from './ultimatum-rules.js';

export type { RuleCheck, RuleEffect, RuleInput } from './rule.types.js';

export interface HardCaseRule {
  name: string;
  /** English words (stemmed at load) and Chinese substrings or emoji that make the rule worth running. */
  triggers: { en: string[]; zh: string[] };
  /** A second set of which one must be present too (praise *and* a failure fact), when the rule needs both. */
  alsoNeeds?: { en: string[]; zh: string[] };
  check: RuleCheck;
}

const FAILURE = /\b(?:again|still (?:not|no|waiting|broken|nothing)|in a row|never (?:arrived|came|showed)|not (?:arrived|here|working|delivered)|lost|broke(?:n)?|late|delayed|no (?:one|reply|answer|response)|nobody|wrong (?:item|size|colou?r|order)|for the \w+ (?:time|day|week))\b/;
const ZH_FAILURE = /又|还是没|还没|一直没|第[二三四五六七八九十几]+[次天]|丢了|坏了|错了|没人|不回/;

const MOCK = /\b(?:oh (?:great|brilliant|wonderful|perfect|joy)|just (?:great|perfect|wonderful)|yeah,? right|what a surprise|shocker|color me surprised|colour me surprised)\b/;
const SARCASM: RuleEffect = { id: 'rule:sarcasm', label: 'sarcasm', anger: 2.5 };

/** Praise next to a failure fact, ironic emoji, mock enthusiasm, scare quotes around the shop's own words. */
const sarcasm: RuleCheck = ({ lower, text, zh: hasZh }) => {
  const failure = FAILURE.test(lower) || (hasZh && ZH_FAILURE.test(lower));
  if (!failure) return MOCK.test(lower) ? SARCASM : undefined;
  const praise = /\b(?:brilliant|amazing|fantastic|wonderful|great job|great service|perfect|superb|outstanding|impressive|stellar|awesome|love how|love that|thanks a lot|thanks so much for nothing|well done|bravo|as always|truly|top notch)\b/.test(lower);
  const mock = MOCK.test(lower);
  const ironicEmoji = /[🙃🙂😊👏😌]/u.test(text);
  const scare = /['‘’“"][^'‘’“"]{3,30}['‘’“"]/.test(text) && /\b(?:arriving|delivered|dispatched|shipped|resolved|processed|on its way|today|soon|24 ?h)/.test(lower);
  const zh = hasZh && /呵呵|真是太好了|真棒|好棒哦|真行|太感谢你们了|谢谢你们啊|服务真好|效率真高|真是厉害/.test(lower);
  return mock || praise || ironicEmoji || scare || zh ? SARCASM : undefined;
};

const COURTESY = /\b(?:kind regards|best regards|regards|sincerely|thank you|thanks|please|appreciate|respectfully|dear)\b|亲|谢谢|麻烦|拜托|您好|尊敬|烦请|辛苦/;
/** Greetings that open any question (你好, 请问): courtesy around a grievance only when patience is named too. */
const GREETING = /你好|请问/;
// Third round: contacts dated one by one (12号、15号…), the date now against the date asked (今天20号了), waits in
// working days (十个工作日); a single day late (晚一天) is no long wait.
const CONTACTS = /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple)(?:st|nd|rd|th)? (?:emails?|times|messages|calls|tickets|chats|days|weeks|months)\b|\b(?:second|third|fourth|fifth|sixth|seventh|umpteenth|nth) (?:email|time|message|call|ticket|chat|request)\b|\bnow (?:my|the) \w+ (?:email|message|time)\b|第[二三四五六七八九十几]+次|(?!一(?:天|周|星期|礼拜))[一二三四五六七八九十几两半0-9]+个?(?:多)?(?:月|星期|周|礼拜|天|工作日)|来回沟通|复制粘贴|模板回复|同样的回复|[0-9]+号[、，,和]\s*[0-9]+号|今天(?:都|已经)?[0-9一二三四五六七八九十]+号了/;

/** Courtesy wrapped around counted contacts or long waits: "kind regards, and this is my fifth email", 亲…来回沟通快一个月…谢谢. */
const politeExasperation: RuleCheck = ({ lower }) => {
  const courtesy = COURTESY.test(lower);
  if ((!courtesy && !GREETING.test(lower)) || !CONTACTS.test(lower)) return undefined;
  const patience = /\b(?:patient|patience|still waiting|yet to|copy[- ]paste|same (?:reply|answer|response)|chasing)\b|耐心|一直在等|还在等|别再|至今(?:未|没)|都没(?:人|有人)|还要等多久|拖下去|一直很配合/.test(lower);
  if (!courtesy && !patience) return undefined;
  return { id: 'rule:polite_exasperation', label: 'polite but worn out (repeated contact, long wait)', anger: patience ? 2.5 : 1.5 };
};

const RHETORICAL_EN = new RegExp([
  String.raw`\b(?:are you (?:kidding|serious|joking)|is this (?:how|what) you (?:treat|call)|do you (?:think|take) (?:i'?m|me for)|what kind of (?:\w+ ){0,2}is this|who (?:do you think|runs this)|how is this (?:even )?(?:acceptable|ok|okay|legal|allowed)|since when is|why (?:is it|does it) (?:so hard|take)|is anyone (?:\w+ )?(?:there|reading|working|home|awake)|does anyone (?:there )?(?:read|care))\b`,
  // "Do you (people) even read/check …?", "… or is it a bot?"
  String.raw`\b(?:do|does|did) (?:you|anyone|your \w+)(?: people| guys)? even\b`, String.raw`\bor is (?:it|this) (?:a bot|automated|a robot)\b`,
  // "Why do I have to chase you …?", "why is it so hard to get …"
  String.raw`\bwhy (?:do|should|must) i (?:have to|need to|keep|always)\b`, String.raw`\bwhy is it so (?:hard|difficult|complicated)\b`,
  String.raw`\bwhat kind of (?:company|shop|business|service|seller|store|courier|people) (?:\w+s|would|does|do|is this)\b`,
  // "… and you want ME to pay?", "who is responsible for this?!", "escalate to where, the moon?"
  String.raw`\b(?:and )?you (?:want|expect) me to (?:pay|cover|wait|send|chase|believe|accept)\b`, String.raw`\bwho(?:'s| is) (?:responsible|to blame|going to pay)\b`, String.raw`\bthe moon\?`,
].join('|'));
const RHETORICAL_ZH = new RegExp([
  '抢钱|当我是?傻子|拿我当傻子|当我好欺负|平时就是这么|就是这么做事|有没有搞错|搞什么|什么意思[？?]|凭什么|还有没有王法|还想不想做|这就是你们的服务|你们是不是觉得|把顾客当|耍我|逗我玩|糊弄',
  // 有人吗？ 有人在上班吗？ 还是机器人在回？ 当我看不出来吗？
  '有人(?:在)?(?:吗|上班吗|管吗|看吗|理吗)', '还是机器人', '当我(?:看不出来|不知道|不懂|不识字)',
  // 什么公司会… 这是什么服务？ 什么态度！ 什么破快递
  '什么(?:公司|店|商家|服务|态度|平台|快递|东西)|什么破', '开(?:什么)?玩笑', '怎么(?:就)?这么(?:难|慢|麻烦|费劲)',
  // 这跟抢劫有什么区别？ 你们是开银行的吧？ 你们是故意的吧？ 还要我出运费？ 损失就要我自己认？
  '这(?:跟|和)[^，。？！]{1,6}有什么区别', '是开[^，。？！]{1,4}的吧', '故意的吧', '(?:还要|要|让)我(?:自己)?(?:出|付|认|承担|赔)[^，。！]{0,6}[？?]',
  '[^，。？！]{1,4}个啥', '这样对待(?:客户|顾客|消费者)', '谁(?:来)?负责[？?]|谁来赔',
].join('|'));

/** Questions that are accusations: "is this how you treat customers?", 你们这是抢钱吧？, 拿我当傻子吗？ */
const rhetoricalQuestion: RuleCheck = (m) => {
  if ((m.zh && RHETORICAL_ZH.test(m.lower)) || (mayAccuse(m) && RHETORICAL_EN.test(m.lower))) {
    return { id: 'rule:rhetorical_question', label: 'rhetorical question (accusation)', anger: 2.5 };
  }
  return undefined;
};

/** Can RHETORICAL_EN match? Each alternative holds a rhetSolo word or a word of both groups of a pair. */
function mayAccuse(m: RuleInput): boolean {
  const w = m.words ?? ALL_ANCHORS;
  return (w & ANCHOR.rhetSolo) !== 0 || both(w, ANCHOR.rhetThink, ANCHOR.rhetThinkWith) || both(w, ANCHOR.rhetKind, ANCHOR.rhetKindWith)
    || both(w, ANCHOR.rhetHow, ANCHOR.rhetHowWith) || both(w, ANCHOR.rhetWhy, ANCHOR.rhetWhyWith) || both(w, ANCHOR.rhetAnyone, ANCHOR.rhetAnyoneWith)
    || both(w, ANCHOR.rhetEven, ANCHOR.rhetEvenWith) || both(w, ANCHOR.rhetWant, ANCHOR.rhetWantWith);
}

/** A word of group `a` and one of group `b` among the anchors `w`. */
function both(w: number, a: number, b: number): boolean {
  return (w & a) !== 0 && (w & b) !== 0;
}

/** Both at once: 又生气又害怕, "angry and scared", 又气又急. */
const mixedAngerFear: RuleCheck = ({ lower, zh: hasZh }) => {
  const zh = hasZh && /又(?:生气|气|恼火|愤怒)又(?:害怕|怕|担心|急|着急|慌)|又(?:害怕|怕|担心|急|着急|慌)又(?:生气|气|恼火|愤怒)|既生气又(?:担心|害怕)|又气又怕|又急又气|气得发抖又/.test(lower);
  const en = /\b(?:angry|furious|mad|livid|frustrated|annoyed) and (?:scared|worried|anxious|afraid|terrified|nervous|frightened)\b|\b(?:scared|worried|anxious|afraid|terrified|nervous|frightened) and (?:angry|furious|mad|livid|frustrated|annoyed)\b/.test(lower);
  return zh || en ? { id: 'rule:mixed_anger_fear', label: 'angry and frightened at once', anger: 2, anxiety: 2 } : undefined;
};

/** A scam named as a fear ("am I being scammed?", 我怕是诈骗): the writer is frightened, not accusing. */
const FEARED_SCAM = /\b(?:am i being|have i been|was i|is (?:this|it|that) a|if (?:this|it) is a|could (?:this|it) be a|not sure if (?:this|it|that) is a) (?:scam|scammed|fraud|phishing)\b|(?:怕|担心|害怕|是不是|会不会)(?:是)?(?:被)?(?:诈骗|骗子|骗)/;

/** Someone else's feelings or words being passed on: for a relative, a friend's story, a review being flagged. */
const REPORTED = /\bon behalf of\b|\b(?:reporting|flagging) (?:a|this|the) (?:suspicious )?(?:shop|seller|store|listing|review|comment)\b|\bjust (?:flagging|letting you know)\b|\breviews? (?:on|under|of) (?:your|the|this) \w+ (?:mentions?|says?|claims?|calls?)\b|\bmy (?:friend|neighbou?r|colleague|mother|mum|mom|father|dad|sister|brother) (?:was|got|has been|said|told)\b|\bmy (?:husband|wife|partner|boyfriend|girlfriend|flatmate|roommate|son|daughter)(?:'s| is| was| got)? (?:really |so |very |quite )?(?:furious|annoyed|angry|mad|livid|frustrated|upset|cross)\b|\b(?:someone|a friend|a colleague|a neighbou?r) (?:at work |from work |online )?(?:told|said to) me\b|帮(?:朋友|我妈|家人|邻居)|替(?:朋友|我妈|家人)|举报(?:一个|这个)?(?:店|商家)|(?:朋友|同事|邻居|我妈|家人|我老婆|我老公|老婆|老公|我弟|我妹|我哥|我姐|我爸|男朋友|女朋友|对象)说(?:她|他)?|评论(?:说|里|区)|提醒一下/;

/**
 * Emotion words out of context: a report made for someone else ("on behalf of my mother", 帮朋友举报), a worry
 * that already resolved ("was worried it was fake but it checked out"), a calm request naming a problem word
 * ("refund for the fake item received, thanks"). They damp rather than cancel: strong cues still show through.
 */
const outOfContext: RuleCheck = (m) => {
  const lower = m.lower;
  const han = mayHoldHan(m);
  if ((han || hasAnchor(m, ANCHOR.scam)) && FEARED_SCAM.test(lower)) return { id: 'rule:feared_scam', label: 'afraid of a scam (not accusing)', angerFactor: 0.4 };
  // Each test is preceded by a substring every one of its matches contains: a cheap way out for most texts.
  if ((lower.includes('was ') || (han && /本来|虚惊|之前|当时|一开始|原本|还以为/.test(lower))) && /\bwas (?:worried|scared|afraid|nervous|anxious|concerned)\b[^.!?]*\b(?:but|turned out|checked out|fine now|all good|sorted|resolved)\b|(?:本来|之前|当时|一开始|原本|还以为)(?:很|有点|挺|还)?(?:担心|害怕|以为|怕)[^。！？]*(?:结果|还好|幸好|没事|是正品|提前|已经到|收到了)|虚惊一场/.test(lower)) {
    return { id: 'rule:resolved_worry', label: 'worry already resolved', anxietyFactor: 0.2, angerFactor: 0.7 };
  }
  if ((han || hasAnchor(m, ANCHOR.reported))
    && (lower.includes('behalf') || lower.includes('review') || lower.includes('flagging') || lower.includes('my ') || lower.includes(' me') || /帮|替|举报|说|评论|提醒/.test(lower))
    && REPORTED.test(lower)
    && !/\b(?:i am|i'm|we are|we're) (?:angry|furious|livid|worried|scared)\b|我(?:很|非常)?(?:生气|担心|害怕)/.test(lower)) {
    return { id: 'rule:report_for_other', label: 'reporting for someone else', angerFactor: 0.3, anxietyFactor: 0.5 };
  }
  if ((lower.includes('thank') || lower.includes('cheers') || (han && lower.includes('谢谢'))) && endsWithThanks(lower) && !/[!！]{2}|\?{2}|[？]{2}/.test(lower)
    && /\b(?:refund|replace|replacement|exchange|return|send|swap|fix)\b|退款|换货|补发|退货/.test(lower)) {
    return { id: 'rule:calm_request', label: 'calm request', angerFactor: 0.6 };
  }
  return undefined;
};


/** Words a calm request ends with ("many thanks" ends with "thanks"). */
const THANKS = ['thanks', 'thank you', 'cheers', '谢谢'];
const CLOSING_MARKS = '.!。！';

/**
 * Does the text end in a thanks, with one closing mark and white space at most? Exactly what
 * /(?:thanks|thank you|many thanks|cheers|谢谢)[.!。！]?\s*$/ tests, read from the end: the regex was tried at every
 * position of every message with a "thank" in it (trimEnd drops what \s matches).
 */
export function endsWithThanks(lower: string): boolean {
  let s = lower.trimEnd();
  if (s.length > 0 && CLOSING_MARKS.includes(s[s.length - 1]!)) s = s.slice(0, -1);
  for (const w of THANKS) if (s.endsWith(w)) return true;
  return false;
}

/** The rules in order, with their triggers. */
export const HARD_CASE_RULES: readonly HardCaseRule[] = [
  {
    name: 'sarcasm', check: sarcasm,
    triggers: {
      en: words('brilliant amazing fantastic wonderful great perfect superb outstanding impressive stellar awesome thanks bravo truly joy right surprise shocker 🙃 🙂 😊 👏 😌'),
      zh: ['呵呵', '真是太好', '真棒', '好棒', '真行', '太感谢', '谢谢你们啊', '服务真好', '效率真高', '厉害'],
    },
    alsoNeeds: {
      en: words('again still row never not lost broke broken late delayed no nobody wrong time day days week weeks waiting another'),
      zh: ['又', '还', '一直', '第', '丢', '坏', '错', '没', '不回', '等'],
    },
  },
  {
    name: 'politeExasperation', check: politeExasperation,
    triggers: { en: words('regards sincerely thank thanks please appreciate respectfully dear'), zh: ['亲', '谢谢', '麻烦', '拜托', '您好', '你好', '尊敬', '请问', '烦请', '辛苦'] },
    alsoNeeds: {
      en: words('emails email times messages message calls tickets chats days weeks months second third fourth fifth sixth seventh umpteenth nth'),
      zh: ['次', '月', '星期', '周', '礼拜', '天', '来回', '复制', '模板', '同样', '工作日', '号'],
    },
  },
  {
    name: 'rhetoricalQuestion', check: rhetoricalQuestion,
    triggers: {
      en: words('kidding seriously serious joking treat runs acceptable legal allowed anyone even bot automated robot why kind want expect responsible blame moon'),
      zh: ['抢钱', '傻子', '欺负', '平时', '这么做事', '搞错', '搞什么', '意思', '凭什么', '王法', '想不想', '你们的服务', '觉得', '顾客', '耍', '逗我', '糊弄', '有人', '还是', '当我', '什么', '开', '怎么', '跟', '和', '是开', '故意', '要', '让', '个啥', '这样', '谁'],
    },
  },
  {
    name: 'stakes', check: stakes, triggers: STAKES_TRIGGERS.stakes.triggers,
    // Every `problem` pattern of STAKES starts with one of these words or characters.
    alsoNeeds: {
      en: words('spoiled spoilt expired mould mold mouldy moldy rotten off erratic wrong inaccurate odd faulty not stopped broken cracked leak leaking leaked sick ill vomit vomiting threw throwing rash ate eaten drank swallowed choked harmful late delayed missing stuck hasn\'t run running out need needs doesn\'t don\'t vet hospital doctor due deadline tomorrow today tonight by this still penalty penalties overdue can\'t cant bounce bounced piling gone failed fell nowhere parcel package courier delivery delivered lost before leave leaving departure next neighbour neighbor stranger someone returned refurbished exposed didn\'t forgot never sent sold trade-in trade without monday tuesday wednesday thursday friday saturday sunday'),
      zh: ['变', '过', '发', '吃', '喝', '吞', '误', '吐', '不', '乱', '坏', '裂', '没', '断', '用', '快', '只', '一', '医', '出', '到', '还', '扣', '影', '逾', '明', '今', '月', '交', '罚', '滞', '失', '钱', '包', '丢', '卡', '起', '下', '来', '邻', '别', '送', '退', '忘', '泄', '翻', '二', '以', '之', '周', '星'],
    },
  },
  {
    name: 'mixedAngerFear', check: mixedAngerFear,
    triggers: { en: words('angry furious mad livid frustrated annoyed'), zh: ['又', '既'] },
    alsoNeeds: { en: words('scared worried anxious afraid terrified nervous frightened'), zh: ['又', '既'] },
  },
  { name: 'scareQuotes', check: scareQuotes, triggers: { en: [], zh: [] } },
  { name: 'demand', check: demand, triggers: DEMAND_TRIGGERS },
  { name: 'mockPraise', check: mockPraise, ...MOCKERY_TRIGGERS.mockPraise },
  { name: 'incredulousQuestion', check: incredulousQuestion, ...MOCKERY_TRIGGERS.incredulousQuestion },
  { name: 'ultimatum', check: ultimatum, ...ULTIMATUM_TRIGGERS },
  { name: 'hazard', check: hazard, triggers: STAKES_TRIGGERS.hazard.triggers },
  { name: 'exposure', check: exposure, triggers: STAKES_TRIGGERS.exposure.triggers },
  { name: 'moneyAtRisk', check: moneyAtRisk, triggers: STAKES_TRIGGERS.moneyAtRisk.triggers },
  {
    name: 'outOfContext', check: outOfContext,
    triggers: {
      en: words("worried scared afraid nervous anxious concerned behalf reporting flagging review reviews letting friend neighbour neighbor colleague mother mum mom father dad sister brother husband wife partner boyfriend girlfriend flatmate roommate son daughter husband's wife's partner's boyfriend's girlfriend's son's daughter's someone told thanks thank cheers scam scammed fraud phishing"),
      zh: ['本来', '虚惊', '之前', '当时', '一开始', '原本', '还以为', '帮', '替', '举报', '谢谢', '朋友', '同事', '邻居', '我妈', '家人', '评论', '提醒', '诈骗', '骗', '老婆', '老公', '我弟', '我妹', '我哥', '我姐', '我爸', '男朋友', '女朋友', '对象'],
    },
  },
];

/** Trigger lookup: English stem → rule bits, Chinese substrings with their bits. */
export interface RuleTriggers {
  en: Map<string, number>;
  zh: Array<[string, number]>;
}

/** Rule i owns bit i (its triggers) and bit i + SECOND (its `alsoNeeds` set); both below PRODUCT_BIT (29). */
const SECOND = 14;

export function compileTriggers(rules: readonly HardCaseRule[]): RuleTriggers {
  const en = new Map<string, number>();
  const zh: Array<[string, number]> = [];
  const add = (set: { en: string[]; zh: string[] }, bit: number) => {
    for (const w of set.en) { const k = stemEnglish(w); en.set(k, (en.get(k) ?? 0) | bit); }
    // First characters only: jieba may cut a phrase (抢钱 → 抢|钱), a character survives any cut.
    for (const w of set.zh) zh.push([w[0]!, bit]);
  };
  rules.forEach((rule, i) => {
    add(rule.triggers, 1 << i);
    add(rule.alsoNeeds ?? rule.triggers, 1 << (i + SECOND));
  });
  return { en, zh };
}

/** Quotes around the shop's own words are a sarcasm trigger in themselves ("arriving today" for a week). */
export const QUOTED_TRIGGER = 1 << HARD_CASE_RULES.findIndex((r) => r.name === 'sarcasm');
/** A quote mark in the text makes the scare-quote rule ready (it has no trigger words: the quote is the trigger). */
const SCARE_INDEX = HARD_CASE_RULES.findIndex((r) => r.name === 'scareQuotes');
export const SCARE_QUOTE_BITS = (1 << SCARE_INDEX) | (1 << (SCARE_INDEX + SECOND));

/** Bits of the rules whose trigger sets are all present. */
export function readyRules(bits: number): number {
  return bits & (bits >>> SECOND) & ((1 << SECOND) - 1);
}

/** Set on a capitalised emotion word ("Angry" in "the Angry Birds lamp"): the text may hold a product name. */
export const PRODUCT_BIT = 1 << 29;
const PRODUCT_WORDS = new Set(['Angry', 'Mad', 'Crazy', 'Furious', 'Scary', 'Scream', 'Rage', 'Panic', 'Fear', 'Hate', 'Worry', 'Nervous', 'Insane', 'Killer', 'Savage', 'Wicked']);

/** Rule bits of one token (computed once per distinct surface form: tokens are cached). */
export function triggerBits(key: string, zh: boolean, t: RuleTriggers, raw = key): number {
  if (!zh) return (t.en.get(key) ?? 0) | (PRODUCT_WORDS.has(raw) ? PRODUCT_BIT : 0);
  let bits = 0;
  for (const [w, bit] of t.zh) if (key.includes(w)) bits |= bit;
  return bits;
}

/** The effects of every rule whose trigger bit is set and that fires, in rule order. */
export function applyHardCaseRules(input: RuleInput, bits: number, rules: readonly HardCaseRule[], skip = 0): RuleEffect[] {
  const out: RuleEffect[] = [];
  for (let i = 0; i < rules.length; i++) {
    const bit = 1 << i;
    if ((readyRules(bits) & bit) === 0 || (skip & bit) !== 0) continue;
    const e = rules[i]!.check(input);
    if (e) out.push(e);
  }
  return out;
}

/** Quote marks that may hold someone else's words or a title. */
export const QUOTE_RE = /[“"《「『]/;
/** Someone else's words reported at length (She writes: "I am disgusted, the fridge…"; 他原话是：“气死我了…”): a
 * quote after a reporting word may run to 200 characters (session 10: the writers of train-b passed on a
 * neighbour's or client's angry words in full, which the 40-character limit left unmasked). */
const REPORTED_QUOTE = String.raw`(?<=\b(?:says?|said|writes?|wrote|quote|quoting|told (?:me|us)|words were|message was)[,:]?\s*)(?:“[^”]{41,200}”|"[^"]{41,200}")|(?<=(?:说|写道|原话是?|留言)[：:]?\s*)(?:“[^”]{31,200}”|「[^」]{31,200}」)`;
const QUOTED = new RegExp(`${REPORTED_QUOTE}|“[^”]{1,40}”|"[^"]{1,40}"|《[^》]{1,30}》|「[^」]{1,30}」|『[^』]{1,30}』`, 'g');
const PRODUCT = /(?<=[a-z,] )(?:Angry|Mad|Crazy|Furious|Scary|Scream|Rage|Panic|Fear|Hate|Worry|Nervous|Insane|Killer|Savage|Wicked)(?: [A-Z][a-z]+)+/g;

/**
 * Emotion words inside quotes or product names ("the Angry Birds plush", 《愤怒的小鸟》) are blanked before cue
 * matching; the rules still read the original text (scare quotes are a sarcasm sign). Returns the text unchanged
 * (same string) when there is nothing to blank. The analyzer calls it only when a quote mark or a PRODUCT_BIT
 * token is present.
 */
export function maskQuotedAndNames(text: string): string {
  return text.replace(QUOTED, (m) => ' '.repeat(m.length)).replace(PRODUCT, (m) => ' '.repeat(m.length));
}
