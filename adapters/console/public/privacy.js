// The reports page's Data rights card (supervisors only): CSV of the period, a consumer's export and erasure.
import { api } from './common.js';

const $ = (id) => document.getElementById(id);
const card = $('privacy');
if (card) {
  const result = $('privacy-result');
  const consumer = () => $('privacy-consumer').value.trim();
  const path = (op) => `/consumers/${encodeURIComponent(consumer())}/${op}`;
  // The CSV follows the period picked above.
  const csvLink = () => {
    const q = new URLSearchParams({ from: $('period-from').value, to: $('period-to').value });
    $('privacy-csv').href = `/console/api/reports.csv?${q}`;
  };
  $('period-form').addEventListener('change', csvLink);
  $('privacy-csv').addEventListener('click', csvLink);

  $('privacy-export').addEventListener('click', async () => {
    if (!consumer()) return void (result.textContent = 'Enter a consumer id.');
    try {
      const doc = await api(path('export'));
      const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2)], { type: 'application/json' }));
      const a = Object.assign(document.createElement('a'), { href: url, download: 'consumer-export.json' });
      a.click();
      URL.revokeObjectURL(url);
      result.textContent = `Exported ${doc.cases.length} case(s) and ${doc.files.length} file(s).`;
    } catch (err) {
      result.textContent = err.message;
    }
  });

  $('privacy-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!$('privacy-sure').checked) return void (result.textContent = 'Tick the box to confirm the erasure.');
    try {
      const r = await api(path('erase'), { method: 'POST', body: { reason: $('privacy-reason').value } });
      result.textContent = r.erased ? `Erased: now ${r.pseudonym}; ${r.cases} case(s) kept for statistics, ${r.files} file(s) deleted.` : r.message;
      $('privacy-sure').checked = false;
    } catch (err) {
      result.textContent = err.message;
    }
  });
}
