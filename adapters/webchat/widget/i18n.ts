/** The widget's own chrome in English and Chinese; bot messages arrive already localised. */
const en = {
  title: 'Customer care',
  subtitle: 'We usually reply within minutes',
  open: 'Open chat with customer care',
  close: 'Close chat',
  placeholder: 'Type your message…',
  send: 'Send message',
  attach: 'Attach a photo',
  uploadPhoto: 'Upload a photo',
  sending: 'Sending…',
  sent: 'Sent',
  failed: 'Not sent',
  reconnecting: 'Reconnecting…',
  offline: 'Offline: your messages will be sent when the connection is back.',
  typing: 'Customer care is typing…',
  agentTyping: '{name} is typing…',
  newMessage: 'New message from customer care:',
  newMessageFrom: 'New message from {name}:',
  unread: '{n} unread messages',
  stars: '{n} of 5 stars',
  rate: 'Rate our help',
  complaint: 'Complaint',
  status: 'Status',
  uploading: 'Uploading photo… {p}%',
  uploadFailed: 'Upload failed.',
  photo: 'Photo',
  conversation: 'Conversation',
  you: 'You',
  unavailable: 'Chat is not available on this site.',
  greetHello: 'Hi, I\'m {bot}.',
  greetHelloNoName: 'Hi, welcome to customer care.',
  greetCan: 'Tell me what went wrong with your order (a late or lost parcel, a damaged or wrong item, a refund) and I\'ll file it and get it to the right person.',
  greetOrder: 'Have your order number ready (it looks like {example}).',
  greetWait: 'A person usually replies within {minutes} minutes.',
  greetAway: 'Our team is away right now (open {hours}, {zone} time). A person will reply from {when}.',
  today: 'today at {time}',
  privacy: 'How we handle your data (privacy notice)',
  newMessages: 'New messages',
  days: 'Sun,Mon,Tue,Wed,Thu,Fri,Sat',
};

export type Strings = typeof en;

const zh: Strings = {
  title: '客服',
  subtitle: '我们通常几分钟内回复',
  open: '打开客服聊天',
  close: '关闭聊天',
  placeholder: '请输入消息…',
  send: '发送消息',
  attach: '添加照片',
  uploadPhoto: '上传照片',
  sending: '发送中…',
  sent: '已发送',
  failed: '未发送',
  reconnecting: '正在重新连接…',
  offline: '网络已断开：连接恢复后将自动发送您的消息。',
  typing: '客服正在输入…',
  agentTyping: '{name} 正在输入…',
  newMessage: '客服新消息：',
  newMessageFrom: '{name} 发来新消息：',
  unread: '{n} 条未读消息',
  stars: '{n} 星（满分 5 星）',
  rate: '为我们的服务评分',
  complaint: '投诉单号',
  status: '状态',
  uploading: '正在上传照片… {p}%',
  uploadFailed: '上传失败。',
  photo: '照片',
  conversation: '对话',
  you: '您',
  unavailable: '此网站暂不支持在线客服聊天。',
  greetHello: '您好，我是{bot}。',
  greetHelloNoName: '您好，欢迎联系客服。',
  greetCan: '订单遇到什么问题都可以告诉我，比如快递延误或丢件、商品损坏或发错、退款等，我会帮您登记，并转给负责的同事处理。',
  greetOrder: '请准备好订单号（格式如 {example}）。',
  greetWait: '人工客服通常在 {minutes} 分钟内回复。',
  greetAway: '现在是非工作时间（工作时间：{hours}，{zone} 时间），人工客服将于{when}起回复。',
  today: '今天 {time}',
  privacy: '我们如何处理您的数据（隐私声明）',
  newMessages: '新消息',
  days: '周日,周一,周二,周三,周四,周五,周六',
};

export function pickLocale(attr: string | null | undefined, browser: string | undefined): 'en' | 'zh' {
  const tag = (attr || browser || 'en').toLowerCase();
  return tag.startsWith('zh') ? 'zh' : 'en';
}

export function stringsFor(locale: 'en' | 'zh'): Strings {
  return locale === 'zh' ? zh : en;
}

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));
}
