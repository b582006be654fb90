#!/usr/bin/env Rscript
# SPDX-License-Identifier: GPL-3.0-or-later
# path-reference.R - reference values for mse-fit --select path (issue
# 17): the search path of model_search in M. Cruyff's R package mse, made
# here with base R's step() exactly as model_search calls it (the package
# is not in Debian): from main effects, step() with k = log(n) over
# Freq ~ .^2; from its result, step() with k = 2 and that model as the
# lower scope; from that one, k = 1.  Each step's model, AIC, AICc (as
# model_search: AIC + 2(p^2 + p)/(n - p - 1)), BIC and N, unrounded.
#
# Generated with R 4.2.2 (r-base-core, Debian 12):
#   Rscript scripts/path-reference.R > tests/data/path-reference.csv
# Run from the top of the source tree.  Columns: case, step, change (as
# step() writes it, "+ L1:L2"), aic, aicc, bic, estimate.

path <- function(name, x, nlists, degree = NULL) {
	vars <- setdiff(names(x), "Freq")
	if (!is.null(degree))
		x$year <- poly(x$year, degree = degree)
	n <- sum(x$Freq)
	obs <- rowSums(x[, 1:nlists] == 1) > 0
	xobs <- x[obs, ]
	m0 <- glm(Freq ~ ., poisson, data = xobs)
	mx <- glm(Freq ~ .^2, poisson, data = xobs)
	m_bic <- step(m0, scope = list(lower = formula(m0),
	    upper = formula(mx)), k = log(n), trace = 0)
	m_aic <- step(m_bic, scope = list(lower = formula(m_bic),
	    upper = formula(mx)), trace = 0)
	m_nxt <- step(m_aic, scope = list(lower = formula(m_aic),
	    upper = formula(mx)), k = 1, trace = 0)
	steps <- c("", as.character(m_bic$anova$Step[-1]),
	    as.character(m_aic$anova$Step[-1]),
	    as.character(m_nxt$anova$Step[-1]))
	f <- formula(m0)
	for (j in seq_along(steps)) {
		if (steps[j] != "")
			f <- update(f, paste("~ .", steps[j]))
		m <- glm(f, poisson, data = xobs,
		    control = glm.control(epsilon = 1e-12, maxit = 100))
		p <- length(coef(m))
		aic <- extractAIC(m, k = 2)[2]
		cat(sprintf("%s,%d,%s,%.15g,%.15g,%.15g,%.15g\n", name, j - 1,
		    steps[j], aic, aic + 2 * (p^2 + p) / (n - p - 1),
		    extractAIC(m, k = log(n))[2],
		    sum(predict(m, newdata = x, type = "response"))))
	}
}

# A capture-history table with the unseen pattern as a row of 0.
full <- function(file) {
	d <- read.csv(file, check.names = FALSE)
	k <- ncol(d) - 1
	g <- expand.grid(rep(list(0:1), k))
	names(g) <- names(d)[1:k]
	g <- merge(g, d, all.x = TRUE)
	g$count[is.na(g$count)] <- 0
	names(g)[k + 1] <- "Freq"
	g[, 1:k] <- lapply(g[, 1:k], factor)
	g
}

# The KOM-style records by year: lists, then year.
kom <- function(file, factor_year) {
	d <- read.csv(file, check.names = FALSE)
	lists <- c("Politiet", "UDI", "ROSA", "Pro Sentret", "Frelsesarmeen")
	d <- aggregate(d$count, by = d[, c(lists, "year")], FUN = sum)
	names(d) <- c(paste0("L", 1:5), "year", "Freq")
	g <- expand.grid(L1 = 0:1, L2 = 0:1, L3 = 0:1, L4 = 0:1, L5 = 0:1,
	    year = sort(unique(d$year)))
	g <- merge(g, d, all.x = TRUE)
	g$Freq[is.na(g$Freq)] <- 0
	g[, 1:5] <- lapply(g[, 1:5], factor)
	if (factor_year)
		g$year <- factor(g$year)
	g[, c(paste0("L", 1:5), "year", "Freq")]
}

cat("case,step,change,aic,aicc,bic,estimate\n")
path("ukdat5", full("data/UKdat_5.csv"), 5)
path("western", full("data/Western.csv"), 5)
path("kom-year", kom("tests/data/kom-year-gender.csv", TRUE), 5)
path("kom-trend", kom("tests/data/kom-year-gender.csv", FALSE), 5, 2)
