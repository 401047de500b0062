#include "pdf_canvas.h"
#include "rd_loader.h"
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The cairo, pango and GObject functions used, declared here rather than taken from their headers, so building
   needs no -dev package (the libraries themselves are loaded on first use). Each declaration is the official
   one with opaque types: the libraries are ABI-stable, their enums are int-sized and passed as int. The tests
   compile this file with -DRD_PDF_CHECK_HEADERS against the real headers, where every declaration below
   becomes a redeclaration and any difference in a type or argument a compile error. */
#ifdef RD_PDF_CHECK_HEADERS
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#else
typedef struct _cairo cairo_t;
typedef struct _cairo_surface cairo_surface_t;
typedef int cairo_status_t;
typedef int cairo_pdf_metadata_t;
typedef cairo_status_t (*cairo_write_func_t)(void *closure, const unsigned char *data, unsigned int length);
typedef struct _PangoContext PangoContext;
typedef struct _PangoFont PangoFont;
typedef struct _PangoFontDescription PangoFontDescription;
typedef struct _PangoLayout PangoLayout;
typedef int PangoAlignment;
typedef int PangoWrapMode;
typedef int gboolean;
typedef void *gpointer;
#endif

/* The enum values used, from the same headers (checked there too). */
enum {
    RD_CAIRO_STATUS_SUCCESS = 0, RD_CAIRO_STATUS_NO_MEMORY = 1, RD_CAIRO_STATUS_WRITE_ERROR = 11,
    RD_CAIRO_PDF_METADATA_TITLE = 0, RD_CAIRO_PDF_METADATA_AUTHOR = 1, RD_CAIRO_PDF_METADATA_CREATOR = 4,
    RD_CAIRO_PDF_METADATA_CREATE_DATE = 5, RD_CAIRO_PDF_METADATA_MOD_DATE = 6,
    RD_PANGO_WRAP_WORD_CHAR = 2, RD_PANGO_SCALE = 1024,
};
#ifdef RD_PDF_CHECK_HEADERS
_Static_assert(RD_CAIRO_STATUS_SUCCESS == CAIRO_STATUS_SUCCESS, "cairo_status_t");
_Static_assert(RD_CAIRO_STATUS_NO_MEMORY == CAIRO_STATUS_NO_MEMORY, "cairo_status_t");
_Static_assert(RD_CAIRO_STATUS_WRITE_ERROR == CAIRO_STATUS_WRITE_ERROR, "cairo_status_t");
_Static_assert(RD_CAIRO_PDF_METADATA_TITLE == CAIRO_PDF_METADATA_TITLE, "cairo_pdf_metadata_t");
_Static_assert(RD_CAIRO_PDF_METADATA_AUTHOR == CAIRO_PDF_METADATA_AUTHOR, "cairo_pdf_metadata_t");
_Static_assert(RD_CAIRO_PDF_METADATA_CREATOR == CAIRO_PDF_METADATA_CREATOR, "cairo_pdf_metadata_t");
_Static_assert(RD_CAIRO_PDF_METADATA_CREATE_DATE == CAIRO_PDF_METADATA_CREATE_DATE, "cairo_pdf_metadata_t");
_Static_assert(RD_CAIRO_PDF_METADATA_MOD_DATE == CAIRO_PDF_METADATA_MOD_DATE, "cairo_pdf_metadata_t");
_Static_assert(RD_PANGO_WRAP_WORD_CHAR == PANGO_WRAP_WORD_CHAR, "PangoWrapMode");
_Static_assert(PANGO_ALIGN_LEFT == RD_PDF_LEFT && PANGO_ALIGN_CENTER == RD_PDF_CENTER
               && PANGO_ALIGN_RIGHT == RD_PDF_RIGHT, "PangoAlignment");
_Static_assert(RD_PANGO_SCALE == PANGO_SCALE, "PANGO_SCALE");
_Static_assert(sizeof(cairo_status_t) == sizeof(int) && sizeof(PangoAlignment) == sizeof(int)
               && sizeof(PangoWrapMode) == sizeof(int) && sizeof(cairo_pdf_metadata_t) == sizeof(int), "enum size");
#endif

void g_object_unref(gpointer object);
cairo_surface_t *cairo_pdf_surface_create_for_stream(cairo_write_func_t write_func, void *closure,
                                                     double width_in_points, double height_in_points);
