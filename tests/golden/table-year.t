# mse-table: years are never grouped, --text columns as written
tool: mse-table
args: -t , --text population data/gsi2018.csv
exit: 0
