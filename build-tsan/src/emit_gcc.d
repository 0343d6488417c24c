build-tsan/src/emit_gcc.o: src/emit_gcc.c src/emit.h src/diag.h
src/emit.h:
src/diag.h:
