/**
 * A small demo shop embedding the widget with one script tag, as a real shop would. `?lang=zh` switches the
 * page and the widget to Chinese. Served at `/` outside production only.
 */
const STRINGS = {
  en: {
    title: 'Maple & Moss — My orders', shop: 'Maple & Moss', orders: 'My orders', help: 'Problem with an order? Chat with us — bottom right.',
    switchTo: '中文', status: { delivered: 'Delivered', transit: 'In transit', processing: 'Processing' },
    items: ['Ceramic teapot, celadon', 'Wool throw blanket', 'Bamboo cutting board set'],
  },
  zh: {
    title: '枫与苔 — 我的订单', shop: '枫与苔', orders: '我的订单', help: '订单有问题？点击右下角与我们聊天。',
    switchTo: 'English', status: { delivered: '已签收', transit: '运输中', processing: '处理中' },
    items: ['青瓷茶壶', '羊毛毯', '竹制砧板套装'],
  },
} as const;

const ORDERS = [
  { id: 'MM-240815-001', total: '¥ 268.00', date: '2025-11-02', status: 'delivered' },
  { id: 'MM-240815-002', total: '¥ 459.00', date: '2025-11-14', status: 'transit' },
  { id: 'MM-240815-003', total: '¥ 89.00', date: '2025-11-20', status: 'processing' },
] as const;

export function renderDemoShop(lang: 'en' | 'zh'): string {
  const t = STRINGS[lang];
  const rows = ORDERS.map((o, i) => `<li class="order"><div><strong>${t.items[i]}</strong><br><small>${o.id} · ${o.date}</small></div>`
    + `<div class="right">${o.total}<br><span class="st ${o.status}">${t.status[o.status]}</span></div></li>`).join('');
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t.title}</title>
<style>
body{margin:0;font-family:Georgia,serif;background:#f6f3ee;color:#2d2a26}
header{background:#2f4a3a;color:#fff;padding:16px 24px;display:flex;justify-content:space-between;align-items:center}
header a{color:#fff}
main{max-width:720px;margin:24px auto;padding:0 16px}
.order{list-style:none;background:#fff;border-radius:8px;padding:14px 16px;margin:10px 0;display:flex;justify-content:space-between;box-shadow:0 1px 3px #0002}
ul{padding:0}.right{text-align:right}.st{font-size:13px;padding:2px 8px;border-radius:10px;background:#e8efe9}
.transit{background:#fdf1d8}.processing{background:#e6ecf7}
</style></head>
<body><header><strong>${t.shop}</strong><a href="?lang=${lang === 'en' ? 'zh' : 'en'}">${t.switchTo}</a></header>
<main><h1>${t.orders}</h1><p>${t.help}</p><ul>${rows}</ul></main>
<script src="/widget.js" data-locale="${lang}" async></script>
</body></html>`;
}
