build-tsan/src/siteindex.o: src/siteindex.c src/site.h src/arena.h \
 src/diag.h src/page.h src/buf.h src/url.h
src/site.h:
src/arena.h:
src/diag.h:
src/page.h:
src/buf.h:
src/url.h:
