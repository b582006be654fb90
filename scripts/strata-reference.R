# SPDX-License-Identifier: GPL-3.0-or-later
# Independent base-R reference values for stratified fits, covariate models
# and structural zeros (mse-fit --by, --covariates, --absent).
#
# Usage: Rscript scripts/strata-reference.R data > tests/data/strata-reference.csv
#
# Rows (kind), each with the mse-fit options (args) that make the same fit:
#   by     one stratum of a stratified table, fitted on its own: the lists
#          that recorded nobody in the stratum are left out, and
#          glm(count ~ lists [+ terms], poisson) runs on the full table of
#          the 2^k - 1 patterns of the rest (zeros added);
#          N = n + exp(b0), se = sqrt(m0 + m0^2 V[1, 1]) (Rcapture's).
#   cov    one model across strata: covariates are factors (levels in
#          C-locale order with numbers first, as mse_value_cmp), on the full
#          crossed table of strata x patterns; absent cells are removed
#          with subset=; per stratum m0 = exp(x0' b) on the unseen cell,
#          var = m0 + m0^2 x0' V x0; the total with g = sum m0 x0,
#          var = sum m0 + g' V g.  V is summary()$cov.unscaled on the
#          coefficients that are not aliased (NA).
#   absent a plain table (no strata) with absent cells removed.
#   select the model of one glm across strata (as cov) chosen by AIC or BIC
#          over every model with the lists' and covariates' main effects
#          and any set of the candidate terms: the list pairs and the
#          list x covariate pairs (mse-fit --covariates --select aic|bic,
#          order 2).  AIC = -2 logLik + 2 rank (R's AIC), BIC = -2 logLik +
#          rank log(n observed) (as mse-fit).  The model field is the
#          chosen terms, for the reader; the test does not pass it.
# A fit whose smallest fitted value is below 1e-6 has no MLE: status nomle.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L)
  stop("usage: Rscript scripts/strata-reference.R <data-folder>")
datadir <- args[1L]
# R's default control, which mse-fit follows (epsilon 1e-8, maxit 25): the
# covariance comes from the last IRLS step, so both stop at the same step.
ctrl <- glm.control()
fmt <- function(x) sprintf("%.15g", x)

lists_of <- function(d, vars) setdiff(names(d), c(vars, "count"))

# mse_value_cmp: numbers first, by value, then text bytewise.
level_order <- function(x) {
  u <- unique(as.character(x))
  num <- suppressWarnings(as.numeric(u))
  isn <- !is.na(num)
  c(u[isn][order(num[isn])], sort(u[!isn], method = "radix"))
}

# All 2^k - 1 patterns of the lists (first list varies fastest).
patterns <- function(lists) {
  k <- length(lists)
  w <- seq_len(2^k - 1)
  p <- as.data.frame(sapply(seq_len(k), function(j) (w %/% 2^(j - 1)) %% 2))
  names(p) <- lists
  p
}

# The crossed table of strata x patterns, counts filled in.
full_table <- function(d, lists, vars) {
  p <- patterns(lists)
  lv <- lapply(vars, function(v) level_order(d[[v]]))
  names(lv) <- vars
  st <- if (length(vars)) expand.grid(lv, stringsAsFactors = FALSE) else
    data.frame(row.names = 1)
  tab <- merge(st, p, by = NULL)
  key <- function(x) do.call(paste, c(lapply(c(vars, lists),
    function(v) as.character(x[[v]])), sep = "\r"))
  agg <- aggregate(d$count, by = d[c(vars, lists)], FUN = sum)
  tab$count <- 0
  tab$count[match(key(agg), key(tab))] <- agg$x
  for (v in vars) tab[[v]] <- factor(tab[[v]], levels = lv[[v]])
  tab
}

# args: the mse-fit options that make the same fit (with -M model and
# --absent, ';' for ',').
row_out <- function(kind, file, args, stratum, model, absent, n, est, se,
                    dev, df, aic, status) {
  cat(kind, file, args, stratum, model, absent, fmt(n), fmt(est), fmt(se),
      fmt(dev), df, fmt(aic), status, sep = ",")
  cat("\n")
}

