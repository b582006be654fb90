# mse-table: JSON keeps grouped numbers as strings, plain ones as numbers
tool: mse-table
args: -f json -t ' ' data/gsi2018.csv
exit: 0
