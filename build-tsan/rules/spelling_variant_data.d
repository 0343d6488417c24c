build-tsan/rules/spelling_variant_data.o: \
 build-tsan/rules/spelling_variant_data.c
