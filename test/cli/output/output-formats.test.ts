/**
 * The output formats on a small fixed RunTask response, against what the AWS CLI v2 prints
 * for the same data. The expected strings follow the AWS CLI's formatter rules (text.py,
 * table.py, formatter.py, libyaml's emitter); each was also checked byte for byte against
 * `aws ecs run-task` (AWS CLI 2.9.19) answered by a local server with this response.
 */
import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src/cli/output/format-table.js';
import { formatText } from '../../../src/cli/output/format-text.js';
import { formatYaml, formatYamlStream } from '../../../src/cli/output/format-yaml.js';
import { compileQuery } from '../../../src/cli/output/jmespath-query.js';
import { loadRenderer, type RenderOptions } from '../../../src/cli/output/render-response.js';

const TASK_ARN = 'arn:aws:ecs:us-east-1:123456789012:task/default/0f1e';
const INSTANCE_ARN = 'arn:aws:ecs:us-east-1:123456789012:container-instance/default/bbbb';

/** As the library returns it: its own member order, the timestamp as an ISO string. */
const response = {
  tasks: [
    {
      taskArn: TASK_ARN,
      lastStatus: 'PENDING',
      version: 1,
      enableExecuteCommand: false,
      createdAt: '2025-11-30T06:30:48.123Z',
      containers: [{ name: 'app', cpu: '256' }],
      tags: [],
    },
  ],
  failures: [{ arn: INSTANCE_ARN, reason: 'RESOURCE:MEMORY' }],
};

const lines = (...text: string[]) => text.map((line) => `${line}\n`).join('');
const render = async (format: RenderOptions['format'], extra: Partial<RenderOptions> = {}) =>
  (
    await loadRenderer({
      format,
      operation: 'RunTask',
      color: false,
      terminalWidth: 80,
      timeZone: 'UTC',
      ...extra,
    })
  )(response);

describe('--output json', () => {
  it('prints members in the API model order, timestamps as the AWS CLI does, 4-space indent', async () => {
    // Task members in model order: containers, createdAt, enableExecuteCommand, lastStatus,
    // tags, taskArn, version; Container: name before cpu. The timestamp is Python's
    // isoformat() of the local time (TZ=UTC here), with microseconds.
    expect(await render('json')).toBe(
      lines(
        '{',
        '    "tasks": [',
        '        {',
        '            "containers": [',
        '                {',
        '                    "name": "app",',
        '                    "cpu": "256"',
        '                }',
        '            ],',
        '            "createdAt": "2025-11-30T06:30:48.123000+00:00",',
        '            "enableExecuteCommand": false,',
        '            "lastStatus": "PENDING",',
        '            "tags": [],',
        `            "taskArn": "${TASK_ARN}",`,
        '            "version": 1',
        '        }',
        '    ],',
        '    "failures": [',
        '        {',
        `            "arn": "${INSTANCE_ARN}",`,
        '            "reason": "RESOURCE:MEMORY"',
        '        }',
        '    ]',
        '}',
      ),
    );
  });
});

describe('--output text', () => {
  it("prints each object's scalars tab-separated after its member name, keys sorted", async () => {
    // Top level: no scalars; then failures and tasks (sorted). A task's scalars in key
    // order: createdAt, enableExecuteCommand (Python's False), lastStatus, taskArn,
    // version; then its lists: containers (cpu, name); tags is empty and prints nothing.
    expect(await render('text')).toBe(
      lines(
        `FAILURES\t${INSTANCE_ARN}\tRESOURCE:MEMORY`,
        `TASKS\t2025-11-30T06:30:48.123000+00:00\tFalse\tPENDING\t${TASK_ARN}\t1`,
        'CONTAINERS\t256\tapp',
      ),
    );
  });

  it('prints a list of scalars one per line under its name, and a lone scalar as itself', () => {
    expect(formatText({ containerInstanceArns: ['a', 'b'] })).toBe(
      lines('CONTAINERINSTANCEARNS\ta', 'CONTAINERINSTANCEARNS\tb'),
    );
    expect(formatText(['a', 'b', 3])).toBe(lines('a\tb\t3'));
    expect(formatText('RESOURCE:MEMORY')).toBe(lines('RESOURCE:MEMORY'));
    expect(formatText(null)).toBe(lines('None'));
    expect(formatText(true)).toBe(lines('True'));
    expect(formatText(0.5)).toBe(lines('0.5'));
    expect(formatText(1e-7)).toBe(lines('1e-07'));
    expect(formatText([])).toBe('');
  });

  it('gives each object of a list every scalar key of the list, empty where it has none', () => {
    expect(
      formatText({
        failures: [
          { arn: 'a', reason: 'R' },
          { arn: 'b', detail: 'D' },
        ],
      }),
    ).toBe(lines('FAILURES\ta\t\tR', 'FAILURES\tb\tD\t'));
  });
});

