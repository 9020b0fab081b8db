import { describe, expect, it } from 'vitest';
import { parsePolicy, type Policy } from '../../src/core/policy.js';

const minimal: Policy = {
  lang: 'lv',
  version: '2026-11-25',
  updated: '2026-11-25',
  title: 'Privātuma politika',
  sections: [
    {
      id: 'cookies',
      heading: 'Sīkdatnes',
      blocks: [
        { type: 'p', text: 'Teksts.' },
        { type: 'ul', items: ['viens', 'divi'] },
        { type: 'table', caption: 'Sīkdatnes', head: ['Nosaukums', 'Ilgums'], rows: [['piekritu', '180 dienas']] },
        { type: 'table', head: [], rows: [] },
      ],
    },
  ],
};

/** The minimal policy with its first section's blocks replaced. */
const withBlocks = (blocks: unknown[]): unknown => ({ ...minimal, sections: [{ ...minimal.sections[0], blocks }] });

describe('parsePolicy: accepted', () => {
  const cases: { name: string; input: unknown }[] = [
    { name: 'every block type', input: minimal },
    { name: 'no sections', input: { ...minimal, sections: [] } },
    { name: 'a section without blocks and an empty heading', input: { ...minimal, sections: [{ id: 'intro', heading: '', blocks: [] }] } },
  ];
  for (const { name, input } of cases) {
    it(`${name}: returned as given`, () => {
      expect(parsePolicy(input)).toBe(input);
    });
  }
});

describe('parsePolicy: refused whole', () => {
  const cases: { name: string; input: unknown }[] = [
    { name: 'undefined', input: undefined },
    { name: 'null', input: null },
    { name: 'a string', input: JSON.stringify(minimal) },
    { name: 'a number', input: 1 },
    { name: 'an array', input: [minimal] },
    { name: 'no lang', input: { ...minimal, lang: undefined } },
    { name: 'no version', input: { ...minimal, version: undefined } },
    { name: 'a numeric version', input: { ...minimal, version: 2 } },
    { name: 'no updated date', input: { ...minimal, updated: undefined } },
    { name: 'no title', input: { ...minimal, title: undefined } },
    { name: 'sections not a list', input: { ...minimal, sections: {} } },
    { name: 'no sections', input: { ...minimal, sections: undefined } },
    { name: 'a null section', input: { ...minimal, sections: [null] } },
    { name: 'a string section', input: { ...minimal, sections: ['Sīkdatnes'] } },
    { name: 'a section without id', input: { ...minimal, sections: [{ heading: 'x', blocks: [] }] } },
    { name: 'a numeric section id', input: { ...minimal, sections: [{ id: 1, heading: 'x', blocks: [] }] } },
    { name: 'a section without heading', input: { ...minimal, sections: [{ id: 'x', blocks: [] }] } },
    { name: 'a section without blocks', input: { ...minimal, sections: [{ id: 'x', heading: 'x' }] } },
    { name: 'an HTML block', input: withBlocks([{ type: 'html', html: '<img src=x onerror=alert(1)>' }]) },
    { name: 'a block without type', input: withBlocks([{ text: 'x' }]) },
    { name: 'a null block', input: withBlocks([null]) },
    { name: 'a string block', input: withBlocks(['Teksts.']) },
    { name: 'a paragraph without text', input: withBlocks([{ type: 'p' }]) },
    { name: 'a paragraph with an object for text', input: withBlocks([{ type: 'p', text: { html: '<b>x</b>' } }]) },
    { name: 'a list without items', input: withBlocks([{ type: 'ul' }]) },
    { name: 'a list with a number', input: withBlocks([{ type: 'ul', items: ['a', 2] }]) },
    { name: 'a list with a nested list', input: withBlocks([{ type: 'ul', items: [['a']] }]) },
    { name: 'a table without head', input: withBlocks([{ type: 'table', rows: [] }]) },
    { name: 'a table without rows', input: withBlocks([{ type: 'table', head: [] }]) },
    { name: 'a table with a string row', input: withBlocks([{ type: 'table', head: ['a'], rows: ['b'] }]) },
    { name: 'a table with a number cell', input: withBlocks([{ type: 'table', head: ['a'], rows: [[1]] }]) },
    { name: 'a table with a numeric caption', input: withBlocks([{ type: 'table', caption: 1, head: [], rows: [] }]) },
    { name: 'one bad block among good ones', input: withBlocks([...minimal.sections[0].blocks, { type: 'p', text: null }]) },
  ];
  for (const { name, input } of cases) {
    it(`${name} → null`, () => {
      expect(parsePolicy(input)).toBeNull();
    });
  }
});
