# SPDX-License-Identifier: GPL-3.0-or-later
# closedp-reference.R - rebuilds Rcapture 1.4-4's closed-population models
# (closedp.t, closedp.0) and their profile-likelihood intervals (closedpCI.t,
# closedpCI.0) in base R, as an independent check of lib/closedp.c and
# lib/profile.c.  The designs, the Chao rule, the statistics and the profile
# follow Rcapture 1.4-4's closedp.t, closedp.0 and closedpCI.t,
# which was checked against Rcapture 1.4-4 itself; the fits use base R's
# glm() and the searches R's optimize() and uniroot(), which are the code
# Rcapture calls.  No CRAN package is used.
#
# Usage, from the top of the source tree:
#   Rscript scripts/closedp-reference.R
# writes tests/data/closedp-reference.csv and tests/data/profile-reference.csv.
# The committed files came from R 4.2.2.

options(warn = 1)
dfmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

## Histories in Rcapture's order: cell r <-> v = 2^t - r, occasion 1 the most
## significant bit.
histories <- function(t) {
  v <- (2^t - 1):1
  m <- sapply(seq_len(t), function(j) (v %/% 2^(t - j)) %% 2)
  matrix(m, ncol = t)
}

read_hist <- function(file) {
  d <- read.csv(file, check.names = FALSE)
  lists <- setdiff(names(d), "count")
  t <- length(lists)
  ## strata, covariates or records: not one table of histories
  if (!"count" %in% names(d) ||
      !all(vapply(d[lists], function(x) all(x %in% c(0, 1)), NA)))
    return(NULL)
  v <- as.vector(as.matrix(d[, lists]) %*% 2^(t - seq_len(t)))
  y <- numeric(2^t - 1)
  y[2^t - v] <- d$count
  list(y = y, t = t, H = histories(t), n = sum(d$count))
}

chao_cols <- function(f, upto) {
  if (upto < 3) return(NULL)
  m <- sapply(3:upto, function(j) pmax(f - j + 1, 0))
  m <- matrix(m, nrow = length(f))
  colnames(m) <- paste0("eta", 3:upto)
  m
}

## The columns after the intercept (section 2.1); f = number of captures,
## H = histories (NULL for frequency data), tt = t (or t0 for .0).
design <- function(model, f, H, tt) {
  occ <- function() { m <- H; colnames(m) <- paste0("beta", seq_len(ncol(H))); m }
  hcol <- function(h) switch(h,
    P = cbind(tau = 2^f - 1),
    D = cbind(tau = f^2 / 2),
    G = cbind(tau = log(3.5) - log(3.5 + f)),
    C = chao_cols(f, tt))
  if (model == "M0") return(cbind(beta = f))
  if (model == "Mt") return(occ())
  if (model %in% c("MhC", "MhP", "MhD", "MhG"))
    return(cbind(beta = f, hcol(substr(model, 3, 3))))
  if (model %in% c("MthC", "MthP", "MthD", "MthG"))
    return(cbind(occ(), hcol(substr(model, 4, 4))))
  k <- apply(H, 1, function(r) which(r == 1)[1])
  if (model == "Mb") return(cbind(beta1 = k - 1, beta2 = f - 1))
  if (model == "Mbh")
    return(cbind(eta = 1 - H[, 1], beta1 = k - 1, beta2 = f - 1))
  stop("unknown model ", model)
}

## glm on an explicit intercept column, keeping the warnings (Rcapture's
## glm.call).
fitglm <- function(y, X1, off) {
  W <- NULL
  fit <- withCallingHandlers(
    glm(y ~ 0 + X1, family = poisson, offset = off),
    warning = function(w) {
      W <<- c(W, conditionMessage(w))
      invokeRestart("muffleWarning")
    })
  names(fit$coefficients) <- colnames(X1)
  fit$warn <- W
  fit
}

## Section 2.2: delete the first negative eta after the nca exempt
## coefficients, refit, repeat.
chao_rule <- function(y, X1, off, nca, fit) {
  removed <- character(0)
  warn <- fit$warn
  repeat {
    cf <- coef(fit)
    if (length(cf) <= nca) break
    eta <- cf[-(1:nca)]
    neg <- which(!is.na(eta) & eta < 0)
    if (length(neg) == 0) break
    pos <- nca + neg[1]
    X2 <- X1[, -pos, drop = FALSE]
    refit <- tryCatch(fitglm(y, X2, off), error = function(e) NULL)
    if (is.null(refit)) {
      warn <- c(warn, paste("refit without", colnames(X1)[pos], "failed"))
      break
    }
    removed <- c(removed, colnames(X1)[pos])
    X1 <- X2
    fit <- refit
    warn <- c(warn, fit$warn)
  }
  fit$removed <- removed
  fit$warn <- warn
  fit$X1 <- X1
  fit
}

