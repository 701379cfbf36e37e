import { describe, expect, it } from 'vitest';
import { parseJsonDocuments, SnapshotImportError } from '../../src/snapshot/index.js';

function problem(text: string, source = 'in.json'): string {
  try {
    parseJsonDocuments(text, source);
  } catch (error) {
    expect(error).toBeInstanceOf(SnapshotImportError);
    return (error as Error).message;
  }
  throw new Error('expected a SnapshotImportError');
}

describe('parseJsonDocuments', () => {
  it('reads one document without numbering it', () => {
    expect(parseJsonDocuments('{"tasks": []}\n', 'a.json')).toEqual([
      { value: { tasks: [] }, source: 'a.json' },
    ]);
  });

  it('reads documents printed one after another, numbered with the line each starts on', () => {
    const text = '{\n    "a": 1\n}\n{\n    "b": [2]\n}\n[3]{"c":"}{\\"]["}';
    expect(parseJsonDocuments(text, 'stdin')).toEqual([
      { value: { a: 1 }, source: 'stdin', index: 1, line: 1 },
      { value: { b: [2] }, source: 'stdin', index: 2, line: 4 },
      { value: [3], source: 'stdin', index: 3, line: 7 },
      { value: { c: '}{"][' }, source: 'stdin', index: 4, line: 7 },
    ]);
  });

  it('skips a byte order mark', () => {
    expect(parseJsonDocuments('\ufeff{"a": 1}', 'bom.json')).toEqual([
      { value: { a: 1 }, source: 'bom.json' },
    ]);
  });

  it('says a truncated file is cut off, where its document starts and where the input ends', () => {
    expect(
      problem(
        '{\n  "containerInstances": [\n    {"containerInstanceArn": "arn:aws:ec',
        'page-2.json',
      ),
    ).toBe(
      'page-2.json: the JSON document that starts at line 1, column 1 is cut off: the input ends ' +
        'at line 3, column 41 before it is complete. The file looks truncated (an interrupted ' +
        'command or copy); run the AWS CLI command again.',
    );
    expect(problem('{"a": 1}\n\n{"tasks": [\n', 'stdin')).toContain(
      'stdin: the JSON document that starts at line 3, column 1 is cut off',
    );
  });

  it('gives the line, column and reason of a syntax error', () => {
    expect(problem('{"a": 1,\n "b": 2,\n}')).toBe(
      'in.json: not valid JSON at line 3, column 1: expected a property name in double quotes, found "}"',
    );
    expect(problem('{"a": tru}')).toBe(
      'in.json: not valid JSON at line 1, column 7: expected a value (an object, list, string, number, true, false or null), found "tru"',
    );
    expect(problem('[1 2]')).toBe(
      `in.json: not valid JSON at line 1, column 4: expected ',' or ']' after a list item, found "2"`,
    );
    expect(problem('{"a": "line\nbreak"}')).toContain(
      'not valid JSON at line 1, column 12: a control character (such as a line break) inside a string',
    );
    expect(problem('{"a": "\\x"}')).toContain('an invalid escape \\x in a string');
  });

  it('asks for --output json when the input is not JSON at all', () => {
    expect(problem('-------------------\n|  DescribeTasks  |\n', 'tasks.txt')).toBe(
      'tasks.txt: expected a JSON document (an object or a list) at line 1, column 1, found ' +
        '"-------------------". Is this the output of an AWS CLI command run with --output json ' +
        '(not text, table or yaml)?',
    );
    expect(problem('{"a": 1}\nNone\n')).toBe(
      'in.json: expected a JSON document (an object or a list) at line 2, column 1, found "None".',
    );
  });

  it('refuses an empty input', () => {
    expect(problem(' \n', 'stdin')).toContain('stdin: no JSON document (the input is empty)');
  });

  it('handles deep nesting without overflowing the stack', () => {
    const depth = 200_000;
    expect(
      parseJsonDocuments(`${'['.repeat(depth)}${']'.repeat(depth)}`, 'deep.json'),
    ).toHaveLength(1);
    expect(problem('['.repeat(depth), 'deep.json')).toContain('is cut off');
    expect(problem(`${'['.repeat(depth)}}`, 'deep.json')).toContain(
      `not valid JSON at line 1, column ${depth + 1}: expected a value`,
    );
  });
});
