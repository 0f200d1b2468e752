/**
 * How a secret looks once base64-encoded, wherever it sits: alone (`Basic base64(token)`) or inside a
 * larger encoded blob (`Basic base64(id:token)`), where it starts at any of three byte offsets.
 */

/**
 * The encodings of `secret` to redact: its own encoding (standard and URL-safe, with and without
 * padding), and for each byte offset 0, 1 and 2 the run of characters that only its bytes decide.
 * That run is what every blob holding the secret at that offset contains, whatever surrounds it.
 * Runs shorter than `minLength` are left out: a fragment of four characters is not an encoding of
 * the secret, and would match ordinary words.
 */
export function base64Forms(secret: string, minLength: number): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const standard = bytes.toString('base64');
  const unpadded = standard.replace(/=+$/, '');
  const forms = [standard, unpadded, toUrlSafe(standard), toUrlSafe(unpadded)];
  for (let offset = 0; offset < 3; offset += 1) {
    const core = alignedCore(bytes, offset);
    if (core.length >= minLength) forms.push(core, toUrlSafe(core));
  }
  return forms;
}

/**
 * Each base64 character holds 6 bits; with `offset` bytes before the secret, the characters from
 * the first one starting at or after bit 8*offset to the last one ending by the secret's last bit
 * depend on the secret's bytes alone. The zero bytes stand in for any prefix.
 */
function alignedCore(bytes: Buffer, offset: number): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return end > first ? encoded.slice(first, end) : '';
}

/** RFC 4648 §5: the alphabet of URLs and JWTs. Padding, if any, is kept as it is. */
function toUrlSafe(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}
