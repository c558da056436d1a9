/** The case page: a static skeleton of labelled forms; case.js fills the data and wires the buttons. */
import type { Agent } from '../../src/complaints/complaint.types.js';
import { RESOLUTIONS } from '../../src/triage/triage.types.js';
import { escapeHtml, header, shell } from './console-page.html.js';

const resolutionOptions = RESOLUTIONS.map((r) => `<option value="${r}">${r}</option>`).join('');

const actions = `<section class="card actions" aria-labelledby="actions-h">
  <h2 id="actions-h">Actions</h2>
  <div class="action-row">
    <button class="btn btn-primary" data-op="claim" type="button">Claim</button>
    <button class="btn" data-op="investigate" type="button">Mark investigating</button>
    <button class="btn" data-op="resolve" type="button">Resolve</button>
    <button class="btn btn-ghost" data-op="release" type="button">Release</button>
  </div>
  <p id="action-result" class="action-result" role="status" aria-live="polite"></p>
</section>`;

const conversation = `<section class="card" aria-labelledby="conv-h">
  <h2 id="conv-h">Conversation</h2>
  <ol id="conversation" class="conversation"></ol>
  <p id="consumer-typing" class="muted small consumer-typing" hidden></p>
  <form id="reply-form" class="stack" data-op="reply">
    <label for="reply-text">Reply to consumer</label>
    <textarea id="reply-text" name="text" rows="3" required maxlength="4000" placeholder="Acknowledge, explain what happens next and when (type / for a canned reply)" aria-describedby="reply-hint"></textarea>
    <p id="reply-hint" class="muted small">Type <kbd>/</kbd> in the empty box for a canned reply, filled in for this case.</p>
    <div id="reply-picker" class="picker" role="listbox" aria-label="Canned replies" hidden></div>
    <div class="form-foot"><button class="btn btn-primary" type="submit">Send reply</button></div>
  </form>
  <form id="note-form" class="stack" data-op="note">
    <label for="note-text">Internal note <span class="muted">(agents only, never sent)</span></label>
    <textarea id="note-text" name="text" rows="2" required maxlength="4000"></textarea>
    <div class="form-foot"><button class="btn" type="submit">Add note</button></div>
  </form>
</section>`;

const proposal = `<section class="card" aria-labelledby="prop-h">
  <h2 id="prop-h">Propose a resolution</h2>
  <div id="current-proposal"></div>
  <form id="propose-form" class="stack" data-op="propose">
    <label for="prop-text">What we will do</label>
    <textarea id="prop-text" name="text" rows="2" required maxlength="4000"></textarea>
    <div class="inline">
      <div><label for="prop-resolution">Resolution</label><select id="prop-resolution" name="resolution">${resolutionOptions}</select></div>
      <div><label for="prop-amount">Amount</label><input id="prop-amount" name="amount" type="number" min="0" step="0.01" inputmode="decimal" placeholder="none"></div>
    </div>
    <div class="form-foot"><button class="btn btn-primary" type="submit">Propose</button></div>
  </form>
</section>`;

// Resolve is refused while a proposal waits for the consumer; a supervisor may override it, saying why.
const override = `<form id="override-form" class="stack" data-op="resolve">
    <label for="override-reason">Resolve while a proposal waits for the consumer (reason)</label>
    <input id="override-reason" name="override" required maxlength="500">
    <div class="form-foot"><button class="btn" type="submit">Resolve anyway</button></div>
  </form>`;

// The merchant as a party: what was asked, the link to pass on, the answer (agents only until shared).
const merchant = `<section class="card" aria-labelledby="merchant-h">
  <h2 id="merchant-h">Merchant</h2>
  <ul id="merchant-requests" class="plain merchant-requests"></ul>
  <form id="merchant-form" class="stack" data-op="askMerchant">
    <label for="merchant-question">Ask the merchant for evidence or a response <span class="muted">(the consumer is told when to expect it; the answer stays with agents)</span></label>
    <textarea id="merchant-question" name="question" rows="2" required maxlength="2000"></textarea>
    <div class="inline"><div><label for="merchant-hours">Deadline in hours</label><input id="merchant-hours" name="hours" type="number" min="0.001" step="any" inputmode="decimal" value="48" required></div></div>
    <div class="form-foot"><button class="btn" type="submit">Ask the merchant</button></div>
  </form>
</section>`;

