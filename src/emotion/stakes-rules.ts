/**
 * Anxiety shown through stakes rather than worry words (src/emotion/eval/LABELLING.md, "anxiety = 1"): what is
 * at risk makes the fault frightening. Each rule pairs a *what* (a baby, rent, a passport, a password) with a
 * *problem* (late, lost, leaked, already clicked) and returns its reason, like the rules of hard-case-rules.ts.
 *
 * - `stakes`: health (people, pets, medical devices, child safety gear), money deadlines and housing,
 *   documents and travel, personal data, dated events (an exam, the school term, a thesis due Monday);
 * - `hazard`: a product that is dangerous now (gas smell, swollen battery, sparks, hissing valve, 不敢再用);
 * - `exposure`: a scam or a breach the writer may already have fallen into (typed the password, clicked the
 *   link, a login from another country, "is this really you?");
 * - `moneyAtRisk`: money the writer fears is gone ("is my money gone?", 钱还能拿回来吗, "a lot of money for me").
 */
import { ALL_ANCHORS, ANCHOR } from './rule-anchors.js';
import { words } from './rule-patterns.js';
import type { RuleCheck } from './rule.types.js';

/** `anchor`: the rule-anchors.ts group one word of which every English match of `what` holds. */
interface Stake { id: string; label: string; what: RegExp; problem: RegExp; anxiety: number; anchor: number }

