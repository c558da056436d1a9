/**
 * The knowledge base's starter set, drawn from the domain (../shared/DESIGN.md): approved handling per category
 * (what to check, what to offer, compensation within limits) and reply templates in English and Chinese.
 * `cues` ties an entry to a flagged emotion. Variables in replies: {consumerName} {orderId} {caseNumber} {deadline} {amount}. Supervisors edit from here on.
 */
import type { KbArticle, KbReply } from './knowledge-base.js';

export const STARTER_ARTICLES: KbArticle[] = [
  {
    id: 'damaged-goods', categories: ['damaged_in_transit', 'quality_defect'], cues: [],
    title: { en: 'Damaged or defective goods', zh: '商品破损或质量问题' },
    body: {
      en: 'Check: photos of the item and the box, the order and the courier\'s delivery record. Offer: a replacement or a refund; for a small item a partial refund if the consumer keeps it. Compensation within your limit; above it, ask a supervisor. Tell the consumer what you checked.',
      zh: '核实：商品和外包装照片、订单和快递签收记录。方案：换货或退款；小件商品可部分退款并保留商品。补偿在您的权限内；超出请找主管。告诉消费者您核实了什么。',
    },
  },
  {
    id: 'late-or-lost', categories: ['late_delivery', 'lost_parcel'], cues: [],
    title: { en: 'Late or lost parcel', zh: '延迟或丢失的包裹' },
    body: {
      en: 'Check: tracking, the courier\'s last scan, and whether a promotion period slows deliveries. Contact the logistics partner and give the consumer a date. Lost after the courier confirms: reship or refund. Anxious consumers need a clear plan with times.',
      zh: '核实：物流轨迹、快递最后扫描记录，是否处于大促期间。联系物流合作方并给消费者一个明确日期。快递确认丢失后：补发或退款。焦虑的消费者需要清楚的计划和时间。',
    },
  },
  {
    id: 'counterfeit', categories: ['counterfeit', 'not_as_described'], cues: [],
    title: { en: 'Counterfeit or not as described', zh: '假货或与描述不符' },
    body: {
      en: 'High risk: escalate counterfeit claims to senior staff. Check: photos, the listing at the time of the order, the merchant\'s other complaints. Offer a full refund with return shipping paid; never argue authenticity with the consumer. A written report within 12 h.',
      zh: '高风险：假货投诉请上报高级员工。核实：照片、下单时的商品页面、该商家的其他投诉。提供全额退款并承担退货运费；不要与消费者争论真伪。12 小时内提交书面报告。',
    },
  },
  {
    id: 'refund-refused', categories: ['refund_refused', 'billing'], cues: [],
    title: { en: 'Refund refused or billing error', zh: '拒绝退款或扣款错误' },
    body: {
      en: 'Check: the payment record, the return policy and the merchant\'s reason. A double charge is refunded at once. A refusal must explain why and offer an alternative; if the consumer disagrees, it goes to review, not to a dead end.',
      zh: '核实：支付记录、退货政策和商家的理由。重复扣款立即退回。拒绝必须说明原因并提供替代方案；消费者不同意时转入复核，而不是不了了之。',
    },
  },
  {
    id: 'angry-consumer', categories: [], cues: ['angry'],
    title: { en: 'An angry consumer', zh: '情绪激动的消费者' },
    body: {
      en: 'Acknowledge first: apologise for the experience, no blame, listen. Many consumers "want someone to listen" more than money. Then one concrete next step and when it happens. Never go silent: push progress.',
      zh: '先安抚：为糟糕的体验道歉，不推卸，认真倾听。很多消费者更需要有人倾听而不是钱。然后给出一个具体的下一步和时间。不要沉默：主动告知进展。',
    },
  },
];

export const STARTER_REPLIES: KbReply[] = [
  {
    id: 'acknowledge', categories: [], cues: [],
    title: { en: 'Acknowledge and promise a time', zh: '确认收到并承诺时间' },
    text: {
      en: 'Hello {consumerName}, I am sorry for the trouble with order {orderId}. I have your case {caseNumber} and will update you by {deadline}.',
      zh: '{consumerName}您好，订单 {orderId} 给您带来不便，非常抱歉。您的投诉 {caseNumber} 已由我负责，我会在 {deadline} 前给您答复。',
    },
  },
  {
    id: 'photos-please', categories: ['damaged_in_transit', 'quality_defect', 'not_as_described', 'counterfeit'], cues: [],
    title: { en: 'Ask for photos', zh: '请提供照片' },
    text: {
      en: 'Thank you, {consumerName}. Could you send a photo of the item and one of the box? With them I can settle case {caseNumber} faster.',
      zh: '谢谢您，{consumerName}。请发一张商品照片和一张外包装照片，这样我能更快处理投诉 {caseNumber}。',
    },
  },
  {
    id: 'courier-checked', categories: ['late_delivery', 'lost_parcel', 'damaged_in_transit'], cues: [],
    title: { en: 'We contacted the courier', zh: '已联系快递' },
    text: {
      en: 'I have contacted the courier about order {orderId} and checked the tracking. You will hear from me by {deadline}, whatever they answer.',
      zh: '我已就订单 {orderId} 联系快递并核查了物流信息。无论对方如何答复，我都会在 {deadline} 前告诉您。',
    },
  },
  {
    id: 'refund-offer', categories: ['refund_refused', 'billing', 'damaged_in_transit', 'quality_defect', 'lost_parcel', 'counterfeit'], cues: [],
    title: { en: 'Offer a refund', zh: '提出退款' },
    text: {
      en: 'We will refund {amount} for order {orderId}. It reaches your account within 3–5 working days.',
      zh: '我们将为订单 {orderId} 退款 {amount}，3–5 个工作日内到账。',
    },
  },
];
