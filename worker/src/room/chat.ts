// Chat: text messages and attachments between the agent and participants,
// in the main chat or a private thread, within what the settings let a
// customer do during and after the session (SPEC §3, §6).
import { now } from '../clock';
import type { MessageView } from '../contract/session';
import { customerMay } from '../domain/access';
import { ACCEPTED_TYPES, MAX_ATTACHMENT_BYTES, cleanFileName, sniffFileType } from '../domain/file-type';
import { newId } from '../auth/crypto';
import type { Settings } from '../domain/settings';
import { fail, notFound, ok, type Result } from '../errors';
import { actorKey, type Actor } from './actors';
import { accessOf, type Authorized } from './access';
import type { RoomContext } from './context';
import type { MessageRow, SessionRow } from './store';
import { messageView } from './views';

export interface UploadInput {
  bytes: ArrayBuffer;
  fileName?: string | undefined;
  threadId?: string | undefined;
  text?: string | undefined;
}

export interface ChatHooks {
  /** A participant wrote: postpones inactive auto-close. Runs inside the change. */
  customerActive(at: number, settings: Settings): void;
}

type Attached = { id: string; name: string; type: string; size: number };

export class Chat {
  constructor(
    private readonly ctx: RoomContext,
    private readonly hooks: ChatHooks,
  ) {}

  async post(actor: Actor, input: { text: string; threadId?: string | undefined }): Promise<Result<MessageView>> {
    const allowed = await this.mayWrite(actor, input.threadId, 'chat');
    if (!allowed.ok) return allowed;
    return ok(this.add(actor, allowed.value.settings, { text: input.text, threadId: input.threadId, file: null }));
  }

  /**
   * A participant's SMS reply to an invitation or notice (api/hooks): posted
   * into the main chat as theirs, while the session still lets them write. The
   * number it came from stands in for the device: the reply answers a message
   * sent to that number alone.
   */
  async postSmsReply(participantId: string, text: string): Promise<Result<MessageView>> {
    const { store, directory } = this.ctx;
    const s = store.session();
    const p = store.participant(participantId);
    if (!s || !p) return notFound('participant');
    const settings = await directory.settings();
    if (!customerMay(accessOf(s, p, settings), settings, 'chat')) return fail(409, 'chat_closed', 'the session takes no more messages from this participant');
    return ok(this.add({ kind: 'participant', participantId, deviceToken: '' }, settings, { text, threadId: undefined, file: null }));
  }

  /** A chat attachment: size-limited, typed from its bytes, stored under a random key. */
  async upload(actor: Actor, input: UploadInput): Promise<Result<MessageView>> {
    if (input.bytes.byteLength === 0) return fail(422, 'empty_file', 'file: the file is empty');
    if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES) {
      return fail(413, 'file_too_large', `file: ${input.bytes.byteLength} bytes is over the ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB limit`);
    }
    const bytes = new Uint8Array(input.bytes);
    const type = sniffFileType(bytes);
    if (!type) return fail(415, 'unsupported_type', `file: the content is not a ${ACCEPTED_TYPES} file`);
    const allowed = await this.mayWrite(actor, input.threadId, 'attach');
    if (!allowed.ok) return allowed;
    const session = allowed.value.session;
    const fileId = newId('fil');
    await this.ctx.env.FILES.put(fileKey(session, fileId), bytes, {
      httpMetadata: { contentType: type.mime },
      customMetadata: { sessionId: session.id, uploadedBy: actorKey(actor) },
    });
    const file = { id: fileId, name: cleanFileName(input.fileName, type.ext), type: type.mime, size: bytes.byteLength };
    return ok(this.add(actor, allowed.value.settings, { text: input.text?.trim() || null, threadId: input.threadId, file }));
  }

  /** A file this actor may see: where it is stored. Limited access may still download. */
  async file(actor: Actor, fileId: string): Promise<Result<{ key: string; name: string; type: string; size: number }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const m = this.ctx.store.messageWithFile(fileId);
    if (!m || !this.ctx.access.canSeeThread(actor, m.thread_id)) return notFound('file');
    return ok({ key: fileKey(who.value.session, fileId), name: m.file_name!, type: m.file_type!, size: m.file_size! });
  }

  /** The name of a file sent in this session, or null when there is none by that id. */
  fileName(fileId: string): string | null {
    return this.ctx.store.messageWithFile(fileId)?.file_name ?? null;
  }

  private async mayWrite(actor: Actor, threadId: string | undefined, what: 'chat' | 'attach'): Promise<Result<Authorized>> {
    const { access, store } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    if (threadId && (!store.thread(threadId) || !access.canSeeThread(actor, threadId))) return notFound('private session');
    if (actor.kind === 'participant') {
      const level = who.value.access!;
      if (!customerMay(level, who.value.settings, what)) {
        if (level.level !== 'full') return access.requireFullAccess(level)!;
        const off = what === 'chat' ? 'chat is switched off' : 'attachments are switched off';
        return fail(403, `${what}_disabled`, `${off} for this session${level.reason === 'after_end_full' ? ' now that it has ended' : ''}`);
      }
    }
    return ok(who.value);
  }

  /** Store a message the caller was checked for, and announce it. */
  private add(actor: Actor, settings: Settings, input: { text: string | null; threadId: string | undefined; file: Attached | null }): MessageView {
    const { store, log, access } = this.ctx;
    const id = newId('msg');
    const at = now();
    let message!: MessageView;
    const row: MessageRow = {
      id,
      thread_id: input.threadId ?? null,
      author_kind: actor.kind,
      author_id: actor.kind === 'agent' ? actor.agentId : actor.participantId,
      text: input.text,
      file_id: input.file?.id ?? null,
      file_name: input.file?.name ?? null,
      file_type: input.file?.type ?? null,
      file_size: input.file?.size ?? null,
      created_at: at,
    };
    log.commit(() => {
      store.insertMessage(row);
      message = messageView(row);
      log.emit('message.posted', actorKey(actor), access.audienceOf(input.threadId ?? null), { message });
      if (actor.kind === 'participant') this.hooks.customerActive(at, settings);
    });
    if (actor.kind === 'participant') this.ctx.state.waitUntil(this.ctx.timers.arm());
    this.ctx.publisher.soon();
    return message;
  }
}

/** Where a chat attachment is kept in R2 (also what erasure deletes). */
export function fileKey(s: Pick<SessionRow, 'org_id' | 'id'>, fileId: string): string {
  return `orgs/${s.org_id}/sessions/${s.id}/files/${fileId}`;
}
