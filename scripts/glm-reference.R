# SPDX-License-Identifier: GPL-3.0-or-later
# Independent base-R reference values (Poisson log-linear glm fits) for morketall's tests.
#
# Usage: Rscript scripts/glm-reference.R data > tests/data/glm-reference.csv
#
# For each data/*.csv with k <= 6 lists, fits glm(count ~ terms, family = poisson)
# on the full table of all 2^k - 1 patterns (unlisted patterns have count 0, the
# all-zero pattern is excluded) for: "main", every single-pair model "Li:Lj",
# the all-pairs model (k <= 5) and a few dataset-specific extra models.
# Interaction terms are closed hierarchically (all sub-interactions added).
# Fits are skipped (and noted in a '#' comment) when a list pair in the model has
# zero overlap, or the fit did not converge, is rank deficient or has a minimum
# fitted value below 1e-6.

args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 1L) stop("usage: Rscript scripts/glm-reference.R <data-folder>")
datadir <- args[1L]

## tight IRLS convergence so the printed 15 significant digits are meaningful
ctrl <- glm.control(epsilon = 1e-12, maxit = 100)
min_fitted_tol <- 1e-6
max_k <- 6L

extra_models <- list(
  "Western.csv" = c("A:E"),
  "Kosovo.csv" = c("EXH:ABA + EXH:OSCE + EXH:HRW + ABA:OSCE + OSCE:HRW",
                   "EXH:ABA:OSCE + EXH:HRW + OSCE:HRW")
)

fmt <- function(x) sprintf("%.15g", x)

## full table of the 2^k - 1 patterns, first list most significant bit
full_table <- function(d, lists) {
  k <- length(lists)
  idx <- seq_len(2^k - 1)
  tab <- as.data.frame(sapply(seq_len(k), function(j) (idx %/% 2^(k - j)) %% 2))
  names(tab) <- lists
  key_full <- apply(tab, 1L, paste, collapse = "")
  key_obs <- apply(as.matrix(d[, lists, drop = FALSE]), 1L, paste, collapse = "")
  if (anyDuplicated(key_obs)) stop("duplicate patterns in input")
  if (!all(key_obs %in% key_full)) stop("invalid pattern (all-zero or non-0/1) in input")
  tab$count <- 0
  tab$count[match(key_obs, key_full)] <- d$count
  tab
}

## parse "A:B + C:D" into a list of character vectors (one per term)
parse_model <- function(model, lists) {
  if (model == "main") return(list())
  terms <- strsplit(strsplit(model, " + ", fixed = TRUE)[[1L]], ":", fixed = TRUE)
  for (t in terms) if (!all(t %in% lists)) stop("unknown list in model ", model)
  terms
}

## hierarchical closure: all sub-interactions of order >= 2, in list order
closure <- function(terms, lists) {
  out <- list()
  for (t in terms) {
    t <- lists[lists %in% t]
    if (length(t) < 2L) next
    for (m in 2L:length(t))
      for (s in combn(t, m, simplify = FALSE)) out[[paste(s, collapse = ":")]] <- s
  }
  out
}

comments <- character()
rows <- character()