fit_model <- function(model, y, f, H, tt, t, off, n) {
  X <- design(model, f, H, tt)
  X1 <- cbind(Intercept = 1, X)
  fit <- fitglm(y, X1, off)
  fit$X1 <- X1
  fit$removed <- character(0)
  if (model %in% c("MhC", "MthC")) {
    nca <- if (model == "MhC") 2 else t + 1
    fit <- chao_rule(y, X1, off, nca, fit)
  }
  b <- coef(fit)
  V <- summary(fit)$cov.unscaled
  ## The same final design fitted to a much tighter tolerance: where the
  ## MLE does not exist, N moves (to n or to infinity) instead of staying.
  tight <- suppressWarnings(glm(y ~ 0 + fit$X1, family = poisson,
    offset = off, control = glm.control(epsilon = 1e-15, maxit = 1000)))
  bt <- coef(tight)
  n_tight <- if (model == "Mb") {
    exp(bt[1]) * (1 + exp(bt[3]))^t / (1 + exp(bt[3]) - exp(bt[2]))
  } else if (model == "Mbh") {
    exp(bt[1]) * (1 + exp(bt[4]))^(t - 1) *
      (1 + exp(bt[2] + bt[3]) / (1 + exp(bt[4]) - exp(bt[3])))
  } else n + exp(bt[1])
  if (model == "Mb") {
    A <- 1 + exp(b[3]) - exp(b[2])
    N <- exp(b[1]) * (1 + exp(b[3]))^t / A
    v <- N * c(1, exp(b[2]) / A, t * exp(b[3]) / (1 + exp(b[3])) - exp(b[3]) / A)
    se <- sqrt(drop(t(v) %*% V %*% v) - N)
  } else if (model == "Mbh") {
    A <- 1 + exp(b[4]) - exp(b[3])
    B <- exp(b[2] + b[3])
    G <- exp(b[1]) * (1 + exp(b[4]))^(t - 1)
    N <- G * (1 + B / A)
    v <- G * c(1 + B / A, B / A, B / A + B * exp(b[3]) / A^2,
               (t - 1) * exp(b[4]) / (1 + exp(b[4])) - B * exp(b[4]) / A^2)
    se <- sqrt(drop(t(v) %*% V %*% v) - N)
  } else {
    N <- n + exp(b[1])
    se <- sqrt(exp(b[1]) + exp(2 * b[1]) * V[1, 1])
  }
  ## Section 1.4: the asymptotic bias.
  Xf <- fit$X1
  h <- rowSums((Xf %*% V) * Xf)
  psi <- colSums(Xf * (fitted(fit) * h))
  psi[1] <- psi[1] - 1
  bias <- -0.5 * exp(b[1]) * drop(V %*% psi)[1]
  list(N = unname(N), se = unname(se), dev = fit$deviance,
       df = fit$df.residual, aic = fit$aic,
       bic = fit$aic + (log(n) - 2) * fit$rank,
       bias = unname(bias), conv = fit$converged,
       zero = any(fitted(fit) < 10 * .Machine$double.eps),
       removed = paste(fit$removed, collapse = " "),
       n_tight = unname(n_tight),
       warn = paste(unique(fit$warn), collapse = " | "),
       X1full = X1, fit = fit)
}

## Section 4: the profile likelihood of N on the completed table.  X1 is
## the full design, intercept first; nca > 0 reruns the Chao rule.
profile_design <- function(X1, y, off, n, NP, nca = 0, level = 0.95,
                           fmax = 3) {
  Xa <- rbind(X1, c(1, rep(0, ncol(X1) - 1)))
  oa <- c(off, 0)
  xlogx <- function(x) if (x == 0) 0 else x * log(x)
  ll <- function(N, lobj = 0) {
    n0 <- N - n
    ya <- c(y, n0)
    fit <- fitglm(ya, Xa, oa)
    if (nca > 0) fit <- chao_rule(ya, Xa, oa, nca, fit)
    Np <- sum(ya)
    ct <- if (Np > 100) {
      if (n0 == 0 || n0 == 1) -Np + 0.5 * log(2 * pi * Np)
      else n0 - Np - 0.5 * log(n0 / Np)
    } else lgamma(Np + 1) - lgamma(n0 + 1) + xlogx(n0) - xlogx(Np)
    -fit$deviance / 2 + ct - lobj
  }
  op <- optimize(ll, c(n, 1.5 * NP), tol = 1e-4, maximum = TRUE)
  lstar <- op$objective - qchisq(level, 1) / 2
  lo <- try(uniroot(ll, c(n, op$maximum), lobj = lstar, tol = 1e-4),
            silent = TRUE)
  up <- try(uniroot(ll, c(op$maximum, fmax * NP), lobj = lstar, tol = 1e-4),
            silent = TRUE)
  list(nmax = op$maximum, lmax = op$objective,
       lower = if (inherits(lo, "try-error")) NA else lo$root,
       upper = if (inherits(up, "try-error")) NA else up$root,
       lower_at_n = inherits(lo, "try-error"),
       upper_open = inherits(up, "try-error"), limit = fmax * NP)
}

