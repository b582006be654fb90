# mse-prevalence: text where a number is needed, located
tool: mse-prevalence
args: -p tests/data/population-one.csv tests/data/estimates-bad-number.csv
exit: 1
