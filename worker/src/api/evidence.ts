// What a signature's audit trail records of the request behind it: where it
// came from and with what, as the edge reports them.
import type { Context } from 'hono';

export interface Evidence {
  ip: string | null;
  userAgent: string | null;
}

export function evidence(c: Context): Evidence {
  return { ip: c.req.header('CF-Connecting-IP') ?? null, userAgent: c.req.header('User-Agent')?.slice(0, 300) ?? null };
}