void cairo_pdf_surface_set_metadata(cairo_surface_t *surface, cairo_pdf_metadata_t metadata, const char *utf8);
cairo_t *cairo_create(cairo_surface_t *target);
void cairo_destroy(cairo_t *cr);
cairo_status_t cairo_status(cairo_t *cr);
cairo_status_t cairo_surface_status(cairo_surface_t *surface);
void cairo_surface_finish(cairo_surface_t *surface);
void cairo_surface_destroy(cairo_surface_t *surface);
const char *cairo_status_to_string(cairo_status_t status);
void cairo_show_page(cairo_t *cr);
void cairo_set_source_rgb(cairo_t *cr, double red, double green, double blue);
void cairo_set_line_width(cairo_t *cr, double width);
void cairo_move_to(cairo_t *cr, double x, double y);
void cairo_line_to(cairo_t *cr, double x, double y);
void cairo_rectangle(cairo_t *cr, double x, double y, double width, double height);
void cairo_fill(cairo_t *cr);
void cairo_stroke(cairo_t *cr);
PangoFontDescription *pango_font_description_from_string(const char *str);
void pango_font_description_free(PangoFontDescription *desc);
const char *pango_font_description_get_family(const PangoFontDescription *desc);
PangoFontDescription *pango_font_describe(PangoFont *font);
PangoFont *pango_context_load_font(PangoContext *context, const PangoFontDescription *desc);
void pango_context_set_round_glyph_positions(PangoContext *context, gboolean round_positions);
PangoLayout *pango_layout_new(PangoContext *context);
void pango_layout_set_font_description(PangoLayout *layout, const PangoFontDescription *desc);
void pango_layout_set_width(PangoLayout *layout, int width);
void pango_layout_set_wrap(PangoLayout *layout, PangoWrapMode wrap);
void pango_layout_set_alignment(PangoLayout *layout, PangoAlignment alignment);
void pango_layout_set_text(PangoLayout *layout, const char *text, int length);
void pango_layout_get_size(PangoLayout *layout, int *width, int *height);
PangoContext *pango_cairo_create_context(cairo_t *cr);
void pango_cairo_show_layout(cairo_t *cr, PangoLayout *layout);
void pango_cairo_context_set_resolution(PangoContext *context, double dpi);

/* Each library with the functions looked up in it, so a missing one is named with its Debian package. */
#define RD_GOBJECT(X) X(g_object_unref)
#define RD_CAIRO(X) \
    X(cairo_pdf_surface_create_for_stream) X(cairo_pdf_surface_set_metadata) X(cairo_create) X(cairo_destroy) \
    X(cairo_status) X(cairo_surface_status) X(cairo_surface_finish) X(cairo_surface_destroy) \
    X(cairo_status_to_string) X(cairo_show_page) X(cairo_set_source_rgb) X(cairo_set_line_width) X(cairo_move_to) \
    X(cairo_line_to) X(cairo_rectangle) X(cairo_fill) X(cairo_stroke)
#define RD_PANGO(X) \
    X(pango_font_description_from_string) X(pango_font_description_free) X(pango_font_description_get_family) \
    X(pango_font_describe) X(pango_context_load_font) X(pango_context_set_round_glyph_positions) X(pango_layout_new) \
    X(pango_layout_set_font_description) \
    X(pango_layout_set_width) X(pango_layout_set_wrap) X(pango_layout_set_alignment) X(pango_layout_set_text) \
    X(pango_layout_get_size)
#define RD_PANGOCAIRO(X) X(pango_cairo_create_context) X(pango_cairo_show_layout) X(pango_cairo_context_set_resolution)

#define RD_DECLARE(name) static __typeof__(&name) p_##name;
RD_GOBJECT(RD_DECLARE)
RD_CAIRO(RD_DECLARE)
RD_PANGO(RD_DECLARE)
RD_PANGOCAIRO(RD_DECLARE)

static rd_loader loader = RD_LOADER_INIT;

static void load(void) {
    void *lib;
    const char *soname;
#define RD_LOOKUP(name) \
    if (!(p_##name = (__typeof__(&name))rd_symbol(&loader, lib, soname, #name, \
                                                  "cairo 1.16 and pango 1.44 or later are needed"))) \
        return;
#define RD_OPEN(library, package) \
    if (!(lib = rd_open(&loader, soname = library, package, "PDF export"))) return;
    RD_OPEN("libgobject-2.0.so.0", "libglib2.0-0")
    RD_GOBJECT(RD_LOOKUP)
    RD_OPEN("libcairo.so.2", "libcairo2")
    RD_CAIRO(RD_LOOKUP)
    RD_OPEN("libpango-1.0.so.0", "libpango-1.0-0")
    RD_PANGO(RD_LOOKUP)
    RD_OPEN("libpangocairo-1.0.so.0", "libpangocairo-1.0-0")
    RD_PANGOCAIRO(RD_LOOKUP)
}

#define RD_PDF_FONTS 16

