# sitelint: content linter and link checker for static-site sources.

PKGS    = libcmark-gfm yaml-0.1 libpcre2-8 hunspell  # libcmark-gfm links its extensions too
# libcurl is compiled against but loaded at run time, when a link is
# checked (src/curl_dl.c): the library of the name it was built with.
CURL_SONAME := $(or $(shell objdump -p \
    "$$(pkg-config --variable=libdir libcurl)/libcurl.so" 2>/dev/null | \
    awk '$$1 == "SONAME" { print $$2 }'),libcurl.so.4)
WARN    = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wwrite-strings -Wformat=2
CFLAGS ?= -O2 -g
B      ?= build
PREFIX ?= /usr/local
XCFLAGS = -std=c11 -D_XOPEN_SOURCE=700 -pthread -Isrc $(WARN) -MMD -MP \
          $(if $(WERROR),-Werror) $(shell pkg-config --cflags $(PKGS) libcurl) \
          -DCURL_SONAME='"$(CURL_SONAME)"'
LDLIBS += $(shell pkg-config --libs $(PKGS)) -ldl -pthread

SRC     = $(filter-out src/main.c,$(wildcard src/*.c))
RULES   = $(wildcard rules/*.c)
LIBOBJ  = $(SRC:%.c=$(B)/%.o) $(RULES:%.c=$(B)/%.o) \
          $(B)/rules/spelling_variant_data.o $(B)/src/manual_data.o
UNITSRC = $(wildcard tests/unit/*.c)
UNITOBJ = $(UNITSRC:%.c=$(B)/%.o)

# Debian packages: what building and running sitelint needs (make deps),
# and what its tests drive besides (make test-deps).
DEBS    = gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev \
          libyaml-dev libpcre2-dev uthash-dev libcurl4-openssl-dev \
          libhunspell-dev hunspell-en-us codespell
TEST_DEBS = hunspell-de-de mandoc clang libclang-rt-dev python3 git patch \
          vim pre-commit python3-jsonschema nginx-light openssl strace \
          util-linux

all: sitelint

sitelint: $(B)/sitelint
	ln -sf $(B)/sitelint $@

$(B)/sitelint: $(B)/src/main.o $(LIBOBJ)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

# The rule's own word list is compiled in: no data file to install or lose.
$(B)/rules/spelling_variant_data.c: rules/spelling_variant.txt
	@mkdir -p $(@D)
	awk 'BEGIN { print "/* generated from rules/spelling_variant.txt */"; \
	       print "extern const char spelling_variant_data[];"; \
	       print "const char spelling_variant_data[] =" } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "    \"" $$0 "\\n\"" } \
	     END { print "    \"\";" }' $< > $@

$(B)/rules/spelling_variant_data.o: $(B)/rules/spelling_variant_data.c
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

# The manual, compiled in: --explain and SARIF's rule help print its
# RULES entries, so they say what the man page says.
$(B)/src/manual_data.c: man/sitelint.1
	@mkdir -p $(@D)
	{ echo '/* generated from man/sitelint.1 */'; \
	  echo 'extern const char manual_data[];'; \
	  echo 'const char manual_data[] = {'; \
	  od -An -v -tu1 $< | sed 's/\([0-9][0-9]*\)/\1,/g'; \
	  echo '0 };'; } > $@

$(B)/src/manual_data.o: $(B)/src/manual_data.c
	$(CC) $(XCFLAGS) $(CFLAGS) -c -o $@ $<

# test_curl_dl.c holds its own curl_dl.c, built to find no libcurl.
$(B)/unit: $(UNITOBJ) $(filter-out $(B)/src/curl_dl.o,$(LIBOBJ))
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

check: $(B)/sitelint $(B)/unit
	@sh tests/check.sh $(B)

fixtures-update: $(B)/sitelint
	@sh tests/run-fixtures.sh $(B)/sitelint --update

# Parts of the suite, for the edit-test loop: the unit tests, and the
# golden fixtures, all or those whose GROUP/CASE matches FIXTURES (a
# shell pattern: make fixtures FIXTURES='anchor/*').
unit: $(B)/unit
	@$(B)/unit | grep -v '^ok '

fixtures: $(B)/sitelint
	@sh tests/run-fixtures.sh $(B)/sitelint '' '$(FIXTURES)'

# ThreadSanitizer over what runs threads: the reader, the rules' starter
# and background threads, on every fixture site and the shell tests.
tsan:
	$(MAKE) B=build-tsan LDFLAGS=-fsanitize=thread \
	    CFLAGS='-O1 -g -fsanitize=thread' build-tsan/sitelint build-tsan/unit
	@sh tests/tsan.sh build-tsan

asan:
	$(MAKE) B=build-asan LDFLAGS=-fsanitize=address,undefined \
	    CFLAGS='-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all' check

# libFuzzer over the whole page parser and the rules (clang only).
FUZZ_SECONDS ?= 60
fuzz:
	$(MAKE) B=build-fuzz CC=clang \
	    CFLAGS='-O1 -g -fsanitize=fuzzer-no-link,address,undefined' \
	    build-fuzz/fuzz_page build-fuzz/fuzz_url build-fuzz/fuzz_pieces

build-fuzz/fuzz_page: build-fuzz/tests/fuzz/fuzz_page.o $(LIBOBJ)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

build-fuzz/fuzz_url: build-fuzz/tests/fuzz/fuzz_url.o $(LIBOBJ)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

build-fuzz/fuzz_pieces: build-fuzz/tests/fuzz/fuzz_pieces.o \
	    build-fuzz/tests/unit/model.o $(LIBOBJ)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $^ $(LDLIBS)

# Each target gets FUZZ_SECONDS; pages up to 4 MiB (a 1 MiB line is where
# one crash hid), URLs up to 64 KiB, pages cut in pieces up to 64 KiB.
fuzz-run: fuzz
	@sh tests/fuzz/run.sh build-fuzz/fuzz_page $(FUZZ_SECONDS) 4194304 && \
	    sh tests/fuzz/run.sh build-fuzz/fuzz_url $(FUZZ_SECONDS) 65536 && \
	    sh tests/fuzz/run.sh build-fuzz/fuzz_pieces $(FUZZ_SECONDS) 65536

# Everything CI runs, with -Werror; ends with "N passed, N failed".
test:
	@sh tests/all.sh

ci: test

# As root (CI, containers) apt-get runs as is; otherwise through sudo.
SUDO    = $(if $(filter 0,$(shell id -u)),,sudo)
deps:
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(DEBS)

test-deps: deps
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $(TEST_DEBS)

bench: $(B)/sitelint
	@sh bench/run.sh $(B)/sitelint
	@sh bench/links.sh $(B)/sitelint

# The Unicode tables of src/unicode.h, from this machine's Python (its
# unicodedata); tests/shell/run.sh checks they are what it makes.
unicode-data:
	python3 src/unicode_data.py >src/unicode_data.c.tmp
	mv src/unicode_data.c.tmp src/unicode_data.c

# A release: the tracked tree at HEAD as sitelint-VERSION.tar.gz, the
# version read from the source, so a tag and a tarball always agree.
VERSION := $(shell sed -n 's/^\#define SITELINT_VERSION "\(.*\)"/\1/p' src/options.h)
dist:
	git archive --format=tar.gz --prefix=sitelint-$(VERSION)/ \
	    -o sitelint-$(VERSION).tar.gz HEAD
	@echo sitelint-$(VERSION).tar.gz

install: $(B)/sitelint
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(B)/sitelint $(DESTDIR)$(PREFIX)/bin/sitelint
	install -m 644 man/sitelint.1 $(DESTDIR)$(PREFIX)/share/man/man1/sitelint.1

clean:
	rm -rf build build-asan build-fuzz build-tsan sitelint

.PHONY: all check fixtures-update asan fuzz fuzz-run test ci deps test-deps bench unit fixtures tsan dist \
        install clean unicode-data

-include $(wildcard $(B)/src/*.d $(B)/rules/*.d $(B)/tests/unit/*.d \
    $(B)/tests/fuzz/*.d)
