import { api, connectLive, el, emotionBadges, formatTime, label, money, slaChips, statusBadge, statusWords, tick, tierBadge } from './common.js';

const main = document.getElementById('main');
const caseId = main.dataset.caseId;
const me = main.dataset.agentId;
const result = document.getElementById('action-result');
const $ = (id) => document.getElementById(id);
/** The consumer's name as their channel gave it, once the case is loaded. */
let consumerName = null;

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
  askMerchant: 'Merchant asked: pass the link below on to them. The consumer has been told when to expect an answer.',
  shareMerchantAnswer: 'The merchant\'s answer was sent to the consumer.',
};

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(([, v]) => v !== null && v !== undefined && v !== '').flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

// The head is redrawn on every change and its SLA chips tick each second, so it is not a live region: a change of
// status or owner is said once in #case-live instead.
let spoken = null;
function announce(c) {
  const owner = c.assigneeId === me ? 'owned by you' : c.assigneeName ? `owned by ${c.assigneeName}` : 'unclaimed';
  const now = `Case now ${statusWords(c.status).toLowerCase()}, ${owner}.`;
  if (spoken !== null && spoken !== now) $('case-live').textContent = now;
  spoken = now;
}

function renderHead(c) {
  const owner = c.assigneeId === me ? 'You own this case' : c.assigneeName ? `Owned by ${c.assigneeName}` : 'Unclaimed: claim it to act';
  $('case-badges').replaceChildren(
    statusBadge(c.status), tierBadge(c.tier), el('span', { class: 'badge' }, `priority ${c.priority}`),
    el('span', { class: 'head-group' }, el('span', { class: 'head-label' }, 'Emotion'), emotionBadges(c.emotion)),
    el('span', { class: 'head-group' }, el('span', { class: 'head-label' }, 'SLA'), slaChips(c.sla)),
    el('span', { class: `owner ${c.assigneeId === me ? 'owner-me' : ''}` }, owner),
  );
  announce(c);
  for (const b of document.querySelectorAll('button[data-op]')) b.disabled = !FROM[b.dataset.op].includes(c.status);
  for (const f of document.querySelectorAll('form[data-op="propose"], form[data-op="escalate"]')) {
    f.querySelector('button[type="submit"]').disabled = !FROM[f.dataset.op].includes(c.status);
  }
  const p = c.proposal;
  $('current-proposal').replaceChildren(p ? el('p', { class: 'proposal' }, el('strong', {}, `Current proposal: ${label(p.resolution)}${p.amount ? ` ${money(p.amount)}` : ''}`), ` · ${p.text}`) : '');
}

function renderConversation(entries) {
  $('conversation').replaceChildren(...entries.map((m) => el('li', { class: `msg msg-${m.from}` },
    el('div', { class: 'msg-meta' }, el('strong', {}, m.who), ' · ', formatTime(m.at)), el('p', { class: 'msg-text' }, m.text))));
}

