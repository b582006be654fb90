# SPDX-License-Identifier: GPL-3.0-or-later
# bench-models.R - the R baseline of scripts/bench for model search: base R
# glm(family = poisson) on every main-effects + pairs model of one dataset
# (2^(k(k-1)/2) fits on the full 2^k - 1 table), elapsed seconds.
# Usage: Rscript scripts/bench-models.R FILE
d <- read.csv(commandArgs(TRUE)[1], check.names = FALSE)
k <- ncol(d) - 1
lists <- names(d)[1:k]
full <- expand.grid(rep(list(0:1), k))[-1, , drop = FALSE]
names(full) <- lists
full <- merge(full, d, all.x = TRUE)
full$count[is.na(full$count)] <- 0
pairs <- combn(lists, 2, function(p) sprintf("`%s`:`%s`", p[1], p[2]))
main <- paste(sprintf("`%s`", lists), collapse = " + ")
t <- system.time(for (m in 0:(2^length(pairs) - 1)) {
	use <- pairs[bitwAnd(m, 2^(seq_along(pairs) - 1)) > 0]
	f <- as.formula(paste("count ~", paste(c(main, use), collapse = " + ")))
	suppressWarnings(glm(f, family = poisson, data = full))
})[["elapsed"]]
cat(t, "\n")
