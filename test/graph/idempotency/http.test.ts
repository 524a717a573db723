// Idempotency keys through real HTTP, as the README shows them: its example sent twice by one
// API-key client, then by another client, whose keys are its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';
import { useHttpTestGraph } from '../../support/http.js';

const CLIENT_A = 'client-a-key-0123456789abcdef';
const CLIENT_B = 'client-b-key-0123456789abcdef';

const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('### Retrying writes safely'));
const example = /```graphql\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

const { auth } = loadConfig({ API_KEYS: `${CLIENT_A},${CLIENT_B}` });
const { t, http } = useHttpTestGraph({ configure: (config) => ({ ...config, auth }) });

describe('the README’s retry example over HTTP', () => {
  it('is a keyed createLead', () => {
    expect(example).toMatch(/createLead\([\s\S]*idempotencyKey: "/);
  });

  it('sent twice by one client: the same answer, one vendor call; another client’s same key is its own write', async () => {
    const first = await http.post({ query: example }, { 'x-api-key': CLIENT_A });
    expect(first.status).toBe(200);
    expect(first.json.errors).toBeUndefined();
    expect(first.json.data?.['createLead']).toMatchObject({ phone: '+573157654321' });

    const repeat = await http.post({ query: example }, { 'x-api-key': CLIENT_A });
    expect(repeat.status).toBe(200);
    expect(repeat.json).toEqual(first.json);
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(1);

    // Client B's key is not client A's: its write reaches the vendor, which already has the phone.
    const other = await http.post({ query: example }, { 'x-api-key': CLIENT_B });
    expect(other.json.errors?.map((e) => e.extensions?.['code'])).toEqual(['UPSTREAM_REJECTED']);
    expect(t.sims.beschannels.requestsTo('/create-leads')).toHaveLength(2);
  });
});