struct rd_pdf {
    cairo_surface_t *surface;
    cairo_t *cr;
    /* Every text's layout is made in this one context: pango keeps its fonts and their caches there. */
    PangoContext *context;
    unsigned char *bytes;
    size_t count, capacity;
    PangoFontDescription *fonts[RD_PDF_FONTS];
    int font_count;
};

/* cairo's output: appended to the growing buffer. */
static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int length) {
    rd_pdf *pdf = closure;
    if (pdf->count + length > pdf->capacity) {
        size_t capacity = pdf->capacity ? pdf->capacity : 65536;
        while (capacity < pdf->count + length) capacity *= 2;
        unsigned char *bytes = realloc(pdf->bytes, capacity);
        if (!bytes) return RD_CAIRO_STATUS_NO_MEMORY;
        pdf->bytes = bytes;
        pdf->capacity = capacity;
    }
    memcpy(pdf->bytes + pdf->count, data, length);
    pdf->count += length;
    return RD_CAIRO_STATUS_SUCCESS;
}

rd_pdf *rd_pdf_open(double width, double height, char *error, size_t error_size) {
    const char *missing = rd_load(&loader, load);
    if (missing) { snprintf(error, error_size, "%s", missing); return NULL; }
    rd_pdf *pdf = calloc(1, sizeof *pdf);
    if (!pdf) { snprintf(error, error_size, "out of memory"); return NULL; }
    pdf->surface = p_cairo_pdf_surface_create_for_stream(write_bytes, pdf, width, height);
    cairo_status_t status = p_cairo_surface_status(pdf->surface);
    if (status == RD_CAIRO_STATUS_SUCCESS) {
        pdf->cr = p_cairo_create(pdf->surface);
        status = p_cairo_status(pdf->cr);
    }
    if (status != RD_CAIRO_STATUS_SUCCESS) {
        snprintf(error, error_size, "cannot create a PDF: %s", p_cairo_status_to_string(status));
        rd_pdf_close(pdf);
        return NULL;
    }
    pdf->context = p_pango_cairo_create_context(pdf->cr);
    /* A font's size in points is that many units of the PDF's page (pango's default is a screen's 96 dpi). */
    p_pango_cairo_context_set_resolution(pdf->context, 72);
    /* Glyphs at their exact advances: rounding to whole points (pango's default, for screens) spaces letters
       unevenly on paper. */
    p_pango_context_set_round_glyph_positions(pdf->context, 0);
    return pdf;
}

void rd_pdf_set_metadata(rd_pdf *pdf, const char *title, const char *author, const char *creator,
                         const char *create_date) {
    if (!pdf) return;
    if (title) p_cairo_pdf_surface_set_metadata(pdf->surface, RD_CAIRO_PDF_METADATA_TITLE, title);
    if (author) p_cairo_pdf_surface_set_metadata(pdf->surface, RD_CAIRO_PDF_METADATA_AUTHOR, author);
    if (creator) p_cairo_pdf_surface_set_metadata(pdf->surface, RD_CAIRO_PDF_METADATA_CREATOR, creator);
    if (create_date) {
        /* Without a creation date cairo writes the clock's time, and two renders would differ. */
        p_cairo_pdf_surface_set_metadata(pdf->surface, RD_CAIRO_PDF_METADATA_CREATE_DATE, create_date);
        p_cairo_pdf_surface_set_metadata(pdf->surface, RD_CAIRO_PDF_METADATA_MOD_DATE, create_date);
    }
}

/* The first family of a description's list ("DejaVu Sans,sans" → "DejaVu Sans"), compared without case. */
static int same_family(const char *wanted, const char *got) {
    size_t n = strcspn(wanted, ",");
    return got && strlen(got) == n && strncasecmp(wanted, got, n) == 0;
}

int rd_pdf_font(rd_pdf *pdf, const char *description, char *error, size_t error_size) {
    if (!pdf) { snprintf(error, error_size, "the PDF is finished"); return -1; }
    if (pdf->font_count == RD_PDF_FONTS) {
        snprintf(error, error_size, "more than %d fonts in one document", RD_PDF_FONTS);
        return -1;
    }
    PangoFontDescription *wanted = p_pango_font_description_from_string(description);
    const char *family = p_pango_font_description_get_family(wanted);
    if (family) {
        /* fontconfig always answers with some font: a missing one would print in a look-alike, or in one
           without Greek, so the family it gives must be the one asked for. */
        PangoFont *font = p_pango_context_load_font(pdf->context, wanted);
        PangoFontDescription *loaded = font ? p_pango_font_describe(font) : NULL;
        const char *got = loaded ? p_pango_font_description_get_family(loaded) : NULL;
        int same = same_family(family, got);
        if (!same) snprintf(error, error_size, "no font \"%s\" (for \"%s\"): fontconfig offers \"%s\" instead",
                            family, description, got ? got : "nothing");
        if (loaded) p_pango_font_description_free(loaded);
        if (font) p_g_object_unref(font);
        if (!same) { p_pango_font_description_free(wanted); return -1; }
    }
    pdf->fonts[pdf->font_count] = wanted;
    return pdf->font_count++;
}

