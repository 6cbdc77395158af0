// The room's client script: live updates over the session's WebSocket and the
// chat form. Plain JS, served as a file so the CSP can forbid inline scripts.
export const ROOM_CLIENT_JS = `(() => {
  const $ = (s) => document.querySelector(s);
  const headers = { 'Content-Type': 'application/json', 'X-Parley-Room': '1' };
  const text = (t) => document.createTextNode(t == null ? '' : String(t));
  const el = (tag, attrs, ...kids) => { const e = document.createElement(tag); for (const k in attrs || {}) e.setAttribute(k, attrs[k]); kids.forEach((k) => e.append(typeof k === 'string' ? text(k) : k)); return e; };
  const DONE = ['completed', 'pending_approval', 'approved', 'approval_declined'];
  const DOCS = ['template_document', 'adhoc_document'];

  function render(state) {
    const items = $('#items'); items.replaceChildren();
    if (!state.items.length) items.append(el('li', { class: 'muted' }, 'Nothing to do yet.'));
    for (const i of state.items) {
      const name = DOCS.includes(i.kind) ? el('a', { href: '/room/documents/' + i.id }, i.name) : el('span', {}, i.name);
      items.append(el('li', { class: 'card' }, name, el('span', { class: 'status' + (DONE.includes(i.status) ? ' done' : '') }, i.status.replace(/_/g, ' '))));
    }
    const people = $('#participants'); people.replaceChildren();
    for (const p of state.others) people.append(el('li', {}, el('span', { class: 'presence' + (p.online ? ' online' : ''), 'aria-hidden': 'true' }), p.name + ' (' + p.roleName + ') — ' + (p.online ? 'online' : 'offline') + (p.completed ? ', completed' : '')));
    $('#agent-presence').className = 'presence' + (state.agentOnline ? ' online' : '');
    $('#agent-status').textContent = state.agentOnline ? 'Your agent is online' : 'Your agent is offline';
    const chat = $('#messages'); if (chat) { chat.replaceChildren();
      for (const m of state.messages) {
        const who = m.author.kind === 'agent' ? 'Agent' : (m.author.id === state.me.id ? 'You' : (state.others.find((o) => o.id === m.author.id) || {}).name || 'Participant');
        const body = m.file ? el('a', { href: '/room/api/files/' + m.file.id }, m.file.name) : text(m.text);
        chat.append(el('li', { class: 'msg' }, el('span', { class: 'who' }, who + ':'), body));
      }
      chat.scrollTop = chat.scrollHeight; }
  }

  async function refresh() {
    const res = await fetch('/room/api/state', { headers: { Accept: 'application/json' } });
    if (res.ok) render(await res.json()); else location.reload();
  }

  let backoff = 500;
  function connect() {
    const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/room/api/ws');
    ws.onmessage = (e) => { const m = JSON.parse(e.data); if (m.type === 'event' || m.type === 'presence') refresh(); };
    // On (re)connect, catch up on whatever happened while the socket was not open.
    ws.onopen = () => { backoff = 500; refresh(); };
    ws.onclose = () => { setTimeout(connect, backoff); backoff = Math.min(backoff * 2, 15000); };
    setInterval(() => ws.readyState === 1 && ws.send('ping'), 25000);
  }

  const form = $('#chat-form');
  if (form) form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const input = $('#chat-text'); const file = $('#chat-file');
    const note = $('#chat-error'); note.textContent = '';
    let res;
    if (file && file.files && file.files[0]) {
      const body = new FormData(); body.append('file', file.files[0]); if (input.value.trim()) body.append('text', input.value.trim());
      res = await fetch('/room/api/attachments', { method: 'POST', headers: { 'X-Parley-Room': '1' }, body });
    } else if (input.value.trim()) {
      res = await fetch('/room/api/messages', { method: 'POST', headers, body: JSON.stringify({ text: input.value.trim() }) });
    } else return;
    if (res.ok) { input.value = ''; if (file) file.value = ''; refresh(); }
    else { const err = await res.json().catch(() => ({})); note.textContent = (err.error && err.error.message) || 'Could not send.'; }
  });

  connect();
})();`;
