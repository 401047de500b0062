#include "tls_client.h"
#include "rd_loader.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

/* The libssl functions used, looked up once. The OpenSSL headers give their types; nothing is linked. */
#define RD_TLS_FUNCTIONS(X) \
    X(TLS_client_method) X(SSL_CTX_new) X(SSL_CTX_free) X(SSL_CTX_set_verify) X(SSL_CTX_load_verify_locations) \
    X(SSL_CTX_set_default_verify_paths) X(SSL_new) X(SSL_free) X(SSL_set_fd) X(SSL_get0_param) X(SSL_ctrl) \
    X(SSL_CTX_ctrl) X(SSL_set1_host) X(SSL_connect) X(SSL_get_verify_result) X(SSL_read) X(SSL_write) X(SSL_shutdown) \
    X(X509_VERIFY_PARAM_set1_ip_asc) X(X509_verify_cert_error_string) X(ERR_get_error) X(ERR_error_string_n)

#define RD_DECLARE(name) static __typeof__(&name) p_##name;
RD_TLS_FUNCTIONS(RD_DECLARE)

static rd_loader loader = RD_LOADER_INIT;

static void load(void) {
    void *lib = rd_open(&loader, "libssl.so.3", "libssl3", "TLS");
    if (!lib) return;
    /* libcrypto's functions (ERR_*, X509_*) are found through libssl's own dependency. */
#define RD_LOOKUP(name) \
    if (!(p_##name = (__typeof__(&name))rd_symbol(&loader, lib, "libssl.so.3", #name, "OpenSSL 3 is needed"))) return;
    RD_TLS_FUNCTIONS(RD_LOOKUP)
}

struct rd_tls { SSL_CTX *ctx; SSL *ssl; };

static rd_tls *fail(rd_tls *tls, char *error, size_t size, const char *reason) {
    snprintf(error, size, "%s", reason);
    rd_tls_close(tls);
    return NULL;
}

rd_tls *rd_tls_connect(int fd, const char *host, const char *ca_file, char *error, size_t size) {
    const char *missing = rd_load(&loader, load);
    if (missing) { snprintf(error, size, "%s", missing); return NULL; }
    rd_tls *tls = calloc(1, sizeof *tls);
    if (!tls) return fail(NULL, error, size, "out of memory");
    if (!(tls->ctx = p_SSL_CTX_new(p_TLS_client_method()))) return fail(tls, error, size, "cannot create a TLS context");
    p_SSL_CTX_set_verify(tls->ctx, SSL_VERIFY_PEER, NULL);
    /* SSL_CTX_set_min_proto_version is a macro over SSL_CTX_ctrl. TLS 1.0 and 1.1 are deprecated (RFC 8996). */
    if (p_SSL_CTX_ctrl(tls->ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_2_VERSION, NULL) != 1)
        return fail(tls, error, size, "cannot require TLS 1.2 or later");
    if (ca_file) {
        if (p_SSL_CTX_load_verify_locations(tls->ctx, ca_file, NULL) != 1) {
            snprintf(error, size, "cannot load CA file %s", ca_file);
            rd_tls_close(tls);
            return NULL;
        }
    } else {
        p_SSL_CTX_set_default_verify_paths(tls->ctx);
    }
    if (!(tls->ssl = p_SSL_new(tls->ctx))) return fail(tls, error, size, "cannot create a TLS session");
    if (p_SSL_set_fd(tls->ssl, fd) != 1) return fail(tls, error, size, "cannot attach TLS to the socket");
    /* The identity to check is set here or nowhere: if OpenSSL refuses it, the handshake would accept any
       certificate the CAs vouch for, so fail closed instead. */
    int is_ip = strchr(host, ':') != NULL || strspn(host, "0123456789.") == strlen(host);
    int identity_set;
    if (is_ip) {
        identity_set = p_X509_VERIFY_PARAM_set1_ip_asc(p_SSL_get0_param(tls->ssl), host) == 1;
    } else {
        /* SSL_set_tlsext_host_name is a macro over SSL_ctrl: the name sent for SNI. */
        identity_set = p_SSL_ctrl(tls->ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name, (void *)host) == 1
            && p_SSL_set1_host(tls->ssl, host) == 1;
    }
    if (!identity_set) {
        snprintf(error, size, "cannot check the certificate's identity for %s: OpenSSL does not take it as %s", host,
                 is_ip ? "an IP address" : "a host name");
        rd_tls_close(tls);
        return NULL;
    }
    if (p_SSL_connect(tls->ssl) != 1) {
        long verify = p_SSL_get_verify_result(tls->ssl);
        if (verify != X509_V_OK) {
            snprintf(error, size, "%s", p_X509_verify_cert_error_string(verify));
        } else {
            unsigned long code = p_ERR_get_error();
            if (code) p_ERR_error_string_n(code, error, size); else snprintf(error, size, "connection closed");
        }
        rd_tls_close(tls);
        return NULL;
    }
    return tls;
}

int rd_tls_write(rd_tls *tls, const void *bytes, int count) { return p_SSL_write(tls->ssl, bytes, count); }

int rd_tls_read(rd_tls *tls, void *bytes, int count) { return p_SSL_read(tls->ssl, bytes, count); }

void rd_tls_close(rd_tls *tls) {
    if (!tls) return;
    if (tls->ssl) { p_SSL_shutdown(tls->ssl); p_SSL_free(tls->ssl); }
    if (tls->ctx) p_SSL_CTX_free(tls->ctx);
    free(tls);
}
