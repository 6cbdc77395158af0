// /room/api/reviews/{itemId} — the customer's side of a shared review: the
// same routes as the agent's (api/review-routes.ts), signed in by the room
// cookie. Only the agent starts or ends a review.
import { z } from '@hono/zod-openapi';
import { idSchema } from '../contract/ids';
import { createApi } from './openapi';
import { reviewRoutes } from './review-routes';
import { ROOM_SECURITY, ROOM_TAGS } from './room-caller';

export const roomReviews = createApi();

reviewRoutes(roomReviews, {
  path: '/reviews/{itemId}',
  params: z.object({ itemId: idSchema('item') }),
  tags: ROOM_TAGS,
  security: ROOM_SECURITY,
  operationId: (name) => name.replace('Review', 'RoomReview'),
  caller: (c) => c.var.room,
});
