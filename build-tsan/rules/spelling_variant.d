build-tsan/rules/spelling_variant.o: rules/spelling_variant.c src/rule.h \
 src/diag.h src/page.h src/arena.h src/buf.h src/site.h src/url.h
src/rule.h:
src/diag.h:
src/page.h:
src/arena.h:
src/buf.h:
src/site.h:
src/url.h:
