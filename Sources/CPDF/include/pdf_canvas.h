#ifndef RD_PDF_CANVAS_H
#define RD_PDF_CANVAS_H
#include <stddef.h>

/* An A4 (or any size) PDF drawn with cairo and pango into memory, for the invoice documents. The libraries are
   loaded with dlopen on first use: only an export renders a PDF, and linking pangocairo would make every start
   of the terminal front pay for loading and relocating about 40 shared libraries (2.7 ms measured). Lengths are
   in points (1/72 in), y grows downwards, text is UTF-8 drawn as it is (no markup, so `&` and `<` need no
   escaping). A failure leaves its reason in `error` (at most `error_size` bytes with the NUL). Drawing on NULL (a
   document that failed to open, or is finished) does nothing. */
typedef struct rd_pdf rd_pdf;

/* A new document of one empty page, written to memory. NULL when a library cannot load. */
rd_pdf *rd_pdf_open(double width, double height, char *error, size_t error_size);

/* The document's information dictionary. `create_date` ("2027-01-10T00:00:00Z", ISO 8601) is also the
   modification date, so two renders of one document are the same bytes. Any may be NULL. */
void rd_pdf_set_metadata(rd_pdf *pdf, const char *title, const char *author, const char *creator,
                         const char *create_date);

/* A font for rd_pdf_layout_text from a pango description ("DejaVu Sans Bold 16"): its number (0 and up), or -1 when
   fontconfig has no font of that family, since it would silently print in another. At most 16 a document. */
int rd_pdf_font(rd_pdf *pdf, const char *description, char *error, size_t error_size);

enum { RD_PDF_LEFT = 0, RD_PDF_CENTER = 1, RD_PDF_RIGHT = 2 };

/* A text laid out: made and measured once, drawn later (once the pages are known) without shaping it again. */
typedef struct rd_pdf_text rd_pdf_text;

/* `text` in `font`, wrapped to `width` (at words, or inside a word longer than a line; none when width <= 0) and
   aligned in it, with its height in `*height`. It stays valid after the document is finished or closed; free it
   with rd_pdf_free_text. */
rd_pdf_text *rd_pdf_layout_text(rd_pdf *pdf, int font, double width, int align, const char *text, size_t length,
                                double *height);

/* Draws `text` (of this document) with its top left corner at x, y in `gray` (0 black, 1 white). */
void rd_pdf_draw_text(rd_pdf *pdf, rd_pdf_text *text, double x, double y, double gray);

/* NULL does nothing. */
void rd_pdf_free_text(rd_pdf_text *text);

/* A straight line from x0, y0 to x1, y1. */
void rd_pdf_line(rd_pdf *pdf, double x0, double y0, double x1, double y1, double line_width, double gray);

/* A rectangle filled in `fill_gray` (none when below 0), then its outline in `stroke_gray` (none when
   `line_width` is 0). */
void rd_pdf_rect(rd_pdf *pdf, double x, double y, double width, double height, double fill_gray,
                 double line_width, double stroke_gray);

/* Ends the page; what is drawn next goes on a new one. */
void rd_pdf_new_page(rd_pdf *pdf);

/* Ends the document and frees `pdf`: 0 with the file in `*bytes` (free it with rd_pdf_free_bytes) and its size
   in `*count`, or -1 with the reason. */
int rd_pdf_finish(rd_pdf *pdf, unsigned char **bytes, size_t *count, char *error, size_t error_size);

void rd_pdf_free_bytes(unsigned char *bytes);

/* Frees a document that will not be finished. NULL does nothing. */
void rd_pdf_close(rd_pdf *pdf);

#endif
