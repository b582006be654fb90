# -m lcm: the posterior predictive p-value (Freeman-Tukey) and the verdict
tool: mse-check
args: -m lcm -p fit,verdict -f json data/HAV.csv
exit: 0
# Seeded MCMC (rounds until converged, as mse-fit -m lcm): identical here,
# but another GSL or libm may move the draws; 1e-6 keeps a test of the
# numbers (tests/cli/golden.sh).
tolerance: 1e-6
