/**
 * Server-rendered HTML shells. They carry no case data: the page scripts fetch it as JSON and insert
 * it with textContent. The few values rendered here (agent name, CSRF token) go through `escapeHtml`.
 */
import type { Agent } from '../../src/complaints/complaint.types.js';
import { escapeHtml } from '../../src/http/html-escape.js';

export { escapeHtml };

interface ShellOptions {
  title: string;
  page: 'login' | 'queue' | 'case' | 'reports' | 'knowledge';
  body: string;
  csrf?: string;
  scripts?: string[];
  /** ISO 4217 code the page shows amounts in (CURRENCY). */
  currency?: string;
}

export function shell(o: ShellOptions): string {
  const scripts = (o.scripts ?? []).map((s) => `<script type="module" src="/console/assets/${s}"></script>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${o.csrf ? `<meta name="csrf-token" content="${escapeHtml(o.csrf)}">` : ''}
<title>${escapeHtml(o.title)} · Redress console</title>
<link rel="stylesheet" href="/console/assets/console.css">
${scripts}
</head>
<body data-page="${o.page}"${o.currency ? ` data-currency="${escapeHtml(o.currency)}"` : ''}>
<a class="skip" href="#main">Skip to content</a>
${o.body}
</body>
</html>`;
}

function limitText(agent: Agent, currency?: string): string {
  if (agent.compensationLimit === 'unlimited') return 'unlimited';
  if (!currency) return String(agent.compensationLimit);
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).format(agent.compensationLimit);
  } catch {
    return `${agent.compensationLimit} ${currency}`;
  }
}

export function header(agent: Agent, csrf: string, currency?: string): string {
  return `<header class="topbar">
  <a class="brand" href="/console"><span class="brand-mark" aria-hidden="true">R</span> Redress <span class="brand-sub">agent console</span></a>
  <nav class="topnav" aria-label="Console"><a class="btn btn-ghost" href="/console">Cases</a> <a class="btn btn-ghost" href="/console/reports">Reports</a> <a class="btn btn-ghost" href="/console/knowledge">Knowledge</a></nav>
  <div class="live" id="live-status" role="status" aria-live="polite">Connecting…</div>
  <div class="me">
    <span class="me-name">${escapeHtml(agent.name)}</span>
    <span class="badge badge-role">${agent.role === 'supervisor' ? 'Supervisor' : 'Agent'} · limit ${escapeHtml(limitText(agent, currency))}</span>
    <form method="post" action="/console/logout"><input type="hidden" name="_csrf" value="${escapeHtml(csrf)}"><button class="btn btn-ghost" type="submit">Log out</button></form>
  </div>
</header>
<div id="alerts" class="alerts" role="alert" aria-live="assertive"></div>`;
}

export function loginPage(error: string | null, agentId = ''): string {
  const alert = error ? `<p class="form-error" role="alert">${escapeHtml(error)}</p>` : '';
  return shell({
    title: 'Log in', page: 'login',
    body: `<main id="main" class="login">
  <form class="card login-card" method="post" action="/console/login">
    <h1><span class="brand-mark" aria-hidden="true">R</span> Redress agent console</h1>
    <p class="muted">Log in to claim and handle complaint cases.</p>
    ${alert}
    <label for="agentId">Agent id</label>
    <input id="agentId" name="agentId" autocomplete="username" required autofocus value="${escapeHtml(agentId)}">
    <label for="password">Password</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button class="btn btn-primary" type="submit">Log in</button>
  </form>
</main>`,
  });
}

const STATUS_OPTIONS = [
  ['', 'Any status'], ['queued', 'Queued — waiting for an agent'], ['claimed', 'Claimed'], ['investigating', 'Investigating'],
  ['resolution_proposed', 'Resolution proposed — waiting for the consumer'], ['in_review', 'In review'], ['escalated', 'Escalated'], ['reopened', 'Reopened'],
];
const options = (list: string[][]) => list.map(([v, l]) => `<option value="${escapeHtml(v!)}">${escapeHtml(l!)}</option>`).join('');

