/**
 * The merchant's answer page: server-rendered HTML, no script at all, one nonce'd inline stylesheet. It shows
 * what the merchant needs to answer (case number, order, question, deadline) and nothing of the consumer's.
 * Every value from a case or a form goes through `escapeHtml`.
 */
import type { Locale } from '../../src/complaints/complaint.types.js';
import { escapeHtml } from '../../src/http/html-escape.js';
import { t } from '../../src/i18n/catalog.js';

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2430}
main{max-width:40rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:8px;box-shadow:0 1px 3px #0002}
h1{font-size:1.35rem;margin-top:0}dt{font-weight:600}dd{margin:0 0 .75rem}
label{display:block;font-weight:600;margin:1rem 0 .25rem}textarea{width:100%;box-sizing:border-box;font:inherit;padding:.5rem}
button{margin-top:1rem;font:inherit;padding:.5rem 1.25rem;background:#1f5fbf;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #f5a623;outline-offset:2px}
.alert{border-left:4px solid #b3261e;background:#fdecea;padding:.75rem 1rem}.ok{border-left:4px solid #1e7a3c;background:#e8f5ec;padding:.75rem 1rem}
.hint{color:#4a5568;font-size:.9rem}`;

interface Frame {
  locale: Locale;
  nonce: string;
  title: string;
  body: string;
}

function frame(f: Frame): string {
  return `<!doctype html>
<html lang="${f.locale === 'zh' ? 'zh' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${escapeHtml(f.title)}</title>
<style nonce="${f.nonce}">${STYLE}</style>
</head>
<body><main id="main">${f.body}</main></body>
</html>`;
}

export interface AnswerForm {
  locale: Locale;
  nonce: string;
  caseNumber: string;
  orderId: string | null;
  question: string;
  /** The deadline, already formatted for the reader. */
  dueBy: string;
  /** Set once the deadline has passed: until when answers are still taken. */
  closesBy?: string;
  maxFiles: number;
  maxMb: number;
  /** A refusal to show above the form, with what was typed kept in the box. */
  error?: string;
  text?: string;
}

export function answerPage(f: AnswerForm): string {
  const L = f.locale;
  const title = t(L, 'merchant.page.title', { id: f.caseNumber });
  const error = f.error ? `<p class="alert" role="alert" id="form-error">${escapeHtml(f.error)}</p>` : '';
  const late = f.closesBy ? `<p class="alert">${escapeHtml(t(L, 'merchant.page.late', { closesBy: f.closesBy }))}</p>` : '';
  const order = f.orderId ? `<dt>${escapeHtml(t(L, 'merchant.page.order'))}</dt><dd>${escapeHtml(f.orderId)}</dd>` : '';
  const body = `<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(t(L, 'merchant.page.intro', { id: f.caseNumber, dueBy: f.dueBy }))}</p>
${late}
<dl>${order}<dt>${escapeHtml(t(L, 'merchant.page.question'))}</dt><dd id="question">${escapeHtml(f.question)}</dd>
<dt>${escapeHtml(t(L, 'merchant.page.deadline'))}</dt><dd>${escapeHtml(f.dueBy)}</dd></dl>
${error}
<form method="post" enctype="multipart/form-data">
<label for="answer-text">${escapeHtml(t(L, 'merchant.page.answer'))}</label>
<textarea id="answer-text" name="text" rows="6" maxlength="4000" required${f.error ? ' aria-describedby="form-error"' : ''}>${escapeHtml(f.text ?? '')}</textarea>
<label for="answer-files">${escapeHtml(t(L, 'merchant.page.files', { count: f.maxFiles, mb: f.maxMb }))}</label>
<input id="answer-files" name="files" type="file" multiple accept="image/jpeg,image/png,image/webp,image/gif,application/pdf">
<button type="submit">${escapeHtml(t(L, 'merchant.page.send'))}</button>
</form>`;
  return frame({ locale: L, nonce: f.nonce, title, body });
}

/** A page that only says something: thanks, or what is wrong with the link and what to do. */
export function messagePage(locale: Locale, nonce: string, title: string, text: string, ok = false): string {
  return frame({ locale, nonce, title, body: `<h1>${escapeHtml(title)}</h1><p class="${ok ? 'ok' : 'alert'}" role="${ok ? 'status' : 'alert'}">${escapeHtml(text)}</p>` });
}
