# mse-table: --title needs a format for people
tool: mse-table
args: -f csv -T x data/gsi2018.csv
exit: 2
