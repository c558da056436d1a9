/**
 * Server-rendered HTML shells. They carry no case data: the page scripts fetch it as JSON and insert
 * it with textContent. The few values rendered here (agent name, CSRF token) go through `escapeHtml`.
 */
import type { Agent } from '../../src/complaints/complaint.types.js';

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

interface ShellOptions {
  title: string;
  page: 'login' | 'queue' | 'case' | 'reports';
  body: string;
  csrf?: string;
  scripts?: string[];
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
<body data-page="${o.page}">
<a class="skip" href="#main">Skip to content</a>
${o.body}
</body>
</html>`;
}

export function header(agent: Agent, csrf: string): string {
  return `<header class="topbar">
  <a class="brand" href="/console"><span class="brand-mark" aria-hidden="true">R</span> Redress <span class="brand-sub">agent console</span></a>
  <nav class="topnav" aria-label="Console"><a class="btn btn-ghost" href="/console">Cases</a> <a class="btn btn-ghost" href="/console/reports">Reports</a></nav>
  <div class="live" id="live-status" role="status" aria-live="polite">Connecting…</div>
  <div class="me">
    <span class="me-name">${escapeHtml(agent.name)}</span>
    <span class="badge badge-role">${agent.role === 'supervisor' ? 'Supervisor' : 'Agent'} · limit ${escapeHtml(String(agent.compensationLimit))}</span>
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

export function queuePage(agent: Agent, csrf: string): string {
  return shell({
    title: 'Queue', page: 'queue', csrf, scripts: ['queue.js'],
    body: `${header(agent, csrf)}
<main id="main" class="page">
  <div class="page-head">
    <h1>Cases</h1>
    <div class="tabs" role="group" aria-label="Which cases">
      <button type="button" class="tab" data-view="open" aria-pressed="true">Open</button>
      <button type="button" class="tab" data-view="mine" aria-pressed="false">Mine</button>
      <button type="button" class="tab" data-view="resolved" aria-pressed="false">Resolved</button>
    </div>
  </div>
  <p id="queue-summary" class="muted" aria-live="polite"></p>
  <div class="table-wrap">
    <table class="queue" aria-describedby="queue-summary">
      <thead><tr>
        <th scope="col">Case</th><th scope="col">Priority</th><th scope="col">Category</th><th scope="col">Status</th>
        <th scope="col">Emotion</th><th scope="col">SLA</th><th scope="col">Assignee</th><th scope="col">Why</th>
      </tr></thead>
      <tbody id="queue-body"></tbody>
    </table>
  </div>
</main>`,
  });
}
