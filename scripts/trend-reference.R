#!/usr/bin/env Rscript
# SPDX-License-Identifier: GPL-3.0-or-later
# trend-reference.R - reference values for mse-fit --trend (issue 17):
# base R glm(family = poisson) with poly(year, d) on the full table of
# every observable pattern in every stratum, zeros included, as the
# covariate models of mse-fit --covariates fit it; N of a stratum is its
# observed count plus the fitted value of its unseen cell.
#
# Generated with R 4.2.2 (r-base-core, Debian 12):
#   Rscript scripts/trend-reference.R > tests/data/trend-reference.csv
# Run from the top of the source tree.  Columns: case, key (a stratum as
# year=... or year=...;gender=..., or deviance), value (15 digits).
lists <- c("Politiet", "UDI", "ROSA", "Pro Sentret", "Frelsesarmeen")
L <- paste0("L", 1:5)

full_table <- function(file, covs) {
	d <- read.csv(file, check.names = FALSE)
	d <- aggregate(d$count, by = d[, c(covs, lists)], FUN = sum)
	names(d) <- c(covs, L, "count")
	levels <- lapply(covs, function(v) sort(unique(d[[v]])))
	names(levels) <- covs
	g <- do.call(expand.grid, c(rep(list(0:1), 5), levels))
	names(g) <- c(L, covs)
	g <- merge(g, d, all.x = TRUE)
	g$count[is.na(g$count)] <- 0
	g
}

run <- function(name, file, covs, formula) {
	g <- full_table(file, covs)
	obs <- rowSums(g[, L]) > 0
	fit <- glm(formula, family = poisson, data = g[obs, ],
	    control = glm.control(epsilon = 1e-12, maxit = 100))
	m0 <- predict(fit, newdata = g[!obs, ], type = "response")
	key <- do.call(paste, c(lapply(covs, function(v)
	    paste0(v, "=", g[!obs, v])), sep = ";"))
	n <- sapply(seq_along(m0), function(i) {
		same <- rep(TRUE, nrow(g))
		for (v in covs) same <- same & g[[v]] == g[!obs, ][[v]][i]
		sum(g$count[obs & same])
	})
	out <- data.frame(case = name, key = c(key, "total", "deviance"),
	    value = sprintf("%.15g", c(n + m0, sum(n + m0), deviance(fit))))
	write.table(out, stdout(), sep = ",", quote = FALSE,
	    row.names = FALSE, col.names = FALSE)
}

cat("case,key,value\n")
run("year-linear", "tests/data/kom-year-gender.csv", "year",
    count ~ L1 + L2 + L3 + L4 + L5 + poly(year, 1) + L1:poly(year, 1))
run("year-quadratic", "tests/data/kom-year-gender.csv", "year",
    count ~ L1 + L2 + L3 + L4 + L5 + poly(year, 2) + L1:poly(year, 2) +
    L2:poly(year, 2) + L1:L2)
run("year-gender", "tests/data/kom-year-gender.csv", c("year", "gender"),
    count ~ L1 + L2 + L3 + L4 + L5 + poly(year, 2) + gender +
    L1:gender + L2:poly(year, 2))
run("missing-year", "tests/data/kom-year-gender-no2014.csv", "year",
    count ~ L1 + L2 + L3 + L4 + L5 + poly(year, 2) + L1:poly(year, 2))
