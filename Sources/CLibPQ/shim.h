/* libpq from Debian's libpq-dev: the official PostgreSQL client (TLS, .pgpass, Unix-socket peer auth). */
#include <postgresql/libpq-fe.h>

/* The error-field codes are character-literal macros ('C', 'M'…), which Swift does not import. */
static const int RD_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int RD_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int RD_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int RD_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
