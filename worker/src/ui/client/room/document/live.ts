// The page kept current without a reload: the document is loaded again when
// an event is about it (another signer, the agent's counter-signature, the
// seal landing), when the socket says to resync, or when someone's presence
// changes (the signers list shows who is in the room now).
import type { ParticipantFrame } from '../../../../contract/frames';
import { LiveSocket } from '../../live/live-socket';
import { frameConcernsItem } from '../../../room/document-words';
import { itemId, load, page, version } from './context';

export function live(): void {
  new LiveSocket<ParticipantFrame>({
    path: '/room/api/ws',
    version,
    onFrame: async (frame) => {
      const changed = frameConcernsItem(frame, itemId) || frame.type === 'resync' || (frame.type === 'presence' && frame.who === 'participant');
      if (changed && (await load())) page.redraw();
    },
  });
}
