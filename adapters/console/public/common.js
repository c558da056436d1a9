// Shared by the queue and case pages. Every piece of data goes into the page through textContent
// (el() below); nothing here ever assigns innerHTML.

export const csrf = document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

let skewMs = 0;
/** The server's clock, so SLA countdowns agree across agents whatever their laptop's time. */
export const serverNow = () => Date.now() + skewMs;

export class ApiError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details ?? {};
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const write = method !== 'GET';
  const res = await fetch(`/console/api${path}`, {
    method,
    credentials: 'same-origin',
    headers: write ? { accept: 'application/json', 'content-type': 'application/json', 'x-csrf-token': csrf } : { accept: 'application/json' },
    body: write ? JSON.stringify(body ?? {}) : undefined,
  });
  if (res.status === 401) {
    location.assign('/console/login');
    throw new ApiError(401, 'console.unauthenticated', 'Your session has ended; log in again.');
  }
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, json.error?.code ?? 'console.internal', json.error?.message ?? 'Something went wrong; try again.', json.error?.details);
  if (typeof json.serverNow === 'number') skewMs = json.serverNow - Date.now();
  return json;
}

/** createElement with text children only: `el('td', { class: 'id' }, complaint.id)`. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export const label = (s) => String(s ?? '').replaceAll('_', ' ');

export function formatTime(ms) {
  return new Date(ms).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function formatLeft(ms) {
  const abs = Math.abs(ms);
  const m = Math.floor(abs / 60_000);
  const text = m >= 1440 ? `${Math.floor(m / 1440)}d ${Math.floor((m % 1440) / 60)}h` : m >= 60 ? `${Math.floor(m / 60)}h ${m % 60}m` : m >= 1 ? `${m}m` : `${Math.floor(abs / 1000)}s`;
  return ms >= 0 ? text : `${text} overdue`;
}

/** One chip per deadline still due; `tick()` keeps the text current. */
export function slaChips(sla) {
  if (!sla?.length) return el('span', { class: 'muted' }, 'all met');
  return el('span', { class: 'chips' }, sla.map((d) => el('span', { class: 'chip sla', dataset: { due: String(d.dueAt), kind: label(d.kind) } })));
}

export function tick(root = document) {
  for (const chip of root.querySelectorAll('[data-due]')) {
    const left = Number(chip.dataset.due) - serverNow();
    chip.textContent = `${chip.dataset.kind} ${formatLeft(left)}`;
    chip.classList.toggle('overdue', left < 0);
    chip.classList.toggle('soon', left >= 0 && left < 15 * 60_000);
  }
}
setInterval(() => tick(), 1000);

export function emotionBadges(emotion) {
  const out = [];
  if (emotion.anger !== null) out.push(el('span', { class: 'badge emo-anger', title: 'Anger intensity 0–10' }, `angry ${emotion.anger}`));
  if (emotion.anxiety !== null) out.push(el('span', { class: 'badge emo-anxiety', title: 'Anxiety intensity 0–10' }, `anxious ${emotion.anxiety}`));
  return out.length ? el('span', { class: 'chips' }, out) : el('span', { class: 'muted' }, 'calm');
}

/** Status names in words (each keeps the status's own name first, so agents and docs agree). */
export const STATUS_WORDS = {
  intake: 'Being filed', queued: 'Queued — waiting for an agent', claimed: 'Claimed', investigating: 'Investigating',
  resolution_proposed: 'Resolution proposed — waiting for the consumer', resolved: 'Resolved', closed: 'Closed',
  escalated: 'Escalated to supervisors', in_review: 'In review — the consumer rejected the proposal', reopened: 'Reopened',
  cancelled: 'Cancelled by the consumer',
};
export const statusWords = (status) => STATUS_WORDS[status] ?? label(status);
export const statusBadge = (status) => el('span', { class: `badge status status-${status}` }, statusWords(status));

/** An amount in the shop's currency (the page's data-currency, from CURRENCY), in the agent's number format. */
export function money(amount) {
  const currency = document.body.dataset.currency || 'USD';
  try {
    return new Intl.NumberFormat(document.documentElement.lang || undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount} ${currency}`;
  }
}
export const tierBadge = (tier) => el('span', { class: `badge tier tier-${tier}` }, tier);

export function showAlert(text, kind = 'info') {
  const box = document.getElementById('alerts');
  if (!box) return;
  const item = el('div', { class: `alert alert-${kind}` }, el('span', {}, text), el('button', { class: 'btn btn-ghost', type: 'button', 'aria-label': 'Dismiss' }, '×'));
  item.querySelector('button').addEventListener('click', () => item.remove());
  box.append(item);
  setTimeout(() => item.remove(), 15_000);
}

/**
 * The live stream: `onSync` after every (re)connect, `onCase` per change anywhere in the cluster, `onConsumerTyping`
 * ({complaintId, on}) when a consumer whose case this agent may watch types in their chat.
 */
export function connectLive({ onSync, onCase, onConsumerTyping }) {
  const status = document.getElementById('live-status');
  const set = (text, cls) => { if (status) { status.textContent = text; status.className = `live ${cls}`; } };
  const source = new EventSource('/console/events');
  source.addEventListener('hello', () => { set('Live', 'live-on'); onSync(); });
  source.addEventListener('case', (e) => onCase(JSON.parse(e.data)));
  if (onConsumerTyping) source.addEventListener('consumer_typing', (e) => onConsumerTyping(JSON.parse(e.data)));
  source.addEventListener('alert', (e) => showAlert(JSON.parse(e.data).alert.text, 'warn'));
  source.addEventListener('logout', () => location.assign('/console/login'));
  source.addEventListener('error', () => {
    set('Reconnecting…', 'live-off');
    // EventSource gives up for good on a non-200 (e.g. 401 after logout elsewhere): check and retry ourselves.
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => api('/me').then(() => connectLive({ onSync, onCase, onConsumerTyping }), () => undefined), 3000);
    }
  });
  return source;
}
