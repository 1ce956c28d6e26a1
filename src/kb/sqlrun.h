/*
 * sqlrun — runs checked SQL examples against a private MariaDB server.
 *
 * mdb_start() creates a data directory under a temporary directory (mariadb-install-db),
 * starts mariadbd on a Unix socket there with networking off, and waits until it
 * answers; mdb_stop() stops it (SIGTERM, then SIGKILL after 20 s) and is always safe to
 * call. The server runs with MySQL 8's defaults where MariaDB's differ and matter to the
 * examples: utf8mb4 and MySQL 8's sql_mode. Every script runs in a fresh database
 * (mdb_create_db), each of its sessions on its own connection.
 *
 * sql_script_run() executes the steps in order. A statement marked `-- blocks` runs on a
 * thread; it must still be running 300 ms later, and is waited for (10 s at most, then
 * killed) where the script returns to its session. Synchronous statements give up after
 * 30 s (client read timeout). The first failed expectation ends the script.
 */
#ifndef BAGU_KB_SQLRUN_H
#define BAGU_KB_SQLRUN_H

#include "kb/sqlscript.h"

struct mdb;

/* Starts the server in dir (which must exist and be empty enough for data/ and sock).
 * Returns -1 with err set when the server binaries are missing or it does not start. */
int mdb_start(struct mdb **out, const char *dir, struct bagu_err *err) BAGU_MUST_CHECK;
const char *mdb_version(const struct mdb *m); /* e.g. "10.11.19-MariaDB-0+deb12u1" */
const char *mdb_socket(const struct mdb *m);
/* CREATE DATABASE name (utf8mb4); name is [a-z0-9_]. */
int mdb_create_db(struct mdb *m, const char *name, struct bagu_err *err) BAGU_MUST_CHECK;
void mdb_stop(struct mdb *m);

/* Runs a parsed script in database db. Returns 0 when every expectation held; otherwise
 * -1 with *line set to the script line (1-based) of the statement or expectation that
 * failed and err to why. */
int sql_script_run(struct mdb *m, const struct sql_script *s, const char *db, int *line,
		   struct bagu_err *err) BAGU_MUST_CHECK;

#endif
