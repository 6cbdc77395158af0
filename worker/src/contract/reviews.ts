// Shared review (issue 16): the agent and the customer look at one PDF
// together. Who leads and on which page is stored and logged; highlights and
// comments are kept with the review and shown after it ends; pointers and
// the leader's scroll are live frames only (frames.ts). Positions are
// fractions of the page (0–1 from its top-left corner), so each side draws
// them at its own size: a phone and a desktop point at the same word.
// The review's summary, part of every item view, is in apps.ts.
import { z } from '@hono/zod-openapi';
import { MAX_COMMENT_LENGTH } from '../domain/review';
import { idSchema } from './ids';
import { reviewSummarySchema } from './apps';
import { itemSchema } from './session';
import { isoTime } from './time';

const fraction = z.number().min(0).max(1);

/** A box on a page, as fractions of the page's width and height from its top-left corner. */
export const reviewRectSchema = z
  .object({ x: fraction, y: fraction, width: z.number().gt(0).max(1), height: z.number().gt(0).max(1) })
  .strict()
  .refine((r) => r.x + r.width <= 1.000001 && r.y + r.height <= 1.000001, 'the box must lie inside the page')
  .openapi('ReviewRect');
export type ReviewRect = z.infer<typeof reviewRectSchema>;

export const annotationSchema = z
  .object({
    id: z.string(),
    page: z.number().int().positive(),
    kind: z.enum(['highlight', 'comment']),
    rect: reviewRectSchema,
    text: z.string().nullable().openapi({ description: "a comment's words; a highlight may carry a short note" }),
    by: z.string().openapi({ description: '"agent" or "participant:<id>"' }),
    createdAt: isoTime,
  })
  .openapi('ReviewAnnotation');
export type Annotation = z.infer<typeof annotationSchema>;

export const reviewViewSchema = z
  .object({
    item: itemSchema,
    review: reviewSummarySchema.extend({ annotations: z.array(annotationSchema) }).omit({ kind: true }),
  })
  .openapi('ReviewView');
export type ReviewView = z.infer<typeof reviewViewSchema>;

export const newReviewSchema = z
  .object({
    sourceItemId: idSchema('item').openapi({ description: 'a document of this session: its sealed copy once sealed, else its PDF' }),
    name: z.string().trim().min(1).max(200).optional().openapi({ description: "defaults to the document's name" }),
    assigneeIds: z.array(idSchema('participant')).min(1).max(20).optional().openapi({ description: 'defaults to the customer' }),
    threadId: idSchema('thread').optional(),
  })
  .strict()
  .openapi('NewReview');
export type NewReview = z.infer<typeof newReviewSchema>;

/** Where the sender's pointer is (null: it left the page), and how far down the page the leader has scrolled. */
export const reviewPointerSchema = z
  .object({
    page: z.number().int().positive(),
    x: fraction.nullable(),
    y: fraction.nullable(),
    scroll: fraction.optional().openapi({ description: "the leader's scroll position in the page; followers scroll to it" }),
  })
  .strict()
  .refine((p) => (p.x === null) === (p.y === null), 'x and y are both given, or both null')
  .openapi('ReviewPointer');
export type ReviewPointer = z.infer<typeof reviewPointerSchema>;

export const reviewLeadSchema = z
  .object({ page: z.number().int().positive().optional().openapi({ description: "turn to this page; left out, take the lead on the leader's page" }) })
  .strict()
  .openapi('ReviewLead');

export const newAnnotationSchema = z
  .object({
    page: z.number().int().positive(),
    kind: z.enum(['highlight', 'comment']),
    rect: reviewRectSchema,
    text: z.string().trim().max(MAX_COMMENT_LENGTH).optional(),
  })
  .strict()
  .refine((a) => a.kind === 'highlight' || !!a.text, { message: 'a comment needs its text', path: ['text'] })
  .openapi('NewAnnotation');
export type NewAnnotation = z.infer<typeof newAnnotationSchema>;
