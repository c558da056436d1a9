import { api, connectLive, el, emotionBadges, formatTime, label, slaChips, statusBadge, tick, tierBadge } from './common.js';

const OPEN = new Set(['intake', 'queued', 'claimed', 'investigating', 'resolution_proposed', 'in_review', 'escalated', 'reopened']);
const body = document.getElementById('queue-body');
const summary = document.getElementById('queue-summary');
const state = { view: 'open', me: null, rows: new Map() };

function belongs(row) {
  if (state.view === 'resolved') return row.status === 'resolved' || row.status === 'closed';
  if (!OPEN.has(row.status)) return false;
  return state.view === 'open' || row.assigneeId === state.me?.id;
}

function rowFor(r) {
  const link = el('a', { href: `/console/cases/${encodeURIComponent(r.id)}`, class: 'case-link' }, r.id);
  return el('tr', { dataset: { id: r.id }, class: r.assigneeId === state.me?.id ? 'mine' : '' },
    el('th', { scope: 'row' }, link, el('div', { class: 'muted small' }, formatTime(r.createdAt), r.orderId ? ` · order ${r.orderId}` : '')),
    el('td', {}, el('span', { class: 'prio' }, String(r.priority)), ' ', tierBadge(r.tier)),
    el('td', {}, label(r.category)),
    el('td', {}, statusBadge(r.status)),
    el('td', {}, emotionBadges(r.emotion)),
    el('td', {}, slaChips(r.sla)),
    el('td', {}, r.assigneeName ?? el('span', { class: 'muted' }, 'unassigned')),
    el('td', { class: 'reasons-cell', title: r.reasons.join('\n') }, r.reasons.slice(0, 2).join('; '), r.reasons.length > 2 ? ` (+${r.reasons.length - 2})` : ''),
  );
}

function render(flashId) {
  const rows = [...state.rows.values()];
  if (state.view !== 'resolved') rows.sort((a, b) => b.priority - a.priority || a.createdAt - b.createdAt);
  else rows.sort((a, b) => b.updatedAt - a.updatedAt);
  body.replaceChildren(...rows.map(rowFor));
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: '8', class: 'empty' }, state.view === 'mine' ? 'Nothing assigned to you. Claim a case from Open.' : 'No cases here. New ones appear live.')));
  summary.textContent = `${rows.length} ${label(state.view)} case${rows.length === 1 ? '' : 's'}`;
  if (flashId) body.querySelector(`tr[data-id="${CSS.escape(flashId)}"]`)?.classList.add('flash');
  tick(body);
}

async function load() {
  const { rows } = await api(`/queue?view=${state.view}`);
  state.rows = new Map(rows.map((r) => [r.id, r]));
  render();
}

function onCase(msg) {
  const known = state.rows.get(msg.id);
  if (known && known.version > msg.row.version) return;
  if (belongs(msg.row)) state.rows.set(msg.id, msg.row);
  else state.rows.delete(msg.id);
  render(!known && belongs(msg.row) ? msg.id : undefined);
}

for (const tab of document.querySelectorAll('[data-view]')) {
  tab.addEventListener('click', () => {
    state.view = tab.dataset.view;
    for (const t of document.querySelectorAll('[data-view]')) t.setAttribute('aria-pressed', String(t === tab));
    load();
  });
}

api('/me').then(({ agent }) => {
  state.me = agent;
  connectLive({ onSync: load, onCase });
});
