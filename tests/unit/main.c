/* main.c: run every unit test group; ends with "N passed, N failed". */
#include "harness.h"

#include <stdlib.h>

#include "diag.h"

int harness_pass, harness_fail;

void
harness_ok(int cond, const char *what, const char *file, int line)
{
    if (cond) {
        harness_pass++;
        printf("ok %s\n", what);
    } else {
        harness_fail++;
        printf("FAIL %s:%d: %s\n", file, line, what);
    }
}

void
harness_int_eq(long got, long want, const char *what, const char *file,
               int line)
{
    harness_ok(got == want, what, file, line);
    if (got != want)
        printf("    got %ld, want %ld\n", got, want);
}

void
harness_str_eq(const char *got, const char *want, const char *what,
               const char *file, int line)
{
    int same = got != NULL && want != NULL ? strcmp(got, want) == 0
                                           : got == want;

    harness_ok(same, what, file, line);
    if (!same)
        printf("    got '%s', want '%s'\n", got ? got : "(null)",
               want ? want : "(null)");
}

char *
harness_slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    char *p;
    long n;

    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    p = calloc(1, (size_t)n + 1);
    if (p != NULL && fread(p, 1, (size_t)n, fp) != (size_t)n)
        p[0] = '\0';
    fclose(fp);
    return p;
}

int
main(void)
{
    test_arena();
    test_hindex();
    test_permalink();
    test_generator();
    test_frontmatter();
    test_shortcode();
    test_page();
    test_page_threads();
    test_page_words();
    test_page_pieces();
    test_registry();
    test_fix();
    test_curl_dl();
    test_url();
    test_prose();
    test_options();
    test_parallel();
    test_record();
    printf("unit: %d passed, %d failed\n", harness_pass, harness_fail);
    return harness_fail != 0;
}
