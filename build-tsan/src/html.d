build-tsan/src/html.o: src/html.c src/html.h src/page.h src/arena.h \
 src/buf.h src/diag.h
src/html.h:
src/page.h:
src/arena.h:
src/buf.h:
src/diag.h:
