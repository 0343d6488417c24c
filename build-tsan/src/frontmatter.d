build-tsan/src/frontmatter.o: src/frontmatter.c src/frontmatter.h \
 src/page.h src/arena.h src/buf.h src/diag.h
src/frontmatter.h:
src/page.h:
src/arena.h:
src/buf.h:
src/diag.h:
