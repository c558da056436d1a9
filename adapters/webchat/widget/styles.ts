/**
 * All of the widget's CSS, inside its shadow root. Page styles cannot reach in; `:host` is reset with
 * !important because, across the shadow boundary, the inner !important beats a page's `* { all: unset !important }`.
 * Sizes are px, never em/rem, so a page's huge root font size changes nothing.
 */
export const CSS = `
:host{all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important}
.root{--rd-primary:#1f5f4a}
*{box-sizing:border-box;margin:0;padding:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;font-size:14px;line-height:1.45;color:#1c1c1c}
button{cursor:pointer;border:0;background:none;font:inherit}
/* Dark blue ring, ≥ 3:1 on white and the grey log (WCAG 2.2 focus appearance); white on the coloured header. */
button:focus-visible,textarea:focus-visible,a:focus-visible,.log:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.head button:focus-visible{outline-color:#fff}
.log:focus-visible{outline-offset:-3px}
.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;background:var(--rd-primary);box-shadow:0 4px 14px rgba(0,0,0,.3);z-index:2147483000;display:flex;align-items:center;justify-content:center}
.launcher svg{width:28px;height:28px;fill:#fff}
.launcher.labelled{width:auto;padding:0 20px 0 16px;border-radius:30px;gap:8px}
.launcher .label{color:#fff;font-size:15px;font-weight:600;white-space:nowrap}
.left .launcher{right:auto;left:20px}.left .panel{right:auto;left:20px}
.greeting .bubble{border-left:4px solid var(--rd-primary)}
.privacy{font-size:12px;color:var(--rd-primary);text-decoration:underline}
.unread-marker{position:sticky;top:-12px;z-index:1;align-self:stretch;display:flex;align-items:center;gap:8px;background:#f5f6f7;padding:2px 0}
.unread-marker button{font-size:12px;font-weight:700;color:#b71c1c;padding:2px 6px}
.unread-marker::before,.unread-marker::after{content:"";flex:1;border-top:1px solid #b71c1c}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c62828;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}
.panel{position:fixed;right:20px;bottom:92px;width:370px;height:min(600px,calc(100vh - 112px));background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);z-index:2147483001;display:flex;flex-direction:column;overflow:hidden;animation:pop .18s ease-out}
.panel[hidden],[hidden]{display:none!important}
@keyframes pop{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
.head{background:var(--rd-primary);padding:12px 14px;display:flex;align-items:center;gap:8px}
.head *{color:#fff}
h2{font-size:16px;font-weight:700;flex:1}
.sub{font-size:12px;color:#fff;display:block;font-weight:400}
.close{width:36px;height:36px;border-radius:8px;font-size:24px;line-height:36px;color:#fff}
.status{background:#fff4d6;color:#5c4400;font-size:13px;padding:6px 12px;border-bottom:1px solid #f0dfa8}
.log{flex:1;overflow-y:auto;padding:12px;background:#f5f6f7;position:relative}
.items{list-style:none;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;display:flex;flex-direction:column;gap:4px}
.msg.user{align-self:flex-end;align-items:flex-end}
.bubble{padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #dde1e4;white-space:pre-wrap;word-break:break-word;font-size:14px}
.user .bubble{background:var(--rd-primary);border-color:var(--rd-primary);color:#fff}
.progress .bubble{border-left:4px solid var(--rd-primary)}
.author{font-size:12px;font-weight:600;color:#454c52;padding:0 4px}
.meta{font-size:11px;color:#595959}
.meta.failed{color:#b71c1c}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{border:1px solid var(--rd-primary);color:var(--rd-primary);background:#fff;border-radius:16px;padding:6px 12px;font-size:14px;min-height:36px}
.chip:hover{background:#e7f2ed}
/* Five 40 px stars fit one line down to a 320 px phone. */
.stars{display:flex;flex-wrap:nowrap;gap:2px}
.star{font-size:28px;line-height:36px;width:40px;height:40px;color:#6b7378;flex:none}
.star.on,.star:hover{color:#8a6d00}
.card{background:#fff;border:1px solid #c9d3cf;border-radius:10px;padding:10px 12px;min-width:200px}
.card dt{font-size:11px;color:#595959;text-transform:uppercase}
.card dd{font-size:14px;font-weight:600;margin-bottom:4px}
.id{white-space:nowrap}
.thumb{max-width:180px;max-height:180px;border-radius:10px;display:block}
.bar{height:6px;background:#dde1e4;border-radius:3px;overflow:hidden;width:180px}
.bar i{display:block;height:100%;background:var(--rd-primary);width:0}
.typing{padding:4px 16px 8px;font-size:12px;color:#595959;background:#f5f6f7}
.dots span{display:inline-block;width:6px;height:6px;margin-right:3px;border-radius:50%;background:#595959;animation:blink 1.2s infinite}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
form{display:flex;align-items:flex-end;gap:6px;padding:8px;border-top:1px solid #dde1e4;background:#fff}
textarea{flex:1;resize:none;border:1px solid #8c959c;border-radius:10px;padding:8px 10px;font-size:15px;min-height:40px;max-height:120px;background:#fff;color:#1c1c1c;display:block}
.icon{width:40px;height:40px;border-radius:10px;display:flex;align-items:center;justify-content:center;flex:none}
.icon svg{width:22px;height:22px;fill:var(--rd-primary)}
.send{background:var(--rd-primary)}.send svg{fill:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{right:0;bottom:0;left:0;top:0;width:100%;height:100%;border-radius:0}.launcher{right:12px;bottom:12px}.left .launcher{left:12px;right:auto}.left .panel{left:0}.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
