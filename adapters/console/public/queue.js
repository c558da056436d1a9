import { api, connectLive, el, emotionBadges, formatTime, label, slaChips, statusBadge, tick, tierBadge } from './common.js';
import { Notifier } from './notify.js';

const body = document.getElementById('queue-body');
const summary = document.getElementById('queue-summary');
const filters = document.getElementById('queue-filters');
const prev = document.getElementById('page-prev');
const next = document.getElementById('page-next');
const help = document.getElementById('shortcut-help');
const PAGE = 50;
// `cursors[i]` starts page i+1; the server pages with a cursor, so earlier pages are remembered here.
const state = { view: 'open', me: null, cursors: [''], next: null, rows: [], selected: 0 };
const notifier = new Notifier();

function query() {
  const p = new URLSearchParams({ view: state.view, limit: String(PAGE) });
  for (const [k, v] of new FormData(filters)) if (v) p.set(k, String(v));
  const cursor = state.cursors.at(-1);
  if (cursor) p.set('cursor', cursor);
  return p.toString();
}

function why(r) {
  const items = (r.why ?? r.reasons.map((x) => ({ text: label(x), raw: x }))).slice(0, 3);
  const cues = r.cues?.text?.length ? el('div', { class: 'muted small' }, `Cues: ${r.cues.text.slice(0, 3).join(', ')}`) : null;
  const raw = [...(r.why ?? []).map((w) => w.raw), ...(r.cues?.raw ?? [])];
  return el('td', { class: 'reasons-cell' }, el('ul', { class: 'plain' }, items.map((w) => el('li', {}, w.text))), cues,
    raw.length ? el('details', { class: 'raw' }, el('summary', {}, 'Rule details'), el('ul', { class: 'plain mono' }, raw.map((x) => el('li', {}, x)))) : null);
}

function rowFor(r, i) {
  const link = el('a', { href: `/console/cases/${encodeURIComponent(r.id)}`, class: 'case-link' }, r.id);
  const last = r.last ? el('div', { class: 'preview' }, el('span', { class: 'muted' }, r.last.from === 'agent' ? 'Agent: ' : 'Consumer: '), r.last.text) : null;
  const flags = [r.waitingForConsumer ? el('span', { class: 'badge' }, 'waiting for consumer') : null, r.breached?.length ? el('span', { class: 'badge overdue' }, 'deadline missed') : null];
  return el('tr', { dataset: { id: r.id, index: String(i) }, class: `${r.assigneeId === state.me?.id ? 'mine' : ''} ${i === state.selected ? 'selected' : ''}`, 'aria-selected': String(i === state.selected) },
    el('th', { scope: 'row' }, link, el('div', { class: 'muted small' }, formatTime(r.createdAt), r.orderId ? ` · order ${r.orderId}` : '')),
    el('td', { class: 'consumer-cell' }, el('strong', {}, r.consumerName ?? 'Consumer'), ' ', el('span', { class: 'muted small' }, label(r.channel)), last),
    el('td', {}, el('span', { class: 'prio' }, String(r.priority)), ' ', tierBadge(r.tier)),
    el('td', {}, label(r.category)),
    el('td', {}, statusBadge(r.status), ...flags),
    el('td', {}, emotionBadges(r.emotion)),
    el('td', {}, slaChips(r.sla)),
    el('td', {}, r.assigneeName ?? el('span', { class: 'muted' }, 'unassigned')),
    why(r),
  );
}

function render(total) {
  body.replaceChildren(...state.rows.map(rowFor));
  if (!state.rows.length) body.append(el('tr', {}, el('td', { colspan: '9', class: 'empty' }, state.view === 'mine' ? 'Nothing assigned to you. Claim a case from Open.' : 'No cases match. New ones appear live.')));
  const first = (state.cursors.length - 1) * PAGE + 1;
  summary.textContent = total ? `${first}–${first + state.rows.length - 1} of ${total.toLocaleString('en')} ${label(state.view)} case${total === 1 ? '' : 's'}` : `0 ${label(state.view)} cases`;
  prev.disabled = state.cursors.length <= 1;
  next.disabled = !state.next;
  tick(body);
}

async function load() {
  const res = await api(`/queue?${query()}`);
  state.rows = res.rows;
  state.next = res.next ?? null;
  state.selected = Math.min(state.selected, Math.max(0, state.rows.length - 1));
  render(res.total ?? res.rows.length);
}

function restart() {
  state.cursors = [''];
  state.selected = 0;
  load();
}

// Pages are read from the server's index: a change anywhere reloads this page (once per burst of changes).
let reload;
function onCase(msg) {
  notifier.onCase(msg, state.me);
  clearTimeout(reload);
  reload = setTimeout(load, 250);
}

for (const tab of document.querySelectorAll('[data-view]')) {
  tab.addEventListener('click', () => {
    state.view = tab.dataset.view;
    for (const t of document.querySelectorAll('[data-view]')) t.setAttribute('aria-pressed', String(t === tab));
    restart();
  });
}
let typing;
filters.addEventListener('input', (e) => {
  clearTimeout(typing);
  typing = setTimeout(restart, e.target.type === 'search' ? 250 : 0);
});
filters.addEventListener('submit', (e) => { e.preventDefault(); restart(); });
next.addEventListener('click', () => { if (state.next) { state.cursors.push(state.next); state.selected = 0; load(); } });
prev.addEventListener('click', () => { if (state.cursors.length > 1) { state.cursors.pop(); state.selected = 0; load(); } });
document.getElementById('shortcut-help-open').addEventListener('click', () => help.showModal());

function select(i) {
  if (!state.rows.length) return;
  state.selected = Math.max(0, Math.min(state.rows.length - 1, i));
  for (const tr of body.querySelectorAll('tr[data-index]')) {
    const on = Number(tr.dataset.index) === state.selected;
    tr.classList.toggle('selected', on);
    tr.setAttribute('aria-selected', String(on));
    if (on) tr.scrollIntoView({ block: 'nearest' });
  }
}

const open = (row, hash = '') => location.assign(`/console/cases/${encodeURIComponent(row.id)}${hash}`);
async function claim(row) {
  try {
    await api(`/cases/${encodeURIComponent(row.id)}/claim`, { method: 'POST' });
    notifier.say(`You claimed ${row.id}.`);
  } catch (err) {
    notifier.say(err.message);
  }
  await load();
}

// j/k/Enter/c/r/? and / — not while typing in a field, and not with a modifier (browser shortcuts keep working).
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || help.open) return;
  if (e.target.closest?.('input, textarea, select, [contenteditable]')) {
    if (e.key === 'Escape') e.target.blur();
    return;
  }
  const row = state.rows[state.selected];
  const keys = {
    j: () => select(state.selected + 1), k: () => select(state.selected - 1), '?': () => help.showModal(),
    '/': () => document.getElementById('queue-search').focus(),
    Enter: () => row && open(row), c: () => row && claim(row), r: () => row && open(row, '#reply'),
  };
  const run = keys[e.key];
  if (!run) return;
  e.preventDefault();
  run();
});

api('/me').then(({ agent }) => {
  state.me = agent;
  connectLive({ onSync: load, onCase });
});
