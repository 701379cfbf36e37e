import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { visibleWidth, wrapText } from '../../src/cli/wrap-text.js';

const squash = (text: string) => text.replace(/\s+/g, '');

describe('wrapText', () => {
  it('leaves a line that fits alone', () => {
    expect(wrapText('needed 512, available 256', 40)).toEqual(['needed 512, available 256']);
  });

  it('breaks at spaces and indents continuation lines under the line they continue', () => {
    expect(wrapText('  needed 100000, available 2048, short by 97952', 30)).toEqual([
      '  needed 100000, available',
      '    2048, short by 97952',
    ]);
  });

  it('splits a word longer than the width instead of cutting it', () => {
    const arn = 'default/f3a3fcbc5ac8a77a57c629b41c51d5b6';
    const lines = wrapText(arn, 16);
    expect(lines.every((line) => visibleWidth(line) <= 16)).toBe(true);
    expect(squash(lines.join(''))).toBe(arn);
    // No indent is added inside an identifier.
    expect(lines).toEqual(['default/f3a3fcbc', '5ac8a77a57c629b4', '1c51d5b6']);
  });

  it('continues a split word at the indent of the line it started on, with no gap added', () => {
    expect(wrapText('  expression: attribute:ecs.instance-type-of-the-host in [a, b]', 20)).toEqual(
      [
        '  expression:',
        '    attribute:ecs.in',
        '    stance-type-of-t',
        '    he-host in [a,',
        '    b]',
      ],
    );
  });

  it('does not count colour codes in the width', () => {
    const red = '\u001b[31mRESOURCE:MEMORY\u001b[39m';
    expect(visibleWidth(red)).toBe('RESOURCE:MEMORY'.length);
    expect(wrapText(`${red} short`, 21)).toEqual([`${red} short`]);
  });

  it('keeps every non-space character, in order, within the width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^ {0,4}[a-z0-9:.,=-]{0,30}( [a-z0-9:.,=-]{1,30}){0,8}$/), {
          maxLength: 4,
        }),
        fc.integer({ min: 10, max: 120 }),
        (lines, width) => {
          const text = lines.join('\n');
          const wrapped = wrapText(text, width);
          expect(squash(wrapped.join(''))).toBe(squash(text));
          for (const line of wrapped) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        },
      ),
    );
  });
});
