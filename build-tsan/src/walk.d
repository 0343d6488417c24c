build-tsan/src/walk.o: src/walk.c src/walk.h src/arena.h src/buf.h \
 src/diag.h
src/walk.h:
src/arena.h:
src/buf.h:
src/diag.h:
