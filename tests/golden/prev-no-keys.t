# mse-prevalence: no shared key and more than one population row
tool: mse-prevalence
args: -p tests/data/population-nokeys.csv tests/data/estimates-trend.csv
exit: 1
