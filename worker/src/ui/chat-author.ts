// How the customer's room signs a chat message: "Agent" (participants never
// learn which agent), "You", or the other participant's name. Shared by the
// room page and its script, which draws the chat again on every change.
import type { ParticipantRoomView } from '../contract/session';

type Room = Pick<ParticipantRoomView, 'me' | 'others'>;

export function chatAuthor(author: ParticipantRoomView['messages'][number]['author'], room: Room): string {
  if (author.kind === 'agent') return 'Agent';
  if (author.id === room.me.id) return 'You';
  const id = author.id;
  return room.others.find((o) => o.id === id)?.name ?? 'Participant';
}
