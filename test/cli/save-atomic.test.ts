import { spawn } from 'node:child_process';
import { stat as statCallback } from 'node:fs';
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FileIdentity, identityOf } from '../../src/cli/file-identity.js';
import { LockBusyError, lockFile } from '../../src/cli/file-lock.js';
import {
  type AtomicSaveFs,
  nodeAtomicSaveFs,
  type SaveOptions,
  saveAtomic,
} from '../../src/cli/save-atomic.js';
import type { SaveTarget } from '../../src/cli/save-target.js';
import type { HandledSignal, SignalHost } from '../../src/cli/signal-cleanup.js';

let dir: string;
let file: string;
const ORIGINAL = '{"original": true}\n';
const VALUE = { updated: true, list: [1, { a: 'b' }] };
const VALUE_JSON = `${JSON.stringify(VALUE, null, 2)}\n`;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'save-atomic-'));
  file = join(dir, 'cluster.json');
  await writeFile(file, ORIGINAL);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The target as checkSaveTarget would describe the file now, and its identity. */
async function current(): Promise<{ target: SaveTarget; identity: FileIdentity }> {
  const stats = await stat(file);
  return {
    target: { file, uid: stats.uid, gid: stats.gid, mode: stats.mode & 0o7777 },
    identity: identityOf(await stat(file, { bigint: true })),
  };
}

async function save(value: unknown = VALUE, options: SaveOptions = {}) {
  const { target, identity } = await current();
  return saveAtomic(target, value, identity, options);
}

type Step = 'create' | 'write' | 'chown' | 'chmod' | 'sync' | 'lock' | 'identity' | 'rename';

/** The real file system with one operation replaced by a failure. */
function failing(step: Step): AtomicSaveFs {
  const boom = () => Promise.reject(new Error(`injected ${step} failure`));
  return {
    ...nodeAtomicSaveFs,
    createExclusive: async (path, mode) => {
      if (step === 'create') return boom();
      const handle = await nodeAtomicSaveFs.createExclusive(path, mode);
      return {
        write: async (data) => {
          if (step === 'write') {
            // Part of the content reaches the disk before the failure: a torn temp file.
            await handle.write(data.subarray(0, data.length / 2));
            return boom();
          }
          return handle.write(data);
        },
        // The temporary file pretends to belong to someone else, so chown is called.
        stat: async () => (step === 'chown' ? { uid: 4321, gid: 4321 } : handle.stat()),
        chown: (uid, gid) => (step === 'chown' ? boom() : handle.chown(uid, gid)),
        chmod: (mode) => (step === 'chmod' ? boom() : handle.chmod(mode)),
        sync: () => (step === 'sync' ? boom() : handle.sync()),
        close: () => handle.close(),
      };
    },
    lock: (path) => (step === 'lock' ? boom() : nodeAtomicSaveFs.lock(path)),
    identity: (path) => (step === 'identity' ? boom() : nodeAtomicSaveFs.identity(path)),
    rename: (from, to) => (step === 'rename' ? boom() : nodeAtomicSaveFs.rename(from, to)),
  };
}

