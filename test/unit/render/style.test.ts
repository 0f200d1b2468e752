import { describe, expect, it } from '@jest/globals';
import { styleFor } from '../../../src/render/style.js';

describe('styleFor: colour only where a person reads it', () => {
  it.each([
    { name: 'a terminal gets colour', tty: true, env: {}, coloured: true },
    { name: 'a pipe or file (CI log, PR comment) gets none', tty: false, env: {}, coloured: false },
    { name: 'NO_COLOR turns it off even on a terminal', tty: true, env: { NO_COLOR: '1' }, coloured: false },
    { name: 'an empty NO_COLOR is ignored, as no-color.org says', tty: true, env: { NO_COLOR: '' }, coloured: true },
    { name: 'FORCE_COLOR turns it on for a pipe', tty: false, env: { FORCE_COLOR: '1' }, coloured: true },
    { name: 'NO_COLOR wins over FORCE_COLOR', tty: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' }, coloured: false },
  ])('$name', ({ tty, env, coloured }) => {
    const added = styleFor({ isTTY: tty }, env).add('+');
    expect(added.includes('\u001b[')).toBe(coloured);
    expect(added.replace(/\u001b\[\d+m/g, '')).toBe('+');
  });
});
