/* Libraries the program needs for some commands only (libpq, libssl, cairo and pango), opened on first use so
   that every other start does not map and bind them. One way to open them, and one way to say what is missing. */
#ifndef RD_LOADER_H
#define RD_LOADER_H
#include <pthread.h>

/* The libraries of one purpose, loaded once per process; `error` stays empty if everything was found. */
typedef struct {
    pthread_once_t once;
    char error[256];
} rd_loader;
#define RD_LOADER_INIT { PTHREAD_ONCE_INIT, "" }

/* Runs `load` once for the process (thread-safe); NULL when it found everything, else why not, in one sentence. */
const char *rd_load(rd_loader *loader, void (*load)(void));

/* `soname` (Debian package `package`), kept loaded for the life of the process; NULL, with "<purpose> needs
   <soname> (Debian: <package>): <dlerror>" in `loader->error`. */
void *rd_open(rd_loader *loader, const char *soname, const char *package, const char *purpose);

/* `name` in `library` (opened as `soname`); NULL, with "<soname> lacks <name> (<requirement>)" in
   `loader->error`. */
void *rd_symbol(rd_loader *loader, void *library, const char *soname, const char *name, const char *requirement);
#endif
