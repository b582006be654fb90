# mse-table: no-break spaces in HTML
tool: mse-table
args: -f html -t ' ' -p , data/gsi2018.csv
exit: 0
