// GET /app/sessions/:id/documents/:itemId: the agent's own fields of a
// document, when an Agent role is acting now. "Agent details" before the
// document reaches the customer (awaiting_agent), "Sign as agent" after.
// The script fills each field (PUT …/fields/:fieldId) and completes
// (POST …/complete); a field the server refuses shows its message in place.
// The signatures given so far show as signed: a drawing as the drawing.
import type { AgentRecord } from '../../directory/agents';
import type { DocumentItemView } from '../../contract/documents';
import { WsLayout, humanStatus } from './layout';
import { ITEM_STATUS_LABELS } from '../../domain/catalogue';

type DocField = DocumentItemView['document']['fields'][number];

export function DocumentPage({ agent, sessionId, customerName, doc }: { agent: AgentRecord; sessionId: string; customerName: string; doc: DocumentItemView }) {
  const d = doc.document;
  const details = doc.item.status === 'awaiting_agent';
  const title = `${details ? 'Agent details' : 'Sign as agent'}: ${d.name}`;
  const acting = new Set(d.roles.filter((r) => r.actingNow && !r.done && r.assigned === 'agent').map((r) => r.name));
  const fields = d.fields.filter((f) => f.mine && acting.has(f.role));
  const back = `/app/sessions/${sessionId}`;
  return (
    <WsLayout title={title} agent={agent} page="document" sessionId={sessionId}>
      <p class="ws-back">
        <a href={back}>← Back to the session with {customerName}</a>
      </p>
      <h1>{title}</h1>
      <p class="muted">
        Status: {ITEM_STATUS_LABELS[doc.item.status]} ·{' '}
        <a href={`${back}/documents/${d.itemId}/pdf`} target="_blank" rel="noopener">
          Preview the document<span class="ws-sr"> (opens in a new tab)</span>
        </a>
      </p>
      <SignaturesSoFar sessionId={sessionId} doc={doc} />
      {!d.myTurn ? (
        <p class="banner" role="status">
          Nothing for you to fill on this document now.{' '}
          {d.roles.some((r) => r.actingNow && !r.done) ? `Waiting for: ${d.roles.filter((r) => r.actingNow && !r.done).map((r) => r.name).join(', ')}.` : ''}
        </p>
      ) : (
        <form id="doc-form" class="ws-form ws-panel" novalidate data-item={d.itemId} data-back={back}>
          <p class="muted">
            {details
              ? 'Fill in your details; the document goes to the customer when you finish.'
              : 'Your signature is typed: enter your name as you sign it. The date is added when you finish.'}
          </p>
          {fields.filter((f) => f.type !== 'date_signed').map((f) => (
            <AgentField f={f} />
          ))}
          {fields.some((f) => f.type === 'date_signed') ? <p class="muted">The date signed is filled in by Parley.</p> : null}
          <p class="ws-err" id="doc-err" data-field="" role="alert" />
          <button type="submit" class="ws-btn">
            {details ? 'Finish agent details' : 'Sign and finish'}
          </button>
        </form>
      )}
    </WsLayout>
  );
}

/**
 * The signatures given so far, as signed: a drawn one as its drawing (served
 * with the workspace cookie by …/fields/:fieldId/image), a typed one as the
 * name typed. The document's view never carries the drawing itself.
 */
function SignaturesSoFar({ sessionId, doc }: { sessionId: string; doc: DocumentItemView }) {
  const signed = doc.document.fields.filter((f) => (f.type === 'signature' || f.type === 'initials') && f.value && (f.value.kind === 'drawn' || f.value.kind === 'typed'));
  if (signed.length === 0) return null;
  return (
    <section class="ws-panel" aria-labelledby="signatures-h">
      <h2 id="signatures-h">Signatures so far</h2>
      <ul class="ws-signatures">
        {signed.map((f) => {
          const name = `${f.label ?? capitalize(humanStatus(f.type))} (${f.role})`;
          return (
            <li data-signature-of={f.id}>
              <span>{name}: </span>
              {f.value?.kind === 'drawn' ? (
                <img src={`/app/sessions/${sessionId}/documents/${doc.item.id}/fields/${f.id}/image`} alt={`${name}, drawn by hand`} class="ws-drawn-signature" />
              ) : (
                <span class="ws-typed-signature">{f.value?.kind === 'typed' ? f.value.text : ''}</span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AgentField({ f }: { f: DocField }) {
  const id = `f-${f.id}`;
  const err = `${id}-err`;
  const name = f.label ?? capitalize(humanStatus(f.type));
  const label = `${name}${f.required ? '' : ' (optional)'}`;
  const common = { id, 'aria-describedby': err, 'data-field-id': f.id, 'data-type': f.type, 'data-required': f.required ? '1' : undefined };
  const text = f.value && (f.value.kind === 'text' || f.value.kind === 'typed') ? f.value.text : '';
  if (f.type === 'attachment') {
    return (
      <div class="ws-field">
        <p>{label}: an attachment field. Upload it from the CRM panel; the workspace does not take files for fields yet.</p>
      </div>
    );
  }
  if (f.type === 'checkbox') {
    return (
      <div class="ws-check">
        <input type="checkbox" {...common} checked={f.value?.kind === 'checked' && f.value.checked} />
        <label for={id}>{label}</label>
        <p class="ws-err" id={err} />
      </div>
    );
  }
  if (f.type === 'radio' || f.type === 'dropdown') {
    return (
      <div class="ws-field">
        <label for={id}>{label}</label>
        <select {...common} required={f.required}>
          <option value="">Choose…</option>
          {(f.options ?? []).map((o) => (
            <option value={o} selected={o === text}>
              {o}
            </option>
          ))}
        </select>
        <p class="ws-err" id={err} />
      </div>
    );
  }
  const type = f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : f.validation?.format === 'date' ? 'date' : 'text';
  const isSignature = f.type === 'signature' || f.type === 'initials';
  return (
    <div class="ws-field">
      <label for={id}>{isSignature ? `${label}: type your name` : label}</label>
      <input
        type={type}
        {...common}
        value={text}
        required={f.required}
        inputmode={f.type === 'number' ? 'decimal' : undefined}
        maxlength={isSignature ? 120 : (f.validation?.maxLength ?? 10000)}
        autocomplete={f.type === 'full_name' ? 'name' : 'off'}
        class={isSignature ? 'ws-typed-signature' : undefined}
      />
      <p class="ws-err" id={err} />
    </div>
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