rd_pdf_text *rd_pdf_layout_text(rd_pdf *pdf, int font, double width, int align, const char *text, size_t length,
                                double *height) {
    *height = 0;
    if (!pdf) return NULL;
    PangoLayout *layout = p_pango_layout_new(pdf->context);
    if (font >= 0 && font < pdf->font_count) p_pango_layout_set_font_description(layout, pdf->fonts[font]);
    p_pango_layout_set_wrap(layout, RD_PANGO_WRAP_WORD_CHAR);
    p_pango_layout_set_width(layout, width > 0 ? (int)(width * RD_PANGO_SCALE) : -1);
    p_pango_layout_set_alignment(layout, align);
    p_pango_layout_set_text(layout, text, length > INT_MAX ? INT_MAX : (int)length);
    int w = 0, h = 0;
    p_pango_layout_get_size(layout, &w, &h);
    *height = (double)h / RD_PANGO_SCALE;
    return (rd_pdf_text *)layout;
}

void rd_pdf_draw_text(rd_pdf *pdf, rd_pdf_text *text, double x, double y, double gray) {
    if (!pdf || !text) return;
    p_cairo_set_source_rgb(pdf->cr, gray, gray, gray);
    p_cairo_move_to(pdf->cr, x, y);
    p_pango_cairo_show_layout(pdf->cr, (PangoLayout *)text);
}

void rd_pdf_free_text(rd_pdf_text *text) { if (text) p_g_object_unref(text); }

void rd_pdf_line(rd_pdf *pdf, double x0, double y0, double x1, double y1, double line_width, double gray) {
    if (!pdf) return;
    p_cairo_set_source_rgb(pdf->cr, gray, gray, gray);
    p_cairo_set_line_width(pdf->cr, line_width);
    p_cairo_move_to(pdf->cr, x0, y0);
    p_cairo_line_to(pdf->cr, x1, y1);
    p_cairo_stroke(pdf->cr);
}

void rd_pdf_rect(rd_pdf *pdf, double x, double y, double width, double height, double fill_gray,
                 double line_width, double stroke_gray) {
    if (!pdf) return;
    if (fill_gray >= 0) {
        p_cairo_set_source_rgb(pdf->cr, fill_gray, fill_gray, fill_gray);
        p_cairo_rectangle(pdf->cr, x, y, width, height);
        p_cairo_fill(pdf->cr);
    }
    if (line_width > 0) {
        p_cairo_set_source_rgb(pdf->cr, stroke_gray, stroke_gray, stroke_gray);
        p_cairo_set_line_width(pdf->cr, line_width);
        p_cairo_rectangle(pdf->cr, x, y, width, height);
        p_cairo_stroke(pdf->cr);
    }
}

void rd_pdf_new_page(rd_pdf *pdf) { if (pdf) p_cairo_show_page(pdf->cr); }

int rd_pdf_finish(rd_pdf *pdf, unsigned char **bytes, size_t *count, char *error, size_t error_size) {
    cairo_status_t status = p_cairo_status(pdf->cr);
    /* Finishing writes the fonts, their subsets and the trailer through write_bytes. */
    p_cairo_surface_finish(pdf->surface);
    if (status == RD_CAIRO_STATUS_SUCCESS) status = p_cairo_surface_status(pdf->surface);
    if (status != RD_CAIRO_STATUS_SUCCESS) {
        snprintf(error, error_size, "cannot write the PDF: %s", p_cairo_status_to_string(status));
        rd_pdf_close(pdf);
        return -1;
    }
    *bytes = pdf->bytes;
    *count = pdf->count;
    pdf->bytes = NULL;
    rd_pdf_close(pdf);
    return 0;
}

void rd_pdf_free_bytes(unsigned char *bytes) { free(bytes); }

void rd_pdf_close(rd_pdf *pdf) {
    if (!pdf) return;
    if (pdf->context) p_g_object_unref(pdf->context);
    if (pdf->cr) p_cairo_destroy(pdf->cr);
    if (pdf->surface) p_cairo_surface_destroy(pdf->surface);
    for (int n = 0; n < pdf->font_count; n++) p_pango_font_description_free(pdf->fonts[n]);
    free(pdf->bytes);
    free(pdf);
}
