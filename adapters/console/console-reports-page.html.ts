/** The reports page: a static skeleton (period picker, tiles, empty tables); reports.js fills it with textContent. */
import type { Agent } from '../../src/complaints/complaint.types.js';
import { header, shell } from './console-page.html.js';
import { privacySection } from './console-privacy-page.html.js';

function tile(id: string, name: string, hint: string): string {
  return `<div class="tile" id="tile-${id}" title="${hint}">
    <span class="tile-label">${name}</span><span class="tile-value" data-value>–</span><span class="tile-note muted small" data-note></span>
  </div>`;
}

/** A card with one table: `cols` are the header cells; reports.js fills `<tbody id=…>`. */
function tableCard(id: string, title: string, cols: string[], note = ''): string {
  return `<section class="card" aria-labelledby="${id}-h">
  <h2 id="${id}-h">${title}</h2>${note ? `<p class="muted small">${note}</p>` : ''}
  <div class="report-table" data-labelledby="${id}-h"><table class="queue">
    <thead><tr>${cols.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
    <tbody id="${id}-body"></tbody>
  </table></div>
</section>`;
}

const picker = `<form id="period-form" class="period" aria-label="Report period">
  <div><label for="period-from">From</label><input id="period-from" name="from" type="date" required></div>
  <div><label for="period-to">To</label><input id="period-to" name="to" type="date" required></div>
  <button class="btn btn-primary" type="submit">Show</button>
  <div class="period-quick" role="group" aria-label="Quick periods">
    <button class="btn btn-ghost" type="button" data-days="7">7 days</button>
    <button class="btn btn-ghost" type="button" data-days="30">30 days</button>
    <button class="btn btn-ghost" type="button" data-days="92">92 days</button>
  </div>
</form>`;

const tiles = `<section class="tiles" aria-label="Summary">
  ${tile('cases', 'Cases', 'Complaints created in the period')}
  ${tile('sla', 'SLA compliance', 'Deadlines met on time, of all deadlines met late, breached or met on time')}
  ${tile('first-response', 'Median first response', 'Creation to first agent reply (p50)')}
  ${tile('rating', 'Average rating', 'Consumer ratings 1–5')}
  ${tile('reopen', 'Reopen rate', 'Resolved cases that were reopened')}
</section>`;

const tables = `<div class="report-grid">
  ${tableCard('sla', 'SLA by deadline', ['Deadline', 'On time', 'Late', 'Breached', 'Pending', 'Compliance'], 'Late: met after the deadline. Breached: not met and past due. Pending: not yet due.')}
  ${tableCard('times', 'Response and resolution', ['Measure', 'Cases', 'Median (p50)', 'p90'])}
  ${tableCard('categories', 'Categories', ['Category', 'Team', 'Cases', 'Share'])}
  ${tableCard('groups', 'Teams', ['Team', 'Cases', 'Median first response', 'Median resolve', 'Avg rating', 'Reopen rate'])}
  ${tableCard('agents', 'Agents', ['Agent', 'Claimed', 'Median first response', 'Resolved', 'Avg rating'], 'First response: cases whose first reply was theirs. Resolved and rating: cases they owned when first resolved.')}
  ${tableCard('satisfaction', 'Satisfaction', ['Rating', 'Count', 'Share'])}
  ${tableCard('breakdown', 'Tier and status', ['<span class="visually-hidden">Breakdown</span>', 'Value', 'Cases'])}
  ${tableCard('surges', 'Surges', ['What', 'Which', 'Cases'], 'Merchants, products and categories with the most complaints in the period, and group complaints.')}
</div>
${tableCard('alerts', 'Alerts in the period', ['When', 'Kind', 'Alert'])}`;

export function reportsPage(agent: Agent, csrf: string): string {
  return shell({
    title: 'Reports', page: 'reports', csrf, scripts: ['reports.js', 'privacy.js'],
    body: `${header(agent, csrf)}
<link rel="stylesheet" href="/console/assets/reports.css">
<main id="main" class="page">
  <div class="page-head"><h1>Reports</h1>${picker}</div>
  <p id="report-period" class="muted" aria-live="polite">Loading…</p>
  <p id="report-error" class="form-error" role="alert" hidden></p>
  ${tiles}
  ${tables}
  ${privacySection(agent)}
</main>`,
  });
}
