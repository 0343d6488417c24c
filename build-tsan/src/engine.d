build-tsan/src/engine.o: src/engine.c src/engine.h src/arena.h src/diag.h \
 src/site.h src/page.h src/buf.h src/permalink.h src/rule.h src/url.h
src/engine.h:
src/arena.h:
src/diag.h:
src/site.h:
src/page.h:
src/buf.h:
src/permalink.h:
src/rule.h:
src/url.h:
