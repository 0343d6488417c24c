build-tsan/src/diag.o: src/diag.c src/diag.h src/arena.h
src/diag.h:
src/arena.h:
