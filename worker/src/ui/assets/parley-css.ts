// The one stylesheet: mobile first, readable at 360 px, no external fonts.
export const PARLEY_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1c2430;background:#f5f7fa}
main{max-width:760px;margin:0 auto;padding:16px}
h1{font-size:1.4rem;margin:.2em 0 .6em}
h2{font-size:1.1rem;margin:1.2em 0 .5em}
.notice{text-align:center;padding-top:15vh}
.muted{color:#5b6675;font-size:.9rem}
.banner{background:#fff4d6;border:1px solid #e8c66a;border-radius:8px;padding:10px 12px;margin:8px 0}
.card{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:12px;margin:8px 0;display:flex;justify-content:space-between;gap:8px;align-items:center}
.status{font-size:.85rem;padding:2px 8px;border-radius:12px;background:#e8eef6;white-space:nowrap}
.status.done{background:#dff3e4}
.presence{display:inline-block;width:10px;height:10px;border-radius:50%;background:#aab4c0;margin-right:6px}
.presence.online{background:#2e9d52}
ul.plain{list-style:none;padding:0;margin:0}
.chat{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:8px;max-height:50vh;overflow:auto}
.msg{margin:6px 0}.msg .who{font-weight:600;margin-right:6px}
form.row{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}
form.row input[type=text]{flex:1;min-width:0;padding:10px;border:1px solid #b8c2cc;border-radius:8px;font:inherit}
button{padding:10px 14px;border:0;border-radius:8px;background:#1f5fbf;color:#fff;font:inherit;cursor:pointer}
button:disabled{background:#9aa7b5}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
table{border-collapse:collapse;width:100%;background:#fff}td,th{border:1px solid #dde3ea;padding:6px;text-align:left;vertical-align:top;font-size:.9rem}
code{word-break:break-all}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.file-pick{display:flex;flex-direction:column;gap:4px;flex-basis:100%;font-size:.9rem}
.file-pick input{padding:10px 0;min-height:44px}
/* ─────────────── Agent workspace (/app, body.ws) — everything below is scoped to it ─────────────── */
.ws-sr{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.ws-skip{position:absolute;left:8px;top:-48px;background:#fff;color:#1c2430;padding:8px 12px;border-radius:6px;z-index:10}.ws-skip:focus{top:8px}
.ws-bar{display:flex;align-items:center;gap:12px;padding:8px 16px;background:#17324d;color:#fff}
.ws-brand{color:#fff;font-weight:700;font-size:1.1rem;text-decoration:none}
.ws-who{margin-left:auto;font-size:.9rem}.ws-org{opacity:.85}
.ws-signout{margin:0}
.ws main.ws-main{max-width:1180px;outline:none}
.ws a{color:#1f5fbf}.ws .ws-bar a{color:#fff}
.ws-columns{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.ws-grow{flex:1 1 420px;min-width:0}
.ws-columns>.ws-panel:first-child:not(.ws-grow){flex:0 1 340px}
.ws-side{flex:0 1 300px;min-width:240px}
.ws-panel{background:#fff;border:1px solid #dde3ea;border-radius:10px;padding:12px 16px;margin:0 0 16px}
.ws-panel>h2:first-child{margin-top:.2em}
.ws-form .ws-field,.ws-field{display:flex;flex-direction:column;gap:4px;margin:0 0 10px}
.ws-field label{font-weight:600;font-size:.9rem}
.ws input[type=text],.ws input[type=email],.ws input[type=tel],.ws input[type=search],.ws input[type=date],.ws select{padding:8px 10px;border:1px solid #8a96a3;border-radius:6px;font:inherit;background:#fff;color:inherit;min-width:0}
.ws-fieldset{border:1px solid #dde3ea;border-radius:8px;padding:8px 12px;margin:0 0 10px}.ws-fieldset legend{font-weight:600;font-size:.9rem;padding:0 4px}
.ws-check{display:grid;grid-template-columns:auto 1fr;gap:4px 8px;align-items:center;margin:0 0 10px}.ws-check label{font-weight:600}.ws-check p{grid-column:2;margin:0}
.ws-err{color:#b00020;font-size:.88rem;margin:0}.ws-err:empty{display:none}
.ws [aria-invalid=true]{border-color:#b00020;box-shadow:0 0 0 1px #b00020}
.ws .ws-btn-quiet{background:transparent;color:inherit;border:1px solid currentColor;padding:6px 12px}
.ws .ws-btn-danger{background:#b3261e}
.ws .ws-btn:disabled{background:#9aa7b5;cursor:not-allowed}
.ws-search{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin:0 0 12px}.ws-search .ws-field{margin:0}
.ws-table{margin-top:4px}
.ws-head h1{margin-bottom:.2em;overflow-wrap:anywhere}
.ws-meta{display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center;margin:0 0 6px}
.ws-presence{display:inline-flex;align-items:center}.ws-presence .presence{flex:none}
.ws-row{display:flex;flex-wrap:wrap;gap:8px;align-items:center}
.ws-actions{margin:8px 0}
.ws-back{margin:0 0 6px;font-size:.9rem}
.ws-conn{margin:0;font-size:.8rem}
.ws-notice-line{margin:4px 0}.ws-notice-line:empty{display:none}
.ws ul.ws-bubbles{margin:0 0 12px}
.ws-bubble{display:flex;gap:12px;background:#f8fafc;border:1px solid #dde3ea;border-radius:14px;padding:10px 12px;margin:8px 0}
.ws-bubble.done{background:#f1faf3;border-color:#bfe3c9}
.ws-mark{flex:none;width:1.8rem;height:1.8rem;border-radius:50%;background:#e8eef6;color:#41506a;display:flex;align-items:center;justify-content:center;font-size:1rem}
.ws-bubble.done .ws-mark{background:#2e7d45;color:#fff}
.ws-bubble-body{flex:1;min-width:0}
.ws-bubble-title{margin:0;display:flex;flex-wrap:wrap;gap:6px;align-items:center;font-weight:600;overflow-wrap:anywhere}
.ws-bubble-meta{margin:2px 0 6px}
.ws-toolbar{display:flex;flex-wrap:wrap;gap:6px}
.ws .ws-tool{font:inherit;font-size:.85rem;padding:4px 10px;border:1px solid #1f5fbf;border-radius:6px;background:#fff;color:#1f5fbf;text-decoration:none;cursor:pointer}
.ws .ws-tool-main{background:#1f5fbf;color:#fff}
.ws-chat{max-height:40vh;margin-bottom:4px}
.ws-mine .who{color:#1f5fbf}
.ws-msg-time{font-size:.75rem}
.ws-chat-form{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin-top:8px}.ws-chat-form .ws-field{margin:0}
.ws-inline{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end}.ws-inline .ws-field{margin:0}.ws-inline #template-roles{flex-basis:100%}.ws-inline #template-roles:empty{display:none}
.ws-full{flex-basis:100%}
.ws-new[hidden]{display:none}
.ws-person{border-top:1px solid #eef1f5;padding:8px 0}.ws-person:first-child{border-top:0}
.ws-person-name{margin:0 0 4px;overflow-wrap:anywhere}
.ws-facts{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:0;font-size:.88rem}.ws-facts dt{color:#5b6675}.ws-facts dd{margin:0}
.ws-count{display:inline-block;background:#e8eef6;border-radius:10px;padding:0 8px;font-size:.9rem;margin-left:4px}
.ws-s-active{background:#dff3e4}.ws-s-planned{background:#fff4d6}.ws-s-ended,.ws-s-closed{background:#eceff3}
.ws dialog{border:1px solid #dde3ea;border-radius:10px;padding:16px 20px;max-width:440px;width:calc(100% - 32px)}.ws dialog::backdrop{background:rgba(15,25,40,.45)}
.ws dialog h2{margin-top:0}
.ws-notice{text-align:center;padding-top:12vh;max-width:600px;margin:0 auto}
@media (max-width:640px){.ws-who .ws-org{display:none}.ws-side{flex-basis:100%}}
`;