describe('--output table', () => {
  it('turns single-row sections on their side when the table is wider than 80 columns', async () => {
    // Unturned, the tasks section needs 145 columns. Turned: every section is as wide as
    // the widest (84: the failures section's 66-character ARN + 4, "reason" + 4, borders
    // and one nesting level); column widths are scaled to that width (8 and 73 here).
    expect(await render('table')).toBe(
      lines(
        '------------------------------------------------------------------------------------',
        '|                                      RunTask                                     |',
        '+----------------------------------------------------------------------------------+',
        '||                                    failures                                    ||',
        '|+--------+-----------------------------------------------------------------------+|',
        '||  arn   |  arn:aws:ecs:us-east-1:123456789012:container-instance/default/bbbb   ||',
        '||  reason|  RESOURCE:MEMORY                                                      ||',
        '|+--------+-----------------------------------------------------------------------+|',
        '||                                      tasks                                     ||',
        '|+-----------------------+--------------------------------------------------------+|',
        '||  createdAt            |  2025-11-30T06:30:48.123000+00:00                      ||',
        '||  enableExecuteCommand |  False                                                 ||',
        '||  lastStatus           |  PENDING                                               ||',
        '||  taskArn              |  arn:aws:ecs:us-east-1:123456789012:task/default/0f1e  ||',
        '||  version              |  1                                                     ||',
        '|+-----------------------+--------------------------------------------------------+|',
        '|||                                  containers                                  |||',
        '||+-----------------------------------------+------------------------------------+||',
        '|||  cpu                                    |  256                               |||',
        '|||  name                                   |  app                               |||',
        '||+-----------------------------------------+------------------------------------+||',
      ),
    );
  });

  it('keeps header rows when the terminal is wide enough', async () => {
    expect(await render('table', { terminalWidth: 200 })).toBe(
      lines(
        '-------------------------------------------------------------------------------------------------------------------------------------------------',
        '|                                                                    RunTask                                                                    |',
        '+-----------------------------------------------------------------------------------------------------------------------------------------------+',
        '||                                                                  failures                                                                   ||',
        '|+--------------------------------------------------------------------------------------------------------------+------------------------------+|',
        '||                                                      arn                                                     |           reason             ||',
        '|+--------------------------------------------------------------------------------------------------------------+------------------------------+|',
        '||  arn:aws:ecs:us-east-1:123456789012:container-instance/default/bbbb                                          |  RESOURCE:MEMORY             ||',
        '|+--------------------------------------------------------------------------------------------------------------+------------------------------+|',
        '||                                                                    tasks                                                                    ||',
        '|+-----------------------------------+-----------------------+-------------+--------------------------------------------------------+----------+|',
        '||             createdAt             | enableExecuteCommand  | lastStatus  |                        taskArn                         | version  ||',
        '|+-----------------------------------+-----------------------+-------------+--------------------------------------------------------+----------+|',
        '||  2025-11-30T06:30:48.123000+00:00 |  False                |  PENDING    |  arn:aws:ecs:us-east-1:123456789012:task/default/0f1e  |  1       ||',
        '|+-----------------------------------+-----------------------+-------------+--------------------------------------------------------+----------+|',
        '|||                                                                containers                                                                 |||',
        '||+----------------------------------------------------------------+--------------------------------------------------------------------------+||',
        '|||                               cpu                              |                                  name                                    |||',
        '||+----------------------------------------------------------------+--------------------------------------------------------------------------+||',
        '|||  256                                                           |  app                                                                     |||',
        '||+----------------------------------------------------------------+--------------------------------------------------------------------------+||',
      ),
    );
  });

  it('colours values and nesting bars, resetting after each piece, with --color on', () => {
    const R = '\u001b[0m';
    const bar = `\u001b[2m\u001b[33m|${R}`;
    const value = (text: string) => `\u001b[1m\u001b[34m${text}${R}`;
    const arn = 'arn:aws:ecs:us-east-1:123456789012:container-instance/default/aaaa1111';
    const table = formatTable(
      { containerInstanceArns: [arn] },
      { title: 'ListContainerInstances', terminalWidth: 80, color: true },
    );
    expect(table).toBe(
      [
        `${'-'.repeat(78)}\n${R}`,
        `${R}|${' '.repeat(27)}ListContainerInstances${' '.repeat(27)}|${R}${R}\n${R}`,
        `${R}+${'-'.repeat(76)}+${R}${R}\n${R}`,
        `${bar}${R}|${' '.repeat(27)}containerInstanceArns${' '.repeat(26)}|${R}${bar}${R}\n${R}`,
        `${bar}${R}+${'-'.repeat(74)}+${R}${bar}${R}\n${R}`,
        `${bar}${R}|  ${value(arn)}  |${R}${bar}${R}\n${R}`,
        `${bar}${R}+${'-'.repeat(74)}+${R}${bar}${R}\n${R}`,
      ].join(''),
    );
  });

  it('draws nothing for an empty result, and a one-cell table for a scalar', () => {
    expect(formatTable([], { title: 'RunTask', terminalWidth: 80, color: false })).toBe('');
    expect(
      formatTable(['RESOURCE:MEMORY'], { title: 'RunTask', terminalWidth: 80, color: false }),
    ).toBe(
      // 15 characters + 4 of padding + 2 borders = 21 columns.
      lines(
        '---------------------',
        '|      RunTask      |',
        '+-------------------+',
        '|  RESOURCE:MEMORY  |',
        '+-------------------+',
      ),
    );
  });

  it('counts East Asian wide characters as two columns', () => {
    const table = formatTable({ reason: '日本' }, { title: 'T', terminalWidth: 80, color: false });
    // "reason" 6 + 4 and "日本" 4 + 4 columns, plus 2 borders: 20, shared 11 and 9.
    expect(table.split('\n')[0]).toBe('-'.repeat(20));
    expect(table).toContain('|  reason |  日本  |');
  });
});

