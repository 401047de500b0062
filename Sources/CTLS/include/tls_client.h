#ifndef RD_TLS_CLIENT_H
#define RD_TLS_CLIENT_H
#include <stddef.h>

/* A TLS client connection over a connected socket, for the SMTP transport. libssl is loaded with dlopen
   on first use: only `mail deliver` and `mail test` need it, and linking it would make every start of the
   terminal front pay for relocating libssl and libcrypto (about 1.5 ms). */
typedef struct rd_tls rd_tls;

/* Wraps `fd` in TLS 1.2 or later and verifies the server's certificate for `host` (an IP address is checked
   as one), against `ca_file` or the system's trust store when it is NULL. A host OpenSSL cannot take as a
   name or an address fails rather than connecting unchecked. NULL on failure, with the reason in `error`. */
rd_tls *rd_tls_connect(int fd, const char *host, const char *ca_file, char *error, size_t error_size);

/* Bytes written or read (> 0), or <= 0 when the connection failed or closed. */
int rd_tls_write(rd_tls *tls, const void *bytes, int count);
int rd_tls_read(rd_tls *tls, void *bytes, int count);

/* Sends close_notify and frees the connection; the socket stays open for the caller to close. */
void rd_tls_close(rd_tls *tls);

#endif