function renderSide(data) {
  const c = data.case;
  facts($('details'), [
    ['Consumer', c.consumerName], ['Category', label(c.category)], ['Order', c.orderId], ['Merchant', c.merchantId], ['Product', c.productId], ['Channel', c.channel],
    ['Wants', label(c.desiredResolution)], ['Language', c.locale], ['Filed', formatTime(c.createdAt)], ['Updated', formatTime(c.updatedAt)],
    ['Emotion trend', c.triage.emotionTrend ? `${c.triage.emotionTrend.trend} (peak anger ${c.triage.emotionTrend.peakAnger}, anxiety ${c.triage.emotionTrend.peakAnxiety})` : null],
    ['Anger', `${c.triage.emotion.anger.intensity}/10${c.triage.emotion.anger.flagged ? ' (flagged)' : ''}`],
    ['Anxiety', `${c.triage.emotion.anxiety.intensity}/10${c.triage.emotion.anxiety.flagged ? ' (flagged)' : ''}`],
    ['Emotion cues', data.cues?.text?.length ? data.cues.text.slice(0, 6).join(', ') : null],
  ]);
  // Plain words first; the rules' own wording and the raw cue ids stay one click away.
  const raw = [...(data.why ?? []).map((w) => w.raw), ...(data.cues?.raw ?? [])];
  $('reasons').replaceChildren(...(data.why ?? c.reasons.map((r) => ({ text: r }))).map((w) => el('li', {}, w.text)),
    raw.length ? el('li', {}, el('details', { class: 'raw' }, el('summary', {}, 'Rule details'), el('ul', { class: 'plain mono' }, raw.map((x) => el('li', {}, x))))) : '');
  renderEvidence(c.evidence);
  const p = data.history.profile;
  const counts = (o) => Object.entries(o ?? {}).map(([k, v]) => `${label(k)} ×${v}`).join(', ') || null;
  facts($('profile'), [['Cases filed', p ? String(p.complaintIds.length) : '1'], ['Asked for', counts(p?.cares)], ['Outcomes', counts(p?.outcomes)], ['Last contact', p ? formatTime(p.lastContactAt) : null]]);
  const past = data.history.pastCases;
  $('past-cases').replaceChildren(...(past.length ? past.map((x) => el('li', {}, el('a', { href: `/console/cases/${encodeURIComponent(x.id)}` }, x.id), ` · ${label(x.category)} · `, statusBadge(x.status))) : [el('li', { class: 'muted' }, 'No earlier cases')]));
  $('timeline').replaceChildren(...data.timeline.map((t) => el('li', { class: t.internal ? 'internal' : '' },
    el('time', { datetime: new Date(t.at).toISOString() }, formatTime(t.at)), el('span', { class: 'who' }, t.who), el('span', { class: 'what' }, t.summary))));
}

// Each request: the question and deadline, the link to pass on while it is open, then the answer and its files.
function renderMerchant(m) {
  const requests = m?.requests ?? [];
  const item = (r) => {
    const late = r.lateAt && r.status === 'open' ? el('span', { class: 'badge badge-danger' }, 'late') : '';
    const parts = [el('p', {}, el('strong', {}, r.question)),
      el('p', { class: 'muted small' }, `Asked by ${r.askedBy} · due ${formatTime(r.dueAt)} · `, r.status === 'answered' ? 'answered' : 'waiting', ' ', late)];
    if (r.link) {
      const id = `merchant-link-${r.id.replace(/[^\w-]/g, '_')}`;
      parts.push(el('label', { for: id }, 'Link for the merchant'), el('input', { id, class: 'merchant-link mono', readonly: '', value: r.link }));
    } else if (r.status === 'open' && !m.linksOn) {
      parts.push(el('p', { class: 'muted small' }, 'No link: MERCHANT_LINK_SECRET is not set. The platform can answer through the API.'));
    }
    if (r.answer) {
      const files = r.answer.files.map((f) => (f.url
        ? el('li', {}, el('a', { href: f.url, target: '_blank', rel: 'noopener noreferrer' }, `${f.name} (${f.mimeType}, ${Math.ceil(f.sizeBytes / 1024)} KB)`))
        : el('li', { class: 'muted' }, `${f.name}: removed after ${f.removedAfterDays} days`)));
      parts.push(el('div', { class: 'merchant-answer internal' },
        el('p', { class: 'muted small' }, `Merchant's answer, ${formatTime(r.answer.at)}${r.answer.via === 'api' ? ' (via the platform)' : ''} · agents only${r.sharedAt ? ' · shared with the consumer' : ''}`),
        el('p', { class: 'msg-text' }, r.answer.text), files.length ? el('ul', { class: 'plain' }, files) : ''));
      if (!r.sharedAt) {
        const share = el('button', { type: 'button', class: 'btn' }, 'Share the answer with the consumer');
        share.addEventListener('click', () => run('shareMerchantAnswer', { requestId: r.id }, share));
        parts.push(share);
      }
    }
    return el('li', { class: 'merchant-request' }, ...parts);
  };
  $('merchant-requests').replaceChildren(...(requests.length ? requests.map(item) : [el('li', { class: 'muted' }, 'Nothing asked of the merchant yet.')]));
}

