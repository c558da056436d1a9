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
  newMessage: 'New message from customer care:',
  unread: '{n} unread messages',
  stars: '{n} out of 5 stars',
  rate: 'Rate our help',
  complaint: 'Complaint',
  status: 'Status',
  uploading: 'Uploading photo… {p}%',
  uploadFailed: 'Upload failed.',
  photo: 'Photo',
  conversation: 'Conversation',
  you: 'You',
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
  newMessage: '客服新消息：',
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
