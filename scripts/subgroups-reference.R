#!/usr/bin/env Rscript
# SPDX-License-Identifier: GPL-3.0-or-later
# subgroups-reference.R - reference values for mse-fit --subgroups (issue
# 17, item 5): base R glm(family = poisson) with year and gender as
# factors (treatment contrasts) on the full table of every observable
# pattern in every stratum, zeros included, as mse-fit --covariates fits
# it.  A subgroup's N is the sum of the fitted values of all its cells,
# the unseen ones included, as Cruyff's generate_tables (sum(m[nrs])).
#
# Generated with R 4.2.2 (r-base-core, Debian 12):
#   Rscript scripts/subgroups-reference.R > tests/data/subgroups-reference.csv
# Run from the top of the source tree.  Columns: case, subgroup (total,
# year, gender or year:gender), year, gender (empty when summed over),
# value (N, 15 digits); and a row "fitted" per observed cell of the
# first stratum (2012, kvinne), keyed by its pattern in gender's column,
# and the deviance.
lists <- c("Politiet", "UDI", "ROSA", "Pro Sentret", "Frelsesarmeen")
L <- paste0("L", 1:5)

full_table <- function(file) {
	d <- read.csv(file, check.names = FALSE)
	d <- aggregate(d$count, by = d[, c("year", "gender", lists)], FUN = sum)
	names(d) <- c("year", "gender", L, "count")
	g <- expand.grid(L1 = 0:1, L2 = 0:1, L3 = 0:1, L4 = 0:1, L5 = 0:1,
	    year = sort(unique(d$year)), gender = sort(unique(d$gender)))
	g <- merge(g, d, all.x = TRUE)
	g$count[is.na(g$count)] <- 0
	g$fyear <- factor(g$year)
	g$fgender <- factor(g$gender)
	g
}

run <- function(name, file, formula) {
	g <- full_table(file)
	obs <- rowSums(g[, L]) > 0
	fit <- glm(formula, family = poisson, data = g[obs, ],
	    control = glm.control(epsilon = 1e-12, maxit = 100))
	g$N <- predict(fit, newdata = g, type = "response")
	out <- data.frame(case = name, subgroup = "total", year = "",
	    gender = "", value = sum(g$N))
	for (y in sort(unique(g$year)))
		out <- rbind(out, data.frame(case = name, subgroup = "year",
		    year = y, gender = "", value = sum(g$N[g$year == y])))
	for (s in sort(unique(g$gender)))
		out <- rbind(out, data.frame(case = name, subgroup = "gender",
		    year = "", gender = s, value = sum(g$N[g$gender == s])))
	for (y in sort(unique(g$year))) for (s in sort(unique(g$gender)))
		out <- rbind(out, data.frame(case = name,
		    subgroup = "year:gender", year = y, gender = s,
		    value = sum(g$N[g$year == y & g$gender == s])))
	first <- obs & g$year == min(g$year) & g$gender == sort(unique(g$gender))[1]
	pat <- apply(g[first, L], 1, paste, collapse = "")
	out <- rbind(out, data.frame(case = name, subgroup = "fitted",
	    year = "", gender = pat, value = fitted(fit)[which(first[obs])]))
	out <- rbind(out, data.frame(case = name, subgroup = "deviance",
	    year = "", gender = "", value = deviance(fit)))
	out$value <- sprintf("%.15g", out$value)
	write.table(out, stdout(), sep = ",", quote = FALSE,
	    row.names = FALSE, col.names = FALSE)
}

cat("case,subgroup,year,gender,value\n")
kom <- "tests/data/kom-year-gender.csv"
run("main", kom, count ~ L1 + L2 + L3 + L4 + L5 + fyear + fgender)
run("interactions", kom, count ~ L1 + L2 + L3 + L4 + L5 + fyear + fgender +
    L1:fgender + L2:fyear + fyear:fgender)
