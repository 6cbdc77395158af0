// RFC 3161 timestamps: the request Parley sends to an org's timestamp
// authority (TSA) over https, and the checks on its answer. The token returned
// is what CAdES puts in the signature as id-aa-timeStampToken.
//
// The TSA is an address an admin typed: it gets https only, 10 seconds to
// answer in full, and 64 KB to answer in (a token with its certificate chain
// is a few KB), so a slow or endless answer cannot hold or fill a seal.
import * as der from './der.ts';
import { isLoopback, outboundUrlProblem } from '../outbound-url.ts';
import { CMS_OID } from './cades.ts';
import { sha256 } from './digest.ts';

export class TimestampError extends Error {
  override name = 'TimestampError';
}

/**
 * TimeStampReq ::= SEQUENCE { version 1, messageImprint { sha256, hash },
 * nonce, certReq TRUE } — certReq so that the token carries the TSA's
 * certificate and a validator can check it offline.
 */
export function timestampRequest(digest: Uint8Array, nonce: bigint): Uint8Array {
  return der.sequence(der.integer(1), der.sequence(der.algorithm(CMS_OID.sha256, false), der.octetString(digest)), der.integer(nonce), der.boolean(true));
}

export interface TimestampToken {
  /** The TimeStampToken (a CMS ContentInfo), DER. */
  token: Uint8Array;
  /** The time the TSA certified. */
  genTime: Date;
}

function parseGeneralizedTime(node: der.Node): Date {
  const s = new TextDecoder().decode(node.value);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:[.,](\d+))?Z$/.exec(s);
  if (!m) throw new TimestampError(`the timestamp has an unreadable time "${s}"`);
  const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms));
}

/**
 * Reads a TimeStampResp and checks it answers this request: status granted,
 * a SignedData whose TSTInfo has the same message imprint and nonce.
 * (The TSA's own signature is for the validator to check, with its trust list.)
 */
export function readTimestampResponse(response: Uint8Array, digest: Uint8Array, nonce: bigint): TimestampToken {
  try {
    const [statusInfo, token] = der.children(der.read(response));
    const [status, ...detail] = statusInfo ? der.children(statusInfo) : [];
    if (!status) throw new TimestampError('no status');
    const code = der.readInteger(status);
    if (code !== 0n && code !== 1n) {
      const text = detail[0]?.tag === der.TAG.SEQUENCE ? der.children(detail[0]).map((t) => new TextDecoder().decode(t.value)).join('; ') : '';
      throw new TimestampError(`the timestamp authority refused (status ${code}${text ? `: ${text}` : ''})`);
    }
    if (!token) throw new TimestampError('the answer holds no token');
    const [type, content] = der.children(token);
    if (!type || der.readOid(type) !== CMS_OID.signedData || !content) throw new TimestampError('the token is not a SignedData');
    const signedData = der.children(der.children(content)[0]!);
    const encap = signedData[2];
    const [eType, eContent] = encap ? der.children(encap) : [];
    if (!eType || der.readOid(eType) !== CMS_OID.tstInfo || !eContent) throw new TimestampError('the token holds no TSTInfo');
    const tstInfo = der.read(der.children(eContent)[0]!.value);
    const fields = der.children(tstInfo);
    const [, , imprint, , genTime, ...rest] = fields;
    const hashed = imprint ? der.children(imprint)[1] : undefined;
    if (!hashed || !der.equalBytes(hashed.value, digest)) throw new TimestampError('the token is for other data (message imprint differs)');
    const nonceNode = rest.find((n) => n.tag === der.TAG.INTEGER);
    if (!nonceNode || der.readInteger(nonceNode) !== nonce) throw new TimestampError('the token does not carry the nonce sent');
    if (!genTime || genTime.tag !== der.TAG.GENERALIZED_TIME) throw new TimestampError('the token has no time');
    return { token: token.der, genTime: parseGeneralizedTime(genTime) };
  } catch (err) {
    if (err instanceof TimestampError) throw err;
    throw new TimestampError(`the timestamp authority's answer cannot be read: ${(err as Error).message}`);
  }
}

export function randomNonce(): bigint {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  bytes[0]! &= 0x7f;
  let v = 0n;
  for (const b of bytes) v = (v << 8n) | BigInt(b);
  return v;
}

/** Time the TSA has to answer in full, headers and body. */
export const TSA_TIMEOUT_MS = 10_000;
/** The largest answer read from a TSA. */
export const TSA_MAX_RESPONSE_BYTES = 64 * 1024;

export interface TimestampOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * The URL, when Parley may send a timestamp request there: https. Plain http
 * only to this machine (the fake TSA of local development and tests): the
 * setting admits that only in local development (api/sealing.ts), and a
 * deployed Worker cannot reach its own loopback address anyway.
 */
function checkedUrl(url: string): string {
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    /* described below */
  }
  const problem = outboundUrlProblem(url, parsed !== null && isLoopback(parsed));
  if (problem) throw new TimestampError(`the timestamp authority URL ${url} ${problem}`);
  return url;
}

/** Reads a body, refusing it past `max` bytes without reading further. */
async function readCapped(res: Response, max: number, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('Content-Length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel();
    throw new TimestampError(`the timestamp authority ${url} answered more than ${max / 1024} KB (${declared} bytes)`);
  }
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new TimestampError(`the timestamp authority ${url} answered more than ${max / 1024} KB`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return body;
}

/** Asks the TSA at `url` to timestamp `data` (its SHA-256); returns the checked token. */
export async function fetchTimestamp(url: string, data: Uint8Array, options: TimestampOptions = {}): Promise<TimestampToken> {
  checkedUrl(url);
  const digest = await sha256(data);
  const nonce = randomNonce();
  const timeoutMs = options.timeoutMs ?? TSA_TIMEOUT_MS;
  // One deadline for the whole exchange: an answer whose body trickles is cut off too.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new TimestampError(`the timestamp authority ${url} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  const deadline = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true }));
  deadline.catch(() => undefined);
  try {
    let res: Response;
    try {
      res = await Promise.race([
        (options.fetch ?? fetch)(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
          body: timestampRequest(digest, nonce),
          signal: controller.signal,
        }),
        deadline,
      ]);
    } catch (err) {
      if (err instanceof TimestampError) throw err;
      throw new TimestampError(`the timestamp authority ${url} cannot be reached: ${(err as Error).message}`);
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new TimestampError(`the timestamp authority ${url} answered HTTP ${res.status}`);
    }
    const body = await Promise.race([readCapped(res, TSA_MAX_RESPONSE_BYTES, url), deadline]);
    return readTimestampResponse(body, digest, nonce);
  } finally {
    clearTimeout(timer);
  }
}
