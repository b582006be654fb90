# SPDX-License-Identifier: GPL-3.0-or-later
# plot-fixtures.R - the bootstrap replicates that mse-plot's tests draw.
#
# Usage: Rscript scripts/plot-fixtures.R data/Western.csv \
#            > tests/data/bootstrap-western.csv
# Written and run with R 4.2.2 (base R only).
#
# A parametric bootstrap of the independence (main effects) Poisson
# log-linear model on the full table of 2^k - 1 patterns: 200 tables drawn
# from the fitted counts, each refitted; N = n + exp(intercept) with n the
# replicate's observed total.  mse-fit cannot write replicates yet, so the
# tests use these, in the column layout the issue asks for (one estimate a
# row).
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1L])
lists <- setdiff(names(d), "count")
k <- length(lists)
idx <- seq_len(2^k - 1)
tab <- as.data.frame(sapply(seq_len(k), function(j) (idx %/% 2^(k - j)) %% 2))
names(tab) <- lists
key <- function(m) apply(as.matrix(m), 1L, paste, collapse = "")
tab$count <- 0
tab$count[match(key(d[, lists]), key(tab[, lists]))] <- d$count
fit <- glm(count ~ ., family = poisson, data = tab)
set.seed(6)
est <- replicate(200, {
  b <- tab
  b$count <- rpois(nrow(b), fitted(fit))
  f <- glm(count ~ ., family = poisson, data = b)
  sum(b$count) + exp(coef(f)[[1L]])
})
cat("replicate,estimate\n")
cat(sprintf("%d,%.10g\n", seq_along(est), est), sep = "")
