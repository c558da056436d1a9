/** The knowledge base page (/console/knowledge): supervisors edit articles and canned replies, agents read them. */
import type { Agent } from '../../src/complaints/complaint.types.js';
import { escapeHtml, header, shell } from './console-page.html.js';

export function knowledgePage(agent: Agent, csrf: string, categories: readonly string[], currency?: string): string {
  const editor = agent.role === 'supervisor';
  return shell({
    title: 'Knowledge base', page: 'knowledge', csrf, scripts: ['knowledge.js'], currency,
    body: `${header(agent, csrf, currency)}
<main id="main" class="page" data-editor="${editor ? '1' : '0'}" data-categories="${escapeHtml(categories.join(','))}">
  <div class="page-head"><h1>Knowledge base and canned replies</h1></div>
  <p class="muted">${editor
    ? 'Approved handling per category and reply templates, in English and Chinese. Replies may use {consumerName}, {orderId}, {caseNumber}, {deadline} and {amount}.'
    : 'Approved handling per category and reply templates. Only supervisors edit them; in a case, type / in the reply box to use one.'}</p>
  <p id="kb-result" role="status" aria-live="polite"></p>
  <section class="card" aria-labelledby="kb-articles-h"><h2 id="kb-articles-h">Articles</h2><div id="kb-articles-list" class="stack"></div></section>
  <section class="card" aria-labelledby="kb-replies-h"><h2 id="kb-replies-h">Canned replies</h2><div id="kb-replies-list" class="stack"></div></section>
</main>`,
  });
}
