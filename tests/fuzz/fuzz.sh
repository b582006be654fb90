#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# fuzz.sh - build the libFuzzer targets of tests/fuzz/ with clang against
# the library's sources and run each for FUZZ_SECONDS (default 30).
#
# Called by `make fuzz`, which passes the library's sources and flags:
#   fuzz.sh SRCDIR BUILDDIR LIBSOURCES...
# Environment: CLANG (clang), FUZZ_SECONDS, FUZZ_MAX_LEN (65536),
# FUZZ_TARGETS (all five),
# FUZZ_CFLAGS (the GSL include flags), FUZZ_LIBS (GSL, libcsv, GLPK).
# A crash, a leak or an undefined-behaviour report stops the run with the
# reproducer in BUILDDIR/tests/fuzz/out/ and exit status 1.  Each target's
# executions are printed as "fuzz: TARGET: N executions in S s".
set -eu
srcdir=$(cd "$1" && pwd)
builddir=$2
shift 2
: "${CLANG:=clang}" "${FUZZ_SECONDS:=30}" "${FUZZ_CFLAGS:=}" "${FUZZ_LIBS:=}"
# Inputs up to 64 KiB (libFuzzer's default is 4 KiB): deep formula nesting
# (a 24 KB --model overflowed the stack) and cells over 511 bytes.
: "${FUZZ_MAX_LEN:=65536}"
: "${FUZZ_TARGETS:=table records counts index formula}"
out=$builddir/tests/fuzz/out
obj=$out/obj
mkdir -p "$obj"
san="-fsanitize=address,undefined -fno-sanitize-recover=all"
cflags="-g -O1 -fno-omit-frame-pointer $san -I$builddir -I$builddir/lib -I$srcdir/lib $FUZZ_CFLAGS"

# The library, compiled once with coverage for the fuzzer.
objs=
for src in "$@"; do
	case $src in *.c) ;; *) continue ;; esac
	o=$obj/$(basename "$src" .c).o
	# shellcheck disable=SC2086
	$CLANG $cflags -fsanitize=fuzzer-no-link -c "$srcdir/$src" -o "$o"
	objs="$objs $o"
done

status=0
for t in $FUZZ_TARGETS; do
	bin=$out/fuzz_$t
	# shellcheck disable=SC2086
	$CLANG $cflags -fsanitize=fuzzer "$srcdir/tests/fuzz/fuzz_$t.c" \
	    $objs $FUZZ_LIBS -lpthread -lm -o "$bin"
	# New inputs go to a scratch corpus, never into the source tree.
	work=$out/corpus-$t
	rm -rf "$work"
	mkdir -p "$work"
	log=$out/fuzz_$t.log
	if (cd "$out" && ASAN_OPTIONS=detect_leaks=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    "$bin" -max_total_time="$FUZZ_SECONDS" -timeout=10 \
	    -max_len="$FUZZ_MAX_LEN" \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$out/crash-$t-" \
	    "$work" "$srcdir/tests/fuzz/corpus/$t") >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		echo "fuzz: $t: ${runs:-?} executions in $FUZZ_SECONDS s"
	else
		echo "fuzz: $t: FAILED, see $log" >&2
		tail -n 40 "$log" >&2
		status=1
	fi
done
exit $status
