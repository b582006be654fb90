# bayesthresh with 100 draws a chain: not converged, said in the status
# and on stderr, never a silent number.
args: -m bayesthresh --samples 100 --burnin 100 --max-order 3 -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