function manage(agent: Agent): string {
  const transfer = agent.role === 'supervisor' ? `<form id="transfer-form" class="stack" data-op="transfer">
    <label for="transfer-to">Transfer to</label>
    <select id="transfer-to" name="toAgentId" required></select>
    <div class="form-foot"><button class="btn" type="submit">Transfer</button></div>
  </form>` : '';
  return `<section class="card" aria-labelledby="esc-h">
  <h2 id="esc-h">Escalate${agent.role === 'supervisor' ? ' or transfer' : ''}</h2>
  <form id="escalate-form" class="stack" data-op="escalate">
    <label for="esc-reason">Reason for escalation</label>
    <input id="esc-reason" name="reason" required maxlength="500">
    <div class="form-foot"><button class="btn btn-danger" type="submit">Escalate</button></div>
  </form>
  ${transfer}${agent.role === 'supervisor' ? override : ''}
</section>`;
}

const side = `<aside class="side">
  <section class="card" aria-labelledby="details-h"><h2 id="details-h">Details</h2><dl id="details" class="facts"></dl>
    <h3>Why this priority</h3><ul id="reasons" class="reasons"></ul><h3 id="evidence-h">Evidence</h3><ul id="evidence" class="evidence" aria-labelledby="evidence-h"></ul></section>
  <section class="card" aria-labelledby="kb-h"><h2 id="kb-h">Knowledge base</h2><ul id="kb-articles" class="plain kb"></ul></section>
  <section class="card" aria-labelledby="hist-h"><h2 id="hist-h">Consumer history</h2><dl id="profile" class="facts"></dl><ul id="past-cases" class="plain"></ul></section>
  <section class="card" aria-labelledby="tl-h"><h2 id="tl-h">Timeline</h2><ol id="timeline" class="timeline"></ol></section>
  <section class="card" aria-labelledby="ev-h"><h2 id="ev-h">Events sent to the platform</h2><ul id="event-deliveries" class="plain"></ul></section>
</aside>`;

// The full-size view of one photo: a modal <dialog> (focus moves in, Escape closes, focus returns to the thumbnail).
const evidenceDialog = `<dialog id="evidence-dialog" class="evidence-dialog" aria-labelledby="evidence-dialog-title">
  <div class="evidence-dialog-head"><h2 id="evidence-dialog-title">Evidence</h2><button type="button" class="btn" id="evidence-close">Close</button></div>
  <img id="evidence-full" alt="">
  <p class="muted"><a id="evidence-open" href="#" target="_blank" rel="noopener noreferrer">Open the original in a new tab</a></p>
</dialog>`;

export function casePage(agent: Agent, csrf: string, caseId: string, currency?: string): string {
  return shell({
    title: caseId, page: 'case', csrf, scripts: ['case.js', 'event-deliveries.js'], currency,
    body: `${header(agent, csrf, currency)}
<main id="main" class="page" data-case-id="${escapeHtml(caseId)}" data-agent-id="${escapeHtml(agent.id)}" data-role="${agent.role}">
  <nav class="crumbs" aria-label="Breadcrumb"><a href="/console">← All cases</a></nav>
  <div class="case-head card" id="case-head"><h1 id="case-title">${escapeHtml(caseId)}</h1><div id="case-badges" class="badges"></div></div>
  <p id="case-live" class="visually-hidden" role="status" aria-live="polite"></p>
  <div class="case-grid">
    <div class="main-col">${actions}${conversation}${merchant}${proposal}${manage(agent)}</div>
    ${side}
  </div>
  ${evidenceDialog}
</main>`,
  });
}
