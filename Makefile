# itmaturity - build, test, install.
#   make              build ./itmaturity
#   make check        build with ASan+UBSan (warnings are errors) and run every test
#   make run          build and start the wizard on the bundled questionnaires
#   make bench        speed and memory figures (see docs/performance.md)
#   make fuzz         libFuzzer on the loaders, FUZZ_SECONDS (60) each (clang)
#   make install      PREFIX=/usr/local DESTDIR= ; make uninstall
#   make dist         itmaturity-VERSION.tar.gz of the tracked files
#   make distcheck    make dist, then make check in the unpacked tarball (CI)
#   make deb          the Debian package, into build/deb/ (dpkg-buildpackage)
#   make version      print the version
#   make V=1          show the full commands

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/itmaturity
MANDIR  ?= $(PREFIX)/share/man/man1
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR ?=
# bash-completion's own layout (its pkg-config file), under PREFIX.
COMPLETIONSDIR ?= $(or $(shell pkg-config --define-variable=prefix=$(PREFIX) \
	--define-variable=datadir=$(PREFIX)/share --variable=completionsdir bash-completion 2>/dev/null),\
	$(PREFIX)/share/bash-completion/completions)

# The version has one source: VERSION_BASE here; in a git checkout with a
# tag vX.Y.Z in its history, 'git describe' instead; in a release tarball,
# its .tarball-version (written by make dist). Compiled in as ITM_VERSION.
VERSION_BASE := 0.1.0
ifneq ($(origin VERSION),command line)
VERSION := $(or $(shell cat .tarball-version 2>/dev/null || \
	git describe --tags --match 'v[0-9]*' 2>/dev/null | sed 's/^v//'),$(VERSION_BASE))
endif

CC      ?= cc
PKGS    := ncursesw yaml-0.1 sqlite3 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude \
	$(PKG_CFLAGS) -DITM_DATADIR='"$(DATADIR)"' -DITM_LOCALEDIR='"$(LOCALEDIR)"' -DITM_VERSION='"$(VERSION)"' $(CPPFLAGS) $(CFLAGS)
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all -Werror

ifeq ($(V),1)
Q :=
else
Q := @
endif

