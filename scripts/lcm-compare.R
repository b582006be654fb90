# SPDX-License-Identifier: GPL-3.0-or-later
# lcm-compare.R - compare two sets of draws of N (CSV: chain,draw,N) from
# mse-fit -m lcm --draws: mean and type 7 quantiles with approximate Monte
# Carlo standard errors, and z = difference / combined standard error.
# MCSE: batch means (50 batches a chain) for the ESS; for a quantile Q_q,
# sqrt(q (1 - q) / ESS) / f(Q_q), with the density f from the spacing of
# the quantiles q -/+ 0.01.  Base R only (written with R 4.2.2).
args <- commandArgs(TRUE)
ess <- function(x, chains) {
  n <- length(x) %/% chains
  m <- n %/% 50
  g <- rep(seq_len(chains * 50), each = m)
  x <- x[seq_along(g)]
  length(x) * var(x) / (m * var(tapply(x, g, mean)))
}
summ <- function(f) {
  d <- read.csv(f)
  x <- d$N[order(d$chain, d$draw)]
  qs <- c(0.025, 0.5, 0.975)
  e <- ess(x, length(unique(d$chain)))
  dens <- sapply(qs, function(q)
    0.02 / diff(quantile(x, c(max(q - 0.01, 0.001), q + 0.01), type = 7)))
  list(m = c(mean(x), quantile(x, qs, type = 7)),
       se = c(sd(x) / sqrt(e), sqrt(qs * (1 - qs) / e) / dens), ess = e)
}
a <- summ(args[1])
b <- summ(args[2])
lab <- c("mean", "2.5%", "median", "97.5%")
cat(sprintf("%-7s %10s %7s %10s %7s %6s\n", "", "first", "mcse", "second",
    "mcse", "z"))
for (i in 1:4)
  cat(sprintf("%-7s %10.1f %7.1f %10.1f %7.1f %6.2f\n", lab[i], a$m[i],
      a$se[i], b$m[i], b$se[i], (a$m[i] - b$m[i]) /
      sqrt(a$se[i]^2 + b$se[i]^2)))
cat(sprintf("batch-means ESS: %.0f and %.0f\n", a$ess, b$ess))
