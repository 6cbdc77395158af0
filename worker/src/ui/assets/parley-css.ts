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
`;
