build-tsan/src/page.o: src/page.c src/page.h src/arena.h src/buf.h \
 src/diag.h src/frontmatter.h src/html.h src/markdown.h src/shortcode.h \
 src/site.h
src/page.h:
src/arena.h:
src/buf.h:
src/diag.h:
src/frontmatter.h:
src/html.h:
src/markdown.h:
src/shortcode.h:
src/site.h:
