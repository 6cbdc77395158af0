// Salesforce test helpers: a connected app key pair (made once per file: RSA
// key generation is slow), and an org connected to a fake Salesforce.
import { children, read } from '../../worker/src/documents/der';
import { generateConnectedAppKeys, type TestKeyPair } from '../fakes/salesforce/test-connected-app';
import { call, type Org } from './world';

let keys: Promise<TestKeyPair & { pkcs1Pem: string }> | null = null;

const pem = (label: string, der: Uint8Array) =>
  `-----BEGIN ${label}-----\n${btoa(String.fromCharCode(...der)).replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;

/** The key pair, with the private key also in PKCS#1 (what `openssl genrsa` gives). */
export function testConnectedAppKeys() {
  keys ??= generateConnectedAppKeys().then((k) => {
    const body = k.privateKeyPem.replace(/-----[^-]+-----|\s+/g, '');
    const pkcs8 = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    const rsaKey = children(read(pkcs8))[2]!.value; // PrivateKeyInfo: version, algorithm, OCTET STRING { RSAPrivateKey }
    return { ...k, pkcs1Pem: pem('RSA PRIVATE KEY', rsaKey) };
  });
  return keys;
}

export const TEST_CONNECTED_APP = { clientId: '3MVG9parley.test.connected.app', username: 'parley-integration@acme.example' };

/** Connect `org` to Salesforce as an admin would (the fake answers at every Salesforce host). */
export async function connectSalesforce(org: Org, loginUrl = 'https://login.salesforce.com') {
  const res = await call('PUT', '/api/v1/crm/salesforce', {
    token: org.admin.token,
    body: {
      loginUrl,
      instanceUrl: 'https://parley-fake.my.salesforce.com',
      sfOrgId: '00D000000000001EAA',
      clientId: TEST_CONNECTED_APP.clientId,
      username: TEST_CONNECTED_APP.username,
      privateKey: (await testConnectedAppKeys()).privateKeyPem,
    },
  });
  if (res.status !== 200) throw new Error(`connect failed ${res.status} ${res.text}`);
}
