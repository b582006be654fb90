#!/usr/bin/env Rscript
# SPDX-License-Identifier: GPL-3.0-or-later
# em-reference.R - reference values for the covariate model with missing
# covariate values (issue 17): an EM written here from the definition, on
# base R's glm(family = poisson) over the full table of every observable
# pattern in every stratum, zeros included.  A unit whose gender is missing
# (NA) is spread over the strata its year allows, in proportion to the
# fitted values (the E-step); glm refits the completed table (the M-step),
# until no completed count moves by 1e-11.  The covariance is the observed
# information by Louis's method, checked here against optimHess's numerical
# Hessian of the observed data's log-likelihood (the script stops if they
# differ by more than 1e-5 relative).  A stratum's N is its completed count
# plus its unseen cell; its standard error comes from the delta method
# with a numerical gradient (central differences) of that N in beta, plus
# the unseen cell's Poisson variance and the binomial variance of the
# units spread into it.
#
# Generated with R 4.2.2 (r-base-core, Debian 12):
#   Rscript scripts/em-reference.R > tests/data/em-reference.csv
# Run from the top of the source tree.  Columns: case, key (a stratum as
# year=...;gender=..., total, or aic: -2 log-likelihood of the observed
# data + 2 parameters), what (estimate, se or value), value.
lists <- c("Politiet", "UDI", "ROSA", "Pro Sentret", "Frelsesarmeen")
L <- paste0("L", 1:5)

