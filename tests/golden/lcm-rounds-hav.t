# lcm with no --samples, --burnin or --thin: rounds until R-hat <= 1.01
# and both ESS >= 400 (here reached: status ok)
args: -m lcm --threads 2 -f csv data/HAV.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
