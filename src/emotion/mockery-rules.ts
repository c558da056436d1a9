/**
 * Third round of issue 11 (session 6): anger said through mockery, which the sarcasm and rhetorical-question rules
 * of hard-case-rules.ts miss because they need a failure word from a short list or a fixed question. Two families
 * from src/emotion/eval/LABELLING.md ("sarcasm", "rhetorical questions that accuse"), in the shape of those rules:
 *
 * - `mockPraise`: praise given as a one-word verdict on a failure ("Lost it again. Marvellous."), "amazing how
 *   fast you … and how slow …", "oh sure, blame …", and the Chinese taunts that mean "so that's your game": a clause ending in 是吧,
 *   你们…是…的吧, 说好的…呢 (the promise asked back), 真是奇迹;
 * - `incredulousQuestion`: disbelief that something was allowed or is this hard ("how is that even legal?",
 *   "how did this ever pass a check?", "how hard is it to…", "do u even…"), and in Chinese the question that
 *   names the shop's excuse or act and throws it back (这叫…？, 什么叫…, 这不是…是什么, 当我瞎吗, 你们自己敢用吗,
 *   这都能…？, 还要我…？, 到底有没有人…).
 */
import { ANCHOR, hasAnchor } from './rule-anchors.js';
import { patternRule, words } from './rule-patterns.js';
import type { RuleCheck, RuleEffect } from './rule.types.js';