describe('--output yaml and yaml-stream', () => {
  const yaml = lines(
    'failures:',
    `- arn: ${INSTANCE_ARN}`,
    '  reason: RESOURCE:MEMORY',
    'tasks:',
    '- containers:',
    "  - cpu: '256'",
    '    name: app',
    "  createdAt: '2025-11-30T06:30:48.123000+00:00'",
    '  enableExecuteCommand: false',
    '  lastStatus: PENDING',
    '  tags: []',
    `  taskArn: ${TASK_ARN}`,
    '  version: 1',
  );

  it('writes block YAML with sorted keys, unindented lists, and quotes where YAML would misread', async () => {
    expect(await render('yaml')).toBe(yaml);
  });

  it('yaml-stream writes the response as the one item of a list', async () => {
    const indented = yaml
      .split('\n')
      .filter(Boolean)
      .map((line, i) => `${i === 0 ? '- ' : '  '}${line}\n`)
      .join('');
    expect(await render('yaml-stream')).toBe(indented);
  });

  it('quotes exactly the strings ruamel/libyaml quote', () => {
    const cases: Array<[string, string]> = [
      ['yes', 'yes'], // a string in YAML 1.2
      ['true', "'true'"],
      ['null', "'null'"],
      ['~', "'~'"],
      ['', "''"],
      ['256', "'256'"],
      ['1_000', "'1_000'"],
      ['1e3', "'1e3'"],
      ['0x1F', "'0x1F'"],
      ['2025-01-01', "'2025-01-01'"],
      ['12:30', '12:30'], // sexagesimal numbers are YAML 1.1 only
      ['=', "'='"],
      ['<<', "'<<'"],
      ['_1', '_1'],
      [' lead', "' lead'"],
      ['trailing ', "'trailing '"],
      ['a: b', "'a: b'"],
      ['a #b', "'a #b'"],
      ['a,b', 'a,b'],
      ['- dash', "'- dash'"],
      ['[x]', "'[x]'"],
      ["It's", "It's"],
      ["'q'", "'''q'''"],
      ['tab\there', '"tab\\there"'],
      ['a\u0007b', '"a\\ab"'],
      ['smile 😀', '"smile \\U0001F600"'],
      ['héllo', 'héllo'],
    ];
    for (const [value, written] of cases) {
      expect(formatYaml({ reason: value }), JSON.stringify(value)).toBe(`reason: ${written}\n`);
    }
  });

  it('folds a long plain string at the first single space past column 80', () => {
    const reason =
      'The quick brown fox jumps over the lazy dog and keeps running far beyond the eighty column limit of the emitter';
    // "far" ends at column 75, "beyond" at 82: the space after "beyond" becomes the break;
    // the rest continues one indentation step in.
    expect(formatYaml({ failures: [{ reason }] })).toBe(
      lines(
        'failures:',
        '- reason: The quick brown fox jumps over the lazy dog and keeps running far beyond',
        '    the eighty column limit of the emitter',
      ),
    );
  });

  it('writes a lone scalar as JSON, nothing for an empty object, [] for an empty list', () => {
    expect(formatYaml('RESOURCE:MEMORY')).toBe('"RESOURCE:MEMORY"\n');
    expect(formatYaml(null)).toBe('null\n');
    expect(formatYaml({})).toBe('');
    expect(formatYaml([])).toBe('[]\n');
    expect(formatYamlStream('RESOURCE:MEMORY')).toBe('- RESOURCE:MEMORY\n');
  });
});

