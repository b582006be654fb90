# bayesthresh, UKdat_5, improper prior, the terms tried written to stdout
# (--terms -) before the estimate: LA:GP has no unit, so it is at -inf
# (the package: 12188.27 with the same pairs).
args: -m bayesthresh --prior improper --terms - -f csv data/UKdat_5.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
