/**
 * A map's keys by their lower-case form, for maps keyed by emails and Turso usernames (one person
 * whatever the case): the spelling the map holds for a name, in one lookup instead of a scan. Each
 * index is made on first use and cached; code that adds a key to an indexed map adds it to
 * `spellingsOf(map)` too (resolve-people's `grant`, the only writer once a map is looked up).
 */
const SPELLINGS = new WeakMap<ReadonlyMap<string, unknown>, Map<string, string>>();

export function spellingsOf(map: ReadonlyMap<string, unknown>): Map<string, string> {
  let spellings = SPELLINGS.get(map);
  if (spellings === undefined) {
    spellings = new Map();
    // The first spelling wins, should a map hold two (the reader refuses them in the file).
    for (const key of map.keys()) if (!spellings.has(key.toLowerCase())) spellings.set(key.toLowerCase(), key);
    SPELLINGS.set(map, spellings);
  }
  return spellings;
}

/** The spelling `map` holds for the lower-cased `key`, if any. */
export function spellingIn(map: ReadonlyMap<string, unknown>, key: string): string | undefined {
  return spellingsOf(map).get(key);
}
