/* libpq from Debian: the official PostgreSQL client (TLS, .pgpass, Unix-socket peer auth). Its types and
   declarations come from libpq-dev's header; the library itself (libpq5) is loaded on first use by
   libpq_loader.c, so that a process on a SQLite desk never loads it and the twenty libraries it needs
   (Kerberos, LDAP, GnuTLS…), which took about 6 ms of every start. */
#include <postgresql/libpq-fe.h>

/* The error-field codes are character-literal macros ('C', 'M'…), which Swift does not import. */
static const int RD_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int RD_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int RD_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int RD_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;

/* Loads libpq once (thread-safe); NULL when it is loaded, else why it could not be, in one sentence. Every
   PQ function below may be called only after this returned NULL. */
const char *rd_libpq_load(void);
