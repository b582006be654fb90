# SPDX-License-Identifier: GPL-3.0-or-later
# closed-reference.R - evaluates the closed-form estimators and variances of
# lib/closed.c on UKdat (n1, n2, m from LA and NG; f1, f2, n) in base R, as an
# independent check of the C arithmetic.  Run: Rscript scripts/closed-reference.R
# Values in tests/unit/test_closed.c came from R 4.2.2.
n1<-94;n2<-567;m<-18
cat(sprintf("petersen %.12g var %.12g\n", n1*n2/m, n1*n2*(n1-m)*(n2-m)/m^3))
cat(sprintf("chapman %.12g var %.12g\n", (n1+1)*(n2+1)/(m+1)-1, (n1+1)*(n2+1)*(n1-m)*(n2-m)/((m+1)^2*(m+2))))
f1<-2492;f2<-241;n<-2744
r<-f1/f2
cat(sprintf("chao %.12g se %.12g\n", n+f1^2/(2*f2), sqrt(f2*(r^4/4+r^3+r^2/2))))
cat(sprintf("chaobc %.12g se %.12g\n", n+f1*(f1-1)/(2*(f2+1)), sqrt(f1*(f1-1)/(2*(f2+1))+f1*(2*f1-1)^2/(4*(f2+1)^2)+f1^2*f2*(f1-1)^2/(4*(f2+1)^4))))
l<-2*f2/f1; N<-n/(1-exp(-l))
cat(sprintf("zelt %.12g se %.12g\n", N, sqrt(N*exp(-l)/(1-exp(-l)) + n^2*l^2*exp(-2*l)*(1/f1+1/f2)/(1-exp(-l))^4)))
