// The reports page: asks /console/api/reports for a period and renders it. All text goes in via el()/textContent.
import { api, connectLive, el, formatLeft, formatTime, label } from './common.js';

const $ = (id) => document.getElementById(id);
const form = $('period-form');
const fromInput = $('period-from');
const toInput = $('period-to');
const DASH = '—';
const DAY_MS = 86_400_000;

const pct = (x) => (x === null || x === undefined ? DASH : `${Math.round(x * 1000) / 10}%`);
const dur = (ms) => (ms === null || ms === undefined ? DASH : formatLeft(ms));
const stars = (x) => (x === null || x === undefined ? DASH : `${x.toFixed(2)} / 5`);
const num = (v) => el('td', { class: 'num' }, v);

/** A share as a small bar; width through the CSSOM, which the console's CSP allows (style attributes it does not). */
function bar(share) {
  const b = el('span', { class: 'bar', 'aria-hidden': 'true' });
  b.style.width = `${Math.round(share * 80)}px`;
  return b;
}

function setTile(id, value, note, tone) {
  const t = $(`tile-${id}`);
  t.querySelector('[data-value]').textContent = value;
  t.querySelector('[data-note]').textContent = note;
  t.classList.toggle('good', tone === 'good');
  t.classList.toggle('bad', tone === 'bad');
}

function fill(id, rows, cols, empty = 'Nothing in this period.') {
  const body = $(`${id}-body`);
  body.replaceChildren(...rows);
  if (!rows.length) body.append(el('tr', {}, el('td', { colspan: String(cols), class: 'empty' }, empty)));
}

function renderTiles(r) {
  const s = r.summary;
  const met = r.sla.reduce((n, k) => n + k.metOnTime, 0);
  const decided = r.sla.reduce((n, k) => n + k.metOnTime + k.metLate + k.breached, 0);
  setTile('cases', String(s.cases), `${s.open} still open`);
  setTile('sla', pct(s.slaCompliance), `${met} of ${decided} deadlines met on time`, s.slaCompliance === null ? '' : s.slaCompliance >= 0.9 ? 'good' : s.slaCompliance < 0.7 ? 'bad' : '');
  setTile('first-response', dur(s.firstResponseP50), `p90 ${dur(r.firstResponse.p90)} · ${r.firstResponse.count} answered`);
  setTile('rating', stars(s.averageRating), `${r.satisfaction.rated} rating${r.satisfaction.rated === 1 ? '' : 's'}`);
  setTile('reopen', pct(s.reopenRate), `${r.reopen.reopened} of ${r.reopen.resolved} resolved`, s.reopenRate > 0.1 ? 'bad' : '');
}

function renderTables(r) {
  fill('sla', r.sla.map((k) => el('tr', {}, el('th', { scope: 'row' }, label(k.kind)), num(k.metOnTime), num(k.metLate), num(k.breached), num(k.pending), num(pct(k.compliance)))), 6);
  fill('times', [['First response', r.firstResponse], ['Resolve', r.resolve]].map(([name, d]) => el('tr', {}, el('th', { scope: 'row' }, name), num(d.count), num(dur(d.p50)), num(dur(d.p90)))), 4);
  const total = r.summary.cases || 1;
  fill('categories', r.byCategory.filter((c) => c.count > 0).map((c) => el('tr', {}, el('th', { scope: 'row' }, label(c.key)), el('td', {}, label(c.group)),
    num(c.count), el('td', { class: 'num' }, bar(c.count / total), pct(c.count / total)))), 4);
  fill('groups', r.groups.map((g) => el('tr', {}, el('th', { scope: 'row' }, label(g.group)), num(g.cases), num(dur(g.firstResponseP50)), num(dur(g.resolveP50)), num(stars(g.averageRating)), num(pct(g.reopenRate)))), 6);
  fill('agents', r.agents.map((a) => el('tr', {}, el('th', { scope: 'row' }, a.name), num(a.claimed), num(dur(a.firstResponseP50)), num(a.resolved), num(a.rated ? `${stars(a.averageRating)} (${a.rated})` : DASH))), 5, 'No agent worked on these cases yet.');
  const rated = r.satisfaction.rated || 1;
  fill('satisfaction', [5, 4, 3, 2, 1].map((n) => el('tr', {}, el('th', { scope: 'row' }, `${n} ★`), num(r.satisfaction.distribution[n - 1]), el('td', { class: 'num' }, bar(r.satisfaction.distribution[n - 1] / rated), pct(r.satisfaction.rated ? r.satisfaction.distribution[n - 1] / rated : null)))), 3);
  fill('breakdown', [...r.byTier.map((t) => ['Tier', t.key, t.count]), ...r.byStatus.map((t) => ['Status', label(t.key), t.count])]
    .map(([kind, value, n]) => el('tr', {}, el('th', { scope: 'row' }, kind), el('td', {}, value), num(n))), 3);
  renderSurges(r.surges);
}

