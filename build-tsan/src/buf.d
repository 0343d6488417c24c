build-tsan/src/buf.o: src/buf.c src/buf.h src/arena.h
src/buf.h:
src/arena.h:
