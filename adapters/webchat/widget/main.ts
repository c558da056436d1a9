/**
 * Redress chat widget. Embed with one tag:
 *   <script src="https://redress.example.com/widget.js" data-locale="zh" async></script>
 * Optional: data-user-id + data-user-signature (see adapters/webchat/README.md).
 */
import { ChatController } from './chat.controller.js';
import { pickLocale, stringsFor } from './i18n.js';
import { Persisted } from './persisted.js';
import { View } from './view.js';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const all = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]'));
  return all[all.length - 1] ?? null;
}

function boot(script: HTMLScriptElement | null): void {
  if (document.getElementById('redress-chat')) return;
  const base = new URL(script?.src || '/widget.js', window.location.href).origin;
  const locale = pickLocale(script?.getAttribute('data-locale'), navigator.language);
  const t = stringsFor(locale);
  const host = document.createElement('div');
  host.id = 'redress-chat';
  document.body.appendChild(host);
  const view = new View(host, t);
  const chat = new ChatController(view, t, new Persisted(`redress:${base}`), {
    base,
    locale,
    userId: script?.getAttribute('data-user-id') || undefined,
    userSignature: script?.getAttribute('data-user-signature') || undefined,
  });
  view.launcher.addEventListener('click', () => chat.setOpen(view.panel.hidden));
  view.closeBtn.addEventListener('click', () => chat.setOpen(false));
  view.panel.addEventListener('keydown', (e) => e.key === 'Escape' && chat.setOpen(false));
  const sendTyped = () => {
    const text = view.input.value.trim();
    if (!text) return;
    view.input.value = '';
    chat.submit({ text }, text);
  };
  view.form.addEventListener('submit', (e) => {
    e.preventDefault();
    sendTyped();
  });
  // Enter sends, Shift+Enter is a new line; not while an IME (pinyin) is composing.
  view.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendTyped();
    }
  });
  chat.start();
}

const script = findScript();
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script));
