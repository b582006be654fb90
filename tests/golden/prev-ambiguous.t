# mse-prevalence: two population rows match one row
tool: mse-prevalence
args: -p tests/data/population-twice.csv data/gsi2018.csv
exit: 1
