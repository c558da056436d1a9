import { api, el, label } from './common.js';

const main = document.getElementById('main');
const editor = main.dataset.editor === '1';
const categories = main.dataset.categories.split(',').filter(Boolean);
const result = document.getElementById('kb-result');
const TEXT = { articles: 'body', replies: 'text' };

function field(id, text, input) {
  return el('div', { class: 'field' }, el('label', { for: id }, text), input);
}

// One form per entry (and one empty one per kind for a new entry); the server checks the role and the fields.
function entryForm(kind, entry) {
  const key = entry?.id ?? `new-${kind}`;
  const textKey = TEXT[kind];
  const noun = kind === 'articles' ? 'article' : 'reply';
  const idInput = el('input', { id: `${key}-id`, name: 'id', required: true, value: entry?.id ?? '', readonly: !!entry, pattern: '[a-z0-9][a-z0-9-]*' });
  const cats = el('select', { id: `${key}-cats`, name: 'categories', multiple: true, size: '4' },
    categories.map((c) => el('option', { value: c, selected: entry?.categories.includes(c) }, label(c))));
  const cues = el('select', { id: `${key}-cues`, name: 'cues', multiple: true, size: '2' },
    [['angry', 'angry consumer'], ['anxious', 'anxious consumer']].map(([v, t]) => el('option', { value: v, selected: entry?.cues?.includes(v) }, t)));
  const area = (lang) => el('textarea', { id: `${key}-${textKey}-${lang}`, name: `${textKey}.${lang}`, rows: '3', required: true, lang }, entry?.[textKey][lang] ?? '');
  const form = el('form', { class: 'stack kb-entry', dataset: { kind } },
    el('h3', {}, entry ? entry.title.en : `New ${noun}`),
    field(`${key}-id`, 'Id', idInput),
    field(`${key}-cats`, 'Categories (none: every case)', cats),
    field(`${key}-cues`, 'Or for (emotion)', cues),
    field(`${key}-title-en`, 'Title (English)', el('input', { id: `${key}-title-en`, name: 'title.en', required: true, value: entry?.title.en ?? '' })),
    field(`${key}-title-zh`, 'Title (Chinese)', el('input', { id: `${key}-title-zh`, name: 'title.zh', required: true, lang: 'zh', value: entry?.title.zh ?? '' })),
    field(`${key}-${textKey}-en`, `${noun === 'reply' ? 'Reply' : 'Text'} (English)`, area('en')),
    field(`${key}-${textKey}-zh`, `${noun === 'reply' ? 'Reply' : 'Text'} (Chinese)`, area('zh')),
    el('div', { class: 'form-foot' }, el('button', { class: 'btn btn-primary', type: 'submit' }, entry ? 'Save' : `Add ${noun}`),
      entry ? el('button', { class: 'btn btn-danger', type: 'button', dataset: { delete: entry.id } }, 'Delete') : null));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = new FormData(form);
    const body = { categories: data.getAll('categories'), cues: data.getAll('cues'), title: { en: data.get('title.en'), zh: data.get('title.zh') }, [textKey]: { en: data.get(`${textKey}.en`), zh: data.get(`${textKey}.zh`) } };
    await save(() => api(`/kb/${kind}/${encodeURIComponent(String(data.get('id')))}`, { method: 'PUT', body }), `Saved ${noun} ${data.get('id')}.`);
  });
  form.querySelector('[data-delete]')?.addEventListener('click', () => save(() => api(`/kb/${kind}/${encodeURIComponent(entry.id)}`, { method: 'DELETE' }), `Deleted ${noun} ${entry.id}.`));
  return form;
}

function readOnly(kind, entry) {
  const textKey = TEXT[kind];
  return el('details', { class: 'kb-entry' }, el('summary', {}, entry.title.en, ' · ', el('span', { lang: 'zh' }, entry.title.zh)),
    el('p', { class: 'muted small' }, [...entry.categories.map(label), ...(entry.cues ?? []).map((c) => `${c} consumer`)].join(', ') || 'every case'),
    el('p', {}, entry[textKey].en), el('p', { lang: 'zh' }, entry[textKey].zh));
}

async function save(call, done) {
  try {
    await call();
    result.textContent = done;
    result.className = 'action-result ok';
  } catch (err) {
    result.textContent = err.message;
    result.className = 'action-result error';
  }
  await load();
}

async function load() {
  const kb = await api('/kb');
  for (const kind of ['articles', 'replies']) {
    const list = document.getElementById(`kb-${kind}-list`);
    list.replaceChildren(...kb[kind].map((x) => (editor ? entryForm(kind, x) : readOnly(kind, x))), editor ? entryForm(kind, null) : '');
  }
}

load();