files <- sort(list.files(datadir, pattern = "\\.csv$"), method = "radix")  # C-locale order
for (f in files) {
  d <- read.csv(file.path(datadir, f), check.names = FALSE)
  lists <- setdiff(names(d), "count")
  k <- length(lists)
  ## strata, covariates or records: not one capture-history table
  if (!"count" %in% names(d) ||
      !all(vapply(d[lists], function(x) all(x %in% c(0, 1)), NA))) {
    comments <- c(comments, sprintf("# skipped %s: not one capture-history table (strata, covariates or records)", f))
    next
  }
  if (k > max_k) {
    comments <- c(comments, sprintf("# skipped %s: k = %d lists > %d", f, k, max_k))
    next
  }
  if (!all(make.names(lists) == lists)) stop("non-syntactic list names in ", f)
  tab <- full_table(d, lists)
  n <- sum(tab$count)

  pairs <- combn(lists, 2L, simplify = FALSE)
  pair_models <- vapply(pairs, paste, "", collapse = ":")
  models <- c("main", pair_models)
  if (k <= 5L) models <- c(models, paste(pair_models, collapse = " + "))
  for (m in extra_models[[f]]) {
    if (m %in% models) {
      comments <- c(comments, sprintf("# note %s %s: already in the single-pair list, not repeated", f, m))
    } else {
      models <- c(models, m)
    }
  }

  for (model in models) {
    terms <- closure(parse_model(model, lists), lists)
    ## zero-overlap check on every list pair in the (closed) model
    zero <- character()
    for (t in terms) if (length(t) == 2L) {
      if (sum(tab$count[tab[[t[1L]]] == 1 & tab[[t[2L]]] == 1]) == 0)
        zero <- c(zero, paste(t, collapse = ":"))
    }
    if (length(zero)) {
      comments <- c(comments, sprintf("# skipped %s %s: zero overlap for %s",
                                      f, model, paste(zero, collapse = ", ")))
      next
    }
    rhs <- c(lists, vapply(terms, paste, "", collapse = ":"))
    form <- as.formula(paste("count ~", paste(rhs, collapse = " + ")))
    warns <- character()
    fit <- withCallingHandlers(
      glm(form, family = poisson, data = tab, control = ctrl),
      warning = function(w) {
        warns <<- c(warns, conditionMessage(w))
        invokeRestart("muffleWarning")
      })
    ncoef <- length(coef(fit))
    minfit <- min(fitted(fit))
    why <- character()
    if (!fit$converged) why <- c(why, "did not converge")
    if (fit$rank < ncoef || anyNA(coef(fit)))
      why <- c(why, sprintf("rank %d < %d coefficients", fit$rank, ncoef))
    if (minfit < min_fitted_tol)
      why <- c(why, sprintf("minimum fitted value %.3g < %g (IRLS converged: %s, %d iterations)",
                            minfit, min_fitted_tol, fit$converged, fit$iter))
    if (length(why) && length(warns))
      why <- c(why, paste("glm warning:", paste(unique(warns), collapse = "; ")))
    if (!length(why) && length(warns))
      stop("unexpected glm warning for ", f, " ", model, ": ", paste(warns, collapse = "; "))
    if (Sys.getenv("GLM_REFERENCE_DEBUG") != "")
      message(sprintf("%s %s: iter %d, min fitted %.3g", f, model, fit$iter, minfit))
    if (length(why)) {
      comments <- c(comments, sprintf("# skipped %s %s: %s", f, model, paste(why, collapse = "; ")))
      next
    }
    V <- vcov(fit)
    b0 <- unname(coef(fit)[1L])
    m0 <- exp(b0)
    ll <- logLik(fit)
    p <- fit$rank
    vals <- c(n,
              n + m0,
              sqrt(m0 + m0^2 * V[1L, 1L]),
              b0,
              sqrt(V[1L, 1L]),
              as.numeric(ll),
              AIC(fit),
              -2 * as.numeric(ll) + p * log(n),
              deviance(fit),
              df.residual(fit))
    rows <- c(rows, paste(c(f, model, fmt(vals)), collapse = ","))
  }
}

cat(sprintf("# generated by scripts/glm-reference.R with %s\n", R.version.string))
cat("# regenerate: Rscript scripts/glm-reference.R data > tests/data/glm-reference.csv\n")
cat("# glm(count ~ terms, family = poisson, control = glm.control(epsilon = 1e-12, maxit = 100)) on all 2^k - 1 patterns; se = sqrt(m0 + m0^2 * V[1,1]); bic uses n = observed\n")
cat("# df = 0 rows are saturated: their deviance is rounding noise (~1e-14, may be negative); compare it with an absolute tolerance\n")
if (length(comments)) cat(comments, sep = "\n")
cat("file,model,observed,estimate,se,intercept,intercept_se,loglik,aic,bic,deviance,df\n")
cat(paste0(rows, "\n"), sep = "")
