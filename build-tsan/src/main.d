build-tsan/src/main.o: src/main.c src/arena.h src/diag.h src/emit.h \
 src/engine.h src/site.h src/frontmatter.h src/page.h src/buf.h \
 src/rule.h src/url.h src/walk.h
src/arena.h:
src/diag.h:
src/emit.h:
src/engine.h:
src/site.h:
src/frontmatter.h:
src/page.h:
src/buf.h:
src/rule.h:
src/url.h:
src/walk.h:
