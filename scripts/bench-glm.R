# SPDX-License-Identifier: GPL-3.0-or-later
# bench-glm.R - the R baseline of scripts/bench: mean milliseconds of base
# R glm(family = poisson) on the full 2^k - 1 table of one dataset.
# Usage: Rscript scripts/bench-glm.R FILE [REPS]
args <- commandArgs(TRUE)
d <- read.csv(args[1], check.names = FALSE)
reps <- if (length(args) > 1) as.integer(args[2]) else 20L
k <- ncol(d) - 1
full <- expand.grid(rep(list(0:1), k))[-1, , drop = FALSE]
names(full) <- names(d)[1:k]
full <- merge(full, d, all.x = TRUE)
full$count[is.na(full$count)] <- 0
f <- reformulate(sprintf("`%s`", names(d)[1:k]), "count")
t <- system.time(for (i in seq_len(reps))
	glm(f, family = poisson, data = full))[["elapsed"]]
cat(1000 * t / reps, "\n")
