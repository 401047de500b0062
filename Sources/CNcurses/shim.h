/* The only C in the terminal front: ncursesw with wide characters, and functions for what Swift cannot
   reach (the stdscr/LINES/COLS globals, attribute macros, KEY_CODE_YES). */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>

static inline WINDOW *rd_stdscr(void) { return stdscr; }
static inline int rd_lines(void) { return LINES; }
static inline int rd_cols(void) { return COLS; }
static inline attr_t rd_bold(void) { return A_BOLD; }
static inline attr_t rd_reverse(void) { return A_REVERSE; }
static inline attr_t rd_underline(void) { return A_UNDERLINE; }
static inline attr_t rd_dim(void) { return A_DIM; }
static inline attr_t rd_pair(int n) { return COLOR_PAIR(n); }
static inline int rd_key_code_yes(void) { return KEY_CODE_YES; }
static inline int rd_get_wch(wint_t *ch) { return wget_wch(stdscr, ch); }
static inline int rd_attrset(attr_t a) { return wattrset(stdscr, (int)a); }
static inline int rd_mvaddnstr(int y, int x, const char *s, int n) { return mvwaddnstr(stdscr, y, x, s, n); }
static inline int rd_move(int y, int x) { return wmove(stdscr, y, x); }
static inline int rd_clearok(bool on) { return clearok(stdscr, on); }
/* newterm on the standard streams: unlike initscr, it returns NULL for an unknown $TERM instead of exiting. */
static inline SCREEN *rd_newterm(void) { return newterm(NULL, stdout, stdin); }
