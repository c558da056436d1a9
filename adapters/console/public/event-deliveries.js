// The case page's "Events sent to the platform" card: the newest deliveries of this case's outgoing events
// (src/events/), from GET /console/api/events/deliveries. Text only, through el() (no innerHTML).
import { api, el, formatTime, label } from './common.js';

const list = document.getElementById('event-deliveries');
const caseId = document.getElementById('main')?.dataset.caseId;

async function load() {
  if (!list || !caseId) return;
  try {
    const { enabled, deliveries } = await api(`/events/deliveries?complaintId=${encodeURIComponent(caseId)}&limit=20`);
    if (!enabled) return list.replaceChildren(el('li', { class: 'muted' }, 'Events are off (EVENTS_WEBHOOK_URL is not set).'));
    if (!deliveries.length) return list.replaceChildren(el('li', { class: 'muted' }, 'Nothing sent yet.'));
    list.replaceChildren(...deliveries.map((d) => el('li', { class: `delivery delivery-${d.outcome}` },
      el('strong', {}, label(d.outcome)), ' ', label(d.type.replace('complaint.', '')), ' · ',
      d.status ? `HTTP ${d.status}` : (d.error ?? ''), ` · attempt ${d.attempt} · ${formatTime(d.at)}`)));
  } catch (err) {
    list.replaceChildren(el('li', { class: 'muted' }, `Could not load the delivery log: ${err.message}`));
  }
}

load();
// A failing webhook retries for a while: keep the card current without a live channel of its own.
setInterval(load, 15_000);
