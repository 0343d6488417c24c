build-tsan/src/url.o: src/url.c src/url.h
src/url.h:
