# dga's MCMC rounds with a budget of 40000 steps a run, spent before the
# runs converge: status not converged, with the figures reached
args: -m dga --nmax 30000 --step 10 --top 0 --max-iterations 40000 -f csv data/UKdat.csv
exit: 0
# Seeded MCMC: identical here, but another GSL or libm may move the draws;
# 1e-6 keeps a test of the numbers (tests/cli/golden.sh).
tolerance: 1e-6