profile <- function(model, y, f, H, tt, t, off, n, NP) {
  X1 <- cbind(Intercept = 1, design(model, f, H, tt))
  nca <- if (model == "MhC") 2 else if (model == "MthC") t + 1 else 0
  profile_design(X1, y, off, n, NP, nca)
}

## Mb and Mbh, beyond Rcapture (whose closedpCI has no profile for them):
## the same profile, -D(N)/2 plus Cormack's term, where D(N) is the
## deviance of the completed table under the multinomial model with
## first-capture probabilities p1 (occasion 1) and p (later; p1 = p for
## Mb) and recapture probability c, maximised numerically over the three
## on the logit scale -- an independent check of lib/profile.c's closed
## form.
behaviour_profile <- function(model, H, y, t, n, NP, level = 0.95,
                              fmax = 3) {
  f <- rowSums(H)
  k <- apply(H, 1, function(r) which(r == 1)[1])
  logpi <- function(th) {
    p1 <- plogis(th[1])
    p <- if (model == "Mb") p1 else plogis(th[2])
    cc <- plogis(th[3])
    first <- ifelse(k == 1, log(p1), log(1 - p1) + log(p) + (k - 2) * log(1 - p))
    c(first + (f - 1) * log(cc) + (t - k - f + 1) * log(1 - cc),
      log(1 - p1) + (t - 1) * log(1 - p))
  }
  xlogx <- function(x) if (x == 0) 0 else x * log(x)
  ll <- function(N, lobj = 0) {
    n0 <- N - n
    ya <- c(y, n0)
    obj <- function(th) -sum(ifelse(ya > 0, ya * logpi(th), 0))
    op <- optim(c(0, 0, 0), obj, method = "BFGS",
                control = list(reltol = 1e-15, maxit = 10000))
    op <- optim(op$par, obj, method = "Nelder-Mead",
                control = list(reltol = 1e-15, maxit = 10000))
    op <- optim(op$par, obj, method = "BFGS",
                control = list(reltol = 1e-15, maxit = 10000))
    dev <- 2 * (sum(sapply(ya, xlogx)) - xlogx(N) + op$value)
    ct <- if (N > 100) {
      if (n0 == 0 || n0 == 1) -N + 0.5 * log(2 * pi * N)
      else n0 - N - 0.5 * log(n0 / N)
    } else lgamma(N + 1) - lgamma(n0 + 1) + xlogx(n0) - xlogx(N)
    -dev / 2 + ct - lobj
  }
  op <- optimize(ll, c(n, 1.5 * NP), tol = 1e-4, maximum = TRUE)
  lstar <- op$objective - qchisq(level, 1) / 2
  lo <- try(uniroot(ll, c(n, op$maximum), lobj = lstar, tol = 1e-4),
            silent = TRUE)
  up <- try(uniroot(ll, c(op$maximum, fmax * NP), lobj = lstar, tol = 1e-4),
            silent = TRUE)
  list(nmax = op$maximum, lmax = op$objective,
       lower = if (inherits(lo, "try-error")) NA else lo$root,
       upper = if (inherits(up, "try-error")) NA else up$root,
       lower_at_n = inherits(lo, "try-error"),
       upper_open = inherits(up, "try-error"), limit = fmax * NP)
}

models_t <- c("M0", "Mt", "MhC", "MhP", "MhD", "MhG", "MthC", "MthP",
              "MthD", "MthG", "Mb", "Mbh")
models_0 <- c("M0", "MhC", "MhP", "MhD", "MhG")
## Where the Mb and Mbh profiles are checked (numerical maximisation is
## slow on the larger tables).
behaviour_data <- c("hare.csv", "Artificial_3.csv", "HAV.csv", "HIV.csv",
                    "lesbian.csv", "Western.csv", "Kosovo.csv", "UKdat.csv")
profile_models <- c("M0", "Mt", "MhC", "MhP", "MhD", "MhG", "MthC", "MthP",
                    "MthD", "MthG")