run <- function(name, file, formula, absent_rosa_men = FALSE, trend = 0) {
	d <- read.csv(file, check.names = FALSE, na.strings = "NA")
	names(d)[match(lists, names(d))] <- L
	years <- sort(unique(d$year))
	genders <- sort(unique(d$gender[!is.na(d$gender)]))
	g <- expand.grid(L1 = 0:1, L2 = 0:1, L3 = 0:1, L4 = 0:1, L5 = 0:1,
	    year = years, gender = genders, stringsAsFactors = FALSE)
	g$year_f <- factor(g$year)
	g$gender <- factor(g$gender, levels = genders)
	if (trend > 0)
		g$yp <- poly(g$year, trend)
	key <- paste(g$year, g$gender, apply(g[, L], 1, paste, collapse = ""))
	full <- d[!is.na(d$gender), ]
	fk <- paste(full$year, full$gender, apply(full[, L], 1, paste,
	    collapse = ""))
	g$ycomp <- 0
	g$ycomp[match(fk, key)] <- full$count
	obs <- rowSums(g[, L]) > 0
	if (absent_rosa_men)
		obs <- obs & !(g$L3 == 1 & g$gender == "mann")
	inc <- d[is.na(d$gender), ]
	grp <- lapply(seq_len(nrow(inc)), function(i) {
		w <- which(obs & g$year == inc$year[i] &
		    apply(g[, L], 1, paste, collapse = "") ==
		    paste(inc[i, L], collapse = ""))
		w
	})
	gn <- inc$count
	rows <- which(obs)
	y <- g$ycomp
	for (i in seq_along(grp))
		y[grp[[i]]] <- y[grp[[i]]] + gn[i] / length(grp[[i]])
	beta <- NULL
	for (it in 1:10000) {
		g$y <- y
		fit <- suppressWarnings(glm(formula, family = poisson,
		    data = g[rows, ], start = beta,
		    control = glm.control(epsilon = 1e-14, maxit = 100)))
		beta <- coef(fit)
		mu <- rep(0, nrow(g))
		mu[rows] <- fitted(fit)
		ynew <- g$ycomp
		for (i in seq_along(grp)) {
			w <- grp[[i]]
			ynew[w] <- ynew[w] + gn[i] * mu[w] / sum(mu[w])
		}
		change <- max(abs(ynew - y))
		y <- ynew
		if (change < 1e-11)
			break
	}
	X <- model.matrix(fit)
	m <- mu[rows]
	pos <- match(seq_len(nrow(g)), rows)
	loglik <- function(b) {
		mm <- exp(drop(X %*% b))
		full <- rep(0, nrow(g))
		full[rows] <- mm
		l <- sum(g$ycomp[rows] * log(mm) - mm - lfactorial(g$ycomp[rows]))
		for (i in seq_along(grp))
			l <- l + gn[i] * log(sum(full[grp[[i]]])) - lfactorial(gn[i])
		l
	}
	Ic <- t(X) %*% (m * X)
	Mi <- Ic * 0
	for (i in seq_along(grp)) {
		w <- grp[[i]]
		p <- mu[w] / sum(mu[w])
		Xg <- X[pos[w], , drop = FALSE]
		xbar <- colSums(p * Xg)
		Mi <- Mi + gn[i] * (t(Xg) %*% (p * Xg) - outer(xbar, xbar))
	}
	if (Sys.getenv("EM_DEBUG") != "") message(name, ": ", it, " iterations, kappa ", kappa(Ic), " ", kappa(Ic - Mi), " ", paste(names(which(abs(beta) > 20)), collapse = " "))
	V <- solve(Ic - Mi)
	Vnum <- solve(-optimHess(beta, loglik))
	if (max(abs(V - Vnum)) > 1e-5 * max(abs(V)))
		stop(name, ": Louis's covariance and optimHess differ by ",
		    max(abs(V - Vnum)))
	# N of each stratum as a function of beta.
	unseen <- which(rowSums(g[, L]) == 0)
	strata <- unique(g[unseen, c("year", "gender")])
	Nfun <- function(b) {
		gb <- g
		gb$y <- 0
		mm <- rep(0, nrow(g))
		mm[rows] <- exp(drop(X %*% b))
		yb <- g$ycomp
		for (i in seq_along(grp)) {
			w <- grp[[i]]
			yb[w] <- yb[w] + gn[i] * mm[w] / sum(mm[w])
		}
		X0 <- model.matrix(formula, data = within(g[unseen, ], y <- 0))
		m0 <- exp(drop(X0 %*% b))
		sapply(seq_len(nrow(strata)), function(s) {
			same <- g$year == strata$year[s] &
			    g$gender == strata$gender[s]
			sum(yb[same & obs]) + m0[s]
		})
	}
	N <- Nfun(beta)
	J <- sapply(seq_along(beta), function(j) {
		h <- 1e-6 * max(1, abs(beta[j]))
		bp <- beta; bp[j] <- bp[j] + h
		bm <- beta; bm[j] <- bm[j] - h
		(Nfun(bp) - Nfun(bm)) / (2 * h)
	})
	X0 <- model.matrix(formula, data = within(g[unseen, ], y <- 0))
	m0 <- exp(drop(X0 %*% beta))
	alloc <- sapply(seq_len(nrow(strata)), function(s) {
		a <- 0
		for (i in seq_along(grp)) {
			w <- grp[[i]]
			p <- mu[w] / sum(mu[w])
			same <- g$year[w] == strata$year[s] &
			    g$gender[w] == strata$gender[s]
			a <- a + gn[i] * sum(p[same]) * (1 - sum(p[same]))
		}
		a
	})
	se <- sqrt(m0 + alloc + rowSums((J %*% V) * J))
	tot <- colSums(J)
	se_tot <- sqrt(sum(m0) + drop(t(tot) %*% V %*% tot))
	keys <- paste0("year=", strata$year, ";gender=", strata$gender)
	out <- data.frame(case = name,
	    key = c(keys, "total", keys, "total", "aic"),
	    what = c(rep("estimate", length(N) + 1), rep("se", length(N) + 1),
	    "value"),
	    value = sprintf("%.15g", c(N, sum(N), se, se_tot,
	    -2 * loglik(beta) + 2 * length(beta))))
	write.table(out, stdout(), sep = ",", quote = FALSE,
	    row.names = FALSE, col.names = FALSE)
}

cat("case,key,what,value\n")
file <- "tests/data/kom-year-gender-na.csv"
run("true-model", file, y ~ L1 + L2 + L3 + L4 + L5 + year_f + gender +
    L1:L2, absent_rosa_men = TRUE)
run("list-gender", file, y ~ L1 + L2 + L3 + L4 + L5 + year_f + gender +
    L1:L2 + L1:gender + L2:gender + L4:gender, absent_rosa_men = TRUE)
run("trend", file, y ~ L1 + L2 + L3 + L4 + L5 + yp + gender + L1:L2 +
    L2:gender + yp:gender, absent_rosa_men = TRUE, trend = 2)
