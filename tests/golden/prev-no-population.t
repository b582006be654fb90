# mse-prevalence: no population column
tool: mse-prevalence
args: tests/data/estimates-trend.csv
exit: 1
