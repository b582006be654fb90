# lcm with one class (model Mt), HAV
args: -m lcm --classes 1 --samples 500 --burnin 500 --thin 2 -f csv data/HAV.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
