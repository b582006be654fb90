# mse-prevalence: a one-row population table serves every row
tool: mse-prevalence
args: -p tests/data/population-one.csv tests/data/estimates-trend.csv
exit: 0
