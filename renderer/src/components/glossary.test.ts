import { describe, expect, it } from 'vitest';
import { GLOSSARY } from './glossary';

describe('glossary', () => {
  it('every term is explained in one or two plain sentences, without the jargon it explains', () => {
    for (const [term, text] of Object.entries(GLOSSARY)) {
      expect(text, term).toMatch(/[.]$/);
      expect(text.split(/(?<=\.)\s+(?=[A-Z])/).length, term).toBeLessThanOrEqual(3);
      expect(text.length, term).toBeLessThan(220);
      expect(text.toLowerCase().startsWith(term.toLowerCase() + ' is'), term).toBe(false);
    }
  });
});
