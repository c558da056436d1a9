/**
 * All of the widget's CSS, inside its shadow root. Page styles cannot reach in; `:host` is reset with
 * !important because, across the shadow boundary, the inner !important beats a page's `* { all: unset !important }`.
 * Sizes are px, never em/rem, so a page's huge root font size changes nothing.
 */
export const CSS = `
:host{all:initial!important;display:block!important;position:static!important;width:0!important;height:0!important}
*{box-sizing:border-box;margin:0;padding:0;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;font-size:14px;line-height:1.45;color:#1c1c1c}
button{cursor:pointer;border:0;background:none;font:inherit}
button:focus-visible,textarea:focus-visible{outline:3px solid #f0b429;outline-offset:2px}
.launcher{position:fixed;right:20px;bottom:20px;width:60px;height:60px;border-radius:50%;background:#1f5f4a;box-shadow:0 4px 14px rgba(0,0,0,.3);z-index:2147483000;display:flex;align-items:center;justify-content:center}
.launcher svg{width:28px;height:28px;fill:#fff}
.badge{position:absolute;top:-4px;right:-4px;min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#c62828;color:#fff;font-size:12px;font-weight:700;line-height:22px;text-align:center}
.panel{position:fixed;right:20px;bottom:92px;width:370px;height:min(600px,calc(100vh - 112px));background:#fff;border-radius:12px;box-shadow:0 8px 30px rgba(0,0,0,.3);z-index:2147483001;display:flex;flex-direction:column;overflow:hidden;animation:pop .18s ease-out}
.panel[hidden],[hidden]{display:none!important}
@keyframes pop{from{opacity:0;transform:translateY(12px)}to{opacity:1;transform:none}}
header{background:#1f5f4a;padding:12px 14px;display:flex;align-items:center;gap:8px}
header *{color:#fff}
h2{font-size:16px;font-weight:700;flex:1}
.sub{font-size:12px;color:#e3f1ea;display:block;font-weight:400}
.close{width:36px;height:36px;border-radius:8px;font-size:24px;line-height:36px;color:#fff}
.status{background:#fff4d6;color:#5c4400;font-size:13px;padding:6px 12px;border-bottom:1px solid #f0dfa8}
.log{flex:1;overflow-y:auto;padding:12px;list-style:none;background:#f5f6f7;display:flex;flex-direction:column;gap:8px}
.msg{max-width:85%;display:flex;flex-direction:column;gap:4px}
.msg.user{align-self:flex-end;align-items:flex-end}
.bubble{padding:8px 12px;border-radius:14px;background:#fff;border:1px solid #dde1e4;white-space:pre-wrap;word-break:break-word;font-size:14px}
.user .bubble{background:#1f5f4a;border-color:#1f5f4a;color:#fff}
.progress .bubble{border-left:4px solid #1f5f4a}
.meta{font-size:11px;color:#595959}
.meta.failed{color:#b71c1c}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{border:1px solid #1f5f4a;color:#1f5f4a;background:#fff;border-radius:16px;padding:6px 12px;font-size:14px;min-height:36px}
.chip:hover{background:#e7f2ed}
.stars{display:flex;gap:2px}
.star{font-size:28px;line-height:36px;width:40px;height:40px;color:#8a6d00}
.card{background:#fff;border:1px solid #c9d3cf;border-radius:10px;padding:10px 12px;min-width:200px}
.card dt{font-size:11px;color:#595959;text-transform:uppercase}
.card dd{font-size:14px;font-weight:600;margin-bottom:4px}
.thumb{max-width:180px;max-height:180px;border-radius:10px;display:block}
.bar{height:6px;background:#dde1e4;border-radius:3px;overflow:hidden;width:180px}
.bar i{display:block;height:100%;background:#1f5f4a;width:0}
.typing{padding:4px 16px 8px;font-size:12px;color:#595959;background:#f5f6f7}
.dots span{display:inline-block;width:6px;height:6px;margin-right:3px;border-radius:50%;background:#595959;animation:blink 1.2s infinite}
.dots span:nth-child(2){animation-delay:.2s}.dots span:nth-child(3){animation-delay:.4s}
@keyframes blink{0%,80%,100%{opacity:.25}40%{opacity:1}}
form{display:flex;align-items:flex-end;gap:6px;padding:8px;border-top:1px solid #dde1e4;background:#fff}
textarea{flex:1;resize:none;border:1px solid #8c959c;border-radius:10px;padding:8px 10px;font-size:15px;min-height:40px;max-height:120px;background:#fff;color:#1c1c1c;display:block}
.icon{width:40px;height:40px;border-radius:10px;display:flex;align-items:center;justify-content:center;flex:none}
.icon svg{width:22px;height:22px;fill:#1f5f4a}
.send{background:#1f5f4a}.send svg{fill:#fff}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.panel{right:0;bottom:0;left:0;top:0;width:100%;height:100%;border-radius:0}.launcher{right:12px;bottom:12px}.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