export const STAKES: Stake[] = [
  {
    id: 'rule:stakes_health', label: 'health at stake',
    what: /\b(?:baby|babies|infant|newborn|toddler|pregnan\w*|insulin|medication|medicine|meds|inhaler|epipen|prescription|allerg\w*|blood (?:pressure|sugar)|glucose|oximeter|monitor|thermometer|formula|elderly|diabet\w*|asthma\w*|epilep\w*|oxygen|concentrator|wheelchair|nebuli[sz]er|car seat|cot|crib|stroller|pram|dog|cat|puppy|kitten|pet|my (?:mum|mom|dad|father|mother|grandma|grandpa|son|daughter|kid|child|wife|husband))\b|宝宝|婴儿|孕妇|奶粉|药|血压|血糖|胰岛素|老人|孩子|糖尿病|哮喘|心脏|制氧机|轮椅|安全座椅|儿童座椅|婴儿车|狗|猫|宠物/,
    problem: /\b(?:spoiled|spoilt|expired|mou?ldy?|rotten|off|erratic|wrong readings?|inaccurate|odd|faulty|not working|stopped working|broken|cracked|leak\w*|sick|ill|vomit\w*|threw up|throwing up|rash|ate|eaten|drank|swallowed|choked|harmful|late|delayed|missing|stuck|hasn'?t arrived|not arrived|run(?:ning)? out|needs? (?:it|this|them)|doesn'?t (?:click|lock|latch|close|work)|don'?t know which|vet|hospital|doctor)\b|变质|过期|发霉|吃了|喝了|吞|误食|吐了|不准|乱跳|坏了|裂|没到|断了|用完|吃完|快没了|只剩|不知道该信|一碰就开|医院|出事/,
    anxiety: 2.5, anchor: ANCHOR.stakesHealth,
  },
  {
    id: 'rule:stakes_money', label: 'money deadline at stake',
    what: /\b(?:rent|mortgage|loan|instal?ments?|overdraft|credit score|credit rating|bills?|tuition|payday|deposit|groceries)\b|分期|逾期|征信|还款|房贷|房租|花呗|白条|信用分|借呗|网贷|押金|租房/,
    problem: /\b(?:due|deadline|tomorrow|today|by (?:friday|monday|the \d+)|this week|still (?:charged|billed|taken)|late fee|penalt\w*|overdue|can'?t (?:pay|afford)|bounced?|piling up|gone|failed|fell through|nowhere to)\b|到期|还在扣|还在收|扣款|影响|逾期|明天|今天|月底|交不上|还不上|罚息|滞纳金|失败|钱扣了|没了|没地方/,
    anxiety: 2.5, anchor: ANCHOR.stakesMoney,
  },
  {
    id: 'rule:stakes_travel_documents', label: 'documents or travel at stake',
    what: /\b(?:passport|visa|id card|driving licen[cs]e|birth certificate|flight|boarding|residence permit|green card|documents?|bank card|credit card|debit card)\b|护照|签证|身份证|机票|航班|出国|户口本|证件|毕业证|银行卡/,
    problem: /\b(?:parcel|package|courier|delivery|delivered to|lost|missing|stuck|not arrived|hasn'?t arrived|before|leave|leaving|departure|tomorrow|next week|neighbou?r|stranger|someone else|wrong address)\b|快递|包裹|丢|没到|卡住|出发|起飞|下周|明天|来不及|邻居|别人|送错/,
    anxiety: 3, anchor: ANCHOR.stakesTravel,
  },
  {
    id: 'rule:stakes_data', label: 'personal data exposed',
    what: /\b(?:personal (?:data|documents|photos|files|information|details)|my (?:photos|files|data|bank details)|banking app|bank app|hard drive|not wiped|wiped|factory reset)\b|个人信息|照片|隐私|资料|数据|银行app/,
    problem: /\b(?:returned|refurbished|someone else|stranger|exposed|leak\w*|not (?:wiped|deleted|erased)|(?:didn'?t|forgot to|never) (?:wipe|delete|erase|reset|log out)|still on|sent (?:back|in)|sold|trade-in)\b|退回|没删|没有删除|忘了(?:清|删)|别人|泄露|翻新|二手|以旧换新/,
    anxiety: 2.5, anchor: ANCHOR.stakesData,
  },
  {
    id: 'rule:stakes_deadline', label: 'a dated event at stake',
    what: /\b(?:exams?|term starts|school uniform|wedding|funeral|interview|thesis|dissertation|presentation|flying out|fly out|surgery|operation|work laptop)\b|考试|开学|婚礼|葬礼|面试|论文|答辩|手术|工作电脑|要交/,
    problem: /\b(?:hasn'?t (?:arrived|shipped|come)|not (?:arrived|shipped|here)|lost|missing|stuck|need (?:it|this|them|the)|before (?:then|that|it)|by (?:tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|还没|没到|丢了|卡住|之前|明天|今晚|周[一二三四五六日天]|星期[一二三四五六日天]|没法|来不及/,
    anxiety: 2.5, anchor: ANCHOR.stakesDeadline,
  },
];

/** Health, medicine, babies, money deadlines, documents, travel, data, dated events: waiting there is frightening. */
export const stakes: RuleCheck = (m) => {
  const anchors = m.words ?? ALL_ANCHORS;
  // Without Chinese words only the English part of `what` can match, and not without its anchor word.
  for (const s of STAKES) if ((m.zh || (anchors & s.anchor) !== 0) && s.what.test(m.lower) && s.problem.test(m.lower)) return { id: s.id, label: s.label, anxiety: s.anxiety };
  return undefined;
};

const HAZARD = /\b(?:gas smell|smell(?:s|ed)? (?:of )?(?:gas|burning|smoke|burnt)|burning smell|spark(?:s|ed|ing)?|swell(?:ed|ing)? up|swollen|bulg(?:ed|ing)|melt(?:ed|ing)|scorch(?:ed)?|overheat(?:s|ed|ing)?|too hot to touch|fire risk|caught fire|electric shock|shocked me|hiss(?:es|ing)|leak(?:s|ing)? gas|choking hazard)\b|煤气味|燃气味|焦味|糊味|冒烟|火花|鼓包|发烫|很烫|烫手|漏电|漏气|嘶嘶|起火|着火|爆炸|融化|熔化|烧焦|触电|电到我|不敢(?:再)?(?:用|充|吃|开|碰)/;
const SAFETY_QUESTION = /\b(?:is it|is this|is that|are they|still) (?:safe|harmful|dangerous|toxic|poisonous)\b|\bsafe to (?:use|eat|drink|charge|keep)\b|\bwhat (?:should|do|can) (?:i|we) do\b|还能(?:安全)?(?:使用|用|吃|喝)吗|还安全吗|有害吗|有毒吗|该怎么办/;

/** The hazard must be a product's: "sparks" or "melted" in ordinary talk ("my heart melted") is not one. */
const DEVICE = /\b(?:battery|batteries|charger|charging|cable|cord|plug|socket|hob|oven|stove|heater|kettle|blanket|phone|laptop|tablet|device|appliance|unit|product|item|valve|lid|cooker|scooter|e-?bike|vape|pan|toaster|adapter|power bank|lamp|bulb|fridge|dryer|washer|microwave|boiler|hair ?dryer|straightener|toy|pipe)\b|机|器|电池|插头|插座|线|灶|锅|阀|盖|壶|毯|车|灯|宝|充/;

/** A product dangerous now: gas smell, a swollen battery, sparks, a hissing valve, 不敢再充了; more with a safety question. */
export const hazard: RuleCheck = ({ lower }) => {
  if (!HAZARD.test(lower) || !DEVICE.test(lower)) return undefined;
  return { id: 'rule:hazard', label: 'a dangerous product', anxiety: SAFETY_QUESTION.test(lower) ? 3 : 2.5 };
};

const SECURITY = /\b(?:password|passcode|pin|verification code|one-time code|otp|login|log-in|logged in|sign-in|scam (?:text|message|email|call|link)|phishing|suspicious (?:link|text|message|email|login)|link|card details|card number|account|bank|merchant)\b|密码|验证码|链接|短信|登录|银行|卡号|盗刷|账户|账号|商户/;
const EXPOSED = /\b(?:already (?:clicked|typed|entered|gave|paid|sent|shared)|i (?:clicked|typed|entered)|clicked (?:it|the link|on it)|typed it|is (?:it|this|that) (?:from you|really you|real|legit)|(?:that'?s|was that|is that) not you|are you (?:real|legit)|confirm you'?re (?:real|legit)|from another country|flagged|i didn'?t (?:make|authori[sz]e)|someone (?:else )?(?:used|logged|ordered))\b|已经(?:点|输|填|付|给)|点进去|点了链接|输了|是你们发的吗|不是你们吧|正规的吗|异地登录|不是我(?:买|下|付|操作)|有风险|被盗/;

/** A scam or breach the writer may already be caught in: typed the password, clicked the link, a foreign login. */
export const exposure: RuleCheck = ({ lower }) => (SECURITY.test(lower) && EXPOSED.test(lower) ? { id: 'rule:exposure', label: 'may have fallen for a scam or a breach', anxiety: 3 } : undefined);

const MONEY_AT_RISK = /\b(?:is my money (?:gone|lost|safe)|(?:will|do|can|would) i (?:ever )?get (?:my|the) money back|what happens to my (?:money|refund|payment|deposit)|money (?:is|was|has) (?:gone|disappeared)|(?:a lot|lots) of money (?:for|to) me|(?:was|is) a lot for me|tight budget|can'?t (?:buy|afford) (?:groceries|food)|nowhere to (?:live|stay))\b|钱(?:还)?能(?:拿|要|退)回来吗|钱(?:还)?(?:要|拿)得回来吗|要不回来|钱(?:就|都)?没了|钱(?:被)?扣了|对我(?:来说)?(?:很|非常)?重要|没地方住|生活费|吃饭的钱/;

/** Money the writer fears is gone: "is my money gone?", 钱还能拿回来吗, "it was a lot for me". */
export const moneyAtRisk: RuleCheck = ({ lower }) => (MONEY_AT_RISK.test(lower) ? { id: 'rule:money_at_risk', label: 'money the writer fears is lost', anxiety: 2.5 } : undefined);


/**
 * Trigger words per rule (the analyzer runs a rule only when one is among the tokens; Chinese by first
 * character). Every `what` alternative above begins with one of these words.
 */
export const STAKES_TRIGGERS = {
  stakes: {
    triggers: {
      en: words('baby babies infant newborn toddler pregnant pregnancy insulin medication medicine meds inhaler epipen prescription allergy allergic allergies blood glucose oximeter monitor thermometer formula elderly diabetes diabetic asthma asthmatic epilepsy epileptic oxygen concentrator wheelchair nebuliser nebulizer car cot crib stroller pram dog cat puppy kitten pet mum mom dad father mother grandma grandpa son daughter kid child wife husband rent mortgage loan installment instalment installments instalments overdraft credit bill bills tuition payday deposit groceries passport visa id driving birth licence license certificate flight boarding residence green document documents bank debit personal photos files data details banking hard wiped wipe exam exams term school wedding funeral interview thesis dissertation presentation flying fly surgery operation work'),
      zh: ['宝宝', '婴儿', '孕妇', '奶粉', '药', '血压', '血糖', '胰岛素', '老人', '孩子', '糖尿病', '哮喘', '心脏', '制氧机', '轮椅', '安全座椅', '儿童座椅', '狗', '猫', '宠物', '分期', '逾期', '征信', '还款', '房贷', '房租', '花呗', '白条', '信用', '借呗', '网贷', '押金', '租房', '护照', '签证', '身份证', '机票', '航班', '出国', '户口', '证件', '毕业证', '银行卡', '个人信息', '照片', '隐私', '资料', '数据', '考试', '开学', '婚礼', '葬礼', '面试', '论文', '答辩', '手术', '工作电脑', '要交'],
    },
  },
  hazard: {
    triggers: {
      en: words('gas smell smells smelled burning spark sparks sparked sparking swelled swelling swollen bulged bulging melted melting scorch scorched overheat overheats overheated overheating hot fire caught electric shocked hisses hissing leaks leaking choking'),
      zh: ['煤', '燃', '焦', '糊', '冒', '火', '鼓', '发烫', '烫', '漏', '嘶', '起', '着', '爆', '融', '熔', '烧', '触', '电', '不敢'],
    },
  },
  exposure: {
    triggers: {
      en: words('password passcode pin verification one-time otp login log logged sign scam phishing suspicious link card account bank merchant'),
      zh: ['密码', '验证码', '链接', '短信', '登录', '银行', '卡号', '盗刷', '账户', '账号', '商户'],
    },
  },
  moneyAtRisk: {
    triggers: {
      en: words('money lot lots budget groceries food nowhere'),
      zh: ['钱', '要不', '对我', '没地方', '生活费', '吃饭'],
    },
  },
};
