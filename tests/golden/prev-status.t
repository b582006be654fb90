# issue 18: lower > upper, an overflow and a population of 1e-300 get a status, never a number with ok
tool: mse-prevalence
args: -f csv tests/data/bad-prevalence-status.csv
exit: 0
