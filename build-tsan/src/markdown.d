build-tsan/src/markdown.o: src/markdown.c src/markdown.h src/page.h \
 src/arena.h src/buf.h src/diag.h src/html.h
src/markdown.h:
src/page.h:
src/arena.h:
src/buf.h:
src/diag.h:
src/html.h:
