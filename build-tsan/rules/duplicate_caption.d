build-tsan/rules/duplicate_caption.o: rules/duplicate_caption.c \
 src/rule.h src/diag.h src/page.h src/arena.h src/buf.h src/site.h \
 src/url.h
src/rule.h:
src/diag.h:
src/page.h:
src/arena.h:
src/buf.h:
src/site.h:
src/url.h:
