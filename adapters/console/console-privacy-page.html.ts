/** The reports page's "Data rights" card, for supervisors only: the period as CSV, a consumer's export and erasure (privacy.js). */
import type { Agent } from '../../src/complaints/complaint.types.js';

export function privacySection(agent: Agent): string {
  if (agent.role !== 'supervisor') return '';
  return `<section class="card" id="privacy" aria-labelledby="privacy-h">
  <h2 id="privacy-h">Data rights</h2>
  <p><a id="privacy-csv" class="btn btn-ghost" href="/console/api/reports.csv" download>Download this period's cases (CSV)</a></p>
  <form id="privacy-form" class="stack" aria-describedby="privacy-note">
    <label for="privacy-consumer">Consumer id</label>
    <input id="privacy-consumer" name="consumerId" required maxlength="256" placeholder="webchat:u-1001" autocomplete="off">
    <button class="btn" type="button" id="privacy-export">Export their data (JSON)</button>
    <label for="privacy-reason">Reason for erasure (the request it answers; no personal details)</label>
    <input id="privacy-reason" name="reason" maxlength="500" autocomplete="off">
    <label><input type="checkbox" id="privacy-sure"> Erase this consumer's personal data for good</label>
    <button class="btn btn-danger" type="submit" id="privacy-erase">Erase</button>
  </form>
  <p id="privacy-note" class="muted small">Erasure keeps the case facts for statistics under a pseudonym and records who erased it, when and why.</p>
  <p id="privacy-result" role="status" aria-live="polite"></p>
</section>`;
}
