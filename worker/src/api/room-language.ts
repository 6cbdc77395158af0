// /room/api/language — the customer picks the language of their room and of
// every message Parley sends them, from a room page's script (the plain form
// behind the same menu posts to /room/language: ui/language-routes.ts).
import { createRoute, z } from '@hono/zod-openapi';
import { languageSchema } from '../domain/contact';
import { unwrap } from '../errors';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';
import { ROOM_SECURITY as security, ROOM_TAGS as tags } from './room-caller';

export const roomLanguage = createApi();

const languageBodySchema = z.object({ language: languageSchema }).strict().openapi('LanguageChoice');

roomLanguage.openapi(
  createRoute({
    method: 'put',
    path: '/language',
    operationId: 'chooseLanguage',
    tags,
    security,
    summary: 'Choose the language of your room and of the messages you get (en, es, fr, de, he)',
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: languageBodySchema } } } },
    responses: { 200: json(languageBodySchema, 'The language now in use'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const { stub, actor } = c.var.room;
    return c.json(unwrap(await stub.chooseLanguage(actor, c.req.valid('json').language)), 200);
  },
);
