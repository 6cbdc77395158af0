// Times on the wire: ISO 8601 in UTC in every view; event stamps (`at`) are
// milliseconds since the epoch, as the event log stores them.
import { z } from '@hono/zod-openapi';

export const isoTime = z.iso.datetime({ offset: false }).openapi({ example: '2026-11-21T11:30:14.108Z' });
export const isoTimeOrNull = isoTime.nullable();
export const epochMs = z.number().int().nonnegative().openapi({ description: 'milliseconds since 1970-01-01 UTC', example: 1795260680418 });

/** A stored time (ms) as the wire shows it; null stays null. */
export const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
