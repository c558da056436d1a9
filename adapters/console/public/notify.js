// Notifications for the queue page: a new high-tier case, and a consumer's message on one of my cases. Each
// way of telling (sound, desktop notification, a count in the tab title) is switched on or off by the agent
// and remembered in this browser (localStorage).

const KEY = 'redress.console.notify';
const DEFAULTS = { sound: false, desktop: false, title: true };

export class Notifier {
  constructor() {
    this.settings = { ...DEFAULTS, ...safeRead() };
    this.unseen = 0;
    this.told = new Set();
    this.baseTitle = document.title;
    this.log = document.getElementById('notify-log');
    for (const kind of Object.keys(DEFAULTS)) {
      const box = document.getElementById(`notify-${kind}`);
      if (!box) continue;
      box.checked = this.settings[kind];
      box.addEventListener('change', () => this.set(kind, box.checked));
    }
    const seen = () => { if (!document.hidden && document.hasFocus()) this.clearCount(); };
    document.addEventListener('visibilitychange', seen);
    window.addEventListener('focus', seen);
  }

  async set(kind, on) {
    if (kind === 'desktop' && on && 'Notification' in window && Notification.permission !== 'granted') {
      on = (await Notification.requestPermission()) === 'granted';
      const box = document.getElementById('notify-desktop');
      if (box) box.checked = on;
      if (!on) this.say('Desktop notifications are blocked in this browser; allow them in the site settings.');
    }
    this.settings[kind] = on;
    try { localStorage.setItem(KEY, JSON.stringify(this.settings)); } catch { /* private mode: kept for this page only */ }
    if (kind === 'title' && !on) this.clearCount();
  }

  /** Called with every live case message. A new case is told once, whether it arrives as filed or as announced. */
  onCase(msg, me) {
    const row = msg.row;
    const filed = msg.announced || msg.eventTypes.includes('created');
    if (filed && row.tier === 'high' && !this.told.has(row.id)) {
      this.told.add(row.id);
      this.notify(`New high-tier case ${row.id}`, `${row.category.replaceAll('_', ' ')} · priority ${row.priority}`, row.id);
    } else if (me && row.assigneeId === me.id && msg.eventTypes.includes('consumer_message')) {
      this.notify(`The consumer wrote on ${row.id}`, 'A new message on your case', row.id);
    }
  }

  notify(title, text, id) {
    this.say(`${title}: ${text}`);
    if (this.settings.title) {
      this.unseen += 1;
      document.title = `(${this.unseen}) ${this.baseTitle}`;
    }
    if (this.settings.sound) beep();
    if (this.settings.desktop && 'Notification' in window && Notification.permission === 'granted') {
      const n = new Notification(title, { body: text, tag: id });
      n.addEventListener('click', () => { window.focus(); location.assign(`/console/cases/${encodeURIComponent(id)}`); });
    }
  }

  /** For screen readers (and the page's own messages): the polite live region. */
  say(text) {
    if (this.log) this.log.textContent = text;
  }

  clearCount() {
    this.unseen = 0;
    document.title = this.baseTitle;
  }
}

function safeRead() {
  try { return JSON.parse(localStorage.getItem(KEY) ?? '{}') ?? {}; } catch { return {}; }
}

let audio;
/** A short two-tone chime made on the spot (no sound file to host or cache). */
function beep() {
  try {
    audio ??= new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.setValueAtTime(880, audio.currentTime);
    osc.frequency.setValueAtTime(660, audio.currentTime + 0.12);
    gain.gain.setValueAtTime(0.15, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.3);
    osc.connect(gain).connect(audio.destination);
    osc.start();
    osc.stop(audio.currentTime + 0.3);
    window.dispatchEvent(new CustomEvent('redress:chime'));
  } catch { /* no audio device: the other ways still tell */ }
}
