// boto3 against serve: the Python suite in test/serve/python, run with the first python3
// that has boto3 (PATH, then Debian's /usr/bin/python3 with python3-boto3). Without one the
// test is skipped, and its name says why.
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { startEndpoint } from './endpoint-fixture.js';

const SUITE = fileURLToPath(new URL('./python/', import.meta.url));

function pythonWithBoto3(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import boto3'], { stdio: 'ignore' });
      return python;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const python = pythonWithBoto3();

describe('boto3', () => {
  test.skipIf(python === undefined)(
    python === undefined
      ? 'skipped: no python3 with boto3 (install python3-boto3; .ci/run does)'
      : `the Python suite passes (${python})`,
    async () => {
      const endpoint = await startEndpoint();
      const result = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(
          python!,
          ['-m', 'unittest', '-v', 'test_ecs_flow'],
          { cwd: SUITE, env: { ...process.env, ECS_ENDPOINT_URL: endpoint.url } },
          (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: `${stdout}${stderr}` }),
        );
      });
      await endpoint.close();
      expect(result.output).toContain('Ran 3 tests');
      expect(result.code, result.output).toBe(0);
    },
  );
});
