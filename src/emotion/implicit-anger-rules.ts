/**
 * Anger said without anger words (issue 11, the blind set's misses: about a third of angry messages had none).
 * Two families from src/emotion/eval/LABELLING.md, each a small pure rule in the shape of hard-case-rules.ts:
 *
 * - scare quotes: the shop's own words quoted back against it ("24h response time". It's been nine days.),
 *   with mock praise, a wait counted since, or the plain fact that contradicts them — sarcasm without a
 *   failure word;
 * - demands and ultimatums: terse orders ("Refund. Now.", 退款，现在), "stop telling me…" (别再跟我说…),
 *   "done asking nicely" (好好说话没用), "one more … and I'll lose it" (再…我就要疯了), asking for a manager or
 *   a chargeback (找你们领导, 拒付), "read my message" (看清楚): the writer has run out of patience.
 */
import { ALL_ANCHORS, ANCHOR } from './rule-anchors.js';
import { words } from './rule-patterns.js';
import type { RuleCheck, RuleEffect } from './rule.types.js';

/** A short quoted phrase (the shop's words or status), in straight or curly quotes, double or single. A single
 * quote opens only where no letter or digit comes before it and closes only where none follows, and the phrase
 * holds no other: an apostrophe ("it's", "customers'") is never a quote. */
const SINGLE_QUOTED = String.raw`(?<![A-Za-z0-9])['‘]([^'‘’\n]{2,40}?)['’](?![A-Za-z0-9])`;
const QUOTED_CLAIM = new RegExp(String.raw`“([^”]{2,40})”|"([^"]{2,40})"|「([^」]{2,30})」|` + SINGLE_QUOTED, 'g');
/** The text has a single-quoted phrase ('lifetime warranty'): the scare-quote rule must run (emotion-analyzer.ts;
 * double quotes are found by hard-case-rules.ts, QUOTE_RE). Fifth round: the writers of blind-5 quoted the shop
 * in single quotes, which the rule never read. */
export const SINGLE_QUOTED_RE = new RegExp(SINGLE_QUOTED);
/** Quoted words that promise something: a time, a speed, a product claim, a courtesy formula. */
const PROMISE = /\d|hour|express|fast|quick|prompt|apolog|warranty|satisf|happiness|protection|eco-friendly|fragile|noise cancel|grain free|sale\b|secure|safe|proof|value|feedback|compensation|issued|next[- ]day|today|soon|asap|escalat|on (?:its|the) way|in stock|safe place|waterproof|unbreakable|premium|genuine|original|brand new|quality|guarantee|durable|lifetime|important to us|valued|resolved|sorry|inconvenience|priority|小时|[0-9一二三四五六七八九十两]+天|当天|无理由|特快|次日|马上|尽快|立即|加急|安全的地方|在路上|防水|正品|全新|品质|保证|耐用|抱歉|歉意|不便|耐心|优先|极速|闪电|秒|保障/;
/** Quoted order states: a promise only when mocked ("processing" for 19 days 👏); counted alone they are a plain report. */
const STATUS = /process|ship|dispatch|deliver|arriv|pending|处理|发货|派送|运输/;
/** Mock praise or mockery outside the quote. */
const MOCK_PRAISE = /\b(?:brilliant|amazing|fantastic|wonderful|great|nice|lovely|perfect|superb|sure|right|lol|lmao|cool|classic|impressive|bravo|thanks|cheers)\b|👏|🙃|🙄|厉害了|真棒|真行|真好|笑死|呵呵|绝了|好样的|可真|太棒/;
/** Time counted since the promise, or the fact that contradicts it (third round: "… is not a refund", a promise
 * of safety or speed and what arrived: missing, open, leaked, soaked, 🐌; "act like it", "X my foot"). */
