# -m dga: the verdict reads the posterior predictive p-value and the grid
tool: mse-check
args: -m dga -f csv data/Congenital.csv
exit: 0
# dga is exact; the p-value's draws are seeded (taus2, seed 1): identical
# here, another GSL or libm may move them; 1e-6 (tests/cli/golden.sh).
tolerance: 1e-6
