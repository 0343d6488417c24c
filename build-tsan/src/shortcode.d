build-tsan/src/shortcode.o: src/shortcode.c src/shortcode.h src/page.h \
 src/arena.h src/buf.h src/diag.h
src/shortcode.h:
src/page.h:
src/arena.h:
src/buf.h:
src/diag.h:
