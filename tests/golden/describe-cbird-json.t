# cbird frequency data as JSON
tool: mse-describe
args: -f json data/nbcap/cbird.csv
exit: 0