const INLINE = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];

// Our own files come from /console/evidence/… (same origin, session cookie); a photo opens full size in the dialog.
function renderEvidence(items) {
  const n = items.length;
  const what = (e, i) => `${e.kind === 'image' ? 'Photo' : 'File'} ${i + 1} of ${n} from the consumer${e.name ? ` (${e.name})` : ''}`;
  const item = (e, i) => {
    if (e.removedAfterDays !== null && e.removedAfterDays !== undefined) return el('li', { class: 'muted' }, `${what(e, i)}: removed after ${e.removedAfterDays} days`);
    if (!e.url) return el('li', { class: 'muted' }, `${what(e, i)}: not stored`);
    const own = e.url.startsWith('/console/evidence/');
    if (own && e.kind === 'image' && (!e.mimeType || INLINE.includes(e.mimeType))) {
      const thumb = el('button', { type: 'button', class: 'evidence-thumb', 'aria-haspopup': 'dialog', title: `${what(e, i)}: view full size` },
        el('img', { src: e.url, alt: what(e, i), width: 96, height: 96, loading: 'lazy' }));
      thumb.addEventListener('click', () => openEvidence(e.url, what(e, i), thumb));
      return el('li', {}, thumb);
    }
    return el('li', {}, el('a', { href: e.url, rel: 'noopener noreferrer', target: '_blank', ...(own ? { download: '' } : {}) }, `${what(e, i)}: ${own ? 'download' : 'open'}`));
  };
  $('evidence').replaceChildren(...(n ? items.map(item) : [el('li', { class: 'muted' }, 'none')]));
}

const dialog = $('evidence-dialog');
let opener = null;
function openEvidence(url, alt, from) {
  opener = from;
  $('evidence-dialog-title').textContent = alt;
  const img = $('evidence-full');
  img.src = url;
  img.alt = alt;
  $('evidence-open').href = url;
  dialog.showModal();
  $('evidence-close').focus();
}
$('evidence-close').addEventListener('click', () => dialog.close());
// A click on the backdrop (outside the dialog's box) closes it too.
dialog.addEventListener('click', (e) => { if (e.target === dialog) dialog.close(); });
// Focus goes back to the thumbnail (a live update may have redrawn it meanwhile: then to its replacement).
dialog.addEventListener('close', () => {
  const url = $('evidence-open').getAttribute('href');
  const back = opener?.isConnected ? opener : document.querySelector(`.evidence-thumb img[src="${CSS.escape(url)}"]`)?.parentElement;
  back?.focus();
  opener = null;
});

async function load() {
  try {
    const data = await api(`/cases/${encodeURIComponent(caseId)}`);
    consumerName = data.case.consumerName;
    renderHead(data.case);
    renderConversation(data.conversation);
    renderSide(data);
    renderMerchant(data.merchant);
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
    // Sent as typed (the server parses amounts strictly); an empty field means no payment.
    if (body.amount === '') delete body.amount;
    if (await run(f.dataset.op, body, f.querySelector('button[type="submit"]'))) f.reset();
  });
}

const transferTo = $('transfer-to');
if (transferTo) {
  api('/agents').then(({ agents }) => transferTo.replaceChildren(...agents.map((a) => el('option', { value: a.id }, `${a.name} (${a.role})`))));
}

// c claims, r goes to the reply box (also when the queue's r brought us here with #reply); ? lists them.
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || e.target.closest?.('input, textarea, select, [contenteditable], #reply-picker')) return;
  const claimButton = document.querySelector('button[data-op="claim"]');
  if (e.key === 'c' && claimButton && !claimButton.disabled) { e.preventDefault(); claimButton.click(); }
  if (e.key === 'r') { e.preventDefault(); $('reply-text').focus(); }
});
if (location.hash === '#reply') $('reply-text').focus();

