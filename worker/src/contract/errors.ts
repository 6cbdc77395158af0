// The one error shape of every JSON answer that is not a success.
import { z } from '@hono/zod-openapi';

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string().openapi({ description: 'names the field or the state that is wrong', example: 'body.customer.email: must be an email address' }),
      issues: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');
export type ErrorBody = z.infer<typeof errorSchema>;
