/** Escapes text for HTML element content and quoted attributes: every server-rendered page uses this one. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
