# lcm with a 90% interval
args: -m lcm --classes 2 --samples 100 --burnin 200 --thin 2 -L 0.9 -f csv data/HAV.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
