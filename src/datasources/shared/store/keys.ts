// Store keys with a Redis Cluster hash tag. Cluster places a key by the text between its first
// `{` and `}` only, so keys made with the same group share one slot and one node: what one
// operation touches (Zen's budget, lock and cached answer; the write journal's entries and its
// epoch marker) stays together whatever the topology. See docs/decisions/0090-redis-sentinel-and-cluster.md.

/** `{group}:part:part…`. The group must not hold braces (it would end the tag early). */
export function storeKey(group: string, ...parts: readonly string[]): string {
  if (group === '' || /[{}]/.test(group))
    throw new Error(`store key group "${group}" must be non-empty, without braces`);
  return [`{${group}}`, ...parts].join(':');
}

/** The text Redis Cluster hashes for `key`: its first non-empty `{…}`, else the whole key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}
