build-tsan/src/arena.o: src/arena.c src/arena.h
src/arena.h:
