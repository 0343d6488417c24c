build-tsan/src/permalink.o: src/permalink.c src/permalink.h src/arena.h \
 src/buf.h src/page.h src/diag.h src/site.h src/frontmatter.h
src/permalink.h:
src/arena.h:
src/buf.h:
src/page.h:
src/diag.h:
src/site.h:
src/frontmatter.h:
