# lcm rounds on Kosovo with a budget of 2000 sweeps a chain: the first
# round (1000 draws 10 apart) spends it; not converged, with the figures
args: -m lcm --max-sweeps 2000 -f csv data/Kosovo.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
