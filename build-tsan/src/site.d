build-tsan/src/site.o: src/site.c src/site.h src/arena.h src/diag.h \
 src/buf.h src/frontmatter.h src/page.h src/url.h src/walk.h
src/site.h:
src/arena.h:
src/diag.h:
src/buf.h:
src/frontmatter.h:
src/page.h:
src/url.h:
src/walk.h:
