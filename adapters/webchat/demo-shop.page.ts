/**
 * A small demo shop embedding the widget with one script tag, as a real shop would. `?lang=zh` switches the
 * page and the widget to Chinese; `?lang=browser` leaves `data-locale` off, as a shop may, so the widget follows
 * the browser's language and what the consumer writes. Served at `/` outside production only.
 */
import { DEMO_ORDERS } from '../../src/orders/demo-orders.js';

const STRINGS = {
  en: {
    title: 'Maple & Moss — My orders', shop: 'Maple & Moss', orders: 'My orders', help: 'Problem with an order? Chat with us — bottom right.',
    switchTo: '中文', status: { delivered: 'Delivered', transit: 'In transit', processing: 'Processing' },
  },
  zh: {
    title: '枫与苔 — 我的订单', shop: '枫与苔', orders: '我的订单', help: '订单有问题？点击右下角与我们聊天。',
    switchTo: 'English', status: { delivered: '已签收', transit: '运输中', processing: '处理中' },
  },
} as const;

export function renderDemoShop(lang: 'en' | 'zh', pageLocale = true): string {
  const t = STRINGS[lang];
  const rows = DEMO_ORDERS.map((o) => `<li class="order"><div><strong>${o.item.name[lang]}</strong><br><small>${o.id} · ${o.date}</small></div>`
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
<script src="/widget.js"${pageLocale ? ` data-locale="${lang}"` : ''} data-order-example="${DEMO_ORDERS[0]!.id}" async></script>
</body></html>`;
}