const CONTRADICTED = /\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several) (?:days|weeks|months|hours|minutes)\b|\bday (?:\d+|two|three|four|five|six|seven|eight|nine|ten)\b|\bit'?s been\b|\b(?:took|takes) longer\b|\bslower\b|\bwas a\b|\bactually\b|\bagain\b|\banother\b|\btwice\b|\bstill\b|\bonly (?:ever )?(?:say|says|said|reply|replies)\b|\bkeeps? saying\b|[0-9一二三四五六七八九十两几半]+个?多?(?:天|周|星期|礼拜|月|小时)了?|结果|比[^，。]{0,8}还慢|其实|根本|又是|只会(?:说|回)|还是|\bis(?:n'?t| not) an?\b|\bnothing\b|\bmissing\b|\bopen(?:ed)?\b|\bleak(?:ed|s|ing)?\b|\bsoaked\b|\bbroken\b|\binsult\w*|\bact like it\b|\bmy foot\b|🐌|躺了|(?:的|是)什么[？?]/;
/** The shop's answer reported as a taunt (还说“正常现象”, 居然跟我说“不归我们管”): anger whatever it quotes. */
const TAUNTED_REPLY = /(?:还|居然|竟然|只会|就)(?:跟我|和我)?说(?:是)?[“"「]/;

const SCARE_QUOTE: RuleEffect = { id: 'rule:scare_quotes', label: 'the shop’s own words quoted back (sarcasm)', anger: 2.5 };

/** "Sure, "24h response time". It's been nine days.", 说是放在“安全的地方”，结果是水坑里. */
export const scareQuotes: RuleCheck = ({ text }) => {
  // Each quoted phrase is tested for a promise (or an order state); the text outside the quotes for mockery or
  // a contradiction. Quotes in ordinary writing (what someone said, a nickname) promise nothing: no sarcasm.
  let promise = false;
  let status = false;
  QUOTED_CLAIM.lastIndex = 0;
  for (let m = QUOTED_CLAIM.exec(text); m; m = QUOTED_CLAIM.exec(text)) {
    const quoted = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').toLowerCase();
    promise ||= PROMISE.test(quoted);
    status ||= STATUS.test(quoted);
  }
  if (TAUNTED_REPLY.test(text)) return SCARE_QUOTE;
  if (!promise && !status) return undefined;
  const rest = text.replace(QUOTED_CLAIM, ' ').toLowerCase();
  return MOCK_PRAISE.test(rest) || (promise && CONTRADICTED.test(rest)) ? SCARE_QUOTE : undefined;
};

const DEMANDS_EN = new RegExp([
  // A terse order: "Refund. Now.", "FIX THIS NOW!!!", "... Fix it."
  String.raw`(?:^|[.!?]\s+)(?:now|immediately|right now)[.!]`,
  String.raw`(?:^|[.!?]\s+)fix (?:it|this)\b`, String.raw`\b(?:fix|refund|answer|cancel) (?:this|it|me) now\b`,
  // Stop doing what you keep doing.
  String.raw`\bstop (?:telling|sending|closing|asking|ignoring|giving|saying|pretending|lying|wasting|fobbing|copy)`,
  String.raw`\bnot another (?:script|excuse|template|bot|form|voucher|apology)\b`,
  // Patience spent.
  String.raw`\b(?:done|finished|through) (?:asking|being (?:polite|patient|nice|reasonable)|waiting)\b`, String.raw`\basking nicely\b`, String.raw`\bnot asking again\b`,
  String.raw`\bone more (?:\w+ ){0,3}(?:and|i'?m|i will|i'?ll)\b`, String.raw`\bif i (?:get|receive|hear|see) (?:one more|another)\b`,
  String.raw`\b(?:going to|gonna|about to) (?:lose it|lose my mind|scream|explode)\b`,
  // Escalation past the agent.
  String.raw`\b(?:i want|get me|let me speak to|i'?d like to speak to|speak to|talk to|put me through to) (?:a|your|the) (?:manager|supervisor|boss)\b`,
  String.raw`\bdispute (?:the|this|it|my) ?(?:charge|payment|transaction)?\b.*\bbank\b|\bbank\b.*\bdispute\b`,
  // Read what I wrote.
  String.raw`\b(?:read|look at) (?:my|the) (?:message|messages|email|emails|complaint|previous|ticket)\b`, String.raw`\bactually read\b`,
].join('|'));
const DEMANDS_ZH = /(?:^|[，。！,!])\s*(?:现在|立刻|马上)[。！!]?\s*$|赶紧(?:修|处理|退|解决|给我)|别再(?:跟我说|给我发|让我|说|敷衍|拖|发)|不要再(?:跟我说|给我发|发)|少(?:跟我)?来这套|(?:好好说话|客气|讲道理)(?:没用|不管用|没有用)|我不会再问|再(?:给我)?(?:发|来|让我|打)[^，。？！]{0,12}我就|(?:要|快)(?:疯|炸|崩溃)了|(?:找|叫|要见)(?:你们)?(?:的)?(?:领导|经理|主管|负责人|上级)|拒付|退单|能不能?看清楚|看清楚(?:我|再)|一句都不信/;

const DEMAND: RuleEffect = { id: 'rule:demand', label: 'demand or ultimatum (patience spent)', anger: 2.5 };

/** Orders, "stop …", spent patience, asking for a manager or a chargeback: the writer is past asking. */
export const demand: RuleCheck = (m) => ((mayDemand(m.words ?? ALL_ANCHORS) && DEMANDS_EN.test(m.lower)) || (m.zh && DEMANDS_ZH.test(m.lower)) ? DEMAND : undefined);

/** Can DEMANDS_EN match? Each of its alternatives holds a demandSolo word, or one of both pairs of groups. */
function mayDemand(words: number): boolean {
  return (words & ANCHOR.demandSolo) !== 0
    || ((words & ANCHOR.demandAsking) !== 0 && (words & ANCHOR.demandDone) !== 0)
    || ((words & ANCHOR.demandRead) !== 0 && (words & ANCHOR.demandMessage) !== 0);
}


/** Trigger words of `demand`: every English alternative holds one of these words, every Chinese one a first character. */
export const DEMAND_TRIGGERS = {
  en: words('now immediately fix refund answer cancel stop not done finished through nicely asking one more if going gonna about want manager supervisor boss dispute bank read actually'),
  zh: ['现在', '立刻', '马上', '赶紧', '别再', '不要', '少', '好好', '客气', '讲道理', '我不会', '再', '要', '快', '找', '叫', '拒付', '退单', '能不能', '看清楚', '一句'],
};
