/* The libpq functions the storage layer calls, each defined here under its own name and forwarding to the
   library loaded by rd_libpq_load(). They are compiled against libpq-fe.h, so a signature that differs from
   the header's is a compile error. Hidden: libpq's calls among its own functions must not land here. */
#include <stdio.h>      /* before the pragma: libpq-fe.h includes it, and its functions must stay libc's */
#include "rd_loader.h"
#pragma GCC visibility push(hidden)
#include "libpq_loader.h"
#pragma GCC visibility pop

/* Each function as X(return type, name, parameters, arguments). */
#define RD_LIBPQ(X) \
    X(PGconn *, PQconnectdbParams, (const char *const *k, const char *const *v, int e), (k, v, e)) \
    X(ConnStatusType, PQstatus, (const PGconn *c), (c)) \
    X(PGTransactionStatusType, PQtransactionStatus, (const PGconn *c), (c)) \
    X(char *, PQerrorMessage, (const PGconn *c), (c)) \
    X(int, PQserverVersion, (const PGconn *c), (c)) \
    X(int, PQconnectionNeedsPassword, (const PGconn *c), (c)) \
    X(PQconninfoOption *, PQconninfo, (PGconn *c), (c)) \
    X(void, PQconninfoFree, (PQconninfoOption *o), (o)) \
    X(PQnoticeProcessor, PQsetNoticeProcessor, (PGconn *c, PQnoticeProcessor p, void *a), (c, p, a)) \
    X(void, PQreset, (PGconn *c), (c)) \
    X(void, PQfinish, (PGconn *c), (c)) \
    X(PGresult *, PQexec, (PGconn *c, const char *q), (c, q)) \
    X(PGresult *, PQexecParams, (PGconn *c, const char *q, int n, const Oid *t, const char *const *v, \
                                 const int *l, const int *f, int r), (c, q, n, t, v, l, f, r)) \
    X(PGresult *, PQprepare, (PGconn *c, const char *s, const char *q, int n, const Oid *t), (c, s, q, n, t)) \
    X(PGresult *, PQexecPrepared, (PGconn *c, const char *s, int n, const char *const *v, const int *l, \
                                   const int *f, int r), (c, s, n, v, l, f, r)) \
    X(ExecStatusType, PQresultStatus, (const PGresult *r), (r)) \
    X(char *, PQresultErrorMessage, (const PGresult *r), (r)) \
    X(char *, PQresultErrorField, (const PGresult *r, int f), (r, f)) \
    X(char *, PQcmdTuples, (PGresult *r), (r)) \
    X(int, PQntuples, (const PGresult *r), (r)) \
    X(int, PQnfields, (const PGresult *r), (r)) \
    X(char *, PQfname, (const PGresult *r, int f), (r, f)) \
    X(Oid, PQftype, (const PGresult *r, int f), (r, f)) \
    X(int, PQgetisnull, (const PGresult *r, int t, int f), (r, t, f)) \
    X(int, PQgetlength, (const PGresult *r, int t, int f), (r, t, f)) \
    X(char *, PQgetvalue, (const PGresult *r, int t, int f), (r, t, f)) \
    X(void, PQclear, (PGresult *r), (r)) \
    X(unsigned char *, PQunescapeBytea, (const unsigned char *s, size_t *n), (s, n)) \
    X(void, PQfreemem, (void *p), (p))

#define RD_POINTER(ret, name, params, args) static ret (*p_##name) params;
RD_LIBPQ(RD_POINTER)

#define RD_FORWARD(ret, name, params, args) ret name params { return p_##name args; }
RD_LIBPQ(RD_FORWARD)

static rd_loader loader = RD_LOADER_INIT;

static void load(void) {
    void *lib = rd_open(&loader, "libpq.so.5", "libpq5", "a PostgreSQL desk");
    if (!lib) return;
#define RD_LOOKUP(ret, name, params, args) \
    if (!(p_##name = (ret (*) params)rd_symbol(&loader, lib, "libpq.so.5", #name, "libpq 15 or later is needed"))) \
        return;
    RD_LIBPQ(RD_LOOKUP)
}

const char *rd_libpq_load(void) {
    return rd_load(&loader, load);
}