# A fit, its unseen-cell estimates per stratum and for the total.
estimates <- function(fit, tab, lists, vars) {
  b <- coef(fit)
  keep <- !is.na(b)
  V <- summary(fit)$cov.unscaled
  st <- unique(tab[vars])
  if (!length(vars)) st <- data.frame(row.names = 1)
  new <- st
  for (l in lists) new[[l]] <- 0
  X0 <- model.matrix(delete.response(terms(fit)), new,
                     xlev = fit$xlevels)[, keep, drop = FALSE]
  m0 <- as.vector(exp(X0 %*% b[keep]))
  vs <- m0 + m0^2 * rowSums((X0 %*% V) * X0)
  g <- colSums(m0 * X0)
  n <- sapply(seq_len(nrow(st)), function(i) {
    sel <- rep(TRUE, nrow(tab))
    for (v in vars) sel <- sel & tab[[v]] == st[[v]][i]
    sum(tab$count[sel])
  })
  lab <- if (length(vars)) do.call(paste, c(lapply(vars, function(v)
    paste0(v, "=", st[[v]])), sep = ";")) else "all"
  list(label = c(lab, "total"), n = c(n, sum(n)), est = c(n + m0, sum(n + m0)),
       se = sqrt(c(vs, sum(m0) + drop(t(g) %*% V %*% g))))
}

rhs <- function(lists, vars, model) {
  f <- paste(c(lists, vars), collapse = " + ")
  if (model != "main") f <- paste(f, "+", model)
  as.formula(paste("count ~", f))
}

fit_glm <- function(form, tab) {
  withCallingHandlers(glm(form, family = poisson, data = tab, control = ctrl),
    warning = function(w) invokeRestart("muffleWarning"))
}

cov_rows <- function(file, vars, model, absent = "", drop = NULL,
                     lists = NULL) {
  d <- read.csv(file.path(datadir, file), check.names = FALSE,
                stringsAsFactors = FALSE)
  if (is.null(lists)) lists <- lists_of(d, vars)
  d <- d[rowSums(d[lists]) > 0, ]
  tab <- full_table(d, lists, vars)
  if (!is.null(drop)) tab <- tab[!drop(tab), ]
  fit <- fit_glm(rhs(lists, vars, model), tab)
  e <- estimates(fit, tab, lists, vars)
  st <- if (min(fitted(fit)) < 1e-6) "nomle" else "ok"
  args <- if (length(vars)) paste("--covariates", paste(vars, collapse = ";"))
    else ""
  if (!identical(lists, lists_of(d, vars)))
    args <- paste(args, "--lists", paste(lists, collapse = ";"))
  n <- if (length(vars)) length(e$label) else 1
  for (i in seq_len(n))
    row_out(if (length(vars)) "cov" else "absent", file, args, e$label[i],
            model, absent, e$n[i], e$est[i], e$se[i], deviance(fit),
            df.residual(fit), AIC(fit), st)
}

by_rows <- function(file, vars, model, lists = NULL) {
  d <- read.csv(file.path(datadir, file), check.names = FALSE,
                stringsAsFactors = FALSE)
  args <- paste("--by", paste(vars, collapse = ";"))
  if (!is.null(lists))
    args <- paste(args, "--lists", paste(lists, collapse = ";"))
  else
    lists <- lists_of(d, vars)
  d <- d[rowSums(d[lists]) > 0, ]
  st <- unique(d[vars])
  tot <- c(0, 0, 0)
  for (i in seq_len(nrow(st))) {
    sel <- rep(TRUE, nrow(d))
    for (v in vars) sel <- sel & d[[v]] == st[[v]][i]
    ds <- d[sel, c(lists, "count")]
    kept <- lists[sapply(lists, function(l) sum(ds$count[ds[[l]] == 1]) > 0)]
    lab <- paste(paste0(vars, "=", unlist(st[i, ])), collapse = ";")
    terms <- if (model == "main") character(0) else
      strsplit(model, " + ", fixed = TRUE)[[1]]
    terms <- terms[vapply(strsplit(terms, ":"), function(t) all(t %in% kept),
                          logical(1))]
    m <- if (length(terms)) paste(terms, collapse = " + ") else "main"
    if (length(kept) < 2) {
      row_out("by", file, args, lab, model, "", sum(ds$count), NA, NA, NA,
              NA, NA, "fewer")
      tot <- tot + c(sum(ds$count), NA, NA)
      next
    }
    dk <- aggregate(ds$count, by = ds[kept], FUN = sum)
    names(dk)[ncol(dk)] <- "count"
    dk <- dk[rowSums(dk[kept]) > 0, ]
    tab <- full_table(dk, kept, character(0))
    fit <- fit_glm(rhs(kept, character(0), m), tab)
    e <- estimates(fit, tab, kept, character(0))
    status <- if (min(fitted(fit)) < 1e-6) "nomle" else "ok"
    row_out("by", file, args, lab, model, "", e$n[1], e$est[1], e$se[1],
            deviance(fit), df.residual(fit), AIC(fit), status)
    tot <- tot + c(e$n[1], if (status == "ok") e$est[1] else NA,
                   e$se[1]^2)
  }
  # The total of independent strata: sum of N, var = sum of var.
  if (!is.na(tot[2]))
    row_out("by", file, args, "total", model, "", tot[1], tot[2],
            sqrt(tot[3]), NA, NA, NA, "ok")
}