// Canned replies: `/` in the empty reply box lists this case's suggestions (variables filled by the server);
// arrows move, Enter or a click inserts, Escape closes. The side card shows the matching articles.
const replyBox = $('reply-text');
const picker = $('reply-picker');
let suggestions = { articles: [], replies: [] };
async function loadSuggestions() {
  suggestions = await api(`/cases/${encodeURIComponent(caseId)}/suggestions`);
  $('kb-articles').replaceChildren(...(suggestions.articles.length ? suggestions.articles.map((a) =>
    el('li', {}, el('details', {}, el('summary', {}, a.title.en), el('p', {}, a.body.en), el('p', { lang: 'zh', class: 'muted' }, a.body.zh)))) : [el('li', { class: 'muted' }, 'No article for this category yet.')]));
}
function closePicker() {
  picker.hidden = true;
  replyBox.focus();
}
function insert(reply) {
  replyBox.value = reply.filled;
  closePicker();
  // A canned reply is typing too: the consumer sees the agent at work.
  replyBox.dispatchEvent(new Event('input'));
}
function openPicker() {
  picker.replaceChildren(...suggestions.replies.map((r) => {
    const option = el('button', { type: 'button', role: 'option', class: 'picker-option' }, el('strong', {}, r.title.en), el('span', { class: 'muted small' }, r.filled));
    option.addEventListener('click', () => insert(r));
    return option;
  }));
  // A listbox holds options only: the empty case is one disabled option, not a paragraph (axe: aria-required-children).
  if (!suggestions.replies.length) picker.append(el('p', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'No canned replies for this case.'));
  picker.hidden = false;
  picker.querySelector('button')?.focus();
}
replyBox.addEventListener('keydown', (e) => {
  if (e.key === '/' && !replyBox.value.trim()) { e.preventDefault(); openPicker(); }
});
picker.addEventListener('keydown', (e) => {
  const options = [...picker.querySelectorAll('button')];
  const at = options.indexOf(document.activeElement);
  if (e.key === 'Escape') { e.preventDefault(); e.stopPropagation(); closePicker(); }
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    options[(at + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length]?.focus();
  }
});
loadSuggestions().catch(() => undefined);

// "Ling is typing…" in the consumer's widget: a start at most every 3 s while keys are pressed, a stop when the box
// is emptied, the reply is sent or after 6 s without a key. Best effort: a refusal (not the owner) is not shown.
const TYPING_EVERY_MS = 3000;
const TYPING_IDLE_MS = 6000;
let typingSentAt = 0;
let typingIdle;
function typing(on) {
  api(`/cases/${encodeURIComponent(caseId)}/typing`, { method: 'POST', body: { on } }).catch(() => undefined);
}
function stopTyping() {
  clearTimeout(typingIdle);
  if (!typingSentAt) return;
  typingSentAt = 0;
  typing(false);
}
replyBox.addEventListener('input', () => {
  if (!replyBox.value.trim()) return stopTyping();
  clearTimeout(typingIdle);
  typingIdle = setTimeout(stopTyping, TYPING_IDLE_MS);
  if (Date.now() - typingSentAt < TYPING_EVERY_MS) return;
  typingSentAt = Date.now();
  typing(true);
});
$('reply-form').addEventListener('submit', stopTyping);

// "Zelda is typing…": the consumer at work in their chat (sent to the owner and supervisors only: the server decides).
// Hidden on their stop, on their message, and 8 s after the last start (the widget refreshes it every 3 s).
let consumerTypingHide;
function showConsumerTyping(on) {
  const line = $('consumer-typing');
  clearTimeout(consumerTypingHide);
  line.hidden = !on;
  if (!on) return;
  line.textContent = `${consumerName ?? 'The customer'} is typing…`;
  consumerTypingHide = setTimeout(() => { line.hidden = true; }, 8000);
}

let pending;
connectLive({
  onSync: load,
  onCase: (msg) => {
    if (msg.id !== caseId) return;
    if (msg.eventTypes.includes('consumer_message')) showConsumerTyping(false);
    clearTimeout(pending);
    pending = setTimeout(load, 100);
  },
  onConsumerTyping: (msg) => { if (msg.complaintId === caseId) showConsumerTyping(msg.on); },
});
