#include "rd_loader.h"
#include <dlfcn.h>
#include <stdio.h>

const char *rd_load(rd_loader *loader, void (*load)(void)) {
    pthread_once(&loader->once, load);
    return loader->error[0] ? loader->error : NULL;
}

void *rd_open(rd_loader *loader, const char *soname, const char *package, const char *purpose) {
    /* RTLD_LOCAL: the library's symbols are reached only through the pointers looked up here, never by name. */
    void *library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    if (!library)
        snprintf(loader->error, sizeof loader->error, "%s needs %s (Debian: %s): %s", purpose, soname, package,
                 dlerror());
    return library;
}

void *rd_symbol(rd_loader *loader, void *library, const char *soname, const char *name, const char *requirement) {
    void *symbol = dlsym(library, name);
    if (!symbol)
        snprintf(loader->error, sizeof loader->error, "%s lacks %s (%s)", soname, name, requirement);
    return symbol;
}
