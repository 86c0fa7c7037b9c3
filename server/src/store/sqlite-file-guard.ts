import { accessSync, constants, statSync } from 'node:fs';
import { DatabaseUnavailableError } from './database-unavailable.js';

/**
 * Checks, before each commit, that the SQLite file the server opened is still the file at its
 * path and still writable.
 *
 * SQLite keeps writing through the descriptor it holds: a database file deleted (or replaced by
 * another, say a restored copy) under a running server goes on taking writes into a file nobody
 * can reach, and everything written since is gone at the next start. A file made read-only or
 * immutable is found only at the next checkpoint, as an I/O error, long after the writes before
 * it were acknowledged. A few system calls per transaction (stat, access) are cheap next to the
 * commit's fsync, and turn each of these into a refused write, before anything is acknowledged.
 *
 * The shared-memory index beside the database (`-shm`) is mapped into the process, and SQLite
 * writes to that memory when a transaction starts or commits, reads included. Once the file is
 * made immutable, such a write is a SIGBUS and the process dies on the spot, without a word in
 * the log. So every statement, reads too, first checks that the -shm file is still writable (one
 * `access` call covers the statements of the next `SHM_CHECK_MS`; a write transaction checks at
 * its start and its commit) and is refused with a 503 if not.
 */
/**
 * How long a check of the -shm file stands for the statements that follow, in ms: the statements
 * of one request run together, and one system call covers them all. The window is of the same
 * order as the one between any check and the write after it.
 */
const SHM_CHECK_MS = 1;

export class SqliteFileGuard {
  readonly #file: string;
  readonly #identity: string;
  /** The write-ahead log's identity, once it has been seen (SQLite makes it at the first write). */
  #wal: string | undefined;
  #shmProblem: string | null = null;
  #shmCheckedAt = -Infinity;

  constructor(file: string) {
    this.#file = file;
    this.#identity = SqliteFileGuard.#identityOf(file);
  }

  static #identityOf(file: string): string {
    const stat = statSync(file);
    return `${stat.dev}:${stat.ino}`;
  }

  /** Why the -shm file could not take SQLite's writes to its memory now, or null. */
  #shm(): string | null {
    try {
      accessSync(`${this.#file}-shm`, constants.W_OK);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      // Not there yet (no connection has used the WAL): nothing is mapped, nothing to fault on.
      if (code !== 'ENOENT') {
        return `the database's shared-memory file ${this.#file}-shm is read-only or immutable (${code}); the database is not used until it is writable again (chattr -i, chmod), since writing to it would crash the process`;
      }
    }
    return null;
  }

  /** Before any statement: throws when touching the database could crash the process (see above). */
  checkBeforeStatement() {
    const now = performance.now();
    if (now - this.#shmCheckedAt >= SHM_CHECK_MS) {
      this.#shmCheckedAt = now;
      this.#shmProblem = this.#shm();
    }
    if (this.#shmProblem) throw new DatabaseUnavailableError(this.#shmProblem);
  }

  /** Why the file cannot take a write now, or null when it can. */
  problem(): string | null {
    const shm = this.#shm();
    this.#shmProblem = shm;
    this.#shmCheckedAt = performance.now();
    if (shm) return shm;
    let identity: string;
    try {
      identity = SqliteFileGuard.#identityOf(this.#file);
    } catch {
      return `the database file ${this.#file} was deleted while the server ran; writes are refused so none is lost — restore the file (or a backup) and restart the server`;
    }
    if (identity !== this.#identity) {
      return `the database file ${this.#file} was replaced by another file while the server ran; writes are refused — restart the server to open the new file`;
    }
    // Commits go to the -wal file first; one deleted under the server takes them with it. SQLite
    // deletes it only when the last connection closes, so while this one is open it stays.
    let wal: string | undefined;
    try {
      wal = SqliteFileGuard.#identityOf(`${this.#file}-wal`);
    } catch {
      wal = undefined;
    }
    if (this.#wal === undefined) this.#wal = wal;
    else if (wal !== this.#wal) {
      return `the database's write-ahead log ${this.#file}-wal was deleted or replaced while the server ran; writes are refused so none is lost — restart the server`;
    }
    try {
      accessSync(this.#file, constants.W_OK);
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'error';
      return `the database file ${this.#file} is read-only or immutable (${code}); writes are refused — make it writable again (chmod, chattr -i)`;
    }
    return null;
  }

  /** Throws DatabaseUnavailableError when the file cannot take a write (see `problem`). */
  check() {
    const problem = this.problem();
    if (problem) throw new DatabaseUnavailableError(problem);
  }
}
