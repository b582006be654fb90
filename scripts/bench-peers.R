# SPDX-License-Identifier: GPL-3.0-or-later
# bench-peers.R - the R peers of issue 13 timed in this run, for make bench
# (scripts/bench), when R has the package: CPU seconds (user + system) of
# one case, the median of RUNS calls after a warm-up.  Exit status 3 when
# the package is not installed (the bench then quotes the issue's figure).
# Written against SparseMSE 2.0.1 (CRAN; not in Debian) under R 4.2.2.
#
# Usage: Rscript scripts/bench-peers.R CASE FILE [RUNS]
#   sparsemse-stepwise  SparseMSE::stepwisefit(zdat, pthresh = 0.02)
#   sparsemse-boot      SparseMSE::estimatepopulation(zdat, nboot = 200)
#                       (stepwise re-selected in every replicate, BCa)
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) {
	message("usage: bench-peers.R CASE FILE [RUNS]")
	quit(status = 2)
}
runs <- if (length(args) >= 3) as.integer(args[3]) else 5L
if (!requireNamespace("SparseMSE", quietly = TRUE))
	quit(status = 3)
zdat <- read.csv(args[2])
call <- switch(args[1],
	"sparsemse-stepwise" = function()
		SparseMSE::stepwisefit(zdat, pthresh = 0.02),
	"sparsemse-boot" = function()
		SparseMSE::estimatepopulation(zdat, nboot = 200),
	{ message("bench-peers.R: unknown case ", args[1]); quit(status = 2) })
invisible(call())
cpu <- replicate(runs, {
	t <- system.time(call())
	unname(t["user.self"] + t["sys.self"])
})
cat(median(cpu), "\n")