describe('--query', () => {
  it('applies to the response after timestamps are formatted, before the format', async () => {
    expect(await render('text', { query: 'tasks[0].createdAt', timeZone: 'Asia/Kolkata' })).toBe(
      '2025-11-30T12:00:48.123000+05:30\n',
    );
    expect(await render('json', { query: 'failures[0].reason' })).toBe('"RESOURCE:MEMORY"\n');
    expect(await render('json', { query: 'nothing' })).toBe('null\n');
    expect(await render('text', { query: 'nothing' })).toBe('None\n');
  });

  it('accepts the legacy backtick literals jmespath.py accepts', async () => {
    expect(await render('json', { query: '`foo`' })).toBe('"foo"\n');
  });

  it('refuses an expression that does not parse, naming it', async () => {
    expect(() => compileQuery('tasks[')).toThrow(/^Bad value for --query tasks\[: /);
    await expect(render('json', { query: 'tasks[' })).rejects.toThrow(/^Bad value for --query/);
  });

  it('reports an expression that fails on the data', async () => {
    await expect(render('json', { query: 'length(`1`)' })).rejects.toThrow(
      /--query length\(`1`\): .*type/i,
    );
  });
});

describe('timestamps', () => {
  it('omit the microseconds when they are zero and show the offset of TZ', async () => {
    const at = async (createdAt: string, timeZone: string) =>
      (
        await loadRenderer({
          format: 'text',
          operation: 'RunTask',
          color: false,
          terminalWidth: 80,
          timeZone,
          query: 'tasks[0].createdAt',
        })
      )({ tasks: [{ createdAt }], failures: [] });
    expect(await at('2025-11-30T06:30:48.000Z', 'UTC')).toBe('2025-11-30T06:30:48+00:00\n');
    expect(await at('2025-07-01T06:30:48.5Z', 'Europe/Paris')).toBe(
      '2025-07-01T08:30:48.500000+02:00\n',
    );
    expect(await at('2025-11-30T06:30:48.5Z', 'America/St_Johns')).toBe(
      '2025-11-30T03:00:48.500000-03:30\n',
    );
  });
});
