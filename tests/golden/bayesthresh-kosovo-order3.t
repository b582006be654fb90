# bayesthresh, Kosovo, --max-order 3: triples EXH:ABA:OSCE and
# EXH:OSCE:HRW kept (the package: 11814.25, Monte Carlo sd about 108).
args: -m bayesthresh --max-order 3 -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