SRCS    := $(wildcard src/*.c)
LIBSRCS := $(filter-out src/main.c,$(SRCS))
TESTS   := $(patsubst tests/%.c,%,$(wildcard tests/test_*.c))

HDRS    := $(wildcard include/itmaturity/*.h src/*.h)
OBJ     := build/obj
SAN     := build/san
VG      := build/vg

.PHONY: all check unit unit-plain e2e valgrind bench run install uninstall clean FORCE fuzz fuzz-replay \
	version dist distcheck deb check-dist check-package check-programs pot check-po print-xgettext-opts
# The message catalogues built from po/ (see "The translations" below).
LINGUAS := nl fr
MOS     := $(LINGUAS:%=build/locale/%/LC_MESSAGES/itmaturity.mo)
all: itmaturity $(MOS)

# The translations (po/): every message a person reads, in Dutch and
# French. 'make pot' gathers the messages of src/ into po/itmaturity.pot
# and merges them into the .po files, for the translators; the build
# compiles each .po into build/locale/LANG/LC_MESSAGES/itmaturity.mo
# ($ITMATURITY_LOCALEDIR=build/locale runs the build tree in a language).
XGETTEXT_OPTS := --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 \
	--add-comments=TRANSLATORS: --sort-by-file --no-wrap --package-name=itmaturity \
	--msgid-bugs-address=https://github.com/itmaturity/itmaturity/issues
build/locale/%/LC_MESSAGES/itmaturity.mo: po/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<
pot:
	$(Q)xgettext $(XGETTEXT_OPTS) -o po/itmaturity.pot $(sort $(SRCS))
	$(Q)for l in $(LINGUAS); do msgmerge -q --no-wrap --no-fuzzy-matching --update --backup=none po/$$l.po po/itmaturity.pot; done

$(OBJ)/%.o: src/%.c $(HDRS) | $(OBJ)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

itmaturity: $(SRCS:src/%.c=$(OBJ)/%.o)
	@echo "  LINK    $@"
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS) -lm

# The sanitizer build: the binary and one test program per tests/test_*.c.
$(SAN)/%.o: src/%.c $(HDRS) | $(SAN)
	@echo "  CC san  $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

$(SAN)/itmaturity: $(SRCS:src/%.c=$(SAN)/%.o)
	@echo "  LINK    $@"
	$(Q)$(CC) $(SAN_FLAGS) -o $@ $^ $(PKG_LIBS) -lm

$(SAN)/libitm.a: $(LIBSRCS:src/%.c=$(SAN)/%.o)
	$(Q)rm -f $@ && ar rcs $@ $^

$(SAN)/test_%: tests/test_%.c $(wildcard tests/*.h) $(SAN)/libitm.a
	@echo "  CC test $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) $(shell pkg-config --cflags cmocka) -Itests -o $@ $< \
		$(SAN)/libitm.a $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

$(OBJ) $(SAN):
	$(Q)mkdir -p $@

# The install folder and the version are compiled in: rebuild what uses
# them when they change.
stamp = mkdir -p $(@D) && (echo '$(1)' | cmp -s - $@ || echo '$(1)' >$@)
%/datadir.stamp: FORCE
	$(Q)$(call stamp,$(DATADIR))
%/version.stamp: FORCE
	$(Q)$(call stamp,$(VERSION))
$(OBJ)/qn_catalog.o: $(OBJ)/datadir.stamp
$(SAN)/qn_catalog.o: $(SAN)/datadir.stamp
%/localedir.stamp: FORCE
	$(Q)$(call stamp,$(LOCALEDIR))
$(OBJ)/i18n.o: $(OBJ)/localedir.stamp
$(SAN)/i18n.o: $(SAN)/localedir.stamp
$(addprefix $(OBJ)/,cli.o main.o ui_start.o): $(OBJ)/version.stamp
$(addprefix $(SAN)/,cli.o main.o ui_start.o): $(SAN)/version.stamp
FORCE:

export ASAN_OPTIONS := detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

check: unit e2e valgrind

# run_units DIR: runs every unit test program of DIR from tests/.
run_units = set -e; for t in $(TESTS); do echo "== $$t"; ( cd tests && ../$(1)/$$t ); done
unit: $(addprefix $(SAN)/,$(TESTS))
	$(Q)$(call run_units,$(SAN))

# The unit tests built as a package is built, without sanitizers (dh_auto_test).
unit-plain: $(addprefix $(VG)/,$(TESTS))
	$(Q)$(call run_units,$(VG))

e2e: $(SAN)/itmaturity $(MOS)
	$(Q)ITM=$(CURDIR)/$(SAN)/itmaturity sh tests/e2e/run.sh

# Benchmarks: optimised build, figures in docs/performance.md. Never part of check.
BENCHES := $(patsubst tests/bench/%.c,%,$(wildcard tests/bench/bench_*.c))
build/bench/%: tests/bench/%.c tests/bench/bench.h $(LIBSRCS:src/%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(filter-out %.h,$^) $(PKG_LIBS) -lm

bench: $(addprefix build/bench/,$(BENCHES)) itmaturity
	$(Q)mkdir -p build/bench/tmp
	$(Q)for b in $(BENCHES); do echo "== $$b"; build/bench/$$b build/bench/tmp || exit 1; done

# The same unit and end-to-end tests once more under valgrind memcheck,
# built without sanitizers: any error or definite/indirect leak fails.
# Left out of the valgrind e2e run, to keep CI under 20 minutes (they take
# 210 s there): the completion, the wizard on other terminal types, the
# organisation sizes and the languages. They run under ASan and
# LeakSanitizer (leaks too) in 'make e2e'; what valgrind adds is
# uninitialised reads, and most of their code runs here anyway: the
# drawing in t_wizard, sizes in the unit tests, translations in
# test_translate and test_bundled and a --lang nl run in t_validate (the
# wizard and the reports in Dutch or French are the same code as in
# English, with other strings).
VG_E2E_SKIP := t_completion.sh t_terminals.sh t_size.sh t_lang.sh
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	--errors-for-leak-kinds=definite,indirect --child-silent-after-fork=yes
$(VG)/test_%: tests/test_%.c $(wildcard tests/*.h) $(LIBSRCS:src/%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	@echo "  CC vg   $<"
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(shell pkg-config --cflags cmocka) -Itests -o $@ $< \
		$(LIBSRCS:src/%.c=$(OBJ)/%.o) $(PKG_LIBS) $(shell pkg-config --libs cmocka) -lm

valgrind: $(addprefix $(VG)/,$(TESTS)) itmaturity $(MOS)
	$(Q)set -e; for t in $(TESTS); do echo "== valgrind $$t"; \
		( cd tests && $(VALGRIND) ../$(VG)/$$t ); done
	$(Q)printf '#!/bin/sh\nexec $(VALGRIND) "$${ITM_BIN:-%s}" "$$@"\n' '$(CURDIR)/itmaturity' >$(VG)/itmaturity
	$(Q)chmod +x $(VG)/itmaturity
	$(Q)echo "== valgrind e2e"; ITM=$(CURDIR)/$(VG)/itmaturity ITM_BIN=$(CURDIR)/itmaturity \
		E2E_SKIP="$(VG_E2E_SKIP)" sh tests/e2e/run.sh

# Fuzzing (tests/fuzz/): libFuzzer targets for the questionnaire loader, the
# answers loader and the import of a JSON bundle, built with clang, seeded
# from the questionnaires, the fixtures, the YAML test suite and
# tests/fuzz/seeds. A crash stops make; its input is left in build/fuzz/ and
# goes into tests/fuzz/regress/TARGET/ once fixed. 'make check' replays the
# regression inputs and seeds under the sanitizers and valgrind (fuzz-replay).
FUZZ_SECONDS ?= 60
FUZZ_CC      ?= clang
FUZZ_TARGETS := questionnaire answers bundle text
FUZZ_CFLAGS  := -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_OPTS    := -max_len=65536 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1
# A fixed seed (CI sets 1) makes a round repeatable; unset, each round explores anew.
FUZZ_SEED    ?=
FUZZ_SEEDS_questionnaire := questionnaires tests/fixtures/questionnaire tests/fixtures/score tests/yaml-test-suite
FUZZ_SEEDS_answers := tests/fixtures/answers tests/fuzz/seeds/answers
FUZZ_SEEDS_bundle := tests/fuzz/seeds/bundle
FUZZ_SEEDS_text := tests/fuzz/seeds/text
FZ := build/fuzz
$(FZ)/obj/%.o: src/%.c $(HDRS) | $(FZ)/obj
	@echo "  CC fuzz $<"
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
$(FZ)/obj/qn_catalog.o: $(FZ)/obj/datadir.stamp
$(addprefix $(FZ)/obj/,cli.o ui_start.o): $(FZ)/obj/version.stamp
$(FZ)/fuzz_%: tests/fuzz/fuzz_%.c $(LIBSRCS:src/%.c=$(FZ)/obj/%.o)
	@echo "  LINK    $@"
	$(Q)$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) -lm
.SECONDARY: $(LIBSRCS:src/%.c=$(FZ)/obj/%.o)
$(FZ)/obj:
	$(Q)mkdir -p $@

fuzz: $(addprefix $(FZ)/fuzz_,$(FUZZ_TARGETS))
	$(Q)set -e; for t in $(FUZZ_TARGETS); do \
		echo "== fuzz_$$t for $(FUZZ_SECONDS) s"; mkdir -p $(FZ)/corpus/$$t; \
		regress=$$(ls -d tests/fuzz/regress/$$t 2>/dev/null || :); \
		case $$t in questionnaire) seeds="$(FUZZ_SEEDS_questionnaire)";; \
			answers) seeds="$(FUZZ_SEEDS_answers)";; bundle) seeds="$(FUZZ_SEEDS_bundle)";; \
			text) seeds="$(FUZZ_SEEDS_text)";; esac; \
		$(FZ)/fuzz_$$t $(FUZZ_OPTS) $(if $(FUZZ_SEED),-seed=$(FUZZ_SEED)) -max_total_time=$(FUZZ_SECONDS) \
			-artifact_prefix=$(FZ)/$$t- $(FZ)/corpus/$$t $$regress $$seeds \
			>$(FZ)/$$t.log 2>&1 || { tail -60 $(FZ)/$$t.log; exit 1; }; \
		grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done' $(FZ)/$$t.log; done

# The regression inputs and seeds, replayed without libFuzzer (tests/fuzz/replay.c).
$(SAN)/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(SAN)/libitm.a
	@echo "  CC test $(word 2,$^)"
	$(Q)$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $(filter %.c,$^) $(SAN)/libitm.a $(PKG_LIBS) -lm
$(VG)/replay_%: tests/fuzz/replay.c tests/fuzz/fuzz_%.c $(LIBSRCS:src/%.c=$(OBJ)/%.o)
	@mkdir -p $(@D)
	@echo "  CC vg   $(word 2,$^)"
	$(Q)$(CC) $(ALL_CFLAGS) -o $@ $(filter-out %.h,$^) $(PKG_LIBS) -lm
fuzz-replay: $(addprefix $(SAN)/replay_,$(FUZZ_TARGETS)) $(addprefix $(VG)/replay_,$(FUZZ_TARGETS))
	$(Q)set -e; for t in $(FUZZ_TARGETS); do \
		case $$t in questionnaire) seeds="$(FUZZ_SEEDS_questionnaire)";; \
			answers) seeds="$(FUZZ_SEEDS_answers)";; bundle) seeds="$(FUZZ_SEEDS_bundle)";; \
			text) seeds="$(FUZZ_SEEDS_text)";; esac; \
		regress=$$(ls -d tests/fuzz/regress/$$t 2>/dev/null || :); \
		echo "== replay $$t"; $(SAN)/replay_$$t $$regress $$seeds; \
		echo "== valgrind replay $$t"; $(VALGRIND) $(VG)/replay_$$t $$regress $$seeds; done
check: fuzz-replay

# In the language of the locale (or LANGUAGE=nl make run), with the
# catalogue as built.
run: itmaturity $(MOS)
	ITMATURITY_LOCALEDIR=$(CURDIR)/build/locale ./itmaturity

install: itmaturity $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questionnaires $(DESTDIR)$(MANDIR) \
		$(DESTDIR)$(COMPLETIONSDIR)
	install -m 0755 itmaturity $(DESTDIR)$(BINDIR)/itmaturity
	install -m 0644 questionnaires/*.yaml $(DESTDIR)$(DATADIR)/questionnaires/
	install -m 0644 docs/itmaturity.1 $(DESTDIR)$(MANDIR)/itmaturity.1
	install -m 0644 completion/itmaturity.bash $(DESTDIR)$(COMPLETIONSDIR)/itmaturity
	for l in $(LINGUAS); do install -D -m 0644 build/locale/$$l/LC_MESSAGES/itmaturity.mo \
		$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/itmaturity.mo || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/itmaturity $(DESTDIR)$(MANDIR)/itmaturity.1 \
		$(DESTDIR)$(COMPLETIONSDIR)/itmaturity
	rm -f $(LINGUAS:%=$(DESTDIR)$(LOCALEDIR)/%/LC_MESSAGES/itmaturity.mo)
	rm -f $(addprefix $(DESTDIR)$(DATADIR)/questionnaires/,$(notdir $(wildcard questionnaires/*.yaml)))
	-rmdir $(DESTDIR)$(DATADIR)/questionnaires $(DESTDIR)$(DATADIR)

version:
	@echo '$(VERSION)'

# The release tarball: the tracked files (git ls-files; outside git, the
# tarball's own MANIFEST), with MANIFEST and .tarball-version.
DIST := itmaturity-$(VERSION)
dist:
	$(Q)scripts/dist '$(VERSION)'

# The release tarball must hold the tracked files (check-dist) and pass
# make check on its own, unpacked into a temporary folder (what CI runs).
# The programs are built first on every core (JOBS), the tests then run
# one after another.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
distcheck: check-dist dist
	$(Q)set -e; t=$$(mktemp -d /tmp/itm-distcheck-XXXXXX); trap 'rm -rf "$$t"' EXIT; \
		tar -xzf $(DIST).tar.gz -C "$$t"; $(MAKE) -C "$$t/$(DIST)" -j$(JOBS) check-programs; \
		$(MAKE) -C "$$t/$(DIST)" check

# Every program 'make check' runs, so that they can be built in parallel.
check-programs: itmaturity $(MOS) $(SAN)/itmaturity $(addprefix $(SAN)/,$(TESTS)) $(addprefix $(VG)/,$(TESTS)) \
	$(addprefix $(SAN)/replay_,$(FUZZ_TARGETS)) $(addprefix $(VG)/replay_,$(FUZZ_TARGETS))

# The Debian package (debian/), built by dpkg-buildpackage from the release
# tarball in build/deb/ (which keeps the .buildinfo and .changes), and
# copied into the source tree: itmaturity_VERSION_ARCH.deb.
deb:
	$(Q)scripts/deb build/deb .

# Packaging tests (tests/pkg/), part of check: the release tarball holds
# the tracked files; the .deb builds, installs into a temporary root and
# runs from there; lintian finds no error.
check-dist:
	$(Q)sh tests/pkg/t_dist.sh
# The translations complete and current (tests/pkg/t_po.sh).
check-po:
	$(Q)sh tests/pkg/t_po.sh
print-xgettext-opts:
	@echo '$(XGETTEXT_OPTS)'
check-package:
	$(Q)sh tests/pkg/t_package.sh
check: check-dist check-package check-po

clean:
	rm -rf build itmaturity