select_rows <- function(file, vars, lists, crit) {
  d <- read.csv(file.path(datadir, file), check.names = FALSE,
                stringsAsFactors = FALSE)
  d <- d[rowSums(d[lists]) > 0, ]
  tab <- full_table(d, lists, vars)
  cand <- c(combn(lists, 2, paste, collapse = ":"),
            as.vector(outer(lists, vars, paste, sep = ":")))
  n <- sum(tab$count)
  best <- Inf
  for (set in 0:(2^length(cand) - 1)) {
    terms <- cand[bitwAnd(set, 2^(seq_along(cand) - 1)) > 0]
    model <- if (length(terms)) paste(terms, collapse = " + ") else "main"
    fit <- fit_glm(rhs(lists, vars, model), tab)
    if (min(fitted(fit)) < 1e-6) next
    ll <- as.numeric(logLik(fit))
    c <- -2 * ll + fit$rank * (if (crit == "aic") 2 else log(n))
    if (c < best) {
      best <- c
      bfit <- fit
      bmodel <- model
    }
  }
  e <- estimates(bfit, tab, lists, vars)
  args <- paste("--covariates", paste(vars, collapse = ";"), "--lists",
                paste(lists, collapse = ";"), "--select", crit)
  for (i in seq_along(e$label))
    row_out("select", file, args, e$label[i], bmodel, "", e$n[i], e$est[i],
            e$se[i], deviance(bfit), df.residual(bfit), AIC(bfit), "ok")
}

cat("# generated by scripts/strata-reference.R with", R.version.string, "\n")
cat("# regenerate: Rscript scripts/strata-reference.R data >",
    "tests/data/strata-reference.csv\n")
cat("# glm(family = poisson, control = glm.control()), R's defaults as",
    "mse-fit; see the script's header for each kind\n")
cat("kind,file,args,stratum,model,absent,observed,estimate,se,deviance,df,",
    "aic,status\n", sep = "")

scot <- "ScotPWID_region_gender_age.csv"
sv <- c("Region", "Gender", "Age")
for (m in c("main", "S3:S4", "S1:S2 + S3:S4"))
  by_rows(scot, sv, m)
by_rows(scot, "Region", "main", lists = c("S1", "S2", "S3", "S4"))
for (m in c("main", "S1:S2"))
  by_rows("spina_eth.csv", "eth", m)

for (m in c("main", "S1:Gender + S3:Age + S4:Region + S3:S4",
            "S1:S2 + Region*Gender*Age"))
  cov_rows(scot, sv, m)
cov_rows(scot, "Gender", "S3:Gender", lists = c("S1", "S2", "S3", "S4"))
cov_rows("spina_eth.csv", "eth", "main")
cov_rows("spina_eth.csv", "eth", "S1:S2")
no_s2_other <- function(t) t$S2 == 1 & t$eth == "other"
cov_rows("spina_eth.csv", "eth", "main", "S2:eth=other", no_s2_other)
cov_rows("spina_eth.csv", "eth", "S2:eth", "S2:eth=other", no_s2_other)
cov_rows("spina_eth.csv", "eth", "S1:S2 + S3:eth", "S2:eth=other",
         no_s2_other)

cov_rows("Western.csv", character(0), "main", "A:B",
         function(t) t$A == 1 & t$B == 1)
cov_rows("Western.csv", character(0), "main", "A:B;B:E",
         function(t) (t$A == 1 & t$B == 1) | (t$B == 1 & t$E == 1))
cov_rows("Western.csv", character(0), "A:E", "A:B;B:E",
         function(t) (t$A == 1 & t$B == 1) | (t$B == 1 & t$E == 1))
cov_rows("Western.csv", character(0), "main", "", NULL)

s4 <- c("S1", "S2", "S3", "S4")
select_rows(scot, "Gender", s4, "aic")
select_rows(scot, "Gender", s4, "bic")
select_rows(scot, "Age", s4, "bic")
select_rows("spina_eth.csv", "eth", c("S1", "S2", "S3"), "aic")
