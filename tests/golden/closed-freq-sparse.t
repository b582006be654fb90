# frequencies up to 2 with t = 50: t0 = t, so the Mh rows are fitted (M0, like R, does not converge in 25 iterations)
args: -m closed -t 50 -f csv tests/data/good-nbcap-sparse.csv
exit: 0
