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
  <form id="reply-form" class="stack" data-op="reply">
    <label for="reply-text">Reply to consumer</label>
    <textarea id="reply-text" name="text" rows="3" required maxlength="4000" placeholder="Acknowledge, explain what happens next and when"></textarea>
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
      <div><label for="prop-amount">Amount</label><input id="prop-amount" name="amount" type="number" min="0" step="0.01" value="0" inputmode="decimal"></div>
    </div>
    <div class="form-foot"><button class="btn btn-primary" type="submit">Propose</button></div>
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
  ${transfer}
</section>`;
}

const side = `<aside class="side">
  <section class="card" aria-labelledby="details-h"><h2 id="details-h">Details</h2><dl id="details" class="facts"></dl>
    <h3>Why this priority</h3><ul id="reasons" class="reasons"></ul><h3>Evidence</h3><ul id="evidence" class="plain"></ul></section>
  <section class="card" aria-labelledby="hist-h"><h2 id="hist-h">Consumer history</h2><dl id="profile" class="facts"></dl><ul id="past-cases" class="plain"></ul></section>
  <section class="card" aria-labelledby="tl-h"><h2 id="tl-h">Timeline</h2><ol id="timeline" class="timeline"></ol></section>
</aside>`;

export function casePage(agent: Agent, csrf: string, caseId: string): string {
  return shell({
    title: caseId, page: 'case', csrf, scripts: ['case.js'],
    body: `${header(agent, csrf)}
<main id="main" class="page" data-case-id="${escapeHtml(caseId)}" data-agent-id="${escapeHtml(agent.id)}" data-role="${agent.role}">
  <nav class="crumbs" aria-label="Breadcrumb"><a href="/console">← All cases</a></nav>
  <div class="case-head card" id="case-head" aria-live="polite"><h1 id="case-title">${escapeHtml(caseId)}</h1><div id="case-badges" class="badges"></div></div>
  <div class="case-grid">
    <div class="main-col">${actions}${conversation}${proposal}${manage(agent)}</div>
    ${side}
  </div>
</main>`,
  });
}