describe('saveAtomic', () => {
  it('replaces the content with the JSON and leaves neither a temporary file nor a lock', async () => {
    expect(await save()).toBe('saved');
    expect(await readFile(file, 'utf8')).toBe(VALUE_JSON);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('keeps the permission bits, including setgid', async () => {
    await chmod(file, 0o2640);
    await save();
    expect((await stat(file)).mode & 0o7777).toBe(0o2640);
  });

  it.runIf(process.getuid?.() === 0)(
    'run as root, keeps the owner and group of a file that belongs to someone else',
    async () => {
      await chown(file, 1234, 2345);
      await chmod(file, 0o640);
      await save();
      const after = await stat(file);
      expect([after.uid, after.gid, after.mode & 0o777]).toEqual([1234, 2345, 0o640]);
      expect(await readFile(file, 'utf8')).toBe(VALUE_JSON);
    },
  );

  it('writes nothing and reports `changed` when the file changed since it was read', async () => {
    const { target, identity } = await current();
    await writeFile(file, '{"someone": "else"}\n');
    expect(await saveAtomic(target, VALUE, identity)).toBe('changed');
    expect(await readFile(file, 'utf8')).toBe('{"someone": "else"}\n');
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('reports `changed` when the file was replaced by one of the same size and content', async () => {
    const { target, identity } = await current();
    await writeFile(join(dir, 'other'), ORIGINAL);
    const { rename } = await import('node:fs/promises');
    await rename(join(dir, 'other'), file);
    expect(await saveAtomic(target, VALUE, identity)).toBe('changed');
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
  });

  it.each(['create', 'write', 'chown', 'chmod', 'sync', 'lock', 'identity', 'rename'] as const)(
    'a %s failure leaves the original byte-identical, no temporary file and no lock',
    async (step) => {
      const before = await readFile(file);
      await expect(save(VALUE, { fs: failing(step) })).rejects.toThrow(`injected ${step} failure`);
      expect((await readFile(file)).equals(before)).toBe(true);
      expect(await readdir(dir)).toEqual(['cluster.json']);
    },
  );

  it('streams: a large value is written in bounded pieces whose concatenation is the JSON', async () => {
    const big = {
      clusters: [
        {
          containerInstances: Array.from({ length: 100_000 }, (_, i) => ({
            containerInstanceArn: `arn:aws:ecs:us-east-1:1:container-instance/c/${i}`,
            attributes: [
              { name: 'ecs.os-type', value: 'linux' },
              { name: 'ecs.availability-zone', value: `us-east-1${'abc'[i % 3]}` },
              { name: 'note', value: 'é—€' },
            ],
          })),
        },
      ],
    };
    const writes: number[] = [];
    const fs: AtomicSaveFs = {
      ...nodeAtomicSaveFs,
      createExclusive: async (path, mode) => {
        const handle = await nodeAtomicSaveFs.createExclusive(path, mode);
        return {
          write: (data) => {
            writes.push(data.length);
            return handle.write(data);
          },
          stat: () => handle.stat(),
          chown: (uid, gid) => handle.chown(uid, gid),
          chmod: (m) => handle.chmod(m),
          sync: () => handle.sync(),
          close: () => handle.close(),
        };
      },
    };
    await save(big, { fs });
    const expected = `${JSON.stringify(big, null, 2)}\n`;
    expect(await readFile(file, 'utf8')).toBe(expected);
    expect(writes.length).toBeGreaterThan(3);
    expect(Math.max(...writes)).toBeLessThan(expected.length / 3);
    expect(Math.max(...writes)).toBeLessThanOrEqual(1 << 22);
  });

  it('writes without indentation when the indented JSON would pass the size limit', async () => {
    const value = { items: Array.from({ length: 50 }, (_, i) => ({ i })) };
    const compact = `${JSON.stringify(value)}\n`;
    const maxBytes = compact.length + 10;
    expect(`${JSON.stringify(value, null, 2)}\n`.length).toBeGreaterThan(maxBytes);
    expect(await save(value, { maxBytes })).toBe('saved');
    expect(await readFile(file, 'utf8')).toBe(compact);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('refuses a snapshot that would pass the size limit even without indentation', async () => {
    const value = { items: Array.from({ length: 50 }, (_, i) => ({ i })) };
    await expect(save(value, { maxBytes: 100 })).rejects.toThrow(
      /would be larger than .* bytes even without indentation/,
    );
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });
});

describe('saveAtomic on a handled signal', () => {
  /** A signal host that records what the save does with signals. */
  function fakeSignals() {
    const listeners = new Map<HandledSignal, () => void>();
    const exits: number[] = [];
    const host: SignalHost = {
      on: (signal, listener) => listeners.set(signal, listener),
      off: (signal) => listeners.delete(signal),
      exit: (code) => {
        exits.push(code);
      },
    };
    return { host, listeners, exits, raise: (signal: HandledSignal) => listeners.get(signal)?.() };
  }

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)(
    '%s while writing removes the temporary file and exits %i',
    async (signal, status) => {
      const signals = fakeSignals();
      let release!: () => void;
      const blocked = new Promise<void>((resolve) => {
        release = resolve;
      });
      let writing!: () => void;
      const started = new Promise<void>((resolve) => {
        writing = resolve;
      });
      const fs: AtomicSaveFs = {
        ...nodeAtomicSaveFs,
        createExclusive: async (path, mode) => {
          const handle = await nodeAtomicSaveFs.createExclusive(path, mode);
          return {
            write: async (data) => {
              await handle.write(data);
              writing();
              await blocked;
            },
            stat: () => handle.stat(),
            chown: (uid, gid) => handle.chown(uid, gid),
            chmod: (m) => handle.chmod(m),
            sync: () => handle.sync(),
            close: () => handle.close(),
          };
        },
      };
      const saving = save(VALUE, { fs, signals: signals.host });
      await started;
      expect((await readdir(dir)).length).toBe(2); // the temporary file exists
      signals.raise(signal);
      expect(signals.exits).toEqual([status]);
      expect(await readdir(dir)).toEqual(['cluster.json']);
      expect(signals.listeners.size).toBe(0);
      release();
      // The fake exit returns, so the save goes on; the real one would have ended the process.
      await saving.catch(() => undefined);
      expect(await readFile(file, 'utf8')).not.toContain('"updated"');
    },
  );

  it('SIGTERM while holding the lock removes the temporary file and releases the lock', async () => {
    const signals = fakeSignals();
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const fs: AtomicSaveFs = {
      ...nodeAtomicSaveFs,
      identity: async (path) => {
        locked();
        await new Promise(() => undefined); // never answers: the signal ends it
        return nodeAtomicSaveFs.identity(path);
      },
    };
    void save(VALUE, { fs, signals: signals.host });
    await holding;
    expect((await readdir(dir)).sort()).toHaveLength(3); // file, temporary file, lock
    signals.raise('SIGTERM');
    expect(signals.exits).toEqual([143]);
    expect(await readdir(dir)).toEqual(['cluster.json']);
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
  });

  it('removes its signal listeners once the save is over', async () => {
    const signals = fakeSignals();
    await save(VALUE, { signals: signals.host });
    expect(signals.listeners.size).toBe(0);
    await expect(save(VALUE, { fs: failing('rename'), signals: signals.host })).rejects.toThrow();
    expect(signals.listeners.size).toBe(0);
  });
});

describe('the save lock', () => {
  const quick = { staleMs: 2000, waitMs: 600 };
  const withTiming = (timing: { staleMs: number; waitMs: number }): AtomicSaveFs => ({
    ...nodeAtomicSaveFs,
    lock: (path) => lockFile(path, timing),
  });

  it('a save waits for a lock another process holds, and fails clearly if it stays held', async () => {
    // A fresh lock directory: another save in progress.
    await mkdir(`${file}.lock`);
    await expect(save(VALUE, { fs: withTiming(quick) })).rejects.toThrow(LockBusyError);
    await expect(save(VALUE, { fs: withTiming(quick) })).rejects.toThrow(
      `${file}.lock is held by another process`,
    );
    expect(await readFile(file, 'utf8')).toBe(ORIGINAL);
    expect(await readdir(dir)).toEqual(['cluster.json', 'cluster.json.lock']);
  });

  it('a lock left behind (not refreshed for longer than the stale time) is taken over', async () => {
    await mkdir(`${file}.lock`);
    const longAgo = new Date(Date.now() - 60_000);
    await utimes(`${file}.lock`, longAgo, longAgo);
    expect(await save()).toBe('saved');
    expect(await readFile(file, 'utf8')).toBe(VALUE_JSON);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });

  it('the lock of a process killed with SIGKILL is taken over once stale', async () => {
    // A process takes the lock with the same library and is killed without any cleanup.
    const holder = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import lockfile from 'proper-lockfile';
         await lockfile.lock(${JSON.stringify(file)}, { realpath: false, stale: 2000 });
         process.stdout.write('locked\\n');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      holder.stdout.on('data', (data: Buffer) => {
        if (data.toString().includes('locked')) resolve();
      });
      holder.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    const killed = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await killed;
    const lockStats = await new Promise((resolve) =>
      statCallback(`${file}.lock`, (error) => resolve(error === null)),
    );
    expect(lockStats).toBe(true); // the dead process left its lock behind
    expect(await save(VALUE, { fs: withTiming({ staleMs: 2000, waitMs: 15_000 }) })).toBe('saved');
    expect(await readFile(file, 'utf8')).toBe(VALUE_JSON);
    expect(await readdir(dir)).toEqual(['cluster.json']);
  });
});
