build-tsan/rules/anchor.o: rules/anchor.c src/rule.h src/diag.h \
 src/page.h src/arena.h src/buf.h src/site.h src/url.h
src/rule.h:
src/diag.h:
src/page.h:
src/arena.h:
src/buf.h:
src/site.h:
src/url.h:
