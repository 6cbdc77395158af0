// The chat as the customer's room draws it: one bubble per message, mine
// at the inline end and theirs at the inline start, each with its author
// (the agent by name, "You", or the other participant) and time, a file as
// a link or, for an image, an inline preview, and under my own messages
// whether the agent has read them. Pure and shared by the server page
// (room/chat.tsx) and the script that redraws the chat (client/room/chat.ts).
import type { ParticipantRoomView } from '../contract/session';
import type { Translate } from '../i18n/translate';

type Room = Pick<ParticipantRoomView, 'me' | 'others' | 'agent' | 'messages'>;

export interface Bubble {
  id: string;
  mine: boolean;
  author: string;
  text: string | null;
  file: { href: string; name: string; image: boolean } | null;
  at: string;
  /** Under my own messages: read by the agent (✓✓) or only sent (✓); null under others'. */
  read: boolean | null;
}

/** The bubbles of one conversation: the main chat (threadId null) or the private one. */
export function chatBubbles(t: Translate, room: Room, threadId: string | null): Bubble[] {
  return room.messages
    .filter((m) => m.threadId === threadId)
    .map((m) => {
      const mine = m.author.kind === 'participant' && m.author.id === room.me.id;
      return {
        id: m.id,
        mine,
        author: authorOf(t, m.author, room),
        text: m.text,
        file: m.file ? { href: `/room/api/files/${m.file.id}`, name: m.file.name, image: m.file.type.startsWith('image/') } : null,
        at: m.createdAt,
        read: mine ? (m.read ?? false) : null,
      };
    });
}

function authorOf(t: Translate, author: Room['messages'][number]['author'], room: Room): string {
  if (author.kind === 'agent') return room.agent.name;
  if (author.id === room.me.id) return t('chat.author.you');
  const id = author.id;
  return room.others.find((o) => o.id === id)?.name ?? t('chat.author.participant');
}