// Search, filters, sort and paging are read by queue.js; the server does the work (/console/api/queue).
const toolbar = (categories: readonly string[]) => `<form id="queue-filters" class="queue-filters" role="search" aria-label="Find cases">
    <div class="field grow"><label for="queue-search">Search</label>
      <input id="queue-search" name="q" type="search" maxlength="200" placeholder="Case number, order number, consumer or words they wrote"></div>
    <div class="field"><label for="f-status">Status</label><select id="f-status" name="status">${options(STATUS_OPTIONS)}</select></div>
    <div class="field"><label for="f-tier">Tier</label><select id="f-tier" name="tier">${options([['', 'Any tier'], ['high', 'High'], ['medium', 'Medium'], ['low', 'Low']])}</select></div>
    <div class="field"><label for="f-category">Category</label><select id="f-category" name="category">${options([['', 'Any category'], ...categories.map((c) => [c, c.replaceAll('_', ' ')])])}</select></div>
    <div class="field"><label for="f-channel">Channel</label><select id="f-channel" name="channel">${options([['', 'Any channel'], ['webchat', 'Web chat'], ['telegram', 'Telegram']])}</select></div>
    <div class="field"><label for="f-owner">Owner</label><select id="f-owner" name="owner">${options([['', 'Anyone'], ['me', 'Me'], ['none', 'Unassigned']])}</select></div>
    <div class="field"><label for="f-sort">Sort</label><select id="f-sort" name="sort">${options([['priority', 'Priority (oldest first)'], ['created', 'Newest filed'], ['updated', 'Latest activity']])}</select></div>
    <label class="check"><input type="checkbox" name="breached" value="1"> Deadline missed</label>
    <label class="check"><input type="checkbox" name="waiting" value="1"> Waiting for consumer</label>
  </form>`;

const notifySettings = `<details class="notify-settings"><summary>Notifications</summary>
    <p class="muted small">New high-tier cases, and consumer messages on your cases.</p>
    <label class="check"><input type="checkbox" id="notify-sound"> Sound</label>
    <label class="check"><input type="checkbox" id="notify-desktop"> Desktop notification</label>
    <label class="check"><input type="checkbox" id="notify-title"> Count in the tab title</label>
  </details>`;

const help = `<dialog id="shortcut-help" aria-labelledby="shortcut-help-h">
  <h2 id="shortcut-help-h">Keyboard shortcuts</h2>
  <dl class="facts"><dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous case</dd><dt><kbd>Enter</kbd></dt><dd>open the case</dd>
  <dt><kbd>c</kbd></dt><dd>claim the case</dd><dt><kbd>r</kbd></dt><dd>open the case and write a reply</dd>
  <dt><kbd>/</kbd></dt><dd>search</dd><dt><kbd>?</kbd></dt><dd>this help</dd></dl>
  <form method="dialog"><button class="btn" type="submit">Close</button></form>
</dialog>`;

export function queuePage(agent: Agent, csrf: string, categories: readonly string[] = [], currency?: string): string {
  return shell({
    title: 'Queue', page: 'queue', csrf, scripts: ['queue.js'], currency,
    body: `${header(agent, csrf, currency)}
<main id="main" class="page">
  <div class="page-head">
    <h1>Cases</h1>
    <div class="tabs" role="group" aria-label="Which cases">
      <button type="button" class="tab" data-view="open" aria-pressed="true">Open</button>
      <button type="button" class="tab" data-view="mine" aria-pressed="false">Mine</button>
      <button type="button" class="tab" data-view="resolved" aria-pressed="false">Resolved</button>
    </div>
    ${notifySettings}
    <button type="button" class="btn btn-ghost" id="shortcut-help-open" aria-keyshortcuts="?">Shortcuts (?)</button>
  </div>
  ${toolbar(categories)}
  <div class="queue-bar"><p id="queue-summary" class="muted" aria-live="polite"></p>
    <div class="pager"><button type="button" class="btn" id="page-prev">← Previous</button> <button type="button" class="btn" id="page-next">Next →</button></div></div>
  <p id="notify-log" class="visually-hidden" role="status" aria-live="polite"></p>
  <div class="table-wrap">
    <table class="queue" aria-describedby="queue-summary">
      <thead><tr>
        <th scope="col">Case</th><th scope="col">Consumer and latest message</th><th scope="col">Priority</th><th scope="col">Category</th><th scope="col">Status</th>
        <th scope="col">Emotion</th><th scope="col">SLA</th><th scope="col">Assignee</th><th scope="col">Why</th>
      </tr></thead>
      <tbody id="queue-body"></tbody>
    </table>
  </div>
  ${help}
</main>`,
  });
}
