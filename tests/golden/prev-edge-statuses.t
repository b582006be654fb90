# mse-prevalence: a negative count and a zero population give statuses, not numbers
tool: mse-prevalence
args: tests/data/edge-index-statuses.csv
exit: 0