rows <- character(0)
prows <- character(0)
add_row <- function(data, t, t0, model, n, r) {
  rows <<- c(rows, paste(data, t, t0, model, n, dfmt(r$N), dfmt(r$se),
    dfmt(r$dev), r$df, dfmt(r$aic), dfmt(r$bic), dfmt(r$bias),
    as.integer(r$conv), as.integer(r$zero),
    if (nchar(r$removed)) r$removed else "-", dfmt(r$n_tight), sep = ","))
}
add_prow <- function(data, t, t0, model, p) {
  prows <<- c(prows, paste(data, t, t0, model, dfmt(p$nmax), dfmt(p$lmax),
    dfmt(p$lower), dfmt(p$upper), as.integer(p$lower_at_n),
    as.integer(p$upper_open), dfmt(p$limit), sep = ","))
}

run <- function(data, models, y, f, H, tt, t, off, n, tlabel, t0label,
                do_profile = TRUE) {
  for (m in models) {
    r <- tryCatch(fit_model(m, y, f, H, tt, t, off, n),
                  error = function(e) NULL)
    if (is.null(r)) {
      cat(data, m, "failed\n", file = stderr())
      next
    }
    add_row(data, tlabel, t0label, m, n, r)
    ## No profile where the MLE does not exist: R's fit stops on its way
    ## to N = n (see N_tight).
    exists <- r$n_tight - n >= 1e-3
    if (do_profile && m %in% profile_models && r$conv && exists) {
      p <- tryCatch(profile(m, y, f, H, tt, t, off, n, r$N),
                    error = function(e) NULL)
      if (!is.null(p)) add_prow(data, tlabel, t0label, m, p)
    }
    if (do_profile && m %in% c("Mb", "Mbh") && r$conv && r$N > n && exists &&
        data %in% behaviour_data) {
      p <- tryCatch(behaviour_profile(m, H, y, t, n, r$N),
                    error = function(e) NULL)
      if (!is.null(p)) add_prow(data, tlabel, t0label, m, p)
    }
  }
}

## closedp.t on every history table of data/.
for (file in sort(Sys.glob("data/*.csv"))) {
  d <- read_hist(file)
  if (is.null(d)) next
  data <- basename(file)
  models <- if (d$t == 2) c("M0", "Mt", "Mb") else models_t
  f <- rowSums(d$H)
  run(data, models, d$y, f, d$H, d$t, d$t, rep(0, length(d$y)), d$n,
      d$t, "-")
}

## closedp.0 on the frequency tables (section 3).
freq <- function(file, t, t0, data) {
  d <- read.csv(file)
  tinf <- is.infinite(t)
  if (tinf) t <- max(d$nbcap)
  if (is.null(t0)) t0 <- t
  fi <- numeric(max(t0, max(d$nbcap)))
  fi[d$nbcap] <- d$count
  n <- sum(d$count)
  i <- t0:1
  y <- fi[i]
  off <- if (tinf) -lgamma(i + 1) else lchoose(t, i)
  models <- if (t0 == 2) "M0" else models_0
  run(data, models, y, i, NULL, t0, t, off, n,
      if (tinf) "inf" else t, t0)
}
freq("data/nbcap/BBS2001.csv", 50, NULL, "nbcap/BBS2001.csv")
freq("data/nbcap/BBS2001.csv", 50, 20, "nbcap/BBS2001.csv")
freq("data/nbcap/cbird.csv", 11, NULL, "nbcap/cbird.csv")
freq("data/nbcap/cbird.csv", 11, 5, "nbcap/cbird.csv")
freq("data/nbcap/ill.csv", Inf, NULL, "nbcap/ill.csv")

## Log-linear models (hierarchical, as lib/model.c builds them): main
## effects plus the given pairs, fitted on all 2^t - 1 cells.
loglinear <- function(file, pairs, label) {
  d <- read_hist(file)
  X <- d$H
  colnames(X) <- paste0("c", seq_len(d$t))
  for (p in pairs) X <- cbind(X, d$H[, p[1]] * d$H[, p[2]])
  X1 <- cbind(Intercept = 1, X)
  off <- rep(0, length(d$y))
  fit <- fitglm(d$y, X1, off)
  NP <- d$n + exp(coef(fit)[1])
  p <- profile_design(X1, d$y, off, d$n, NP)
  add_prow(basename(file), d$t, "-", label, p)
}
loglinear("data/HIV.csv", list(c(1, 2)), "loglinear:c1:c2")
loglinear("data/Western.csv", list(), "loglinear:main")
loglinear("data/Western.csv", list(c(1, 5)), "loglinear:A:E")
loglinear("data/Kosovo.csv", list(), "loglinear:main")

hdr <- paste("# Written by scripts/closedp-reference.R with", R.version.string)
writeLines(c(hdr,
  "data,t,t0,model,n,N,se,deviance,df,aic,bic,bias,converged,zero_fitted,removed,N_tight",
  rows), "tests/data/closedp-reference.csv")
writeLines(c(hdr,
  "data,t,t0,model,nmax,lmax,lower,upper,lower_at_n,upper_open,limit",
  prows), "tests/data/profile-reference.csv")
