# itmaturity - build, test, install.
#   make              build ./itmaturity
#   make check        build with ASan+UBSan (warnings are errors) and run every test
#   make run          build and start the wizard on the bundled questionnaires
#   make bench        speed and memory figures (see docs/performance.md)
#   make install      PREFIX=/usr/local DESTDIR= ; make uninstall
#   make V=1          show the full commands

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/itmaturity
MANDIR  ?= $(PREFIX)/share/man/man1
DESTDIR ?=

CC      ?= cc
PKGS    := ncursesw yaml-0.1 sqlite3
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude \
	$(PKG_CFLAGS) -DITM_DATADIR='"$(DATADIR)"' $(CFLAGS)
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -Werror

ifeq ($(V),1)
Q :=
else
Q := @
endif

SRCS    := $(wildcard src/*.c)
LIBSRCS := $(filter-out src/main.c,$(SRCS))
TESTS   := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))

OBJ     := build/obj
SAN     := build/san

.PHONY: all check unit e2e valgrind bench run install uninstall clean FORCE
all: itmaturity

$(OBJ)/%.o: src/%.c $(wildcard include/itmaturity/*.h) | $(OBJ)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

itmaturity: $(SRCS:src/%.c=$(OBJ)/%.o)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The sanitizer build: the binary and one test program per tests/test_*.c.
$(SAN)/%.o: src/%.c $(wildcard include/itmaturity/*.h) | $(SAN)
	@echo "  CC san  $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(SAN)/itmaturity: $(SRCS:src/%.c=$(SAN)/%.o)
	@echo "  LINK    $@"
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(SAN)/libitm.a: $(LIBSRCS:src/%.c=$(SAN)/%.o)
	$(Q)rm -f $@ && ar rcs $@ $^

$(SAN)/test_%: tests/test_%.c tests/testutil.h $(SAN)/libitm.a
	@echo "  CC test $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(shell pkg-config --cflags cmocka) -Itests -o $@ $< \
		$(SAN)/libitm.a $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

$(OBJ) $(SAN):
	$(Q)mkdir -p $@

# The install folder is compiled in: rebuild what uses it when it changes.
%/datadir.stamp: FORCE
	$(Q)mkdir -p $(@D) && (echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' >$@)
$(OBJ)/qn_catalog.o: $(OBJ)/datadir.stamp
$(SAN)/qn_catalog.o: $(SAN)/datadir.stamp
FORCE:

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

check: unit e2e valgrind

unit: $(addprefix $(SAN)/,$(TESTS))
	$(Q)set -e; for t in $(TESTS); do echo "== $$t"; ( cd tests && ../$(SAN)/$$t ); done

e2e: $(SAN)/itmaturity
	$(Q)ITM=$(CURDIR)/$(SAN)/itmaturity sh tests/e2e/run.sh

# Benchmarks: optimised build, figures in docs/performance.md. Never part of check.
BENCHES := $(patsubst tests/bench/%.c,%,$(wildcard tests/bench/bench_*.c))
build/bench/%: tests/bench/%.c $(LIBSRCS:src/%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $^ $(PKG_LIBS) -lm

bench: $(addprefix build/bench/,$(BENCHES)) itmaturity
	$(Q)mkdir -p build/bench/tmp
	$(Q)for b in $(BENCHES); do echo "== $$b"; build/bench/$$b build/bench/tmp || exit 1; done

# The same unit and end-to-end tests once more under valgrind memcheck,
# built without sanitizers: any error or definite/indirect leak fails.
VG := build/vg
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --child-silent-after-fork=yes
$(VG)/test_%: tests/test_%.c tests/testutil.h $(LIBSRCS:src/%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	@echo "  CC vg   $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags cmocka) -Itests -o $@ $< \
		$(LIBSRCS:src/%.c=$(OBJ)/%.o) $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

valgrind: $(addprefix $(VG)/,$(TESTS)) itmaturity
	$(Q)set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
		( cd tests && $(VALGRIND) ../$(VG)/$$t ); done
	$(Q)printf '#!/bin/sh\nexec $(VALGRIND) "$${ITM_BIN:-%s}" "$$@"\n' '$(CURDIR)/itmaturity' >$(VG)/itmaturity
	$(Q)chmod +x $(VG)/itmaturity
	$(Q)echo "== valgrind e2e"; ITM=$(CURDIR)/$(VG)/itmaturity ITM_BIN=$(CURDIR)/itmaturity sh tests/e2e/run.sh

run: itmaturity
	./itmaturity

install: itmaturity
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questionnaires $(DESTDIR)$(MANDIR)
	install -m 0755 itmaturity $(DESTDIR)$(BINDIR)/itmaturity
	install -m 0644 questionnaires/*.yaml $(DESTDIR)$(DATADIR)/questionnaires/
	install -m 0644 docs/itmaturity.1 $(DESTDIR)$(MANDIR)/itmaturity.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/itmaturity $(DESTDIR)$(MANDIR)/itmaturity.1
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/questionnaires/,$(notdir $(wildcard questionnaires/*.yaml)))
	-rmdir $(DESTDIR)$(DATADIR)/questionnaires $(DESTDIR)$(DATADIR)

clean:
	rm -rf build itmaturity
