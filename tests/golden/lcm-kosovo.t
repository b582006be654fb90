# lcm, Kosovo, short seeded run: diagnostics and warnings
args: -m lcm --samples 200 --burnin 1000 --thin 5 --seed 3 -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
