/* harness.h: the unit tests' tiny harness. */
#ifndef HARNESS_H
#define HARNESS_H

#include <stdio.h>
#include <string.h>

extern int harness_pass, harness_fail;

void harness_ok(int cond, const char *what, const char *file, int line);
void harness_int_eq(long got, long want, const char *what, const char *file,
                    int line);
void harness_str_eq(const char *got, const char *want, const char *what,
                    const char *file, int line);

/* The whole file at path, NUL-terminated, to free(); NULL if unreadable. */
char *harness_slurp(const char *path);

#define ok(cond, what)       harness_ok((cond), (what), __FILE__, __LINE__)
#define int_eq(g, w, what)   harness_int_eq((long)(g), (long)(w), (what), \
                                            __FILE__, __LINE__)
#define str_eq(g, w, what)   harness_str_eq((g), (w), (what), __FILE__, \
                                            __LINE__)

void test_frontmatter(void);
void test_shortcode(void);
void test_page(void);
void test_page_threads(void);
void test_page_words(void);
void test_page_pieces(void);
void test_registry(void);
void test_options(void);
void test_arena(void);
void test_hindex(void);
void test_permalink(void);
void test_generator(void);
void test_fix(void);
void test_curl_dl(void);
void test_url(void);
void test_prose(void);
void test_parallel(void);
void test_record(void);

#endif
