# SPDX-License-Identifier: GPL-3.0-or-later
# many-lists-reference.R - base R's glm on a 20-list table, the reference
# of tests/cli/many-lists.sh: main effects on all 2^20 - 1 patterns, where
# a cell's fitted value is tiny (0.1^18 of the population) without any
# parameter running off to -inf.  Values quoted in the test came from R
# 4.2.2 (glm warns "fitted rates numerically 0 occurred" and clamps them
# at 2.2e-16, which moves N by far less than 1e-12).
# Usage: cli/mse-sim -n 1000 -l S1=0.1,...,S20=0.1 \
#            -M S1:S2=0.9,S3:S4=0.7,S5:S6=-0.5 -f csv >k20.csv
#        Rscript scripts/many-lists-reference.R k20.csv
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], check.names = FALSE)
lists <- setdiff(names(d), "count")
k <- length(lists)
full <- as.data.frame(as.matrix(expand.grid(rep(list(0:1), k)))[-1, ])
names(full) <- lists
key <- function(m) as.vector(as.matrix(m) %*% 2^(0:(k - 1)))
full$count <- 0
full$count[match(key(d[, lists]), key(full[, lists]))] <- d$count
f <- glm(count ~ ., family = poisson, data = full,
    control = glm.control(epsilon = 1e-12, maxit = 100))
cat(sprintf("R %s\nN %.12g\nconverged %s\ndeviance %.12g\naic %.12g\n",
    getRversion(), sum(d$count) + exp(coef(f)[1]), f$converged,
    deviance(f), AIC(f)))
