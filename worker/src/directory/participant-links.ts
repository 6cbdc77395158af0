// Participant links in D1: the hashes of each invitation's long token and
// short code, pointing at one participant of one session. Only hashes are
// stored (auth/participant-link.ts mints and hashes them).
import type { MintedLink } from '../auth/participant-link';

export interface LinkTarget {
  orgId: string;
  sessionId: string;
  participantId: string;
  /** The participant's language, for the pages the link shows; null: the browser's. */
  language?: string | null | undefined;
}

export interface LinkRow {
  session_id: string;
  participant_id: string;
  revoked_at: number | null;
  /** The inviting org's name, for the page the link shows. */
  org_name: string;
  /** The participant's language when known (i18n/locales.ts), else null. */
  language: string | null;
}

/**
 * Store freshly minted links in one batch. With revokeOld, the participant's
 * earlier links stop working first (the old one may have gone to the wrong
 * person).
 */
export async function saveLinks(db: D1Database, links: Array<{ to: LinkTarget; link: MintedLink; revokeOld?: boolean }>, at: number): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (const { to, link, revokeOld } of links) {
    if (revokeOld) {
      statements.push(db.prepare('UPDATE participant_links SET revoked_at = ? WHERE session_id = ? AND participant_id = ? AND revoked_at IS NULL').bind(at, to.sessionId, to.participantId));
    }
    for (const hash of [link.tokenHash, link.codeHash]) {
      statements.push(
        db
          .prepare('INSERT INTO participant_links (hash, org_id, session_id, participant_id, created_at, language) VALUES (?, ?, ?, ?, ?, ?)')
          .bind(hash, to.orgId, to.sessionId, to.participantId, at, to.language ?? null),
      );
    }
  }
  if (statements.length) await db.batch(statements);
}

/** The link a secret's hash belongs to, revoked or not. */
export function findLink(db: D1Database, hash: string): Promise<LinkRow | null> {
  return db
    .prepare('SELECT l.session_id, l.participant_id, l.revoked_at, l.language, o.name AS org_name FROM participant_links l JOIN orgs o ON o.id = l.org_id WHERE l.hash = ?')
    .bind(hash)
    .first<LinkRow>();
}

/** The participant chose another language in the room: every link of theirs shows its pages in it. */
export async function setLinkLanguage(db: D1Database, sessionId: string, participantId: string, language: string | null): Promise<void> {
  await db.prepare('UPDATE participant_links SET language = ? WHERE session_id = ? AND participant_id = ?').bind(language, sessionId, participantId).run();
}
