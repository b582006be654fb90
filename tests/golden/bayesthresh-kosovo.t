# bayesthresh, Kosovo, order 2, the package's defaults (seed 12345).
# MultipleSystemsEstimation 1.2.0 + MCMCpack 1.6-3 give a median of
# 13971.48 (its own Monte Carlo sd about 67; test_bayesthresh checks the
# references with their errors): this case pins our seeded output.
args: -m bayesthresh -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
