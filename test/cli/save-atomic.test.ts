import {
  chmod,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AtomicSaveFs, nodeAtomicSaveFs, saveAtomic } from '../../src/cli/save-atomic.js';

let dir: string;
let file: string;
const ORIGINAL = '{"original": true}\n';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-atomic-'));
  file = join(dir, 'cluster.json');
  await writeFile(file, ORIGINAL);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real file system with one operation replaced by a failure. */
function failing(step: 'write' | 'sync' | 'rename' | 'create'): AtomicSaveFs {
  const boom = () => Promise.reject(new Error(`injected ${step} failure`));
  return {
    ...nodeAtomicSaveFs,
    createExclusive: async (path, mode) => {
      if (step === 'create') return boom();
      const handle = await nodeAtomicSaveFs.createExclusive(path, mode);
      return {
        writeFile: async (data, encoding) => {
          if (step === 'write') {
            // Half the content reaches the disk before the failure: a torn temp file.
            await handle.writeFile(data.slice(0, data.length / 2), encoding);
            return boom();
          }
          return handle.writeFile(data, encoding);
        },
        chmod: (mode) => handle.chmod(mode),
        sync: () => (step === 'sync' ? boom() : handle.sync()),
        close: () => handle.close(),
      };
    },
    rename: (from, to) => (step === 'rename' ? boom() : nodeAtomicSaveFs.rename(from, to)),
  };
}

describe('saveAtomic', () => {
  it('replaces the content and leaves no temporary file', async () => {
    await saveAtomic(file, '{"updated": true}\n');
    expect(await readFile(file, 'utf8')).toBe('{"updated": true}\n');
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('keeps the original file mode', async () => {
    await chmod(file, 0o640);
    await saveAtomic(file, 'new');
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('writes through a symlink to its target and keeps the link', async () => {
    const link = join(dir, 'link.json');
    await symlink(file, link);
    await saveAtomic(link, 'via link');
    expect(await readFile(file, 'utf8')).toBe('via link');
    expect(await readlink(link)).toBe(file);
  });

  it.each(['create', 'write', 'sync', 'rename'] as const)(
    'a %s failure leaves the original byte-identical and removes the temporary file',
    async (step) => {
      const before = await readFile(file);
      await expect(
        saveAtomic(file, '{"updated": true}\n'.repeat(1000), failing(step)),
      ).rejects.toThrow(`injected ${step} failure`);
      expect((await readFile(file)).equals(before)).toBe(true);
      expect(await readdir(dir)).toEqual(['cluster.json']);
    },
  );
});
