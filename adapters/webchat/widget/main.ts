/**
 * Redress chat widget. Embed with one tag:
 *   <script src="https://redress.example.com/widget.js" data-locale="zh" async></script>
 * Optional: data-user-id + data-user-signature (see adapters/webchat/README.md), and the branding attributes read
 * in settings.ts (colour, position, title, bot name, greeting, privacy link, business hours …; README "Embedding").
 */
import type { WidgetServerConfig } from '../webchat.protocol.js';
import { ChatController } from './chat.controller.js';
import { TypingNotifier } from './consumer-typing.js';
import { greetingItem, greetingLines } from './greeting.js';
import { pickLocale, stringsFor } from './i18n.js';
import { Persisted } from './persisted.js';
import { readSettings, warn } from './settings.js';
import { View } from './view.js';

function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const all = Array.from(document.querySelectorAll<HTMLScriptElement>('script[src*="widget.js"]'));
  return all[all.length - 1] ?? null;
}

/** The server's part of the settings; on a network failure the widget starts anyway and reconnects as usual. */
async function serverConfig(base: string): Promise<Partial<WidgetServerConfig>> {
  try {
    const res = await fetch(`${base}/webchat/config`, { credentials: 'omit' });
    return res.ok ? ((await res.json()) as WidgetServerConfig) : {};
  } catch {
    return {};
  }
}

async function boot(script: HTMLScriptElement | null): Promise<void> {
  if (document.getElementById('redress-chat')) return;
  const base = new URL(script?.src || '/widget.js', window.location.href).origin;
  const pageLocale = script?.getAttribute('data-locale');
  const locale = pickLocale(pageLocale, navigator.language);
  const t = stringsFor(locale);
  const settings = readSettings((name) => script?.getAttribute(name) ?? null, locale);
  const host = document.createElement('div');
  host.id = 'redress-chat';
  document.body.appendChild(host);
  const view = new View(host, t, settings);
  const chat = new ChatController(view, t, new Persisted(`redress:${base}`), {
    base,
    locale,
    localeGuessed: !pageLocale,
    userId: script?.getAttribute('data-user-id') || undefined,
    userSignature: script?.getAttribute('data-user-signature') || undefined,
  });
  view.launcher.addEventListener('click', () => chat.setOpen(view.panel.hidden));
  view.closeBtn.addEventListener('click', () => chat.setOpen(false));
  // On the document, not the panel: Escape closes even when focus fell out of the widget (a removed button).
  document.addEventListener('keydown', (e) => {
    const ours = document.activeElement === host || document.activeElement === document.body;
    if (e.key === 'Escape' && view.isOpen && ours) chat.setOpen(false);
  });
  const typing = new TypingNotifier((on) => chat.sendTyping(on));
  view.input.addEventListener('input', () => typing.edited(view.input.value.trim() === ''));
  view.input.addEventListener('blur', () => typing.stop());
  const sendTyped = () => {
    const text = view.input.value.trim();
    if (!text) return;
    view.input.value = '';
    chat.submit({ text }, text);
    typing.stop();
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
  const server = await serverConfig(base);
  if (server.allowed === false) {
    // The shop owner sees why in the console; the consumer gets a plain sentence instead of "Reconnecting…" forever.
    warn(server.reason ?? 'this site may not use the chat (WEBCHAT_ALLOWED_ORIGINS).');
    return view.showUnavailable(t.unavailable);
  }
  view.log.prepend(greetingItem(t, settings, greetingLines(t, settings, server, Date.now())));
  chat.start();
}

const script = findScript();
if (document.body) void boot(script);
else document.addEventListener('DOMContentLoaded', () => void boot(script));
