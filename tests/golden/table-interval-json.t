# mse-table --interval: JSON holds the joined cell as a string
tool: mse-table
args: -f json -I estimate,lower,upper -D 3 -c year,estimate tests/data/table-interval.csv
exit: 0