/** A sentence that is only a praise word, maybe with "honestly"/"really": a verdict on what was just said. */
const PRAISE_VERDICT = /(?:[.!?;]\s*|,\s+)(?:oh |just |how |so |very )?(?:brilliant|classy|lovely|impressive|cool(?: cool)+|amazing|fantastic|wonderful|superb|marvell?ous|splendid|stellar|charming|delightful|excellent|sure|genius|priceless|convenient|classic)(?: (?:honestly|really|stuff|work|then|indeed|mate))?\s*(?:[.!]+|$)/;
/** Mock openers and "amazing how fast you reply when…", "funny how the tracking…": about what follows them. */
const MOCK_OPENER = /(?:^|[.!?]\s*)oh (?:sure|good|lovely|nice|cool)\b|\b(?:amazing|funny|interesting|incredible|impressive) how (?:you|your|the|fast|quick(?:ly)?|slow(?:ly)?|it|they|nobody|no one|every)\b/;
/** What the praise is about must be a fault: loss, repetition, delay, refusal, damage or silence. */
const FAULT = /\b(?:lost|losing|lose|again|still|never|not|no|nothing|nobody|blocked|blame[sd]?|threw|thrown|dropped|tossed|wrong|broken|broke|late|delay\w*|missing|closed|closing|queue|slow|slower|damaged|smashed|crushed|ignored|ignoring|cancell?ed|twice|instead|refused|rejected|dented|leaked|soaked)\b|n['’]t\b/;

/** Idioms that mean the opposite in any complaint: no fault word needed. */
const DEADPAN_EN = new RegExp([
  String.raw`\byou had one job\b`, String.raw`\bmake it make sense\b`, String.raw`\bbold (?:strategy|move|choice)\b`,
  String.raw`\b(?:thanks|thank you|cheers) for nothing\b`, String.raw`\b(?:interesting|funny|amazing) how that works\b`, String.raw`\bhow convenient\b`,
  String.raw`\blove (?:that|this) for me\b`, String.raw`\bcolou?r me (?:surprised|shocked|amazed)\b`, String.raw`\bslow clap\b`,
  // "I'll be sure to tell everyone how helpful you've been", "Every. Single. Time.", "Another week, another excuse"
  String.raw`\bi'?ll be sure to (?:tell|let|recommend you to) (?:everyone|everybody|all my|my)\b`, String.raw`\bevery\. single\. time\b`,
  String.raw`\banother (?:day|week|month|year), another\b`,
].join('|'));
/** Praise that needs a fault in the message to be sarcasm ("What a surprise, the tracking hasn't moved";
 * "What a surprise, flowers a day early!" is sincere); "thanks (a lot) for that." as the closing of a fault. */
const DEADPAN_WITH_FAULT = /\bwhat a (?:surprise|shock|shocker)\b|\b(?:outdid|outdone) yoursel(?:f|ves)\b|\bkeep up the (?:good|great) work\b|(?:^|[.!?]\s*)(?:genius|priceless)[.!]|\bthanks? (?:a lot |so much )?for that[.!]*\s*(?:[🙂👍🙃]\s*)?$/;

/**
 * 虚假发货是吧？ 只会复制粘贴是吧: a clause that names a fault or a trick and ends in 是吧 is a taunt. A plain
 * 是吧 asks for confirmation (这件是纯棉的是吧？), so the clause must hold one of the fault words.
 */
const ZH_TAUNT = [
  '(?:只会|就会|只知道|不管|不理|不回|没用|装|假|骗|坑|拖|赖|甩锅|敷衍|发错|不退|不给|不认|赔)[^，。？！,.?!]{0,10}是吧(?:[？?！!。，,]|$)',
  // 你们家物流是骑自行车送的吧, 你们是拿我的钱去理财了吧 (the older rule has only 是开…的吧 and 故意的吧)
  '你们[^，。？！]{0,6}是[^，。？！]{1,12}(?:的|了)吧',
  // 说好的次日达呢？ 说好的安全呢: the promise asked back
  '说好的[^，。？！]{1,20}呢',
  '(?:真|简直)是(?:个)?奇迹|好的好的[，,]\\s*又',
  // Fourth round: 我谢谢你啊, 理赔了个寂寞, 好一个闭环, 这波操作, 套路玩得挺溜, 辛苦你们了呢, 好好好，都是我的问题,
  // 别亲了, 行，继续等; praise closing a fault (新的一直没来…真不错。)
  '我谢谢你(?:啊|们|了|呀)', '了个寂寞', '好一个', '这(?:一)?波操作', '套路[^，。？！]{0,4}(?:挺|真|很)溜', '辛苦(?:你们|您)了呢',
  '好好好[，,]\\s*(?:都是|是我|我的错|你们说)', '别(?:再)?亲了', '行[，,]\\s*(?:继续|接着)等',
  '(?:没|又|丢|坏|错|慢|烂|拖)[^，。？！]{0,30}[，。！]\\s*(?:真不错|挺好的|真棒|真行|好样的)[。！!~～]*$',
].join('|');
const ZH_TAUNT_RE = new RegExp(ZH_TAUNT);

const MOCK_PRAISE: RuleEffect = { id: 'rule:mock_praise', label: 'mock praise or a taunt (sarcasm)', anger: 2.5 };

export const mockPraise: RuleCheck = (m) => {
  const { lower, zh } = m;
  // The fault comes before a verdict ("Lost it again. Marvellous.") and after an opener: "Fantastic. Would love
  // to see it" opens a happy message, "Oh sure, blame the weather" a mocking one. Each regex runs only when its
  // anchor word is among the message's words (rule-anchors.ts).
  if (DEADPAN_EN.test(lower) || (DEADPAN_WITH_FAULT.test(lower) && FAULT.test(lower))) return MOCK_PRAISE;
  const verdict = hasAnchor(m, ANCHOR.praiseVerdict) ? PRAISE_VERDICT.exec(lower) : null;
  if (verdict && FAULT.test(lower.slice(0, verdict.index))) return MOCK_PRAISE;
  const opener = hasAnchor(m, ANCHOR.mockOpener) ? MOCK_OPENER.exec(lower) : null;
  if (opener && FAULT.test(lower.slice(opener.index))) return MOCK_PRAISE;
  return zh && ZH_TAUNT_RE.test(lower) ? MOCK_PRAISE : undefined;
};

const INCREDULOUS_EN = new RegExp([
  // "How is that even acceptable?", "how was it ever legal"
  // ("how is it possible to change the address?" is a plain question: not "possible")
  String.raw`\bhow (?:is|was|are) (?:this|that|it|these|they) (?:even |ever |still )?(?:acceptable|ok|okay|legal|allowed)\b`,
  // "How on earth…", "how the hell…", "how did this ever pass…", "how was this ever sold"
  String.raw`\bhow (?:on earth|in the world|the hell|the heck)\b`, String.raw`\bhow (?:did|does|could|can|was|is) (?:this|that|it|something like this) (?:ever |even )?(?:be )?(?:pass|passed|get|got|sold|allowed|approved|on sale)\b`,
  String.raw`\bhow hard (?:is it|can it be|could it be)\b`, String.raw`\bshould never have been (?:sold|on sale|allowed|approved|shipped)\b`,
  // "do u even read…", "does anyone there actually know?", "which one of you actually knows?"
  String.raw`\b(?:do|does|did) u even\b`, String.raw`\bwhich (?:one )?of you (?:actually |even )?(?:knows?|reads?|works?|cares?)\b`,
  // Fourth round: "So which is it?", "Which part of "do not bend" was unclear?", "is there a human anywhere…",
  // "does anyone there actually check", "do you even read", "am I supposed to guess?", "do you want me to … myself?",
  // "what am I paying you for?", "why do I even bother", "wonder why I'm cancelling", "who approved this?"
  String.raw`\bwhich (?:one )?is it\s*\?`, String.raw`\bwhich part of\b[^?.!]{1,60}\b(?:unclear|confusing|hard|difficult)\b`,
  String.raw`\bis there (?:a|any|one) (?:single |real |actual )?(?:human|person|adult)s? (?:anywhere|at all|left|working|alive|in (?:this|your))\b`,
  String.raw`\b(?:does|do|is|will) (?:anyone|anybody) (?:there |over there |at (?:your|this) company |in (?:your|this) company )?(?:actually|even|ever) (?:check|read|care|work|look|listen|know|answer|reply|test)`,
  String.raw`\bis (?:anyone|anybody) (?:going|planning) to (?:fix|do|help|answer|reply|sort|take)\b`, String.raw`\bdo you (?:even|actually) (?:read|check|care|look|listen|know|test|bother)\b`,
  String.raw`\bam i (?:supposed|meant|expected) to (?:just )?(?:guess|read (?:your|their|the) minds?|wait forever|magically|live without|survive)\b`,
  String.raw`\bdo you (?:want|expect) me to\b[^?.!]{1,60}\b(?:myself|forever)\b`,
  String.raw`\bwhat (?:exactly )?am i (?:even )?paying (?:you )?for\b`, String.raw`\bwhat (?:exactly )?(?:do|did) i pay (?:you )?for\b`,
  String.raw`\bwhy (?:do|did|would|should) i (?:even )?bother\b`, String.raw`\bnot sure why i (?:even )?bother\b`,
  String.raw`\bwonder why (?:i'?m|i am|people|nobody|no one|everyone|customers)\b`,
  String.raw`\bwho (?:approved|designed|thought (?:of|this|that)|came up with|signed off on)\b`,
].join('|'));

const INCREDULOUS_ZH = new RegExp([
  // 这叫包邮？ 这也叫正品？ 什么叫"无法退款"？ 这不是骗人是什么？
  // (这叫什么颜色？ 请问什么叫保价？ ask a name: not these)
  '这(?:也|就)?叫(?!什么)[^，。？！吗]{1,8}[？?]', '(?<!请问)什么叫', '这不是[^，。？！]{1,8}是什么',
  // 当我瞎吗 / 当我傻吗 (the older rule has 当我看不出来, 当我不懂)
  '当我(?:是)?(?:瞎|傻|瞎子|聋)',
  // 你们自己敢用吗？ 这种东西也敢卖？ 这是人能穿的吗？ 这都能发错？
  '(?:自己|你们)敢(?:用|吃|穿|卖|喝)吗', '(?:也|还)敢(?:卖|发|拿出来)', '是人能(?:穿|用|吃|喝|看)的吗', '这都能[^，。？！吗]{1,6}[？?]',
  // 还要我自己出运费？ 现在还要我交滞纳金？ (还要我提供什么吗？ asks: not with 吗) 到底有没有人在管？ 你们平台管不管？
  // 怎么过的质检？
  '还(?:要|让)我(?![^，。？！]*吗)[^，。？！]{1,12}[？?]', '到底有没有人', '(?:你们|平台|到底|还)[^，。？！]{0,6}管不管', '怎么(?:过的|通过的|上架的|卖出来的)',
  // Fourth round: 你们这系统是干嘛的 / 我付运费是干嘛的 (这个按钮是干嘛的？ asks: needs 你们 or what I paid),
  // 那你标价保干嘛, 负得起这个责吗, 谁给你们的权利, 包裹是自己长腿跑了？, 闹鬼了, 拿我当傻子, 真当我们不会算账, 就这？
  '(?:你们|我付|我交|我花|我买)[^，。？！]{0,12}是干(?:嘛|什么|啥)(?:用)?的', '那你们?(?:标|写|说|搞|卖|挂)[^，。？！]{0,8}干(?:嘛|什么|啥)',
  '负得起[^，。？！]{0,6}责', '谁给(?:你们|你)的(?:权利|权力|胆子|勇气)', '长腿(?:跑|飞)了', '闹鬼', '(?:拿|把)我(?:们)?当(?:傻子|猴|三岁|冤大头|韭菜)', '真当我', '^就这[？?]',
].join('|'));

const INCREDULOUS: RuleEffect = { id: 'rule:incredulous_question', label: 'question of disbelief (accusation)', anger: 2.5 };

export const incredulousQuestion = patternRule(INCREDULOUS_EN, INCREDULOUS_ZH, INCREDULOUS);


/**
 * Trigger words (the analyzer runs a rule only when one of `triggers` and one of `alsoNeeds` are among the
 * tokens; Chinese by first character). Every English match above holds a word of each set.
 */
export const MOCKERY_TRIGGERS = {
  mockPraise: {
    triggers: {
      en: words('good brilliant classy lovely impressive cool amazing fantastic wonderful superb marvellous marvelous splendid stellar charming delightful excellent sure funny interesting incredible genius priceless convenient classic job sense bold thanks thank cheers works love colour color clap single another surprise shock shocker outdid outdone keep'),
      zh: ['是吧', '你们', '说好的', '真是', '简直', '好的', '我谢谢', '了个', '好一个', '这波', '这一波', '套路', '辛苦', '好好好', '别', '行', '没', '又', '丢', '坏', '错', '慢', '烂', '拖'],
    },
    alsoNeeds: {
      en: words("lost losing lose again still never not no nothing nobody blocked blame blames blamed threw thrown dropped tossed wrong broken broke late delay delayed delays delivery missing closed closing queue slow slower damaged smashed crushed ignored ignoring cancelled canceled twice instead refused rejected dented leaked soaked n't don't can't won't didn't isn't wasn't doesn't job sense strategy move choice works convenient me surprised shocked amazed clap single another tell let recommend"),
      zh: ['是吧', '吧', '呢', '奇迹', '又', '谢', '寂寞', '一', '操作', '溜', '亲', '等', '真不错', '挺好', '真棒', '真行', '好样'],
    },
  },
  incredulousQuestion: {
    triggers: { en: words('how should u which human humans person adult adults anyone anybody even actually supposed meant expected myself forever pay paying bother wonder approved designed thought came signed'), zh: ['这', '什么', '当我', '自己', '你们', '也', '还', '是人', '到底', '管不管', '怎么', '我', '那', '负', '谁', '长腿', '闹', '拿', '把', '真', '就'] },
    alsoNeeds: {
      en: words('acceptable ok okay legal allowed earth world hell heck pass passed get got sold sale approved shipped hard even know knows read reads work works care cares it part human humans person adult adults actually ever going planning supposed meant expected myself forever paying pay bother why who'),
      zh: ['叫', '是什么', '瞎', '傻', '聋', '敢', '能', '有没有人', '管', '过的', '通过', '上架', '卖出来', '我', '干', '责', '权', '胆', '勇', '跑', '飞', '鬼', '当', '这'],
    },
  },
};
