import { api, connectLive, el, emotionBadges, formatTime, label, slaChips, statusBadge, tick, tierBadge } from './common.js';

const main = document.getElementById('main');
const caseId = main.dataset.caseId;
const me = main.dataset.agentId;
const result = document.getElementById('action-result');
const $ = (id) => document.getElementById(id);

// Where each action may start (mirrors the core's state machine) so impossible buttons are disabled;
// the server still decides, and its refusal is shown as is.
const FROM = {
  claim: ['queued', 'in_review', 'escalated', 'reopened'],
  release: ['claimed', 'investigating'],
  investigate: ['claimed', 'resolution_proposed', 'in_review', 'escalated', 'reopened'],
  propose: ['claimed', 'investigating', 'in_review', 'escalated', 'reopened'],
  resolve: ['claimed', 'investigating', 'resolution_proposed', 'in_review', 'escalated', 'reopened'],
  escalate: ['queued', 'claimed', 'investigating', 'resolution_proposed', 'reopened'],
};
const DONE = {
  claim: 'You claimed this case: it is yours to the end.', release: 'Released back to the queue.', reply: 'Reply sent to the consumer.',
  note: 'Note added (agents only).', investigate: 'Marked as investigating.', propose: 'Proposal sent to the consumer.',
  resolve: 'Case resolved.', escalate: 'Escalated; supervisors have been alerted.', transfer: 'Case transferred.',
};

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function renderHead(c) {
  const owner = c.assigneeId === me ? 'You own this case' : c.assigneeName ? `Owned by ${c.assigneeName}` : 'Unclaimed: claim it to act';
  $('case-badges').replaceChildren(
    statusBadge(c.status), tierBadge(c.tier), el('span', { class: 'badge' }, `priority ${c.priority}`),
    el('span', { class: 'head-group' }, el('span', { class: 'head-label' }, 'Emotion'), emotionBadges(c.emotion)),
    el('span', { class: 'head-group' }, el('span', { class: 'head-label' }, 'SLA'), slaChips(c.sla)),
    el('span', { class: `owner ${c.assigneeId === me ? 'owner-me' : ''}` }, owner),
  );
  for (const b of document.querySelectorAll('button[data-op]')) b.disabled = !FROM[b.dataset.op].includes(c.status);
  for (const f of document.querySelectorAll('form[data-op="propose"], form[data-op="escalate"]')) {
    f.querySelector('button[type="submit"]').disabled = !FROM[f.dataset.op].includes(c.status);
  }
  const p = c.proposal;
  $('current-proposal').replaceChildren(p ? el('p', { class: 'proposal' }, el('strong', {}, `Current proposal: ${label(p.resolution)}${p.amount ? ` ${p.amount}` : ''}`), ` · ${p.text}`) : '');
}

function renderConversation(entries) {
  $('conversation').replaceChildren(...entries.map((m) => el('li', { class: `msg msg-${m.from}` },
    el('div', { class: 'msg-meta' }, el('strong', {}, m.who), ' · ', formatTime(m.at)), el('p', { class: 'msg-text' }, m.text))));
}

function renderSide(data) {
  const c = data.case;
  facts($('details'), [
    ['Category', label(c.category)], ['Order', c.orderId], ['Merchant', c.merchantId], ['Product', c.productId], ['Channel', c.channel],
    ['Wants', label(c.desiredResolution)], ['Language', c.locale], ['Filed', formatTime(c.createdAt)], ['Updated', formatTime(c.updatedAt)],
    ['Emotion trend', c.triage.emotionTrend ? `${c.triage.emotionTrend.trend} (peak anger ${c.triage.emotionTrend.peakAnger}, anxiety ${c.triage.emotionTrend.peakAnxiety})` : null],
    ['Anger', `${c.triage.emotion.anger.intensity}/10${c.triage.emotion.anger.flagged ? ' (flagged)' : ''}`],
    ['Anxiety', `${c.triage.emotion.anxiety.intensity}/10${c.triage.emotion.anxiety.flagged ? ' (flagged)' : ''}`],
    ['Emotion cues', (c.triage.emotion.cues ?? []).slice(0, 12).join(', ') || null],
  ]);
  $('reasons').replaceChildren(...c.reasons.map((r) => el('li', {}, r)));
  $('evidence').replaceChildren(...(c.evidence.length ? c.evidence.map((e) => el('li', {}, e.url ? el('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank' }, e.name ?? e.kind) : (e.name ?? e.kind))) : [el('li', { class: 'muted' }, 'none')]));
  const p = data.history.profile;
  const counts = (o) => Object.entries(o ?? {}).map(([k, v]) => `${label(k)} ×${v}`).join(', ') || null;
  facts($('profile'), [['Cases filed', p ? String(p.complaintIds.length) : '1'], ['Asked for', counts(p?.cares)], ['Outcomes', counts(p?.outcomes)], ['Last contact', p ? formatTime(p.lastContactAt) : null]]);
  const past = data.history.pastCases;
  $('past-cases').replaceChildren(...(past.length ? past.map((x) => el('li', {}, el('a', { href: `/console/cases/${encodeURIComponent(x.id)}` }, x.id), ` · ${label(x.category)} · `, statusBadge(x.status))) : [el('li', { class: 'muted' }, 'No earlier cases')]));
  $('timeline').replaceChildren(...data.timeline.map((t) => el('li', { class: t.internal ? 'internal' : '' },
    el('time', { datetime: new Date(t.at).toISOString() }, formatTime(t.at)), el('span', { class: 'who' }, t.who), el('span', { class: 'what' }, t.summary))));
}

async function load() {
  try {
    const data = await api(`/cases/${encodeURIComponent(caseId)}`);
    renderHead(data.case);
    renderConversation(data.conversation);
    renderSide(data);
    $('case-root')?.removeAttribute('aria-busy');
    tick();
  } catch (err) {
    say(err.message, 'error');
  }
}

function say(text, kind) {
  result.textContent = text;
  result.className = `action-result ${kind}`;
}

async function run(op, body, control) {
  control.disabled = true;
  try {
    await api(`/cases/${encodeURIComponent(caseId)}/${op}`, { method: 'POST', body });
    say(DONE[op] ?? 'Done.', 'ok');
    return true;
  } catch (err) {
    say(err.message, 'error');
    return false;
  } finally {
    control.disabled = false;
    await load();
  }
}

for (const b of document.querySelectorAll('button[data-op]')) b.addEventListener('click', () => run(b.dataset.op, {}, b));
for (const f of document.querySelectorAll('form[data-op]')) {
  f.addEventListener('submit', async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(new FormData(f));
    if ('amount' in body) body.amount = Number(body.amount || 0);
    if (await run(f.dataset.op, body, f.querySelector('button[type="submit"]'))) f.reset();
  });
}

const transferTo = $('transfer-to');
if (transferTo) {
  api('/agents').then(({ agents }) => transferTo.replaceChildren(...agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.role})`))));
}

let pending;
connectLive({
  onSync: load,
  onCase: (msg) => {
    if (msg.id !== caseId) return;
    clearTimeout(pending);
    pending = setTimeout(load, 100);
  },
});