function renderSurges(s) {
  const rows = [
    ...s.topMerchants.map((m) => ['Merchant', m.key, m.count]),
    ...(s.merchantCaused ?? []).map((m) => ['Merchant-caused', m.key, m.count]),
    ...s.topProducts.map((p) => ['Product', p.key, p.count]),
    ...s.topCategories.map((c) => ['Category', label(c.key), c.count]),
  ].map(([what, which, n]) => el('tr', {}, el('th', { scope: 'row' }, what), el('td', {}, which), num(n)));
  if (s.groupComplaints.count) rows.push(el('tr', { class: 'group' }, el('th', { scope: 'row' }, 'Group complaint'), el('td', {}, s.groupComplaints.ids.join(', ')), num(s.groupComplaints.count)));
  fill('surges', rows, 3);
  fill('alerts', s.alerts.map((a) => el('tr', {}, el('td', {}, formatTime(a.at)), el('td', {}, label(a.kind)),
    el('td', {}, a.complaintId ? el('a', { href: `/console/cases/${encodeURIComponent(a.complaintId)}` }, a.text) : a.text))), 3, 'No alerts in this period.');
}

function showError(message) {
  const box = $('report-error');
  box.textContent = message ?? '';
  box.hidden = !message;
}

async function load() {
  const q = new URLSearchParams();
  if (fromInput.value) q.set('from', fromInput.value);
  if (toInput.value) q.set('to', toInput.value);
  $('report-period').textContent = 'Loading…';
  try {
    const r = await api(`/reports?${q}`);
    showError(null);
    fromInput.value = r.period.fromDate;
    toInput.value = r.period.toDate;
    history.replaceState(null, '', `/console/reports?from=${r.period.fromDate}&to=${r.period.toDate}`);
    $('report-period').textContent = `${r.period.fromDate} to ${r.period.toDate} (UTC, ${r.period.days} day${r.period.days === 1 ? '' : 's'})${r.truncated ? ' · too many cases: only the first 10,000 are counted' : ''}`;
    renderTiles(r);
    renderTables(r);
    scrollableByKeyboard();
  } catch (err) {
    $('report-period').textContent = '';
    showError(err.message);
  }
}

// A table wider than its card scrolls sideways: only then is it a tab stop (arrow keys scroll it), named by its heading.
function scrollableByKeyboard() {
  for (const box of document.querySelectorAll('.report-table')) {
    const scrolls = box.scrollWidth > box.clientWidth;
    for (const [k, v] of Object.entries({ tabindex: '0', role: 'group', 'aria-labelledby': box.dataset.labelledby })) {
      if (scrolls) box.setAttribute(k, v);
      else box.removeAttribute(k);
    }
  }
}
new ResizeObserver(scrollableByKeyboard).observe(document.getElementById('main'));

form.addEventListener('submit', (e) => { e.preventDefault(); load(); });
for (const b of document.querySelectorAll('[data-days]')) {
  b.addEventListener('click', () => {
    const to = toInput.value ? Date.parse(`${toInput.value}T00:00:00Z`) : Date.now();
    toInput.value = new Date(to).toISOString().slice(0, 10);
    fromInput.value = new Date(to - (Number(b.dataset.days) - 1) * DAY_MS).toISOString().slice(0, 10);
    load();
  });
}

const params = new URLSearchParams(location.search);
fromInput.value = params.get('from') ?? '';
toInput.value = params.get('to') ?? '';
load();
// Live status and alert toasts, as on the other pages; the report itself is reloaded on demand.
connectLive({ onSync: () => undefined, onCase: () => undefined });
