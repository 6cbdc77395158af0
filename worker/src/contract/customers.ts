// The address book: customers agents have contacted, and their owner.
import { z } from '@hono/zod-openapi';
import { SEARCH_SPACES } from '../domain/catalogue';
import { isoTime } from './time';

export const customerSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    owner: z.object({ id: z.string(), name: z.string() }),
    lastSessionId: z.string().nullable(),
    lastContactAt: isoTime,
  })
  .openapi('Customer');
export type CustomerView = z.infer<typeof customerSchema>;

export const customerListSchema = z.object({ scope: z.enum(SEARCH_SPACES), customers: z.array(customerSchema) }).openapi('CustomerList');
